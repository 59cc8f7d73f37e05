//! Reading a Bot API answer: the `{ok, result | error_code, description, parameters}` envelope,
//! and the classification of `ok: false` answers into [`Error`] variants.

use std::time::Duration;

use serde::de::{Deserialize, Deserializer, MapAccess};
use serde_json::value::RawValue;

use crate::de;
use crate::error::EXCERPT_LEN;
use crate::{Error, Token};

struct Envelope<'a> {
    ok: bool,
    result: Option<&'a RawValue>,
    error_code: Option<i64>,
    description: Option<String>,
    parameters: Option<Parameters>,
}

/// `ResponseParameters`: why a request failed and what to do about it.
struct Parameters {
    migrate_to_chat_id: Option<i64>,
    retry_after: Option<f64>,
}

// Read through the generated types' machinery (`de::object`) rather than derived, so that the
// runtime does not need serde's derive macros. Unknown keys are skipped.
impl<'de> Deserialize<'de> for Envelope<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::object(deserializer)
    }
}

impl<'de> de::FromMap<'de> for Envelope<'de> {
    const EXPECTING: &'static str = "a Bot API response object";

    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut ok = None;
        let mut envelope = Envelope {
            ok: false,
            result: None,
            error_code: None,
            description: None,
            parameters: None,
        };
        while let Some(key) = map.next_key::<de::Key<'de>>()? {
            match key.as_str() {
                "ok" => de::req(&mut map, &mut ok),
                "result" => de::opt(&mut map, &mut envelope.result),
                "error_code" => de::opt(&mut map, &mut envelope.error_code),
                "description" => de::opt(&mut map, &mut envelope.description),
                "parameters" => de::opt(&mut map, &mut envelope.parameters),
                _ => de::skip_value(&mut map),
            }?;
        }
        envelope.ok = de::required(ok, "ok")?;
        Ok(envelope)
    }
}

impl<'de> Deserialize<'de> for Parameters {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        de::object(deserializer)
    }
}

impl<'de> de::FromMap<'de> for Parameters {
    const EXPECTING: &'static str = "a ResponseParameters object";

    fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut parameters = Parameters {
            migrate_to_chat_id: None,
            retry_after: None,
        };
        while let Some(key) = map.next_key::<de::Key<'de>>()? {
            match key.as_str() {
                "migrate_to_chat_id" => de::opt(&mut map, &mut parameters.migrate_to_chat_id),
                "retry_after" => de::opt(&mut map, &mut parameters.retry_after),
                _ => de::skip_value(&mut map),
            }?;
        }
        Ok(parameters)
    }
}

/// Who asked, for telling an unknown method from a bad token on a 404.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Caller<'a> {
    /// A method call; `token_accepted` when an earlier call succeeded.
    Method { name: &'a str, token_accepted: bool },
    /// A file download.
    Download,
}

/// The `result` of a successful answer, or the error the answer stands for.
pub(crate) fn parse(
    status: u16,
    body: &[u8],
    caller: Caller<'_>,
    token: &Token,
) -> Result<Box<RawValue>, Error> {
    let envelope: Envelope<'_> = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(err) => {
            return Err(Error::InvalidResponse {
                status,
                reason: "the body is not a Bot API response".to_owned(),
                excerpt: excerpt(token, body),
                source: Some(err),
            });
        }
    };
    if envelope.ok && (200..300).contains(&status) {
        let result = envelope.result.unwrap_or(RawValue::NULL);
        return Ok(result.to_owned());
    }
    if envelope.ok {
        return Err(Error::InvalidResponse {
            status,
            reason: "`ok: true` with an error status".to_owned(),
            excerpt: excerpt(token, body),
            source: None,
        });
    }
    Err(classify(status, envelope, caller, token))
}

fn classify(status: u16, envelope: Envelope<'_>, caller: Caller<'_>, token: &Token) -> Error {
    let code = envelope
        .error_code
        .and_then(|c| u16::try_from(c).ok())
        .unwrap_or(status);
    let description = match envelope.description {
        Some(text) => token.redact(&text),
        None => format!("HTTP {code}"),
    };
    if let Some(parameters) = envelope.parameters {
        if let Some(new_chat_id) = parameters.migrate_to_chat_id {
            return Error::ChatMigrated {
                new_chat_id,
                description,
            };
        }
        if let Some(secs) = parameters.retry_after.filter(|s| s.is_finite() && *s >= 0.0) {
            return Error::RetryAfter {
                retry_after: Duration::from_secs_f64(secs),
                description,
            };
        }
    }
    match (code, caller) {
        (400, _) => Error::BadRequest { description },
        (401, _) => Error::InvalidToken { code, description },
        (403, _) => Error::Forbidden { description },
        (404, Caller::Method { name, token_accepted })
            if token_accepted && !name.eq_ignore_ascii_case("getMe") =>
        {
            Error::EndpointNotFound {
                method: name.to_owned(),
                description,
            }
        }
        (404, Caller::Method { .. }) => Error::InvalidToken { code, description },
        (409, _) => Error::Conflict { description },
        _ => Error::Api { code, description },
    }
}

/// The start of a body, at most [`EXCERPT_LEN`] bytes cut at a character boundary, with the
/// token redacted.
pub(crate) fn excerpt(token: &Token, body: &[u8]) -> String {
    // Redact a window longer than any token before cutting, so that a token across the cut is
    // never half-shown.
    let window = &body[..body.len().min(EXCERPT_LEN + 256)];
    let mut text = token.redact(&String::from_utf8_lossy(window));
    let mut end = text.len().min(EXCERPT_LEN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "42:SECRET";

    fn err(status: u16, body: &str, caller: Caller<'_>) -> Error {
        parse(status, body.as_bytes(), caller, &Token::new(TOKEN)).unwrap_err()
    }

    const FRESH: Caller<'static> = Caller::Method {
        name: "sendMessage",
        token_accepted: false,
    };
    const ACCEPTED: Caller<'static> = Caller::Method {
        name: "sendMessage",
        token_accepted: true,
    };

    #[test]
    fn ok_answers_return_the_raw_result() {
        let raw = parse(
            200,
            br#"{"ok":true,"result":{"a":[1]}}"#,
            FRESH,
            &Token::new(TOKEN),
        )
        .unwrap();
        assert_eq!(raw.get(), r#"{"a":[1]}"#);
        let raw = parse(200, br#"{"ok":true}"#, FRESH, &Token::new(TOKEN)).unwrap();
        assert_eq!(raw.get(), "null");
    }

    #[test]
    fn error_codes_map_like_ptb() {
        let body = |code: u16| format!(r#"{{"ok":false,"error_code":{code},"description":"D"}}"#);
        assert!(matches!(err(400, &body(400), FRESH), Error::BadRequest { .. }));
        assert!(matches!(
            err(401, &body(401), ACCEPTED),
            Error::InvalidToken { code: 401, .. }
        ));
        assert!(matches!(err(403, &body(403), FRESH), Error::Forbidden { .. }));
        assert!(matches!(
            err(404, &body(404), FRESH),
            Error::InvalidToken { code: 404, .. }
        ));
        assert!(matches!(
            err(404, &body(404), ACCEPTED),
            Error::EndpointNotFound { .. }
        ));
        let get_me = Caller::Method {
            name: "getMe",
            token_accepted: true,
        };
        assert!(matches!(err(404, &body(404), get_me), Error::InvalidToken { .. }));
        assert!(matches!(
            err(404, &body(404), Caller::Download),
            Error::Api { code: 404, .. }
        ));
        assert!(matches!(err(409, &body(409), FRESH), Error::Conflict { .. }));
        assert!(matches!(
            err(502, &body(502), FRESH),
            Error::Api { code: 502, .. }
        ));
    }

    #[test]
    fn parameters_win_over_the_code() {
        let flood = r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7",
            "parameters":{"retry_after":7}}"#;
        let e = err(429, flood, FRESH);
        assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));
        assert_eq!(e.description(), Some("Too Many Requests: retry after 7"));
        let migrated = r#"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded",
            "parameters":{"migrate_to_chat_id":-1001}}"#;
        assert_eq!(err(400, migrated, FRESH).migrate_to_chat_id(), Some(-1001));
        let plain_429 = r#"{"ok":false,"error_code":429,"description":"slow"}"#;
        assert!(matches!(err(429, plain_429, FRESH), Error::Api { code: 429, .. }));
    }

    #[test]
    fn envelopes_skip_unknown_keys_and_need_ok() {
        let body = br#"{"ok":true,"new_key":{"x":[1]},"description":null,"result":[2]}"#;
        let raw = parse(200, body, FRESH, &Token::new(TOKEN)).unwrap();
        assert_eq!(raw.get(), "[2]");
        let e = err(200, r#"{"result":true}"#, FRESH);
        let Error::InvalidResponse {
            source: Some(source), ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert!(source.to_string().contains("missing field `ok`"), "{source}");
    }

    #[test]
    fn unparsable_bodies_keep_status_and_a_bounded_redacted_excerpt() {
        let body = format!("<html>{TOKEN} {}</html>", "x".repeat(1000));
        let e = err(502, &body, FRESH);
        let Error::InvalidResponse { status, excerpt, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(*status, 502);
        assert!(excerpt.len() <= EXCERPT_LEN, "{}", excerpt.len());
        assert!(excerpt.starts_with("<html>42:***"), "{excerpt}");
        assert!(!format!("{e} {e:?}").contains("SECRET"));
    }

    #[test]
    fn descriptions_are_redacted() {
        let e = err(
            400,
            r#"{"ok":false,"error_code":400,"description":"bad url /bot42:SECRET/x"}"#,
            FRESH,
        );
        assert_eq!(e.description(), Some("bad url /bot42:***/x"));
    }

    #[test]
    fn excerpt_cuts_at_a_char_boundary() {
        let body = "é".repeat(EXCERPT_LEN);
        let text = excerpt(&Token::new(TOKEN), body.as_bytes());
        assert!(text.len() <= EXCERPT_LEN && text.chars().all(|c| c == 'é'));
    }
}
