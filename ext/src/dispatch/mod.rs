//! The machinery between update sources and handlers: ordering keys, per-key queues and the
//! ledger of in-flight and finished updates.

mod journal;
mod key;
mod ledger;
mod queues;

pub use journal::{FileJournal, Journaled, UpdateJournal};
pub use key::{KeyFn, OrderBy, OrderKey};
pub(crate) use ledger::{Admit, Ledger};
pub(crate) use queues::{Admission, KeyQueues};
