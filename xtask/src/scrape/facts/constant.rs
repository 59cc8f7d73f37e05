//! Pinned values: "The member's status in the chat, always “creator”", "Type of the result,
//! must be *article*".
//!
//! Only the last clause of the first sentence counts, and only a quoted or emphasized value:
//! "Always 0. The field can be used to ..." (InaccessibleMessage.date) and "Currently, always
//! “XTR”" (in a later sentence) state how things are today, not a tag.

use crate::scrape::text::sentences;

/// The value the description pins the field to, if any.
pub(crate) fn constant(description: &str) -> Option<String> {
    let first = *sentences(description).first()?;
    let clause = first.strip_suffix('.').unwrap_or(first);
    const FORMS: [(&str, char); 3] = [(", always “", '”'), (", must be “", '”'), (", must be *", '*')];
    for (prefix, close) in FORMS {
        let Some(start) = clause.rfind(prefix) else {
            continue;
        };
        let Some(value) = clause[start + prefix.len()..].strip_suffix(close) else {
            continue;
        };
        if !value.is_empty() && !value.contains(['“', '”', '*', ' ']) {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pinned_values() {
        let cases = [
            (
                "The member's status in the chat, always “creator”",
                Some("creator"),
            ),
            (
                "Type of the message origin, always “hidden_user”",
                Some("hidden_user"),
            ),
            ("Type of the result, must be *article*", Some("article")),
            (
                "Scope type, must be *all_private_chats*",
                Some("all_private_chats"),
            ),
            ("Error source, must be *data*", Some("data")),
            ("Type of the block, always “pre”.", Some("pre")),
            (
                "Always 0. The field can be used to differentiate regular and inaccessible messages.",
                None,
            ),
            (
                "Three-letter ISO 4217 currency code, or “XTR” for payments in Telegram Stars. \
                 Currently, always “XTR”.",
                None,
            ),
            (
                "*Optional*. Pass *True* if ... Always *False* for replies in another chat.",
                None,
            ),
            (
                "Type of the chat, can be either “private”, “group”, “supergroup” or “channel”",
                None,
            ),
            (
                "Format of the sticker, must be one of “static”, “animated”, “video”",
                None,
            ),
            ("Text, must be *bold text*", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(constant(text).as_deref(), want, "{text}");
        }
    }
}
