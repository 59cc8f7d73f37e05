//! UTF-16 offsets: Telegram counts entity offsets and lengths in UTF-16 code units.

use super::Entity;

/// The length of `text` in UTF-16 code units, the unit of [`Entity::offset`] and [`Entity::length`].
///
/// Characters outside the Basic Multilingual Plane (most emoji) count as two units.
///
/// ```
/// use botapi_runtime::text::utf16_len;
/// assert_eq!(utf16_len("héllo"), 5);
/// assert_eq!(utf16_len("👍"), 2);
/// ```
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// The UTF-16 position of the byte index `byte` of `text`, for building entities from Rust string
/// indices (python-telegram-bot's `MessageEntity.adjust_message_entities_to_utf_16` does the same
/// from Python character indices). `None` when `byte` is past the end or not a character boundary.
///
/// ```
/// use botapi_runtime::text::utf16_position;
/// let text = "👍 é!";
/// assert_eq!(utf16_position(text, text.find('!').unwrap()), Some(4));
/// assert_eq!(utf16_position(text, 1), None);
/// ```
pub fn utf16_position(text: &str, byte: usize) -> Option<usize> {
    text.is_char_boundary(byte).then(|| utf16_len(&text[..byte]))
}

/// The byte index in `text` of the UTF-16 position `pos`, or `None` when `pos` is past the end or
/// falls between the two halves of a surrogate pair.
fn byte_index(text: &str, pos: usize) -> Option<usize> {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units == pos {
            return Some(byte);
        }
        if units > pos {
            return None;
        }
        units += c.len_utf16();
    }
    (units == pos).then_some(text.len())
}

/// The part of `text` covered by an entity at `offset` with `length`, both in UTF-16 code units
/// (python-telegram-bot's `Message.parse_entity`).
///
/// Returns `None` when the range goes past the end of `text` or cuts a surrogate pair in half
/// (such an entity did not come from Telegram for this text).
///
/// ```
/// use botapi_runtime::text::entity_text;
/// let text = "👍 nice";
/// assert_eq!(entity_text(text, 3, 4), Some("nice"));
/// assert_eq!(entity_text(text, 1, 2), None);
/// ```
pub fn entity_text(text: &str, offset: usize, length: usize) -> Option<&str> {
    let start = byte_index(text, offset)?;
    let end = byte_index(&text[start..], length)?;
    Some(&text[start..start + end])
}

/// The text of each entity whose kind is in `kinds` (all entities when `kinds` is `None`), paired
/// with its index in `entities` (python-telegram-bot's `Message.parse_entities`).
///
/// Entities are returned in their original order. An entity whose range is not valid for `text`
/// (see [`entity_text`]) is left out.
///
/// ```
/// use botapi_runtime::text::{parse_entities, Entity};
/// let text = "Hi @bob, see #news";
/// let entities = [Entity::new("mention", 3, 4), Entity::new("hashtag", 13, 5)];
/// assert_eq!(parse_entities(text, &entities, None), vec![(0, "@bob"), (1, "#news")]);
/// assert_eq!(parse_entities(text, &entities, Some(&["hashtag"])), vec![(1, "#news")]);
/// ```
pub fn parse_entities<'t>(
    text: &'t str,
    entities: &[Entity<'_>],
    kinds: Option<&[&str]>,
) -> Vec<(usize, &'t str)> {
    entities
        .iter()
        .enumerate()
        .filter(|(_, e)| kinds.is_none_or(|kinds| kinds.contains(&e.kind)))
        .filter_map(|(i, e)| Some((i, entity_text(text, e.offset, e.length)?)))
        .collect()
}

/// Maps UTF-16 positions of one text to byte indices, rounding a position inside a surrogate pair
/// down to the start of its character, and positions past the end to the end.
#[derive(Debug)]
pub(super) struct Utf16Map {
    /// `bytes[p]` is the byte index of UTF-16 position `p`, for `p` in `0..=len`.
    bytes: Vec<usize>,
}

impl Utf16Map {
    pub(super) fn new(text: &str) -> Self {
        let mut bytes = Vec::with_capacity(text.len() + 1);
        for (byte, c) in text.char_indices() {
            for _ in 0..c.len_utf16() {
                bytes.push(byte);
            }
        }
        bytes.push(text.len());
        Utf16Map { bytes }
    }

    /// The length of the text in UTF-16 code units.
    pub(super) fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The UTF-16 position `pos`, clamped to the text and rounded down to a character boundary.
    pub(super) fn snap(&self, pos: usize) -> usize {
        let pos = pos.min(self.len());
        let byte = self.bytes[pos];
        // The first position mapping to the same byte is the character's start.
        if pos > 0 && self.bytes[pos - 1] == byte {
            pos - 1
        } else {
            pos
        }
    }

    /// The byte index of a snapped position.
    pub(super) fn byte(&self, pos: usize) -> usize {
        self.bytes[pos]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths() {
        assert_eq!(utf16_len(""), 0);
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("é"), 1);
        assert_eq!(utf16_len("€"), 1);
        assert_eq!(utf16_len("𝄞"), 2);
        // Family emoji: 4 astral people joined by 3 ZWJ.
        assert_eq!(utf16_len("👨‍👩‍👧‍👦"), 11);
    }

    #[test]
    fn positions_from_bytes() {
        let text = "a👍b";
        assert_eq!(utf16_position(text, 0), Some(0));
        assert_eq!(utf16_position(text, 1), Some(1));
        assert_eq!(utf16_position(text, 2), None);
        assert_eq!(utf16_position(text, 5), Some(3));
        assert_eq!(utf16_position(text, 6), Some(4));
        assert_eq!(utf16_position(text, 7), None);
    }

    #[test]
    fn entity_text_with_astral_chars() {
        let text = "a👍b𝄞c";
        assert_eq!(entity_text(text, 0, 1), Some("a"));
        assert_eq!(entity_text(text, 1, 2), Some("👍"));
        assert_eq!(entity_text(text, 3, 1), Some("b"));
        assert_eq!(entity_text(text, 4, 2), Some("𝄞"));
        assert_eq!(entity_text(text, 6, 1), Some("c"));
        assert_eq!(entity_text(text, 0, 7), Some(text));
        assert_eq!(entity_text(text, 7, 0), Some(""));
        // Cuts a surrogate pair in half.
        assert_eq!(entity_text(text, 2, 1), None);
        assert_eq!(entity_text(text, 1, 1), None);
        assert_eq!(entity_text(text, 0, 2), None);
        // Out of range.
        assert_eq!(entity_text(text, 6, 2), None);
        assert_eq!(entity_text(text, 8, 0), None);
    }

    #[test]
    fn parse_entities_skips_invalid_ranges() {
        let entities = [
            Entity::new("bold", 0, 2),
            Entity::new("italic", 1, 1),
            Entity::new("code", 2, 9),
        ];
        assert_eq!(parse_entities("👍x", &entities, None), vec![(0, "👍")]);
        assert_eq!(parse_entities("👍x", &entities, Some(&[])), vec![]);
    }

    #[test]
    fn map_snaps_into_characters() {
        let map = Utf16Map::new("a👍b");
        assert_eq!(map.len(), 4);
        assert_eq!(map.snap(0), 0);
        assert_eq!(map.snap(1), 1);
        assert_eq!(map.snap(2), 1);
        assert_eq!(map.snap(3), 3);
        assert_eq!(map.snap(9), 4);
        assert_eq!(map.byte(3), 5);
        assert_eq!(map.byte(4), 6);
    }
}
