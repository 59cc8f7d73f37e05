//! Bounds on a value or its length: "1-4096 characters", "0-64 bytes", "Values between 1-100
//! are accepted", "; 0-1500" (after a numeric field's description), "must include 2-10 items",
//! "A JSON-serialized list of 1-100 identifiers", "up to 4096 characters".
//!
//! The unit must fit the field's type: values for numbers, characters or bytes for strings,
//! items for arrays. When the description states two different bounds of a fitting unit (a price
//! "between 5 and 100000" in Stars but another range in nanotons) nothing is recorded.

use botapi_spec::{BoundUnit, Bounds, Type};
use serde_json::Number;

use crate::scrape::tokens::{Token, tokenize};

/// The bounds the description states for a value of type `ty`, if any.
pub(crate) fn bounds(description: &str, ty: &Type) -> Option<Bounds> {
    let fits = |unit: BoundUnit| match ty {
        Type::Integer | Type::Float => unit == BoundUnit::Value,
        Type::String => matches!(unit, BoundUnit::Characters | BoundUnit::Bytes),
        Type::Array(_) => unit == BoundUnit::Items,
        _ => false,
    };
    let found: Vec<Bounds> = find_all(description)
        .into_iter()
        .filter(|b| fits(b.unit))
        .collect();
    let first = found.first()?.clone();
    found.iter().all(|b| *b == first).then_some(first)
}

/// Every bound stated in the text, in order, whatever its unit.
fn find_all(text: &str) -> Vec<Bounds> {
    let tokens = tokenize(text);
    let word = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => Some(w.to_ascii_lowercase()),
        _ => None,
    };
    let is = |i: usize, expected: &str| word(i).as_deref() == Some(expected);
    let number_at = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => number(w),
        _ => None,
    };
    let range_at = |i: usize| match tokens.get(i) {
        Some(Token::Word(w)) => range(w),
        _ => None,
    };
    // End of a clause: the end of the text or punctuation.
    let clause_end = |i: usize| matches!(tokens.get(i), None | Some(Token::Punct(_)));
    let clause_start = |i: usize| i == 0 || matches!(tokens[i - 1], Token::Punct(',' | ';'));
    let unit_at = |i: usize| match word(i)?.as_str() {
        "characters" => Some(BoundUnit::Characters),
        "bytes" => Some(BoundUnit::Bytes),
        "items" => Some(BoundUnit::Items),
        _ => None,
    };

    let mut out = Vec::new();
    for i in 0..tokens.len() {
        // "1-4096 characters", "0-64 bytes", "2-10 items"
        if let (Some((min, max)), Some(unit)) = (range_at(i), unit_at(i + 1)) {
            out.push(Bounds {
                unit,
                min: Some(min),
                max: Some(max),
            });
        }
        // "up to 4096 characters", "up to 10 items"
        if is(i, "up") && is(i + 1, "to") {
            if let (Some(max), Some(unit)) = (number_at(i + 2), unit_at(i + 3)) {
                out.push(Bounds {
                    unit,
                    min: None,
                    max: Some(max),
                });
            }
        }
        // "Values between 1-100 are accepted"
        if is(i, "between") {
            if let Some((min, max)) = range_at(i + 1) {
                out.push(Bounds {
                    unit: BoundUnit::Value,
                    min: Some(min),
                    max: Some(max),
                });
            }
        }
        // "must be between 1 and 360 if specified", but not "between 60 and 86400, or 0x7FFFFFFF"
        if is(i, "between") && is(i + 2, "and") {
            let or_else = matches!(tokens.get(i + 4), Some(Token::Punct(','))) && is(i + 5, "or");
            if let (Some(min), Some(max), false) = (number_at(i + 1), number_at(i + 3), or_else) {
                out.push(Bounds {
                    unit: BoundUnit::Value,
                    min: Some(min),
                    max: Some(max),
                });
            }
        }
        // "Duration of the video in seconds; 0-60", "for update delivery, 1-100."
        if clause_start(i) && clause_end(i + 1) {
            if let Some((min, max)) = range_at(i) {
                out.push(Bounds {
                    unit: BoundUnit::Value,
                    min: Some(min),
                    max: Some(max),
                });
            }
        }
        // "; from -999999999 to 999999999;"
        if clause_start(i) && is(i, "from") && is(i + 2, "to") && clause_end(i + 4) {
            if let (Some(min), Some(max)) = (number_at(i + 1), number_at(i + 3)) {
                out.push(Bounds {
                    unit: BoundUnit::Value,
                    min: Some(min),
                    max: Some(max),
                });
            }
        }
        // "A JSON-serialized list of 1-100 identifiers", "List of up to 100 winners"
        if is(i, "list") && is(i + 1, "of") {
            if let Some((min, max)) = range_at(i + 2) {
                out.push(Bounds {
                    unit: BoundUnit::Items,
                    min: Some(min),
                    max: Some(max),
                });
            } else if is(i + 2, "up") && is(i + 3, "to") {
                if let Some(max) = number_at(i + 4) {
                    out.push(Bounds {
                        unit: BoundUnit::Items,
                        min: None,
                        max: Some(max),
                    });
                }
            }
        }
        // "At most 100 commands can be specified."
        if (i == 0 || matches!(tokens[i - 1], Token::Punct('.' | '\n'))) && is(i, "at") && is(i + 1, "most") {
            let sentence_end = tokens[i..]
                .iter()
                .position(|t| matches!(t, Token::Punct('.' | '\n')));
            let sentence = &tokens[i..i + sentence_end.unwrap_or(tokens.len() - i)];
            let specified = sentence.windows(3).any(|w| {
                matches!(
                    w,
                    [Token::Word("can"), Token::Word("be"), Token::Word("specified")]
                )
            });
            if let (Some(max), true) = (number_at(i + 2), specified) {
                out.push(Bounds {
                    unit: BoundUnit::Items,
                    min: None,
                    max: Some(max),
                });
            }
        }
    }
    out
}

/// "1-4096" -> (1, 4096). Both ends plain non-negative numbers, min <= max.
fn range(word: &str) -> Option<(Number, Number)> {
    let (min, max) = word.split_once('-')?;
    if min.is_empty() || min.starts_with('+') || max.starts_with(['-', '+']) {
        return None;
    }
    let (min_n, max_n) = (min.parse::<f64>().ok()?, max.parse::<f64>().ok()?);
    (min_n <= max_n).then_some((number(min)?, number(max)?))
}

/// A plain decimal number: "100", "-999999999", "1.5".
fn number(word: &str) -> Option<Number> {
    let digits = word.strip_prefix('-').unwrap_or(word);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if let Ok(n) = word.parse::<i64>() {
        return Some(n.into());
    }
    Number::from_f64(word.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(unit: BoundUnit, min: Option<i64>, max: Option<i64>) -> Option<Bounds> {
        Some(Bounds {
            unit,
            min: min.map(Into::into),
            max: max.map(Into::into),
        })
    }

    #[test]
    fn reads_bounds() {
        use BoundUnit::*;
        let s = Type::String;
        let int = Type::Integer;
        let arr = Type::array_of(Type::Integer);
        let cases = [
            (
                "Text of the message to be sent, 1-4096 characters after entities parsing",
                &s,
                b(Characters, Some(1), Some(4096)),
            ),
            (
                "Unique identifier for this result, 1-64 bytes",
                &s,
                b(Bytes, Some(1), Some(64)),
            ),
            (
                "Unique identifier for this result, 1-64 Bytes",
                &s,
                b(Bytes, Some(1), Some(64)),
            ),
            (
                "Bot-defined paid media payload, 0-128 bytes",
                &s,
                b(Bytes, Some(0), Some(128)),
            ),
            (
                "Text of the query (up to 256 characters)",
                &s,
                b(Characters, None, Some(256)),
            ),
            (
                "Limits the number. Values between 1-100 are accepted. Defaults to 100.",
                &int,
                b(Value, Some(1), Some(100)),
            ),
            (
                "Must be between 1 and 100000 if specified.",
                &int,
                b(Value, Some(1), Some(100000)),
            ),
            (
                "The radius of uncertainty for the location, measured in meters; 0-1500",
                &Type::Float,
                b(Value, Some(0), Some(1500)),
            ),
            (
                "Maximum allowed number of connections, 1-100. Defaults to *40*.",
                &int,
                b(Value, Some(1), Some(100)),
            ),
            (
                "Relative size of the text font; 1-6, 1 is the largest, 6 is the smallest",
                &int,
                b(Value, Some(1), Some(6)),
            ),
            (
                "Number of shares; from -999999999 to 999999999; can be negative",
                &int,
                b(Value, Some(-999999999), Some(999999999)),
            ),
            (
                "A JSON-serialized array describing messages to be sent, must include 2-10 items",
                &arr,
                b(Items, Some(2), Some(10)),
            ),
            (
                "A JSON-serialized list of 1-100 identifiers of messages to delete.",
                &arr,
                b(Items, Some(1), Some(100)),
            ),
            (
                "List of up to 100 winners of the giveaway",
                &arr,
                b(Items, None, Some(100)),
            ),
            (
                "A JSON-serialized array of price portions. At most 4 suggested tip amounts can be specified.",
                &arr,
                b(Items, None, Some(4)),
            ),
            // Units that do not fit the type are ignored.
            (
                "List of 0-20 search keywords for the sticker with total length of up to 64 characters.",
                &Type::array_of(Type::String),
                b(Items, Some(0), Some(20)),
            ),
            ("Text, 1-4096 characters", &int, None),
            // Not bounds.
            (
                "Value of the dice, 1-6 for “🎲”, “🎯” and “🎳” base emoji, 1-5 for “🏀”",
                &int,
                None,
            ),
            (
                "Period in seconds, must be between 60 and 86400, or 0x7FFFFFFF for live locations",
                &int,
                None,
            ),
            ("The time interval; 0 - 8 * 24 * 60", &int, None),
            (
                "But it has at most 52 significant bits, so a 64-bit integer is safe.",
                &int,
                None,
            ),
            (
                "Stars must be between 5 and 100000, and nanotoncoins must be between 10000000 and 10000000000000",
                &int,
                None,
            ),
            ("A phone number like +1-212-555-0123", &s, None),
        ];
        for (text, ty, want) in cases {
            assert_eq!(bounds(text, ty), want, "{text}");
        }
    }

    #[test]
    fn parses_ranges_and_numbers() {
        assert_eq!(range("1-4096"), Some((1.into(), 4096.into())));
        assert_eq!(range("10-1"), None);
        assert_eq!(range("-1-5"), None);
        assert_eq!(range("a-b"), None);
        assert_eq!(number("-5"), Some((-5).into()));
        assert_eq!(number("0x7FFFFFFF"), None);
    }
}
