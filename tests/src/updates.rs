//! Builders of realistic update JSON to feed [`TestServer::push_update`].
//!
//! The updates have no `update_id`: the server assigns one when they are pushed.
//!
//! [`TestServer::push_update`]: crate::TestServer::push_update

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

static NEXT_MESSAGE_ID: AtomicI64 = AtomicI64::new(1000);
static NEXT_QUERY_ID: AtomicI64 = AtomicI64::new(1);

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// A (non-bot) user with id `user_id`.
pub fn user(user_id: i64) -> Value {
    json!({ "id": user_id, "is_bot": false, "first_name": format!("User {user_id}"), "language_code": "en" })
}

/// A chat: private for a positive id, a supergroup otherwise.
pub fn chat(chat_id: i64) -> Value {
    if chat_id > 0 {
        json!({ "id": chat_id, "type": "private", "first_name": format!("User {chat_id}") })
    } else {
        json!({ "id": chat_id, "type": "supergroup", "title": format!("Group {chat_id}") })
    }
}

/// A message from `user_id` in `chat_id` with `text`; a leading `/command` gets its
/// `bot_command` entity.
pub fn message(user_id: i64, chat_id: i64, text: &str) -> Value {
    let mut message = json!({
        "message_id": NEXT_MESSAGE_ID.fetch_add(1, Ordering::Relaxed),
        "date": now(),
        "chat": chat(chat_id),
        "from": user(user_id),
        "text": text,
    });
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        let length = command.encode_utf16().count();
        message["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": length }]);
    }
    message
}

/// "User `user_id` sends `text` in `chat_id`": an update with a `message`.
pub fn text_message(user_id: i64, chat_id: i64, text: &str) -> Value {
    json!({ "message": message(user_id, chat_id, text) })
}

/// "User `user_id` presses a button with callback data `data`" under a bot message in their
/// private chat: an update with a `callback_query`.
pub fn callback_query(user_id: i64, data: &str) -> Value {
    let id = NEXT_QUERY_ID.fetch_add(1, Ordering::Relaxed);
    json!({
        "callback_query": {
            "id": format!("{id}"),
            "from": user(user_id),
            "chat_instance": format!("-{user_id}000"),
            "data": data,
            "message": {
                "message_id": NEXT_MESSAGE_ID.fetch_add(1, Ordering::Relaxed),
                "date": now(),
                "chat": chat(user_id),
                "text": "Choose:",
            },
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_get_an_entity_measured_in_utf16() {
        let update = text_message(42, 42, "/start payload");
        assert_eq!(update["message"]["entities"][0]["length"], 6);
        assert_eq!(update["message"]["chat"]["type"], "private");
        assert!(update.get("update_id").is_none());
        assert!(text_message(1, -5, "hi")["message"].get("entities").is_none());
        assert_eq!(text_message(1, -5, "hi")["message"]["chat"]["type"], "supergroup");
    }

    #[test]
    fn callback_queries_carry_data_and_user() {
        let update = callback_query(7, "x");
        assert_eq!(update["callback_query"]["data"], "x");
        assert_eq!(update["callback_query"]["from"]["id"], 7);
        assert_eq!(update["callback_query"]["message"]["chat"]["id"], 7);
    }
}
