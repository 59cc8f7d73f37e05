//! The one error type of the scraper.
//!
//! Every problem names where it is on the page (section, anchor, field) and what was expected,
//! so that a change in the docs' layout can be fixed from the message alone.

use std::fmt;

/// Something on the docs page the scraper does not understand.
#[derive(Debug)]
pub enum ScrapeError {
    /// The page as a whole is not what was expected (not the docs page, no version, ...).
    Page(String),
    /// An entry of the page has an unexpected structure.
    Structure {
        /// The `<h3>` section, e.g. `Available types`.
        section: String,
        /// The entry's anchor, e.g. `message` (empty when the problem is the heading itself).
        anchor: String,
        /// The field, parameter or variant concerned, e.g. "field `text`".
        item: Option<String>,
        /// What is wrong and what was expected.
        message: String,
    },
    /// The page could not be fetched.
    Fetch(String),
}

impl ScrapeError {
    pub(crate) fn page(message: impl Into<String>) -> ScrapeError {
        ScrapeError::Page(message.into())
    }
}

impl fmt::Display for ScrapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScrapeError::Page(message) => write!(f, "docs page: {message}"),
            ScrapeError::Structure {
                section,
                anchor,
                item,
                message,
            } => {
                write!(f, "in section `{section}`")?;
                if !anchor.is_empty() {
                    write!(f, ", `#{anchor}`")?;
                }
                if let Some(item) = item {
                    write!(f, ", {item}")?;
                }
                write!(f, ": {message}")
            }
            ScrapeError::Fetch(message) => write!(f, "cannot fetch the docs page: {message}"),
        }
    }
}

impl std::error::Error for ScrapeError {}

/// Where in the page something is being parsed; turns messages into [`ScrapeError`]s.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Location<'a> {
    pub(crate) section: &'a str,
    pub(crate) anchor: &'a str,
}

impl Location<'_> {
    /// An error about the entry as a whole.
    pub(crate) fn error(&self, message: impl Into<String>) -> ScrapeError {
        ScrapeError::Structure {
            section: self.section.to_string(),
            anchor: self.anchor.to_string(),
            item: None,
            message: message.into(),
        }
    }

    /// An error about one item of the entry ("field `text`", "variant `ChatMemberOwner`").
    pub(crate) fn item_error(&self, item: impl Into<String>, message: impl Into<String>) -> ScrapeError {
        ScrapeError::Structure {
            section: self.section.to_string(),
            anchor: self.anchor.to_string(),
            item: Some(item.into()),
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_section_anchor_and_item() {
        let at = Location {
            section: "Available types",
            anchor: "message",
        };
        assert_eq!(
            at.item_error("field `text`", "cannot parse type cell `X`")
                .to_string(),
            "in section `Available types`, `#message`, field `text`: cannot parse type cell `X`"
        );
        assert_eq!(
            at.error("expected a table").to_string(),
            "in section `Available types`, `#message`: expected a table"
        );
    }
}
