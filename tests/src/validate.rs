//! Checks a request's parameters against the spec the way Telegram does, decoding them on the
//! way: form fields arrive as text, so `"42"` for an Integer becomes `42` and a JSON-serialized
//! object is parsed. Unknown parameters and fields are kept as sent (Telegram ignores them).

use std::collections::{HashMap, HashSet};

use botapi_spec::{Field, Method, Object, ObjectKind, Type};
use serde_json::{Map, Value};

/// The objects of a spec by name.
pub(crate) type Objects<'a> = HashMap<&'a str, &'a Object>;

/// The parameters of one request before validation.
pub(crate) struct Incoming<'a> {
    /// Top-level values: JSON values from a JSON body, strings from a form or query string.
    pub(crate) fields: Map<String, Value>,
    /// Names of uploaded parts.
    pub(crate) parts: &'a HashSet<String>,
}

/// Validates and decodes the parameters of `method`; the error is Telegram's description.
pub(crate) fn validate(
    objects: &Objects<'_>,
    method: &Method,
    incoming: Incoming<'_>,
) -> Result<Map<String, Value>, String> {
    let Incoming { mut fields, parts } = incoming;
    let mut decoded = Map::new();
    for param in &method.params {
        let Some(value) = fields.remove(&param.name) else {
            if parts.contains(&param.name) && accepts_file(&param.ty) {
                continue;
            }
            if param.required {
                return Err(format!("Bad Request: {} is empty", param.name));
            }
            continue;
        };
        if value.is_null() && !param.required {
            continue;
        }
        let checker = Checker {
            objects,
            strict: false,
        };
        let value = checker.top_level(param, value)?;
        decoded.insert(param.name.clone(), value);
    }
    // Parameters the spec does not know: kept as sent.
    decoded.extend(fields);
    for value in decoded.values() {
        check_attachments(value, parts)?;
    }
    Ok(decoded)
}

/// Every `attach://<name>` string at any depth must name an uploaded part.
fn check_attachments(value: &Value, parts: &HashSet<String>) -> Result<(), String> {
    match value {
        Value::String(text) => match text.strip_prefix("attach://") {
            Some(part) if !parts.contains(part) => Err(format!(
                "Bad Request: file \"{text}\" is referenced but was not uploaded"
            )),
            _ => Ok(()),
        },
        Value::Array(items) => items.iter().try_for_each(|item| check_attachments(item, parts)),
        Value::Object(map) => map.values().try_for_each(|item| check_attachments(item, parts)),
        _ => Ok(()),
    }
}

/// Checks that `value` is a valid `ty` by the spec's rules, as the server checks parameters
/// (but without accepting text for numbers or JSON objects): the error says where it is not.
pub(crate) fn check_value(objects: &Objects<'_>, ty: &Type, value: &Value) -> Result<(), String> {
    Checker {
        objects,
        strict: true,
    }
    .check(ty, value.clone(), "value")
    .map(drop)
}

fn accepts_file(ty: &Type) -> bool {
    match ty {
        Type::Ref(name) => name == "InputFile",
        Type::OneOf(alternatives) => alternatives.iter().any(accepts_file),
        _ => false,
    }
}

struct Checker<'a, 'b> {
    objects: &'b Objects<'a>,
    /// No text for numbers, booleans or JSON: what a response must satisfy.
    strict: bool,
}

impl Checker<'_, '_> {
    /// A top-level parameter: text where the type is not text is parsed first.
    fn top_level(&self, param: &Field, value: Value) -> Result<Value, String> {
        let value = match value {
            Value::String(text) if wants_json(&param.ty) => match serde_json::from_str::<Value>(&text) {
                Ok(parsed) if parsed.is_object() || parsed.is_array() => parsed,
                _ if text_allowed(&param.ty) => Value::String(text),
                _ => {
                    let what = if matches!(param.ty, Type::Array(_)) {
                        "array"
                    } else {
                        "object"
                    };
                    return Err(format!("Bad Request: can't parse {} JSON {what}", param.name));
                }
            },
            other => other,
        };
        self.check(&param.ty, value, &param.name)
    }

    fn check(&self, ty: &Type, value: Value, path: &str) -> Result<Value, String> {
        let mismatch = || format!("Bad Request: field \"{path}\" must be of type {ty}");
        let lenient = !self.strict;
        match (ty, value) {
            (Type::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(Value::Number(n)),
            (Type::Integer, Value::Number(n)) if lenient => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(Value::from(f as i64)),
                _ => Err(mismatch()),
            },
            (Type::Integer, Value::String(text)) if lenient => text
                .trim()
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| mismatch()),
            (Type::Float, Value::Number(n)) => Ok(Value::Number(n)),
            (Type::Float, Value::String(text)) if lenient => {
                let parsed = text
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64);
                parsed.map(Value::Number).ok_or_else(mismatch)
            }
            (Type::String, Value::String(text)) => Ok(Value::String(text)),
            (Type::String, Value::Number(n)) if lenient => Ok(Value::String(n.to_string())),
            (Type::Boolean, Value::Bool(b)) => Ok(Value::Bool(b)),
            (Type::True, Value::Bool(true)) => Ok(Value::Bool(true)),
            (Type::Boolean | Type::True, value) if lenient => {
                let flag = match &value {
                    Value::Number(n) => n.as_i64().filter(|n| *n == 0 || *n == 1).map(|n| n == 1),
                    Value::String(text) => match text.trim().to_ascii_lowercase().as_str() {
                        "true" | "1" => Some(true),
                        "false" | "0" => Some(false),
                        _ => None,
                    },
                    _ => None,
                };
                match flag {
                    Some(true) => Ok(Value::Bool(true)),
                    Some(false) if *ty == Type::Boolean => Ok(Value::Bool(false)),
                    _ => Err(mismatch()),
                }
            }
            (Type::Array(inner), Value::Array(items)) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| self.check(inner, item, &format!("{path}[{i}]")))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            (Type::Array(_), Value::String(text)) if lenient => match serde_json::from_str::<Value>(&text) {
                Ok(parsed @ Value::Array(_)) => self.check(ty, parsed, path),
                _ => Err(mismatch()),
            },
            (Type::OneOf(alternatives), value) => alternatives
                .iter()
                .find_map(|alt| self.check(alt, value.clone(), path).ok())
                .ok_or_else(mismatch),
            (Type::Ref(name), Value::String(text)) if name == "InputFile" => Ok(Value::String(text)),
            (Type::Ref(name), value) if name != "InputFile" => self.object(name, value, path),
            _ => Err(mismatch()),
        }
    }

    fn object(&self, name: &str, value: Value, path: &str) -> Result<Value, String> {
        let Some(object) = self.objects.get(name) else {
            return Ok(value);
        };
        let value = match value {
            Value::String(text) if !self.strict => serde_json::from_str::<Value>(&text)
                .ok()
                .filter(Value::is_object)
                .ok_or_else(|| format!("Bad Request: can't parse {name} JSON object in \"{path}\""))?,
            other => other,
        };
        match &object.kind {
            ObjectKind::Fields(fields) => self.fields(name, fields, value, path),
            ObjectKind::Union(union) => {
                // A union that may also be a plain value (RichText: a String or an Array).
                if !value.is_object() && !union.other_types.is_empty() {
                    return union
                        .other_types
                        .iter()
                        .find_map(|form| self.check(form, value.clone(), path).ok())
                        .ok_or_else(|| format!("Bad Request: can't parse {name} in \"{path}\""));
                }
                if let Some(tag) = &union.discriminator {
                    let found = value.get(tag).and_then(Value::as_str).map(str::to_owned);
                    let Some(found) = found else {
                        return Err(format!(
                            "Bad Request: can't parse {name}: field \"{path}.{tag}\" is required"
                        ));
                    };
                    let Some(variant) = union.variants.iter().find(|v| v.value.as_deref() == Some(&found))
                    else {
                        return Err(format!(
                            "Bad Request: can't parse {name}: unknown {tag} \"{found}\""
                        ));
                    };
                    return self.object(&variant.name, value, path);
                }
                let variants = union.variants.iter().map(|v| Type::Ref(v.name.clone()));
                let forms: Vec<Type> = variants.chain(union.other_types.iter().cloned()).collect();
                forms
                    .iter()
                    .find_map(|form| self.check(form, value.clone(), path).ok())
                    .ok_or_else(|| format!("Bad Request: can't parse {name} in \"{path}\""))
            }
        }
    }

    fn fields(&self, name: &str, fields: &[Field], value: Value, path: &str) -> Result<Value, String> {
        let Value::Object(mut map) = value else {
            return Err(format!("Bad Request: field \"{path}\" must be of type {name}"));
        };
        for field in fields {
            let inner_path = format!("{path}.{}", field.name);
            match map.remove(&field.name) {
                Some(Value::Null) | None if field.required => {
                    return Err(format!(
                        "Bad Request: can't parse {name}: field \"{inner_path}\" is required"
                    ));
                }
                None | Some(Value::Null) => {}
                Some(inner) => {
                    let checked = self.check(&field.ty, inner, &inner_path)?;
                    if let Some(constant) = &field.facts.constant {
                        if checked.as_str().is_some_and(|s| s != constant) {
                            return Err(format!(
                                "Bad Request: can't parse {name}: field \"{inner_path}\" must be \"{constant}\""
                            ));
                        }
                    }
                    map.insert(field.name.clone(), checked);
                }
            }
        }
        Ok(Value::Object(map))
    }
}

/// Whether text sent for this type should be parsed as JSON first.
fn wants_json(ty: &Type) -> bool {
    match ty {
        Type::Array(_) => true,
        Type::Ref(name) => name != "InputFile",
        Type::OneOf(alternatives) => alternatives.iter().any(wants_json),
        _ => false,
    }
}

/// Whether plain text is an acceptable value of this type.
fn text_allowed(ty: &Type) -> bool {
    match ty {
        Type::String | Type::Integer | Type::Float | Type::Boolean | Type::True => true,
        Type::Ref(name) => name == "InputFile",
        Type::Array(_) => false,
        Type::OneOf(alternatives) => alternatives.iter().any(text_allowed),
    }
}

#[cfg(test)]
mod tests {
    use botapi_spec::Spec;
    use serde_json::json;

    use super::*;

    fn spec() -> Spec {
        serde_json::from_value(json!({
            "version": "0", "release_date": "", "changelog": "",
            "objects": [
                {"name": "InputFile", "anchor": "inputfile", "section": "", "description": "", "fields": []},
                {"name": "ReplyParameters", "anchor": "", "section": "", "description": "", "fields": [
                    {"name": "message_id", "type": "integer", "required": true, "description": ""},
                    {"name": "quote", "type": "string", "required": false, "description": ""}
                ]},
                {"name": "InputMedia", "anchor": "", "section": "", "description": "", "union": {
                    "discriminator": "type",
                    "variants": [{"name": "InputMediaPhoto", "value": "photo"}]
                }},
                {"name": "InputMediaPhoto", "anchor": "", "section": "", "description": "", "fields": [
                    {"name": "type", "type": "string", "required": true, "description": "", "constant": "photo"},
                    {"name": "media", "type": "string", "required": true, "description": ""}
                ]}
            ],
            "methods": [{"name": "sendX", "anchor": "", "section": "", "description": "", "returns": "true",
                "params": [
                    {"name": "chat_id", "type": {"one_of": ["integer", "string"]}, "required": true, "description": ""},
                    {"name": "count", "type": "integer", "required": false, "description": ""},
                    {"name": "silent", "type": "boolean", "required": false, "description": ""},
                    {"name": "photo", "type": {"one_of": [{"ref": "InputFile"}, "string"]}, "required": false,
                     "description": ""},
                    {"name": "reply_parameters", "type": {"ref": "ReplyParameters"}, "required": false,
                     "description": ""},
                    {"name": "media", "type": {"array": {"ref": "InputMedia"}}, "required": false, "description": ""}
                ]}]
        }))
        .unwrap()
    }

    fn run(fields: Value, parts: &[&str]) -> Result<Value, String> {
        let spec = spec();
        let objects: Objects<'_> = spec.objects.iter().map(|o| (o.name.as_str(), o)).collect();
        let parts: HashSet<String> = parts.iter().map(|p| p.to_string()).collect();
        let Value::Object(fields) = fields else { panic!() };
        validate(
            &objects,
            &spec.methods[0],
            Incoming {
                fields,
                parts: &parts,
            },
        )
        .map(Value::Object)
    }

    #[test]
    fn form_text_is_decoded_by_type() {
        let out = run(
            json!({"chat_id": "42", "count": "7", "silent": "true", "reply_parameters": "{\"message_id\":5}",
                   "extra": "kept"}),
            &[],
        )
        .unwrap();
        assert_eq!(
            out,
            json!({"chat_id": 42, "count": 7, "silent": true, "reply_parameters": {"message_id": 5}, "extra": "kept"})
        );
        assert_eq!(
            run(json!({"chat_id": "@chan"}), &[]).unwrap(),
            json!({"chat_id": "@chan"})
        );
    }

    #[test]
    fn missing_and_mistyped_parameters_are_rejected() {
        assert_eq!(run(json!({}), &[]).unwrap_err(), "Bad Request: chat_id is empty");
        assert_eq!(
            run(json!({"chat_id": 1, "count": "seven"}), &[]).unwrap_err(),
            "Bad Request: field \"count\" must be of type Integer"
        );
        assert_eq!(
            run(json!({"chat_id": 1, "reply_parameters": "{oops"}), &[]).unwrap_err(),
            "Bad Request: can't parse reply_parameters JSON object"
        );
        assert_eq!(
            run(json!({"chat_id": 1, "reply_parameters": {"quote": "x"}}), &[]).unwrap_err(),
            "Bad Request: can't parse ReplyParameters: field \"reply_parameters.message_id\" is required"
        );
        assert_eq!(
            run(json!({"chat_id": 1, "silent": "maybe"}), &[]).unwrap_err(),
            "Bad Request: field \"silent\" must be of type Boolean"
        );
    }

    #[test]
    fn unions_dispatch_on_their_tag() {
        let ok = run(
            json!({"chat_id": 1, "media": [{"type": "photo", "media": "id"}]}),
            &[],
        );
        assert!(ok.is_ok(), "{ok:?}");
        assert_eq!(
            run(
                json!({"chat_id": 1, "media": [{"type": "gif", "media": "id"}]}),
                &[]
            )
            .unwrap_err(),
            "Bad Request: can't parse InputMedia: unknown type \"gif\""
        );
    }

    #[test]
    fn files_count_as_present_and_attachments_must_exist() {
        assert!(run(json!({"chat_id": 1}), &["photo"]).is_ok());
        assert!(run(json!({"chat_id": 1, "photo": "attach://p"}), &["p"]).is_ok());
        let err = run(json!({"chat_id": 1, "photo": "attach://missing"}), &[]).unwrap_err();
        assert!(err.contains("not uploaded"), "{err}");
        let nested = json!({"chat_id": 1, "media": [{"type": "photo", "media": "attach://gone"}]});
        assert!(run(nested, &[]).unwrap_err().contains("\"attach://gone\""));
    }
}
