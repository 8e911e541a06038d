//! Cue phrases of page chrome, loaded once from `data/boilerplate-cues.tsv`.

use aho_corasick::AhoCorasick;
// Looked up for every block: FxHash, not SipHash (the keys are our own phrases).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
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
    /// Headings of a table of contents (kind `contents`): not chrome on their own.
    contents: HashSet<&'static str>,
    prefix: Phrases,
    head: Phrases,
    contains: Vec<(&'static str, Cue)>,
    /// All `contains` phrases in one automaton: one pass over a block instead of one per
    /// phrase (this was most of the classifier's time).
    contains_ac: Option<AhoCorasick>,
}

/// Phrases a block may start with, in table order, found by their first byte: most blocks
/// start with a byte few phrases start with, so most phrases are never compared.
#[derive(Default)]
struct Phrases {
    all: Vec<(&'static str, Cue)>,
    /// Indices into `all` of the phrases starting with each byte, in table order.
    by_first: HashMap<u8, Vec<usize>>,
}

impl Phrases {
    fn push(&mut self, phrase: &'static str, cue: Cue) {
        if let Some(&b) = phrase.as_bytes().first() {
            self.by_first.entry(b).or_default().push(self.all.len());
            self.all.push((phrase, cue));
        }
    }

    /// The cue of the first phrase in table order that `start` starts with, word-bounded.
    fn find(&self, start: &str) -> Option<Cue> {
        let first = start.as_bytes().first()?;
        self.by_first
            .get(first)?
            .iter()
            .map(|&i| self.all[i])
            .find(|(p, _)| starts_with_word(start, p))
            .map(|(_, c)| c)
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table {
            line: HashMap::default(),
            contents: HashSet::default(),
            prefix: Phrases::default(),
            head: Phrases::default(),
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
            if kind == "contents" {
                t.contents.insert(phrase);
                continue;
            }
            let cue = if kind == "end" { Cue::End } else { Cue::Bad };
            match how {
                "line" => {
                    t.line.insert(phrase, cue);
                }
                "prefix" => t.prefix.push(phrase, cue),
                "head" => t.head.push(phrase, cue),
                _ => t.contains.push((phrase, cue)),
            }
        }
        // Only fails on patterns too large for the automaton; then phrases are tried one by one.
        t.contains_ac = AhoCorasick::new(t.contains.iter().map(|(p, _)| p)).ok();
        t
    })
}

/// Whether a block is the heading of a table of contents ("Contents", "In this article"),
/// compared as cue lines are: without case and surrounding punctuation.
pub(crate) fn is_contents_title(text: &str) -> bool {
    let folded = text.to_lowercase();
    let core = folded.trim_matches(|c: char| !c.is_alphanumeric());
    table().contents.contains(core)
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
    table()
        .prefix
        .find(folded_start.trim_start())
        .unwrap_or(Cue::None)
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
    if let Some(c) = t.prefix.find(start) {
        return c;
    }
    if words <= HEAD_MAX_WORDS {
        if let Some(c) = t.head.find(start) {
            return c;
        }
    }
    if words <= CONTAINS_MAX_WORDS {
        // The first phrase in table order that occurs, as the table is written best first.
        let first = match &t.contains_ac {
            // Most blocks hold no cue phrase: one quick test before listing every match.
            Some(ac) if !ac.is_match(folded) => None,
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
            assert!(["bad", "end", "contents"].contains(&cols[0]), "{row}");
            assert!(cols[0] != "contents" || cols[1] == "line", "{row}");
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

    #[test]
    fn phrases_are_found_by_first_byte_in_table_order() {
        let mut p = Phrases::default();
        p.push("more in", Cue::Bad);
        p.push("sign up", Cue::End);
        p.push("more", Cue::End);
        p.push("", Cue::Bad);
        // The earlier row wins when two match; a phrase ends at a word boundary.
        assert_eq!(p.find("more in sport"), Some(Cue::Bad));
        assert_eq!(p.find("more information below"), Some(Cue::End));
        assert_eq!(p.find("sign up today"), Some(Cue::End));
        assert_eq!(p.find("signature"), None);
        // An empty phrase is no phrase: it would match every block.
        assert_eq!(p.find("ministers met"), None);
        assert_eq!(p.find(""), None);
    }
}
