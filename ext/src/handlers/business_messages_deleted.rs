//! `BusinessMessagesDeletedHandler`: messages deleted from a connected business account.

use crate::UpdateType;
use crate::handler::Callback;
use crate::handlers::base::{Base, handler};

/// Handles messages deleted from a connected business account, optionally only in some
/// chats or of some users (the chat is the private chat with the user: its id and username
/// are the user's). The payload is `ctx.deleted_business_messages()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::BusinessMessagesDeletedHandler};
///
/// async fn deleted(ctx: Context) -> HandlerResult {
///     let deleted = ctx.deleted_business_messages()?;
///     println!("{} messages deleted in {}", deleted.message_ids.len(), deleted.chat.id);
///     Ok(())
/// }
///
/// let handler = BusinessMessagesDeletedHandler::new(deleted).user_usernames(["alice"]);
/// # let _ = handler;
/// ```
pub struct BusinessMessagesDeletedHandler<D = ()> {
    base: Base<D>,
}

handler!(BusinessMessagesDeletedHandler {}, filter, select, chats, users);

impl<D: Send + Sync + 'static> BusinessMessagesDeletedHandler<D> {
    /// Handles every deletion.
    pub fn new(callback: impl Callback<D>) -> Self {
        BusinessMessagesDeletedHandler {
            base: Base::new(&[UpdateType::DeletedBusinessMessages], callback),
        }
    }
}
