//! Errors: what stops an application, and what a handler reports.

use std::fmt;
use std::time::Duration;

/// What a handler returns when it fails: any error, boxed (so `?` works on every error type,
/// like `anyhow`). Error handlers receive it with the update.
pub type HandlerError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The result of a handler: `Ok(())`, or an error for the error handlers.
///
/// Handlers may also return `Result<Flow, E>` to stop later groups (see [`Flow`](crate::Flow)).
pub type HandlerResult<T = ()> = Result<T, HandlerError>;

/// An error that stops an [`Application`](crate::Application) or keeps it from starting.
///
/// Errors of single updates never end up here: they go to the error handlers and the
/// application carries on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Telegram rejected the token (401, or 404 on the first call): check `BOT_TOKEN`.
    #[error("the bot token was rejected ({0}); check the token given to the application")]
    InvalidToken(#[source] botapi::Error),
    /// 409 Conflict: another instance is polling with this token, or a webhook is set while
    /// polling (the application deletes the webhook at start unless told otherwise).
    #[error(
        "another getUpdates consumer or a webhook is active for this bot ({0}); stop the other \
         instance, or delete the webhook"
    )]
    Conflict(#[source] botapi::Error),
    /// A startup call (`getMe`, `deleteWebhook`, `setWebhook`) kept failing after the bootstrap
    /// retries.
    #[error("`{method}` failed at startup after {attempts} attempt(s): {source}")]
    Bootstrap {
        /// The method that failed.
        method: &'static str,
        /// How many times it was tried.
        attempts: u32,
        /// The last error.
        #[source]
        source: botapi::Error,
    },
    /// The application was used in the wrong state (started twice, polled while a webhook
    /// runs, ...).
    #[error("{0}")]
    State(String),
    /// Building the bot's client failed (a base URL that does not parse, a TLS backend that
    /// does not initialize).
    #[error("the bot's client could not be built: {0}")]
    Client(#[source] botapi::Error),
    /// A lifecycle hook (`post_init`, `post_stop`, `post_shutdown`) failed.
    #[error("the `{hook}` hook failed: {source}")]
    Hook {
        /// Which hook.
        hook: &'static str,
        /// Its error.
        #[source]
        source: HandlerError,
    },
    /// Binding or serving a socket failed (webhook listener, signals).
    #[error("i/o error {context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The error for a fatal answer to a polling or startup call, if it is one.
    pub(crate) fn fatal(err: botapi::Error) -> Result<Error, botapi::Error> {
        match err {
            botapi::Error::InvalidToken { .. } => Ok(Error::InvalidToken(err)),
            botapi::Error::Conflict { .. } => Ok(Error::Conflict(err)),
            other => Err(other),
        }
    }
}

/// A handler panicked; reported to the error handlers like any error.
#[derive(Debug, Clone)]
pub struct Panicked {
    /// The panic message, when it was a string.
    pub message: String,
}

impl fmt::Display for Panicked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the handler panicked: {}", self.message)
    }
}

impl std::error::Error for Panicked {}

impl Panicked {
    pub(crate) fn from_payload(payload: &(dyn std::any::Any + Send)) -> Panicked {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a non-string panic payload".to_owned());
        Panicked { message }
    }
}

/// The update does not carry what a handler asked the context for (for example
/// [`Context::message`](crate::Context::message) on an inline query). Returned by the
/// context's accessors so that `let msg = ctx.message()?;` reads naturally.
#[derive(Debug, Clone, thiserror::Error)]
#[error("the {kind} update has no {wanted}")]
pub struct MissingPayload {
    /// What was asked for, e.g. `message`.
    pub wanted: &'static str,
    /// The kind of update it was, e.g. `inline_query`.
    pub kind: String,
}

/// An update that reached the application but could not be handled as one: an element of a
/// `getUpdates` batch without a usable `update_id`, a known update kind whose payload did not
/// parse, or a kind this version does not know that no handler took. Reported to the error
/// handlers with its raw JSON.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{reason}; raw update: {raw}")]
pub struct UnreadableUpdate {
    /// Why it could not be handled.
    pub reason: String,
    /// The update as received (possibly truncated to 4 KiB).
    pub raw: String,
}

/// An update was turned away because its key's queue was full and the application is set to
/// reject in that case ([`QueueFull::Reject`](crate::QueueFull::Reject)).
#[derive(Debug, Clone, thiserror::Error)]
#[error("the queue of {key} is full ({capacity} updates waiting); the update was rejected")]
pub struct Rejected {
    /// The ordering key, as text.
    pub key: String,
    /// The queue's capacity.
    pub capacity: usize,
}

/// A handler did not finish within the shutdown grace period and was cancelled. Its update is
/// not confirmed, so Telegram delivers it again after a restart.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cancelled after the {0:?} shutdown grace period")]
pub struct Cancelled(pub Duration);
