//! `dyad search` and `dyad stats`.

use crate::cli::{SearchArgs, StatsArgs, TableFormat};
use anyhow::Result;
use dyad_store::Store;
use std::process::ExitCode;

pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.db)?;
    let hits = store.search(&args.query, args.limit)?;
    match args.format {
        TableFormat::Json => {
            for h in &hits {
                println!("{}", serde_json::to_string(h)?);
            }
        }
        TableFormat::Table => {
            if hits.is_empty() {
                println!("No documents match {:?}.", args.query);
            }
            for h in &hits {
                println!(
                    "{}  {}  {}",
                    h.id,
                    h.date.as_deref().unwrap_or("-"),
                    h.title.as_deref().unwrap_or("(no title)")
                );
                println!("    {}", h.snippet.replace('\n', " "));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn stats(args: StatsArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.db)?;
    let s = store.stats()?;
    match args.format {
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(&s)?),
        TableFormat::Table => {
            println!(
                "store        {} (schema v{})",
                args.db.display(),
                s.schema_version
            );
            println!("documents    {}", s.documents);
            println!("duplicates   {}", s.duplicates);
            println!("sentences    {}", s.sentences);
            println!("actors       {}", s.actors);
            println!("mentions     {}", s.mentions);
            println!("events       {}", s.events);
            println!("quantities   {}", s.quantities);
            println!("skipped      {}", s.skipped);
            println!(
                "dates        {} … {}",
                s.first_date.as_deref().unwrap_or("-"),
                s.last_date.as_deref().unwrap_or("-")
            );
            let langs: Vec<String> = s
                .languages
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            println!(
                "languages    {}",
                if langs.is_empty() {
                    "-".into()
                } else {
                    langs.join(", ")
                }
            );
            println!(
                "runs         {} (last started {})",
                s.runs,
                s.last_run.as_deref().unwrap_or("-")
            );
            if s.interrupted_runs > 0 {
                println!(
                    "warning: {} run(s) did not finish (killed or crashed); what they stored is \
                     complete, and re-running the same ingest adds the rest",
                    s.interrupted_runs
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
