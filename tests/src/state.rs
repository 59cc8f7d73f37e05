//! The server's mutable state: recorded requests, scripted replies, the update queue, the
//! webhook and served files. Every change bumps a version on a watch channel, which is what
//! long polls and `wait_for_request` wait on.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use bytes::Bytes;
use serde_json::{Map, Value};
use tokio::sync::watch;

use crate::record::RecordedRequest;
use crate::script::Reply;

/// A file served by `getFile` and the file endpoint.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub(crate) file_id: String,
    pub(crate) file_path: String,
    pub(crate) content: Bytes,
}

/// The webhook set with `setWebhook`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Webhook {
    pub(crate) url: String,
    pub(crate) has_custom_certificate: bool,
    pub(crate) max_connections: Option<Value>,
    pub(crate) ip_address: Option<Value>,
}

#[derive(Default)]
pub(crate) struct Data {
    pub(crate) requests: Vec<RecordedRequest>,
    /// Per method (lowercase): how many of its requests `wait_for_request` has returned.
    pub(crate) waited: HashMap<String, usize>,
    pub(crate) scripts: HashMap<String, VecDeque<Reply>>,
    pub(crate) updates: VecDeque<Value>,
    pub(crate) next_update_id: i64,
    pub(crate) allowed_updates: Option<Vec<String>>,
    pub(crate) webhook: Option<Webhook>,
    /// Incremented by every `getUpdates`; an older poll that sees a newer one ends with 409.
    pub(crate) poll_generation: u64,
    pub(crate) files: Vec<StoredFile>,
    pub(crate) next_message_id: i64,
}

/// Shared state with change notification.
pub(crate) struct State {
    data: Mutex<Data>,
    version: watch::Sender<u64>,
}

impl State {
    pub(crate) fn new() -> Self {
        let data = Data {
            next_update_id: 1,
            next_message_id: 1,
            ..Data::default()
        };
        State {
            data: Mutex::new(data),
            version: watch::channel(0).0,
        }
    }

    /// Locks the data. A panic while locked (a bug in a test's closure) does not poison it.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `change` on the data and wakes every waiter.
    pub(crate) fn change<T>(&self, change: impl FnOnce(&mut Data) -> T) -> T {
        let out = change(&mut self.lock());
        self.version.send_modify(|v| *v += 1);
        out
    }

    /// Waits until `check` returns `Some` or `deadline` passes; `check` runs on every change.
    pub(crate) async fn wait_until<T>(
        &self,
        deadline: Instant,
        mut check: impl FnMut(&mut Data) -> Option<T>,
    ) -> Option<T> {
        let mut changes = self.version.subscribe();
        loop {
            changes.borrow_and_update();
            if let Some(found) = check(&mut self.lock()) {
                return Some(found);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            // A timeout or a closed channel both lead to one last check.
            let _ = tokio::time::timeout(left, changes.changed()).await;
        }
    }
}

impl Data {
    /// Adds an update, giving it the next `update_id` unless it has one.
    pub(crate) fn push_update(&mut self, mut update: Value) -> i64 {
        let id = match update.get("update_id").and_then(Value::as_i64) {
            Some(id) => id,
            None => {
                let id = self.next_update_id;
                if let Value::Object(map) = &mut update {
                    map.insert("update_id".to_owned(), Value::from(id));
                }
                id
            }
        };
        self.next_update_id = self.next_update_id.max(id + 1);
        self.updates.push_back(update);
        id
    }

    /// Confirms updates as `getUpdates`' `offset` does: a positive offset forgets every update
    /// with a smaller id; a negative one keeps only the last `-offset` updates.
    pub(crate) fn confirm(&mut self, offset: i64) {
        if offset > 0 {
            self.updates.retain(|u| {
                u.get("update_id")
                    .and_then(Value::as_i64)
                    .is_none_or(|id| id >= offset)
            });
        } else if offset < 0 {
            let keep = usize::try_from(offset.unsigned_abs()).unwrap_or(usize::MAX);
            while self.updates.len() > keep {
                self.updates.pop_front();
            }
        }
    }

    /// Up to `limit` queued updates of the allowed kinds, oldest first (not removed: Telegram
    /// keeps updates until a later offset confirms them).
    pub(crate) fn take_updates(&self, limit: usize) -> Vec<Value> {
        let allowed = |update: &Value| match (&self.allowed_updates, update) {
            (Some(kinds), Value::Object(map)) if !kinds.is_empty() => map
                .keys()
                .any(|key| key != "update_id" && kinds.iter().any(|k| k == key)),
            _ => true,
        };
        self.updates
            .iter()
            .filter(|u| allowed(u))
            .take(limit)
            .cloned()
            .collect()
    }

    /// Records a call, dropping the oldest ones beyond `max` (and keeping `wait_for_request`
    /// cursors pointing at the same calls).
    pub(crate) fn record(&mut self, request: RecordedRequest, max: usize) {
        self.requests.push(request);
        let excess = self.requests.len().saturating_sub(max);
        for dropped in self.requests.drain(..excess) {
            if let Some(seen) = self.waited.get_mut(&dropped.method.to_ascii_lowercase()) {
                *seen = seen.saturating_sub(1);
            }
        }
    }

    /// The next scripted reply for a method, if any.
    pub(crate) fn next_script(&mut self, method: &str) -> Option<Reply> {
        self.scripts.get_mut(method).and_then(VecDeque::pop_front)
    }

    /// The next message id.
    pub(crate) fn message_id(&mut self) -> i64 {
        let id = self.next_message_id;
        self.next_message_id += 1;
        id
    }

    pub(crate) fn file_by_id(&self, file_id: &str) -> Option<&StoredFile> {
        self.files.iter().find(|f| f.file_id == file_id)
    }

    pub(crate) fn file_by_path(&self, file_path: &str) -> Option<&StoredFile> {
        self.files.iter().find(|f| f.file_path == file_path)
    }
}

/// Reads an optional parameter as an integer.
pub(crate) fn int_param(params: &Map<String, Value>, name: &str) -> Option<i64> {
    params.get(name).and_then(Value::as_i64)
}

/// The long-poll timeout of a `getUpdates` call, capped like Telegram's (50 s).
pub(crate) fn poll_timeout(params: &Map<String, Value>) -> Duration {
    Duration::from_secs(
        int_param(params, "timeout")
            .unwrap_or(0)
            .clamp(0, 50)
            .unsigned_abs(),
    )
}
