//! `dyad bench`: throughput and peak memory of each stage prefix on a corpus.
//!
//! Each stage is measured as a full streaming run from the input (read; read → clean → split;
//! read → clean → split → store into a fresh temporary SQLite file), so memory stays flat and
//! the figures are what a user's ingest would see. Three rows time one core: the cleaner alone
//! (reading subtracted), the per-core figure the cleaning bar is stated in, and the coder
//! without and with dates and figures. Each of those is the fastest of three runs (the coder's
//! two alternate), since other processes only ever add time. Peak RSS is reset between runs on
//! Linux (`/proc/self/clear_refs`), so each row shows its own peak.
//!
//! `dyad bench --queries` times the relationship queries on a large store instead
//! (`bench_queries.rs`).

use crate::cli::BenchArgs;
use crate::output::skip_record;
use anyhow::{bail, Context, Result};
use dyad_pipeline::Options;
use dyad_read::{Input, Item};
use dyad_store::{RunTotals, SkipRecord, Store};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Serialize)]
struct StageResult {
    stage: &'static str,
    seconds: f64,
    documents: usize,
    sentences: Option<usize>,
    /// Events coded, for the stages that code.
    events: Option<usize>,
    /// Figures found, for the stage that looks for them.
    quantities: Option<usize>,
    bytes: usize,
    documents_per_s: f64,
    sentences_per_s: Option<f64>,
    mb_per_s: f64,
    peak_rss_mb: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Report {
    corpus: String,
    cores: usize,
    rayon_threads: usize,
    skipped: usize,
    /// Resident memory the built-in dictionaries and their automata take.
    dictionary_mb: Option<f64>,
    /// Seconds to load and compile the dictionaries.
    coder_build_s: f64,
    stages: Vec<StageResult>,
}

pub fn run(args: BenchArgs) -> Result<ExitCode> {
    if args.queries {
        return crate::bench_queries::run(&args);
    }
    if args.path != "-" && !Path::new(&args.path).exists() {
        bail!(
            "no corpus at {}: pass a PATH to benchmark on (any input dyad reads), \
             e.g. `dyad bench my-corpus.jsonl.gz`",
            args.path
        );
    }
    // The coder's dictionaries, built first so their memory can be told apart.
    let rss_before = current_rss_mb();
    let t = Instant::now();
    let coder = crate::dict::coder(args.dict.dictionaries.as_deref(), args.dict.replace)?;
    let coder_build_s = t.elapsed().as_secs_f64();
    let dictionary_mb = current_rss_mb()
        .zip(rss_before)
        .map(|(after, before)| after - before);
    let opts = Options {
        batch_size: args.batch_size,
        limit: args.limit,
        coder: Some(coder),
        ..Options::default()
    };
    let input = || vec![Input::from_arg(&args.path)];
    let splitter = dyad_text::default_splitter();
    let mut stages = Vec::new();

    // Stage 1: read only.
    reset_peak_rss();
    let t = Instant::now();
    let (mut docs, mut bytes, mut skipped) = (0usize, 0usize, 0usize);
    for item in dyad_read::read_inputs(input(), opts.read) {
        match item {
            Item::Doc(d) => {
                if args.limit.is_some_and(|l| docs >= l) {
                    break;
                }
                docs += 1;
                bytes += d.body.as_str().len();
            }
            Item::Skip(_) => skipped += 1,
        }
    }
    stages.push(stage("read", t.elapsed().as_secs_f64(), docs, None, bytes));

    // Stage 1b: read → clean on one thread, so cleaning cost reads as pages/s per core; the
    // fastest of PER_CORE_RUNS runs, as noise from other processes only ever adds time.
    let mut best: Option<(f64, usize, usize)> = None;
    for _ in 0..PER_CORE_RUNS {
        reset_peak_rss();
        let t = Instant::now();
        let (mut docs, mut bytes, mut read_time) = (0usize, 0usize, 0.0f64);
        let mut reader = dyad_read::read_inputs(input(), opts.read);
        loop {
            let r = Instant::now();
            let Some(item) = reader.next() else { break };
            read_time += r.elapsed().as_secs_f64();
            let Item::Doc(d) = item else { continue };
            if args.limit.is_some_and(|l| docs >= l) {
                break;
            }
            docs += 1;
            bytes += d.body.as_str().len();
            std::hint::black_box(dyad_pipeline::clean(d));
        }
        // Reading is subtracted: this row is the cleaner alone.
        let secs = (t.elapsed().as_secs_f64() - read_time).max(1e-9);
        if best.is_none_or(|(b, _, _)| secs < b) {
            best = Some((secs, docs, bytes));
        }
    }
    let (secs, docs, bytes) = best.unwrap_or((1e-9, 0, 0));
    stages.push(stage("clean (1 core)", secs, docs, None, bytes));

    // Stage 1c: coding alone on one thread, over sentences split beforehand.
    stages.extend(bench_coding(&input, &opts, splitter, coder)?);

    // Stage 2: read → clean → split → code.
    reset_peak_rss();
    let t = Instant::now();
    let (mut docs, mut sentences, mut bytes) = (0usize, 0usize, 0usize);
    dyad_pipeline::run(input(), &opts, splitter, |batch| -> Result<()> {
        docs += batch.documents.len();
        sentences += batch
            .documents
            .iter()
            .map(|d| d.sentences.len())
            .sum::<usize>();
        bytes += batch.bytes;
        Ok(())
    })?;
    stages.push(stage(
        "read→clean→split→code",
        t.elapsed().as_secs_f64(),
        docs,
        Some(sentences),
        bytes,
    ));

    // Stage 3: read → clean → split → store, into a fresh store.
    let dir = tempfile::tempdir().context("creating a temporary directory for the bench store")?;
    let mut store = Store::open(dir.path().join("bench.db"))?;
    let run = store.begin_run("dyad bench")?;
    reset_peak_rss();
    let t = Instant::now();
    let mut totals = RunTotals::default();
    let mut bytes = 0usize;
    dyad_pipeline::run(input(), &opts, splitter, |batch| -> Result<()> {
        let skips: Vec<SkipRecord> = batch.skipped.iter().map(skip_record).collect();
        totals
            .outcome
            .add(&store.write_batch(run, &batch.documents, &skips)?);
        totals.skipped += skips.len();
        bytes += batch.bytes;
        Ok(())
    })?;
    store.finish_run(run, &totals, true)?;
    stages.push(stage(
        "read→…→code→store",
        t.elapsed().as_secs_f64(),
        totals.outcome.stored + totals.outcome.unchanged,
        Some(totals.outcome.sentences),
        bytes,
    ));

    let report = Report {
        corpus: args.path.clone(),
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        rayon_threads: rayon_threads(),
        skipped,
        dictionary_mb,
        coder_build_s,
        stages,
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(ExitCode::SUCCESS)
}

fn stage(
    name: &'static str,
    seconds: f64,
    documents: usize,
    sentences: Option<usize>,
    bytes: usize,
) -> StageResult {
    let secs = seconds.max(1e-9);
    StageResult {
        stage: name,
        seconds,
        documents,
        sentences,
        events: None,
        quantities: None,
        bytes,
        documents_per_s: documents as f64 / secs,
        sentences_per_s: sentences.map(|s| s as f64 / secs),
        mb_per_s: bytes as f64 / 1e6 / secs,
        peak_rss_mb: peak_rss_mb(),
    }
}

fn print_report(r: &Report) {
    let docs = r.stages.first().map_or(0, |s| s.documents);
    let mb = r.stages.first().map_or(0.0, |s| s.bytes as f64 / 1e6);
    println!(
        "dyad bench: {} — {docs} documents, {mb:.1} MB of text, {} skipped; {} cores, {} worker threads",
        r.corpus, r.skipped, r.cores, r.rayon_threads
    );
    println!(
        "{:<24} {:>8} {:>12} {:>12} {:>8} {:>10}",
        "stage", "seconds", "documents/s", "sentences/s", "MB/s", "peak RSS"
    );
    if let Some(mb) = r.dictionary_mb {
        println!(
            "dictionaries: {mb:.1} MB resident, built in {:.2} s",
            r.coder_build_s
        );
    }
    for s in &r.stages {
        println!(
            "{:<24} {:>8.2} {:>12.0} {:>12} {:>8.1} {:>10}",
            s.stage,
            s.seconds,
            s.documents_per_s,
            s.sentences_per_s
                .map_or("-".to_owned(), |v| format!("{v:.0}")),
            s.mb_per_s,
            s.peak_rss_mb
                .map_or("n/a".to_owned(), |v| format!("{v:.0} MB")),
        );
    }
}

fn rayon_threads() -> usize {
    dyad_pipeline::worker_threads()
}

/// Runs of each single-core row; the fastest is reported.
const PER_CORE_RUNS: usize = 3;

/// Codes every sentence of the corpus on the calling thread, timing the coder alone: the
/// documents are read, cleaned and split first (untimed, up to 50,000 documents held).
fn bench_coding(
    input: &dyn Fn() -> Vec<Input>,
    opts: &Options,
    splitter: &dyad_text::Splitter,
    coder: &dyad_code::Coder,
) -> Result<Vec<StageResult>> {
    let mut docs = Vec::new();
    let split_only = Options {
        coder: None,
        limit: Some(opts.limit.unwrap_or(50_000).min(50_000)),
        ..opts.clone()
    };
    dyad_pipeline::run(input(), &split_only, splitter, |batch| -> Result<()> {
        docs.extend(batch.documents);
        Ok(())
    })?;
    let sentences: usize = docs.iter().map(|d| d.sentences.len()).sum();
    let bytes: usize = docs.iter().map(|d| d.clean_text.len()).sum();
    // The two rows alternate, PER_CORE_RUNS times each, and each keeps its fastest run: their
    // ratio is the cost of dates and figures, and alternating exposes both to the same load.
    reset_peak_rss();
    let (mut code_s, mut analyse_s) = (f64::INFINITY, f64::INFINITY);
    let (mut events, mut analysed_events, mut figures) = (0usize, 0usize, 0usize);
    for _ in 0..PER_CORE_RUNS {
        let t = Instant::now();
        events = 0;
        for d in &docs {
            events += coder
                .code_document(
                    d.sentences
                        .iter()
                        .map(|s| (s.span.start, s.text(&d.clean_text))),
                    d.date,
                )
                .len();
        }
        code_s = code_s.min(t.elapsed().as_secs_f64());
        // The same with event dates and stated figures, the full analysis ingest runs.
        let t = Instant::now();
        (analysed_events, figures) = (0, 0);
        for d in &docs {
            let a = coder.analyse_document(
                d.sentences
                    .iter()
                    .map(|s| (s.span.start, s.text(&d.clean_text))),
                d.date,
            );
            analysed_events += a.events.len();
            figures += a.quantities.len();
        }
        analyse_s = analyse_s.min(t.elapsed().as_secs_f64());
    }
    let mut coded = stage("code (1 core)", code_s, docs.len(), Some(sentences), bytes);
    coded.events = Some(events);
    let mut analysed = stage(
        "code+dates+figures (1 core)",
        analyse_s,
        docs.len(),
        Some(sentences),
        bytes,
    );
    analysed.events = Some(analysed_events);
    analysed.quantities = Some(figures);
    Ok(vec![coded, analysed])
}

/// Current resident set size in MB (Linux `VmRSS`).
fn current_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resets the kernel's peak-RSS mark for this process (Linux); elsewhere a no-op.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident set size since the last reset, in MB (Linux `VmHWM`).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
