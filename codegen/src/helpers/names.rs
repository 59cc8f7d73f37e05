//! Names, links and mentions of users and chats (python-telegram-bot's `User.full_name`,
//! `User.mention_html()`, `Chat.effective_name`, ...), over `botapi_runtime::text`.

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn names() -> TokenStream {
    let chat = chat_names(quote!(Chat));
    let chat_full_info = chat_names(quote!(ChatFullInfo));
    quote! {
        impl User {
            /// `first_name` and `last_name`, space-separated.
            pub fn full_name(&self) -> String {
                text::full_name(&self.first_name, self.last_name.as_deref())
            }

            /// `@username` when the user has one, else [`full_name`](Self::full_name).
            pub fn name(&self) -> String {
                text::display_name(self.username.as_deref(), &self.first_name, self.last_name.as_deref())
            }

            /// `https://t.me/<username>` when the user has a username.
            pub fn link(&self) -> Option<String> {
                text::username_link(self.username.as_deref())
            }

            /// An HTML mention (`<a href="tg://user?id=..">name</a>`) showing `name`, or the
            /// user's [`full_name`](Self::full_name) when `None`.
            pub fn mention_html(&self, name: Option<&str>) -> String {
                text::mention_html(self.id, name.unwrap_or(&self.full_name()))
            }

            /// A legacy Markdown mention (`[name](tg://user?id=..)`); see
            /// [`mention_html`](Self::mention_html).
            pub fn mention_markdown(&self, name: Option<&str>) -> String {
                text::mention_markdown(self.id, name.unwrap_or(&self.full_name()), text::MarkdownVersion::V1)
            }

            /// A MarkdownV2 mention (`[name](tg://user?id=..)`, escaped); see
            /// [`mention_html`](Self::mention_html).
            pub fn mention_markdown_v2(&self, name: Option<&str>) -> String {
                text::mention_markdown(self.id, name.unwrap_or(&self.full_name()), text::MarkdownVersion::V2)
            }

            /// An inline keyboard button opening the user's profile, labelled `name` or the
            /// user's [`full_name`](Self::full_name).
            pub fn mention_button(&self, name: Option<&str>) -> InlineKeyboardButton {
                let label = name.map_or_else(|| self.full_name(), str::to_owned);
                InlineKeyboardButton::link(label, format!("tg://user?id={}", self.id))
            }
        }

        #chat
        #chat_full_info

        impl SharedUser {
            /// `first_name` and `last_name`, when the bot asked for names.
            pub fn full_name(&self) -> Option<String> {
                Some(text::full_name(self.first_name.as_deref()?, self.last_name.as_deref()))
            }

            /// `@username` when shared, else [`full_name`](Self::full_name).
            pub fn name(&self) -> Option<String> {
                match self.username.as_deref() {
                    Some(username) => Some(format!("@{username}")),
                    None => self.full_name(),
                }
            }

            /// `https://t.me/<username>` when the username was shared.
            pub fn link(&self) -> Option<String> {
                text::username_link(self.username.as_deref())
            }
        }

        impl ChatShared {
            /// `https://t.me/<username>` when the username was shared.
            pub fn link(&self) -> Option<String> {
                text::username_link(self.username.as_deref())
            }
        }
    }
}

/// The same helpers on `Chat` and `ChatFullInfo`.
fn chat_names(ty: TokenStream) -> TokenStream {
    quote! {
        impl #ty {
            /// The title of a group or channel, else the full name of a private chat.
            pub fn effective_name(&self) -> Option<String> {
                text::effective_name(self.title.as_deref(), self.first_name.as_deref(), self.last_name.as_deref())
            }

            /// `first_name` and `last_name` of a private chat.
            pub fn full_name(&self) -> Option<String> {
                Some(text::full_name(self.first_name.as_deref()?, self.last_name.as_deref()))
            }

            /// `https://t.me/<username>` when the chat has a username.
            pub fn link(&self) -> Option<String> {
                text::username_link(self.username.as_deref())
            }

            /// An HTML mention: of the user of a private chat (by id), or a link to a public
            /// chat (by username) showing `name` or the chat's name. `None` when there is
            /// nothing to link or show (a group without username, a chat without a name).
            pub fn mention_html(&self, name: Option<&str>) -> Option<String> {
                self.mention(name, text::mention_html, text::link_html)
            }

            /// A legacy Markdown mention; see [`mention_html`](Self::mention_html).
            pub fn mention_markdown(&self, name: Option<&str>) -> Option<String> {
                self.mention(
                    name,
                    |id, name| text::mention_markdown(id, name, text::MarkdownVersion::V1),
                    |url, name| text::link_markdown(url, name, text::MarkdownVersion::V1),
                )
            }

            /// A MarkdownV2 mention; see [`mention_html`](Self::mention_html).
            pub fn mention_markdown_v2(&self, name: Option<&str>) -> Option<String> {
                self.mention(
                    name,
                    |id, name| text::mention_markdown(id, name, text::MarkdownVersion::V2),
                    |url, name| text::link_markdown(url, name, text::MarkdownVersion::V2),
                )
            }

            fn mention(
                &self,
                name: Option<&str>,
                user: impl FnOnce(i64, &str) -> String,
                link: impl FnOnce(&str, &str) -> String,
            ) -> Option<String> {
                if self.kind == ChatType::Private {
                    let full_name = self.full_name();
                    return Some(user(self.id, name.or(full_name.as_deref())?));
                }
                let url = self.link()?;
                Some(link(&url, name.or(self.title.as_deref())?))
            }
        }
    }
}
