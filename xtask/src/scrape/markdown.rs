//! HTML -> Markdown for descriptions.
//!
//! Only what the Bot API page uses: links, emphasis, code, line breaks, lists, images (emoji)
//! and block quotes. Links to other entries stay references (`[Message](#message)`), every other
//! link is made absolute so that the Markdown reads the same outside the docs page.
//! Text is not Markdown-escaped: the descriptions are plain prose, and escaping for rustdoc is
//! the generator's business.

use scraper::{ElementRef, Node};

/// Where relative links on the docs page point to.
const SITE: &str = "https://core.telegram.org";

/// The Markdown of a block element (`p`, `blockquote`, `ul`, `ol`, `td`, `li`, ...).
pub(crate) fn block(element: ElementRef<'_>) -> String {
    match element.value().name() {
        name @ ("ul" | "ol") => list(name == "ol", &list_items(element)),
        "blockquote" => blockquote(element),
        "pre" => format!("```\n{}\n```", element.text().collect::<String>().trim_end()),
        _ => inline(element),
    }
}

/// The Markdown of each `<li>` of a list, in order.
pub(crate) fn list_items(list: ElementRef<'_>) -> Vec<String> {
    list.children()
        .filter_map(ElementRef::wrap)
        .filter(|li| li.value().name() == "li")
        .map(inline)
        .collect()
}

/// A list in Markdown: `- item` (or `1. item`) lines.
pub(crate) fn list(ordered: bool, items: &[String]) -> String {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| list_line(ordered, i, item))
        .collect::<Vec<_>>()
        .join("\n")
}

fn list_line(ordered: bool, index: usize, item: &str) -> String {
    let marker = if ordered {
        format!("{}. ", index + 1)
    } else {
        "- ".to_string()
    };
    // Continuation lines of an item (after a <br>) are indented under the marker.
    let indent = " ".repeat(marker.len());
    let mut out = marker;
    for (i, line) in item.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&indent);
        }
        out.push_str(line);
    }
    out
}

/// A block quote: its child blocks, each line prefixed with `> `.
fn blockquote(element: ElementRef<'_>) -> String {
    let mut blocks = Vec::new();
    let mut loose = String::new();
    for child in element.children() {
        match ElementRef::wrap(child) {
            Some(el) if is_block(el.value().name()) => {
                push_loose(&mut blocks, &mut loose);
                blocks.push(block(el));
            }
            Some(el) => render_element(el, &mut loose),
            None => render_text_node(child.value(), &mut loose),
        }
    }
    push_loose(&mut blocks, &mut loose);
    blocks
        .join("\n\n")
        .lines()
        .map(|line| {
            if line.is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn push_loose(blocks: &mut Vec<String>, loose: &mut String) {
    let text = tidy(loose);
    if !text.is_empty() {
        blocks.push(text);
    }
    loose.clear();
}

fn is_block(name: &str) -> bool {
    matches!(name, "p" | "ul" | "ol" | "blockquote" | "pre" | "table" | "div")
}

/// The inline Markdown of an element's content, whitespace collapsed and trimmed.
pub(crate) fn inline(element: ElementRef<'_>) -> String {
    let mut out = String::new();
    render_children(element, &mut out);
    tidy(&out)
}

fn render_children(element: ElementRef<'_>, out: &mut String) {
    for child in element.children() {
        match ElementRef::wrap(child) {
            Some(el) => render_element(el, out),
            None => render_text_node(child.value(), out),
        }
    }
}

fn render_text_node(node: &Node, out: &mut String) {
    if let Node::Text(text) = node {
        push_collapsed(out, text);
    }
}

/// Appends text with every run of whitespace collapsed to one space (as a browser shows it).
fn push_collapsed(out: &mut String, text: &str) {
    for ch in text.chars() {
        if ch.is_whitespace() && ch != '\u{a0}' {
            if !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
}

fn render_element(element: ElementRef<'_>, out: &mut String) {
    let el = element.value();
    match el.name() {
        "br" => {
            trim_end_spaces(out);
            out.push('\n');
        }
        "a" => {
            let text = inline(element);
            match el.attr("href") {
                Some(href) if !text.is_empty() => {
                    out.push('[');
                    out.push_str(&text);
                    out.push_str("](");
                    out.push_str(&absolute(href));
                    out.push(')');
                }
                _ => out.push_str(&text),
            }
        }
        "em" | "i" => wrap(element, "*", out),
        "strong" | "b" => wrap(element, "**", out),
        "code" => {
            let code: String = element.text().collect();
            let fence = if code.contains('`') { "``" } else { "`" };
            out.push_str(fence);
            out.push_str(&code);
            out.push_str(fence);
        }
        "img" => out.push_str(el.attr("alt").unwrap_or_default()),
        "ul" | "ol" | "blockquote" | "pre" | "p" => {
            // A block inside inline content (a list in a table cell): start it on its own line.
            trim_end_spaces(out);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&block(element));
            out.push('\n');
        }
        _ => render_children(element, out),
    }
}

/// `*text*` / `**text**`, keeping surrounding whitespace outside the markers (Markdown does not
/// allow `* x*`).
fn wrap(element: ElementRef<'_>, marker: &str, out: &mut String) {
    let mut inner = String::new();
    render_children(element, &mut inner);
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        push_collapsed(out, &inner);
        return;
    }
    if inner.starts_with(char::is_whitespace) {
        push_collapsed(out, " ");
    }
    out.push_str(marker);
    out.push_str(trimmed);
    out.push_str(marker);
    if inner.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

fn trim_end_spaces(out: &mut String) {
    let len = out.trim_end_matches(' ').len();
    out.truncate(len);
}

/// Trims every line and the whole text; drops the spaces the collapsing left around newlines.
fn tidy(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Makes a docs-page link absolute; in-page anchors (`#message`) stay as they are.
pub(crate) fn absolute(href: &str) -> String {
    if href.starts_with('#') || href.contains("://") || href.starts_with("mailto:") || href.starts_with("tg:")
    {
        href.to_string()
    } else if href.starts_with("//") {
        format!("https:{href}")
    } else if href.starts_with('/') {
        format!("{SITE}{href}")
    } else {
        // Relative to the page itself, https://core.telegram.org/bots/api.
        format!("{SITE}/bots/{href}")
    }
}

#[cfg(test)]
mod tests {
    use scraper::{Html, Selector};

    use super::*;

    fn md(html: &str) -> String {
        let doc = Html::parse_fragment(&format!("<div id=\"t\">{html}</div>"));
        let root = doc.select(&Selector::parse("#t > *").unwrap()).next().unwrap();
        block(root)
    }

    #[test]
    fn converts_inline_markup() {
        let cases = [
            (
                "<p>A <a href=\"#message\">Message</a>.</p>",
                "A [Message](#message).",
            ),
            (
                "<p>See <a href=\"/bots/features#x\">features</a></p>",
                "See [features](https://core.telegram.org/bots/features#x)",
            ),
            ("<p><a href=\"https://t.me/x\">@x</a></p>", "[@x](https://t.me/x)"),
            ("<p><em>Optional</em>. Text</p>", "*Optional*. Text"),
            (
                "<p><i>x</i> and <strong>y</strong> and <b>z</b></p>",
                "*x* and **y** and **z**",
            ),
            ("<p>Use <code>&quot;HTML&quot;</code></p>", "Use `\"HTML\"`"),
            ("<p>one<br>two</p>", "one\ntwo"),
            ("<p>Dice <img alt=\"🎲\" src=\"x.png\"> now</p>", "Dice 🎲 now"),
            ("<p>a &amp; b &lt;c&gt; &#39;d&#39;</p>", "a & b <c> 'd'"),
            ("<p>  spaced\n   out  </p>", "spaced out"),
            ("<p>x<em> y</em></p>", "x *y*"),
            (
                "<ul><li>one</li><li><a href=\"#a\">A</a></li></ul>",
                "- one\n- [A](#a)",
            ),
            ("<ol><li>one</li><li>two</li></ol>", "1. one\n2. two"),
            (
                "<blockquote><p>Note</p><p>Two</p></blockquote>",
                "> Note\n>\n> Two",
            ),
        ];
        for (html, want) in cases {
            assert_eq!(md(html), want, "{html}");
        }
    }

    #[test]
    fn makes_links_absolute() {
        assert_eq!(absolute("#x"), "#x");
        assert_eq!(absolute("/bots/api#x"), "https://core.telegram.org/bots/api#x");
        assert_eq!(absolute("https://a.b/c"), "https://a.b/c");
        assert_eq!(absolute("//t.me/x"), "https://t.me/x");
        assert_eq!(absolute("webapps"), "https://core.telegram.org/bots/webapps");
    }
}
