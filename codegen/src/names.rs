//! Naming rules: API names to Rust identifiers.

use proc_macro2::{Ident, Span};

/// `sendMessage` -> `send_message`, `InlineQueryResult` -> `inline_query_result`.
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `sendMessage` -> `SendMessage`, `chat_type` -> `ChatType`, `MarkdownV2` -> `MarkdownV2`,
/// `upload_photo` -> `UploadPhoto`, `🎲` -> `None` (not an identifier).
pub(crate) fn pascal_case(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    let mut upper = true;
    for c in name.chars() {
        if matches!(c, '_' | '-' | ' ' | '.' | '/') {
            upper = true;
        } else if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            return None;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(out)
}

/// Field and parameter names that are Rust keywords, and what they become. One table so the
/// choice is made once: `type` reads best as `kind` (`chat.kind`, `entity.kind`).
const KEYWORDS: &[(&str, &str)] = &[
    ("type", "kind"),
    ("for", "for_"),
    ("in", "in_"),
    ("loop", "loop_"),
    ("match", "match_"),
    ("move", "move_"),
    ("ref", "ref_"),
    ("self", "self_"),
    ("static", "static_"),
    ("struct", "struct_"),
    ("use", "use_"),
    ("where", "where_"),
    ("async", "async_"),
    ("await", "await_"),
    ("box", "box_"),
    ("final", "final_"),
    ("override", "override_"),
    ("abstract", "abstract_"),
    ("gen", "gen_"),
];

/// The Rust name of a field or parameter: its snake_case API name, with keywords replaced.
pub(crate) fn field_name(api_name: &str) -> String {
    KEYWORDS
        .iter()
        .find(|(keyword, _)| *keyword == api_name)
        .map_or_else(
            || api_name.to_owned(),
            |(_, replacement)| (*replacement).to_owned(),
        )
}

/// An identifier token.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_api_names() {
        for (api, rust) in [
            ("sendMessage", "send_message"),
            (
                "getMyDefaultAdministratorRights",
                "get_my_default_administrator_rights",
            ),
            ("close", "close"),
            ("Message", "message"),
            ("InlineQueryResultMpeg4Gif", "inline_query_result_mpeg4_gif"),
        ] {
            assert_eq!(snake_case(api), rust, "{api}");
        }
    }

    #[test]
    fn pascal_case_of_values() {
        for (value, rust) in [
            ("upload_photo", Some("UploadPhoto")),
            ("MarkdownV2", Some("MarkdownV2")),
            ("HTML", Some("HTML")),
            ("bot_command", Some("BotCommand")),
            ("🎲", None),
            ("3d", None),
            ("", None),
        ] {
            assert_eq!(pascal_case(value).as_deref(), rust, "{value}");
        }
    }

    #[test]
    fn keywords_are_replaced() {
        assert_eq!(field_name("type"), "kind");
        assert_eq!(field_name("from"), "from");
        assert_eq!(field_name("chat_id"), "chat_id");
    }
}
