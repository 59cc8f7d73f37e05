//! Small helpers over description Markdown shared by the prose readers.

/// Sentences of a description: split after a period followed by a space, a line break or the
/// end, and at line breaks. "e.g." and "i.e." do not end a sentence. A period directly followed
/// by an uppercase letter also ends one ("True is returned.No more than 50 results": a missing
/// space in the docs).
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let bytes = line.as_bytes();
        let mut start = 0;
        for i in 0..bytes.len() {
            if bytes[i] != b'.' {
                continue;
            }
            let next = bytes.get(i + 1).copied();
            let ends = match next {
                None | Some(b' ') => true,
                Some(b) => b.is_ascii_uppercase() && bytes[..i].last().is_some_and(u8::is_ascii_lowercase),
            };
            let abbreviation = line[..=i].ends_with("e.g.") || line[..=i].ends_with("i.e.");
            if ends && !abbreviation {
                push_trimmed(&mut out, &line[start..=i]);
                start = i + 1;
            }
        }
        push_trimmed(&mut out, &line[start..]);
    }
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, sentence: &'a str) {
    let sentence = sentence.trim();
    if !sentence.is_empty() {
        out.push(sentence);
    }
}

/// Values in curly quotes (“private”), in order.
pub(crate) fn quoted(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else { break };
        out.push(&after[..close]);
        rest = &after[close + '”'.len_utf8()..];
    }
    out
}

/// The text of `*x*` emphasis spans that look like wire values (`typing`, `upload_photo`), in
/// order. Bold (`**x**`) is skipped.
pub(crate) fn emphasized_values(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('*') {
        if rest[open..].starts_with("**") {
            // Skip bold entirely.
            let after = &rest[open + 2..];
            rest = after.find("**").map_or("", |close| &after[close + 2..]);
            continue;
        }
        let after = &rest[open + 1..];
        let Some(close) = after.find('*') else { break };
        let value = &after[..close];
        if is_wire_value(value) {
            out.push(value);
        }
        rest = &after[close + 1..];
    }
    out
}

/// `snake_case` words, as the API's string constants are written.
pub(crate) fn is_wire_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && value.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Finds `needle` in `haystack` ignoring ASCII case; returns the byte offset.
pub(crate) fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let cases: [(&str, &[&str]); 6] = [
            ("One. Two.", &["One.", "Two."]),
            (
                "Defaults to 0, i.e. usual polling. Next",
                &["Defaults to 0, i.e. usual polling.", "Next"],
            ),
            ("Use `a.b` here. Then", &["Use `a.b` here.", "Then"]),
            ("True is returned.No more", &["True is returned.", "No more"]),
            ("Files of type **.WEBP** only", &["Files of type **.WEBP** only"]),
            ("line one\nline two", &["line one", "line two"]),
        ];
        for (text, want) in cases {
            assert_eq!(sentences(text), want, "{text}");
        }
    }

    #[test]
    fn finds_quoted_and_emphasized_values() {
        assert_eq!(quoted("can be “a”, “b c” or “🎲”"), ["a", "b c", "🎲"]);
        assert_eq!(quoted("no quotes"), Vec::<&str>::new());
        assert_eq!(quoted("“open"), Vec::<&str>::new());
        assert_eq!(
            emphasized_values("*typing* for x, *upload_photo* or **bold** and *True*, *a b*"),
            ["typing", "upload_photo"]
        );
    }
}
