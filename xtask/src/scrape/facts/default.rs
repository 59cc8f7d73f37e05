//! Documented defaults: "Defaults to 100", "Defaults to “HTML”", "defaults to *True*".
//!
//! Only literals are recorded, and only when they fit the field's type. A default that depends
//! on something ("defaults to *False* for quizzes and to *True* for regular polls", "defaults to
//! the value of can_pin_messages", "Defaults to [BotCommandScopeDefault](#...)") is not a
//! literal and is left out.

use botapi_spec::Type;
use serde_json::{Number, Value};

use crate::scrape::text::find_ignore_case;

/// The literal default the description states, if any.
pub(crate) fn default_value(description: &str, ty: &Type) -> Option<Value> {
    let start = find_ignore_case(description, "defaults to ")? + "defaults to ".len();
    let (literal, quoted, rest) = literal(&description[start..])?;
    // The sentence or clause must end right after the literal.
    if !(rest.is_empty() || rest.starts_with(['.', ',', ';', ')'])) {
        return None;
    }
    match ty {
        Type::Boolean | Type::True => match literal.to_ascii_lowercase().as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        Type::Integer => literal.parse::<i64>().ok().map(Value::from),
        Type::Float => literal
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
        Type::String if quoted => Some(Value::String(literal.to_string())),
        _ => None,
    }
}

/// The literal at the start of `text`: “quoted”, *emphasized* or a bare word; whether it was
/// quoted or emphasized; and the text after it.
fn literal(text: &str) -> Option<(&str, bool, &str)> {
    if let Some(rest) = text.strip_prefix('“') {
        let end = rest.find('”')?;
        return Some((&rest[..end], true, &rest[end + '”'.len_utf8()..]));
    }
    if let Some(rest) = text.strip_prefix('*') {
        let end = rest.find('*')?;
        return Some((&rest[..end], true, &rest[end + 1..]));
    }
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
        .unwrap_or(text.len());
    // A bare word ends a sentence with its period ("Defaults to 100.").
    let word = text[..end].strip_suffix('.').unwrap_or(&text[..end]);
    (!word.is_empty()).then(|| (word, false, &text[word.len()..]))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_literal_defaults() {
        let cases = [
            (
                "Values between 1-100 are accepted. Defaults to 100.",
                Type::Integer,
                Some(json!(100)),
            ),
            (
                "Timeout in seconds. Defaults to 0, i.e. usual short polling.",
                Type::Integer,
                Some(json!(0)),
            ),
            (
                "Maximum connections, 1-100. Defaults to *40*. Use lower values",
                Type::Integer,
                Some(json!(40)),
            ),
            (
                "MIME type. Defaults to “image/jpeg”.",
                Type::String,
                Some(json!("image/jpeg")),
            ),
            (
                "Poll type, “quiz” or “regular”, defaults to “regular”",
                Type::String,
                Some(json!("regular")),
            ),
            ("Dice emoji. Defaults to “🎲”.", Type::String, Some(json!("🎲"))),
            (
                "Requests clients ... Defaults to *false*.",
                Type::Boolean,
                Some(json!(false)),
            ),
            (
                "Defaults to *false*, in which case the keyboard can be hidden",
                Type::Boolean,
                Some(json!(false)),
            ),
            (
                "*True*, if the poll needs to be anonymous, defaults to *True*",
                Type::Boolean,
                Some(json!(true)),
            ),
            ("Scale factor. Defaults to 1.5.", Type::Float, Some(json!(1.5))),
            // Not literals, or conditional.
            (
                "Pass *True* ..., defaults to *False* for quizzes and to *True* for regular polls",
                Type::Boolean,
                None,
            ),
            (
                "For backward compatibility, defaults to *True* for promotions of channel administrators.",
                Type::Boolean,
                None,
            ),
            (
                "If omitted, defaults to the value of can_pin_messages",
                Type::Boolean,
                None,
            ),
            (
                "Defaults to [BotCommandScopeDefault](#botcommandscopedefault).",
                Type::reference("BotCommandScope"),
                None,
            ),
            (
                "Defaults to all update types except *chat_member*",
                Type::array_of(Type::String),
                None,
            ),
            // Literal of the wrong type.
            ("Defaults to “HTML”.", Type::Integer, None),
            ("Defaults to 100.", Type::String, None),
            ("No default here.", Type::Integer, None),
        ];
        for (text, ty, want) in cases {
            assert_eq!(default_value(text, &ty), want, "{text}");
        }
    }
}
