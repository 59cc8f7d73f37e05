//! Ordering keys: updates with the same key are handled one after the other, in the order they
//! arrived; updates with different keys run concurrently.

use std::fmt;
use std::sync::Arc;

use crate::incoming::Incoming;

/// The key an update is ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OrderKey {
    /// A chat, and the forum topic inside it where there is one.
    Chat {
        /// The chat id.
        chat_id: i64,
        /// The forum topic (`message_thread_id` of a topic message).
        topic: Option<i64>,
    },
    /// A user (updates without a chat, such as inline queries, in the default ordering).
    User(i64),
    /// A user inside a chat.
    ChatUser {
        /// The chat id.
        chat_id: i64,
        /// The user id.
        user_id: i64,
    },
    /// A key computed by the application's own function.
    Custom(u64),
}

impl fmt::Display for OrderKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrderKey::Chat { chat_id, topic: None } => write!(f, "chat {chat_id}"),
            OrderKey::Chat {
                chat_id,
                topic: Some(topic),
            } => write!(f, "chat {chat_id} topic {topic}"),
            OrderKey::User(user_id) => write!(f, "user {user_id}"),
            OrderKey::ChatUser { chat_id, user_id } => write!(f, "user {user_id} in chat {chat_id}"),
            OrderKey::Custom(key) => write!(f, "key {key}"),
        }
    }
}

/// A function that picks the ordering key of an update (`None`: no ordering).
pub type KeyFn = Arc<dyn Fn(&Incoming) -> Option<OrderKey> + Send + Sync>;

/// How updates are ordered.
#[derive(Clone, Default)]
#[non_exhaustive]
pub enum OrderBy {
    /// Per chat, and per forum topic inside forums (the default). Updates without a chat
    /// (inline queries, chosen inline results, poll answers) are ordered per user; the rest
    /// (polls) run unordered.
    #[default]
    Chat,
    /// Per user; updates without a user are ordered per chat.
    User,
    /// Per user inside each chat (a conversation key); falls back to the chat or the user.
    ChatAndUser,
    /// No ordering: every update runs as soon as there is capacity.
    Unordered,
    /// Your own function.
    Custom(KeyFn),
}

impl fmt::Debug for OrderBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OrderBy::Chat => "Chat",
            OrderBy::User => "User",
            OrderBy::ChatAndUser => "ChatAndUser",
            OrderBy::Unordered => "Unordered",
            OrderBy::Custom(_) => "Custom(..)",
        })
    }
}

impl OrderBy {
    /// A custom key function.
    pub fn custom(key: impl Fn(&Incoming) -> Option<OrderKey> + Send + Sync + 'static) -> OrderBy {
        OrderBy::Custom(Arc::new(key))
    }

    /// The key of an update under this ordering.
    pub fn key(&self, incoming: &Incoming) -> Option<OrderKey> {
        let update = match (self, incoming) {
            (OrderBy::Unordered, _) => return None,
            (OrderBy::Custom(key), _) => return key(incoming),
            (_, Incoming::Telegram(update)) => update,
            _ => return None,
        };
        let chat = update.effective_chat().map(|chat| chat.id);
        let user = update.effective_user().map(|user| user.id);
        let by_chat = chat.map(|chat_id| OrderKey::Chat {
            chat_id,
            topic: update
                .effective_message()
                .filter(|m| m.is_topic_message == Some(true))
                .and_then(|m| m.message_thread_id),
        });
        match self {
            OrderBy::Chat => by_chat.or(user.map(OrderKey::User)),
            OrderBy::User => user.map(OrderKey::User).or(by_chat),
            OrderBy::ChatAndUser => match (chat, user) {
                (Some(chat_id), Some(user_id)) => Some(OrderKey::ChatUser { chat_id, user_id }),
                _ => by_chat.or(user.map(OrderKey::User)),
            },
            OrderBy::Unordered | OrderBy::Custom(_) => unreachable!("returned above"),
        }
    }
}
