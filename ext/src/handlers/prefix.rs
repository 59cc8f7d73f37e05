//! `PrefixHandler`: commands with prefixes of your choice (`!help`, `#help`).

use crate::UpdateType;
use crate::handler::{BotInfo, Callback, Matched};
use crate::handlers::base::{Base, handler};
use crate::handlers::command::Commands;
use crate::incoming::Incoming;

/// Handles messages whose first word is one of the prefixes followed by one of the commands
/// (python-telegram-bot's `PrefixHandler`): prefixes `["!", "#"]` with commands `["help",
/// "h"]` take `!help`, `#help`, `!h` and `#h`, in any case. The words after it are
/// [`Context::args`](crate::Context::args). New and edited messages by default.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::PrefixHandler};
///
/// async fn help(ctx: Context) -> HandlerResult {
///     let topic = ctx.args().first().map_or("everything", String::as_str);
///     ctx.message()?.reply_text(&ctx.bot, format!("Help on {topic}")).await?;
///     Ok(())
/// }
///
/// let handler = PrefixHandler::new(["!", "#"], "help", help);
/// # let _ = handler;
/// ```
pub struct PrefixHandler<D = ()> {
    base: Base<D>,
    /// Every prefix followed by every command, lowercase.
    words: Vec<String>,
}

handler!(PrefixHandler { words }, filter);

impl<D: Send + Sync + 'static> PrefixHandler<D> {
    /// Handles `prefix` + `command` for every prefix and command given (one or several of
    /// each: `"!"`, `["!", "#"]`).
    pub fn new(prefixes: impl Commands, commands: impl Commands, callback: impl Callback<D>) -> Self {
        let commands = commands.into_commands();
        let words = prefixes
            .into_commands()
            .iter()
            .flat_map(|p| commands.iter().map(move |c| format!("{p}{c}").to_lowercase()))
            .collect();
        PrefixHandler {
            base: Base::new(&[UpdateType::Message, UpdateType::EditedMessage], callback),
            words,
        }
    }

    /// The update kinds whose messages are checked (default: new and edited messages).
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = UpdateType>) -> Self {
        self.base.kinds = kinds.into_iter().filter(|k| k.is_message()).collect();
        self
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        let update = self.base.admit(incoming)?;
        let text = update.effective_message()?.text.as_deref()?;
        let args = command_args(text, |word| {
            self.words.iter().any(|w| w.eq_ignore_ascii_case(word))
        })?;
        self.base.finish(update, Matched::with_args(args))
    }
}

/// The words after the first, if the first passes `is_command`.
pub(crate) fn command_args(text: &str, is_command: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    let mut words = text.split_whitespace();
    is_command(words.next()?).then(|| words.map(str::to_owned).collect())
}
