//! The one error type of the runtime.
//!
//! Telegram's answers are classified like python-telegram-bot does (400 bad request, 401/404
//! invalid token, 403 forbidden, 409 conflict, `retry_after` flood control, `migrate_to_chat_id`
//! chat migration); transport problems are split into timeouts and other network errors. No
//! variant ever holds the bot token: reqwest errors are stored without their URL and every text
//! taken from a response is passed through [`Token::redact`](crate::Token::redact).

use std::time::Duration;

/// Everything that can go wrong with a Bot API call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// 400: Telegram rejected the parameters (`Bad Request: chat not found`, ...).
    #[error("bad request (400): {description}")]
    BadRequest {
        /// Telegram's description text.
        description: String,
    },
    /// 403: the bot may not do this (blocked by the user, kicked from the group, ...).
    #[error("forbidden (403): {description}")]
    Forbidden {
        /// Telegram's description text.
        description: String,
    },
    /// 401, or 404 before the token was ever accepted: the token is wrong or revoked.
    #[error("invalid token ({code}): {description}")]
    InvalidToken {
        /// The HTTP status (401 or 404).
        code: u16,
        /// Telegram's description text.
        description: String,
    },
    /// 404 after the token was accepted at least once: the server does not know this method.
    #[error("endpoint `{method}` not found (404): {description}")]
    EndpointNotFound {
        /// The method that was called.
        method: String,
        /// Telegram's description text.
        description: String,
    },
    /// 409: another `getUpdates` is running, or a webhook is set while polling.
    #[error("conflict (409): {description}")]
    Conflict {
        /// Telegram's description text.
        description: String,
    },
    /// Flood control: wait `retry_after` before calling again.
    #[error("flood control exceeded, retry after {}s: {description}", retry_after.as_secs())]
    RetryAfter {
        /// How long to wait, from `parameters.retry_after`.
        retry_after: Duration,
        /// Telegram's description text.
        description: String,
    },
    /// The group was upgraded to a supergroup with a new id.
    #[error("the chat migrated to {new_chat_id}: {description}")]
    ChatMigrated {
        /// The supergroup's id, from `parameters.migrate_to_chat_id`.
        new_chat_id: i64,
        /// Telegram's description text.
        description: String,
    },
    /// Any other `ok: false` answer (5xx, 429 without `retry_after`, ...).
    #[error("telegram error {code}: {description}")]
    Api {
        /// `error_code`, or the HTTP status when the body has none.
        code: u16,
        /// Telegram's description text.
        description: String,
    },
    /// A connect, write, read or connection-pool timeout elapsed.
    #[error("timed out {phase}")]
    TimedOut {
        /// What was being waited for, e.g. `waiting for the response`.
        phase: &'static str,
        /// The transport error, when reqwest reported the timeout (stored without its URL).
        #[source]
        source: Option<reqwest::Error>,
    },
    /// The request could not be sent or the response not received (stored without its URL).
    #[error("network error: {}", display_chain(source))]
    Network {
        /// The transport error.
        #[source]
        source: reqwest::Error,
    },
    /// The server's answer is not a Bot API response, or its `result` does not decode.
    #[error("invalid response (HTTP {status}): {reason}; body starts with {excerpt:?}")]
    InvalidResponse {
        /// The HTTP status of the answer.
        status: u16,
        /// What is wrong with it.
        reason: String,
        /// The start of the body (at most [`EXCERPT_LEN`] bytes), token redacted.
        excerpt: String,
        /// The JSON error, when the body did not parse.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// Reading an upload or writing a download failed.
    #[error("i/o error {context}: {source}")]
    Io {
        /// What was being done, e.g. `opening /tmp/a.png`.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The request could not be built: a payload that does not serialize to a JSON object, an
    /// upload reader that was already consumed, a base URL that does not parse.
    #[error("invalid request: {message}")]
    InvalidRequest {
        /// What is wrong.
        message: String,
        /// The serialization error, if that is the cause.
        #[source]
        source: Option<serde_json::Error>,
    },
    /// Downloaded Telegram Passport data did not decrypt (`File::download_decrypted`).
    #[cfg(feature = "passport")]
    #[error("passport decryption failed: {source}")]
    Passport {
        /// What failed; it never holds key material or decrypted data.
        #[source]
        source: crate::passport::PassportError,
    },
}

#[cfg(feature = "passport")]
impl From<crate::passport::PassportError> for Error {
    fn from(source: crate::passport::PassportError) -> Self {
        Error::Passport { source }
    }
}

/// The longest body excerpt kept in [`Error::InvalidResponse`], in bytes.
pub const EXCERPT_LEN: usize = 256;

impl Error {
    /// How long to wait before retrying, for [`Error::RetryAfter`].
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RetryAfter { retry_after, .. } => Some(*retry_after),
            _ => None,
        }
    }

    /// The new chat id, for [`Error::ChatMigrated`].
    pub fn migrate_to_chat_id(&self) -> Option<i64> {
        match self {
            Error::ChatMigrated { new_chat_id, .. } => Some(*new_chat_id),
            _ => None,
        }
    }

    /// Telegram's `error_code`, when Telegram answered `ok: false`.
    pub fn api_code(&self) -> Option<u16> {
        match self {
            Error::BadRequest { .. } => Some(400),
            Error::Forbidden { .. } => Some(403),
            Error::InvalidToken { code, .. } | Error::Api { code, .. } => Some(*code),
            Error::EndpointNotFound { .. } => Some(404),
            Error::Conflict { .. } => Some(409),
            Error::RetryAfter { .. } => Some(429),
            // Telegram sends migrations as 400 Bad Request.
            Error::ChatMigrated { .. } => Some(400),
            _ => None,
        }
    }

    /// Telegram's description text, when Telegram answered `ok: false`.
    pub fn description(&self) -> Option<&str> {
        match self {
            Error::BadRequest { description }
            | Error::Forbidden { description }
            | Error::InvalidToken { description, .. }
            | Error::EndpointNotFound { description, .. }
            | Error::Conflict { description }
            | Error::RetryAfter { description, .. }
            | Error::ChatMigrated { description, .. }
            | Error::Api { description, .. } => Some(description),
            _ => None,
        }
    }

    /// Whether Telegram answered `ok: false` (as opposed to a transport or decoding problem).
    pub fn is_api_error(&self) -> bool {
        self.api_code().is_some()
    }

    /// Whether a timeout elapsed.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::TimedOut { .. })
    }

    pub(crate) fn invalid_request(message: impl Into<String>) -> Error {
        Error::InvalidRequest {
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// Classifies a reqwest error; the URL (which holds the token) is dropped.
    pub(crate) fn transport(err: reqwest::Error, phase: &'static str) -> Error {
        let err = err.without_url();
        if err.is_timeout() {
            Error::TimedOut {
                phase,
                source: Some(err),
            }
        } else {
            Error::Network { source: err }
        }
    }
}

/// The error and its sources on one line, so that `Display` says what actually failed.
fn display_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        let inner_text = inner.to_string();
        if !text.contains(&inner_text) {
            text.push_str(": ");
            text.push_str(&inner_text);
        }
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_thread_safe<T: Send + Sync + 'static>() {}

    #[test]
    fn errors_and_clients_cross_threads() {
        assert_thread_safe::<Error>();
        assert_thread_safe::<crate::Client>();
        assert_thread_safe::<crate::InputFile>();
    }

    #[test]
    fn accessors_follow_the_variant() {
        let err = Error::RetryAfter {
            retry_after: Duration::from_secs(3),
            description: "Too Many".into(),
        };
        assert_eq!(err.retry_after(), Some(Duration::from_secs(3)));
        assert_eq!(err.api_code(), Some(429));
        assert_eq!(err.description(), Some("Too Many"));
        assert!(err.is_api_error());
        assert_eq!(
            err.to_string(),
            "flood control exceeded, retry after 3s: Too Many"
        );

        let err = Error::ChatMigrated {
            new_chat_id: -100,
            description: "migrated".into(),
        };
        assert_eq!(err.migrate_to_chat_id(), Some(-100));

        let err = Error::invalid_request("reader already consumed");
        assert!(!err.is_api_error());
        assert_eq!(err.description(), None);
        assert_eq!(err.to_string(), "invalid request: reader already consumed");
    }

    #[test]
    fn display_is_lowercase_without_trailing_period() {
        let errors = [
            Error::BadRequest {
                description: "Bad Request: chat not found".into(),
            },
            Error::TimedOut {
                phase: "waiting for the response",
                source: None,
            },
            Error::io("opening a.png", std::io::Error::other("gone")),
            Error::InvalidResponse {
                status: 502,
                reason: "not JSON".into(),
                excerpt: "<html>".into(),
                source: None,
            },
        ];
        for err in errors {
            let text = err.to_string();
            assert!(text.starts_with(|c: char| c.is_lowercase()), "{text}");
            assert!(!text.ends_with('.'), "{text}");
        }
    }
}
