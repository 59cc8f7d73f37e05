//! `StringCommandHandler` and `StringRegexHandler`: custom updates that are plain strings
//! (from [`Application::process_custom`](crate::Application::process_custom) or an
//! [`UpdateSender`](crate::UpdateSender)), such as lines typed into a console.

use crate::handler::{BotInfo, Callback, Matched};
use crate::handlers::base::{Base, handler};
use crate::handlers::pattern::Pattern;
use crate::handlers::prefix::command_args;
use crate::incoming::Incoming;

/// The text of a custom update that is a `String` or a `&'static str`.
fn custom_text(incoming: &Incoming) -> Option<&str> {
    incoming
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| incoming.downcast_ref::<&'static str>().copied())
}

/// Handles custom string updates that are `/command` followed by arguments
/// ([`Context::args`](crate::Context::args)); the string is `ctx.custom::<String>()`.
/// No Telegram update reaches it.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::StringCommandHandler};
///
/// async fn broadcast(ctx: Context) -> HandlerResult {
///     let text = ctx.args().join(" ");
///     ctx.bot.send_message(-1001234567890_i64, text).await?;
///     Ok(())
/// }
///
/// # async fn run(app: botapi_ext::Application) {
/// app.add_handler(StringCommandHandler::new("broadcast", broadcast));
/// app.process_custom(String::from("/broadcast Maintenance at noon")).await;
/// # }
/// ```
pub struct StringCommandHandler<D = ()> {
    base: Base<D>,
    command: String,
}

handler!(StringCommandHandler { command });

impl<D: Send + Sync + 'static> StringCommandHandler<D> {
    /// Handles `/command` strings (the command without its `/`, matched exactly).
    pub fn new(command: impl Into<String>, callback: impl Callback<D>) -> Self {
        StringCommandHandler {
            base: Base::new(&[], callback),
            command: command.into(),
        }
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        let text = custom_text(incoming)?;
        let is_command = |word: &str| word.strip_prefix('/') == Some(self.command.as_str());
        command_args(text, is_command).map(Matched::with_args)
    }
}

/// Handles custom string updates that match a [`Pattern`] (a `&str` is a regex, matched at
/// the start; captures in [`Context::captures`](crate::Context::captures)); the string is
/// `ctx.custom::<String>()`. No Telegram update reaches it.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::StringRegexHandler};
///
/// async fn alert(ctx: Context) -> HandlerResult {
///     let level = ctx.captures().and_then(|c| c.name("level")).unwrap_or("info");
///     println!("alert at level {level}");
///     Ok(())
/// }
///
/// let handler = StringRegexHandler::new(r"alert (?P<level>\w+)", alert);
/// # let _ = handler;
/// ```
pub struct StringRegexHandler<D = ()> {
    base: Base<D>,
    pattern: Pattern,
}

handler!(StringRegexHandler { pattern });

impl<D: Send + Sync + 'static> StringRegexHandler<D> {
    /// Handles the strings that match `pattern`.
    pub fn new(pattern: impl Into<Pattern>, callback: impl Callback<D>) -> Self {
        StringRegexHandler {
            base: Base::new(&[], callback),
            pattern: pattern.into(),
        }
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        let text = custom_text(incoming)?;
        let mut matched = Matched::empty();
        self.pattern.check(text, &mut matched).then_some(matched)
    }
}
