//! `Update::effective_*` and `Sender`, derived from the spec: which field of each update kind
//! holds the user, the chat, the message.

use botapi_spec::{Field, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{field_name, ident, pascal_case};

/// How to read a field of an update kind's payload (bound as `x`).
enum FieldRef {
    /// A required field: the expression is a `&T` (explicitly dereferenced), and the plain
    /// `&field` form for coercion sites.
    Required(TokenStream, TokenStream),
    /// An optional field: the expression is an `Option<&T>`.
    Optional(TokenStream),
}

impl FieldRef {
    /// The field as an `Option<&T>`.
    fn option(&self) -> TokenStream {
        match self {
            FieldRef::Required(e, _) => quote!(Some(#e)),
            FieldRef::Optional(e) => e.clone(),
        }
    }

    /// The field wrapped in a `Sender` variant, as an `Option<Sender>`.
    fn sender(&self, variant: TokenStream) -> TokenStream {
        match self {
            FieldRef::Required(_, plain) => quote!(Some(Sender::#variant(#plain))),
            FieldRef::Optional(e) => quote!(#e.map(Sender::#variant)),
        }
    }
}

/// The field `name` of type `ty` of the object `owner`, if it has one.
fn field_ref(ctx: &Context<'_>, owner: &str, name: &str, ty: &str) -> Option<FieldRef> {
    let field = ctx
        .object(owner)
        .fields()
        .iter()
        .find(|f| f.name == name && f.ty == Type::Ref(ty.into()))?;
    let access = ident(&field_name(&field.name));
    let boxed = ctx.is_boxed(owner, &field.name);
    Some(match (field.required, boxed) {
        (true, true) => FieldRef::Required(quote!(&*x.#access), quote!(&x.#access)),
        (true, false) => FieldRef::Required(quote!(&x.#access), quote!(&x.#access)),
        (false, true) => FieldRef::Optional(quote!(x.#access.as_deref())),
        (false, false) => FieldRef::Optional(quote!(x.#access.as_ref())),
    })
}

pub(super) fn effective(ctx: &Context<'_>) -> TokenStream {
    let update = ctx.object("Update");
    let kinds: Vec<&Field> = update.fields().iter().skip(1).collect();
    let mut users = Vec::new();
    let mut chats = Vec::new();
    let mut messages = Vec::new();
    let mut senders = Vec::new();
    for kind in kinds {
        let Type::Ref(payload) = &kind.ty else { continue };
        let variant = ident(&pascal_case(&kind.name).expect("update kinds are identifiers"));
        let boxed = ctx.update_kind_boxed(kind);
        let user =
            field_ref(ctx, payload, "from", "User").or_else(|| field_ref(ctx, payload, "user", "User"));
        let chat = field_ref(ctx, payload, "chat", "Chat")
            .map(|c| c.option())
            .or_else(|| {
                let message = ctx
                    .object(payload)
                    .fields()
                    .iter()
                    .find(|f| f.name == "message")?;
                (message.ty == Type::Ref("MaybeInaccessibleMessage".into()))
                    .then(|| quote!(x.message.as_deref().map(MaybeInaccessibleMessage::chat)))
            });
        let sender_chat = field_ref(ctx, payload, "sender_chat", "Chat")
            .or_else(|| field_ref(ctx, payload, "actor_chat", "Chat"));
        if let Some(user) = &user {
            let user = user.option();
            users.push(quote!(UpdateKind::#variant(x) => #user,));
        }
        if let Some(chat) = chat {
            chats.push(quote!(UpdateKind::#variant(x) => #chat,));
        }
        if payload == "Message" {
            let message = if boxed {
                quote!(Some(&**x))
            } else {
                quote!(Some(x))
            };
            messages.push(quote!(UpdateKind::#variant(x) => #message,));
        } else if ctx
            .object(payload)
            .fields()
            .iter()
            .any(|f| f.name == "message" && f.ty == Type::Ref("MaybeInaccessibleMessage".into()))
        {
            messages.push(quote!(UpdateKind::#variant(x) => x.message.as_deref().and_then(MaybeInaccessibleMessage::accessible),));
        }
        let sender = match (sender_chat, &user) {
            (Some(FieldRef::Optional(chat)), Some(FieldRef::Required(_, user))) => {
                Some(quote!(Some(#chat.map_or(Sender::User(#user), Sender::Chat))))
            }
            (Some(chat), Some(user)) => {
                let (chat, user) = (chat.sender(quote!(Chat)), user.sender(quote!(User)));
                Some(quote!(#chat.or_else(|| #user)))
            }
            (None, Some(user)) => Some(user.sender(quote!(User))),
            (Some(chat), None) => Some(chat.sender(quote!(Chat))),
            (None, None) => None,
        };
        if let Some(sender) = sender {
            senders.push(quote!(UpdateKind::#variant(x) => #sender,));
        }
    }
    quote! {
        /// Who sent an update: a user, or a chat (messages sent on behalf of a chat, reactions
        /// by an anonymous administrator).
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Sender<'a> {
            /// A user.
            User(&'a User),
            /// A chat acting as the sender.
            Chat(&'a Chat),
        }

        impl Update {
            /// The user who caused this update, whatever its kind (`None` for channel posts, polls,
            /// boosts and kinds without a user).
            pub fn effective_user(&self) -> Option<&User> {
                match &self.kind {
                    #(#users)*
                    _ => None,
                }
            }

            /// The chat this update happened in, whatever its kind (for a callback query, the
            /// chat of its message).
            pub fn effective_chat(&self) -> Option<&Chat> {
                match &self.kind {
                    #(#chats)*
                    _ => None,
                }
            }

            /// The message inside this update: new, edited, channel, business or guest messages,
            /// and the (accessible) message of a callback query.
            pub fn effective_message(&self) -> Option<&Message> {
                match &self.kind {
                    #(#messages)*
                    _ => None,
                }
            }

            /// The sender: the chat a message was sent on behalf of (`sender_chat`,
            /// `actor_chat`) if any, else the effective user.
            pub fn effective_sender(&self) -> Option<Sender<'_>> {
                match &self.kind {
                    #(#senders)*
                    _ => None,
                }
            }
        }
    }
}
