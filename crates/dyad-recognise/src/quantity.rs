//! Figures stated in a sentence: money, percentages, tonnes, barrels, cubic metres, distances,
//! counts of things and fractions ("$108 billion", "more than 30 deals", "a quarter").
//!
//! A hand-written scanner over a small token stream (no regular expressions): a figure is an
//! optional currency symbol, a number (digits or words), an optional scale ("billion", "bn",
//! "$5m"), an optional unit (`data/units.txt`, `data/currencies.txt`), an optional range
//! ("$3–5 billion", "between 3 and 5 percent") and an optional period ("a year", "[per year]").
//! A number without a unit is a count only when it modifies a noun ("300 troops"); years,
//! dates, times, ordinals, model names ("S-400", "G20"), durations ("two weeks") and numbered
//! items ("No. 2", "Article 5") are not figures.

use rustc_hash::FxHashMap as HashMap;

use std::cell::Cell;
use std::sync::LazyLock;

use crate::time::{self, TokenRuns};
use crate::words::{has_ascii_digit, has_word, pack, LengthFilter, WordList, WordSet};
use dyad_core::Qualifier;

const UNITS: &str = include_str!("../data/units.txt");
const CURRENCIES: &str = include_str!("../data/currencies.txt");
const WORDS: &str = include_str!("../data/quantity-words.txt");

/// The words of one `[section]` of `data/quantity-words.txt`.
fn section_words(name: &str) -> Vec<&'static str> {
    let mut on = false;
    let mut out = Vec::new();
    for line in WORDS.lines().map(str::trim) {
        if let Some(h) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            on = h == name;
        } else if on && !line.starts_with('#') {
            out.extend(line.split_whitespace());
        }
    }
    out
}

/// [`section_words`] as a list.
fn word_section(name: &str) -> WordList {
    WordList::new(section_words(name))
}

/// A figure stated in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// First byte of `text` in the sentence.
    pub start: usize,
    /// One past the last byte of `text`.
    pub end: usize,
    /// The figure with its unit words ("$108 billion", "29.9 percent", "30 deals"), without
    /// qualifier words ("more than") or period words ("a year").
    pub text: String,
    /// The value in `unit`s (108e9 for "$108 billion"); the lower end of a range.
    pub value: f64,
    /// The upper end of a range ("$3–5 billion" → 5e9).
    pub max: Option<f64>,
    /// ISO 4217 code for money ("USD", "RUB"), or "percent", "percentage_point", "t", "bbl",
    /// "m3", "km", "mi", "W", "Wh", …, "fraction" (0.25 for "a quarter"), "count".
    pub unit: String,
    /// The period of a rate: "year" ("a year", "annually", "[per year]"), "day" ("bpd"), ….
    pub per: Option<String>,
    /// How the figure is qualified ("more than", "about", "almost", …).
    pub qualifier: Qualifier,
    /// The noun phrase measured ("mutual trade", "stake", "deals"), when the sentence says.
    pub measure: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Num,
    Word,
    Punct,
}

/// A token. Small and free of borrows, so that one buffer of them serves every sentence; a
/// number's value is parsed only when a figure is tried at it.
#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
    /// The token lower-cased, as a range of the sentence's lower-cased copy (the same range as
    /// `start..end` but for non-ASCII words with capitals, whose lower case is appended to it).
    lo: usize,
    hi: usize,
    /// Preceded by whitespace (or the start of the sentence).
    space_before: bool,
    /// Digits only, no comma or decimal point.
    plain_int: bool,
    /// A word of ASCII letters only (no apostrophe): one date token as it stands
    /// ([`date_tokens`]).
    letters: bool,
    /// Whether a figure may start here: false for a word of `letters` that
    /// [`Tables::start_words`] cannot hold (its first two letters and length say so) and for
    /// ASCII punctuation that starts no currency symbol, true for any other token. Set by the
    /// tokenizer, which holds those bytes anyway, so that the scan passes over the rest on one
    /// flag ([`scan_figures`]).
    may_start: bool,
    /// For a word of `letters`: the date scan's anchor words may hold it (first two letters
    /// and length), so that [`may_hold_date_anchor`] looks up only these.
    may_anchor: bool,
}

struct UnitEntry {
    pieces: Vec<String>,
    unit: &'static str,
    factor: f64,
    per: Option<&'static str>,
}

struct Tables {
    /// First char of a symbol → (symbol, code), longest first.
    symbols: HashMap<char, Vec<(&'static str, &'static str)>>,
    /// Codes recognised after the number, case-sensitively ("RUB").
    codes: HashMap<&'static str, &'static str>,
    /// First lowercase piece → index of its unit entries in `unit_lists`.
    units: HashMap<String, usize>,
    /// The unit entries of each first piece, longest first.
    unit_lists: Vec<Vec<UnitEntry>>,
    /// Whether [`Tables::classes`] holds the unit index of every first piece of ASCII letters
    /// (there are fewer than 2^16 lists).
    unit_index_in_classes: bool,
    /// Words a figure can start with ("a quarter", "two units", "half of").
    starters: WordSet,
    /// Whether an ASCII character starts a currency symbol (`symbols` holds the rest).
    ascii_symbol_start: [bool; 128],
    /// The longest currency symbol, in bytes: the number after a symbol starting at token `i`
    /// comes at most this many tokens later.
    longest_symbol: usize,
    /// Words without which a sentence with no digit has no figure.
    number_words: WordSet,
    /// The words of ASCII letters a figure can start at, ignoring case: [`Tables::starters`]
    /// and the leading letters of every currency symbol ("US" of "US$", "Rs"). Any other word
    /// of letters is passed over on the flag the tokenizer sets from one lookup
    /// ([`Tok::may_start`]).
    start_words: WordSet,
    /// Words after "a"/"an" that make a number of it ("a million", "a quarter").
    after_article: WordSet,
    /// Every currency code and first piece of a unit that is ASCII letters: a word of ASCII
    /// letters not in it starts no unit ([`Scan::unit_at`]). `None` if some piece is too long
    /// for a [`WordSet`].
    unit_words: Option<WordSet>,
    /// Whether some currency code (as written) or unit piece (lower-cased) starts with this
    /// byte: a token after a number that starts with no such byte (",", ")", most numbers) is
    /// no unit, without hashing it ([`Scan::unit_at`]).
    unit_first: [bool; 256],
    /// The class bits of every listed word ([`Scan::class`]).
    classes: WordClasses,
}

static TABLES: LazyLock<Tables> = LazyLock::new(build_tables);

/// `s` lower-cased and its tokens, in new buffers (the scans reuse theirs: [`SCRATCH`]).
/// `start_words` and `symbol_start` flag the tokens a figure may start at ([`Tok::may_start`]).
fn tokenized(s: &str, start_words: &WordSet, symbol_start: &[bool; 128]) -> (String, Vec<Tok>) {
    let mut low = s.to_ascii_lowercase();
    let mut toks = Vec::new();
    tokenize(s, &mut low, &mut toks, start_words, symbol_start);
    (low, toks)
}

/// Splits a written variant into the pieces the tokenizer produces. Called while
/// [`TABLES`] is built, so without its start words (the pieces do not need them).
fn pieces(s: &str) -> Vec<String> {
    let (low, toks) = tokenized(s, &WordSet::new([]), &[true; 128]);
    toks.iter().map(|t| low[t.lo..t.hi].to_string()).collect()
}

fn data_lines(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(str::trim).collect())
}

fn add_unit(units: &mut HashMap<String, Vec<UnitEntry>>, e: UnitEntry) {
    if let Some(first) = e.pieces.first().cloned() {
        units.entry(first).or_default().push(e);
    }
}

fn build_tables() -> Tables {
    let mut symbols: HashMap<char, Vec<(&'static str, &'static str)>> = HashMap::default();
    let mut codes = HashMap::default();
    let mut units: HashMap<String, Vec<UnitEntry>> = HashMap::default();
    for f in data_lines(CURRENCIES) {
        let (Some(&code), Some(&syms), Some(&names)) = (f.first(), f.get(1), f.get(2)) else {
            continue;
        };
        for s in syms.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            if let Some(c) = s.chars().next() {
                symbols.entry(c).or_default().push((s, code));
            }
            if s.len() >= 3 && s.chars().all(|c| c.is_ascii_uppercase()) {
                codes.insert(s, code);
            }
        }
        for n in names.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            add_unit(
                &mut units,
                UnitEntry {
                    pieces: pieces(n),
                    unit: code,
                    factor: 1.0,
                    per: None,
                },
            );
        }
    }
    for f in data_lines(UNITS) {
        let (Some(&unit), Some(&factor), Some(&per), Some(&vars)) =
            (f.first(), f.get(1), f.get(2), f.get(3))
        else {
            continue;
        };
        let factor: f64 = factor.parse().unwrap_or(1.0);
        let per = (!per.is_empty()).then_some(per);
        for v in vars.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            add_unit(
                &mut units,
                UnitEntry {
                    pieces: pieces(v),
                    unit,
                    factor,
                    per,
                },
            );
        }
    }
    for v in symbols.values_mut() {
        v.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    }
    for v in units.values_mut() {
        v.sort_by_key(|e| std::cmp::Reverse(e.pieces.len()));
    }
    // A figure without digits is a number word ("thirty", "one"), "half", or "a"/"an"/"one"
    // before a scale, "dozen", "hundred" or a fraction ("a million", "a quarter"): see
    // `Scan::number`.
    let number_words = WordSet::new(
        CARDINALS
            .iter()
            .chain(SCALES)
            .chain(FRACTIONS)
            .map(|(w, _)| *w)
            .chain(["half", "dozen", "hundred"]),
    );
    let mut ascii_symbol_start = [false; 128];
    for c in symbols.keys() {
        if c.is_ascii() {
            ascii_symbol_start[*c as usize] = true;
        }
    }
    let longest_symbol = symbols
        .values()
        .flatten()
        .map(|(s, _)| s.len())
        .max()
        .unwrap_or(0);
    let starter_words = || {
        CARDINALS
            .iter()
            .map(|(w, _)| *w)
            .chain(["a", "an", "one", "half"])
    };
    let starters = WordSet::new(starter_words());
    // A word token matches a symbol only whole (`Scan::symbol` wants a token to end where the
    // symbol does, and a word is a maximal run of letters): its leading letters.
    let symbol_words = symbols.values().flatten().filter_map(|(s, _)| {
        let n = s.bytes().take_while(u8::is_ascii_alphabetic).count();
        s.get(..n).filter(|w| !w.is_empty())
    });
    let start_words = WordSet::new(starter_words().chain(symbol_words));
    let after_article = WordSet::new(
        SCALES
            .iter()
            .chain(FRACTIONS)
            .map(|(w, _)| *w)
            .chain(["dozen", "hundred"]),
    );
    // A piece the set cannot hold (over 15 letters) would be missed: then every word is let
    // through to the tables themselves.
    let letter_pieces = || {
        units
            .keys()
            .map(String::as_str)
            .chain(codes.keys().copied())
            .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphabetic()))
    };
    let unit_words = letter_pieces()
        .all(|w| w.len() <= 15)
        .then(|| WordSet::new(letter_pieces()));
    let mut unit_first = [false; 256];
    for k in units
        .keys()
        .map(String::as_str)
        .chain(codes.keys().copied())
    {
        if let Some(&b) = k.as_bytes().first() {
            unit_first[usize::from(b)] = true;
        }
    }
    // Each first piece's entries get an index, which the class table holds.
    let firsts: Vec<String> = units.keys().cloned().collect();
    let unit_index: HashMap<String, usize> = (firsts.iter().cloned())
        .enumerate()
        .map(|(k, w)| (w, k))
        .collect();
    let unit_index_in_classes = firsts.len() < UNIT_INDEX_MASK as usize;
    let unit_indices = unit_index
        .iter()
        .filter(|_| unit_index_in_classes)
        .filter_map(|(w, &k)| Some((w.as_str(), u32::try_from(k + 1).ok()? << UNIT_SHIFT)));
    // Each qualifier's last word, the index of its group (when there are few enough).
    let groups = &*QUALIFIER_GROUPS;
    let qualifier_indices = (0..groups.len())
        .filter(|_| groups.len() < 31)
        .filter_map(|g| Some((groups[g].0, u32::try_from(g + 1).ok()? << QUALIFIER_SHIFT)));
    let classes = WordClasses::new(
        CLASS_SECTIONS
            .iter()
            .flat_map(|&(name, bit)| section_words(name).into_iter().map(move |w| (w, bit)))
            .chain(
                QUALIFIERS
                    .iter()
                    .filter_map(|(q, _)| q.last().map(|&w| (w, C_QUALIFIER_LAST))),
            )
            .chain(
                unit_words
                    .is_some()
                    .then(letter_pieces)
                    .into_iter()
                    .flatten()
                    .map(|w| (w, C_UNIT)),
            )
            .chain(unit_indices)
            .chain(qualifier_indices),
    );
    let unit_lists = firsts
        .iter()
        .map(|w| units.remove(w).unwrap_or_default())
        .collect();
    let units = unit_index;
    Tables {
        classes,
        unit_lists,
        unit_index_in_classes,
        unit_first,
        after_article,
        unit_words,
        symbols,
        codes,
        units,
        starters,
        ascii_symbol_start,
        longest_symbol,
        number_words,
        start_words,
    }
}

const CARDINALS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

const SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("bn", 1e9),
    ("bln", 1e9),
    ("mln", 1e6),
    ("mn", 1e6),
    ("tn", 1e12),
    ("trn", 1e12),
    ("lakh", 1e5),
    ("crore", 1e7),
];

/// The factor of a word of [`SCALES`]: a `match` the compiler sorts by length, where a search
/// of the list compared every entry (this is asked after every number).
fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "bn" => 1e9,
        "bln" => 1e9,
        "mln" => 1e6,
        "mn" => 1e6,
        "tn" => 1e12,
        "trn" => 1e12,
        "lakh" => 1e5,
        "crore" => 1e7,
        _ => return None,
    })
}

/// Scales written straight after digits only ("$5m", "100k", "$3b").
const TIGHT_SCALES: &[(&str, f64)] = &[("k", 1e3), ("m", 1e6), ("b", 1e9)];

const FRACTIONS: &[(&str, f64)] = &[
    ("half", 2.0),
    ("halves", 2.0),
    ("third", 3.0),
    ("thirds", 3.0),
    ("quarter", 4.0),
    ("quarters", 4.0),
    ("fourth", 4.0),
    ("fourths", 4.0),
    ("fifth", 5.0),
    ("fifths", 5.0),
    ("tenth", 10.0),
    ("tenths", 10.0),
];

static MONTHS: LazyLock<WordList> = LazyLock::new(|| word_section("months"));

/// Words before a number that make it a label, not a figure ("No. 2", "Article 5").
static LABELS: LazyLock<WordList> = LazyLock::new(|| word_section("labels"));

/// Nouns after a number that make it a duration or a multiplier, not a figure.
static DURATIONS: LazyLock<WordList> = LazyLock::new(|| word_section("durations"));

/// Nouns after a number word that refer back rather than count ("the two leaders").
static REFERRING: LazyLock<WordList> = LazyLock::new(|| word_section("referring"));

/// Determiners before a number word that make it a reference ("the two", "both").
static DETERMINERS: LazyLock<WordList> = LazyLock::new(|| word_section("determiners"));

static STOP: LazyLock<WordList> = LazyLock::new(|| word_section("stop"));

/// Irregular plurals after which a counted noun phrase ends.
static PLURALS: LazyLock<WordList> = LazyLock::new(|| word_section("plurals"));

/// Words linking a noun phrase to a figure after it ("trade reaching $108 billion").
static LINKS: LazyLock<WordList> = LazyLock::new(|| word_section("links"));

/// Words after a fraction that leave it a fraction ("a quarter year-on-year").
static FRACTION_FOLLOW: LazyLock<WordList> = LazyLock::new(|| word_section("fraction_follow"));

/// Class bits of a word token ([`Scan::class`]): which of the scanner's word lists hold it.
const C_MONTH: u32 = 1;
const C_LABEL: u32 = 1 << 1;
const C_STOP: u32 = 1 << 2;
const C_LINK: u32 = 1 << 3;
/// A last word of [`QUALIFIERS`].
const C_QUALIFIER_LAST: u32 = 1 << 4;
const C_DURATION: u32 = 1 << 5;
const C_REFERRING: u32 = 1 << 6;
const C_DETERMINER: u32 = 1 << 7;
const C_PLURAL: u32 = 1 << 8;
const C_FRACTION_FOLLOW: u32 = 1 << 9;
/// In [`Tables::unit_words`] (asked only of words of ASCII letters).
const C_UNIT: u32 = 1 << 10;
/// Where one more than the index of a unit word's entries sits in its class bits
/// ([`Tables::unit_lists`]; 0 for none), and how many bits it has.
const UNIT_SHIFT: u32 = 16;
const UNIT_INDEX_MASK: u32 = 0x7FF;
/// Where one more than the index of a qualifier's last word in [`QUALIFIER_GROUPS`] sits in its
/// class bits (5 bits; 0 for none).
const QUALIFIER_SHIFT: u32 = 27;
/// Not looked up yet: the side array starts with this for every token.
const C_UNKNOWN: u32 = 1 << 15;

/// The lists behind the class bits, by section of `data/quantity-words.txt`.
const CLASS_SECTIONS: &[(&str, u32)] = &[
    ("months", C_MONTH),
    ("labels", C_LABEL),
    ("stop", C_STOP),
    ("links", C_LINK),
    ("durations", C_DURATION),
    ("referring", C_REFERRING),
    ("determiners", C_DETERMINER),
    ("plurals", C_PLURAL),
    ("fraction_follow", C_FRACTION_FOLLOW),
];

/// Every class bit of every word of ASCII letters (1–15) the lists hold, in one table: the
/// rules ask several lists about the same few words, and one lookup answers them all. The
/// upper bits of a word's entry hold its unit entries' index ([`UNIT_SHIFT`]) and its
/// qualifier group's ([`QUALIFIER_SHIFT`]), so that such a word is hashed once, not twice.
struct WordClasses {
    /// First two letters and length of every word in `keys`: most words stop here.
    lengths: LengthFilter,
    /// By first letter and length, a bit for each last letter some word has (the second
    /// filter of [`WordSet`]): the lists together let many words through the first.
    ends: [[u32; 16]; 32],
    keys: HashMap<u128, u32>,
}

impl WordClasses {
    /// The table of `words` with their class bits (words `pack` refuses are left out).
    fn new<'a>(words: impl IntoIterator<Item = (&'a str, u32)>) -> Self {
        let mut t = WordClasses {
            lengths: LengthFilter::EMPTY,
            ends: [[0; 16]; 32],
            keys: HashMap::default(),
        };
        for (w, bits) in words {
            if let Some(k) = pack(w.as_bytes()) {
                let b = w.as_bytes();
                t.lengths.add(b);
                t.ends[usize::from(b[0] & 31)][b.len()] |= 1 << (b[b.len() - 1] & 31);
                *t.keys.entry(k).or_default() |= bits;
            }
        }
        t
    }

    /// The class bits of `w`, a word of 1–15 ASCII letters, ignoring case.
    #[inline]
    fn get(&self, w: &[u8]) -> u32 {
        let (Some(&first), Some(&last)) = (w.first(), w.last()) else {
            return 0;
        };
        if !self.lengths.may_hold_word(w)
            || self.ends[usize::from(first & 31)][w.len() & 15] & (1 << (last & 31)) == 0
        {
            return 0;
        }
        pack(w)
            .and_then(|k| self.keys.get(&k).copied())
            .unwrap_or(0)
    }
}

/// The class bits of the lower-cased word `w` asked of each list in turn: for the words the
/// combined table does not cover (apostrophes, other letters, over 15 letters), and the
/// reference the table is tested against. `word`: the word as written, for the unit test.
fn classes_by_list(w: &str, word: &[u8], unit_words: Option<&WordSet>) -> u32 {
    let lists: [(&WordList, u32); 9] = [
        (&MONTHS, C_MONTH),
        (&LABELS, C_LABEL),
        (&STOP, C_STOP),
        (&LINKS, C_LINK),
        (&DURATIONS, C_DURATION),
        (&REFERRING, C_REFERRING),
        (&DETERMINERS, C_DETERMINER),
        (&PLURALS, C_PLURAL),
        (&FRACTION_FOLLOW, C_FRACTION_FOLLOW),
    ];
    let mut bits = 0;
    for (list, bit) in lists {
        if list.contains(w) {
            bits |= bit;
        }
    }
    if QUALIFIER_LAST.contains(w.as_bytes()) {
        bits |= C_QUALIFIER_LAST;
    }
    if unit_words.is_some_and(|set| set.contains(word)) {
        bits |= C_UNIT;
    }
    bits
}

const QUALIFIERS: &[(&[&str], Qualifier)] = &[
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["as", "many", "as"], Qualifier::UpTo),
    (&["as", "much", "as"], Qualifier::UpTo),
    (&["as", "high", "as"], Qualifier::UpTo),
    (&["more", "than"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["just", "over"], Qualifier::MoreThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["just", "under"], Qualifier::LessThan),
    (&["up", "to"], Qualifier::UpTo),
    (&["at", "most"], Qualifier::UpTo),
    (&["close", "to"], Qualifier::Almost),
    (&["over"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["exceeded"], Qualifier::MoreThan),
    (&["exceeds"], Qualifier::MoreThan),
    (&["exceed"], Qualifier::MoreThan),
    (&["under"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["nearly"], Qualifier::Almost),
    (&["almost"], Qualifier::Almost),
];

/// The last words of [`QUALIFIERS`] (all ASCII letters).
static QUALIFIER_LAST: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(QUALIFIERS.iter().filter_map(|(q, _)| q.last().copied())));

/// [`QUALIFIERS`] by their last word, each list in the order of `QUALIFIERS` (the longest
/// first): the word before a number picks the few worth comparing.
type QualifierEntry = (&'static [&'static str], Qualifier);
static QUALIFIERS_BY_LAST: LazyLock<HashMap<&'static str, Vec<QualifierEntry>>> =
    LazyLock::new(|| {
        let mut by_last: HashMap<&'static str, Vec<QualifierEntry>> = HashMap::default();
        for &(words, q) in QUALIFIERS {
            if let Some(&last) = words.last() {
                by_last.entry(last).or_default().push((words, q));
            }
        }
        by_last
    });

/// [`QUALIFIERS_BY_LAST`] as a list, the last words in the order [`QUALIFIERS`] first has them:
/// the class table holds each last word's index ([`QUALIFIER_SHIFT`]).
static QUALIFIER_GROUPS: LazyLock<Vec<(&'static str, Vec<QualifierEntry>)>> = LazyLock::new(|| {
    let mut groups: Vec<(&'static str, Vec<QualifierEntry>)> = Vec::new();
    for &(words, q) in QUALIFIERS {
        let Some(&last) = words.last() else { continue };
        match groups.iter_mut().find(|(w, _)| *w == last) {
            Some((_, g)) => g.push((words, q)),
            None => groups.push((last, vec![(words, q)])),
        }
    }
    groups
});

/// Qualifier words that are verbs and so also link a noun phrase ("growth exceeding 3%").
static VERB_QUALIFIERS: LazyLock<WordList> = LazyLock::new(|| word_section("verb_qualifiers"));

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// Whether the character starting at byte `j` of `s` is a letter (false at the end).
fn alphabetic_at(s: &str, j: usize) -> bool {
    match s.as_bytes().get(j) {
        None => false,
        Some(&d) if d < 0x80 => d.is_ascii_alphabetic(),
        Some(_) => s[j..].chars().next().is_some_and(char::is_alphabetic),
    }
}

/// The end of the word running on from byte `j` (letters, and apostrophes between letters:
/// "Russia's"), and whether it stayed ASCII letters only (no apostrophe either). ASCII letters are tested bytewise: this runs on
/// every word of every sentence with a figure, and decoding characters cost several times more.
// Inlined: a call per word cost more than the loop itself.
#[inline(always)]
fn word_end(s: &str, mut j: usize, mut ascii: bool) -> (usize, bool, bool) {
    let b = s.as_bytes();
    let mut letters = ascii;
    while let Some(&d) = b.get(j) {
        if d.is_ascii_alphabetic() {
            j += 1;
        } else if d < 0x80 {
            if d == b'\'' && alphabetic_at(s, j + 1) {
                letters = false;
                j += 1;
            } else {
                break;
            }
        } else {
            let c = s[j..].chars().next().unwrap_or(' ');
            let n = c.len_utf8();
            if c.is_alphabetic() || (c == '’' && alphabetic_at(s, j + n)) {
                ascii = false;
                letters = false;
                j += n;
            } else {
                break;
            }
        }
    }
    (j, ascii, letters)
}

/// The value of a run of digits with thousands commas ("155,221"), parsed without allocating.
fn parse_digits(digits: &str) -> Result<f64, std::num::ParseFloatError> {
    if let Some(v) = parse_short(digits.as_bytes()) {
        return Ok(v);
    }
    if !digits.contains(',') {
        return digits.parse();
    }
    let mut buf = [0u8; 64];
    let mut n = 0;
    for &c in digits.as_bytes().iter().filter(|&&c| c != b',') {
        if n == buf.len() {
            // Longer than any figure: the allocating path gives the same answer.
            let text: String = digits.chars().filter(|&c| c != ',').collect();
            return text.parse();
        }
        buf[n] = c;
        n += 1;
    }
    // Digits and a decimal point only: always UTF-8.
    std::str::from_utf8(&buf[..n]).unwrap_or("").parse()
}

/// Powers of ten exactly representable in an `f64`.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// [`parse_digits`] for the common case of at most 15 digits (thousands commas and one
/// decimal point allowed): the digits as an integer, below 2^53 and so exact in an `f64`,
/// divided by an exact power of ten. One correctly rounded division gives the correctly
/// rounded value, the same `str::parse` gives (its own fast path is this), at a fraction of
/// the cost. `None` for anything else.
fn parse_short(b: &[u8]) -> Option<f64> {
    let mut m: u64 = 0;
    let mut n = 0usize;
    let mut frac: Option<usize> = None;
    for &c in b {
        match c {
            b'0'..=b'9' => {
                n += 1;
                if n > 15 {
                    return None;
                }
                m = m * 10 + u64::from(c - b'0');
                if let Some(k) = frac.as_mut() {
                    *k += 1;
                }
            }
            b',' if frac.is_none() => {}
            b'.' if frac.is_none() => frac = Some(0),
            _ => return None,
        }
    }
    if n == 0 || frac == Some(0) {
        return None;
    }
    // Below 10^15 < 2^53: converted exactly.
    #[allow(clippy::cast_precision_loss)]
    let v = m as f64;
    Some(v / POW10.get(frac.unwrap_or(0)).copied()?)
}

/// What the tokenizer does with a byte: every ASCII byte is settled by one lookup, and only
/// the bytes of non-ASCII characters ([`HIGH`]) are decoded.
const OTHER: u8 = 0;
/// ASCII whitespace as `char::is_whitespace` has it (tab, line feed, vertical tab, form
/// feed, carriage return, space).
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 3;
/// A byte of a non-ASCII character.
const HIGH: u8 = 4;

/// The class of each byte ([`OTHER`], [`SPACE`], [`LETTER`], [`DIGIT`], [`HIGH`]).
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b >= 0x80 {
            HIGH
        } else if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_digit() {
            DIGIT
        } else if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            SPACE
        } else {
            OTHER
        };
        c += 1;
    }
    t
};

/// Splits `s` into tokens: numbers (digits with thousands commas and one decimal part), words
/// (letters, with inner apostrophes) and single punctuation characters, into `out`. `low`
/// is `s.to_ascii_lowercase()` on entry: tokens name their lower-case form as a range of it,
/// and the lower case of a non-ASCII word with capitals (which may differ in length) is
/// appended to it. One dispatch on [`BYTE_CLASS`] per token, and a word of ASCII letters is
/// one tight loop over its bytes: the general path ([`word_end`], decoding characters) only
/// runs when an apostrophe or a non-ASCII byte follows the letters.
///
/// A word of letters is flagged as a possible figure start ([`Tok::may_start`], from
/// `start_words`) and a possible date anchor ([`Tok::may_anchor`]) on the first two bytes and
/// length the loop already holds, where the scan and the anchor test each read them again.
fn tokenize(
    s: &str,
    low: &mut String,
    out: &mut Vec<Tok>,
    start_words: &WordSet,
    symbol_start: &[bool; 128],
) {
    debug_assert_eq!(s.len(), low.len());
    out.clear();
    let b = s.as_bytes();
    let n = b.len();
    let anchors = time::anchor_words();
    let mut space = true;
    let mut i = 0;
    while i < n {
        let c = b[i];
        match BYTE_CLASS[usize::from(c)] {
            SPACE => {
                space = true;
                i += 1;
            }
            LETTER => {
                let mut j = i + 1;
                while j < n && BYTE_CLASS[usize::from(b[j])] == LETTER {
                    j += 1;
                }
                // Only an apostrophe or a non-ASCII character can carry a word on.
                let (end, ascii, letters) = match b.get(j) {
                    Some(&d) if d == b'\'' || d >= 0x80 => word_end(s, j, true),
                    _ => (j, true, true),
                };
                push_word(s, low, out, i, end, ascii, letters, space);
                if letters {
                    let len = end - i;
                    let second = if len > 1 { b[i + 1] } else { 0 };
                    if let Some(t) = out.last_mut() {
                        t.may_start = start_words.may_hold(c, second, len);
                        t.may_anchor = anchors.may_hold(c, second, len);
                    }
                }
                // The space after a word, the commonest byte of all, is taken here rather
                // than by another turn of the loop.
                space = b.get(end) == Some(&b' ');
                i = end + usize::from(space);
            }
            DIGIT => {
                let (end, plain) = number_run(b, i);
                out.push(Tok {
                    kind: Kind::Num,
                    start: i,
                    end,
                    lo: i,
                    hi: end,
                    space_before: space,
                    plain_int: plain,
                    letters: false,
                    may_start: true,
                    may_anchor: false,
                });
                space = false;
                i = end;
            }
            OTHER => {
                push_punct(out, i, i + 1, space, symbol_start[usize::from(c & 127)]);
                space = false;
                i += 1;
            }
            _ => {
                // Whitespace and letters as `char` defines them.
                let ch = s[i..].chars().next().unwrap_or(' ');
                let len = ch.len_utf8();
                if ch.is_whitespace() {
                    space = true;
                    i += len;
                    continue;
                }
                if ch.is_alphabetic() {
                    let (end, ascii, letters) = word_end(s, i + len, false);
                    push_word(s, low, out, i, end, ascii, letters, space);
                    i = end;
                } else {
                    push_punct(out, i, i + len, space, true);
                    i += len;
                }
                space = false;
            }
        }
    }
}

/// Adds a punctuation token `start..end` to `out`.
#[inline(always)]
fn push_punct(out: &mut Vec<Tok>, start: usize, end: usize, space_before: bool, may_start: bool) {
    out.push(Tok {
        kind: Kind::Punct,
        start,
        end,
        lo: start,
        hi: end,
        space_before,
        plain_int: false,
        letters: false,
        may_start,
        may_anchor: false,
    });
}

/// Adds the word `s[start..end]` to `out` (`ascii`: all its letters are ASCII; `letters`: and
/// it has no apostrophe). Inlined into
/// both word paths of [`tokenize`]: as a call it cost a fifth of the tokenizer's time.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn push_word(
    s: &str,
    low: &mut String,
    out: &mut Vec<Tok>,
    start: usize,
    end: usize,
    ascii: bool,
    letters: bool,
    space_before: bool,
) {
    // Outside ASCII, lower-casing can change a word's length: such words get their lower case
    // after the sentence's (a word without capitals is its own lower case, and the
    // ASCII-lowered copy left it as it is).
    let upper = if ascii {
        None
    } else {
        s.get(start..end)
            .filter(|w| w.chars().any(char::is_uppercase))
    };
    let (lo, hi) = match upper {
        Some(w) => {
            let lo = low.len();
            // `str::to_lowercase`, not per character: it knows a final sigma.
            low.push_str(&w.to_lowercase());
            (lo, low.len())
        }
        _ => (start, end),
    };
    out.push(Tok {
        kind: Kind::Word,
        start,
        end,
        lo,
        hi,
        space_before,
        plain_int: false,
        letters,
        // A word of letters gets its flag from the start words after this.
        may_start: true,
        may_anchor: false,
    });
}

/// Where the number starting at the digit `b[i]` ends — digits, thousands groups (",000")
/// and one decimal part — and whether it is plain digits only. Both tokenizers read numbers
/// this way.
fn number_run(b: &[u8], i: usize) -> (usize, bool) {
    let mut end = i + 1;
    let mut plain = true;
    loop {
        match b.get(end) {
            Some(d) if d.is_ascii_digit() => end += 1,
            Some(b',')
                if b.get(end + 1..end + 4)
                    .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                    && !b.get(end + 4).is_some_and(u8::is_ascii_digit) =>
            {
                plain = false;
                end += 4;
            }
            Some(b'.') if b.get(end + 1).is_some_and(u8::is_ascii_digit) && plain => {
                plain = false;
                end += 2;
                while b.get(end).is_some_and(u8::is_ascii_digit) {
                    end += 1;
                }
                break;
            }
            _ => break,
        }
    }
    (end, plain)
}

/// The tokenizer as first written, character by character: the reference the fast one is
/// tested against.
#[cfg(test)]
fn tokenize_reference(s: &str) -> Vec<RefTok<'_>> {
    use std::borrow::Cow;
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut space = true;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c.is_ascii_digit() {
            let (end, plain) = number_run(b, i);
            let digits = &s[i..end];
            let value = if digits.contains(',') {
                let text: String = digits.chars().filter(|&c| c != ',').collect();
                text.parse()
            } else {
                digits.parse()
            };
            out.push(RefTok {
                kind: Kind::Num,
                start: i,
                end,
                lower: Cow::Borrowed(digits),
                space_before: space,
                value: value.unwrap_or(f64::NAN),
                plain_int: plain,
            });
            while it.peek().is_some_and(|&(j, _)| j < end) {
                it.next();
            }
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                let apostrophe = (d == '\'' || d == '’')
                    && s[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphabetic);
                if d.is_alphabetic() || apostrophe {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(RefTok {
                kind: Kind::Word,
                start: i,
                end,
                lower: lowercase(&s[i..end]),
                space_before: space,
                value: f64::NAN,
                plain_int: false,
            });
        } else {
            let end = i + c.len_utf8();
            out.push(RefTok {
                kind: Kind::Punct,
                start: i,
                end,
                lower: Cow::Borrowed(&s[i..end]),
                space_before: space,
                value: f64::NAN,
                plain_int: false,
            });
        }
        space = false;
    }
    out
}

/// A token of [`tokenize_reference`], with its lower case and value written out.
#[cfg(test)]
struct RefTok<'a> {
    kind: Kind,
    start: usize,
    end: usize,
    lower: std::borrow::Cow<'a, str>,
    space_before: bool,
    value: f64,
    plain_int: bool,
}

/// `w` lower-cased, allocating only when it has an upper-case letter.
#[cfg(test)]
fn lowercase(w: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

struct Scan<'a> {
    s: &'a str,
    /// `s` lower-cased, with the lower case of non-ASCII words after it ([`tokenize`]).
    low: &'a str,
    t: &'a [Tok],
    tables: &'a Tables,
    /// The class bits of each token, [`C_UNKNOWN`] until a rule asks ([`Scan::class`]).
    classes: &'a [Cell<u32>],
}

/// A number with its scale and unit, before ranges and counts are settled.
#[derive(Debug, Clone)]
struct Simple {
    /// First token (currency symbol or number).
    first: usize,
    /// One past the last token.
    next: usize,
    number: f64,
    scale: Option<f64>,
    /// (unit, factor, implied period).
    unit: Option<(&'static str, f64, Option<&'static str>)>,
    currency_prefix: bool,
    /// A number word that counts only with a scale or unit ("one").
    weak: bool,
    /// A word number ("thirty").
    word: bool,
    year_like: bool,
    fraction: bool,
}

impl Simple {
    fn value(&self) -> f64 {
        self.number * self.scale.unwrap_or(1.0) * self.unit.map_or(1.0, |u| u.1)
    }
}

impl<'a> Scan<'a> {
    /// The class bits of token `i` (0 for a token that is no word, or past the end): looked up
    /// the first time a rule asks, in one table for a word of ASCII letters, and kept.
    /// Looking up every token up front cost more than the lists' own lookups.
    #[inline]
    fn class(&self, i: usize) -> u32 {
        let Some(cell) = self.classes.get(i) else {
            return 0;
        };
        let c = cell.get();
        if c != C_UNKNOWN {
            return c;
        }
        let c = self.look_up_class(i);
        cell.set(c);
        c
    }

    /// [`Scan::class`] the first time: from the table, or list by list for other words.
    #[inline(never)]
    fn look_up_class(&self, i: usize) -> u32 {
        let t = &self.t[i];
        let word = &self.s.as_bytes()[t.start..t.end];
        match t.kind {
            Kind::Word if t.letters && word.len() <= 15 => self.tables.classes.get(word),
            Kind::Word => classes_by_list(self.lower(t), word, self.tables.unit_words.as_ref()),
            _ => 0,
        }
    }

    /// Whether token `i` is a word of a class of `bits`.
    fn is(&self, i: usize, bits: u32) -> bool {
        self.class(i) & bits != 0
    }

    /// A token lower-cased.
    fn lower(&self, t: &Tok) -> &'a str {
        &self.low[t.lo..t.hi]
    }

    /// The value of a number token (NaN for other tokens): parsed here, when a figure is
    /// tried, rather than for every number of every sentence.
    fn value(&self, t: &Tok) -> f64 {
        if t.kind != Kind::Num {
            return f64::NAN;
        }
        // Most numbers are a few plain digits: their integer, below 10^15 and so exact in an
        // `f64`, is the value `parse_digits` gives, without its checks.
        if t.plain_int && t.end - t.start <= 15 {
            let digits = &self.s.as_bytes()[t.start..t.end];
            let v = digits
                .iter()
                .fold(0u64, |v, &d| v * 10 + u64::from(d.wrapping_sub(b'0')));
            #[allow(clippy::cast_precision_loss)]
            return v as f64;
        }
        parse_digits(&self.s[t.start..t.end]).unwrap_or(f64::NAN)
    }

    fn word(&self, i: usize) -> Option<&'a str> {
        self.t
            .get(i)
            .filter(|t| t.kind == Kind::Word)
            .map(|t| self.lower(t))
    }

    fn is_punct(&self, i: usize, c: &str) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && self.lower(t) == c)
    }

    fn attached(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    fn text(&self, i: usize) -> &str {
        &self.s[self.t[i].start..self.t[i].end]
    }

    fn capitalised(&self, i: usize) -> bool {
        // ASCII without decoding a character: asked of nearly every word beside a number.
        match self.s.as_bytes().get(self.t[i].start) {
            Some(&b) if b < 0x80 => b.is_ascii_uppercase(),
            _ => self.text(i).chars().next().is_some_and(char::is_uppercase),
        }
    }

    fn is_month(&self, i: usize) -> bool {
        // The capital first: one byte for ASCII, and most words have none.
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word)
            && self.capitalised(i)
            && self.is(i, C_MONTH)
    }

    /// A currency symbol or code at `i` directly before a number: (code, index after it).
    fn symbol(&self, i: usize) -> Option<(&'static str, usize)> {
        let tok = self.t.get(i)?;
        let rest = &self.s[tok.start..];
        // Most tokens tried are numbers: one table lookup rules out an ASCII first byte.
        let first = *rest.as_bytes().first()?;
        if first < 0x80 && !self.tables.ascii_symbol_start[usize::from(first)] {
            return None;
        }
        let c = rest.chars().next()?;
        let cands = self.tables.symbols.get(&c)?;
        for &(sym, code) in cands {
            if !rest.starts_with(sym) {
                continue;
            }
            let end = tok.start + sym.len();
            let Some(k) = (i..self.t.len()).find(|&k| self.t[k].end == end) else {
                continue;
            };
            // A symbol must not be glued to a preceding word ("XUS$").
            if tok.kind == Kind::Word
                && i > 0
                && !tok.space_before
                && self.t[i - 1].kind == Kind::Word
            {
                continue;
            }
            let n = k + 1;
            if n < self.t.len() && self.t[n].kind == Kind::Num {
                return Some((code, n));
            }
        }
        None
    }

    fn cardinal(&self, i: usize) -> Option<(f64, usize)> {
        let w = self.word(i)?;
        let v = CARDINALS.iter().find(|(c, _)| *c == w)?.1;
        // "twenty-five", "twenty five"
        if v >= 20.0 {
            let j = if self.is_punct(i + 1, "-") && self.attached(i + 1) && self.attached(i + 2) {
                i + 2
            } else {
                i + 1
            };
            if let Some(u) = self.word(j) {
                if let Some(&(_, uv)) = CARDINALS.iter().find(|(c, x)| *c == u && *x < 10.0) {
                    return Some((v + uv, j + 1));
                }
            }
        }
        Some((v, i + 1))
    }

    fn fraction_word(&self, i: usize) -> Option<f64> {
        let w = self.word(i)?;
        FRACTIONS.iter().find(|(f, _)| *f == w).map(|x| x.1)
    }

    /// Whether a fraction ending before `i` stands alone ("a quarter of", "by half.").
    fn fraction_follow_ok(&self, i: usize) -> bool {
        match self.t.get(i) {
            None => true,
            Some(t) if t.kind == Kind::Punct => self.lower(t) != "-" || t.space_before,
            Some(t) if t.kind == Kind::Word => self.is(i, C_FRACTION_FOLLOW),
            _ => false,
        }
    }

    /// Checks on a digit token that rule out labels, dates, times, model names.
    fn digits_ok(&self, i: usize, after_symbol: bool, in_range: bool) -> bool {
        let t = &self.t;
        let tok = &t[i];
        // Digits with thousands commas and a decimal part always parse; only a run too long
        // for an f64 (over 300 digits) is infinite. Parsing is costly: the length says first.
        if tok.end - tok.start > 300 && !self.value(tok).is_finite() {
            return false;
        }
        if !after_symbol && i > 0 && !tok.space_before {
            let p = &t[i - 1];
            match p.kind {
                Kind::Word | Kind::Num => return false,
                Kind::Punct => {
                    let pp_attached = i >= 2 && !p.space_before;
                    match self.lower(p) {
                        "-" | "‐" | "–" | "/" | ":" | "." if pp_attached => {
                            let pp = &t[i - 2];
                            if pp.kind == Kind::Word {
                                return false;
                            }
                            if pp.kind == Kind::Num && !(in_range && self.lower(p) != "/") {
                                return false;
                            }
                        }
                        "#" | "№" => return false,
                        _ => {}
                    }
                }
            }
        }
        // 10:30, 5/6, 5.6.2022
        if let Some(n) = t.get(i + 1) {
            if n.kind == Kind::Punct
                && !n.space_before
                && matches!(self.lower(n), ":" | "/" | ".")
                && t.get(i + 2)
                    .is_some_and(|m| m.kind == Kind::Num && !m.space_before)
            {
                return false;
            }
        }
        if !after_symbol {
            // label words: "No. 2", "Article 5", "page 12"
            let mut p = i;
            while p > 0 && self.is_punct(p - 1, ".") {
                p -= 1;
            }
            if p > 0 {
                if let Some(w) = self.word(p - 1) {
                    let c = self.class(p - 1);
                    if c & C_LABEL != 0 || (c & C_MONTH != 0 && self.capitalised(p - 1)) {
                        return false;
                    }
                    // "the Group of 20": a name, not a count
                    if w == "of"
                        && p >= 2
                        && self.capitalised(p - 2)
                        && self.word(p - 2) == Some("group")
                    {
                        return false;
                    }
                    // a proper name before the number: "Nord Stream 2", "Boeing 737"
                    if self.capitalised(p - 1) && c & (C_STOP | C_LINK | C_QUALIFIER_LAST) == 0 {
                        return false;
                    }
                }
            }
        }
        if self.is_month(i + 1) {
            return false;
        }
        true
    }

    /// A number at `i`: (value, index after, word, weak, fraction).
    fn number(&self, i: usize, after_symbol: bool, in_range: bool) -> Option<Simple> {
        let tok = self.t.get(i)?;
        let mk = |number, next, word, weak, fraction| Simple {
            first: i,
            next,
            number,
            scale: None,
            unit: None,
            currency_prefix: false,
            weak,
            word,
            year_like: false,
            fraction,
        };
        if tok.kind == Kind::Num {
            if !self.digits_ok(i, after_symbol, in_range) {
                return None;
            }
            let value = self.value(tok);
            let mut s = mk(value, i + 1, false, false, false);
            s.year_like =
                tok.plain_int && tok.hi - tok.lo == 4 && (1800.0..=2100.0).contains(&value);
            return Some(s);
        }
        let w = self.word(i)?;
        let prev = if i > 0 { self.word(i - 1) } else { None };
        // "a million", "a dozen", "a quarter", "one third", "one-third"
        if w == "a" || w == "an" || w == "one" {
            let j = if w == "one" && self.is_punct(i + 1, "-") && self.attached(i + 1) {
                i + 2
            } else {
                i + 1
            };
            let nw = self.word(j)?;
            if scale_word(nw).is_some() && (j == i + 1) {
                return Some(mk(1.0, i + 1, true, false, false));
            }
            if nw == "dozen" && j == i + 1 {
                return Some(mk(12.0, i + 2, true, false, false));
            }
            if nw == "hundred" && j == i + 1 {
                return Some(mk(100.0, i + 2, true, false, false));
            }
            if let Some(d) = self.fraction_word(j) {
                if !nw.ends_with('s') && self.fraction_follow_ok(j + 1) {
                    return Some(mk(1.0 / d, j + 1, true, false, true));
                }
                return None;
            }
            if w == "one" {
                if i > 0 && self.is(i - 1, C_DETERMINER) {
                    return None;
                }
                return Some(mk(1.0, i + 1, true, true, false));
            }
            return None;
        }
        if w == "half" {
            let next_ok = self.word(i + 1) == Some("of")
                || (prev.is_some_and(|p| {
                    in_list(
                        &[
                            "by", "than", "about", "around", "nearly", "almost", "roughly", "over",
                            "under", "some",
                        ],
                        p,
                    )
                }) && self.fraction_follow_ok(i + 1));
            return next_ok.then(|| mk(0.5, i + 1, true, false, true));
        }
        let (mut v, mut j) = self.cardinal(i)?;
        // "two hundred"
        if self.word(j) == Some("hundred") {
            v *= 100.0;
            j += 1;
        }
        // "two thirds", "two-thirds", "three quarters"
        let fj = if self.is_punct(j, "-") && self.attached(j) && self.attached(j + 1) {
            j + 1
        } else {
            j
        };
        if let Some(d) = self.fraction_word(fj) {
            if v > 1.0 && v < d && self.word(fj).is_some_and(|x| x.ends_with('s')) {
                return self
                    .fraction_follow_ok(fj + 1)
                    .then(|| mk(v / d, fj + 1, true, false, true));
            }
            return None;
        }
        if i > 0 && self.is(i - 1, C_DETERMINER) {
            return None;
        }
        // "two-day visit", "three-year plan"
        if self.is_punct(j, "-") && self.attached(j) {
            return None;
        }
        Some(mk(v, j, true, false, false))
    }

    fn scale(&self, s: &mut Simple, symbol: bool) {
        let j = s.next;
        let Some(w) = self.word(j) else { return };
        if let Some(f) = scale_word(w) {
            s.scale = Some(f);
            s.next = j + 1;
            return;
        }
        let glued = self.attached(j) && self.t[j - 1].kind == Kind::Num;
        if glued {
            if let Some(&(x, f)) = TIGHT_SCALES.iter().find(|(x, _)| *x == w) {
                // "5m" is a million only for money.
                if symbol || x != "m" || self.currency_name_at(j + 1) {
                    s.scale = Some(f);
                    s.next = j + 1;
                }
            }
        }
    }

    fn currency_name_at(&self, j: usize) -> bool {
        self.unit_at(j)
            .is_some_and(|(u, ..)| u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()))
    }

    /// A unit written at `j`: (unit, factor, per, index after).
    fn unit_at(&self, j: usize) -> Option<(&'static str, f64, Option<&'static str>, usize)> {
        let tok = self.t.get(j)?;
        // A code is matched as written, a unit piece lower-cased: neither starts with most
        // tokens' first byte.
        let bytes = self.s.as_bytes();
        let first = bytes.get(tok.start).copied().unwrap_or(0);
        let lower_first = self.low.as_bytes().get(tok.lo).copied().unwrap_or(0);
        if !self.tables.unit_first[usize::from(first)]
            && !self.tables.unit_first[usize::from(lower_first)]
        {
            return None;
        }
        // Most words after a number are no unit: one table lookup says so before hashing.
        if tok.letters && self.tables.unit_words.is_some() && !self.is(j, C_UNIT) {
            return None;
        }
        // Codes are capitals ("RUB"): a word starting lower-case is none.
        if tok.kind == Kind::Word && first.is_ascii_uppercase() {
            if let Some(&code) = self.tables.codes.get(self.text(j)) {
                return Some((code, 1.0, None, j + 1));
            }
        }
        // A word of ASCII letters has its entries' index from the class lookup above.
        let list = if tok.letters && tok.end - tok.start <= 15 && self.tables.unit_index_in_classes
        {
            usize::try_from(self.class(j) >> UNIT_SHIFT & UNIT_INDEX_MASK)
                .ok()?
                .checked_sub(1)?
        } else {
            *self.tables.units.get(self.lower(tok))?
        };
        let cands = self.tables.unit_lists.get(list)?;
        'entry: for e in cands {
            let mut k = j;
            for p in &e.pieces {
                match self.t.get(k) {
                    Some(t) if self.lower(t) == p.as_str() => k += 1,
                    _ => continue 'entry,
                }
            }
            // whole words only: "t" must not be the start of "t-shirts"
            if self
                .t
                .get(k)
                .is_some_and(|n| !n.space_before && n.kind != Kind::Punct)
            {
                continue;
            }
            // "pounds of" is weight, not sterling
            if e.unit == "GBP" && self.word(k) == Some("of") {
                continue;
            }
            return Some((e.unit, e.factor, e.per, k));
        }
        None
    }

    /// Number, scale and unit starting at `i`.
    fn simple(&self, i: usize, in_range: bool) -> Option<Simple> {
        let (code, j) = match self.symbol(i) {
            Some((c, j)) => (Some(c), j),
            None => (None, i),
        };
        let mut s = self.number(j, code.is_some(), in_range)?;
        s.first = i;
        if s.fraction {
            return (code.is_none()).then_some(s);
        }
        // digits glued to an unknown suffix: "5G", "70th", "1990s", "10pm"
        self.scale(&mut s, code.is_some());
        if let Some(n) = self.t.get(s.next) {
            if !n.space_before && n.kind == Kind::Word && self.t[s.next - 1].kind == Kind::Num {
                match self.unit_at(s.next) {
                    Some(_) => {}
                    None => return None,
                }
            }
        }
        if let Some(code) = code {
            s.currency_prefix = true;
            s.unit = Some((code, 1.0, None));
            // "US$5 billion dollars"
            if let Some((u, _, _, k)) = self.unit_at(s.next) {
                if u == code {
                    s.next = k;
                }
            }
        } else if let Some((u, f, per, k)) = self.unit_at(s.next) {
            s.unit = Some((u, f, per));
            s.next = k;
        }
        Some(s)
    }

    /// Qualifier words ending before `i`: (qualifier, first token of the words, verb?).
    fn qualifier(&self, i: usize) -> (Qualifier, usize, bool) {
        // Every qualifier ends in one of a few words: one lookup of the word before the number
        // settles most figures, where comparing against every qualifier cost more than the
        // rest of the figure's parse.
        let Some(p) = i.checked_sub(1) else {
            return (Qualifier::Exact, i, false);
        };
        let c = self.class(p);
        if c & C_QUALIFIER_LAST == 0 {
            return (Qualifier::Exact, i, false);
        }
        // The group's index from the class lookup; by the word for words the table does not
        // cover.
        let group = usize::try_from(c >> QUALIFIER_SHIFT)
            .ok()
            .and_then(|g| g.checked_sub(1));
        let cands = match group {
            Some(g) => QUALIFIER_GROUPS.get(g).map(|(_, c)| c),
            None => self.word(p).and_then(|w| QUALIFIERS_BY_LAST.get(w)),
        };
        let Some(cands) = cands else {
            return (Qualifier::Exact, i, false);
        };
        for &(words, q) in cands {
            let n = words.len();
            if i < n {
                continue;
            }
            if (0..n).all(|k| self.word(i - n + k) == Some(words[k])) {
                return (q, i - n, n == 1 && VERB_QUALIFIERS.contains(words[0]));
            }
        }
        (Qualifier::Exact, i, false)
    }

    /// Content words from `j` on: (first, one past last) token, up to `max` words.
    fn phrase_forward(&self, j: usize, max: usize) -> Option<(usize, usize)> {
        let mut k = j;
        while k < self.t.len() && k - j < max {
            let Some(w) = self.word(k) else { break };
            // single letters are abbreviations ("10 p.m."), not nouns
            let c = self.class(k);
            if w.chars().nth(1).is_none()
                || c & (C_STOP | C_DURATION) != 0
                || (c & C_MONTH != 0 && self.capitalised(k))
            {
                break;
            }
            if self.is_punct(k + 1, "-") && self.attached(k + 1) {
                break;
            }
            k += 1;
            if c & C_PLURAL != 0 || (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss")) {
                break;
            }
        }
        (k > j).then_some((j, k))
    }

    /// Content words ending before `i`, up to `max` words.
    fn phrase_backward(&self, i: usize, max: usize) -> Option<(usize, usize)> {
        let mut k = i;
        while k > 0 && i - k < max {
            if self.word(k - 1).is_none() {
                break;
            }
            let c = self.class(k - 1);
            if c & (C_STOP | C_LINK) != 0 || (c & C_MONTH != 0 && self.capitalised(k - 1)) {
                break;
            }
            k -= 1;
            // "Russia-China trade": a hyphenated compound is one word
            while k >= 2
                && self.is_punct(k - 1, "-")
                && !self.t[k - 1].space_before
                && !self.t[k].space_before
                && self.word(k - 2).is_some()
            {
                k -= 2;
            }
        }
        (k < i).then_some((k, i))
    }

    fn span_text(&self, (a, b): (usize, usize)) -> String {
        self.s[self.t[a].start..self.t[b - 1].end].to_string()
    }

    /// A period at `j` ("a year", "per day", "annually", "[per year]"), skipping "of gas".
    fn per(&self, j: usize) -> Option<(&'static str, Option<(usize, usize)>)> {
        if let Some(p) = self.per_at(j) {
            return Some((p, None));
        }
        if self.word(j) == Some("of") {
            let k = if self.word(j + 1) == Some("the") {
                j + 2
            } else {
                j + 1
            };
            if let Some(np) = self.phrase_forward(k, 3) {
                if let Some(p) = self.per_at(np.1) {
                    return Some((p, Some(np)));
                }
            }
        }
        None
    }

    fn per_at(&self, j: usize) -> Option<&'static str> {
        let bracket = self.is_punct(j, "[") || self.is_punct(j, "(");
        let k = if bracket { j + 1 } else { j };
        let period = |w: &str| -> Option<&'static str> {
            match w {
                "year" | "annum" => Some("year"),
                "day" => Some("day"),
                "month" => Some("month"),
                "week" => Some("week"),
                _ => None,
            }
        };
        let (p, next) = match self.word(k)? {
            "annually" | "yearly" => ("year", k + 1),
            "daily" if bracket || self.word(k + 1).is_none() => ("day", k + 1),
            "per" | "a" | "each" | "every" | "an" => (period(self.word(k + 1)?)?, k + 2),
            _ => return None,
        };
        if bracket {
            return (self.is_punct(next, "]") || self.is_punct(next, ")")).then_some(p);
        }
        if self.word(next).is_some_and(|w| {
            in_list(
                &[
                    "earlier",
                    "ago",
                    "later",
                    "before",
                    "after",
                    "prior",
                    "previously",
                    "on",
                ],
                w,
            )
        }) || (self.is_punct(next, "-") && self.attached(next))
        {
            return None;
        }
        Some(p)
    }

    /// The noun phrase measured by a figure spanning tokens `first..next` whose qualifier
    /// words start at `qstart`.
    fn measure(&self, qstart: usize, next: usize, verb_q: bool) -> Option<String> {
        // "a 29.9 percent stake", "a $1 billion industrial investment fund", "the $100 billion
        // target", "Russia's $27 billion LNG plant"
        let possessive = qstart > 0
            && self
                .word(qstart - 1)
                .is_some_and(|w| w.len() > 2 && (w.ends_with("'s") || w.ends_with("’s")));
        if possessive
            || qstart > 0
                && matches!(
                    self.word(qstart - 1),
                    Some("a" | "an" | "the" | "its" | "their" | "his" | "her" | "our" | "this")
                )
        {
            if let Some(np) = self.phrase_forward(next, 5) {
                return Some(self.span_text(np));
            }
        }
        // "$100 billion in trade"
        if self.word(next) == Some("in") {
            if let Some(np) = self.phrase_forward(next + 1, 5) {
                if self.lower(&self.t[np.0]).chars().all(|c| c.is_lowercase()) {
                    return Some(self.span_text(np));
                }
            }
        }
        // "mutual trade reaching $108 billion", "trade increased by a quarter"
        let mut k = qstart;
        let mut links = 0;
        while k > 0 && links < 3 && self.is(k - 1, C_LINK) {
            k -= 1;
            links += 1;
        }
        if links > 0 || verb_q {
            if let Some(np) = self.phrase_backward(k, 4) {
                return Some(self.span_text(np));
            }
        }
        // "38 bcm of gas", "30 percent of the shares"
        if self.word(next) == Some("of") {
            let j = if self.word(next + 1) == Some("the") {
                next + 2
            } else {
                next + 1
            };
            if let Some(np) = self.phrase_forward(j, 4) {
                return Some(self.span_text(np));
            }
        }
        None
    }

    fn connector(&self, j: usize, between: bool) -> bool {
        match self.t.get(j) {
            Some(t) if t.kind == Kind::Punct => match self.lower(t) {
                "-" | "‐" => !t.space_before && self.attached(j + 1),
                "–" | "—" => true,
                _ => false,
            },
            Some(t) if t.kind == Kind::Word => {
                let w = self.lower(t);
                w == "to" || (between && w == "and")
            }
            _ => false,
        }
    }

    /// Whether a figure can start at token `i`: a number, a number word ([`Tables::starters`])
    /// or a currency symbol with a number close enough after it to be the symbol's.
    fn may_start(&self, i: usize) -> bool {
        let t = &self.t[i];
        match t.kind {
            Kind::Num => return true,
            // The sentence's own bytes, not the lower case: the set ignores case, and no
            // starter is spelt with a letter whose lower case is ASCII but itself is not.
            Kind::Word
                if self
                    .tables
                    .starters
                    .contains(&self.s.as_bytes()[t.start..t.end]) =>
            {
                // "a"/"an" (among the commonest words) make a number only before a scale,
                // "dozen", "hundred" or a fraction ([`Scan::number`]): other articles go on to
                // the symbol test ("A$5") without parsing a figure.
                let w = self.lower(t);
                if !(w == "a" || w == "an")
                    || self
                        .word(i + 1)
                        .is_some_and(|n| self.tables.after_article.contains(n.as_bytes()))
                {
                    return true;
                }
            }
            _ => {}
        }
        let first = self.s.as_bytes()[t.start];
        let symbol = if first < 0x80 {
            self.tables.ascii_symbol_start[usize::from(first)]
        } else {
            self.s[t.start..]
                .chars()
                .next()
                .is_some_and(|c| self.tables.symbols.contains_key(&c))
        };
        // `symbol` wants a number straight after the symbol's last token, and a symbol of
        // n bytes spans at most n tokens.
        symbol
            && self.t[i + 1..]
                .iter()
                .take(self.tables.longest_symbol)
                .any(|t| t.kind == Kind::Num)
    }

    /// Parses a figure at `i`: the figure found and the index to go on from.
    fn figure_at(&self, i: usize) -> Option<(Figure, usize)> {
        let mut s1 = self.simple(i, false)?;
        // The qualifier words and the word before them, looked at only when wanted: many
        // numbers turn out no figure first.
        let mut qual = None;
        let mut qualifier = || {
            *qual.get_or_insert_with(|| {
                let (q, qstart, verb_q) = self.qualifier(i);
                let before = qstart.checked_sub(1).and_then(|p| self.word(p));
                (q, qstart, verb_q, before)
            })
        };
        let mut max = None;
        let mut resume = None;
        // Only "and" wants to know whether "between" came before.
        let connects = !s1.fraction
            && (self.connector(s1.next, false)
                || self.word(s1.next) == Some("and") && qualifier().3 == Some("between"));
        if connects {
            if let Some(mut s2) = self
                .simple(s1.next + 1, true)
                .filter(|s2| !s2.fraction && !s2.weak)
            {
                let plain1 = s1.unit.is_none() && s1.scale.is_none();
                let compatible = match (s1.unit, s2.unit) {
                    (Some(a), Some(b)) => a.0 == b.0,
                    (None, _) => true,
                    (Some(_), None) => s1.currency_prefix && s1.scale.is_none(),
                };
                let plain2 = s2.unit.is_none() && s2.scale.is_none();
                if compatible && !((s1.year_like || s2.year_like) && plain1 && plain2) {
                    if plain1 {
                        s1.scale = s2.scale;
                        s1.unit = s2.unit;
                    } else if s1.scale.is_none() && s2.unit.is_none() {
                        s1.scale = s2.scale;
                        s2.unit = s1.unit;
                    }
                    if self.word(s1.next) == Some("to") && qualifier().3 == Some("from") {
                        // "from 3 to 5 percent": two figures, a change
                        resume = Some(s2.first);
                    } else {
                        max = Some(s2.value());
                        s1.next = s2.next;
                        s1.unit = s2.unit.or(s1.unit);
                    }
                }
            }
        }
        let value = s1.value();
        let (unit, mut per, measure, next) = if s1.fraction {
            ("fraction", None, None, s1.next)
        } else if let Some((u, _, p)) = s1.unit {
            (u, p, None, s1.next)
        } else {
            if s1.year_like || s1.weak {
                return None;
            }
            self.word(s1.next)?;
            let c = self.class(s1.next);
            if c & C_DURATION != 0 || (s1.word && c & C_REFERRING != 0) {
                return None;
            }
            let np = self.phrase_forward(s1.next, 3)?;
            ("count", None, Some(self.span_text(np)), np.1)
        };
        let mut of_np = None;
        if per.is_none() {
            if let Some((p, np)) = self.per(next) {
                per = Some(p);
                of_np = np;
            }
        }
        let (q, qstart, verb_q, _) = qualifier();
        let measure = match measure {
            Some(m) => Some(m),
            None => self
                .measure(qstart, next, verb_q)
                .or(of_np.map(|np| self.span_text(np))),
        };
        let start = self.t[s1.first].start;
        let end = self.t[next - 1].end;
        let fig = Figure {
            start,
            end,
            text: self.s[start..end].to_string(),
            value,
            max,
            unit: unit.to_string(),
            per: per.map(str::to_string),
            qualifier: if max.is_some() { Qualifier::Exact } else { q },
            measure,
        };
        Some((fig, resume.unwrap_or(next)))
    }
}

/// Finds the figures stated in `sentence`, in order.
///
/// ```
/// let f = dyad_recognise::find_quantities("with mutual trade reaching $108 billion");
/// assert_eq!(f[0].value, 108e9);
/// assert_eq!(f[0].unit, "USD");
/// assert_eq!(f[0].measure.as_deref(), Some("mutual trade"));
/// ```
pub fn find_quantities(sentence: &str) -> Vec<Figure> {
    let tables = &*TABLES;
    if !may_state_figure(sentence, tables) {
        return Vec::new();
    }
    SCRATCH.with_borrow_mut(|(low, toks, classes)| {
        low.clear();
        low.push_str(sentence);
        low.make_ascii_lowercase();
        tokenize(
            sentence,
            low,
            toks,
            &tables.start_words,
            &tables.ascii_symbol_start,
        );
        let classes = unknown_classes(classes, toks.len());
        scan_figures(&Scan {
            s: sentence,
            low,
            t: toks,
            tables,
            classes,
        })
    })
}

/// The figures of `sentence` ([`find_quantities`]) and, when `dates_anyway` or a figure was
/// found, its dates ([`crate::find_dates`]; otherwise none): the coder's analysis of a sentence.
/// One tokenization serves both: a sentence the figure scan tokenized gets its date tokens
/// from the figure tokens, without the date scan's pre-check and tokenizer.
///
/// ```
/// let (figures, dates) =
///     dyad_recognise::find_figures_and_dates("Trade reached $108 billion in 2018.", None, false);
/// assert_eq!(figures[0].text, "$108 billion");
/// assert_eq!(dates[0].text, "2018");
/// ```
pub fn find_figures_and_dates(
    sentence: &str,
    doc_date: Option<dyad_core::PartialDate>,
    dates_anyway: bool,
) -> (Vec<Figure>, Vec<crate::TimeExpr>) {
    let tables = &*TABLES;
    if !may_state_figure(sentence, tables) {
        let dates = if dates_anyway {
            crate::find_dates(sentence, doc_date)
        } else {
            Vec::new()
        };
        return (Vec::new(), dates);
    }
    SCRATCH.with_borrow_mut(|(low, toks, classes)| {
        low.clear();
        low.push_str(sentence);
        low.make_ascii_lowercase();
        tokenize(
            sentence,
            low,
            toks,
            &tables.start_words,
            &tables.ascii_symbol_start,
        );
        let classes = unknown_classes(classes, toks.len());
        let figures = scan_figures(&Scan {
            s: sentence,
            low,
            t: toks,
            tables,
            classes,
        });
        let dates = if (dates_anyway || !figures.is_empty()) && may_hold_date_anchor(sentence, toks)
        {
            time::find_dates_in(sentence, doc_date, |out| {
                date_tokens(sentence, toks, &mut TokenRuns::new(out));
            })
        } else {
            Vec::new()
        };
        (figures, dates)
    })
}

/// Whether some token of `toks` may hold a date anchor ([`token_may_anchor`]). Asked only of
/// a sentence whose dates are wanted; a word of letters is looked up only when the
/// tokenizer's test of its first two letters and length let it through ([`Tok::may_anchor`]).
fn may_hold_date_anchor(s: &str, toks: &[Tok]) -> bool {
    let anchors = time::anchor_words();
    let b = s.as_bytes();
    toks.iter().any(|t| {
        if t.letters {
            t.may_anchor && anchors.contains(&b[t.start..t.end])
        } else {
            token_may_anchor(s, t)
        }
    })
}

/// Whether the date tokens ([`date_tokens`]) the token `t` of `s` makes may hold an anchor,
/// which every date expression holds: a number whose first four digits are a year's, or a
/// word of the anchor list. A superset: every piece a date token can start with is tried,
/// whether or not the token goes on past it. Asked before the date tokens are built, so that
/// the date tokens of the half of the sentences that have no anchor are never built.
fn token_may_anchor(s: &str, t: &Tok) -> bool {
    let b = s.as_bytes();
    let anchors = time::anchor_words();
    let year_at = |k: usize| {
        b.get(k..k + 4)
            .is_some_and(|w| w.iter().all(u8::is_ascii_digit) && matches!(&w[..2], b"19" | b"20"))
    };
    // Nearly every word is rejected by its first two bytes and length alone.
    let anchor = |a: usize, e: usize| {
        let len = e - a;
        let second = if len > 1 { b[a + 1] } else { 0 };
        len > 0 && anchors.may_hold(b[a], second, len) && anchors.contains(&b[a..e])
    };
    match t.kind {
        Kind::Word if t.letters => anchor(t.start, t.end),
        Kind::Num if t.plain_int => t.end - t.start >= 4 && year_at(t.start),
        Kind::Punct => false,
        // A piece starts after each comma or point as well.
        Kind::Num => {
            year_at(t.start)
                || (t.start..t.end).any(|k| matches!(b[k], b',' | b'.') && year_at(k + 1))
        }
        // Each piece between apostrophes.
        Kind::Word => {
            let mut a = t.start;
            let mut found = false;
            for (k, c) in s[t.start..t.end].char_indices() {
                if c == '\'' || c == '’' {
                    found |= anchor(a, t.start + k);
                    a = t.start + k + c.len_utf8();
                }
            }
            found || anchor(a, t.end)
        }
    }
}

/// The date scan's tokens of `s` ([`time::TokenRuns`]) from its figure tokens `toks`: both
/// skip the same whitespace and cover every other byte, so only the pieces differ. Numbers
/// split at their commas and points, words at their apostrophes, and digits and letters that
/// touch join ("5th", "G20"), as do non-ASCII digits, which the figure scan takes for
/// punctuation.
fn date_tokens(s: &str, toks: &[Tok], runs: &mut TokenRuns<'_>) {
    let b = s.as_bytes();
    for t in toks {
        match t.kind {
            Kind::Num if t.plain_int => runs.alnum(t.start, t.end, true),
            Kind::Word if t.letters => runs.alnum(t.start, t.end, false),
            Kind::Num => {
                // Digits, with thousands commas and a decimal point between them.
                let mut a = t.start;
                for (k, c) in b[t.start..t.end].iter().enumerate() {
                    let k = t.start + k;
                    if !c.is_ascii_digit() {
                        runs.alnum(a, k, true);
                        runs.punct(k, k + 1);
                        a = k + 1;
                    }
                }
                runs.alnum(a, t.end, true);
            }
            Kind::Word => {
                // Letters (never an ASCII digit first), with apostrophes between them.
                let mut a = t.start;
                for (k, c) in s[t.start..t.end].char_indices() {
                    if c == '\'' || c == '’' {
                        let k = t.start + k;
                        runs.alnum(a, k, false);
                        runs.punct(k, k + c.len_utf8());
                        a = k + c.len_utf8();
                    }
                }
                runs.alnum(a, t.end, false);
            }
            Kind::Punct => {
                let c = b[t.start];
                let alnum = c >= 0x80
                    && s[t.start..t.end]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric);
                if alnum {
                    runs.alnum(t.start, t.end, false);
                } else {
                    runs.punct(t.start, t.end);
                }
            }
        }
    }
}

thread_local! {
    /// The lower-cased copy and the tokens of the sentence being scanned, kept between calls:
    /// a figure scan runs on most sentences, and allocating both for each cost more than
    /// tokenizing.
    static SCRATCH: std::cell::RefCell<(String, Vec<Tok>, Vec<u32>)> = const {
        std::cell::RefCell::new((String::new(), Vec::new(), Vec::new()))
    };
}

/// `buf` as [`C_UNKNOWN`] for each of `n` tokens, for a scan to fill in ([`Scan::class`]).
fn unknown_classes(buf: &mut Vec<u32>, n: usize) -> &[Cell<u32>] {
    buf.clear();
    buf.resize(n, C_UNKNOWN);
    Cell::from_mut(buf.as_mut_slice()).as_slice_of_cells()
}

/// Every figure of a tokenized sentence, in order.
fn scan_figures(scan: &Scan<'_>) -> Vec<Figure> {
    let toks = scan.t;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most words cannot start a figure: a word of letters only if it is a start word,
        // which the tokenizer's lookup on its first two letters and length nearly always
        // denies, and punctuation only if it may start a currency symbol ([`Tok::may_start`]).
        let t = &toks[i];
        if !t.may_start {
            i += 1;
            continue;
        }
        if !scan.may_start(i) {
            i += 1;
            continue;
        }
        match scan.figure_at(i) {
            Some((fig, next)) if next > i => {
                out.push(fig);
                i = next;
            }
            _ => i += 1,
        }
    }
    out
}

/// Cheap pre-check: a figure needs a digit or a number word ([`Tables::number_words`]).
/// Over half of news sentences have neither and skip tokenizing.
fn may_state_figure(s: &str, tables: &Tables) -> bool {
    let b = s.as_bytes();
    // A word token that lower-cases to a number word is a run of ASCII letters: no other
    // letter lower-cases to one but the Kelvin sign ("K"), checked last.
    has_ascii_digit(b)
        || has_word(b, &tables.number_words)
        || (!s.is_ascii() && s.contains('\u{212A}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Key = (Kind, usize, usize, String, bool, u64, bool);

    fn key(scan: &Scan<'_>, t: &Tok) -> Key {
        (
            t.kind,
            t.start,
            t.end,
            scan.lower(t).to_string(),
            t.space_before,
            scan.value(t).to_bits(),
            t.plain_int,
        )
    }

    fn ref_key(t: &RefTok<'_>) -> Key {
        (
            t.kind,
            t.start,
            t.end,
            t.lower.to_string(),
            t.space_before,
            t.value.to_bits(),
            t.plain_int,
        )
    }

    #[test]
    fn fast_tokenizer_agrees_with_the_reference() {
        let cases = [
            "",
            " ",
            "With mutual trade reaching $108 billion in 2018, up 27.1%.",
            "Arrivals were 155,221 bags; 5.93 mln vs 1,234,5678 and 1.2.3 or 12,34",
            "Russia's and Russia’s and rock'n'roll, 'quoted' ’tis O’Neil’ x’",
            "ÉTATS-UNIS: ÀÉÎ Straße İstanbul ΣΊΣΥΦΟΣ — «in 2019» à Pékin\u{a0}5\u{2009}km",
            "US$5bn, €3.5 bln, ¥100, ₹ 20 lakh, R$ 9, CN¥7 and \u{212A}elvin 10\u{212A}",
            "tabs\tand\nnewlines\r\x0b\x0c\x1f controls 9\u{85}9 \u{3000}wide",
            "emoji 😀5 中文123 abc١٢٣ 5th 10pm 1990s S-400 G20 No.2",
            "word' x'y don't ab’cd ab’ ab'é abÉcd ÉTATS'x\tz\x0bq\x1cw 5'6 a'5",
            "abcdefghijklmnopqrstuvwxyz0 x\r\ny\u{2028}z\u{a0}'",
        ];
        for s in cases {
            let (low, toks) = tokenized(s, &TABLES.start_words, &TABLES.ascii_symbol_start);
            let mut buf = Vec::new();
            let scan = Scan {
                s,
                low: &low,
                t: &toks,
                tables: &TABLES,
                classes: unknown_classes(&mut buf, toks.len()),
            };
            let fast: Vec<_> = toks.iter().map(|t| key(&scan, t)).collect();
            let slow: Vec<_> = tokenize_reference(s).iter().map(ref_key).collect();
            assert_eq!(fast, slow, "{s:?}");
        }
    }

    #[test]
    fn class_bits_agree_with_the_lists() {
        let tables = &*TABLES;
        let units = tables.units.keys().map(String::as_str);
        let codes = tables.codes.keys().copied();
        let listed: Vec<&str> = WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('['))
            .flat_map(str::split_whitespace)
            .chain(units)
            .chain(codes)
            .chain(QUALIFIERS.iter().flat_map(|(q, _)| q.iter().copied()))
            .collect();
        let others = [
            "the",
            "said",
            "a",
            "x",
            "Jan",
            "JANUARY",
            "Mays",
            "monthly",
            "No",
            "Percent",
            "BN",
            "bcm",
            "RUB",
            "rub",
            "Rub",
            "o'clock",
            "years'",
            "Russia's",
            "abcdefghijklmnop",
            "internationalisation",
            "année",
            "Éte",
            "mayor",
            "link",
            "links",
            "q",
        ];
        for w in listed.iter().copied().chain(others) {
            let cased = [w.to_string(), w.to_uppercase(), w.to_ascii_uppercase()];
            for w in &cased {
                let s = format!("5 {w} 5");
                let (low, toks) = tokenized(&s, &tables.start_words, &tables.ascii_symbol_start);
                let mut buf = Vec::new();
                let scan = Scan {
                    s: &s,
                    low: &low,
                    t: &toks,
                    tables,
                    classes: unknown_classes(&mut buf, toks.len()),
                };
                for (i, t) in toks.iter().enumerate() {
                    let want = if t.kind == Kind::Word {
                        let word = &s.as_bytes()[t.start..t.end];
                        classes_by_list(scan.lower(t), word, tables.unit_words.as_ref())
                    } else {
                        0
                    };
                    // Asked twice: looked up, then kept.
                    let got = scan.class(i);
                    assert_eq!(got & 0xFFFF, want, "{s:?} {i}");
                    assert_eq!(scan.class(i), got, "{s:?} {i}");
                    // The unit index of a word of ASCII letters, as the unit map has it.
                    if t.letters && t.end - t.start <= 15 {
                        let k = tables.units.get(scan.lower(t)).map_or(0, |&k| k + 1);
                        let unit = got >> UNIT_SHIFT & UNIT_INDEX_MASK;
                        assert_eq!(usize::try_from(unit), Ok(k), "{s:?} {i}");
                        // And its qualifier group, as the list of groups has it.
                        let g = QUALIFIER_GROUPS
                            .iter()
                            .position(|(w, _)| *w == scan.lower(t))
                            .map_or(0, |g| g + 1);
                        assert_eq!(usize::try_from(got >> QUALIFIER_SHIFT), Ok(g), "{s:?} {i}");
                    }
                }
                assert_eq!(scan.class(toks.len()), 0);
            }
        }
        assert!(tables.unit_index_in_classes);
        assert!(QUALIFIER_GROUPS.len() < 31);
        for (w, group) in QUALIFIER_GROUPS.iter() {
            assert_eq!(QUALIFIERS_BY_LAST.get(w), Some(group));
        }
        assert_ne!(tables.classes.get(b"January") & C_MONTH, 0);
        assert_ne!(tables.classes.get(b"over") & C_QUALIFIER_LAST, 0);
        assert_eq!(tables.classes.get(b"overs"), 0);
    }

    #[test]
    fn byte_classes_agree_with_char() {
        for b in 0..=255u8 {
            let c = char::from(b);
            let want = if b >= 0x80 {
                HIGH
            } else if c.is_ascii_alphabetic() {
                LETTER
            } else if c.is_ascii_digit() {
                DIGIT
            } else if c.is_whitespace() {
                SPACE
            } else {
                OTHER
            };
            assert_eq!(BYTE_CLASS[usize::from(b)], want, "{b:#x}");
        }
    }

    #[test]
    fn date_tokens_from_figure_tokens_match_the_date_tokenizer() {
        let cases = [
            "",
            "  ",
            "On June 5th, 2019-06-05 $2019 year-on-year",
            "Trade rose 27.1% to 155,221 bags in 1,987.5 tonnes, 1.2.3 or 12,34 and 5,6789",
            "Russia's and Russia’s rock'n'roll, 'quoted' ’tis O’Neil’ x’ a'b'c 5's G20 5th x5y",
            "ÉTATS-UNIS: ÀÉÎ Straße İstanbul ΣΊΣΥΦΟΣ — «in 2019» à Pékin\u{a0}5\u{2009}km",
            "abc١٢٣ ١٢٣abc 4١٢ x٣ ½5 5½ x² 😀5 中文123 US$5bn, €3.5 bln ₹ 20 \u{212A}elvin",
            "tabs\tand\nnewlines\r\x0b\x0c\x1f controls 9\u{85}9 \u{3000}wide\u{a0}x",
            "l'été d’été’s x'1 1'x 1’s a’1",
            "June5 May2019 2019June 1990s 199 20190 Monday² week’s ago½ Mayday ٣June today",
            "since 2020-21, last week, 3 years ago, in Q1 and mid-March on Wed. YESTERDAY",
        ];
        // Sentences with one anchor each, where the pre-check must see it.
        let anchored = [
            "rock'n'June",
            "1.2019",
            "3,000.1990s",
            "x’Monday",
            "TODAY",
            "2019-06-05",
            "1990s",
        ];
        for s in anchored {
            assert!(
                may_hold_date_anchor(
                    s,
                    &tokenized(s, &TABLES.start_words, &TABLES.ascii_symbol_start).1
                ),
                "{s:?}"
            );
        }
        let unanchored = "G20 in Junes5";
        assert!(!may_hold_date_anchor(
            unanchored,
            &tokenized(unanchored, &TABLES.start_words, &TABLES.ascii_symbol_start).1
        ));
        for s in cases {
            let (_, toks) = tokenized(s, &TABLES.start_words, &TABLES.ascii_symbol_start);
            let mut derived = vec![];
            date_tokens(s, &toks, &mut TokenRuns::new(&mut derived));
            let mut direct = vec![];
            time::tokenize_into(s, &mut direct);
            assert_eq!(time::spans(&derived), time::spans(&direct), "{s:?}");
            let mut anchors = vec![];
            time::classify(s, &mut direct, &mut anchors);
            assert!(
                anchors.is_empty() || may_hold_date_anchor(s, &toks),
                "{s:?}"
            );
        }
    }

    #[test]
    fn tokenizer_flags_agree_with_the_token_tests() {
        for s in [
            "",
            "On June 5th, 2019-06-05 $2019 year-on-year a quarter One Twenty-five",
            "rock'n'June 1.2019 3,000.1990s x’Monday TODAY and Rs. 20 lakh US$5",
            "G20 in Junes5 ÉTATS-UNIS: Straße 1990s l'été d’été’s x'1 5's",
            "Putin met Xi. Half of them, a dozen, HALF, an, abcdefghijklmnopqrstuvwxyz",
        ] {
            let mut low = s.to_ascii_lowercase();
            let mut toks = Vec::new();
            tokenize(
                s,
                &mut low,
                &mut toks,
                &TABLES.start_words,
                &TABLES.ascii_symbol_start,
            );
            let reference = toks.iter().any(|t| token_may_anchor(s, t));
            assert_eq!(may_hold_date_anchor(s, &toks), reference, "{s:?}");
            for t in toks.iter().filter(|t| t.letters) {
                let w = &s.as_bytes()[t.start..t.end];
                let second = w.get(1).copied().unwrap_or(0);
                let want = TABLES.start_words.may_hold(w[0], second, w.len());
                assert_eq!(t.may_start, want, "{s:?} {t:?}");
            }
            // Other tokens are passed over only as ASCII punctuation that starts no symbol.
            for t in toks.iter().filter(|t| !t.letters) {
                let c = s.as_bytes()[t.start];
                let symbol = c >= 0x80 || TABLES.ascii_symbol_start[usize::from(c)];
                let want = t.kind != Kind::Punct || symbol;
                assert_eq!(t.may_start, want, "{s:?} {t:?}");
            }
            // Each sentence's anchor alone, and the sentence without it.
            for (k, t) in toks.iter().enumerate() {
                let one = &s[t.start..t.end];
                let (mut low, mut alone) = (one.to_ascii_lowercase(), Vec::new());
                tokenize(
                    one,
                    &mut low,
                    &mut alone,
                    &TABLES.start_words,
                    &TABLES.ascii_symbol_start,
                );
                let reference = alone.iter().any(|t| token_may_anchor(one, t));
                assert_eq!(may_hold_date_anchor(one, &alone), reference, "{one:?} {k}");
            }
        }
    }

    #[test]
    fn figures_and_dates_together_are_found_as_apart() {
        let doc = dyad_core::PartialDate::ymd(2019, 6, 7);
        for s in [
            "Mutual trade reached $108 billion in 2018, up 27.1% on the year before.",
            "Putin met Xi on Wednesday.",
            "Russia and China signed a deal.",
            "Exports rose to 300 mln dlrs last month from 250 mln two weeks ago.",
            "A quarter of the shares were sold on June 5th.",
            "The 1990s saw 5 wars.",
        ] {
            for anyway in [false, true] {
                let (figures, dates) = find_figures_and_dates(s, doc, anyway);
                let alone = find_quantities(s);
                let want = if anyway || !alone.is_empty() {
                    crate::find_dates(s, doc)
                } else {
                    Vec::new()
                };
                assert_eq!(figures, alone, "{s:?}");
                assert_eq!(dates, want, "{s:?} {anyway}");
            }
        }
    }

    #[test]
    fn short_numbers_parse_as_str_parse_does() {
        let mut cases: Vec<String> = [
            "0",
            "7",
            "05",
            "1.5",
            "0.1",
            "0.3",
            "2.675",
            "155,221",
            "1,234,567.891",
            "999999999999999",
            "9999999999999999",
            "123456789012.345",
            "0.000000000000001",
            "3.14159265358979",
            ".5",
            "12.",
            "1.2.3",
            "",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        // Pseudo-random decimals of every length.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = (x % 10u64.pow(1 + (x >> 40) as u32 % 16)).to_string();
            let point = (x >> 20) as usize % (digits.len() + 1);
            let mut s = digits.clone();
            if point < digits.len() {
                s.insert(point, '.');
            }
            cases.push(s);
        }
        for c in &cases {
            let plain: String = c.chars().filter(|&ch| ch != ',').collect();
            let want = plain.parse::<f64>().ok();
            let got = parse_digits(c).ok();
            assert_eq!(
                got.map(f64::to_bits),
                want.map(f64::to_bits),
                "{c}: {got:?} vs {want:?}"
            );
        }
    }

    #[test]
    fn start_words_hold_every_starter_and_symbol_word() {
        let set = &TABLES.start_words;
        let holds = |w: &str| {
            let b = w.as_bytes();
            set.may_hold(b[0], if b.len() > 1 { b[1] } else { 0 }, b.len())
        };
        for w in [
            "a", "An", "one", "Twenty", "ninety", "half", "US", "U", "Rs", "HK", "CHF",
        ] {
            assert!(holds(w), "{w}");
        }
        for w in ["was", "Reuters", "said", "percent", "billion", "Russia"] {
            assert!(!holds(w), "{w}");
        }
        // Figures that start at a symbol word or a starter are still found.
        for (s, text) in [
            ("It paid US$5 billion.", "US$5 billion"),
            ("It paid Rs. 20 lakh.", "Rs. 20 lakh"),
            ("Twenty-five troops left.", "Twenty-five troops"),
            ("A quarter of the shares.", "A quarter"),
        ] {
            let f = find_quantities(s);
            assert_eq!(f.first().map(|f| f.text.as_str()), Some(text), "{s}");
        }
    }

    #[test]
    fn precheck_passes_every_sentence_with_a_figure() {
        let tables = &*TABLES;
        for s in [
            "a quarter of the shares",
            "HALF OF THEM",
            "a dozen ships",
            "a la\u{212A}h people",
            "twenty-five troops",
        ] {
            assert!(may_state_figure(s, tables), "{s:?}");
        }
        assert!(!may_state_figure("Russia and China signed a deal.", tables));
    }
}
