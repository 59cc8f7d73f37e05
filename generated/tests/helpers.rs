//! Object helpers that are not requests: what a message is, names and mentions, keyboards,
//! permission presets, member changes, entity parsing on every text-bearing type, quoting
//! replies, Markdown renderings, and the documented limits.

use botapi::constants::{self, LimitUnit};
use botapi::types::*;
use botapi::{Attachment, MessageType};
use serde_json::{Value, json};

fn message(value: Value) -> Message {
    serde_json::from_value(value).expect("a message")
}

fn with(content: Value) -> Message {
    let mut value = json!({"message_id": 1, "date": 1, "chat": {"id": -100, "type": "group", "title": "G"}});
    value
        .as_object_mut()
        .unwrap()
        .extend(content.as_object().unwrap().clone());
    message(value)
}

fn photo_size() -> Value {
    json!({"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1})
}

#[test]
fn effective_message_type_names_the_first_content_field() {
    assert_eq!(
        with(json!({"text": "hi"})).effective_message_type(),
        Some(MessageType::Text)
    );
    let photo = with(json!({"photo": [photo_size()], "caption": "c"}));
    assert_eq!(photo.effective_message_type(), Some(MessageType::Photo));
    assert_eq!(MessageType::Photo.as_str(), "photo");
    let joined = with(json!({"new_chat_members": [{"id": 5, "is_bot": false, "first_name": "N"}]}));
    assert_eq!(joined.effective_message_type(), Some(MessageType::NewChatMembers));
    // Flags count when true, lists when not empty (python-telegram-bot tests truthiness).
    let deleted = with(json!({"delete_chat_photo": true}));
    assert_eq!(
        deleted.effective_message_type().map(|t| t.to_string()).as_deref(),
        Some("delete_chat_photo")
    );
    assert_eq!(
        with(json!({"new_chat_members": []})).effective_message_type(),
        None
    );
    // Caption, entities and markup qualify the content; they are not types.
    assert_eq!(with(json!({"caption": "c"})).effective_message_type(), None);
    let update: Update = serde_json::from_value(json!({"update_id": 1, "edited_message": {
        "message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}, "dice": {"emoji": "🎲", "value": 3}
    }}))
    .unwrap();
    assert_eq!(update.effective_message_type(), Some(MessageType::Dice));
}

#[test]
fn message_types_split_into_content_and_service() {
    let content = MessageType::CONTENT;
    let service = MessageType::SERVICE;
    assert_eq!(
        content[..3],
        [
            MessageType::Text,
            MessageType::RichMessage,
            MessageType::Animation
        ]
    );
    assert!(service.contains(&MessageType::NewChatMembers) && service.contains(&MessageType::PinnedMessage));
    assert!(MessageType::ForumTopicCreated.is_service());
    assert!(!MessageType::Photo.is_service() && !MessageType::Poll.is_service());
    // Each kind is in exactly one list, and `is_service` agrees with them.
    for kind in content {
        assert!(!kind.is_service() && !service.contains(kind), "{kind}");
    }
    for kind in service {
        assert!(kind.is_service(), "{kind}");
    }
    // A service message is told apart from a text one through `effective_message_type`.
    let pinned =
        with(json!({"pinned_message": {"chat": {"id": -100, "type": "group"}, "message_id": 7, "date": 0}}));
    assert_eq!(
        pinned.effective_message_type().map(MessageType::is_service),
        Some(true)
    );
    assert_eq!(
        with(json!({"text": "hi"}))
            .effective_message_type()
            .map(MessageType::is_service),
        Some(false)
    );
}

#[test]
fn effective_attachment_prefers_the_specific_field_over_its_compatibility_copy() {
    let location = json!({"latitude": 1.5, "longitude": 2.5});
    let venue = with(json!({
        "location": location,
        "venue": {"location": location, "title": "T", "address": "A"}
    }));
    assert!(matches!(venue.effective_attachment(), Some(Attachment::Venue(v)) if v.title == "T"));
    assert_eq!(venue.effective_message_type(), Some(MessageType::Venue));
    let animation = with(json!({
        "animation": {"file_id": "a", "file_unique_id": "ua", "width": 1, "height": 1, "duration": 1},
        "document": {"file_id": "a", "file_unique_id": "ua"}
    }));
    assert!(matches!(animation.effective_attachment(), Some(Attachment::Animation(a)) if a.file_id == "a"));
    let photo = with(json!({"photo": [photo_size(), photo_size()]}));
    assert!(matches!(photo.effective_attachment(), Some(Attachment::Photo(sizes)) if sizes.len() == 2));
    assert_eq!(with(json!({"text": "t"})).effective_attachment(), None);
}

#[test]
fn user_names_links_and_mentions() {
    let user: User = serde_json::from_value(json!({
        "id": 42, "is_bot": false, "first_name": "Ada", "last_name": "<Lovelace>", "username": "ada_l"
    }))
    .unwrap();
    assert_eq!(user.full_name(), "Ada <Lovelace>");
    assert_eq!(user.name(), "@ada_l");
    assert_eq!(user.link().as_deref(), Some("https://t.me/ada_l"));
    assert_eq!(
        user.mention_html(None),
        r#"<a href="tg://user?id=42">Ada &lt;Lovelace&gt;</a>"#
    );
    assert_eq!(
        user.mention_html(Some("A & B")),
        r#"<a href="tg://user?id=42">A &amp; B</a>"#
    );
    assert_eq!(user.mention_markdown_v2(Some("a.b")), r"[a\.b](tg://user?id=42)");
    assert_eq!(user.mention_markdown(Some("ab")), "[ab](tg://user?id=42)");
    let button = serde_json::to_value(user.mention_button(None)).unwrap();
    assert_eq!(
        button,
        json!({"text": "Ada <Lovelace>", "url": "tg://user?id=42"})
    );

    let plain: User = serde_json::from_value(json!({"id": 1, "is_bot": false, "first_name": "Bo"})).unwrap();
    assert_eq!((plain.name(), plain.link()), ("Bo".to_owned(), None));
}

#[test]
fn chat_names_links_and_mentions() {
    let private: Chat =
        serde_json::from_value(json!({"id": 42, "type": "private", "first_name": "Ada", "last_name": "L"}))
            .unwrap();
    assert_eq!(private.effective_name().as_deref(), Some("Ada L"));
    assert_eq!(private.full_name().as_deref(), Some("Ada L"));
    assert_eq!(
        private.mention_html(None).as_deref(),
        Some(r#"<a href="tg://user?id=42">Ada L</a>"#)
    );

    let public: Chat = serde_json::from_value(
        json!({"id": -1001, "type": "supergroup", "title": "Rust_ers", "username": "rust"}),
    )
    .unwrap();
    assert_eq!(public.effective_name().as_deref(), Some("Rust_ers"));
    assert_eq!(public.full_name(), None);
    assert_eq!(public.link().as_deref(), Some("https://t.me/rust"));
    assert_eq!(
        public.mention_html(None).as_deref(),
        Some(r#"<a href="https://t.me/rust">Rust_ers</a>"#)
    );
    assert_eq!(
        public.mention_markdown_v2(Some("the (group)")).as_deref(),
        Some(r"[the \(group\)](https://t.me/rust)")
    );

    // A group without a username has nothing to link to.
    let hidden: Chat = serde_json::from_value(json!({"id": -5, "type": "group", "title": "G"})).unwrap();
    assert_eq!(hidden.mention_html(None), None);

    let full: ChatFullInfo = serde_json::from_value(json!({
        "id": -1001, "type": "channel", "title": "News", "username": "news", "accent_color_id": 0,
        "max_reaction_count": 11, "accepted_gift_types": {
            "unlimited_gifts": false, "limited_gifts": false, "unique_gifts": false,
            "premium_subscription": false, "gifts_from_channels": false
        }
    }))
    .unwrap();
    assert_eq!(
        full.mention_markdown(None).as_deref(),
        Some("[News](https://t.me/news)")
    );

    let shared: SharedUser = serde_json::from_value(json!({"user_id": 3, "first_name": "S"})).unwrap();
    assert_eq!(
        (shared.full_name().as_deref(), shared.name().as_deref()),
        (Some("S"), Some("S"))
    );
    let shared_chat: ChatShared =
        serde_json::from_value(json!({"request_id": 1, "chat_id": -9, "username": "c"})).unwrap();
    assert_eq!(shared_chat.link().as_deref(), Some("https://t.me/c"));
}

#[test]
fn keyboards_from_a_button_a_row_or_a_column() {
    let yes = || InlineKeyboardButton::callback("Yes", "y");
    let json =
        |markup: InlineKeyboardMarkup| serde_json::to_value(markup).unwrap()["inline_keyboard"].clone();
    let button = json!({"text": "Yes", "callback_data": "y"});
    assert_eq!(json(InlineKeyboardMarkup::from_button(yes())), json!([[button]]));
    assert_eq!(
        json(InlineKeyboardMarkup::from_row([yes(), yes()])),
        json!([[button, button]])
    );
    assert_eq!(
        json(InlineKeyboardMarkup::from_column([yes(), yes()])),
        json!([[button], [button]])
    );
    let reply = ReplyKeyboardMarkup::from_column([KeyboardButton::new("a"), KeyboardButton::new("b")]);
    assert_eq!(
        serde_json::to_value(reply).unwrap()["keyboard"],
        json!([[{"text": "a"}], [{"text": "b"}]])
    );
    let single = ReplyKeyboardMarkup::from_button(KeyboardButton::new("a"));
    assert_eq!(
        serde_json::to_value(single).unwrap()["keyboard"],
        json!([[{"text": "a"}]])
    );
}

#[test]
fn permission_presets_set_every_flag() {
    let all = serde_json::to_value(ChatPermissions::all()).unwrap();
    let none = serde_json::to_value(ChatPermissions::none()).unwrap();
    let all = all.as_object().unwrap();
    assert_eq!(all.len(), 16, "every ChatPermissions flag of Bot API 10.1");
    assert!(all.values().all(|v| v == true));
    assert!(none.as_object().unwrap().values().all(|v| v == false));
    let rights = serde_json::to_value(ChatAdministratorRights::all()).unwrap();
    assert!(rights.as_object().unwrap().values().all(|v| v == true));
    assert_eq!(rights["can_manage_topics"], true);
    assert!(!ChatAdministratorRights::none().can_delete_messages);
}

#[test]
fn chat_member_difference_lists_changed_fields() {
    let user = json!({"id": 5, "is_bot": false, "first_name": "M"});
    let update: ChatMemberUpdated = serde_json::from_value(json!({
        "chat": {"id": -100, "type": "supergroup"}, "from": user, "date": 1,
        "old_chat_member": {"status": "member", "user": user},
        "new_chat_member": {"status": "restricted", "user": user, "is_member": true, "until_date": 0,
            "can_send_messages": false, "can_send_audios": true, "can_send_documents": true,
            "can_send_photos": true, "can_send_videos": true, "can_send_video_notes": true,
            "can_send_voice_notes": true, "can_send_polls": true, "can_send_other_messages": true,
            "can_add_web_page_previews": true, "can_react_to_messages": true, "can_edit_tag": true,
            "can_change_info": false, "can_invite_users": true, "can_pin_messages": false,
            "can_manage_topics": false}
    }))
    .unwrap();
    let changes = update.difference();
    assert_eq!(
        changes["status"],
        (Some(json!("member")), Some(json!("restricted")))
    );
    assert_eq!(changes["can_send_messages"], (None, Some(json!(false))));
    assert!(!changes.contains_key("user"), "the user did not change");
}

#[test]
fn entities_parse_on_every_text_bearing_type() {
    let poll: Poll = serde_json::from_value(json!({
        "id": "p", "question": "🎉 Which one?", "question_entities": [{"type": "bold", "offset": 3, "length": 5}],
        "options": [], "total_voter_count": 0, "is_closed": false, "is_anonymous": true, "type": "regular",
        "allows_multiple_answers": false, "allows_revoting": false
    }))
    .unwrap();
    let parsed = poll.parse_question_entities(None);
    assert_eq!(parsed.iter().map(|(_, t)| *t).collect::<Vec<_>>(), ["Which"]);
    assert_eq!(poll.parse_question_entity(parsed[0].0), Some("Which"));
    assert!(poll.parse_explanation_entities(None).is_empty());

    let game: Game = serde_json::from_value(json!({
        "title": "G", "description": "d", "photo": [], "text": "a 𝕏 b",
        "text_entities": [{"type": "italic", "offset": 2, "length": 2}]
    }))
    .unwrap();
    assert_eq!(game.parse_text_entities(Some(&["italic"]))[0].1, "𝕏");

    let caption = with(
        json!({"caption": "see here", "caption_entities": [{"type": "code", "offset": 4, "length": 4}]}),
    );
    assert_eq!(caption.parse_caption_entities(None)[0].1, "here");
    let entity: MessageEntity =
        serde_json::from_value(json!({"type": "bold", "offset": 100, "length": 1})).unwrap();
    assert_eq!(caption.parse_caption_entity(&entity), None, "out of range");
}

/// Every `MessageEntity` type of the committed spec has a rendering in `botapi_runtime::text`
/// (markup, or plain text on purpose), so that a type a new Bot API version adds fails here at
/// regen, not as plain text in users' `text_html()`.
#[test]
fn the_renderers_know_every_entity_type_of_the_spec() {
    let spec = botapi_spec::Spec::bundled();
    let kind = spec
        .object("MessageEntity")
        .and_then(|entity| entity.fields().iter().find(|f| f.name == "type"))
        .expect("MessageEntity.type");
    let types = &kind.facts.enum_values;
    assert!(types.len() >= 20, "the docs list the entity types: {types:?}");
    let rendered: Vec<&str> = botapi_runtime::text::rendered_entity_types().collect();
    let missing: Vec<&String> = types.iter().filter(|t| !rendered.contains(&t.as_str())).collect();
    assert!(
        missing.is_empty(),
        "MessageEntity types of Bot API {} that the renderers do not know (they render as plain text): \
         {missing:?}. Add each to `MARKUPS` in runtime/src/text/render.rs with its markup in `html_node`, \
         `md2_node` and `md1_node` (or as `Markup::Detected` if Telegram detects it in plain text)",
        spec.version
    );
}

#[test]
fn markdown_renderings_of_text_and_caption() {
    let msg = with(json!({
        "text": "bold and https://example.com/a_b",
        "entities": [{"type": "bold", "offset": 0, "length": 4}, {"type": "url", "offset": 9, "length": 23}]
    }));
    assert_eq!(
        msg.text_markdown().unwrap().unwrap(),
        r"*bold* and https://example.com/a\_b",
        "legacy Markdown escapes `_` outside entities"
    );
    assert_eq!(
        msg.text_markdown_urled().unwrap().unwrap(),
        "*bold* and [https://example.com/a_b](https://example.com/a_b)"
    );
    assert_eq!(
        msg.text_markdown_v2_urled().unwrap().unwrap(),
        r"*bold* and [https://example\.com/a\_b](https://example.com/a_b)"
    );
    let underlined =
        with(json!({"caption": "u", "caption_entities": [{"type": "underline", "offset": 0, "length": 1}]}));
    assert!(
        underlined.caption_markdown().unwrap().is_err(),
        "legacy Markdown has no underline"
    );
    assert_eq!(underlined.caption_markdown_v2_urled().unwrap().unwrap(), "__u__");
    assert_eq!(with(json!({"text": "t"})).caption_markdown(), None);
}

#[test]
fn quoting_a_part_of_a_message() {
    let msg = with(json!({
        "text": "👍 say hello world, hello",
        "entities": [{"type": "bold", "offset": 7, "length": 11}]
    }));
    let (position, entities) = msg.quote_position_and_entities("hello", 0).unwrap();
    assert_eq!(position, 7);
    assert_eq!((entities[0].offset, entities[0].length), (0, 5));
    let second = msg.reply_parameters_quoting("hello", 1).unwrap();
    assert_eq!(
        serde_json::to_value(second).unwrap(),
        json!({"message_id": 1, "quote": "hello", "quote_position": 20})
    );
    assert!(msg.reply_parameters_quoting("absent", 0).is_err());
    assert_eq!(msg.id(), 1);
}

#[test]
fn documented_limits_by_name_and_by_place() {
    assert_eq!(constants::MAX_MESSAGE_LENGTH, 4096);
    assert_eq!(constants::MAX_CAPTION_LENGTH, 1024);
    assert_eq!(constants::MAX_CALLBACK_DATA, 64);
    assert_eq!(
        (constants::MIN_MEDIA_GROUP_SIZE, constants::MAX_MEDIA_GROUP_SIZE),
        (2, 10)
    );
    let text = constants::methods::send_message::TEXT;
    assert_eq!(
        (text.unit, text.min, text.max),
        (LimitUnit::Characters, Some(1), Some(4096))
    );
    assert!(text.allows(4096) && !text.allows(4097) && !text.allows(0));
    let data = constants::types::inline_keyboard_button::CALLBACK_DATA;
    assert_eq!(data.unit, LimitUnit::Bytes);
    assert_eq!(constants::methods::get_updates::LIMIT.max, Some(100));
}

#[test]
fn entities_shift_and_concatenate_in_utf16_units() {
    let bold: MessageEntity =
        serde_json::from_value(json!({"type": "bold", "offset": 0, "length": 2})).unwrap();
    let shifted = MessageEntity::shift([bold.clone()], 3);
    assert_eq!((shifted[0].offset, shifted[0].length), (3, 2));
    // "😀" is two UTF-16 code units: the second part's entity moves by 3, not by 2 chars.
    let (text, entities) =
        MessageEntity::concatenate([("😀 ", &[][..]), ("hi", std::slice::from_ref(&bold))]);
    assert_eq!(text, "😀 hi");
    assert_eq!(entities[0].offset, 3);
    let message = with(json!({"text": text, "entities": entities}));
    assert_eq!(message.parse_entities(None)[0].1, "hi");
}

#[test]
fn business_opening_hours_by_minute_of_the_week() {
    // Monday 09:00-17:00, and Sunday 22:00 to Monday 02:00 (past the end of the week).
    let hours: BusinessOpeningHours = serde_json::from_value(json!({
        "time_zone_name": "Europe/Berlin",
        "opening_hours": [
            {"opening_minute": 9 * 60, "closing_minute": 17 * 60},
            {"opening_minute": 6 * 1440 + 22 * 60, "closing_minute": 7 * 1440 + 2 * 60}
        ]
    }))
    .unwrap();
    assert_eq!(hours.opening_hours[0].opening_time(), (0, 9, 0));
    assert_eq!(
        hours.opening_hours[1].closing_time(),
        (0, 2, 0),
        "wraps to Monday"
    );
    assert!(hours.is_open_at(10 * 60));
    assert!(!hours.is_open_at(17 * 60), "closing minute is exclusive");
    assert!(
        hours.is_open_at(60),
        "Monday 01:00 is in the interval from Sunday"
    );
    assert!(hours.is_open_at(6 * 1440 + 23 * 60));
    assert!(!hours.is_open_at(3 * 1440 + 10 * 60), "closed on Thursday");
    assert_eq!(hours.opening_hours_for_day(0), [(0, 120), (540, 1020)]);
    assert_eq!(hours.opening_hours_for_day(6), [(1320, 1440)]);
    assert!(hours.opening_hours_for_day(2).is_empty());
}
