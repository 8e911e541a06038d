//! The intent table (`data/intent.tsv`): what a future or intended act codes as.

use dyad_core::CameoCode;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// The built-in intent table's text.
pub const BUILTIN_INTENT: &str = include_str!("../data/intent.tsv");

/// A line of an intent table that could not be read: 1-based line and reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("data/intent.tsv line {line}: {reason}")]
pub struct IntentError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub reason: String,
}

/// Act-code prefix → the code an intended act takes (`None`: the act keeps its own code, as
/// a threat or a statement about the future is still one). Families the table does not list
/// code nothing when only intended (CODING.md).
#[derive(Debug, Clone, Default)]
pub struct IntentTable {
    by_prefix: FxHashMap<String, Option<CameoCode>>,
}

static BUILTIN: LazyLock<Result<IntentTable, IntentError>> =
    LazyLock::new(|| IntentTable::parse(BUILTIN_INTENT));

impl IntentTable {
    /// Reads a table: `act-prefix<TAB>code` lines, `=` for "keeps its code", `#` comments.
    pub fn parse(text: &str) -> Result<Self, IntentError> {
        let mut by_prefix = FxHashMap::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason: String| IntentError {
                line: i + 1,
                reason,
            };
            let Some((act, to)) = line.split_once('\t') else {
                return Err(err("expected `act-prefix<TAB>code`".into()));
            };
            let to = match to.trim() {
                "=" => None,
                c => Some(CameoCode::new(c).map_err(|e| err(e.to_string()))?),
            };
            by_prefix.insert(act.trim().to_owned(), to);
        }
        Ok(IntentTable { by_prefix })
    }

    /// The built-in table, read once.
    pub fn builtin() -> Result<&'static IntentTable, IntentError> {
        BUILTIN.as_ref().map_err(Clone::clone)
    }

    /// The code an intended `act` takes: the entry of its longest listed prefix, `None` when
    /// no prefix is listed (the intended act codes nothing).
    pub fn intent_of(&self, act: &CameoCode) -> Option<CameoCode> {
        let s = act.as_str();
        (2..=s.len())
            .rev()
            .find_map(|n| self.by_prefix.get(&s[..n]))
            .map(|to| to.clone().unwrap_or_else(|| act.clone()))
    }

    /// Every code intended acts turn into (the `=` entries aside).
    pub fn targets(&self) -> impl Iterator<Item = &CameoCode> {
        self.by_prefix.values().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(c: &str) -> CameoCode {
        CameoCode::new(c).expect("code")
    }

    #[test]
    fn the_longest_prefix_decides() {
        let t = IntentTable::parse("# acts\n06\t031\n061\t0311\n13\t=\n").expect("parses");
        assert_eq!(t.intent_of(&code("061")), Some(code("0311")));
        assert_eq!(t.intent_of(&code("064")), Some(code("031")));
        assert_eq!(t.intent_of(&code("138")), Some(code("138")));
        assert_eq!(t.intent_of(&code("190")), None);
        let mut targets: Vec<_> = t.targets().map(|c| c.as_str().to_owned()).collect();
        targets.sort();
        assert_eq!(targets, ["031", "0311"]);
    }

    #[test]
    fn bad_lines_are_named() {
        let e = IntentTable::parse("06\t031\n\n07 031\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(IntentTable::parse("06\tx1\n").is_err());
        assert!(IntentTable::builtin().is_ok());
    }
}
