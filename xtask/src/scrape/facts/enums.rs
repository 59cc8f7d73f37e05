//! Value lists: "Type of the chat, can be either “private”, “group”, “supergroup” or
//! “channel”", "Currently, must be one of “🎲”, “🎯”, ...", sendChatAction's "Choose one, ...:
//! *typing* for text messages, *upload_photo* for photos, ...".
//!
//! A sentence lists values when one of the [`TRIGGERS`] appears in it; the values are the quoted
//! words after the trigger (or, when nothing is quoted, the emphasized snake_case words), and
//! there must be at least two of them. Sentences giving examples are skipped.

use crate::scrape::text::{emphasized_values, quoted, sentences};

/// Phrases that introduce the list of allowed values (matched at a word start, ignoring case).
const TRIGGERS: [&str; 5] = [
    "can be",
    "one of",
    "either",
    "choose one",
    // "Type of stickers in the set, pass “regular”, “mask”, or “custom_emoji”".
    "pass “",
];

/// The documented values of a string field, in doc order, without repeats.
pub(crate) fn enum_values(description: &str) -> Vec<String> {
    for sentence in sentences(description) {
        let lower = sentence.to_ascii_lowercase();
        if lower.contains("example") || lower.contains("e.g.") {
            continue;
        }
        let Some(start) = list_start(sentence) else {
            continue;
        };
        let rest = &sentence[start..];
        let mut values = quoted(rest);
        if values.len() < 2 {
            values = emphasized_values(rest);
        }
        if values.len() >= 2 {
            let mut out: Vec<String> = Vec::new();
            for value in values {
                if !out.iter().any(|v| v == value) {
                    out.push(value.to_string());
                }
            }
            return out;
        }
    }
    Vec::new()
}

/// Where the value list of a sentence starts: at the first trigger phrase, or at its first
/// quoted value when that directly follows a comma ("Poll type, “quiz” or “regular”").
fn list_start(sentence: &str) -> Option<usize> {
    let lower = sentence.to_ascii_lowercase();
    let at_word_start = |i: usize| !lower[..i].ends_with(|c: char| c.is_alphanumeric());
    let trigger = TRIGGERS
        .iter()
        .filter_map(|t| lower.match_indices(t).map(|(i, _)| i).find(|&i| at_word_start(i)))
        .min();
    let after_comma = sentence.find('“').filter(|&i| sentence[..i].ends_with(", "));
    trigger.into_iter().chain(after_comma).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_value_lists() {
        let cases: &[(&str, &[&str])] = &[
            // Chat.type
            (
                "Type of the chat, can be either “private”, “group”, “supergroup” or “channel”",
                &["private", "group", "supergroup", "channel"],
            ),
            // MessageEntity.type (shortened)
            (
                "Type of the entity. Currently, can be “mention” (`@username`), “hashtag” (`#hashtag` or \
                 `#hashtag@chatusername`), “bold” (**bold text**), “italic” (*italic text*), “text_mention” \
                 (for users [without usernames](https://telegram.org/blog/edit#new-mentions)), or \
                 “date_time” (for formatted date and time).",
                &[
                    "mention",
                    "hashtag",
                    "bold",
                    "italic",
                    "text_mention",
                    "date_time",
                ],
            ),
            // Sticker.type
            (
                "Type of the sticker, currently one of “regular”, “mask”, “custom_emoji”. The type of the \
                 sticker is independent from its format, which is determined by the fields *is_animated* \
                 and *is_video*.",
                &["regular", "mask", "custom_emoji"],
            ),
            // Poll.type
            (
                "Poll type, currently can be “regular” or “quiz”",
                &["regular", "quiz"],
            ),
            // sendPoll.type
            (
                "Poll type, “quiz” or “regular”, defaults to “regular”",
                &["quiz", "regular"],
            ),
            // createNewStickerSet.sticker_type
            (
                "Type of stickers in the set, pass “regular”, “mask”, or “custom_emoji”. By default, a \
                 regular sticker set is created.",
                &["regular", "mask", "custom_emoji"],
            ),
            // sendDice.emoji
            (
                "Emoji on which the dice throw animation is based. Currently, must be one of “🎲”, “🎯”, \
                 “🏀”, “⚽”, “🎳”, or “🎰”. Dice can have values 1-6 for “🎲”, “🎯” and “🎳”, values 1-5 \
                 for “🏀” and “⚽”, and values 1-64 for “🎰”. Defaults to “🎲”.",
                &["🎲", "🎯", "🏀", "⚽", "🎳", "🎰"],
            ),
            // sendChatAction.action (shortened)
            (
                "Type of action to broadcast. Choose one, depending on what the user is about to receive: \
                 *typing* for [text messages](#sendmessage), *upload_photo* for [photos](#sendphoto), \
                 *record_video* or *upload_video* for [videos](#sendvideo).",
                &["typing", "upload_photo", "record_video", "upload_video"],
            ),
            // KeyboardButton.style
            (
                "*Optional*. Style of the button. Must be one of “danger” (red), “success” (green) or \
                 “primary” (blue). If omitted, then an app-specific style is used.",
                &["danger", "success", "primary"],
            ),
            // UniqueGiftInfo.origin (shortened)
            (
                "Origin of the gift. Currently, either “upgrade” for gifts upgraded from regular gifts, \
                 “transfer” for gifts transferred from other users or channels, or “offer” for gifts bought.",
                &["upgrade", "transfer", "offer"],
            ),
            // InlineQueryResultVideo.mime_type
            (
                "MIME type of the content of the video URL, “text/html” or “video/mp4”",
                &["text/html", "video/mp4"],
            ),
            // EncryptedPassportElement.type (shortened)
            (
                "Element type. One of “personal_details”, “passport”, “email”.",
                &["personal_details", "passport", "email"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(enum_values(text), *want, "{text}");
        }
    }

    #[test]
    fn ignores_what_is_not_a_value_list() {
        let cases = [
            // Examples, not a closed list.
            "*Optional*. Foursquare type of the venue. (For example, “arts_entertainment/default”, \
             “arts_entertainment/aquarium” or “food/icecream”.)",
            // A single value.
            "Three-letter ISO 4217 currency code, or “XTR” for payments in Telegram Stars. Currently, \
             always “XTR”.",
            "The currency must be set to “XTR” (Telegram Stars) if the parameter is used.",
            // Field names in emphasis, no trigger.
            "If none of the fields other than *text*, *icon_custom_emoji_id*, and *style* are used.",
            // "none of" is not "one of".
            "Text of the button. If none of the fields other than *text*, *icon_custom_emoji_id*, and \
             *style* are used, it will be sent as a message when the button is pressed.",
            // Quoted values, but not right after the comma.
            "*Optional*. Encrypted data provided by the user; available only for “personal_details”, \
             “passport” and “address” types.",
            "Mode for parsing entities. Entities other than “bold”, “italic”, and “date_time” are ignored.",
            // A trigger but a single value.
            "Pass “attach://<file_attach_name>” to upload a new one.",
            "Type of the result, must be *article*",
            "",
        ];
        for text in cases {
            assert_eq!(enum_values(text), Vec::<String>::new(), "{text}");
        }
    }
}
