//! `MessageHandler`: messages that pass a filter.

use std::sync::Arc;

use crate::UpdateType;
use crate::context::Context;
use crate::error::HandlerError;
use crate::filters::Filter;
use crate::handler::{BotInfo, BoxFuture, Callback, Flow, Handler, Matched, UpdateKinds};
use crate::incoming::Incoming;
use crate::matches::Matches;

/// Handles messages that pass a filter: new, edited, channel, business and guest messages by
/// default ([`UpdateType::MESSAGES`]); narrow with [`kinds`](MessageHandler::kinds).
///
/// ```
/// use botapi_ext::{Context, HandlerResult, UpdateType, filters, handlers::MessageHandler};
///
/// async fn echo(ctx: Context) -> HandlerResult {
///     let msg = ctx.message()?;
///     msg.reply_text(&ctx.bot, msg.text.clone().unwrap_or_default()).await?;
///     Ok(())
/// }
///
/// let handler = MessageHandler::new(filters::TEXT & !filters::COMMAND, echo)
///     .kinds([UpdateType::Message]);
/// # let _ = handler;
/// ```
pub struct MessageHandler<D = ()> {
    filter: Filter,
    callback: Arc<dyn Callback<D>>,
    kinds: Vec<UpdateType>,
    blocking: bool,
}

impl<D> std::fmt::Debug for MessageHandler<D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageHandler")
            .field("filter", &self.filter)
            .field("kinds", &self.kinds)
            .finish_non_exhaustive()
    }
}

impl<D: Send + Sync + 'static> MessageHandler<D> {
    /// Handles the messages that pass `filter` (`filters::ALL` for every message).
    pub fn new(filter: Filter, callback: impl Callback<D>) -> Self {
        MessageHandler {
            filter,
            callback: Arc::new(callback),
            kinds: UpdateType::MESSAGES.to_vec(),
            blocking: true,
        }
    }

    /// Which message update kinds are taken (kinds whose payload is not a message are
    /// ignored).
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = UpdateType>) -> Self {
        self.kinds = kinds.into_iter().filter(|k| k.is_message()).collect();
        self
    }

    /// Whether the update's key waits for this handler (default `true`).
    pub fn blocking(mut self, blocking: bool) -> Self {
        self.blocking = blocking;
        self
    }
}

impl<D: Send + Sync + 'static> Handler<D> for MessageHandler<D> {
    fn check(&self, update: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        let update = update.telegram()?;
        if !self.kinds.contains(&UpdateType::of(update)?) {
            return None;
        }
        let mut matches = Matches::new();
        self.filter
            .check(update, &mut matches)
            .then(|| Matched::with_matches(matches))
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
