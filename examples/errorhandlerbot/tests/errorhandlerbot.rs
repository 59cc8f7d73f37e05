//! The errorhandlerbot as a real process against the test-kit: the failing command's report
//! reaches the developer chat, escaped, and split when the update is long.

use std::process::Stdio;
use std::time::Duration;

use botapi_testkit::{TestServer, updates};
use tokio::process::{Child, Command};

const DEVELOPER: i64 = 999;

fn start_bot(server: &TestServer) -> Child {
    Command::new(env!("CARGO_BIN_EXE_errorhandlerbot"))
        .env("BOT_TOKEN", server.token())
        .env("BOT_API_URL", server.url())
        .env("DEVELOPER_CHAT_ID", DEVELOPER.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the errorhandlerbot binary starts")
}

/// The text a user sees of an HTML message: tags dropped, entities decoded.
fn visible(html: &str) -> String {
    html.replace("<pre>", "")
        .replace("</pre>", "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

/// The developer chat's messages, once the report is complete: its last block is the error.
async fn reports(server: &TestServer) -> Vec<String> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let sent: Vec<String> = server
            .requests_for("sendMessage")
            .into_iter()
            .filter(|r| r.params["chat_id"] == DEVELOPER)
            .map(|r| {
                assert_eq!(r.params["parse_mode"], "HTML");
                r.params["text"].as_str().unwrap().to_owned()
            })
            .collect();
        if sent.last().is_some_and(|last| last.contains("Not Found")) {
            return sent;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "waited for a complete report, got {sent:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn the_failing_command_is_reported_to_the_developer() {
    let server = TestServer::start().await;
    let mut bot = start_bot(&server);

    server.push_update(updates::text_message(7, 7, "/start"));
    let hello = server.wait_for_request("sendMessage").await;
    assert_eq!(
        hello.params["text"],
        "Use /bad_command to cause an error.\nYour chat id is <code>7</code>."
    );
    server.clear_requests();

    server.push_update(updates::text_message(7, 7, "/bad_command <b>&"));
    let report = reports(&server).await;
    assert_eq!(report.len(), 1, "a short report is one message: {report:?}");
    let text = &report[0];
    assert!(
        text.starts_with("An exception was raised while handling an update\n\n<pre>update = {"),
        "{text}"
    );
    assert!(
        text.contains("/bad_command &lt;b&gt;&amp;"),
        "the update is escaped: {text}"
    );
    assert!(text.contains("Not Found"), "the error is in it: {text}");
    assert!(!text.contains(server.token()), "no token in the report");
    server.clear_requests();

    let long = format!("/bad_command {}", "<long> ".repeat(1500));
    server.push_update(updates::text_message(7, 7, &long));
    let report = reports(&server).await;
    for message in &report {
        assert!(
            visible(message).encode_utf16().count() <= 4096,
            "within Telegram's limit"
        );
        assert_eq!(
            message.matches("<pre>").count(),
            message.matches("</pre>").count(),
            "no unclosed tag"
        );
    }
    assert!(
        report.len() >= 3,
        "a long report is split: {} message(s)",
        report.len()
    );
    let whole = visible(&report.concat());
    // Cuts may fall inside a `<long>`, so count its characters rather than whole words.
    assert_eq!(whole.matches('<').count(), 1500, "nothing of the update is lost");

    let pid = bot.id().expect("running").to_string();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = tokio::time::timeout(Duration::from_secs(10), bot.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(exit.success(), "a clean exit on SIGTERM: {exit:?}");
}
