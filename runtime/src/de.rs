//! Deserialization building blocks used by the generated types.
//!
//! Generated unions dispatch on their discriminator without serde's buffering derives: the
//! union's JSON is captured as a raw slice, its tag is read with a skipping scan, and the
//! variant is then parsed from the same slice. This keeps deserialization of hot types fast and
//! lets unknown variants fall through to a catch-all that keeps the raw JSON.
//!
//! Hidden from the docs: public for the generated code only, not an API to build on.
#![doc(hidden)]

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

/// Reads the string value of the top-level key `field` in the JSON object `json`, skipping
/// every other value without building it. `Ok(None)` when the key is absent or not a string.
pub fn peek_tag<'a>(json: &'a str, field: &'static str) -> Result<Option<Cow<'a, str>>, serde_json::Error> {
    struct TagVisitor {
        field: &'static str,
    }

    impl<'de> Visitor<'de> for TagVisitor {
        type Value = Option<Cow<'de, str>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "an object with a `{}` field", self.field)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                if found.is_none() && key == self.field {
                    found = map.next_value::<TagValue<'de>>()?.0;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(found)
        }
    }

    let mut de = serde_json::Deserializer::from_str(json);
    de.deserialize_map(TagVisitor { field })
}

/// A tag value: a string (borrowed when possible), or anything else, which counts as no tag.
struct TagValue<'de>(Option<Cow<'de, str>>);

impl<'de> de::Deserialize<'de> for TagValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TagValue<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a tag string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(TagValue(Some(Cow::Owned(v))))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(TagValue(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                skip_entries(&mut map)?;
                Ok(TagValue(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An object key, borrowed from the input when it has no escapes. Generated struct visitors
/// match on it.
#[derive(Debug)]
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }

        deserializer.deserialize_identifier(KeyVisitor)
    }
}

/// An object read key by key from a map: what every generated struct implements, so that one
/// generic visitor ([`object`]) serves them all.
#[doc(hidden)]
pub trait FromMap<'de>: Sized {
    /// What a map of this object is, for error messages (`"a Message object"`).
    const EXPECTING: &'static str;

    /// Reads the object's fields from the map.
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Deserializes an object through its [`FromMap`] implementation.
pub fn object<'de, D: Deserializer<'de>, T: FromMap<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<T>);

    impl<'de, T: FromMap<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::from_map(map)
        }
    }

    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// The value of a required field, or serde's "missing field" error.
pub fn required<T, E: de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

/// Reads the value of a required field into its slot (a repeated key keeps the last value).
pub fn req<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the value of an optional field into its slot; `null` leaves it unset.
pub fn opt<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Skips every remaining entry of a map: the body of the Bot API's empty service objects
/// (`VideoChatStarted`, `ForumTopicClosed`, ...), which may gain fields in a newer version.
pub fn skip_entries<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Skips the value of a key the struct does not know (fields from a newer Bot API).
pub fn skip_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

/// Parses `T` from a captured raw JSON slice, turning the error into the outer deserializer's.
pub fn from_raw<'a, T: de::Deserialize<'a>, E: de::Error>(raw: &'a str) -> Result<T, E> {
    serde_json::from_str(raw).map_err(E::custom)
}

/// Deserializes a string enum through its `From<&str>` conversion (which maps unknown values to
/// the catch-all variant): one shared visitor for every generated string enum.
pub fn str_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    struct StrVisitor<T>(PhantomData<T>);

    impl<T: for<'a> From<&'a str>> Visitor<'_> for StrVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            Ok(T::from(v))
        }
    }

    deserializer.deserialize_str(StrVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn peek_tag_finds_the_field_anywhere() {
        let json = r#"{"user":{"id":1,"status":"nested"},"status":"creator","x":[1,{"a":2}]}"#;
        assert_eq!(peek_tag(json, "status").unwrap().as_deref(), Some("creator"));
        assert_eq!(peek_tag(json, "type").unwrap(), None);
    }

    #[test]
    fn peek_tag_ignores_non_string_tags_and_rejects_non_objects() {
        assert_eq!(peek_tag(r#"{"type":5}"#, "type").unwrap(), None);
        assert!(peek_tag("[1]", "type").is_err());
    }

    #[test]
    fn an_empty_object_takes_any_object_and_nothing_else() {
        struct Empty;
        impl<'de> FromMap<'de> for Empty {
            const EXPECTING: &'static str = "an Empty object";
            fn from_map<A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                skip_entries(&mut map)?;
                Ok(Empty)
            }
        }
        let read = |json: &str| object::<_, Empty>(&mut serde_json::Deserializer::from_str(json)).map(drop);
        assert!(read("{}").is_ok());
        assert!(read(r#"{"new_field":[1,{"a":2}]}"#).is_ok());
        let error = read("[]").unwrap_err().to_string();
        assert!(error.contains("an Empty object"), "{error}");
    }

    #[test]
    fn peek_tag_decodes_escaped_strings() {
        assert_eq!(
            peek_tag(r#"{"type":"a\u0062"}"#, "type").unwrap().as_deref(),
            Some("ab")
        );
    }
}
