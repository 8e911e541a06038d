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
    fn body_sentences_are_not_titles() {
        assert_eq!(
            guess_title("The ministers met on Monday in the capital."),
            None
        );
        assert_eq!(guess_title(""), None);
    }
}
