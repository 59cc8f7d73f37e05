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
//!
//! The hand-written ones share their options: [`blocking`](CallbackQueryHandler::blocking),
//! a [`filter`](CallbackQueryHandler::filter), chats and users to listen to where the update
//! has them ([`user_ids`](CallbackQueryHandler::user_ids),
//! [`chat_usernames`](ChatBoostHandler::chat_usernames), ...), and a [`Pattern`] for the text
//! they match (callback data, an inline query, an invoice payload): a regex whose captures
//! reach [`Context::captures`](crate::Context::captures), an exact string, a predicate, or a
//! type to parse into [`Context::parsed`](crate::Context::parsed).
//! [`StringCommandHandler`] and [`StringRegexHandler`] take custom updates that are strings.

mod command;
mod kind;
mod message;
mod typed;

pub(crate) mod base;
mod business_connection;
mod business_messages_deleted;
mod callback;
mod chat_boost;
mod chat_join_request;
mod chat_member;
mod chosen_inline_result;
mod inline_query;
mod managed_bot_updated;
mod message_reaction;
mod paid_media_purchased;
mod pattern;
mod pre_checkout_query;
mod prefix;
mod string;

pub use crate::generated::kind_handlers::*;
pub(crate) use command::parse_command;
pub use command::{ArgCount, CommandHandler};
pub use kind::KindHandler;
pub use message::MessageHandler;
pub use typed::TypeHandler;

pub use business_connection::BusinessConnectionHandler;
pub use business_messages_deleted::BusinessMessagesDeletedHandler;
pub use callback::CallbackQueryHandler;
pub use chat_boost::{ChatBoostHandler, ChatBoostUpdates};
pub use chat_join_request::ChatJoinRequestHandler;
pub use chat_member::{ChatMemberHandler, ChatMemberUpdates};
pub use chosen_inline_result::ChosenInlineResultHandler;
pub use command::Commands;
pub use inline_query::InlineQueryHandler;
pub use managed_bot_updated::ManagedBotUpdatedHandler;
pub use message_reaction::{MessageReactionHandler, MessageReactionUpdates};
pub use paid_media_purchased::PaidMediaPurchasedHandler;
pub use pattern::Pattern;
pub use pre_checkout_query::PreCheckoutQueryHandler;
pub use prefix::PrefixHandler;
pub use string::{StringCommandHandler, StringRegexHandler};
