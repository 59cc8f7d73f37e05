//! Splitting `/name@bot args`, and what can go wrong parsing a typed command.

/// Why a text is not one of a [`BotCommands`](super::BotCommands) enum's commands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The text does not start with `/`.
    #[error("this is not a command: commands start with `/`")]
    NotACommand,
    /// No command of the set has this name.
    #[error("unknown command `/{0}`")]
    UnknownCommand(String),
    /// The command is addressed (`/name@bot`) to another bot.
    #[error("the command is addressed to @{0}, not to this bot")]
    OtherBot(String),
    /// Fewer arguments than the command needs.
    #[error("`/{command}` needs {expected} argument(s), got {found}")]
    TooFewArguments {
        /// The command's name.
        command: String,
        /// How many it needs at least.
        expected: usize,
        /// How many were given.
        found: usize,
    },
    /// More arguments than the command takes.
    #[error("`/{command}` takes at most {expected} argument(s), got {found}")]
    TooManyArguments {
        /// The command's name.
        command: String,
        /// How many it takes at most.
        expected: usize,
        /// How many were given.
        found: usize,
    },
    /// An argument that does not parse as its field's type.
    #[error("`/{command}`: `{value}` is not a valid {argument} ({reason})")]
    BadArgument {
        /// The command's name.
        command: String,
        /// The field: its name, or `argument N`.
        argument: String,
        /// What was given.
        value: String,
        /// The type's parse error.
        reason: String,
    },
}

/// `(name, addressee, args)` of a text starting with a command; `args` is trimmed.
pub(crate) fn split_command(text: &str) -> Option<(&str, Option<&str>, &str)> {
    let text = text.strip_prefix('/')?;
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    let (command, args) = text.split_at(end);
    let (name, addressee) = match command.split_once('@') {
        Some((name, bot)) => (name, Some(bot)),
        None => (command, None),
    };
    (!name.is_empty()).then_some((name, addressee, args.trim()))
}
