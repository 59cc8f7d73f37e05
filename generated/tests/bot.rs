//! The generated `Bot` end to end, through the test-kit server on the real 10.1 spec: request
//! builders, camelCase aliases, raw extra parameters, uploads, typed results, and defaults.

use botapi::methods::SendMessage;
use botapi::types::*;
use botapi::{Bot, DefaultKind, Defaults, InputFile};
use botapi_testkit::TestServer;
use futures_util::StreamExt;
use serde_json::json;

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

#[tokio::test]
async fn send_message_with_optional_parameters() {
    let (server, bot) = setup(Defaults::new()).await;
    let keyboard = InlineKeyboardMarkup::new(vec![vec![InlineKeyboardButton::new("Go").callback_data("go")]]);
    let message = bot
        .send_message(-1001234567890_i64, "<b>hi</b>")
        .parse_mode(ParseMode::HTML)
        .message_thread_id(7)
        .reply_markup(keyboard)
        .await
        .expect("sendMessage succeeds");
    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.params["chat_id"], json!(-1001234567890_i64));
    assert_eq!(request.params["text"], "<b>hi</b>");
    assert_eq!(request.params["parse_mode"], "HTML");
    assert_eq!(request.params["message_thread_id"], 7);
    assert_eq!(
        request.params["reply_markup"],
        json!({"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]})
    );
    assert!(
        !request.params.contains_key("entities"),
        "unset optional parameters are not sent"
    );
    // The result is a typed Message (the test-kit answers with a valid sample of the return type).
    assert!(message.message_id >= 0);
}

#[tokio::test]
#[allow(non_snake_case)]
async fn camel_case_aliases_send_the_same_call() {
    let (server, bot) = setup(Defaults::new()).await;
    bot.sendMessage("@channel", "hello")
        .disable_notification(true)
        .await
        .unwrap();
    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.params["chat_id"], "@channel");
    assert_eq!(request.params["disable_notification"], true);
}

#[tokio::test]
async fn get_me_returns_the_bot_user() {
    let (server, bot) = setup(Defaults::new()).await;
    let me: User = bot.get_me().await.unwrap();
    assert!(me.is_bot);
    assert_eq!(json!(me.id), server.bot_user()["id"]);
}

#[tokio::test]
async fn extra_parameters_reach_the_server() {
    let (server, bot) = setup(Defaults::new()).await;
    bot.send_message(1, "x").extra("future_flag", true).await.unwrap();
    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.params["future_flag"], true);
}

#[tokio::test]
async fn a_prepared_payload_is_executed() {
    let (server, bot) = setup(Defaults::new()).await;
    let mut payload = SendMessage::new(5, "prepared");
    payload.protect_content = Some(true);
    bot.execute(payload).await.unwrap();
    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.params["protect_content"], true);
}

#[tokio::test]
async fn send_photo_uploads_the_file_under_the_parameter_name() {
    let (server, bot) = setup(Defaults::new()).await;
    bot.send_photo(1, InputFile::bytes("cat.png", vec![0_u8; 1000]))
        .caption("a cat")
        .await
        .unwrap();
    let request = server.wait_for_request("sendPhoto").await;
    let file = request.param_file("photo").expect("the photo was uploaded");
    assert_eq!(file.file_name.as_deref(), Some("cat.png"));
    assert_eq!(file.size, 1000);
    assert_eq!(request.params["caption"], "a cat");
}

#[tokio::test]
async fn send_media_group_attaches_nested_files_and_fills_default_parse_mode() {
    let (server, bot) = setup(Defaults::new().parse_mode(ParseMode::MarkdownV2)).await;
    let media: Vec<InputMedia> = vec![
        InputMediaPhoto::new(InputFile::bytes("a.jpg", vec![1_u8; 10]))
            .caption("*a*")
            .into(),
        InputMediaPhoto::new("AgACfileid")
            .caption("b")
            .parse_mode(ParseMode::HTML)
            .into(),
    ];
    let sent = bot.send_media_group(1, media).await.unwrap();
    assert!(!sent.is_empty());
    let request = server.wait_for_request("sendMediaGroup").await;
    let items = request.params["media"]
        .as_array()
        .expect("media is an array")
        .clone();
    assert_eq!(items[0]["type"], "photo");
    let reference = items[0]["media"].as_str().unwrap();
    assert!(reference.starts_with("attach://"), "{reference}");
    assert_eq!(request.attached(reference).expect("the attached part").size, 10);
    assert_eq!(items[1]["media"], "AgACfileid");
    // The default fills the item that left parse_mode unset; the explicit one wins.
    assert_eq!(items[0]["parse_mode"], "MarkdownV2");
    assert_eq!(items[1]["parse_mode"], "HTML");
}

#[tokio::test]
async fn a_call_can_opt_out_of_a_default() {
    let (server, bot) = setup(Defaults::new().parse_mode(ParseMode::HTML).protect_content(true)).await;
    bot.send_message(1, "plain <not html>")
        .without_default(DefaultKind::ParseMode)
        .await
        .unwrap();
    let request = server.wait_for_request("sendMessage").await;
    assert!(!request.params.contains_key("parse_mode"));
    assert_eq!(request.params["protect_content"], true);
}

#[tokio::test]
async fn edits_return_the_message_or_true() {
    let (server, bot) = setup(Defaults::new()).await;
    let edited: MessageOrTrue = bot
        .edit_message_text()
        .text("new")
        .inline_message_id("inline-1")
        .await
        .unwrap();
    let _ = edited.message();
    let request = server.wait_for_request("editMessageText").await;
    assert_eq!(request.params["inline_message_id"], "inline-1");
    assert!(!request.params.contains_key("chat_id"));
}

#[tokio::test]
async fn telegram_errors_come_back_typed() {
    let (server, bot) = setup(Defaults::new()).await;
    server.script_error("sendMessage", 400, "Bad Request: chat not found", None);
    let error = bot.send_message(1, "x").await.unwrap_err();
    assert_eq!(error.api_code(), Some(400));
    assert!(error.to_string().contains("chat not found"), "{error}");
    assert!(
        !format!("{error:?}").contains(server.token()),
        "the token never appears"
    );
}

#[tokio::test]
async fn get_updates_delivers_pushed_updates() {
    let (server, bot) = setup(Defaults::new()).await;
    server.push_update(botapi_testkit::updates::text_message(42, 42, "/start"));
    let updates = bot.get_updates().timeout(1).await.unwrap();
    assert_eq!(updates.len(), 1);
    let UpdateKind::Message(message) = &updates[0].kind else {
        panic!("a message: {:?}", updates[0].kind)
    };
    assert_eq!(message.text.as_deref(), Some("/start"));
    assert_eq!(message.from.as_ref().unwrap().id, 42);
}

#[tokio::test]
async fn files_from_get_file_download_to_memory_disk_and_stream() {
    let (server, bot) = setup(Defaults::new()).await;
    let content: Vec<u8> = (0..200_000_u32).map(|i| (i % 251) as u8).collect();
    let file_id = server.add_file("documents/file_1.bin", content.clone());
    let file = bot.get_file(file_id).await.unwrap();
    assert_eq!(file.file_path.as_deref(), Some("documents/file_1.bin"));

    assert_eq!(file.download(&bot).await.unwrap().as_ref(), content.as_slice());

    let dir = std::env::temp_dir().join(format!("botapi-download-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let dest = dir.join("file.bin");
    assert_eq!(file.download_to(&bot, &dest).await.unwrap(), content.len() as u64);
    assert_eq!(std::fs::read(&dest).unwrap(), content);
    std::fs::remove_dir_all(&dir).unwrap();

    let mut stream = file.download_stream(&bot).await.unwrap();
    let mut streamed = Vec::new();
    while let Some(chunk) = stream.next().await {
        streamed.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(streamed, content);
}

#[tokio::test]
async fn a_file_without_path_cannot_be_downloaded() {
    let (_server, bot) = setup(Defaults::new()).await;
    let file = File::new("id", "unique");
    let error = file.download(&bot).await.unwrap_err();
    assert!(error.to_string().contains("getFile"), "{error}");
}
