//! Splits inline Markdown into words, links and punctuation.
//!
//! Type cells and return sentences are read as token streams rather than with patterns over the
//! raw text, so that "Array of [Message](#message)" and "the sent [Message](#message) is
//! returned" are read by the same small grammar.

/// One token of inline Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// A run of non-space, non-punctuation characters.
    Word(&'a str),
    /// `[text](href)`.
    Link { text: &'a str, href: &'a str },
    /// `,`, `.`, `;`, `:`, `(`, `)` or a line break (`\n`).
    Punct(char),
}

const PUNCT: [char; 7] = [',', '.', ';', ':', '(', ')', '\n'];

/// Tokens of `text`, in order.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest = text;
    while let Some(ch) = rest.chars().next() {
        if let Some((link, after)) = link(rest) {
            tokens.push(link);
            rest = after;
        } else if PUNCT.contains(&ch) {
            tokens.push(Token::Punct(ch));
            rest = &rest[ch.len_utf8()..];
        } else if ch.is_whitespace() {
            rest = &rest[ch.len_utf8()..];
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || PUNCT.contains(&c) || c == '[')
                .unwrap_or(rest.len())
                .max(ch.len_utf8());
            tokens.push(Token::Word(&rest[..end]));
            rest = &rest[end..];
        }
    }
    tokens
}

/// `[text](href)` at the start of `text`, and what follows it.
fn link(text: &str) -> Option<(Token<'_>, &str)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    let after_text = &inner[close + 2..];
    let end = after_text.find(')')?;
    let link = Token::Link {
        text: &inner[..close],
        href: &after_text[..end],
    };
    Some((link, &after_text[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_links_and_punctuation() {
        use Token::*;
        assert_eq!(
            tokenize("Array of [A](#a), [B b](#b) and C."),
            vec![
                Word("Array"),
                Word("of"),
                Link {
                    text: "A",
                    href: "#a"
                },
                Punct(','),
                Link {
                    text: "B b",
                    href: "#b"
                },
                Word("and"),
                Word("C"),
                Punct('.'),
            ]
        );
        assert_eq!(tokenize("x\ny"), vec![Word("x"), Punct('\n'), Word("y")]);
        assert_eq!(tokenize("[broken"), vec![Word("["), Word("broken")]);
    }
}
