//! python-telegram-bot's `errorhandlerbot.py` in Rust: `/bad_command` fails, and the error
//! handler logs the error and sends a report — the update and the error with its causes,
//! HTML-escaped, split into several messages when it is long — to the developer's chat.
//! Where Python prints a traceback, a Rust error carries its chain of causes: the report lists
//! them (a panic in a handler arrives the same way, with its message).
//!
//! Run it with the developer's chat id (send `/start` to the bot to learn yours):
//!
//! ```sh
//! BOT_TOKEN=123456:ABC... DEVELOPER_CHAT_ID=123456789 cargo run -p errorhandlerbot
//! ```
//!
//! `BOT_API_URL=http://127.0.0.1:8081` points it at a Local Bot API Server or the test-kit.

use botapi_ext::botapi::text::escape_html;
use botapi_ext::botapi::types::ParseMode;
use botapi_ext::prelude::*;

/// Telegram's limit on a message's text, in characters after entity parsing.
const MESSAGE_LIMIT: usize = 4096;

/// The application's shared data: where reports go.
struct Developer {
    chat_id: i64,
}

/// `/start`: how to cause an error, and the user's chat id (for `DEVELOPER_CHAT_ID`).
async fn start(ctx: Context<Developer>) -> HandlerResult {
    let chat = ctx.chat()?;
    ctx.message()?
        .reply_html(
            &ctx.bot,
            format!(
                "Use /bad_command to cause an error.\nYour chat id is <code>{}</code>.",
                chat.id
            ),
        )
        .await?;
    Ok(())
}

/// `/bad_command`: calls a method the Bot API does not have, which fails.
async fn bad_command(ctx: Context<Developer>) -> HandlerResult {
    ctx.bot
        .client()
        .call_raw("wrongMethodName", serde_json::json!({}))
        .await?;
    Ok(())
}

/// Logs the error and sends the developer a report of it.
async fn error_handler(ctx: Context<Developer>) -> HandlerResult {
    let Some(error) = ctx.error() else {
        return Ok(());
    };
    tracing::error!(error = %error, "an error was raised while handling an update");
    let mut trace = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        trace.push_str(&format!("\n\nCaused by: {cause}"));
        source = cause.source();
    }
    let update = match ctx.update() {
        Some(update) => serde_json::to_string_pretty(update)?,
        None => format!("{:?}", ctx.incoming()),
    };
    let report = [
        Block::Plain("An exception was raised while handling an update"),
        Block::Pre("update = ", &update),
        Block::Pre("", &trace),
    ];
    for text in messages(&report, MESSAGE_LIMIT) {
        ctx.bot
            .send_message(ctx.data().chat_id, text)
            .parse_mode(ParseMode::HTML)
            .await?;
    }
    Ok(())
}

/// A part of a report: a line of text, or preformatted text after a label.
enum Block<'a> {
    Plain(&'a str),
    Pre(&'a str, &'a str),
}

/// The report as HTML messages of at most `limit` visible characters each: blocks are joined
/// while they fit; a preformatted block too long for one message is cut on character
/// boundaries, every piece in its own `<pre>`, so no message has an unclosed tag.
fn messages(blocks: &[Block<'_>], limit: usize) -> Vec<String> {
    let mut pieces: Vec<(usize, String)> = Vec::new();
    for block in blocks {
        match block {
            Block::Plain(text) => pieces.push((visible(text), escape_html(text))),
            Block::Pre(label, text) => {
                let content = format!("{label}{text}");
                let chars: Vec<char> = content.chars().collect();
                for chunk in chars.chunks(limit) {
                    let chunk: String = chunk.iter().collect();
                    pieces.push((visible(&chunk), format!("<pre>{}</pre>", escape_html(&chunk))));
                }
            }
        }
    }
    let mut messages: Vec<(usize, String)> = Vec::new();
    for (length, html) in pieces {
        match messages.last_mut() {
            // Two line breaks between blocks count as visible characters.
            Some((used, text)) if *used + 2 + length <= limit => {
                *used += 2 + length;
                text.push_str("\n\n");
                text.push_str(&html);
            }
            _ => messages.push((length, html)),
        }
    }
    messages.into_iter().map(|(_, text)| text).collect()
}

/// Characters as Telegram counts them (UTF-16 code units).
fn visible(text: &str) -> usize {
    text.encode_utf16().count()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .init();
    let token = std::env::var("BOT_TOKEN").map_err(|_| "set BOT_TOKEN to the bot's token")?;
    let chat_id = std::env::var("DEVELOPER_CHAT_ID")
        .map_err(|_| "set DEVELOPER_CHAT_ID to the chat that gets error reports")?
        .parse()
        .map_err(|_| "DEVELOPER_CHAT_ID is a chat id: a number such as 123456789")?;
    let mut builder = Application::builder(token);
    if let Ok(url) = std::env::var("BOT_API_URL") {
        builder = builder.base_url(url);
    }
    let app = builder.data(Developer { chat_id }).build()?;
    app.add_handler(CommandHandler::new("start", start));
    app.add_handler(CommandHandler::new("bad_command", bad_command));
    app.add_error_handler(error_handler);
    app.run_polling().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_blocks_are_cut_into_closed_pre_pieces_within_the_limit() {
        let long = "<&>".repeat(50);
        let report = [Block::Plain("head"), Block::Pre("x = ", &long)];
        let messages = messages(&report, 40);
        assert!(messages.len() > 3, "{messages:?}");
        for message in &messages {
            assert_eq!(
                message.matches("<pre>").count(),
                message.matches("</pre>").count()
            );
            let visible = message
                .replace("<pre>", "")
                .replace("</pre>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
            assert!(visible.encode_utf16().count() <= 40, "{message}");
        }
        let joined: String = messages.concat();
        assert!(joined.starts_with("head"));
        assert_eq!(joined.matches("&amp;").count(), 50, "no character lost at a cut");
    }

    #[test]
    fn short_reports_are_one_message() {
        let report = [Block::Plain("a"), Block::Pre("", "b"), Block::Pre("", "c")];
        assert_eq!(messages(&report, 100), ["a\n\n<pre>b</pre>\n\n<pre>c</pre>"]);
    }
}
