//! `ChatMemberHandler`: changes of chat members, the bot's own or others'.

use crate::handlers::base::{Base, handler, update_set};

update_set! {
    /// Which chat member updates a [`ChatMemberHandler`] takes (python-telegram-bot's
    /// `chat_member_types`).
    pub enum ChatMemberUpdates {
        /// `my_chat_member`: the bot's own membership changed (added, removed, blocked, promoted).
        #[default]
        MyChatMember => [MyChatMember],
        /// `chat_member`: another member changed (the bot must be an administrator, and the
        /// update is asked for only when a handler takes it).
        ChatMember => [ChatMember],
        /// Both.
        Any => [MyChatMember, ChatMember],
    }
}

/// Handles changes of chat members: by default the bot's own (`my_chat_member`), with
/// [`updates`](ChatMemberHandler::updates) others' (`chat_member`) or both; optionally only in
/// some chats. The payload is `ctx.my_chat_member()?` or `ctx.chat_member()?`.
///
/// ```
/// use botapi_ext::{Context, HandlerResult};
/// use botapi_ext::handlers::{ChatMemberHandler, ChatMemberUpdates};
///
/// async fn member(ctx: Context) -> HandlerResult {
///     let change = ctx.chat_member()?;
///     println!("{} in {}: {:?}", change.from.id, change.chat.id, change.new_chat_member);
///     Ok(())
/// }
///
/// let handler = ChatMemberHandler::new(member)
///     .updates(ChatMemberUpdates::ChatMember)
///     .chat_ids([-1001234567890]);
/// # let _ = handler;
/// ```
pub struct ChatMemberHandler<D = ()> {
    base: Base<D>,
}

handler!(
    ChatMemberHandler {},
    filter,
    select,
    updates(ChatMemberUpdates),
    chats
);
