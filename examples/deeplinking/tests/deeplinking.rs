//! The deeplinking bot as a real process against the test-kit: each level's deep link leads
//! to the next one.

use std::process::Stdio;
use std::time::Duration;

use botapi_testkit::{TestServer, updates};
use serde_json::Value;
use tokio::process::{Child, Command};

fn start_bot(server: &TestServer) -> Child {
    Command::new(env!("CARGO_BIN_EXE_deeplinking"))
        .env("BOT_TOKEN", server.token())
        .env("BOT_API_URL", server.url())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the deeplinking binary starts")
}

/// What a user does with a deep link `https://t.me/<bot>?start=<payload>`: sends `/start payload`.
fn follow(link: &str) -> String {
    let payload = link
        .split(['?', '&'])
        .find_map(|part| {
            part.strip_prefix("start=")
                .or_else(|| part.strip_prefix("startgroup="))
        })
        .unwrap_or_else(|| panic!("{link} is a deep link"));
    format!("/start {payload}")
}

async fn next_reply(server: &TestServer, method: &str) -> Value {
    let request = server.wait_for_request(method).await;
    server.clear_requests();
    Value::Object(request.params.into_iter().collect())
}

#[tokio::test]
async fn every_level_links_to_the_next() {
    let server = TestServer::start().await;
    let username = server.bot_user()["username"].as_str().unwrap().to_owned();
    let mut bot = start_bot(&server);

    server.push_update(updates::text_message(7, 7, "/start"));
    let reply = next_reply(&server, "sendMessage").await;
    let text = reply["text"].as_str().unwrap();
    let link = text.lines().last().unwrap();
    assert_eq!(link, format!("https://t.me/{username}?startgroup=check-this-out"));

    // Level 1, in a group: a URL button back to the private chat.
    server.push_update(updates::text_message(7, -100, &follow(link)));
    let reply = next_reply(&server, "sendMessage").await;
    assert!(reply["text"].as_str().unwrap().starts_with("Awesome"));
    let button = &reply["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "Continue here!");
    let link = button["url"].as_str().unwrap().to_owned();
    assert_eq!(link, format!("https://t.me/{username}?start=so-cool"));

    // Level 2: the link masked in HTML, without a preview.
    server.push_update(updates::text_message(7, 7, &follow(&link)));
    let reply = next_reply(&server, "sendMessage").await;
    assert_eq!(reply["parse_mode"], "HTML");
    assert_eq!(reply["link_preview_options"]["is_disabled"], true);
    let html = reply["text"].as_str().unwrap();
    let link = html
        .split("href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(link, format!("https://t.me/{username}?start=using-entities-here"));

    // Level 3: a callback button, whose answer opens the last deep link.
    server.push_update(updates::text_message(7, 7, &follow(&link)));
    let reply = next_reply(&server, "sendMessage").await;
    let button = &reply["reply_markup"]["inline_keyboard"][0][0];
    assert_eq!(button["text"], "Like this!");
    let data = button["callback_data"].as_str().unwrap();
    server.push_update(updates::callback_query(7, data));
    let answer = next_reply(&server, "answerCallbackQuery").await;
    let link = answer["url"].as_str().unwrap().to_owned();
    assert_eq!(link, format!("https://t.me/{username}?start=using-keyboard-here"));

    // Level 4: the payload is the command's argument.
    server.push_update(updates::text_message(7, 7, &follow(&link)));
    let reply = next_reply(&server, "sendMessage").await;
    assert_eq!(
        reply["text"],
        "Congratulations! This is as deep as it gets 👏🏻\n\nThe payload was: [\"using-keyboard-here\"]"
    );

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
