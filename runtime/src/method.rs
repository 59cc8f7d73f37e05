//! The contract between generated request types and the transport.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::DefaultSlot;

/// A Bot API method call: a serializable payload that knows its endpoint and its result type.
///
/// Implemented by the generated request types (`SendMessage`, `GetMe`, ...). The transport
/// serializes the payload, posts it to `/bot<token>/<NAME>` and decodes the `result` field as
/// [`Method::Output`].
pub trait Method: Serialize + Send + Sync {
    /// The API method name, e.g. `sendMessage`.
    const NAME: &'static str;

    /// Whether the payload can contain an uploaded file at any depth. When false, the payload
    /// is sent as a JSON body without looking for files.
    const MAY_UPLOAD: bool = false;

    /// What a successful call returns.
    type Output: DeserializeOwned + Send + 'static;

    /// The parameters (at any depth) that take a bot-wide default when left unset; decided by
    /// codegen from the spec. See [`Defaults`](crate::Defaults).
    ///
    /// Hidden from the docs: a table codegen fills for the transport, which users neither read
    /// nor write (a hand-written `Method` takes no defaults, the safe choice).
    #[doc(hidden)]
    const DEFAULTS: &'static [DefaultSlot] = &[];

    /// Long-polling timeout in seconds carried by the payload (`getUpdates`' `timeout`), so that
    /// the HTTP timeout can be extended by it.
    fn long_poll_timeout(&self) -> Option<u64> {
        None
    }
}
