//! `Client`: sends method calls. The generic part of [`Client::call`] only serializes the
//! payload and decodes the result; everything else is in non-generic functions, so each method
//! adds little code.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use serde_json::value::RawValue;
use serde_json::{Map, Value};
use tokio::sync::Semaphore;

use crate::body::Encoded;
use crate::config::{ClientBuilder, Timeouts};
use crate::{DefaultKind, Defaults, Error, Method, Token, fill, upload};

/// Per-call options carried by a request builder.
#[derive(Debug, Clone, Copy, Default)]
pub struct CallOptions<'a> {
    /// Raw parameters added to the payload (for API features newer than the generated code).
    /// They replace payload fields of the same name; a `null` removes the field and keeps
    /// defaults from filling it.
    pub extra: Option<&'a Map<String, Value>>,
    /// Defaults this call opts out of.
    pub without_defaults: &'a [DefaultKind],
}

/// A connection to a Bot API server: token, base URLs, HTTP clients and defaults.
///
/// Cheap to clone: clones share the connection pools. Build one with [`Client::new`] or
/// [`Client::builder`]; the generated `Bot` wraps it.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// The shared state of a client.
pub(crate) struct Inner {
    pub(crate) token: Token,
    /// `<base>/bot<token>`, without a trailing slash. Holds the token: never print it.
    pub(crate) api_url: String,
    /// `<base>/file/bot<token>`, without a trailing slash. Holds the token: never print it.
    pub(crate) file_url: String,
    pub(crate) local_mode: bool,
    pub(crate) main: Lane,
    pub(crate) poll: Lane,
    pub(crate) defaults: Defaults,
    /// Set by the first successful call: a later 404 means an unknown method, not a bad token.
    pub(crate) token_accepted: AtomicBool,
}

/// An HTTP client with its timeouts and its limit on requests in flight.
pub(crate) struct Lane {
    pub(crate) http: reqwest::Client,
    pub(crate) timeouts: Timeouts,
    pub(crate) slots: Arc<Semaphore>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("token", &self.inner.token)
            .field("local_mode", &self.inner.local_mode)
            .field("timeouts", &self.inner.main.timeouts)
            .field("poll_timeouts", &self.inner.poll.timeouts)
            .field("defaults", &self.inner.defaults)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for the official server with default settings.
    ///
    /// # Panics
    ///
    /// If the TLS backend cannot be initialized (like `reqwest::Client::new`); use
    /// [`Client::builder`] to handle that as an error.
    pub fn new(token: impl Into<Token>) -> Client {
        Client::builder(token)
            .build()
            .expect("the default HTTP client builds")
    }

    /// A builder for every other setting.
    pub fn builder(token: impl Into<Token>) -> ClientBuilder {
        ClientBuilder::new(token.into())
    }

    pub(crate) fn from_inner(inner: Inner) -> Client {
        Client {
            inner: Arc::new(inner),
        }
    }

    /// The bot token (redacted when printed).
    pub fn token(&self) -> &Token {
        &self.inner.token
    }

    /// The bot-wide defaults.
    pub fn defaults(&self) -> &Defaults {
        &self.inner.defaults
    }

    /// Whether this client talks to a Local Bot API Server in `--local` mode.
    pub fn is_local_mode(&self) -> bool {
        self.inner.local_mode
    }

    /// Sends one method call and decodes its result.
    pub async fn call<M: Method>(&self, payload: &M, options: CallOptions<'_>) -> Result<M::Output, Error> {
        let encoded = self.encode(payload, options)?;
        let raw = self
            .execute(M::NAME, encoded, payload.long_poll_timeout())
            .await?;
        serde_json::from_str(raw.get()).map_err(|err| self.decode_error(&raw, err))
    }

    /// Calls a method by name with raw JSON parameters (an object, or `null` for none) and
    /// returns its raw `result`: for methods newer than the generated code. Defaults are not
    /// applied (which parameters take them is unknown here).
    pub async fn call_raw(&self, method: &str, params: Value) -> Result<Value, Error> {
        let params = match params {
            Value::Null => Map::new(),
            Value::Object(map) => map,
            _ => {
                return Err(Error::invalid_request(
                    "call_raw parameters must be a JSON object",
                ));
            }
        };
        // A raw getUpdates still long-polls: its `timeout` extends the read timeout.
        let long_poll = if method.eq_ignore_ascii_case("getUpdates") {
            params.get("timeout").and_then(Value::as_u64)
        } else {
            None
        };
        let encoded = self.finish(Value::Object(params), Vec::new(), &[], CallOptions::default())?;
        let raw = self.execute(method, encoded, long_poll).await?;
        serde_json::from_str(raw.get()).map_err(|err| self.decode_error(&raw, err))
    }

    /// Serializes a payload: straight to bytes when nothing has to be added, else through a
    /// JSON value that defaults and extra parameters are applied to.
    pub(crate) fn encode<M: Method>(&self, payload: &M, options: CallOptions<'_>) -> Result<Encoded, Error> {
        let plain = options.extra.is_none()
            && !self
                .inner
                .defaults
                .applies_to(M::DEFAULTS, options.without_defaults);
        let (serialized, files) = match (M::MAY_UPLOAD, plain) {
            (false, true) => {
                return serde_json::to_vec(payload)
                    .map(Encoded::json)
                    .map_err(serialize_error);
            }
            (true, true) => {
                let (bytes, files) = upload::collect(self.inner.local_mode, || serde_json::to_vec(payload));
                let bytes = bytes.map_err(serialize_error)?;
                if files.is_empty() {
                    return Ok(Encoded::json(bytes));
                }
                (serde_json::from_slice(&bytes).map_err(serialize_error)?, files)
            }
            (false, false) => (
                serde_json::to_value(payload).map_err(serialize_error)?,
                Vec::new(),
            ),
            (true, false) => {
                let (value, files) = upload::collect(self.inner.local_mode, || serde_json::to_value(payload));
                (value.map_err(serialize_error)?, files)
            }
        };
        self.finish(serialized, files, M::DEFAULTS, options)
    }

    /// Applies extra parameters and defaults to a serialized payload and picks the body kind.
    fn finish(
        &self,
        payload: Value,
        files: Vec<upload::Collected>,
        slots: &[crate::DefaultSlot],
        options: CallOptions<'_>,
    ) -> Result<Encoded, Error> {
        let mut payload = match payload {
            Value::Object(map) => Value::Object(map),
            Value::Null => Value::Object(Map::new()),
            _ => {
                return Err(Error::invalid_request(
                    "the payload does not serialize to a JSON object",
                ));
            }
        };
        if let (Some(extra), Value::Object(map)) = (options.extra, &mut payload) {
            for (key, value) in extra {
                map.insert(key.clone(), value.clone());
            }
        }
        fill::apply(
            &self.inner.defaults,
            slots,
            options.without_defaults,
            &mut payload,
        );
        let Value::Object(mut map) = payload else {
            unreachable!("checked above")
        };
        map.retain(|_, value| !value.is_null());
        Ok(Encoded::from_parts(map, files))
    }

    fn decode_error(&self, raw: &RawValue, err: serde_json::Error) -> Error {
        Error::InvalidResponse {
            status: 200,
            reason: format!("the result does not decode: {err}"),
            excerpt: crate::response::excerpt(&self.inner.token, raw.get().as_bytes()),
            source: Some(err),
        }
    }
}

fn serialize_error(err: serde_json::Error) -> Error {
    Error::InvalidRequest {
        message: format!("the payload does not serialize: {err}"),
        source: Some(err),
    }
}
