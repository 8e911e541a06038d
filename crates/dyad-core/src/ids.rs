use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable identifier of a document.
///
/// Ids come from the input when it has one (a JSONL `id`, a WARC record id), else from the
/// input path, else from a hash of the content, so re-reading the same input yields the same id
/// and re-ingesting adds nothing.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DocId(String);

impl DocId {
    /// Wraps an id; surrounding whitespace is trimmed and inner control characters replaced,
    /// so ids are always printable on one line.
    pub fn new(id: impl AsRef<str>) -> Self {
        let id: String = id
            .as_ref()
            .trim()
            .chars()
            .map(|c| if c.is_control() { '_' } else { c })
            .collect();
        DocId(id)
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the id is empty (an input gave a blank id; callers fall back to another source).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for DocId {
    fn from(s: &str) -> Self {
        DocId::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_trimmed_and_single_line() {
        assert_eq!(DocId::new("  a\nb\t ").as_str(), "a_b");
        assert!(DocId::new("   ").is_empty());
    }
}
