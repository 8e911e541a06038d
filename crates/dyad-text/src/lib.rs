//! Rule-based, English-first sentence splitting for dyad.
//!
//! [`Splitter::split`] turns cleaned article text into sentence [`Span`]s (byte offsets,
//! half-open). It scans bytes once, looks only at candidate punctuation and line breaks, and
//! allocates nothing but the output vector.
//!
//! # Rules
//! - **Lines.** The cleaning stage puts every block (paragraph, headline, list item) on its own
//!   line, so a line break (`\n`, `\r`, VT, FF, U+0085, U+2028, U+2029) always ends a sentence and
//!   blank lines produce nothing. A leading bullet (`•·▪‣◦●■□◆◇►▸▶○∙⁃`, or `-`, `*`, `–`, `—`
//!   followed by a space) is left out of the span.
//! - **Whitespace** is Unicode `White_Space` (NBSP, thin and narrow spaces, …) plus the invisible
//!   U+200B, U+2060 and U+FEFF. Spans never start or end with it.
//! - **Candidates.** Within a line only `.`, `?`, `!`, `…`, `‽`, `⁇`, `⁈`, `⁉` (runs of them form
//!   one cluster, so `?!` and `...` stay together) can end a sentence, and only when whitespace
//!   follows the cluster and any closing quotes or brackets after it. The next visible character
//!   (after opening quotes/brackets) must be able to start a sentence: an uppercase or uncased
//!   letter (Cyrillic, Greek, CJK, …), a digit or a currency sign. A lowercase word never starts
//!   one, so `Yahoo! said` and `3.4 percent` stay whole. CJK `。！？｡` end a sentence with no
//!   whitespace after them. Colons, semicolons and dashes never split.
//! - **Abbreviations** come from a table (`data/abbreviations.txt`, see [`Splitter::from_tables`]):
//!   a *title* (`Mr.`, `Gen.`) never ends a sentence; a *number* or *month* abbreviation
//!   (`No. 2`, `Jan. 5`) does not split before a digit; an *acronym* (`U.S.`, `a.m.`, `etc.`,
//!   `Inc.`, `Jr.`, `St.`) and any unlisted dotted acronym splits only when the next word is a
//!   listed *opener* (`The`, `He`, `However`, …).
//! - **Initials.** A single letter plus period (`George W. Bush`, `J. R. R. Tolkien`) follows the
//!   acronym rule: it splits only before an opener.
//! - **Closing quotes and brackets** after the punctuation belong to the sentence that ends
//!   (`He said: “No.” Then…` and `(See below.) Next`). After a closing quote the abbreviation
//!   table is not consulted, since the quote itself marks the end (`“… in the U.S.” Russia`
//!   splits); after a bracket alone it is (`(D-Calif.) Senator` does not).
//! - **Ellipses** split like a period when attached to a word (`waited... Then`); a detached one
//!   (`said ... Russia`) marks an omission and splits only before an opener; one right after an
//!   opening bracket (`[…]`, `<…>`) never splits.
//! - **Enumerators.** A number, single letter or roman numeral that is the first word of a
//!   sentence (`1. The cost`) never becomes a sentence on its own.
//!
//! # Trade-offs
//! - After an acronym or initial only opener words start a new sentence: `He lives in the U.S.
//!   Russia said` and `They chose plan B. Russia agreed` stay one sentence, while `the U.S. The
//!   president` and `plan B. Then` split. A missed boundary costs less than a sentence cut
//!   inside a name.
//! - `at 5 p.m. Police said` does not split: after `a.m.`/`p.m.` capitalised words are more
//!   often time zones, places and names (`p.m. Moscow time`) than new sentences.
//! - A title never ends a sentence, so `He became a Gen.` followed by a capital is missed.
//! - Table matching is case-sensitive (plus all-caps forms) so that the verb `sat` or the word
//!   `no` is not taken for `Sat.` or `No.`.

use dyad_core::{Sentence, Span};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The built-in tables, in the format documented in the file itself.
const BUILTIN_TABLES: &str = include_str!("../data/abbreviations.txt");

/// Longest table entry, in bytes; longer words are never looked up.
const MAX_ENTRY: usize = 32;

/// How far back the word before a period is looked for; longer tokens are ordinary words.
const MAX_TOKEN: usize = 64;

/// An error in a table file; every variant names the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// The first field is not a known category.
    #[error(
        "line {line}: unknown category `{category}` (expected title, number, month, acronym or opener)"
    )]
    UnknownCategory {
        /// Line number, from 1.
        line: usize,
        /// The category found.
        category: String,
    },
    /// A category with no entries after it.
    #[error("line {line}: `{category}` has no entries (write `{category} ENTRY ...`)")]
    NoEntries {
        /// Line number, from 1.
        line: usize,
        /// The category found.
        category: String,
    },
    /// An entry that can never match.
    #[error("line {line}: bad entry `{entry}`: {reason}")]
    BadEntry {
        /// Line number, from 1.
        line: usize,
        /// The entry as written.
        entry: String,
        /// Why it is rejected.
        reason: &'static str,
    },
    /// The same abbreviation under two categories.
    #[error("line {line}: `{entry}` is already listed as {previous} on line {previous_line}")]
    Conflict {
        /// Line number, from 1.
        line: usize,
        /// The entry as written.
        entry: String,
        /// The category it already has.
        previous: &'static str,
        /// Where it was first listed.
        previous_line: usize,
    },
}

impl TableError {
    /// The 1-based line the error is on.
    pub fn line(&self) -> usize {
        match self {
            TableError::UnknownCategory { line, .. }
            | TableError::NoEntries { line, .. }
            | TableError::BadEntry { line, .. }
            | TableError::Conflict { line, .. } => *line,
        }
    }
}

/// What a period after an abbreviation means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    /// Always followed by a name: never splits.
    Title,
    /// No split before a digit.
    Number,
    /// No split before a digit (kept apart from `Number` for the table's readability).
    Month,
    /// Splits only before an opener.
    Acronym,
}

impl Category {
    fn name(self) -> &'static str {
        match self {
            Category::Title => "title",
            Category::Number => "number",
            Category::Month => "month",
            Category::Acronym => "acronym",
        }
    }
}

/// A sentence splitter with its abbreviation and opener tables.
///
/// Cheap to share: splitting takes `&self`. Use [`default_splitter`] for the built-in tables.
#[derive(Debug, Clone)]
pub struct Splitter {
    /// Abbreviations without their final period, as written and in all caps.
    abbreviations: HashMap<Box<str>, Category>,
    /// Sentence-opening function words, as written.
    openers: HashMap<Box<str>, ()>,
}

impl Default for Splitter {
    fn default() -> Self {
        Splitter::new()
    }
}

/// The shared splitter with the built-in tables, built on first use.
pub fn default_splitter() -> &'static Splitter {
    static SPLITTER: OnceLock<Splitter> = OnceLock::new();
    SPLITTER.get_or_init(Splitter::new)
}

impl Splitter {
    /// A splitter with the built-in tables (`data/abbreviations.txt`).
    pub fn new() -> Splitter {
        // The built-in file is checked by a test; falling back keeps `new` panic-free.
        Splitter::from_tables(BUILTIN_TABLES).unwrap_or_else(|_| Splitter {
            abbreviations: HashMap::new(),
            openers: HashMap::new(),
        })
    }

    /// A splitter with tables in the format of `data/abbreviations.txt`, replacing the built-in
    /// ones: `CATEGORY ENTRY [ENTRY ...]` per line, `#` comments, categories `title`, `number`,
    /// `month`, `acronym` and `opener`.
    ///
    /// # Errors
    /// A [`TableError`] naming the first bad line: an unknown category, a category without
    /// entries, an entry that is empty, too long or (for openers) not all letters, or an
    /// abbreviation listed under two categories.
    pub fn from_tables(text: &str) -> Result<Splitter, TableError> {
        let mut abbreviations: HashMap<Box<str>, (Category, usize)> = HashMap::new();
        let mut openers: HashMap<Box<str>, ()> = HashMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let mut fields = raw.split_whitespace();
            let Some(category) = fields.next() else {
                continue;
            };
            if category.starts_with('#') {
                continue;
            }
            let category = match category {
                "title" => Some(Category::Title),
                "number" => Some(Category::Number),
                "month" => Some(Category::Month),
                "acronym" => Some(Category::Acronym),
                "opener" => None,
                other => {
                    return Err(TableError::UnknownCategory {
                        line,
                        category: other.to_owned(),
                    })
                }
            };
            let mut any = false;
            for entry in fields {
                any = true;
                let bad = |reason| TableError::BadEntry {
                    line,
                    entry: entry.to_owned(),
                    reason,
                };
                let word = entry.strip_suffix('.').unwrap_or(entry);
                if word.is_empty() {
                    return Err(bad("empty"));
                }
                if word.len() > MAX_ENTRY {
                    return Err(bad("longer than 32 bytes"));
                }
                let Some(category) = category else {
                    if !word.chars().all(char::is_alphabetic) {
                        return Err(bad("an opener must be letters only"));
                    }
                    openers.insert(word.into(), ());
                    continue;
                };
                if word
                    .chars()
                    .any(|c| is_terminator(c) && c != '.' || c.is_control())
                {
                    return Err(bad("contains sentence punctuation or a control character"));
                }
                match abbreviations.get(word) {
                    Some(&(previous, previous_line)) if previous != category => {
                        return Err(TableError::Conflict {
                            line,
                            entry: entry.to_owned(),
                            previous: previous.name(),
                            previous_line,
                        })
                    }
                    Some(_) => {}
                    None => {
                        abbreviations.insert(word.into(), (category, line));
                    }
                }
            }
            if !any {
                let category = raw.split_whitespace().next().unwrap_or_default();
                return Err(TableError::NoEntries {
                    line,
                    category: category.to_owned(),
                });
            }
        }
        // All-caps forms ("MR", "JAN", "A.M") for headlines; explicit entries win. Single
        // letters are left out so that `p` (page) does not turn the initial `P.` into a number.
        let mut table: HashMap<Box<str>, Category> = abbreviations
            .iter()
            .map(|(k, &(c, _))| (k.clone(), c))
            .collect();
        for (word, &(category, _)) in &abbreviations {
            let upper = word.to_ascii_uppercase();
            if word.chars().filter(|c| c.is_alphabetic()).count() > 1 && *upper != **word {
                table.entry(upper.into()).or_insert(category);
            }
        }
        Ok(Splitter {
            abbreviations: table,
            openers,
        })
    }

    /// The sentence spans of `text`, in order.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        self.split_into(text, &mut out);
        out
    }

    /// The sentences of `text`, numbered from 0.
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        self.split(text)
            .into_iter()
            .enumerate()
            .map(|(i, span)| Sentence {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                span,
            })
            .collect()
    }

    /// Clears `out` and fills it with the sentence spans of `text`; allocates only to grow `out`.
    ///
    /// Spans are non-empty, ordered, non-overlapping, on char boundaries and trimmed of
    /// whitespace.
    pub fn split_into(&self, text: &str, out: &mut Vec<Span>) {
        out.clear();
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut sent = sentence_start(text, 0, true);
        let mut i = sent;
        while i < n {
            let byte = bytes[i];
            if !SPECIAL[usize::from(byte)] {
                i += 1;
                continue;
            }
            let Some(c) = char_at(text, i) else {
                i += 1;
                continue;
            };
            if is_line_break(c) {
                emit(text, sent, i, out);
                sent = sentence_start(text, i, true);
                i = sent;
            } else if is_terminator(c) {
                match self.boundary(text, sent, i) {
                    Decision::Split(end) => {
                        emit(text, sent, end, out);
                        sent = sentence_start(text, end, false);
                        i = sent;
                    }
                    Decision::Continue(next) => i = next,
                }
            } else {
                i += c.len_utf8();
            }
        }
        emit(text, sent, n, out);
    }

    /// Decides whether the punctuation cluster starting at `p` ends the sentence begun at `sent`.
    fn boundary(&self, text: &str, sent: usize, p: usize) -> Decision {
        // The cluster of terminators, then closing quotes and brackets.
        let mut e = p;
        let mut periods = 0usize;
        let mut ellipsis = false;
        let mut question = false;
        let mut cjk = false;
        while let Some(c) = char_at(text, e).filter(|&c| is_terminator(c)) {
            match c {
                '.' => periods += 1,
                '…' => ellipsis = true,
                '。' | '！' | '？' | '｡' => cjk = true,
                _ => question = true,
            }
            e += c.len_utf8();
        }
        let mut quoted = false;
        while let Some(c) = char_at(text, e).filter(|&c| is_closer(c)) {
            quoted |= !matches!(c, ')' | ']' | '}' | '）' | '］' | '｝' | '】' | '〕');
            e += c.len_utf8();
        }
        if cjk {
            return Decision::Split(e);
        }
        // Whitespace (not a line break, which ends the sentence anyway) must follow.
        let mut q = e;
        while let Some(c) = char_at(text, q).filter(|&c| is_space(c) && !is_line_break(c)) {
            q += c.len_utf8();
        }
        if q == e || q >= text.len() {
            return Decision::Continue(e);
        }
        let next = Next::at(text, q);
        if !next.starts_sentence || p == sent {
            return Decision::Continue(e);
        }
        let omission = (periods >= 2 || ellipsis) && !question;
        let split = if omission && char_before(text, p).is_some_and(is_opening_bracket) {
            false // `[…]` marks text left out of a quote
        } else if quoted || question {
            true
        } else if omission {
            // A detached ellipsis is usually an omission inside a sentence.
            !char_before(text, p).is_some_and(is_space) || self.opens(text, &next)
        } else {
            self.after_period(text, sent, p, &next)
        };
        if split {
            Decision::Split(e)
        } else {
            Decision::Continue(e)
        }
    }

    /// The period rules: the word before a single period at `p`, and what follows.
    fn after_period(&self, text: &str, sent: usize, p: usize, next: &Next) -> bool {
        let Some((token_start, token)) = token_before(text, sent, p) else {
            return true; // a very long token: an ordinary word
        };
        let core = token
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            return true;
        }
        if token_start == sent && is_enumerator(core) {
            return false;
        }
        if let Some(split) = self.by_table(text, core, next) {
            return split;
        }
        // "ex-Gen." and "5p.m.": look up the part after a hyphen or slash, or after digits.
        let tail = core
            .rsplit(['-', '/'])
            .next()
            .unwrap_or(core)
            .trim_start_matches(|c: char| c.is_ascii_digit());
        if tail.len() < core.len() && !tail.is_empty() {
            if let Some(split) = self.by_table(text, tail, next) {
                return split;
            }
        }
        if is_dotted_abbreviation(tail) || is_single_letter(core) {
            return self.opens(text, next);
        }
        true
    }

    /// The table rule for an abbreviation, if `word` is one.
    fn by_table(&self, text: &str, word: &str, next: &Next) -> Option<bool> {
        if word.len() > MAX_ENTRY {
            return None;
        }
        Some(match self.abbreviations.get(word)? {
            Category::Title => false,
            Category::Number | Category::Month => !next.is_number(text),
            Category::Acronym => self.opens(text, next),
        })
    }

    /// Whether the next word is a listed opener.
    fn opens(&self, text: &str, next: &Next) -> bool {
        next.word(text)
            .is_some_and(|w| self.openers.contains_key(w))
    }
}

/// The outcome at a punctuation cluster.
enum Decision {
    /// The sentence ends at this byte offset.
    Split(usize),
    /// No boundary; scanning resumes at this offset.
    Continue(usize),
}

/// What follows a candidate boundary, after whitespace and opening quotes or brackets.
struct Next {
    /// Offset of the first character after the opening quotes and brackets.
    at: usize,
    /// Whether that character can begin a sentence.
    starts_sentence: bool,
}

impl Next {
    fn at(text: &str, q: usize) -> Next {
        let mut at = q;
        let mut opened = false;
        // A few opening marks at most: `(“` is plenty, and the bound keeps scans linear.
        for _ in 0..4 {
            match char_at(text, at) {
                Some(c) if is_opener(c) => {
                    at += c.len_utf8();
                    opened = true;
                }
                _ => break,
            }
        }
        let starts_sentence = match char_at(text, at) {
            None => false,
            Some(c) if c.is_lowercase() || is_space(c) => false,
            Some(c) if c.is_alphanumeric() => true,
            Some(c) if is_currency(c) => true,
            Some(c) => opened && !is_terminator(c) && !is_closer(c),
        };
        Next {
            at,
            starts_sentence,
        }
    }

    /// A digit, or a roman numeral of two or more letters (`Vol. II`; a lone `I` is a pronoun).
    fn is_number(&self, text: &str) -> bool {
        let rest = text.get(self.at..).unwrap_or("");
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let roman = rest.bytes().take_while(|b| b"IVXLCDM".contains(b)).count();
        roman >= 2
            && !rest
                .get(roman..)
                .and_then(|r| r.chars().next())
                .is_some_and(char::is_alphanumeric)
    }

    /// The capitalised word that follows, if it is a plain word (not `A.` or `A-10`).
    fn word<'t>(&self, text: &'t str) -> Option<&'t str> {
        let rest = text.get(self.at..)?;
        let len = rest
            .char_indices()
            .take_while(|&(i, c)| i < MAX_ENTRY && c.is_alphabetic())
            .map(|(i, c)| i + c.len_utf8())
            .last()?;
        let word = rest.get(..len)?;
        if !word.starts_with(char::is_uppercase) {
            return None;
        }
        match rest.get(len..).and_then(|r| r.chars().next()) {
            None => Some(word),
            Some(c) if is_space(c) || matches!(c, ',' | ';' | ':' | '\'' | '’') => Some(word),
            Some(_) => None,
        }
    }
}

/// Bytes that may begin a line break or a terminator: ASCII ones and the lead bytes of
/// U+0085 (C2), `…` `‽` `⁇` U+2028/2029 (E2), `。` (E3) and fullwidth `！？｡` (EF).
static SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'\r' as usize] = true;
    t[0x0B] = true;
    t[0x0C] = true;
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Pushes `start..end` with trailing whitespace removed, if anything is left.
/// `start` is already past leading whitespace.
fn emit(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(slice) = text.get(start..end) else {
        return;
    };
    let trimmed = slice.trim_end_matches(is_space);
    if !trimmed.is_empty() {
        out.push(Span::new(start, start + trimmed.len()));
    }
}

/// The start of the next sentence at or after `pos`: past whitespace and, at the start of a
/// line, past bullet markers.
fn sentence_start(text: &str, mut pos: usize, mut line_start: bool) -> usize {
    loop {
        while let Some(c) = char_at(text, pos).filter(|&c| is_space(c)) {
            line_start |= is_line_break(c);
            pos += c.len_utf8();
        }
        if !line_start {
            return pos;
        }
        match bullet_len(text, pos) {
            Some(len) => pos += len,
            None => return pos,
        }
    }
}

/// The byte length of a bullet marker at `pos`, if there is one.
fn bullet_len(text: &str, pos: usize) -> Option<usize> {
    let c = char_at(text, pos)?;
    match c {
        '•' | '·' | '▪' | '‣' | '◦' | '●' | '■' | '□' | '◆' | '◇' | '►' | '▸' | '▶' | '○' | '∙'
        | '⁃' => Some(c.len_utf8()),
        '-' | '*' | '–' | '—' => {
            let after = char_at(text, pos + c.len_utf8())?;
            is_space(after).then_some(c.len_utf8())
        }
        _ => None,
    }
}

/// The whitespace-delimited token that ends at `end`, not reaching before `start`, with its
/// offset; `None` when it is longer than [`MAX_TOKEN`].
fn token_before(text: &str, start: usize, end: usize) -> Option<(usize, &str)> {
    let mut from = end.saturating_sub(MAX_TOKEN).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text.get(from..end)?;
    match window.char_indices().rev().find(|&(_, c)| is_space(c)) {
        Some((i, c)) => {
            let s = from + i + c.len_utf8();
            Some((s, text.get(s..end)?))
        }
        None if from == start => Some((start, window)),
        None => None,
    }
}

/// `1`, `12`, `a`, `B`, `iv`, `XII`: list labels.
fn is_enumerator(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
        || is_single_letter(word)
        || (word.len() <= 4
            && (word.bytes().all(|b| b"IVXLC".contains(&b))
                || word.bytes().all(|b| b"ivxlc".contains(&b))))
}

fn is_single_letter(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// `U.S`, `a.m`, `Ph.D`, `U.S.S.R`: letter groups of one or two joined by periods. Longer groups
/// (`cnn.com`) are domains, which end sentences like words.
fn is_dotted_abbreviation(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            let letters = part.chars().count();
            (1..=2).contains(&letters) && part.chars().all(char::is_alphabetic)
        })
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Unicode `White_Space` plus the invisible separators that cleaning may leave.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}')
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '…' | '‽' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '｡'
    )
}

/// Marks that may close a sentence right after its punctuation. Opening-shaped quotes are here
/// too: directly after a period they can only close (German `„Ja.“`).
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '“'
            | '‘'
            | '»'
            | '«'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '》'
            | '〉'
            | '］'
            | '｝'
    )
}

/// Marks that may precede the first word of a sentence. Closing-shaped quotes are here too:
/// after whitespace they open (`”Quote”` in Nordic style, `»Quote«` in German).
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '”'
            | '’'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '【'
            | '《'
    ) || matches!(c, '(' | '[' | '{')
}

fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '<')
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₽' | '₹' | '₩' | '₺' | '₴' | '#')
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn builtin_tables_parse() {
        let s = Splitter::from_tables(BUILTIN_TABLES).unwrap();
        assert_eq!(s.abbreviations.get("Mr"), Some(&Category::Title));
        assert_eq!(s.abbreviations.get("MR"), Some(&Category::Title));
        assert_eq!(s.abbreviations.get("U.S"), Some(&Category::Acronym));
        assert_eq!(s.abbreviations.get("A.M"), Some(&Category::Acronym));
        assert_eq!(s.abbreviations.get("Sept"), Some(&Category::Month));
        assert_eq!(s.abbreviations.get("No"), Some(&Category::Number));
        assert_eq!(s.abbreviations.get("P"), None);
        assert!(s.openers.contains_key("The"));
        assert!(!s.openers.contains_key("THE"));
    }

    #[test]
    fn helpers() {
        assert!(is_dotted_abbreviation("U.S"));
        assert!(is_dotted_abbreviation("Ph.D"));
        assert!(!is_dotted_abbreviation("cnn.com"));
        assert!(!is_dotted_abbreviation("3.4"));
        assert!(is_enumerator("12"));
        assert!(is_enumerator("iv"));
        assert!(!is_enumerator("Yes"));
        assert_eq!(token_before("a (Mr. b", 0, 5), Some((2, "(Mr")));
        assert_eq!(sentence_start(" \n • - x", 0, true), 9);
        assert_eq!(sentence_start("  - x", 0, false), 2);
    }
}
