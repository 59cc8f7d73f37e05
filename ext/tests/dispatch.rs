//! The dispatch path: per-key ordering, a busy key not delaying others, bounded queues,
//! de-duplication, custom updates, background tasks, lifecycle hooks and graceful shutdown.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use botapi_ext::botapi::types::Update;
use botapi_ext::prelude::*;
use botapi_ext::{Delivery, HandlerResult, OrderBy, Processed, QueueFull};
use botapi_testkit::{TestServer, updates};
use common::{builder, eventually, spawn_polling, stop};
use tokio::sync::Semaphore;

/// A Telegram update of user `user` in chat `chat` with `text` and id `id`.
fn update(id: i64, user: i64, chat: i64, text: &str) -> Update {
    let mut json = updates::text_message(user, chat, text);
    json["update_id"] = id.into();
    serde_json::from_value(json).expect("a valid update")
}

#[derive(Default)]
struct Log {
    events: Mutex<Vec<String>>,
    gate: Option<Arc<Semaphore>>,
}

impl Log {
    fn push(&self, event: String) {
        self.events.lock().unwrap().push(event);
    }

    fn events(&self) -> Vec<String> {
        self.events.lock().unwrap().clone()
    }
}

/// Logs `start <text>` and `end <text>`; texts starting with `wait` wait for the gate.
async fn logged(ctx: Context<Arc<Log>>) -> HandlerResult {
    let text = ctx.message()?.text.clone().unwrap_or_default();
    ctx.data().push(format!("start {text}"));
    if text.starts_with("wait") {
        let gate = ctx.data().gate.clone().expect("a gate");
        gate.acquire().await?.forget();
    }
    tokio::task::yield_now().await;
    ctx.data().push(format!("end {text}"));
    Ok(())
}

#[tokio::test]
async fn one_key_runs_in_order_while_other_keys_go_ahead() {
    let server = TestServer::start().await;
    let log = Arc::new(Log {
        gate: Some(Arc::new(Semaphore::new(0))),
        ..Log::default()
    });
    let app = builder(&server).data(log.clone()).build().unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, logged));

    let mut pending = Vec::new();
    for (id, chat, text) in [
        (1, 1, "wait a1"),
        (2, 1, "a2"),
        (3, 1, "a3"),
        (4, 2, "b1"),
        (5, 2, "b2"),
    ] {
        let app = app.clone();
        pending.push(tokio::spawn(async move {
            app.process_update(update(id, chat, chat, text)).await
        }));
        tokio::task::yield_now().await;
    }
    // Chat 2 finishes while chat 1 waits on its first update; chat 1's later updates wait.
    eventually("chat 2 done", || log.events().contains(&"end b2".to_owned())).await;
    let events = log.events();
    assert!(events.contains(&"start wait a1".to_owned()));
    assert!(!events.iter().any(|e| e.ends_with("a2")), "{events:?}");
    assert_eq!(app.busy_keys(), 1, "only chat 1 is busy");
    log.gate.as_ref().unwrap().add_permits(1);
    for task in pending {
        assert_eq!(task.await.unwrap(), Processed::Handled);
    }
    let chat1: Vec<_> = log
        .events()
        .into_iter()
        .filter(|e| e.contains(" a") || e.contains("wait a"))
        .collect();
    assert_eq!(
        chat1,
        [
            "start wait a1",
            "end wait a1",
            "start a2",
            "end a2",
            "start a3",
            "end a3"
        ]
    );
    assert_eq!(app.busy_keys(), 0, "idle keys are forgotten");
}

#[tokio::test]
async fn unordered_updates_run_concurrently_and_user_keys_group_by_user() {
    let server = TestServer::start().await;
    let log = Arc::new(Log {
        gate: Some(Arc::new(Semaphore::new(0))),
        ..Log::default()
    });
    let app = builder(&server)
        .data(log.clone())
        .order_by(OrderBy::User)
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, logged));
    // The same user in two chats: ordered by user, so the second waits for the first.
    let first = tokio::spawn({
        let app = app.clone();
        async move { app.process_update(update(1, 9, -100, "wait x")).await }
    });
    eventually("first started", || log.events().len() == 1).await;
    let second = tokio::spawn({
        let app = app.clone();
        async move { app.process_update(update(2, 9, -200, "y")).await }
    });
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(log.events(), ["start wait x"]);
    log.gate.as_ref().unwrap().add_permits(1);
    first.await.unwrap();
    second.await.unwrap();
    assert_eq!(log.events(), ["start wait x", "end wait x", "start y", "end y"]);
}

#[tokio::test]
async fn a_full_key_rejects_to_the_error_handlers_when_asked() {
    let server = TestServer::start().await;
    let log = Arc::new(Log {
        gate: Some(Arc::new(Semaphore::new(0))),
        ..Log::default()
    });
    let app = builder(&server)
        .data(log.clone())
        .key_queue_capacity(1)
        .when_key_full(QueueFull::Reject)
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, logged));
    app.add_error_handler(|ctx: Context<Arc<Log>>| async move {
        ctx.data().push(format!("error {}", ctx.error().unwrap()));
        HandlerResult::Ok(())
    });
    let running = tokio::spawn({
        let app = app.clone();
        async move { app.process_update(update(1, 1, 1, "wait 1")).await }
    });
    eventually("first started", || log.events().len() == 1).await;
    let queued = tokio::spawn({
        let app = app.clone();
        async move { app.process_update(update(2, 1, 1, "2")).await }
    });
    tokio::time::sleep(Duration::from_millis(20)).await;
    // The queue of chat 1 holds one update: the third is rejected, chat 2 is not affected.
    assert_eq!(
        app.process_update(update(3, 1, 1, "3")).await,
        Processed::Rejected
    );
    assert_eq!(
        app.process_update(update(4, 2, 2, "other")).await,
        Processed::Handled
    );
    log.gate.as_ref().unwrap().add_permits(1);
    assert_eq!(running.await.unwrap(), Processed::Handled);
    assert_eq!(queued.await.unwrap(), Processed::Handled);
    let events = log.events();
    assert!(
        events
            .iter()
            .any(|e| e.starts_with("error the queue of chat 1 is full")),
        "{events:?}"
    );
    assert!(!events.iter().any(|e| e == "start 3"));
}

#[tokio::test]
async fn a_waiting_full_key_holds_only_its_own_updates() {
    let server = TestServer::start().await;
    let log = Arc::new(Log {
        gate: Some(Arc::new(Semaphore::new(0))),
        ..Log::default()
    });
    let app = builder(&server)
        .data(log.clone())
        .key_queue_capacity(1)
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, logged));
    let sender = app.update_sender();
    sender.send(update(1, 1, 1, "wait 1")).await;
    sender.send(update(2, 1, 1, "2")).await;
    // The third update of chat 1 waits for room; the sender's other work does not.
    let blocked = tokio::spawn({
        let sender = sender.clone();
        async move { sender.send(update(3, 1, 1, "3")).await }
    });
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(!blocked.is_finished());
    sender.send(update(4, 2, 2, "other")).await;
    eventually("chat 2 handled", || {
        log.events().contains(&"end other".to_owned())
    })
    .await;
    log.gate.as_ref().unwrap().add_permits(1);
    blocked.await.unwrap();
    eventually("chat 1 done", || log.events().contains(&"end 3".to_owned())).await;
    let chat1: Vec<_> = log
        .events()
        .into_iter()
        .filter(|e| !e.contains("other"))
        .collect();
    assert_eq!(
        chat1,
        [
            "start wait 1",
            "end wait 1",
            "start 2",
            "end 2",
            "start 3",
            "end 3"
        ]
    );
}

#[tokio::test]
async fn duplicates_are_handled_once() {
    let server = TestServer::start().await;
    let count = Arc::new(AtomicUsize::new(0));
    let app = builder(&server).data(count.clone()).build().unwrap();
    app.add_handler(MessageHandler::new(
        filters::ALL,
        |ctx: Context<Arc<AtomicUsize>>| async move {
            ctx.data().fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(30)).await;
            HandlerResult::Ok(())
        },
    ));
    let (first, retry) = tokio::join!(app.process_update(update(42, 1, 1, "x")), async {
        tokio::time::sleep(Duration::from_millis(5)).await;
        app.process_update(update(42, 1, 1, "x")).await
    });
    assert_eq!(first, Processed::Handled);
    assert_eq!(
        retry,
        Processed::Duplicate,
        "a retry of a running update waits for it"
    );
    assert_eq!(
        app.process_update(update(42, 1, 1, "x")).await,
        Processed::Duplicate
    );
    assert_eq!(count.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn custom_updates_reach_their_type_handler() {
    struct Payload {
        user_id: i64,
        text: String,
    }
    let server = TestServer::start().await;
    let app = builder(&server).build().unwrap();
    app.add_handler(TypeHandler::<Payload>::new(|ctx: Context| async move {
        let payload = ctx.custom::<Payload>().expect("a payload");
        ctx.bot
            .send_message(payload.user_id, payload.text.clone())
            .await?;
        HandlerResult::Ok(())
    }));
    let processed = app
        .process_custom(Payload {
            user_id: 5,
            text: "from another service".into(),
        })
        .await;
    assert_eq!(processed, Processed::Handled);
    let sent = server.wait_for_request("sendMessage").await;
    assert_eq!(sent.params["chat_id"], 5);
    assert_eq!(sent.params["text"], "from another service");
    // A value of another type is not taken by it.
    assert_eq!(app.process_custom(7u32).await, Processed::Handled);
    assert_eq!(server.requests_for("sendMessage").len(), 1);
}

#[tokio::test]
async fn stop_lets_handlers_finish_then_runs_the_hooks_in_order() {
    let server = TestServer::start().await;
    let log = Arc::new(Log::default());
    let app = builder(&server)
        .data(log.clone())
        .post_init(|app: Application<Arc<Log>>| async move {
            app.data().push("post_init".into());
            Ok(())
        })
        .post_stop(|app: Application<Arc<Log>>| async move {
            app.data().push("post_stop".into());
            Ok(())
        })
        .post_shutdown(|app: Application<Arc<Log>>| async move {
            app.data().push("post_shutdown".into());
            Ok(())
        })
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(
        filters::TEXT,
        |ctx: Context<Arc<Log>>| async move {
            ctx.data().push("handling".into());
            // A background task owned by the application: awaited at stop.
            let data = ctx.data().clone();
            ctx.spawn(async move {
                tokio::time::sleep(Duration::from_millis(100)).await;
                data.push("background done".into());
            });
            tokio::time::sleep(Duration::from_millis(100)).await;
            ctx.data().push("handled".into());
            ctx.stop_running();
            HandlerResult::Ok(())
        },
    ));
    server.push_update(updates::text_message(1, 1, "hi"));
    app.run_polling().await.unwrap();
    assert_eq!(
        log.events(),
        [
            "post_init",
            "handling",
            "handled",
            "background done",
            "post_stop",
            "post_shutdown"
        ]
    );
    assert_eq!(server.pending_updates(), 0);
}

#[tokio::test]
async fn a_handler_past_the_grace_period_is_cancelled_and_its_update_delivered_again() {
    let server = TestServer::start().await;
    let app = builder(&server)
        .grace_period(Duration::from_millis(200))
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, |ctx: Context| async move {
        if ctx.message()?.text.as_deref() == Some("forever") {
            std::future::pending::<()>().await;
        }
        ctx.message()?.reply_text(&ctx.bot, "ok").await?;
        HandlerResult::Ok(())
    }));
    let stuck = server.push_update(updates::text_message(1, 1, "forever"));
    server.push_update(updates::text_message(2, 2, "quick"));
    let running = spawn_polling(&app);
    server.wait_for_request("sendMessage").await;
    stop(&app, running).await.unwrap();
    // The quick update is confirmed, the cancelled one is not: the final offset is its id.
    let last = server.requests_for("getUpdates").pop().unwrap();
    assert_eq!(last.params["offset"], stuck);
    assert_eq!(
        server.pending_updates(),
        2,
        "Telegram keeps both until a later offset"
    );

    // A new instance gets the cancelled update again; the quick one, handled, is skipped
    // by Telegram only once confirmed, so the server still holds it: the new instance
    // answers both (at-least-once without a journal).
    let again = builder(&server).build().unwrap();
    again.add_handler(MessageHandler::new(filters::TEXT, |ctx: Context| async move {
        ctx.message()?.reply_text(&ctx.bot, "again").await?;
        HandlerResult::Ok(())
    }));
    let running = spawn_polling(&again);
    eventually("redelivered and confirmed", || server.pending_updates() == 0).await;
    stop(&again, running).await.unwrap();
    let replies: Vec<_> = server
        .requests_for("sendMessage")
        .into_iter()
        .filter(|r| r.params["text"] == "again")
        .map(|r| r.params["chat_id"].as_i64().unwrap())
        .collect();
    assert!(
        replies.contains(&1),
        "the cancelled update was handled by the new instance"
    );
}

#[tokio::test]
async fn at_most_once_confirms_on_receipt() {
    let server = TestServer::start().await;
    let gate = Arc::new(Semaphore::new(0));
    let app = builder(&server)
        .delivery(Delivery::AtMostOnce)
        .grace_period(Duration::from_millis(100))
        .data(gate.clone())
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(
        filters::TEXT,
        |ctx: Context<Arc<Semaphore>>| async move {
            ctx.data().acquire().await?.forget();
            HandlerResult::Ok(())
        },
    ));
    server.push_update(updates::text_message(1, 1, "a"));
    let running = spawn_polling(&app);
    // The next long poll confirms the update although its handler still waits.
    eventually("confirmed while running", || server.pending_updates() == 0).await;
    assert_eq!(app.pending_updates(), 1);
    stop(&app, running).await.unwrap();
}
