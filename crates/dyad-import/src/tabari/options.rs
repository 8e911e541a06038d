//! TABARI `.options` files. `SET: MINIMUM WORDS`, `SET: CODE BY …`, `SET: CONVERT AGENTS`,
//! `FORWARD:`, `COMMA:` and `DEFAULT:` become dyad options (`options.txt`: `minimum-words`,
//! `code-by`, `convert-agents`, `forward-pronouns`, `comma-clauses`, `default-source`,
//! `default-target`; see
//! `dyad_code::DictOptions`); every other command is reported with what dyad does instead.

use super::Output;
use std::path::Path;

/// TABARI's minimum sentence length when no `SET: MINIMUM WORDS` changes it.
pub(crate) const DEFAULT_MINIMUM_WORDS: u16 = 8;

/// TABARI's comma-clause limits when no `COMMA:` command changes them: MIN, MAX, EMIN, EMAX,
/// BMIN, BMAX (a first phrase is never dropped).
pub(crate) const DEFAULT_COMMA: [u16; 6] = [2, 10, 2, 10, 128, 0];

/// The `comma-clauses` line for TABARI's six limits.
pub(crate) fn comma_line(limits: [u16; 6]) -> String {
    let n: Vec<String> = limits.iter().map(u16::to_string).collect();
    format!("comma-clauses {}", n.join(" "))
}

/// The dyad option lines a TABARI command stands for, or `None` when it has none.
/// `DEFAULT: OFF` is `no-defaults`.
pub fn option_lines(command: &str) -> Option<Vec<String>> {
    let upper = command.trim().to_ascii_uppercase();
    let (head, rest) = upper.split_once(':')?;
    let head = head.trim();
    let rest = rest.trim();
    // TABARI reads only a command's first four letters.
    if head.starts_with("SET") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words.as_slice() {
            ["CODE", "BY", "CLAUSE"] => return Some(vec!["code-by clause".into()]),
            ["CODE", "BY", "SENTENCE"] => return Some(vec!["code-by sentence".into()]),
            ["CODE", "ALL"] => return Some(vec!["code-by all".into()]),
            _ => {}
        }
        let (name, value) = rest.split_once('=')?;
        match name.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["MINIMUM", "WORDS"] => {}
            ["CONVERT", "AGENT" | "AGENTS"] => {
                return match value.trim() {
                    "TRUE" => Some(vec!["convert-agents".into()]),
                    "FALSE" => Some(vec!["no-convert-agents".into()]),
                    _ => None,
                };
            }
            _ => return None,
        }
        let n: u16 = value.trim().parse().ok()?;
        return Some(vec![format!("minimum-words {n}")]);
    }
    if head.starts_with("COMM") {
        // COMMA: MIN = 4 MAX = 6 EMIN = 3 …; limits not given keep TABARI's defaults.
        if rest.split_whitespace().next() == Some("OFF") {
            return Some(vec!["no-comma-clauses".into()]);
        }
        let mut limits = DEFAULT_COMMA;
        let spaced = rest.replace('=', " = ");
        let words: Vec<&str> = spaced.split_whitespace().collect();
        for w in words.windows(3) {
            if w[1] != "=" {
                continue;
            }
            let slot = match w[0] {
                "MIN" => 0,
                "MAX" => 1,
                "EMIN" => 2,
                "EMAX" => 3,
                "BMIN" => 4,
                "BMAX" => 5,
                _ => return None,
            };
            limits[slot] = w[2].parse().ok()?;
        }
        return Some(vec![comma_line(limits)]);
    }
    if head.starts_with("COMP") {
        // VERBS[n], CONJ[n] and NOACTPRIOR have dyad options; `convert` reports the others.
        let mut lines = Vec::new();
        for w in rest.split_whitespace() {
            let limit = |name: &str| {
                w.strip_prefix(name)?
                    .strip_prefix('[')?
                    .strip_suffix(']')?
                    .parse::<u16>()
                    .ok()
            };
            if w == "NOACTPRIOR" {
                lines.push("no-actor-prior".to_owned());
            } else if let Some(n) = limit("VERBS") {
                lines.push(format!("complex-verbs {n}"));
            } else if let Some(n) = limit("CONJ") {
                lines.push(format!("complex-conjunctions {n}"));
            }
        }
        return (!lines.is_empty()).then_some(lines);
    }
    if head.starts_with("FORW") {
        // FORWARD: MASK [DOC] [OFF]: the mask tells the caller where a record's story and
        // sentence numbers are; dyad codes a document's sentences in order, so only the
        // pronoun forwarding itself is an option.
        let off = rest.split_whitespace().skip(1).any(|w| w == "OFF");
        return Some(vec![if off {
            "no-forward-pronouns".into()
        } else {
            "forward-pronouns".into()
        }]);
    }
    if !head.starts_with("DEFA") {
        return None;
    }
    if rest == "OFF" {
        return Some(vec!["no-defaults".into()]);
    }
    // SOURCE [code] <PRIOR> TARGET [code] <AFTER>, colons after the keywords allowed.
    let mut lines = Vec::new();
    let mut words = rest
        .split([' ', '\t', ':'])
        .filter(|w| !w.is_empty())
        .peekable();
    while let Some(w) = words.next() {
        let (name, flag) = match w {
            "SOURCE" => ("default-source", "PRIOR"),
            "TARGET" => ("default-target", "AFTER"),
            _ => return None,
        };
        let code = words.next()?.strip_prefix('[')?.strip_suffix(']')?;
        dyad_core::ActorCode::new(code).ok()?;
        let own = words.next_if_eq(&flag).is_some();
        lines.push(format!(
            "{name} {code}{}",
            if own {
                format!(" {}", flag.to_ascii_lowercase())
            } else {
                String::new()
            }
        ));
    }
    (!lines.is_empty()).then_some(lines)
}

/// A record's story and sentence numbers under a `FORWARD:` sequence mask: `^` is a blank
/// after the date, `*` any character, `N` the story and `S` the sentence number, read
/// position by position from `header`, the record's header line after its six-digit date
/// (`"  FRWD-001-002"` under `^^*****NNN*SSS` is story `001`, sentence 2). `None` when the
/// header is too short or the sentence number is not a number. A caller coding a text file
/// keeps one document while the story stays the same and the sentence number goes up by one,
/// as TABARI forwards pronouns only then.
pub fn story_sentence(mask: &str, header: &str) -> Option<(String, u32)> {
    let mut story = String::new();
    let mut sentence = String::new();
    let mut chars = header.chars();
    for m in mask.chars() {
        let c = chars.next()?;
        match m {
            'N' => story.push(c),
            'S' => sentence.push(c),
            _ => {}
        }
    }
    Some((story, sentence.trim().parse().ok()?))
}

/// Applies a TABARI command to dyad options, as a validation record's `{ OPTION: … }` does
/// mid-suite; `false` when dyad has no such option (see [`option_lines`]).
pub fn apply(command: &str, options: &mut dyad_code::DictOptions) -> bool {
    let Some(lines) = option_lines(command) else {
        return false;
    };
    lines.iter().all(|l| options.apply(l).is_ok())
}

/// Why a command of this kind has no dyad equivalent.
fn reason(command: &str) -> String {
    let upper = command.to_ascii_uppercase();
    let head = upper.split(':').next().unwrap_or("").trim();
    let what = match head {
        "LABEL" => "code labels: dyad names codes from its CAMEO table",
        "COMPLEX" => {
            "complex-sentence rules: dyad has options only for VERBS[n], CONJ[n] and NOACTPRIOR (`complex-verbs`, `complex-conjunctions`, `no-actor-prior`)"
        }
        "DEFAULT" => {
            "default source/target codes: dyad codes an event only when both actors are named"
        }
        "OUTPUT" => "record and output layout: dyad has its own readers and exports",
        "NONEVENTS" => "non-event output: dyad stores only events",
        "ISSUES" | "FREQUENCY" => "issue and frequency coding: not part of dyad's events",
        "SET" if upper.contains("LABEL") => "labels: dyad names codes from its CAMEO table",
        "SET" => "TABARI setting: dyad's coder has no such setting",
        _ => "not a TABARI command dyad knows",
    };
    format!("option `{}`: {what}", command.trim())
}

/// Reports every command of an options file.
pub(crate) fn convert(file: &Path, text: &str, out: &mut Output) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.starts_with("~~") {
            break;
        }
        if line.is_empty() || line.starts_with("//") || line.starts_with('#') {
            continue;
        }
        match option_lines(line) {
            Some(lines) => {
                out.options.extend(lines);
                // A COMPLEX command's other conditions (VERBS[n], CONJ[n], …) are not
                // converted: say so.
                let complex = line.to_ascii_uppercase().starts_with("COMP");
                let converted = |w: &str| {
                    let w = w.to_ascii_uppercase();
                    w == "NOACTPRIOR"
                        || w == "EXPLAIN"
                        || w.starts_with("VERBS[")
                        || w.starts_with("CONJ[")
                };
                let other = line
                    .split_once(':')
                    .is_some_and(|(_, r)| r.split_whitespace().any(|w| !converted(w)));
                if complex && other {
                    out.skip(
                        file,
                        i + 1,
                        format!(
                            "{} (only VERBS, CONJ and NOACTPRIOR are converted)",
                            reason(line)
                        ),
                    );
                }
            }
            None => out.skip(file, i + 1, reason(line)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_words_and_defaults_become_dyad_options() {
        let lines = |c: &str| option_lines(c).unwrap_or_default().join(" | ");
        assert_eq!(lines("SET: MINIMUM WORDS = 4"), "minimum-words 4");
        assert_eq!(lines("SET: CODE ALL"), "code-by all");
        assert_eq!(lines("SET: CONVERT AGENT = TRUE"), "convert-agents");
        assert_eq!(lines("SET: CONVERT AGENTS = FALSE"), "no-convert-agents");
        assert_eq!(lines("SET: CODE BY SENTENCE"), "code-by sentence");
        assert_eq!(
            lines("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER"),
            "default-source DEFSRC prior | default-target DEFTAR after"
        );
        assert_eq!(lines("DEFA: TARGET: [WLD]"), "default-target WLD");
        assert_eq!(lines("DEFAULT: OFF"), "no-defaults");
        assert_eq!(lines("FORWARD: ^^*****NNN*SSS"), "forward-pronouns");
        assert_eq!(
            lines("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX=8"),
            "comma-clauses 4 6 3 6 3 8"
        );
        assert_eq!(lines("COMMA: MAX = 8"), "comma-clauses 2 8 2 10 128 0");
        assert_eq!(lines("COMMA: OFF"), "no-comma-clauses");
        assert_eq!(
            lines("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"),
            "complex-verbs 5 | complex-conjunctions 4 | no-actor-prior"
        );
        assert_eq!(option_lines("COMPLEX: ACTORS[8] NOVERB"), None);
        assert_eq!(option_lines("COMMA: MIDDLE = 3"), None);
        assert_eq!(
            lines("FORWARD: ^^*****NNN*SSS DOC OFF"),
            "no-forward-pronouns"
        );
        assert_eq!(option_lines("SET: LABEL = TRUE"), None);
        assert_eq!(option_lines("DEFAULT: SOURCE [bad code]"), None);
        let mut o = dyad_code::DictOptions::default();
        assert!(apply(
            "DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER",
            &mut o
        ));
        assert!(o.default_source.as_ref().is_some_and(|d| !d.own_side));
        assert!(o.default_target.as_ref().is_some_and(|d| d.own_side));
        assert!(apply("DEFAULT: OFF", &mut o));
        assert_eq!(o, dyad_code::DictOptions::default());
    }

    #[test]
    fn the_forward_mask_finds_story_and_sentence() {
        let mask = "^^*****NNN*SSS";
        assert_eq!(
            story_sentence(mask, "  FRWD-001-002"),
            Some(("001".into(), 2))
        );
        assert_eq!(
            story_sentence(mask, "  REUT-045-013  extra"),
            Some(("045".into(), 13))
        );
        assert_eq!(story_sentence(mask, "  FRWD-001"), None);
        assert_eq!(story_sentence(mask, "  FRWD-001-abc"), None);
    }

    #[test]
    fn every_command_is_reported_with_what_dyad_does_instead() {
        let mut out = Output::default();
        convert(
            Path::new("t.options"),
            "// c\nCOMPLEX: ACTORS[5]\nLABEL: 010=YIELD\n\nSET: HAIKU = TRUE\n~~~\nX\n",
            &mut out,
        );
        let got: Vec<(usize, bool)> = out
            .skipped
            .iter()
            .map(|s| (s.line, s.reason.contains("dyad")))
            .collect();
        assert_eq!(got, [(2, true), (3, true), (5, true)]);
        assert!(out.skipped[2].reason.contains("setting"));
    }
}
