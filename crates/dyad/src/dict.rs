//! `dyad dict check` and `dyad dict list`.

use crate::cli::{DictArgs, DictCommand, DictImportArgs, ImportFormat};
use anyhow::{bail, Result};
use dyad_code::{CodeTable, Coder, CoderOptions, VerbDictionary};
use dyad_recognise::{check, Dictionary, Roles};
use std::path::Path;
use std::process::ExitCode;

/// The event coder: built-in dictionaries, or those in `dir` on top of them (or instead of
/// them with `replace`); built once, kept for the run.
pub fn coder(dir: Option<&Path>, replace: bool) -> Result<&'static Coder> {
    let Some(dir) = dir else {
        return Coder::builtin().map_err(|e| anyhow::anyhow!("built-in dictionaries: {e}"));
    };
    if !dir.is_dir() {
        bail!("--dictionaries {}: not a directory", dir.display());
    }
    let actors = load_actors(Some(dir), replace)?;
    let verbs = load_verbs(Some(dir), replace)?;
    let coder = Coder::new(actors, verbs, CoderOptions::default())?;
    // One coder per process, shared by every worker thread.
    Ok(Box::leak(Box::new(coder)))
}

fn report_errors<E: std::fmt::Display>(errors: &[E], what: &str) -> anyhow::Error {
    for e in errors {
        eprintln!("error: {e}");
    }
    anyhow::anyhow!(
        "{} {what} line(s) could not be read; fix them and run again",
        errors.len()
    )
}

/// Verb patterns and discards: built-in, or DIR's on top of them (DIR's first, so they win a
/// tie), or with `replace` DIR's instead (a part DIR lacks stays built-in).
fn load_verbs(dir: Option<&Path>, replace: bool) -> Result<VerbDictionary> {
    let builtin = || VerbDictionary::builtin().map_err(|e| report_errors(&e, "verb dictionary"));
    let Some(dir) = dir else {
        return builtin();
    };
    let mut own =
        VerbDictionary::from_dir(dir).map_err(|e| report_errors(&e, "verb dictionary"))?;
    if !replace {
        let base = builtin()?;
        if dir.join("verbs").is_dir() {
            own.patterns.extend(base.patterns);
        }
        if dir.join("discards.txt").is_file() {
            own.discards.extend(base.discards);
        }
    }
    Ok(own)
}

fn load(args: &DictArgs) -> Result<Dictionary> {
    load_actors(args.dictionaries.as_deref(), args.replace)
}

/// Actor entries: built-in, or DIR's on top of them (DIR's first: the matcher takes the first
/// entry that holds on the document's date), or with `replace` DIR's instead.
fn load_actors(dir: Option<&Path>, replace: bool) -> Result<Dictionary> {
    let builtin = || Dictionary::builtin().map_err(|e| report_errors(&e, "dictionary"));
    let Some(dir) = dir else {
        return builtin();
    };
    // Without DIR/actors, `from_dir` gives the built-in set.
    let mut own = Dictionary::from_dir(dir).map_err(|e| report_errors(&e, "dictionary"))?;
    if !replace && dir.join("actors").is_dir() {
        own.entries.extend(builtin()?.entries);
    }
    Ok(own)
}

pub fn run(cmd: DictCommand) -> Result<ExitCode> {
    match cmd {
        DictCommand::Import(args) => import(args),
        DictCommand::Check(args) => {
            let dict = load(&args)?;
            let issues = check(&dict, &Roles::builtin());
            for i in &issues {
                println!("{i}");
            }
            let codes: std::collections::HashSet<&str> =
                dict.entries.iter().map(|e| e.code.as_str()).collect();
            println!(
                "{} entries for {} actor codes checked: {} issue(s)",
                dict.entries.len(),
                codes.len(),
                issues.len()
            );
            let verbs = load_verbs(args.dictionaries.as_deref(), args.replace)?;
            let verb_issues = check_verbs(&verbs);
            for i in &verb_issues {
                println!("{i}");
            }
            let covered: std::collections::HashSet<&str> =
                verbs.patterns.iter().map(|p| p.code.as_str()).collect();
            println!(
                "{} verb patterns for {} CAMEO codes and {} discards checked: {} issue(s)",
                verbs.patterns.len(),
                covered.len(),
                verbs.discards.len(),
                verb_issues.len()
            );
            let issues = issues.len() + verb_issues.len();
            Ok(if issues == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        DictCommand::List(args) => {
            let dict = load(&args.dict)?;
            for e in &dict.entries {
                if args
                    .code
                    .as_deref()
                    .is_some_and(|p| !e.code.as_str().starts_with(p))
                {
                    continue;
                }
                let dates = match (e.from, e.to) {
                    (None, None) => String::new(),
                    (f, t) => format!(
                        "{}..{}",
                        f.map(|d| d.to_string()).unwrap_or_default(),
                        t.map(|d| d.to_string()).unwrap_or_default()
                    ),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    e.code,
                    e.kind,
                    e.variant,
                    dates,
                    e.location()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Verb dictionary issues: codes missing from the CAMEO table, and the same pattern listed
/// twice (for one code: a duplicate; for two codes: a conflict the coder resolves by order).
fn check_verbs(verbs: &VerbDictionary) -> Vec<String> {
    let table = CodeTable::builtin();
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<&str, &dyad_code::Pattern> =
        std::collections::HashMap::new();
    for p in &verbs.patterns {
        if table.get(&p.code).is_none() {
            out.push(format!(
                "{}: unknown CAMEO code {} (see dyad-code/data/cameo.tsv)",
                p.location(),
                p.code
            ));
        }
        let key = p.text.as_str();
        match seen.get(key) {
            Some(q) if q.code == p.code && q.flags == p.flags => out.push(format!(
                "{}: duplicate of {} ({})",
                p.location(),
                q.location(),
                p.text
            )),
            Some(q) if q.flags.noun == p.flags.noun && q.code != p.code => out.push(format!(
                "{}: conflict: `{}` is {} here and {} at {}",
                p.location(),
                p.text,
                p.code,
                q.code,
                q.location()
            )),
            _ => {
                seen.insert(key, p);
            }
        }
    }
    out
}

/// `dyad dict import`: converts, writes DIR, lists what was not converted (all of it in
/// DIR/IMPORT-REPORT.txt, the first lines and a count per reason on stderr).
fn import(args: DictImportArgs) -> Result<ExitCode> {
    let format = match args.format {
        ImportFormat::Petrarch => dyad_import::Format::Petrarch,
        ImportFormat::Tabari => dyad_import::Format::Tabari,
    };
    let report = dyad_import::import(format, &args.files, &args.out)?;
    for (file, n) in &report.written {
        println!("{}: {n} entries", args.out.join(file).display());
    }
    let mut listing = String::new();
    let mut reasons: std::collections::BTreeMap<&str, usize> = Default::default();
    for s in &report.skipped {
        listing.push_str(&format!("{s}\n"));
        // Reasons are grouped by their text before any detail after a colon.
        let reason = s.reason.split(':').next().unwrap_or(&s.reason);
        *reasons.entry(reason).or_default() += 1;
    }
    let report_path = args.out.join("IMPORT-REPORT.txt");
    dyad_import::write_file(&args.out, "IMPORT-REPORT.txt", &listing)?;
    for s in report.skipped.iter().take(20) {
        eprintln!("not converted: {s}");
    }
    if report.skipped.len() > 20 {
        eprintln!("… and {} more", report.skipped.len() - 20);
    }
    for (reason, n) in &reasons {
        eprintln!("{n:>7}  {reason}");
    }
    eprintln!(
        "{} line(s) not converted, listed in {}; use the result with `--dictionaries {}` \
         (add --replace to use it instead of the built-in dictionaries), and check it with \
         `dyad dict check --dictionaries {}`",
        report.skipped.len(),
        report_path.display(),
        args.out.display(),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
