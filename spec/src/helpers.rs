//! The curated table behind the object helpers, as written in `spec/helpers.toml`: which
//! `Message` fields are its content, and named documented limits.
//!
//! [`Helpers::check`] fails when an entry refers to a field, method or bound the spec no longer
//! has, so a Bot API release that renames something is caught at regen time.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Field, Spec};

/// The committed `helpers.toml`, as text.
pub const HELPERS_TOML: &str = include_str!("../helpers.toml");

/// The whole table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Helpers {
    /// What a message's content is.
    #[serde(default)]
    pub message: MessageContent,
    /// Limit name -> `method.parameter.min|max` or `Object.field.min|max`.
    #[serde(default)]
    pub limits: BTreeMap<String, String>,
}

/// Which `Message` fields are its content.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageContent {
    /// The first content field in doc order; the fields before it are metadata.
    pub first_content: String,
    /// Fields from `first_content` on that qualify the content instead of being a type.
    pub details: Vec<String>,
    /// The message types that carry one media or data object, in lookup order.
    pub attachments: Vec<String>,
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

    /// The `Message` fields that are message types, in doc order.
    ///
    /// # Errors
    ///
    /// When the spec has no `Message` or it lacks `first_content`.
    pub fn message_types<'s>(&self, spec: &'s Spec) -> Result<Vec<&'s Field>, String> {
        let message = spec.object("Message").ok_or("the spec has no `Message` object")?;
        let fields = message.fields();
        let first = fields
            .iter()
            .position(|f| f.name == self.message.first_content)
            .ok_or_else(|| {
                format!(
                    "[message] first_content: Message has no field `{}`",
                    self.message.first_content
                )
            })?;
        Ok(fields[first..]
            .iter()
            .filter(|f| !self.message.details.contains(&f.name))
            .collect())
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

    /// Every field and limit must exist in `spec`; attachments must be message types.
    pub fn check(&self, spec: &Spec) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        match self.message_types(spec) {
            Ok(types) => {
                let fields = spec.object("Message").map(|m| m.fields()).unwrap_or_default();
                for detail in &self.message.details {
                    if !fields.iter().any(|f| &f.name == detail) {
                        problems.push(format!("[message] details: Message has no field `{detail}`"));
                    }
                }
                for attachment in &self.message.attachments {
                    if !types.iter().any(|f| &f.name == attachment) {
                        problems.push(format!(
                            "[message] attachments: `{attachment}` is not a message type (no such field, or listed in details)"
                        ));
                    }
                }
            }
            Err(problem) => problems.push(problem),
        }
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
        let limit = helpers.limit(&spec, "MAX_MESSAGE_LENGTH").unwrap();
        assert_eq!(
            (limit.owner.as_str(), limit.field.as_str(), limit.max, limit.value),
            ("sendMessage", "text", true, 4096)
        );
    }

    #[test]
    fn stale_entries_are_reported_with_what_to_fix() {
        let spec = Spec::bundled();
        let helpers = Helpers::from_toml(
            r#"
            [message]
            first_content = "text"
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
        let problems = helpers.check(&spec).unwrap_err();
        let expected = [
            "[message] details: Message has no field `no_such_detail`",
            "[message] attachments: `caption` is not a message type (no such field, or listed in details)",
            "[message] attachments: `gone` is not a message type (no such field, or listed in details)",
            "[limits] B = \"sendMessage.gone.max\": `sendMessage` has no `gone`",
            "[limits] C = \"sendMessage.text.middle\": ends in `middle`, expected `min` or `max`",
            "[limits] D = \"sendMessage.chat_id.max\": the docs state no bounds for `sendMessage.chat_id`",
            "[limits] E = \"noSuchMethod.text.max\": no method or object `noSuchMethod`",
            "[limits] F = \"sendMessage.text\": expected `owner.field.min` or `owner.field.max`",
        ];
        assert_eq!(problems, expected);
        let no_start =
            Helpers::from_toml("[message]\nfirst_content = \"nope\"\ndetails = []\nattachments = []")
                .unwrap();
        assert_eq!(
            no_start.check(&spec).unwrap_err(),
            ["[message] first_content: Message has no field `nope`"]
        );
    }
}
