//! Object helpers that are not requests: `Update::effective_*`, derived from the spec (which
//! field of each update kind holds the user, the chat, the message), and the `Message` text
//! helpers, thin glue over the hand-written `botapi_runtime::text`.

use botapi_spec::{Field, Type};
use proc_macro2::TokenStream;
use quote::quote;

use crate::context::Context;
use crate::names::{field_name, ident, pascal_case};

pub(crate) fn helpers(ctx: &Context<'_>) -> TokenStream {
    let update = effective(ctx);
    let message = message_text();
    let keyboards = keyboards();
    quote!(#update #message #keyboards)
}

/// Keyboard conveniences: buttons and keyboards without struct literals.
fn keyboards() -> TokenStream {
    quote! {
        impl InlineKeyboardButton {
            /// A button that sends `data` (1-64 bytes) to the bot in a callback query.
            pub fn callback(text: impl Into<String>, data: impl Into<String>) -> Self {
                Self::new(text).callback_data(data)
            }

            /// A button that opens `url`.
            pub fn link(text: impl Into<String>, url: impl Into<String>) -> Self {
                Self::new(text).url(url)
            }
        }

        impl InlineKeyboardMarkup {
            /// A keyboard from rows of buttons.
            pub fn from_rows<R: IntoIterator<Item = InlineKeyboardButton>>(rows: impl IntoIterator<Item = R>) -> Self {
                Self::new(rows.into_iter().map(|row| row.into_iter().collect::<Vec<_>>()).collect::<Vec<_>>())
            }

            /// A keyboard of callback buttons, from rows of `(text, data)` pairs:
            /// `InlineKeyboardMarkup::callbacks([[("Yes", "y"), ("No", "n")]])`.
            pub fn callbacks<T, D, R>(rows: impl IntoIterator<Item = R>) -> Self
            where
                T: Into<String>,
                D: Into<String>,
                R: IntoIterator<Item = (T, D)>,
            {
                Self::from_rows(rows.into_iter().map(|row| {
                    row.into_iter().map(|(text, data)| InlineKeyboardButton::callback(text, data)).collect::<Vec<_>>()
                }))
            }
        }

        impl ReplyKeyboardMarkup {
            /// A reply keyboard of plain text buttons, from rows of texts:
            /// `ReplyKeyboardMarkup::texts([["1", "2"], ["3", "4"]])`.
            pub fn texts<T: Into<String>, R: IntoIterator<Item = T>>(rows: impl IntoIterator<Item = R>) -> Self {
                Self::new(
                    rows.into_iter()
                        .map(|row| row.into_iter().map(KeyboardButton::new).collect::<Vec<_>>())
                        .collect::<Vec<_>>(),
                )
            }
        }
    }
}

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

fn effective(ctx: &Context<'_>) -> TokenStream {
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

/// `Message` helpers over `botapi_runtime::text`.
fn message_text() -> TokenStream {
    quote! {
        impl MessageEntity {
            /// This entity as the text renderer reads it.
            pub fn as_text_entity(&self) -> text::Entity<'_> {
                text::Entity {
                    kind: self.kind.as_str(),
                    offset: usize::try_from(self.offset).unwrap_or(usize::MAX),
                    length: usize::try_from(self.length).unwrap_or(0),
                    url: self.url.as_deref(),
                    user_id: self.user.as_ref().map(|u| u.id),
                    language: self.language.as_deref(),
                    custom_emoji_id: self.custom_emoji_id.as_deref(),
                    unix_time: self.unix_time,
                    date_time_format: self.date_time_format.as_deref(),
                }
            }
        }

        fn text_entities(entities: Option<&[MessageEntity]>) -> Vec<text::Entity<'_>> {
            entities.unwrap_or_default().iter().map(MessageEntity::as_text_entity).collect()
        }

        impl Message {
            /// The id of the chat this message belongs to.
            pub fn chat_id(&self) -> i64 {
                self.chat.id
            }

            /// The `t.me` link to this message: public chats by username, other supergroups and
            /// channels by id; `None` for private chats and basic groups. Topic messages link
            /// into their thread.
            pub fn link(&self) -> Option<String> {
                let thread = if self.is_topic_message == Some(true) { self.message_thread_id } else { None };
                text::message_link(self.chat.id, self.chat.username.as_deref(), self.message_id, thread)
            }

            /// The text with its entities as Telegram HTML.
            pub fn text_html(&self) -> Option<String> {
                Some(text::to_html(self.text.as_deref()?, &text_entities(self.entities.as_deref()), false))
            }

            /// [`text_html`](Self::text_html), with plain URLs also made links.
            pub fn text_html_urled(&self) -> Option<String> {
                Some(text::to_html(self.text.as_deref()?, &text_entities(self.entities.as_deref()), true))
            }

            /// The caption with its entities as Telegram HTML.
            pub fn caption_html(&self) -> Option<String> {
                Some(text::to_html(self.caption.as_deref()?, &text_entities(self.caption_entities.as_deref()), false))
            }

            /// [`caption_html`](Self::caption_html), with plain URLs also made links.
            pub fn caption_html_urled(&self) -> Option<String> {
                Some(text::to_html(self.caption.as_deref()?, &text_entities(self.caption_entities.as_deref()), true))
            }

            /// The text with its entities as MarkdownV2.
            pub fn text_markdown_v2(&self) -> Option<Result<String, text::RenderError>> {
                let entities = text_entities(self.entities.as_deref());
                Some(text::to_markdown(self.text.as_deref()?, &entities, text::MarkdownVersion::V2, false))
            }

            /// The caption with its entities as MarkdownV2.
            pub fn caption_markdown_v2(&self) -> Option<Result<String, text::RenderError>> {
                let entities = text_entities(self.caption_entities.as_deref());
                Some(text::to_markdown(self.caption.as_deref()?, &entities, text::MarkdownVersion::V2, false))
            }

            /// Each entity of the text with the text it covers (UTF-16 offsets handled); entities
            /// of other kinds than `kinds` are left out when `kinds` is given.
            pub fn parse_entities(&self, kinds: Option<&[&str]>) -> Vec<(&MessageEntity, &str)> {
                parse(self.text.as_deref(), self.entities.as_deref(), kinds)
            }

            /// [`parse_entities`](Self::parse_entities) for the caption.
            pub fn parse_caption_entities(&self, kinds: Option<&[&str]>) -> Vec<(&MessageEntity, &str)> {
                parse(self.caption.as_deref(), self.caption_entities.as_deref(), kinds)
            }
        }

        fn parse<'m>(
            text: Option<&'m str>,
            entities: Option<&'m [MessageEntity]>,
            kinds: Option<&[&str]>,
        ) -> Vec<(&'m MessageEntity, &'m str)> {
            let (Some(text), Some(list)) = (text, entities) else { return Vec::new() };
            text::parse_entities(text, &text_entities(Some(list)), kinds)
                .into_iter()
                .map(|(index, covered)| (&list[index], covered))
                .collect()
        }
    }
}
