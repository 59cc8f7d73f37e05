//! The docs' wire-level wording restated in Rust terms: what a field holds as a Rust value,
//! not how Telegram encodes it. Works on spec Markdown, before [`rustdoc`](super::rustdoc).

/// What a documented value is in Rust, as far as its wording is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RustValue {
    /// A `Vec`: "A JSON-serialized list of X" is a list of X.
    List,
    /// A struct or enum: "A JSON-serialized object for X" is X.
    Object,
    /// Anything else, strings included: a String documented as JSON-serialized data does hold
    /// JSON text, so its wording stays.
    Other,
}

/// A field's or parameter's description in Rust terms. `optional` says that the Rust value is
/// an `Option` (or otherwise states its presence), which makes the docs' "*Optional*." redundant.
/// The Boolean literals are left to [`bool_literals`], which applies to every description.
pub(crate) fn field(description: &str, value: RustValue, optional: bool) -> String {
    let text = if optional {
        without_optional(description)
    } else {
        description
    };
    match value {
        RustValue::List | RustValue::Object => without_encoding(text),
        RustValue::Other => text.to_owned(),
    }
}

/// The description without its leading "*Optional*.".
pub(crate) fn without_optional(text: &str) -> &str {
    match text.strip_prefix("*Optional*.") {
        Some(rest) => rest.trim_start(),
        None => text,
    }
}

/// "A JSON-serialized list of X" becomes "A list of X", "A JSON-serialized object for X" just
/// "X", and any other "JSON-serialized object" an object: the Rust value is the list or the
/// object, which the transport encodes. Only phrases led by an article are rewritten.
pub(crate) fn without_encoding(text: &str) -> String {
    const MARK: &str = "JSON-serialized ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = (&rest[..at], &rest[at + MARK.len()..]);
        match restate_encoded(before, after) {
            Some((head, phrase, tail)) => {
                out.push_str(head);
                out.push_str(&phrase);
                rest = tail;
            }
            None => {
                out.push_str(before);
                out.push_str(MARK);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The rewrite of one "<article> JSON-serialized <noun>" (`before` ends with the article,
/// `after` starts with the noun): the text kept before it, the new phrase and the remaining
/// text.
fn restate_encoded<'t>(before: &'t str, after: &'t str) -> Option<(&'t str, String, &'t str)> {
    let article = ["A ", "a "]
        .into_iter()
        .find(|a| before.ends_with(a) && starts_word(before, before.len() - a.len()))?;
    let head = &before[..before.len() - article.len()];
    let capital = article == "A ";
    if let Some(tail) = after.strip_prefix("object for ") {
        // The object is what follows "for": "for new user permissions" -> "New user
        // permissions". After a sentence, it says what that sentence names: "Additional
        // interface options: an inline keyboard, ...".
        let (first, tail) = split_first_char(tail);
        return Some(match head.strip_suffix(". ") {
            Some(sentence) if capital => (sentence, format!(": {first}"), tail),
            _ if capital => (head, first.to_uppercase(), tail),
            _ => (head, first.to_owned(), tail),
        });
    }
    let (noun, tail) = if let Some(tail) = after.strip_prefix("object") {
        ("object", tail)
    } else {
        (
            "list",
            after
                .strip_prefix("list")
                .or_else(|| after.strip_prefix("array"))?,
        )
    };
    let article = match (capital, noun) {
        (true, "object") => "An",
        (false, "object") => "an",
        (true, _) => "A",
        (false, _) => "a",
    };
    Some((head, format!("{article} {noun}"), tail))
}

/// Whether a word starts at byte `at` of `text`.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn split_first_char(text: &str) -> (&str, &str) {
    let len = text.chars().next().map_or(0, char::len_utf8);
    text.split_at(len)
}

/// The docs' Boolean literals (*True*, *False*) as Rust's `true` and `false`: every Boolean
/// and True of the API is a `bool` in this crate. "*True*, if X" reads "`true` if X".
pub(crate) fn bool_literals(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('*') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let literal = [
            ("*True*", "`true`"),
            ("*False*", "`false`"),
            ("*true*", "`true`"),
            ("*false*", "`false`"),
        ]
        .into_iter()
        .find(|(docs, _)| tail.starts_with(docs));
        match literal {
            Some((docs, rust)) => {
                out.push_str(rust);
                rest = &tail[docs.len()..];
                if let Some(after) = rest.strip_prefix(", if ") {
                    out.push_str(" if ");
                    rest = after;
                }
            }
            None => {
                out.push('*');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first sentence of rustdoc Markdown (all of its first line when that is one sentence):
/// a full stop followed by a space ends it, unless it closes an abbreviation ("e.g.") or sits
/// inside a link, a code span or parentheses.
pub(crate) fn summary(text: &str) -> &str {
    let line = text.lines().next().unwrap_or("");
    let bytes = line.as_bytes();
    let (mut depth, mut code, mut escaped) = (0usize, false, false);
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '`' => code = !code,
            '[' | '(' if !code => depth += 1,
            ']' | ')' if !code => depth = depth.saturating_sub(1),
            '.' if !code && depth == 0 && bytes.get(i + 1) == Some(&b' ') => {
                let word = line[..i].rsplit([' ', '(']).next().unwrap_or("");
                if !ABBREVIATIONS.contains(&word) {
                    return &line[..=i];
                }
            }
            _ => {}
        }
    }
    line
}

/// Words the docs abbreviate with a full stop that does not end the sentence.
const ABBREVIATIONS: &[&str] = &["e.g", "i.e", "etc", "vs"];

/// `Update`'s description with its wire-level rule ("At most one of the optional fields can be
/// present") restated as the Rust shape: an id and one `kind`. `None` when the docs no longer
/// state that rule, so that codegen notices instead of keeping stale words.
pub(crate) fn update_description(text: &str) -> Option<String> {
    const RULE: &str = "At most **one** of the optional fields can be present in any given update.";
    let at = text.find(RULE)?;
    Some(format!(
        // Not "[`UpdateKind`]": the shortcut form does not survive escaping, and the explicit
        // one would be a redundant link.
        "{}Its [`kind`](Self::kind) says what happened: one [update kind](UpdateKind), with its \
         payload, per update.{}",
        &text[..at],
        &text[at + RULE.len()..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field's description as codegen renders it: its own rules, then the literals.
    fn field(description: &str, value: RustValue, optional: bool) -> String {
        bool_literals(&super::field(description, value, optional))
    }

    #[test]
    fn optional_is_dropped_where_the_type_says_it() {
        let table = [
            ("*Optional*. Title, for groups", true, "Title, for groups"),
            ("*Optional*.", true, ""),
            ("*Optional*. Title", false, "*Optional*. Title"),
            ("Title, *Optional*. here", true, "Title, *Optional*. here"),
        ];
        for (input, optional, expected) in table {
            assert_eq!(field(input, RustValue::Other, optional), expected, "{input}");
        }
    }

    #[test]
    fn json_serialized_lists_and_objects_read_as_rust_values() {
        let table = [
            (
                "A JSON-serialized list of special entities that appear in message text",
                "A list of special entities that appear in message text",
            ),
            (
                "A JSON-serialized array describing the media to be sent; up to 10 items",
                "A list describing the media to be sent; up to 10 items",
            ),
            (
                "Price breakdown, a JSON-serialized list of components",
                "Price breakdown, a list of components",
            ),
            (
                "A JSON-serialized object for new user permissions",
                "New user permissions",
            ),
            (
                "Additional interface options. A JSON-serialized object for an [inline keyboard](#x), \
                 instructions to remove a reply keyboard",
                "Additional interface options: an [inline keyboard](#x), instructions to remove a \
                 reply keyboard",
            ),
            (
                "A JSON-serialized object for description of the message to reply to",
                "Description of the message to reply to",
            ),
            (
                "A JSON-serialized object containing the parameters of the suggested post",
                "An object containing the parameters of the suggested post",
            ),
            (
                "A JSON-serialized object, describing scope of users",
                "An object, describing scope of users",
            ),
            (
                "Required if *ok* is *True*. A JSON-serialized array of available shipping options.",
                "Required if *ok* is `true`. A list of available shipping options.",
            ),
            // Not an article-led phrase: left as the docs say it.
            (
                "Base64-encoded encrypted JSON-serialized data",
                "Base64-encoded encrypted JSON-serialized data",
            ),
        ];
        for (input, expected) in table {
            assert_eq!(field(input, RustValue::List, false), expected, "{input}");
        }
    }

    #[test]
    fn strings_holding_json_keep_their_wording() {
        let text = "JSON-serialized data about the invoice, which will be shared with the payment provider";
        assert_eq!(field(text, RustValue::Other, false), text);
        let text = "*Optional*. A JSON-serialized object for data about the invoice";
        assert_eq!(
            field(text, RustValue::Other, true),
            "A JSON-serialized object for data about the invoice"
        );
    }

    #[test]
    fn boolean_literals_are_rust_literals() {
        let table = [
            (
                "*Optional*. *True*, if the message is sent to a forum topic",
                "`true` if the message is sent to a forum topic",
            ),
            (
                "Pass *True* to allow up to 1000 messages per second",
                "Pass `true` to allow up to 1000 messages per second",
            ),
            ("Defaults to *false*.", "Defaults to `false`."),
            ("Returns *True* on success.", "Returns `true` on success."),
            (
                "*True*, if voting; pass *False* otherwise",
                "`true` if voting; pass `false` otherwise",
            ),
            (
                "in the *smallest units* of the currency",
                "in the *smallest units* of the currency",
            ),
            ("a * b", "a * b"),
        ];
        for (input, expected) in table {
            assert_eq!(field(input, RustValue::Other, true), expected, "{input}");
        }
    }

    #[test]
    fn a_summary_is_the_first_sentence() {
        let table = [
            (
                "Mode for parsing. See [options](x) for more.",
                "Mode for parsing.",
            ),
            (
                "Sends it [silently](https://t.me/a.b). Users get no sound.",
                "Sends it [silently](https://t.me/a.b).",
            ),
            (
                "Price (e.g. product price, tax, etc.). More.",
                "Price (e.g. product price, tax, etc.).",
            ),
            (
                "Any kind - text, photo, etc. and more. Then.",
                "Any kind - text, photo, etc. and more.",
            ),
            ("Use `a. b` here. Then.", "Use `a. b` here."),
            ("Limits:\n- a. b\n- c", "Limits:"),
            ("No full stop", "No full stop"),
            ("Ends here.", "Ends here."),
        ];
        for (input, expected) in table {
            assert_eq!(summary(input), expected, "{input}");
        }
    }

    #[test]
    fn update_describes_its_kind() {
        let docs = "This [object](#available-types) represents an incoming update.\nAt most **one** of the \
                    optional fields can be present in any given update.";
        let text = update_description(docs).expect("the rule is found");
        assert!(!text.contains("optional fields"), "{text}");
        assert!(text.starts_with(
            "This [object](#available-types) represents an incoming update.\nIts [`kind`](Self::kind)"
        ));
        assert_eq!(
            update_description("This object represents an incoming update."),
            None
        );
    }
}
