//! The webhook's secret token: generated when none is given, compared in constant time.

use std::fmt;

/// The value of `X-Telegram-Bot-Api-Secret-Token` that every webhook request must carry.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    /// 32 random bytes from the operating system, as 64 hex digits (Telegram allows 1-256
    /// characters of `A-Z`, `a-z`, `0-9`, `_` and `-`).
    pub(crate) fn generate() -> Secret {
        let mut bytes = [0u8; 32];
        getrandom::getrandom(&mut bytes)
            .expect("the operating system's random number generator is unavailable");
        let mut text = String::with_capacity(64);
        for byte in bytes {
            text.push_str(&format!("{byte:02x}"));
        }
        Secret(text)
    }

    /// A secret chosen by the user, checked by [`check`](Self::check) before use.
    pub(crate) fn unchecked(text: String) -> Secret {
        Secret(text)
    }

    /// Whether Telegram takes it: 1-256 characters of `A-Z`, `a-z`, `0-9`, `_` and `-`.
    pub(crate) fn check(&self) -> Result<(), String> {
        let text = &self.0;
        let valid_chars = text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if text.is_empty() || text.len() > 256 || !valid_chars {
            return Err(format!(
                "the webhook secret token ({} characters) must be 1-256 characters of A-Z, a-z, \
                 0-9, `_` and `-`; fix WebhookOptions::secret_token, or leave it out for a random one",
                text.chars().count()
            ));
        }
        Ok(())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `candidate` is the secret, in time that depends only on the lengths: every
    /// byte is compared, and the differences are folded together without an early exit, so
    /// the time taken does not tell an attacker how many leading bytes were right.
    pub(crate) fn matches(&self, candidate: &[u8]) -> bool {
        let expected = self.0.as_bytes();
        if candidate.len() != expected.len() {
            return false;
        }
        let difference = expected
            .iter()
            .zip(candidate)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(difference) == 0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_secrets_are_valid_and_differ() {
        let (a, b) = (Secret::generate(), Secret::generate());
        assert_eq!(a.as_str().len(), 64);
        assert!(a.check().is_ok());
        assert_ne!(a, b);
    }

    #[test]
    fn matches_only_the_exact_secret() {
        let secret = Secret::unchecked("abc-123".into());
        assert!(secret.matches(b"abc-123"));
        assert!(!secret.matches(b"abc-124"));
        assert!(!secret.matches(b"abc-12"));
        assert!(!secret.matches(b""));
    }

    #[test]
    fn refuses_what_telegram_refuses() {
        assert!(Secret::unchecked(String::new()).check().is_err());
        assert!(Secret::unchecked("with space".into()).check().is_err());
        assert!(Secret::unchecked("x".repeat(257)).check().is_err());
        assert!(Secret::unchecked("x".repeat(256)).check().is_ok());
    }

    #[test]
    fn debug_hides_it() {
        let secret = Secret::unchecked("topsecret".into());
        assert!(!format!("{secret:?}").contains("topsecret"));
    }
}
