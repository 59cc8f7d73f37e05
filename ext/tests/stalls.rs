//! Polling never stalls silently: a wedged connection is dropped and retried, and every retry
//! is logged with its cause — never with the token.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use botapi_ext::HandlerResult;
use botapi_ext::prelude::*;
use botapi_testkit::{Reply, TestServer, updates};
use common::{builder, fast_polling, spawn_polling, stop};

/// Collects formatted log lines.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn a_wedged_poll_is_abandoned_and_every_retry_is_logged_without_the_token() {
    let logs = Logs::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::WARN)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = TestServer::start().await;
    let app = builder(&server)
        .polling(fast_polling().answer_margin(Duration::from_millis(300)))
        .build()
        .unwrap();
    app.add_handler(MessageHandler::new(filters::TEXT, |ctx: Context| async move {
        ctx.message()?.reply_text(&ctx.bot, "alive").await?;
        HandlerResult::Ok(())
    }));
    // The first poll never gets an answer in time; then a 500; then updates flow.
    server.script(
        "getUpdates",
        Reply::Delayed(Duration::from_secs(30), Box::new(Reply::Normal)),
    );
    server.script_error("getUpdates", 500, "Internal Server Error", None);
    server.push_update(updates::text_message(1, 1, "hello"));
    let running = spawn_polling(&app);
    let reply = server.wait_for_request("sendMessage").await;
    assert_eq!(reply.params["text"], "alive");
    stop(&app, running).await.unwrap();

    let text = logs.text();
    assert!(text.contains("getUpdates got no answer in time"), "{text}");
    assert!(text.contains("getUpdates failed; retrying"), "{text}");
    assert!(
        text.contains("Internal Server Error"),
        "the cause is logged: {text}"
    );
    let secret = server.token().split_once(':').unwrap().1;
    assert!(!text.contains(secret), "the token never appears in logs: {text}");
}
