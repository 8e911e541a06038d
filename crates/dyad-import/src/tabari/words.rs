//! TABARI words → the word forms dyad matches.
//!
//! TABARI matches a dictionary word as a *stem* (any text word that starts with it) unless the
//! word ends with `_` (the whole word, plus TABARI's regular endings on verbs) or `=` (exactly
//! that word). dyad matches whole words, so a stem is expanded into the stem followed by each
//! of a fixed list of English endings; every form still starts with the stem, so the forms are
//! a subset of what TABARI matches, never more.

/// Endings a stem in an actor phrase is expanded with ("ARGENTIN" → Argentina, Argentine,
/// Argentinian, …; "LEBAN" → Lebanon, Lebanese).
pub(crate) const NAME_SUFFIXES: &[&str] = &[
    "", "s", "es", "n", "ns", "an", "ans", "ian", "ians", "a", "as", "e", "i", "is", "ia", "ias",
    "ese", "on", "ons", "ay", "ays", "egian", "egians", "ish", "ic", "y", "ine", "ines", "o", "os",
    "ite", "ites", "er", "ers",
];

/// Endings a stem in a verb phrase is expanded with ("RESTOR" → restore, restored, restoring,
/// restoration; "CRITICI" → criticize, criticism, …).
pub(crate) const STEM_SUFFIXES: &[&str] = &[
    "", "s", "es", "e", "ed", "d", "en", "ing", "er", "ers", "ion", "ions", "ment", "ments", "y",
    "ies", "ied", "ize", "izes", "ized", "izing", "ise", "ises", "ised", "ising", "ism", "isms",
    "al", "ation", "ations", "ity", "ly", "ive", "ate", "ates", "ated", "ating", "ption", "ptions",
    "est",
];

/// The regular verb endings TABARI adds to a whole-word verb (`VISIT_`: visits, visited, …).
pub(crate) const VERB_ENDINGS: &[&str] = &["", "s", "ed", "es", "en", "ing"];

/// How a TABARI word matches text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum How {
    /// No marker: any word starting with it.
    Stem,
    /// `WORD_`: the whole word (verbs also take the regular endings).
    Whole,
    /// `WORD=`: exactly the word, no endings.
    Bare,
}

/// One dictionary word: its letters (upper case as written) and how it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word without markers.
    pub text: String,
    /// How it matches.
    pub how: How,
}

impl Word {
    /// A word as written, with `=` or `~` markers (a trailing `_` is read by the caller).
    pub fn parse(raw: &str, whole: bool) -> Word {
        if let Some(t) = raw.strip_suffix('=') {
            Word {
                text: t.to_owned(),
                how: How::Bare,
            }
        } else if let Some(t) = raw.strip_suffix('~') {
            Word {
                text: t.to_owned(),
                how: How::Stem,
            }
        } else {
            Word {
                text: raw.to_owned(),
                how: if whole { How::Whole } else { How::Stem },
            }
        }
    }

    /// Lower-case forms of the word in a verb pattern; `verb` adds the regular verb endings
    /// to a whole word.
    pub fn pattern_forms(&self, verb: bool) -> Vec<String> {
        let w = self.text.to_lowercase();
        let mut out = match self.how {
            How::Bare => vec![w.clone()],
            How::Whole if verb => match w.strip_suffix('e') {
                // "accuse": accuses, accused, accusing (and "given"-style participles).
                Some(stem) => vec![
                    w.clone(),
                    format!("{w}s"),
                    format!("{w}d"),
                    format!("{w}n"),
                    format!("{stem}ing"),
                ],
                None => VERB_ENDINGS.iter().map(|e| format!("{w}{e}")).collect(),
            },
            How::Whole => vec![w.clone()],
            How::Stem => stem_forms(&w, STEM_SUFFIXES),
        };
        out.sort();
        out.dedup();
        out
    }
}

/// A stem followed by each suffix, with consonant doubling ("STOP" → stopped, stopping).
pub(crate) fn stem_forms(w: &str, suffixes: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = suffixes.iter().map(|e| format!("{w}{e}")).collect();
    let chars: Vec<char> = w.chars().collect();
    if let [.., a, b, c] = chars.as_slice() {
        let vowel = |x: &char| "aeiou".contains(*x);
        if !vowel(a) && vowel(b) && !vowel(c) && !"wxy".contains(*c) && c.is_alphabetic() {
            for e in ["ed", "ing", "er", "ers"] {
                out.push(format!("{w}{c}{e}"));
            }
        }
    }
    out
}

/// Text variants of an upper-case phrase as names appear in news: "Minas Tirith",
/// "Minas tirith", "MINAS TIRITH", and, for common nouns (`lower`), "minas tirith".
pub(crate) fn case_variants(phrase: &str, lower: bool) -> Vec<String> {
    let low = phrase.to_lowercase();
    let title = |after_hyphen: bool| -> String {
        let mut out = String::with_capacity(low.len());
        let mut start = true;
        for c in low.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            start = c == ' ' || (after_hyphen && c == '-');
        }
        out
    };
    let mut first = String::with_capacity(low.len());
    let mut chars = low.chars();
    if let Some(c) = chars.next() {
        first.extend(c.to_uppercase());
        first.extend(chars);
    }
    // "The AU", "The KU": an article before an acronym, capitalised as a sentence starts.
    let acronym = match phrase.split_once(' ') {
        Some((_, rest)) if phrase.is_ascii() && rest.len() <= 4 && !rest.contains(' ') => {
            let mut a = title(false);
            a.truncate(a.len() - rest.len());
            a.push_str(&rest.to_uppercase());
            a
        }
        _ => String::new(),
    };
    let mut out = vec![
        title(false),
        title(true),
        first,
        phrase.to_uppercase(),
        acronym,
    ];
    if lower {
        out.push(low);
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| !v.is_empty() && seen.insert(v.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_say_how_a_word_matches() {
        assert_eq!(Word::parse("BAN=", false).how, How::Bare);
        assert_eq!(Word::parse("REAL~", true).how, How::Stem);
        assert_eq!(Word::parse("ACT", true).how, How::Whole);
        assert_eq!(Word::parse("RESTOR", false).how, How::Stem);
    }

    #[test]
    fn stems_expand_to_words_that_start_with_them() {
        let f = Word::parse("RESTOR", false).pattern_forms(true);
        for w in ["restore", "restored", "restores", "restoration"] {
            assert!(f.contains(&w.to_owned()), "{w} missing from {f:?}");
        }
        assert!(f.iter().all(|w| w.starts_with("restor")));
        let f = Word::parse("STOP", false).pattern_forms(true);
        assert!(f.contains(&"stopped".to_owned()));
    }

    #[test]
    fn whole_verbs_take_the_regular_endings_and_bare_words_none() {
        let f = Word::parse("VISIT", true).pattern_forms(true);
        assert_eq!(
            f,
            ["visit", "visited", "visiten", "visites", "visiting", "visits"]
        );
        assert_eq!(Word::parse("OF", true).pattern_forms(false), ["of"]);
        assert_eq!(Word::parse("BAN=", false).pattern_forms(true), ["ban"]);
    }

    #[test]
    fn names_come_in_the_cases_news_uses() {
        let v = case_variants("BARAD-DUR", false);
        assert!(v.contains(&"Barad-dur".to_owned()) && v.contains(&"Barad-Dur".to_owned()));
        assert!(v.contains(&"BARAD-DUR".to_owned()));
        assert!(!v.contains(&"barad-dur".to_owned()));
        assert!(case_variants("PRIME MINISTER", true).contains(&"prime minister".to_owned()));
        assert!(case_variants("DANISH BIRDS", false).contains(&"Danish birds".to_owned()));
        assert!(case_variants("THE AU", false).contains(&"The AU".to_owned()));
    }
}
