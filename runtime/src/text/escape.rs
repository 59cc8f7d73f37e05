//! Escaping for the HTML and Markdown parse modes, and user mentions.

use super::MarkdownVersion;

/// Escapes `text` for the `HTML` parse mode, like Python's `html.escape(text)` (which
/// python-telegram-bot uses): `&`, `<`, `>`, `"` and `'` become `&amp;`, `&lt;`, `&gt;`, `&quot;`
/// and `&#x27;`.
///
/// Telegram only requires `&`, `<` and `>` to be escaped; escaping the quotes as well makes the
/// result safe inside attribute values (`href="..."`), and Telegram decodes `&quot;` and numeric
/// entities back to the same characters.
///
/// ```
/// use botapi_runtime::text::escape_html;
/// assert_eq!(escape_html(r#"<b>"Tom" & 'Jerry'</b>"#), "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` for a Markdown parse mode, like python-telegram-bot's
/// `helpers.escape_markdown(text, version, entity_type)`.
///
/// - [`MarkdownVersion::V1`] escapes `_`, `*`, `` ` `` and `[` (and ignores `entity_type`).
///   Legacy Markdown has no escaping *inside* an entity, so this is only right outside entities.
/// - [`MarkdownVersion::V2`] escapes `\`, `_`, `*`, `[`, `]`, `(`, `)`, `~`, `` ` ``, `>`, `#`,
///   `+`, `-`, `=`, `|`, `{`, `}`, `.` and `!`; inside a `"pre"` or `"code"` entity only `\` and
///   `` ` ``; in the URL part of a `"text_link"` or `"custom_emoji"` entity only `\` and `)`.
///
/// ```
/// use botapi_runtime::text::{escape_markdown, MarkdownVersion};
/// assert_eq!(escape_markdown("2*2=4!", MarkdownVersion::V2, None), r"2\*2\=4\!");
/// assert_eq!(escape_markdown("a_b [c]", MarkdownVersion::V1, None), r"a\_b \[c]");
/// assert_eq!(escape_markdown(r"f(\`x`)", MarkdownVersion::V2, Some("code")), r"f(\\\`x\`)");
/// ```
pub fn escape_markdown(text: &str, version: MarkdownVersion, entity_type: Option<&str>) -> String {
    let special: &[char] = match (version, entity_type) {
        (MarkdownVersion::V1, _) => &['_', '*', '`', '['],
        (MarkdownVersion::V2, Some("pre" | "code")) => &['\\', '`'],
        (MarkdownVersion::V2, Some("text_link" | "custom_emoji")) => &['\\', ')'],
        (MarkdownVersion::V2, _) => &[
            '\\', '_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!',
        ],
    };
    escape_chars(text, special)
}

/// Prefixes every character of `text` found in `special` with a backslash.
pub(super) fn escape_chars(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if special.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An HTML mention of a user by id: `<a href="tg://user?id=ID">name</a>`, with `name` escaped
/// (python-telegram-bot's `helpers.mention_html`).
///
/// ```
/// use botapi_runtime::text::mention_html;
/// assert_eq!(mention_html(42, "Tom & Jerry"), r#"<a href="tg://user?id=42">Tom &amp; Jerry</a>"#);
/// ```
pub fn mention_html(user_id: i64, name: &str) -> String {
    format!("<a href=\"tg://user?id={user_id}\">{}</a>", escape_html(name))
}

/// A Markdown mention of a user by id: `[name](tg://user?id=ID)`, with `name` escaped by
/// [`escape_markdown`] (python-telegram-bot's `helpers.mention_markdown`).
///
/// With [`MarkdownVersion::V1`] this keeps python-telegram-bot's behaviour, although legacy
/// Markdown shows backslashes inside a link text literally: prefer V2 for names with `_*`[`.
///
/// ```
/// use botapi_runtime::text::{mention_markdown, MarkdownVersion};
/// assert_eq!(mention_markdown(42, "J. Doe", MarkdownVersion::V2), r"[J\. Doe](tg://user?id=42)");
/// ```
pub fn mention_markdown(user_id: i64, name: &str, version: MarkdownVersion) -> String {
    format!(
        "[{}](tg://user?id={user_id})",
        escape_markdown(name, version, None)
    )
}

/// An HTML link: `<a href="url">text</a>`, with `url` and `text` escaped (the group and channel
/// case of python-telegram-bot's `Chat.mention_html`, with [`username_link`](super::username_link)
/// as the URL).
///
/// ```
/// use botapi_runtime::text::link_html;
/// assert_eq!(link_html("https://t.me/rust", "R&D"), r#"<a href="https://t.me/rust">R&amp;D</a>"#);
/// ```
pub fn link_html(url: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape_html(url), escape_html(text))
}

/// A Markdown link: `[text](url)` (the group and channel case of python-telegram-bot's
/// `Chat.mention_markdown` and `mention_markdown_v2`).
///
/// With [`MarkdownVersion::V2`] the text is escaped with [`escape_markdown`] and the URL's `\`
/// and `)` are escaped. Legacy Markdown cannot escape inside a link, so with
/// [`MarkdownVersion::V1`] both are used as they are, like python-telegram-bot does.
///
/// ```
/// use botapi_runtime::text::{link_markdown, MarkdownVersion};
/// assert_eq!(link_markdown("https://t.me/rust", "Rust.rs", MarkdownVersion::V2), r"[Rust\.rs](https://t.me/rust)");
/// assert_eq!(link_markdown("https://t.me/rust", "Rust.rs", MarkdownVersion::V1), "[Rust.rs](https://t.me/rust)");
/// ```
pub fn link_markdown(url: &str, text: &str, version: MarkdownVersion) -> String {
    match version {
        MarkdownVersion::V1 => format!("[{text}]({url})"),
        MarkdownVersion::V2 => format!(
            "[{}]({})",
            escape_markdown(text, version, None),
            escape_markdown(url, version, Some("text_link"))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MarkdownVersion::{V1, V2};

    #[test]
    fn html() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("a < b > c & d"), "a &lt; b &gt; c &amp; d");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html("👍<"), "👍&lt;");
    }

    #[test]
    fn markdown_v1() {
        assert_eq!(escape_markdown(r"_*`[]()~\.!", V1, None), r"\_\*\`\[]()~\.!");
        // The entity type does not matter in V1.
        assert_eq!(escape_markdown("_`", V1, Some("pre")), r"\_\`");
    }

    #[test]
    fn markdown_v2_every_special_char() {
        let all = r"\_*[]()~`>#+-=|{}.!";
        let escaped = r"\\\_\*\[\]\(\)\~\`\>\#\+\-\=\|\{\}\.\!";
        assert_eq!(escape_markdown(all, V2, None), escaped);
        assert_eq!(escape_markdown(all, V2, Some("bold")), escaped);
        assert_eq!(escape_markdown(all, V2, Some("pre")), r"\\_*[]()~\`>#+-=|{}.!");
        assert_eq!(escape_markdown(all, V2, Some("code")), r"\\_*[]()~\`>#+-=|{}.!");
        assert_eq!(
            escape_markdown(all, V2, Some("text_link")),
            r"\\_*[](\)~`>#+-=|{}.!"
        );
        assert_eq!(
            escape_markdown(all, V2, Some("custom_emoji")),
            r"\\_*[](\)~`>#+-=|{}.!"
        );
        assert_eq!(escape_markdown("ok 👍 ©", V2, None), "ok 👍 ©");
    }

    #[test]
    fn links() {
        assert_eq!(
            link_html("https://x.y/?a=1&b=\"2\"", "<t>"),
            r#"<a href="https://x.y/?a=1&amp;b=&quot;2&quot;">&lt;t&gt;</a>"#
        );
        assert_eq!(
            link_markdown(r"https://x.y/a_(b)\", "a_(b)", V2),
            r"[a\_\(b\)](https://x.y/a_(b\)\\)"
        );
        assert_eq!(
            link_markdown("https://x.y/a_b", "a_b", V1),
            "[a_b](https://x.y/a_b)"
        );
    }

    #[test]
    fn mentions() {
        assert_eq!(
            mention_html(-5, "<b>"),
            r#"<a href="tg://user?id=-5">&lt;b&gt;</a>"#
        );
        assert_eq!(mention_markdown(1, "a_b", V1), r"[a\_b](tg://user?id=1)");
        assert_eq!(mention_markdown(1, "[x](y)", V2), r"[\[x\]\(y\)](tg://user?id=1)");
    }
}
