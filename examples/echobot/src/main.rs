//! python-telegram-bot's `echobot.py` in Rust: `/start` greets the user with a mention,
//! `/help` says help, and every other text is echoed back.
//!
//! Run it against Telegram:
//!
//! ```sh
//! BOT_TOKEN=123456:ABC... cargo run -p echobot
//! ```
//!
//! or against a Local Bot API Server or the test-kit with `BOT_API_URL=http://127.0.0.1:8081`.
//! With `BOT_JOURNAL=path`, finished updates are journaled so that a crash never makes the
//! bot answer a message twice. Stop it with Ctrl-C: it finishes what it is doing and tells
//! Telegram what it handled.

use botapi_ext::FileJournal;
use botapi_ext::botapi::types::ForceReply;
use botapi_ext::prelude::*;

/// `/start`: a greeting with a mention of the user, and a reply field opened for them.
async fn start(ctx: Context) -> HandlerResult {
    let user = ctx.user()?;
    ctx.message()?
        .reply_html(&ctx.bot, format!("Hi {}!", user.mention_html(None)))
        .reply_markup(ForceReply::new(true).selective(true))
        .await?;
    Ok(())
}

/// `/help`.
async fn help(ctx: Context) -> HandlerResult {
    ctx.message()?.reply_text(&ctx.bot, "Help!").await?;
    Ok(())
}

/// Any other text: the same text back.
async fn echo(ctx: Context) -> HandlerResult {
    let msg = ctx.message()?;
    msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default())
        .await?;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .init();
    let token = std::env::var("BOT_TOKEN").map_err(|_| "set BOT_TOKEN to the bot's token")?;
    let mut builder = Application::builder(token);
    if let Ok(url) = std::env::var("BOT_API_URL") {
        builder = builder.base_url(url);
    }
    if let Ok(path) = std::env::var("BOT_JOURNAL") {
        builder = builder.journal(FileJournal::open(path)?);
    }
    let app = builder.build()?;
    app.add_handler(CommandHandler::new("start", start));
    app.add_handler(CommandHandler::new("help", help));
    app.add_handler(MessageHandler::new(filters::TEXT & !filters::COMMAND, echo));
    app.run_polling().await?;
    Ok(())
}
