//! The one dispatch path every source takes: de-duplication, the key's queue, the concurrency
//! limit, the handler groups, error handlers, and the completion that lets the source confirm
//! the update.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use tokio::sync::{OwnedSemaphorePermit, oneshot};
use tokio_util::sync::CancellationToken;

use super::{Application, QueueFull};
use crate::context::Context;
use crate::dispatch::{Admission, Admit, OrderKey};
use crate::error::{HandlerError, Panicked, Rejected, UnreadableUpdate};
use crate::handler::{BoxFuture, Flow};
use crate::incoming::Incoming;

/// An update on its way through the application.
pub(crate) struct Job {
    pub(crate) incoming: Arc<Incoming>,
    /// Told the outcome when the update's handlers (blocking or not) have all finished.
    pub(crate) done: Option<oneshot::Sender<Processed>>,
}

impl Job {
    pub(crate) fn new(incoming: Incoming) -> (Job, oneshot::Receiver<Processed>) {
        let (tx, rx) = oneshot::channel();
        let job = Job {
            incoming: Arc::new(incoming),
            done: Some(tx),
        };
        (job, rx)
    }

    pub(crate) fn detached(incoming: Incoming) -> Job {
        Job {
            incoming: Arc::new(incoming),
            done: None,
        }
    }
}

/// What became of an update given to the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Processed {
    /// Its handlers ran (their errors went to the error handlers).
    Handled,
    /// An update with this `update_id` was already handled (or is being handled; then this
    /// resolves when it finishes): it was not handled again.
    Duplicate,
    /// Its key's queue was full and the application rejects in that case.
    Rejected,
    /// Its handlers were cancelled at shutdown before they finished: it is not confirmed.
    Cancelled,
}

/// The result of handing a job to the dispatcher without waiting.
pub(crate) enum Submitted {
    /// It runs or waits in its key's queue.
    Accepted,
    /// Already known: the receiver, if any, resolves when the running copy finishes.
    Duplicate(Option<oneshot::Receiver<()>>),
    /// Its key's queue is full; the job is handed back.
    Full(OrderKey, Job),
}

/// The result of one handler run.
enum Run {
    Done(Result<Flow, HandlerError>),
    Cancelled,
}

impl<D: Send + Sync + 'static> Application<D> {
    /// Registers the job's update id, then queues it under its key.
    pub(crate) fn submit(&self, job: Job) -> Submitted {
        match self.admit(job) {
            Ok(job) => self.enqueue(job),
            Err(wait) => Submitted::Duplicate(wait),
        }
    }

    /// Registers the job's update id in the ledger: the job back if it is new, else (for a
    /// duplicate) what resolves when the running copy finishes.
    pub(crate) fn admit(&self, job: Job) -> Result<Job, Option<oneshot::Receiver<()>>> {
        let Some(id) = job.incoming.update_id() else {
            return Ok(job);
        };
        match self.shared.ledger.admit(id) {
            Admit::New => Ok(job),
            Admit::InFlight(wait) => {
                finish_duplicate(job);
                Err(Some(wait))
            }
            Admit::Finished => {
                finish_duplicate(job);
                Err(None)
            }
        }
    }

    /// Queues an admitted job under its key (again, after its key was full).
    pub(crate) fn enqueue(&self, job: Job) -> Submitted {
        match self.shared.config.order_by.key(&job.incoming) {
            None => {
                self.spawn_worker(None, job);
                Submitted::Accepted
            }
            Some(key) => match self.shared.queues.admit(key, job) {
                Admission::Start(job) => {
                    self.spawn_worker(Some(key), job);
                    Submitted::Accepted
                }
                Admission::Queued => Submitted::Accepted,
                Admission::Full(job) => Submitted::Full(key, job),
            },
        }
    }

    /// Submits a job and, when its key is full, applies the application's policy: waits for
    /// room in that key only, or rejects the update.
    pub(crate) async fn submit_waiting(&self, job: Job) -> Option<oneshot::Receiver<()>> {
        match self.submit(job) {
            Submitted::Accepted => None,
            Submitted::Duplicate(wait) => wait,
            Submitted::Full(key, job) => {
                self.when_full(key, job).await;
                None
            }
        }
    }

    /// A job whose key is full: rejected, or queued as soon as the key has room.
    pub(crate) async fn when_full(&self, key: OrderKey, mut job: Job) {
        if self.shared.config.when_full == QueueFull::Reject {
            self.reject(key, job).await;
            return;
        }
        loop {
            let Some(room) = self.shared.queues.room(&key) else {
                // The key went idle meanwhile.
                match self.enqueue(job) {
                    Submitted::Full(_, again) => {
                        job = again;
                        continue;
                    }
                    _ => return,
                }
            };
            let notified = room.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.enqueue(job) {
                Submitted::Full(_, again) => {
                    job = again;
                    notified.await;
                }
                _ => return,
            }
        }
    }

    /// Reports a rejected job to the error handlers; it counts as handled.
    pub(crate) async fn reject(&self, key: OrderKey, job: Job) {
        let error = Rejected {
            key: key.to_string(),
            capacity: self.shared.queues.capacity(),
        };
        self.report(&job.incoming, Box::new(error), &CancellationToken::new())
            .await;
        self.complete(job, Processed::Rejected);
    }

    /// Hands an update to the dispatcher and waits until it is handled.
    pub(crate) async fn process(&self, incoming: Incoming) -> Processed {
        let (job, done) = Job::new(incoming);
        match self.submit(job) {
            Submitted::Accepted => {}
            Submitted::Duplicate(wait) => {
                if let Some(wait) = wait {
                    let _ = wait.await;
                }
                return Processed::Duplicate;
            }
            Submitted::Full(key, job) => self.when_full(key, job).await,
        }
        done.await.unwrap_or(Processed::Cancelled)
    }

    fn spawn_worker(&self, key: Option<OrderKey>, job: Job) {
        let app = self.clone();
        self.shared.handling.spawn(app.work(key, job));
    }

    /// A key's worker: handles its jobs one after the other, each under a permit of the
    /// global concurrency limit, and retires when the key's queue is empty.
    async fn work(self, key: Option<OrderKey>, mut job: Job) {
        loop {
            let permit = self
                .shared
                .permits
                .clone()
                .acquire_owned()
                .await
                .expect("the concurrency semaphore is never closed");
            self.run(job, permit).await;
            let Some(key) = &key else { break };
            match self.shared.queues.next(key) {
                Some(next) => job = next,
                None => break,
            }
        }
    }

    /// Runs the handler groups for one job.
    async fn run(&self, job: Job, permit: OwnedSemaphorePermit) {
        let incoming = job.incoming.clone();
        let cancel = self.shared.cancel_handlers.clone();
        let groups = self.shared.registry.snapshot();
        let info = self.bot_info();
        let mut detached = Vec::new();
        let mut taken = false;
        let mut cancelled = false;
        'groups: for handlers in groups.values() {
            let Some((entry, matched)) = handlers
                .iter()
                .find_map(|entry| entry.handler.check(&incoming, &info).map(|m| (entry, m)))
            else {
                continue;
            };
            taken = true;
            let ctx = Context::new(self.clone(), incoming.clone(), matched);
            if !entry.handler.blocking() {
                let app = self.clone();
                let future = entry.handler.handle(ctx);
                let (incoming, cancel) = (incoming.clone(), cancel.clone());
                detached.push(self.shared.handling.spawn(async move {
                    let _permit = app.shared.permits.clone().acquire_owned().await;
                    match guarded(future, &cancel).await {
                        Run::Done(Err(error)) => {
                            app.report(&incoming, error, &cancel).await;
                            true
                        }
                        Run::Done(Ok(_)) => true,
                        Run::Cancelled => false,
                    }
                }));
                continue;
            }
            match guarded(entry.handler.handle(ctx), &cancel).await {
                Run::Done(Ok(Flow::Continue)) => {}
                Run::Done(Ok(Flow::Stop)) => break 'groups,
                Run::Done(Err(error)) => {
                    if self.report(&incoming, error, &cancel).await == Flow::Stop {
                        break 'groups;
                    }
                }
                Run::Cancelled => {
                    cancelled = true;
                    break 'groups;
                }
            }
        }
        if !taken {
            if let Some(unreadable) = unreadable(&incoming) {
                self.report(&incoming, Box::new(unreadable), &cancel).await;
            }
        }
        drop(permit);
        if detached.is_empty() {
            let outcome = if cancelled {
                Processed::Cancelled
            } else {
                Processed::Handled
            };
            self.complete(job, outcome);
            return;
        }
        let app = self.clone();
        self.shared.handling.spawn(async move {
            let mut finished = !cancelled;
            for handle in detached {
                finished &= handle.await.unwrap_or(false);
            }
            let outcome = if finished {
                Processed::Handled
            } else {
                Processed::Cancelled
            };
            app.complete(job, outcome);
        });
    }

    /// Records the outcome: the ledger (offsets, de-duplication) and the waiting source.
    fn complete(&self, job: Job, outcome: Processed) {
        if let Some(id) = job.incoming.update_id() {
            match outcome {
                Processed::Cancelled => self.shared.ledger.abandon(id),
                _ => self.shared.ledger.finish(id),
            }
        }
        if let Some(done) = job.done {
            let _ = done.send(outcome);
        }
    }

    /// Runs the error handlers for a failed update; `Flow::Stop` if one asked to stop.
    pub(crate) async fn report(
        &self,
        incoming: &Arc<Incoming>,
        error: HandlerError,
        cancel: &CancellationToken,
    ) -> Flow {
        let handlers = self.shared.registry.error_handlers();
        if handlers.is_empty() {
            tracing::error!(
                update_id = ?incoming.update_id(),
                kind = incoming.kind_name(),
                error = %DisplayChain(&*error),
                "an update failed and no error handler is registered",
            );
            return Flow::Continue;
        }
        let error = Arc::new(error);
        for entry in handlers.iter() {
            let ctx = Context::for_error(self.clone(), incoming.clone(), error.clone());
            match guarded(entry.callback.call(ctx), cancel).await {
                Run::Done(Ok(Flow::Stop)) => return Flow::Stop,
                Run::Done(Ok(Flow::Continue)) => {}
                Run::Done(Err(failure)) => tracing::error!(
                    error = %DisplayChain(&*failure),
                    while_handling = %DisplayChain(&**error),
                    "an error handler failed",
                ),
                Run::Cancelled => return Flow::Continue,
            }
        }
        Flow::Continue
    }
}

/// A duplicate still tells its waiting source.
fn finish_duplicate(job: Job) {
    if let Some(done) = job.done {
        let _ = done.send(Processed::Duplicate);
    }
}

/// Runs a handler future, turning a panic into an error and giving up when `cancel` fires.
async fn guarded(future: BoxFuture<Result<Flow, HandlerError>>, cancel: &CancellationToken) -> Run {
    let caught = AssertUnwindSafe(future).catch_unwind();
    tokio::select! {
        biased;
        result = caught => Run::Done(result.unwrap_or_else(|payload| {
            Err(Box::new(Panicked::from_payload(&*payload)))
        })),
        () = cancel.cancelled() => Run::Cancelled,
    }
}

/// Why an update that no handler took is worth an error report.
fn unreadable(incoming: &Incoming) -> Option<UnreadableUpdate> {
    use botapi::types::UpdateKind;
    match incoming {
        Incoming::Unreadable(unreadable) => Some(unreadable.clone()),
        Incoming::Telegram(update) => match &update.kind {
            UpdateKind::Malformed(malformed) => Some(UnreadableUpdate {
                reason: format!(
                    "update {} has a `{}` this version cannot read: {}",
                    update.update_id, malformed.raw.name, malformed.error
                ),
                raw: crate::polling::excerpt(&malformed.raw.value.to_string()),
            }),
            UpdateKind::Unknown(raw) => Some(UnreadableUpdate {
                reason: format!(
                    "update {} is of a kind this version does not know (`{}`) and no handler took it",
                    update.update_id, raw.name
                ),
                raw: crate::polling::excerpt(&raw.value.to_string()),
            }),
            _ => None,
        },
        Incoming::Custom(_) => None,
    }
}

/// Displays an error with its sources, `a: b: c`.
pub(crate) struct DisplayChain<'a>(pub(crate) &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for DisplayChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(cause) = source {
            write!(f, ": {cause}")?;
            source = cause.source();
        }
        Ok(())
    }
}

/// Feeds updates into an [`Application`] from other tasks or sources (a queue consumer, a
/// socket, your own web server); from [`Application::update_sender`].
///
/// Unlike [`Application::process_update`], sending returns as soon as the update is queued
/// (waiting only while its key's queue is full), so one sender keeps many updates in flight.
pub struct UpdateSender<D = ()> {
    app: Application<D>,
}

impl<D> Clone for UpdateSender<D> {
    fn clone(&self) -> Self {
        UpdateSender {
            app: self.app.clone(),
        }
    }
}

impl<D> std::fmt::Debug for UpdateSender<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateSender").finish_non_exhaustive()
    }
}

impl<D: Send + Sync + 'static> UpdateSender<D> {
    pub(crate) fn new(app: Application<D>) -> Self {
        UpdateSender { app }
    }

    /// Queues a Telegram update (duplicates of a recent `update_id` are dropped).
    pub async fn send(&self, update: botapi::types::Update) {
        self.send_incoming(Incoming::Telegram(update)).await;
    }

    /// Queues a value of your own type, for [`TypeHandler`](crate::handlers::TypeHandler)s.
    pub async fn send_custom<T: std::any::Any + Send + Sync>(&self, value: T) {
        self.send_incoming(Incoming::custom(value)).await;
    }

    /// Queues anything the application handles.
    pub async fn send_incoming(&self, incoming: Incoming) {
        let _ = self.app.submit_waiting(Job::detached(incoming)).await;
    }
}
