//! The `constants` module: every limit the docs state ("1-4096 characters", "Values between
//! 1-100 are accepted"), scraped into the spec's bounds, by method parameter and object field,
//! plus the python-telegram-bot style names of `spec/helpers.toml`.

use botapi_spec::{BoundUnit, Field, Helpers};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{ident, snake_case};
use crate::render::doc_attrs;

fn number(owner: &str, field: &str, n: Option<&serde_json::Number>) -> TokenStream {
    match n {
        None => quote!(None),
        Some(n) => {
            let value = n.as_i64().unwrap_or_else(|| {
                panic!("{owner}.{field}: bound {n} is not an integer; give Limit a float form in codegen/src/constants.rs")
            });
            quote!(Some(#value))
        }
    }
}

fn unit_variant(unit: BoundUnit) -> TokenStream {
    match unit {
        BoundUnit::Value => quote!(Value),
        BoundUnit::Characters => quote!(Characters),
        BoundUnit::Bytes => quote!(Bytes),
        BoundUnit::Items => quote!(Items),
    }
}

/// A module per method or object with a `Limit` constant per bounded field.
fn by_owner<'s>(
    ctx: &Context<'_>,
    kind: &str,
    owners: impl Iterator<Item = (&'s str, &'s [Field])>,
) -> TokenStream {
    let modules = owners.filter_map(|(owner, fields)| {
        let consts: Vec<TokenStream> = fields
            .iter()
            .filter_map(|f| {
                let bounds = f.facts.bounds.as_ref()?;
                let name = ident(&f.name.to_uppercase());
                let unit = unit_variant(bounds.unit);
                let (min, max) = (
                    number(owner, &f.name, bounds.min.as_ref()),
                    number(owner, &f.name, bounds.max.as_ref()),
                );
                let doc = doc_attrs(&format!("`{owner}.{}`: {}", f.name, ctx.field_doc(f)));
                Some(quote! {
                    #doc
                    pub const #name: Limit = Limit { unit: LimitUnit::#unit, min: #min, max: #max };
                })
            })
            .collect();
        if consts.is_empty() {
            return None;
        }
        let module = ident(&snake_case(owner));
        let doc = format!("Limits of `{owner}`.");
        Some(quote! {
            #[doc = #doc]
            pub mod #module {
                use super::super::{Limit, LimitUnit};
                #(#consts)*
            }
        })
    });
    let doc = format!("Limits of {kind}, by name.");
    let module = ident(kind);
    quote! {
        #[doc = #doc]
        pub mod #module {
            #(#modules)*
        }
    }
}

pub(crate) fn constants(ctx: &Context<'_>, table: &Helpers) -> TokenStream {
    let spec = ctx.spec;
    let named = table.limits.keys().map(|name| {
        let limit = table.limit(spec, name).expect("checked by Helpers::check");
        let field = spec
            .method(&limit.owner)
            .map(|m| m.params.as_slice())
            .or_else(|| spec.object(&limit.owner).map(|o| o.fields()))
            .and_then(|fields| fields.iter().find(|f| f.name == limit.field))
            .expect("checked by Helpers::check");
        let unit = field.facts.bounds.as_ref().expect("checked").unit;
        let which = if limit.max { "maximum" } else { "minimum" };
        let measure = match unit {
            BoundUnit::Value => "value",
            BoundUnit::Characters => "length in characters (UTF-16 code units on Telegram's side)",
            BoundUnit::Bytes => "length in bytes",
            BoundUnit::Items => "number of items",
        };
        let doc = doc_attrs(&format!(
            "The {which} {measure} of `{}.{}`: {}",
            limit.owner,
            limit.field,
            ctx.field_doc(field)
        ));
        let name = ident(name);
        let value = limit.value;
        if unit == BoundUnit::Value {
            quote!(#doc pub const #name: i64 = #value;)
        } else {
            let value = usize::try_from(value).expect("lengths are not negative");
            quote!(#doc pub const #name: usize = #value;)
        }
    });
    let methods = by_owner(
        ctx,
        "methods",
        spec.methods
            .iter()
            .map(|m| (m.name.as_str(), m.params.as_slice())),
    );
    let types = by_owner(
        ctx,
        "types",
        spec.objects.iter().map(|o| (o.name.as_str(), o.fields())),
    );
    quote! {
        //! Every limit the Bot API docs state, as data: by method parameter
        //! (`constants::methods::send_message::TEXT`) and object field
        //! (`constants::types::inline_keyboard_button::CALLBACK_DATA`), and the most used ones by
        //! name (`constants::MAX_MESSAGE_LENGTH`), as python-telegram-bot's `telegram.constants`.
        //!
        //! Lengths in characters count UTF-16 code units, as Telegram does
        //! ([`text::utf16_len`](crate::text::utf16_len)).

        /// What a [`Limit`] bounds.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum LimitUnit {
            /// The numeric value itself.
            Value,
            /// Length in characters (UTF-16 code units).
            Characters,
            /// Length in bytes.
            Bytes,
            /// Number of array items.
            Items,
        }

        /// Inclusive bounds the docs state for a parameter or field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct Limit {
            /// What is bounded.
            pub unit: LimitUnit,
            /// Smallest allowed value or length, when stated.
            pub min: Option<i64>,
            /// Largest allowed value or length, when stated.
            pub max: Option<i64>,
        }

        impl Limit {
            /// Whether `n` (a value, or a length or count in this limit's unit) is allowed.
            pub const fn allows(&self, n: i64) -> bool {
                let above = match self.min {
                    Some(min) => n >= min,
                    None => true,
                };
                let below = match self.max {
                    Some(max) => n <= max,
                    None => true,
                };
                above && below
            }
        }

        #(#named)*

        #methods
        #types
    }
}
