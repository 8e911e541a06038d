//! `dyad extract`: the pipeline without a store, printing SPEC §4 records.

use crate::cli::{ExtractArgs, ExtractFormat};
use crate::output::{inputs, pipeline_options, skip_line, SkipTally};
use anyhow::Result;
use dyad_core::DocId;
use dyad_dedup::NearDupIndex;
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: ExtractArgs) -> Result<ExitCode> {
    let opts = pipeline_options(&args.input, 256)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut tally = SkipTally::default();
    // Duplicates within this run point at the first copy, as in the store.
    let mut seen: HashMap<String, DocId> = HashMap::new();
    let mut near = NearDupIndex::new(opts.near_dup);
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
                if let Some(orig) = seen.get(&doc.content_hash) {
                    doc.duplicate_of = Some(orig.clone());
                } else if let Some((orig, _)) = doc.minhash.as_ref().and_then(|m| near.find(m)) {
                    doc.duplicate_of = Some(orig.clone());
                } else {
                    seen.insert(doc.content_hash.clone(), doc.id.clone());
                    if let Some(m) = doc.minhash.take() {
                        near.insert(doc.id.clone(), m);
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
