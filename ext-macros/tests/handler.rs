//! `BotCommandsHandler` in a running application: a user sends commands through the test-kit
//! and the bot's answers are asserted.

use std::time::Duration;

use botapi_ext::PollingOptions;
use botapi_ext::commands::{BotCommands, BotCommandsHandler};
use botapi_ext::prelude::*;
use botapi_testkit::{TestServer, updates};

#[derive(BotCommands, Debug)]
enum Command {
    #[command(description = "show the commands")]
    Help,
    #[command(description = "tell your age: /age <years>")]
    Age(u8),
}

async fn commands(ctx: Context) -> HandlerResult {
    let reply = match ctx.command::<Command>() {
        Ok(Command::Help) => Command::descriptions(),
        Ok(Command::Age(years)) => format!("{years} years, noted"),
        Err(error) => format!("{error}"),
    };
    ctx.message()?.reply_text(&ctx.bot, reply).await?;
    Ok(())
}

async fn other(ctx: Context) -> HandlerResult {
    ctx.message()?.reply_text(&ctx.bot, "not a typed command").await?;
    Ok(())
}

#[tokio::test]
async fn typed_commands_reach_the_callback_parsed_and_others_fall_through() {
    let server = TestServer::start().await;
    let username = server.bot_user()["username"].as_str().unwrap().to_owned();
    let app = Application::builder(server.token())
        .base_url(server.url())
        .polling(
            PollingOptions::new()
                .timeout(Duration::from_secs(1))
                .max_refetch_interval(Duration::from_millis(20)),
        )
        .build()
        .unwrap();
    app.add_handler(BotCommandsHandler::<Command>::new(commands));
    app.add_handler(MessageHandler::new(filters::ALL, other));
    let running = tokio::spawn({
        let app = app.clone();
        async move { app.run_polling().await }
    });

    let expect = [
        (format!("/age@{username} 36"), "36 years, noted".to_owned()),
        (
            "/age old".to_owned(),
            "`/age`: `old` is not a valid argument 1 (invalid digit found in string)".to_owned(),
        ),
        (
            "/help".to_owned(),
            "/help — show the commands\n/age — tell your age: /age <years>".to_owned(),
        ),
        ("/age@another_bot 3".to_owned(), "not a typed command".to_owned()),
        ("/start".to_owned(), "not a typed command".to_owned()),
    ];
    for (text, reply) in &expect {
        server.push_update(updates::text_message(7, 7, text));
        let sent = server.wait_for_request("sendMessage").await;
        assert_eq!(sent.params["text"], reply.as_str(), "the answer to {text}");
        server.clear_requests();
    }
    app.stop_running();
    running.await.unwrap().unwrap();
}
