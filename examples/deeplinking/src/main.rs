//! python-telegram-bot's `deeplinking.py` in Rust: `/start` with a payload (a deep link) leads
//! from one level to the next — a link for groups, a URL button back to the private chat, a
//! link masked in HTML, and a callback button whose answer opens the last deep link.
//!
//! ```sh
//! BOT_TOKEN=123456:ABC... cargo run -p deeplinking
//! ```
//!
//! `BOT_API_URL=http://127.0.0.1:8081` points it at a Local Bot API Server or the test-kit.
//! Try it: send `/start`, then follow the links the bot sends.

use botapi_ext::Callback;
use botapi_ext::botapi::text::create_deep_linked_url;
use botapi_ext::botapi::types::{InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions};
use botapi_ext::prelude::*;

/// The payloads, one per level.
const CHECK_THIS_OUT: &str = "check-this-out";
const USING_ENTITIES: &str = "using-entities-here";
const USING_KEYBOARD: &str = "using-keyboard-here";
const SO_COOL: &str = "so-cool";

/// The callback data of the level-3 button.
const KEYBOARD_CALLBACKDATA: &str = "keyboard-callback-data";

/// A deep link to this bot with `payload`, for a private chat or (`group`) to add it to one.
fn deep_link(ctx: &Context, payload: &str, group: bool) -> HandlerResult<String> {
    let info = ctx.app().bot_info();
    let username = info.username.as_deref().ok_or("the bot has no username")?;
    Ok(create_deep_linked_url(username, Some(payload), group)?)
}

/// `/start` without a known payload: a link to share that adds the bot to a group.
async fn start(ctx: Context) -> HandlerResult {
    let url = deep_link(&ctx, CHECK_THIS_OUT, true)?;
    let text = format!("Feel free to tell your friends about it:\n\n{url}");
    ctx.message()?.reply_text(&ctx.bot, text).await?;
    Ok(())
}

/// Reached through the `CHECK_THIS_OUT` payload: a button back to the private chat.
async fn deep_linked_level_1(ctx: Context) -> HandlerResult {
    let url = deep_link(&ctx, SO_COOL, false)?;
    let text = "Awesome, you just accessed hidden functionality! Now let's get back to the private chat.";
    let keyboard = InlineKeyboardMarkup::from_button(InlineKeyboardButton::link("Continue here!", url));
    ctx.message()?
        .reply_text(&ctx.bot, text)
        .reply_markup(keyboard)
        .await?;
    Ok(())
}

/// Reached through the `SO_COOL` payload: the deep link masked as an HTML link.
async fn deep_linked_level_2(ctx: Context) -> HandlerResult {
    let url = deep_link(&ctx, USING_ENTITIES, false)?;
    let text =
        format!(r#"You can also mask the deep-linked URLs as links: <a href="{url}">▶️ CLICK HERE</a>."#);
    ctx.message()?
        .reply_html(&ctx.bot, text)
        .link_preview_options(LinkPreviewOptions::new().is_disabled(true))
        .await?;
    Ok(())
}

/// Reached through the `USING_ENTITIES` payload: a callback button.
async fn deep_linked_level_3(ctx: Context) -> HandlerResult {
    let keyboard = InlineKeyboardMarkup::from_button(InlineKeyboardButton::callback(
        "Like this!",
        KEYBOARD_CALLBACKDATA,
    ));
    ctx.message()?
        .reply_text(
            &ctx.bot,
            "It is also possible to make deep-linking using InlineKeyboardButtons.",
        )
        .reply_markup(keyboard)
        .await?;
    Ok(())
}

/// The level-3 button: the answer carries the deep link, which Telegram opens.
async fn deep_link_level_3_callback(ctx: Context) -> HandlerResult {
    let url = deep_link(&ctx, USING_KEYBOARD, false)?;
    ctx.callback_query()?.answer(&ctx.bot).url(url).await?;
    Ok(())
}

/// Reached through the `USING_KEYBOARD` payload: the end, with the payload.
async fn deep_linked_level_4(ctx: Context) -> HandlerResult {
    let text = format!(
        "Congratulations! This is as deep as it gets 👏🏻\n\nThe payload was: {:?}",
        ctx.args()
    );
    ctx.message()?.reply_text(&ctx.bot, text).await?;
    Ok(())
}

/// `/start` whose payload matches `payload`.
fn start_with(payload: &str, callback: impl Callback<()>) -> CommandHandler {
    // The payloads are letters and dashes: nothing to escape in the pattern.
    let pattern = format!("^/start(@\\w+)? {payload}$");
    CommandHandler::new("start", callback).filter(filters::regex(&pattern).expect("a valid pattern"))
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
    let app = builder.build()?;
    app.add_handler(start_with(CHECK_THIS_OUT, deep_linked_level_1));
    app.add_handler(start_with(SO_COOL, deep_linked_level_2));
    app.add_handler(start_with(USING_ENTITIES, deep_linked_level_3));
    app.add_handler(start_with(USING_KEYBOARD, deep_linked_level_4));
    app.add_handler(
        CallbackQueryHandler::new(deep_link_level_3_callback).pattern(Pattern::exact(KEYBOARD_CALLBACKDATA)),
    );
    app.add_handler(CommandHandler::new("start", start));
    app.run_polling().await?;
    Ok(())
}
