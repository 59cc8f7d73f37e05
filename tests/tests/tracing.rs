//! One span per request with the method, duration and outcome; never the token.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use botapi_runtime::{CallOptions, Client};
use botapi_testkit::Reply;
use common::*;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn each_request_has_a_span_with_method_duration_and_outcome_and_no_token() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let (server, client) = setup().await;
    client
        .call(
            &SendMessage::new(1, "secret message text"),
            CallOptions::default(),
        )
        .await
        .unwrap();
    server.script("sendMessage", Reply::error(400, "Bad Request: chat not found"));
    client
        .call(&SendMessage::new(1, "x"), CallOptions::default())
        .await
        .unwrap_err();
    let photo = SendPhoto::new(
        1,
        botapi_runtime::InputFile::bytes("p.png", &b"FILE-CONTENT-BYTES"[..]),
    );
    client.call(&photo, CallOptions::default()).await.unwrap();
    let refused = Client::builder(server.token())
        .base_url("http://127.0.0.1:9/bot")
        .build()
        .unwrap();
    refused.call(&GetMe {}, CallOptions::default()).await.unwrap_err();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    let spans: Vec<&str> = log.lines().filter(|l| l.contains("close")).collect();
    assert_eq!(spans.len(), 4, "{log}");
    assert!(
        spans[0].contains("method=\"sendMessage\"") && spans[0].contains("outcome=\"ok\""),
        "{log}"
    );
    assert!(spans[0].contains("duration_ms="), "{log}");
    assert!(spans[1].contains("outcome=\"error\""), "{log}");
    assert!(
        spans[2].contains("method=\"sendPhoto\"") && spans[2].contains("uploads=true"),
        "{log}"
    );
    assert!(
        spans[3].contains("method=\"getMe\"") && spans[3].contains("outcome=\"error\""),
        "{log}"
    );
    assert!(
        log.contains("chat not found"),
        "failures are logged with the error: {log}"
    );

    let secret = server.token().split_once(':').unwrap().1;
    assert!(!log.contains(secret), "token in the log: {log}");
    assert!(!log.contains("FILE-CONTENT-BYTES"), "file contents in the log");
    assert!(!log.contains("secret message text"), "parameters are not logged");
}
