//! Each error class, produced by a scripted server answer or a real transport failure, and
//! checked for the token in every printed form.

mod common;

use std::error::Error as _;
use std::time::Duration;

use botapi_runtime::{CallOptions, Client, Error, InputFile, Timeouts};
use botapi_testkit::{Reply, TestServer};
use common::*;
use serde_json::json;

/// Everything a user could print about an error: `Display`, `Debug`, and the source chain.
fn printed(err: &Error) -> String {
    let mut text = format!("{err}\n{err:?}");
    let mut source = err.source();
    while let Some(inner) = source {
        text.push_str(&format!("\n{inner}\n{inner:?}"));
        source = inner.source();
    }
    text
}

/// The secret part of the token (after the colon) must never be printed.
fn assert_no_token(server: &TestServer, err: &Error) {
    let secret = server.token().split_once(':').unwrap().1;
    let text = printed(err);
    assert!(!text.contains(secret), "the token leaked: {text}");
}

async fn scripted(reply: Reply) -> (TestServer, Error) {
    let (server, client) = setup().await;
    server.script("sendMessage", reply);
    let err = client
        .call(&SendMessage::new(1, "x"), CallOptions::default())
        .await
        .unwrap_err();
    assert_no_token(&server, &err);
    (server, err)
}

#[tokio::test]
async fn bad_request() {
    let (_s, err) = scripted(Reply::error(400, "Bad Request: chat not found")).await;
    assert!(
        matches!(&err, Error::BadRequest { description } if description == "Bad Request: chat not found")
    );
    assert_eq!(err.api_code(), Some(400));
    assert_eq!(err.to_string(), "bad request (400): Bad Request: chat not found");
}

#[tokio::test]
async fn forbidden() {
    let (_s, err) = scripted(Reply::error(403, "Forbidden: bot was blocked by the user")).await;
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(err.description(), Some("Forbidden: bot was blocked by the user"));
}

#[tokio::test]
async fn conflict() {
    let (_s, err) = scripted(Reply::error(
        409,
        "Conflict: terminated by other getUpdates request",
    ))
    .await;
    assert!(matches!(err, Error::Conflict { .. }), "{err:?}");
}

#[tokio::test]
async fn retry_after_carries_the_duration() {
    let (_s, err) = scripted(Reply::retry_after(14)).await;
    assert!(matches!(err, Error::RetryAfter { .. }), "{err:?}");
    assert_eq!(err.retry_after(), Some(Duration::from_secs(14)));
    assert_eq!(err.description(), Some("Too Many Requests: retry after 14"));
}

#[tokio::test]
async fn chat_migrated_carries_the_new_id() {
    let (_s, err) = scripted(Reply::migrated(-1001234567890)).await;
    assert_eq!(err.migrate_to_chat_id(), Some(-1001234567890));
    assert!(matches!(
        err,
        Error::ChatMigrated {
            new_chat_id: -1001234567890,
            ..
        }
    ));
}

#[tokio::test]
async fn other_codes_are_generic_api_errors() {
    let (_s, err) = scripted(Reply::error(500, "Internal Server Error")).await;
    assert!(matches!(err, Error::Api { code: 500, .. }), "{err:?}");
    let (_s, err) = scripted(Reply::Error {
        status: 420,
        description: "Flood".into(),
        parameters: Some(json!({})),
    })
    .await;
    assert_eq!(err.api_code(), Some(420));
}

#[tokio::test]
async fn a_wrong_token_is_an_invalid_token() {
    let server = server().await;
    let client = Client::builder("123456789:WRONG-token-value")
        .base_url(server.url())
        .build()
        .unwrap();
    let err = client.call(&GetMe {}, CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::InvalidToken { code: 401, .. }), "{err:?}");
    assert!(!printed(&err).contains("WRONG-token-value"));
}

#[tokio::test]
async fn a_404_is_an_invalid_token_until_the_token_was_accepted_then_an_unknown_endpoint() {
    let (server, client) = setup().await;
    let err = client
        .call(&SendTelepathy { chat_id: 1 }, CallOptions::default())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidToken { code: 404, .. }), "{err:?}");
    assert_no_token(&server, &err);

    client.call(&GetMe {}, CallOptions::default()).await.unwrap();
    let err = client
        .call(&SendTelepathy { chat_id: 1 }, CallOptions::default())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::EndpointNotFound { method, .. } if method == "sendTelepathy"),
        "{err:?}"
    );
    assert_eq!(err.description(), Some("Not Found"));
    assert_no_token(&server, &err);
}

#[tokio::test]
async fn a_body_that_is_not_a_bot_api_answer_is_an_invalid_response() {
    let (server, err) = scripted(Reply::Raw {
        status: 502,
        content_type: "text/html".into(),
        body: format!("<html>Bad Gateway {}</html>", "x".repeat(2000)),
    })
    .await;
    let Error::InvalidResponse { status, excerpt, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(*status, 502);
    assert!(excerpt.starts_with("<html>Bad Gateway"), "{excerpt}");
    assert!(excerpt.len() <= botapi_runtime::EXCERPT_LEN);
    assert!(err.source().is_some(), "the JSON error is chained");
    assert_eq!(server.requests_for("sendMessage")[0].status, 502);
}

#[tokio::test]
async fn a_token_echoed_by_the_server_is_redacted() {
    let (server, client) = setup().await;
    let body = format!("<html>proxy error for /bot{}/sendMessage</html>", server.token());
    server.script(
        "sendMessage",
        Reply::Raw {
            status: 502,
            content_type: "text/html".into(),
            body,
        },
    );
    let err = client
        .call(&SendMessage::new(1, "x"), CallOptions::default())
        .await
        .unwrap_err();
    assert_no_token(&server, &err);
    let Error::InvalidResponse { excerpt, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(excerpt.contains("/bot123456789:***/sendMessage"), "{excerpt}");

    let description = format!("Bad Request: wrong url /bot{}/x", server.token());
    server.script("sendMessage", Reply::error(400, description));
    let err = client
        .call(&SendMessage::new(1, "x"), CallOptions::default())
        .await
        .unwrap_err();
    assert_no_token(&server, &err);
}

#[tokio::test]
async fn a_result_of_the_wrong_shape_is_an_invalid_response() {
    let (server, client) = setup().await;
    server.script("getMe", Reply::Result(json!({"id": "not a number"})));
    let err = client.call(&GetMe {}, CallOptions::default()).await.unwrap_err();
    assert!(
        matches!(err, Error::InvalidResponse { status: 200, .. }),
        "{err:?}"
    );
    assert_no_token(&server, &err);
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = server().await;
    let timeouts = Timeouts::uniform(Duration::from_millis(200));
    let client = builder(&server).timeouts(timeouts).build().unwrap();
    server.script(
        "sendMessage",
        Reply::Delayed(Duration::from_secs(3), Box::new(Reply::Normal)),
    );
    let started = std::time::Instant::now();
    let err = client
        .call(&SendMessage::new(1, "x"), CallOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_no_token(&server, &err);
}

#[tokio::test]
async fn long_polls_get_their_timeout_on_top_of_the_read_timeout() {
    let server = server().await;
    let client = builder(&server)
        .poll_timeouts(Timeouts::uniform(Duration::from_millis(300)))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let updates = client
        .call(
            &GetUpdates {
                timeout: Some(1),
                ..Default::default()
            },
            CallOptions::default(),
        )
        .await;
    assert_eq!(updates.unwrap(), Vec::<serde_json::Value>::new());
    assert!(started.elapsed() >= Duration::from_secs(1));

    let raw = client
        .call_raw("getUpdates", json!({"timeout": 1}))
        .await
        .unwrap();
    assert_eq!(
        raw,
        json!([]),
        "a raw long poll is not cut by the read timeout either"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_network_error_without_the_url() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let token = "123456789:SECRET-network-token";
    let client = Client::builder(token)
        .base_url(format!("http://127.0.0.1:{port}/bot"))
        .build()
        .unwrap();
    let err = client.call(&GetMe {}, CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    let text = printed(&err);
    assert!(!text.contains("SECRET-network-token"), "{text}");
    assert!(!text.contains("/bot"), "no URL at all: {text}");
}

#[tokio::test]
async fn a_missing_upload_file_is_an_io_error() {
    let (_server, client) = setup().await;
    let payload = SendPhoto::new(1, InputFile::path("/definitely/not/here.png"));
    let err = client.call(&payload, CallOptions::default()).await.unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("/definitely/not/here.png"), "{err}");
}

#[tokio::test]
async fn the_pool_timeout_limits_requests_in_flight() {
    let server = server().await;
    let timeouts = Timeouts::default().pool(Duration::from_millis(100));
    let client = builder(&server).pool_size(1).timeouts(timeouts).build().unwrap();
    server.script(
        "sendMessage",
        Reply::Delayed(Duration::from_millis(600), Box::new(Reply::Normal)),
    );
    let slow_payload = SendMessage::new(1, "slow");
    let slow = client.call(&slow_payload, CallOptions::default());
    let second = async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        client
            .call(&SendMessage::new(1, "waits"), CallOptions::default())
            .await
    };
    let (slow, second) = tokio::join!(slow, second);
    assert!(slow.is_ok(), "{slow:?}");
    let err = second.unwrap_err();
    assert!(
        matches!(err, Error::TimedOut { phase, .. } if phase.contains("slot")),
        "{err:?}"
    );
}

#[tokio::test]
async fn client_debug_never_shows_the_token() {
    let (server, client) = setup().await;
    let text = format!("{client:?} {:?} {}", client.token(), client.token());
    assert!(
        !text.contains(server.token().split_once(':').unwrap().1),
        "{text}"
    );
    assert!(text.contains("123456789:***"), "{text}");
}

#[tokio::test]
async fn a_stalled_upload_hits_the_write_timeout() {
    let server = server().await;
    // The write limit counts from the end of the connect allowance.
    let timeouts = Timeouts::default()
        .connect(Duration::from_millis(200))
        .write(Duration::from_millis(200));
    let client = builder(&server).timeouts(timeouts).build().unwrap();
    // A reader whose writer never writes: the upload stalls after the headers.
    let (_writer, reader) = tokio::io::duplex(64);
    let payload = SendPhoto::new(1, InputFile::reader("stalled.bin", reader));
    let started = std::time::Instant::now();
    let err = client.call(&payload, CallOptions::default()).await.unwrap_err();
    assert!(
        matches!(err, Error::TimedOut { phase, .. } if phase.contains("sending")),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}
