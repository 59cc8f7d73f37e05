//! The curated table of object shortcuts (`message.reply_text(&bot, ..)`), as written in
//! `spec/shortcuts.toml`.
//!
//! A shortcut is an inherent method on a generated type that returns the ordinary request
//! builder of one Bot API method with some parameters pre-filled from the object, so every
//! optional setter stays available. [`Shortcuts::check`] fails when an entry refers to a
//! method, parameter or field that no longer exists, so a Bot API release that renames
//! something is caught at regen time.

use serde::Deserialize;

use crate::{Spec, Type};

/// The committed `shortcuts.toml`, as text.
pub const SHORTCUTS_TOML: &str = include_str!("../shortcuts.toml");

/// The whole table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shortcuts {
    /// Groups of shortcuts sharing a type and pre-filled parameters.
    #[serde(default, rename = "family")]
    pub families: Vec<Family>,
}

/// Shortcuts on one type that call several methods with the same pre-filled parameters (all
/// of `Message`'s `reply_*`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// The generated type the shortcuts are methods of.
    #[serde(rename = "type")]
    pub on: String,
    /// Other types that get the same shortcuts (ChatFullInfo has Chat's). Expanded into
    /// families of their own when the table is read, so this is empty after parsing.
    #[serde(default)]
    pub also: Vec<String>,
    /// What the shortcuts are for, for their rustdoc.
    pub doc: String,
    /// Shortcut name per API method, in the order to generate them.
    pub methods: Vec<(String, String)>,
    /// Parameter -> field path on the object (`chat.id`, `from.id`, `message_thread_id`), or a
    /// literal string value written `=HTML`. A parameter is filled in every method of the
    /// family that has it.
    pub fill: Vec<(String, String)>,
    /// Reply to the object's message, quoting it by default only outside private chats
    /// (python-telegram-bot's `do_quote` rule; `Defaults::do_quote` overrides it).
    #[serde(default)]
    pub quote: bool,
    /// For edits of a callback query's message: the object's field holding a
    /// `MaybeInaccessibleMessage`. When the object has no `inline_message_id`, the message's
    /// chat id and message id are sent instead (python-telegram-bot's CallbackQuery edits).
    #[serde(default)]
    pub message_fallback: Option<String>,
}

impl Shortcuts {
    /// Parses the table from TOML text.
    pub fn from_toml(text: &str) -> Result<Shortcuts, String> {
        let table: Shortcuts = toml::from_str(text).map_err(|e| format!("shortcuts.toml: {e}"))?;
        let families = table
            .families
            .into_iter()
            .flat_map(|family| {
                let copies: Vec<Family> = family
                    .also
                    .iter()
                    .map(|on| Family {
                        on: on.clone(),
                        also: Vec::new(),
                        ..family.clone()
                    })
                    .collect();
                std::iter::once(Family {
                    also: Vec::new(),
                    ..family
                })
                .chain(copies)
            })
            .collect();
        Ok(Shortcuts { families })
    }

    /// The table committed with this crate.
    pub fn bundled() -> Shortcuts {
        Shortcuts::from_toml(SHORTCUTS_TOML)
            .expect("the committed spec/shortcuts.toml parses (checked by tests)")
    }

    /// Every method, parameter and field path must exist in `spec`, and every filled field
    /// path must end in a value (not an object).
    pub fn check(&self, spec: &Spec) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for family in &self.families {
            let Some(object) = spec.object(&family.on) else {
                problems.push(format!("shortcuts on `{}`: no such object", family.on));
                continue;
            };
            let mut used = vec![false; family.fill.len()];
            for (method, name) in &family.methods {
                let Some(m) = spec.method(method) else {
                    problems.push(format!("{}.{name}: no method `{method}`", family.on));
                    continue;
                };
                for (i, (param, _)) in family.fill.iter().enumerate() {
                    used[i] |= m.params.iter().any(|p| &p.name == param);
                }
            }
            if let Some(field) = &family.message_fallback {
                let ok = object
                    .fields()
                    .iter()
                    .any(|f| &f.name == field && f.ty == Type::Ref("MaybeInaccessibleMessage".into()));
                if !ok {
                    problems.push(format!(
                        "shortcuts on `{}`: message_fallback `{field}` is not a MaybeInaccessibleMessage field",
                        family.on
                    ));
                }
            }
            for ((param, path), used) in family.fill.iter().zip(used) {
                if !used {
                    problems.push(format!(
                        "shortcuts on `{}`: no method has the parameter `{param}`",
                        family.on
                    ));
                }
                if path.starts_with('=') {
                    continue;
                }
                if let Err(e) = resolve_path(spec, &family.on, path) {
                    problems.push(format!("shortcuts on `{}`: `{param} = {path}`: {e}", family.on));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// One step of a field path: the field, and whether it is optional.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathField {
    /// The field's API name.
    pub name: String,
    /// Whether the field is optional in its object.
    pub optional: bool,
    /// The field's type.
    pub ty: Type,
}

/// Follows a dotted field path from the object `on`; every step but the last must be an
/// object.
pub fn resolve_path(spec: &Spec, on: &str, path: &str) -> Result<Vec<PathField>, String> {
    let mut current = on.to_owned();
    let mut steps = Vec::new();
    let parts: Vec<&str> = path.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        let object = spec
            .object(&current)
            .ok_or_else(|| format!("no object `{current}`"))?;
        let field = object
            .fields()
            .iter()
            .find(|f| f.name == *part)
            .ok_or_else(|| format!("`{current}` has no field `{part}`"))?;
        steps.push(PathField {
            name: field.name.clone(),
            optional: !field.required,
            ty: field.ty.clone(),
        });
        if i + 1 < parts.len() {
            match &field.ty {
                Type::Ref(next) => current = next.clone(),
                other => return Err(format!("`{current}.{part}` is a {other}, not an object")),
            }
        }
    }
    Ok(steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_table_matches_the_committed_spec() {
        Shortcuts::bundled()
            .check(&Spec::bundled())
            .expect("spec/shortcuts.toml is fresh");
    }

    #[test]
    fn stale_entries_are_reported() {
        let table = Shortcuts::from_toml(
            r#"
            [[family]]
            type = "Message"
            doc = "x"
            methods = [["sendMessage", "reply_text"], ["sendTelepathy", "reply_thought"]]
            fill = [["chat_id", "chat.id"], ["mood", "chat.id"], ["message_thread_id", "thread.id"]]
            "#,
        )
        .unwrap();
        let problems = table.check(&Spec::bundled()).unwrap_err();
        assert!(
            problems.iter().any(|p| p.contains("no method `sendTelepathy`")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("no method has the parameter `mood`")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`Message` has no field `thread`")),
            "{problems:?}"
        );
    }
}
