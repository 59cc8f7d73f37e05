//! The generated `BotCommands` impl: a `from_command` that matches the name and parses the
//! arguments into the variant's fields, and the `setMyCommands` list.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, Type};

use crate::attrs::{self, VariantAttrs};

/// One variant, resolved: its command name, aliases and how its fields are read.
struct Command<'a> {
    variant: &'a syn::Variant,
    name: String,
    attrs: VariantAttrs,
}

pub(crate) fn bot_commands(input: &DeriveInput) -> syn::Result<TokenStream> {
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "`BotCommands` is derived for an enum: one variant per command",
        ));
    };
    let enum_attrs = attrs::enum_attrs(&input.attrs)?;
    let mut commands = Vec::new();
    for variant in &data.variants {
        let attrs = attrs::variant_attrs(&variant.attrs)?;
        let name = attrs
            .rename
            .clone()
            .unwrap_or_else(|| enum_attrs.rename_rule.apply(&variant.ident.to_string()));
        check_name(variant, &name, !attrs.hide)?;
        for alias in &attrs.aliases {
            check_name(variant, alias, false)?;
        }
        if !attrs.hide && attrs.description.as_deref().is_none_or(str::is_empty) {
            return Err(syn::Error::new_spanned(
                &variant.ident,
                "Telegram lists a command only with a description (1-256 characters): add \
                 `#[command(description = \"...\")]`, or `#[command(hide)]` to leave it out of \
                 `bot_commands()`",
            ));
        }
        commands.push(Command { variant, name, attrs });
    }
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let arms = commands
        .iter()
        .map(|c| parse_arm(ident, c))
        .collect::<syn::Result<Vec<_>>>()?;
    let listed = commands.iter().filter(|c| !c.attrs.hide).map(|c| {
        let name = &c.name;
        let description = c.attrs.description.as_deref().unwrap_or_default();
        quote!(::botapi_ext::botapi::types::BotCommand::new(#name, #description))
    });
    let header = match &enum_attrs.description {
        Some(text) => quote!(::core::option::Option::Some(#text)),
        None => quote!(::core::option::Option::None),
    };
    Ok(quote! {
        impl #impl_generics ::botapi_ext::commands::BotCommands for #ident #ty_generics #where_clause {
            fn from_command(
                name: &str,
                args: &str,
            ) -> ::core::result::Result<Self, ::botapi_ext::commands::ParseError> {
                #[allow(unused_imports)]
                use ::botapi_ext::commands::__private as parse;
                #(#arms)*
                ::core::result::Result::Err(parse::unknown(name))
            }

            fn bot_commands() -> ::std::vec::Vec<::botapi_ext::botapi::types::BotCommand> {
                ::std::vec![#(#listed),*]
            }

            fn help_header() -> ::core::option::Option<&'static str> {
                #header
            }
        }
    })
}

/// Telegram's rule for command names: 1-32 letters, digits and underscores; lowercase for the
/// commands listed with `setMyCommands`.
fn check_name(variant: &syn::Variant, name: &str, listed: bool) -> syn::Result<()> {
    let chars_ok = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let case_ok = !listed || !name.chars().any(|c| c.is_ascii_uppercase());
    if (1..=32).contains(&name.len()) && chars_ok && case_ok {
        return Ok(());
    }
    Err(syn::Error::new_spanned(
        &variant.ident,
        format!(
            "`{name}` is not a Telegram command name: 1-32 characters, only lowercase English \
             letters, digits and underscores; use `#[command(rename = \"...\")]`"
        ),
    ))
}

/// `if the name is one of this variant's: return the variant with its parsed fields`.
fn parse_arm(ident: &syn::Ident, command: &Command<'_>) -> syn::Result<TokenStream> {
    let variant = &command.variant.ident;
    let mut names = vec![command.name.clone()];
    names.extend(command.attrs.aliases.iter().cloned());
    let build = match &command.variant.fields {
        Fields::Unit => quote!(parse::no_args(args).map(|()| #ident::#variant)),
        Fields::Unnamed(fields) => {
            let labels: Vec<String> = (1..=fields.unnamed.len())
                .map(|i| format!("argument {i}"))
                .collect();
            let types: Vec<&Type> = fields.unnamed.iter().map(|f| &f.ty).collect();
            let (setup, values) = field_values(command, &labels, &types)?;
            quote!({ #setup ::core::result::Result::Ok(#ident::#variant(#(#values),*)) })
        }
        Fields::Named(fields) => {
            let idents: Vec<&syn::Ident> = fields.named.iter().filter_map(|f| f.ident.as_ref()).collect();
            let labels: Vec<String> = idents.iter().map(|i| i.to_string()).collect();
            let types: Vec<&Type> = fields.named.iter().map(|f| &f.ty).collect();
            let (setup, values) = field_values(command, &labels, &types)?;
            quote!({ #setup ::core::result::Result::Ok(#ident::#variant { #(#idents: #values),* }) })
        }
    };
    let canonical = &command.name;
    Ok(quote! {
        if parse::is(name, &[#(#names),*]) {
            let parsed = || -> ::core::result::Result<Self, ::botapi_ext::commands::ParseError> {
                #build
            };
            return parse::named(#canonical, parsed());
        }
    })
}

/// The expressions that read each field, and the set-up they need. One field takes the whole
/// argument text (so a `String` keeps its spaces); several are split on whitespace, or on the
/// variant's `separator`. `Option` fields may be missing, and only come last.
fn field_values(
    command: &Command<'_>,
    labels: &[String],
    types: &[&Type],
) -> syn::Result<(TokenStream, Vec<TokenStream>)> {
    let optional: Vec<bool> = types.iter().map(|ty| is_option(ty)).collect();
    let required = optional.iter().take_while(|o| !**o).count();
    if optional[required..].iter().any(|o| !o) {
        return Err(syn::Error::new_spanned(
            &command.variant.ident,
            "`Option` arguments may only come after all the required ones",
        ));
    }
    if let ([label], [optional]) = (labels, optional.as_slice()) {
        let read = if *optional {
            quote!(parse::whole_optional(args, #label)?)
        } else {
            quote!(parse::whole(args, #label)?)
        };
        return Ok((TokenStream::new(), vec![read]));
    }
    let separator = match &command.attrs.separator {
        Some(separator) => quote!(::core::option::Option::Some(#separator)),
        None => quote!(::core::option::Option::None),
    };
    let total = labels.len();
    let setup = quote!(let mut parts = parse::Args::split(args, #separator, #required, #total)?;);
    let values = labels
        .iter()
        .zip(&optional)
        .map(|(label, optional)| {
            if *optional {
                quote!(parts.optional(#label)?)
            } else {
                quote!(parts.required(#label)?)
            }
        })
        .collect();
    Ok((setup, values))
}

/// Whether a field's type is written `Option<...>` (the derive sees only the syntax).
fn is_option(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    path.qself.is_none()
        && path.path.segments.last().is_some_and(|s| {
            s.ident == "Option" && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))
        })
}
