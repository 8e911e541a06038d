/// How many blocks from the top a headline may stand at.
const TITLE_WINDOW: usize = 8;

/// Guesses the headline of normalised plain text: the first of its top blocks that reads like
/// one — four to thirty words, a capital or digit first, no final period, colon or question
/// mark. Share bars ("Share"), menus ("Latest News") and prompts ("Hi, what are you looking
/// for?") fail those tests.
pub fn guess_title(text: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TITLE_WINDOW)
        .find(|l| looks_like_headline(l))
        .map(str::to_owned)
}

/// How many blocks before the body a headline may stand at in scraped text (bylines, dates,
/// captions and share bars come between).
const HEADLINE_WINDOW: usize = 12;

/// The index of the headline among a document's blocks, searched before the first body block
/// `body`. Only `eligible` blocks (not page chrome, not prose) count; bylines, datelines and
/// photo credits are passed over. Candidates are scored by shape — a headline has some six to
/// sixteen words, a category label above it ("China & Russia Cooperation") or a section
/// heading fewer — and by closeness to the body.
pub(crate) fn pick_headline(blocks: &[&str], eligible: &[bool], body: usize) -> Option<usize> {
    let body = body.min(blocks.len());
    let mut best: Option<(f32, usize)> = None;
    let start = body.saturating_sub(HEADLINE_WINDOW);
    for (i, &line) in blocks.iter().enumerate().take(body).skip(start) {
        if !eligible.get(i).copied().unwrap_or(false)
            || !looks_like_headline_allowing_questions(line)
            || looks_like_byline_or_caption(line)
        {
            continue;
        }
        let words = line
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        if words < 4 {
            continue;
        }
        // Headlines run some six to sixteen words; a standfirst below one runs longer.
        let shape = words.min(12) as f32 / 12.0 - 0.04 * words.saturating_sub(16) as f32;
        let score = shape - 0.08 * (body - i) as f32;
        if best.is_none_or(|(s, _)| score >= s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// [`looks_like_headline`], but a headline may ask a question or exclaim.
fn looks_like_headline_allowing_questions(line: &str) -> bool {
    looks_like_headline(line.trim_end_matches(['?', '!']))
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Bylines ("By Jane Doe and John Roe"), datelines ("Published 12 March 2024 10:30") and photo
/// credits are headline-shaped but are not headlines.
fn looks_like_byline_or_caption(line: &str) -> bool {
    let lower = line.to_lowercase();
    let starts = [
        "by ",
        "posted",
        "published",
        "updated",
        "last updated",
        "written by",
        "photo",
        "image",
        "file photo",
        "credit",
        "you are here",
    ];
    if starts.iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    // "ByAngela Carpenter": a byline glued to its label.
    if line
        .strip_prefix("By")
        .is_some_and(|rest| rest.starts_with(char::is_uppercase))
    {
        return true;
    }
    // Breadcrumbs: "Home > Blog > Top Dental Resolutions for 2025".
    let separators: usize = [" > ", " » ", " / ", " › "]
        .iter()
        .map(|s| line.matches(s).count())
        .sum();
    if separators >= 2 || (lower.starts_with("home") && separators >= 1) {
        return true;
    }
    let credits = [
        "getty images",
        "reuters/",
        "/ap",
        "ap photo",
        "(photo",
        "afp/",
        "/afp",
    ];
    if credits.iter().any(|s| lower.contains(s)) {
        return true;
    }
    // A date: a digit and a month name, in a line of few other words.
    let words = lower.split_whitespace().count();
    let has_digit = lower.chars().any(|c| c.is_ascii_digit());
    let has_month = lower
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)) && w.len() <= 9);
    has_digit && has_month && words <= 8
}

fn looks_like_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let first_ok = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
    let last_ok = !line.ends_with(['.', ':', '?', ',', ';']);
    (4..=30).contains(&words) && line.len() <= 300 && first_ok && last_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_site_chrome_to_the_headline() {
        let text = "Share\n\nConnect with us\n\nHi, what are you looking for?\n\nLatest News\n\n\
                    Ministers agree to extend the grain corridor for a year\n\nThe ministers met.";
        assert_eq!(
            guess_title(text).as_deref(),
            Some("Ministers agree to extend the grain corridor for a year")
        );
    }

    #[test]
    fn headline_is_the_nearest_before_the_body() {
        let blocks = [
            "China & Russia Cooperation",
            "Russia-China trade to reach record $100 billion by year-end – Putin",
            "Published 12 March 2024 10:30",
            "Trade between Moscow and Beijing has grown 31 percent this year.",
        ];
        let eligible = [true, true, true, false];
        assert_eq!(pick_headline(&blocks, &eligible, 3), Some(1));
        assert_eq!(pick_headline(&blocks, &[false; 4], 3), None);
        assert_eq!(pick_headline(&blocks, &eligible, 0), None);
    }

    #[test]
    fn body_sentences_are_not_titles() {
        assert_eq!(
            guess_title("The ministers met on Monday in the capital."),
            None
        );
        assert_eq!(guess_title(""), None);
    }
}
