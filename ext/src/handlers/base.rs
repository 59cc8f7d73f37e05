//! What the hand-written handlers share: the callback, `blocking`, the update kinds taken, an
//! optional filter and the chats and users they are restricted to. Each handler adds only its
//! own check; [`handler!`] writes the rest.

use std::sync::Arc;

use botapi::types::{Chat, ChatType, Update, User};

use crate::UpdateType;
use crate::context::Context;
use crate::error::HandlerError;
use crate::filters::Filter;
use crate::handler::{BoxFuture, Callback, Flow, Matched, UpdateKinds};
use crate::handlers::pattern::Pattern;
use crate::incoming::Incoming;

/// The common part of a handler.
pub(crate) struct Base<D> {
    callback: Arc<dyn Callback<D>>,
    pub(crate) blocking: bool,
    /// The Telegram update kinds taken; empty for handlers of custom updates.
    pub(crate) kinds: Vec<UpdateType>,
    pub(crate) filter: Option<Filter>,
    pub(crate) scope: Scope,
}

impl<D: Send + Sync + 'static> Base<D> {
    pub(crate) fn new(kinds: &[UpdateType], callback: impl Callback<D>) -> Self {
        Base {
            callback: Arc::new(callback),
            blocking: true,
            kinds: kinds.to_vec(),
            filter: None,
            scope: Scope::default(),
        }
    }

    /// The Telegram update, if it is of a kind taken and in the scope.
    pub(crate) fn admit<'a>(&self, incoming: &'a Incoming) -> Option<&'a Update> {
        let update = incoming.telegram()?;
        let kind = UpdateType::of(update)?;
        (self.kinds.contains(&kind) && self.scope.admits(update)).then_some(update)
    }

    /// `matched`, if the update also passes the filter (whose captures come after the
    /// handler's own).
    pub(crate) fn finish(&self, update: &Update, mut matched: Matched) -> Option<Matched> {
        match &self.filter {
            Some(filter) if !filter.check(update, &mut matched.matches) => None,
            _ => Some(matched),
        }
    }

    /// The check of a handler without a check of its own.
    pub(crate) fn select(&self, incoming: &Incoming) -> Option<Matched> {
        let update = self.admit(incoming)?;
        self.finish(update, Matched::empty())
    }

    /// The check of a handler whose pattern matches one text of the payload (`text` says
    /// which, `None` for another kind of update); no pattern takes every update.
    pub(crate) fn select_text(
        &self,
        incoming: &Incoming,
        pattern: Option<&Pattern>,
        text: impl Fn(&Update) -> Option<&str>,
    ) -> Option<Matched> {
        let update = self.admit(incoming)?;
        let text = text(update)?;
        let mut matched = Matched::empty();
        if !pattern.is_none_or(|p| p.check(text, &mut matched)) {
            return None;
        }
        self.finish(update, matched)
    }

    pub(crate) fn add_filter(&mut self, filter: Filter) {
        self.filter = Some(match self.filter.take() {
            Some(previous) => previous & filter,
            None => filter,
        });
    }

    pub(crate) fn handle(&self, ctx: Context<D>) -> BoxFuture<Result<Flow, HandlerError>> {
        self.callback.call(ctx)
    }

    pub(crate) fn update_kinds(&self) -> UpdateKinds {
        if self.kinds.is_empty() {
            UpdateKinds::None
        } else {
            UpdateKinds::Only(self.kinds.iter().map(|k| k.name()).collect())
        }
    }
}

/// The chats and users a handler is restricted to: an update passes when nothing is set, when
/// its chat is one of the chats, or when its user is one of the users.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    pub(crate) chat_ids: Vec<i64>,
    pub(crate) chat_usernames: Vec<String>,
    pub(crate) user_ids: Vec<i64>,
    pub(crate) user_usernames: Vec<String>,
}

impl Scope {
    fn is_open(&self) -> bool {
        self.chat_ids.is_empty()
            && self.chat_usernames.is_empty()
            && self.user_ids.is_empty()
            && self.user_usernames.is_empty()
    }

    fn admits(&self, update: &Update) -> bool {
        if self.is_open() {
            return true;
        }
        let chat = update.effective_chat();
        let chat_in = chat.is_some_and(|c| {
            self.chat_ids.contains(&c.id) || listed(&self.chat_usernames, c.username.as_deref())
        });
        chat_in || self.user_in(update.effective_user(), chat)
    }

    /// Whether the user is listed; an update without a user but in a private chat (deleted
    /// business messages) has that chat's user, whose id and username are the chat's.
    fn user_in(&self, user: Option<&User>, chat: Option<&Chat>) -> bool {
        let (id, username) = match (user, chat) {
            (Some(user), _) => (user.id, user.username.as_deref()),
            (None, Some(chat)) if chat.kind == ChatType::Private => (chat.id, chat.username.as_deref()),
            _ => return false,
        };
        self.user_ids.contains(&id) || listed(&self.user_usernames, username)
    }
}

fn listed(usernames: &[String], username: Option<&str>) -> bool {
    username.is_some_and(|name| usernames.iter().any(|u| u.eq_ignore_ascii_case(name)))
}

/// Usernames as given (`@name` or `name`), without the `@`.
pub(crate) fn usernames<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Vec<String> {
    names
        .into_iter()
        .map(|n| n.as_ref().trim_start_matches('@').to_owned())
        .collect()
}

/// Implements [`Handler`](crate::Handler) and `blocking` (plus `filter` for Telegram
/// handlers, and chat and user restrictions where asked) for a handler struct with a
/// `base: Base<D>` field and an inherent `fn select(&self, &Incoming, &BotInfo) ->
/// Option<Matched>`; `Debug` shows the kinds and the listed fields.
macro_rules! handler {
    ($name:ident { $($field:ident),* } $(, $extra:ident $(($($arg:tt)*))?)*) => {
        impl<D> std::fmt::Debug for $name<D> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("kinds", &self.base.kinds)
                    $(.field(stringify!($field), &self.$field))*
                    .field("blocking", &self.base.blocking)
                    .finish_non_exhaustive()
            }
        }

        impl<D: Send + Sync + 'static> $name<D> {
            /// Whether the update's key waits for this handler (default `true`); with `false`
            /// it runs beside the key's next updates (python-telegram-bot's `block=False`).
            pub fn blocking(mut self, blocking: bool) -> Self {
                self.base.blocking = blocking;
                self
            }
        }

        $($crate::handlers::base::handler!(@$extra $name $($($arg)*)?);)*

        impl<D: Send + Sync + 'static> $crate::Handler<D> for $name<D> {
            fn check(
                &self,
                update: &$crate::Incoming,
                bot: &$crate::BotInfo,
            ) -> Option<$crate::Matched> {
                self.select(update, bot)
            }

            fn handle(
                &self,
                ctx: $crate::Context<D>,
            ) -> $crate::BoxFuture<Result<$crate::Flow, $crate::HandlerError>> {
                self.base.handle(ctx)
            }

            fn blocking(&self) -> bool {
                self.base.blocking
            }

            fn update_kinds(&self) -> $crate::UpdateKinds {
                self.base.update_kinds()
            }
        }
    };
    (@filter $name:ident) => {
        impl<D: Send + Sync + 'static> $name<D> {
            /// Only updates that also pass `filter` (added to a previous filter with `&`);
            /// its captures come after the handler's own in [`Context::matches`](crate::Context::matches).
            pub fn filter(mut self, filter: $crate::filters::Filter) -> Self {
                self.base.add_filter(filter);
                self
            }
        }
    };
    (@select $name:ident) => {
        impl<D: Send + Sync + 'static> $name<D> {
            fn select(&self, incoming: &$crate::Incoming, _bot: &$crate::BotInfo) -> Option<$crate::Matched> {
                self.base.select(incoming)
            }
        }
    };
    (@updates $name:ident $set:ident) => {
        impl<D: Send + Sync + 'static> $name<D> {
            #[doc = concat!("Handles the updates of the default [`", stringify!($set), "`] variant; choose others with [`updates`](Self::updates).")]
            pub fn new(callback: impl $crate::Callback<D>) -> Self {
                let base = $crate::handlers::base::Base::new($set::default().kinds(), callback);
                $name { base }
            }

            /// Which of its update kinds the handler takes.
            pub fn updates(mut self, updates: $set) -> Self {
                self.base.kinds = updates.kinds().to_vec();
                self
            }
        }
    };
    (@text $name:ident $variant:ident . $text:ident) => {
        impl<D: Send + Sync + 'static> $name<D> {
            #[doc = concat!("Only updates whose `", stringify!($text), "` matches `pattern` (a `&str` is a regex).")]
            pub fn pattern(mut self, pattern: impl Into<$crate::handlers::Pattern>) -> Self {
                self.pattern = Some(pattern.into());
                self
            }

            fn select(&self, incoming: &$crate::Incoming, _bot: &$crate::BotInfo) -> Option<$crate::Matched> {
                self.base.select_text(incoming, self.pattern.as_ref(), |update| {
                    Some(&$crate::handlers::base::payload!(update, $variant).$text)
                })
            }
        }
    };
    (@chats $name:ident) => {
        impl<D: Send + Sync + 'static> $name<D> {
            /// Only updates in these chats (added to the chats and users already given; an
            /// update passes if its chat or its user is listed).
            pub fn chat_ids(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
                self.base.scope.chat_ids.extend(ids);
                self
            }

            /// Only updates in the chats with these usernames (`@name` or `name`, any case).
            pub fn chat_usernames<S: AsRef<str>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
                let names = $crate::handlers::base::usernames(names);
                self.base.scope.chat_usernames.extend(names);
                self
            }
        }
    };
    (@users $name:ident) => {
        impl<D: Send + Sync + 'static> $name<D> {
            /// Only updates from these users (added to the chats and users already given; an
            /// update passes if its chat or its user is listed).
            pub fn user_ids(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
                self.base.scope.user_ids.extend(ids);
                self
            }

            /// Only updates from the users with these usernames (`@name` or `name`, any case).
            pub fn user_usernames<S: AsRef<str>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
                let names = $crate::handlers::base::usernames(names);
                self.base.scope.user_usernames.extend(names);
                self
            }
        }
    };
}

pub(crate) use handler;

/// The payload of update kind `$variant`, or `return None`.
macro_rules! payload {
    ($update:expr, $variant:ident) => {
        match &$update.kind {
            botapi::types::UpdateKind::$variant(payload) => &**payload,
            _ => return None,
        }
    };
}

pub(crate) use payload;

/// An enum of the update kinds a handler can take, each variant with its kinds.
macro_rules! update_set {
    (
        $(#[$meta:meta])*
        pub enum $set:ident {
            $($(#[$vmeta:meta])* $variant:ident => [$($kind:ident),+],)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub enum $set {
            $($(#[$vmeta])* $variant,)+
        }

        impl $set {
            fn kinds(self) -> &'static [$crate::UpdateType] {
                match self {
                    $($set::$variant => &[$($crate::UpdateType::$kind),+],)+
                }
            }
        }
    };
}

pub(crate) use update_set;
