//! Curated decisions the docs only state in prose, kept apart from the scraped `api.json`.
//!
//! `overrides.toml` is reviewed like code. [`Overrides::check`] fails when an entry no longer
//! matches the spec, so a Bot API release that renames something is caught at regen time.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::{Spec, Type};

/// The committed `overrides.toml`, as text.
pub const OVERRIDES_TOML: &str = include_str!("../overrides.toml");

/// Curated decisions for codegen.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Names of the string enums built from documented value lists, keyed by `Owner.field`
    /// (`Chat.type`, `sendChatAction.action`).
    #[serde(default)]
    pub enum_names: BTreeMap<String, String>,
    /// Rust variant names for documented values that are not identifiers (`🎲` -> `Dice`).
    #[serde(default)]
    pub value_names: BTreeMap<String, String>,
    /// String enums whose values the docs give elsewhere than in the field's description.
    #[serde(default)]
    pub extra_enums: Vec<ExtraEnum>,
    /// Unions the docs only write inline, as "A or B or C" in a type cell.
    #[serde(default)]
    pub unions: Vec<CuratedUnion>,
}

/// A union named by hand for a type cell that lists alternatives ("InlineKeyboardMarkup or
/// ReplyKeyboardMarkup or ..."), which the docs do not name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CuratedUnion {
    /// Rust name of the union.
    pub name: String,
    /// Its description (Markdown).
    pub doc: String,
    /// The docs anchor to link to.
    pub anchor: String,
    /// The member objects, in the order the docs list them.
    pub variants: Vec<String>,
}

impl CuratedUnion {
    /// The union as a spec object, so that codegen treats it like a documented one.
    pub fn to_object(&self) -> crate::Object {
        crate::Object {
            name: self.name.clone(),
            anchor: self.anchor.clone(),
            section: "Curated".to_owned(),
            description: self.doc.clone(),
            kind: crate::ObjectKind::Union(crate::Union {
                discriminator: None,
                variants: self
                    .variants
                    .iter()
                    .map(|name| crate::Variant {
                        name: name.clone(),
                        value: None,
                    })
                    .collect(),
                other_types: Vec::new(),
            }),
        }
    }
}

/// A string enum declared by hand, applied to every String field with a matching name.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraEnum {
    /// Rust name of the enum.
    pub name: String,
    /// Its rustdoc.
    pub doc: String,
    /// The values, in the order to document them.
    pub values: Vec<String>,
    /// Field names it applies to: exact, or `*suffix`.
    pub fields: Vec<String>,
}

impl ExtraEnum {
    /// Whether this enum applies to a field called `name`.
    pub fn matches(&self, name: &str) -> bool {
        self.fields.iter().any(|pattern| match pattern.strip_prefix('*') {
            Some(suffix) => name.ends_with(suffix),
            None => name == pattern,
        })
    }
}

impl Overrides {
    /// Parses overrides from TOML text.
    pub fn from_toml(text: &str) -> Result<Overrides, String> {
        toml::from_str(text).map_err(|e| format!("overrides.toml: {e}"))
    }

    /// The overrides committed with this crate.
    pub fn bundled() -> Overrides {
        Overrides::from_toml(OVERRIDES_TOML)
            .expect("the committed spec/overrides.toml parses (checked by tests)")
    }

    /// Every entry must match something in `spec`: a stale override is an error.
    pub fn check(&self, spec: &Spec) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        for key in self.enum_names.keys() {
            let Some((owner, field)) = key.split_once('.') else {
                problems.push(format!("enum_names: `{key}` is not `Owner.field`"));
                continue;
            };
            let fields = match (spec.object(owner), spec.method(owner)) {
                (Some(object), _) => object.fields(),
                (None, Some(method)) => &method.params,
                (None, None) => {
                    problems.push(format!("enum_names: `{key}`: no object or method `{owner}`"));
                    continue;
                }
            };
            match fields.iter().find(|f| f.name == field) {
                Some(f) if !f.facts.enum_values.is_empty() => {}
                Some(_) => problems.push(format!("enum_names: `{key}` has no documented value list")),
                None => problems.push(format!("enum_names: `{key}`: `{owner}` has no field `{field}`")),
            }
        }
        let all_values: Vec<&str> = spec
            .objects
            .iter()
            .flat_map(|o| o.fields())
            .chain(spec.methods.iter().flat_map(|m| &m.params))
            .flat_map(|f| f.facts.enum_values.iter().map(String::as_str))
            .collect();
        for value in self.value_names.keys() {
            if !all_values.contains(&value.as_str()) {
                problems.push(format!("value_names: no field documents the value `{value}`"));
            }
        }
        for extra in &self.extra_enums {
            let used = spec
                .objects
                .iter()
                .flat_map(|o| o.fields())
                .chain(spec.methods.iter().flat_map(|m| &m.params))
                .any(|f| f.ty == Type::String && extra.matches(&f.name));
            if !used {
                problems.push(format!("extra_enums: `{}` matches no String field", extra.name));
            }
        }
        for union in &self.unions {
            if spec.object(&union.name).is_some() {
                problems.push(format!(
                    "unions: `{}` is now documented; remove the curated one",
                    union.name
                ));
            }
            for variant in &union.variants {
                if spec.object(variant).is_none() {
                    problems.push(format!(
                        "unions: `{}` lists unknown object `{variant}`",
                        union.name
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// `spec` with the curated unions added as objects, for codegen.
    pub fn apply(&self, spec: &Spec) -> Spec {
        let mut spec = spec.clone();
        spec.objects
            .extend(self.unions.iter().map(CuratedUnion::to_object));
        spec
    }
}
