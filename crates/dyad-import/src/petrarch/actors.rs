//! PETRARCH actor and agent dictionaries → dyad actor lines (see the parent module's docs).

use super::{bracket, plural, strip_comment, strip_html_comments};
use dyad_core::ActorCode;
use std::collections::HashMap;

/// Words written in lower case inside a name ("Prince of Dol Amroth").
const FUNCTION_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "del", "della", "da",
    "van", "von", "der", "den", "y", "la", "le", "bin", "ibn",
];

/// One restriction or default: a code and the days it holds.
struct Coding {
    code: String,
    from: Option<String>,
    to: Option<String>,
    line: usize,
}

#[derive(Default)]
struct Record {
    phrases: Vec<(String, usize)>,
    default: Option<Coding>,
    dated: Vec<Coding>,
}

/// Converts an actor file; returns the dyad text and its number of variants.
pub(super) fn convert_actors(text: &str, skip: &mut impl FnMut(usize, String)) -> (String, usize) {
    let text = strip_html_comments(text);
    let mut out = String::new();
    let mut count = 0;
    let mut rec = Record::default();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        // `#` comments, and TABARI's `;` comments ("JAMES_BYRNES_ ; CountryInfo.txt").
        let content = strip_comment(raw);
        let content = content.split(';').next().unwrap_or("");
        let trimmed = content.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indented = raw.starts_with(|c: char| c.is_whitespace());
        if indented && trimmed.starts_with('[') {
            match parse_coding(trimmed, line) {
                Ok(c) if c.from.is_some() || c.to.is_some() => rec.dated.push(c),
                Ok(c) => {
                    if rec.default.is_none() {
                        rec.default = Some(c);
                    } else {
                        rec.dated.push(c);
                    }
                }
                Err(reason) => skip(line, reason),
            }
            continue;
        }
        let (phrase, code) = match trimmed.find('[') {
            Some(b) => (trimmed[..b].trim(), bracket(trimmed)),
            None => (trimmed, None),
        };
        if let Some(syn) = phrase.strip_prefix('+') {
            rec.phrases.push((syn.trim().to_owned(), line));
            if let (Some(code), None) = (code, rec.default.as_ref()) {
                match parse_coding(code, line) {
                    Ok(c) => rec.default = Some(c),
                    Err(reason) => skip(line, reason),
                }
            }
            continue;
        }
        // A new primary phrase; a record with no code yet takes it as one more phrase.
        let open = rec.default.is_none() && rec.dated.is_empty();
        if !open {
            count += flush(&mut rec, &mut out, skip);
        }
        rec.phrases.push((phrase.to_owned(), line));
        if let Some(code) = code {
            match parse_coding(code, line) {
                Ok(c) if c.from.is_some() || c.to.is_some() => rec.dated.push(c),
                Ok(c) => rec.default = Some(c),
                Err(reason) => skip(line, reason),
            }
        }
    }
    count += flush(&mut rec, &mut out, skip);
    (out, count)
}

/// Writes a record's lines; returns the number of variants written.
fn flush(rec: &mut Record, out: &mut String, skip: &mut impl FnMut(usize, String)) -> usize {
    let rec = std::mem::take(rec);
    if rec.phrases.is_empty() {
        return 0;
    }
    if rec.default.is_none() && rec.dated.is_empty() {
        for (p, line) in &rec.phrases {
            skip(
                *line,
                format!("actor without a code: `{p}` has no [CODE] and no dated codes"),
            );
        }
        return 0;
    }
    let mut variants: Vec<String> = Vec::new();
    for (p, line) in &rec.phrases {
        if p.contains('|') || p.contains(';') {
            skip(
                *line,
                format!("phrase not expressible: `{p}` contains `|` or `;`"),
            );
            continue;
        }
        for v in phrase_forms(p) {
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
    }
    if variants.is_empty() {
        return 0;
    }
    let codings: Vec<&Coding> = rec.dated.iter().chain(rec.default.as_ref()).collect();
    let mut valid: Vec<(&Coding, ActorCode)> = Vec::new();
    for c in codings {
        if c.code.chars().all(|ch| ch == '-') {
            skip(
                c.line,
                format!(
                    "null actor code: `{}` names no actor here; dyad has no null actors",
                    c.code
                ),
            );
            continue;
        }
        if c.code.contains('/') {
            skip(
                c.line,
                format!(
                    "compound actor code: `{}` names several actors; a dyad variant names one",
                    c.code
                ),
            );
            continue;
        }
        match ActorCode::new(&c.code.to_uppercase()) {
            Ok(code) => valid.push((c, code)),
            Err(_) => skip(
                c.line,
                format!(
                    "actor code not expressible: `{}` is not made of three-letter blocks",
                    c.code
                ),
            ),
        }
    }
    let person = valid
        .iter()
        .any(|(c, code)| (c.from.is_some() || c.to.is_some()) && code.as_str().len() > 3);
    let all_short = valid.iter().all(|(_, code)| code.as_str().len() == 3);
    let kind = if person {
        "person"
    } else if all_short {
        "name"
    } else {
        "org"
    };
    let joined = variants.join("; ");
    let mut n = 0;
    for (c, code) in valid {
        let range = match (&c.from, &c.to) {
            (None, None) => String::new(),
            (f, t) => format!(
                " | {}..{}",
                f.as_deref().unwrap_or(""),
                t.as_deref().unwrap_or("")
            ),
        };
        out.push_str(&format!("{code} | {kind} | {joined}{range}\n"));
        n += variants.len();
    }
    n
}

/// `CODE`, `CODE <date`, `CODE >date`, `CODE d1-d2` (blanks allowed around the dates).
fn parse_coding(s: &str, line: usize) -> Result<Coding, String> {
    let s = s
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .trim();
    let (code, rest) = match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    };
    if code.is_empty() {
        return Err(format!("date restriction without a code: `[{s}]`"));
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = |why: &str| format!("bad date restriction: `[{s}]` ({why})");
    let (from, to) = if rest.is_empty() {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(date(d).ok_or_else(|| bad("date"))?))
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(date(d).ok_or_else(|| bad("date"))?), None)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (
            date(a).ok_or_else(|| bad("first date"))?,
            date(b).ok_or_else(|| bad("second date"))?,
        );
        if a > b {
            return Err(bad("ends before it starts"));
        }
        (Some(a), Some(b))
    } else {
        return Err(bad("expected <date, >date or date-date"));
    };
    Ok(Coding {
        code: code.to_owned(),
        from,
        to,
        line,
    })
}

/// `YYYYMMDD` or `YYMMDD` ([`crate::dictionary_date`]) → `YYYY-MM-DD`.
fn date(d: &str) -> Option<String> {
    crate::dictionary_date(d).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The ways a PETRARCH phrase (`MINAS_TIRITH`, `THE_AU`, `BARAD-DUR`) appears in text.
pub(super) fn phrase_forms(phrase: &str) -> Vec<String> {
    let words: Vec<String> = phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let function = |i: usize, w: &str| i > 0 && FUNCTION_WORDS.contains(&w);
    let build = |hyphens_all: bool, acronyms: bool| -> String {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                if function(i, w) {
                    w.clone()
                } else if acronyms
                    && !FUNCTION_WORDS.contains(&w.as_str())
                    && w.chars().filter(|c| c.is_alphabetic()).count() <= 3
                {
                    w.to_uppercase()
                } else {
                    title_word(w, hyphens_all)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut forms = vec![build(true, false), build(false, false)];
    let short = words.iter().any(|w| {
        !FUNCTION_WORDS.contains(&w.as_str())
            && w.chars().filter(|c| c.is_alphabetic()).count() <= 3
    });
    if short {
        forms.push(build(true, true));
    }
    if words[0] == "the" && words.len() > 1 {
        let lower: Vec<String> = forms
            .iter()
            .filter_map(|f| f.strip_prefix("The ").map(|r| format!("the {r}")))
            .collect();
        forms.extend(lower);
    }
    let mut out: Vec<String> = Vec::new();
    for f in forms {
        if !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// "minas" → "Minas"; "barad-dur" → "Barad-Dur" (or "Barad-dur"); "u.n." → "U.N.";
/// "o'neill" → "O'Neill".
fn title_word(w: &str, hyphens_all: bool) -> String {
    let mut out = String::with_capacity(w.len());
    let mut cap = true;
    let mut first_part = true;
    for (i, c) in w.char_indices() {
        if cap && c.is_alphanumeric() {
            out.extend(c.to_uppercase());
            cap = false;
            continue;
        }
        out.push(c);
        match c {
            '.' => cap = true,
            '-' => {
                first_part = false;
                cap = hyphens_all;
            }
            '\'' if i == 1 && first_part => cap = true,
            _ => {}
        }
    }
    out
}

/// Converts an agent file; returns the dyad text and its number of variants.
pub(super) fn convert_agents(text: &str, skip: &mut impl FnMut(usize, String)) -> (String, usize) {
    let text = strip_html_comments(text);
    let mut markers: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = String::new();
    let mut count = 0;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let content = strip_comment(raw).trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('!') {
            if let Some((name, list)) = content.split_once('=') {
                let name = name.trim().trim_matches('!').to_uppercase();
                let members: Vec<String> = list
                    .split(',')
                    .map(|m| m.split_whitespace().collect::<String>().to_lowercase())
                    .filter(|m| !m.is_empty())
                    .collect();
                markers.insert(name, members);
                continue;
            }
        }
        let Some(code) = bracket(content) else {
            skip(line, format!("agent without a code: `{content}`"));
            continue;
        };
        let code: String = code
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            // A stray brace closes some PETRARCH codes: `[~LEG}`.
            .trim_end_matches('}')
            .to_owned();
        let roles = if let Some(r) = code.strip_prefix('~') {
            r.to_uppercase()
        } else if code.ends_with('~') {
            skip(
                line,
                format!(
                    "agent before the actor code not expressible: `[{code}]` puts its code \
                     before the actor's; dyad's agents follow the country (\"Gondor police\")"
                ),
            );
            continue;
        } else {
            skip(
                line,
                format!("agent code without `~`: `[{code}]` says neither before nor after"),
            );
            continue;
        };
        if ActorCode::new(&roles).is_err() {
            skip(
                line,
                format!("agent code not expressible: `{roles}` is not made of three-letter blocks"),
            );
            continue;
        }
        let head = content.split('[').next().unwrap_or("");
        let (phrase, plural_spec) = match (head.find('{'), head.find('}')) {
            (Some(a), Some(b)) if a < b => (head[..a].trim(), Some(head[a + 1..b].trim())),
            _ => (head.trim(), None),
        };
        let words = |p: &str| -> String {
            p.split(|c: char| c == '_' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let phrase = words(phrase);
        if phrase.is_empty() || phrase.contains('|') || phrase.contains(';') {
            skip(line, format!("agent phrase not expressible: `{content}`"));
            continue;
        }
        let mut variants: Vec<String> = Vec::new();
        if phrase.contains('!') {
            match expand_markers(&phrase, &markers) {
                Ok(v) => variants = v,
                Err(m) => {
                    skip(
                        line,
                        format!("undefined substitution marker: `!{m}!` is not defined above"),
                    );
                    continue;
                }
            }
        } else {
            variants.push(phrase.clone());
            match plural_spec {
                Some("") => {}
                Some(p) => variants.push(words(p)),
                None => {
                    let (init, last) = match phrase.rsplit_once(' ') {
                        Some((a, b)) => (format!("{a} "), b.to_owned()),
                        None => (String::new(), phrase.clone()),
                    };
                    variants.push(format!("{init}{}", plural(&last)));
                }
            }
        }
        variants.dedup();
        count += variants.len();
        out.push_str(&format!("{roles} | agent | {}\n", variants.join("; ")));
    }
    (out, count)
}

/// `congress!person!` → congressman, congressmen, …
fn expand_markers(
    phrase: &str,
    markers: &HashMap<String, Vec<String>>,
) -> Result<Vec<String>, String> {
    let Some(a) = phrase.find('!') else {
        return Ok(vec![phrase.to_owned()]);
    };
    let Some(len) = phrase[a + 1..].find('!') else {
        return Err(phrase[a + 1..].to_owned());
    };
    let name = &phrase[a + 1..a + 1 + len];
    let members = markers
        .get(&name.to_uppercase())
        .ok_or_else(|| name.to_owned())?;
    let rest = &phrase[a + len + 2..];
    let mut out = Vec::new();
    for m in members {
        for tail in expand_markers(rest, markers)? {
            out.push(format!("{}{m}{tail}", &phrase[..a]));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(text: &str) -> (String, Vec<(usize, String)>) {
        let mut skipped = Vec::new();
        let (out, _) = convert_actors(text, &mut |l, r| skipped.push((l, r)));
        (out, skipped)
    }

    fn agents(text: &str) -> (String, Vec<(usize, String)>) {
        let mut skipped = Vec::new();
        let (out, _) = convert_agents(text, &mut |l, r| skipped.push((l, r)));
        (out, skipped)
    }

    #[test]
    fn phrases_are_written_as_text_shows_them() {
        assert_eq!(phrase_forms("MINAS_TIRITH"), ["Minas Tirith"]);
        assert_eq!(
            phrase_forms("PRINCE OF DOL AMROTH"),
            ["Prince of Dol Amroth", "Prince of DOL Amroth"]
        );
        assert!(phrase_forms("THE_AU").contains(&"The AU".to_owned()));
        assert!(phrase_forms("THE_AU").contains(&"the AU".to_owned()));
        assert!(phrase_forms("BARAD-DUR").contains(&"Barad-dur".to_owned()));
        assert!(phrase_forms("AL-QAEDA").contains(&"Al-Qaeda".to_owned()));
        assert!(phrase_forms("U.N.").contains(&"U.N.".to_owned()));
        assert!(phrase_forms("PRESIDENT_GEORGE_W._BUSH")
            .contains(&"President George W. Bush".to_owned()));
    }

    #[test]
    fn synonyms_and_codes_make_one_line() {
        let (out, skipped) = actors("AUSTRALIA [AUS]\n+AUSTRALIAN\nGONDOR [GON]\n+MINAS_TIRITH\n");
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(
            out,
            "AUS | name | Australia; Australian\nGON | name | Gondor; Minas Tirith\n"
        );
    }

    #[test]
    fn date_restrictions_come_before_the_default() {
        let text = "SAM_GAMGEE [HOB]  # default\n\t[HOBCIV <20080120]\n\t[ORCHOB 20100109-20100112]\n\t[HOBELI >130119]\n";
        let (out, skipped) = actors(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "HOBCIV | person | Sam Gamgee; SAM Gamgee | ..2008-01-20",
                "ORCHOB | person | Sam Gamgee; SAM Gamgee | 2010-01-09..2010-01-12",
                "HOBELI | person | Sam Gamgee; SAM Gamgee | 2013-01-19..",
                "HOB | person | Sam Gamgee; SAM Gamgee",
            ]
        );
        let (entries, errors) = dyad_recognise::parse("t.txt", &out);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(entries.len(), 8);
    }

    #[test]
    fn records_without_a_primary_code_take_their_tab_lines() {
        let text = "GOLLUM  # pas\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n#\t[950601-990815]\n\nZIMBABWE\n\t[RHO <790606]\n\t[ZBW]\n";
        let (out, skipped) = actors(text);
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(
            out.contains("HOB | person | Gollum; Smeagol | ..1995-06-01\n"),
            "{out}"
        );
        assert!(
            out.contains("HOBGOV | person | Gollum; Smeagol | 1995-06-01..1999-08-15\n"),
            "{out}"
        );
        assert!(
            out.ends_with("RHO | name | Zimbabwe | ..1979-06-06\nZBW | name | Zimbabwe\n"),
            "{out}"
        );
    }

    #[test]
    fn codes_dyad_cannot_hold_are_reported() {
        let text = "BOROMIR  [---]\nNORTH_YEMEN  [YEMNO]\nTHE_SHIRE  [FRO/BIL/SAM]\nENT\n\t[ENT]\nDOL\n\t[--- <950630]\n\t[DOL]\nPALESTINIAN [pse]\nBAD [XXX 1999]\n";
        let (out, skipped) = actors(text);
        let reasons: Vec<&str> = skipped
            .iter()
            .map(|(_, r)| r.split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(
            reasons,
            [
                "null actor code",
                "actor code not expressible",
                "compound actor code",
                "null actor code",
                "bad date restriction",
                "actor without a code",
            ],
            "{skipped:?}"
        );
        assert!(out.contains("ENT | name | Ent; ENT\n"), "{out}");
        assert!(out.contains("DOL | name | Dol; DOL\n"), "{out}");
        assert!(out.contains("PSE | name | Palestinian\n"), "{out}");
    }

    #[test]
    fn agents_get_plurals_and_substitutions() {
        let text = "!PERSON! = MAN, MEN\nPOLICE {} [ ~COP] # x\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nCONGRESS!PERSON! [~LEG]\nSOLDIER  [~MIL]\nAUTHORITY [~GOV]\nMSF {}  [NGO~]\nX [~!!]\n";
        let (out, skipped) = agents(text);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "COP | agent | police",
                "GOV | agent | attorney general; attorneys general",
                "LEG | agent | congressman; congressmen",
                "MIL | agent | soldier; soldiers",
                "GOV | agent | authority; authorities",
            ]
        );
        assert_eq!(skipped.len(), 2, "{skipped:?}");
        assert!(skipped[0].1.starts_with("agent before the actor code"));
        let (entries, errors) = dyad_recognise::parse("t.txt", &out);
        assert!(errors.is_empty() && entries.len() == 9, "{errors:?}");
    }
}
