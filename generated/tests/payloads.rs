//! Real-shaped payloads: the update kinds bots see most, and what a newer Bot API may send.

use botapi::types::*;
use serde_json::{Value, json};

fn update(value: Value) -> Update {
    serde_json::from_value(value).expect("the update deserializes")
}

fn user(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Ann", "username": "ann", "language_code": "en"})
}

fn private_chat(id: i64) -> Value {
    json!({"id": id, "type": "private", "first_name": "Ann"})
}

#[test]
fn text_message_with_entities_and_astral_emoji() {
    let u = update(json!({
        "update_id": 1,
        "message": {
            "message_id": 10, "from": user(42), "chat": private_chat(42), "date": 1700000000,
            "text": "😀 bold https://t.me",
            "entities": [
                {"offset": 3, "length": 4, "type": "bold"},
                {"offset": 8, "length": 12, "type": "url"},
                {"offset": 0, "length": 2, "type": "spoiler_v2"}
            ]
        }
    }));
    let UpdateKind::Message(message) = &u.kind else {
        panic!("a message: {:?}", u.kind)
    };
    assert_eq!(message.text.as_deref(), Some("😀 bold https://t.me"));
    let entities = message.entities.as_ref().expect("entities");
    assert_eq!(entities[0].kind, MessageEntityType::Bold);
    assert_eq!(entities[1].kind, MessageEntityType::Url);
    // An entity type from a newer Bot API is kept, not an error.
    assert_eq!(entities[2].kind, MessageEntityType::Other("spoiler_v2".into()));
    assert_eq!(entities[2].kind.as_str(), "spoiler_v2");
    assert_eq!(message.chat.kind, ChatType::Private);
    assert_eq!(u.kind.name(), "message");
}

#[test]
fn bot_command_in_a_group() {
    let u = update(json!({
        "update_id": 2,
        "message": {
            "message_id": 11, "from": user(42), "date": 1700000001,
            "chat": {"id": -1001234567890_i64, "type": "supergroup", "title": "Group", "is_forum": true},
            "message_thread_id": 7, "is_topic_message": true,
            "text": "/start@my_bot payload",
            "entities": [{"offset": 0, "length": 13, "type": "bot_command"}]
        }
    }));
    let UpdateKind::Message(message) = u.kind else {
        panic!("a message")
    };
    assert_eq!(message.chat.id, -1001234567890);
    assert_eq!(message.chat.kind, ChatType::Supergroup);
    assert_eq!(message.message_thread_id, Some(7));
    assert_eq!(message.entities.unwrap()[0].kind, MessageEntityType::BotCommand);
}

#[test]
fn callback_query_with_an_inaccessible_message() {
    let u = update(json!({
        "update_id": 3,
        "callback_query": {
            "id": "4382bfdwdsb323b2d9", "from": user(42), "chat_instance": "-1234", "data": "x",
            "message": {"chat": private_chat(42), "message_id": 5, "date": 0}
        }
    }));
    let UpdateKind::CallbackQuery(query) = &u.kind else {
        panic!("a callback query")
    };
    let message = query.message.as_ref().expect("message");
    assert!(!message.is_accessible());
    assert_eq!(message.message_id(), 5);
    assert_eq!(message.chat().id, 42);
    let MaybeInaccessibleMessage::InaccessibleMessage(inaccessible) = &**message else {
        panic!("inaccessible")
    };
    assert_eq!(inaccessible.date, 0);
    // And it serializes back to the same shape.
    let back = serde_json::to_value(&u).unwrap();
    assert_eq!(
        back["callback_query"]["message"],
        json!({"chat": private_chat(42), "message_id": 5, "date": 0})
    );
}

#[test]
fn callback_query_with_an_accessible_message() {
    let u = update(json!({
        "update_id": 4,
        "callback_query": {
            "id": "1", "from": user(42), "chat_instance": "-1", "data": "vote:1",
            "message": {"chat": private_chat(42), "message_id": 6, "date": 1700000002, "text": "Vote"}
        }
    }));
    let UpdateKind::CallbackQuery(query) = u.kind else {
        panic!("a callback query")
    };
    let message = query.message.unwrap();
    assert!(message.is_accessible());
    assert_eq!(message.accessible().unwrap().text.as_deref(), Some("Vote"));
}

#[test]
fn edited_photo_message() {
    let u = update(json!({
        "update_id": 5,
        "edited_message": {
            "message_id": 12, "from": user(42), "chat": private_chat(42), "date": 1700000003,
            "edit_date": 1700000100, "caption": "new caption",
            "photo": [
                {"file_id": "a", "file_unique_id": "ua", "width": 90, "height": 60, "file_size": 1200},
                {"file_id": "b", "file_unique_id": "ub", "width": 900, "height": 600}
            ]
        }
    }));
    let UpdateKind::EditedMessage(message) = u.kind else {
        panic!("an edited message")
    };
    assert_eq!(message.edit_date, Some(1700000100));
    let photo = message.photo.as_ref().unwrap();
    assert_eq!(photo.len(), 2);
    assert_eq!(photo[1].width, 900);
    assert_eq!(photo[0].file_size, Some(1200));
}

#[test]
fn chat_member_updates_use_the_status_tag() {
    let u = update(json!({
        "update_id": 6,
        "chat_member": {
            "chat": {"id": -100, "type": "group", "title": "G"}, "from": user(1), "date": 1700000004,
            "old_chat_member": {"user": user(42), "status": "member"},
            "new_chat_member": {"user": user(42), "status": "kicked", "until_date": 0},
        }
    }));
    let UpdateKind::ChatMember(update) = u.kind else {
        panic!("a chat member update")
    };
    assert!(matches!(update.old_chat_member, ChatMember::Member(_)));
    let ChatMember::Banned(banned) = &update.new_chat_member else {
        panic!("banned: {:?}", update.new_chat_member)
    };
    assert_eq!(banned.until_date, 0);
    assert_eq!(update.new_chat_member.tag(), Some("kicked"));
    let back = serde_json::to_value(&update.new_chat_member).unwrap();
    assert_eq!(back["status"], "kicked");
}

#[test]
fn chat_member_with_an_unknown_status_is_kept() {
    let member: ChatMember =
        serde_json::from_value(json!({"status": "probation", "user": user(1), "days": 3})).unwrap();
    let ChatMember::Unknown(raw) = &member else {
        panic!("unknown: {member:?}")
    };
    assert_eq!(raw["days"], 3);
    assert_eq!(member.tag(), Some("probation"));
    assert_eq!(serde_json::to_value(&member).unwrap()["status"], "probation");
}

#[test]
fn inline_query() {
    let u = update(json!({
        "update_id": 7,
        "inline_query": {"id": "q1", "from": user(42), "query": "cats", "offset": "", "chat_type": "sender"}
    }));
    let UpdateKind::InlineQuery(query) = u.kind else {
        panic!("an inline query")
    };
    assert_eq!(query.query, "cats");
    assert_eq!(query.chat_type, Some(InlineQueryChatType::Sender));
}

#[test]
fn poll_answer() {
    let u = update(json!({
        "update_id": 8,
        "poll_answer": {"poll_id": "p", "user": user(42), "option_ids": [0, 2], "option_persistent_ids": ["a", "c"]}
    }));
    let UpdateKind::PollAnswer(answer) = u.kind else {
        panic!("a poll answer")
    };
    assert_eq!(answer.option_ids, vec![0, 2]);
}

#[test]
fn message_reaction() {
    let u = update(json!({
        "update_id": 9,
        "message_reaction": {
            "chat": private_chat(42), "message_id": 3, "user": user(42), "date": 1700000005,
            "old_reaction": [],
            "new_reaction": [{"type": "emoji", "emoji": "👍"}, {"type": "custom_emoji", "custom_emoji_id": "5"}, {"type": "paid"}]
        }
    }));
    let UpdateKind::MessageReaction(reaction) = u.kind else {
        panic!("a reaction")
    };
    let ReactionType::Emoji(emoji) = &reaction.new_reaction[0] else {
        panic!("emoji")
    };
    assert_eq!(emoji.emoji, "👍");
    assert!(matches!(reaction.new_reaction[1], ReactionType::CustomEmoji(_)));
    assert!(matches!(reaction.new_reaction[2], ReactionType::Paid(_)));
}

#[test]
fn an_update_kind_from_a_newer_bot_api_is_kept() {
    let u = update(json!({"update_id": 10, "hologram_call": {"id": 1, "caller": user(42)}}));
    let UpdateKind::Unknown(raw) = &u.kind else {
        panic!("unknown: {:?}", u.kind)
    };
    assert_eq!(raw.name, "hologram_call");
    assert_eq!(raw.value["caller"]["id"], 42);
    assert_eq!(
        serde_json::to_value(&u).unwrap(),
        json!({"update_id": 10, "hologram_call": {"id": 1, "caller": user(42)}})
    );
}

#[test]
fn a_malformed_update_keeps_its_raw_json_and_id() {
    let u = update(json!({"update_id": 11, "message": {"message_id": "not a number"}}));
    assert_eq!(u.update_id, 11);
    let UpdateKind::Malformed(malformed) = &u.kind else {
        panic!("malformed: {:?}", u.kind)
    };
    assert_eq!(malformed.raw.name, "message");
    assert_eq!(malformed.raw.value["message_id"], "not a number");
    assert!(malformed.error.contains("invalid type"), "{}", malformed.error);
}

#[test]
fn one_bad_update_does_not_lose_the_batch() {
    let batch: Vec<Update> = serde_json::from_value(json!([
        {"update_id": 1, "message": {"message_id": 1, "date": 1, "chat": private_chat(1), "text": "a"}},
        {"update_id": 2, "message": {"message_id": 2}},
        {"update_id": 3, "message": {"message_id": 3, "date": 3, "chat": private_chat(1), "text": "c"}}
    ]))
    .unwrap();
    assert_eq!(batch.iter().map(|u| u.update_id).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(matches!(batch[1].kind, UpdateKind::Malformed(_)));
    assert!(matches!(batch[2].kind, UpdateKind::Message(_)));
}

#[test]
fn unknown_fields_are_ignored_and_true_accepts_false() {
    let user: User = serde_json::from_value(json!({
        "id": 1, "is_bot": false, "first_name": "A", "is_premium": false, "brand_new_field": {"x": 1}
    }))
    .unwrap();
    assert_eq!(user.is_premium, Some(false));
}

#[test]
fn missing_required_booleans_read_as_false() {
    // Older captures omit `is_bot`, which later became required.
    let user: User = serde_json::from_value(json!({"id": 1, "first_name": "A"})).unwrap();
    assert!(!user.is_bot);
}

#[test]
fn ids_beyond_32_bits() {
    let chat: Chat = serde_json::from_value(json!({"id": -1009876543210_i64, "type": "channel"})).unwrap();
    assert_eq!(chat.id, -1009876543210);
}

#[test]
fn message_origin_tagged_by_type() {
    let origin: MessageOrigin = serde_json::from_value(json!({
        "type": "channel", "date": 1, "chat": {"id": -100, "type": "channel"}, "message_id": 9
    }))
    .unwrap();
    let MessageOrigin::Channel(channel) = &origin else {
        panic!("channel")
    };
    assert_eq!(channel.message_id, 9);
}

#[test]
fn inline_query_results_sharing_a_type_are_told_apart() {
    let cached: InlineQueryResult =
        serde_json::from_value(json!({"type": "audio", "id": "1", "audio_file_id": "f"})).unwrap();
    assert!(matches!(cached, InlineQueryResult::CachedAudio(_)), "{cached:?}");
    let remote: InlineQueryResult = serde_json::from_value(
        json!({"type": "audio", "id": "1", "audio_url": "https://x/a.mp3", "title": "A"}),
    )
    .unwrap();
    assert!(matches!(remote, InlineQueryResult::Audio(_)), "{remote:?}");
}

#[test]
fn input_types_have_constructors_and_serialize_their_tags() {
    let article = InlineQueryResultArticle::new("1", "Title", InputTextMessageContent::new("hi"));
    let value = serde_json::to_value(InlineQueryResult::from(article)).unwrap();
    assert_eq!(value["type"], "article");
    assert_eq!(value["input_message_content"], json!({"message_text": "hi"}));

    let scope = BotCommandScope::from(BotCommandScopeChat::new(42));
    assert_eq!(
        serde_json::to_value(&scope).unwrap(),
        json!({"type": "chat", "chat_id": 42})
    );
    // A variant struct on its own is the same JSON object, tag included; an empty one too.
    assert_eq!(
        serde_json::to_value(BotCommandScopeChat::new(42)).unwrap(),
        json!({"type": "chat", "chat_id": 42})
    );
    assert_eq!(
        serde_json::to_value(BotCommandScope::from(BotCommandScopeDefault::new())).unwrap(),
        json!({"type": "default"})
    );

    let markup = ReplyMarkup::from(InlineKeyboardMarkup::new(vec![vec![
        InlineKeyboardButton::new("Go").callback_data("go"),
    ]]));
    assert_eq!(
        serde_json::to_value(&markup).unwrap(),
        json!({"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]})
    );
}

#[test]
fn rich_text_takes_plain_strings_and_arrays() {
    let text: RichText = serde_json::from_value(json!(["plain", {"type": "bold", "text": "b"}])).unwrap();
    let RichText::Concat(parts) = &text else {
        panic!("concat: {text:?}")
    };
    assert_eq!(parts[0], RichText::from("plain"));
    assert!(matches!(parts[1], RichText::Bold(_)));
    assert_eq!(
        serde_json::to_value(&text).unwrap(),
        json!(["plain", {"type": "bold", "text": "b"}])
    );
}
