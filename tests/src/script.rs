//! Scripted answers: what the server replies instead of its normal answer.

use std::time::Duration;

use serde_json::{Value, json};

/// A scripted reply to the next call of a method; see
/// [`TestServer::script`](crate::TestServer::script).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Reply {
    /// The normal answer (useful after [`Reply::Delayed`]).
    Normal,
    /// `{"ok": true, "result": <value>}` without validating the request.
    Result(Value),
    /// `{"ok": false, "error_code": status, "description": .., "parameters": ..}`.
    Error {
        /// HTTP status and `error_code`.
        status: u16,
        /// Telegram's description text.
        description: String,
        /// `ResponseParameters`, e.g. `{"retry_after": 5}` or `{"migrate_to_chat_id": -100..}`.
        parameters: Option<Value>,
    },
    /// Exactly this HTTP answer (for malformed responses).
    Raw {
        /// HTTP status.
        status: u16,
        /// `Content-Type` header.
        content_type: String,
        /// The body.
        body: String,
    },
    /// Waits, then answers as the inner reply says (for timeouts).
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    /// A Telegram error reply.
    pub fn error(status: u16, description: impl Into<String>) -> Reply {
        Reply::Error {
            status,
            description: description.into(),
            parameters: None,
        }
    }

    /// Flood control: 429 with `parameters.retry_after`.
    pub fn retry_after(seconds: u64) -> Reply {
        Reply::Error {
            status: 429,
            description: format!("Too Many Requests: retry after {seconds}"),
            parameters: Some(json!({ "retry_after": seconds })),
        }
    }

    /// A group upgraded to a supergroup: 400 with `parameters.migrate_to_chat_id`.
    pub fn migrated(new_chat_id: i64) -> Reply {
        Reply::Error {
            status: 400,
            description: "Bad Request: group chat was upgraded to a supergroup chat".to_owned(),
            parameters: Some(json!({ "migrate_to_chat_id": new_chat_id })),
        }
    }
}
