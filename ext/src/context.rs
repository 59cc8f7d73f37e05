//! `Context`: what a handler gets — the bot, the update, what the handler's check extracted,
//! and the application with its typed shared data.

use std::any::Any;
use std::future::Future;
use std::sync::Arc;

use botapi::Bot;
use botapi::types::{Chat, Message, Update, User};

use crate::application::Application;
use crate::commands::{BotCommands, ParseError};
use crate::error::{HandlerError, MissingPayload};
use crate::handler::Matched;
use crate::incoming::Incoming;
use crate::matches::{Captures, Matches};

/// The argument of every handler: the bot, the update, command arguments and pattern
/// captures, and the application (with its shared data of type `D`).
///
/// Cheap to clone (reference-counted parts).
///
/// ```
/// use botapi_ext::{Context, HandlerResult};
///
/// async fn start(ctx: Context) -> HandlerResult {
///     let msg = ctx.message()?; // an error for the error handlers if the update has none
///     let name = ctx.effective_user().map_or("there", |u| u.first_name.as_str());
///     msg.reply_text(&ctx.bot, format!("Hello, {name}!")).await?;
///     Ok(())
/// }
/// ```
pub struct Context<D = ()> {
    /// The bot the update came to: call the API with it (`ctx.bot.send_message(..)`).
    pub bot: Bot,
    incoming: Arc<Incoming>,
    app: Application<D>,
    matched: Arc<Matched>,
    error: Option<Arc<HandlerError>>,
}

impl<D> Clone for Context<D> {
    fn clone(&self) -> Self {
        Context {
            bot: self.bot.clone(),
            incoming: self.incoming.clone(),
            app: self.app.clone(),
            matched: self.matched.clone(),
            error: self.error.clone(),
        }
    }
}

impl<D> std::fmt::Debug for Context<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("update", &self.incoming)
            .field("matched", &self.matched)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl<D: Send + Sync + 'static> Context<D> {
    pub(crate) fn new(app: Application<D>, incoming: Arc<Incoming>, matched: Matched) -> Self {
        Context {
            bot: app.bot().clone(),
            incoming,
            app,
            matched: Arc::new(matched),
            error: None,
        }
    }

    pub(crate) fn for_error(app: Application<D>, incoming: Arc<Incoming>, error: Arc<HandlerError>) -> Self {
        Context {
            error: Some(error),
            ..Context::new(app, incoming, Matched::empty())
        }
    }

    /// The application's shared data (python-telegram-bot's `bot_data`), of the type given
    /// to [`ApplicationBuilder::data`](crate::ApplicationBuilder::data). Use interior
    /// mutability (a `Mutex`, atomics) for what handlers change.
    pub fn data(&self) -> &D {
        self.app.data()
    }

    /// The application: to stop it, start background tasks, add or remove handlers.
    pub fn app(&self) -> &Application<D> {
        &self.app
    }

    /// Asks the application to stop, as Ctrl-C would (python-telegram-bot's
    /// `stop_running`): it stops fetching, lets running handlers finish and confirms what
    /// was handled.
    pub fn stop_running(&self) {
        self.app.stop_running();
    }

    /// Runs `task` in the background, owned by the application: awaited on shutdown (and
    /// cancelled after the grace period). The update does not wait for it.
    pub fn spawn<F>(&self, task: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.app.create_task(task);
    }

    /// What is being handled: a Telegram update, a custom update or an unreadable one.
    pub fn incoming(&self) -> &Incoming {
        &self.incoming
    }

    /// The Telegram update, if this is one.
    pub fn update(&self) -> Option<&Update> {
        self.incoming.telegram()
    }

    /// The custom update, if it is of type `T` (see
    /// [`TypeHandler`](crate::handlers::TypeHandler)).
    pub fn custom<T: Any>(&self) -> Option<&T> {
        self.incoming.downcast_ref()
    }

    /// The command's arguments, split on whitespace (`/start a b` gives `["a", "b"]`); empty
    /// for updates that are not commands.
    pub fn args(&self) -> &[String] {
        self.matched.args.as_deref().unwrap_or_default()
    }

    /// Every pattern match (regex filters and patterns), in the order they were checked.
    pub fn matches(&self) -> &Matches {
        &self.matched.matches
    }

    /// The first pattern match (python-telegram-bot's `context.match`).
    pub fn captures(&self) -> Option<&Captures> {
        self.matched.matches.first()
    }

    /// The value the handler's pattern parsed from the update, e.g. the callback data of a
    /// [`CallbackQueryHandler::typed`](crate::handlers::CallbackQueryHandler::typed), or an
    /// error saying there is none of type `T`: `let action = ctx.parsed::<Action>()?;`.
    pub fn parsed<T: Any>(&self) -> Result<&T, MissingPayload> {
        self.matched
            .parsed_ref()
            .ok_or_else(|| self.missing(std::any::type_name::<T>()))
    }

    /// The typed command a [`BotCommandsHandler`](crate::commands::BotCommandsHandler) took:
    /// the parsed `C`, or why its arguments did not parse (answer with the usage, or `?` it to
    /// the error handlers). [`ParseError::NotACommand`] when the handler was another kind.
    pub fn command<C: BotCommands + Any>(&self) -> Result<&C, ParseError> {
        match self.matched.parsed_ref::<Result<C, ParseError>>() {
            Some(Ok(command)) => Ok(command),
            Some(Err(error)) => Err(error.clone()),
            None => Err(ParseError::NotACommand),
        }
    }

    /// The error, in an error handler.
    pub fn error(&self) -> Option<&HandlerError> {
        self.error.as_deref()
    }

    /// The user who caused the update, if any.
    pub fn effective_user(&self) -> Option<&User> {
        self.update()?.effective_user()
    }

    /// The chat the update happened in, if any.
    pub fn effective_chat(&self) -> Option<&Chat> {
        self.update()?.effective_chat()
    }

    /// The message of the update (new, edited, channel, business, or a callback query's
    /// message), if any.
    pub fn effective_message(&self) -> Option<&Message> {
        self.update()?.effective_message()
    }

    /// The update's message, or an error saying the update has none: `let msg =
    /// ctx.message()?;` in a message or command handler.
    pub fn message(&self) -> Result<&Message, MissingPayload> {
        self.effective_message().ok_or_else(|| self.missing("message"))
    }

    /// The user who caused the update, or an error saying there is none.
    pub fn user(&self) -> Result<&User, MissingPayload> {
        self.effective_user().ok_or_else(|| self.missing("user"))
    }

    /// The chat of the update, or an error saying there is none.
    pub fn chat(&self) -> Result<&Chat, MissingPayload> {
        self.effective_chat().ok_or_else(|| self.missing("chat"))
    }

    pub(crate) fn missing(&self, wanted: &'static str) -> MissingPayload {
        MissingPayload {
            wanted,
            kind: self.incoming.kind_name().to_owned(),
        }
    }
}
