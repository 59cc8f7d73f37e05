//! Long polling end to end through the test-kit: echo, at-least-once offsets, confirmation on
//! stop, faults and fatal answers.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use botapi_ext::prelude::*;
use botapi_ext::{Error, HandlerResult};
use botapi_testkit::{Reply, TestServer, updates};
use common::{builder, eventually, spawn_polling, stop};
use tokio::sync::Notify;

async fn echo(ctx: Context) -> HandlerResult {
    let msg = ctx.message()?;
    msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default())
        .await?;
    Ok(())
}

#[tokio::test]
async fn echoes_every_message_and_confirms_on_stop() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    server.push_update(updates::text_message(1, 1, "hello"));
    server.push_update(updates::text_message(2, 2, "world"));
    let running = spawn_polling(&app);

    let mut texts = [
        server.wait_for_request("sendMessage").await.params["text"].clone(),
        server.wait_for_request("sendMessage").await.params["text"].clone(),
    ];
    texts.sort_by_key(|t| t.to_string());
    assert_eq!(texts, ["hello", "world"]);
    stop(&app, running).await.unwrap();
    assert_eq!(
        server.pending_updates(),
        0,
        "both updates are confirmed to Telegram"
    );
    // getMe told the application the bot's username.
    assert!(app.bot_info().username.is_some());
    // allowed_updates was derived from the handler.
    let polls = server.requests_for("getUpdates");
    let allowed = &polls[0].params["allowed_updates"];
    assert!(allowed.as_array().unwrap().iter().any(|k| k == "message"));
    assert!(!allowed.as_array().unwrap().iter().any(|k| k == "callback_query"));
}

#[tokio::test]
async fn an_unfinished_update_is_not_confirmed_but_later_ones_are_handled() {
    let server = TestServer::start().await;
    let release = Arc::new(Notify::new());
    let app = builder(&server).data(release.clone()).build().unwrap();
    async fn handle(ctx: Context<Arc<Notify>>) -> HandlerResult {
        let msg = ctx.message()?;
        if msg.text.as_deref() == Some("slow") {
            ctx.data().notified().await;
        }
        msg.reply_text(&ctx.bot, "done").await?;
        Ok(())
    }
    app.add_handler(MessageHandler::new(filters::TEXT, handle));
    let slow = server.push_update(updates::text_message(1, 1, "slow"));
    server.push_update(updates::text_message(2, 2, "fast"));
    let running = spawn_polling(&app);

    // The other chat is answered while chat 1 is still busy...
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["chat_id"], 2);
    // ...but nothing at or after the slow update is confirmed: polls keep its offset.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(server.pending_updates(), 2);
    let last_poll = server.requests_for("getUpdates").pop().unwrap();
    assert_eq!(last_poll.params["offset"], slow);

    // A new update arriving meanwhile is fetched and handled without waiting for chat 1.
    server.push_update(updates::text_message(3, 3, "new"));
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["chat_id"], 3);

    release.notify_one();
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["chat_id"], 1);
    eventually("all updates confirmed", || server.pending_updates() == 0).await;
    stop(&app, running).await.unwrap();
    // Each update was handled exactly once.
    assert_eq!(server.requests_for("sendMessage").len(), 3);
}

#[tokio::test]
async fn network_errors_and_5xx_are_retried_with_backoff() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    for _ in 0..4 {
        server.script_error("getUpdates", 502, "Bad Gateway", None);
    }
    server.script(
        "getUpdates",
        Reply::Raw {
            status: 200,
            content_type: "application/json".into(),
            body: "{not json".into(),
        },
    );
    server.script("getUpdates", Reply::retry_after(1));
    server.push_update(updates::text_message(1, 1, "still here"));
    let running = spawn_polling(&app);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "still here");
    stop(&app, running).await.unwrap();
    // The 4 errors, the malformed answer and the flood wait were each followed by a retry.
    assert!(server.requests_for("getUpdates").len() >= 7);
}

#[tokio::test]
async fn a_rejected_token_is_fatal_with_a_clear_error() {
    let server = TestServer::start().await;
    let app = Application::builder("1:wrong-token")
        .base_url(server.url())
        .build()
        .unwrap();
    let error = app.run_polling().await.unwrap_err();
    assert!(matches!(error, Error::InvalidToken(_)), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("token was rejected"), "{text}");
    assert!(!text.contains("wrong-token"), "the token never appears: {text}");
}

#[tokio::test]
async fn a_conflict_while_polling_is_fatal() {
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, echo));
    server.script_error(
        "getUpdates",
        409,
        "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        None,
    );
    let error = app.run_polling().await.unwrap_err();
    assert!(matches!(error, Error::Conflict(_)), "{error:?}");
    assert!(error.to_string().contains("another getUpdates consumer"));
}

#[tokio::test]
async fn an_unreadable_element_goes_to_the_error_handlers_and_its_batch_is_handled() {
    let server = TestServer::start().await;
    let errors = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let app = builder(&server).data(errors.clone()).build().unwrap();
    async fn echo_d(ctx: Context<Arc<std::sync::Mutex<Vec<String>>>>) -> HandlerResult {
        let msg = ctx.message()?;
        msg.reply_text(&ctx.bot, "ok").await?;
        Ok(())
    }
    async fn on_error(ctx: Context<Arc<std::sync::Mutex<Vec<String>>>>) -> HandlerResult {
        let error = ctx.error().map(ToString::to_string).unwrap_or_default();
        ctx.data().lock().unwrap().push(error);
        Ok(())
    }
    app.add_handler(MessageHandler::new(filters::ALL, echo_d));
    app.add_error_handler(on_error);
    let first = updates::text_message(1, 1, "a");
    let mut batch = vec![first];
    batch.push(serde_json::json!({ "update_id": "not a number", "message": {} }));
    batch.push(serde_json::json!({ "update_id": 900, "message": { "chat": "broken" } }));
    let mut good = updates::text_message(2, 2, "b");
    good["update_id"] = 901.into();
    batch[0]["update_id"] = 899.into();
    batch.push(good);
    server.script("getUpdates", Reply::Result(serde_json::Value::Array(batch)));
    let running = spawn_polling(&app);
    server.wait_for_request("sendMessage").await;
    server.wait_for_request("sendMessage").await;
    eventually("two error reports", || errors.lock().unwrap().len() >= 2).await;
    stop(&app, running).await.unwrap();
    let errors = errors.lock().unwrap().clone();
    assert!(errors.iter().any(|e| e.contains("not an update")), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("update 900") && e.contains("message")),
        "{errors:?}"
    );
    // The offset moved past the whole batch.
    let last = server.requests_for("getUpdates").pop().unwrap();
    assert_eq!(last.params["offset"], 902);
}

#[tokio::test]
async fn handlers_and_error_handlers_run_and_a_panic_is_reported() {
    let server = TestServer::start().await;
    let seen = Arc::new(AtomicUsize::new(0));
    let app = builder(&server).data(seen.clone()).build().unwrap();
    async fn boom(ctx: Context<Arc<AtomicUsize>>) -> HandlerResult {
        if ctx.message()?.text.as_deref() == Some("panic") {
            panic!("the handler broke");
        }
        Err("a plain failure".into())
    }
    async fn report(ctx: Context<Arc<AtomicUsize>>) -> HandlerResult {
        let error = ctx.error().unwrap().to_string();
        ctx.data().fetch_add(1, Ordering::SeqCst);
        let chat = ctx.effective_chat().unwrap().id;
        ctx.bot.send_message(chat, error).await?;
        Ok(())
    }
    app.add_handler(MessageHandler::new(filters::TEXT, boom));
    app.add_error_handler(report);
    server.push_update(updates::text_message(1, 1, "panic"));
    server.push_update(updates::text_message(2, 2, "fail"));
    let running = spawn_polling(&app);
    let mut reports = [
        server.wait_for_request("sendMessage").await,
        server.wait_for_request("sendMessage").await,
    ];
    reports.sort_by_key(|r| r.params["chat_id"].as_i64());
    assert_eq!(
        reports[0].params["text"],
        "the handler panicked: the handler broke"
    );
    assert_eq!(reports[1].params["text"], "a plain failure");
    stop(&app, running).await.unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert_eq!(server.pending_updates(), 0, "failed updates count as handled");
}

/// Chat 1's first update blocks until released; every other update is answered.
async fn blocked_first(ctx: Context<Arc<Notify>>) -> HandlerResult {
    let msg = ctx.message()?;
    if msg.text.as_deref() == Some("slow") {
        ctx.data().notified().await;
    }
    msg.reply_text(&ctx.bot, "done").await?;
    Ok(())
}

/// How many of 20 updates behind a blocked one are handled while it blocks, polling batches
/// of 5.
async fn handled_behind_a_blocked_update(journal: Option<botapi_ext::FileJournal>) -> usize {
    let server = TestServer::start().await;
    let release = Arc::new(Notify::new());
    let mut builder = builder(&server)
        .polling(common::fast_polling().limit(5))
        .data(release.clone());
    if let Some(journal) = journal {
        builder = builder.journal(journal);
    }
    let app = builder.build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, blocked_first));
    server.push_update(updates::text_message(1, 1, "slow"));
    for chat in 2..=21 {
        server.push_update(updates::text_message(chat, chat, "quick"));
    }
    let running = spawn_polling(&app);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let handled = server.requests_for("sendMessage").len();
    release.notify_one();
    eventually("all answered", || server.requests_for("sendMessage").len() == 21).await;
    stop(&app, running).await.unwrap();
    handled
}

#[tokio::test]
async fn without_a_journal_polling_stays_within_one_batch_of_the_oldest_unfinished_update() {
    assert_eq!(handled_behind_a_blocked_update(None).await, 4);
}

#[tokio::test]
async fn with_a_journal_a_blocked_update_holds_nothing_back() {
    let path = std::env::temp_dir().join(format!("ext-window-{}.journal", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let journal = botapi_ext::FileJournal::open(&path).unwrap();
    assert_eq!(handled_behind_a_blocked_update(Some(journal)).await, 20);
    let _ = std::fs::remove_file(&path);
}
