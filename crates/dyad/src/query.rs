//! `dyad search`, `dyad stats` and `dyad quantities`.

use crate::cli::{QuantitiesArgs, SearchArgs, StatsArgs, TableFormat};
use anyhow::Result;
use dyad_store::{QuantityFilter, Store};
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

pub fn quantities(args: QuantitiesArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.db)?;
    let rows = store.quantities(&QuantityFilter {
        dyad: args.dyad.clone(),
        unit: args.unit.clone(),
        measure: args.measure.clone(),
        limit: args.limit,
    })?;
    match args.format {
        TableFormat::Json => {
            for r in &rows {
                println!("{}", serde_json::to_string(r)?);
            }
        }
        TableFormat::Table => {
            if rows.is_empty() {
                println!("No figures match; `dyad quantities --help` lists the filters.");
            }
            for r in &rows {
                let qualifier = match r.qualifier.as_str() {
                    "exact" => String::new(),
                    q => format!("{} ", q.replace('_', " ")),
                };
                let max = r
                    .value_max
                    .map(|m| format!("–{}", number(m)))
                    .unwrap_or_default();
                let per = r.per.as_ref().map(|p| format!("/{p}")).unwrap_or_default();
                let measure = r
                    .measure
                    .as_deref()
                    .map_or_else(|| "-".to_owned(), |m| format!("“{m}”"));
                // As written first, then normalised: "more than 30 deals  = 30 count".
                println!(
                    "{:<10}  {qualifier}{}  = {}{max} {}{per}  {measure}  [{}]  {}#{}{}",
                    r.date.as_deref().unwrap_or("-"),
                    r.text,
                    number(r.value),
                    r.unit,
                    r.actors.as_deref().unwrap_or(""),
                    r.doc_id,
                    r.sentence_index,
                    r.site
                        .as_ref()
                        .map(|s| format!(" ({s})"))
                        .unwrap_or_default(),
                );
                if let Some(s) = &r.sentence {
                    println!("    {}", s.replace('\n', " "));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// 108000000000 → "108 billion"; small numbers as they are.
fn number(v: f64) -> String {
    let scaled = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
        .iter()
        .find(|(s, _)| v.abs() >= *s)
        .map(|(s, w)| format!("{} {w}", trim(v / s)));
    scaled.unwrap_or_else(|| trim(v))
}

fn trim(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
