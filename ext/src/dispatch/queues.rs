//! Per-key queues: at most one worker per ordering key, a bounded queue behind it, and nothing
//! at all for an idle key.
//!
//! The first update of an idle key starts a worker (the caller spawns it); updates arriving
//! while it runs wait in the key's queue; the worker takes them one by one and, when the queue
//! is empty, removes the key. A full queue is reported to the caller, which applies the
//! application's policy: wait for that key only, or reject the update.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use super::key::OrderKey;

/// What happened to an admitted job.
#[derive(Debug)]
pub(crate) enum Admission<J> {
    /// The key was idle: start a worker with this job.
    Start(J),
    /// The key is busy: the job waits in its queue.
    Queued,
    /// The key's queue is full: the job is handed back.
    Full(J),
}

struct Lane<J> {
    queue: VecDeque<J>,
    /// Woken when the queue shrinks, for callers waiting for room in this key.
    room: Arc<Notify>,
}

pub(crate) struct KeyQueues<J> {
    lanes: Mutex<HashMap<OrderKey, Lane<J>>>,
    capacity: usize,
}

impl<J> KeyQueues<J> {
    /// Queues that hold up to `capacity` waiting jobs per key (besides the running one).
    pub(crate) fn new(capacity: usize) -> Self {
        KeyQueues {
            lanes: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
        }
    }

    pub(crate) fn capacity(&self) -> usize {
        self.capacity
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<OrderKey, Lane<J>>> {
        // No user code runs under this lock; recover from a poison rather than spread it.
        self.lanes.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Admits a job for `key`.
    pub(crate) fn admit(&self, key: OrderKey, job: J) -> Admission<J> {
        let mut lanes = self.lock();
        match lanes.get_mut(&key) {
            None => {
                lanes.insert(
                    key,
                    Lane {
                        queue: VecDeque::new(),
                        room: Arc::new(Notify::new()),
                    },
                );
                Admission::Start(job)
            }
            Some(lane) if lane.queue.len() < self.capacity => {
                lane.queue.push_back(job);
                Admission::Queued
            }
            Some(_) => Admission::Full(job),
        }
    }

    /// A notification of room in `key`'s queue, taken before retrying a full admission so
    /// that a wake-up between the two is not lost. `None` when the key is idle (retry now).
    pub(crate) fn room(&self, key: &OrderKey) -> Option<Arc<Notify>> {
        self.lock().get(key).map(|lane| lane.room.clone())
    }

    /// The worker of `key` asks for its next job; `None` retires the worker and forgets the
    /// key.
    pub(crate) fn next(&self, key: &OrderKey) -> Option<J> {
        let mut lanes = self.lock();
        let lane = lanes.get_mut(key)?;
        match lane.queue.pop_front() {
            Some(job) => {
                lane.room.notify_waiters();
                Some(job)
            }
            None => {
                let lane = lanes.remove(key);
                // Anyone waiting for room retries and finds the key idle.
                if let Some(lane) = lane {
                    lane.room.notify_waiters();
                }
                None
            }
        }
    }

    /// How many keys have a running worker.
    pub(crate) fn busy_keys(&self) -> usize {
        self.lock().len()
    }

    /// How many jobs wait behind running workers.
    #[cfg(test)]
    pub(crate) fn waiting(&self) -> usize {
        self.lock().values().map(|lane| lane.queue.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(id: i64) -> OrderKey {
        OrderKey::Chat {
            chat_id: id,
            topic: None,
        }
    }

    #[test]
    fn a_busy_key_queues_and_an_idle_key_starts() {
        let queues = KeyQueues::new(2);
        assert!(matches!(queues.admit(chat(1), "a1"), Admission::Start("a1")));
        assert!(matches!(queues.admit(chat(1), "a2"), Admission::Queued));
        assert!(matches!(queues.admit(chat(2), "b1"), Admission::Start("b1")));
        assert!(matches!(queues.admit(chat(1), "a3"), Admission::Queued));
        assert!(matches!(queues.admit(chat(1), "a4"), Admission::Full("a4")));
        assert_eq!(queues.busy_keys(), 2);
        assert_eq!(queues.waiting(), 2);
        // The worker of chat 1 drains in order, then retires.
        assert_eq!(queues.next(&chat(1)), Some("a2"));
        assert_eq!(queues.next(&chat(1)), Some("a3"));
        assert_eq!(queues.next(&chat(1)), None);
        assert_eq!(queues.next(&chat(2)), None);
        // Idle keys cost nothing.
        assert_eq!(queues.busy_keys(), 0);
        assert!(queues.room(&chat(1)).is_none());
        assert!(matches!(queues.admit(chat(1), "a5"), Admission::Start("a5")));
    }

    #[tokio::test]
    async fn room_is_signalled_when_the_queue_shrinks() {
        let queues = Arc::new(KeyQueues::new(1));
        assert!(matches!(queues.admit(chat(1), 1), Admission::Start(1)));
        assert!(matches!(queues.admit(chat(1), 2), Admission::Queued));
        assert!(matches!(queues.admit(chat(1), 3), Admission::Full(3)));
        let room = queues.room(&chat(1)).unwrap();
        let notified = room.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        assert_eq!(queues.next(&chat(1)), Some(2));
        notified.await;
        assert!(matches!(queues.admit(chat(1), 3), Admission::Queued));
    }
}
