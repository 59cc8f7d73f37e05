//! The curated table behind the object helpers, as written in `spec/helpers.toml`: what each
//! `Message` field is (header, content, service or detail), and named documented limits.
//!
//! [`Helpers::check`] fails when an entry refers to a field, method or bound the spec no longer
//! has, or when a `Message` field is not classified, so a Bot API release that renames or adds
//! something is caught at regen time.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Field, Spec};

/// The committed `helpers.toml`, as text.
pub const HELPERS_TOML: &str = include_str!("../helpers.toml");

/// The whole table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpers {
    /// What each `Message` field is.
    #[serde(default)]
    pub message: MessageContent,
    /// Limit name -> `method.parameter.min|max` or `Object.field.min|max`.
    #[serde(default)]
    pub limits: BTreeMap<String, String>,
}

/// What each `Message` field is: every field is in exactly one of `header`, `content`,
/// `service` and `details`. `content` and `service` together are the message types.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageContent {
    /// Who sent the message, when and where (`message_id`, `from`, `chat`, `reply_to_message`).
    pub header: Vec<String>,
    /// The kinds of ordinary messages (`text`, `photo`, `poll`, ...).
    pub content: Vec<String>,
    /// The kinds of service messages (`new_chat_members`, `pinned_message`, ...:
    /// python-telegram-bot's `filters.StatusUpdate`).
    pub service: Vec<String>,
    /// Fields that qualify the content instead of being a kind of message (`entities`,
    /// `caption`, `reply_markup`, ...).
    pub details: Vec<String>,
    /// The message types that carry one media or data object, in lookup order.
    pub attachments: Vec<String>,
}

impl MessageContent {
    /// The four classes, by the key they have in `helpers.toml`.
    fn classes(&self) -> [(&'static str, &[String]); 4] {
        [
            ("header", &self.header),
            ("content", &self.content),
            ("service", &self.service),
            ("details", &self.details),
        ]
    }

    /// Whether the message type `field` is a service message kind.
    pub fn is_service(&self, field: &str) -> bool {
        self.service.iter().any(|name| name == field)
    }
}

/// A named limit resolved against the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedLimit {
    /// The method or object.
    pub owner: String,
    /// The parameter or field.
    pub field: String,
    /// `true` for the upper bound, `false` for the lower one.
    pub max: bool,
    /// The bound's value.
    pub value: i64,
}

impl Helpers {
    /// Parses the table from TOML text.
    pub fn from_toml(text: &str) -> Result<Helpers, String> {
        toml::from_str(text).map_err(|e| format!("helpers.toml: {e}"))
    }

    /// The table committed with this crate.
    pub fn bundled() -> Helpers {
        Helpers::from_toml(HELPERS_TOML).expect("the committed spec/helpers.toml parses (checked by tests)")
    }

    /// The `Message` fields that are message types (`content` and `service`), in doc order.
    ///
    /// # Errors
    ///
    /// When the spec has no `Message`.
    pub fn message_types<'s>(&self, spec: &'s Spec) -> Result<Vec<&'s Field>, String> {
        let message = spec.object("Message").ok_or("the spec has no `Message` object")?;
        let table = &self.message;
        Ok(message
            .fields()
            .iter()
            .filter(|f| table.content.contains(&f.name) || table.service.contains(&f.name))
            .collect())
    }

    /// Every `Message` field in exactly one class, every listed name a `Message` field.
    fn check_message(&self, spec: &Spec, problems: &mut Vec<String>) {
        let Some(message) = spec.object("Message") else {
            problems.push("the spec has no `Message` object".to_owned());
            return;
        };
        let fields = message.fields();
        let classes = self.message.classes();
        for field in fields {
            let homes: Vec<&str> = classes
                .iter()
                .filter(|(_, names)| names.contains(&field.name))
                .map(|(class, _)| *class)
                .collect();
            match homes[..] {
                [_] => {}
                [] => problems.push(format!(
                    "[message] `Message.{}` is not classified: add it to one of `header`, `content`, `service` or `details` under [message] in spec/helpers.toml",
                    field.name
                )),
                _ => problems.push(format!(
                    "[message] `Message.{}` is listed in more than one of {}: keep it in one",
                    field.name,
                    homes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
                )),
            }
        }
        for (class, names) in classes {
            for name in names {
                if !fields.iter().any(|f| &f.name == name) {
                    problems.push(format!("[message] {class}: Message has no field `{name}`"));
                }
            }
        }
        let types = self.message_types(spec).unwrap_or_default();
        for attachment in &self.message.attachments {
            if !types.iter().any(|f| &f.name == attachment) {
                problems.push(format!(
                    "[message] attachments: `{attachment}` is not a message type (no such field, or not in content or service)"
                ));
            }
        }
    }

    /// Resolves the limit `name`'s path to the documented bound.
    ///
    /// # Errors
    ///
    /// When the path is malformed or names a method, parameter, field or bound the spec lacks.
    pub fn limit(&self, spec: &Spec, name: &str) -> Result<NamedLimit, String> {
        let path = self
            .limits
            .get(name)
            .ok_or_else(|| format!("no limit `{name}`"))?;
        let parts: Vec<&str> = path.split('.').collect();
        let [owner, field, end] = parts[..] else {
            return Err(format!(
                "{name} = \"{path}\": expected `owner.field.min` or `owner.field.max`"
            ));
        };
        let max = match end {
            "max" => true,
            "min" => false,
            _ => {
                return Err(format!(
                    "{name} = \"{path}\": ends in `{end}`, expected `min` or `max`"
                ));
            }
        };
        let fields = match (spec.method(owner), spec.object(owner)) {
            (Some(method), _) => &method.params,
            (None, Some(object)) => object.fields(),
            (None, None) => return Err(format!("{name} = \"{path}\": no method or object `{owner}`")),
        };
        let spec_field = fields
            .iter()
            .find(|f| f.name == field)
            .ok_or_else(|| format!("{name} = \"{path}\": `{owner}` has no `{field}`"))?;
        let bounds =
            spec_field.facts.bounds.as_ref().ok_or_else(|| {
                format!("{name} = \"{path}\": the docs state no bounds for `{owner}.{field}`")
            })?;
        let bound = if max { &bounds.max } else { &bounds.min };
        let value = bound
            .as_ref()
            .and_then(serde_json::Number::as_i64)
            .ok_or_else(|| format!("{name} = \"{path}\": `{owner}.{field}` has no integer `{end}` bound"))?;
        Ok(NamedLimit {
            owner: owner.to_owned(),
            field: field.to_owned(),
            max,
            value,
        })
    }

    /// Every `Message` field must be classified once, and every listed field and limit must
    /// exist in `spec`; attachments must be message types.
    pub fn check(&self, spec: &Spec) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        self.check_message(spec, &mut problems);
        for name in self.limits.keys() {
            if let Err(problem) = self.limit(spec, name) {
                problems.push(format!("[limits] {problem}"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Facts, ObjectKind, Type};

    #[test]
    fn the_committed_table_matches_the_committed_spec() {
        let helpers = Helpers::bundled();
        helpers.check(&Spec::bundled()).unwrap();
        let spec = Spec::bundled();
        let types: Vec<&str> = helpers
            .message_types(&spec)
            .unwrap()
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        assert_eq!(types[..3], ["text", "rich_message", "animation"]);
        assert!(types.contains(&"new_chat_members") && types.contains(&"web_app_data"));
        assert!(!types.contains(&"caption") && !types.contains(&"reply_markup"));
        assert!(!types.contains(&"chat") && !types.contains(&"reply_to_message"));
        assert!(helpers.message.is_service("pinned_message"));
        assert!(!helpers.message.is_service("photo") && !helpers.message.is_service("caption"));
        let limit = helpers.limit(&spec, "MAX_MESSAGE_LENGTH").unwrap();
        assert_eq!(
            (limit.owner.as_str(), limit.field.as_str(), limit.max, limit.value),
            ("sendMessage", "text", true, 4096)
        );
    }

    /// The committed spec with a new optional `Message` field right after `text`.
    fn spec_with_new_message_field(name: &str) -> Spec {
        let mut spec = Spec::bundled();
        let message = spec.objects.iter_mut().find(|o| o.name == "Message").unwrap();
        let ObjectKind::Fields(fields) = &mut message.kind else {
            panic!("Message has fields")
        };
        let text = fields.iter().position(|f| f.name == "text").unwrap();
        fields.insert(
            text + 1,
            Field {
                name: name.into(),
                ty: Type::String,
                required: false,
                description: "*Optional*. Service message: a story was reacted to".into(),
                facts: Facts::default(),
            },
        );
        spec
    }

    #[test]
    fn a_new_message_field_must_be_classified() {
        let spec = spec_with_new_message_field("story_reaction");
        let helpers = Helpers::bundled();
        assert_eq!(
            helpers.check(&spec).unwrap_err(),
            [
                "[message] `Message.story_reaction` is not classified: add it to one of `header`, `content`, `service` or `details` under [message] in spec/helpers.toml"
            ]
        );
        // Unclassified, it is not a message type.
        let types = helpers.message_types(&spec).unwrap();
        assert!(!types.iter().any(|f| f.name == "story_reaction"));

        let mut classified = helpers.clone();
        classified.message.service.push("story_reaction".into());
        classified.check(&spec).unwrap();
        let types = classified.message_types(&spec).unwrap();
        assert_eq!(
            types[1].name, "story_reaction",
            "message types keep the docs' order"
        );
        assert!(classified.message.is_service("story_reaction"));
    }

    #[test]
    fn stale_entries_are_reported_with_what_to_fix() {
        let spec = Spec::bundled();
        let mut helpers = Helpers::from_toml(
            r#"
            [message]
            header = []
            content = ["photo", "photo_gone"]
            service = ["photo"]
            details = ["caption", "no_such_detail"]
            attachments = ["photo", "caption", "gone"]
            [limits]
            A = "sendMessage.text.max"
            B = "sendMessage.gone.max"
            C = "sendMessage.text.middle"
            D = "sendMessage.chat_id.max"
            E = "noSuchMethod.text.max"
            F = "sendMessage.text"
            "#,
        )
        .unwrap();
        // Classify everything else, as the committed table does.
        let bundled = Helpers::bundled().message;
        let listed = ["photo", "caption"];
        for (from, to) in [
            (&bundled.header, &mut helpers.message.header),
            (&bundled.content, &mut helpers.message.content),
            (&bundled.service, &mut helpers.message.service),
            (&bundled.details, &mut helpers.message.details),
        ] {
            to.extend(from.iter().filter(|n| !listed.contains(&n.as_str())).cloned());
        }
        helpers.message.header.retain(|n| n != "date");
        let problems = helpers.check(&spec).unwrap_err();
        let expected = [
            "[message] `Message.date` is not classified: add it to one of `header`, `content`, `service` or `details` under [message] in spec/helpers.toml",
            "[message] `Message.photo` is listed in more than one of `content`, `service`: keep it in one",
            "[message] content: Message has no field `photo_gone`",
            "[message] details: Message has no field `no_such_detail`",
            "[message] attachments: `caption` is not a message type (no such field, or not in content or service)",
            "[message] attachments: `gone` is not a message type (no such field, or not in content or service)",
            "[limits] B = \"sendMessage.gone.max\": `sendMessage` has no `gone`",
            "[limits] C = \"sendMessage.text.middle\": ends in `middle`, expected `min` or `max`",
            "[limits] D = \"sendMessage.chat_id.max\": the docs state no bounds for `sendMessage.chat_id`",
            "[limits] E = \"noSuchMethod.text.max\": no method or object `noSuchMethod`",
            "[limits] F = \"sendMessage.text\": expected `owner.field.min` or `owner.field.max`",
        ];
        assert_eq!(problems, expected);
    }
}
