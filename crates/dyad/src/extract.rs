//! `dyad extract`: the pipeline without a store, printing SPEC §4 records.

use crate::cli::{ExtractArgs, ExtractFormat};
use crate::output::{inputs, pipeline_options, skip_line, SkipTally};
use anyhow::Result;
use dyad_core::DocId;
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let opts = pipeline_options(&args.input, 256);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tally = SkipTally::default();
    // Exact duplicates within this run point at the first copy, as in the store.
    let mut seen: HashMap<String, DocId> = HashMap::new();
    let mut first = true;
    if matches!(args.format, ExtractFormat::Json) {
        out.write_all(b"[")?;
    }
    dyad_pipeline::run(
        inputs(&args.input.paths),
        &opts,
        dyad_text::default_splitter(),
        |batch| -> Result<()> {
            for s in &batch.skipped {
                tally.add(s);
                eprintln!("warning: {}", skip_line(s));
            }
            for mut doc in batch.documents {
                match seen.get(&doc.content_hash) {
                    Some(orig) if *orig != doc.id => doc.duplicate_of = Some(orig.clone()),
                    _ => {
                        seen.insert(doc.content_hash.clone(), doc.id.clone());
                    }
                }
                match args.format {
                    ExtractFormat::Jsonl => {
                        serde_json::to_writer(&mut out, &doc.record(args.with_sentences))?;
                        out.write_all(b"\n")?;
                    }
                    ExtractFormat::Json => {
                        out.write_all(if first { b"\n" } else { b",\n" })?;
                        serde_json::to_writer(&mut out, &doc.record(args.with_sentences))?;
                    }
                }
                first = false;
            }
            Ok(())
        },
    )?;
    if matches!(args.format, ExtractFormat::Json) {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    if tally.total() > 0 {
        eprintln!("skipped {} input(s) or record(s):", tally.total());
        for line in tally.lines() {
            eprintln!("{line}");
        }
        if args.input.strict {
            eprintln!("error: inputs were skipped and --strict was given");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}
