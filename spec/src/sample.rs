//! Valid sample JSON values for any spec [`Type`]: what a fake server answers, and what
//! round-trip tests decode.
//!
//! A sample sets every field down to a depth limit (only required fields past it), picks union
//! variants and `A or B` alternatives deterministically from a seed, and keeps strings and
//! numbers within what the spec states: constants, documented value lists, defaults and bounds.
//!
//! ```
//! use botapi_spec::{Spec, Type, sample::Sampler};
//! let spec = Spec::bundled();
//! let sampler = Sampler::new(&spec).max_depth(1).optional_fields(false);
//! let value = sampler.sample(&Type::Integer);
//! assert!(value.is_i64());
//! ```

use std::collections::HashMap;

use serde_json::{Map, Number, Value};

use crate::{BoundUnit, Bounds, Facts, Field, Method, Object, ObjectKind, Spec, Type};

/// How far past `max_depth` required fields are still followed before giving up (a spec whose
/// required fields form a cycle cannot be sampled; this keeps such a spec from recursing forever).
const REQUIRED_DEPTH_SLACK: usize = 16;

/// Builds sample values from a spec. Cheap to create; configure with the setters.
#[derive(Debug, Clone)]
pub struct Sampler<'a> {
    objects: HashMap<&'a str, &'a Object>,
    max_depth: usize,
    optional_fields: bool,
    seed: u64,
}

impl<'a> Sampler<'a> {
    /// A sampler with every optional field set down to depth 2, and the first variant of
    /// every union.
    pub fn new(spec: &'a Spec) -> Self {
        Sampler {
            objects: spec.objects.iter().map(|o| (o.name.as_str(), o)).collect(),
            max_depth: 2,
            optional_fields: true,
            seed: 0,
        }
    }

    /// Objects nested deeper than this (the top level is depth 0) get only their required
    /// fields.
    pub fn max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Whether optional fields are set at all (within the depth limit).
    pub fn optional_fields(mut self, optional_fields: bool) -> Self {
        self.optional_fields = optional_fields;
        self
    }

    /// Chooses union variants, `A or B` alternatives and documented string values: item
    /// `seed % count` of each list.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// A sample of `ty`.
    pub fn sample(&self, ty: &Type) -> Value {
        self.value(ty, None, 0)
    }

    /// A sample of the object named `name` (for a union, its chosen variant); `None` when the
    /// spec has no such object.
    pub fn object(&self, name: &str) -> Option<Value> {
        self.objects.contains_key(name).then(|| self.named(name, 0))
    }

    /// A sample value of one field or parameter, keeping to its facts (constant, documented
    /// values, default, bounds).
    pub fn field(&self, field: &Field) -> Value {
        self.value(&field.ty, Some(field), 1)
    }

    /// Sample parameters for a call of `method`: every required parameter, and the optional
    /// ones too when optional fields are on.
    pub fn params(&self, method: &Method) -> Map<String, Value> {
        method
            .params
            .iter()
            .filter(|p| p.required || self.optional_fields)
            .map(|p| (p.name.clone(), self.field(p)))
            .collect()
    }

    /// One sample per variant of the union named `name`, in doc order, with the variant's name;
    /// empty when `name` is not a union.
    pub fn variants(&self, name: &str) -> Vec<(String, Value)> {
        let Some(union) = self.objects.get(name).and_then(|o| o.union()) else {
            return Vec::new();
        };
        union
            .variants
            .iter()
            .map(|v| (v.name.clone(), self.named(&v.name, 0)))
            .collect()
    }

    fn pick<T>(&self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        let index = usize::try_from(self.seed % items.len() as u64).unwrap_or(0);
        items.get(index)
    }

    fn value(&self, ty: &Type, field: Option<&Field>, depth: usize) -> Value {
        let facts = field.map(|f| &f.facts);
        match ty {
            Type::Integer => integer(field, facts),
            Type::Float => float(facts),
            Type::String => string(field, facts, self),
            Type::Boolean => match facts.and_then(|f| f.default.as_ref()) {
                Some(Value::Bool(b)) => Value::Bool(*b),
                _ => Value::Bool(true),
            },
            Type::True => Value::Bool(true),
            Type::Ref(name) => self.named(name, depth),
            Type::Array(inner) => {
                let bounds = facts
                    .and_then(|f| f.bounds.as_ref())
                    .filter(|b| b.unit == BoundUnit::Items);
                let min = bounds
                    .and_then(|b| b.min.as_ref())
                    .and_then(Number::as_u64)
                    .unwrap_or(0);
                let count = if depth > self.max_depth { min } else { min.max(1) };
                let count = count.min(10);
                // Items keep the field's facts only for what applies to each item (not bounds).
                let item_field = field.map(|f| Field {
                    facts: Facts {
                        bounds: None,
                        ..f.facts.clone()
                    },
                    ..f.clone()
                });
                Value::Array(
                    (0..count)
                        .map(|_| self.value(inner, item_field.as_ref(), depth + 1))
                        .collect(),
                )
            }
            Type::OneOf(alternatives) => {
                // Past the depth limit, prefer an alternative that ends the recursion.
                let scalar = alternatives.iter().find(|alt| alt.refs().is_empty());
                let chosen = if depth > self.max_depth {
                    scalar.or(self.pick(alternatives))
                } else {
                    self.pick(alternatives)
                };
                match chosen {
                    Some(alternative) => self.value(alternative, field, depth),
                    None => Value::Null,
                }
            }
        }
    }

    fn named(&self, name: &str, depth: usize) -> Value {
        if name == "InputFile" {
            return Value::String("AgACAgIAAxkBAAIBsample".to_owned());
        }
        let Some(object) = self.objects.get(name) else {
            return Value::Null;
        };
        if depth > self.max_depth + REQUIRED_DEPTH_SLACK {
            return Value::Object(Map::new());
        }
        match &object.kind {
            ObjectKind::Fields(fields) => {
                let mut map = Map::new();
                for field in fields {
                    if field.required || (self.optional_fields && depth < self.max_depth) {
                        map.insert(field.name.clone(), self.value(&field.ty, Some(field), depth + 1));
                    }
                }
                Value::Object(map)
            }
            ObjectKind::Union(union) => {
                // A union that can also be a plain value (RichText: a String, an Array of
                // RichText, or an object) takes the plain value past the depth limit, so that
                // recursive unions end.
                let scalar = union.other_types.iter().find(|ty| ty.refs().is_empty());
                if let (true, Some(scalar)) = (depth > self.max_depth || union.variants.is_empty(), scalar) {
                    return self.value(scalar, None, depth);
                }
                match self.pick(&union.variants) {
                    Some(variant) => self.named(&variant.name, depth),
                    None => match self.pick(&union.other_types) {
                        Some(other) => self.value(other, None, depth),
                        None => Value::Null,
                    },
                }
            }
        }
    }
}

fn bounds_of(facts: Option<&Facts>, unit: BoundUnit) -> Option<&Bounds> {
    facts.and_then(|f| f.bounds.as_ref()).filter(|b| b.unit == unit)
}

fn integer(field: Option<&Field>, facts: Option<&Facts>) -> Value {
    if let Some(facts) = facts {
        let fixed = facts
            .constant
            .iter()
            .chain(&facts.enum_values)
            .find_map(|v| v.parse::<i64>().ok());
        if let Some(n) = fixed {
            return Value::from(n);
        }
        if let Some(Value::Number(n)) = &facts.default {
            if n.is_i64() {
                return Value::Number(n.clone());
            }
        }
    }
    if let Some(bounds) = bounds_of(facts, BoundUnit::Value) {
        let min = bounds.min.as_ref().and_then(Number::as_i64);
        let max = bounds.max.as_ref().and_then(Number::as_i64);
        return Value::from(min.or(max.map(|m| m.min(1))).unwrap_or(1));
    }
    let name = field.map_or("", |f| f.name.as_str());
    if name == "date" || name.ends_with("_date") {
        Value::from(1_700_000_000_i64)
    } else {
        Value::from(1)
    }
}

fn float(facts: Option<&Facts>) -> Value {
    if let Some(Value::Number(n)) = facts.and_then(|f| f.default.as_ref()) {
        return Value::Number(n.clone());
    }
    let value = match bounds_of(facts, BoundUnit::Value) {
        Some(bounds) => {
            let min = bounds.min.as_ref().and_then(Number::as_f64);
            let max = bounds.max.as_ref().and_then(Number::as_f64);
            min.or(max).unwrap_or(0.5)
        }
        None => 0.5,
    };
    Number::from_f64(value).map_or(Value::Null, Value::Number)
}

fn string(field: Option<&Field>, facts: Option<&Facts>, sampler: &Sampler<'_>) -> Value {
    if let Some(facts) = facts {
        if let Some(constant) = &facts.constant {
            return Value::String(constant.clone());
        }
        if let Some(value) = sampler.pick(&facts.enum_values) {
            return Value::String(value.clone());
        }
        if let Some(Value::String(default)) = &facts.default {
            return Value::String(default.clone());
        }
    }
    let mut text = field.map_or_else(|| "sample".to_owned(), |f| f.name.clone());
    let bounds = bounds_of(facts, BoundUnit::Characters).or_else(|| bounds_of(facts, BoundUnit::Bytes));
    if let Some(bounds) = bounds {
        let min = bounds.min.as_ref().and_then(Number::as_u64).unwrap_or(0);
        let max = bounds.max.as_ref().and_then(Number::as_u64);
        let min = usize::try_from(min).unwrap_or(usize::MAX);
        if text.len() < min {
            text.extend(std::iter::repeat_n('x', min - text.len()));
        }
        if let Some(max) = max.and_then(|m| usize::try_from(m).ok()) {
            text.truncate(max);
        }
    }
    Value::String(text)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn spec() -> Spec {
        let objects = json!([
            {"name": "User", "anchor": "user", "section": "Available types", "description": "",
             "fields": [
                {"name": "id", "type": "integer", "required": true, "description": ""},
                {"name": "first_name", "type": "string", "required": true, "description": ""},
                {"name": "username", "type": "string", "required": false, "description": ""},
                {"name": "friend", "type": {"ref": "User"}, "required": false, "description": ""}
             ]},
            {"name": "Origin", "anchor": "origin", "section": "Available types", "description": "",
             "union": {"discriminator": "type", "variants": [
                {"name": "OriginUser", "value": "user"}, {"name": "OriginChat", "value": "chat"}
             ]}},
            {"name": "OriginUser", "anchor": "originuser", "section": "Available types", "description": "",
             "fields": [
                {"name": "type", "type": "string", "required": true, "description": "", "constant": "user"},
                {"name": "date", "type": "integer", "required": true, "description": ""},
                {"name": "sender_user", "type": {"ref": "User"}, "required": true, "description": ""}
             ]},
            {"name": "OriginChat", "anchor": "originchat", "section": "Available types", "description": "",
             "fields": [
                {"name": "type", "type": "string", "required": true, "description": "", "constant": "chat"},
                {"name": "kind", "type": "string", "required": true, "description": "",
                 "enum_values": ["a", "b"]},
                {"name": "limit", "type": "integer", "required": true, "description": "",
                 "bounds": {"unit": "value", "min": 5, "max": 10}},
                {"name": "code", "type": "string", "required": true, "description": "",
                 "bounds": {"unit": "characters", "min": 6, "max": 8}},
                {"name": "items", "type": {"array": "integer"}, "required": true, "description": "",
                 "bounds": {"unit": "items", "min": 2}}
             ]}
        ]);
        Spec {
            version: "0".into(),
            release_date: String::new(),
            changelog: String::new(),
            objects: serde_json::from_value(objects).unwrap(),
            methods: Vec::new(),
        }
    }

    #[test]
    fn scalars_have_the_right_json_type() {
        let spec = spec();
        let sampler = Sampler::new(&spec);
        assert!(sampler.sample(&Type::Integer).is_i64());
        assert!(sampler.sample(&Type::Float).is_f64());
        assert!(sampler.sample(&Type::String).is_string());
        assert_eq!(sampler.sample(&Type::True), json!(true));
        let one_of = Type::OneOf(vec![Type::Integer, Type::String]);
        assert!(sampler.sample(&one_of).is_i64());
        assert!(sampler.clone().seed(1).sample(&one_of).is_string());
    }

    #[test]
    fn optional_fields_stop_at_the_depth_limit_required_ones_do_not() {
        let spec = spec();
        let user = Sampler::new(&spec).max_depth(1).object("User").unwrap();
        assert_eq!(user["username"], "username");
        assert!(user["friend"].get("id").is_some());
        assert!(user["friend"].get("username").is_none(), "{user}");
        let bare = Sampler::new(&spec).optional_fields(false).object("User").unwrap();
        assert_eq!(bare, json!({"id": 1, "first_name": "first_name"}));
    }

    #[test]
    fn unions_pick_a_variant_with_its_tag() {
        let spec = spec();
        let first = Sampler::new(&spec).object("Origin").unwrap();
        assert_eq!(first["type"], "user");
        assert_eq!(first["date"], 1_700_000_000);
        let second = Sampler::new(&spec).seed(1).object("Origin").unwrap();
        assert_eq!(second["type"], "chat");
        let all: Vec<_> = Sampler::new(&spec)
            .variants("Origin")
            .into_iter()
            .map(|(name, v)| (name, v["type"].clone()))
            .collect();
        assert_eq!(
            all,
            [
                ("OriginUser".to_owned(), json!("user")),
                ("OriginChat".to_owned(), json!("chat"))
            ]
        );
    }

    #[test]
    fn facts_are_respected() {
        let spec = spec();
        let chat = Sampler::new(&spec).object("OriginChat").unwrap();
        assert_eq!(chat["kind"], "a");
        assert_eq!(chat["limit"], 5);
        let code = chat["code"].as_str().unwrap();
        assert!((6..=8).contains(&code.len()), "{code}");
        assert_eq!(chat["items"].as_array().unwrap().len(), 2);
        assert_eq!(
            Sampler::new(&spec).seed(1).object("OriginChat").unwrap()["kind"],
            "b"
        );
    }

    #[test]
    fn method_params_follow_required_and_facts() {
        let spec = spec();
        let method: Method = serde_json::from_value(json!({
            "name": "m", "anchor": "m", "section": "", "description": "", "returns": "true",
            "params": [
                {"name": "chat_id", "type": {"one_of": ["integer", "string"]}, "required": true, "description": ""},
                {"name": "limit", "type": "integer", "required": false, "description": "", "default": 100}
            ]
        }))
        .unwrap();
        let all = Sampler::new(&spec).params(&method);
        assert_eq!(
            serde_json::Value::Object(all),
            json!({"chat_id": 1, "limit": 100})
        );
        let required = Sampler::new(&spec).optional_fields(false).params(&method);
        assert_eq!(serde_json::Value::Object(required), json!({"chat_id": 1}));
    }

    #[test]
    fn unknown_names_give_nothing() {
        let spec = spec();
        assert_eq!(Sampler::new(&spec).object("Nope"), None);
        assert!(Sampler::new(&spec).variants("User").is_empty());
    }
}
