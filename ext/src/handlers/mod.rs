//! The ready-made handlers (python-telegram-bot's handler classes).
//!
//! Each takes a callback — a plain `async fn(Context<D>) -> HandlerResult` — and options
//! (filters, patterns, `blocking`), and is added with
//! [`Application::add_handler`](crate::Application::add_handler).
//!
//! Every update kind of the Bot API has a handler: the ones with options are written by hand
//! ([`CommandHandler`], [`MessageHandler`], ...); the others (`PollHandler`,
//! `ShippingQueryHandler`, ...) are generated from the spec, so a new update kind brings its
//! handler. [`KindHandler`] takes any update kind, [`TypeHandler`] your own update types.

mod command;
mod kind;
mod message;
mod typed;

pub use crate::generated::kind_handlers::*;
pub(crate) use command::parse_command;
pub use command::{ArgCount, CommandHandler};
pub use kind::KindHandler;
pub use message::MessageHandler;
pub use typed::TypeHandler;
