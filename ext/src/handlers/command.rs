//! `CommandHandler`: `/command` messages, with `@botname` addressing and arguments.

use std::sync::Arc;

use botapi::types::{Message, MessageEntityType};

use crate::UpdateType;
use crate::context::Context;
use crate::error::HandlerError;
use crate::filters::Filter;
use crate::handler::{BotInfo, BoxFuture, Callback, Flow, Handler, Matched, UpdateKinds};
use crate::incoming::Incoming;
use crate::matches::Matches;

/// How many arguments a command must have to match ([`CommandHandler::has_args`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArgCount {
    /// Any number (the default).
    Any,
    /// At least one (`has_args(true)`).
    Some,
    /// None (`has_args(false)`).
    None,
    /// Exactly this many (`has_args(2)`).
    Exactly(usize),
}

impl From<bool> for ArgCount {
    fn from(has: bool) -> Self {
        if has { ArgCount::Some } else { ArgCount::None }
    }
}

impl From<usize> for ArgCount {
    fn from(count: usize) -> Self {
        ArgCount::Exactly(count)
    }
}

impl ArgCount {
    fn accepts(self, count: usize) -> bool {
        match self {
            ArgCount::Any => true,
            ArgCount::Some => count > 0,
            ArgCount::None => count == 0,
            ArgCount::Exactly(n) => count == n,
        }
    }
}

/// Handles messages that start with one of its commands: `/start`, `/start@your_bot` (not
/// `/start@another_bot`), `/start payload` (a deep link). The words after the command are
/// [`Context::args`](crate::Context::args). New and edited messages, like
/// python-telegram-bot.
///
/// ```
/// use botapi_ext::{Context, HandlerResult, handlers::CommandHandler};
///
/// async fn start(ctx: Context) -> HandlerResult {
///     let greeting = match ctx.args() {
///         [payload] => format!("You came with {payload}"),
///         _ => "Hello!".to_owned(),
///     };
///     ctx.message()?.reply_text(&ctx.bot, greeting).await?;
///     Ok(())
/// }
///
/// let handler = CommandHandler::new("start", start);
/// # let _ = handler;
/// ```
pub struct CommandHandler<D = ()> {
    commands: Vec<String>,
    callback: Arc<dyn Callback<D>>,
    filter: Option<Filter>,
    args: ArgCount,
    kinds: Vec<UpdateType>,
    blocking: bool,
}

impl<D> std::fmt::Debug for CommandHandler<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommandHandler")
            .field("commands", &self.commands)
            .field("filter", &self.filter)
            .field("args", &self.args)
            .finish_non_exhaustive()
    }
}

/// One command or several: `"start"`, `["help", "h"]`.
pub trait Commands {
    /// The command names.
    fn into_commands(self) -> Vec<String>;
}

impl Commands for &str {
    fn into_commands(self) -> Vec<String> {
        vec![self.to_owned()]
    }
}

impl Commands for String {
    fn into_commands(self) -> Vec<String> {
        vec![self]
    }
}

impl<S: Into<String>, const N: usize> Commands for [S; N] {
    fn into_commands(self) -> Vec<String> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<S: Into<String>> Commands for Vec<S> {
    fn into_commands(self) -> Vec<String> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<D: Send + Sync + 'static> CommandHandler<D> {
    /// Handles `/command` (or any of several commands), case-insensitively.
    ///
    /// # Panics
    ///
    /// If a command is not 1-32 characters of `a-z`, `0-9` and `_` (what Telegram accepts;
    /// case does not matter): that is a bug in the bot, caught when it starts.
    pub fn new(commands: impl Commands, callback: impl Callback<D>) -> Self {
        let commands: Vec<String> = commands
            .into_commands()
            .into_iter()
            .map(|c| c.to_lowercase())
            .collect();
        for command in &commands {
            let valid = (1..=32).contains(&command.len())
                && command
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            assert!(
                valid,
                "`{command}` is not a valid bot command: use 1-32 characters of a-z, 0-9 and _ (without the /)"
            );
        }
        CommandHandler {
            commands,
            callback: Arc::new(callback),
            filter: None,
            args: ArgCount::Any,
            kinds: vec![UpdateType::Message, UpdateType::EditedMessage],
            blocking: true,
        }
    }

    /// Only messages that also pass `filter` (added to a previous filter with `&`).
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(previous) => previous & filter,
            None => filter,
        });
        self
    }

    /// How many arguments the command must have: `true` (some), `false` (none), or a count.
    pub fn has_args(mut self, args: impl Into<ArgCount>) -> Self {
        self.args = args.into();
        self
    }

    /// The update kinds whose messages are checked (default: new and edited messages).
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = UpdateType>) -> Self {
        self.kinds = kinds.into_iter().filter(|k| k.is_message()).collect();
        self
    }

    /// Whether the update's key waits for this handler (default `true`).
    pub fn blocking(mut self, blocking: bool) -> Self {
        self.blocking = blocking;
        self
    }
}

/// The command a message starts with, `(name, addressee)`, and the rest of its text.
pub(crate) fn parse_command(message: &Message) -> Option<(&str, Option<&str>, &str)> {
    let text = message.text.as_deref()?;
    let entity = message.entities.as_deref()?.first()?;
    if entity.offset != 0 || entity.kind != MessageEntityType::BotCommand {
        return None;
    }
    let end = byte_index(text, entity.length)?;
    let (command, rest) = text.split_at(end);
    let command = command.strip_prefix('/')?;
    let (name, addressee) = match command.split_once('@') {
        Some((name, bot)) => (name, Some(bot)),
        None => (command, None),
    };
    Some((name, addressee, rest))
}

/// The byte index after `units` UTF-16 code units of `text`.
fn byte_index(text: &str, units: i64) -> Option<usize> {
    let mut seen = 0i64;
    for (index, c) in text.char_indices() {
        if seen >= units {
            return Some(index);
        }
        seen += i64::try_from(c.len_utf16()).ok()?;
    }
    (seen >= units).then_some(text.len())
}

impl<D: Send + Sync + 'static> Handler<D> for CommandHandler<D> {
    fn check(&self, update: &Incoming, bot: &BotInfo) -> Option<Matched> {
        let update = update.telegram()?;
        if !self.kinds.contains(&UpdateType::of(update)?) {
            return None;
        }
        let message = update.effective_message()?;
        let (name, addressee, rest) = parse_command(message)?;
        if let Some(addressee) = addressee {
            let ours = bot.username.as_deref()?;
            if !addressee.eq_ignore_ascii_case(ours) {
                return None;
            }
        }
        if !self.commands.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            return None;
        }
        let args: Vec<String> = rest.split_whitespace().map(str::to_owned).collect();
        if !self.args.accepts(args.len()) {
            return None;
        }
        let mut matches = Matches::new();
        if let Some(filter) = &self.filter {
            if !filter.check(update, &mut matches) {
                return None;
            }
        }
        let mut matched = Matched::with_args(args);
        matched.matches = matches;
        Some(matched)
    }

    fn handle(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>> {
        self.callback.call(ctx)
    }

    fn blocking(&self) -> bool {
        self.blocking
    }

    fn update_kinds(&self) -> UpdateKinds {
        UpdateKinds::Only(self.kinds.iter().map(|k| k.name()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::byte_index;

    #[test]
    fn entity_lengths_are_utf16_units() {
        assert_eq!(byte_index("/start x", 6), Some(6));
        assert_eq!(byte_index("/start", 6), Some(6));
        assert_eq!(byte_index("/a😀b", 4), Some(6));
        assert_eq!(byte_index("/a", 5), None);
    }
}
