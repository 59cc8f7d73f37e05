//! `KindHandler`: any update kind, optionally filtered.

use std::sync::Arc;

use crate::UpdateType;
use crate::context::Context;
use crate::error::HandlerError;
use crate::filters::Filter;
use crate::handler::{BotInfo, BoxFuture, Callback, Flow, Handler, Matched, UpdateKinds};
use crate::incoming::Incoming;
use crate::matches::Matches;

/// Handles the updates of one or more kinds that pass an optional filter.
///
/// The generated handlers (`PollHandler`, `ShippingQueryHandler`, ...) are this with their
/// kind; use it directly for several kinds at once or for a kind without a named handler.
pub struct KindHandler<D = ()> {
    kinds: Vec<UpdateType>,
    filter: Option<Filter>,
    callback: Arc<dyn Callback<D>>,
    blocking: bool,
}

impl<D> std::fmt::Debug for KindHandler<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KindHandler")
            .field("kinds", &self.kinds)
            .field("filter", &self.filter)
            .field("blocking", &self.blocking)
            .finish_non_exhaustive()
    }
}

impl<D: Send + Sync + 'static> KindHandler<D> {
    /// Handles updates of `kind`.
    pub fn new(kind: UpdateType, callback: impl Callback<D>) -> Self {
        Self::of_kinds([kind], callback)
    }

    /// Handles updates of any of `kinds`.
    pub fn of_kinds(kinds: impl IntoIterator<Item = UpdateType>, callback: impl Callback<D>) -> Self {
        KindHandler {
            kinds: kinds.into_iter().collect(),
            filter: None,
            callback: Arc::new(callback),
            blocking: true,
        }
    }

    /// Only updates that also pass `filter` (added to a previous filter with `&`).
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = Some(match self.filter.take() {
            Some(previous) => previous & filter,
            None => filter,
        });
        self
    }

    /// Whether the update's key waits for this handler (default `true`).
    pub fn blocking(mut self, blocking: bool) -> Self {
        self.blocking = blocking;
        self
    }
}

impl<D: Send + Sync + 'static> Handler<D> for KindHandler<D> {
    fn check(&self, update: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        let update = update.telegram()?;
        let kind = UpdateType::of(update)?;
        if !self.kinds.contains(&kind) {
            return None;
        }
        let mut matches = Matches::new();
        match &self.filter {
            Some(filter) if !filter.check(update, &mut matches) => None,
            _ => Some(Matched::with_matches(matches)),
        }
    }

    fn handle(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>> {
        self.callback.call(ctx)
    }

    fn blocking(&self) -> bool {
        self.blocking
    }

    fn update_kinds(&self) -> UpdateKinds {
        UpdateKinds::Only(self.kinds.iter().map(|k| k.name()).collect())
    }
}
