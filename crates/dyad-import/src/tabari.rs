//! TABARI dictionaries → dyad's format.
//!
//! Inputs are recognised by their extension: `.actors`, `.agents`, `.verbs`, `.options` and
//! `.project` (a project file is followed to the `<actorsfile>`, `<agentsfile>`,
//! `<verbsfile>` and `<optionsfile>` it names, relative to its own directory). Output:
//! `actors/<input>.txt` per actors or agents file, `verbs/<input>.txt` per verbs file, and
//! `discards.txt` (written whenever verbs are imported, so dyad's built-in discards, which
//! are its own sport and entertainment frames, do not mix with TABARI's).
//!
//! # What converts
//!
//! - Actors (`actors.rs`): phrases with their codes, `+` synonyms, date restrictions (each
//!   code gets the dates where TABARI would choose it, the unrestricted default the rest).
//!   TABARI matches upper-cased text and treats a word without `_` as a stem; dyad's matcher
//!   is case-sensitive and matches whole words, so each phrase is written in the cases news
//!   uses (`Minas Tirith`, `Minas tirith`, `MINAS TIRITH`) and a stem with a list of English
//!   endings (`ARGENTIN` → Argentina, Argentine, Argentinian, …). TABARI lets other words
//!   stand between an actor phrase's blank-separated words (`_` joins words that must follow
//!   each other); each such phrase is also written with "of" and "of the" between two of
//!   them (`PRINCE DOL_AMROTH` → "Prince of Dol Amroth"), longer gaps are not matched.
//!   Every actor is of kind
//!   `name` (TABARI does not say whether a phrase is a country, a person or a group).
//! - Agents: `[~ROLE]` entries become dyad `agent` lines, also in lower case.
//! - Verbs (`verbs.rs`): roots, irregular forms, patterns, `{ | }` alternatives and synsets;
//!   the element mapping is in that module's documentation.
//! - `[###]` (discard) and `[+++]` (complex) phrases, from actors or verbs, become discard
//!   patterns: TABARI codes no event from such a sentence, and neither does dyad.
//!
//! # Codes outside CAMEO
//!
//! dyad's events carry a CAMEO code from its code table (`dyad-code/data/cameo.tsv`, with
//! QuadClass, Goldstein and PLOVER), and the coder drops any other code. A TABARI pattern
//! whose code is not in that table (TABARI's own validation dictionaries use WEIS-style and
//! made-up test codes such as 222, 903 or 174K) is therefore **not converted** and is
//! reported with the reason `code … is not a CAMEO code` (with [`import_with`] and
//! `CodePolicy::StandIn` it gets an unused CAMEO code as a stand-in instead, listed in
//! [`STAND_IN_FILE`], as the PETRARCH importer does); codes that are in the table are
//! kept as they are, even where the TABARI dictionary meant something else by them (its
//! codes are taken at their word). Actor codes must be 3-character blocks (`YEMNO` is not).
//!
//! # What does not convert
//!
//! Every line that is not (or only partly) converted is in [`Report::skipped`] with its
//! reason: null-coded verb patterns `[---]` (dyad has no pattern that claims words and codes
//! nothing), subordinate codes `[023?]`, the reverse half of paired codes `[032:033]` when
//! its code is outside CAMEO (otherwise it becomes the `reverse=` flag),
//! a compound `%` between a pattern's words and more
//! than one `+` after its verb (`^`, `+` and `$` elsewhere convert: see `verbs.rs`), prefix
//! agents `[NGM~]`, compound
//! actor codes `[A/B]`, `<NOUN>`/`<ADJECTIVE>` lists, `<TIME>` shifts and the `.options`
//! commands dyad has no equivalent setting for (see `options.rs`).

mod actors;
mod dates;
mod options;
pub use options::{apply as apply_option, option_lines, story_sentence};
mod verbs;
mod words;

use crate::{read_text, write_file, ImportError, Report, Skipped};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The kinds of TABARI input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `.actors`: actors, synonyms, date restrictions, noun and adjective lists.
    Actors,
    /// `.agents`: agent roles (`[~GOV]`).
    Agents,
    /// `.verbs`: verb roots and patterns, synsets, time shifts.
    Verbs,
    /// `.options`: coding settings.
    Options,
    /// `.project`: names the other files.
    Project,
}

impl InputKind {
    /// The kind of a file, from its extension.
    pub fn of(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "actors" => InputKind::Actors,
            "agents" => InputKind::Agents,
            "verbs" => InputKind::Verbs,
            "options" => InputKind::Options,
            "project" => InputKind::Project,
            _ => return None,
        })
    }
}

/// What the converters collect besides the files they return.
#[derive(Debug, Default)]
pub(crate) struct Output {
    /// Lines not (or only partly) converted.
    pub skipped: Vec<Skipped>,
    /// Discard patterns in dyad syntax.
    pub discards: Vec<String>,
    /// Stand-ins for codes outside CAMEO, when the import gives them.
    pub stand_ins: Option<StandIns>,
    /// dyad option lines from `.options` commands (`options.txt`).
    pub options: Vec<String>,
}

impl Output {
    pub(crate) fn skip(&mut self, file: &Path, line: usize, reason: String) {
        self.skipped.push(Skipped {
            file: file.to_path_buf(),
            line,
            reason,
        });
    }

    pub(crate) fn discard(&mut self, pattern: String) {
        if !self.discards.contains(&pattern) {
            self.discards.push(pattern);
        }
    }
}

/// The files a project names, with their kinds, resolved against its directory.
pub fn project_files(path: &Path) -> Result<Vec<(InputKind, PathBuf)>, ImportError> {
    let text = read_text(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix('<') else {
            continue;
        };
        let Some((tag, value)) = rest.split_once('>') else {
            continue;
        };
        let kind = match tag.trim().to_ascii_lowercase().as_str() {
            "actorsfile" => InputKind::Actors,
            "agentsfile" => InputKind::Agents,
            "verbsfile" => InputKind::Verbs,
            "optionsfile" => InputKind::Options,
            _ => continue,
        };
        let name = value.trim();
        if !name.is_empty() {
            out.push((kind, dir.join(name)));
        }
    }
    if out.is_empty() {
        return Err(ImportError::NotThisFormat {
            path: path.to_path_buf(),
            reason:
                "a TABARI project names its files with <actorsfile>, <verbsfile>, …; none found"
                    .into(),
        });
    }
    Ok(out)
}

/// An output name for an input file: `TABARI.Demo.actors` → `TABARI.Demo.actors.txt`.
fn out_name(dir: &str, path: &Path, taken: &mut HashSet<String>) -> String {
    let base: String = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tabari".into())
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut name = format!("{dir}/{base}.txt");
    let mut k = 2;
    while !taken.insert(name.clone()) {
        name = format!("{dir}/{base}-{k}.txt");
        k += 1;
    }
    name
}

/// Where [`CodePolicy::StandIn`](crate::petrarch::CodePolicy) writes its stand-in codes.
pub const STAND_IN_FILE: &str = "tabari-codes.tsv";

/// Reads a [`STAND_IN_FILE`] from an import's output directory: stand-in code → the TABARI
/// code it stands for. Empty when there is none.
pub fn read_stand_ins(out: &Path) -> HashMap<String, String> {
    crate::petrarch::read_pairs(&out.join(STAND_IN_FILE))
}

/// Stand-in CAMEO codes for TABARI codes outside CAMEO, handed out as patterns need them.
#[derive(Debug, Default)]
pub(crate) struct StandIns {
    /// Table codes no TABARI pattern uses, the next one to hand out last.
    free: Vec<String>,
    /// (stand-in, original), in the order handed out.
    pub(crate) pairs: Vec<(String, String)>,
}

impl StandIns {
    /// The stand-in for `code`, or `None` when the pool is exhausted.
    pub(crate) fn get(&mut self, code: &str) -> Option<String> {
        if let Some((s, _)) = self.pairs.iter().find(|(_, o)| o == code) {
            return Some(s.clone());
        }
        let s = self.free.pop()?;
        self.pairs.push((s.clone(), code.to_owned()));
        Some(s)
    }

    /// A pool of table codes that none of `verb_texts`' bracketed codes uses, so a stand-in
    /// never reads back as a code TABARI meant as itself.
    fn new(verb_texts: &[String]) -> StandIns {
        let mut used: HashSet<String> = HashSet::new();
        for text in verb_texts {
            for part in text.split('[').skip(1) {
                let inner = part.split(']').next().unwrap_or("");
                for c in inner.split(':') {
                    used.insert(c.trim().trim_end_matches(['!', '?']).to_owned());
                }
            }
        }
        let mut free: Vec<String> = dyad_code::CodeTable::builtin()
            .iter()
            .map(|i| i.code.to_string())
            .filter(|c| !used.contains(c))
            .collect();
        free.reverse();
        StandIns {
            free,
            pairs: Vec::new(),
        }
    }
}

/// Converts TABARI dictionary files into a dyad dictionary directory at `out`; patterns
/// with codes outside CAMEO are reported, not converted.
pub fn import(inputs: &[PathBuf], out: &Path) -> Result<Report, ImportError> {
    import_with(inputs, out, crate::petrarch::Options::default())
}

/// [`import`] with settings: with [`CodePolicy::StandIn`](crate::petrarch::CodePolicy), a
/// pattern whose code is outside CAMEO gets an unused CAMEO code as a stand-in, listed in
/// [`STAND_IN_FILE`] (`stand-in<TAB>original`; read it back with [`read_stand_ins`]).
pub fn import_with(
    inputs: &[PathBuf],
    out: &Path,
    options: crate::petrarch::Options,
) -> Result<Report, ImportError> {
    let mut files: Vec<(InputKind, PathBuf)> = Vec::new();
    for p in inputs {
        match InputKind::of(p) {
            Some(InputKind::Project) => files.extend(project_files(p)?),
            Some(k) => files.push((k, p.clone())),
            None => {
                return Err(ImportError::NotThisFormat {
                    path: p.clone(),
                    reason:
                        "not a TABARI file: expected .actors, .agents, .verbs, .options or .project"
                            .into(),
                })
            }
        }
    }
    let mut seen = HashSet::new();
    files.retain(|(_, p)| seen.insert(p.clone()));
    let mut output = Output::default();
    if options.codes == crate::petrarch::CodePolicy::StandIn {
        let mut texts = Vec::new();
        for (kind, path) in &files {
            if *kind == InputKind::Verbs {
                texts.push(read_text(path)?);
            }
        }
        output.stand_ins = Some(StandIns::new(&texts));
    }
    let mut report = Report::default();
    let mut taken = HashSet::new();
    let mut any_verbs = false;
    for (kind, path) in &files {
        let text = read_text(path)?;
        match kind {
            InputKind::Actors | InputKind::Agents => {
                let (t, n) = actors::convert(path, &text, &mut output);
                let rel = out_name("actors", path, &mut taken);
                write_file(out, &rel, &t)?;
                report.written.push((rel, n));
            }
            InputKind::Verbs => {
                any_verbs = true;
                let (t, n) = verbs::convert(path, &text, &mut output);
                let rel = out_name("verbs", path, &mut taken);
                write_file(out, &rel, &t)?;
                report.written.push((rel, n));
            }
            InputKind::Options => options::convert(path, &text, &mut output),
            InputKind::Project => {}
        }
    }
    if any_verbs || !output.discards.is_empty() {
        let mut t = vec![
            "# Discards converted from TABARI [###] and [+++] phrases; the code is unused."
                .to_owned(),
        ];
        t.extend(output.discards.iter().map(|p| format!("010 | {p}")));
        t.push(String::new());
        write_file(out, "discards.txt", &t.join("\n"))?;
        report
            .written
            .push(("discards.txt".into(), output.discards.len()));
    }
    if any_verbs {
        // TABARI codes a pattern's code whatever the verb's modality ("will visit" is a
        // visit); dyad's intent and hypothetical conventions would recode or drop those acts.
        // TABARI skips sentences of fewer than eight words and codes the first act of each
        // clause, unless its options say otherwise; its pronouns follow its own rules.
        // Its actors are found by its own search (first actor before the verb, first other
        // after it) in a sentence stripped of short comma-delimited phrases.
        let mut text = format!(
            "{}# From TABARI's defaults and .options commands.\nminimum-words {}\ncode-by clause\nfirst-actor-pronouns\nand-clauses\nfirst-actor-roles\n{}\n",
            crate::petrarch::IMPORTED_OPTIONS,
            options::DEFAULT_MINIMUM_WORDS,
            options::comma_line(options::DEFAULT_COMMA)
        );
        for line in &output.options {
            text.push_str(line);
            text.push('\n');
        }
        write_file(out, dyad_code::OPTIONS_FILE, &text)?;
        report.written.push((dyad_code::OPTIONS_FILE.to_owned(), 1));
    }
    if let Some(st) = output.stand_ins.as_ref().filter(|s| !s.pairs.is_empty()) {
        let mut tsv = String::from(
            "# Stand-in CAMEO codes for TABARI codes outside CAMEO (stand-in<TAB>original).\n",
        );
        for (stand_in, original) in &st.pairs {
            tsv.push_str(&format!("{stand_in}\t{original}\n"));
        }
        write_file(out, STAND_IN_FILE, &tsv)?;
        report
            .written
            .push((STAND_IN_FILE.to_owned(), st.pairs.len()));
    }
    report.skipped = output.skipped;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    #[test]
    fn kinds_come_from_the_extension() {
        assert_eq!(
            InputKind::of(Path::new("a/X.actors")),
            Some(InputKind::Actors)
        );
        assert_eq!(
            InputKind::of(Path::new("CAMEO.091003.master.verbs")),
            Some(InputKind::Verbs)
        );
        assert_eq!(InputKind::of(Path::new("x.txt")), None);
    }

    #[test]
    fn a_project_is_followed_and_the_result_loads_into_a_coder() {
        let src = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        write(
            src.path(),
            "t.actors",
            "ARNOR_ [ARN]\nGONDOR_ [GON]\nSOCCER [###]\n",
        );
        write(src.path(), "t.agents", "TROOPS_ [~MIL]\n");
        write(
            src.path(),
            "t.verbs",
            "ACCUSE_ [112]\n- * OF_ SPYING_ [---]\n",
        );
        write(
            src.path(),
            "t.options",
            "// c\nSET: LABEL = TRUE\nSET: MINIMUM WORDS = 4\n",
        );
        let project = write(
            src.path(),
            "t.project",
            "x\n<actorsfile> t.actors\n<agentsfile> t.agents\n<verbsfile> t.verbs\n<optionsfile> t.options\n<textfile> t.text\n",
        );
        let report = import(&[project], out.path()).unwrap();
        let written: Vec<&str> = report.written.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            written,
            [
                "actors/t.actors.txt",
                "actors/t.agents.txt",
                "verbs/t.verbs.txt",
                "discards.txt",
                "options.txt"
            ]
        );
        let lines: Vec<usize> = report.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [2, 2], "{:?}", report.skipped);
        let dict = dyad_recognise::Dictionary::from_dir(out.path()).unwrap();
        let verbs = dyad_code::VerbDictionary::from_dir(out.path()).unwrap();
        assert_eq!(verbs.discards.len(), 1);
        assert!(verbs.options.acts_as_stated && verbs.options.located_targets);
        // TABARI's minimum of eight words, lowered by the options file.
        assert_eq!(verbs.options.min_words, 4);
        let coder = dyad_code::Coder::new(dict, verbs, dyad_code::CoderOptions::default()).unwrap();
        let date = "1995-01-01".parse().ok();
        let events = coder.code_document([(0, "Arnor accused Gondor of spying.")], date);
        let got: Vec<String> = events
            .iter()
            .map(|e| {
                format!(
                    "{:?} {:?} {}",
                    e.source
                        .as_ref()
                        .and_then(|a| a.code.clone())
                        .map(|c| c.to_string()),
                    e.target
                        .as_ref()
                        .and_then(|a| a.code.clone())
                        .map(|c| c.to_string()),
                    e.cameo
                )
            })
            .collect();
        assert_eq!(got, ["Some(\"ARN\") Some(\"GON\") 112"]);
    }

    #[test]
    fn unknown_files_and_missing_project_files_are_errors() {
        let src = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let odd = write(src.path(), "x.txt", "");
        assert!(matches!(
            import(&[odd], out.path()),
            Err(ImportError::NotThisFormat { .. })
        ));
        let p = write(src.path(), "p.project", "<actorsfile> missing.actors\n");
        assert!(matches!(
            import(&[p], out.path()),
            Err(ImportError::Read { .. })
        ));
    }
}
