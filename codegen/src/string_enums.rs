//! Rendering of string enums, with a catch-all for values from a newer Bot API.

use proc_macro2::TokenStream;
use quote::quote;

use crate::enums::StringEnum;
use crate::names::ident;
use crate::render::doc_attrs;
use crate::types::delegating_serialize;

pub(crate) fn string_enum(e: &StringEnum) -> TokenStream {
    let name = ident(&e.name);
    let used_by: Vec<String> = e.used_by.iter().map(|u| format!("`{u}`")).collect();
    let mut doc = match &e.doc {
        Some(doc) => doc.clone(),
        None => "A documented string value.".to_owned(),
    };
    doc.push_str(&format!("\n\nUsed by {}.", used_by.join(", ")));
    doc.push_str("\n\nConverts from `&str`, so a plain string can be passed wherever it is expected; values this version does not know become [`Self::Other`].");
    let docs = doc_attrs(&doc);
    let variants: Vec<_> = e.values.iter().map(|(_, v)| ident(v)).collect();
    let values: Vec<&str> = e.values.iter().map(|(v, _)| v.as_str()).collect();
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#[doc = #variant_docs] #variants,)*
            /// A value this version of the crate does not know.
            Other(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #values,)*
                    Self::Other(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#values => Self::#variants,)*
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#values => Self::#variants,)*
                    _ => Self::Other(value),
                }
            }
        }

        impl From<#name> for String {
            fn from(value: #name) -> Self {
                match value {
                    #name::Other(value) => value,
                    known => known.as_str().to_owned(),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                de::str_enum(deserializer)
            }
        }
    }
}

/// `MessageOrTrue`: the result of edit methods, which return the edited message, or `true`
/// when the edited message is an inline message.
pub(crate) fn message_or_true() -> TokenStream {
    let serialize = delegating_serialize(&ident("MessageOrTrue"), &[ident("Message"), ident("True")]);
    quote! {
        /// The result of methods that edit a message: the edited [`Message`], or `True` when the
        /// edited message was an inline message (sent via the bot in inline mode).
        #[derive(Debug, Clone, PartialEq)]
        pub enum MessageOrTrue {
            /// The edited message.
            Message(Box<Message>),
            /// An inline message was edited; Telegram returns `true`.
            True(bool),
        }

        impl MessageOrTrue {
            /// The edited message, unless an inline message was edited.
            pub fn message(&self) -> Option<&Message> {
                match self {
                    Self::Message(message) => Some(message),
                    Self::True(_) => None,
                }
            }
        }

        #serialize

        impl<'de> Deserialize<'de> for MessageOrTrue {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = Box::<RawValue>::deserialize(deserializer)?;
                let json = raw.get();
                if json.trim_start().starts_with('{') {
                    Ok(Self::Message(de::from_raw(json)?))
                } else {
                    Ok(Self::True(de::from_raw(json)?))
                }
            }
        }
    }
}
