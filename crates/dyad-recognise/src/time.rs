//! Temporal expressions in sentences, resolved against the document date.
//!
//! [`find_dates`] scans the words of a sentence (no regular expressions) for absolute dates
//! ("June 5, 2019", "5 June 2019", "2019-06-05", "June 2019", "in 2022"), dates without a year
//! ("June 5th", "in March", "early June"), weekdays ("on Wednesday") and relative expressions
//! ("yesterday", "last week", "two weeks ago", "the first quarter of this year", "year-end").
//!
//! Rules worth knowing:
//!
//! - Months and weekdays must be capitalised ("the march on Moscow" is not a date); "May" alone
//!   needs a preposition before it ("in May", "since May") or a day or year after it.
//! - A bare year (1900–2099) counts only after a preposition (in, since, by, of, from, until,
//!   during, …), after a month, or joined to a previous date ("in 2020 and 2021").
//! - A month and day without a year take the document's year, unless that puts the date more
//!   than two months after the document date (then the year before; and "January 3" in a
//!   document of December 30 is the coming January).
//! - A month alone is the most recent such month (this year's if not after the document's
//!   month, else last year's); in a future-tense sentence ("will", "is to", "is due to",
//!   "plans to", "next" before it) the coming one.
//! - A weekday is the most recent such day on or before the document date; in a future-tense
//!   sentence the coming one (on or after the document date); "last Monday" is strictly before
//!   and "next Monday" strictly after.
//! - Weeks are given as their Monday (day precision); months and quarters as a month
//!   (the quarter's first month); years as a year.
//! - Without a document date only absolute expressions resolve.

use crate::words::{has_ascii_digit, has_word, LengthFilter, WordSet};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dyad_core::PartialDate;
use std::sync::LazyLock;

/// A date stated in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte offset of the expression's first byte in the sentence.
    pub start: usize,
    /// Byte offset just past the expression.
    pub end: usize,
    /// The words of the expression (`&sentence[start..end]`), such as "June 5th" or "last year".
    pub text: String,
    /// The date named, as precise as the expression: day, month or year.
    pub date: PartialDate,
}

/// Every date expression in `sentence`, in order, resolved against the document date.
///
/// Relative expressions ("yesterday", "last month", "on Monday", "in March") need
/// `doc_date`; without it they are skipped. Day-level relatives need a document date known to
/// the day; month- and year-level ones need its month or year.
pub fn find_dates(sentence: &str, doc_date: Option<PartialDate>) -> Vec<TimeExpr> {
    if !worth_scanning(sentence) {
        return Vec::new();
    }
    find_dates_in(sentence, doc_date, |toks| tokenize_into(sentence, toks))
}

/// [`find_dates`] on the tokens `fill` writes into the (cleared) buffer it is given: the
/// tokens [`tokenize_into`] would make of `sentence`, built some cheaper way (the figure
/// scanner derives them from its own, [`TokenRuns`]). Without the pre-check: a sentence with
/// no anchor finds nothing either way, the pre-check only saves tokenizing it.
pub(crate) fn find_dates_in(
    sentence: &str,
    doc_date: Option<PartialDate>,
    fill: impl FnOnce(&mut Vec<Tok>),
) -> Vec<TimeExpr> {
    let mut toks = TOKENS.take();
    toks.clear();
    fill(&mut toks);
    let mut anchors = ANCHORS.take();
    classify(sentence, &mut toks, &mut anchors);
    if anchors.is_empty() {
        // No expression without an anchor.
        TOKENS.set(toks);
        ANCHORS.set(anchors);
        return Vec::new();
    }
    let mut scan = Scan {
        s: sentence,
        t: toks,
        anchors,
        day: doc_date.and_then(|d| d.to_naive()),
        ym: doc_date.and_then(|d| d.month().map(|m| (d.year(), m))),
        year: doc_date.map(|d| d.year()),
        hits: HITS.take(),
    };
    scan.hits.clear();
    scan.run();
    let found = scan
        .hits
        .iter()
        .filter_map(|h| {
            let date = h.date?;
            let start = scan.t[h.a].s;
            let end = scan.t[h.b - 1].e;
            Some(TimeExpr {
                start,
                end,
                text: sentence[start..end].to_owned(),
                date,
            })
        })
        .collect();
    TOKENS.set(scan.t);
    ANCHORS.set(scan.anchors);
    HITS.set(scan.hits);
    found
}

/// Builds the date tokens of a sentence from its pieces in order: runs of letters and digits
/// (`alnum`) that touch merge into one token, as [`tokenize_into`] reads them; any other piece
/// is one punctuation token. Whitespace is simply not given.
pub(crate) struct TokenRuns<'t> {
    toks: &'t mut Vec<Tok>,
    /// Where the last token ends if it is a word or number (a run can join it), else
    /// `usize::MAX`: kept here, the test reads no token.
    open_end: usize,
}

impl<'t> TokenRuns<'t> {
    /// Appends to `toks`.
    pub(crate) fn new(toks: &'t mut Vec<Tok>) -> Self {
        let open_end = match toks.last() {
            Some(t) if t.kind != Kind::Punct => t.e,
            _ => usize::MAX,
        };
        TokenRuns { toks, open_end }
    }

    /// A run of letters and digits `start..end`; `digit_first`: its first byte is an ASCII
    /// digit (the kind of the token it starts).
    #[inline]
    pub(crate) fn alnum(&mut self, start: usize, end: usize, digit_first: bool) {
        // Touching the run before it: the same token.
        if self.open_end == start {
            if let Some(last) = self.toks.last_mut() {
                last.e = end;
                self.open_end = end;
                return;
            }
        }
        self.open_end = end;
        self.toks.push(Tok {
            s: start,
            e: end,
            kind: if digit_first { Kind::Num } else { Kind::Word },
            class: Class::NONE,
        });
    }

    /// One character of punctuation, `start..end`.
    #[inline]
    pub(crate) fn punct(&mut self, start: usize, end: usize) {
        self.open_end = usize::MAX;
        self.toks.push(Tok {
            s: start,
            e: end,
            kind: Kind::Punct,
            class: Class::NONE,
        });
    }
}

thread_local! {
    /// The token buffer of [`find_dates`], kept between calls: allocating it for every
    /// sentence cost about as much as filling it.
    static TOKENS: std::cell::Cell<Vec<Tok>> = const { std::cell::Cell::new(Vec::new()) };
    /// The anchor buffer of [`find_dates`] ([`classify`]), kept between calls likewise.
    static ANCHORS: std::cell::Cell<Vec<usize>> = const { std::cell::Cell::new(Vec::new()) };
    /// The expressions found by [`find_dates`] ([`Scan::hits`]), kept between calls likewise.
    static HITS: std::cell::Cell<Vec<Hit>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The publication date a scraped page states near its top, for documents whose metadata
/// gives none: a dateline ("MOSCOW, June 5, 2019 (Reuters) -"), a line that is a date
/// ("21 August 2024", "Published 12:30 GMT, Aug. 21, 2024"), or failing those an "Updated …"
/// line. Only dates known at least to the month count (a bare year, such as a copyright line's,
/// says too little), and only the first [`DATELINE_LINES`] non-empty lines are read.
pub fn dateline_date(text: &str) -> Option<PartialDate> {
    let mut updated = None;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
    {
        if line.len() > 300 {
            continue;
        }
        let Some(d) = find_dates(line, None)
            .into_iter()
            .find(|d| d.date.month().is_some())
        else {
            continue;
        };
        let lower = line.to_ascii_lowercase();
        let cue = |c: &str| lower.starts_with(c);
        // Short enough to be a date line, or the date opens a newswire lead before its dash.
        let short = line.split_whitespace().count() <= 12;
        let lead = line[d.end..]
            .trim_start_matches([' ', ','])
            .starts_with(['(', '-', '\u{2013}', '\u{2014}'])
            && line[..d.start].split_whitespace().count() <= 4;
        if !(short || lead) {
            continue;
        }
        if cue("updated") || cue("last updated") || cue("modified") {
            updated = updated.or(Some(d.date));
            continue;
        }
        return Some(d.date);
    }
    updated
}

/// How many non-empty lines from the top [`dateline_date`] reads.
pub const DATELINE_LINES: usize = 25;

/// The date among `dates` (found in `sentence` by [`find_dates`]) that governs the words at
/// `anchor` (an event's trigger or a figure, as byte offsets in the sentence).
///
/// A date inside `exclude` (the act's object: "signed a deal to build a network in 2020") does
/// not date the act. A date separated from the anchor by a clause boundary ("after", "since",
/// "which", "but", a reporting verb such as "said", a semicolon) belongs to the other clause,
/// unless it stands in the sentence's opening phrase (first, or after an opening preposition
/// and at most three more words, with a comma after it: "On June 5th, Xi met Putin"), which
/// sets the time of the main clause. Of the dates left, the nearest wins.
pub fn governing_date<'d>(
    sentence: &str,
    dates: &'d [TimeExpr],
    anchor: (usize, usize),
    exclude: Option<(usize, usize)>,
) -> Option<&'d TimeExpr> {
    if dates.is_empty() {
        return None;
    }
    // Found only when a date stands before the anchor: no other can open the sentence.
    let first_comma = std::cell::OnceCell::new();
    let first_comma = || *first_comma.get_or_init(|| sentence.find(',').unwrap_or(sentence.len()));
    let governs = |d: &TimeExpr| {
        if exclude.is_some_and(|(a, b)| a <= d.start && d.end <= b) {
            return false;
        }
        // An opening phrase: the date first or after a preposition and at most three more
        // words, a comma after it, the act beyond.
        let before = sentence.get(..d.start).unwrap_or("");
        let fronted = d.end < anchor.0
            && d.end <= first_comma()
            && anchor.0 > first_comma()
            // The first word first: most sentences open with no preposition, and it is one
            // word to read, not five.
            && before.split_whitespace().next().is_none_or(|w| {
                OPENING_PREPOSITIONS
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
            })
            // Counting stops at the fifth word: that settles it.
            && before.split_whitespace().take(5).count() <= 4;
        // Offsets off a character boundary (a caller's mistake) read as no text between.
        let between = if d.end <= anchor.0 {
            sentence.get(d.end..anchor.0)
        } else if anchor.1 <= d.start {
            sentence.get(anchor.1..d.start)
        } else {
            None
        }
        .unwrap_or("");
        fronted || !has_clause_boundary(between)
    };
    let distance = |d: &TimeExpr| {
        if d.end <= anchor.0 {
            anchor.0 - d.end
        } else {
            d.start.saturating_sub(anchor.1)
        }
    };
    // One date (the commonest case): no nearest to look for.
    if let [d] = dates {
        return governs(d).then_some(d);
    }
    if dates.len() > 64 {
        return dates
            .iter()
            .filter(|d| governs(d))
            .min_by_key(|d| distance(d));
    }
    // The nearest date that governs, tried nearest first (ties in order, as `min_by_key`
    // keeps the first): the clause tests of dates farther than the winner, the costly part
    // with their longer text between, are never run.
    let mut tried: u64 = 0;
    loop {
        let mut nearest: Option<(usize, usize)> = None;
        for (k, d) in dates.iter().enumerate() {
            let dist = distance(d);
            if tried >> k & 1 == 0 && nearest.is_none_or(|(best, _)| dist < best) {
                nearest = Some((dist, k));
            }
        }
        let (_, k) = nearest?;
        tried |= 1 << k;
        if governs(&dates[k]) {
            return Some(&dates[k]);
        }
    }
}

/// Prepositions that open a sentence's time phrase ("On June 5th,", "In his meeting Wednesday,").
const OPENING_PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "at",
    "by",
    "during",
    "following",
    "after",
    "before",
    "since",
    "from",
    "until",
    "over",
    "earlier",
    "later",
];

/// Words after "to" that make it a preposition ("to the summit", "to eastern Ukraine"), not
/// the start of an infinitive ("to develop a network in 2020").
const NOT_INFINITIVE: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
    "northern", "southern", "eastern", "western", "central", "both", "all",
];

fn has_clause_boundary(text: &str) -> bool {
    // Words are runs of alphanumeric characters and hyphens. An infinitive clause dates its
    // own act ("signed a deal to build it in 2020"): a "to" before a lower-case word that is
    // not [`NOT_INFINITIVE`] is a boundary. A semicolon is one too.
    let words = &*DATE_WORDS;
    let b = text.as_bytes();
    let mut after_to = false;
    // ASCII text (nearly all) is split by a byte table in one loop; the rest as characters.
    let mut i = 0;
    while i < b.len() {
        match CLAUSE_BYTE[usize::from(b[i])] {
            SEPARATOR => i += 1,
            WORD => {
                let start = i;
                while i < b.len() && CLAUSE_BYTE[usize::from(b[i])] == WORD {
                    i += 1;
                }
                if i < b.len() && CLAUSE_BYTE[usize::from(b[i])] == OTHER {
                    // A word going on in a non-ASCII character.
                    return has_clause_boundary_chars(text);
                }
                // As [`ends_clause`], on bytes.
                let w = &b[start..i];
                if after_to
                    && w[0].is_ascii_lowercase()
                    && !NOT_INFINITIVE.iter().any(|n| n.as_bytes() == w)
                {
                    return true;
                }
                if words.is_clause_boundary(b, start, i) {
                    return true;
                }
                after_to = w == b"to";
            }
            SEMICOLON => return true,
            _ => return has_clause_boundary_chars(text),
        }
    }
    false
}

/// [`has_clause_boundary`] for text with non-ASCII characters, read as characters.
fn has_clause_boundary_chars(text: &str) -> bool {
    if text.contains(';') {
        return true;
    }
    let words = &*DATE_WORDS;
    let base = text.as_ptr() as usize;
    let mut after_to = false;
    clause_words(text).any(|w| {
        let start = w.as_ptr() as usize - base;
        ends_clause(text, start, start + w.len(), &mut after_to, words)
    })
}

/// Whether the word `text[s..e]` of [`has_clause_boundary`]'s text is a boundary; `after_to`:
/// the word before it is "to" (updated for the next word).
fn ends_clause(text: &str, s: usize, e: usize, after_to: &mut bool, words: &DateWords) -> bool {
    let w = &text[s..e];
    if *after_to && w.chars().next().is_some_and(char::is_lowercase) && !NOT_INFINITIVE.contains(&w)
    {
        return true;
    }
    if words.is_clause_boundary(text.as_bytes(), s, e) {
        return true;
    }
    *after_to = w == "to";
    false
}

/// Byte classes of [`has_clause_boundary`]: a separator, …
const SEPARATOR: u8 = 0;
/// … a byte of a word (ASCII letters, digits and `-`), …
const WORD: u8 = 1;
/// … a semicolon, …
const SEMICOLON: u8 = 2;
/// … or a byte of a non-ASCII character.
const OTHER: u8 = 3;

/// The class of each byte for [`has_clause_boundary`].
static CLAUSE_BYTE: [u8; 256] = {
    let mut t = [SEPARATOR; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b >= 0x80 {
            OTHER
        } else if b.is_ascii_alphanumeric() || b == b'-' {
            WORD
        } else if b == b';' {
            SEMICOLON
        } else {
            SEPARATOR
        };
        c += 1;
    }
    t
};

/// The words of `text` for [`has_clause_boundary`]: maximal runs of alphanumeric characters
/// and `-`. ASCII bytes are classified without decoding characters.
fn clause_words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while let Some(&c) = b.get(i) {
            let (word, n) = if c < 0x80 {
                (c.is_ascii_alphanumeric() || c == b'-', 1)
            } else {
                let ch = text[i..].chars().next().unwrap_or(' ');
                (ch.is_alphanumeric(), ch.len_utf8())
            };
            if word {
                start.get_or_insert(i);
            } else if let Some(s) = start {
                let w = &text[s..i];
                i += n;
                return Some(w);
            }
            i += n;
        }
        start.map(|s| &text[s..])
    })
}

/// How many tokens before its anchor an expression may start ("the 5th of June", "two and a
/// half years ago").
const ANCHOR_REACH: usize = 6;

/// Cheap pre-check: an anchor ([`Scan::is_anchor`]) that every expression holds, that is
/// a month, weekday or word of time, or a number starting with a year. Sentences with
/// figures but none of these ("rose 5 pct to 300 mln dlrs") are common in news, and skip
/// tokenizing.
fn worth_scanning(s: &str) -> bool {
    let b = s.as_bytes();
    has_year_digits(b) || has_word(b, &DATE_WORDS.anchors)
}

/// The anchor words ([`worth_scanning`]), any case.
pub(crate) fn anchor_words() -> &'static WordSet {
    &DATE_WORDS.anchors
}

/// Whether `b` holds "19" or "20" and two more digits (a superset of the number anchors: those
/// also start a token).
fn has_year_digits(b: &[u8]) -> bool {
    if !has_ascii_digit(b) {
        return false;
    }
    // Every window of four bytes that holds `i + 3` needs a digit there: when it is not one,
    // none of the four windows through it matches, and the search moves on by four.
    let mut i = 0;
    while let Some(w) = b.get(i..i + 4) {
        if !w[3].is_ascii_digit() {
            i += 4;
            continue;
        }
        if matches!((w[0], w[1]), (b'1', b'9') | (b'2', b'0')) && w[2].is_ascii_digit() {
            return true;
        }
        i += 1;
    }
    false
}

/// The word classes of the date rules ([`DATE_WORDS`]), one line a class.
const DATE_WORD_LINES: &str = include_str!("../data/date-words.txt");

/// Bits of a word's classes ([`Class::tags`]), named as in `data/date-words.txt`.
mod tag {
    /// A month or weekday, a word of time, or (for a number) a year's digits: every expression
    /// holds one.
    pub const ANCHOR: u64 = 1;
    /// A word an expression can start with.
    pub const START: u64 = 1 << 1;
    /// A month name (value: its number).
    pub const MONTH: u64 = 1 << 2;
    /// An abbreviated month name.
    pub const ABBR: u64 = 1 << 3;
    /// A weekday name (value: days from Monday).
    pub const WEEKDAY: u64 = 1 << 4;
    /// A count of "N units ago" (value: the count).
    pub const COUNT: u64 = 1 << 5;
    /// A unit of "N units ago" (value: [`super::Unit`] as numbered in the data).
    pub const UNIT: u64 = 1 << 6;
    /// An ordinal of a quarter (value: the quarter's index from 0).
    pub const ORDINAL: u64 = 1 << 7;
    /// A preposition before a bare year.
    pub const YEAR_PREP: u64 = 1 << 8;
    /// A word joining a date to the one before it.
    pub const CONNECTOR: u64 = 1 << 9;
    /// A word before "May" that makes it the month.
    pub const MAY_CONTEXT: u64 = 1 << 10;
    /// A word after "the March" that makes it a march.
    pub const MARCH_AFTER: u64 = 1 << 11;
    /// A past-tense reporting verb.
    pub const PAST_REPORTING: u64 = 1 << 12;
    /// A word putting what follows in the future tense.
    pub const FUTURE: u64 = 1 << 13;
    /// A word before "to" that makes it a future.
    pub const FUTURE_TO: u64 = 1 << 14;
    /// early, mid, late.
    pub const PART: u64 = 1 << 15;
    /// last.
    pub const LAST: u64 = 1 << 16;
    /// next.
    pub const NEXT: u64 = 1 << 17;
    /// this.
    pub const THIS: u64 = 1 << 18;
    /// previous.
    pub const PREVIOUS: u64 = 1 << 19;
    /// earlier.
    pub const EARLIER: u64 = 1 << 20;
    /// later.
    pub const LATER: u64 = 1 << 21;
    /// of.
    pub const OF: u64 = 1 << 22;
    /// by.
    pub const BY: u64 = 1 << 23;
    /// the.
    pub const THE: u64 = 1 << 24;
    /// a.
    pub const A: u64 = 1 << 25;
    /// and.
    pub const AND: u64 = 1 << 26;
    /// half.
    pub const HALF: u64 = 1 << 27;
    /// ago.
    pub const AGO: u64 = 1 << 28;
    /// end.
    pub const END: u64 = 1 << 29;
    /// beginning, start.
    pub const BEGINNING: u64 = 1 << 30;
    /// year.
    pub const YEAR: u64 = 1 << 31;
    /// month.
    pub const MONTH_WORD: u64 = 1 << 32;
    /// week.
    pub const WEEK: u64 = 1 << 33;
    /// weekend.
    pub const WEEKEND: u64 = 1 << 34;
    /// night.
    pub const NIGHT: u64 = 1 << 35;
    /// morning, afternoon, evening.
    pub const DAYPART: u64 = 1 << 36;
    /// today, tonight.
    pub const TODAY: u64 = 1 << 37;
    /// yesterday.
    pub const YESTERDAY: u64 = 1 << 38;
    /// tomorrow.
    pub const TOMORROW: u64 = 1 << 39;
    /// quarter.
    pub const QUARTER: u64 = 1 << 40;
    /// ll (of "'ll").
    pub const LL: u64 = 1 << 41;
    /// to.
    pub const TO: u64 = 1 << 42;
    /// A word that opens another clause ([`super::governing_date`]).
    pub const CLAUSE_BOUNDARY: u64 = 1 << 43;

    /// Each class by its name in the data.
    pub const NAMES: [(&str, u64); 44] = [
        ("anchor", ANCHOR),
        ("start", START),
        ("month", MONTH),
        ("abbr", ABBR),
        ("weekday", WEEKDAY),
        ("count", COUNT),
        ("unit", UNIT),
        ("ordinal", ORDINAL),
        ("year-prep", YEAR_PREP),
        ("connector", CONNECTOR),
        ("may-context", MAY_CONTEXT),
        ("march-after", MARCH_AFTER),
        ("past-reporting", PAST_REPORTING),
        ("future", FUTURE),
        ("future-to", FUTURE_TO),
        ("part", PART),
        ("last", LAST),
        ("next", NEXT),
        ("this", THIS),
        ("previous", PREVIOUS),
        ("earlier", EARLIER),
        ("later", LATER),
        ("of", OF),
        ("by", BY),
        ("the", THE),
        ("a", A),
        ("and", AND),
        ("half", HALF),
        ("ago", AGO),
        ("end", END),
        ("beginning", BEGINNING),
        ("year", YEAR),
        ("month-word", MONTH_WORD),
        ("week", WEEK),
        ("weekend", WEEKEND),
        ("night", NIGHT),
        ("daypart", DAYPART),
        ("today", TODAY),
        ("yesterday", YESTERDAY),
        ("tomorrow", TOMORROW),
        ("quarter", QUARTER),
        ("ll", LL),
        ("to", TO),
        ("clause-boundary", CLAUSE_BOUNDARY),
    ];
}

/// What the date rules know of a token: the classes of its word ([`tag`] bits) and the value
/// of its valued class (a month's number, a count, …). Computed once per token, so the rules
/// test bits instead of comparing strings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Class {
    tags: u64,
    val: u8,
}

impl Class {
    /// No class: most tokens.
    const NONE: Class = Class { tags: 0, val: 0 };
}

/// The words of `data/date-words.txt` with their classes, looked up ignoring case.
struct DateWords {
    /// The first letters and lengths of the table's words: most words of a sentence are
    /// rejected here, before hashing.
    lengths: LengthFilter,
    /// The same for the clause boundaries only ([`has_clause_boundary`]).
    clause_lengths: LengthFilter,
    /// An open-addressing table ([`SLOTS`] slots, linear probing) of words as [`word_key`]s
    /// (0: empty) and their classes. Sparse, so that a word not in it nearly always meets an
    /// empty slot at once.
    /// A fixed-size array, so that an index masked to [`SLOTS`] needs no bounds check.
    slots: Box<[((u64, u64), Class); SLOTS]>,
    /// The anchor words, for the pre-check ([`worth_scanning`]).
    anchors: WordSet,
}

/// How many slots [`DateWords::slots`] has, as a power of two.
const SLOT_BITS: u32 = 10;
/// How many slots [`DateWords::slots`] has.
const SLOTS: usize = 1 << SLOT_BITS;

/// The word `b[s..s + len]` (1–15 bytes) as two integers (bytes 0–7 and 8–15, from the
/// lowest up), ASCII letters lower-cased by setting bit 5 of every byte: that maps a byte to a
/// lower-case letter only if it is a letter, so a word of the table (lower-case letters) is
/// matched by exactly its own spellings. Most words fit the first integer.
#[inline(always)]
fn word_key(b: &[u8], s: usize, len: usize) -> (u64, u64) {
    let lo = lower_part(b, s, len.min(8));
    let hi = if len > 8 {
        lower_part(b, s + 8, len - 8)
    } else {
        0
    };
    (lo, hi)
}

/// The `n` (1–8) bytes of `b` from `s` as an integer, with bit 5 of each set: eight bytes read
/// in place when `b` has them, else copied.
#[inline(always)]
fn lower_part(b: &[u8], s: usize, n: usize) -> u64 {
    let mut raw = [0u8; 8];
    match b.get(s..s + 8) {
        Some(block) => raw.copy_from_slice(block),
        None => raw[..n].copy_from_slice(&b[s..s + n]),
    }
    let mask = if n >= 8 {
        u64::MAX
    } else {
        (1u64 << (8 * n)) - 1
    };
    (u64::from_le_bytes(raw) | 0x2020_2020_2020_2020) & mask
}

/// The slot a key's probe starts at.
#[inline]
fn slot_of((lo, hi): (u64, u64)) -> usize {
    let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - SLOT_BITS)) as usize
}

impl DateWords {
    /// Reads the table. Months and weekdays are anchors and starts too.
    fn new(lines: &'static str) -> Self {
        let mut classes: Vec<(&str, Class)> = Vec::new();
        for line in lines.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let Some(head) = parts.next() else { continue };
            let (name, val) = match head.split_once('=') {
                Some((n, v)) => (n, v.parse::<u8>().ok()),
                None => (head, None),
            };
            let Some(&(_, mut bits)) = tag::NAMES.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            if bits & (tag::MONTH | tag::WEEKDAY) != 0 {
                bits |= tag::ANCHOR | tag::START;
            }
            for w in parts {
                let k = match classes.iter().position(|(x, _)| *x == w) {
                    Some(k) => k,
                    None => {
                        classes.push((w, Class::NONE));
                        classes.len() - 1
                    }
                };
                let c = &mut classes[k].1;
                c.tags |= bits;
                if let Some(v) = val {
                    c.val = v;
                }
            }
        }
        let mut words = DateWords {
            lengths: LengthFilter::EMPTY,
            clause_lengths: LengthFilter::EMPTY,
            slots: Box::new([((0, 0), Class::NONE); SLOTS]),
            anchors: WordSet::new(
                classes
                    .iter()
                    .filter(|(_, c)| c.tags & tag::ANCHOR != 0)
                    .map(|(w, _)| *w),
            ),
        };
        for (w, c) in classes {
            let b = w.as_bytes();
            // The table's words are lower-case ASCII letters, at most 15.
            if b.is_empty() || b.len() > 15 || !b.iter().all(u8::is_ascii_lowercase) {
                continue;
            }
            // The date rules' filter leaves out words only of clause boundaries.
            if c.tags & !tag::CLAUSE_BOUNDARY != 0 {
                words.lengths.add(b);
            }
            if c.tags & tag::CLAUSE_BOUNDARY != 0 {
                words.clause_lengths.add(b);
            }
            let key = word_key(b, 0, b.len());
            let mut at = slot_of(key);
            while words.slots[at].0 .0 != 0 {
                at = (at + 1) % SLOTS;
            }
            words.slots[at] = (key, c);
        }
        words
    }

    /// The classes of the word `b[s..e]` (any case).
    #[inline]
    fn class(&self, b: &[u8], s: usize, e: usize) -> Class {
        let len = e - s;
        if len == 0 || len > 15 {
            return Class::NONE;
        }
        if !self.lengths.may_hold_word(&b[s..e]) {
            return Class::NONE;
        }
        self.lookup(b, s, e)
    }

    /// Whether the word `b[s..e]` (any case) opens another clause.
    #[inline(always)]
    fn is_clause_boundary(&self, b: &[u8], s: usize, e: usize) -> bool {
        let len = e - s;
        if len == 0 || len > 15 {
            return false;
        }
        self.clause_lengths.may_hold_word(&b[s..e])
            && self.lookup(b, s, e).tags & tag::CLAUSE_BOUNDARY != 0
    }

    /// The table's entry for the word `b[s..e]` (1–15 bytes).
    #[inline(always)]
    fn lookup(&self, b: &[u8], s: usize, e: usize) -> Class {
        let key = word_key(b, s, e - s);
        let mut at = slot_of(key);
        loop {
            let (k, c) = self.slots[at & (SLOTS - 1)];
            if k == key {
                return c;
            }
            if k.0 == 0 {
                return Class::NONE;
            }
            at = (at + 1) % SLOTS;
        }
    }
}

/// The word classes of the date rules.
static DATE_WORDS: LazyLock<DateWords> = LazyLock::new(|| DateWords::new(DATE_WORD_LINES));

/// Gives every token its [`Class`]: words by [`DATE_WORDS`], numbers starting with a year's
/// digits (1900–2099: "2019-06-05", "1990s") an anchor; and lists the anchors' indices in
/// `anchors` (cleared first).
pub(crate) fn classify(sentence: &str, toks: &mut [Tok], anchors: &mut Vec<usize>) {
    anchors.clear();
    let b = sentence.as_bytes();
    let words = &*DATE_WORDS;
    // Tokens come with no class: only those that have one are written.
    for (i, t) in toks.iter_mut().enumerate() {
        match t.kind {
            Kind::Word => {
                let c = words.class(b, t.s, t.e);
                if c.tags != 0 {
                    t.class = c;
                    if c.tags & tag::ANCHOR != 0 {
                        anchors.push(i);
                    }
                }
            }
            Kind::Num
                if t.e - t.s >= 4
                    && b[t.s..t.s + 4].iter().all(u8::is_ascii_digit)
                    && matches!(&b[t.s..t.s + 2], b"19" | b"20") =>
            {
                t.class = Class {
                    tags: tag::ANCHOR,
                    val: 0,
                };
                anchors.push(i);
            }
            _ => {}
        }
    }
}

/// The classes of a word, for tests.
#[cfg(test)]
fn word_class(w: &str) -> Class {
    DATE_WORDS.class(w.as_bytes(), 0, w.len())
}

/// The month named by a capitalised word ("June", "JUNE", "Sept"), and whether abbreviated.
fn month_of(c: Class, w: &[u8]) -> Option<(u32, bool)> {
    (c.tags & tag::MONTH != 0 && w.first().is_some_and(u8::is_ascii_uppercase))
        .then_some((u32::from(c.val), c.tags & tag::ABBR != 0))
}

/// The weekday named by a capitalised word.
fn weekday_of(c: Class, w: &[u8]) -> Option<Weekday> {
    const DAYS: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    if c.tags & tag::WEEKDAY == 0 || !w.first().is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    DAYS.get(usize::from(c.val)).copied()
}

/// [`month_of`] a word.
#[cfg(test)]
fn month_word(w: &str) -> Option<(u32, bool)> {
    month_of(word_class(w), w.as_bytes())
}

/// [`weekday_of`] a word.
#[cfg(test)]
fn weekday_word(w: &str) -> Option<Weekday> {
    weekday_of(word_class(w), w.as_bytes())
}

/// A day of the month: one or two digits, optionally with an ordinal suffix ("5", "05th").
fn day_num(w: &str) -> Option<u32> {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let suffix = &w[digits..];
    if !(suffix.is_empty()
        || ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| suffix.eq_ignore_ascii_case(s)))
    {
        return None;
    }
    let d: u32 = w[..digits].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A year: exactly four digits, 1900–2099.
fn year_num(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1900..=2099).contains(&y).then_some(y)
}

/// A small count: "a", "an", "one" … "twelve" (by the word's class `c`), or up to three
/// digits.
fn count_of(c: Class, w: &str) -> Option<i64> {
    if w.bytes().all(|b| b.is_ascii_digit()) {
        return if (1..=3).contains(&w.len()) {
            w.parse().ok()
        } else {
            None
        };
    }
    (c.tags & tag::COUNT != 0).then_some(i64::from(c.val))
}

/// [`count_of`] a word.
#[cfg(test)]
fn count_word(w: &str) -> Option<i64> {
    count_of(word_class(w), w)
}

/// Units of "N units ago".
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// The unit a word's class names (numbered from 1 in the data), singular or plural.
fn unit_of(c: Class) -> Option<Unit> {
    if c.tags & tag::UNIT == 0 {
        return None;
    }
    match c.val {
        1 => Some(Unit::Day),
        2 => Some(Unit::Week),
        3 => Some(Unit::Month),
        4 => Some(Unit::Year),
        _ => None,
    }
}

/// [`unit_of`] a word.
#[cfg(test)]
fn unit_word(w: &str) -> Option<Unit> {
    unit_of(word_class(w))
}

/// `(year, month)` moved by `delta` months.
fn add_months(y: i32, m: u32, delta: i64) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + delta;
    (idx.div_euclid(12) as i32, idx.rem_euclid(12) as u32 + 1)
}

/// The Monday of the week holding `d`.
fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// The latest `wd` on or before `d` (`strict`: before).
fn weekday_before(d: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    if strict && back == 0 {
        back = 7;
    }
    d - Duration::days(i64::from(back))
}

/// The earliest `wd` on or after `d` (`strict`: after).
fn weekday_after(d: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut fwd = (7 + wd.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
    if strict && fwd == 0 {
        fwd = 7;
    }
    d + Duration::days(i64::from(fwd))
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Word,
    Num,
    Punct,
}

/// A token: a run of letters and digits (a word if it starts with a letter, a number if with a
/// digit), or one punctuation character.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok {
    s: usize,
    e: usize,
    kind: Kind,
    /// Set by [`classify`] once the tokens are complete.
    class: Class,
}

#[cfg(test)]
fn tokenize(s: &str) -> Vec<Tok> {
    let mut toks = Vec::new();
    tokenize_into(s, &mut toks);
    toks
}

/// Splits `s` into `toks` (cleared first).
pub(crate) fn tokenize_into(s: &str, toks: &mut Vec<Tok>) {
    toks.clear();
    let b = s.as_bytes();
    let mut i = 0;
    // ASCII is classified bytewise, without decoding characters: the tokens are the same.
    while let Some(&c) = b.get(i) {
        let (alphanumeric, n) = if c < 0x80 {
            (c.is_ascii_alphanumeric(), 1)
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            }
            (ch.is_alphanumeric(), ch.len_utf8())
        };
        if alphanumeric {
            let kind = if c.is_ascii_digit() {
                Kind::Num
            } else {
                Kind::Word
            };
            let e = alphanumeric_end(s, i + n);
            toks.push(Tok {
                s: i,
                e,
                kind,
                class: Class::NONE,
            });
            i = e;
        } else {
            if !char::from(c).is_whitespace() || c >= 0x80 {
                toks.push(Tok {
                    s: i,
                    e: i + n,
                    kind: Kind::Punct,
                    class: Class::NONE,
                });
            }
            i += n;
        }
    }
}

/// Each token as (start, end, kind), for tests comparing token streams.
#[cfg(test)]
pub(crate) fn spans(toks: &[Tok]) -> Vec<(usize, usize, Kind)> {
    toks.iter().map(|t| (t.s, t.e, t.kind)).collect()
}

/// The end of the run of letters and digits going on from byte `j`.
fn alphanumeric_end(s: &str, mut j: usize) -> usize {
    let b = s.as_bytes();
    while let Some(&c) = b.get(j) {
        if c < 0x80 {
            if !c.is_ascii_alphanumeric() {
                break;
            }
            j += 1;
        } else {
            let ch = s[j..].chars().next().unwrap_or(' ');
            if !ch.is_alphanumeric() {
                break;
            }
            j += ch.len_utf8();
        }
    }
    j
}

/// The tokenizer as first written, character by character: the reference the fast one is
/// tested against.
#[cfg(test)]
fn tokenize_reference(s: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(s.len() / 4 + 1);
    let mut cur: Option<(usize, Kind)> = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if cur.is_none() {
                let kind = if c.is_ascii_digit() {
                    Kind::Num
                } else {
                    Kind::Word
                };
                cur = Some((i, kind));
            }
        } else {
            if let Some((st, kind)) = cur.take() {
                toks.push(Tok {
                    s: st,
                    e: i,
                    kind,
                    class: Class::NONE,
                });
            }
            if !c.is_whitespace() {
                toks.push(Tok {
                    s: i,
                    e: i + c.len_utf8(),
                    kind: Kind::Punct,
                    class: Class::NONE,
                });
            }
        }
    }
    if let Some((st, kind)) = cur {
        toks.push(Tok {
            s: st,
            e: s.len(),
            kind,
            class: Class::NONE,
        });
    }
    toks
}

/// An expression found: tokens `a..b`; `date` is `None` when it cannot be resolved;
/// `inferred` holds the month and day of a date whose year was not stated.
#[derive(Clone, Copy, Debug)]
struct Hit {
    a: usize,
    b: usize,
    date: Option<PartialDate>,
    inferred: Option<(u32, Option<u32>)>,
}

impl Hit {
    fn new(a: usize, b: usize, date: Option<PartialDate>) -> Self {
        Hit {
            a,
            b,
            date,
            inferred: None,
        }
    }
}

/// Prefixes of month and weekday names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Prefix {
    None,
    /// early / mid / late
    Part,
    Last,
    Next,
    This,
}

/// Title words after a weekday: newspapers, not days.
const PAPERS: [&str; 10] = [
    "Times",
    "Telegraph",
    "Express",
    "Mirror",
    "Herald",
    "Mail",
    "Post",
    "Independent",
    "Star",
    "Sport",
];

/// Words before a weekday that make it a name ("Good Friday", "Bloody Sunday").
const HOLIDAYS: [&str; 10] = [
    "Good", "Black", "Bloody", "Easter", "Palm", "Ash", "Holy", "Super", "Cyber", "Maundy",
];

struct Scan<'a> {
    s: &'a str,
    t: Vec<Tok>,
    /// The indices of the anchor tokens ([`classify`]), in order.
    anchors: Vec<usize>,
    day: Option<NaiveDate>,
    ym: Option<(i32, u32)>,
    year: Option<i32>,
    hits: Vec<Hit>,
}

impl<'a> Scan<'a> {
    fn run(&mut self) {
        // Every expression holds an anchor (a month, weekday or word of time, or a year) and
        // starts at most ANCHOR_REACH tokens before it: only those starts are tried. `anchor`
        // is the first anchor at or after `i`, found as `i` passes the last one.
        let n = self.t.len();
        let mut next = 0;
        let mut i = 0;
        while i < n {
            while self.anchors.get(next).is_some_and(|&a| a < i) {
                next += 1;
            }
            let Some(&anchor) = self.anchors.get(next) else {
                break;
            };
            if anchor - i > ANCHOR_REACH {
                i = anchor - ANCHOR_REACH;
                continue;
            }
            let hit = match self.t[i].kind {
                Kind::Num => self.at_num(i),
                // Most words start no expression: one lookup rules them out.
                Kind::Word if !self.is(i, tag::START) => None,
                Kind::Word => self.at_word(i),
                Kind::Punct => None,
            };
            match hit {
                Some(h) => {
                    i = h.b;
                    self.hits.push(h);
                }
                None => i += 1,
            }
        }
        self.propagate_years();
    }

    fn text(&self, i: usize) -> &'a str {
        let t = self.t[i];
        &self.s[t.s..t.e]
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        (self.kind(i) == Some(Kind::Word)).then(|| self.text(i))
    }

    fn num(&self, i: usize) -> Option<&'a str> {
        (self.kind(i) == Some(Kind::Num)).then(|| self.text(i))
    }

    /// The classes of token `i` (none past the end).
    fn class(&self, i: usize) -> Class {
        self.t.get(i).map_or(Class::NONE, |t| t.class)
    }

    /// Whether token `i` is a word of any of the classes `tags` (numbers have only
    /// [`tag::ANCHOR`], which no rule asks for).
    fn is(&self, i: usize, tags: u64) -> bool {
        self.class(i).tags & tags != 0
    }

    /// The month token `i` names, and whether abbreviated.
    fn month_at(&self, i: usize) -> Option<(u32, bool)> {
        let c = self.class(i);
        if c.tags & tag::MONTH == 0 {
            return None;
        }
        month_of(c, self.text(i).as_bytes())
    }

    /// The weekday token `i` names.
    fn weekday_at(&self, i: usize) -> Option<Weekday> {
        let c = self.class(i);
        if c.tags & tag::WEEKDAY == 0 {
            return None;
        }
        weekday_of(c, self.text(i).as_bytes())
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.kind(i) == Some(Kind::Punct) && self.text(i) == p
    }

    fn is_dash(&self, i: usize) -> bool {
        self.punct(i, "-") || self.punct(i, "\u{2013}")
    }

    /// Whether token `i` touches the one before it.
    fn adj(&self, i: usize) -> bool {
        i > 0 && i < self.t.len() && self.t[i].s == self.t[i - 1].e
    }

    /// A number is not part of a larger figure ending after it ("5:30", "5%", "2,019,000").
    fn num_ok_end(&self, j: usize) -> bool {
        let n = j + 1;
        if self.adj(n) && self.kind(n) == Some(Kind::Punct) {
            let p = self.text(n);
            if p == ":" || p == "%" {
                return false;
            }
            if (p == "." || p == ",") && self.adj(n + 1) && self.kind(n + 1) == Some(Kind::Num) {
                return false;
            }
        }
        true
    }

    /// A number is not part of a larger figure starting before it ("$2019", "1.5", "10:30").
    fn num_ok_start(&self, j: usize) -> bool {
        if !self.adj(j) {
            return true;
        }
        !matches!(
            self.text(j - 1),
            "$" | "£" | "€" | "." | "," | ":" | "/" | "#" | "+"
        ) && self.kind(j - 1) != Some(Kind::Num)
    }

    fn day_at(&self, j: usize) -> Option<u32> {
        let d = day_num(self.num(j)?)?;
        self.num_ok_end(j).then_some(d)
    }

    fn year_at(&self, j: usize) -> Option<i32> {
        let y = year_num(self.num(j)?)?;
        self.num_ok_end(j).then_some(y)
    }

    /// Token `i` joins a date to the hit ending just before it.
    fn after_hit(&self, i: usize) -> bool {
        self.hits.last().is_some_and(|h| h.b == i)
            && (self.is(i, tag::CONNECTOR) || self.is_dash(i))
    }

    /// "next"/"last"/"this"/"previous" + "year" (optionally after "of") at `j`:
    /// the year and the end of the phrase.
    fn rel_year(&self, j: usize) -> Option<(i32, usize)> {
        let k = if self.is(j, tag::OF) { j + 1 } else { j };
        if !self.is(k + 1, tag::YEAR) {
            return None;
        }
        let delta = if self.is(k, tag::THIS) || (self.is(k, tag::THE) && k > j) {
            0
        } else if self.is(k, tag::LAST | tag::PREVIOUS) {
            -1
        } else if self.is(k, tag::NEXT) {
            1
        } else {
            return None;
        };
        Some((self.year? + delta, k + 2))
    }

    /// Whether the sentence is in the future tense before token `i`: the nearest tense marker
    /// before it decides, so in "…will meet Golovchenko, the ministry said Monday" the past
    /// "said" governs "Monday".
    fn future_before(&self, i: usize) -> bool {
        for k in (0..i).rev() {
            // Only words have these classes.
            let c = self.class(k).tags;
            if c & tag::PAST_REPORTING != 0 {
                return false;
            }
            if c & tag::FUTURE != 0 {
                return true;
            }
            if c & tag::LL != 0
                && self.adj(k)
                && (self.punct(k - 1, "'") || self.punct(k - 1, "\u{2019}"))
            {
                return true;
            }
            if c & tag::TO != 0 && k > 0 && self.is(k - 1, tag::FUTURE_TO) {
                return true;
            }
        }
        false
    }

    fn at_num(&self, i: usize) -> Option<Hit> {
        self.iso(i)
            .or_else(|| self.day_first(i))
            .or_else(|| self.ago(i))
            .or_else(|| self.prep_year(i))
    }

    fn at_word(&self, i: usize) -> Option<Hit> {
        use tag::*;
        // Each rule is tried only at a word of a class it starts with (it would say no to any
        // other): most starts are counts ("a") or prefixes that one or two rules take.
        let c = self.class(i).tags;
        let when = |tags: u64, rule: fn(&Self, usize) -> Option<Hit>| {
            if c & tags != 0 {
                rule(self, i)
            } else {
                None
            }
        };
        when(PART | LAST | NEXT | THIS | MONTH, Self::month_expr)
            .or_else(|| when(LAST | NEXT | THIS | WEEKDAY, Self::weekday_expr))
            .or_else(|| {
                when(
                    TODAY | YESTERDAY | TOMORROW | LAST | PREVIOUS | NEXT | THIS | EARLIER | LATER,
                    Self::relative,
                )
            })
            .or_else(|| when(COUNT, Self::ago))
            .or_else(|| when(ORDINAL, Self::quarter))
            .or_else(|| when(YEAR | END | BEGINNING, Self::edge_of_year))
            .or_else(|| when(PART, Self::part_of_year))
    }

    /// `2019-06-05`.
    fn iso(&self, i: usize) -> Option<Hit> {
        // The dashes first: most numbers have none, and are not parsed.
        if !(self.punct(i + 1, "-") && self.adj(i + 1) && self.punct(i + 3, "-") && self.adj(i + 3))
        {
            return None;
        }
        let y = year_num(self.num(i)?)?;
        let two = |k: usize| self.num(k).filter(|t| t.len() == 2 && self.adj(k));
        let m = two(i + 2)?.parse().ok()?;
        let d = two(i + 4)?.parse().ok()?;
        let date = PartialDate::ymd(y, m, d)?;
        Some(Hit::new(i, i + 5, Some(date)))
    }

    /// A day, month and optional year after the day: `5 June 2019`, `5th of June`.
    fn day_first(&self, i: usize) -> Option<Hit> {
        // The month first: a class test rules out most numbers before one is parsed.
        let j = if self.is(i + 1, tag::OF) {
            i + 2
        } else {
            i + 1
        };
        let (m, abbr) = self.month_at(j)?;
        let d = day_num(self.num(i)?)?;
        if !self.num_ok_start(i) {
            return None;
        }
        let mut k = j + 1;
        if abbr && self.punct(k, ".") && self.adj(k) {
            k += 1;
        }
        Some(self.finish_day(i, k, m, d))
    }

    /// A month and day from token `a`, the year to be read at `k`: `, 2019`, `this year`, or
    /// none (inferred from the document date).
    fn finish_day(&self, a: usize, k: usize, m: u32, d: u32) -> Hit {
        let kk = if self.punct(k, ",") { k + 1 } else { k };
        if let Some(y) = self.year_at(kk) {
            return Hit::new(a, kk + 1, PartialDate::ymd(y, m, d));
        }
        if let Some((y, b)) = self.rel_year(k) {
            return Hit::new(a, b, PartialDate::ymd(y, m, d));
        }
        Hit {
            a,
            b: k,
            date: self.resolve_md(m, d),
            inferred: Some((m, Some(d))),
        }
    }

    /// A month-day without a year: the latest of the document's year, the one after and the
    /// one before that is not more than about two months after the document date.
    fn resolve_md(&self, m: u32, d: u32) -> Option<PartialDate> {
        let doc = self.day?;
        let limit = doc + Duration::days(61);
        [doc.year() + 1, doc.year(), doc.year() - 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
            .find(|c| *c <= limit)
            .map(PartialDate::from)
    }

    /// A month without a year: the most recent (or, in the future tense, the coming) one.
    fn resolve_month(&self, m: u32, i: usize) -> Option<PartialDate> {
        let (dy, dm) = self.ym?;
        let y = if self.future_before(i) {
            if m >= dm {
                dy
            } else {
                dy + 1
            }
        } else if m <= dm {
            dy
        } else {
            dy - 1
        };
        PartialDate::ym(y, m)
    }

    /// Expressions built on a month name.
    fn month_expr(&self, i: usize) -> Option<Hit> {
        let (mi, prefix) = if self.is(i, tag::PART) {
            let j = if self.is_dash(i + 1) && self.adj(i + 1) {
                i + 2
            } else {
                i + 1
            };
            (j, Prefix::Part)
        } else if self.is(i, tag::LAST) {
            (i + 1, Prefix::Last)
        } else if self.is(i, tag::NEXT) {
            (i + 1, Prefix::Next)
        } else if self.is(i, tag::THIS) {
            (i + 1, Prefix::This)
        } else {
            (i, Prefix::None)
        };
        let (m, abbr) = self.month_at(mi)?;
        let mut j = mi + 1;
        if abbr && self.punct(j, ".") && self.adj(j) {
            j += 1;
        }
        if prefix == Prefix::None {
            if let Some(d) = self.day_at(j) {
                return Some(self.finish_day(i, j + 1, m, d));
            }
        }
        let k = if self.is(j, tag::OF) && self.year_at(j + 1).is_some() {
            j + 1
        } else {
            j
        };
        if let Some(y) = self.year_at(k) {
            return Some(Hit::new(i, k + 1, PartialDate::ym(y, m)));
        }
        if let Some((y, b)) = self.rel_year(j) {
            return Some(Hit::new(i, b, PartialDate::ym(y, m)));
        }
        if abbr {
            return None;
        }
        if prefix == Prefix::None {
            if m == 5 && !(i > 0 && (self.is(i - 1, tag::MAY_CONTEXT) || self.after_hit(i - 1))) {
                return None;
            }
            // "the March on Washington"
            if m == 3
                && self.is(i.wrapping_sub(1), tag::THE | tag::A)
                && self.is(j, tag::MARCH_AFTER)
            {
                return None;
            }
        }
        let date = match prefix {
            Prefix::Last | Prefix::Next | Prefix::This => {
                let (dy, dm) = self.ym?;
                let y = match prefix {
                    Prefix::Last if m < dm => dy,
                    Prefix::Last => dy - 1,
                    Prefix::Next if m > dm => dy,
                    Prefix::Next => dy + 1,
                    _ => dy,
                };
                return Some(Hit::new(i, j, PartialDate::ym(y, m)));
            }
            _ => self.resolve_month(m, i),
        };
        Some(Hit {
            a: i,
            b: j,
            date,
            inferred: Some((m, None)),
        })
    }

    /// A weekday, optionally with last/next/this, or followed by the full date.
    fn weekday_expr(&self, i: usize) -> Option<Hit> {
        let (wi, prefix) = if self.is(i, tag::LAST) {
            (i + 1, Prefix::Last)
        } else if self.is(i, tag::NEXT) {
            (i + 1, Prefix::Next)
        } else if self.is(i, tag::THIS) {
            (i + 1, Prefix::This)
        } else {
            (i, Prefix::None)
        };
        let wd = self.weekday_at(wi)?;
        if self.word(wi + 1).is_some_and(|w| PAPERS.contains(&w)) {
            return None;
        }
        if prefix == Prefix::None
            && wi > 0
            && self.word(wi - 1).is_some_and(|w| HOLIDAYS.contains(&w))
        {
            return None;
        }
        // "Wednesday, June 5, 2019": the stated date wins.
        let j = if self.punct(wi + 1, ",") {
            wi + 2
        } else {
            wi + 1
        };
        if let Some(h) = self.month_expr(j).or_else(|| self.day_first(j)) {
            let is_day = h.inferred.map_or_else(
                || h.date.is_some_and(|d| d.day().is_some()),
                |(_, d)| d.is_some(),
            );
            if is_day {
                return Some(Hit { a: i, ..h });
            }
        }
        let doc = self.day?;
        let date = match prefix {
            Prefix::Last => weekday_before(doc, wd, true),
            Prefix::Next => weekday_after(doc, wd, true),
            _ if self.future_before(i) => weekday_after(doc, wd, false),
            _ => weekday_before(doc, wd, false),
        };
        Some(Hit::new(i, wi + 1, Some(date.into())))
    }

    /// today, yesterday, last week, this month, next year, previous year, earlier this year,
    /// this weekend, last night.
    fn relative(&self, i: usize) -> Option<Hit> {
        self.word(i)?;
        let w = self.class(i).tags;
        let day = |n: i64, b: usize| {
            Some(Hit::new(
                i,
                b,
                self.day.map(|d| (d + Duration::days(n)).into()),
            ))
        };
        if w & tag::TODAY != 0 {
            return day(0, i + 1);
        }
        if w & tag::YESTERDAY != 0 {
            return day(-1, i + 1);
        }
        if w & tag::TOMORROW != 0 {
            return day(1, i + 1);
        }
        let (delta, j): (i64, usize) = if w & (tag::LAST | tag::PREVIOUS) != 0 {
            (-1, i + 1)
        } else if w & tag::NEXT != 0 {
            (1, i + 1)
        } else if w & tag::THIS != 0 {
            (0, i + 1)
        } else if w & (tag::EARLIER | tag::LATER) != 0 && self.is(i + 1, tag::THIS) {
            (0, i + 2)
        } else {
            return None;
        };
        // "the last year", "the next week": a span, not a date.
        if w & (tag::LAST | tag::NEXT) != 0 && self.is(i.wrapping_sub(1), tag::THE) {
            return None;
        }
        let unit = self.class(j).tags;
        let date = if unit & tag::YEAR != 0 {
            self.year.map(|y| PartialDate::year_only(y + delta as i32))
        } else if unit & tag::MONTH_WORD != 0 {
            self.ym.and_then(|(y, m)| {
                let (y, m) = add_months(y, m, delta);
                PartialDate::ym(y, m)
            })
        } else if unit & tag::WEEK != 0 {
            self.day
                .map(|d| (monday_of(d) + Duration::weeks(delta)).into())
        } else if unit & tag::WEEKEND != 0 {
            self.day.map(|d| {
                let sat = monday_of(d) + Duration::days(5);
                let sat = if delta == 0 && d.weekday() == Weekday::Sun {
                    sat
                } else {
                    sat + Duration::weeks(delta)
                };
                sat.into()
            })
        } else if unit & tag::NIGHT != 0 && w & tag::LAST != 0 {
            self.day.map(|d| (d - Duration::days(1)).into())
        } else if unit & tag::DAYPART != 0 && w & tag::THIS != 0 {
            self.day.map(PartialDate::from)
        } else {
            return None;
        };
        Some(Hit::new(i, j + 1, date))
    }

    /// "two weeks ago", "18 months ago", "two and a half years ago", "a year earlier".
    fn ago(&self, i: usize) -> Option<Hit> {
        // The unit first: a class test rules out most starts before a number is parsed.
        let half =
            |k: usize| self.is(k, tag::AND) && self.is(k + 1, tag::A) && self.is(k + 2, tag::HALF);
        let mut j = i + 1;
        if half(j) {
            j += 3;
        }
        let unit = unit_of(self.class(j))?;
        let n = count_of(self.class(i), self.text(i))?;
        if self.kind(i) == Some(Kind::Num) && !self.num_ok_start(i) {
            return None;
        }
        j += 1;
        if half(j) {
            j += 3;
        }
        if self.is(j, tag::EARLIER) {
            // Only "a year earlier": other spans are usually counted from another event.
            return (unit == Unit::Year && n == 1 && j == i + 2)
                .then(|| Hit::new(i, j + 1, self.year.map(|y| PartialDate::year_only(y - 1))));
        }
        if !self.is(j, tag::AGO) {
            return None;
        }
        let date = match unit {
            Unit::Day => self.day.map(|d| (d - Duration::days(n)).into()),
            Unit::Week => self.day.map(|d| (d - Duration::weeks(n)).into()),
            Unit::Month => self.ym.and_then(|(y, m)| {
                let (y, m) = add_months(y, m, -n);
                PartialDate::ym(y, m)
            }),
            Unit::Year => self.year.map(|y| PartialDate::year_only(y - n as i32)),
        };
        Some(Hit::new(i, j + 1, date))
    }

    /// A year after a preposition ("in 2022", "since 1996") or joined to a date before it.
    fn prep_year(&self, i: usize) -> Option<Hit> {
        // The preposition first: most numbers follow none, and are not parsed.
        if i == 0 {
            return None;
        }
        let p = i - 1;
        let ok = match self.kind(p) {
            Some(Kind::Word) => self.is(p, tag::YEAR_PREP) || self.after_hit(p),
            Some(Kind::Punct) => self.is_dash(p) && self.after_hit(p),
            _ => false,
        };
        if !ok {
            return None;
        }
        let y = self.year_at(i)?;
        // "a crowd of 2000 people", "by 2000 votes"
        if self.is(p, tag::OF | tag::BY) && self.plural_noun(i + 1) {
            return None;
        }
        Some(Hit::new(i, i + 1, Some(PartialDate::year_only(y))))
    }

    /// A lower-case word that looks like a plural noun (what a count would count).
    fn plural_noun(&self, k: usize) -> bool {
        self.word(k).is_some_and(|w| {
            ["people", "men", "women", "children", "personnel", "police"].contains(&w)
                || w.len() > 3
                    && w.bytes().all(|b| b.is_ascii_lowercase())
                    && w.ends_with('s')
                    && !w.ends_with("ss")
                    && ![
                        "this", "plus", "thus", "unless", "whereas", "since", "perhaps", "always",
                        "its", "was", "has",
                    ]
                    .contains(&w)
        })
    }

    /// "the first quarter of this year", "the fourth quarter of 2023", "the second quarter".
    fn quarter(&self, i: usize) -> Option<Hit> {
        let c = self.class(i);
        if c.tags & tag::ORDINAL == 0 {
            return None;
        }
        let q = u32::from(c.val);
        if !self.is(i + 1, tag::QUARTER) {
            return None;
        }
        let m = 3 * q + 1;
        let j = i + 2;
        if self.is(j, tag::OF) {
            if let Some(y) = self.year_at(j + 1) {
                return Some(Hit::new(i, j + 2, PartialDate::ym(y, m)));
            }
        }
        if let Some(y) = self.year_at(j) {
            return Some(Hit::new(i, j + 1, PartialDate::ym(y, m)));
        }
        if let Some((y, b)) = self.rel_year(j) {
            return Some(Hit::new(i, b, PartialDate::ym(y, m)));
        }
        let date = self.ym.and_then(|(dy, dm)| {
            let y = if m > dm { dy - 1 } else { dy };
            PartialDate::ym(y, m)
        });
        Some(Hit {
            a: i,
            b: j,
            date,
            inferred: Some((m, None)),
        })
    }

    /// "year-end", "the end of the year", "end of 2023", "the beginning of this year",
    /// "the end of the month".
    fn edge_of_year(&self, i: usize) -> Option<Hit> {
        if self.is(i, tag::YEAR)
            && self.is_dash(i + 1)
            && self.adj(i + 1)
            && self.is(i + 2, tag::END)
        {
            if !self.adj(i + 2) {
                return None;
            }
            return Some(Hit::new(
                i,
                i + 3,
                self.year.and_then(|y| PartialDate::ym(y, 12)),
            ));
        }
        let m = if self.is(i, tag::END) {
            12
        } else if self.is(i, tag::BEGINNING) {
            1
        } else {
            return None;
        };
        if !self.is(i + 1, tag::OF) {
            return None;
        }
        let j = i + 2;
        if let Some(y) = self.year_at(j) {
            return Some(Hit::new(i, j + 1, PartialDate::ym(y, m)));
        }
        if let Some((y, b)) = self.rel_year(i + 1) {
            return Some(Hit::new(i, b, PartialDate::ym(y, m)));
        }
        if self.is(j + 1, tag::MONTH_WORD) {
            let delta = if self.is(j, tag::THE | tag::THIS) {
                0
            } else if self.is(j, tag::LAST) {
                -1
            } else if self.is(j, tag::NEXT) {
                1
            } else {
                return None;
            };
            let date = self.ym.and_then(|(y, mm)| {
                let (y, mm) = add_months(y, mm, delta);
                PartialDate::ym(y, mm)
            });
            return Some(Hit::new(i, j + 2, date));
        }
        None
    }

    /// "early 2022", "mid-2019", "late 2021".
    fn part_of_year(&self, i: usize) -> Option<Hit> {
        if !self.is(i, tag::PART) {
            return None;
        }
        let j = if self.is_dash(i + 1) && self.adj(i + 1) {
            i + 2
        } else {
            i + 1
        };
        let y = self.year_at(j)?;
        Some(Hit::new(i, j + 1, Some(PartialDate::year_only(y))))
    }

    /// A date without a year joined to one with a year takes that year:
    /// "between November and February 2019", "from June 5 to June 7, 2019".
    fn propagate_years(&mut self) {
        for k in 1..self.hits.len() {
            let (prev, next) = (self.hits[k - 1], self.hits[k]);
            let Some((m, d)) = prev.inferred else {
                continue;
            };
            if next.inferred.is_some() || next.a != prev.b + 1 || !self.after_hit_at(prev.b, k - 1)
            {
                continue;
            }
            let Some(nd) = next.date else { continue };
            let Some(nm) = nd.month() else { continue };
            let before = m < nm || (m == nm && d.unwrap_or(0) <= nd.day().unwrap_or(0));
            let y = if before { nd.year() } else { nd.year() - 1 };
            let date = match d {
                Some(d) => PartialDate::ymd(y, m, d),
                None => PartialDate::ym(y, m),
            };
            if date.is_some() {
                self.hits[k - 1].date = date;
            }
        }
    }

    /// Token `i` is a connector right after hit number `h`.
    fn after_hit_at(&self, i: usize, h: usize) -> bool {
        self.hits[h].b == i && (self.is(i, tag::CONNECTOR) || self.is_dash(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("valid date")
    }

    #[test]
    fn words() {
        assert_eq!(month_word("June"), Some((6, false)));
        assert_eq!(month_word("JUNE"), Some((6, false)));
        assert_eq!(month_word("june"), None);
        assert_eq!(month_word("Sept"), Some((9, true)));
        assert_eq!(month_word("Mayor"), None);
        assert_eq!(weekday_word("Wednesday"), Some(Weekday::Wed));
        assert_eq!(weekday_word("wednesday"), None);
        assert_eq!(day_num("5th"), Some(5));
        assert_eq!(day_num("31"), Some(31));
        assert_eq!(day_num("32"), None);
        assert_eq!(day_num("5G"), None);
        assert_eq!(day_num("0"), None);
        assert_eq!(year_num("2019"), Some(2019));
        assert_eq!(year_num("1899"), None);
        assert_eq!(year_num("2100"), None);
        assert_eq!(year_num("20190"), None);
        assert_eq!(count_word("two"), Some(2));
        assert_eq!(count_word("Twelve"), Some(12));
        assert_eq!(count_word("18"), Some(18));
        assert_eq!(count_word("1000"), None);
        assert_eq!(count_word("few"), None);
        assert_eq!(unit_word("Weeks"), Some(Unit::Week));
        assert_eq!(unit_word("decade"), None);
    }

    #[test]
    fn word_classes_come_from_the_table() {
        // Every class the table names is known, and no word takes two values.
        let mut valued: Vec<(&str, &str)> = Vec::new();
        for line in DATE_WORD_LINES.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let head = parts.next().unwrap_or("");
            let name = head.split_once('=').map_or(head, |(n, _)| n);
            assert!(tag::NAMES.iter().any(|(n, _)| *n == name), "{line}");
            if head.contains('=') {
                for w in parts {
                    assert!(!valued.iter().any(|(x, h)| *x == w && *h != head), "{w}");
                    valued.push((w, head));
                }
            }
        }
        let c = word_class("MONTH");
        assert_eq!(
            c.tags & (tag::MONTH | tag::MONTH_WORD | tag::ANCHOR | tag::UNIT),
            tag::MONTH_WORD | tag::ANCHOR | tag::UNIT
        );
        assert_ne!(word_class("Of").tags & tag::YEAR_PREP, 0);
        assert_ne!(word_class("june").tags & tag::START, 0);
        assert_eq!(word_class("jun3"), Class::NONE);
        assert_eq!(word_class("Juni"), Class::NONE);
        assert_eq!(word_class("j\u{e9}n"), Class::NONE);
        // Bit 5 set on a non-letter never makes a letter: "[" is not "{", "@ay" is not "may".
        assert_eq!(word_class("@ay"), Class::NONE);
        assert_eq!(word_class("Ma\u{19}"), Class::NONE);
        let s = "in Oct. and on Monday, 2019 tonight";
        let mut toks = tokenize(s);
        classify(s, &mut toks, &mut Vec::new());
        let anchors: Vec<&str> = toks
            .iter()
            .filter(|t| t.class.tags & tag::ANCHOR != 0)
            .map(|t| &s[t.s..t.e])
            .collect();
        assert_eq!(anchors, ["Oct", "Monday", "2019", "tonight"]);
    }

    #[test]
    fn calendar_helpers() {
        assert_eq!(add_months(2024, 1, -1), (2023, 12));
        assert_eq!(add_months(2024, 12, 1), (2025, 1));
        assert_eq!(add_months(2024, 8, -20), (2022, 12));
        assert_eq!(monday_of(d(2024, 8, 21)), d(2024, 8, 19));
        assert_eq!(monday_of(d(2024, 8, 25)), d(2024, 8, 19));
        assert_eq!(monday_of(d(2024, 8, 19)), d(2024, 8, 19));
        let wed = d(2024, 8, 21);
        assert_eq!(weekday_before(wed, Weekday::Wed, false), wed);
        assert_eq!(weekday_before(wed, Weekday::Wed, true), d(2024, 8, 14));
        assert_eq!(weekday_before(wed, Weekday::Thu, false), d(2024, 8, 15));
        assert_eq!(weekday_after(wed, Weekday::Wed, false), wed);
        assert_eq!(weekday_after(wed, Weekday::Wed, true), d(2024, 8, 28));
        assert_eq!(weekday_after(wed, Weekday::Mon, false), d(2024, 8, 26));
    }

    #[test]
    fn year_digits_are_found_wherever_they_stand() {
        let slow = |b: &[u8]| {
            b.windows(4).any(|w| {
                matches!((w[0], w[1]), (b'1', b'9') | (b'2', b'0'))
                    && w[2].is_ascii_digit()
                    && w[3].is_ascii_digit()
            })
        };
        for s in [
            "1999", "x2020", "192", "20 20", "119 9", "12019x", "3019", "201", "",
        ] {
            for pad in 0..9 {
                let t = format!("{}{s}{}", "ab".repeat(pad), "c".repeat(pad % 4));
                assert_eq!(has_year_digits(t.as_bytes()), slow(t.as_bytes()), "{t:?}");
            }
        }
    }

    #[test]
    fn tokens_and_precheck() {
        let s = "On June 5th, 2019-06-05 $2019 year-on-year";
        let toks: Vec<&str> = tokenize(s).iter().map(|t| &s[t.s..t.e]).collect();
        assert_eq!(
            toks,
            [
                "On", "June", "5th", ",", "2019", "-", "06", "-", "05", "$", "2019", "year", "-",
                "on", "-", "year"
            ]
        );
        assert!(worth_scanning("met on Wednesday"));
        assert!(worth_scanning("in the 1990s"));
        assert!(worth_scanning("later this year"));
        assert!(!worth_scanning("over 300 troops"));
        assert!(!worth_scanning("1 9 2 0 19.5 20-1"));
        assert!(!worth_scanning("Russia could sign the deal with China"));
        assert!(!worth_scanning("Président Xi a rencontré Poutine"));
        let key = |t: &Tok| (t.s, t.e, t.kind);
        for s in [
            "",
            "On June 5th, 2019-06-05 $2019 year-on-year",
            "tabs\tand\nnewlines\r\x0b\x0c\x1f controls 9\u{85}9 \u{3000}wide\u{a0}x",
            "ÉTATS-UNIS: Straße İstanbul — «in 2019» à Pékin ١٢٣4 4١٢ x٣ 😀5 中文123 5\u{2009}km",
        ] {
            let fast: Vec<_> = tokenize(s).iter().map(key).collect();
            let slow: Vec<_> = tokenize_reference(s).iter().map(key).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }
}
