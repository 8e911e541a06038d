//! Which event mentions report the same real-world event (SPEC §2 "Resolve").
//!
//! A coded sentence is a *mention*; mentions of one act — the same dyad, the same CAMEO
//! family, dates within a window — are one *event*, the way GDELT separates Mentions from
//! Events, but with rules that are written down and tested:
//!
//! - **Dyad.** Actors are compared at country level (`RUSGOV` and `RUS` are both Russia); an
//!   unknown actor by its name. A joint act (listed under `[mutual]`: talks, a signed
//!   agreement) has an unordered dyad, every other act an ordered one.
//! - **Family.** The three-digit CAMEO code, or the family `[families]` puts it in
//!   (040 consult, 044 meet, 046 negotiate are one).
//! - **Dates.** A date known to the month or year covers its whole span; two mentions are
//!   compatible when their spans come within the window (default 2 days).
//! - **Objects.** Two agreements signed the same day are two events when both mentions say
//!   what was signed and share no specific word ("gas" vs "lunar"), after dropping the
//!   `[generic]` words that only name the kind of act.
//! - **Reciprocal** acts (042 visit / 043 host) stay two events, linked.
//!
//! The rules are a data file (`data/merge.txt`, embedded; [`MergeRules::load`] reads another).
//! This crate is pure logic; the store applies it inside its write transaction, so merging is
//! incremental: a new document's mentions join existing events or start new ones.

use chrono::{Datelike, NaiveDate};
use dyad_core::{DatePrecision, PartialDate};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// The embedded merge rules.
pub const EMBEDDED_RULES: &str = include_str!("../data/merge.txt");

/// A rules file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum RulesError {
    /// The file could not be read.
    #[error("cannot read merge rules {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{origin}:{line}: {message}")]
    Syntax {
        /// The file.
        origin: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
}

/// The rules deciding which mentions merge.
#[derive(Debug, Clone)]
pub struct MergeRules {
    window: i32,
    mutual: FxHashSet<String>,
    family: FxHashMap<String, String>,
    reciprocal: FxHashMap<String, String>,
    generic: FxHashSet<String>,
}

impl Default for MergeRules {
    fn default() -> Self {
        // The embedded file is checked by this crate's tests; failing here is a build defect.
        Self::parse(EMBEDDED_RULES, "merge.txt").unwrap_or_else(|e| {
            panic!("embedded merge rules are invalid: {e}");
        })
    }
}

impl MergeRules {
    /// Reads a rules file in the format of `data/merge.txt`.
    pub fn load(path: &Path) -> Result<Self, RulesError> {
        let text = std::fs::read_to_string(path).map_err(|source| RulesError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses rules; `origin` names the text in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, RulesError> {
        let mut rules = MergeRules {
            window: 2,
            mutual: FxHashSet::default(),
            family: FxHashMap::default(),
            reciprocal: FxHashMap::default(),
            generic: FxHashSet::default(),
        };
        let mut section = String::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| RulesError::Syntax {
                origin: origin.to_owned(),
                line: i + 1,
                message,
            };
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_owned();
                continue;
            }
            match section.as_str() {
                "window" => {
                    rules.window = line.parse().map_err(|_| {
                        err(format!("window must be a whole number of days, not {line:?}"))
                    })?;
                }
                "mutual" => {
                    for code in line.split_whitespace() {
                        rules.mutual.insert(base_code(code).map_err(err)?);
                    }
                }
                "families" => {
                    let (family, members) = line.split_once(':').ok_or_else(|| {
                        err("expected `family: member member …`".to_owned())
                    })?;
                    let family = base_code(family.trim()).map_err(err)?;
                    for code in members.split_whitespace() {
                        rules.family.insert(base_code(code).map_err(err)?, family.clone());
                    }
                }
                "reciprocal" => {
                    let codes: Vec<&str> = line.split_whitespace().collect();
                    let [a, b] = codes[..] else {
                        return Err(err("expected two codes, `visit host`".to_owned()));
                    };
                    let (a, b) = (base_code(a).map_err(err)?, base_code(b).map_err(err)?);
                    rules.reciprocal.insert(a.clone(), b.clone());
                    rules.reciprocal.insert(b, a);
                }
                "generic" => {
                    rules
                        .generic
                        .extend(line.split_whitespace().map(str::to_lowercase));
                }
                "" => return Err(err("text before the first `[section]`".to_owned())),
                other => {
                    return Err(err(format!(
                        "unknown section [{other}]; expected window, mutual, families, reciprocal or generic"
                    )))
                }
            }
        }
        Ok(rules)
    }

    /// Days by which two mentions' dates may differ and still be one event.
    pub fn window(&self) -> i32 {
        self.window
    }

    /// These rules with another window.
    pub fn with_window(mut self, days: i32) -> Self {
        self.window = days.max(0);
        self
    }

    /// The merge family of a CAMEO code ("0461" → "040").
    pub fn family(&self, cameo: &str) -> String {
        let base = cameo.get(..3).unwrap_or(cameo);
        self.family
            .get(base)
            .cloned()
            .unwrap_or_else(|| base.to_owned())
    }

    /// True when the act is joint, so its dyad is unordered.
    pub fn is_mutual(&self, cameo: &str) -> bool {
        self.mutual.contains(cameo.get(..3).unwrap_or(cameo))
    }

    /// The family of the act that is the other view of this one (042 → 043), if any.
    pub fn reciprocal(&self, family: &str) -> Option<&str> {
        self.reciprocal.get(family).map(String::as_str)
    }

    /// The specific words of an object ("a gas supply agreement" → gas, supply), sorted.
    pub fn object_words(&self, object: &str) -> Vec<String> {
        let mut words: Vec<String> = object
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_ascii_digit()))
            .map(|w| {
                let w = w.to_lowercase();
                // Plural and singular name the same thing ("pipelines", "pipeline").
                match w.strip_suffix('s') {
                    Some(stem) if stem.len() >= 3 && !w.ends_with("ss") => stem.to_owned(),
                    _ => w,
                }
            })
            .filter(|w| !self.generic.contains(w) && !self.generic.contains(&format!("{w}s")))
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    }

    /// The merge key of a mention; `None` for a negated mention ("did not sign"), which
    /// reports that something did not happen and so is no event.
    pub fn key(&self, m: &MentionFacts<'_>) -> Option<MentionKey> {
        if m.negated {
            return None;
        }
        let source = actor_key(m.source);
        let target = actor_key(m.target);
        let mutual = self.is_mutual(m.cameo);
        let flipped = mutual && target < source;
        let (a, b) = if flipped {
            (target, source)
        } else {
            (source, target)
        };
        Some(MentionKey {
            family: self.family(m.cameo),
            a,
            b,
            mutual,
            flipped,
            days: m.date.map(DayRange::of),
            object_words: m.object.map(|o| self.object_words(o)).unwrap_or_default(),
        })
    }
}

fn base_code(code: &str) -> Result<String, String> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(code.to_owned())
    } else {
        Err(format!(
            "{code:?} is not a three-digit CAMEO code (write 057, not 57 or 0571)"
        ))
    }
}

/// One side of a mention, as the merge rules see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side<'a> {
    /// Full actor code, if known.
    pub code: Option<&'a str>,
    /// Country, region or IGO block, if known.
    pub country: Option<&'a str>,
    /// Canonical name, or the words used for an unknown actor.
    pub name: &'a str,
}

/// What the merge rules need to know of a mention.
#[derive(Debug, Clone, Copy)]
pub struct MentionFacts<'a> {
    /// Who acted.
    pub source: Option<Side<'a>>,
    /// Who was acted upon.
    pub target: Option<Side<'a>>,
    /// CAMEO code.
    pub cameo: &'a str,
    /// The mention's date (stated, else its document's).
    pub date: Option<PartialDate>,
    /// What the act is about.
    pub object: Option<&'a str>,
    /// True for "did not sign".
    pub negated: bool,
}

/// Where a mention belongs: mentions with equal `family`, `a` and `b`, compatible days and
/// compatible objects report one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionKey {
    /// Merge family ("057").
    pub family: String,
    /// First actor key: the source, or for a mutual act the smaller of the two.
    pub a: String,
    /// Second actor key.
    pub b: String,
    /// True for a joint act (unordered dyad).
    pub mutual: bool,
    /// True when `a` is the mention's target (a mutual act named target-first).
    pub flipped: bool,
    /// The days the mention's date covers, if dated.
    pub days: Option<DayRange>,
    /// Specific words of the object.
    pub object_words: Vec<String>,
}

/// The key of an actor for merging: its block ("RUS" for RUSGOV, "IGOUNO" for IGOUNOGOV: an
/// IGO's block names the organisation), else its country, else its name in lower case after
/// `~` (an unknown actor); empty when the side is missing.
pub fn actor_key(side: Option<Side<'_>>) -> String {
    let Some(side) = side else {
        return String::new();
    };
    match (side.code, side.country) {
        (Some(code), _) if !code.is_empty() => block(code).to_owned(),
        (_, Some(c)) if !c.is_empty() => c.to_owned(),
        _ => format!("~{}", side.name.trim().to_lowercase()),
    }
}

/// The leading block of an actor code: the country or region ("RUS" of "RUSGOV"), or for an
/// IGO the organisation ("IGOUNO" of "IGOUNOGOV"), since "IGO" alone names no one.
pub fn block(code: &str) -> &str {
    let len = if code.starts_with("IGO") { 6 } else { 3 };
    code.get(..len).unwrap_or(code)
}

/// The first role after an actor code's block ("GOV" of "RUSGOV"), if any.
pub fn role(code: &str) -> Option<&str> {
    let start = block(code).len();
    code.get(start..start + 3)
}

/// True when two codes of one block can name the same party: equal roles, or one without a
/// role ("Russia" and "the Kremlin" can be the same signatory; RUSBUS and RUSGOV cannot).
pub fn roles_compatible(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.and_then(role), b.and_then(role)) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// A span of days, as day numbers from the common era (see [`DayRange::of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayRange {
    /// First day.
    pub lo: i32,
    /// Last day (inclusive).
    pub hi: i32,
}

impl DayRange {
    /// The days a date covers: one for a day, the month's for a month, the year's for a year.
    pub fn of(date: PartialDate) -> DayRange {
        let y = date.year();
        let day = |m: u32, d: u32| {
            NaiveDate::from_ymd_opt(y, m, d)
                .map(|n| n.num_days_from_ce())
                .unwrap_or(0)
        };
        match (date.month(), date.day()) {
            (Some(m), Some(d)) => {
                let n = day(m, d);
                DayRange { lo: n, hi: n }
            }
            (Some(m), None) => {
                let lo = day(m, 1);
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)
                };
                let hi = next.map(|n| n.num_days_from_ce() - 1).unwrap_or(lo);
                DayRange { lo, hi }
            }
            _ => DayRange {
                lo: day(1, 1),
                hi: day(12, 31),
            },
        }
    }

    /// True when the two spans come within `window` days of each other.
    pub fn near(self, other: DayRange, window: i32) -> bool {
        self.lo <= other.hi + window && other.lo <= self.hi + window
    }
}

/// True unless both object word lists are non-empty and share no word.
pub fn objects_compatible(a: &[String], b: &[String]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|w| b.binary_search(w).is_ok())
}

/// One mention of an event, as [`summarise`] weighs it.
#[derive(Debug, Clone)]
pub struct MentionSummary {
    /// Mention id (insertion order).
    pub id: i64,
    /// CAMEO code.
    pub cameo: String,
    /// Source actor code and name, in the mention's own orientation.
    pub source: Option<(Option<String>, String)>,
    /// Target actor code and name.
    pub target: Option<(Option<String>, String)>,
    /// True when the mention names the event's sides the other way round (mutual acts only).
    pub flipped: bool,
    /// The mention's date.
    pub date: Option<PartialDate>,
    /// How the date was known.
    pub precision: DatePrecision,
    /// Its document.
    pub doc_id: String,
    /// The document's publication date.
    pub doc_date: Option<PartialDate>,
    /// The sentence.
    pub sentence_index: u32,
    /// Who published it: the site, else the original of a duplicate, else the document.
    pub outlet: String,
}

/// An event's fields, derived from its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSummary {
    /// Most frequent code (ties: the more specific, then the first seen).
    pub cameo: String,
    /// Most frequent source code and its name, in the first mention's orientation.
    pub source: Option<(Option<String>, String)>,
    /// Most frequent target code and its name.
    pub target: Option<(Option<String>, String)>,
    /// The most precise date stated (ties: the most frequent, then the earliest).
    pub date: Option<PartialDate>,
    /// Its precision.
    pub precision: DatePrecision,
    /// Distinct sentences.
    pub mentions: u32,
    /// Distinct documents.
    pub articles: u32,
    /// Distinct outlets.
    pub sources: u32,
    /// Earliest publication date among the documents.
    pub first_seen: Option<PartialDate>,
    /// The id of the first mention (earliest document, then insertion order).
    pub first_mention: i64,
}

/// Derives an event's fields from its mentions; `None` for no mentions.
pub fn summarise(mentions: &[MentionSummary]) -> Option<EventSummary> {
    let first = mentions.iter().min_by(|x, y| {
        // Undated documents sort last.
        (x.doc_date.is_none(), x.doc_date, x.id).cmp(&(y.doc_date.is_none(), y.doc_date, y.id))
    })?;
    let cameo = most_frequent(mentions.iter().map(|m| m.cameo.clone()), |c| {
        // More specific: longer, and not a "not specified" code ending in 0.
        (c.len(), !c.ends_with('0'))
    })?;
    // Sides aligned to the first mention's orientation.
    let aligned = |m: &MentionSummary, want_source: bool| {
        let source_side = want_source != (m.flipped != first.flipped);
        if source_side {
            m.source.clone()
        } else {
            m.target.clone()
        }
    };
    let side = |want_source: bool| {
        most_frequent(
            mentions.iter().filter_map(|m| aligned(m, want_source)),
            // Prefer a known code, then a longer (more specific) one.
            |(code, _)| {
                (
                    code.is_some() as usize,
                    code.as_ref().map_or(0, |c| c.len()),
                )
            },
        )
    };
    // The most precise date any dated mention gives, and of those the most frequent.
    let best = mentions
        .iter()
        .filter(|m| m.date.is_some())
        .map(|m| m.precision)
        .min();
    let date = best.and_then(|b| {
        let dated = mentions
            .iter()
            .filter(|m| m.precision == b)
            .filter_map(|m| m.date);
        // Ties on frequency go to the earliest date (a smaller key wins below).
        most_frequent(dated, |d| std::cmp::Reverse(*d))
    });
    let precision = match (date, best) {
        (Some(_), Some(b)) => b,
        _ => DatePrecision::Document,
    };
    let count = |f: &dyn Fn(&MentionSummary) -> String| {
        mentions.iter().map(f).collect::<FxHashSet<_>>().len() as u32
    };
    Some(EventSummary {
        cameo,
        source: side(true),
        target: side(false),
        date,
        precision,
        mentions: count(&|m| format!("{}\u{1f}{}", m.doc_id, m.sentence_index)),
        articles: count(&|m| m.doc_id.clone()),
        sources: count(&|m| m.outlet.clone()),
        first_seen: mentions.iter().filter_map(|m| m.doc_date).min(),
        first_mention: first.id,
    })
}

/// The most frequent value; ties go to the higher `tie` key, then to the first seen.
fn most_frequent<T: Clone + Eq + std::hash::Hash, K: Ord>(
    values: impl Iterator<Item = T>,
    tie: impl Fn(&T) -> K,
) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    let mut index: FxHashMap<T, usize> = FxHashMap::default();
    for v in values {
        match index.get(&v) {
            Some(&i) => counts[i].1 += 1,
            None => {
                index.insert(v.clone(), counts.len());
                counts.push((v, 1));
            }
        }
    }
    let mut best: Option<&(T, usize)> = None;
    for c in &counts {
        best = match best {
            Some(b) if (b.1, tie(&b.0)) >= (c.1, tie(&c.0)) => Some(b),
            _ => Some(c),
        };
    }
    best.map(|(v, _)| v.clone())
}

#[cfg(test)]
mod tests;
