//! The echobot as a real process against the test-kit: its conversation, a clean stop on
//! SIGTERM, and a SIGKILL in the middle of a batch followed by a restart — no update lost,
//! none handled twice.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use botapi_testkit::{Reply, TestServer, updates};
use tokio::process::{Child, Command};

fn start_bot(server: &TestServer, journal: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_echobot"))
        .env("BOT_TOKEN", server.token())
        .env("BOT_API_URL", server.url())
        .env("BOT_JOURNAL", journal)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the echobot binary starts")
}

fn journal_path(name: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("echobot-{name}-{}.journal", std::process::id()));
    let _ = std::fs::remove_file(&path);
    path
}

async fn eventually(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !condition() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn greets_helps_echoes_and_stops_cleanly_on_sigterm() {
    let server = TestServer::start().await;
    let journal = journal_path("conversation");
    let mut bot = start_bot(&server, &journal);
    server.push_update(updates::text_message(7, 7, "/start"));
    let greeting = server.wait_for_request("sendMessage").await;
    assert_eq!(greeting.params["parse_mode"], "HTML");
    assert_eq!(
        greeting.params["text"],
        r#"Hi <a href="tg://user?id=7">User 7</a>!"#
    );
    assert_eq!(greeting.params["reply_markup"]["force_reply"], true);
    assert_eq!(greeting.params["reply_markup"]["selective"], true);
    server.push_update(updates::text_message(7, 7, "/help"));
    assert_eq!(
        server.wait_for_request("sendMessage").await.params["text"],
        "Help!"
    );
    server.push_update(updates::text_message(7, 7, "echo me"));
    let echo = server.wait_for_request("sendMessage").await;
    assert_eq!(echo.params["text"], "echo me");
    assert_eq!(echo.params["chat_id"], 7);

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
    assert_eq!(
        server.pending_updates(),
        0,
        "everything handled was confirmed on stop"
    );
    let _ = std::fs::remove_file(&journal);
}

#[tokio::test]
async fn a_sigkill_mid_batch_loses_nothing_and_repeats_nothing() {
    let server = TestServer::start().await;
    let journal = journal_path("sigkill");
    // Six chats write at once; the bot's first three replies go through, the other three
    // hang (the Bot API is slow), and the bot is killed while they hang.
    for chat in 1..=6 {
        server.push_update(updates::text_message(chat, chat, &format!("message {chat}")));
    }
    for _ in 0..3 {
        server.script("sendMessage", Reply::Normal);
    }
    for _ in 0..3 {
        server.script(
            "sendMessage",
            Reply::Delayed(Duration::from_secs(600), Box::new(Reply::Normal)),
        );
    }
    let mut bot = start_bot(&server, &journal);
    // Answered calls are recorded when answered: three, and the journal lists their updates.
    eventually("three answered replies", || {
        server.requests_for("sendMessage").len() == 3
    })
    .await;
    eventually("three updates journaled as finished", || {
        std::fs::read_to_string(&journal)
            .is_ok_and(|text| text.lines().filter(|l| l.starts_with("F ")).count() == 3)
    })
    .await;
    bot.start_kill().unwrap();
    bot.wait().await.unwrap();
    let answered: Vec<i64> = server
        .requests_for("sendMessage")
        .iter()
        .map(|r| r.params["chat_id"].as_i64().unwrap())
        .collect();

    // Every update was in the journal before Telegram was told: none is lost although the
    // offset moved past all of them. After the restart, the journal hands the three
    // unfinished ones to the handlers again, and the finished ones are not repeated.
    let mut bot = start_bot(&server, &journal);
    eventually("every update confirmed", || server.pending_updates() == 0).await;
    eventually("six chats answered", || {
        server.requests_for("sendMessage").len() == 6
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    bot.start_kill().unwrap();
    bot.wait().await.unwrap();
    let mut replies: Vec<i64> = server
        .requests_for("sendMessage")
        .iter()
        .map(|r| r.params["chat_id"].as_i64().unwrap())
        .collect();
    replies.sort_unstable();
    assert_eq!(
        replies,
        [1, 2, 3, 4, 5, 6],
        "each chat answered exactly once (answered before the kill: {answered:?})"
    );
    let _ = std::fs::remove_file(&journal);
}
