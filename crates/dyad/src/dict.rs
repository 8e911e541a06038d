//! `dyad dict check` and `dyad dict list`.

use crate::cli::{DictArgs, DictCommand};
use anyhow::{bail, Result};
use dyad_code::{CodeTable, Coder, CoderOptions, VerbDictionary};
use dyad_recognise::{check, Dictionary, Roles};
use std::path::Path;
use std::process::ExitCode;

/// The event coder: built-in dictionaries, or those in `dir` (built once, kept for the run).
pub fn coder(dir: Option<&Path>) -> Result<&'static Coder> {
    let Some(dir) = dir else {
        return Coder::builtin().map_err(|e| anyhow::anyhow!("built-in dictionaries: {e}"));
    };
    if !dir.is_dir() {
        bail!("--dictionaries {}: not a directory", dir.display());
    }
    let actors = load_actors(Some(dir))?;
    let verbs = load_verbs(Some(dir))?;
    let coder = Coder::new(actors, verbs, CoderOptions::default())?;
    // One coder per process, shared by every worker thread.
    Ok(Box::leak(Box::new(coder)))
}

fn load_verbs(dir: Option<&Path>) -> Result<VerbDictionary> {
    let loaded = match dir {
        Some(dir) => VerbDictionary::from_dir(dir),
        None => VerbDictionary::builtin(),
    };
    loaded.map_err(|errors| {
        for e in &errors {
            eprintln!("error: {e}");
        }
        anyhow::anyhow!(
            "{} verb dictionary line(s) could not be read; fix them and run again",
            errors.len()
        )
    })
}

fn load(args: &DictArgs) -> Result<Dictionary> {
    load_actors(args.dictionaries.as_deref())
}

fn load_actors(dir: Option<&Path>) -> Result<Dictionary> {
    let loaded = match dir {
        Some(dir) => Dictionary::from_dir(dir),
        None => Dictionary::builtin(),
    };
    match loaded {
        Ok(d) => Ok(d),
        Err(errors) => {
            for e in &errors {
                eprintln!("error: {e}");
            }
            bail!(
                "{} dictionary line(s) could not be read; fix them and run again",
                errors.len()
            )
        }
    }
}

pub fn run(cmd: DictCommand) -> Result<ExitCode> {
    match cmd {
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
            let verbs = load_verbs(args.dictionaries.as_deref())?;
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
