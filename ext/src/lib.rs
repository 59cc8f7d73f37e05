//! An application framework for Telegram bots on the generated [`botapi`] bindings, in the
//! spirit of python-telegram-bot's `telegram.ext`: an [`Application`] fed by long polling, a
//! webhook or your own sources; handlers in groups; filters; error handlers; a graceful
//! lifecycle.
//!
//! # An echo bot
//!
//! ```no_run
//! use botapi_ext::prelude::*;
//!
//! async fn start(ctx: Context) -> HandlerResult {
//!     let user = ctx.user()?;
//!     let greeting = format!("Hi {}! Send me a message and I will repeat it.", user.first_name);
//!     ctx.message()?.reply_text(&ctx.bot, greeting).await?;
//!     Ok(())
//! }
//!
//! async fn echo(ctx: Context) -> HandlerResult {
//!     let msg = ctx.message()?;
//!     msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default()).await?;
//!     Ok(())
//! }
//!
//! #[tokio::main]
//! async fn main() -> Result<(), botapi_ext::Error> {
//!     let app = Application::builder(std::env::var("BOT_TOKEN").unwrap_or_default()).build()?;
//!     app.add_handler(CommandHandler::new("start", start));
//!     app.add_handler(MessageHandler::new(filters::TEXT & !filters::COMMAND, echo));
//!     app.run_polling().await // until Ctrl-C or SIGTERM
//! }
//! ```
//!
//! # What happens to an update
//!
//! Every source — [long polling](Application::run_polling), a webhook,
//! [`Application::process_update`], an [`UpdateSender`] — takes the same path:
//!
//! 1. **De-duplication.** An `update_id` that is being handled or was handled recently is
//!    not handled again (a webhook retry, a redelivery).
//! 2. **Ordering.** Updates with the same [`OrderKey`] (by default the chat, and the forum
//!    topic inside forums) are handled one after the other, in arrival order; different keys
//!    run concurrently, up to [`ApplicationBuilder::concurrency_limit`]. A busy chat never
//!    delays another: each key has its own bounded queue ([`QueueFull`] says what happens
//!    when it is full), and an idle key costs nothing.
//! 3. **Handlers.** Groups run in ascending order; in each group, the first handler whose
//!    check matches runs. A handler returning `Ok(Flow::Stop)` ends the update's processing.
//!    Errors and panics go to the error handlers ([`Application::add_error_handler`]); the
//!    application carries on.
//! 4. **Confirmation.** With [`Delivery::AtLeastOnce`] (the default), long polling confirms
//!    an update to Telegram only once its handlers have finished: after a crash, every
//!    unfinished update is delivered again. [`Delivery::AtMostOnce`] confirms on receipt.
//!
//! # Handlers
//!
//! A handler callback is an `async fn(Context<D>) -> HandlerResult`. [`Context`] carries the
//! bot, the update, command arguments, regex captures and the application's typed shared
//! data `D` ([`ApplicationBuilder::data`]). Its accessors return a [`MissingPayload`] error
//! instead of an `Option` where the handler relies on the payload: `let msg =
//! ctx.message()?;`, `let query = ctx.callback_query()?;`.
//!
//! A function with another signature is refused with a message saying what is expected:
//!
//! ```text
//! error[E0277]: `fn(String) -> impl Future<Output = ()> {start}` is not a handler callback
//!   |
//!   |     app.add_handler(CommandHandler::new("start", start));
//!   |                     -------------------          ^^^^^ expected an `async fn(Context<D>) -> HandlerResult`
//!   |
//!   = note: handlers take one argument, the `Context` (with the application's data type `D`,
//!           `()` by default), and return `HandlerResult`, `Result<Flow, E>` or `()`
//! ```
//!
//! # Webhooks
//!
//! [`Application::run_webhook`] serves Telegram's requests on `listen:port` + `url_path`
//! and sets the webhook with `setWebhook` at start ([`WebhookOptions`]: the public URL,
//! `max_connections`, `ip_address`, a self-signed certificate to upload,
//! `drop_pending_updates`, `allowed_updates` derived from the handlers unless given;
//! `deleteWebhook` at stop if asked). Every request must carry the secret token in
//! `X-Telegram-Bot-Api-Secret-Token` (a random one is generated unless you give one; it is
//! compared in constant time): without it the answer is 401, with a wrong one 403, and
//! nothing is dispatched. Bodies over [`max_body_bytes`](WebhookOptions::max_body_bytes)
//! (1 MiB by default) get 413; a body that is not an update gets 400 and, if it looks like
//! JSON, goes to the error handlers with its raw text. An update is answered 200 once the
//! dispatch path has accepted it (queued under its key, or known already: Telegram's
//! retries are dropped by `update_id`), so a crash before that makes Telegram send it again.
//! Once answered, Telegram forgets it: for at-least-once delivery past that point too, give
//! the application a [journal](ApplicationBuilder::journal), which keeps every accepted
//! update until its handlers finish and replays the unfinished ones at the next start. A
//! key whose queue is full holds its request unanswered until there is room
//! ([`QueueFull::Wait`]); at most
//! [`concurrent_requests`](WebhookOptions::concurrent_requests) requests are handled at once.
//!
//! ```no_run
//! use botapi_ext::prelude::*;
//! # #[cfg(feature = "webhook")]
//! use botapi_ext::WebhookOptions;
//!
//! async fn echo(ctx: Context) -> HandlerResult {
//!     let msg = ctx.message()?;
//!     msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default()).await?;
//!     Ok(())
//! }
//!
//! # #[cfg(feature = "webhook")]
//! # async fn run() -> Result<(), botapi_ext::Error> {
//! let app = Application::builder(std::env::var("BOT_TOKEN").unwrap_or_default()).build()?;
//! app.add_handler(MessageHandler::new(filters::TEXT, echo));
//! let options = WebhookOptions::new()
//!     .listen([0, 0, 0, 0].into())
//!     .port(8443)
//!     .url_path("/telegram")
//!     .webhook_url("https://bot.example.com/telegram");
//! app.run_webhook(options).await // until Ctrl-C or SIGTERM
//! # }
//! ```
//!
//! To serve the webhook beside your own routes (python-telegram-bot's custom webhook bot),
//! take [`Application::webhook_router`], an axum `Router` (a tower service), nest or merge it
//! into your app, and drive the lifecycle yourself:
//!
//! ```no_run
//! # #[cfg(feature = "webhook")]
//! # mod example {
//! # use botapi_ext::prelude::*;
//! use botapi_ext::WebhookOptions;
//! use botapi_ext::axum::{Router, routing::get};
//!
//! # async fn run(app: Application) -> Result<(), Box<dyn std::error::Error>> {
//! let options = WebhookOptions::new()
//!     .url_path("/telegram")
//!     .webhook_url("https://example.com/bot/telegram");
//! let routes = Router::new()
//!     .route("/health", get(|| async { "ok" }))
//!     .nest("/bot", app.webhook_router(&options)?);
//! app.start().await?;
//! app.set_webhook(&options).await?;
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8000").await?;
//! let stop = app.clone();
//! botapi_ext::axum::serve(listener, routes)
//!     .with_graceful_shutdown(async move { stop.stop_requested().await })
//!     .await?;
//! app.stop().await?;
//! app.shutdown().await?;
//! # Ok(())
//! # }
//! # }
//! ```
//!
//! # Cargo features
//!
//! - `webhook` (default): the webhook server and router, on axum (HTTP/1 only).
//! - `webhook-tls`: serving the webhook over HTTPS directly, with rustls
//!   (`WebhookTls`, `WebhookOptions::tls`); without it, put a TLS-terminating reverse
//!   proxy in front.
//!
//! # Shutting down
//!
//! On Ctrl-C, SIGTERM or [`Application::stop_running`]: fetching stops, running handlers get
//! the grace period ([`ApplicationBuilder::grace_period`]) to finish, the handled updates are
//! confirmed, then the `post_stop` and `post_shutdown` hooks run. [`Application::initialize`],
//! [`start`](Application::start), [`start_polling`](Application::start_polling),
//! [`start_webhook`](Application::start_webhook),
//! [`stop`](Application::stop) and [`shutdown`](Application::shutdown) are public for
//! embedding the application in a program that owns its runtime, or several bots in one
//! process.

#![forbid(unsafe_code)]
// The guide names the webhook items, which exist only with the (default) `webhook` feature.
#![cfg_attr(not(feature = "webhook"), allow(rustdoc::broken_intra_doc_links))]
#![deny(missing_docs)]

mod application;
pub mod commands;
mod context;
mod dispatch;
mod error;
pub mod filters;
#[rustfmt::skip]
mod generated;
mod handler;
pub mod handlers;
mod incoming;
mod matches;
mod polling;
#[cfg(feature = "webapp")]
pub mod webapp;
#[cfg(feature = "webhook")]
mod webhook;

pub use application::{Application, ApplicationBuilder, Delivery, Processed, QueueFull, UpdateSender};
pub use context::Context;
pub use dispatch::{FileJournal, Journaled, KeyFn, OrderBy, OrderKey, UpdateJournal};
pub use error::{
    Cancelled, Error, HandlerError, HandlerResult, MissingPayload, Panicked, Rejected, UnreadableUpdate,
};
pub use generated::update_type::UpdateType;
pub use handler::{
    BotInfo, BoxFuture, Callback, DEFAULT_GROUP, Flow, Handler, HandlerId, HandlerOutput, Matched,
    UpdateKinds,
};
pub use incoming::Incoming;
pub use matches::{Captures, Matches};
pub use polling::PollingOptions;
#[cfg(feature = "webhook-tls")]
pub use webhook::WebhookTls;
#[cfg(feature = "webhook")]
pub use webhook::{DEFAULT_CONCURRENT_REQUESTS, DEFAULT_MAX_BODY_BYTES, WebhookOptions};

/// The bindings this framework is built on.
pub use botapi;

/// The axum version [`Application::webhook_router`] is built with, to nest its router in your
/// own app without a version mismatch.
#[cfg(feature = "webhook")]
pub use axum;

/// What most bots import: `use botapi_ext::prelude::*;`.
pub mod prelude {
    pub use crate::filters::{self, Filter};
    pub use crate::handlers::{
        BusinessConnectionHandler, BusinessMessagesDeletedHandler, CallbackQueryHandler, ChatBoostHandler,
        ChatJoinRequestHandler, ChatMemberHandler, ChosenInlineResultHandler, InlineQueryHandler,
        ManagedBotUpdatedHandler, MessageReactionHandler, PaidMediaPurchasedHandler, Pattern,
        PreCheckoutQueryHandler, PrefixHandler, StringCommandHandler, StringRegexHandler,
    };
    pub use crate::handlers::{CommandHandler, KindHandler, MessageHandler, TypeHandler};
    pub use crate::{Application, Context, Flow, HandlerResult, UpdateType};
    pub use botapi::Bot;
}
