//! Serialization building blocks used by the generated types.
//!
//! A generated `Serialize` impl writes its fields through [`Fields`] instead of calling
//! `SerializeMap::serialize_entry(..)?` once per field: the error check is made once, at
//! [`Fields::end`], which keeps the generated code (and the crate's compile time) small.
//!
//! Hidden from the docs: public for the generated code only, not an API to build on.
#![doc(hidden)]

use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// An object being serialized as a map. The first error is kept; later fields are then
/// skipped and [`end`](Self::end) returns that error.
pub struct Fields<M: SerializeMap> {
    map: M,
    error: Option<M::Error>,
}

impl<M: SerializeMap> Fields<M> {
    /// Starts serializing an object of unknown length.
    pub fn new<S>(serializer: S) -> Result<Self, M::Error>
    where
        S: Serializer<SerializeMap = M, Ok = M::Ok, Error = M::Error>,
    {
        Ok(Self {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// Writes the entry `key: value`.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            if let Err(error) = self.map.serialize_entry(key, value) {
                self.error = Some(error);
            }
        }
    }

    /// Writes the entry `key: value` when the optional field is set; an unset field is left out.
    pub fn opt<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.field(key, value);
        }
    }

    /// Finishes the object, or returns the first error met while writing it.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

impl<M: SerializeMap> fmt::Debug for Fields<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fields")
            .field("failed", &self.error.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Sample {
        a: i64,
        b: Option<&'static str>,
        c: Option<bool>,
    }

    impl Serialize for Sample {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = Fields::new(serializer)?;
            map.field("a", &self.a);
            map.opt("b", &self.b);
            map.opt("c", &self.c);
            map.end()
        }
    }

    #[test]
    fn writes_set_fields_in_order_and_leaves_out_unset_ones() {
        let json = serde_json::to_string(&Sample {
            a: 1,
            b: None,
            c: Some(true),
        })
        .unwrap();
        assert_eq!(json, r#"{"a":1,"c":true}"#);
    }

    #[test]
    fn reports_the_first_error() {
        struct Failing;
        impl Serialize for Failing {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("first"))
            }
        }
        struct Two;
        impl Serialize for Two {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = Fields::new(serializer)?;
                map.field("x", &Failing);
                map.field("y", &1);
                map.end()
            }
        }
        let error = serde_json::to_string(&Two).unwrap_err();
        assert!(error.to_string().contains("first"), "{error}");
    }
}
