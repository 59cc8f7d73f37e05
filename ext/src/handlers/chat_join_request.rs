//! `ChatJoinRequestHandler`: requests to join a chat.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};

/// Handles requests to join chats (the bot needs the `can_invite_users` right), optionally
/// only for some chats or from some users. The payload is `ctx.chat_join_request()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::ChatJoinRequestHandler};
///
/// async fn approve(ctx: Context) -> HandlerResult {
///     let request = ctx.chat_join_request()?;
///     ctx.bot.approve_chat_join_request(request.chat.id, request.from.id).await?;
///     Ok(())
/// }
///
/// let handler = ChatJoinRequestHandler::new(approve).chat_usernames(["@my_group"]);
/// # let _ = handler;
/// ```
pub struct ChatJoinRequestHandler<D = ()> {
    base: Base<D>,
}

handler!(ChatJoinRequestHandler {}, filter, select, chats, users);

impl<D: Send + Sync + 'static> ChatJoinRequestHandler<D> {
    /// Handles every join request.
    pub fn new(callback: impl Callback<D>) -> Self {
        ChatJoinRequestHandler {
            base: Base::new(&[UpdateType::ChatJoinRequest], callback),
        }
    }
}
