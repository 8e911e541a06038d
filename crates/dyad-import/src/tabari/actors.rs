//! TABARI `.actors` and `.agents` files → dyad actor lines.
//!
//! TABARI entries are `PHRASE [CODE] ; comment`, or a synonym block: a phrase, `+SYNONYM`
//! lines, then indented `[CODE …]` lines. A code may be date-restricted (`[CODE <YYMMDD]`,
//! `[CODE >YYMMDD]`, `[CODE YYMMDD-YYMMDD]`), and the restrictions are tried in order with the
//! unrestricted code as the default; each code becomes one dyad line whose date range is the
//! part of the calendar where TABARI would choose it. Agents (`[~GOV]`) become dyad `agent`
//! lines (roles only: dyad composes them after the country named before them).

use super::dates::{self, Range};
use super::words::{case_variants, stem_forms, Word, NAME_SUFFIXES};
use super::Output;
use dyad_core::ActorCode;

/// A code as written inside `[...]`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Code {
    /// `---`: not an actor.
    Null,
    /// `###`: the sentence is discarded.
    Discard,
    /// `+++`: the sentence is complex (TABARI sets it aside).
    Complex,
    /// An actor code, possibly compound (`A/B`) or an agent (`~GOV`, `NGM~`).
    Actor(String),
}

/// One `[...]` block: its code and date restriction.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Restricted {
    code: Code,
    range: Option<Range>,
}

fn parse_block(inner: &str) -> Result<Restricted, String> {
    let inner = inner.trim();
    let (code, rest) = match inner.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() || code.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("code block [{inner}] has no code"));
    }
    let code = match code {
        "---" => Code::Null,
        "###" => Code::Discard,
        "+++" => Code::Complex,
        c => Code::Actor(c.to_owned()),
    };
    let range = if rest.is_empty() {
        None
    } else {
        Some(dates::parse_restriction(rest)?)
    };
    Ok(Restricted { code, range })
}

/// All `[...]` blocks of a line; `Err` names what is malformed.
fn parse_blocks(s: &str) -> Result<Vec<Restricted>, String> {
    let mut out = Vec::new();
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(open) = rest.strip_prefix('[') else {
            return Err(format!("unexpected text {rest:?} after the code"));
        };
        let Some(close) = open.find(']') else {
            return Err("missing `]`".into());
        };
        out.push(parse_block(&open[..close])?);
        rest = open[close + 1..].trim_start();
    }
    if out.is_empty() {
        return Err("no code".into());
    }
    Ok(out)
}

/// An entry being assembled: phrases (with their lines) and code blocks.
#[derive(Default)]
struct Pending {
    phrases: Vec<(String, usize)>,
    blocks: Vec<Restricted>,
    line: usize,
}

/// Converts one `.actors` (or `.agents`) file; returns the dyad file text and its number of
/// variants.
pub(crate) fn convert(file: &std::path::Path, text: &str, out: &mut Output) -> (String, usize) {
    let mut lines_out = vec![format!(
        "# Converted from TABARI {} by `dyad dict import --format tabari`.",
        file.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    )];
    let mut count = 0;
    let mut pending: Option<Pending> = None;
    let mut section: Option<String> = None;
    let mut flush = |p: Option<Pending>, lines_out: &mut Vec<String>, out: &mut Output| {
        if let Some(p) = p {
            count += emit(file, p, lines_out, out);
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let indented = raw.starts_with([' ', '\t']);
        let content = raw.split(';').next().unwrap_or("").trim();
        if content.starts_with("~~") {
            break;
        }
        if content.is_empty() || content.starts_with('#') || content.starts_with('/') {
            continue;
        }
        if let Some(name) = content.strip_prefix("</") {
            let _ = name;
            section = None;
            continue;
        }
        if let Some(name) = content.strip_prefix('<') {
            flush(pending.take(), &mut lines_out, out);
            section = Some(name.trim_end_matches('>').to_owned());
            continue;
        }
        if let Some(sec) = &section {
            out.skip(
                file,
                n,
                format!(
                    "<{sec}> list: dyad has no noun or adjective lists (TABARI uses them only to parse compounds)"
                ),
            );
            continue;
        }
        if let Some(syn) = content.strip_prefix('+') {
            match pending.as_mut() {
                Some(p) if p.blocks.is_empty() => p.phrases.push((syn.trim().to_owned(), n)),
                _ => out.skip(file, n, "synonym `+…` outside an actor block".into()),
            }
            continue;
        }
        if indented && content.starts_with('[') {
            match (pending.as_mut(), parse_blocks(content)) {
                (Some(p), Ok(b)) => p.blocks.extend(b),
                (None, _) => out.skip(file, n, "code line outside an actor block".into()),
                (Some(_), Err(e)) => out.skip(file, n, e),
            }
            continue;
        }
        // A new phrase, with or without its codes.
        flush(pending.take(), &mut lines_out, out);
        match content.find('[') {
            None => {
                pending = Some(Pending {
                    phrases: vec![(content.to_owned(), n)],
                    blocks: Vec::new(),
                    line: n,
                })
            }
            Some(b) => match parse_blocks(&content[b..]) {
                Ok(blocks) => {
                    pending = Some(Pending {
                        phrases: vec![(content[..b].trim().to_owned(), n)],
                        blocks,
                        line: n,
                    })
                }
                Err(e) => out.skip(file, n, e),
            },
        }
    }
    flush(pending.take(), &mut lines_out, out);
    lines_out.push(String::new());
    (lines_out.join("\n"), count)
}

/// Writes the dyad lines of one entry; returns the number of variants written.
fn emit(file: &std::path::Path, p: Pending, lines: &mut Vec<String>, out: &mut Output) -> usize {
    if p.blocks.is_empty() {
        out.skip(file, p.line, "actor without a code".into());
        return 0;
    }
    // TABARI tries restricted codes in order, then the unrestricted default.
    let mut claimed: Vec<Range> = Vec::new();
    let mut assigned: Vec<(Code, Vec<Range>)> = Vec::new();
    let mut default: Option<Code> = None;
    for b in &p.blocks {
        match &b.range {
            Some(r) => {
                let pieces = dates::subtract(*r, &claimed);
                claimed.push(*r);
                assigned.push((b.code.clone(), pieces));
            }
            None if default.is_none() => default = Some(b.code.clone()),
            None => out.skip(
                file,
                p.line,
                "a second unrestricted code is never used by TABARI".into(),
            ),
        }
    }
    if let Some(d) = default {
        assigned.push((d, dates::complement(&claimed)));
    }
    let mut written = 0;
    for (code, ranges) in assigned {
        if ranges.is_empty() {
            continue;
        }
        let dated = ranges != [Range::ALL];
        match code {
            Code::Null => {}
            Code::Discard | Code::Complex => {
                let what = if code == Code::Discard {
                    "discard [###]"
                } else {
                    "complex [+++]"
                };
                if dated {
                    out.skip(
                        file,
                        p.line,
                        format!(
                            "date-restricted {what}: dyad's discards have no dates, so the phrase is not discarded"
                        ),
                    );
                    continue;
                }
                for (phrase, _) in &p.phrases {
                    out.discard(phrase_words(phrase).join(" "));
                }
            }
            Code::Actor(raw) => {
                let (agent, code) = match agent_code(&raw) {
                    Ok(x) => x,
                    Err(e) => {
                        out.skip(file, p.line, e);
                        continue;
                    }
                };
                let mut variants: Vec<String> = Vec::new();
                for (phrase, _) in &p.phrases {
                    let mut forms = vec![phrase.clone()];
                    if !agent {
                        forms.extend(connector_forms(phrase));
                    }
                    for f in &forms {
                        for v in phrase_variants(f, agent) {
                            // News writes small words in lower case inside a title-case name
                            // ("Prince of Dol Amroth", "Radagast the Brown").
                            let small = lower_small_words(&v);
                            for v in [v, small] {
                                if !variants.contains(&v) {
                                    variants.push(v);
                                }
                            }
                        }
                    }
                }
                let kind = if agent { "agent" } else { "name" };
                for r in ranges {
                    let range = if r == Range::ALL {
                        String::new()
                    } else {
                        format!(" | {}", r.to_dyad())
                    };
                    lines.push(format!("{code} | {kind} | {}{range}", variants.join("; ")));
                    written += variants.len();
                }
            }
        }
    }
    written
}

/// A TABARI code as a dyad actor code: `(is_agent, code)`, or why it cannot be one.
fn agent_code(raw: &str) -> Result<(bool, String), String> {
    let (agent, code) = if let Some(c) = raw.strip_prefix('~') {
        (true, c.trim())
    } else if raw.ends_with('~') {
        return Err(format!(
            "prefix agent [{raw}]: dyad composes agent roles only after the country block"
        ));
    } else {
        (false, raw)
    };
    let (first, rest) = match code.split_once('/') {
        Some((a, b)) => (a, Some(b)),
        None => (code, None),
    };
    if let Some(rest) = rest {
        return Err(format!(
            "compound code [{raw}]: a dyad entry names one actor (the other codes {rest} would be lost)"
        ));
    }
    ActorCode::new(first).map_err(|_| {
        format!("actor code {first:?} is not made of 3-character blocks as dyad's codes are")
    })?;
    Ok((agent, first.to_owned()))
}

/// Words TABARI may find between the blank-separated words of an actor phrase that dyad
/// writes out: "the Prince of Dol_Amroth" is TABARI's `PRINCE DOL_AMROTH`.
const CONNECTORS: &[&str] = &["OF", "OF THE"];

/// An actor phrase with a connector between two of its blank-separated words, one gap and one
/// connector at a time. TABARI matches such words with other words between them (only `_`
/// joins words that must follow each other); dyad's matcher takes whole phrases, so the
/// importer writes the forms with the connectors that name a title's place ("Prince of
/// Dol_Amroth"); longer gaps are not matched.
fn connector_forms(phrase: &str) -> Vec<String> {
    let chunks: Vec<&str> = phrase.split_whitespace().collect();
    let mut out = Vec::new();
    for gap in 1..chunks.len() {
        let is_connector =
            |w: &str| matches!(w.to_ascii_uppercase().as_str(), "OF" | "THE" | "A" | "AN");
        if is_connector(chunks[gap - 1]) || is_connector(chunks[gap]) {
            continue;
        }
        for c in CONNECTORS {
            out.push(format!(
                "{} {c} {}",
                chunks[..gap].join(" "),
                chunks[gap..].join(" ")
            ));
        }
    }
    out
}

/// A title-case phrase with its inner small words in lower case: "Prince Of The Dol Amroth"
/// → "Prince of the Dol Amroth".
fn lower_small_words(phrase: &str) -> String {
    phrase
        .split(' ')
        .enumerate()
        .map(|(k, w)| match w {
            "Of" | "The" | "And" | "For" | "On" | "De" | "Al" if k > 0 => w.to_lowercase(),
            _ => w.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a phrase: `_`, spaces and TABARI's `-`→`_` all separate words.
fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['=', '~']).to_lowercase())
        .collect()
}

/// Every text form of a phrase: the last word expanded (stem endings, or the plural of a
/// whole word), hyphenated words also with a space, in the cases news uses.
fn phrase_variants(phrase: &str, agent: bool) -> Vec<String> {
    let phrase = phrase.trim();
    let whole = phrase.ends_with('_');
    let words: Vec<&str> = phrase
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let Some((last, head)) = words.split_last() else {
        return Vec::new();
    };
    let w = Word::parse(last, whole);
    let last_upper = w.text.to_uppercase();
    let endings: Vec<String> = match w.how {
        super::words::How::Bare => vec![last_upper.clone()],
        super::words::How::Whole => {
            let mut v = vec![last_upper.clone(), format!("{last_upper}S")];
            if last_upper.ends_with(['S', 'X', 'H', 'Z']) {
                v.push(format!("{last_upper}ES"));
            }
            v
        }
        super::words::How::Stem => stem_forms(&last_upper, NAME_SUFFIXES)
            .into_iter()
            .map(|f| f.to_uppercase())
            .collect(),
    };
    let head = head.join(" ");
    let mut out = Vec::new();
    for e in endings {
        let base = if head.is_empty() {
            e
        } else {
            format!("{head} {e}")
        };
        let mut bases = vec![base.clone()];
        if base.contains('-') {
            bases.push(base.replace('-', " "));
        }
        for b in bases {
            for v in case_variants(&b, agent) {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(text: &str) -> (String, Output) {
        let mut out = Output::default();
        let (t, _) = convert(Path::new("t.actors"), text, &mut out);
        (t, out)
    }

    fn lines(t: &str) -> Vec<&str> {
        t.lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    }

    #[test]
    fn a_plain_actor_becomes_a_name_line() {
        let (t, out) = run("ERIADOR_  [ERI] ;pas\n");
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        assert_eq!(
            lines(&t),
            ["ERI | name | Eriador; ERIADOR; Eriadors; ERIADORS"]
        );
    }

    #[test]
    fn stems_expand_and_joined_words_take_a_space() {
        let (t, _) = run("PALESTIN [PAL]\nNORTH_YEMEN_ [YEN]\n");
        let l = lines(&t);
        assert!(l[0].contains("; Palestinian;") && l[0].contains("; Palestine;"));
        assert!(l[1].starts_with("YEN | name | North Yemen; North yemen; NORTH YEMEN;"));
    }

    #[test]
    fn synonym_blocks_and_date_restrictions_become_dated_lines() {
        let text = "GOLLUM ; c\n+SMEAGOL_\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n#\t[x]\n\t[HOBREB > 990816]\n";
        let (t, out) = run(text);
        assert!(out.skipped.is_empty(), "{:?}", out.skipped);
        let l = lines(&t);
        assert_eq!(l.len(), 3, "{l:?}");
        assert!(l[0].starts_with("HOB | name | Gollum;") && l[0].contains("Smeagol"));
        assert!(l[0].ends_with("| ..1995-06-01"));
        // 950601 was claimed by the first restriction.
        assert!(l[1].ends_with("| 1995-06-02..1999-08-15"), "{}", l[1]);
        assert!(l[2].ends_with("| 1999-08-16.."));
    }

    #[test]
    fn the_default_code_holds_where_no_restriction_does() {
        let (t, _) = run("AXNOR  [AR1 <911226] [AR2]\nALBRIGHT  [USAGOV 991201-010114] [---]\n");
        let l = lines(&t);
        assert!(l[0].starts_with("AR1 |") && l[0].ends_with("| ..1991-12-26"));
        assert!(l[1].starts_with("AR2 |") && l[1].ends_with("| 1991-12-27.."));
        assert!(l[2].starts_with("USAGOV |") && l[2].ends_with("| 1999-12-01..2001-01-14"));
        assert_eq!(l.len(), 3, "the null default writes nothing");
    }

    #[test]
    fn special_codes_discard_or_vanish_and_bad_codes_are_reported() {
        let (t, out) = run(
            "BOROMIR [---]\nVOLLEYBALL [+++]\nLORIEN [ELR/GAL]\nNORTH_YEMEN [YEMNO]\nUSSR [USR <911226] [###]\n<NOUN>\nBEES\n</NOUN>\nNOCODE\n",
        );
        assert_eq!(out.discards, ["volleyball"]);
        let reasons: Vec<(usize, &str)> = out
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 5, "{reasons:?}");
        assert!(reasons[0].1.starts_with("compound code") && reasons[0].0 == 3);
        assert!(reasons[1].1.contains("3-character blocks"));
        assert!(reasons[2].1.starts_with("date-restricted discard"));
        assert!(reasons[3].1.contains("<NOUN>") && reasons[3].0 == 7);
        assert_eq!(reasons[4], (9, "actor without a code"));
        assert_eq!(lines(&t).len(), 1, "USSR before 1992");
    }

    #[test]
    fn blank_separated_actor_words_may_stand_around_a_connector() {
        assert_eq!(
            connector_forms("PRINCE DOL_AMROTH"),
            ["PRINCE OF DOL_AMROTH", "PRINCE OF THE DOL_AMROTH"]
        );
        assert!(connector_forms("GROUP OF 77").is_empty());
        assert!(connector_forms("KIRITH_UNGOL").is_empty());
        let (t, _) = run("PRINCE DOL_AMROTH [DOL]\nTROOPS_ [~MIL]\nARMED FORCES [~MIL]\n");
        let l = lines(&t);
        assert!(l[0].contains("Prince of Dol Amroth"), "{l:?}");
        let (t, _) = run("RADAGAST THE_BROWN [RAD]\n");
        assert!(t.contains("Radagast the Brown;"), "{t}");
        assert!(t.contains("Radagast The Brown;"), "{t}");
        assert!(l[0].contains("Prince Dol Amroth"), "{l:?}");
        // Agents are written as they stand.
        assert!(!t.contains("armed of forces"), "{t}");
    }

    #[test]
    fn agents_become_lower_case_role_entries() {
        let (t, out) = run("PRIME_MINISTER_   [  ~GOV] ;ab\nHUMAN_RIGHTS_BODY_   [  NGO~]\n");
        let l = lines(&t);
        assert_eq!(l.len(), 1);
        assert!(l[0].starts_with(
            "GOV | agent | Prime Minister; Prime minister; PRIME MINISTER; prime minister;"
        ));
        assert!(l[0].contains("prime ministers"));
        assert!(out.skipped[0].reason.starts_with("prefix agent"));
    }

    #[test]
    fn the_output_parses_as_a_dyad_dictionary() {
        let (t, _) = run("ARNOR [ARN]\nBARAD-DUR [MOR]\nAMBASSADOR_ [~GOV]\n");
        let (entries, errors) = dyad_recognise::parse("actors/t.txt", &t);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(entries.iter().any(|e| e.variant == "Barad dur"));
        assert!(entries.iter().any(|e| e.variant == "Arnorian"));
    }
}
