//! `parse_*_entities` on every object that holds a text with its entities (message text and
//! caption, poll question and explanation, game text, checklist tasks, gifts, ...): found in the
//! spec by the pairing `X` + `X_entities` (or `text` + `entities`).

use botapi_spec::{Object, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::{Context, RUNTIME_OBJECTS};
use crate::names::{field_name, ident};

/// The `(text field, entities field, method prefix)` pairs of an object.
fn pairs(object: &Object) -> Vec<(&str, &str, String)> {
    let fields = object.fields();
    let entities = Type::Array(Box::new(Type::Ref("MessageEntity".into())));
    fields
        .iter()
        .filter(|f| f.ty == entities)
        .filter_map(|f| {
            let (text, prefix) = match f.name.strip_suffix("_entities") {
                Some(text) => (text, format!("{text}_")),
                None if f.name == "entities" => ("text", String::new()),
                None => return None,
            };
            let text = fields.iter().find(|t| t.name == text && t.ty == Type::String)?;
            Some((text.name.as_str(), f.name.as_str(), prefix))
        })
        .collect()
}

pub(super) fn entities(ctx: &Context<'_>) -> TokenStream {
    let impls = ctx
        .spec
        .objects
        .iter()
        .filter(|o| !RUNTIME_OBJECTS.contains(&o.name.as_str()))
        .filter_map(|object| {
            let methods: Vec<TokenStream> = pairs(object)
                .into_iter()
                .map(|(text, list, prefix)| {
                    let text_field = ident(&field_name(text));
                    let list_field = ident(&field_name(list));
                    let (text_req, list_req) = (
                        object.fields().iter().any(|f| f.name == text && f.required),
                        object.fields().iter().any(|f| f.name == list && f.required),
                    );
                    let text_expr = if text_req {
                        quote!(Some(self.#text_field.as_str()))
                    } else {
                        quote!(self.#text_field.as_deref())
                    };
                    let list_expr = if list_req {
                        quote!(Some(self.#list_field.as_slice()))
                    } else {
                        quote!(self.#list_field.as_deref())
                    };
                    let many = ident(&format!("parse_{prefix}entities"));
                    let one = ident(&format!("parse_{prefix}entity"));
                    let many_doc = format!(
                        "Each entity of `{list}` with the part of `{text}` it covers (UTF-16 offsets handled); only entities of the given kinds when `kinds` is given."
                    );
                    let one_doc = format!(
                        "The part of `{text}` that `entity` covers, `None` when it does not fit (UTF-16 offsets handled)."
                    );
                    quote! {
                        #[doc = #many_doc]
                        pub fn #many(&self, kinds: Option<&[&str]>) -> Vec<(&MessageEntity, &str)> {
                            parse_entities(#text_expr, #list_expr, kinds)
                        }

                        #[doc = #one_doc]
                        pub fn #one(&self, entity: &MessageEntity) -> Option<&str> {
                            parse_entity(#text_expr, entity)
                        }
                    }
                })
                .collect();
            if methods.is_empty() {
                return None;
            }
            let name = ident(&object.name);
            Some(quote! {
                impl #name {
                    #(#methods)*
                }
            })
        });
    quote! {
        #(#impls)*

        impl MessageEntity {
            /// `entities` moved by `by` UTF-16 code units (negative moves left), e.g. after
            /// prepending text (python-telegram-bot's `shift_entities`).
            pub fn shift(entities: impl IntoIterator<Item = MessageEntity>, by: i64) -> Vec<MessageEntity> {
                entities
                    .into_iter()
                    .map(|mut entity| {
                        entity.offset += by;
                        entity
                    })
                    .collect()
            }

            /// Joins texts with their entities into one text, each part's entities shifted by
            /// the UTF-16 length of the text before it (python-telegram-bot's `concatenate`).
            pub fn concatenate<'a>(
                parts: impl IntoIterator<Item = (&'a str, &'a [MessageEntity])>,
            ) -> (String, Vec<MessageEntity>) {
                let mut text = String::new();
                let mut entities = Vec::new();
                for (part, part_entities) in parts {
                    let before = i64::try_from(text::utf16_len(&text)).unwrap_or(i64::MAX);
                    entities.extend(MessageEntity::shift(part_entities.iter().cloned(), before));
                    text.push_str(part);
                }
                (text, entities)
            }
        }

        fn parse_entities<'m>(
            text: Option<&'m str>,
            entities: Option<&'m [MessageEntity]>,
            kinds: Option<&[&str]>,
        ) -> Vec<(&'m MessageEntity, &'m str)> {
            let (Some(text), Some(list)) = (text, entities) else { return Vec::new() };
            let views: Vec<text::Entity<'_>> = list.iter().map(MessageEntity::as_text_entity).collect();
            text::parse_entities(text, &views, kinds)
                .into_iter()
                .map(|(index, covered)| (&list[index], covered))
                .collect()
        }

        fn parse_entity<'m>(text: Option<&'m str>, entity: &MessageEntity) -> Option<&'m str> {
            entity.as_text_entity().text(text?)
        }
    }
}
