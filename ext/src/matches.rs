//! Captures of the regex patterns that matched an update, owned so that they outlive the text.

use std::sync::Arc;

use regex::Regex;

/// The captures of one regex match: group 0 is the whole match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captures {
    groups: Vec<Option<String>>,
    /// Group names by index, shared with the regex's other matches.
    names: Arc<[Option<String>]>,
}

impl Captures {
    /// Runs `regex` on `text` and keeps its captures.
    pub fn of(regex: &Regex, text: &str) -> Option<Captures> {
        let found = regex.captures(text)?;
        Some(Captures::from_found(regex, &found))
    }

    /// Runs `regex` on `text` and keeps its captures if it matches at the start of `text`
    /// (Python's `re.match`, what python-telegram-bot's handler patterns use).
    pub fn at_start(regex: &Regex, text: &str) -> Option<Captures> {
        let found = regex.captures(text)?;
        // The leftmost match starts at 0 whenever any match does.
        if found.get(0)?.start() != 0 {
            return None;
        }
        Some(Captures::from_found(regex, &found))
    }

    fn from_found(regex: &Regex, found: &regex::Captures<'_>) -> Captures {
        let groups = found
            .iter()
            .map(|group| group.map(|m| m.as_str().to_owned()))
            .collect();
        let names = regex
            .capture_names()
            .map(|name| name.map(str::to_owned))
            .collect();
        Captures { groups, names }
    }

    /// Group `index` (0: the whole match), if it took part in the match.
    pub fn get(&self, index: usize) -> Option<&str> {
        self.groups.get(index)?.as_deref()
    }

    /// The named group, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<&str> {
        let index = self.names.iter().position(|n| n.as_deref() == Some(name))?;
        self.get(index)
    }

    /// The whole match.
    pub fn whole(&self) -> &str {
        self.get(0).unwrap_or_default()
    }

    /// How many groups the regex has, group 0 included.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Always false: group 0 exists in every match.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// The captures of every pattern that matched an update, in the order they were checked
/// (python-telegram-bot's `context.matches`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches(Vec<Captures>);

impl Matches {
    /// No captures.
    pub fn new() -> Matches {
        Matches(Vec::new())
    }

    /// Adds one match.
    pub fn push(&mut self, captures: Captures) {
        self.0.push(captures);
    }

    /// Adds every match of `other`.
    pub fn extend(&mut self, other: Matches) {
        self.0.extend(other.0);
    }

    /// The first match (python-telegram-bot's `context.match`).
    pub fn first(&self) -> Option<&Captures> {
        self.0.first()
    }

    /// Every match.
    pub fn all(&self) -> &[Captures] {
        &self.0
    }

    /// Whether nothing matched a pattern.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_are_owned_and_named() {
        let regex = Regex::new(r"^(?P<action>buy|sell)_(\d+)$").unwrap();
        let found = Captures::of(&regex, "buy_42").unwrap();
        assert_eq!(found.whole(), "buy_42");
        assert_eq!(found.name("action"), Some("buy"));
        assert_eq!(found.get(2), Some("42"));
        assert_eq!(found.get(3), None);
        assert_eq!(found.len(), 3);
        assert!(Captures::of(&regex, "hold_1").is_none());
        let loose = Regex::new(r"(\d+)").unwrap();
        assert_eq!(Captures::of(&loose, "a1").unwrap().get(1), Some("1"));
        assert!(Captures::at_start(&loose, "a1").is_none());
        assert_eq!(Captures::at_start(&loose, "12a").unwrap().whole(), "12");
    }
}
