//! `ChatId`: the API's "Integer or String" chat identifier.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A chat identifier: the numeric id, or the `@username` of a public chat or channel.
///
/// Every `chat_id` parameter documented as "Integer or String" takes `impl Into<ChatId>`, so
/// `bot.send_message(42, ..)`, `bot.send_message("@channel", ..)` and
/// `bot.send_message(chat.id, ..)` all work.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ChatId {
    /// A numeric chat id (may exceed 32 bits; negative for groups and channels).
    Id(i64),
    /// A username in the format `@channelusername`.
    Username(String),
}

impl From<i64> for ChatId {
    fn from(id: i64) -> Self {
        ChatId::Id(id)
    }
}

impl From<i32> for ChatId {
    fn from(id: i32) -> Self {
        ChatId::Id(id.into())
    }
}

impl From<&str> for ChatId {
    fn from(username: &str) -> Self {
        ChatId::Username(username.to_owned())
    }
}

impl From<String> for ChatId {
    fn from(username: String) -> Self {
        ChatId::Username(username)
    }
}

impl From<&ChatId> for ChatId {
    fn from(id: &ChatId) -> Self {
        id.clone()
    }
}

impl fmt::Display for ChatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChatId::Id(id) => write!(f, "{id}"),
            ChatId::Username(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_number_or_string() {
        assert_eq!(
            serde_json::to_string(&ChatId::from(-1001234567890_i64)).unwrap(),
            "-1001234567890"
        );
        assert_eq!(
            serde_json::to_string(&ChatId::from("@chan")).unwrap(),
            "\"@chan\""
        );
        assert_eq!(
            serde_json::from_str::<ChatId>("\"@chan\"").unwrap(),
            ChatId::from("@chan")
        );
        assert_eq!(serde_json::from_str::<ChatId>("7").unwrap(), ChatId::Id(7));
    }
}
