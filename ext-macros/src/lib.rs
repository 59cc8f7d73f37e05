//! `#[derive(BotCommands)]` for [botapi-ext](https://docs.rs/botapi-ext): an enum whose
//! variants are a bot's commands. Use it through `botapi_ext` with the `macros` feature; the
//! trait it implements, `botapi_ext::commands::BotCommands`, documents the attributes.
//!
//! Mistakes are compile errors that say what to write instead. A listed command needs a
//! description (Telegram refuses `setMyCommands` without one):
//!
//! ```compile_fail
//! #[derive(botapi_ext::commands::BotCommands)]
//! enum Command {
//!     Help, // error: Telegram lists a command only with a description ...
//! }
//! ```
//!
//! Names follow Telegram's rule (1-32 lowercase letters, digits, underscores):
//!
//! ```compile_fail
//! #[derive(botapi_ext::commands::BotCommands)]
//! enum Command {
//!     #[command(rename = "set-name", description = "set a name")]
//!     SetName(String), // error: `set-name` is not a Telegram command name ...
//! }
//! ```
//!
//! Optional arguments come last:
//!
//! ```compile_fail
//! #[derive(botapi_ext::commands::BotCommands)]
//! enum Command {
//!     #[command(description = "move")]
//!     Move(Option<u8>, u8), // error: `Option` arguments may only come after all the required ones
//! }
//! ```
//!
//! A well-formed one compiles:
//!
//! ```
//! #[derive(botapi_ext::commands::BotCommands)]
//! enum Command {
//!     #[command(description = "move")]
//!     Move(u8, Option<u8>),
//! }
//! ```

use proc_macro::TokenStream;

mod attrs;
mod expand;

/// Implements `botapi_ext::commands::BotCommands` for an enum: one command per variant.
///
/// See `botapi_ext::commands` for the attributes (`rename_rule`, `rename`, `description`,
/// `hide`, `alias`, `separator`) and how arguments are parsed.
#[proc_macro_derive(BotCommands, attributes(command))]
pub fn derive_bot_commands(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::bot_commands(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
