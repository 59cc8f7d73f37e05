//! The handler groups of an application, changeable while it runs.
//!
//! Every update takes a snapshot (an `Arc` clone under a read lock), so adding or removing a
//! handler never waits for running handlers and never changes an update's processing midway.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use super::{Callback, Handler, UpdateKinds};

/// The group handlers are added to by [`Application::add_handler`](crate::Application::add_handler).
pub const DEFAULT_GROUP: i32 = 0;

/// Identifies an added handler, to remove it later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HandlerId(u64);

/// One registered handler.
pub(crate) struct Entry<D> {
    pub(crate) id: HandlerId,
    pub(crate) handler: Arc<dyn Handler<D>>,
}

impl<D> Clone for Entry<D> {
    fn clone(&self) -> Self {
        Entry {
            id: self.id,
            handler: self.handler.clone(),
        }
    }
}

/// Groups in ascending order, each with its handlers in the order they were added.
pub(crate) type Groups<D> = BTreeMap<i32, Vec<Entry<D>>>;

/// A registered error handler.
pub(crate) struct ErrorEntry<D> {
    pub(crate) id: HandlerId,
    pub(crate) callback: Arc<dyn Callback<D>>,
}

impl<D> Clone for ErrorEntry<D> {
    fn clone(&self) -> Self {
        ErrorEntry {
            id: self.id,
            callback: self.callback.clone(),
        }
    }
}

pub(crate) struct Registry<D> {
    groups: RwLock<Arc<Groups<D>>>,
    errors: RwLock<Arc<Vec<ErrorEntry<D>>>>,
    next_id: AtomicU64,
}

impl<D: 'static> Registry<D> {
    pub(crate) fn new() -> Self {
        Registry {
            groups: RwLock::new(Arc::new(BTreeMap::new())),
            errors: RwLock::new(Arc::new(Vec::new())),
            next_id: AtomicU64::new(1),
        }
    }

    fn id(&self) -> HandlerId {
        HandlerId(self.next_id.fetch_add(1, Ordering::Relaxed))
    }

    /// The handlers as they are now.
    pub(crate) fn snapshot(&self) -> Arc<Groups<D>> {
        read(&self.groups).clone()
    }

    /// The error handlers as they are now.
    pub(crate) fn error_handlers(&self) -> Arc<Vec<ErrorEntry<D>>> {
        read(&self.errors).clone()
    }

    pub(crate) fn add(&self, group: i32, handler: Arc<dyn Handler<D>>) -> HandlerId {
        let id = self.id();
        let mut groups = write(&self.groups);
        let mut next = Groups::clone(&groups);
        next.entry(group).or_default().push(Entry { id, handler });
        *groups = Arc::new(next);
        id
    }

    pub(crate) fn add_error(&self, callback: Arc<dyn Callback<D>>) -> HandlerId {
        let id = self.id();
        let mut errors = write(&self.errors);
        let mut next = Vec::clone(&errors);
        next.push(ErrorEntry { id, callback });
        *errors = Arc::new(next);
        id
    }

    /// Removes a handler or error handler; whether it was there.
    pub(crate) fn remove(&self, id: HandlerId) -> bool {
        {
            let mut groups = write(&self.groups);
            if groups.values().flatten().any(|e| e.id == id) {
                let mut next = Groups::clone(&groups);
                for handlers in next.values_mut() {
                    handlers.retain(|e| e.id != id);
                }
                next.retain(|_, handlers| !handlers.is_empty());
                *groups = Arc::new(next);
                return true;
            }
        }
        let mut errors = write(&self.errors);
        if errors.iter().any(|e| e.id == id) {
            let next = errors.iter().filter(|e| e.id != id).cloned().collect();
            *errors = Arc::new(next);
            return true;
        }
        false
    }

    /// The update kinds the registered handlers can take: `None` when one takes every kind
    /// (then `allowed_updates` lists them all), else their union in a stable order.
    pub(crate) fn update_kinds(&self) -> Option<Vec<&'static str>> {
        let groups = self.snapshot();
        let mut kinds: Vec<&'static str> = Vec::new();
        for entry in groups.values().flatten() {
            match entry.handler.update_kinds() {
                UpdateKinds::All => return None,
                UpdateKinds::None => {}
                UpdateKinds::Only(only) => {
                    for kind in only {
                        if !kinds.contains(&kind) {
                            kinds.push(kind);
                        }
                    }
                }
            }
        }
        Some(kinds)
    }
}

// A handler that panics is caught outside these locks, so they are never poisoned by user
// code; recover the data anyway rather than propagate a poison.
fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}
