//! `BotCommandsHandler`: the commands of a [`BotCommands`] enum, parsed for the callback.

use std::marker::PhantomData;
use std::sync::Arc;

use super::{BotCommands, ParseError};
use crate::UpdateType;
use crate::context::Context;
use crate::error::HandlerError;
use crate::handler::{BotInfo, BoxFuture, Callback, Flow, Handler, Matched, UpdateKinds};
use crate::handlers::parse_command;
use crate::incoming::Incoming;

/// Takes the messages that start with one of `C`'s commands (addressed to this bot, or to no
/// bot in particular); the callback reads the parsed command with
/// [`Context::command`](crate::Context::command).
///
/// A command of `C` whose arguments do not parse still reaches the callback, so it can answer
/// with the usage: `ctx.command::<C>()` is then the [`ParseError`]. Other texts and unknown
/// commands are left to later handlers.
pub struct BotCommandsHandler<C, D = ()> {
    callback: Arc<dyn Callback<D>>,
    kinds: Vec<UpdateType>,
    blocking: bool,
    commands: PhantomData<fn() -> C>,
}

impl<C, D> std::fmt::Debug for BotCommandsHandler<C, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotCommandsHandler")
            .field("commands", &std::any::type_name::<C>())
            .field("kinds", &self.kinds)
            .finish_non_exhaustive()
    }
}

impl<C, D> BotCommandsHandler<C, D>
where
    C: BotCommands + Send + Sync + 'static,
    D: Send + Sync + 'static,
{
    /// A handler of `C`'s commands in messages and edited messages.
    pub fn new(callback: impl Callback<D>) -> Self {
        BotCommandsHandler {
            callback: Arc::new(callback),
            kinds: vec![UpdateType::Message, UpdateType::EditedMessage],
            blocking: true,
            commands: PhantomData,
        }
    }

    /// Which message kinds to take (channel posts, business messages...).
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = UpdateType>) -> Self {
        self.kinds = kinds.into_iter().filter(|k| k.is_message()).collect();
        self
    }

    /// `false` runs the callback outside its key's order (long work).
    pub fn blocking(mut self, blocking: bool) -> Self {
        self.blocking = blocking;
        self
    }
}

impl<C, D> Handler<D> for BotCommandsHandler<C, D>
where
    C: BotCommands + Send + Sync + 'static,
    D: Send + Sync + 'static,
{
    fn check(&self, update: &Incoming, bot: &BotInfo) -> Option<Matched> {
        let update = update.telegram()?;
        if !self.kinds.contains(&UpdateType::of(update)?) {
            return None;
        }
        let (name, addressee, rest) = parse_command(update.effective_message()?)?;
        if let Some(addressee) = addressee {
            if !addressee.eq_ignore_ascii_case(bot.username.as_deref()?) {
                return None;
            }
        }
        let parsed = match C::from_command(name, rest.trim()) {
            Err(ParseError::UnknownCommand(_)) => return None,
            parsed => parsed,
        };
        Some(Matched::empty().parsed(parsed))
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
