//! Boilerplate removal for plain text: scraped pages saved as text, one block per line.
//!
//! A line classifier in the jusText tradition (Pomikálek 2011):
//!
//! 1. Each block gets features — length, stop-word share in the document's language (lists in
//!    `data/stopwords/`; for other languages punctuation and length decide alone), whether it
//!    ends like a sentence, cue phrases of page chrome (`data/boilerplate-cues.tsv`), tag-cloud
//!    and teaser shape — and a first class: good, near-good, short or bad. Cue phrases, tag
//!    clouds and truncated teasers make a block *chrome*, which is never kept.
//! 2. Context revision (jusText's): short and near-good blocks take the class of their
//!    neighbours; a short heading right before a paragraph is kept.
//! 3. The main region is the best-scoring contiguous span of blocks: good text counts for its
//!    length (context-promoted short blocks weakly against, so a menu cannot pull the region),
//!    chrome strongly against, other blocks slightly against. It never crosses an
//!    end-of-article cue (comment form, "You May Also Like", newsletter pitch, disclaimer) once
//!    an article has begun, and text after such a cue counts for half, so teasers, comments and
//!    footers stay out even when they read like prose. Every block of the region but chrome is
//!    kept: lists, tables and code inside an article survive though they do not read as prose.
//! 4. Text without any chrome or menu (newswire, a pasted article) is not cut to a region: only
//!    chrome goes, so clean input keeps all of its text.
//! 5. The headline is a headline-shaped block shortly before the first body paragraph (see
//!    `title::pick_headline`); it opens the kept text.
//!
//! The weights were set on the extraction-dev pages stripped to text (`clean_eval --text`).
//! Work is linear in the text; tables are built once.

mod credits;
mod cues;
mod stopwords;
mod templates;

pub use templates::SiteTemplates;

use crate::{detect_language, Cleaned};
use cues::Cue;
// Looked up once per word of every block: FxHash, not SipHash (no untrusted keys to guard).
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Blocks shorter than this (in characters) are "short": too little text to judge alone.
const LEN_LOW: usize = 70;
/// Blocks at least this long with enough stop words are good on their own.
const LEN_HIGH: usize = 200;
/// Stop-word share from which a block reads like prose (near-good).
const STOP_LOW: f32 = 0.25;
/// Stop-word share from which a long block is good.
const STOP_HIGH: f32 = 0.30;
/// Weight of text after an end-of-article cue when choosing the main region.
const AFTER_END_WEIGHT: f32 = 0.5;
/// Good text an article needs before an end cue can close it.
const END_AFTER_CHARS: usize = 300;
/// Region cost of a chrome block, on top of its length.
const CHROME_COST: f32 = 20.0;
/// Region cost of any other non-good block: fixed and per character.
const OTHER_COST: f32 = 2.0;
const OTHER_COST_PER_CHAR: f32 = 0.05;
/// Below this stop-word share a block is a list of names, not prose, whatever its punctuation.
const STOP_MIN: f32 = 0.12;
/// Region weight, per character, of a short block that context made good: weak evidence, and a
/// run of them (a menu) must not pull the region towards it.
const SHORT_WEIGHT: f32 = -0.3;
/// Region weight, per character, of a near-good block that context made good.
const NEAR_WEIGHT: f32 = 0.5;
/// A menu: at least this many blocks in a row of at most [`MENU_ITEM_WORDS`] words each, none
/// ending like a sentence.
const MENU_RUN: usize = 3;
const MENU_ITEM_WORDS: usize = 3;
/// How much language detection looks at, taken from the longest blocks.
const LANG_SAMPLE_BYTES: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad,
}

#[derive(Debug)]
struct Block<'a> {
    text: &'a str,
    /// A blank line precedes the block: it starts a paragraph rather than a list item.
    para: bool,
    chars: usize,
    words: usize,
    cue: Cue,
    /// Shaped like a heading: short, no final period.
    heading: bool,
    /// Ends like a sentence.
    sentence: bool,
    /// Page chrome by its shape or a cue phrase: never kept.
    chrome: bool,
    /// Class before context revision.
    first: Class,
    class: Class,
}

impl Block<'_> {
    /// Reads like body text on its own: long enough and ending like a sentence.
    fn is_prose(&self) -> bool {
        self.sentence && matches!(self.first, Class::Good | Class::NearGood)
    }
}

/// Cleans normalised text (see [`crate::normalize_text`]): keeps the article's blocks, finds
/// the headline and the language.
pub(crate) fn clean_normalized(text: &str) -> Cleaned {
    let mut blocks = split_blocks(text);
    let sample = language_sample(&blocks);
    // Short texts have no long blocks: then the whole text is the sample.
    let language = detect_language(if sample.is_empty() { text } else { &sample });
    let stops = stopwords::for_language(language.as_deref());
    let mut folded = String::new();
    for b in &mut blocks {
        classify(b, stops, &mut folded);
    }
    revise(&mut blocks);
    let keep = main_region(&blocks);
    // The body starts at the first kept block that is prose on its own, not a promoted heading.
    let body = (0..blocks.len())
        .find(|&i| keep[i] && blocks[i].is_prose())
        .unwrap_or(blocks.len());
    let title = {
        let texts: Vec<&str> = blocks.iter().map(|b| b.text).collect();
        let eligible: Vec<bool> = blocks
            .iter()
            .map(|b| !b.chrome && b.first != Class::Good)
            .collect();
        crate::title::pick_headline(&texts, &eligible, body)
    };

    let mut out = String::with_capacity(text.len());
    let mut pending_para = false;
    for (i, b) in blocks.iter().enumerate() {
        pending_para |= b.para;
        let is_title = Some(i) == title;
        let duplicate_title = !is_title && title.is_some_and(|t| blocks[t].text == b.text);
        if !(keep[i] || is_title) || duplicate_title {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_para { "\n\n" } else { "\n" });
        }
        out.push_str(b.text);
        pending_para = false;
    }
    Cleaned {
        title: title.map(|t| blocks[t].text.to_owned()),
        language,
        text: out,
        ..Cleaned::default()
    }
}

fn split_blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    let mut para = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            para = true;
            continue;
        }
        blocks.push(Block {
            text: line,
            para,
            chars: line.chars().count(),
            words: 0,
            cue: Cue::None,
            heading: false,
            sentence: false,
            chrome: false,
            first: Class::Bad,
            class: Class::Bad,
        });
        para = false;
    }
    blocks
}

/// Text for language detection: the longest blocks, in document order, since menus and
/// buttons at the top of a page say little about its language.
fn language_sample(blocks: &[Block<'_>]) -> String {
    let mut by_len: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].chars >= 60)
        .collect();
    by_len.sort_by_key(|&i| std::cmp::Reverse(blocks[i].chars));
    let mut picked = Vec::new();
    let mut bytes = 0;
    for i in by_len {
        if bytes >= LANG_SAMPLE_BYTES {
            break;
        }
        bytes += blocks[i].text.len() + 1;
        picked.push(i);
    }
    picked.sort_unstable();
    let mut sample = String::with_capacity(bytes);
    for i in picked {
        sample.push_str(blocks[i].text);
        sample.push('\n');
    }
    sample
}

/// Characters that may trail a sentence after its final punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '«' | ')' | ']' | '“')
}

/// Ends with sentence punctuation, possibly inside quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(is_closer)
        .ends_with(['.', '!', '?', '…', ':', ';', '。', '！', '？'])
}

/// A truncated teaser: "…a stunning assault that put the..." (but not a quotation).
fn is_teaser(text: &str) -> bool {
    (text.ends_with("...") || text.ends_with('…')) && !text.ends_with("....")
}

/// A tag cloud: mostly capitalised words, and either many of them or repeated ones
/// ("Vladimir Putin Putin in Beijing Putin in China …").
fn is_tag_cloud(text: &str, folded: &str, words: usize) -> bool {
    let caps = text
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if caps * 10 < words * 6 {
        return false;
    }
    if words >= 20 {
        return true;
    }
    let mut seen: Vec<&str> = Vec::with_capacity(words);
    let mut repeats = 0;
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if seen.contains(&w) {
            repeats += 1;
        } else {
            seen.push(w);
        }
    }
    repeats * 100 >= words * 15
}

/// Sets the block's cue and first class.
fn classify(b: &mut Block<'_>, stops: Option<&HashSet<&'static str>>, folded: &mut String) {
    folded.clear();
    if b.text.is_ascii() {
        // The common case, without per-character case tables.
        folded.push_str(b.text);
        folded.make_ascii_lowercase();
    } else {
        folded.extend(
            b.text
                .chars()
                .flat_map(char::to_lowercase)
                .map(|c| match c {
                    '’' | '‘' => '\'',
                    c => c,
                }),
        );
    }
    let (mut words, mut stop_hits) = (0usize, 0usize);
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if stops.is_some_and(|s| s.contains(w)) {
            stop_hits += 1;
        }
    }
    b.words = words;
    b.cue = cues::cue_of(folded, words);
    let sentence = ends_sentence(b.text);
    b.sentence = sentence;
    b.heading = words <= 15 && !b.text.ends_with(['.', ',', ';']) && !is_teaser(b.text);
    let no_punct = !b
        .text
        .contains(['.', '!', '?', ',', ';', ':', '"', '“', '”', '|']);
    // Only unpunctuated runs of words can be tag clouds; prose skips this.
    let tag_cloud = words >= 8 && no_punct && is_tag_cloud(b.text, folded, words);
    b.chrome = b.cue != Cue::None || words == 0 || tag_cloud || (is_teaser(b.text) && words <= 60);
    b.first = if b.chrome {
        Class::Bad
    } else if b.chars < LEN_LOW {
        Class::Short
    } else {
        // Stop words and punctuation are two signs of prose; either will do, but a block
        // with almost no function words is a list of names however it is punctuated. Without
        // a stop-word list for the language, punctuation decides alone.
        let density = stops.map(|_| stop_hits as f32 / words as f32);
        let punctuated = sentence || b.text.contains(". ");
        let wordy = density.is_none_or(|d| d >= STOP_MIN);
        let stopped = |t: f32| density.is_some_and(|d| d >= t);
        if b.chars >= LEN_HIGH && (stopped(STOP_HIGH) || (sentence && wordy)) {
            Class::Good
        } else if stopped(STOP_LOW) || (punctuated && wordy) {
            Class::NearGood
        } else {
            Class::Bad
        }
    };
    b.class = b.first;
}

/// The first-pass class of the nearest neighbour in `dir` that is not short (nor near-good,
/// when `skip_near`); the document's edges count as bad.
fn neighbour(blocks: &[Block<'_>], i: usize, forward: bool, skip_near: bool) -> Class {
    // Short chrome ("Advertisement") is as uninformative as any short block.
    let skip = |b: &&Block<'_>| {
        b.first == Class::Short
            || (b.first == Class::Bad && b.chars < LEN_LOW)
            || (skip_near && b.first == Class::NearGood)
    };
    let found = if forward {
        blocks[i + 1..].iter().find(|b| !skip(b))
    } else {
        blocks[..i].iter().rev().find(|b| !skip(b))
    };
    found.map_or(Class::Bad, |b| b.first)
}

/// jusText's context-sensitive pass, then headings right before good text are kept.
fn revise(blocks: &mut [Block<'_>]) {
    for i in 0..blocks.len() {
        let new = match blocks[i].first {
            Class::Short => {
                let prev = neighbour(blocks, i, false, true);
                let next = neighbour(blocks, i, true, true);
                match (prev, next) {
                    (Class::Good, Class::Good) => Class::Good,
                    (Class::Bad, Class::Bad) => Class::Bad,
                    _ if (prev == Class::Bad
                        && neighbour(blocks, i, false, false) == Class::NearGood)
                        || (next == Class::Bad
                            && neighbour(blocks, i, true, false) == Class::NearGood) =>
                    {
                        Class::Good
                    }
                    _ => Class::Bad,
                }
            }
            Class::NearGood => {
                let prev = neighbour(blocks, i, false, true);
                let next = neighbour(blocks, i, true, true);
                if prev == Class::Bad && next == Class::Bad {
                    Class::Bad
                } else {
                    Class::Good
                }
            }
            c => c,
        };
        blocks[i].class = new;
    }
    // Subheadings ("Record trade") stand right before the paragraphs they head.
    for i in (0..blocks.len().saturating_sub(1)).rev() {
        let b = &blocks[i];
        if b.class == Class::Bad
            && b.first == Class::Short
            && b.cue == Cue::None
            && b.heading
            && blocks[i + 1].class == Class::Good
            && blocks[i + 1].is_prose()
        {
            blocks[i].class = Class::Good;
        }
    }
}

/// Whether the text has a menu: a run of one-to-three-word blocks ("Home", "World", "Sport").
/// Newswire tables have longer lines ("Net 5.5 mln vs 4.4 mln").
fn has_menu(blocks: &[Block<'_>]) -> bool {
    let mut run = 0;
    for b in blocks {
        if b.words <= MENU_ITEM_WORDS && !b.sentence {
            run += 1;
            if run >= MENU_RUN {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Which blocks are kept: all but chrome of the best-scoring contiguous span, which crosses no
/// end-of-article cue; in text that is not a scraped page, all but chrome.
fn main_region(blocks: &[Block<'_>]) -> Vec<bool> {
    let mut keep = vec![false; blocks.len()];
    let scraped = blocks.iter().any(|b| b.chrome) || has_menu(blocks);
    if !scraped || !blocks.iter().any(|b| b.class == Class::Good) {
        // Text with no page chrome (newswire, a pasted article) or nothing that reads like an
        // article (a short note, a table): keep all but the chrome.
        for (k, b) in keep.iter_mut().zip(blocks) {
            *k = !b.chrome;
        }
        return keep;
    }
    let mut weight = 1.0f32;
    let mut good_before = 0usize;
    let (mut best, mut best_span) = (0.0f32, None);
    let (mut run, mut run_start) = (0.0f32, 0usize);
    for (i, b) in blocks.iter().enumerate() {
        // An end cue ends an article that has begun, not a menu entry above it.
        if b.cue == Cue::End && good_before >= END_AFTER_CHARS {
            weight = AFTER_END_WEIGHT;
            run = 0.0;
            run_start = i + 1;
            continue;
        }
        let score = match b.class {
            Class::Good => {
                good_before += b.chars;
                let w = match b.first {
                    Class::Short => SHORT_WEIGHT,
                    Class::NearGood => NEAR_WEIGHT,
                    _ => 1.0,
                };
                b.chars as f32 * weight * w
            }
            _ if b.chrome => -(b.chars.min(300) as f32) - CHROME_COST,
            _ => -(b.chars as f32 * OTHER_COST_PER_CHAR) - OTHER_COST,
        };
        if run <= 0.0 {
            run = 0.0;
            run_start = i;
        }
        run += score;
        if run > best {
            best = run;
            best_span = Some((run_start, i));
        }
    }
    if let Some((start, end)) = best_span {
        for i in start..=end {
            keep[i] = !blocks[i].chrome;
        }
    }
    keep
}

#[cfg(test)]
mod tests;

/// Blocks longer than this (in bytes) and punctuated are prose for [`trim_extracted`]: too long
/// for a cue line or a contained cue phrase (at most 80 words), not a tag cloud or a teaser.
const LONG_PROSE_BYTES: usize = 1000;
/// How much of a long block's start is folded to look for a prefix cue.
const HEAD_BYTES: usize = 64;

fn is_long_prose(text: &str) -> bool {
    text.len() > LONG_PROSE_BYTES && text.contains(['.', '!', '?', ',', ';']) && !is_teaser(text)
}

/// The largest character boundary of `text` at or below `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Lower case with curly apostrophes made straight, as cue phrases are written.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' => '\'',
            c => c,
        })
        .collect()
}

/// A run of blocks that repeats earlier ones is a second copy of the content when it has at
/// least this many blocks and characters.
const COPY_MIN_BLOCKS: usize = 3;
const COPY_MIN_CHARS: usize = 400;

/// A table of contents has at least this many entries, each at most this many characters.
const TOC_MIN_ENTRIES: usize = 3;
const TOC_ENTRY_MAX_CHARS: usize = 100;

/// Which blocks form a table of contents: a run of short blocks each of which comes again
/// later as a block of its own (the section headings they link to), numbering aside.
/// Annotators leave tables of contents out; the headings themselves stay.
fn table_of_contents(kept: &[(&Block<'_>, bool)]) -> Vec<bool> {
    let key = |t: &str| {
        t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')' || c == ' ')
            .to_lowercase()
    };
    // Where each text last occurs.
    let mut last: HashMap<String, usize> = HashMap::default();
    for (i, (b, _)) in kept.iter().enumerate() {
        if b.chars <= TOC_ENTRY_MAX_CHARS {
            last.insert(key(b.text), i);
        }
    }
    let entry: Vec<bool> = kept
        .iter()
        .enumerate()
        .map(|(i, (b, _))| {
            b.chars <= TOC_ENTRY_MAX_CHARS && last.get(&key(b.text)).is_some_and(|&j| j > i)
        })
        .collect();
    let mut toc = vec![false; kept.len()];
    for (start, end) in true_runs(&entry) {
        // Only a run under a contents heading: runs of repeated labels are also spec tables
        // and pros and cons.
        let titled = start
            .checked_sub(1)
            .and_then(|h| kept.get(h))
            .is_some_and(|(b, _)| cues::is_contents_title(b.text));
        if titled && end - start >= TOC_MIN_ENTRIES {
            toc[start - 1..end].fill(true);
        }
    }
    toc
}

/// The maximal runs of consecutive `true` in `flags`, as `(start, end)` index ranges.
fn true_runs(flags: &[bool]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i + flags.get(i..)?.iter().position(|&f| f)?;
        let end = start + flags[start..].iter().take_while(|&&f| f).count();
        i = end;
        Some((start, end))
    })
}

/// Which blocks belong to a second copy of the text: runs of consecutive blocks that each
/// repeat an earlier block word for word (mobile and desktop layouts of one article, tabs
/// holding the same text). A single repeated line (a caption under every photo, a price
/// row) is not a copy and stays.
fn repeated_runs(kept: &[(&Block<'_>, bool)]) -> Vec<bool> {
    let mut earlier: HashSet<&str> = HashSet::default();
    let repeat: Vec<bool> = kept.iter().map(|(b, _)| !earlier.insert(b.text)).collect();
    let mut copy = vec![false; kept.len()];
    for (start, end) in true_runs(&repeat) {
        let chars: usize = kept[start..end].iter().map(|(b, _)| b.chars).sum();
        if end - start >= COPY_MIN_BLOCKS && chars >= COPY_MIN_CHARS {
            copy[start..end].fill(true);
        }
    }
    copy
}

/// A block this long (in bytes) is a paragraph of the article body: bylines come before it.
const BODY_PARAGRAPH_BYTES: usize = 200;

/// Contents headings are short: longer blocks are not looked up.
const CONTENTS_TITLE_MAX_CHARS: usize = 40;

/// Share of an extracted article's text after which an end-of-article cue ends it.
const TRIM_TAIL_FROM: f32 = 0.7;

/// Tidies article text that an HTML extractor already chose: drops the blocks that are page
/// chrome by their cue phrase or shape (share bars, "Advertisement", teasers, tag clouds) and
/// cuts the text at an end-of-article cue ("Related articles", "About the author", a comment
/// form, a newsletter pitch) in its last 30%.
///
/// Readability keeps such blocks when they sit inside the article's container. An earlier
/// cue is more often a heading of the article itself, so the cut is limited to the tail.
/// F1 +0.0016 on extraction-dev.
pub(crate) fn trim_extracted(text: &str) -> String {
    let mut blocks = split_blocks(text);
    let mut folded = String::new();
    // Before the first paragraph of the body: where bylines stand.
    let mut in_head = true;
    for b in &mut blocks {
        in_head &= b.text.len() < BODY_PARAGRAPH_BYTES;
        if is_long_prose(b.text) {
            // Most of an article's text: only a prefix cue can make such a block chrome, and
            // folding all of it would cost more than the rest of the trim.
            let head = b
                .text
                .get(..floor_char_boundary(b.text, HEAD_BYTES))
                .unwrap_or("");
            b.cue = cues::prefix_cue(&fold(head));
            b.chrome = b.cue != Cue::None;
            continue;
        }
        // Chrome and cues do not depend on stop words; skipping them saves the lookups.
        classify(b, None, &mut folded);
        // An image caption that readability took for a paragraph.
        b.chrome |= credits::ends_in_photo_credit(&folded) || credits::is_engagement_count(&folded);
        // Annotators leave the byline out; the author is read from the page's metadata.
        b.chrome |= in_head && credits::is_byline(&folded, b.words);
        b.chrome |= credits::is_editorial_stamp(&folded, b.words);
        b.chrome |= credits::is_agency_credit(&folded, b.words);
    }
    let total: usize = blocks.iter().map(|b| b.chars).sum();
    let tail_from = (total as f32 * TRIM_TAIL_FROM) as usize;
    // The blocks that stay by cue and shape, with whether each starts a paragraph.
    let mut kept: Vec<(&Block<'_>, bool)> = Vec::with_capacity(blocks.len());
    let mut pending_para = false;
    let mut seen = 0;
    for b in &blocks {
        pending_para |= b.para;
        if b.cue == Cue::End && seen >= tail_from.max(END_AFTER_CHARS) {
            break;
        }
        seen += b.chars;
        // An author box under the article: its bio reads as prose.
        if b.chrome || (seen - b.chars >= tail_from && credits::is_author_bio(b.text)) {
            continue;
        }
        kept.push((b, pending_para));
        pending_para = false;
    }
    let mut copies = repeated_runs(&kept);
    for (c, t) in copies.iter_mut().zip(table_of_contents(&kept)) {
        *c |= t;
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_para = false;
    for (i, (b, para)) in kept.iter().enumerate() {
        pending_para |= *para;
        if copies.get(i).copied().unwrap_or(false) {
            continue;
        }
        // A contents heading left without its entries (they were links readability dropped,
        // or too few to tell) is a label of the page, not article text.
        if b.chars <= CONTENTS_TITLE_MAX_CHARS && cues::is_contents_title(b.text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(if pending_para { "\n\n" } else { "\n" });
        }
        out.push_str(b.text);
        pending_para = false;
    }
    out
}
