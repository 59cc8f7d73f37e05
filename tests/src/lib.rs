//! A loopback fake Telegram Bot API server for testing bots offline.
//!
//! [`TestServer::start`] binds `127.0.0.1` on a free port and serves the Bot API described by
//! the committed spec (`botapi-spec`):
//!
//! - `getMe`, `getUpdates` (offset, limit and long-poll timeout semantics of the real API, 409
//!   when a webhook is set or a newer poll takes over), `setWebhook`, `deleteWebhook`,
//!   `getWebhookInfo`, and `getFile` plus file downloads for files added with
//!   [`TestServer::add_file`];
//! - every other method of the spec is accepted, checked like Telegram checks it (unknown
//!   method: 404 `Not Found`; a missing required parameter or a value of the wrong type: 400
//!   with a Telegram-style description), and answered with a valid sample of its return type
//!   (messages echo the call's `chat_id`, `text` and `caption`);
//! - JSON, url-encoded and multipart bodies are accepted; uploads are streamed and counted;
//! - every call is recorded ([`RecordedRequest`]: method, decoded parameters, files with part
//!   name, file name and size) for tests to assert on, and any call can be answered with a
//!   scripted [`Reply`] instead (any status, `retry_after`, `migrate_to_chat_id`, malformed
//!   bodies, delays).
//!
//! The server never contacts the network: webhooks are recorded, not called.
//!
//! ```no_run
//! # async fn demo() -> Result<(), botapi_runtime::Error> {
//! use botapi_runtime::Client;
//! use botapi_testkit::{Reply, TestServer, updates};
//!
//! let server = TestServer::start().await;
//! let client = Client::builder(server.token())
//!     .base_url(server.url())
//!     .base_file_url(server.file_url())
//!     .build()?;
//! // Hand `client` to the bot under test (the generated `Bot` wraps it), then drive it:
//! server.push_update(updates::text_message(42, 42, "/start"));
//! server.script("sendMessage", Reply::retry_after(3));
//! let reply = server.wait_for_request("sendMessage").await;
//! assert_eq!(reply.params["chat_id"], 42);
//! # let _ = client;
//! # Ok(())
//! # }
//! ```

mod answer;
mod body;
mod catalog;
mod http;
#[cfg(feature = "passport")]
pub mod passport;
mod record;
mod script;
mod server;
mod state;
pub mod updates;
mod validate;

pub use record::{Encoding, RecordedFile, RecordedRequest};
pub use script::Reply;
pub use server::{DEFAULT_TOKEN, TestServer, TestServerBuilder, WAIT_TIMEOUT};

/// Checks that `value` is a valid JSON value of `ty` by the rules of `spec` (required fields,
/// JSON types, union tags, fixed values), as strictly as a response must be. The error names the
/// first place that does not conform. Handy to assert on JSON a bot produces.
pub fn check_value(
    spec: &botapi_spec::Spec,
    ty: &botapi_spec::Type,
    value: &serde_json::Value,
) -> Result<(), String> {
    let objects = spec.objects.iter().map(|o| (o.name.as_str(), o)).collect();
    validate::check_value(&objects, ty, value).map_err(|err| {
        err.strip_prefix("Bad Request: ")
            .map(str::to_owned)
            .unwrap_or(err)
    })
}
