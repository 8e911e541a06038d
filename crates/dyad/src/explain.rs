//! `dyad explain`: code one sentence and show why.

use crate::cli::ExplainArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: ExplainArgs) -> Result<ExitCode> {
    let coder = crate::dict::coder(args.dict.dictionaries.as_deref(), args.dict.replace)?;
    let (events, trace) = coder.explain(&args.sentence, args.date);
    if args.json {
        for e in &events {
            println!("{}", serde_json::to_string(e)?);
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!("sentence: {}", args.sentence);
    match args.date {
        Some(d) => println!("date:     {d} (chooses people's roles)"),
        None => println!("date:     none given (people take their first listed role; pass --date)"),
    }
    println!("\ntokens (clause number in brackets):");
    let line: Vec<String> = trace
        .tokens
        .iter()
        .zip(&trace.clauses)
        .map(|(t, c)| format!("{t}[{c}]"))
        .collect();
    println!("  {}", line.join(" "));
    println!("\nactors:");
    if trace.actors.is_empty() {
        println!("  none found (add the name to a dictionary: dyad dict list --help)");
    }
    for a in &trace.actors {
        println!("  {a}");
    }
    println!("\npatterns:");
    for p in &trace.patterns {
        println!("{}{p}", if p.starts_with("  ") { "" } else { "  " });
    }
    println!("\nevents: {}", events.len());
    for e in &events {
        let who = |a: &Option<dyad_core::Actor>| {
            a.as_ref()
                .map(|a| {
                    format!(
                        "{} ({:?})",
                        a.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                        a.text
                    )
                })
                .unwrap_or_default()
        };
        println!(
            "  {} → {}  {} {} quad {} goldstein {:+} plover {}{}  trigger {:?}{}  confidence {:.2}  rule {}",
            who(&e.source),
            who(&e.target),
            e.cameo,
            dyad_code::CodeTable::builtin()
                .get(&e.cameo)
                .map(|i| format!("({})", i.label))
                .unwrap_or_default(),
            e.quad_class.number(),
            e.goldstein,
            e.plover.kind,
            e.plover.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default(),
            e.trigger.text,
            e.object
                .as_ref()
                .map(|o| format!("  object {:?}", o.text))
                .unwrap_or_default(),
            e.confidence,
            e.rule
        );
    }
    Ok(ExitCode::SUCCESS)
}
