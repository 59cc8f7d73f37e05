//! Every request encoding path of `Client::call`, decoded on the server side.

mod common;

use botapi_runtime::{CallOptions, ChatId, InputFile};
use botapi_testkit::Encoding;
use common::*;
use serde_json::{Map, Value, json};

#[tokio::test]
async fn plain_payloads_are_sent_as_json() {
    let (server, client) = setup().await;
    let message = client
        .call(&SendMessage::new(42, "hello"), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(message["chat"]["id"], 42);
    assert_eq!(message["text"], "hello");

    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.encoding, Encoding::Json);
    assert_eq!(
        request.params,
        json!({"chat_id": 42, "text": "hello"})
            .as_object()
            .unwrap()
            .clone()
    );
    assert!(request.files.is_empty());
}

#[tokio::test]
async fn username_chat_ids_and_unit_payloads() {
    let (server, client) = setup().await;
    client
        .call(&SendMessage::new("@channel", "x"), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(
        server.wait_for_request("sendMessage").await.params["chat_id"],
        "@channel"
    );

    let info = client
        .call(&GetWebhookInfo, CallOptions::default())
        .await
        .unwrap();
    assert_eq!(info["url"], "");
    assert_eq!(
        server.wait_for_request("getWebhookInfo").await.encoding,
        Encoding::Json
    );
}

#[tokio::test]
async fn file_ids_and_urls_pass_through_as_json_strings() {
    let (server, client) = setup().await;
    let by_id = SendPhoto::new(1, InputFile::file_id("AgACAgIAAxkBAAI"));
    client.call(&by_id, CallOptions::default()).await.unwrap();
    let by_url = SendPhoto::new(1, InputFile::url("https://example.com/cat.png"));
    client.call(&by_url, CallOptions::default()).await.unwrap();

    let first = server.wait_for_request("sendPhoto").await;
    assert_eq!(first.encoding, Encoding::Json);
    assert_eq!(first.params["photo"], "AgACAgIAAxkBAAI");
    let second = server.wait_for_request("sendPhoto").await;
    assert_eq!(second.params["photo"], "https://example.com/cat.png");
}

#[tokio::test]
async fn a_top_level_upload_is_a_part_named_after_the_parameter() {
    let (server, client) = setup().await;
    let mut payload = SendPhoto::new(7, InputFile::bytes("cat.png", &b"\x89PNG fake"[..]));
    payload.caption = Some("a cat".into());
    payload.reply_parameters = Some(ReplyParameters {
        message_id: 5,
        ..Default::default()
    });
    let message = client.call(&payload, CallOptions::default()).await.unwrap();
    assert_eq!(message["caption"], "a cat");

    let request = server.wait_for_request("sendPhoto").await;
    assert_eq!(request.encoding, Encoding::Multipart);
    // Form fields: strings raw, everything else JSON text — decoded back by the server.
    assert_eq!(request.params["chat_id"], 7);
    assert_eq!(request.params["caption"], "a cat");
    assert_eq!(request.params["reply_parameters"], json!({"message_id": 5}));
    assert!(
        !request.params.contains_key("photo"),
        "the file part replaces the field"
    );
    let photo = request.file("photo").expect("a part named `photo`");
    assert_eq!(photo.file_name.as_deref(), Some("cat.png"));
    assert_eq!(photo.content_type.as_deref(), Some("image/png"));
    assert_eq!(photo.size, 9);
    assert_eq!(photo.content.as_deref(), Some(&b"\x89PNG fake"[..]));
}

#[tokio::test]
async fn files_are_streamed_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    let content: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &content).unwrap();

    let (server, client) = setup().await;
    let payload = SendDocument {
        chat_id: ChatId::Id(3),
        document: InputFile::path(&path),
        thumbnail: Some(InputFile::bytes("thumb.jpg", vec![1, 2, 3])),
        caption: None,
    };
    client.call(&payload, CallOptions::default()).await.unwrap();

    let request = server.wait_for_request("sendDocument").await;
    let document = request.file("document").unwrap();
    assert_eq!(document.file_name.as_deref(), Some("report.pdf"));
    assert_eq!(document.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(document.content.as_deref(), Some(&content[..]));
    let thumbnail = request.param_file("thumbnail").unwrap();
    assert_eq!(thumbnail.content.as_deref(), Some(&[1u8, 2, 3][..]));
}

#[tokio::test]
async fn readers_are_streamed_once() {
    let (server, client) = setup().await;
    let reader = InputFile::reader("notes.txt", &b"streamed text"[..]);
    let payload = SetChatPhoto {
        chat_id: ChatId::Id(-100),
        photo: reader,
    };
    assert!(client.call(&payload, CallOptions::default()).await.unwrap());
    let request = server.wait_for_request("setChatPhoto").await;
    let part = request.file("photo").unwrap();
    assert_eq!(part.content.as_deref(), Some(&b"streamed text"[..]));
    assert_eq!(part.content_type.as_deref(), Some("text/plain"));

    let err = client.call(&payload, CallOptions::default()).await.unwrap_err();
    assert!(err.to_string().contains("already sent"), "{err}");
}

#[tokio::test]
async fn nested_uploads_are_attached_by_unique_names() {
    let (server, client) = setup().await;
    let payload = SendMediaGroup {
        chat_id: ChatId::Id(9),
        media: vec![
            InputMedia::photo(InputFile::bytes("a.jpg", vec![1; 10])),
            InputMedia::photo(InputFile::file_id("AgACfileid")),
            InputMedia::Video {
                media: InputFile::bytes("v.mp4", vec![2; 20]),
                thumbnail: Some(InputFile::bytes("t.jpg", vec![3; 5])),
                cover: Some(InputFile::url("https://example.com/cover.jpg")),
                caption: Some("clip".into()),
                parse_mode: None,
            },
        ],
        disable_notification: Some(true),
        protect_content: None,
    };
    let messages = client.call(&payload, CallOptions::default()).await.unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[2]["caption"], "clip");

    let request = server.wait_for_request("sendMediaGroup").await;
    assert_eq!(request.encoding, Encoding::Multipart);
    assert_eq!(request.params["disable_notification"], true);
    let media = request.params["media"].as_array().unwrap();
    assert_eq!(media[1]["media"], "AgACfileid");
    assert_eq!(media[2]["cover"], "https://example.com/cover.jpg");
    let photo = request.attached(media[0]["media"].as_str().unwrap()).unwrap();
    let video = request.attached(media[2]["media"].as_str().unwrap()).unwrap();
    let thumb = request.attached(media[2]["thumbnail"].as_str().unwrap()).unwrap();
    assert_eq!((photo.size, video.size, thumb.size), (10, 20, 5));
    assert_eq!(video.file_name.as_deref(), Some("v.mp4"));
    let mut names: Vec<_> = request.files.iter().map(|f| f.part.as_str()).collect();
    names.dedup();
    assert_eq!(names.len(), 3, "unique part names: {names:?}");
}

#[tokio::test]
async fn a_single_nested_input_media_is_attached() {
    let (server, client) = setup().await;
    let payload = EditMessageMedia {
        chat_id: ChatId::Id(1),
        message_id: 10,
        media: InputMedia::photo(InputFile::bytes("new.png", vec![0; 4])),
    };
    client.call(&payload, CallOptions::default()).await.unwrap();
    let request = server.wait_for_request("editMessageMedia").await;
    let reference = request.params["media"]["media"].as_str().unwrap().to_owned();
    assert!(reference.starts_with("attach://"), "{reference}");
    assert_eq!(request.attached(&reference).unwrap().size, 4);
}

#[tokio::test]
async fn local_mode_sends_paths_as_file_uris_and_uploads_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big video.mp4");
    std::fs::write(&path, b"not uploaded").unwrap();

    let server = server().await;
    let client = builder(&server).local_mode(true).build().unwrap();
    assert!(client.is_local_mode());
    let payload = SendDocument {
        chat_id: ChatId::Id(3),
        document: InputFile::path(&path),
        thumbnail: Some(InputFile::bytes("t.jpg", vec![7; 3])),
        caption: None,
    };
    client.call(&payload, CallOptions::default()).await.unwrap();
    let request = server.wait_for_request("sendDocument").await;
    let uri = request.params["document"].as_str().unwrap();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/big%20video.mp4"),
        "{uri}"
    );
    assert!(request.file("document").is_none());
    assert_eq!(request.file("thumbnail").unwrap().size, 3);

    // Only paths: a JSON body.
    let only_path = SendPhoto::new(1, InputFile::path(&path));
    client.call(&only_path, CallOptions::default()).await.unwrap();
    assert_eq!(
        server.wait_for_request("sendPhoto").await.encoding,
        Encoding::Json
    );
}

#[tokio::test]
async fn extra_raw_parameters_are_added_and_can_remove_fields() {
    let (server, client) = setup().await;
    let extra: Map<String, Value> =
        json!({"message_thread_id": 77, "brand_new_param": {"x": 1}, "text": "replaced"})
            .as_object()
            .unwrap()
            .clone();
    let options = CallOptions {
        extra: Some(&extra),
        ..CallOptions::default()
    };
    let message = client
        .call(&SendMessage::new(5, "original"), options)
        .await
        .unwrap();
    assert_eq!(message["message_thread_id"], 77);
    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.params["brand_new_param"], json!({"x": 1}));
    assert_eq!(request.params["text"], "replaced");

    // Extra parameters in a multipart request become form fields.
    let payload = SendPhoto::new(5, InputFile::bytes("p.png", vec![1]));
    client.call(&payload, options).await.unwrap();
    let request = server.wait_for_request("sendPhoto").await;
    assert_eq!(request.encoding, Encoding::Multipart);
    // sendPhoto has neither parameter in the fixture spec: kept as sent, as form text.
    assert_eq!(request.params["brand_new_param"], "{\"x\":1}");
    assert_eq!(request.params["message_thread_id"], "77");
}

#[tokio::test]
async fn call_raw_sends_any_method_and_returns_json() {
    let (server, client) = setup().await;
    let result = client
        .call_raw(
            "copyMessage",
            json!({"chat_id": 1, "from_chat_id": 2, "message_id": 3}),
        )
        .await;
    assert!(result.unwrap()["message_id"].is_i64());
    let request = server.wait_for_request("copyMessage").await;
    assert_eq!(request.params["from_chat_id"], 2);

    assert_eq!(
        client.call_raw("getMe", Value::Null).await.unwrap()["is_bot"],
        true
    );
    let err = client.call_raw("getMe", json!([1])).await.unwrap_err();
    assert!(err.to_string().contains("must be a JSON object"), "{err}");
}

#[tokio::test]
async fn the_caller_payload_is_not_changed() {
    let (_server, client) = setup().await;
    let payload = SendMediaGroup {
        chat_id: ChatId::Id(9),
        media: vec![InputMedia::photo(InputFile::bytes("a.jpg", vec![1]))],
        disable_notification: None,
        protect_content: None,
    };
    let before = format!("{payload:?}");
    client.call(&payload, CallOptions::default()).await.unwrap();
    assert_eq!(format!("{payload:?}"), before);
}

#[tokio::test]
async fn prepare_shows_what_would_be_sent() {
    let (server, client) = setup().await;
    let plain = client
        .prepare(&SendMessage::new(1, "x"), CallOptions::default())
        .unwrap();
    assert_eq!(plain.method(), "sendMessage");
    assert!(!plain.is_multipart());
    assert_eq!(plain.json_body(), Some(&br#"{"chat_id":1,"text":"x"}"#[..]));

    let payload = SendDocument {
        chat_id: ChatId::Id(1),
        document: InputFile::bytes("a.pdf", vec![1]),
        thumbnail: Some(InputFile::bytes("t.jpg", vec![2])),
        caption: Some("c".into()),
    };
    let prepared = client.prepare(&payload, CallOptions::default()).unwrap();
    assert!(prepared.is_multipart());
    assert_eq!(
        Value::Object(prepared.params()),
        json!({"chat_id": 1, "caption": "c"})
    );
    let parts: Vec<_> = prepared
        .uploads()
        .into_iter()
        .map(|u| (u.part, u.file_name, u.mime_type))
        .collect();
    assert_eq!(
        parts,
        [
            (
                "document".to_owned(),
                "a.pdf".to_owned(),
                "application/pdf".to_owned()
            ),
            (
                "thumbnail".to_owned(),
                "t.jpg".to_owned(),
                "image/jpeg".to_owned()
            ),
        ]
    );
    assert!(server.requests().is_empty(), "nothing was sent");
}
