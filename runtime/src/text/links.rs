//! t.me links and display names.

use std::fmt;

/// Why [`create_deep_linked_url`] refused its input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeepLinkError {
    /// The bot username is empty, too short, or has characters other than `A-Z a-z 0-9 _`.
    InvalidUsername(String),
    /// The payload is longer than 64 characters.
    PayloadTooLong(usize),
    /// The payload has a character other than `A-Z a-z 0-9 _ -`.
    InvalidPayloadChar(char),
}

impl fmt::Display for DeepLinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeepLinkError::InvalidUsername(name) => write!(
                f,
                "invalid bot username {name:?}: expected at least 4 characters from A-Z, a-z, 0-9 and _"
            ),
            DeepLinkError::PayloadTooLong(len) => {
                write!(
                    f,
                    "deep-linking payload is {len} characters long, the limit is 64"
                )
            }
            DeepLinkError::InvalidPayloadChar(c) => write!(
                f,
                "invalid character {c:?} in deep-linking payload: only A-Z, a-z, 0-9, _ and - are allowed"
            ),
        }
    }
}

impl std::error::Error for DeepLinkError {}

/// A deep link that starts the bot with `payload`: `https://t.me/<bot>?start=<payload>`, or
/// `?startgroup=<payload>` to add the bot to a group (python-telegram-bot's
/// `helpers.create_deep_linked_url`).
///
/// A leading `@` of `bot_username` is dropped. Without a payload (`None` or empty) the link just
/// opens the bot: `https://t.me/<bot>`. The payload may have up to 64 characters from
/// `A-Z a-z 0-9 _ -` (encode anything else, e.g. with base64url).
///
/// ```
/// use botapi_runtime::text::create_deep_linked_url;
/// assert_eq!(create_deep_linked_url("@my_bot", Some("ref-42"), false).unwrap(), "https://t.me/my_bot?start=ref-42");
/// assert_eq!(create_deep_linked_url("my_bot", Some("x"), true).unwrap(), "https://t.me/my_bot?startgroup=x");
/// assert!(create_deep_linked_url("my_bot", Some("a b"), false).is_err());
/// ```
pub fn create_deep_linked_url(
    bot_username: &str,
    payload: Option<&str>,
    group: bool,
) -> Result<String, DeepLinkError> {
    let bot = bot_username.strip_prefix('@').unwrap_or(bot_username);
    // python-telegram-bot only requires more than 3 characters; the charset check keeps the URL intact.
    if bot.len() <= 3 || !bot.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(DeepLinkError::InvalidUsername(bot_username.to_owned()));
    }
    let base = format!("https://t.me/{bot}");
    let Some(payload) = payload.filter(|p| !p.is_empty()) else {
        return Ok(base);
    };
    let len = payload.chars().count();
    if len > 64 {
        return Err(DeepLinkError::PayloadTooLong(len));
    }
    if let Some(c) = payload
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
    {
        return Err(DeepLinkError::InvalidPayloadChar(c));
    }
    let key = if group { "startgroup" } else { "start" };
    Ok(format!("{base}?{key}={payload}"))
}

/// `https://t.me/<username>` when there is a username (python-telegram-bot's `User.link` and
/// `Chat.link`).
///
/// ```
/// use botapi_runtime::text::username_link;
/// assert_eq!(username_link(Some("durov")).as_deref(), Some("https://t.me/durov"));
/// assert_eq!(username_link(None), None);
/// ```
pub fn username_link(username: Option<&str>) -> Option<String> {
    username
        .filter(|u| !u.is_empty())
        .map(|u| format!("https://t.me/{u}"))
}

/// The first chat id of supergroups and channels: their Bot API ids are `-100` followed by the
/// internal id.
const CHANNEL_ID_BASE: i64 = -1_000_000_000_000;

/// The t.me link of a message, following python-telegram-bot's `Message.link`:
///
/// - with a public `chat_username`: `https://t.me/<username>/<message_id>`;
/// - a supergroup or channel without one: `https://t.me/c/<id>/<message_id>`, where `<id>` is the
///   chat id without its `-100` prefix (only members can open it);
/// - `None` for private chats and basic groups (ids not starting with `-100`), which have no
///   message links, even when the chat has a username.
///
/// `thread_id` adds `?thread=<id>`: pass the message's `message_thread_id` for messages in a forum
/// topic (python-telegram-bot also does so for replies).
///
/// ```
/// use botapi_runtime::text::message_link;
/// assert_eq!(message_link(-1001234567890, None, 7, None).as_deref(), Some("https://t.me/c/1234567890/7"));
/// assert_eq!(message_link(-1001234567890, Some("news"), 7, Some(3)).as_deref(), Some("https://t.me/news/7?thread=3"));
/// assert_eq!(message_link(12345, Some("alice"), 7, None), None);
/// ```
pub fn message_link(
    chat_id: i64,
    chat_username: Option<&str>,
    message_id: i64,
    thread_id: Option<i64>,
) -> Option<String> {
    if chat_id > CHANNEL_ID_BASE {
        return None;
    }
    let mut link = match chat_username.filter(|u| !u.is_empty()) {
        Some(username) => format!("https://t.me/{username}/{message_id}"),
        None => format!("https://t.me/c/{}/{message_id}", CHANNEL_ID_BASE - chat_id),
    };
    if let Some(thread) = thread_id {
        link.push_str(&format!("?thread={thread}"));
    }
    Some(link)
}

/// `first_name` followed by `last_name` when there is one (python-telegram-bot's
/// `User.full_name`).
///
/// ```
/// use botapi_runtime::text::full_name;
/// assert_eq!(full_name("Ada", Some("Lovelace")), "Ada Lovelace");
/// assert_eq!(full_name("Ada", None), "Ada");
/// ```
pub fn full_name(first_name: &str, last_name: Option<&str>) -> String {
    match last_name.filter(|l| !l.is_empty()) {
        Some(last) => format!("{first_name} {last}"),
        None => first_name.to_owned(),
    }
}

/// `@username` when there is a username, else [`full_name`] (python-telegram-bot's `User.name`).
///
/// ```
/// use botapi_runtime::text::display_name;
/// assert_eq!(display_name(Some("ada"), "Ada", Some("Lovelace")), "@ada");
/// assert_eq!(display_name(None, "Ada", Some("Lovelace")), "Ada Lovelace");
/// ```
pub fn display_name(username: Option<&str>, first_name: &str, last_name: Option<&str>) -> String {
    match username.filter(|u| !u.is_empty()) {
        Some(username) => format!("@{username}"),
        None => full_name(first_name, last_name),
    }
}

/// The name to show for a chat: its title (groups and channels), else the [`full_name`] of a
/// private chat, else `None` (python-telegram-bot's `Chat.effective_name`).
///
/// ```
/// use botapi_runtime::text::effective_name;
/// assert_eq!(effective_name(Some("Rustaceans"), None, None).as_deref(), Some("Rustaceans"));
/// assert_eq!(effective_name(None, Some("Ada"), None).as_deref(), Some("Ada"));
/// assert_eq!(effective_name(None, None, None), None);
/// ```
pub fn effective_name(
    title: Option<&str>,
    first_name: Option<&str>,
    last_name: Option<&str>,
) -> Option<String> {
    match (title, first_name) {
        (Some(title), _) => Some(title.to_owned()),
        (None, Some(first)) => Some(full_name(first, last_name)),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_links() {
        assert_eq!(
            create_deep_linked_url("my_bot", None, false).unwrap(),
            "https://t.me/my_bot"
        );
        assert_eq!(
            create_deep_linked_url("my_bot", Some(""), true).unwrap(),
            "https://t.me/my_bot"
        );
        let max = "aZ09_-".repeat(10) + "abcd";
        assert_eq!(max.len(), 64);
        assert_eq!(
            create_deep_linked_url("my_bot", Some(&max), false).unwrap(),
            format!("https://t.me/my_bot?start={max}")
        );
        let long = max.clone() + "x";
        assert_eq!(
            create_deep_linked_url("my_bot", Some(&long), false),
            Err(DeepLinkError::PayloadTooLong(65))
        );
        assert_eq!(
            create_deep_linked_url("my_bot", Some("a=b"), false),
            Err(DeepLinkError::InvalidPayloadChar('='))
        );
        assert_eq!(
            create_deep_linked_url("my_bot", Some("é"), false),
            Err(DeepLinkError::InvalidPayloadChar('é'))
        );
        for bad in ["", "@", "bot", "@bot", "my bot", "my/bot"] {
            assert_eq!(
                create_deep_linked_url(bad, None, false),
                Err(DeepLinkError::InvalidUsername(bad.to_owned())),
                "{bad:?}"
            );
        }
        let err = create_deep_linked_url("my_bot", Some("a b"), false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid character ' ' in deep-linking payload: only A-Z, a-z, 0-9, _ and - are allowed"
        );
    }

    #[test]
    fn message_links() {
        // Channel without username: the -100 prefix is removed.
        assert_eq!(
            message_link(-1001000000001, None, 1, None).as_deref(),
            Some("https://t.me/c/1000000001/1")
        );
        // Larger internal ids keep all their digits (a textual "strip -100" would lose a 0 here).
        assert_eq!(
            message_link(-1010000000000, None, 5, Some(9)).as_deref(),
            Some("https://t.me/c/10000000000/5?thread=9")
        );
        assert_eq!(
            message_link(-1001234567890, Some(""), 2, None).as_deref(),
            Some("https://t.me/c/1234567890/2")
        );
        // Basic groups and private chats.
        assert_eq!(message_link(-123456789, Some("grp"), 1, None), None);
        assert_eq!(message_link(-999999999999, None, 1, None), None);
        assert_eq!(message_link(777, None, 1, None), None);
    }

    #[test]
    fn names() {
        assert_eq!(full_name("Ada", Some("")), "Ada");
        assert_eq!(display_name(Some(""), "Ada", None), "Ada");
        assert_eq!(
            effective_name(Some("T"), Some("Ada"), Some("L")).as_deref(),
            Some("T")
        );
        assert_eq!(
            effective_name(None, Some("Ada"), Some("L")).as_deref(),
            Some("Ada L")
        );
        assert_eq!(username_link(Some("")), None);
    }
}
