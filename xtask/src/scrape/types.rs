//! Type cells ("Integer or String", "Array of Array of [PhotoSize](#photosize)") -> [`Type`].
//!
//! The grammar, over [`tokenize`] tokens:
//!
//! ```text
//! type  := alt ("or" alt)*
//! alt   := "Array" "of" list | atom
//! list  := alt (("," | "and" | "or") alt)*       -- "Array of A, B and C" = Array(A | B | C)
//! atom  := Integer | Float ["number"] | String | Boolean | True | [Object](#anchor)
//! ```
//!
//! After "Array of", every following alternative belongs to the element type: the docs only
//! write lists of alternatives there, never "Array of X or Y" meaning "(Array of X) or Y".

use std::collections::HashMap;

use botapi_spec::Type;

use super::tokens::{Token, tokenize};

/// Object names by anchor (`message` -> `Message`), to resolve links.
pub(crate) type Objects = HashMap<String, String>;

const EXPECTED: &str = "expected Integer, Float, String, Boolean, True, `Array of ...`, \
                        a link to an object, or alternatives joined by `or`";

/// Parses a type cell, as Markdown.
pub(crate) fn parse_type(cell: &str, objects: &Objects) -> Result<Type, String> {
    let tokens = tokenize(cell);
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
        objects,
    };
    let fail = |reason: String| format!("cannot parse type cell `{cell}`: {reason}");
    let ty = parser.alternatives(&["or"]).map_err(fail)?;
    if let Some(token) = parser.peek() {
        return Err(fail(format!(
            "unexpected {} after `{ty}`; {EXPECTED}",
            describe(token)
        )));
    }
    Ok(ty)
}

struct Parser<'t, 'a> {
    tokens: &'t [Token<'a>],
    pos: usize,
    objects: &'t Objects,
}

impl<'a> Parser<'_, 'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.pos).copied()
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if self.peek() == Some(Token::Word(word)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// `alt (sep alt)*` where `sep` is one of `separators` (words) or a comma when allowed.
    fn alternatives(&mut self, separators: &[&str]) -> Result<Type, String> {
        let mut alts = vec![self.alt()?];
        loop {
            let comma = separators.contains(&",") && self.peek() == Some(Token::Punct(','));
            let word = separators.iter().any(|sep| self.peek() == Some(Token::Word(sep)));
            if !(comma || word) {
                break;
            }
            self.pos += 1;
            // "A, B, and C": a comma may be followed by "and".
            if comma {
                self.eat_word("and");
            }
            alts.push(self.alt()?);
        }
        Ok(if alts.len() == 1 {
            alts.remove(0)
        } else {
            Type::OneOf(alts)
        })
    }

    fn alt(&mut self) -> Result<Type, String> {
        if self.eat_word("Array") {
            if !self.eat_word("of") {
                return Err(format!("expected `of` after `Array`; {EXPECTED}"));
            }
            return Ok(Type::array_of(self.alternatives(&[",", "and", "or"])?));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Type, String> {
        let Some(token) = self.peek() else {
            return Err(format!("the type ends too early; {EXPECTED}"));
        };
        self.pos += 1;
        let ty = match token {
            Token::Word("Integer") => Type::Integer,
            Token::Word("Float") => {
                self.eat_word("number");
                Type::Float
            }
            Token::Word("String") => Type::String,
            Token::Word("Boolean") => Type::Boolean,
            Token::Word("True") => Type::True,
            Token::Link { text, href } => {
                let anchor = href.strip_prefix('#').unwrap_or(href);
                match self.objects.get(anchor) {
                    Some(name) => Type::Ref(name.clone()),
                    None => return Err(format!("link `[{text}]({href})` is not to a documented object")),
                }
            }
            other => return Err(format!("unexpected {}; {EXPECTED}", describe(other))),
        };
        Ok(ty)
    }
}

/// The types a sentence of prose mentions, in order: links to objects and the words True,
/// String, Int, Integer, Boolean and Float, each wrapped in "Array of" / "array of" as often as
/// written before it. Links to methods or other pages are not types.
///
/// Used for return sentences ("the edited [Message](#message) is returned, otherwise True is
/// returned") and union intros ("either a String for plain text, an Array of
/// [RichText](#richtext), or ...").
pub(crate) fn mentioned_types(text: &str, objects: &Objects) -> Vec<Type> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let mut ty = match *token {
            // "otherwise *True* is returned": emphasis does not change the word.
            Token::Word(word) => match word.trim_matches('*') {
                "True" => Type::True,
                "String" => Type::String,
                "Int" | "Integer" => Type::Integer,
                "Boolean" => Type::Boolean,
                "Float" => Type::Float,
                _ => continue,
            },
            Token::Link { href, .. } => match href.strip_prefix('#').and_then(|a| objects.get(a)) {
                Some(name) => Type::Ref(name.clone()),
                None => continue,
            },
            Token::Punct(_) => continue,
        };
        // "an *Array* of [GameHighScore](#gamehighscore) objects" (5.3) is an array too.
        let word_at = |k: usize| match tokens[k] {
            Token::Word(w) => w.trim_matches('*'),
            _ => "",
        };
        let mut j = i;
        while j >= 2 && word_at(j - 1) == "of" && matches!(word_at(j - 2), "Array" | "array") {
            ty = Type::array_of(ty);
            j -= 2;
        }
        out.push(ty);
    }
    out
}

fn describe(token: Token<'_>) -> String {
    match token {
        Token::Word(word) => format!("word `{word}`"),
        Token::Link { text, href } => format!("link `[{text}]({href})`"),
        Token::Punct('\n') => "line break".to_string(),
        Token::Punct(ch) => format!("`{ch}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects() -> Objects {
        [
            "Message",
            "PhotoSize",
            "InputFile",
            "InputMediaAudio",
            "InputMediaPhoto",
            "InputMediaVideo",
        ]
        .into_iter()
        .map(|name| (name.to_lowercase(), name.to_string()))
        .collect()
    }

    fn r(name: &str) -> Type {
        Type::reference(name)
    }

    #[test]
    fn parses_type_cells() {
        let cases = [
            ("Integer", Type::Integer),
            ("Float", Type::Float),
            ("Float number", Type::Float),
            ("String", Type::String),
            ("Boolean", Type::Boolean),
            ("True", Type::True),
            ("[Message](#message)", r("Message")),
            ("Array of String", Type::array_of(Type::String)),
            (
                "Array of Array of [PhotoSize](#photosize)",
                Type::array_of(Type::array_of(r("PhotoSize"))),
            ),
            (
                "Integer or String",
                Type::OneOf(vec![Type::Integer, Type::String]),
            ),
            (
                "[InputFile](#inputfile) or String",
                Type::OneOf(vec![r("InputFile"), Type::String]),
            ),
            (
                "Array of [InputMediaAudio](#inputmediaaudio), [InputMediaPhoto](#inputmediaphoto) and \
                 [InputMediaVideo](#inputmediavideo)",
                Type::array_of(Type::OneOf(vec![
                    r("InputMediaAudio"),
                    r("InputMediaPhoto"),
                    r("InputMediaVideo"),
                ])),
            ),
            (
                "[Message](#message) or Array of [PhotoSize](#photosize)",
                Type::OneOf(vec![r("Message"), Type::array_of(r("PhotoSize"))]),
            ),
        ];
        for (cell, want) in cases {
            assert_eq!(parse_type(cell, &objects()), Ok(want), "{cell}");
        }
    }

    #[test]
    fn finds_types_mentioned_in_prose() {
        let text = "either a String for plain text, an Array of [Message](#message), or an array of \
                    Array of Integer, not [sendMessage](#sendmessage) nor [a page](https://x.y), or an \
                    *Array* of [PhotoSize](#photosize)";
        assert_eq!(
            mentioned_types(text, &objects()),
            vec![
                Type::String,
                Type::array_of(r("Message")),
                Type::array_of(Type::array_of(Type::Integer)),
                Type::array_of(r("PhotoSize")),
            ]
        );
        assert_eq!(mentioned_types("nothing here", &objects()), vec![]);
    }

    #[test]
    fn rejects_what_it_does_not_understand() {
        let cases = [
            ("Frobnicator of X", "unexpected word `Frobnicator`"),
            ("", "ends too early"),
            ("Array String", "expected `of` after `Array`"),
            ("Integer or", "ends too early"),
            ("Integer String", "unexpected word `String` after `Integer`"),
            ("[Unknown](#unknown)", "is not to a documented object"),
            ("Message", "unexpected word `Message`"),
            ("*Integer*", "unexpected word `*Integer*`"),
        ];
        for (cell, want) in cases {
            let err = parse_type(cell, &objects()).unwrap_err();
            assert!(err.contains(want), "{cell}: {err}");
            assert!(
                err.starts_with(&format!("cannot parse type cell `{cell}`")),
                "{err}"
            );
        }
    }
}
