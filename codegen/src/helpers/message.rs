//! `Message` helpers: links, text and caption rendered back to markup (over
//! `botapi_runtime::text`), and reply parameters quoting a part of the message.

use proc_macro2::TokenStream;
use quote::quote;

/// One `Message` method rendering the text or caption, with its doc.
struct Rendering {
    name: &'static str,
    doc: &'static str,
    caption: bool,
    /// `None` for HTML, else the Markdown version's variant name.
    markdown: Option<&'static str>,
    urled: bool,
}

const RENDERINGS: &[Rendering] = &[
    Rendering {
        name: "text_html",
        doc: "The text with its entities as Telegram HTML.",
        caption: false,
        markdown: None,
        urled: false,
    },
    Rendering {
        name: "text_html_urled",
        doc: "[`text_html`](Self::text_html), with plain URLs also made links.",
        caption: false,
        markdown: None,
        urled: true,
    },
    Rendering {
        name: "caption_html",
        doc: "The caption with its entities as Telegram HTML.",
        caption: true,
        markdown: None,
        urled: false,
    },
    Rendering {
        name: "caption_html_urled",
        doc: "[`caption_html`](Self::caption_html), with plain URLs also made links.",
        caption: true,
        markdown: None,
        urled: true,
    },
    Rendering {
        name: "text_markdown_v2",
        doc: "The text with its entities as MarkdownV2.",
        caption: false,
        markdown: Some("V2"),
        urled: false,
    },
    Rendering {
        name: "text_markdown_v2_urled",
        doc: "[`text_markdown_v2`](Self::text_markdown_v2), with plain URLs also made links.",
        caption: false,
        markdown: Some("V2"),
        urled: true,
    },
    Rendering {
        name: "caption_markdown_v2",
        doc: "The caption with its entities as MarkdownV2.",
        caption: true,
        markdown: Some("V2"),
        urled: false,
    },
    Rendering {
        name: "caption_markdown_v2_urled",
        doc: "[`caption_markdown_v2`](Self::caption_markdown_v2), with plain URLs also made links.",
        caption: true,
        markdown: Some("V2"),
        urled: true,
    },
    Rendering {
        name: "text_markdown",
        doc: "The text with its entities as legacy Markdown; an error for entities it cannot express (underline, strikethrough, spoiler, nesting, ...).",
        caption: false,
        markdown: Some("V1"),
        urled: false,
    },
    Rendering {
        name: "text_markdown_urled",
        doc: "[`text_markdown`](Self::text_markdown), with plain URLs also made links.",
        caption: false,
        markdown: Some("V1"),
        urled: true,
    },
    Rendering {
        name: "caption_markdown",
        doc: "The caption with its entities as legacy Markdown; see [`text_markdown`](Self::text_markdown).",
        caption: true,
        markdown: Some("V1"),
        urled: false,
    },
    Rendering {
        name: "caption_markdown_urled",
        doc: "[`caption_markdown`](Self::caption_markdown), with plain URLs also made links.",
        caption: true,
        markdown: Some("V1"),
        urled: true,
    },
];

fn rendering(r: &Rendering) -> TokenStream {
    let name = crate::names::ident(r.name);
    let doc = r.doc;
    let urled = r.urled;
    let (text, entities) = if r.caption {
        (quote!(self.caption), quote!(self.caption_entities))
    } else {
        (quote!(self.text), quote!(self.entities))
    };
    match r.markdown {
        None => quote! {
            #[doc = #doc]
            pub fn #name(&self) -> Option<String> {
                Some(text::to_html(#text.as_deref()?, &text_entities(#entities.as_deref()), #urled))
            }
        },
        Some(version) => {
            let version = crate::names::ident(version);
            quote! {
                #[doc = #doc]
                pub fn #name(&self) -> Option<Result<String, text::RenderError>> {
                    let entities = text_entities(#entities.as_deref());
                    Some(text::to_markdown(#text.as_deref()?, &entities, text::MarkdownVersion::#version, #urled))
                }
            }
        }
    }
}

pub(super) fn message() -> TokenStream {
    let renderings = RENDERINGS.iter().map(rendering);
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
            /// The message's id (`message_id`).
            pub fn id(&self) -> i64 {
                self.message_id
            }

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

            #(#renderings)*

            /// Where the `index`-th occurrence (from 0) of `quote` starts in the text (or the
            /// caption), in UTF-16 code units, and the message's entities clipped to it with
            /// offsets relative to the quote: what `ReplyParameters` needs to quote that part
            /// (python-telegram-bot's `compute_quote_position_and_entities`).
            pub fn quote_position_and_entities(
                &self,
                quote: &str,
                index: usize,
            ) -> Result<(i64, Vec<MessageEntity>), text::QuoteError> {
                let (content, entities) = match (&self.text, &self.caption) {
                    (Some(text), _) => (text.as_str(), self.entities.as_deref()),
                    (None, Some(caption)) => (caption.as_str(), self.caption_entities.as_deref()),
                    (None, None) => ("", None),
                };
                let list = entities.unwrap_or_default();
                let views: Vec<text::Entity<'_>> = list.iter().map(MessageEntity::as_text_entity).collect();
                let (position, quoted) = text::quote_position_and_entities(content, &views, quote, index)?;
                let entities = quoted
                    .into_iter()
                    .map(|q| {
                        let mut entity = list[q.index].clone();
                        entity.offset = q.offset as i64;
                        entity.length = q.length as i64;
                        entity
                    })
                    .collect();
                Ok((position as i64, entities))
            }

            /// Reply parameters answering this message (add `.chat_id(..)` to reply from
            /// another chat).
            pub fn reply_parameters(&self) -> ReplyParameters {
                ReplyParameters::new(self.message_id)
            }

            /// Reply parameters answering this message by quoting the `index`-th occurrence
            /// (from 0) of `quote` in it, with its position and formatting (see
            /// [`quote_position_and_entities`](Self::quote_position_and_entities)).
            pub fn reply_parameters_quoting(
                &self,
                quote: &str,
                index: usize,
            ) -> Result<ReplyParameters, text::QuoteError> {
                let (position, entities) = self.quote_position_and_entities(quote, index)?;
                let mut parameters = self.reply_parameters().quote(quote).quote_position(position);
                if !entities.is_empty() {
                    parameters = parameters.quote_entities(entities);
                }
                Ok(parameters)
            }
        }
    }
}
