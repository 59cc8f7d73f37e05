//! Long polling with at-least-once delivery.
//!
//! Telegram confirms every update below the `offset` of a `getUpdates` call and serves the
//! rest again. So the poller asks with `offset` = the oldest update still being handled: what
//! finished meanwhile is confirmed, what is still running comes back (and is recognised by the
//! ledger), and what is new is dispatched. When nothing is running it long-polls from past the
//! newest update. After a crash, Telegram serves again everything that had not finished.

use std::collections::{HashSet, VecDeque};
use std::hash::{Hash, Hasher};
use std::time::Duration;

use botapi::types::Update;
use serde_json::value::RawValue;
use tokio_util::sync::CancellationToken;

use crate::application::{Application, Delivery, DisplayChain, Job, QueueFull, Submitted};
use crate::dispatch::OrderKey;
use crate::error::{Error, UnreadableUpdate};
use crate::incoming::Incoming;

mod backoff;
mod request;

use backoff::Backoff;
use request::PollRequest;

/// The shortest pause between polls while an old update is still being handled and nothing
/// finished; it doubles while nothing new arrives, up to [`PollingOptions::max_refetch_interval`].
const MIN_REFETCH: Duration = Duration::from_millis(10);

/// Long-polling settings; the defaults suit most bots.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PollingOptions {
    pub(crate) timeout: Duration,
    pub(crate) limit: u8,
    pub(crate) allowed_updates: Option<Vec<String>>,
    pub(crate) drop_pending_updates: bool,
    pub(crate) delivery: Delivery,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) max_refetch: Duration,
    pub(crate) answer_margin: Duration,
    pub(crate) max_pending: usize,
}

impl Default for PollingOptions {
    fn default() -> Self {
        PollingOptions {
            timeout: Duration::from_secs(10),
            limit: 100,
            allowed_updates: None,
            drop_pending_updates: false,
            delivery: Delivery::AtLeastOnce,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_refetch: Duration::from_millis(250),
            answer_margin: Duration::from_secs(10),
            max_pending: 10_000,
        }
    }
}

impl PollingOptions {
    /// The defaults: 10 s long polls of up to 100 updates, back-off from 0.5 s to 30 s.
    pub fn new() -> Self {
        PollingOptions::default()
    }

    /// How long one `getUpdates` call waits for updates (Telegram caps it at 50 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout.min(Duration::from_secs(50));
        self
    }

    /// Updates per batch, 1 to 100 (default 100); with at-least-once delivery, also how far
    /// past the oldest running update polling can fetch.
    pub fn limit(mut self, limit: u8) -> Self {
        self.limit = limit.clamp(1, 100);
        self
    }

    /// The first and the longest pause after a network error or a 5xx answer; the pause
    /// doubles on each failure in a row.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// While an old update is still being handled, new updates are looked for whenever an
    /// update finishes, and at least this often (default 250 ms).
    pub fn max_refetch_interval(mut self, interval: Duration) -> Self {
        self.max_refetch = interval.max(MIN_REFETCH);
        self
    }

    /// How long an answer may take beyond the long-poll timeout before the connection is
    /// treated as wedged, dropped and the call retried (default 10 s).
    pub fn answer_margin(mut self, margin: Duration) -> Self {
        self.answer_margin = margin;
        self
    }

    /// How many fetched updates may wait or run at once when polling is not held back by the
    /// oldest unfinished update (at-most-once delivery, or at-least-once with a
    /// [journal](crate::ApplicationBuilder::journal)); beyond it, fetching pauses (default
    /// 10,000).
    pub fn max_pending(mut self, max: usize) -> Self {
        self.max_pending = max.max(1);
        self
    }

    /// When updates count as delivered (default: at least once).
    pub fn delivery(mut self, delivery: Delivery) -> Self {
        self.delivery = delivery;
        self
    }

    /// The update kinds to ask for (default: derived from the handlers).
    pub fn allowed_updates<I, S>(mut self, kinds: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.allowed_updates = Some(kinds.into_iter().map(Into::into).collect());
        self
    }

    /// Drops the updates that waited while the bot was offline.
    pub fn drop_pending_updates(mut self, drop: bool) -> Self {
        self.drop_pending_updates = drop;
        self
    }
}

/// Where polling stopped.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PollEnd {
    /// The newest update fetched.
    pub(crate) newest: Option<i64>,
}

pub(crate) struct Poller<D> {
    app: Application<D>,
    options: PollingOptions,
    allowed: Option<Vec<String>>,
    newest: Option<i64>,
    /// Updates whose key was full, in arrival order, waiting for room.
    held: VecDeque<(OrderKey, Job)>,
    /// Whether fetched updates are kept in the journal, so the offset need not wait for them.
    spooling: bool,
    /// Hashes of unreadable elements already reported (Telegram serves them again until a
    /// later update moves the offset past them).
    reported: HashSet<u64>,
}

impl<D: Send + Sync + 'static> Poller<D> {
    pub(crate) fn new(app: Application<D>, options: PollingOptions, allowed: Option<Vec<String>>) -> Self {
        let spooling = options.delivery == Delivery::AtLeastOnce && app.shared.ledger.has_journal();
        Poller {
            spooling,
            app,
            options,
            allowed,
            newest: None,
            held: VecDeque::new(),
            reported: HashSet::new(),
        }
    }

    /// Polls until `stop` fires; a fatal answer (bad token, conflict) ends it with an error.
    pub(crate) async fn run(mut self, stop: CancellationToken) -> Result<PollEnd, Error> {
        let app = self.app.clone();
        let ledger = &app.shared.ledger;
        let mut backoff = Backoff::new(self.options.initial_backoff, self.options.max_backoff);
        let mut finishes_seen = ledger.finishes();
        let mut refetch = MIN_REFETCH;
        let mut refetch_due = false;
        let limit = i64::from(self.options.limit);
        // Held back by the oldest unfinished update: at-least-once without a journal.
        let at_least_once = self.options.delivery == Delivery::AtLeastOnce && !self.spooling;
        loop {
            self.retry_held();
            let head = if self.spooling {
                ledger.oldest_unspooled()
            } else {
                ledger.oldest_in_flight()
            };
            let next = self.newest.map(|newest| newest + 1);
            let window_full = match (head, self.newest) {
                (Some(head), Some(newest)) => newest - head + 1 >= limit,
                _ => false,
            };
            let busy = if at_least_once {
                head.is_some()
            } else {
                // Not held back: fetch on, but not beyond `max_pending` unfinished updates.
                ledger.in_flight() >= self.options.max_pending
            };
            if busy {
                // Register for the next finish before looking, so that none is missed.
                let finished = ledger.finished();
                tokio::pin!(finished);
                finished.as_mut().enable();
                let fresh = ledger.finishes() != finishes_seen;
                let may_refetch = at_least_once && !window_full;
                if !(may_refetch && (fresh || refetch_due)) {
                    let room = self
                        .held
                        .front()
                        .and_then(|(key, _)| self.app.shared.queues.room(key));
                    let room_freed = async {
                        match &room {
                            Some(room) => room.notified().await,
                            None => std::future::pending().await,
                        }
                    };
                    tokio::select! {
                        () = &mut finished => {}
                        () = tokio::time::sleep(refetch), if may_refetch => {
                            refetch_due = true;
                            refetch = (refetch * 2).min(self.options.max_refetch);
                        }
                        () = room_freed => {}
                        () = stop.cancelled() => break,
                    }
                    continue;
                }
            }
            refetch_due = false;
            finishes_seen = ledger.finishes();
            let (offset, timeout) = match head.filter(|_| at_least_once || self.spooling) {
                Some(head) => (Some(head), Duration::ZERO),
                None => (next, self.options.timeout),
            };
            let request = PollRequest {
                offset,
                limit: self.options.limit,
                timeout,
                allowed_updates: self.allowed.clone(),
            };
            let answer = tokio::select! {
                answer = tokio::time::timeout(timeout + self.options.answer_margin, request.send(self.app.bot())) => answer,
                () = stop.cancelled() => break,
            };
            let error = match answer {
                Ok(Ok(batch)) => {
                    backoff.reset();
                    if let Some(offset) = offset {
                        ledger.confirmed(offset);
                    }
                    if self.dispatch(batch) > 0 {
                        refetch = MIN_REFETCH;
                    }
                    continue;
                }
                Ok(Err(error)) => error,
                Err(_elapsed) => {
                    let delay = backoff.next_delay();
                    tracing::warn!(
                        waited = ?(timeout + self.options.answer_margin),
                        retry_in = ?delay,
                        "getUpdates got no answer in time (a wedged connection?); retrying",
                    );
                    if sleep_or_stop(delay, &stop).await {
                        break;
                    }
                    continue;
                }
            };
            let error = match Error::fatal(error) {
                Ok(fatal) => {
                    tracing::error!(error = %DisplayChain(&fatal), "polling stopped");
                    return Err(fatal);
                }
                Err(error) => error,
            };
            let delay = error.retry_after().unwrap_or_else(|| backoff.next_delay());
            tracing::warn!(error = %DisplayChain(&error), retry_in = ?delay, "getUpdates failed; retrying");
            if sleep_or_stop(delay, &stop).await {
                break;
            }
        }
        Ok(PollEnd { newest: self.newest })
    }

    /// Dispatches the new updates of a batch; returns how many were new.
    fn dispatch(&mut self, batch: Vec<Box<RawValue>>) -> usize {
        let mut new = 0;
        for raw in batch {
            let update = match parse(&raw) {
                Ok(update) => update,
                Err(unreadable) => {
                    self.report_unreadable(&raw, unreadable);
                    continue;
                }
            };
            self.newest = Some(self.newest.map_or(update.update_id, |n| n.max(update.update_id)));
            let id = update.update_id;
            let Ok(job) = self.app.admit(Job::detached(Incoming::Telegram(update))) else {
                continue; // being handled, or handled already
            };
            if self.spooling {
                // On failure the ledger keeps the offset below this update until it finishes.
                self.app.shared.ledger.spool(id, raw.get());
            }
            new += 1;
            let key = self.app.shared.config.order_by.key(&job.incoming);
            if let Some(key) = key.filter(|key| self.held.iter().any(|(k, _)| k == key)) {
                // Keep the key's order behind its held updates.
                self.held.push_back((key, job));
                continue;
            }
            if let Submitted::Full(key, job) = self.app.enqueue(job) {
                self.full(key, job);
            }
        }
        new
    }

    fn full(&mut self, key: OrderKey, job: Job) {
        if self.app.shared.config.when_full == QueueFull::Reject {
            let app = self.app.clone();
            self.app
                .shared
                .handling
                .spawn(async move { app.reject(key, job).await });
        } else {
            self.held.push_back((key, job));
        }
    }

    /// Queues held updates whose key has room now, keeping each key's order.
    fn retry_held(&mut self) {
        if self.held.is_empty() {
            return;
        }
        let mut blocked = HashSet::new();
        for (key, job) in std::mem::take(&mut self.held) {
            if blocked.contains(&key) {
                self.held.push_back((key, job));
                continue;
            }
            if let Submitted::Full(key, job) = self.app.enqueue(job) {
                blocked.insert(key);
                self.held.push_back((key, job));
            }
        }
    }

    fn report_unreadable(&mut self, raw: &RawValue, unreadable: UnreadableUpdate) {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        raw.get().hash(&mut hasher);
        if !self.reported.insert(hasher.finish()) {
            return;
        }
        if self.reported.len() > 1024 {
            self.reported.clear();
        }
        tracing::warn!(error = %unreadable, "skipped an element of a getUpdates batch");
        let app = self.app.clone();
        self.app.shared.handling.spawn(async move {
            app.process(Incoming::Unreadable(unreadable)).await;
        });
    }
}

/// Confirms to Telegram everything below `offset` (a last `getUpdates` that waits for nothing).
pub(crate) async fn confirm(app_bot: &botapi::Bot, ledger: &crate::dispatch::Ledger, offset: i64) {
    let request = PollRequest {
        offset: Some(offset),
        limit: 1,
        timeout: Duration::ZERO,
        allowed_updates: None,
    };
    for attempt in 1..=2 {
        match request.send(app_bot).await {
            Ok(_) => {
                ledger.confirmed(offset);
                tracing::debug!(offset, "confirmed the handled updates");
                return;
            }
            Err(error) => tracing::warn!(
                error = %DisplayChain(&error),
                attempt,
                "could not confirm the handled updates; Telegram will deliver them again",
            ),
        }
    }
}

/// Reads one element of a batch.
fn parse(raw: &RawValue) -> Result<Update, UnreadableUpdate> {
    serde_json::from_str(raw.get()).map_err(|err| UnreadableUpdate {
        reason: format!("an element of the getUpdates batch is not an update: {err}"),
        raw: excerpt(raw.get()),
    })
}

/// The start of a raw update for an error report: at most 4 KiB, cut at a character boundary.
pub(crate) fn excerpt(raw: &str) -> String {
    const MAX: usize = 4096;
    if raw.len() <= MAX {
        return raw.to_owned();
    }
    let mut end = MAX;
    while !raw.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &raw[..end])
}

/// Sleeps, or returns `true` early if `stop` fires.
async fn sleep_or_stop(delay: Duration, stop: &CancellationToken) -> bool {
    tokio::select! {
        () = tokio::time::sleep(delay) => false,
        () = stop.cancelled() => true,
    }
}
