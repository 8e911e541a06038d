//! Image captions recognised by the photo credit that ends them.

use std::sync::OnceLock;

const LABELS: &str = include_str!("../../data/photo-credit-labels.txt");

/// A credit names a photographer or agency: at most this many characters after its label.
const CREDIT_MAX_CHARS: usize = 60;

/// A caption is a sentence or two: longer blocks are prose that happens to end in a name.
pub(super) const CAPTION_MAX_CHARS: usize = 400;

fn labels() -> &'static [&'static str] {
    static LABELS_TABLE: OnceLock<Vec<&'static str>> = OnceLock::new();
    LABELS_TABLE.get_or_init(|| {
        LABELS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether the (lower-cased) block ends in a photo credit: a label from
/// `data/photo-credit-labels.txt` opening the block or following a space, `|`, `(` or `.`,
/// then `:` or `by`, then a short name without sentence punctuation ("… Credit: Sam Schild").
/// Readability keeps such captions when the image sits among the paragraphs and its caption
/// is not a `<figcaption>`; annotators leave them out.
pub(super) fn ends_in_photo_credit(folded: &str) -> bool {
    if folded.len() > CAPTION_MAX_CHARS {
        return false;
    }
    let text = folded.trim_end();
    labels().iter().any(|label| {
        text.rmatch_indices(label).take(2).any(|(at, _)| {
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '|' | '(' | '.'));
            before_ok && is_credit(&text[at + label.len()..])
        })
    })
}

/// Whether what follows a label is `: Name` or `by Name` with a short name.
fn is_credit(rest: &str) -> bool {
    let rest = rest.trim_start();
    let name = if let Some(r) = rest.strip_prefix(':') {
        r
    } else if let Some(r) = rest
        .strip_prefix("by")
        .filter(|r| r.starts_with(char::is_whitespace) || r.starts_with(':'))
    {
        let r = r.trim_start();
        r.strip_prefix(':').unwrap_or(r)
    } else {
        return false;
    };
    let name = name.trim().trim_end_matches(')').trim_end();
    !name.is_empty()
        && name.chars().count() <= CREDIT_MAX_CHARS
        && !name.contains(['.', '!', '?', ':', ';'])
}
