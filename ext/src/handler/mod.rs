//! The handler contract: a [`Handler`] decides whether it takes an update ([`Handler::check`])
//! and then runs its [`Callback`] — a plain `async fn(Context<D>) -> HandlerResult`.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::context::Context;
use crate::error::HandlerError;
use crate::incoming::Incoming;
use crate::matches::Matches;

mod registry;

pub(crate) use registry::Registry;
pub use registry::{DEFAULT_GROUP, HandlerId};

/// A boxed, sendable future, what handlers return after type erasure.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send + 'static>>;

/// Whether later handler groups see the update (python-telegram-bot's
/// `ApplicationHandlerStop`). Return `Ok(Flow::Stop)` from a handler to end the update's
/// processing after its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flow {
    /// Go on with the next group (what `Ok(())` means).
    #[default]
    Continue,
    /// Skip every later group.
    Stop,
}

/// What a handler's `async fn` may return: `HandlerResult` (`Result<(), E>`), `Result<Flow, E>`
/// for any error `E` that converts into [`HandlerError`], or `()`.
#[diagnostic::on_unimplemented(
    message = "a handler must return `HandlerResult` (`Result<(), E>`), `Result<Flow, E>` or `()`, not `{Self}`",
    label = "this handler returns `{Self}`",
    note = "write the handler as `async fn name(ctx: Context) -> HandlerResult {{ ...; Ok(()) }}`"
)]
pub trait HandlerOutput: Send {
    /// The flow to continue with, or the error for the error handlers.
    fn into_flow(self) -> Result<Flow, HandlerError>;
}

impl HandlerOutput for () {
    fn into_flow(self) -> Result<Flow, HandlerError> {
        Ok(Flow::Continue)
    }
}

impl<E: Into<HandlerError> + Send> HandlerOutput for Result<(), E> {
    fn into_flow(self) -> Result<Flow, HandlerError> {
        self.map(|()| Flow::Continue).map_err(Into::into)
    }
}

impl<E: Into<HandlerError> + Send> HandlerOutput for Result<Flow, E> {
    fn into_flow(self) -> Result<Flow, HandlerError> {
        self.map_err(Into::into)
    }
}

/// A handler callback: implemented for every `async fn(Context<D>) -> HandlerResult` (and
/// closures returning such a future), so handlers are plain functions.
///
/// A function with another signature does not compile, with a message that says so:
///
/// ```compile_fail
/// use botapi_ext::{Application, handlers::CommandHandler};
/// async fn start(text: String) {}
/// let app = Application::builder("123:abc").build().unwrap();
/// app.add_handler(CommandHandler::new("start", start)); // error: `start` is not a handler callback
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a handler callback",
    label = "expected an `async fn(Context<D>) -> HandlerResult`",
    note = "handlers take one argument, the `Context` (with the application's data type `D`, `()` by default), and return `HandlerResult`, `Result<Flow, E>` or `()`"
)]
pub trait Callback<D>: Send + Sync + 'static {
    /// Runs the callback.
    fn call(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>>;
}

impl<D, F, Fut> Callback<D> for F
where
    D: Send + Sync + 'static,
    F: Fn(Context<D>) -> Fut + Send + Sync + 'static,
    Fut: Future + Send + 'static,
    Fut::Output: HandlerOutput,
{
    fn call(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>> {
        let future = self(ctx);
        Box::pin(async move { future.await.into_flow() })
    }
}

/// What a handler's check extracted from the update, handed to its callback through the
/// [`Context`]: command arguments and pattern captures.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct Matched {
    /// Command arguments (`/start a b` gives `["a", "b"]`).
    pub args: Option<Vec<String>>,
    /// Captures of the regex patterns and filters that matched.
    pub matches: Matches,
    /// A value the check parsed from the update (typed callback data), for
    /// [`Context::parsed`](crate::Context::parsed).
    pub(crate) parsed: Option<Parsed>,
}

/// A value parsed by a handler's check, type-erased until the callback asks for its type.
#[derive(Clone)]
pub(crate) struct Parsed(pub(crate) Arc<dyn Any + Send + Sync>);

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Parsed(..)")
    }
}

impl Matched {
    /// Nothing extracted: the handler simply takes the update.
    pub fn empty() -> Matched {
        Matched::default()
    }

    /// With command arguments.
    pub fn with_args(args: Vec<String>) -> Matched {
        Matched {
            args: Some(args),
            ..Matched::default()
        }
    }

    /// With these captures.
    pub fn with_matches(matches: Matches) -> Matched {
        Matched {
            matches,
            ..Matched::default()
        }
    }

    /// Also carrying `value`, which the callback gets with
    /// [`Context::parsed::<T>()`](crate::Context::parsed).
    pub fn parsed<T: Any + Send + Sync>(mut self, value: T) -> Matched {
        self.parsed = Some(Parsed(Arc::new(value)));
        self
    }

    /// The parsed value, if there is one of type `T`.
    pub fn parsed_ref<T: Any>(&self) -> Option<&T> {
        self.parsed.as_ref()?.0.downcast_ref()
    }
}

/// Which update kinds a handler can take: used to derive `allowed_updates` when the
/// application is not given one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateKinds {
    /// These Telegram update kinds (their wire names: `message`, `callback_query`, ...).
    Only(Vec<&'static str>),
    /// Every Telegram update kind.
    All,
    /// No Telegram update (a handler of custom update types).
    None,
}

/// What the application knows about the bot when checking updates (for `/command@botname`).
#[derive(Debug, Clone, Default)]
pub struct BotInfo {
    /// The bot's user id (from `getMe`, or the token).
    pub id: i64,
    /// The bot's username without `@`, once `getMe` answered.
    pub username: Option<String>,
}

/// A handler: decides whether it takes an update and runs for it.
///
/// The ready-made ones are in [`handlers`](crate::handlers); implement this trait for your
/// own kinds. Within one handler group, the first handler whose `check` returns `Some` runs;
/// then the next group is tried.
pub trait Handler<D>: Send + Sync + 'static {
    /// Whether this handler takes the update, and what it extracted from it.
    fn check(&self, update: &Incoming, bot: &BotInfo) -> Option<Matched>;

    /// Handles the update (the context carries what `check` extracted).
    fn handle(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>>;

    /// Whether the update's ordering key waits for this handler (`true`, the default) or the
    /// handler runs beside the following updates of its key (python-telegram-bot's
    /// `block=False`). The update is confirmed only when it finishes either way.
    fn blocking(&self) -> bool {
        true
    }

    /// The update kinds this handler can take (for `allowed_updates`).
    fn update_kinds(&self) -> UpdateKinds;
}
