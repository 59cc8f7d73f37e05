//! `MessageReactionHandler`: reactions to messages, a user's or the anonymous counts.

use crate::handlers::base::{Base, handler, update_set};

update_set! {
    /// Which reaction updates a [`MessageReactionHandler`] takes (python-telegram-bot's
    /// `message_reaction_types`).
    pub enum MessageReactionUpdates {
        /// `message_reaction`: a user changed their reaction.
        Updated => [MessageReaction],
        /// `message_reaction_count`: the anonymous reaction counts changed.
        CountUpdated => [MessageReactionCount],
        /// Both.
        #[default]
        Any => [MessageReaction, MessageReactionCount],
    }
}

/// Handles reactions to messages: by default both a user's (`message_reaction`) and the
/// anonymous counts (`message_reaction_count`), narrowed with
/// [`updates`](MessageReactionHandler::updates); optionally only in some chats or from some
/// users (the counts have no user). The bot must be an administrator of the chat. The
/// payload is `ctx.message_reaction()?` or `ctx.message_reaction_count()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult};
/// use botapi_ext::handlers::{MessageReactionHandler, MessageReactionUpdates};
///
/// async fn reacted(ctx: Context) -> HandlerResult {
///     let reaction = ctx.message_reaction()?;
///     println!("message {} now has {:?}", reaction.message_id, reaction.new_reaction);
///     Ok(())
/// }
///
/// let handler = MessageReactionHandler::new(reacted)
///     .updates(MessageReactionUpdates::Updated)
///     .chat_ids([-1001234567890]);
/// # let _ = handler;
/// ```
pub struct MessageReactionHandler<D = ()> {
    base: Base<D>,
}

handler!(
    MessageReactionHandler {},
    filter,
    select,
    updates(MessageReactionUpdates),
    chats,
    users
);
