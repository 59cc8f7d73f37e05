//! Rendering a text and its entities back to HTML or Markdown markup.

use std::fmt;

use super::escape::{escape_chars, escape_html, escape_markdown};
use super::utf16::Utf16Map;
use super::{Entity, MarkdownVersion};

/// Why [`to_markdown`] could not express the entities in the requested Markdown version. Only
/// legacy Markdown ([`MarkdownVersion::V1`]) fails.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// Legacy Markdown has no syntax for this entity kind (underline, strikethrough, spoiler,
    /// blockquote, expandable_blockquote, custom_emoji, date_time).
    Unsupported {
        /// Index of the entity in the slice given to [`to_markdown`].
        index: usize,
        /// The entity's kind.
        kind: String,
    },
    /// Legacy Markdown cannot nest entities; this entity contains another one.
    Nested {
        /// Index of the outer entity in the slice given to [`to_markdown`].
        index: usize,
        /// The outer entity's kind.
        kind: String,
    },
    /// The entity's text or URL contains something that legacy Markdown cannot escape inside this
    /// kind of entity (`]` in a link text, `)` in a URL, ```` ``` ```` in a pre block).
    Unescapable {
        /// Index of the entity in the slice given to [`to_markdown`].
        index: usize,
        /// The entity's kind.
        kind: String,
        /// The offending character sequence.
        found: &'static str,
    },
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Unsupported { index, kind } => {
                write!(
                    f,
                    "legacy markdown cannot express {kind} entities (entity {index})"
                )
            }
            RenderError::Nested { index, kind } => {
                write!(
                    f,
                    "legacy markdown cannot nest entities: {kind} entity {index} contains another one"
                )
            }
            RenderError::Unescapable { index, kind, found } => {
                write!(
                    f,
                    "legacy markdown cannot escape {found:?} inside a {kind} entity (entity {index})"
                )
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// What the renderers make of one entity type. Each renderer matches on it without a catch-all,
/// so a variant added here must be given its markup in each of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Markup {
    Bold,
    Italic,
    Underline,
    Strikethrough,
    Spoiler,
    Code,
    Pre,
    Blockquote,
    ExpandableBlockquote,
    TextLink,
    TextMention,
    /// A plain URL: a link only in the `_urled` renderings.
    Url,
    CustomEmoji,
    DateTime,
    /// A kind Telegram detects in plain text by itself (`@mention`, `#hashtag`, ...): it stays
    /// plain text, and Telegram detects it again.
    Detected,
}

/// Every entity type the renderers know, by its API name. A type missing here (one a newer Bot
/// API version added) renders as its plain text, escaped.
const MARKUPS: &[(&str, Markup)] = &[
    ("mention", Markup::Detected),
    ("hashtag", Markup::Detected),
    ("cashtag", Markup::Detected),
    ("bot_command", Markup::Detected),
    ("url", Markup::Url),
    ("email", Markup::Detected),
    ("phone_number", Markup::Detected),
    ("bold", Markup::Bold),
    ("italic", Markup::Italic),
    ("underline", Markup::Underline),
    ("strikethrough", Markup::Strikethrough),
    ("spoiler", Markup::Spoiler),
    ("blockquote", Markup::Blockquote),
    ("expandable_blockquote", Markup::ExpandableBlockquote),
    ("code", Markup::Code),
    ("pre", Markup::Pre),
    ("text_link", Markup::TextLink),
    ("text_mention", Markup::TextMention),
    ("custom_emoji", Markup::CustomEmoji),
    ("date_time", Markup::DateTime),
];

/// The markup of entity type `kind`; `None` for a type the renderers do not know.
fn markup(kind: &str) -> Option<Markup> {
    MARKUPS
        .iter()
        .find(|(name, _)| *name == kind)
        .map(|(_, markup)| *markup)
}

/// The markup `entity` gets in `doc`; `None` where it stays plain text: a detected kind, a plain
/// URL outside the `_urled` renderings, an entity without the field its markup needs, or a type
/// the renderers do not know.
fn effective_markup(doc: &Doc<'_, '_>, entity: &Entity<'_>) -> Option<Markup> {
    let markup = markup(entity.kind)?;
    let marked = match markup {
        Markup::Detected => false,
        Markup::Url => doc.urled,
        Markup::TextLink => entity.url.is_some(),
        Markup::TextMention => entity.user_id.is_some(),
        Markup::CustomEmoji => entity.custom_emoji_id.is_some(),
        Markup::DateTime => entity.unix_time.is_some(),
        Markup::Bold
        | Markup::Italic
        | Markup::Underline
        | Markup::Strikethrough
        | Markup::Spoiler
        | Markup::Code
        | Markup::Pre
        | Markup::Blockquote
        | Markup::ExpandableBlockquote => true,
    };
    marked.then_some(markup)
}

/// The entity types [`to_html`] and [`to_markdown`] know, by their API names (`"bold"`,
/// `"text_link"`, ...): each gets its markup, or stays plain text where Telegram detects it by
/// itself (`"mention"`, `"hashtag"`, ...). Any other type renders as its plain text, escaped.
///
/// ```
/// use botapi_runtime::text::rendered_entity_types;
/// assert!(rendered_entity_types().any(|kind| kind == "spoiler"));
/// ```
pub fn rendered_entity_types() -> impl ExactSizeIterator<Item = &'static str> {
    MARKUPS.iter().map(|(name, _)| *name)
}

/// An entity placed in the entity tree, with its range in snapped UTF-16 positions.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    index: usize,
}

#[derive(Debug)]
struct Node {
    span: Span,
    children: Vec<Node>,
}

/// Sorts spans so that a container comes before what it contains: by start, then longest first,
/// then in the caller's order (so the first of two entities with the same range is the outer).
fn sort_spans(spans: &mut [Span]) {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.index));
}

/// Builds the nesting tree of sorted spans. An entity that overlaps the end of an earlier one
/// without being contained in it is split at that end: one part nested inside, the rest after.
fn build_tree(mut spans: Vec<Span>) -> Vec<Node> {
    let mut nodes = Vec::new();
    while !spans.is_empty() {
        let parent = spans.remove(0);
        let mut inner = Vec::new();
        let mut rest = Vec::new();
        for span in spans {
            if span.start >= parent.end {
                rest.push(span);
            } else if span.end <= parent.end {
                inner.push(span);
            } else {
                inner.push(Span {
                    end: parent.end,
                    ..span
                });
                rest.push(Span {
                    start: parent.end,
                    ..span
                });
            }
        }
        sort_spans(&mut rest);
        spans = rest;
        nodes.push(Node {
            span: parent,
            children: build_tree(inner),
        });
    }
    nodes
}

/// The text with its entity tree, shared by the renderers.
struct Doc<'a, 'e> {
    text: &'a str,
    map: Utf16Map,
    entities: &'a [Entity<'e>],
    urled: bool,
}

impl<'a, 'e> Doc<'a, 'e> {
    fn new(text: &'a str, entities: &'a [Entity<'e>], urled: bool) -> (Self, Vec<Node>) {
        let map = Utf16Map::new(text);
        let mut spans: Vec<Span> = entities
            .iter()
            .enumerate()
            .map(|(index, e)| Span {
                start: map.snap(e.offset),
                end: map.snap(e.offset.saturating_add(e.length)),
                index,
            })
            .filter(|s| s.start < s.end)
            .collect();
        sort_spans(&mut spans);
        (
            Doc {
                text,
                map,
                entities,
                urled,
            },
            build_tree(spans),
        )
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        &self.text[self.map.byte(start)..self.map.byte(end)]
    }
}

/// Renders `text` and its `entities` as HTML for the `HTML` parse mode (python-telegram-bot's
/// `Message.text_html`, or `text_html_urled` when `urled` is true).
///
/// Nested entities become nested tags. Text outside tags is escaped with [`escape_html`]. Plain
/// `url` entities stay plain text unless `urled`, which wraps them in `<a href>`; `mention`,
/// `hashtag`, `email` and other kinds Telegram detects by itself, as well as kinds the renderers
/// do not know (not in [`rendered_entity_types`]: one a newer Bot API version added), are
/// rendered as plain text, with the entities inside them rendered as usual. Entities that overlap without one containing the other (Telegram
/// never sends them) are split so that the tags nest; entities with ranges outside the text are
/// clamped to it.
///
/// The output uses one spelling per entity: `<b>`, `<i>`, `<u>`, `<s>`,
/// `<span class="tg-spoiler">`, `<code>`, `<pre>`, `<pre><code class="language-…">`,
/// `<a href="…">`, `<tg-emoji emoji-id="…">`, `<tg-time unix="…" format="…">`, `<blockquote>`
/// and `<blockquote expandable>`.
///
/// ```
/// use botapi_runtime::text::{to_html, Entity};
/// let text = "Hello, world & co";
/// let entities = [Entity::new("bold", 0, 12), Entity::new("italic", 7, 5)];
/// assert_eq!(to_html(text, &entities, false), "<b>Hello, <i>world</i></b> &amp; co");
/// ```
pub fn to_html(text: &str, entities: &[Entity<'_>], urled: bool) -> String {
    let (doc, nodes) = Doc::new(text, entities, urled);
    let mut out = String::with_capacity(text.len() + 16 * entities.len());
    html_range(&doc, &nodes, 0, doc.map.len(), &mut out);
    out
}

fn html_range(doc: &Doc<'_, '_>, nodes: &[Node], start: usize, end: usize, out: &mut String) {
    let mut pos = start;
    for node in nodes {
        out.push_str(&escape_html(doc.slice(pos, node.span.start)));
        html_node(doc, node, out);
        pos = node.span.end;
    }
    out.push_str(&escape_html(doc.slice(pos, end)));
}

fn html_node(doc: &Doc<'_, '_>, node: &Node, out: &mut String) {
    let Span { start, end, index } = node.span;
    let entity = &doc.entities[index];
    let mut inner = String::new();
    html_range(doc, &node.children, start, end, &mut inner);
    let (open, close) = match effective_markup(doc, entity) {
        Some(Markup::Bold) => ("<b>".to_owned(), "</b>"),
        Some(Markup::Italic) => ("<i>".to_owned(), "</i>"),
        Some(Markup::Underline) => ("<u>".to_owned(), "</u>"),
        Some(Markup::Strikethrough) => ("<s>".to_owned(), "</s>"),
        Some(Markup::Spoiler) => ("<span class=\"tg-spoiler\">".to_owned(), "</span>"),
        Some(Markup::Code) => ("<code>".to_owned(), "</code>"),
        Some(Markup::Pre) => match entity.language.filter(|l| !l.is_empty()) {
            Some(lang) => (
                format!("<pre><code class=\"language-{}\">", escape_html(lang)),
                "</code></pre>",
            ),
            None => ("<pre>".to_owned(), "</pre>"),
        },
        Some(Markup::Blockquote) => ("<blockquote>".to_owned(), "</blockquote>"),
        Some(Markup::ExpandableBlockquote) => ("<blockquote expandable>".to_owned(), "</blockquote>"),
        Some(Markup::TextLink) => (
            format!("<a href=\"{}\">", escape_html(entity.url.unwrap_or_default())),
            "</a>",
        ),
        Some(Markup::TextMention) => (
            format!("<a href=\"tg://user?id={}\">", entity.user_id.unwrap_or_default()),
            "</a>",
        ),
        Some(Markup::Url) => (
            format!("<a href=\"{}\">", escape_html(doc.slice(start, end))),
            "</a>",
        ),
        Some(Markup::CustomEmoji) => (
            format!(
                "<tg-emoji emoji-id=\"{}\">",
                escape_html(entity.custom_emoji_id.unwrap_or_default())
            ),
            "</tg-emoji>",
        ),
        Some(Markup::DateTime) => {
            let mut open = format!("<tg-time unix=\"{}\"", entity.unix_time.unwrap_or_default());
            if let Some(format) = entity.date_time_format.filter(|f| !f.is_empty()) {
                open.push_str(&format!(" format=\"{}\"", escape_html(format)));
            }
            open.push('>');
            (open, "</tg-time>")
        }
        Some(Markup::Detected) | None => (String::new(), ""),
    };
    out.push_str(&open);
    out.push_str(&inner);
    out.push_str(close);
}

/// Renders `text` and its `entities` as Markdown for the `Markdown` ([`MarkdownVersion::V1`]) or
/// `MarkdownV2` ([`MarkdownVersion::V2`]) parse mode (python-telegram-bot's
/// `Message.text_markdown` and `text_markdown_v2`, or their `_urled` variants when `urled` is
/// true).
///
/// MarkdownV2 expresses every entity kind and nesting: `*bold*`, `_italic_`, `__underline__`,
/// `~strikethrough~`, `||spoiler||`, `` `code` ``, ```` ```lang ```` blocks, `[text](url)`,
/// `[text](tg://user?id=…)`, `![👍](tg://emoji?id=…)`, `![text](tg://time?unix=…&format=…)`,
/// `>` quoted lines and `**>`…`||` for expandable quotes (and `**>` for a quote right after
/// another one, which would otherwise continue it). Where an italic and an underline
/// marker would touch (`___`), an empty bold entity `**` is put between them, as the Bot API
/// docs advise, so Telegram reads them back in the right order.
///
/// Legacy Markdown only knows bold, italic, code, pre and links, without nesting inside them;
/// other markup is a [`RenderError`] (plain-text kinds, known or not, may hold other entities). Inside its entities nothing can be escaped: a bold or italic text
/// containing its own marker is closed and reopened around an escaped marker
/// (`_snake_\__case_`), as the Bot API docs show.
///
/// Other entity kinds, text outside entities, overlapping and out-of-range entities are handled
/// as in [`to_html`], with [`escape_markdown`] for the escaping.
///
/// ```
/// use botapi_runtime::text::{to_markdown, Entity, MarkdownVersion};
/// let text = "Hello, world!";
/// let entities = [Entity::new("bold", 0, 12), Entity::new("italic", 7, 5)];
/// assert_eq!(to_markdown(text, &entities, MarkdownVersion::V2, false).unwrap(), r"*Hello, _world_*\!");
/// assert!(to_markdown(text, &entities, MarkdownVersion::V1, false).is_err());
/// ```
pub fn to_markdown(
    text: &str,
    entities: &[Entity<'_>],
    version: MarkdownVersion,
    urled: bool,
) -> Result<String, RenderError> {
    let (doc, nodes) = Doc::new(text, entities, urled);
    let mut out = Md::new(version);
    md_range(&doc, &nodes, 0, doc.map.len(), &mut out)?;
    Ok(out.buf)
}

/// A Markdown output buffer that keeps italic and underline markers apart in MarkdownV2.
struct Md {
    buf: String,
    version: MarkdownVersion,
    /// Whether the last thing pushed, apart from newlines, is a block quotation.
    after_quote: bool,
}

impl Md {
    fn new(version: MarkdownVersion) -> Self {
        Md {
            buf: String::new(),
            version,
            after_quote: false,
        }
    }

    fn push(&mut self, piece: &str) {
        if self.version == MarkdownVersion::V2
            && piece.starts_with('_')
            && ends_with_markup_underscore(&self.buf)
        {
            self.buf.push_str("**");
        }
        if piece.contains(|c| c != '\n') {
            self.after_quote = false;
        }
        self.buf.push_str(piece);
    }

    fn push_escaped(&mut self, text: &str) {
        self.push(&escape_markdown(text, self.version, None));
    }
}

/// Whether `s` ends with an `_` that is markup, not escaped by an odd run of backslashes.
fn ends_with_markup_underscore(s: &str) -> bool {
    let Some(rest) = s.strip_suffix('_') else {
        return false;
    };
    let backslashes = rest.len() - rest.trim_end_matches('\\').len();
    backslashes % 2 == 0
}

fn md_range(
    doc: &Doc<'_, '_>,
    nodes: &[Node],
    start: usize,
    end: usize,
    out: &mut Md,
) -> Result<(), RenderError> {
    let mut pos = start;
    for node in nodes {
        out.push_escaped(doc.slice(pos, node.span.start));
        match out.version {
            MarkdownVersion::V1 => out.push(&md1_node(doc, node)?),
            MarkdownVersion::V2 => md2_node(doc, node, out)?,
        }
        pos = node.span.end;
    }
    out.push_escaped(doc.slice(pos, end));
    Ok(())
}

fn md2_node(doc: &Doc<'_, '_>, node: &Node, out: &mut Md) -> Result<(), RenderError> {
    let Span { start, end, index } = node.span;
    let entity = &doc.entities[index];
    let text = doc.slice(start, end);
    let link = |url: &str| escape_chars(url, &['\\', ')']);
    let code = |text: &str| escape_chars(text, &['\\', '`']);
    let mut inner = Md::new(MarkdownVersion::V2);
    md_range(doc, &node.children, start, end, &mut inner)?;
    let inner = inner.buf;
    let (open, close) = match effective_markup(doc, entity) {
        Some(Markup::Bold) => ("*".to_owned(), "*".to_owned()),
        Some(Markup::Italic) => ("_".to_owned(), "_".to_owned()),
        Some(Markup::Underline) => ("__".to_owned(), "__".to_owned()),
        Some(Markup::Strikethrough) => ("~".to_owned(), "~".to_owned()),
        Some(Markup::Spoiler) => ("||".to_owned(), "||".to_owned()),
        // Nothing can be nested inside code: the children are ignored.
        Some(Markup::Code) => {
            out.push(&format!("`{}`", code(text)));
            return Ok(());
        }
        Some(Markup::Pre) => {
            let lang = entity.language.unwrap_or_default();
            out.push(&format!("```{lang}\n{}```", code(text)));
            return Ok(());
        }
        Some(quote @ (Markup::Blockquote | Markup::ExpandableBlockquote)) => {
            // The quote ends with its line: a final newline goes after the quoted lines.
            let (body, newline) = match inner.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (inner.as_str(), ""),
            };
            let quoted = format!(">{}", body.replace('\n', "\n>"));
            // Quoted lines right after another quotation would extend it: an empty bold entity
            // separates them.
            let separator = if out.after_quote { "**" } else { "" };
            if quote == Markup::Blockquote {
                out.push(&format!("{separator}{quoted}{newline}"));
            } else {
                out.push(&format!("**{quoted}||{newline}"));
            }
            out.after_quote = true;
            return Ok(());
        }
        Some(Markup::TextLink) => (
            "[".to_owned(),
            format!("]({})", link(entity.url.unwrap_or_default())),
        ),
        Some(Markup::TextMention) => (
            "[".to_owned(),
            format!("](tg://user?id={})", entity.user_id.unwrap_or_default()),
        ),
        Some(Markup::Url) => ("[".to_owned(), format!("]({})", link(text))),
        Some(Markup::CustomEmoji) => (
            "![".to_owned(),
            format!(
                "](tg://emoji?id={})",
                link(entity.custom_emoji_id.unwrap_or_default())
            ),
        ),
        Some(Markup::DateTime) => {
            let mut close = format!("](tg://time?unix={}", entity.unix_time.unwrap_or_default());
            if let Some(format) = entity.date_time_format.filter(|f| !f.is_empty()) {
                close.push_str(&format!("&format={}", link(format)));
            }
            close.push(')');
            ("![".to_owned(), close)
        }
        Some(Markup::Detected) | None => (String::new(), String::new()),
    };
    out.push(&open);
    out.push(&inner);
    out.push(&close);
    Ok(())
}

fn md1_node(doc: &Doc<'_, '_>, node: &Node) -> Result<String, RenderError> {
    let Span { start, end, index } = node.span;
    let entity = &doc.entities[index];
    let text = doc.slice(start, end);
    let kind = entity.kind;
    let unescapable = |found| {
        Err(RenderError::Unescapable {
            index,
            kind: kind.to_owned(),
            found,
        })
    };
    let leaf = || {
        if node.children.is_empty() {
            Ok(())
        } else {
            Err(RenderError::Nested {
                index,
                kind: kind.to_owned(),
            })
        }
    };
    // Link texts and URLs end at the first `]` and `)`.
    let link_text = |text: &str| {
        if text.contains(']') {
            unescapable("]")
        } else {
            Ok(text.to_owned())
        }
    };
    Ok(match effective_markup(doc, entity) {
        Some(
            Markup::Underline
            | Markup::Strikethrough
            | Markup::Spoiler
            | Markup::Blockquote
            | Markup::ExpandableBlockquote
            | Markup::CustomEmoji
            | Markup::DateTime,
        ) => {
            return Err(RenderError::Unsupported {
                index,
                kind: kind.to_owned(),
            });
        }
        Some(Markup::Bold) => {
            leaf()?;
            split_around(text, '*')
        }
        Some(Markup::Italic) => {
            leaf()?;
            split_around(text, '_')
        }
        Some(Markup::Code) => {
            leaf()?;
            split_around(text, '`')
        }
        Some(Markup::Pre) => {
            leaf()?;
            if text.contains("```") || text.ends_with('`') {
                return unescapable("```");
            }
            format!("```{}\n{text}```", entity.language.unwrap_or_default())
        }
        Some(Markup::TextLink) => {
            leaf()?;
            let url = entity.url.unwrap_or_default();
            if url.contains(')') {
                return unescapable(")");
            }
            format!("[{}]({url})", link_text(text)?)
        }
        Some(Markup::TextMention) => {
            leaf()?;
            format!(
                "[{}](tg://user?id={})",
                link_text(text)?,
                entity.user_id.unwrap_or_default()
            )
        }
        Some(Markup::Url) if !text.contains([']', ')']) => {
            leaf()?;
            format!("[{text}]({text})")
        }
        // Plain text (a URL Markdown cannot link too, which Telegram links again by itself):
        // it adds no markup, so entities inside it render as if it were not there.
        Some(Markup::Detected | Markup::Url) | None => {
            let mut out = Md::new(MarkdownVersion::V1);
            md_range(doc, &node.children, start, end, &mut out)?;
            out.buf
        }
    })
}

/// Legacy Markdown: wraps `text` in `marker`, closing and reopening the entity around each
/// `marker` character of the text, which is escaped outside it (`*2*\**2=4*` for bold `2*2=4`).
fn split_around(text: &str, marker: char) -> String {
    let mut out = String::new();
    for (i, part) in text.split(marker).enumerate() {
        if i > 0 {
            out.push('\\');
            out.push(marker);
        }
        if !part.is_empty() {
            out.push(marker);
            out.push_str(part);
            out.push(marker);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(spans: &[(usize, usize)]) -> String {
        fn show(nodes: &[Node]) -> String {
            nodes
                .iter()
                .map(|n| {
                    format!(
                        "{}:{}..{}[{}]",
                        n.span.index,
                        n.span.start,
                        n.span.end,
                        show(&n.children)
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        let mut spans: Vec<Span> = spans
            .iter()
            .enumerate()
            .map(|(index, &(start, end))| Span { start, end, index })
            .collect();
        sort_spans(&mut spans);
        show(&build_tree(spans))
    }

    #[test]
    fn tree_nesting_and_splitting() {
        assert_eq!(tree(&[(0, 4), (0, 2)]), "0:0..4[1:0..2[]]");
        // The longer one is the container even when listed second.
        assert_eq!(tree(&[(0, 2), (0, 4)]), "1:0..4[0:0..2[]]");
        // Same range: the first listed is the outer.
        assert_eq!(tree(&[(1, 3), (1, 3)]), "0:1..3[1:1..3[]]");
        // Overlap: the second is split at the end of the first.
        assert_eq!(tree(&[(0, 4), (2, 6)]), "0:0..4[1:2..4[]] 1:4..6[]");
        assert_eq!(tree(&[(2, 6), (0, 4)]), "1:0..4[0:2..4[]] 0:4..6[]");
        // A split remainder that is itself inside a later entity.
        assert_eq!(
            tree(&[(0, 4), (2, 8), (5, 7)]),
            "0:0..4[1:2..4[]] 1:4..8[2:5..7[]]"
        );
    }

    #[test]
    fn markup_underscore() {
        assert!(ends_with_markup_underscore("a_"));
        assert!(ends_with_markup_underscore("_"));
        assert!(!ends_with_markup_underscore(r"a\_"));
        assert!(ends_with_markup_underscore(r"a\\_"));
        assert!(!ends_with_markup_underscore("a"));
    }

    #[test]
    fn legacy_split() {
        assert_eq!(split_around("2*2=4", '*'), r"*2*\**2=4*");
        assert_eq!(split_around("snake_case", '_'), r"_snake_\__case_");
        assert_eq!(split_around("_x_", '_'), r"\__x_\_");
        assert_eq!(split_around("plain", '`'), "`plain`");
    }
}
