//! The explicit lifecycle — initialize, start, a source, stop, shutdown — and `run_polling`,
//! which does all of it and waits for Ctrl-C, SIGTERM or `stop_running`.

use std::future::Future;
use std::time::Duration;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use super::{Application, Delivery, DisplayChain, Hook, Job, lock, write};
use crate::error::{Error, UnreadableUpdate};
use crate::handler::BotInfo;
use crate::incoming::Incoming;
use crate::polling::{self, Poller, PollingOptions};

/// Where an application is in its lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Built,
    Initialized,
    Running,
    Stopped,
    ShutDown,
}

/// A running update source (long polling or a webhook server).
pub(crate) struct RunningSource {
    /// Stops it from taking new updates.
    pub(crate) stop: CancellationToken,
    /// Ends when it has stopped; for polling, with the newest update id it fetched.
    pub(crate) task: JoinHandle<Result<Option<i64>, Error>>,
    /// Whether its offsets are confirmed with `getUpdates` at stop.
    pub(crate) polled: Option<Delivery>,
}

impl<D: Send + Sync + 'static> Application<D> {
    /// Calls `getMe` (with the bootstrap retries) so that commands addressed as
    /// `/start@your_bot` are recognised, then runs the `post_init` hook. Idempotent.
    pub async fn initialize(&self) -> Result<(), Error> {
        match *lock(&self.shared.phase) {
            Phase::Built => {}
            Phase::ShutDown => return Err(Error::State("the application was shut down".into())),
            _ => return Ok(()),
        }
        let me = self
            .bootstrap("getMe", || {
                let bot = self.bot().clone();
                async move { bot.get_me().await }
            })
            .await?;
        *write(&self.shared.bot_info) = BotInfo {
            id: me.id,
            username: me.username.clone(),
        };
        self.run_hook("post_init", self.shared.hooks.post_init.as_ref())
            .await?;
        *lock(&self.shared.phase) = Phase::Initialized;
        Ok(())
    }

    /// Marks the application running (after [`initialize`](Self::initialize), which it calls
    /// if needed). Updates given to [`process_update`](Self::process_update) are handled in
    /// any phase; sources can only be started while running.
    pub async fn start(&self) -> Result<(), Error> {
        self.initialize().await?;
        let mut phase = lock(&self.shared.phase);
        match *phase {
            Phase::Initialized | Phase::Stopped => {
                self.shared.handling.reopen();
                self.shared.background.reopen();
                *phase = Phase::Running;
                drop(phase);
                self.replay_journal();
                Ok(())
            }
            Phase::Running => Ok(()),
            Phase::Built | Phase::ShutDown => Err(Error::State(format!(
                "the application cannot start from the {phase:?} phase"
            ))),
        }
    }

    /// Starts long polling in the background (after [`start`](Self::start)): deletes a
    /// webhook (dropping pending updates if asked), then fetches and dispatches updates until
    /// [`stop`](Self::stop). A fatal answer (bad token, 409 Conflict) stops the application;
    /// `stop` then returns the error.
    pub async fn start_polling(&self, options: PollingOptions) -> Result<(), Error> {
        if *lock(&self.shared.phase) != Phase::Running {
            return Err(Error::State("start the application before polling".into()));
        }
        let drop_pending = options.drop_pending_updates;
        self.bootstrap("deleteWebhook", || {
            let bot = self.bot().clone();
            async move { bot.delete_webhook().drop_pending_updates(drop_pending).await }
        })
        .await?;
        let allowed = options
            .allowed_updates
            .clone()
            .or_else(|| Some(self.derived_allowed_updates()));
        let delivery = options.delivery;
        let stop = CancellationToken::new();
        let poller = Poller::new(self.clone(), options, allowed);
        let app = self.clone();
        let token = stop.clone();
        let task = tokio::spawn(async move {
            let end = poller.run(token).await;
            if end.is_err() {
                app.stop_running();
            }
            end.map(|end| end.newest)
        });
        self.set_source(RunningSource {
            stop,
            task,
            polled: Some(delivery),
        })
    }

    /// Hands the journaled updates that had not finished before the last stop (or crash) to
    /// the handlers again, in their order.
    fn replay_journal(&self) {
        let replay = self.shared.ledger.take_replay();
        if replay.is_empty() {
            return;
        }
        tracing::info!(
            updates = replay.len(),
            "handling the unfinished updates of the journal again"
        );
        let app = self.clone();
        self.shared.handling.spawn(async move {
            for (id, raw) in replay {
                let incoming = match serde_json::from_str::<botapi::types::Update>(&raw) {
                    Ok(update) => Incoming::Telegram(update),
                    Err(err) => Incoming::Unreadable(UnreadableUpdate {
                        reason: format!("the journaled update {id} does not read: {err}"),
                        raw: polling::excerpt(&raw),
                    }),
                };
                app.submit_waiting(Job::detached(incoming)).await;
            }
        });
    }

    pub(crate) fn set_source(&self, source: RunningSource) -> Result<(), Error> {
        let mut slot = lock(&self.shared.source);
        if slot.is_some() {
            source.stop.cancel();
            return Err(Error::State(
                "an update source (polling or webhook) is already running".into(),
            ));
        }
        *slot = Some(source);
        Ok(())
    }

    /// The update kinds the handlers can take, for `allowed_updates`.
    pub fn derived_allowed_updates(&self) -> Vec<String> {
        match self.shared.registry.update_kinds() {
            Some(kinds) => kinds.into_iter().map(str::to_owned).collect(),
            None => crate::UpdateType::ALL
                .iter()
                .map(|t| t.name().to_owned())
                .collect(),
        }
    }

    /// Stops gracefully: the source stops fetching; running handlers and background tasks
    /// get the grace period to finish (then they are cancelled, and their updates stay
    /// unconfirmed, so Telegram delivers them again); polling confirms what was handled;
    /// then the `post_stop` hook runs. Returns the source's fatal error, if it had one.
    pub async fn stop(&self) -> Result<(), Error> {
        let source = lock(&self.shared.source).take();
        let mut result = Ok(());
        let mut polled = None;
        if let Some(source) = source {
            source.stop.cancel();
            match source.task.await {
                Ok(Ok(newest)) => polled = source.polled.map(|delivery| (delivery, newest)),
                Ok(Err(error)) => result = Err(error),
                Err(join) => {
                    result = Err(Error::State(format!("the update source failed: {join}")));
                }
            }
        }
        let deadline = tokio::time::Instant::now() + self.shared.config.grace_period;
        self.shared.handling.close();
        if tokio::time::timeout_at(deadline, self.shared.handling.wait())
            .await
            .is_err()
        {
            tracing::warn!(
                grace = ?self.shared.config.grace_period,
                "handlers still running after the grace period are cancelled; their updates will be delivered again",
            );
            self.shared.cancel_handlers.cancel();
            self.shared.handling.wait().await;
        }
        if let Some((delivery, newest)) = polled {
            let ledger = &self.shared.ledger;
            let unfinished = match delivery {
                // What did not finish is in the journal, unless it failed to keep it.
                Delivery::AtLeastOnce if ledger.has_journal() => ledger.oldest_unspooled(),
                Delivery::AtLeastOnce => ledger.oldest_unfinished(),
                Delivery::AtMostOnce => None,
            };
            if let Some(offset) = unfinished.or(newest.map(|newest| newest + 1)) {
                polling::confirm(self.bot(), &self.shared.ledger, offset).await;
            }
        }
        self.shared.background.close();
        if tokio::time::timeout_at(deadline, self.shared.background.wait())
            .await
            .is_err()
        {
            self.shared.cancel_background.cancel();
            self.shared.background.wait().await;
        }
        let hook = self
            .run_hook("post_stop", self.shared.hooks.post_stop.as_ref())
            .await;
        *lock(&self.shared.phase) = Phase::Stopped;
        result.and(hook)
    }

    /// Runs the `post_shutdown` hook; the application cannot start again.
    pub async fn shutdown(&self) -> Result<(), Error> {
        let hook = self
            .run_hook("post_shutdown", self.shared.hooks.post_shutdown.as_ref())
            .await;
        *lock(&self.shared.phase) = Phase::ShutDown;
        hook
    }

    /// The common case: initialize, start, poll, and on Ctrl-C, SIGTERM or
    /// [`stop_running`](Self::stop_running) stop gracefully and shut down. Returns a fatal
    /// polling error (bad token, conflict).
    pub async fn run_polling(&self) -> Result<(), Error> {
        let options = self.shared.config.polling.clone();
        self.run_with(async { self.start_polling(options).await }).await
    }

    /// Starts the application and a source, waits for a stop signal, stops and shuts down.
    pub(crate) async fn run_with(
        &self,
        start_source: impl Future<Output = Result<(), Error>>,
    ) -> Result<(), Error> {
        let started = async {
            self.start().await?;
            start_source.await
        };
        if let Err(error) = started.await {
            let _ = self.stop().await;
            let _ = self.shutdown().await;
            return Err(error);
        }
        wait_for_stop(&self.shared.stop_requested).await;
        let stopped = self.stop().await;
        let shut = self.shutdown().await;
        stopped.and(shut)
    }

    async fn run_hook(&self, name: &'static str, hook: Option<&Hook<D>>) -> Result<(), Error> {
        let Some(hook) = hook else { return Ok(()) };
        hook(self.clone())
            .await
            .map_err(|source| Error::Hook { hook: name, source })
    }

    /// Runs a startup call, retrying network errors and flood control up to the bootstrap
    /// retries; a rejected token or a conflict is fatal at once.
    pub(crate) async fn bootstrap<T, F, Fut>(&self, method: &'static str, call: F) -> Result<T, Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, botapi::Error>>,
    {
        let retries = self.shared.config.bootstrap_retries;
        let mut delay = Duration::from_millis(500);
        let mut attempts = 0;
        loop {
            attempts += 1;
            let error = match call().await {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            let error = match Error::fatal(error) {
                Ok(fatal) => return Err(fatal),
                Err(error) => error,
            };
            if retries.is_some_and(|retries| attempts > retries) {
                return Err(Error::Bootstrap {
                    method,
                    attempts,
                    source: error,
                });
            }
            let wait = error.retry_after().unwrap_or(delay);
            tracing::warn!(method, attempt = attempts, error = %DisplayChain(&error), retry_in = ?wait, "startup call failed; retrying");
            tokio::time::sleep(wait).await;
            delay = (delay * 2).min(Duration::from_secs(30));
        }
    }
}

/// Waits for Ctrl-C, SIGTERM (on Unix) or the application's own stop request.
async fn wait_for_stop(stop: &CancellationToken) {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C: stopping"),
        () = terminate => tracing::info!("SIGTERM: stopping"),
        () = stop.cancelled() => {}
    }
    stop.cancel();
}
