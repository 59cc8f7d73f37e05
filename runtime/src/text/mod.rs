//! Text helpers of python-telegram-bot, over plain data: escaping for the `HTML`, `Markdown` and
//! `MarkdownV2` parse modes, mentions, deep links, t.me links, display names, UTF-16 entity
//! offsets, and rendering a text with its entities back to markup.
//!
//! The functions take strings and [`Entity`](crate::text::Entity) views rather than the
//! generated types, so that the generated crate can build `Message::text_html()` and friends on
//! top of them.
//!
//! ```
//! use botapi_runtime::text::{to_html, to_markdown, Entity, MarkdownVersion};
//!
//! // "👍" counts as two UTF-16 code units, like in Telegram's offsets.
//! let text = "👍 Visit docs (v2)";
//! let entities = [Entity::new("bold", 0, 8), Entity::new("text_link", 9, 4).url("https://example.com/a_(b)")];
//! assert_eq!(
//!     to_html(text, &entities, false),
//!     r#"<b>👍 Visit</b> <a href="https://example.com/a_(b)">docs</a> (v2)"#
//! );
//! assert_eq!(
//!     to_markdown(text, &entities, MarkdownVersion::V2, false).unwrap(),
//!     r"*👍 Visit* [docs](https://example.com/a_(b\)) \(v2\)"
//! );
//! ```

mod escape;
mod links;
mod quote;
mod render;
mod utf16;

pub use escape::{escape_html, escape_markdown, link_html, link_markdown, mention_html, mention_markdown};
pub use links::{
    DeepLinkError, create_deep_linked_url, display_name, effective_name, full_name, message_link,
    username_link,
};
pub use quote::{QuoteEntity, QuoteError, quote_position_and_entities};
pub use render::{RenderError, rendered_entity_types, to_html, to_markdown};
pub use utf16::{entity_text, parse_entities, utf16_len, utf16_position};

/// The two Markdown dialects of the Bot API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkdownVersion {
    /// The legacy `Markdown` parse mode: bold, italic, code, pre and links, without nesting.
    V1,
    /// The `MarkdownV2` parse mode: every entity kind, nesting, and backslash escapes everywhere.
    V2,
}

/// One message entity, as the renderers need it: a borrowed view of a `MessageEntity`.
///
/// `offset` and `length` are in UTF-16 code units, as Telegram sends them. Only the fields of
/// the entity's kind matter: `url` for `"text_link"`, `user_id` (the `user`'s id) for
/// `"text_mention"`, `language` for `"pre"`, `custom_emoji_id` for `"custom_emoji"`, `unix_time`
/// and `date_time_format` for `"date_time"`.
///
/// ```
/// use botapi_runtime::text::Entity;
/// let link = Entity::new("text_link", 0, 4).url("https://example.com");
/// assert_eq!(link.url, Some("https://example.com"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Entity<'a> {
    /// The entity type, such as `"bold"`, `"text_link"` or `"pre"`.
    pub kind: &'a str,
    /// Start of the entity, in UTF-16 code units.
    pub offset: usize,
    /// Length of the entity, in UTF-16 code units.
    pub length: usize,
    /// For `"text_link"`: the URL opened on tap.
    pub url: Option<&'a str>,
    /// For `"text_mention"`: the id of the mentioned user.
    pub user_id: Option<i64>,
    /// For `"pre"`: the programming language of the block.
    pub language: Option<&'a str>,
    /// For `"custom_emoji"`: the custom emoji's identifier.
    pub custom_emoji_id: Option<&'a str>,
    /// For `"date_time"`: the Unix time shown.
    pub unix_time: Option<i64>,
    /// For `"date_time"`: how to show it (`r`, or a subset of `w`, `d`/`D`, `t`/`T`, in that order).
    pub date_time_format: Option<&'a str>,
}

impl<'a> Entity<'a> {
    /// An entity of `kind` over `length` UTF-16 code units from `offset`, with no other field set.
    pub const fn new(kind: &'a str, offset: usize, length: usize) -> Self {
        Entity {
            kind,
            offset,
            length,
            url: None,
            user_id: None,
            language: None,
            custom_emoji_id: None,
            unix_time: None,
            date_time_format: None,
        }
    }

    /// Sets [`url`](Entity::url).
    pub const fn url(mut self, url: &'a str) -> Self {
        self.url = Some(url);
        self
    }

    /// Sets [`user_id`](Entity::user_id).
    pub const fn user_id(mut self, user_id: i64) -> Self {
        self.user_id = Some(user_id);
        self
    }

    /// Sets [`language`](Entity::language).
    pub const fn language(mut self, language: &'a str) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets [`custom_emoji_id`](Entity::custom_emoji_id).
    pub const fn custom_emoji_id(mut self, custom_emoji_id: &'a str) -> Self {
        self.custom_emoji_id = Some(custom_emoji_id);
        self
    }

    /// Sets [`unix_time`](Entity::unix_time) and [`date_time_format`](Entity::date_time_format).
    pub const fn date_time(mut self, unix_time: i64, format: Option<&'a str>) -> Self {
        self.unix_time = Some(unix_time);
        self.date_time_format = format;
        self
    }

    /// The text this entity covers in `text`, or `None` when its range does not fit (see
    /// [`entity_text`]).
    pub fn text<'t>(&self, text: &'t str) -> Option<&'t str> {
        entity_text(text, self.offset, self.length)
    }
}
