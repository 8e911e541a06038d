//! PETRARCH dictionaries → dyad's format.
//!
//! [`import`] reads any mix of PETRARCH (1 and 2) and Phoenix dictionary files, tells each
//! file's kind from its content ([`detect`]) and writes a dyad dictionary directory:
//!
//! | PETRARCH file | detected by | written to |
//! |---|---|---|
//! | verbs (`CAMEO.2.0.txt`, `PETR.Validate.verbs.txt`) | `--- NAME [code] ---` blocks | `verbs/<stem>.txt` |
//! | actors (`*.actors.txt`) | `PHRASE [CODE]`, `+synonym`, tab-indented `[CODE date]` | `actors/<stem>.txt` |
//! | agents (`*.agents.txt`) | `PHRASE [~CODE]` / `[CODE~]` | `actors/<stem>.txt` (kind `agent`) |
//! | discards | bare phrases, `+phrase` for whole stories | `discards.txt` |
//! | issues (`*.IssueCoding.txt`) | `<ISSUE …>`, `n:word [CODE]` | nothing: dyad codes no issues |
//!
//! Every line that is not converted, or converted with a loss, is in [`Report::skipped`]
//! with a reason of the form `short reason: detail` (the CLI counts reasons by the part
//! before the colon).
//!
//! # Actors
//!
//! A record (a primary phrase, its `+` synonyms and its tab-indented date restrictions)
//! becomes one dyad line per code and date range, listing every phrase. PETRARCH phrases
//! are upper case with `_` between words; dyad's matcher is case-sensitive and matches
//! text as written, so each phrase is written in title case ("MINAS_TIRITH" → "Minas
//! Tirith", "of"/"the"/"and" in lower case inside a name), plus a form with short words in
//! capitals for acronyms ("THE_AU" → "The AU"), a form with one capital per hyphenated word
//! ("BARAD-DUR" → "Barad-Dur" and "Barad-dur"), and a lower-case "the" form of names that
//! start with "The". Restrictions `[CODE <date]`, `[CODE >date]` and `[CODE d1-d2]`
//! become `..date`, `date..` and `d1..d2` (both ends included, as in PETRARCH; two-digit
//! years below 30 are 20xx); dated lines are written before the record's default code,
//! because dyad takes the first entry that holds on the document's date, which is
//! PETRARCH's rule too. The kind is guessed from the codes: a record whose dated codes
//! carry a role (`USAGOV 20090120-…`) is a `person`; one whose codes are all three letters
//! a `name` (so agents compose with it: "Gondor police" → GONCOP); anything else an `org`.
//!
//! Not converted: null codes (`[---]`), codes dyad cannot hold (not made of three-letter
//! blocks, such as `YEMNO` or `FRO/BIL/SAM`, a PETRARCH compound actor), and malformed
//! dates.
//!
//! # Agents
//!
//! `PHRASE {plural} [~CODE]` becomes `CODE | agent | phrase; plural` in lower case (dyad's
//! matcher also tries the capitalised and title-case forms of agents). Regular plurals are
//! made as PETRARCH makes them (`+S`, `Y`→`IES`, `SS`→`SSES`); `{}` means none; `!MARK!`
//! substitution sets are expanded. A blank between words (PETRARCH: other words may stand
//! between) is read as consecutive words, since dyad matches agents as phrases. Agents
//! written after the code (`[NGO~]`, which PETRARCH
//! puts before the actor's code) are not converted: dyad's agents always follow the
//! country.
//!
//! # Verbs
//!
//! Both verb formats are read: PETRARCH-1 (TABARI-like, `PETR.Validate.verbs.txt`) and
//! PETRARCH-2 (`CAMEO.2.0.txt`, with `{noun phrases}` and `(prepositional phrases)`).
//! Synsets (`&NAME` followed by `+` lines) are expanded: single-word members become one
//! `a|b|c` element, multi-word members separate patterns. The verbs of a block share its
//! patterns, so a pattern becomes one dyad line whose verb element lists every single-word
//! verb of the block (`+abandon|+desert`), plus one line per multi-word verb (`+cordon off`).
//! A verb with a code (its own, else the block's) also codes alone: a line with the verb
//! only.
//!
//! | PETRARCH | dyad |
//! |---|---|
//! | `*` (the verb) | the block's verbs, `+verb` (all inflections) and the listed irregular forms |
//! | `A_B`, `{A B}` (consecutive) | `a b` |
//! | `A B`, `(A B)` (words may intervene) | `a * b` |
//! | `WORD` | `word\|words` (PETRARCH's regular plural); `WORD_` only `word` |
//! | `+` (target), `%` after the verb (compound target) | `@` |
//! | `%` before the verb (compound subject acting on itself) | flag `mutual` |
//! | `^` (skip a phrase) | `*` (a gap; dyad's gaps do not cross other actors) |
//! | `&SYNSET` | its members, with plurals unless the label or member ends in `_` |
//! | `[032:033]` (code, and code for the reverse direction) | `032 | … | reverse=033` |
//!
//! Not converted, each with its reason: patterns with `$` (a source position: dyad's
//! source is the subject, or the agent of a passive), patterns that start with `+` (a
//! target before the verb), patterns without a `*`, undefined synsets, null codes `[---]`,
//! and `~` transformations (PETRARCH-2's rewriting of verb-in-verb codings).
//!
//! ## Codes outside CAMEO
//!
//! dyad's [`CameoCode`](dyad_core::CameoCode) only checks the form of a code (two to four
//! digits), but the coder looks every event's code up in `dyad-code/data/cameo.tsv` and
//! codes nothing for a code that is not there. PETRARCH's validation dictionary uses
//! WEIS-like codes that CAMEO does not have (`223`, `1717`, `901`, `174K`). By default
//! ([`CodePolicy::Skip`]) patterns with such codes are not converted, since they could never
//! code; the report says so. With [`CodePolicy::StandIn`] (for test suites that must
//! compare such codes, as `tests/petrarch_suite.rs` does), each unknown code gets a
//! stand-in: a CAMEO code that no converted pattern uses, taken first from roots 02, 03, 13
//! and 01, whose future forms keep their code (dyad turns "will attack" into an intent code,
//! but leaves a future appeal or threat as it is). The pairs are written to
//! [`STAND_IN_FILE`] (`stand-in<TAB>original`) and read back with [`read_stand_ins`]; events
//! coded with a stand-in are to be read through that table, never as CAMEO.
//!
//! # Discards
//!
//! Each phrase becomes a discard pattern (`010 | phrase`; the code is a dummy). PETRARCH
//! matches a phrase as a stem unless it ends in `_`; dyad matches words, so the last word
//! also gets its plural. Story-level discards (`+PHRASE`) discard only the sentence that
//! has them: dyad decides sentence by sentence (reported as a partial conversion).

mod actors;
mod verbs;

use crate::{read_text, write_file, ImportError, Report, Skipped};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where [`CodePolicy::StandIn`] writes its stand-in codes, in the output directory.
pub const STAND_IN_FILE: &str = "petrarch-codes.tsv";

/// The options file written with imported verbs (see `dyad_code::DictOptions`).
pub(crate) const IMPORTED_OPTIONS: &str =
    "# Written by dyad-import: the imported coder codes acts as stated, whatever\n\
# their modality (no intent codes, no hypothetical filter),\nacts-as-stated\n\
# and takes the first actor after the verb phrase as its target, even after \"in\" or \"at\".\n\
located-targets\n\
# Pattern words match anywhere in the verb phrase, past actors and \"that\".\n\
open-gaps\n";

/// What to do with a pattern whose code is not in dyad's CAMEO table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CodePolicy {
    /// Do not convert it (it could never code); the report lists it.
    #[default]
    Skip,
    /// Give it an unused CAMEO code as a stand-in, listed in [`STAND_IN_FILE`].
    StandIn,
}

/// Import settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Codes outside CAMEO.
    pub codes: CodePolicy,
}

/// The kinds of PETRARCH dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Verb patterns and synsets.
    Verbs,
    /// Actors.
    Actors,
    /// Agents.
    Agents,
    /// Discards.
    Discards,
    /// Issues.
    Issues,
}

/// Converts PETRARCH dictionary files into a dyad dictionary directory at `out`, with the
/// default [`Options`].
pub fn import(inputs: &[PathBuf], out: &Path) -> Result<Report, ImportError> {
    import_with(inputs, out, Options::default())
}

/// Converts PETRARCH dictionary files into a dyad dictionary directory at `out`.
pub fn import_with(
    inputs: &[PathBuf],
    out: &Path,
    options: Options,
) -> Result<Report, ImportError> {
    let mut report = Report::default();
    let mut verb_files: Vec<(String, verbs::Converted)> = Vec::new();
    let mut discards = String::new();
    let mut discard_count = 0;
    let mut have_discards = false;
    let mut names_used: HashMap<String, usize> = HashMap::new();
    for path in inputs {
        let text = read_text(path)?;
        let kind = detect(&text).ok_or_else(|| ImportError::NotThisFormat {
            path: path.clone(),
            reason: "not a PETRARCH verb, actor, agent, discard or issue dictionary \
                     (no `--- VERB [code] ---` blocks, `PHRASE [CODE]` lines or phrases)"
                .into(),
        })?;
        let mut stem = file_stem(path);
        let n = names_used.entry(stem.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            stem = format!("{stem}-{n}");
        }
        let mut skip = |line: usize, reason: String| {
            report.skipped.push(Skipped {
                file: path.clone(),
                line,
                reason,
            })
        };
        match kind {
            FileKind::Actors => {
                let (body, count) = actors::convert_actors(&text, &mut skip);
                let rel = format!("actors/{stem}.txt");
                write_file(out, &rel, &header(path, "actors", &body))?;
                report.written.push((rel, count));
            }
            FileKind::Agents => {
                let (body, count) = actors::convert_agents(&text, &mut skip);
                let rel = format!("actors/{stem}.txt");
                write_file(out, &rel, &header(path, "agents", &body))?;
                report.written.push((rel, count));
            }
            FileKind::Verbs => {
                let mut converted = verbs::convert_verbs(&text, &mut skip);
                converted.input = path.to_path_buf();
                verb_files.push((stem, converted));
            }
            FileKind::Discards => {
                have_discards = true;
                let (body, count) = verbs::convert_discards(&text, &mut skip);
                discards.push_str(&format!("# from {}\n", display_name(path)));
                discards.push_str(&body);
                discard_count += count;
            }
            FileKind::Issues => {
                for (i, line) in text.lines().enumerate() {
                    if !strip_comment(line).trim().is_empty() {
                        skip(
                            i + 1,
                            "issue not converted: dyad codes no issues (topics); \
                             search the stored text instead"
                                .into(),
                        );
                    }
                }
            }
        }
    }
    if !verb_files.is_empty() {
        let stand_ins = verbs::assign_codes(&mut verb_files, options.codes, &mut report);
        for (stem, converted) in &verb_files {
            let rel = format!("verbs/{stem}.txt");
            let body = converted.render();
            let text = format!(
                "# Verb patterns converted from PETRARCH by dyad-import (dyad dict import).\n\
                 # One line per pattern: CODE | pattern [| flags]; see dyad-code/src/verbs.rs.\n{body}"
            );
            write_file(out, &rel, &text)?;
            report.written.push((rel, converted.count()));
        }
        // PETRARCH codes a pattern's code whatever the verb's modality ("will visit" is a
        // visit); dyad's intent and hypothetical conventions would recode or drop those acts.
        write_file(out, dyad_code::OPTIONS_FILE, IMPORTED_OPTIONS)?;
        report.written.push((dyad_code::OPTIONS_FILE.to_owned(), 1));
        if !stand_ins.is_empty() {
            let mut tsv = String::from(
                "# Stand-in CAMEO codes for PETRARCH codes outside CAMEO (stand-in<TAB>original).\n",
            );
            for (stand_in, original) in &stand_ins {
                tsv.push_str(&format!("{stand_in}\t{original}\n"));
            }
            write_file(out, STAND_IN_FILE, &tsv)?;
            report
                .written
                .push((STAND_IN_FILE.to_owned(), stand_ins.len()));
        }
    }
    if have_discards {
        let text = format!(
            "# Discards converted from PETRARCH by dyad-import: a sentence matching one codes \
             nothing.\n# The code (010) is a dummy.\n{discards}"
        );
        write_file(out, "discards.txt", &text)?;
        report.written.push(("discards.txt".into(), discard_count));
    }
    Ok(report)
}

/// Reads a [`STAND_IN_FILE`] from an import's output directory: stand-in code → the
/// PETRARCH code it stands for. Empty when there is none.
pub fn read_stand_ins(out: &Path) -> HashMap<String, String> {
    read_pairs(&out.join(STAND_IN_FILE))
}

/// Reads a tab-separated two-column file (`#` comments) into a map; empty when unreadable.
pub(crate) fn read_pairs(path: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .collect()
}

/// Tells a PETRARCH dictionary's kind from its content; `None` when it is none of them.
pub fn detect(text: &str) -> Option<FileKind> {
    let stripped = strip_html_comments(text);
    let content: Vec<&str> = stripped
        .lines()
        .map(|l| strip_comment(l).trim_end())
        .filter(|l| !l.trim().is_empty())
        .collect();
    detect_lines(&content)
}

fn detect_lines(content: &[&str]) -> Option<FileKind> {
    if content.is_empty() {
        return None;
    }
    let blocks = content
        .iter()
        .filter(|l| l.starts_with("---") && l.contains('['))
        .count();
    if blocks > 0 {
        return Some(FileKind::Verbs);
    }
    if content
        .iter()
        .any(|l| l.starts_with("<ISSUE") || l.starts_with("n:") || l.starts_with("v:"))
    {
        return Some(FileKind::Issues);
    }
    let coded: Vec<&&str> = content.iter().filter(|l| l.contains('[')).collect();
    if coded.is_empty() {
        return Some(FileKind::Discards);
    }
    let agent = coded
        .iter()
        .filter(|l| {
            bracket(l).is_some_and(|c| c.trim().starts_with('~') || c.trim().ends_with('~'))
        })
        .count();
    if agent * 2 > coded.len() {
        Some(FileKind::Agents)
    } else {
        Some(FileKind::Actors)
    }
}

/// The text of the first `[...]` on a line.
fn bracket(line: &str) -> Option<&str> {
    let a = line.find('[')?;
    let b = line[a..].find(']')? + a;
    Some(&line[a + 1..b])
}

/// A line without its `#` comment.
fn strip_comment(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// The text with `<!-- … -->` (and `<! -- … -->`) comments blanked out, lines kept.
fn strip_html_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = ["<!--", "<! --"].iter().filter_map(|o| rest.find(o)).min();
        let Some(start) = open else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find("-->").map_or(after.len(), |e| e + 3);
        // Keep the newlines so line numbers stay right.
        out.extend(after[..end].chars().filter(|&c| c == '\n'));
        rest = &after[end..];
    }
    out
}

fn file_stem(path: &Path) -> String {
    let stem = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_else(|| "petrarch".into());
    let stem = stem.strip_suffix(".txt").unwrap_or(&stem);
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if clean.is_empty() {
        "petrarch".into()
    } else {
        clean
    }
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn header(path: &Path, what: &str, body: &str) -> String {
    format!(
        "# PETRARCH {what} from {} converted by dyad-import (dyad dict import).\n\
         # CODE | kind | variant; variant [| FROM..TO]; see dyad-recognise/src/dict.rs.\n{body}",
        display_name(path)
    )
}

/// PETRARCH's regular plural: `+S`, `Y` → `IES`, `SS` → `SSES`.
fn plural(word: &str) -> String {
    if let Some(stem) = word.strip_suffix('y') {
        format!("{stem}ies")
    } else if word.ends_with("ss") {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_told_by_content() {
        let verbs = "&SYN\n+A\n--- ABANDON [345] ---\nABANDON\n- * TIES [080]\n";
        assert_eq!(detect(verbs), Some(FileKind::Verbs));
        let actors = "ARNOR [ARN]\n+ARNORIAN\nGOLLUM\n\t[HOB <950601]\n";
        assert_eq!(detect(actors), Some(FileKind::Actors));
        let agents = "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nTROOPS [~MIL] # x\nNGO [NGO~]\n";
        assert_eq!(detect(agents), Some(FileKind::Agents));
        let discards = "# c\nMONTHS LATER\n+TYPHOON # x\nBASEBALL\n";
        assert_eq!(detect(discards), Some(FileKind::Discards));
        let issues = "<ISSUE CATEGORY=\"X\">\nn:atrocity [ID_ATROCITY]\n</ISSUE>\n";
        assert_eq!(detect(issues), Some(FileKind::Issues));
        assert_eq!(detect("# only a comment\n\n"), None);
    }

    #[test]
    fn html_comments_are_blanked_but_lines_kept() {
        let t = "A [B]\n<!-- x\ny -->\nC [D]\n";
        let s = strip_html_comments(t);
        assert_eq!(s.lines().count(), 4);
        assert_eq!(s.lines().nth(3), Some("C [D]"));
        assert!(!s.contains('x'));
    }

    #[test]
    fn import_writes_every_kind_and_reports_what_it_skips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let src = dir.path().join("src");
        std::fs::create_dir_all(&src).expect("mkdir");
        let write = |name: &str, text: &str| {
            let p = src.join(name);
            std::fs::write(&p, text).expect("write");
            p
        };
        let inputs = vec![
            write("T.actors.txt", "ARNOR [ARN]\nGONDOR [GON]\nBAD [YEMNO]\n"),
            write("T.agents.txt", "POLICE {} [~COP]\n"),
            write(
                "T.verbs.txt",
                "--- ABANDON [120] ---\nABANDON\n- * TIES [161]\n- $ * TIES [161]\n",
            ),
            write("T.discards.txt", "BASEBALL\n"),
            write("T.issues.txt", "n:atrocity [ID_ATROCITY]\n"),
        ];
        let out = dir.path().join("out");
        let report = import(&inputs, &out).expect("import");
        let written: Vec<&str> = report.written.iter().map(|(f, _)| f.as_str()).collect();
        assert!(written.contains(&"actors/t-actors.txt"), "{written:?}");
        assert!(written.contains(&"verbs/t-verbs.txt"), "{written:?}");
        assert!(written.contains(&"discards.txt"), "{written:?}");
        let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(report.skipped.len(), 3, "{reasons:?}");
        let dict = dyad_recognise::Dictionary::from_dir(&out).expect("actors load");
        assert!(dict.entries.iter().any(|e| e.variant == "Arnor"));
        let verbs = dyad_code::VerbDictionary::from_dir(&out).expect("verbs load");
        assert_eq!(verbs.patterns.len(), 2, "{:?}", verbs.patterns);
        assert_eq!(verbs.discards.len(), 1);
    }
}
