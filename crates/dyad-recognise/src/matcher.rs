use crate::{Dictionary, Entry, Kind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use dyad_core::{ActorCode, PartialDate, Span};

/// An actor named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatch<'d> {
    /// Where the words stand in the text (byte offsets).
    pub span: Span,
    /// The dictionary entry that matched (code, kind, provenance).
    pub entry: &'d Entry,
}

impl ActorMatch<'_> {
    /// The matched actor's code.
    pub fn code(&self) -> &ActorCode {
        &self.entry.code
    }

    /// How the words name the actor.
    pub fn kind(&self) -> Kind {
        self.entry.kind
    }
}

/// Finds dictionary actors in text: one Aho-Corasick automaton over every variant, leftmost
/// longest match ("People's Republic of China" beats "Republic of China"), whole words only,
/// and date-bounded entries chosen by the document date.
pub struct Matcher<'d> {
    dict: &'d Dictionary,
    automaton: AhoCorasick,
    /// For each pattern, the entries (several when dates differ) it stands for.
    entries: Vec<Vec<usize>>,
}

impl<'d> Matcher<'d> {
    /// Builds the automaton over every variant of `dict`.
    pub fn new(dict: &'d Dictionary) -> Result<Self, aho_corasick::BuildError> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut entries: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for (i, e) in dict.entries.iter().enumerate() {
            let p = *index.entry(e.variant.as_str()).or_insert_with(|| {
                patterns.push(e.variant.as_str());
                entries.push(Vec::new());
                patterns.len() - 1
            });
            entries[p].push(i);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)?;
        Ok(Matcher {
            dict,
            automaton,
            entries,
        })
    }

    /// Actors named in `text`, in order, for a document dated `date` (undated entries always
    /// hold; dated ones only when `date` falls in their range, or when no date is known).
    pub fn find(&self, text: &str, date: Option<PartialDate>) -> Vec<ActorMatch<'d>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for m in self.automaton.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            // Whole words only: "Iran" must not match inside "Iranian", nor "US" inside "USED".
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
                // "U.S." ends with a dot; a following letter would still be a new word.
                || bytes.get(end - 1) == Some(&b'.');
            if !(before_ok && after_ok) {
                continue;
            }
            let candidates = &self.entries[m.pattern().as_usize()];
            let chosen = candidates
                .iter()
                .map(|&i| &self.dict.entries[i])
                .find(|e| holds_on(e, date));
            if let Some(entry) = chosen {
                out.push(ActorMatch {
                    span: Span::new(start, end),
                    entry,
                });
            }
        }
        out
    }
}

fn holds_on(e: &Entry, date: Option<PartialDate>) -> bool {
    let Some(d) = date else { return true };
    e.from.is_none_or(|f| f <= d) && e.to.is_none_or(|t| d <= t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    fn dict(text: &str) -> Dictionary {
        let (entries, errors) = parse("t.txt", text);
        assert!(errors.is_empty(), "{errors:?}");
        Dictionary { entries }
    }

    fn found(m: &Matcher<'_>, text: &str, date: Option<&str>) -> Vec<(String, String)> {
        m.find(text, date.map(|d| d.parse().unwrap()))
            .into_iter()
            .map(|a| {
                (
                    text[a.span.start..a.span.end].to_owned(),
                    a.code().to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn longest_whole_word_matches_win() {
        let d = dict(
            "CHN | name | China; People's Republic of China\nTWN | name | Taiwan; Republic of China\nIRN | name | Iran\nIRN | adj | Iranian\nUSA | name | U.S.; US\n",
        );
        let m = Matcher::new(&d).unwrap();
        assert_eq!(
            found(&m, "The People's Republic of China and Iran met.", None),
            [
                ("People's Republic of China".into(), "CHN".into()),
                ("Iran".into(), "IRN".into())
            ]
        );
        assert_eq!(
            found(&m, "Iranian and USED", None),
            [("Iranian".into(), "IRN".into())]
        );
        assert_eq!(
            found(&m, "the U.S.-led talks", None),
            [("U.S.".into(), "USA".into())]
        );
    }

    #[test]
    fn dated_entries_follow_the_document_date() {
        let d = dict(
            "RUS | name | Russia\nRUSGOV | person | Medvedev | 2008-05-07..2012-05-07\nRUSLEG | person | Medvedev | 2012-05-08..\n",
        );
        let m = Matcher::new(&d).unwrap();
        assert_eq!(
            found(&m, "Medvedev spoke.", Some("2010-01-01"))[0].1,
            "RUSGOV"
        );
        assert_eq!(
            found(&m, "Medvedev spoke.", Some("2020-01-01"))[0].1,
            "RUSLEG"
        );
        assert_eq!(
            found(&m, "Medvedev spoke.", None)[0].1,
            "RUSGOV",
            "first entry without a date"
        );
    }

    #[test]
    fn the_builtin_dictionaries_find_the_seed_actors() {
        let d = Dictionary::builtin().unwrap();
        let m = Matcher::new(&d).unwrap();
        let s = "Russian President Vladimir Putin traveled to Beijing, the Kremlin said, as the West watched.";
        let codes: Vec<String> = found(&m, s, None).into_iter().map(|(_, c)| c).collect();
        assert_eq!(codes, ["RUS", "RUSGOV", "CHNGOV", "RUSGOV", "WST"]);
    }
}
