//! `dyad dict check` and `dyad dict list`.

use crate::cli::{DictArgs, DictCommand};
use anyhow::{bail, Result};
use dyad_recognise::{check, Dictionary, Roles};
use std::process::ExitCode;

fn load(args: &DictArgs) -> Result<Dictionary> {
    let loaded = match &args.dictionaries {
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
            Ok(if issues.is_empty() {
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
