//! Credit lines of images and articles: captions ending in a photo credit, bylines.

use std::sync::LazyLock;

/// The phrase lists of this module, each read once from its data file.
struct Lists {
    labels: Vec<&'static str>,
    byline_labels: Vec<&'static str>,
    counted: Vec<&'static str>,
    stamps: Vec<&'static str>,
    agencies: Vec<&'static str>,
    roles: Vec<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    labels: phrases(LABELS),
    byline_labels: phrases(BYLINE_LABELS),
    counted: phrases(COUNTED),
    stamps: phrases(STAMPS),
    agencies: phrases(AGENCIES),
    roles: phrases(ROLES),
});

const LABELS: &str = include_str!("../../data/photo-credit-labels.txt");
const BYLINE_LABELS: &str = include_str!("../../data/byline-labels.txt");

/// A byline names one or two people and maybe a date: at most this many words.
pub(super) const BYLINE_MAX_WORDS: usize = 8;

/// A credit names a photographer or agency: at most this many characters after its label.
const CREDIT_MAX_CHARS: usize = 60;

/// A caption is a sentence or two: longer blocks are prose that happens to end in a name.
pub(super) const CAPTION_MAX_CHARS: usize = 400;

fn labels() -> &'static [&'static str] {
    &LISTS.labels
}

fn byline_labels() -> &'static [&'static str] {
    &LISTS.byline_labels
}

/// The phrases of a data file: its lines but blank ones and `#` comments.
fn phrases(file: &'static str) -> Vec<&'static str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Whether the (lower-cased) block of `words` words is a byline: a label from
/// `data/byline-labels.txt`, then a name, and no sentence ("By establishing a process;" is
/// prose). Only meaningful above the article body, where the caller looks for it: the same
/// shape further down is a section heading ("By audience").
pub(super) fn is_byline(folded: &str, words: usize) -> bool {
    if words > BYLINE_MAX_WORDS || folded.ends_with(['.', ';', ':', '?', '!']) {
        return false;
    }
    byline_labels().iter().any(|label| {
        folded
            .strip_prefix(label)
            .is_some_and(|rest| rest.starts_with(' ') && !rest.trim().is_empty())
    })
}

/// Whether the (lower-cased) block ends in a photo credit: a label from
/// `data/photo-credit-labels.txt` opening the block or following a space, `|`, `(` or `.`,
/// then `:` or `by`, then a short name without sentence punctuation ("… Credit: Nell Achter").
/// Readability keeps such captions when the image sits among the paragraphs and its caption
/// is not a `<figcaption>`; annotators leave them out.
pub(super) fn ends_in_photo_credit(folded: &str) -> bool {
    if folded.len() > CAPTION_MAX_CHARS {
        return false;
    }
    let text = folded.trim_end();
    // A credit's label stands right before its `:` or `by`, and a name holds neither a colon
    // nor (as a rule) the word "by": only the last few of them can start the credit. Looking
    // there rather than for every label costs a tenth.
    let colon = text.rfind(':');
    let bys = text
        .rmatch_indices("by")
        .map(|(at, _)| at)
        .filter(|&at| {
            let after = &text[at + 2..];
            at > 0
                && text[..at].ends_with(char::is_whitespace)
                && (after.starts_with(char::is_whitespace) || after.starts_with(':'))
        })
        .take(2);
    colon.into_iter().chain(bys).any(|at| {
        let head = text[..at].trim_end();
        labels().iter().any(|label| {
            head.strip_suffix(label).is_some_and(|before| {
                let before_ok = before
                    .chars()
                    .next_back()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '|' | '(' | '.'));
                before_ok && is_credit(&text[head.len()..])
            })
        })
    })
}

/// Whether what follows a label is `: Name` or `by Name` with a short name.
fn is_credit(rest: &str) -> bool {
    let rest = rest.trim_start();
    let (name, colon) = if let Some(r) = rest.strip_prefix(':') {
        (r, true)
    } else if let Some(r) = rest
        .strip_prefix("by")
        .filter(|r| r.starts_with(char::is_whitespace) || r.starts_with(':'))
    {
        let r = r.trim_start();
        r.strip_prefix(':').map_or((r, false), |r| (r, true))
    } else {
        return false;
    };
    // "(Photo: Getty)", "Photo by: 'Neil Thomas'.": brackets, quotes and, after a colon, a
    // final period are around the name, not part of it. Without the colon a final period
    // ends a sentence ("offered credit by the state bank.").
    let name = name.trim().trim_end_matches(')');
    let name = if colon {
        name.trim_end_matches('.')
    } else {
        name
    };
    let name = name.trim_matches(['\'', '"', '‘', '’', '“', '”']).trim();
    !name.is_empty()
        && name.chars().count() <= CREDIT_MAX_CHARS
        && !name.contains(['.', '!', '?', ':', ';'])
}

const COUNTED: &str = include_str!("../../data/engagement-counts.txt");

fn counted() -> &'static [&'static str] {
    &LISTS.counted
}

/// Whether the (lower-cased) block is an engagement count: a number, maybe abbreviated
/// ("3.0k"), then a word from `data/engagement-counts.txt` ("139 shares", "2comments"). Share
/// bars and comment links show them beside the headline; readability keeps them when they sit
/// in the article's container.
pub(super) fn is_engagement_count(folded: &str) -> bool {
    let text = folded.trim();
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if rest.len() == text.len() {
        return false;
    }
    let rest = rest.strip_prefix(['k', 'm']).unwrap_or(rest).trim_start();
    counted().contains(&rest)
}

const STAMPS: &str = include_str!("../../data/article-stamps.txt");

/// An editorial stamp is a label, a name or a date: at most this many words.
pub(super) const STAMP_MAX_WORDS: usize = 12;

fn stamps() -> &'static [&'static str] {
    &LISTS.stamps
}

/// Whether the (lower-cased) block of `words` words is an editorial stamp: a label from
/// `data/article-stamps.txt` opening it, ending at a word boundary. The date and author
/// are read from the page's metadata; annotators leave the stamp out.
pub(super) fn is_editorial_stamp(folded: &str, words: usize) -> bool {
    words <= STAMP_MAX_WORDS
        && stamps().iter().any(|label| {
            folded.strip_prefix(label).is_some_and(|rest| {
                label.ends_with(':') || rest.is_empty() || !rest.starts_with(char::is_alphanumeric)
            })
        })
}

const AGENCIES: &str = include_str!("../../data/photo-agencies.txt");

/// An agency credit names an agency and a photographer: at most this many words.
pub(super) const AGENCY_CREDIT_MAX_WORDS: usize = 8;

fn agencies() -> &'static [&'static str] {
    &LISTS.agencies
}

/// Whether the (lower-cased) block of `words` words is an agency credit: it opens with an
/// agency from `data/photo-agencies.txt` followed by `/`, or ends with `/` and an agency.
/// The slash is what tells a credit from a sentence or headline naming the agency.
pub(super) fn is_agency_credit(folded: &str, words: usize) -> bool {
    if words > AGENCY_CREDIT_MAX_WORDS || !folded.contains('/') {
        return false;
    }
    let text = folded.trim();
    agencies().iter().any(|agency| {
        text.strip_prefix(agency)
            .is_some_and(|rest| rest.trim_start().starts_with('/'))
            || text
                .strip_suffix(agency)
                .is_some_and(|rest| rest.trim_end().ends_with('/'))
    })
}

const ROLES: &str = include_str!("../../data/author-roles.txt");

/// Words after "is a" within which a bio names its subject's role.
const ROLE_WITHIN_WORDS: usize = 8;
/// Words of a name before "is".
const NAME_MAX_WORDS: usize = 4;

fn roles() -> &'static [&'static str] {
    &LISTS.roles
}

/// Whether the block opens like an author bio: a capitalised name of up to four words, "is
/// a" / "is an" / "has been a", and a role from `data/author-roles.txt` within the next few
/// words ("Joss Kereven is a freelance writer and researcher."). Only meaningful in an
/// article's tail, where author boxes stand; the caller looks there only.
pub(super) fn is_author_bio(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let mut name = 0;
    for w in words.by_ref() {
        if w == "is" || w == "has" {
            break;
        }
        name += 1;
        if name > NAME_MAX_WORDS || !w.starts_with(char::is_uppercase) {
            return false;
        }
    }
    if name == 0 {
        return false;
    }
    let mut rest = words.take(ROLE_WITHIN_WORDS + 2).peekable();
    if rest.peek() == Some(&"been") {
        rest.next();
    }
    if !rest.next().is_some_and(|a| a == "a" || a == "an") {
        return false;
    }
    rest.take(ROLE_WITHIN_WORDS).any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        roles().contains(&w.as_str())
    })
}
