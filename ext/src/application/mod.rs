//! `Application`: the handle that owns the bot, the handlers, the shared data and every task,
//! and that all update sources feed.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use botapi::Bot;
use botapi::types::Update;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::dispatch::{KeyQueues, Ledger, OrderBy};
use crate::error::HandlerError;
use crate::handler::{BotInfo, BoxFuture, Callback, DEFAULT_GROUP, Handler, HandlerId, Registry};
use crate::incoming::Incoming;

mod builder;
mod dispatch;
mod lifecycle;

pub use builder::ApplicationBuilder;
pub(crate) use dispatch::{DisplayChain, Job, Submitted};
pub use dispatch::{Processed, UpdateSender};
pub(crate) use lifecycle::{Phase, RunningSource};

/// What happens to an update whose key already has a full queue
/// ([`ApplicationBuilder::key_queue_capacity`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum QueueFull {
    /// The update waits until its key has room; updates of other keys go on meanwhile
    /// (the default). Long polling stops fetching further when its window is full; a webhook
    /// request waits before it is answered.
    #[default]
    Wait,
    /// The update is not handled: the error handlers get a [`Rejected`](crate::error::Rejected)
    /// error with it, and it counts as handled (it is confirmed to Telegram).
    Reject,
}

/// When an update counts as delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Delivery {
    /// Telegram is told an update was received only once its handlers have finished (the
    /// default): after a crash, every unfinished update is delivered again. The price: long
    /// polling cannot fetch past the oldest unfinished update by more than one batch (100
    /// updates), so a handler that runs for minutes should hand its work to
    /// [`Application::create_task`] and return.
    #[default]
    AtLeastOnce,
    /// Each update is confirmed as soon as it is fetched (what most frameworks do): nothing
    /// is ever handled twice, but a crash loses the updates being handled and queued.
    AtMostOnce,
}

pub(crate) type Hook<D> = Box<dyn Fn(Application<D>) -> BoxFuture<Result<(), HandlerError>> + Send + Sync>;

/// The lifecycle hooks (python-telegram-bot's `post_init`, `post_stop`, `post_shutdown`).
pub(crate) struct Hooks<D> {
    pub(crate) post_init: Option<Hook<D>>,
    pub(crate) post_stop: Option<Hook<D>>,
    pub(crate) post_shutdown: Option<Hook<D>>,
}

/// Settings fixed when the application is built.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) order_by: OrderBy,
    pub(crate) concurrency: usize,
    pub(crate) when_full: QueueFull,
    pub(crate) grace_period: Duration,
    pub(crate) bootstrap_retries: Option<u32>,
    pub(crate) polling: crate::polling::PollingOptions,
}

pub(crate) struct Shared<D> {
    pub(crate) bot: Bot,
    pub(crate) data: D,
    pub(crate) registry: Registry<D>,
    pub(crate) config: Config,
    pub(crate) hooks: Hooks<D>,
    pub(crate) queues: KeyQueues<Job>,
    pub(crate) ledger: Ledger,
    pub(crate) permits: Arc<Semaphore>,
    /// Handler runs (workers and non-blocking handlers).
    pub(crate) handling: TaskTracker,
    /// Tasks from `create_task`.
    pub(crate) background: TaskTracker,
    /// Cancels handlers still running when the grace period is over.
    pub(crate) cancel_handlers: CancellationToken,
    /// Cancels background tasks still running when the grace period is over.
    pub(crate) cancel_background: CancellationToken,
    /// Set by `stop_running` (and signals): `run_polling` / `run_webhook` stop.
    pub(crate) stop_requested: CancellationToken,
    pub(crate) bot_info: RwLock<BotInfo>,
    pub(crate) phase: Mutex<Phase>,
    /// The running update source, if any.
    pub(crate) source: Mutex<Option<RunningSource>>,
}

/// A bot application: handlers in groups, update sources (long polling, webhooks, your own),
/// and the tasks that handle updates — concurrently across chats, in order within each chat.
///
/// `D` is the type of the application's shared data (python-telegram-bot's `bot_data`),
/// reachable from every handler as [`Context::data`](crate::Context::data); `()` by default.
/// Cloning is cheap: clones are handles to the same application.
///
/// ```no_run
/// use botapi_ext::{Application, Context, HandlerResult, filters, handlers::{CommandHandler, MessageHandler}};
///
/// async fn start(ctx: Context) -> HandlerResult {
///     ctx.message()?.reply_text(&ctx.bot, "Hi! Send me anything.").await?;
///     Ok(())
/// }
///
/// async fn echo(ctx: Context) -> HandlerResult {
///     let msg = ctx.message()?;
///     msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default()).await?;
///     Ok(())
/// }
///
/// # async fn run() -> Result<(), botapi_ext::Error> {
/// let app = Application::builder(std::env::var("BOT_TOKEN").unwrap_or_default()).build()?;
/// app.add_handler(CommandHandler::new("start", start));
/// app.add_handler(MessageHandler::new(filters::TEXT & !filters::COMMAND, echo));
/// app.run_polling().await
/// # }
/// ```
pub struct Application<D = ()> {
    pub(crate) shared: Arc<Shared<D>>,
}

impl<D> Clone for Application<D> {
    fn clone(&self) -> Self {
        Application {
            shared: self.shared.clone(),
        }
    }
}

impl<D> std::fmt::Debug for Application<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("bot", &self.shared.bot)
            .field("config", &self.shared.config)
            .finish_non_exhaustive()
    }
}

impl Application<()> {
    /// Starts building an application for the bot with this token.
    pub fn builder(token: impl Into<botapi::Token>) -> ApplicationBuilder<()> {
        ApplicationBuilder::new(token.into())
    }

    /// Starts building an application around an existing [`Bot`] (its client settings are
    /// kept).
    pub fn from_bot(bot: Bot) -> ApplicationBuilder<()> {
        ApplicationBuilder::from_bot(bot)
    }
}

impl<D: Send + Sync + 'static> Application<D> {
    /// The bot.
    pub fn bot(&self) -> &Bot {
        &self.shared.bot
    }

    /// The shared data.
    pub fn data(&self) -> &D {
        &self.shared.data
    }

    /// What is known of the bot's own user (its username once `getMe` answered at
    /// [`initialize`](Application::initialize)).
    pub fn bot_info(&self) -> BotInfo {
        read(&self.shared.bot_info).clone()
    }

    /// Adds a handler to group 0; returns its id for [`remove_handler`](Self::remove_handler).
    pub fn add_handler(&self, handler: impl Handler<D>) -> HandlerId {
        self.add_handler_to_group(DEFAULT_GROUP, handler)
    }

    /// Adds a handler to a group. Groups run in ascending order; within a group, the first
    /// handler whose check matches runs. Works while the application runs: updates that
    /// have started keep the handlers they started with.
    pub fn add_handler_to_group(&self, group: i32, handler: impl Handler<D>) -> HandlerId {
        self.shared.registry.add(group, Arc::new(handler))
    }

    /// Adds an error handler: an `async fn(Context<D>) -> HandlerResult` that finds the error
    /// in [`Context::error`](crate::Context::error) and the update in the context. Every
    /// error handler runs, in the order added, unless one returns `Ok(Flow::Stop)` (which
    /// also stops the update's later groups). With none, errors are logged.
    pub fn add_error_handler(&self, callback: impl Callback<D>) -> HandlerId {
        self.shared.registry.add_error(Arc::new(callback))
    }

    /// Removes a handler or an error handler; whether it was registered.
    pub fn remove_handler(&self, id: HandlerId) -> bool {
        self.shared.registry.remove(id)
    }

    /// Handles one update from any source and waits until its handlers have finished
    /// (python-telegram-bot's `process_update`). It takes the same path as polled updates:
    /// de-duplication by `update_id`, its key's order, the concurrency limit.
    pub async fn process_update(&self, update: Update) -> Processed {
        self.process(Incoming::Telegram(update)).await
    }

    /// Handles a value of your own type (see [`TypeHandler`](crate::handlers::TypeHandler))
    /// and waits until its handlers have finished.
    pub async fn process_custom<T: std::any::Any + Send + Sync>(&self, value: T) -> Processed {
        self.process(Incoming::custom(value)).await
    }

    /// A sender that feeds updates (Telegram or custom) into the application from other
    /// tasks, waiting only when the update's key is full.
    pub fn update_sender(&self) -> UpdateSender<D> {
        UpdateSender::new(self.clone())
    }

    /// Runs `task` in the background, owned by the application (python-telegram-bot's
    /// `create_task`): [`stop`](Self::stop) waits for it up to the grace period, then
    /// cancels it.
    pub fn create_task<F>(&self, task: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let cancel = self.shared.cancel_background.clone();
        self.shared.background.spawn(async move {
            tokio::select! {
                () = task => {}
                () = cancel.cancelled() => {
                    tracing::warn!("a background task was cancelled at the end of the shutdown grace period");
                }
            }
        });
    }

    /// Asks [`run_polling`](Self::run_polling) / [`run_webhook`](Self::run_webhook) to stop,
    /// from anywhere (a handler, another task): they stop fetching, let running handlers
    /// finish and confirm what was handled.
    pub fn stop_running(&self) {
        self.shared.stop_requested.cancel();
    }

    /// Resolves once [`stop_running`](Self::stop_running) was called (or a stop signal
    /// arrived under `run_*`).
    pub async fn stop_requested(&self) {
        self.shared.stop_requested.cancelled().await;
    }

    /// How many updates are being handled or wait for their key, across all sources.
    pub fn pending_updates(&self) -> usize {
        self.shared.ledger.in_flight()
    }

    /// How many ordering keys have an update being handled now (idle keys are forgotten).
    pub fn busy_keys(&self) -> usize {
        self.shared.queues.busy_keys()
    }
}

pub(crate) fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn lock<T>(lock: &Mutex<T>) -> MutexGuard<'_, T> {
    lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
