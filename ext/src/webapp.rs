//! Web App `initData`: validated as Telegram documents ("Validating data received via the
//! Mini App"), before a bot trusts who opened its Web App.
//!
//! The Web App sends `Telegram.WebApp.initData` (a query string) to the bot's server; the
//! server checks its `hash` — an HMAC-SHA-256 keyed with the bot's token — and only then
//! reads the user from it:
//!
//! ```
//! use botapi_ext::webapp::{InitData, InitDataError};
//! use std::time::Duration;
//!
//! fn who_opened(init_data: &str, token: &str) -> Result<i64, InitDataError> {
//!     let data = InitData::validate(init_data, token)?;
//!     data.ensure_fresh(Duration::from_secs(24 * 3600))?;
//!     Ok(data.user.map(|user| user.id).unwrap_or_default())
//! }
//! # let _ = who_opened;
//! ```

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Why `initData` was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InitDataError {
    /// There is no `hash` field: this is not `Telegram.WebApp.initData`.
    #[error("the init data has no `hash` field; send `Telegram.WebApp.initData` unchanged")]
    MissingHash,
    /// The hash does not match: the data was altered, or signed for another bot.
    #[error("the init data's hash does not match: it was altered, or is for another bot's token")]
    BadHash,
    /// A field could not be read (`auth_date` not a number, `user` not JSON).
    #[error("the init data's `{field}` field is malformed: {reason}")]
    Malformed {
        /// The field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The data is older than allowed (a replayed request).
    #[error("the init data is {age:?} old, more than the {max_age:?} allowed")]
    Expired {
        /// How old it is.
        age: Duration,
        /// The limit given to `ensure_fresh`.
        max_age: Duration,
    },
}

/// The user who opened the Web App (Telegram's `WebAppUser`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebAppUser {
    /// The user's id.
    pub id: i64,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: Option<String>,
    /// Username.
    pub username: Option<String>,
    /// IETF language tag of the user's language.
    pub language_code: Option<String>,
    /// Whether the user has Telegram Premium.
    pub is_premium: bool,
    /// Every field as sent, for the ones not named here (`photo_url`, `allows_write_to_pm`...).
    pub raw: serde_json::Value,
}

/// Validated `initData`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InitData {
    /// The query id for `answerWebAppQuery`, when the Web App was opened from a keyboard
    /// button of an inline mode message.
    pub query_id: Option<String>,
    /// The user, when opened from a private chat or the menu.
    pub user: Option<WebAppUser>,
    /// When the Web App was opened, in Unix time.
    pub auth_date: i64,
    /// `start_param` of a direct link (`startapp`).
    pub start_param: Option<String>,
    /// The type of chat the Web App was opened from.
    pub chat_type: Option<String>,
    /// The chat instance the Web App was opened from.
    pub chat_instance: Option<String>,
    /// Every field, decoded (including `hash`).
    pub fields: BTreeMap<String, String>,
}

impl InitData {
    /// Checks `init_data`'s hash against the bot's `token` and reads it.
    ///
    /// The check is Telegram's: the data-check string is every field but `hash`, sorted by
    /// name, as `name=value` lines; its HMAC-SHA-256 under the key
    /// `HMAC-SHA-256("WebAppData", token)` must be `hash` (compared in constant time).
    pub fn validate(init_data: &str, token: &str) -> Result<InitData, InitDataError> {
        let fields: BTreeMap<String, String> = form_urlencoded::parse(init_data.as_bytes())
            .into_owned()
            .collect();
        let hash = fields.get("hash").ok_or(InitDataError::MissingHash)?;
        let expected = hex_decode(hash).ok_or(InitDataError::BadHash)?;
        let check: Vec<String> = fields
            .iter()
            .filter(|(name, _)| *name != "hash")
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        let mut secret = HmacSha256::new_from_slice(b"WebAppData").expect("HMAC takes any key");
        secret.update(token.as_bytes());
        let secret = secret.finalize().into_bytes();
        let mut mac = HmacSha256::new_from_slice(&secret).expect("HMAC takes any key");
        mac.update(check.join("\n").as_bytes());
        mac.verify_slice(&expected).map_err(|_| InitDataError::BadHash)?;
        InitData::read(fields)
    }

    fn read(fields: BTreeMap<String, String>) -> Result<InitData, InitDataError> {
        let auth_date = fields
            .get("auth_date")
            .ok_or_else(|| malformed("auth_date", "missing"))?
            .parse()
            .map_err(|_| malformed("auth_date", "not a number"))?;
        let user = fields.get("user").map(|user| read_user(user)).transpose()?;
        let get = |name: &str| fields.get(name).cloned();
        Ok(InitData {
            query_id: get("query_id"),
            user,
            auth_date,
            start_param: get("start_param"),
            chat_type: get("chat_type"),
            chat_instance: get("chat_instance"),
            fields,
        })
    }

    /// Refuses data older than `max_age` (Telegram advises checking `auth_date`, so that a
    /// captured request cannot be replayed forever).
    pub fn ensure_fresh(&self, max_age: Duration) -> Result<(), InitDataError> {
        self.ensure_fresh_at(max_age, SystemTime::now())
    }

    /// [`ensure_fresh`](Self::ensure_fresh) at the time `now`.
    pub fn ensure_fresh_at(&self, max_age: Duration, now: SystemTime) -> Result<(), InitDataError> {
        let opened = UNIX_EPOCH + Duration::from_secs(u64::try_from(self.auth_date).unwrap_or(0));
        let age = now.duration_since(opened).unwrap_or_default();
        if age > max_age {
            return Err(InitDataError::Expired { age, max_age });
        }
        Ok(())
    }
}

fn malformed(field: &'static str, reason: impl Into<String>) -> InitDataError {
    InitDataError::Malformed {
        field,
        reason: reason.into(),
    }
}

fn read_user(json: &str) -> Result<WebAppUser, InitDataError> {
    let raw: serde_json::Value = serde_json::from_str(json).map_err(|e| malformed("user", e.to_string()))?;
    let text = |name: &str| raw.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    Ok(WebAppUser {
        id: raw
            .get("id")
            .and_then(serde_json::Value::as_i64)
            .ok_or_else(|| malformed("user", "no numeric `id`"))?,
        first_name: text("first_name").unwrap_or_default(),
        last_name: text("last_name"),
        username: text("username"),
        language_code: text("language_code"),
        is_premium: raw.get("is_premium").and_then(serde_json::Value::as_bool) == Some(true),
        raw,
    })
}

/// Lowercase or uppercase hex to bytes; `None` for anything else.
fn hex_decode(hex: &str) -> Option<Vec<u8>> {
    if hex.len() % 2 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    // Signed outside this crate (Python's hmac, following Telegram's documented steps), so the
    // test does not check the implementation against itself.
    const SIGNED: &str = "query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=%7B%22id%22%3A279058397%2C%22first_name%22%3A%22Vladislav%22%2C%22last_name%22%3A%22Kibenko%22%2C%22username%22%3A%22vdkfrost%22%2C%22language_code%22%3A%22ru%22%2C%22is_premium%22%3Atrue%2C%22allows_write_to_pm%22%3Atrue%7D&auth_date=1662771648&chat_instance=-3788475317572404878&chat_type=private&signature=abc&hash=679989de8a178e4aff8f6ecd91e2e7b19c20cbe55877b707504c2fa30a8ac6c0";

    #[test]
    fn data_signed_as_telegram_documents_is_accepted_and_read() {
        let data = InitData::validate(SIGNED, TOKEN).unwrap();
        let user = data.user.as_ref().unwrap();
        assert_eq!(user.id, 279058397);
        assert_eq!(user.first_name, "Vladislav");
        assert_eq!(user.username.as_deref(), Some("vdkfrost"));
        assert!(user.is_premium);
        assert_eq!(user.raw["allows_write_to_pm"], true);
        assert_eq!(data.auth_date, 1662771648);
        assert_eq!(data.query_id.as_deref(), Some("AAHdF6IQAAAAAN0XohDhrOrc"));
        assert_eq!(data.chat_type.as_deref(), Some("private"));
        // The field order of the query string does not matter.
        let mut parts: Vec<&str> = SIGNED.split('&').collect();
        parts.reverse();
        assert!(InitData::validate(&parts.join("&"), TOKEN).is_ok());
    }

    #[test]
    fn tampered_data_or_another_token_is_refused() {
        let tampered = SIGNED.replace("279058397", "279058398");
        assert_eq!(InitData::validate(&tampered, TOKEN), Err(InitDataError::BadHash));
        let added = format!("start_param=x&{SIGNED}");
        assert_eq!(InitData::validate(&added, TOKEN), Err(InitDataError::BadHash));
        let dropped = SIGNED.replace("signature=abc&", "");
        assert_eq!(InitData::validate(&dropped, TOKEN), Err(InitDataError::BadHash));
        assert_eq!(
            InitData::validate(SIGNED, "123456:another-token"),
            Err(InitDataError::BadHash)
        );
        let no_hash = SIGNED.split("&hash=").next().unwrap();
        assert_eq!(
            InitData::validate(no_hash, TOKEN),
            Err(InitDataError::MissingHash)
        );
        let bad_hex = format!("{no_hash}&hash=zz");
        assert_eq!(InitData::validate(&bad_hex, TOKEN), Err(InitDataError::BadHash));
        assert_eq!(InitData::validate("", TOKEN), Err(InitDataError::MissingHash));
    }

    #[test]
    fn old_data_is_refused_when_asked() {
        let data = InitData::validate(SIGNED, TOKEN).unwrap();
        let opened = UNIX_EPOCH + Duration::from_secs(1662771648);
        let day = Duration::from_secs(86_400);
        assert!(data.ensure_fresh_at(day, opened + day / 2).is_ok());
        assert!(matches!(
            data.ensure_fresh_at(day, opened + day * 2),
            Err(InitDataError::Expired { .. })
        ));
        assert!(data.ensure_fresh(day).is_err(), "2022's data is stale today");
    }
}
