//! What the application dispatches: a Telegram update, a value of the user's own type, or an
//! update that could not be read.

use std::any::Any;
use std::fmt;

use botapi::types::Update;

use crate::error::UnreadableUpdate;

/// One item handed to the handlers: every source (long polling, webhooks,
/// [`Application::process_update`](crate::Application::process_update), an
/// [`UpdateSender`](crate::UpdateSender)) produces these, and they all take the same path.
#[non_exhaustive]
pub enum Incoming {
    /// A Telegram update.
    Telegram(Update),
    /// A value of another type (python-telegram-bot's `TypeHandler` use: payloads posted by
    /// another service, timer events, ...). Handled by
    /// [`TypeHandler`](crate::handlers::TypeHandler)s of that type.
    Custom(Box<dyn Any + Send + Sync>),
    /// Something that should have been an update and could not be read; only error handlers
    /// see it.
    Unreadable(UnreadableUpdate),
}

impl Incoming {
    /// A custom update.
    pub fn custom<T: Any + Send + Sync>(value: T) -> Incoming {
        Incoming::Custom(Box::new(value))
    }

    /// The Telegram update, if this is one.
    pub fn telegram(&self) -> Option<&Update> {
        match self {
            Incoming::Telegram(update) => Some(update),
            _ => None,
        }
    }

    /// The custom value, if this is one of type `T`.
    pub fn downcast_ref<T: Any>(&self) -> Option<&T> {
        match self {
            Incoming::Custom(value) => value.downcast_ref(),
            _ => None,
        }
    }

    /// The Telegram `update_id`, the key of de-duplication and offsets.
    pub fn update_id(&self) -> Option<i64> {
        self.telegram().map(|update| update.update_id)
    }

    /// A short name for logs and errors: the update kind (`message`), `custom` or
    /// `unreadable`.
    pub fn kind_name(&self) -> &str {
        match self {
            Incoming::Telegram(update) => update.kind.name(),
            Incoming::Custom(_) => "custom",
            Incoming::Unreadable(_) => "unreadable",
        }
    }
}

impl fmt::Debug for Incoming {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Incoming::Telegram(update) => f.debug_tuple("Telegram").field(update).finish(),
            Incoming::Custom(_) => f.write_str("Custom(..)"),
            Incoming::Unreadable(unreadable) => f.debug_tuple("Unreadable").field(unreadable).finish(),
        }
    }
}

impl From<Update> for Incoming {
    fn from(update: Update) -> Self {
        Incoming::Telegram(update)
    }
}
