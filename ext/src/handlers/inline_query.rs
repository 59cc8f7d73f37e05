//! `InlineQueryHandler`: inline queries (`@your_bot query` typed in any chat).

use botapi::types::InlineQueryChatType;

use crate::UpdateType;
use crate::handler::{BotInfo, Callback, Matched};
use crate::handlers::base::{Base, handler, payload};
use crate::handlers::pattern::Pattern;
use crate::incoming::Incoming;

/// Handles inline queries, all of them or those whose query text matches a [`Pattern`]
/// (captures in [`Context::captures`](crate::Context::captures)), optionally only from some
/// kinds of chat ([`chat_types`](InlineQueryHandler::chat_types)).
///
/// ```
/// use botapi_ext::botapi::types::InlineQueryChatType;
/// use botapi_ext::{Context, HandlerResult, handlers::InlineQueryHandler};
///
/// async fn search(ctx: Context) -> HandlerResult {
///     let query = ctx.inline_query()?;
///     let term = ctx.captures().and_then(|c| c.get(1)).unwrap_or_default();
///     println!("{} searches for {term}", query.from.first_name);
///     Ok(())
/// }
///
/// let handler = InlineQueryHandler::new(search)
///     .pattern(r"^find (.+)$")
///     .chat_types([InlineQueryChatType::Private, InlineQueryChatType::Sender]);
/// # let _ = handler;
/// ```
pub struct InlineQueryHandler<D = ()> {
    base: Base<D>,
    pattern: Option<Pattern>,
    chat_types: Option<Vec<InlineQueryChatType>>,
}

handler!(InlineQueryHandler { pattern, chat_types }, filter, users);

impl<D: Send + Sync + 'static> InlineQueryHandler<D> {
    /// Handles every inline query.
    pub fn new(callback: impl Callback<D>) -> Self {
        InlineQueryHandler {
            base: Base::new(&[UpdateType::InlineQuery], callback),
            pattern: None,
            chat_types: None,
        }
    }

    /// Only queries whose text matches `pattern` (a `&str` is a regex).
    pub fn pattern(mut self, pattern: impl Into<Pattern>) -> Self {
        self.pattern = Some(pattern.into());
        self
    }

    /// Only queries sent from these kinds of chat (queries that do not say their chat type
    /// do not pass).
    pub fn chat_types(mut self, types: impl IntoIterator<Item = InlineQueryChatType>) -> Self {
        self.chat_types = Some(types.into_iter().collect());
        self
    }

    fn select(&self, incoming: &Incoming, _bot: &BotInfo) -> Option<Matched> {
        self.base.select_text(incoming, self.pattern.as_ref(), |update| {
            let query = payload!(update, InlineQuery);
            let typed = |types: &Vec<_>| query.chat_type.as_ref().is_some_and(|t| types.contains(t));
            self.chat_types.as_ref().is_none_or(typed).then_some(&query.query)
        })
    }
}
