//! `ApplicationBuilder`: python-telegram-bot's `ApplicationBuilder` options that make sense in
//! Rust.

use std::future::Future;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use botapi::{Bot, ClientBuilder, Defaults, Token};
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::{Application, Config, Delivery, Hook, Hooks, Phase, QueueFull, Shared};
use crate::dispatch::{KeyQueues, Ledger, OrderBy, UpdateJournal};
use crate::error::{Error, HandlerError};
use crate::handler::{BotInfo, Registry};
use crate::polling::PollingOptions;

/// Where the bot comes from.
enum BotSource {
    /// Built from a token with these client settings.
    Client(Box<ClientBuilder>),
    /// Given ready-made.
    Bot(Bot),
}

/// Builds an [`Application`]; from [`Application::builder`] (a token) or
/// [`Application::from_bot`].
///
/// ```no_run
/// use std::time::Duration;
/// use botapi_ext::{Application, OrderBy};
///
/// # fn build() -> Result<(), botapi_ext::Error> {
/// let app = Application::builder("123456:ABC")
///     .base_url("http://127.0.0.1:8081") // a Local Bot API Server
///     .concurrency_limit(64)
///     .order_by(OrderBy::ChatAndUser)
///     .grace_period(Duration::from_secs(10))
///     .build()?;
/// # let _ = app;
/// # Ok(())
/// # }
/// ```
#[must_use = "call .build() to get the application"]
pub struct ApplicationBuilder<D> {
    bot: BotSource,
    data: D,
    misuse: Option<&'static str>,
    concurrency: usize,
    key_capacity: usize,
    order_by: OrderBy,
    when_full: QueueFull,
    grace_period: Duration,
    remember_updates: usize,
    bootstrap_retries: Option<u32>,
    polling: PollingOptions,
    journal: Option<Arc<dyn UpdateJournal>>,
    hooks: Hooks<D>,
}

impl<D> std::fmt::Debug for ApplicationBuilder<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationBuilder")
            .field("concurrency", &self.concurrency)
            .field("key_capacity", &self.key_capacity)
            .field("order_by", &self.order_by)
            .field("polling", &self.polling)
            .finish_non_exhaustive()
    }
}

impl ApplicationBuilder<()> {
    pub(crate) fn new(token: Token) -> Self {
        Self::with_source(BotSource::Client(Box::new(botapi::Client::builder(token))))
    }

    pub(crate) fn from_bot(bot: Bot) -> Self {
        Self::with_source(BotSource::Bot(bot))
    }

    fn with_source(bot: BotSource) -> Self {
        ApplicationBuilder {
            bot,
            data: (),
            misuse: None,
            concurrency: 256,
            key_capacity: 64,
            order_by: OrderBy::default(),
            when_full: QueueFull::default(),
            grace_period: Duration::from_secs(30),
            remember_updates: 10_000,
            bootstrap_retries: Some(3),
            polling: PollingOptions::default(),
            journal: None,
            hooks: Hooks {
                post_init: None,
                post_stop: None,
                post_shutdown: None,
            },
        }
    }
}

impl<D: Send + Sync + 'static> ApplicationBuilder<D> {
    /// The application's shared data (python-telegram-bot's `bot_data`), reachable as
    /// [`Context::data`](crate::Context::data) in every handler. Its type becomes the
    /// application's `D`. Lifecycle hooks set before this call are dropped, since they were
    /// written for the previous type: set the data first.
    pub fn data<T: Send + Sync + 'static>(self, data: T) -> ApplicationBuilder<T> {
        ApplicationBuilder {
            bot: self.bot,
            data,
            misuse: self.misuse,
            concurrency: self.concurrency,
            key_capacity: self.key_capacity,
            order_by: self.order_by,
            when_full: self.when_full,
            grace_period: self.grace_period,
            remember_updates: self.remember_updates,
            bootstrap_retries: self.bootstrap_retries,
            polling: self.polling,
            journal: self.journal,
            hooks: Hooks {
                post_init: None,
                post_stop: None,
                post_shutdown: None,
            },
        }
    }

    fn client(mut self, name: &'static str, change: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        self.bot = match self.bot {
            BotSource::Client(builder) => BotSource::Client(Box::new(change(*builder))),
            BotSource::Bot(bot) => {
                self.misuse.get_or_insert(name);
                BotSource::Bot(bot)
            }
        };
        self
    }

    /// The Bot API server's base URL (a Local Bot API Server, an emulator, the test-kit).
    pub fn base_url(self, url: impl Into<String>) -> Self {
        let url = url.into();
        self.client("base_url", |b| b.base_url(url))
    }

    /// The base URL of file downloads.
    pub fn base_file_url(self, url: impl Into<String>) -> Self {
        let url = url.into();
        self.client("base_file_url", |b| b.base_file_url(url))
    }

    /// Talks to a Local Bot API Server started with `--local` (files by path).
    pub fn local_mode(self, local_mode: bool) -> Self {
        self.client("local_mode", |b| b.local_mode(local_mode))
    }

    /// Bot-wide defaults for parse mode, notifications, link previews, quoting...
    pub fn defaults(self, defaults: Defaults) -> Self {
        self.client("defaults", |b| b.defaults(defaults))
    }

    /// Any other client setting (timeouts, the separate `getUpdates` client, proxies, pool
    /// sizes, your own `reqwest` client): `.configure_client(|c| c.pool_size(64))`.
    pub fn configure_client(self, change: impl FnOnce(ClientBuilder) -> ClientBuilder) -> Self {
        self.client("configure_client", change)
    }

    /// How many updates are handled at the same time, across all keys (default 256).
    pub fn concurrency_limit(mut self, limit: usize) -> Self {
        self.concurrency = limit.max(1);
        self
    }

    /// How updates are ordered (default: per chat and forum topic).
    pub fn order_by(mut self, order_by: OrderBy) -> Self {
        self.order_by = order_by;
        self
    }

    /// How many updates may wait behind a key's running one (default 64).
    pub fn key_queue_capacity(mut self, capacity: usize) -> Self {
        self.key_capacity = capacity.max(1);
        self
    }

    /// What happens when a key's queue is full (default: wait for that key only).
    pub fn when_key_full(mut self, policy: QueueFull) -> Self {
        self.when_full = policy;
        self
    }

    /// How long [`stop`](Application::stop) lets running handlers and background tasks
    /// finish before cancelling them (default 30 s). Cancelled updates are not confirmed,
    /// so Telegram delivers them again after a restart.
    pub fn grace_period(mut self, grace: Duration) -> Self {
        self.grace_period = grace;
        self
    }

    /// How many finished `update_id`s are remembered to drop duplicates (default 10,000).
    pub fn remember_updates(mut self, count: usize) -> Self {
        self.remember_updates = count.max(1);
        self
    }

    /// How often the startup calls (`getMe`, `deleteWebhook`, `setWebhook`) are retried on
    /// network errors (default 3; `None`: forever).
    pub fn bootstrap_retries(mut self, retries: Option<u32>) -> Self {
        self.bootstrap_retries = retries;
        self
    }

    /// Records finished updates in `journal` (a [`FileJournal`](crate::FileJournal), or a
    /// store of your own), so that after a crash the updates that had finished but were not
    /// confirmed to Telegram yet are not handled again. Without one, at-least-once delivery
    /// may handle such updates twice after a crash (never zero times).
    pub fn journal(mut self, journal: impl UpdateJournal) -> Self {
        self.journal = Some(Arc::new(journal));
        self
    }

    /// The update kinds to ask Telegram for. By default they are derived from the handlers
    /// registered when polling or the webhook starts.
    pub fn allowed_updates<I, S>(mut self, kinds: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.polling.allowed_updates = Some(kinds.into_iter().map(Into::into).collect());
        self
    }

    /// Drops the updates that waited while the bot was offline, at start.
    pub fn drop_pending_updates(mut self, drop: bool) -> Self {
        self.polling.drop_pending_updates = drop;
        self
    }

    /// When an update counts as delivered (default: at least once).
    pub fn delivery(mut self, delivery: Delivery) -> Self {
        self.polling.delivery = delivery;
        self
    }

    /// Long-polling settings (timeout, back-off, batch size).
    pub fn polling(mut self, polling: PollingOptions) -> Self {
        let (allowed, drop_pending, delivery) = (
            self.polling.allowed_updates.take(),
            self.polling.drop_pending_updates,
            self.polling.delivery,
        );
        self.polling = polling;
        self.polling.allowed_updates = self.polling.allowed_updates.take().or(allowed);
        self.polling.drop_pending_updates |= drop_pending;
        if self.polling.delivery == Delivery::default() {
            self.polling.delivery = delivery;
        }
        self
    }

    /// Runs after [`initialize`](Application::initialize) (`getMe` done), before updates are
    /// fetched: set commands, load state.
    pub fn post_init<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(Application<D>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
    {
        self.hooks.post_init = Some(boxed_hook(hook));
        self
    }

    /// Runs at the end of [`stop`](Application::stop), after handlers finished and offsets
    /// were confirmed.
    pub fn post_stop<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(Application<D>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
    {
        self.hooks.post_stop = Some(boxed_hook(hook));
        self
    }

    /// Runs at the end of [`shutdown`](Application::shutdown).
    pub fn post_shutdown<F, Fut>(mut self, hook: F) -> Self
    where
        F: Fn(Application<D>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
    {
        self.hooks.post_shutdown = Some(boxed_hook(hook));
        self
    }

    /// Builds the application.
    pub fn build(self) -> Result<Application<D>, Error> {
        if let Some(setting) = self.misuse {
            return Err(Error::State(format!(
                "`{setting}` configures the bot's client, but the application was given a ready \
                 `Bot` (Application::from_bot): configure that bot's client instead, or start from \
                 Application::builder(token)"
            )));
        }
        let bot = match self.bot {
            BotSource::Client(builder) => Bot::from(builder.build().map_err(Error::Client)?),
            BotSource::Bot(bot) => bot,
        };
        let id = bot
            .client()
            .token()
            .bot_id()
            .and_then(|id| i64::try_from(id).ok())
            .unwrap_or_default();
        let ledger = match self.journal {
            Some(journal) => {
                Ledger::with_journal(self.remember_updates, journal).map_err(|source| Error::Io {
                    context: "reading the update journal".into(),
                    source,
                })?
            }
            None => Ledger::new(self.remember_updates),
        };
        let config = Config {
            order_by: self.order_by,
            concurrency: self.concurrency,
            when_full: self.when_full,
            grace_period: self.grace_period,
            bootstrap_retries: self.bootstrap_retries,
            polling: self.polling,
        };
        let shared = Shared {
            bot,
            data: self.data,
            registry: Registry::new(),
            hooks: self.hooks,
            queues: KeyQueues::new(self.key_capacity),
            ledger,
            permits: Arc::new(Semaphore::new(config.concurrency)),
            handling: TaskTracker::new(),
            background: TaskTracker::new(),
            cancel_handlers: CancellationToken::new(),
            cancel_background: CancellationToken::new(),
            stop_requested: CancellationToken::new(),
            bot_info: RwLock::new(BotInfo { id, username: None }),
            phase: Mutex::new(Phase::Built),
            source: Mutex::new(None),
            config,
        };
        Ok(Application {
            shared: Arc::new(shared),
        })
    }
}

fn boxed_hook<D, F, Fut>(hook: F) -> Hook<D>
where
    F: Fn(Application<D>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
{
    Box::new(move |app| Box::pin(hook(app)))
}
