use crate::{Dictionary, Entry, Kind};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use dyad_core::{ActorCode, PartialDate, Span};

/// An actor named in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMatch<'d> {
    /// Where the words stand in the text (byte offsets).
    pub span: Span,
    /// The dictionary entry that matched (code, kind, provenance); for a composed agent
    /// ("Russian troops"), the agent's entry.
    pub entry: &'d Entry,
    /// The country, region or organisation entry an agent was composed with, if any.
    pub modifier: Option<&'d Entry>,
    /// The actor's code: the entry's, or the modifier's block followed by the agent's roles.
    pub code: ActorCode,
}

impl ActorMatch<'_> {
    /// The matched actor's code.
    pub fn code(&self) -> &ActorCode {
        &self.code
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
        let mut patterns: Vec<String> = Vec::new();
        let mut entries: Vec<Vec<usize>> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut add = |variant: String, i: usize| {
            let p = *index.entry(variant.clone()).or_insert_with(|| {
                patterns.push(variant);
                entries.push(Vec::new());
                patterns.len() - 1
            });
            if !entries[p].contains(&i) {
                entries[p].push(i);
            }
        };
        for (i, e) in dict.entries.iter().enumerate() {
            add(e.variant.clone(), i);
            // Agents are common nouns: "Protesters marched" starts a sentence with one.
            if e.kind == Kind::Agent {
                let mut chars = e.variant.chars();
                if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
                    add(first.to_uppercase().chain(chars).collect(), i);
                }
                // Titles are capitalised in news: "Prime Minister", "Foreign Ministry".
                let title: Vec<String> = e
                    .variant
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default()
                    })
                    .collect();
                let title = title.join(" ");
                if title != e.variant {
                    add(title, i);
                }
                // "Ministry of Silly Walks": small words stay lower-case inside a title.
                let small = |w: &str| matches!(w, "of" | "the" | "and" | "for" | "on" | "to");
                if e.variant.split(' ').skip(1).any(small) {
                    let title: Vec<String> = e
                        .variant
                        .split(' ')
                        .enumerate()
                        .map(|(k, w)| {
                            let mut c = w.chars();
                            match c.next() {
                                Some(f) if k == 0 || !small(w) => {
                                    f.to_uppercase().chain(c).collect()
                                }
                                _ => w.to_owned(),
                            }
                        })
                        .collect();
                    let title = title.join(" ");
                    if title != e.variant {
                        add(title, i);
                    }
                }
            }
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
        // "Dol_Amroth": words joined by underscores (as TABARI and PETRARCH texts write
        // names) match as the spaced name; the same byte length keeps every offset.
        let spaced;
        let text = if text.contains('_') {
            spaced = text.replace('_', " ");
            spaced.as_str()
        } else {
            text
        };
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = self.automaton.find(Input::new(text).range(at..)) {
            let (start, end) = (m.start(), m.end());
            at = end;
            // Whole words only: "Iran" must not match inside "Iranian", nor "US" inside "USED".
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric())
                // "U.S." ends with a dot; a following letter would still be a new word.
                || bytes.get(end - 1) == Some(&b'.');
            if !(before_ok && after_ok) {
                // A rejected match must not hide the words it overlapped: "The Ku" inside
                // "The Kuwaiti government" leaves "Kuwaiti" to be found. Search again from
                // the next word after the rejected match's start.
                at = next_word(text, start).max(start + 1);
                while !text.is_char_boundary(at) {
                    at += 1;
                }
                continue;
            }
            let candidates = &self.entries[m.pattern().as_usize()];
            let chosen = candidates
                .iter()
                .map(|&i| &self.dict.entries[i])
                .find(|e| holds_on(e, date));
            if let Some(entry) = chosen {
                let m = ActorMatch {
                    span: Span::new(start, end),
                    entry,
                    modifier: None,
                    code: entry.code.clone(),
                };
                if entry.kind == Kind::Agent {
                    if let Some((composed, replaces)) =
                        out.last().and_then(|prev| compose(text, prev, &m))
                    {
                        match (replaces, out.last_mut()) {
                            (true, Some(prev)) => *prev = composed,
                            _ => out.push(composed),
                        }
                        continue;
                    }
                }
                out.push(m);
            }
        }
        out
    }
}

/// The byte offset of the first word that starts after `from` (or the text's end).
fn next_word(text: &str, from: usize) -> usize {
    let mut seen_gap = false;
    for (i, c) in text[from..].char_indices() {
        if !c.is_alphanumeric() {
            seen_gap = true;
        } else if seen_gap {
            return from + i;
        }
    }
    text.len()
}

/// "Russian troops", "Russia's military", "NATO forces" → one actor with the country's block
/// and the agent's roles, replacing the country match (`true`); "Chinese companies and banks"
/// → the second agent shares the first one's country, as an actor of its own (`false`).
fn compose<'d>(
    text: &str,
    prev: &ActorMatch<'d>,
    agent: &ActorMatch<'d>,
) -> Option<(ActorMatch<'d>, bool)> {
    let between = text.get(prev.span.end..agent.span.start)?.trim();
    let (modifier, start, replaces) = match (prev.entry.kind, prev.modifier) {
        (Kind::Agent, Some(m)) if between == "and" => (m, agent.span.start, false),
        (Kind::Name | Kind::Adj | Kind::Org, _)
            if between.is_empty() || between == "'s" || between == "’s" =>
        {
            (prev.entry, prev.span.start, true)
        }
        _ => return None,
    };
    let code = ActorCode::new(&format!(
        "{}{}",
        country_block(&modifier.code),
        agent.entry.code
    ))
    .ok()?;
    let composed = ActorMatch {
        span: Span::new(start, agent.span.end),
        entry: agent.entry,
        modifier: Some(modifier),
        code,
    };
    Some((composed, replaces))
}

/// The block an agent's roles attach to: the country or region, or `IGOxxx`.
fn country_block(code: &ActorCode) -> &str {
    let s = code.as_str();
    if s.starts_with("IGO") && s.len() >= 6 {
        &s[..6]
    } else {
        &s[..3]
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
    fn a_rejected_match_hides_no_later_word_and_underscores_join_names() {
        let d = dict("USAEDU | name | The Ku\nKUW | name | Kuwaiti\nDOL | name | Dol Amroth\n");
        let m = Matcher::new(&d).unwrap();
        // "The Ku" ends inside "Kuwaiti": it is rejected, and "Kuwaiti" is still found.
        assert_eq!(
            found(&m, "The Kuwaiti government met the Ku.", None),
            [("Kuwaiti".into(), "KUW".into())]
        );
        assert_eq!(
            found(&m, "the Prince of Dol_Amroth", None),
            [("Dol_Amroth".into(), "DOL".into())]
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
    fn agents_take_the_country_named_before_them() {
        let d = Dictionary::builtin().unwrap();
        let m = Matcher::new(&d).unwrap();
        let got = |s: &str| found(&m, s, Some("2024-08-21"));
        assert_eq!(
            got("Ukrainian forces entered the Kursk region."),
            [("Ukrainian forces".into(), "UKRMIL".into())]
        );
        assert_eq!(
            got("Chinese companies and banks have been cautious."),
            [
                ("Chinese companies".into(), "CHNBUS".into()),
                ("banks".into(), "CHNBUS".into())
            ]
        );
        assert_eq!(
            got("Russia's military said"),
            [("Russia's military".into(), "RUSMIL".into())]
        );
        assert_eq!(
            got("NATO forces left."),
            [("NATO forces".into(), "IGONATMIL".into())]
        );
        // Alone, an agent keeps its role; a country elsewhere in the sentence is not taken.
        assert_eq!(
            got("Protesters marched in Kenya."),
            [
                ("Protesters".into(), "OPP".into()),
                ("Kenya".into(), "KEN".into())
            ]
        );
    }

    #[test]
    fn the_builtin_dictionaries_find_the_seed_actors() {
        let d = Dictionary::builtin().unwrap();
        let m = Matcher::new(&d).unwrap();
        let s = "Russian President Vladimir Putin traveled to Beijing, the Kremlin said, as the West watched.";
        let codes: Vec<String> = found(&m, s, None).into_iter().map(|(_, c)| c).collect();
        // "Russian President" composes to RUSGOV; joining it with the name is the coder's job.
        assert_eq!(codes, ["RUSGOV", "RUSGOV", "CHNGOV", "RUSGOV", "WST"]);
    }
}
