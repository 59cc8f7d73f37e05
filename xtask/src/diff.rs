//! `cargo xtask diff OLD NEW`: a Markdown changelog between two API versions.
//!
//! Order is deterministic: items in NEW's doc order, then removed items in OLD's doc order.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use botapi_spec::{Field, Method, Object, ObjectKind, Spec, Type};

use crate::scrape;

/// Reads a spec from a docs page (`.html`, `.htm`, or text starting with `<`) or a spec JSON file.
pub fn load(path: &Path) -> Result<Spec> {
    let text = fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let is_html = matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "htm"))
        || text.trim_start().starts_with('<');
    if is_html {
        scrape::scrape_html(&text).with_context(|| format!("cannot scrape {}", path.display()))
    } else {
        Spec::from_json(&text)
            .with_context(|| format!("{} is neither a docs page nor a spec JSON", path.display()))
    }
}

/// The differences between two specs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// OLD's version.
    pub old_version: String,
    /// NEW's version.
    pub new_version: String,
    /// NEW's release date.
    pub new_release_date: String,
    /// Objects only in NEW, in NEW's order, with their fields or variants.
    pub added_objects: Vec<Added>,
    /// Objects only in OLD, in OLD's order.
    pub removed_objects: Vec<String>,
    /// One line per change to an object present in both (without the leading `- `).
    pub changed_objects: Vec<String>,
    /// Methods only in NEW, with their parameters and return type.
    pub added_methods: Vec<Added>,
    /// Methods only in OLD.
    pub removed_methods: Vec<String>,
    /// One line per change to a method present in both.
    pub changed_methods: Vec<String>,
}

/// An object or method only in NEW, with what a user can do with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    /// Its name.
    pub name: String,
    /// What follows the name (without the leading `: `): a method's return type, a union's
    /// variants, `no fields`; empty for an object with fields.
    pub summary: String,
    /// One line per field or parameter: name, type, required or optional.
    pub members: Vec<String>,
}

impl Added {
    fn object(object: &Object) -> Added {
        let (summary, members) = match &object.kind {
            ObjectKind::Fields(fields) if fields.is_empty() => ("no fields".to_owned(), Vec::new()),
            ObjectKind::Fields(fields) => (String::new(), members(fields)),
            ObjectKind::Union(union) => {
                let forms: Vec<String> = union
                    .variants
                    .iter()
                    .map(|v| format!("`{}`", v.name))
                    .chain(union.other_types.iter().map(|t| format!("`{t}`")))
                    .collect();
                let by = union
                    .discriminator
                    .as_ref()
                    .map(|tag| format!(", by `{tag}`"))
                    .unwrap_or_default();
                (format!("one of {}{by}", forms.join(", ")), Vec::new())
            }
        };
        Added {
            name: object.name.clone(),
            summary,
            members,
        }
    }

    fn method(method: &Method) -> Added {
        let params = if method.params.is_empty() {
            ", no parameters"
        } else {
            ""
        };
        Added {
            name: method.name.clone(),
            summary: format!("returns `{}`{params}", method.returns),
            members: members(&method.params),
        }
    }

    /// The Markdown list item: the name and summary, then the members as a nested list.
    fn to_markdown(&self) -> String {
        let mut out = format!("`{}`", self.name);
        if !self.summary.is_empty() {
            let _ = write!(out, ": {}", self.summary);
        }
        for member in &self.members {
            let _ = write!(out, "\n  - {member}");
        }
        out
    }
}

/// `name`: `type`, required|optional, one line per field or parameter; a constant (a union
/// variant's tag) or the documented values follow.
fn members(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            let mut line = format!("`{}`: `{}`, ", f.name, f.ty);
            match &f.facts.constant {
                Some(constant) => {
                    let _ = write!(line, "always `{constant}`");
                }
                None => line.push_str(required(f)),
            }
            if f.facts.constant.is_none() && !f.facts.enum_values.is_empty() {
                let values: Vec<&String> = f.facts.enum_values.iter().collect();
                let _ = write!(line, ", one of {}", value_list(&values));
            }
            line
        })
        .collect()
}

fn required(field: &Field) -> &'static str {
    if field.required { "required" } else { "optional" }
}

impl ApiDiff {
    /// True when the two specs document the same API (descriptions aside).
    pub fn is_empty(&self) -> bool {
        self.added_objects.is_empty()
            && self.removed_objects.is_empty()
            && self.changed_objects.is_empty()
            && self.added_methods.is_empty()
            && self.removed_methods.is_empty()
            && self.changed_methods.is_empty()
    }

    /// The process exit code for `cargo xtask diff`: 1 when `--exit-code` was given and there
    /// are differences, else 0.
    pub fn exit_code(&self, exit_code_flag: bool) -> i32 {
        i32::from(exit_code_flag && !self.is_empty())
    }

    /// The changelog as Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## Bot API {} → {}\n", self.old_version, self.new_version);
        if !self.new_release_date.is_empty() {
            let _ = write!(
                out,
                "\nBot API {} was released on {}.\n",
                self.new_version, self.new_release_date
            );
        }
        if self.is_empty() {
            out.push_str("\nNo differences.\n");
            return out;
        }
        let names = |items: &[String]| items.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>();
        let added = |items: &[Added]| items.iter().map(Added::to_markdown).collect::<Vec<_>>();
        section(&mut out, "Added objects", &added(&self.added_objects));
        section(&mut out, "Removed objects", &names(&self.removed_objects));
        section(&mut out, "Changed objects", &self.changed_objects);
        section(&mut out, "Added methods", &added(&self.added_methods));
        section(&mut out, "Removed methods", &names(&self.removed_methods));
        section(&mut out, "Changed methods", &self.changed_methods);
        out
    }
}

fn section(out: &mut String, title: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {title}\n");
    for line in lines {
        let _ = writeln!(out, "- {line}");
    }
}

/// Compares two specs.
pub fn diff(old: &Spec, new: &Spec) -> ApiDiff {
    let old_objects: HashMap<&str, &Object> = old.objects.iter().map(|o| (o.name.as_str(), o)).collect();
    let new_objects: HashMap<&str, &Object> = new.objects.iter().map(|o| (o.name.as_str(), o)).collect();
    let old_methods: HashMap<&str, &Method> = old.methods.iter().map(|m| (m.name.as_str(), m)).collect();
    let new_methods: HashMap<&str, &Method> = new.methods.iter().map(|m| (m.name.as_str(), m)).collect();

    let mut out = ApiDiff {
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        new_release_date: new.release_date.clone(),
        ..ApiDiff::default()
    };
    for object in &new.objects {
        match old_objects.get(object.name.as_str()) {
            None => out.added_objects.push(Added::object(object)),
            Some(before) => object_changes(before, object, &mut out.changed_objects),
        }
    }
    out.removed_objects = old
        .objects
        .iter()
        .filter(|o| !new_objects.contains_key(o.name.as_str()))
        .map(|o| o.name.clone())
        .collect();
    for method in &new.methods {
        match old_methods.get(method.name.as_str()) {
            None => out.added_methods.push(Added::method(method)),
            Some(before) => method_changes(before, method, &mut out.changed_methods),
        }
    }
    out.removed_methods = old
        .methods
        .iter()
        .filter(|m| !new_methods.contains_key(m.name.as_str()))
        .map(|m| m.name.clone())
        .collect();
    out
}

fn object_changes(old: &Object, new: &Object, out: &mut Vec<String>) {
    match (&old.kind, &new.kind) {
        (ObjectKind::Fields(before), ObjectKind::Fields(after)) => {
            field_changes(&new.name, "field", before, after, out);
        }
        (ObjectKind::Union(before), ObjectKind::Union(after)) => {
            let names =
                |u: &botapi_spec::Union| u.variants.iter().map(|v| v.name.clone()).collect::<Vec<_>>();
            let (before_names, after_names) = (names(before), names(after));
            for name in after_names.iter().filter(|n| !before_names.contains(n)) {
                out.push(format!("`{}`: added variant `{name}`", new.name));
            }
            for name in before_names.iter().filter(|n| !after_names.contains(n)) {
                out.push(format!("`{}`: removed variant `{name}`", new.name));
            }
            if before.discriminator != after.discriminator {
                out.push(format!(
                    "`{}`: discriminator {} → {}",
                    new.name,
                    optional_name(before.discriminator.as_deref()),
                    optional_name(after.discriminator.as_deref())
                ));
            }
            if before.other_types != after.other_types {
                out.push(format!(
                    "`{}`: other forms {} → {}",
                    new.name,
                    type_list(&before.other_types),
                    type_list(&after.other_types)
                ));
            }
        }
        (ObjectKind::Fields(_), ObjectKind::Union(_)) => {
            out.push(format!("`{}`: was an object with fields, now a union", new.name));
        }
        (ObjectKind::Union(_), ObjectKind::Fields(_)) => {
            out.push(format!("`{}`: was a union, now an object with fields", new.name));
        }
    }
}

fn method_changes(old: &Method, new: &Method, out: &mut Vec<String>) {
    field_changes(&new.name, "parameter", &old.params, &new.params, out);
    if old.returns != new.returns {
        out.push(format!(
            "`{}`: returns `{}` → `{}`",
            new.name, old.returns, new.returns
        ));
    }
}

/// Added, removed and changed fields (or parameters) of one item.
fn field_changes(owner: &str, what: &str, old: &[Field], new: &[Field], out: &mut Vec<String>) {
    let before: HashMap<&str, &Field> = old.iter().map(|f| (f.name.as_str(), f)).collect();
    for field in new {
        let path = format!("`{owner}.{}`", field.name);
        let Some(previous) = before.get(field.name.as_str()) else {
            out.push(format!(
                "{path}: added {what}, `{}`, {}",
                field.ty,
                required(field)
            ));
            continue;
        };
        if previous.ty != field.ty {
            out.push(format!("{path}: type `{}` → `{}`", previous.ty, field.ty));
        }
        if previous.required != field.required {
            let (from, to) = if field.required {
                ("optional", "required")
            } else {
                ("required", "optional")
            };
            out.push(format!("{path}: {from} → {to}"));
        }
        let added: Vec<&String> = field
            .facts
            .enum_values
            .iter()
            .filter(|v| !previous.facts.enum_values.contains(v))
            .collect();
        let removed: Vec<&String> = previous
            .facts
            .enum_values
            .iter()
            .filter(|v| !field.facts.enum_values.contains(v))
            .collect();
        if !added.is_empty() {
            out.push(format!("{path}: new values {}", value_list(&added)));
        }
        if !removed.is_empty() {
            out.push(format!("{path}: removed values {}", value_list(&removed)));
        }
    }
    for field in old.iter().filter(|f| !new.iter().any(|n| n.name == f.name)) {
        out.push(format!("`{owner}.{}`: removed {what}", field.name));
    }
}

fn value_list(values: &[&String]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn type_list(types: &[Type]) -> String {
    if types.is_empty() {
        return "none".to_string();
    }
    types
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn optional_name(name: Option<&str>) -> String {
    name.map_or_else(|| "none".to_string(), |n| format!("`{n}`"))
}

#[cfg(test)]
mod tests {
    use botapi_spec::{Facts, Union, Variant};

    use super::*;

    fn field(name: &str, ty: Type, required: bool, values: &[&str]) -> Field {
        Field {
            name: name.into(),
            ty,
            required,
            description: String::new(),
            facts: Facts {
                enum_values: values.iter().map(|v| v.to_string()).collect(),
                ..Facts::default()
            },
        }
    }

    fn object(name: &str, fields: Vec<Field>) -> Object {
        Object {
            name: name.into(),
            anchor: name.to_lowercase(),
            section: "Available types".into(),
            description: String::new(),
            kind: ObjectKind::Fields(fields),
        }
    }

    fn union(name: &str, variants: &[&str], tag: Option<&str>) -> Object {
        Object {
            kind: ObjectKind::Union(Union {
                discriminator: tag.map(str::to_string),
                variants: variants
                    .iter()
                    .map(|v| Variant {
                        name: v.to_string(),
                        value: None,
                    })
                    .collect(),
                other_types: Vec::new(),
            }),
            ..object(name, vec![])
        }
    }

    fn method(name: &str, params: Vec<Field>, returns: Type) -> Method {
        Method {
            name: name.into(),
            anchor: name.to_lowercase(),
            section: "Available methods".into(),
            description: String::new(),
            params,
            returns,
        }
    }

    fn spec(version: &str, objects: Vec<Object>, methods: Vec<Method>) -> Spec {
        Spec {
            version: version.into(),
            release_date: String::new(),
            changelog: String::new(),
            objects,
            methods,
        }
    }

    #[test]
    fn lists_every_kind_of_change() {
        let old = spec(
            "1.0",
            vec![
                object(
                    "Chat",
                    vec![
                        field("id", Type::Integer, true, &[]),
                        field("type", Type::String, true, &["private", "group"]),
                        field("old", Type::String, false, &[]),
                        field("text", Type::String, false, &[]),
                    ],
                ),
                object("Gone", vec![]),
                union("Member", &["Owner", "Left"], Some("status")),
            ],
            vec![
                method(
                    "getChat",
                    vec![field("chat_id", Type::Integer, true, &[])],
                    Type::reference("Chat"),
                ),
                method("oldMethod", vec![], Type::True),
            ],
        );
        let new = spec(
            "2.0",
            vec![
                object(
                    "Chat",
                    vec![
                        field("id", Type::Integer, true, &[]),
                        field("type", Type::String, true, &["private", "channel"]),
                        field("text", Type::array_of(Type::String), true, &[]),
                        field("title", Type::String, false, &[]),
                    ],
                ),
                union("Member", &["Owner", "Banned"], None),
                object(
                    "Fresh",
                    vec![
                        field("id", Type::Integer, true, &[]),
                        field("photos", Type::array_of(Type::reference("Photo")), false, &[]),
                        field("style", Type::String, false, &["red", "blue"]),
                        Field {
                            facts: Facts {
                                constant: Some("fresh".into()),
                                ..Facts::default()
                            },
                            ..field("type", Type::String, true, &[])
                        },
                    ],
                ),
                object("Empty", vec![]),
                union("Shape", &["Circle", "Square"], Some("kind")),
            ],
            vec![
                method(
                    "getChat",
                    vec![
                        field(
                            "chat_id",
                            Type::OneOf(vec![Type::Integer, Type::String]),
                            false,
                            &[],
                        ),
                        field("extra", Type::Boolean, false, &[]),
                    ],
                    Type::reference("ChatFullInfo"),
                ),
                method(
                    "newMethod",
                    vec![
                        field(
                            "chat_id",
                            Type::OneOf(vec![Type::Integer, Type::String]),
                            true,
                            &[],
                        ),
                        field("silent", Type::Boolean, false, &[]),
                    ],
                    Type::array_of(Type::reference("Fresh")),
                ),
                method("close", vec![], Type::True),
            ],
        );
        let diff = diff(&old, &new);
        assert_eq!(diff.exit_code(true), 1);
        assert_eq!(diff.exit_code(false), 0);
        assert_eq!(
            diff.to_markdown(),
            "## Bot API 1.0 → 2.0

### Added objects

- `Fresh`
  - `id`: `Integer`, required
  - `photos`: `Array of Photo`, optional
  - `style`: `String`, optional, one of `red`, `blue`
  - `type`: `String`, always `fresh`
- `Empty`: no fields
- `Shape`: one of `Circle`, `Square`, by `kind`

### Removed objects

- `Gone`

### Changed objects

- `Chat.type`: new values `channel`
- `Chat.type`: removed values `group`
- `Chat.text`: type `String` → `Array of String`
- `Chat.text`: optional → required
- `Chat.title`: added field, `String`, optional
- `Chat.old`: removed field
- `Member`: added variant `Banned`
- `Member`: removed variant `Left`
- `Member`: discriminator `status` → none

### Added methods

- `newMethod`: returns `Array of Fresh`
  - `chat_id`: `Integer or String`, required
  - `silent`: `Boolean`, optional
- `close`: returns `True`, no parameters

### Removed methods

- `oldMethod`

### Changed methods

- `getChat.chat_id`: type `Integer` → `Integer or String`
- `getChat.chat_id`: required → optional
- `getChat.extra`: added parameter, `Boolean`, optional
- `getChat`: returns `Chat` → `ChatFullInfo`
"
        );
    }

    #[test]
    fn same_specs_have_no_differences() {
        let one = spec(
            "1.0",
            vec![object("A", vec![])],
            vec![method("m", vec![], Type::True)],
        );
        let diff = diff(&one, &one);
        assert!(diff.is_empty());
        assert_eq!(diff.exit_code(true), 0);
        assert_eq!(diff.to_markdown(), "## Bot API 1.0 → 1.0\n\nNo differences.\n");
    }
}
