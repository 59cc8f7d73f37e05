//! Which updates are being handled and which have finished: de-duplication by `update_id`, and
//! the oldest unfinished update, below which the polling offset may move.
//!
//! Finished ids are remembered in a bounded window (the most recent ones), which covers a
//! webhook retry and a redelivery of updates that finished while an older one was still
//! running (Telegram resends everything from the offset on).

use std::collections::{BTreeMap, BTreeSet, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use std::sync::Arc;

use tokio::sync::{Notify, oneshot};

use super::journal::UpdateJournal;

/// What to do with an update id that arrives.
#[derive(Debug)]
pub(crate) enum Admit {
    /// Never seen (or forgotten): handle it.
    New,
    /// Being handled now: the receiver resolves when it finishes.
    InFlight(oneshot::Receiver<()>),
    /// Already handled.
    Finished,
}

#[derive(Default)]
struct State {
    /// Unfinished ids with the callers waiting for them (webhook retries).
    in_flight: BTreeMap<i64, Vec<oneshot::Sender<()>>>,
    recent: VecDeque<i64>,
    recent_set: HashSet<i64>,
    /// Ids whose handlers were cancelled: unfinished, so the offset must stay below them.
    abandoned: BTreeSet<i64>,
    /// Ids the journal failed to keep: the offset must stay below them until they finish.
    unspooled: BTreeSet<i64>,
}

pub(crate) struct Ledger {
    state: Mutex<State>,
    remember: usize,
    /// Woken whenever an update finishes.
    finished: Notify,
    /// How many updates finished (or were abandoned) so far.
    finishes: AtomicU64,
    journal: Option<Arc<dyn UpdateJournal>>,
    /// Unfinished updates read from the journal, handled again at start.
    replay: Mutex<Vec<(i64, String)>>,
}

impl Ledger {
    /// A ledger remembering up to `remember` finished ids.
    pub(crate) fn new(remember: usize) -> Self {
        Ledger {
            state: Mutex::new(State::default()),
            remember: remember.max(1),
            finished: Notify::new(),
            finishes: AtomicU64::new(0),
            journal: None,
            replay: Mutex::new(Vec::new()),
        }
    }

    /// A ledger that records updates in `journal`, starting with what it holds: finished ids
    /// are recognised as duplicates, unfinished updates wait in [`take_replay`](Self::take_replay).
    pub(crate) fn with_journal(remember: usize, journal: Arc<dyn UpdateJournal>) -> std::io::Result<Self> {
        let loaded = journal.load()?;
        let mut ledger = Ledger::new(remember.max(loaded.finished.len()));
        {
            let state = ledger
                .state
                .get_mut()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            for id in loaded.finished {
                if state.recent_set.insert(id) {
                    state.recent.push_back(id);
                }
            }
        }
        ledger.journal = Some(journal);
        ledger.replay = Mutex::new(loaded.unfinished);
        Ok(ledger)
    }

    /// Whether updates are recorded in a journal when they arrive.
    pub(crate) fn has_journal(&self) -> bool {
        self.journal.is_some()
    }

    /// Records an arrived update in the journal; whether it is safe there (then it may be
    /// confirmed to Telegram before it finishes).
    pub(crate) fn spool(&self, id: i64, raw: &str) -> bool {
        let Some(journal) = &self.journal else {
            return false;
        };
        match journal.accepted(id, raw) {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(%error, update_id = id, "the update journal could not record an update; it stays unconfirmed until handled");
                self.lock().unspooled.insert(id);
                false
            }
        }
    }

    /// The journaled updates that had not finished when the application last stopped.
    pub(crate) fn take_replay(&self) -> Vec<(i64, String)> {
        std::mem::take(
            &mut *self
                .replay
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// The oldest update the journal failed to keep and that has not finished.
    pub(crate) fn oldest_unspooled(&self) -> Option<i64> {
        self.lock().unspooled.iter().next().copied()
    }

    /// Telegram confirmed everything below `offset`.
    pub(crate) fn confirmed(&self, offset: i64) {
        if let Some(journal) = &self.journal {
            if let Err(error) = journal.confirmed(offset) {
                tracing::warn!(%error, "the update journal could not record a confirmation");
            }
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Registers an arriving id.
    pub(crate) fn admit(&self, id: i64) -> Admit {
        let mut state = self.lock();
        if state.recent_set.contains(&id) {
            return Admit::Finished;
        }
        if let Some(waiters) = state.in_flight.get_mut(&id) {
            let (tx, rx) = oneshot::channel();
            waiters.push(tx);
            return Admit::InFlight(rx);
        }
        state.abandoned.remove(&id);
        state.in_flight.insert(id, Vec::new());
        Admit::New
    }

    /// Marks an id finished and wakes whoever waits for it.
    pub(crate) fn finish(&self, id: i64) {
        let waiters = {
            let mut state = self.lock();
            let waiters = state.in_flight.remove(&id).unwrap_or_default();
            state.unspooled.remove(&id);
            if state.recent_set.insert(id) {
                state.recent.push_back(id);
                while state.recent.len() > self.remember {
                    if let Some(old) = state.recent.pop_front() {
                        state.recent_set.remove(&old);
                    }
                }
            }
            waiters
        };
        if let Some(journal) = &self.journal {
            if let Err(error) = journal.finished(id) {
                tracing::warn!(%error, update_id = id, "the update journal could not record a finished update");
            }
        }
        for waiter in waiters {
            let _ = waiter.send(());
        }
        self.finishes.fetch_add(1, Ordering::AcqRel);
        self.finished.notify_waiters();
    }

    /// Forgets an unfinished id without marking it finished (its handlers were cancelled):
    /// a redelivery is handled again.
    pub(crate) fn abandon(&self, id: i64) {
        let waiters = {
            let mut state = self.lock();
            state.abandoned.insert(id);
            state.in_flight.remove(&id)
        };
        drop(waiters);
        self.finishes.fetch_add(1, Ordering::AcqRel);
        self.finished.notify_waiters();
    }

    /// The oldest id being handled.
    pub(crate) fn oldest_in_flight(&self) -> Option<i64> {
        self.lock().in_flight.keys().next().copied()
    }

    /// The oldest id not finished: being handled, or cancelled.
    pub(crate) fn oldest_unfinished(&self) -> Option<i64> {
        let state = self.lock();
        let running = state.in_flight.keys().next().copied();
        let cancelled = state.abandoned.iter().next().copied();
        running.into_iter().chain(cancelled).min()
    }

    /// How many ids are unfinished.
    pub(crate) fn in_flight(&self) -> usize {
        self.lock().in_flight.len()
    }

    /// How many updates have finished or been abandoned so far.
    pub(crate) fn finishes(&self) -> u64 {
        self.finishes.load(Ordering::Acquire)
    }

    /// Resolves at the next finish (create it before checking the state it waits for).
    pub(crate) fn finished(&self) -> tokio::sync::futures::Notified<'_> {
        self.finished.notified()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_are_recognised_while_running_and_after() {
        let ledger = Ledger::new(2);
        assert!(matches!(ledger.admit(10), Admit::New));
        assert!(matches!(ledger.admit(11), Admit::New));
        let Admit::InFlight(mut retry) = ledger.admit(10) else {
            panic!("10 is running")
        };
        assert_eq!(ledger.oldest_in_flight(), Some(10));
        ledger.finish(10);
        assert!(retry.try_recv().is_ok(), "the retry is told the update finished");
        assert!(matches!(ledger.admit(10), Admit::Finished));
        assert_eq!(ledger.oldest_in_flight(), Some(11));
        ledger.finish(11);
        assert_eq!(ledger.oldest_in_flight(), None);
        // The window is bounded: the oldest finished id is forgotten.
        assert!(matches!(ledger.admit(12), Admit::New));
        ledger.finish(12);
        assert!(matches!(ledger.admit(10), Admit::New));
        assert!(matches!(ledger.admit(12), Admit::Finished));
    }

    #[test]
    fn an_abandoned_update_is_handled_again() {
        let ledger = Ledger::new(8);
        assert!(matches!(ledger.admit(5), Admit::New));
        assert!(matches!(ledger.admit(6), Admit::New));
        ledger.finish(6);
        ledger.abandon(5);
        assert_eq!(ledger.in_flight(), 0);
        assert_eq!(ledger.oldest_unfinished(), Some(5), "the offset stays below it");
        assert!(matches!(ledger.admit(5), Admit::New));
        ledger.finish(5);
        assert_eq!(ledger.oldest_unfinished(), None);
    }
}
