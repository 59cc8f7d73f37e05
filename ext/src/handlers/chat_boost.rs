//! `ChatBoostHandler`: boosts added to or removed from chats.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};

/// Which boost updates a [`ChatBoostHandler`] takes (python-telegram-bot's
/// `chat_boost_types`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChatBoostUpdates {
    /// `chat_boost`: a boost was added or changed.
    #[default]
    ChatBoost,
    /// `removed_chat_boost`: a boost was removed.
    RemovedChatBoost,
    /// Both.
    Any,
}

impl ChatBoostUpdates {
    fn kinds(self) -> &'static [UpdateType] {
        match self {
            ChatBoostUpdates::ChatBoost => &[UpdateType::ChatBoost],
            ChatBoostUpdates::RemovedChatBoost => &[UpdateType::RemovedChatBoost],
            ChatBoostUpdates::Any => &[UpdateType::ChatBoost, UpdateType::RemovedChatBoost],
        }
    }
}

/// Handles chat boosts: by default added or changed ones (`chat_boost`), with
/// [`updates`](ChatBoostHandler::updates) removed ones or both; optionally only in some chats.
/// The payload is `ctx.chat_boost()?` or `ctx.removed_chat_boost()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult};
/// use botapi_ext::handlers::{ChatBoostHandler, ChatBoostUpdates};
///
/// async fn boosted(ctx: Context) -> HandlerResult {
///     ctx.bot.send_message(ctx.chat()?.id, "Thank you for the boost!").await?;
///     Ok(())
/// }
///
/// let handler = ChatBoostHandler::new(boosted).chat_usernames(["@my_channel"]);
/// # let _ = (handler, ChatBoostUpdates::Any);
/// ```
pub struct ChatBoostHandler<D = ()> {
    base: Base<D>,
}

handler!(
    ChatBoostHandler {},
    filter,
    select,
    updates(ChatBoostUpdates),
    chats
);

impl<D: Send + Sync + 'static> ChatBoostHandler<D> {
    /// Handles added and changed boosts (`chat_boost`).
    pub fn new(callback: impl Callback<D>) -> Self {
        let kinds = ChatBoostUpdates::default().kinds();
        ChatBoostHandler {
            base: Base::new(kinds, callback),
        }
    }
}
