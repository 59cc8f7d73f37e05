//! Webhooks end to end: a real application serving its webhook on a loopback port, the
//! test-kit as the Bot API (it records `setWebhook`, `deleteWebhook` and the bot's replies),
//! and reqwest playing Telegram.

mod common;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use botapi_ext::prelude::*;
use botapi_ext::{Error, HandlerResult, WebhookOptions};
use botapi_testkit::{TestServer, updates};
use common::{builder, eventually};
use serde_json::{Value, json};
use tokio::sync::Notify;

const SECRET: &str = "s3cret-token_for-tests";
const HEADER: &str = "X-Telegram-Bot-Api-Secret-Token";

async fn echo<D: Send + Sync + 'static>(ctx: Context<D>) -> HandlerResult {
    let msg = ctx.message()?;
    msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default())
        .await?;
    Ok(())
}

fn options() -> WebhookOptions {
    WebhookOptions::new()
        .port(0)
        .url_path("/telegram")
        .webhook_url("https://bot.example.com/telegram")
        .secret_token(SECRET)
}

/// An update as Telegram posts it, with its id.
fn update(id: i64, chat: i64, text: &str) -> Value {
    let mut update = updates::text_message(chat, chat, text);
    update["update_id"] = id.into();
    update
}

async fn post(addr: SocketAddr, secret: Option<&str>, body: impl Into<reqwest::Body>) -> u16 {
    let mut request = reqwest::Client::new()
        .post(format!("http://{addr}/telegram"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(secret) = secret {
        request = request.header(HEADER, secret);
    }
    request.send().await.unwrap().status().as_u16()
}

async fn post_update(addr: SocketAddr, update: &Value) -> u16 {
    post(addr, Some(SECRET), update.to_string()).await
}

#[tokio::test]
async fn set_webhook_on_start_then_updates_are_handled_once() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.start().await.unwrap();
    let addr = app
        .start_webhook(
            options()
                .max_connections(7)
                .ip_address("203.0.113.9")
                .drop_pending_updates(true),
        )
        .await
        .unwrap();

    let set = server.requests_for("setWebhook");
    assert_eq!(set.len(), 1);
    let params = &set[0].params;
    assert_eq!(params["url"], "https://bot.example.com/telegram");
    assert_eq!(params["secret_token"], SECRET);
    assert_eq!(params["max_connections"], 7);
    assert_eq!(params["ip_address"], "203.0.113.9");
    assert_eq!(params["drop_pending_updates"], true);
    let allowed = params["allowed_updates"].as_array().unwrap();
    assert!(allowed.iter().any(|k| k == "message"), "{allowed:?}");
    assert!(
        !allowed.iter().any(|k| k == "callback_query"),
        "derived from the handlers"
    );
    assert_eq!(
        server.webhook_url().as_deref(),
        Some("https://bot.example.com/telegram")
    );

    let hello = update(10, 1, "hello");
    assert_eq!(post_update(addr, &hello).await, 200);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "hello");
    assert_eq!(reply.params["chat_id"], 1);

    // Telegram retries: the same update_id is answered 200 and not handled again.
    assert_eq!(post_update(addr, &hello).await, 200);
    assert_eq!(post_update(addr, &update(11, 2, "world")).await, 200);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "world");
    app.stop().await.unwrap();
    let texts: Vec<_> = server
        .requests_for("sendMessage")
        .into_iter()
        .map(|r| r.params["text"].clone())
        .collect();
    assert_eq!(texts, ["hello", "world"], "the retry was dropped");
    // Not asked to delete the webhook on stop.
    assert!(server.requests_for("deleteWebhook").is_empty());
    app.shutdown().await.unwrap();
}

#[tokio::test]
async fn the_secret_token_is_required_and_must_match() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.start().await.unwrap();
    let addr = app.start_webhook(options()).await.unwrap();
    let body = update(20, 1, "intruder").to_string();

    assert_eq!(post(addr, None, body.clone()).await, 401, "missing");
    assert_eq!(post(addr, Some("wrong"), body.clone()).await, 403, "wrong");
    let same_length = "x".repeat(SECRET.len());
    assert_eq!(
        post(addr, Some(&same_length), body.clone()).await,
        403,
        "wrong, same length"
    );
    let one_off = format!("{}X", &SECRET[..SECRET.len() - 1]);
    assert_eq!(
        post(addr, Some(&one_off), body.clone()).await,
        403,
        "last byte wrong"
    );
    assert_eq!(
        post(addr, Some(&format!("{SECRET}x")), body.clone()).await,
        403,
        "longer"
    );

    // Nothing of it was dispatched: the same update_id with the secret is handled now.
    assert_eq!(post(addr, Some(SECRET), body).await, 200);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "intruder");
    app.stop().await.unwrap();
    assert_eq!(server.requests_for("sendMessage").len(), 1);
}

#[tokio::test]
async fn a_generated_secret_is_given_to_telegram_and_checked() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.start().await.unwrap();
    let options = WebhookOptions::new()
        .port(0)
        .url_path("telegram")
        .webhook_url("https://bot.example.com/telegram");
    assert!(
        !format!("{options:?}").contains(options.secret()),
        "Debug hides it"
    );
    let addr = app.start_webhook(options.clone()).await.unwrap();
    let sent = server.requests_for("setWebhook")[0].params["secret_token"].clone();
    assert_eq!(sent, options.secret());
    assert_eq!(sent.as_str().unwrap().len(), 64);
    let body = update(1, 1, "hi").to_string();
    assert_eq!(post(addr, Some(SECRET), body.clone()).await, 403);
    assert_eq!(post(addr, Some(options.secret()), body).await, 200);
    server.wait_for_request("sendMessage").await;
    app.stop().await.unwrap();
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.start().await.unwrap();
    let addr = app.start_webhook(options().max_body_bytes(1024)).await.unwrap();
    let big = update(30, 1, &"a".repeat(2000));
    assert_eq!(post_update(addr, &big).await, 413);
    // A streamed body without a length is cut at the limit too.
    let chunks = futures_util::stream::iter((0..8).map(|_| Ok::<_, std::io::Error>(vec![b' '; 512])));
    let streamed = reqwest::Body::wrap_stream(chunks);
    assert_eq!(post(addr, Some(SECRET), streamed).await, 413);
    // The server carries on.
    assert_eq!(post_update(addr, &update(31, 1, "small")).await, 200);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "small");
    app.stop().await.unwrap();
    assert_eq!(server.requests_for("sendMessage").len(), 1);
}

type Errors = Arc<Mutex<Vec<String>>>;

async fn record_error(ctx: Context<Errors>) -> HandlerResult {
    let error = ctx.error().map(ToString::to_string).unwrap_or_default();
    ctx.data().lock().unwrap().push(error);
    Ok(())
}

#[tokio::test]
async fn a_body_that_is_not_an_update_is_answered_400_and_reported() {
    let server = TestServer::start().await;
    let errors = Errors::default();
    let app = builder(&server).data(errors.clone()).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.add_error_handler(record_error);
    app.start().await.unwrap();
    let addr = app.start_webhook(options()).await.unwrap();

    let not_an_update = json!({ "update_id": "not a number", "message": {} }).to_string();
    assert_eq!(post(addr, Some(SECRET), not_an_update).await, 400);
    assert_eq!(post(addr, Some(SECRET), "{ truncated").await, 400);
    assert_eq!(post(addr, Some(SECRET), "not json at all").await, 400);
    assert_eq!(post(addr, Some(SECRET), vec![0xff, 0xfe, 0x00]).await, 400);
    eventually("two error reports", || errors.lock().unwrap().len() >= 2).await;

    // Still serving.
    assert_eq!(post_update(addr, &update(40, 1, "after")).await, 200);
    server.wait_for_request("sendMessage").await;
    app.stop().await.unwrap();
    let errors = errors.lock().unwrap().clone();
    assert_eq!(
        errors.len(),
        2,
        "only the JSON-ish bodies are reported: {errors:?}"
    );
    assert!(errors.iter().all(|e| e.contains("not an update")), "{errors:?}");
}

#[tokio::test]
async fn the_router_nests_beside_the_apps_own_routes() {
    use botapi_ext::axum::{Router, routing::get};

    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.start().await.unwrap();
    let options = options();
    let mine = Router::new()
        .route("/health", get(|| async { "ok" }))
        .nest("/bot", app.webhook_router(&options).unwrap());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let served = tokio::spawn(async move { botapi_ext::axum::serve(listener, mine).await });
    app.set_webhook(&options.clone().webhook_url("https://example.com/bot/telegram"))
        .await
        .unwrap();
    assert_eq!(
        server.webhook_url().as_deref(),
        Some("https://example.com/bot/telegram")
    );

    let client = reqwest::Client::new();
    let health = client.get(format!("http://{addr}/health")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let status = client
        .post(format!("http://{addr}/bot/telegram"))
        .header(HEADER, SECRET)
        .body(update(50, 3, "nested").to_string())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "nested");
    let unauthenticated = client
        .post(format!("http://{addr}/bot/telegram"))
        .body("{}")
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(unauthenticated, 401);
    served.abort();
    app.stop().await.unwrap();
}

fn post_stop_flag<D: Send + Sync + 'static>(
    builder: botapi_ext::ApplicationBuilder<D>,
) -> (botapi_ext::ApplicationBuilder<D>, Arc<Mutex<bool>>) {
    let stopped = Arc::new(Mutex::new(false));
    let flag = stopped.clone();
    let builder = builder.post_stop(move |_app| {
        let flag = flag.clone();
        async move {
            *flag.lock().unwrap() = true;
            Ok(())
        }
    });
    (builder, stopped)
}

#[tokio::test]
async fn run_webhook_stops_on_stop_running_runs_post_stop_and_deletes_the_webhook() {
    let server = TestServer::start().await;
    let (builder, stopped) = post_stop_flag(builder(&server));
    let app = builder.build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    let running = {
        let app = app.clone();
        tokio::spawn(async move { app.run_webhook(options().delete_webhook_on_stop(true)).await })
    };
    server.wait_for_request("setWebhook").await;
    app.stop_running();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("run_webhook returns after stop_running")
        .unwrap()
        .unwrap();
    assert!(*stopped.lock().unwrap(), "post_stop ran");
    assert_eq!(server.requests_for("deleteWebhook").len(), 1);
    assert_eq!(server.webhook_url(), None);
}

#[tokio::test]
async fn stop_refuses_new_requests_and_lets_a_running_handler_finish() {
    let server = TestServer::start().await;
    let release = Arc::new(Notify::new());
    let (builder, stopped) = post_stop_flag(builder(&server).data(release.clone()));
    let app = builder.build().unwrap();
    async fn slow(ctx: Context<Arc<Notify>>) -> HandlerResult {
        if ctx.message()?.text.as_deref() == Some("slow one") {
            ctx.data().notified().await;
        }
        echo(ctx).await
    }
    app.add_handler(MessageHandler::new(filters::TEXT, slow));
    app.start().await.unwrap();
    let addr = app.start_webhook(options()).await.unwrap();
    assert_eq!(post_update(addr, &update(60, 1, "slow one")).await, 200);
    eventually("the handler is running", || app.pending_updates() == 1).await;
    let stopping = {
        let app = app.clone();
        tokio::spawn(async move { app.stop().await })
    };
    // The server stops accepting requests...
    let refused = async {
        loop {
            let result = reqwest::Client::new()
                .post(format!("http://{addr}/telegram"))
                .header(HEADER, SECRET)
                .body(update(61, 2, "late").to_string())
                .send()
                .await;
            if result.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(5), refused)
        .await
        .expect("the webhook server stops accepting connections");
    assert!(!stopping.is_finished(), "stop waits for the running handler");
    assert!(!*stopped.lock().unwrap());
    // ...while the running handler is let finish.
    release.notify_one();
    stopping.await.unwrap().unwrap();
    let replies: Vec<_> = server
        .requests_for("sendMessage")
        .into_iter()
        .map(|r| r.params["text"].clone())
        .collect();
    assert!(replies.iter().any(|t| t == "slow one"), "{replies:?}");
    assert!(*stopped.lock().unwrap(), "post_stop ran");
}

#[tokio::test]
async fn a_full_key_holds_its_request_and_the_request_limit_holds_the_others() {
    let server = TestServer::start().await;
    let release = Arc::new(Notify::new());
    let app = builder(&server)
        .data(release.clone())
        .key_queue_capacity(1)
        .build()
        .unwrap();
    async fn slow(ctx: Context<Arc<Notify>>) -> HandlerResult {
        if ctx.message()?.text.as_deref() == Some("slow one") {
            ctx.data().notified().await;
        }
        echo(ctx).await
    }
    app.add_handler(MessageHandler::new(filters::TEXT, slow));
    app.start().await.unwrap();
    let addr = app.start_webhook(options().concurrent_requests(1)).await.unwrap();
    // Chat 1: one update running, one queued (the key's capacity)...
    assert_eq!(post_update(addr, &update(80, 1, "slow one")).await, 200);
    assert_eq!(post_update(addr, &update(81, 1, "queued")).await, 200);
    // ...so the next one of chat 1 is not answered until its key has room, and it holds
    // the one request slot, so chat 2's request waits too.
    let mut third = tokio::spawn(async move { post_update(addr, &update(82, 1, "third")).await });
    eventually("the third update to wait", || app.pending_updates() == 3).await;
    let mut other = tokio::spawn(async move { post_update(addr, &update(83, 2, "other")).await });
    let waited = tokio::time::timeout(Duration::from_millis(200), async {
        tokio::select! {
            _ = &mut third => {}
            _ = &mut other => {}
        }
    })
    .await;
    assert!(waited.is_err(), "both requests wait while chat 1 is full");
    assert!(server.requests_for("sendMessage").is_empty());

    release.notify_one();
    assert_eq!(third.await.unwrap(), 200);
    assert_eq!(other.await.unwrap(), 200);
    eventually("four replies", || server.requests_for("sendMessage").len() == 4).await;
    app.stop().await.unwrap();
    let chat1: Vec<_> = server
        .requests_for("sendMessage")
        .into_iter()
        .filter(|r| r.params["chat_id"] == 1)
        .map(|r| r.params["text"].clone())
        .collect();
    assert_eq!(chat1, ["slow one", "queued", "third"], "in order within the chat");
}

#[tokio::test]
async fn with_a_journal_an_accepted_update_cut_off_at_stop_is_handled_at_the_next_start() {
    let path = std::env::temp_dir().join(format!("ext-webhook-{}.journal", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let server = TestServer::start().await;
    let first = builder(&server)
        .journal(botapi_ext::FileJournal::open(&path).unwrap())
        .grace_period(Duration::from_millis(50))
        .build()
        .unwrap();
    async fn never(_ctx: Context) -> HandlerResult {
        std::future::pending().await
    }
    first.add_handler(MessageHandler::new(filters::TEXT, never));
    first.start().await.unwrap();
    let addr = first.start_webhook(options()).await.unwrap();
    // Answered 200: Telegram will not send it again, so the journal must keep it.
    assert_eq!(post_update(addr, &update(90, 1, "cut off")).await, 200);
    eventually("the handler is running", || first.pending_updates() == 1).await;
    first.stop().await.unwrap();
    first.shutdown().await.unwrap();
    drop(first);

    let second = builder(&server)
        .journal(botapi_ext::FileJournal::open(&path).unwrap())
        .build()
        .unwrap();
    second.add_handler(MessageHandler::new(filters::TEXT, echo));
    second.start().await.unwrap();
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "cut off");
    second.stop().await.unwrap();
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_rejected_token_is_fatal_with_a_clear_error() {
    let server = TestServer::start().await;
    let app = Application::builder("1:wrong-token")
        .base_url(server.url())
        .build()
        .unwrap();
    let error = app.run_webhook(options()).await.unwrap_err();
    assert!(matches!(error, Error::InvalidToken(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("token was rejected"), "{text}");
    assert!(!text.contains("wrong-token"), "the token never appears: {text}");
    assert!(server.requests_for("setWebhook").is_empty());
}

#[tokio::test]
async fn a_401_on_set_webhook_is_fatal() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    server.script_error("setWebhook", 401, "Unauthorized", None);
    let error = app.run_webhook(options()).await.unwrap_err();
    assert!(matches!(error, Error::InvalidToken(_)), "{error:?}");
    assert!(error.to_string().contains("check the token"), "{error}");
    assert!(!error.to_string().contains(server.token()), "{error}");
}

#[tokio::test]
async fn misconfigured_options_are_refused_before_anything_is_bound() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.start().await.unwrap();
    let no_url = WebhookOptions::new().port(0);
    let error = app.start_webhook(no_url).await.unwrap_err();
    assert!(error.to_string().contains("webhook_url"), "{error}");
    let bad_secret = options().secret_token("has spaces in it");
    let error = app.start_webhook(bad_secret.clone()).await.unwrap_err();
    assert!(error.to_string().contains("secret token"), "{error}");
    assert!(
        !error.to_string().contains("has spaces"),
        "the secret is not shown: {error}"
    );
    assert!(app.webhook_router(&bad_secret).is_err());
    assert!(server.requests_for("setWebhook").is_empty());
    // A second source is refused.
    app.start_webhook(options()).await.unwrap();
    let error = app.start_webhook(options()).await.unwrap_err();
    assert!(error.to_string().contains("already running"), "{error}");
    app.stop().await.unwrap();
}

#[cfg(feature = "webhook-tls")]
#[tokio::test]
async fn the_server_speaks_https_with_the_given_certificate() {
    use botapi_ext::WebhookTls;

    const CERT: &str = include_str!("fixtures/webhook-test.crt");
    const KEY: &str = include_str!("fixtures/webhook-test.key");
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    app.start().await.unwrap();
    let tls = WebhookTls::from_pem(CERT, KEY).unwrap();
    let certificate = botapi::InputFile::bytes("cert.pem", CERT.as_bytes().to_vec());
    let addr = app
        .start_webhook(options().tls(tls).certificate(certificate))
        .await
        .unwrap();
    // The self-signed certificate was uploaded with setWebhook.
    let set = server.requests_for("setWebhook");
    let uploaded = set[0]
        .param_file("certificate")
        .expect("the certificate was uploaded");
    assert_eq!(uploaded.file_name.as_deref(), Some("cert.pem"));

    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(CERT.as_bytes()).unwrap())
        .build()
        .unwrap();
    let status = client
        .post(format!("https://localhost:{}/telegram", addr.port()))
        .header(HEADER, SECRET)
        .body(update(70, 1, "over tls").to_string())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 200);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "over tls");
    // Plain HTTP gets no answer from a TLS server.
    let plain = reqwest::Client::new()
        .post(format!("http://{addr}/telegram"))
        .header(HEADER, SECRET)
        .body(update(71, 1, "plain").to_string())
        .send()
        .await;
    assert!(plain.is_err() || !plain.unwrap().status().is_success());
    app.stop().await.unwrap();
    assert_eq!(server.requests_for("sendMessage").len(), 1);
}

#[cfg(feature = "webhook-tls")]
#[test]
fn a_key_that_does_not_read_is_refused_with_a_clear_error() {
    let error =
        botapi_ext::WebhookTls::from_pem(include_str!("fixtures/webhook-test.crt"), "not a key").unwrap_err();
    assert!(error.to_string().contains("private key"), "{error}");
    let error = botapi_ext::WebhookTls::from_pem("", include_str!("fixtures/webhook-test.key")).unwrap_err();
    assert!(error.to_string().contains("certificate"), "{error}");
}
