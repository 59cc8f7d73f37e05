//! The result of a valid call: a few methods with real behaviour (getMe, getUpdates, the
//! webhook methods, getFile), messages that echo what was sent, and a spec sample of the return
//! type for everything else.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use botapi_spec::{Method, Type};
use serde_json::{Map, Value, json};

use crate::catalog::Catalog;
use crate::record::RecordedFile;
use crate::state::{State, Webhook, int_param, poll_timeout};

/// What the server answers.
#[derive(Debug)]
pub(crate) enum Answer {
    Ok(Value),
    Err {
        status: u16,
        description: String,
        parameters: Option<Value>,
    },
}

impl Answer {
    fn error(status: u16, description: impl Into<String>) -> Answer {
        Answer::Err {
            status,
            description: description.into(),
            parameters: None,
        }
    }
}

/// Answers a validated call of `method`.
pub(crate) async fn answer(
    catalog: &Catalog,
    state: &State,
    method: &Method,
    params: &Map<String, Value>,
    files: &[RecordedFile],
) -> Answer {
    match method.name.as_str() {
        "getMe" => Answer::Ok(catalog.bot_user.clone()),
        "getUpdates" => get_updates(state, params).await,
        "setWebhook" => {
            let url = params.get("url").and_then(Value::as_str).unwrap_or("").to_owned();
            state.change(|data| {
                if params.get("drop_pending_updates") == Some(&Value::Bool(true)) {
                    data.updates.clear();
                }
                if let Some(Value::Array(kinds)) = params.get("allowed_updates") {
                    data.allowed_updates = Some(
                        kinds
                            .iter()
                            .filter_map(|k| k.as_str().map(str::to_owned))
                            .collect(),
                    );
                }
                data.webhook = (!url.is_empty()).then(|| Webhook {
                    url,
                    has_custom_certificate: params.contains_key("certificate")
                        || files.iter().any(|f| f.part == "certificate"),
                    max_connections: params.get("max_connections").cloned(),
                    ip_address: params.get("ip_address").cloned(),
                });
            });
            Answer::Ok(Value::Bool(true))
        }
        "deleteWebhook" => {
            state.change(|data| {
                data.webhook = None;
                if params.get("drop_pending_updates") == Some(&Value::Bool(true)) {
                    data.updates.clear();
                }
            });
            Answer::Ok(Value::Bool(true))
        }
        "getWebhookInfo" => Answer::Ok(webhook_info(catalog, state)),
        "getFile" => {
            let file_id = params.get("file_id").and_then(Value::as_str).unwrap_or("");
            let data = state.lock();
            match data.file_by_id(file_id) {
                Some(file) => {
                    let mut value = catalog.minimal("File");
                    catalog.set(&mut value, "File", "file_id", json!(file.file_id));
                    catalog.set(
                        &mut value,
                        "File",
                        "file_unique_id",
                        json!(format!("u{}", file.file_id)),
                    );
                    catalog.set(&mut value, "File", "file_size", json!(file.content.len()));
                    catalog.set(&mut value, "File", "file_path", json!(file.file_path));
                    Answer::Ok(value)
                }
                None => Answer::error(400, "Bad Request: invalid file_id"),
            }
        }
        _ => Answer::Ok(result_for(catalog, state, method, params)),
    }
}

async fn get_updates(state: &State, params: &Map<String, Value>) -> Answer {
    let limit = int_param(params, "limit")
        .unwrap_or(100)
        .clamp(1, 100)
        .unsigned_abs();
    let limit = usize::try_from(limit).unwrap_or(100);
    let deadline = Instant::now() + poll_timeout(params);
    let generation = state.change(|data| {
        if let Some(offset) = int_param(params, "offset") {
            data.confirm(offset);
        }
        if let Some(Value::Array(kinds)) = params.get("allowed_updates") {
            data.allowed_updates = Some(
                kinds
                    .iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect(),
            );
        }
        data.poll_generation += 1;
        data.webhook.is_none().then_some(data.poll_generation)
    });
    let Some(generation) = generation else {
        return Answer::error(
            409,
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        );
    };
    let found = state
        .wait_until(deadline, |data| {
            if data.poll_generation != generation {
                return Some(Err(()));
            }
            let updates = data.take_updates(limit);
            (!updates.is_empty()).then_some(Ok(updates))
        })
        .await;
    match found {
        Some(Err(())) => Answer::error(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        ),
        Some(Ok(updates)) => Answer::Ok(Value::Array(updates)),
        None => Answer::Ok(Value::Array(Vec::new())),
    }
}

fn webhook_info(catalog: &Catalog, state: &State) -> Value {
    let data = state.lock();
    let mut info = catalog.minimal("WebhookInfo");
    let webhook = data.webhook.clone().unwrap_or_default();
    catalog.set(&mut info, "WebhookInfo", "url", json!(webhook.url));
    catalog.set(
        &mut info,
        "WebhookInfo",
        "has_custom_certificate",
        json!(webhook.has_custom_certificate),
    );
    catalog.set(
        &mut info,
        "WebhookInfo",
        "pending_update_count",
        json!(data.updates.len()),
    );
    if let Some(max) = webhook.max_connections {
        catalog.set(&mut info, "WebhookInfo", "max_connections", max);
    }
    if let Some(ip) = webhook.ip_address {
        catalog.set(&mut info, "WebhookInfo", "ip_address", ip);
    }
    if let Some(kinds) = &data.allowed_updates {
        catalog.set(&mut info, "WebhookInfo", "allowed_updates", json!(kinds));
    }
    info
}

/// A sample of the method's return type; messages echo the call.
fn result_for(catalog: &Catalog, state: &State, method: &Method, params: &Map<String, Value>) -> Value {
    match &method.returns {
        Type::Ref(name) if name == "Message" => message(catalog, state, params, None),
        Type::Array(inner) if **inner == Type::Ref("Message".to_owned()) => {
            let items = params
                .get("media")
                .and_then(Value::as_array)
                .map_or(1, Vec::len)
                .max(1);
            (0..items)
                .map(|i| {
                    let item = params.get("media").and_then(|m| m.get(i));
                    message(catalog, state, params, item)
                })
                .collect()
        }
        // "On success, if the edited message is not an inline message, the edited Message is
        // returned, otherwise True is returned."
        Type::OneOf(alternatives) if alternatives.contains(&Type::Ref("Message".to_owned())) => {
            if params.contains_key("inline_message_id") {
                Value::Bool(true)
            } else {
                message(catalog, state, params, None)
            }
        }
        returns => catalog.sampler.sample(returns),
    }
}

/// A message sent by the bot to the call's `chat_id`, echoing its text or caption.
fn message(
    catalog: &Catalog,
    state: &State,
    params: &Map<String, Value>,
    media_item: Option<&Value>,
) -> Value {
    let mut message = catalog.minimal("Message");
    let message_id = state.lock().message_id();
    catalog.set(&mut message, "Message", "message_id", json!(message_id));
    catalog.set(&mut message, "Message", "date", json!(now()));
    catalog.set(&mut message, "Message", "from", catalog.bot_user.clone());
    let mut chat = catalog.minimal("Chat");
    match params.get("chat_id") {
        Some(Value::Number(id)) => {
            catalog.set(&mut chat, "Chat", "id", Value::Number(id.clone()));
            let kind = if id.as_i64().unwrap_or(0) > 0 {
                "private"
            } else {
                "supergroup"
            };
            catalog.set(&mut chat, "Chat", "type", json!(kind));
        }
        Some(Value::String(username)) => {
            catalog.set(&mut chat, "Chat", "id", json!(-1_001_000_000_001_i64));
            catalog.set(&mut chat, "Chat", "type", json!("channel"));
            catalog.set(
                &mut chat,
                "Chat",
                "username",
                json!(username.trim_start_matches('@')),
            );
        }
        _ => {}
    }
    catalog.set(&mut message, "Message", "chat", chat);
    let source = media_item.unwrap_or(&Value::Null);
    for field in ["text", "caption"] {
        if let Some(text) = source.get(field).or_else(|| params.get(field)) {
            catalog.set(&mut message, "Message", field, text.clone());
        }
    }
    if let Some(thread) = params.get("message_thread_id") {
        catalog.set(&mut message, "Message", "message_thread_id", thread.clone());
    }
    message
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
