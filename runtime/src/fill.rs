//! Applies [`Defaults`] to a serialized payload by walking the method's [`DefaultSlot`]s.

use serde_json::{Map, Value};

use crate::{DefaultKind, DefaultSlot, Defaults, PathStep};

/// Fills every slot of `slots` that `payload` leaves unset with its default, skipping the kinds
/// in `without`. A key that is present (even as `null`) is never changed, except that a
/// `link_preview_options` object gets the default's missing fields.
pub(crate) fn apply(
    defaults: &Defaults,
    slots: &[DefaultSlot],
    without: &[DefaultKind],
    payload: &mut Value,
) {
    for slot in slots {
        if without.contains(&slot.kind) {
            continue;
        }
        if let Some(default) = defaults.value(slot.kind) {
            walk(payload, slot.path, slot.field, slot.kind, default);
        }
    }
}

fn walk(value: &mut Value, path: &[PathStep], field: &str, kind: DefaultKind, default: &Value) {
    let Some((step, rest)) = path.split_first() else {
        if let Value::Object(object) = value {
            fill(object, field, kind, default);
        }
        return;
    };
    match *step {
        PathStep::Key(key) => {
            if let Some(inner) = value.get_mut(key) {
                walk(inner, rest, field, kind, default);
            }
        }
        PathStep::Each => {
            if let Value::Array(items) = value {
                for item in items {
                    walk(item, rest, field, kind, default);
                }
            }
        }
        PathStep::Has(key) => {
            if value.get(key).is_some() {
                walk(value, rest, field, kind, default);
            }
        }
        PathStep::When { tag, values } => {
            let matches = value
                .get(tag)
                .and_then(Value::as_str)
                .is_some_and(|v| values.contains(&v));
            if matches {
                walk(value, rest, field, kind, default);
            }
        }
    }
}

fn fill(object: &mut Map<String, Value>, field: &str, kind: DefaultKind, default: &Value) {
    match object.get_mut(field) {
        None => {
            object.insert(field.to_owned(), default.clone());
        }
        Some(Value::Object(own)) if kind == DefaultKind::LinkPreviewOptions => {
            if let Value::Object(default) = default {
                for (key, value) in default {
                    if !own.contains_key(key) {
                        own.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use DefaultKind::*;
    use PathStep::*;

    const fn slot(path: &'static [PathStep], field: &'static str, kind: DefaultKind) -> DefaultSlot {
        DefaultSlot { path, field, kind }
    }

    fn defaults() -> Defaults {
        Defaults::new()
            .parse_mode("HTML")
            .protect_content(true)
            .allow_sending_without_reply(true)
            .link_preview_options(json!({"is_disabled": true, "prefer_small_media": true}))
    }

    #[test]
    fn fills_top_level_fields_left_unset() {
        const SLOTS: &[DefaultSlot] = &[
            slot(&[], "parse_mode", ParseMode),
            slot(&[], "protect_content", ProtectContent),
        ];
        let mut payload = json!({"chat_id": 1, "text": "hi"});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(
            payload,
            json!({"chat_id": 1, "text": "hi", "parse_mode": "HTML", "protect_content": true})
        );
    }

    #[test]
    fn a_value_set_on_the_call_wins_even_null() {
        const SLOTS: &[DefaultSlot] = &[
            slot(&[], "parse_mode", ParseMode),
            slot(&[], "protect_content", ProtectContent),
        ];
        let mut payload = json!({"parse_mode": "MarkdownV2", "protect_content": null});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(
            payload,
            json!({"parse_mode": "MarkdownV2", "protect_content": null})
        );
    }

    #[test]
    fn opted_out_kinds_and_unset_defaults_are_skipped() {
        const SLOTS: &[DefaultSlot] = &[
            slot(&[], "parse_mode", ParseMode),
            slot(&[], "protect_content", ProtectContent),
            slot(&[], "disable_notification", DisableNotification),
        ];
        let mut payload = json!({});
        apply(&defaults(), SLOTS, &[ParseMode], &mut payload);
        assert_eq!(payload, json!({"protect_content": true}));
    }

    #[test]
    fn fills_each_item_of_a_list() {
        const SLOTS: &[DefaultSlot] = &[slot(&[Key("media"), Each], "parse_mode", ParseMode)];
        let mut payload = json!({"media": [
            {"type": "photo", "media": "a"},
            {"type": "photo", "media": "b", "parse_mode": "MarkdownV2"},
        ]});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(payload["media"][0]["parse_mode"], "HTML");
        assert_eq!(payload["media"][1]["parse_mode"], "MarkdownV2");
    }

    #[test]
    fn fills_a_single_nested_object_and_leaves_missing_parents_alone() {
        const SLOTS: &[DefaultSlot] = &[
            slot(&[Key("reply_parameters")], "quote_parse_mode", ParseMode),
            slot(
                &[Key("reply_parameters")],
                "allow_sending_without_reply",
                AllowSendingWithoutReply,
            ),
            slot(&[Key("media")], "parse_mode", ParseMode),
        ];
        let mut payload = json!({"reply_parameters": {"message_id": 5}});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(
            payload,
            json!({"reply_parameters": {
                "message_id": 5, "quote_parse_mode": "HTML", "allow_sending_without_reply": true
            }})
        );
    }

    #[test]
    fn union_variants_are_filled_only_when_the_tag_matches() {
        const SLOTS: &[DefaultSlot] = &[
            slot(
                &[
                    Key("results"),
                    Each,
                    When {
                        tag: "type",
                        values: &["photo", "article"],
                    },
                ],
                "parse_mode",
                ParseMode,
            ),
            slot(
                &[Key("results"), Each, Key("input_message_content")],
                "parse_mode",
                ParseMode,
            ),
            slot(
                &[Key("results"), Each, Key("input_message_content")],
                "link_preview_options",
                LinkPreviewOptions,
            ),
        ];
        let mut payload = json!({"results": [
            {"type": "photo", "id": "1"},
            {"type": "game", "id": "2"},
            {"type": "article", "id": "3", "input_message_content": {"message_text": "x"}},
        ]});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(payload["results"][0]["parse_mode"], "HTML");
        assert!(payload["results"][1].get("parse_mode").is_none());
        assert_eq!(payload["results"][2]["parse_mode"], "HTML");
        let content = &payload["results"][2]["input_message_content"];
        assert_eq!(content["parse_mode"], "HTML");
        assert_eq!(
            content["link_preview_options"],
            json!({"is_disabled": true, "prefer_small_media": true})
        );
    }

    #[test]
    fn untagged_variants_are_recognised_by_a_key_they_have() {
        const SLOTS: &[DefaultSlot] = &[slot(
            &[
                Key("results"),
                Each,
                Key("input_message_content"),
                Has("message_text"),
            ],
            "parse_mode",
            ParseMode,
        )];
        let mut payload = json!({"results": [
            {"type": "article", "input_message_content": {"message_text": "x"}},
            {"type": "article", "input_message_content": {"latitude": 1.0, "longitude": 2.0}},
        ]});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(
            payload["results"][0]["input_message_content"]["parse_mode"],
            "HTML"
        );
        assert!(
            payload["results"][1]["input_message_content"]
                .get("parse_mode")
                .is_none()
        );
    }

    #[test]
    fn link_preview_options_merge_field_by_field() {
        const SLOTS: &[DefaultSlot] = &[slot(&[], "link_preview_options", LinkPreviewOptions)];
        let mut payload = json!({"link_preview_options": {"is_disabled": false, "url": "https://x"}});
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(
            payload["link_preview_options"],
            json!({"is_disabled": false, "url": "https://x", "prefer_small_media": true})
        );
    }

    #[test]
    fn non_object_values_on_the_path_are_ignored() {
        const SLOTS: &[DefaultSlot] = &[
            slot(&[Key("media"), Each], "parse_mode", ParseMode),
            slot(&[Key("reply_parameters")], "quote_parse_mode", ParseMode),
        ];
        let mut payload = json!({"media": "attach://x", "reply_parameters": [1]});
        let before = payload.clone();
        apply(&defaults(), SLOTS, &[], &mut payload);
        assert_eq!(payload, before);
    }

    #[test]
    fn applies_to_reports_whether_any_slot_would_be_filled() {
        const SLOTS: &[DefaultSlot] = &[slot(&[], "disable_notification", DisableNotification)];
        assert!(!defaults().applies_to(SLOTS, &[]));
        assert!(Defaults::new().disable_notification(true).applies_to(SLOTS, &[]));
        assert!(
            !Defaults::new()
                .disable_notification(true)
                .applies_to(SLOTS, &[DisableNotification])
        );
    }

    #[test]
    fn unix_time_reads_naive_times_in_the_zone() {
        let naive = chrono::NaiveDate::from_ymd_opt(2025, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        assert_eq!(Defaults::new().unix_time(naive), Some(1735689600));
        let plus_two = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(
            Defaults::new().time_zone(plus_two).unix_time(naive),
            Some(1735689600 - 7200)
        );
    }
}
