//! The test-kit server's own behaviour: updates, webhooks, validation of every body encoding,
//! recording, scripting and file serving.

mod common;

use std::time::{Duration, Instant};

use botapi_runtime::{CallOptions, Error};
use botapi_testkit::{Encoding, Reply, updates};
use common::*;
use serde_json::{Value, json};

fn ids(updates: &[Value]) -> Vec<i64> {
    updates.iter().map(|u| u["update_id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn get_me_answers_the_bot_user_from_the_token() {
    let (server, client) = setup().await;
    let me = client.call(&GetMe {}, CallOptions::default()).await.unwrap();
    assert_eq!(
        me,
        User {
            id: 123456789,
            is_bot: true,
            first_name: "Test Bot".into(),
            username: Some("test_bot".into())
        }
    );
    assert_eq!(server.bot_user()["id"], 123456789);
}

#[tokio::test]
async fn updates_are_kept_until_an_offset_confirms_them() {
    let (server, client) = setup().await;
    let first = server.push_update(updates::text_message(42, 42, "/start"));
    server.push_update(updates::callback_query(42, "x"));
    server.push_update(updates::text_message(42, 42, "three"));
    assert_eq!(first, 1);

    let all = client
        .call(&GetUpdates::default(), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2, 3]);
    assert_eq!(all[0]["message"]["text"], "/start");
    assert_eq!(all[1]["callback_query"]["data"], "x");

    let again = client
        .call(
            &GetUpdates {
                limit: Some(2),
                ..Default::default()
            },
            CallOptions::default(),
        )
        .await;
    assert_eq!(ids(&again.unwrap()), [1, 2], "not confirmed yet, limited to 2");

    let after = client
        .call(
            &GetUpdates {
                offset: Some(3),
                ..Default::default()
            },
            CallOptions::default(),
        )
        .await;
    assert_eq!(ids(&after.unwrap()), [3]);
    assert_eq!(server.pending_updates(), 1);

    server.push_update(updates::text_message(1, 1, "four"));
    server.push_update(updates::text_message(1, 1, "five"));
    let last = client
        .call(
            &GetUpdates {
                offset: Some(-1),
                ..Default::default()
            },
            CallOptions::default(),
        )
        .await;
    assert_eq!(
        ids(&last.unwrap()),
        [5],
        "a negative offset keeps the last updates"
    );
}

#[tokio::test]
async fn a_long_poll_returns_as_soon_as_an_update_is_pushed() {
    let (server, client) = setup().await;
    let started = Instant::now();
    let long_poll = GetUpdates {
        timeout: Some(10),
        ..Default::default()
    };
    let poll = client.call(&long_poll, CallOptions::default());
    let push = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        server.push_update(updates::text_message(7, 7, "hello"))
    };
    let (updates, id) = tokio::join!(poll, push);
    assert_eq!(ids(&updates.unwrap()), [id]);
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(200) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_long_poll_without_updates_waits_for_its_timeout() {
    let (_server, client) = setup().await;
    let started = Instant::now();
    let updates = client
        .call(
            &GetUpdates {
                timeout: Some(1),
                ..Default::default()
            },
            CallOptions::default(),
        )
        .await;
    assert!(updates.unwrap().is_empty());
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[tokio::test]
async fn a_newer_poll_terminates_the_older_one() {
    let (_server, client) = setup().await;
    let long_poll = GetUpdates {
        timeout: Some(5),
        ..Default::default()
    };
    let older = client.call(&long_poll, CallOptions::default());
    let newer = async {
        // Long enough for the older poll to be waiting on the server, even on a busy machine.
        tokio::time::sleep(Duration::from_millis(500)).await;
        client.call(&GetUpdates::default(), CallOptions::default()).await
    };
    let (older, newer) = tokio::join!(older, newer);
    assert!(matches!(older, Err(Error::Conflict { .. })), "{older:?}");
    assert!(newer.unwrap().is_empty());
}

#[tokio::test]
async fn webhooks_block_polling_until_deleted() {
    let (server, client) = setup().await;
    server.push_update(updates::text_message(1, 1, "pending"));
    assert!(
        client
            .call_raw(
                "setWebhook",
                json!({"url": "https://bot.example/hook", "max_connections": 5})
            )
            .await
            .is_ok()
    );
    assert_eq!(server.webhook_url().as_deref(), Some("https://bot.example/hook"));
    let info = client
        .call(&GetWebhookInfo, CallOptions::default())
        .await
        .unwrap();
    assert_eq!(info["url"], "https://bot.example/hook");
    assert_eq!(info["pending_update_count"], 1);
    assert_eq!(info["max_connections"], 5);

    let err = client
        .call(&GetUpdates::default(), CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
    assert!(err.description().unwrap().contains("webhook is active"));

    client
        .call_raw("deleteWebhook", json!({"drop_pending_updates": true}))
        .await
        .unwrap();
    assert_eq!(server.webhook_url(), None);
    assert!(
        client
            .call(&GetUpdates::default(), CallOptions::default())
            .await
            .unwrap()
            .is_empty()
    );
}

/// Posts a raw body to the server, as a client other than ours would.
async fn post(
    server: &botapi_testkit::TestServer,
    method: &str,
    content_type: &str,
    body: &str,
) -> (u16, Value) {
    let url = format!("{}{}/{method}", server.url(), server.token());
    let response = reqwest_client()
        .post(url)
        .header("content-type", content_type)
        .body(body.to_owned())
        .send()
        .await;
    let response = response.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap())
}

fn reqwest_client() -> botapi_runtime::reqwest::Client {
    botapi_runtime::reqwest::Client::new()
}

#[tokio::test]
async fn url_encoded_forms_are_decoded_by_the_spec() {
    let server = server().await;
    let body =
        "chat_id=42&text=hi+there&disable_notification=true&reply_parameters=%7B%22message_id%22%3A5%7D";
    let (status, answer) = post(&server, "sendMessage", "application/x-www-form-urlencoded", body).await;
    assert_eq!(status, 200, "{answer}");
    let request = server.wait_for_request("sendMessage").await;
    assert_eq!(request.encoding, Encoding::Form);
    assert_eq!(
        Value::Object(request.params),
        json!({"chat_id": 42, "text": "hi there", "disable_notification": true, "reply_parameters": {"message_id": 5}})
    );
}

#[tokio::test]
async fn wrong_types_are_rejected_in_every_encoding() {
    let server = server().await;
    let cases = [
        (
            "application/json",
            r#"{"chat_id": 1, "text": "x", "disable_notification": "perhaps"}"#,
        ),
        (
            "application/x-www-form-urlencoded",
            "chat_id=1&text=x&disable_notification=perhaps",
        ),
    ];
    for (content_type, body) in cases {
        let (status, answer) = post(&server, "sendMessage", content_type, body).await;
        assert_eq!(status, 400, "{content_type}");
        assert_eq!(
            answer,
            json!({"ok": false, "error_code": 400,
            "description": "Bad Request: field \"disable_notification\" must be of type Boolean"})
        );
    }
    let (status, answer) = post(
        &server,
        "sendMessage",
        "application/x-www-form-urlencoded",
        "chat_id=1&text=x&reply_parameters=%7Bbad",
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(
        answer["description"],
        "Bad Request: can't parse reply_parameters JSON object"
    );
    let (status, answer) = post(&server, "sendMessage", "application/json", "{not json").await;
    assert_eq!(
        (status, answer["description"].as_str()),
        (400, Some("Bad Request: can't parse JSON body"))
    );

    // Multipart: a text field with a wrong value.
    let form = botapi_runtime::reqwest::multipart::Form::new()
        .text("chat_id", "1")
        .text("photo", "AgACid")
        .text("has_spoiler", "sometimes");
    let url = format!("{}{}/sendPhoto", server.url(), server.token());
    let response = reqwest_client().post(url).multipart(form).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(
        answer["description"],
        "Bad Request: field \"has_spoiler\" must be of type Boolean"
    );

    // Rejected calls are recorded with their answer.
    let rejected = server.requests();
    assert_eq!(rejected.len(), 5);
    assert!(rejected.iter().all(|r| r.status == 400 && r.error.is_some()));
}

#[tokio::test]
async fn missing_parameters_and_unknown_methods_get_telegrams_answers() {
    let server = server().await;
    let (status, answer) = post(&server, "sendMessage", "application/json", r#"{"chat_id": 1}"#).await;
    assert_eq!(
        (status, answer["description"].as_str()),
        (400, Some("Bad Request: text is empty"))
    );
    let (status, answer) = post(&server, "sendPhoto", "application/json", r#"{"chat_id": 1}"#).await;
    assert_eq!(
        (status, answer["description"].as_str()),
        (400, Some("Bad Request: photo is empty"))
    );
    let (status, answer) = post(&server, "sendTelepathy", "application/json", "{}").await;
    assert_eq!(
        (status, answer),
        (
            404,
            json!({"ok": false, "error_code": 404, "description": "Not Found"})
        )
    );
    // Method names are case-insensitive, like Telegram's.
    let (status, _) = post(
        &server,
        "SENDMESSAGE",
        "application/json",
        r#"{"chat_id": 1, "text": "x"}"#,
    )
    .await;
    assert_eq!(status, 200);
    // Query-string parameters work too.
    let url = format!("{}{}/getMe?unused=1", server.url(), server.token());
    let response = reqwest_client().get(url).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(server.requests_for("getMe")[0].encoding, Encoding::Query);
}

#[tokio::test]
async fn scripted_replies_are_used_once_in_order() {
    let (server, client) = setup().await;
    server.script_error("sendMessage", 403, "Forbidden: bot was kicked", None);
    server.script("sendMessage", Reply::Result(json!({"custom": true})));
    let first = client
        .call(&SendMessage::new(1, "a"), CallOptions::default())
        .await;
    assert!(matches!(first, Err(Error::Forbidden { .. })));
    let second = client
        .call(&SendMessage::new(1, "b"), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(second, json!({"custom": true}));
    let third = client
        .call(&SendMessage::new(1, "c"), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(third["text"], "c");
}

#[tokio::test]
async fn wait_for_request_returns_each_call_once() {
    let (server, client) = setup().await;
    client
        .call(&SendMessage::new(1, "one"), CallOptions::default())
        .await
        .unwrap();
    client
        .call(&SendMessage::new(1, "two"), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(server.wait_for_request("sendMessage").await.params["text"], "one");
    assert_eq!(server.wait_for_request("sendmessage").await.params["text"], "two");
    assert!(
        server
            .try_wait_for_request("sendMessage", Duration::from_millis(50))
            .await
            .is_none()
    );

    let later = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        client
            .call(&SendMessage::new(1, "three"), CallOptions::default())
            .await
            .unwrap();
    };
    let (request, ()) = tokio::join!(server.wait_for_request("sendMessage"), later);
    assert_eq!(request.params["text"], "three");
    server.clear_requests();
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn files_are_served_for_download() {
    let (server, client) = setup().await;
    let content: Vec<u8> = (0..200_000u32).map(|i| (i % 7) as u8).collect();
    let file_id = server.add_file("photos/file_0.jpg", content.clone());
    let file = client
        .call(&GetFile { file_id }, CallOptions::default())
        .await
        .unwrap();
    assert_eq!(file.file_size, Some(200_000));
    let path = file.file_path.unwrap();
    assert_eq!(path, "photos/file_0.jpg");

    assert_eq!(client.download_file(&path).await.unwrap(), content);

    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("copy.jpg");
    assert_eq!(client.download_file_to(&path, &dest).await.unwrap(), 200_000);
    assert_eq!(std::fs::read(&dest).unwrap(), content);

    use futures_util::StreamExt;
    let mut stream = client.download_stream(&path).await.unwrap();
    assert_eq!(stream.len(), Some(200_000));
    let mut streamed = Vec::new();
    while let Some(chunk) = stream.next().await {
        streamed.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(streamed, content);

    let err = client.download_file("photos/missing.jpg").await.unwrap_err();
    assert!(matches!(err, Error::Api { code: 404, .. }), "{err:?}");
    let err = client
        .call(
            &GetFile {
                file_id: "nope".into(),
            },
            CallOptions::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.description(), Some("Bad Request: invalid file_id"));
}

#[tokio::test]
async fn local_mode_downloads_read_the_local_file() {
    let dir = tempfile::tempdir().unwrap();
    let local = dir.path().join("file_7.ogg");
    std::fs::write(&local, b"local bytes").unwrap();
    let server = server().await;
    let client = builder(&server).local_mode(true).build().unwrap();
    let path = local.to_str().unwrap();
    assert_eq!(client.download_file(path).await.unwrap(), &b"local bytes"[..]);
    let dest = dir.path().join("copy.ogg");
    assert_eq!(client.download_file_to(path, &dest).await.unwrap(), 11);
    assert_eq!(std::fs::read(dest).unwrap(), b"local bytes");
    assert!(server.requests().is_empty(), "no HTTP request in local mode");
    let err = client.download_file("/no/such/file").await.unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
}

#[tokio::test]
async fn the_record_can_be_capped() {
    let server = botapi_testkit::TestServer::builder()
        .spec(fixture_spec())
        .max_recorded(2)
        .start()
        .await
        .unwrap();
    let client = builder(&server).build().unwrap();
    for text in ["a", "b", "c"] {
        client
            .call(&SendMessage::new(1, text), CallOptions::default())
            .await
            .unwrap();
    }
    let texts: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.params["text"].clone())
        .collect();
    assert_eq!(texts, [json!("b"), json!("c")]);
    assert_eq!(server.wait_for_request("sendMessage").await.params["text"], "b");
    client
        .call(&SendMessage::new(1, "d"), CallOptions::default())
        .await
        .unwrap();
    assert_eq!(server.wait_for_request("sendMessage").await.params["text"], "c");
}
