//! Object shortcuts end to end: the exact parameters each family sends, through the test-kit.

use botapi::types::*;
use botapi::{Bot, Defaults};
use botapi_testkit::TestServer;
use serde_json::{Value, json};

async fn setup(defaults: Defaults) -> (TestServer, Bot) {
    let server = TestServer::start().await;
    let bot: Bot = Bot::builder(server.token())
        .base_url(server.url())
        .base_file_url(server.file_url())
        .defaults(defaults)
        .build()
        .expect("client builds")
        .into();
    (server, bot)
}

fn message(value: Value) -> Message {
    serde_json::from_value(value).expect("a message")
}

fn user(id: i64) -> Value {
    json!({"id": id, "is_bot": false, "first_name": "Ann"})
}

#[tokio::test]
async fn reply_in_a_forum_topic_keeps_the_thread_and_quotes_in_groups() {
    let (server, bot) = setup(Defaults::new()).await;
    let original = message(json!({
        "message_id": 10, "date": 1, "from": user(42), "message_thread_id": 7, "is_topic_message": true,
        "chat": {"id": -1001234567890_i64, "type": "supergroup", "title": "G", "is_forum": true},
        "text": "hi"
    }));
    original.reply_text(&bot, "hello").await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["chat_id"], json!(-1001234567890_i64));
    assert_eq!(params["message_thread_id"], 7);
    assert_eq!(params["text"], "hello");
    assert_eq!(params["reply_parameters"], json!({"message_id": 10}));
    assert!(!params.contains_key("business_connection_id"));
}

#[tokio::test]
async fn reply_in_a_private_chat_does_not_quote_unless_defaults_say_so() {
    let private = message(json!({
        "message_id": 3, "date": 1, "from": user(42), "chat": {"id": 42, "type": "private"}, "text": "hi"
    }));
    let (server, bot) = setup(Defaults::new()).await;
    private.reply_text(&bot, "plain").await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["chat_id"], 42);
    assert!(!params.contains_key("reply_parameters"));

    let (server, bot) = setup(Defaults::new().do_quote(true)).await;
    private
        .reply_photo(&bot, "AgACfileid")
        .caption("c")
        .await
        .unwrap();
    let params = server.wait_for_request("sendPhoto").await.params;
    assert_eq!(params["reply_parameters"], json!({"message_id": 3}));
    assert_eq!(params["photo"], "AgACfileid");
    assert_eq!(params["caption"], "c");
}

#[tokio::test]
async fn reply_from_a_business_connection_goes_back_through_it() {
    let (server, bot) = setup(Defaults::new()).await;
    let business = message(json!({
        "message_id": 5, "date": 1, "from": user(42), "chat": {"id": 42, "type": "private"},
        "business_connection_id": "bc-1", "text": "hi"
    }));
    business.reply_dice(&bot).await.unwrap();
    let params = server.wait_for_request("sendDice").await.params;
    assert_eq!(params["business_connection_id"], "bc-1");
    assert_eq!(params["chat_id"], 42);
}

#[tokio::test]
async fn message_actions_target_this_message() {
    let (server, bot) = setup(Defaults::new()).await;
    let original = message(json!({
        "message_id": 9, "date": 1, "chat": {"id": -100500, "type": "group", "title": "G"}, "text": "x"
    }));
    original.delete(&bot).await.unwrap();
    let params = server.wait_for_request("deleteMessage").await.params;
    assert_eq!(
        (params["chat_id"].clone(), params["message_id"].clone()),
        (json!(-100500), json!(9))
    );

    original.forward(&bot, 77).await.unwrap();
    let params = server.wait_for_request("forwardMessage").await.params;
    assert_eq!(params["chat_id"], 77);
    assert_eq!(params["from_chat_id"], -100500);
    assert_eq!(params["message_id"], 9);

    original.edit_text(&bot).text("edited").await.unwrap();
    let params = server.wait_for_request("editMessageText").await.params;
    assert_eq!(params["chat_id"], -100500);
    assert_eq!(params["message_id"], 9);
    assert_eq!(params["text"], "edited");
}

#[tokio::test]
async fn callback_query_answer_and_inline_edit() {
    let (server, bot) = setup(Defaults::new()).await;
    let query: CallbackQuery = serde_json::from_value(json!({
        "id": "cq-1", "from": user(42), "chat_instance": "-1", "inline_message_id": "im-1", "data": "x"
    }))
    .unwrap();
    query.answer(&bot).text("done").await.unwrap();
    let params = server.wait_for_request("answerCallbackQuery").await.params;
    assert_eq!(params["callback_query_id"], "cq-1");
    assert_eq!(params["text"], "done");

    query.edit_message_text(&bot).text("new").await.unwrap();
    let params = server.wait_for_request("editMessageText").await.params;
    assert_eq!(params["inline_message_id"], "im-1");
    assert!(
        !params.contains_key("chat_id"),
        "an inline edit carries no chat id"
    );
    assert!(!params.contains_key("message_id"));
}

#[tokio::test]
async fn join_requests_users_chats_and_files() {
    let (server, bot) = setup(Defaults::new()).await;
    let request: ChatJoinRequest = serde_json::from_value(json!({
        "chat": {"id": -100700, "type": "supergroup", "title": "S"}, "from": user(42),
        "user_chat_id": 42, "date": 1
    }))
    .unwrap();
    request.approve(&bot).await.unwrap();
    let params = server.wait_for_request("approveChatJoinRequest").await.params;
    assert_eq!(
        (params["chat_id"].clone(), params["user_id"].clone()),
        (json!(-100700), json!(42))
    );

    let ann: User = serde_json::from_value(user(42)).unwrap();
    ann.send_message(&bot, "hi Ann").await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["chat_id"], 42);

    request.chat.ban_member(&bot, 13).await.unwrap();
    let params = server.wait_for_request("banChatMember").await.params;
    assert_eq!(
        (params["chat_id"].clone(), params["user_id"].clone()),
        (json!(-100700), json!(13))
    );

    let file_id = server.add_file("photos/file_1.jpg", vec![1_u8, 2, 3]);
    let photo = PhotoSize::new(file_id.clone(), "u-1", 90, 90);
    let file = photo.get_file(&bot).await.unwrap();
    assert_eq!(file.file_path.as_deref(), Some("photos/file_1.jpg"));
    let params = server.wait_for_request("getFile").await.params;
    assert_eq!(params["file_id"], json!(file_id));
}

#[test]
fn effective_user_chat_message_and_sender_across_kinds() {
    let update: Update = serde_json::from_value(json!({"update_id": 1, "message": {
        "message_id": 1, "date": 1, "from": user(42), "chat": {"id": 42, "type": "private"}, "text": "x"
    }}))
    .unwrap();
    assert_eq!(update.effective_user().map(|u| u.id), Some(42));
    assert_eq!(update.effective_chat().map(|c| c.id), Some(42));
    assert_eq!(update.effective_message().map(|m| m.message_id), Some(1));
    assert!(matches!(update.effective_sender(), Some(botapi::Sender::User(u)) if u.id == 42));

    let anonymous: Update = serde_json::from_value(json!({"update_id": 2, "message": {
        "message_id": 2, "date": 1, "from": user(1087968824), "sender_chat": {"id": -100, "type": "supergroup"},
        "chat": {"id": -100, "type": "supergroup"}, "text": "x"
    }}))
    .unwrap();
    assert!(matches!(anonymous.effective_sender(), Some(botapi::Sender::Chat(c)) if c.id == -100));

    let query: Update = serde_json::from_value(json!({"update_id": 3, "callback_query": {
        "id": "q", "from": user(7), "chat_instance": "-1",
        "message": {"message_id": 5, "date": 0, "chat": {"id": -200, "type": "group"}}
    }}))
    .unwrap();
    assert_eq!(query.effective_user().map(|u| u.id), Some(7));
    assert_eq!(query.effective_chat().map(|c| c.id), Some(-200));
    assert!(query.effective_message().is_none(), "the message is inaccessible");

    let poll: Update = serde_json::from_value(json!({"update_id": 4, "poll_answer": {
        "poll_id": "p", "user": user(9), "option_ids": [0]
    }}))
    .unwrap();
    assert_eq!(poll.effective_user().map(|u| u.id), Some(9));
    assert!(poll.effective_chat().is_none());
}

#[test]
fn message_text_helpers_render_entities_with_utf16_offsets() {
    let message = message(json!({
        "message_id": 8, "date": 1, "chat": {"id": -1001234567890_i64, "type": "supergroup", "username": "grp"},
        "text": "😀 bold <b> link",
        "entities": [
            {"type": "bold", "offset": 3, "length": 4},
            {"type": "text_link", "offset": 12, "length": 4, "url": "https://example.com/?a=1&b=2"}
        ]
    }));
    assert_eq!(
        message.text_html().unwrap(),
        "😀 <b>bold</b> &lt;b&gt; <a href=\"https://example.com/?a=1&amp;b=2\">link</a>"
    );
    assert_eq!(
        message.text_markdown_v2().unwrap().unwrap(),
        "😀 *bold* <b\\> [link](https://example.com/?a=1&b=2)"
    );
    let parsed = message.parse_entities(None);
    assert_eq!(
        parsed.iter().map(|(_, text)| *text).collect::<Vec<_>>(),
        ["bold", "link"]
    );
    assert_eq!(message.parse_entities(Some(&["bold"])).len(), 1);
    assert_eq!(message.link().as_deref(), Some("https://t.me/grp/8"));
    assert_eq!(message.chat_id(), -1001234567890);
}

#[tokio::test]
async fn reply_html_presets_the_parse_mode() {
    let (server, bot) = setup(Defaults::new()).await;
    let original = message(json!({
        "message_id": 4, "date": 1, "chat": {"id": 42, "type": "private"}, "text": "x"
    }));
    original.reply_html(&bot, "<b>hi</b>").await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["parse_mode"], "HTML");
    assert_eq!(params["text"], "<b>hi</b>");
}

#[tokio::test]
async fn callback_query_edit_of_a_chat_message_uses_chat_and_message_id() {
    let (server, bot) = setup(Defaults::new()).await;
    let query: CallbackQuery = serde_json::from_value(json!({
        "id": "cq-2", "from": user(42), "chat_instance": "-1", "data": "x",
        "message": {"message_id": 31, "date": 1, "chat": {"id": -100900, "type": "supergroup"}, "text": "old"}
    }))
    .unwrap();
    query.edit_message_text(&bot).text("new").await.unwrap();
    let params = server.wait_for_request("editMessageText").await.params;
    assert_eq!(params["chat_id"], -100900);
    assert_eq!(params["message_id"], 31);
    assert!(!params.contains_key("inline_message_id"));

    query.edit_message_reply_markup(&bot).await.unwrap();
    let params = server.wait_for_request("editMessageReplyMarkup").await.params;
    assert_eq!(
        (params["chat_id"].clone(), params["message_id"].clone()),
        (json!(-100900), json!(31))
    );
}

#[test]
fn keyboards_without_struct_literals() {
    let markup = InlineKeyboardMarkup::callbacks([[("Yes", "y"), ("No", "n")]]);
    assert_eq!(
        serde_json::to_value(&markup).unwrap(),
        json!({"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}, {"text": "No", "callback_data": "n"}]]})
    );
    let mixed = InlineKeyboardMarkup::from_rows([
        vec![InlineKeyboardButton::link(
            "Docs",
            "https://core.telegram.org/bots/api",
        )],
        vec![InlineKeyboardButton::callback("Go", "go")],
    ]);
    assert_eq!(
        mixed.inline_keyboard[0][0].url.as_deref(),
        Some("https://core.telegram.org/bots/api")
    );
    assert_eq!(mixed.inline_keyboard[1][0].callback_data.as_deref(), Some("go"));
    let reply = ReplyKeyboardMarkup::texts([["1", "2"], ["3", "4"]]).resize_keyboard(true);
    assert_eq!(
        serde_json::to_value(&reply).unwrap(),
        json!({"keyboard": [[{"text": "1"}, {"text": "2"}], [{"text": "3"}, {"text": "4"}]], "resize_keyboard": true})
    );
}

#[tokio::test]
async fn do_quote_overrides_the_quote_rule_per_call() {
    let group = message(json!({
        "message_id": 21, "date": 1, "chat": {"id": -100300, "type": "supergroup", "title": "G"}, "text": "x"
    }));
    let private = message(json!({
        "message_id": 22, "date": 1, "chat": {"id": 42, "type": "private"}, "text": "x"
    }));
    let (server, bot) = setup(Defaults::new()).await;
    group.reply_text(&bot, "no quote").do_quote(false).await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert!(!params.contains_key("reply_parameters"));

    server.clear_requests();
    private
        .reply_sticker(&bot, "CAACsticker")
        .do_quote(true)
        .await
        .unwrap();
    let params = server.wait_for_request("sendSticker").await.params;
    assert_eq!(params["reply_parameters"], json!({"message_id": 22}));

    // The per-call choice wins over the bot-wide default, both ways.
    let (server, bot) = setup(Defaults::new().do_quote(true)).await;
    private.reply_text(&bot, "x").do_quote(false).await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert!(!params.contains_key("reply_parameters"));
    let (server, bot) = setup(Defaults::new().do_quote(false)).await;
    group.reply_text(&bot, "x").do_quote(true).await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["reply_parameters"], json!({"message_id": 21}));

    // Reply parameters set by hand (a quote) are kept by `do_quote(true)`.
    let quoting = group.reply_parameters_quoting("x", 0).unwrap();
    group
        .reply_text(&bot, "x")
        .reply_parameters(quoting)
        .do_quote(true)
        .await
        .unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(
        params["reply_parameters"],
        json!({"message_id": 21, "quote": "x", "quote_position": 0})
    );
}
