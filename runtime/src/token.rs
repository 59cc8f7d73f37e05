//! `Token`: the bot token, kept out of every printed form.

use std::fmt;
use std::sync::Arc;

/// A bot token (`123456:ABC-DEF...`) that never prints itself.
///
/// `Debug` and `Display` show only the bot id part followed by `:***`, so a token can sit in
/// structs that derive `Debug`, in log lines and in error messages without leaking. Cheap to
/// clone.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Token(Arc<str>);

impl Token {
    /// Wraps a token string.
    pub fn new(token: impl Into<String>) -> Self {
        Token(Arc::from(token.into()))
    }

    /// The token itself, for building request URLs. Never log this.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The bot's user id: the digits before the colon, when the token has that shape.
    pub fn bot_id(&self) -> Option<u64> {
        self.0.split_once(':').and_then(|(id, _)| id.parse().ok())
    }

    /// `text` with every occurrence of the token replaced by its redacted form.
    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() || !text.contains(&*self.0) {
            return text.to_owned();
        }
        text.replace(&*self.0, &self.to_string())
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.split_once(':') {
            Some((id, _)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
                write!(f, "{id}:***")
            }
            _ => f.write_str("***"),
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({self})")
    }
}

impl From<&str> for Token {
    fn from(token: &str) -> Self {
        Token::new(token)
    }
}

impl From<String> for Token {
    fn from(token: String) -> Self {
        Token::new(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "123456:AAE-secret_part";

    #[test]
    fn debug_and_display_show_only_the_bot_id() {
        let token = Token::new(SECRET);
        assert_eq!(token.to_string(), "123456:***");
        assert_eq!(format!("{token:?}"), "Token(123456:***)");
        assert_eq!(format!("{:?}", Some(&token)), "Some(Token(123456:***))");
        assert_eq!(token.bot_id(), Some(123456));
    }

    #[test]
    fn malformed_tokens_are_fully_hidden() {
        assert_eq!(Token::new("no-colon-secret").to_string(), "***");
        assert_eq!(Token::new("abc:secret").to_string(), "***");
        assert_eq!(Token::new("abc:secret").bot_id(), None);
    }

    #[test]
    fn redact_replaces_every_occurrence() {
        let token = Token::new(SECRET);
        let text = format!("http://h/bot{SECRET}/getMe and again {SECRET}");
        assert_eq!(
            token.redact(&text),
            "http://h/bot123456:***/getMe and again 123456:***"
        );
        assert_eq!(Token::new("").redact("keep"), "keep");
    }
}
