//! Phase one: walk the docs page into raw sections and entries.
//!
//! The content of `#dev_page_content` is flat: an `<h3>` opens a section, an `<h4>` opens an
//! entry, and the paragraphs, lists and tables that follow belong to that entry until the next
//! heading. Nothing is interpreted here beyond that grouping; text is already Markdown.

use scraper::{CaseSensitivity, ElementRef, Html, Selector};

use super::error::ScrapeError;
use super::markdown;

/// The docs page, grouped by heading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawDoc {
    pub(crate) sections: Vec<RawSection>,
}

/// An `<h3>` and everything up to the next one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawSection {
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) entries: Vec<RawEntry>,
}

/// An `<h4>` and the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawEntry {
    pub(crate) title: String,
    pub(crate) anchor: String,
    pub(crate) blocks: Vec<RawBlock>,
}

/// One block element of an entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawBlock {
    /// A paragraph or block quote, as Markdown.
    Text(String),
    /// A list: the Markdown of each item.
    List { ordered: bool, items: Vec<String> },
    /// A table: header texts and the Markdown of each cell.
    Table(RawTable),
    /// An illustration (`<div class="blog_image_wrap">`), a rule (`<hr>`) or a script: page
    /// furniture that carries no API facts.
    Decoration,
    /// Any other element (`pre`, `div`, `h6`, ...), kept by tag name and as Markdown.
    Other { tag: String, markdown: String },
}

/// A table, cells as Markdown.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawTable {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

impl RawBlock {
    /// The block as Markdown, for descriptions.
    pub(crate) fn markdown(&self) -> String {
        match self {
            RawBlock::Text(text) => text.clone(),
            RawBlock::List { ordered, items } => markdown::list(*ordered, items),
            RawBlock::Table(table) => table.headers.join(" | "),
            RawBlock::Decoration => String::new(),
            RawBlock::Other { markdown, .. } => markdown.clone(),
        }
    }
}

/// Groups the content of `#dev_page_content` by `<h3>` and `<h4>`.
pub(crate) fn extract(html: &str) -> Result<RawDoc, ScrapeError> {
    let document = Html::parse_document(html);
    let content = Selector::parse("#dev_page_content").expect("static selector");
    let Some(content) = document.select(&content).next() else {
        return Err(ScrapeError::page(
            "no `#dev_page_content` element: is this the Bot API docs page?",
        ));
    };

    let mut sections: Vec<RawSection> = Vec::new();
    for element in content.children().filter_map(ElementRef::wrap) {
        let tag = element.value().name();
        match tag {
            "h3" => sections.push(RawSection {
                title: heading_text(element),
                anchor: heading_anchor(element, "")?,
                entries: Vec::new(),
            }),
            "h4" => {
                let Some(section) = sections.last_mut() else {
                    return Err(ScrapeError::page("an <h4> comes before the first <h3>"));
                };
                let anchor = heading_anchor(element, &section.title)?;
                section.entries.push(RawEntry {
                    title: heading_text(element),
                    anchor,
                    blocks: Vec::new(),
                });
            }
            _ => {
                // Blocks before the first <h4> of a section are its introduction, which holds no
                // API items; the blockquote before the first <h3> is the page's tagline.
                let Some(entry) = sections.last_mut().and_then(|s| s.entries.last_mut()) else {
                    continue;
                };
                entry.blocks.push(raw_block(element));
            }
        }
    }
    Ok(RawDoc { sections })
}

fn raw_block(element: ElementRef<'_>) -> RawBlock {
    match element.value().name() {
        "p" | "blockquote" => RawBlock::Text(markdown::block(element)),
        name @ ("ul" | "ol") => RawBlock::List {
            ordered: name == "ol",
            items: markdown::list_items(element),
        },
        "table" => RawBlock::Table(raw_table(element)),
        "hr" | "script" => RawBlock::Decoration,
        "div"
            if element
                .value()
                .has_class("blog_image_wrap", CaseSensitivity::CaseSensitive) =>
        {
            RawBlock::Decoration
        }
        name => RawBlock::Other {
            tag: name.to_string(),
            markdown: markdown::block(element),
        },
    }
}

fn raw_table(table: ElementRef<'_>) -> RawTable {
    let th = Selector::parse("th").expect("static selector");
    let tr = Selector::parse("tr").expect("static selector");
    let headers = table
        .select(&th)
        .map(|cell| cell.text().collect::<String>().trim().to_string())
        .collect();
    let rows = table
        .select(&tr)
        .map(|row| {
            row.children()
                .filter_map(ElementRef::wrap)
                .filter(|cell| cell.value().name() == "td")
                .map(markdown::inline)
                .collect::<Vec<_>>()
        })
        // The header row has no <td>.
        .filter(|cells| !cells.is_empty())
        .collect();
    RawTable { headers, rows }
}

fn heading_text(heading: ElementRef<'_>) -> String {
    heading
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The `name` of the heading's `<a class="anchor">`.
fn heading_anchor(heading: ElementRef<'_>, section: &str) -> Result<String, ScrapeError> {
    let anchor = Selector::parse("a.anchor").expect("static selector");
    heading
        .select(&anchor)
        .next()
        .and_then(|a| a.value().attr("name"))
        .map(str::to_string)
        .ok_or_else(|| ScrapeError::Structure {
            section: section.to_string(),
            anchor: String::new(),
            item: None,
            message: format!(
                "heading `{}` has no `<a class=\"anchor\" name=...>`",
                heading_text(heading)
            ),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<html><body><div id=\"dev_page_content\">{body}</div></body></html>")
    }

    fn h(level: u8, anchor: &str, title: &str) -> String {
        format!(
            "<h{level}><a class=\"anchor\" name=\"{anchor}\" href=\"#{anchor}\"><i class=\"anchor-icon\"></i></a>{title}</h{level}>"
        )
    }

    #[test]
    fn groups_blocks_under_headings() {
        let html = page(&format!(
            "<blockquote><p>tagline</p></blockquote>{}<p>intro</p>{}<p>Desc</p><table><thead><tr><th>Field</th><th>Type</th></tr></thead><tbody><tr><td>a</td><td><a href=\"#b\">B</a></td></tr></tbody></table><ul><li>x</li></ul>{}<pre>code</pre>",
            h(3, "types", "Available types"),
            h(4, "user", "User"),
            h(4, "b", "B"),
        ));
        let doc = extract(&html).unwrap();
        assert_eq!(doc.sections.len(), 1);
        let section = &doc.sections[0];
        assert_eq!(
            (section.title.as_str(), section.anchor.as_str()),
            ("Available types", "types")
        );
        assert_eq!(section.entries.len(), 2);
        let user = &section.entries[0];
        assert_eq!((user.title.as_str(), user.anchor.as_str()), ("User", "user"));
        assert_eq!(
            user.blocks,
            vec![
                RawBlock::Text("Desc".into()),
                RawBlock::Table(RawTable {
                    headers: vec!["Field".into(), "Type".into()],
                    rows: vec![vec!["a".into(), "[B](#b)".into()]],
                }),
                RawBlock::List {
                    ordered: false,
                    items: vec!["x".into()]
                },
            ]
        );
        assert_eq!(
            section.entries[1].blocks,
            vec![RawBlock::Other {
                tag: "pre".into(),
                markdown: "```\ncode\n```".into()
            }]
        );
    }

    #[test]
    fn rejects_pages_without_content() {
        let err = extract("<html><body><p>hi</p></body></html>").unwrap_err();
        assert!(err.to_string().contains("#dev_page_content"), "{err}");
    }

    #[test]
    fn rejects_headings_without_anchor() {
        let err = extract(&page(&format!("{}<h4>User</h4>", h(3, "t", "Available types")))).unwrap_err();
        assert!(err.to_string().contains("heading `User` has no"), "{err}");
        assert!(err.to_string().contains("Available types"), "{err}");
    }
}
