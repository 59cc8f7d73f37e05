//! `ChatId`: the API's "Integer or String" chat identifier.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// A chat identifier: the numeric id, or the `@username` of a public chat or channel.
///
/// Every `chat_id` parameter documented as "Integer or String" takes `impl Into<ChatId>`, so
/// `bot.send_message(42, ..)`, `bot.send_message("@channel", ..)` and
/// `bot.send_message(chat.id, ..)` all work.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

impl Serialize for ChatId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ChatId::Id(id) => serializer.serialize_i64(*id),
            ChatId::Username(name) => serializer.serialize_str(name),
        }
    }
}

impl<'de> Deserialize<'de> for ChatId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ChatIdVisitor;

        impl Visitor<'_> for ChatIdVisitor {
            type Value = ChatId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a chat id (integer) or an @username (string)")
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ChatId, E> {
                Ok(ChatId::Id(v))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ChatId, E> {
                i64::try_from(v)
                    .map(ChatId::Id)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<ChatId, E> {
                Ok(ChatId::Username(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<ChatId, E> {
                Ok(ChatId::Username(v))
            }
        }

        deserializer.deserialize_any(ChatIdVisitor)
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
        assert!(serde_json::from_str::<ChatId>("1.5").is_err());
        assert!(serde_json::from_str::<ChatId>("18446744073709551615").is_err());
    }
}
