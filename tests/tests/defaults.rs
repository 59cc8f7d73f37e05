//! Bot-wide defaults: every kind of nested application, a value set on the call, and opt-outs.

mod common;

use botapi_runtime::{CallOptions, ChatId, DefaultKind, Defaults, InputFile};
use botapi_testkit::TestServer;
use common::*;
use serde_json::{Value, json};

async fn setup_with(defaults: Defaults) -> (TestServer, botapi_runtime::Client) {
    let server = server().await;
    let client = builder(&server).defaults(defaults).build().unwrap();
    (server, client)
}

fn all_defaults() -> Defaults {
    Defaults::new()
        .parse_mode("HTML")
        .disable_notification(true)
        .protect_content(true)
        .allow_sending_without_reply(true)
        .link_preview_options(json!({"is_disabled": true, "prefer_small_media": true}))
}

#[tokio::test]
async fn top_level_and_reply_parameters_are_filled() {
    let (server, client) = setup_with(all_defaults()).await;
    let mut payload = SendMessage::new(1, "<b>hi</b>");
    payload.reply_parameters = Some(ReplyParameters {
        message_id: 3,
        ..Default::default()
    });
    client.call(&payload, CallOptions::default()).await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["parse_mode"], "HTML");
    assert_eq!(params["disable_notification"], true);
    assert_eq!(params["protect_content"], true);
    assert_eq!(
        params["link_preview_options"],
        json!({"is_disabled": true, "prefer_small_media": true})
    );
    assert_eq!(
        params["reply_parameters"],
        json!({"message_id": 3, "quote_parse_mode": "HTML", "allow_sending_without_reply": true})
    );
}

#[tokio::test]
async fn values_set_on_the_call_win_and_link_previews_merge() {
    let (server, client) = setup_with(all_defaults()).await;
    let mut payload = SendMessage::new(1, "*hi*");
    payload.parse_mode = Some("MarkdownV2".into());
    payload.protect_content = Some(false);
    payload.link_preview_options = Some(json!({"is_disabled": false, "url": "https://example.com"}));
    payload.reply_parameters = Some(ReplyParameters {
        message_id: 3,
        quote_parse_mode: Some("Markdown".into()),
        ..Default::default()
    });
    client.call(&payload, CallOptions::default()).await.unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(params["parse_mode"], "MarkdownV2");
    assert_eq!(params["protect_content"], false);
    assert_eq!(
        params["link_preview_options"],
        json!({"is_disabled": false, "url": "https://example.com", "prefer_small_media": true})
    );
    assert_eq!(params["reply_parameters"]["quote_parse_mode"], "Markdown");
    assert_eq!(params["reply_parameters"]["allow_sending_without_reply"], true);
    // The caller's payload is untouched.
    assert_eq!(payload.disable_notification, None);
}

#[tokio::test]
async fn a_call_can_opt_out_of_a_default() {
    let (server, client) = setup_with(all_defaults()).await;
    let without = [DefaultKind::ParseMode, DefaultKind::LinkPreviewOptions];
    let options = CallOptions {
        without_defaults: &without,
        ..CallOptions::default()
    };
    client
        .call(&SendMessage::new(1, "plain <text>"), options)
        .await
        .unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert!(!params.contains_key("parse_mode"));
    assert!(!params.contains_key("link_preview_options"));
    assert_eq!(params["protect_content"], true, "other kinds still apply");

    // A null extra parameter also keeps a default out, and is not sent.
    let extra = json!({"parse_mode": null}).as_object().unwrap().clone();
    client
        .call(
            &SendMessage::new(1, "x"),
            CallOptions {
                extra: Some(&extra),
                ..CallOptions::default()
            },
        )
        .await
        .unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert!(!params.contains_key("parse_mode"), "{params:?}");
}

#[tokio::test]
async fn media_group_items_are_filled_each() {
    let (server, client) = setup_with(Defaults::new().parse_mode("HTML")).await;
    let payload = SendMediaGroup {
        chat_id: ChatId::Id(1),
        media: vec![
            InputMedia::photo(InputFile::bytes("a.jpg", vec![1])),
            InputMedia::Photo {
                media: InputFile::file_id("id"),
                caption: Some("*x*".into()),
                parse_mode: Some("MarkdownV2".into()),
            },
        ],
        disable_notification: None,
        protect_content: None,
    };
    client.call(&payload, CallOptions::default()).await.unwrap();
    let request = server.wait_for_request("sendMediaGroup").await;
    let media = request.params["media"].as_array().unwrap();
    assert_eq!(media[0]["parse_mode"], "HTML");
    assert_eq!(media[1]["parse_mode"], "MarkdownV2");
    assert!(
        request.attached(media[0]["media"].as_str().unwrap()).is_some(),
        "uploads still attached"
    );
}

#[tokio::test]
async fn a_single_input_media_is_filled() {
    let (server, client) = setup_with(Defaults::new().parse_mode("HTML")).await;
    let payload = EditMessageMedia {
        chat_id: ChatId::Id(1),
        message_id: 2,
        media: InputMedia::photo(InputFile::file_id("id")),
    };
    client.call(&payload, CallOptions::default()).await.unwrap();
    let request = server.wait_for_request("editMessageMedia").await;
    assert_eq!(request.params["media"]["parse_mode"], "HTML");
}

#[tokio::test]
async fn poll_question_explanation_and_options_are_filled() {
    let (server, client) = setup_with(Defaults::new().parse_mode("HTML")).await;
    let payload = SendPoll {
        chat_id: ChatId::Id(1),
        question: "<b>Q</b>".into(),
        options: vec![
            InputPollOption {
                text: "a".into(),
                text_parse_mode: None,
            },
            InputPollOption {
                text: "b".into(),
                text_parse_mode: Some("MarkdownV2".into()),
            },
        ],
        question_parse_mode: None,
        explanation: Some("because".into()),
        explanation_parse_mode: None,
    };
    client.call(&payload, CallOptions::default()).await.unwrap();
    let params = server.wait_for_request("sendPoll").await.params;
    assert_eq!(params["question_parse_mode"], "HTML");
    assert_eq!(params["explanation_parse_mode"], "HTML");
    assert_eq!(params["options"][0]["text_parse_mode"], "HTML");
    assert_eq!(params["options"][1]["text_parse_mode"], "MarkdownV2");
}

#[tokio::test]
async fn inline_query_results_and_their_message_contents_are_filled() {
    let defaults = Defaults::new()
        .parse_mode("HTML")
        .link_preview_options(json!({"is_disabled": true}));
    let (server, client) = setup_with(defaults).await;
    let payload = AnswerInlineQuery {
        inline_query_id: "q".into(),
        results: vec![
            json!({"type": "photo", "id": "1", "photo_url": "https://x/p.jpg", "thumbnail_url": "https://x/t.jpg",
                   "caption": "<i>c</i>"}),
            json!({"type": "article", "id": "2", "title": "t",
                   "input_message_content": {"message_text": "<b>m</b>"}}),
            json!({"type": "article", "id": "3", "title": "loc",
                   "input_message_content": {"latitude": 1.5, "longitude": 2.5}}),
        ],
    };
    assert!(client.call(&payload, CallOptions::default()).await.unwrap());
    let results = server.wait_for_request("answerInlineQuery").await.params["results"].clone();
    assert_eq!(results[0]["parse_mode"], "HTML");
    assert!(
        results[1].get("parse_mode").is_none(),
        "articles have no parse_mode of their own"
    );
    assert_eq!(
        results[1]["input_message_content"],
        json!({"message_text": "<b>m</b>", "parse_mode": "HTML", "link_preview_options": {"is_disabled": true}})
    );
    assert_eq!(
        results[2]["input_message_content"],
        json!({"latitude": 1.5, "longitude": 2.5})
    );
}

#[tokio::test]
async fn without_defaults_nothing_is_added() {
    let (server, client) = setup_with(Defaults::new()).await;
    client
        .call(&SendMessage::new(1, "x"), CallOptions::default())
        .await
        .unwrap();
    let params = server.wait_for_request("sendMessage").await.params;
    assert_eq!(Value::Object(params), json!({"chat_id": 1, "text": "x"}));
}
