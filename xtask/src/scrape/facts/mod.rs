//! Facts the prose states about a value, each read by one small function.
//!
//! Every reader is conservative: it recognises the few phrasings the docs use and records
//! nothing otherwise, so a fact in `api.json` is always one the docs state plainly.

mod bounds;
mod constant;
mod default;
mod enums;
mod json;

use botapi_spec::{Facts, Type};

pub(crate) use bounds::bounds;
pub(crate) use constant::constant;
pub(crate) use default::default_value;
pub(crate) use enums::enum_values;
pub(crate) use json::json_serialized;

/// Everything [`Facts`] records, read from a field or parameter description (Markdown).
///
/// String constants and value lists are only looked for in `String` fields: elsewhere quoted
/// words are examples or references to other fields' values.
pub(crate) fn facts(description: &str, ty: &Type) -> Facts {
    let is_string = *ty == Type::String;
    let constant = if is_string { constant(description) } else { None };
    let enum_values = if is_string && constant.is_none() {
        enum_values(description)
    } else {
        Vec::new()
    };
    Facts {
        constant,
        enum_values,
        default: default_value(description, ty),
        bounds: bounds(description, ty),
        json_serialized: json_serialized(description),
    }
}

#[cfg(test)]
mod tests {
    use botapi_spec::{BoundUnit, Bounds};

    use super::*;

    #[test]
    fn combines_the_readers() {
        let mime = facts(
            "*Optional*. MIME type of the thumbnail, must be one of “image/jpeg”, “image/gif”, or \
             “video/mp4”. Defaults to “image/jpeg”.",
            &Type::String,
        );
        assert_eq!(mime.enum_values, ["image/jpeg", "image/gif", "video/mp4"]);
        assert_eq!(mime.default, Some("image/jpeg".into()));
        assert_eq!(mime.constant, None);

        let limit = facts(
            "Limits the number of updates to be retrieved. Values between 1-100 are accepted. \
             Defaults to 100.",
            &Type::Integer,
        );
        assert_eq!(
            limit.bounds,
            Some(Bounds {
                unit: BoundUnit::Value,
                min: Some(1.into()),
                max: Some(100.into())
            })
        );
        assert_eq!(limit.default, Some(100.into()));

        let tag = facts("Type of the result, must be *article*", &Type::String);
        assert_eq!(tag.constant.as_deref(), Some("article"));
        assert!(tag.enum_values.is_empty());

        let markup = facts(
            "A JSON-serialized object for an inline keyboard.",
            &Type::reference("InlineKeyboardMarkup"),
        );
        assert!(markup.json_serialized);

        // Quoted words in a non-string field are not its values.
        let number = facts("Pass “a”, “b” or “c”. One of “x” or “y”", &Type::Integer);
        assert!(number.is_empty(), "{number:?}");
    }
}
