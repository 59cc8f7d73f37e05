//! Unions: objects documented as a list of other objects, and their discriminators.
//!
//! A union has no field table; its description ends in a list where every item is one link to
//! an object ("It can be one of" / "Currently, the following 6 types of chat members are
//! supported:"). Its discriminator is the field that every variant pins to a constant
//! ("The member's status in the chat, always “creator”").

use std::collections::HashMap;

use botapi_spec::{Object, ObjectKind, Type, Union, Variant};

use super::error::{Location, ScrapeError};
use super::extract::RawBlock;
use super::tokens::{Token, tokenize};
use super::types::{Objects, mentioned_types};

/// The union read from an object's description blocks.
pub(crate) fn union_of(
    at: Location<'_>,
    blocks: &[&RawBlock],
    objects: &Objects,
) -> Result<Option<Union>, ScrapeError> {
    for (i, block) in blocks.iter().enumerate() {
        let RawBlock::List { items, .. } = block else {
            continue;
        };
        let Some(names) = items
            .iter()
            .map(|item| single_object_link(item, objects))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let intro = match i.checked_sub(1).map(|j| blocks[j]) {
            Some(RawBlock::Text(text)) => text.as_str(),
            _ => "",
        };
        let other_types = other_types(intro, objects).map_err(|m| at.error(m))?;
        return Ok(Some(Union {
            discriminator: None,
            variants: names
                .into_iter()
                .map(|name| Variant { name, value: None })
                .collect(),
            other_types,
        }));
    }
    Ok(None)
}

/// The object named by a list item that is exactly one link to it.
fn single_object_link(item: &str, objects: &Objects) -> Option<String> {
    match tokenize(item).as_slice() {
        [Token::Link { href, .. }] => href.strip_prefix('#').and_then(|a| objects.get(a)).cloned(),
        _ => None,
    }
}

/// Non-object forms listed in the intro before the variants: "it can be either a String for
/// plain text, an Array of [RichText](#richtext), or any of the following types:".
pub(crate) fn other_types(intro: &str, objects: &Objects) -> Result<Vec<Type>, String> {
    let lower = intro.to_ascii_lowercase();
    let (Some(start), Some(end)) = (lower.find("either "), lower.find("any of the following")) else {
        return Ok(Vec::new());
    };
    if end < start {
        return Ok(Vec::new());
    }
    let types = mentioned_types(&intro[start..end], objects);
    if types.is_empty() {
        return Err(format!(
            "the union's introduction lists other forms (`{}`) but names no type: expected String, \
             Integer, `Array of ...` or a link to an object",
            intro[start..end].trim()
        ));
    }
    Ok(types)
}

/// Sets each union's discriminator and variant values.
///
/// The discriminator is the field every variant pins with a constant. A field pinned by some
/// variants but not others is an error (the docs changed shape, or a constant was misread).
/// When the pinned values repeat, the field cannot tell the variants apart and the union gets
/// no discriminator: InlineQueryResult's `type` is *audio* for both InlineQueryResultAudio and
/// InlineQueryResultCachedAudio.
pub(crate) fn resolve_discriminators(objects: &mut [Object]) -> Result<(), ScrapeError> {
    // Pinned fields of every plain object, in field order.
    let pins: HashMap<String, Vec<(String, String)>> = objects
        .iter()
        .map(|object| {
            let pinned = object
                .fields()
                .iter()
                .filter_map(|f| Some((f.name.clone(), f.facts.constant.clone()?)))
                .collect();
            (object.name.clone(), pinned)
        })
        .collect();

    for object in objects.iter_mut() {
        let ObjectKind::Union(union) = &mut object.kind else {
            continue;
        };
        let at = Location {
            section: &object.section,
            anchor: &object.anchor,
        };
        let Some(tag) = discriminator(at, union, &pins)? else {
            continue;
        };
        let values: Vec<String> = union
            .variants
            .iter()
            .map(|v| pinned_value(&pins, &v.name, &tag).unwrap_or_default().to_string())
            .collect();
        let distinct = values.iter().enumerate().all(|(i, v)| !values[..i].contains(v));
        if !distinct {
            continue;
        }
        union.discriminator = Some(tag);
        for (variant, value) in union.variants.iter_mut().zip(values) {
            variant.value = Some(value);
        }
    }
    Ok(())
}

fn pinned_value<'p>(
    pins: &'p HashMap<String, Vec<(String, String)>>,
    variant: &str,
    field: &str,
) -> Option<&'p str> {
    pins.get(variant)?
        .iter()
        .find(|(name, _)| name == field)
        .map(|(_, value)| value.as_str())
}

/// The field every variant pins, None when no variant pins anything.
fn discriminator(
    at: Location<'_>,
    union: &Union,
    pins: &HashMap<String, Vec<(String, String)>>,
) -> Result<Option<String>, ScrapeError> {
    // Every field some variant pins, in order of first appearance.
    let mut candidates: Vec<&str> = Vec::new();
    for variant in &union.variants {
        for (field, _) in pins.get(&variant.name).into_iter().flatten() {
            if !candidates.contains(&field.as_str()) {
                candidates.push(field);
            }
        }
    }
    for field in &candidates {
        if let Some(unpinned) = union
            .variants
            .iter()
            .find(|v| pinned_value(pins, &v.name, field).is_none())
        {
            let pinning = union
                .variants
                .iter()
                .find(|v| pinned_value(pins, &v.name, field).is_some());
            return Err(at.item_error(
                format!("variant `{}`", unpinned.name),
                format!(
                    "does not pin `{field}` to a constant, but variant `{}` does: expected every variant \
                     of the union to pin it (\"..., always “value”\" / \"must be *value*\") or none",
                    pinning.map_or("?", |v| v.name.as_str())
                ),
            ));
        }
    }
    match candidates.as_slice() {
        [] => Ok(None),
        [field] => Ok(Some(field.to_string())),
        several => Err(at.error(format!(
            "every variant pins several fields ({several:?}): expected exactly one discriminator"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use botapi_spec::{Facts, Field};

    use super::*;

    fn objects() -> Objects {
        ["RichText", "RichTextBold", "ChatMemberOwner", "ChatMemberLeft"]
            .into_iter()
            .map(|n| (n.to_lowercase(), n.to_string()))
            .collect()
    }

    fn at() -> Location<'static> {
        Location {
            section: "Available types",
            anchor: "chatmember",
        }
    }

    #[test]
    fn reads_variant_lists() {
        let intro = RawBlock::Text("It can be one of".into());
        let list = RawBlock::List {
            ordered: false,
            items: vec![
                "[ChatMemberOwner](#chatmemberowner)".into(),
                "[ChatMemberLeft](#chatmemberleft)".into(),
            ],
        };
        let union = union_of(at(), &[&intro, &list], &objects()).unwrap().unwrap();
        let names: Vec<_> = union.variants.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["ChatMemberOwner", "ChatMemberLeft"]);
        assert!(union.other_types.is_empty());

        // A list of prose is no union.
        let prose = RawBlock::List {
            ordered: false,
            items: vec!["Use [ChatMemberOwner](#chatmemberowner) here".into()],
        };
        assert_eq!(union_of(at(), &[&intro, &prose], &objects()).unwrap(), None);
        // Nor a list of links to other pages.
        let links = RawBlock::List {
            ordered: false,
            items: vec!["[Bots](https://core.telegram.org/bots)".into()],
        };
        assert_eq!(union_of(at(), &[&links], &objects()).unwrap(), None);
    }

    #[test]
    fn reads_other_forms_in_the_intro() {
        let intro = "This object represents a rich formatted text. Currently, it can be either a String for \
                     plain text, an Array of [RichText](#richtext), or any of the following types:";
        assert_eq!(
            other_types(intro, &objects()).unwrap(),
            vec![Type::String, Type::array_of(Type::reference("RichText"))]
        );
        assert_eq!(other_types("It can be one of", &objects()).unwrap(), vec![]);
        let err = other_types(
            "It can be either plain text or any of the following types:",
            &objects(),
        )
        .unwrap_err();
        assert!(err.contains("names no type"), "{err}");
    }

    fn object(name: &str, fields: &[(&str, Option<&str>)]) -> Object {
        Object {
            name: name.into(),
            anchor: name.to_lowercase(),
            section: "Available types".into(),
            description: String::new(),
            kind: ObjectKind::Fields(
                fields
                    .iter()
                    .map(|(field, constant)| Field {
                        name: field.to_string(),
                        ty: Type::String,
                        required: true,
                        description: String::new(),
                        facts: Facts {
                            constant: constant.map(str::to_string),
                            ..Facts::default()
                        },
                    })
                    .collect(),
            ),
        }
    }

    fn union(name: &str, variants: &[&str]) -> Object {
        Object {
            name: name.into(),
            anchor: name.to_lowercase(),
            section: "Available types".into(),
            description: String::new(),
            kind: ObjectKind::Union(Union {
                discriminator: None,
                variants: variants
                    .iter()
                    .map(|v| Variant {
                        name: v.to_string(),
                        value: None,
                    })
                    .collect(),
                other_types: Vec::new(),
            }),
        }
    }

    #[test]
    fn finds_the_discriminator() {
        let mut objects = vec![
            union("ChatMember", &["Owner", "Left"]),
            object("Owner", &[("status", Some("creator")), ("user", None)]),
            object("Left", &[("status", Some("left")), ("user", None)]),
        ];
        resolve_discriminators(&mut objects).unwrap();
        let union = objects[0].union().unwrap();
        assert_eq!(union.discriminator.as_deref(), Some("status"));
        let values: Vec<_> = union.variants.iter().map(|v| v.value.as_deref()).collect();
        assert_eq!(values, [Some("creator"), Some("left")]);
    }

    #[test]
    fn leaves_unions_without_pins_or_with_repeated_values_untagged() {
        let mut objects = vec![
            union("MaybeInaccessibleMessage", &["Message", "InaccessibleMessage"]),
            object("Message", &[("date", None)]),
            object("InaccessibleMessage", &[("date", None)]),
            union("InlineQueryResult", &["Audio", "CachedAudio"]),
            object("Audio", &[("type", Some("audio"))]),
            object("CachedAudio", &[("type", Some("audio"))]),
        ];
        resolve_discriminators(&mut objects).unwrap();
        for i in [0, 3] {
            let union = objects[i].union().unwrap();
            assert_eq!(union.discriminator, None);
            assert!(union.variants.iter().all(|v| v.value.is_none()));
        }
    }

    #[test]
    fn rejects_variants_that_disagree() {
        let mut objects = vec![
            union("ChatMember", &["Owner", "Left"]),
            object("Owner", &[("status", Some("creator"))]),
            object("Left", &[("status", None)]),
        ];
        let err = resolve_discriminators(&mut objects).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "in section `Available types`, `#chatmember`, variant `Left`: does not pin `status`"
            ),
            "{err}"
        );

        let mut objects = vec![
            union("U", &["A", "B"]),
            object("A", &[("type", Some("a")), ("source", Some("x"))]),
            object("B", &[("type", Some("b")), ("source", Some("y"))]),
        ];
        let err = resolve_discriminators(&mut objects).unwrap_err().to_string();
        assert!(err.contains("pins several fields"), "{err}");
    }
}
