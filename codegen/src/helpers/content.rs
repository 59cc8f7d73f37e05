//! What a message is: [`MessageType`] (python-telegram-bot's `effective_message_type`), with
//! its split into content and service kinds, and `Attachment` (its `effective_attachment`), from
//! the spec's `Message` fields and the `[message]` table of `spec/helpers.toml`.

use botapi_spec::{Field, Helpers, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{field_name, ident, pascal_case};
use crate::render::doc_attrs;

pub(super) fn content(ctx: &Context<'_>, table: &Helpers) -> TokenStream {
    let types = table.message_types(ctx.spec).expect("checked by Helpers::check");
    let message_type = message_type(ctx, table, &types);
    let attachments: Vec<&Field> = table
        .message
        .attachments
        .iter()
        .map(|name| {
            *types
                .iter()
                .find(|f| &f.name == name)
                .expect("checked by Helpers::check")
        })
        .collect();
    let attachment = attachment(ctx, &attachments);
    quote!(#message_type #attachment)
}

fn variant(field: &Field) -> proc_macro2::Ident {
    ident(&pascal_case(&field.name).expect("Message fields are identifiers"))
}

/// The field as an `Option<&T>` (`Option<&[T]>` for arrays), read from `self`.
fn read(ctx: &Context<'_>, field: &Field) -> TokenStream {
    assert!(
        !field.required,
        "Message.{} is a message type but required: revisit spec/helpers.toml",
        field.name
    );
    let access = ident(&field_name(&field.name));
    if ctx.is_boxed("Message", &field.name) || matches!(field.ty, Type::Array(_)) {
        quote!(self.#access.as_deref())
    } else {
        quote!(self.#access.as_ref())
    }
}

fn message_type(ctx: &Context<'_>, table: &Helpers, types: &[&Field]) -> TokenStream {
    let variants = types.iter().map(|f| {
        let docs = doc_attrs(&ctx.field_doc(f));
        let v = variant(f);
        quote!(#docs #v,)
    });
    let names = types.iter().map(|f| {
        let (v, name) = (variant(f), &f.name);
        quote!(Self::#v => #name,)
    });
    let (service, content): (Vec<&Field>, Vec<&Field>) =
        types.iter().partition(|f| table.message.is_service(&f.name));
    let service_variants = service.iter().map(|f| variant(f));
    let content_variants = content.iter().map(|f| variant(f));
    let checks = types.iter().map(|f| {
        let v = variant(f);
        let value = read(ctx, f);
        // A `True` flag counts when set, a list when it has items (python-telegram-bot tests
        // truthiness).
        let present = match &f.ty {
            Type::Boolean | Type::True => quote!(#value == Some(&true)),
            Type::Array(_) => quote!(#value.is_some_and(|items| !items.is_empty())),
            _ => quote!(#value.is_some()),
        };
        quote! {
            if #present {
                return Some(MessageType::#v);
            }
        }
    });
    quote! {
        /// What a message is: the name of its content field (python-telegram-bot's
        /// `MessageType`), as returned by [`Message::effective_message_type`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum MessageType {
            #(#variants)*
        }

        impl MessageType {
            /// The kinds of ordinary messages: a text, a medium, a poll, an invoice, ..., in the
            /// docs' order.
            pub const CONTENT: &'static [MessageType] = &[#(Self::#content_variants),*];

            /// The kinds of service messages, which say what happened in the chat (members
            /// joined, a message was pinned, a topic was created, ...), in the docs' order:
            /// python-telegram-bot's `filters.StatusUpdate` family.
            pub const SERVICE: &'static [MessageType] = &[#(Self::#service_variants),*];

            /// The content field's API name (`text`, `photo`, `new_chat_members`, ...).
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#names)*
                }
            }

            /// Whether this is a service message kind (one of [`SERVICE`](Self::SERVICE)), rather
            /// than ordinary content (one of [`CONTENT`](Self::CONTENT)).
            pub fn is_service(self) -> bool {
                Self::SERVICE.contains(&self)
            }
        }

        impl std::fmt::Display for MessageType {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Message {
            /// What this message is: its first content field present, in the docs' order
            /// (`text`, `photo`, `new_chat_members`, ...); `None` for a message with no content
            /// this version knows (python-telegram-bot's `effective_message_type`).
            pub fn effective_message_type(&self) -> Option<MessageType> {
                #(#checks)*
                None
            }
        }

        impl Update {
            /// The [`MessageType`] of the update's [`effective_message`](Update::effective_message).
            pub fn effective_message_type(&self) -> Option<MessageType> {
                self.effective_message()?.effective_message_type()
            }
        }
    }
}

fn attachment(ctx: &Context<'_>, attachments: &[&Field]) -> TokenStream {
    let variants = attachments.iter().map(|f| {
        let v = variant(f);
        let doc = format!("The message's `{}`.", f.name);
        let ty = match &f.ty {
            Type::Array(inner) => {
                let inner = ctx.value_type("Message", f, inner);
                quote!(&'a [#inner])
            }
            ty => {
                let ty = ctx.value_type("Message", f, ty);
                quote!(&'a #ty)
            }
        };
        quote!(#[doc = #doc] #v(#ty),)
    });
    let checks = attachments.iter().map(|f| {
        let v = variant(f);
        let value = read(ctx, f);
        quote! {
            if let Some(value) = #value {
                return Some(Attachment::#v(value));
            }
        }
    });
    quote! {
        /// The one media or data object a message carries, as returned by
        /// [`Message::effective_attachment`].
        #[derive(Debug, Clone, Copy, PartialEq)]
        #[non_exhaustive]
        pub enum Attachment<'a> {
            #(#variants)*
        }

        impl Message {
            /// The media or data object of this message (photo sizes, document, sticker,
            /// location, poll, invoice, ...), or `None` for text and service messages
            /// (python-telegram-bot's `effective_attachment`).
            pub fn effective_attachment(&self) -> Option<Attachment<'_>> {
                #(#checks)*
                None
            }
        }
    }
}
