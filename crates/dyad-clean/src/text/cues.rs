//! Cue phrases of page chrome, loaded once from `data/boilerplate-cues.tsv`.

use aho_corasick::AhoCorasick;
// Looked up for every block: FxHash, not SipHash (the keys are our own phrases).
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const CUES: &str = include_str!("../../data/boilerplate-cues.tsv");

/// Contains-cues are only looked for in blocks up to this many words: a long paragraph that
/// mentions "privacy policy" is still prose.
pub(crate) const CONTAINS_MAX_WORDS: usize = 80;

/// Head-cues are section headings: they match only blocks up to this many words.
const HEAD_MAX_WORDS: usize = 8;

/// What a cue says about its block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// No cue matched.
    None,
    /// Page chrome.
    Bad,
    /// Page chrome that closes the article: what follows is not article text.
    End,
}

struct Table {
    line: HashMap<&'static str, Cue>,
    prefix: Vec<(&'static str, Cue)>,
    head: Vec<(&'static str, Cue)>,
    contains: Vec<(&'static str, Cue)>,
    /// All `contains` phrases in one automaton: one pass over a block instead of one per
    /// phrase (this was most of the classifier's time).
    contains_ac: Option<AhoCorasick>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            line: HashMap::default(),
            prefix: Vec::new(),
            head: Vec::new(),
            contains: Vec::new(),
            contains_ac: None,
        };
        for row in CUES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut cols = row.splitn(3, '\t');
            let (Some(kind), Some(how), Some(phrase)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let cue = if kind == "end" { Cue::End } else { Cue::Bad };
            match how {
                "line" => {
                    t.line.insert(phrase, cue);
                }
                "prefix" => t.prefix.push((phrase, cue)),
                "head" => t.head.push((phrase, cue)),
                _ => t.contains.push((phrase, cue)),
            }
        }
        // Only fails on patterns too large for the automaton; then phrases are tried one by one.
        t.contains_ac = AhoCorasick::new(t.contains.iter().map(|(p, _)| p)).ok();
        t
    })
}

/// `text` starts with `phrase` and the phrase ends at a word boundary ("more in" is not the
/// start of "more information").
fn starts_with_word(text: &str, phrase: &str) -> bool {
    text.strip_prefix(phrase).is_some_and(|rest| {
        !phrase.ends_with(char::is_alphanumeric) || !rest.starts_with(char::is_alphanumeric)
    })
}

/// The cue of a block too long to be a cue line, a heading or a block with a cue phrase
/// inside (over [`CONTAINS_MAX_WORDS`] words), given the folded start of it: only a prefix
/// cue ("Disclaimer: …") can match.
pub(crate) fn prefix_cue(folded_start: &str) -> Cue {
    let start = folded_start.trim_start();
    table()
        .prefix
        .iter()
        .find(|(p, _)| starts_with_word(start, p))
        .map_or(Cue::None, |&(_, c)| c)
}

/// The cue of a block, given its folded form (lower case, curly apostrophes made straight).
pub(crate) fn cue_of(folded: &str, words: usize) -> Cue {
    let t = table();
    let core = folded.trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(&c) = t.line.get(core) {
        return c;
    }
    // "Comments (12)", "Share 3": a counter after a button label.
    let uncounted = core
        .trim_end_matches(|c: char| c.is_ascii_digit() || !c.is_alphanumeric())
        .trim_end();
    if uncounted.len() < core.len() {
        if let Some(&c) = t.line.get(uncounted) {
            return c;
        }
    }
    let start = folded.trim_start();
    if let Some(&(_, c)) = t.prefix.iter().find(|(p, _)| starts_with_word(start, p)) {
        return c;
    }
    if words <= HEAD_MAX_WORDS {
        if let Some(&(_, c)) = t.head.iter().find(|(p, _)| starts_with_word(start, p)) {
            return c;
        }
    }
    if words <= CONTAINS_MAX_WORDS {
        // The first phrase in table order that occurs, as the table is written best first.
        let first = match &t.contains_ac {
            Some(ac) => ac
                .find_overlapping_iter(folded)
                .map(|m| m.pattern().as_usize())
                .min(),
            None => t.contains.iter().position(|(p, _)| folded.contains(p)),
        };
        if let Some(&(_, c)) = first.and_then(|i| t.contains.get(i)) {
            return c;
        }
    }
    Cue::None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_is_well_formed() {
        for row in CUES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), 3, "{row}");
            assert!(["bad", "end"].contains(&cols[0]), "{row}");
            assert!(
                ["line", "head", "prefix", "contains"].contains(&cols[1]),
                "{row}"
            );
            assert_eq!(cols[2], cols[2].to_lowercase(), "{row}");
        }
    }

    #[test]
    fn matches_lines_prefixes_and_phrases() {
        assert_eq!(cue_of("share", 1), Cue::Bad);
        assert_eq!(cue_of("comments (12)", 2), Cue::Bad);
        assert_eq!(cue_of("you may also like", 4), Cue::End);
        assert_eq!(cue_of("copyright © 2024 example.com", 4), Cue::Bad);
        assert_eq!(
            cue_of(
                "you are commenting using your google account. log out / change )",
                11
            ),
            Cue::End
        );
        assert_eq!(cue_of("the share of exports rose.", 5), Cue::None);
        assert_eq!(cue_of("related stories from reuters", 4), Cue::End);
        assert_eq!(
            cue_of(
                "related stories are often the most read part of a page, editors say.",
                13
            ),
            Cue::None
        );
    }
}
