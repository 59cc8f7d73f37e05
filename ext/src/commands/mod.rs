//! Typed commands: an enum whose variants are the bot's commands, parsed from `/name args`
//! and listed for `setMyCommands` (teloxide's `BotCommands`).
//!
//! With the `macros` feature, `#[derive(BotCommands)]` writes the impl:
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use botapi_ext::commands::BotCommands;
//!
//! #[derive(BotCommands, Debug, PartialEq)]
//! #[command(description = "These commands are supported:")]
//! enum Command {
//!     #[command(description = "show this text")]
//!     Help,
//!     #[command(description = "greet someone", alias = "hi")]
//!     Greet(String),
//!     #[command(description = "set a reminder: /remind <minutes> [text]")]
//!     Remind { minutes: u32, text: Option<String> },
//!     #[command(hide)]
//!     Debug,
//! }
//!
//! assert_eq!(Command::parse("/greet Ada Lovelace", None), Ok(Command::Greet("Ada Lovelace".into())));
//! assert_eq!(Command::parse("/hi@my_bot Ada", Some("my_bot")), Ok(Command::Greet("Ada".into())));
//! assert_eq!(
//!     Command::parse("/remind 5", None),
//!     Ok(Command::Remind { minutes: 5, text: None })
//! );
//! assert!(Command::parse("/remind soon", None).is_err());
//! assert_eq!(Command::bot_commands().len(), 3); // `Debug` is hidden
//! # }
//! ```
//!
//! # The attributes
//!
//! On the enum: `rename_rule = "lowercase"` (the default: `SetName` → `/setname`),
//! `"snake_case"` (`/set_name`) or `"identity"`; `description = "..."`, the first line of
//! [`BotCommands::descriptions`].
//!
//! On a variant: `rename = "name"`; `description = "..."` (required unless `hide`: Telegram
//! lists a command only with one); `alias = "other"` (repeatable; aliases are parsed, not
//! listed); `hide` (parsed, not in [`BotCommands::bot_commands`]); `separator = ","` (how
//! several arguments are split; whitespace by default).
//!
//! # Arguments
//!
//! A unit variant takes no arguments. A variant with one field takes the whole argument
//! text, trimmed (`Greet(String)` keeps the spaces of `/greet Ada Lovelace`). A variant with
//! several fields splits the text and parses each part with [`FromStr`](std::str::FromStr).
//! `Option` fields may be left out, when they come last. Names are matched without regard to
//! ASCII case, like Telegram's clients do. The derive checks the names at compile time (1-32
//! lowercase letters, digits and underscores).
//!
//! # In an application
//!
//! [`BotCommandsHandler`] takes the commands of an enum. Its callback reads the parsed command
//! with [`Context::command`](crate::Context::command); a command of the enum with bad
//! arguments still reaches the callback, as an error it can answer with the usage:
//!
//! ```no_run
//! # #[cfg(feature = "macros")] {
//! use botapi_ext::commands::{BotCommands, BotCommandsHandler};
//! use botapi_ext::prelude::*;
//!
//! #[derive(BotCommands, Debug)]
//! enum Command {
//!     #[command(description = "show the commands")]
//!     Help,
//!     #[command(description = "tell your age: /age <years>")]
//!     Age(u8),
//! }
//!
//! async fn commands(ctx: Context) -> HandlerResult {
//!     let reply = match ctx.command::<Command>() {
//!         Ok(Command::Help) => Command::descriptions(),
//!         Ok(Command::Age(years)) => format!("{years} years, noted"),
//!         Err(error) => format!("{error}\n\n{}", Command::descriptions()),
//!     };
//!     ctx.message()?.reply_text(&ctx.bot, reply).await?;
//!     Ok(())
//! }
//!
//! # async fn run(app: Application) -> Result<(), botapi_ext::Error> {
//! app.bot().set_my_commands(Command::bot_commands()).await.ok();
//! app.add_handler(BotCommandsHandler::<Command>::new(commands));
//! # Ok(()) }
//! # }
//! ```

use botapi::types::BotCommand;

mod handler;
mod parse;

#[doc(hidden)]
pub mod __private;

pub use handler::BotCommandsHandler;
pub use parse::ParseError;

/// Derives [`BotCommands`] for an enum (the `macros` feature); see the [module](self) docs.
#[cfg(feature = "macros")]
pub use botapi_ext_macros::BotCommands;

/// A set of commands: parsed from a message's text, listed for `setMyCommands`.
///
/// Usually derived (`#[derive(BotCommands)]`, the `macros` feature); implement
/// [`from_command`](Self::from_command) and [`bot_commands`](Self::bot_commands) by hand for
/// parsing the derive does not offer.
pub trait BotCommands: Sized {
    /// The command `name` (without `/` and `@bot`) with its argument text, or
    /// [`ParseError::UnknownCommand`] when `name` is none of these commands.
    fn from_command(name: &str, args: &str) -> Result<Self, ParseError>;

    /// The listed commands with their descriptions, in declaration order: the argument of
    /// `Bot::set_my_commands`.
    fn bot_commands() -> Vec<BotCommand>;

    /// The header of [`descriptions`](Self::descriptions) (the enum's `description`).
    fn help_header() -> Option<&'static str> {
        None
    }

    /// Parses a message's text: `/name args`, or `/name@bot args` when addressed to
    /// `bot_username` (a command addressed to another bot is [`ParseError::OtherBot`]).
    fn parse(text: &str, bot_username: Option<&str>) -> Result<Self, ParseError> {
        let (name, addressee, args) = parse::split_command(text).ok_or(ParseError::NotACommand)?;
        if let Some(addressee) = addressee {
            if !bot_username.is_some_and(|ours| ours.eq_ignore_ascii_case(addressee)) {
                return Err(ParseError::OtherBot(addressee.to_owned()));
            }
        }
        Self::from_command(name, args)
    }

    /// A help text: the header, then `/name — description` per listed command.
    fn descriptions() -> String {
        let mut text = Self::help_header().map(|h| format!("{h}\n")).unwrap_or_default();
        for command in Self::bot_commands() {
            text.push_str(&format!("/{} — {}\n", command.command, command.description));
        }
        text.truncate(text.trim_end().len());
        text
    }
}
