//! `dyad ingest`: the pipeline into the store, with progress and a summary.

use crate::cli::IngestArgs;
use crate::output::{inputs, pipeline_options, skip_line, skip_record, SkipTally};
use anyhow::{Context, Result};
use dyad_store::{RunTotals, SkipRecord, Store};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// How many stored documents the summary lists by name.
const LIST_STORED: usize = 20;

pub fn run(args: IngestArgs) -> Result<ExitCode> {
    let mut store = Store::open(&args.db)?;
    let command: Vec<String> = std::env::args().collect();
    let run = store.begin_run(&command.join(" "))?;

    let pb = progress_bar(args.quiet);
    let opts = pipeline_options(&args.input, args.batch_size)?;
    store.set_near_duplicates(opts.near_dup);
    store.set_merge_rules(
        dyad_resolve::MergeRules::default().with_window(i32::from(args.merge_window)),
    );
    let mut totals = RunTotals::default();
    let mut tally = SkipTally::default();
    let started = Instant::now();
    let result = dyad_pipeline::run(
        inputs(&args.input.paths),
        &opts,
        dyad_text::default_splitter(),
        |batch| -> Result<()> {
            let skips: Vec<SkipRecord> = batch
                .skipped
                .iter()
                .map(|s| {
                    tally.add(s);
                    if !args.quiet {
                        warn(&pb, &format!("warning: {}", skip_line(s)));
                    }
                    skip_record(s)
                })
                .collect();
            let out = store
                .write_batch(run, &batch.documents, &skips)
                .with_context(|| format!("writing to the store {}", args.db.display()))?;
            totals.outcome.add(&out);
            totals.skipped += skips.len();
            pb.inc(batch.documents.len() as u64);
            Ok(())
        },
    );
    pb.finish_and_clear();
    store.finish_run(run, &totals, result.is_ok())?;
    result?;
    let elapsed = started.elapsed();

    let o = &totals.outcome;
    let seen = o.stored + o.unchanged;
    println!(
        "Stored {} new document(s) ({} exact and {} near duplicate(s), {} renamed for a taken id), \
         {} sentence(s), {} event mention(s) ({} new event(s), {} mention(s) joining one already reported), \
         {} quantit(y/ies) in {:.2} s ({:.0} documents/s) into {}",
        o.stored,
        o.duplicates,
        o.near_duplicates,
        o.renamed,
        o.sentences,
        o.mentions,
        o.events,
        o.merged,
        o.quantities,
        elapsed.as_secs_f64(),
        seen as f64 / elapsed.as_secs_f64().max(1e-9),
        args.db.display()
    );
    if o.unchanged > 0 {
        println!(
            "{} document(s) were already in the store and left as they were.",
            o.unchanged
        );
    }
    if tally.total() > 0 {
        println!("Skipped {} input(s) or record(s):", tally.total());
        for line in tally.lines() {
            println!("{line}");
        }
        println!("(each is listed above and kept in the store's `skipped` table)");
    }
    let stored = store.run_documents(run, LIST_STORED + 1)?;
    if !stored.is_empty() && stored.len() <= LIST_STORED {
        println!("\nDocuments stored:");
        for d in &stored {
            let note = match &d.duplicate_of {
                Some(orig) => format!("duplicate of {orig}"),
                None => format!("{} sentences", d.sentences),
            };
            println!(
                "  {:<28} {:<10}  {:<14}  {}",
                d.id,
                d.date.as_deref().unwrap_or("-"),
                note,
                d.title.as_deref().unwrap_or("(no title)")
            );
        }
    }
    if args.input.strict && tally.total() > 0 {
        eprintln!(
            "error: {} input(s) or record(s) were skipped and --strict was given",
            tally.total()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints above the progress bar when one is drawn, else plainly to stderr (a hidden bar
/// swallows `println`).
fn warn(pb: &ProgressBar, line: &str) {
    if pb.is_hidden() {
        eprintln!("{line}");
    } else {
        pb.println(line);
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    // indicatif draws only when stderr is a terminal, so logs and pipes stay clean.
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {human_pos} documents  {per_sec}  {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}
