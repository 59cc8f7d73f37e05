//! Quoting part of a message in a reply (`ReplyParameters.quote`).

use std::fmt;

use super::{Entity, utf16_len};

/// One entity of the quoted message, cut to a quote by [`quote_position_and_entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuoteEntity {
    /// Index of the original entity in the slice given to [`quote_position_and_entities`].
    pub index: usize,
    /// Start of the entity within the quote, in UTF-16 code units.
    pub offset: usize,
    /// Length of the part of the entity inside the quote, in UTF-16 code units.
    pub length: usize,
}

/// Why [`quote_position_and_entities`] found no quote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuoteError {
    /// The quote is empty.
    Empty,
    /// The text has fewer occurrences of the quote than the requested index needs.
    NotFound {
        /// The requested occurrence, counted from 0.
        index: usize,
        /// How many times the quote occurs in the text.
        occurrences: usize,
    },
}

impl fmt::Display for QuoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuoteError::Empty => f.write_str("the quote is empty"),
            QuoteError::NotFound { index, occurrences } => write!(
                f,
                "occurrence {index} (counted from 0) of the quote was requested, but the text has {occurrences}"
            ),
        }
    }
}

impl std::error::Error for QuoteError {}

/// Finds occurrence `index` (counted from 0, non-overlapping) of `quote` in a message's `text`
/// and returns its UTF-16 position (`ReplyParameters.quote_position`) together with the parts of
/// the message's `entities` that fall inside it, shifted to the quote (`quote_entities`), like
/// python-telegram-bot's `Message.compute_quote_position_and_entities`.
///
/// ```
/// use botapi_runtime::text::{quote_position_and_entities, Entity, QuoteEntity};
/// let text = "👍 say hello world";
/// let entities = [Entity::new("bold", 7, 11)];
/// let (position, quoted) = quote_position_and_entities(text, &entities, "hello", 0).unwrap();
/// assert_eq!(position, 7);
/// assert_eq!(quoted, vec![QuoteEntity { index: 0, offset: 0, length: 5 }]);
/// ```
pub fn quote_position_and_entities(
    text: &str,
    entities: &[Entity<'_>],
    quote: &str,
    index: usize,
) -> Result<(usize, Vec<QuoteEntity>), QuoteError> {
    if quote.is_empty() {
        return Err(QuoteError::Empty);
    }
    let Some((byte, _)) = text.match_indices(quote).nth(index) else {
        let occurrences = text.match_indices(quote).count();
        return Err(QuoteError::NotFound { index, occurrences });
    };
    let position = utf16_len(&text[..byte]);
    let end = position + utf16_len(quote);
    let quoted = entities
        .iter()
        .enumerate()
        .filter_map(|(index, e)| {
            let start = e.offset.max(position);
            let stop = e.offset.saturating_add(e.length).min(end);
            (start < stop).then(|| QuoteEntity {
                index,
                offset: start - position,
                length: stop - start,
            })
        })
        .collect();
    Ok((position, quoted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_and_clipping() {
        let text = "ab ab 😀ab";
        let entities = [
            Entity::new("bold", 0, 4),   // "ab a": overlaps the first and second occurrence
            Entity::new("italic", 6, 4), // "😀ab"
            Entity::new("code", 2, 1),   // " ": between occurrences
        ];
        assert_eq!(
            quote_position_and_entities(text, &entities, "ab", 0),
            Ok((
                0,
                vec![QuoteEntity {
                    index: 0,
                    offset: 0,
                    length: 2
                }]
            ))
        );
        assert_eq!(
            quote_position_and_entities(text, &entities, "ab", 1),
            Ok((
                3,
                vec![QuoteEntity {
                    index: 0,
                    offset: 0,
                    length: 1
                }]
            ))
        );
        assert_eq!(
            quote_position_and_entities(text, &entities, "ab", 2),
            Ok((
                8,
                vec![QuoteEntity {
                    index: 1,
                    offset: 0,
                    length: 2
                }]
            ))
        );
        assert_eq!(
            quote_position_and_entities(text, &entities, "😀a", 0),
            Ok((
                6,
                vec![QuoteEntity {
                    index: 1,
                    offset: 0,
                    length: 3
                }]
            ))
        );
        assert_eq!(
            quote_position_and_entities(text, &entities, "ab", 3),
            Err(QuoteError::NotFound {
                index: 3,
                occurrences: 3
            })
        );
        assert_eq!(
            quote_position_and_entities(text, &entities, "", 0),
            Err(QuoteError::Empty)
        );
        // Non-overlapping occurrences, as Python's re.finditer counts them.
        assert_eq!(
            quote_position_and_entities("aaaa", &[], "aa", 1).map(|(p, _)| p),
            Ok(2)
        );
        assert_eq!(
            QuoteError::NotFound {
                index: 3,
                occurrences: 1
            }
            .to_string(),
            "occurrence 3 (counted from 0) of the quote was requested, but the text has 1"
        );
    }
}
