//! `ChatBoostHandler`: boosts added to or removed from chats.

use crate::handlers::base::{Base, handler, update_set};

update_set! {
    /// Which boost updates a [`ChatBoostHandler`] takes (python-telegram-bot's
    /// `chat_boost_types`).
    pub enum ChatBoostUpdates {
        /// `chat_boost`: a boost was added or changed.
        #[default]
        ChatBoost => [ChatBoost],
        /// `removed_chat_boost`: a boost was removed.
        RemovedChatBoost => [RemovedChatBoost],
        /// Both.
        Any => [ChatBoost, RemovedChatBoost],
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
