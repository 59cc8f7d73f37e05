//! "A JSON-serialized object for ..." : the value is sent as a JSON string in form requests.

/// Whether the description says the value is JSON-serialized.
pub(crate) fn json_serialized(description: &str) -> bool {
    description.to_ascii_lowercase().contains("json-serialized")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spots_json_serialized() {
        let cases = [
            ("A JSON-serialized object for an inline keyboard", true),
            ("A JSON-serialized list of 1-100 identifiers", true),
            (
                "Additional interface options. A JSON-serialized object for ...",
                true,
            ),
            ("Text of the message", false),
            ("JSON data", false),
        ];
        for (text, want) in cases {
            assert_eq!(json_serialized(text), want, "{text}");
        }
    }
}
