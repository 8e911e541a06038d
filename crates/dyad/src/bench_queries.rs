//! `dyad bench --queries`: how fast the relationship queries answer on a large store.
//!
//! The store is either one the user names (`--db FILE` holding events) or a synthetic one,
//! made by a deterministic generator ([`Synth`]): documents whose sentences report acts
//! between ~60 countries, paired by a Zipf-like law (Russia and China the busiest pair), with
//! GOV/MIL/BUS roles, CAMEO codes of the built-in table and dates by day over 1990–2024; a
//! fifth of the sentences report again an act an earlier document reported. They are written
//! through [`Store::write_batch`], so mentions merge into events exactly as in an ingest, until
//! the store holds `--events N` events.
//!
//! Each query then runs once to warm up and `--runs` times timed. The report gives the rows
//! returned, the median and maximum time, the bar the issue sets (100 ms for a timeline over
//! all years, 50 ms for a dyad's events in a month) and whether SQLite's plan reaches the
//! events through an index rather than a scan.

use crate::cli::BenchArgs;
use anyhow::{bail, Context, Result};
use dyad_code::CodeTable;
use dyad_core::{
    content_hash, Actor, ActorCode, CameoCode, DatePrecision, DocId, Document, Event, PartialDate,
    Plover, QuadClass, Sentence, Span, TextSpan,
};
use dyad_store::{EventFilter, Period, RunId, RunTotals, SqlValue, Store, StoreError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The dyad the bars are stated for.
const DYAD: (&str, &str) = ("RUS", "CHN");
/// Bar for a timeline over all years, in milliseconds.
const TIMELINE_BAR_MS: f64 = 100.0;
/// Bar for an events listing, in milliseconds.
const EVENTS_BAR_MS: f64 = 50.0;
/// Ids of synthetic documents start with this; it is how a synthetic store is recognised.
const DOC_PREFIX: &str = "synthetic/";
/// Documents per transaction while building (as `dyad ingest` by default).
const BATCH: usize = 512;
/// Seed of the generator: the same store every time.
const SEED: u64 = 0x6479_6164_2d62_656e;

/// Runs `dyad bench --queries`: builds or opens the store, times the queries, prints the report.
pub fn run(args: &BenchArgs) -> Result<ExitCode> {
    if args.runs == 0 {
        bail!("--runs must be at least 1 (default 20)");
    }
    if args.events == 0 {
        bail!("--events must be at least 1 (default 1000000)");
    }
    // Without --db the store lives as long as this directory.
    let tmp;
    let path: PathBuf = match &args.db {
        Some(p) => p.clone(),
        None => {
            tmp = tempfile::tempdir()
                .context("creating a temporary directory for the synthetic store (set TMPDIR to a roomier place, or pass --db FILE)")?;
            tmp.path().join("bench-queries.db")
        }
    };
    let existed = path.exists();
    let mut store = Store::open(&path).with_context(|| {
        format!(
            "opening {} (pass --db with a dyad store, or a path that does not exist yet)",
            path.display()
        )
    })?;
    let stats = store.stats()?;
    let synthetic = is_synthetic(&store)?;
    let stored_docs = stats.documents + stats.duplicates;
    let build = if stored_docs == 0 || (synthetic && (stats.events as usize) < args.events) {
        if existed && stored_docs > 0 {
            eprintln!(
                "{} is a synthetic store with {} events: building on to {}",
                path.display(),
                stats.events,
                args.events
            );
        } else {
            eprintln!(
                "building a synthetic store of {} events at {}{}",
                args.events,
                path.display(),
                if args.db.is_none() {
                    " (deleted at the end; pass --db FILE to keep it for the next run)"
                } else {
                    ""
                }
            );
        }
        let pb = progress_bar();
        let info = build(&mut store, args.events, &pb)?;
        pb.finish_and_clear();
        eprintln!(
            "built in {:.1} s: {} documents, {} mentions, {} events created, {} mentions merged into existing events",
            info.seconds, info.documents, info.mentions, info.events_created, info.merged
        );
        Some(info)
    } else if stats.events == 0 {
        bail!(
            "{} holds {stored_docs} documents but no merged events to measure: ingest news into it \
             first (`dyad ingest PATH --db {}`), or name a file that does not exist and \
             `dyad bench --queries --db FILE` builds a synthetic store there",
            path.display(),
            path.display()
        );
    } else {
        None
    };
    let report = measure(
        &store,
        &path,
        synthetic || build.is_some(),
        build,
        args.runs,
    )?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    let missed = report
        .queries
        .iter()
        .filter(|q| q.pass == Some(false))
        .count();
    if missed > 0 {
        eprintln!("{missed} queries missed their bar");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn progress_bar() -> ProgressBar {
    // indicatif draws only when stderr is a terminal, so logs and pipes stay clean.
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} [{bar:30}] {human_pos}/{human_len} events  {per_sec}  {elapsed} (eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb.enable_steady_tick(Duration::from_millis(200));
    pb
}

/// True when the store's first run stored synthetic documents (or nothing yet).
fn is_synthetic(store: &Store) -> Result<bool> {
    Ok(store
        .run_documents(RunId(1), 1)?
        .first()
        .is_some_and(|d| d.id.starts_with(DOC_PREFIX)))
}

/// What building the synthetic store did.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct BuildInfo {
    /// Wall-clock seconds.
    seconds: f64,
    /// Documents written (new ones; a resumed build skips those already stored).
    documents: usize,
    /// Mentions written.
    mentions: usize,
    /// Events the merging created.
    events_created: usize,
    /// Mentions that joined an existing event.
    merged: usize,
}

/// Writes synthetic documents into `store` until it holds at least `target` events. The
/// documents are always the same sequence, so a build that was killed resumes: the documents
/// already stored are recognised and skipped.
pub(crate) fn build(store: &mut Store, target: usize, pb: &ProgressBar) -> Result<BuildInfo> {
    let mut synth = Synth::new()?;
    let mut events = usize::try_from(store.stats()?.events).unwrap_or(0);
    let run = store.begin_run(&format!("dyad bench --queries --events {target}"))?;
    let mut totals = RunTotals::default();
    let t = Instant::now();
    pb.set_length(target as u64);
    pb.set_position(events as u64);
    let mut barren = 0;
    while events < target {
        // Near the end, smaller batches, so the store ends close to the target.
        let per_doc = if totals.outcome.stored > 0 {
            (totals.outcome.events as f64 / totals.outcome.stored as f64).max(0.5)
        } else {
            4.0
        };
        let n = (((target - events) as f64 / per_doc).ceil() as usize + 1).min(BATCH);
        let docs: Vec<Document> = (0..n).map(|_| synth.document()).collect();
        let out = store.write_batch(run, &docs, &[])?;
        barren = if out.stored > 0 && out.events == 0 {
            barren + 1
        } else {
            0
        };
        if barren > 20 {
            bail!("new synthetic documents no longer create events; the store is not one `dyad bench --queries` can build on: delete it or pass another --db FILE");
        }
        events += out.events;
        totals.outcome.add(&out);
        pb.set_position(events as u64);
    }
    store.finish_run(run, &totals, true)?;
    Ok(BuildInfo {
        seconds: t.elapsed().as_secs_f64(),
        documents: totals.outcome.stored,
        mentions: totals.outcome.mentions,
        events_created: totals.outcome.events,
        merged: totals.outcome.merged,
    })
}

// ---------------------------------------------------------------------------------------------
// Measuring

/// Size of the store measured.
#[derive(Debug, Serialize)]
struct StoreSize {
    path: String,
    documents: i64,
    sentences: i64,
    mentions: i64,
    events: i64,
    /// The database file, in MB (10^6 bytes).
    file_mb: f64,
    /// Its write-ahead log, in MB.
    wal_mb: f64,
}

/// One query's timings.
#[derive(Debug, Serialize)]
struct QueryTiming {
    query: String,
    rows: usize,
    median_ms: f64,
    max_ms: f64,
    /// Mean CPU time of the runs (Linux), which waiting for a busy CPU does not inflate.
    cpu_mean_ms: Option<f64>,
    /// The bar it must stay under, if the issue sets one.
    bar_ms: Option<f64>,
    /// Whether the median is under the bar.
    pass: Option<bool>,
    /// SQLite's plan for the events query it runs (empty where the store does not expose it).
    plan: Vec<String>,
    /// False when the plan scans the events table (or a whole index of it).
    uses_index: Option<bool>,
}

#[derive(Debug, Serialize)]
struct QueryReport {
    store: StoreSize,
    synthetic: bool,
    build: Option<BuildInfo>,
    dyad: (String, String),
    /// The dyad's busiest month, which the month queries use.
    month: Option<String>,
    runs: usize,
    /// CPUs, and the 1-minute load average when measuring began (Linux): a load above the
    /// CPUs means the wall-clock times include waiting for one.
    cores: usize,
    load_average: Option<f64>,
    queries: Vec<QueryTiming>,
}

fn file_mb(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1e6)
}

fn measure(
    store: &Store,
    path: &Path,
    synthetic: bool,
    build: Option<BuildInfo>,
    runs: usize,
) -> Result<QueryReport> {
    let stats = store.stats()?;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let size = StoreSize {
        path: path.display().to_string(),
        documents: stats.documents,
        sentences: stats.sentences,
        mentions: stats.mentions,
        events: stats.events,
        file_mb: file_mb(path),
        wal_mb: file_mb(Path::new(&wal)),
    };
    let load_average = load_average();
    let (a, b) = DYAD;
    let month = busiest_month(&store.timeline(a, b, Period::Month)?);
    let dyad = Some((a.to_owned(), b.to_owned()));
    let mut queries = Vec::new();

    let timeline_plan = plan(store, store.timeline_sql(a, b))?;
    for (by, name) in [(Period::Month, "month"), (Period::Year, "year")] {
        let (rows, times) = time(runs, || store.timeline(a, b, by), |r| r.len())?;
        queries.push(timing(
            format!("timeline {a}–{b} by {name}, all years"),
            rows,
            &times,
            Some(TIMELINE_BAR_MS),
            timeline_plan.clone(),
        ));
    }
    if let Some(m) = month {
        let f = EventFilter {
            dyad: dyad.clone(),
            since: Some(m),
            until: Some(m),
            ..EventFilter::default()
        };
        let p = plan(store, store.events_sql(&f))?;
        let (rows, times) = time(runs, || store.events(&f), |r| r.len())?;
        queries.push(timing(
            format!("events --dyad {a},{b} --since {m} --until {m}"),
            rows,
            &times,
            Some(EVENTS_BAR_MS),
            p.clone(),
        ));
        let (rows, times) = time(runs, || store.events_with_reports(&f), |r| r.len())?;
        queries.push(timing(
            format!("events_with_reports, same month (+{} reports)", {
                store
                    .events_with_reports(&f)?
                    .iter()
                    .map(|e| e.reports.len())
                    .sum::<usize>()
            }),
            rows,
            &times,
            Some(EVENTS_BAR_MS),
            p,
        ));
    }
    let f = EventFilter {
        source: Some(a.to_owned()),
        code: Some("057".to_owned()),
        limit: Some(100),
        ..EventFilter::default()
    };
    let p = plan(store, store.events_sql(&f))?;
    let (rows, times) = time(runs, || store.events(&f), |r| r.len())?;
    queries.push(timing(
        format!("events --source {a} --code 057 --limit 100"),
        rows,
        &times,
        Some(EVENTS_BAR_MS),
        p,
    ));
    let (rows, times) = time(runs, || store.actors(20, None), |r| r.len())?;
    queries.push(timing(
        "actors --top 20".to_owned(),
        rows,
        &times,
        None,
        Vec::new(),
    ));
    let (rows, times) = time(runs, || store.actors(20, Some(a)), |r| r.len())?;
    queries.push(timing(
        format!("actors --top 20 --partner {a}"),
        rows,
        &times,
        None,
        Vec::new(),
    ));
    Ok(QueryReport {
        store: size,
        synthetic,
        build,
        dyad: (a.to_owned(), b.to_owned()),
        month: month.map(|m| m.to_string()),
        runs,
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        load_average,
        queries,
    })
}

/// The month with most events of a monthly timeline (all directions together).
fn busiest_month(rows: &[dyad_store::TimelineRow]) -> Option<PartialDate> {
    let mut per_month: std::collections::BTreeMap<&str, u32> = Default::default();
    for r in rows {
        // Events known only to the year are labelled "YYYY"; only "YYYY-MM" is a month.
        if r.period.len() == 7 {
            *per_month.entry(r.period.as_str()).or_default() += r.events;
        }
    }
    // The earliest of the busiest, so the choice is stable.
    let (label, _) =
        per_month
            .into_iter()
            .fold(None::<(&str, u32)>, |best, (p, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((p, n)),
            })?;
    label.parse().ok()
}

/// Milliseconds of the timed runs of a query.
struct Times {
    /// Wall-clock time of each run.
    wall: Vec<f64>,
    /// Mean CPU time of a run, where the thread's CPU time can be read. The kernel accounts it
    /// at scheduler ticks (4 ms), so it is taken over all the runs together.
    cpu_mean: Option<f64>,
}

/// Runs `f` once to warm up, then `runs` times timed; the rows of the last run and the times.
fn time<T>(
    runs: usize,
    mut f: impl FnMut() -> Result<T, StoreError>,
    rows: impl Fn(&T) -> usize,
) -> Result<(usize, Times)> {
    let mut n = rows(&f()?);
    let mut wall = Vec::with_capacity(runs);
    let cpu = thread_cpu_ns();
    for _ in 0..runs {
        let t = Instant::now();
        let out = std::hint::black_box(f()?);
        wall.push(t.elapsed().as_secs_f64() * 1e3);
        n = rows(&out);
    }
    let cpu_mean = cpu
        .zip(thread_cpu_ns())
        .map(|(before, after)| after.saturating_sub(before) as f64 / 1e6 / runs as f64);
    Ok((n, Times { wall, cpu_mean }))
}

/// Nanoseconds this thread has run on a CPU (Linux `/proc/thread-self/schedstat`). On a busy
/// machine the wall-clock time also holds the time spent waiting for a CPU; this does not.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The 1-minute load average (Linux `/proc/loadavg`).
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => sorted.get(n / 2).copied(),
        _ => Some((sorted.get(n / 2 - 1)? + sorted.get(n / 2)?) / 2.0),
    }
}

fn timing(
    query: String,
    rows: usize,
    times: &Times,
    bar_ms: Option<f64>,
    plan: Vec<String>,
) -> QueryTiming {
    let wall = median(&times.wall).unwrap_or(0.0);
    let max = times.wall.iter().copied().fold(0.0, f64::max);
    let uses_index = (!plan.is_empty()).then(|| !plan.iter().any(|l| scans_events(l)));
    QueryTiming {
        query,
        rows,
        median_ms: wall,
        max_ms: max,
        cpu_mean_ms: times.cpu_mean,
        bar_ms,
        pass: bar_ms.map(|b| wall < b),
        plan,
        uses_index,
    }
}

/// True for a plan step that reads the whole events table or a whole index of it.
fn scans_events(step: &str) -> bool {
    step.starts_with("SCAN e ") || step == "SCAN e" || step.starts_with("SCAN events")
}

fn plan(store: &Store, (sql, args): (String, Vec<SqlValue>)) -> Result<Vec<String>> {
    Ok(store.query_plan(&sql, &args)?)
}

fn print_report(r: &QueryReport) {
    let s = &r.store;
    println!(
        "dyad bench --queries: {} — {} events, {} mentions, {} documents, {} sentences; {:.0} MB (+{:.0} MB WAL){}",
        s.path,
        s.events,
        s.mentions,
        s.documents,
        s.sentences,
        s.file_mb,
        s.wal_mb,
        if r.synthetic { ", synthetic" } else { "" }
    );
    if let Some(b) = &r.build {
        println!(
            "built in {:.1} s ({:.0} events/s): {} documents, {} mentions, {} merged into existing events",
            b.seconds,
            b.events_created as f64 / b.seconds.max(1e-9),
            b.documents,
            b.mentions,
            b.merged
        );
    }
    match &r.month {
        Some(m) => println!(
            "dyad {}–{}, busiest month {m}; median and max of {} runs after one warm-up",
            r.dyad.0, r.dyad.1, r.runs
        ),
        None => println!(
            "no dated {}–{} events in months: the month queries are left out; median and max of {} runs",
            r.dyad.0, r.dyad.1, r.runs
        ),
    }
    if let Some(load) = r.load_average {
        println!(
            "{} CPUs, load average {load:.1}{}",
            r.cores,
            if load > r.cores as f64 {
                ": other processes compete for the CPUs, so wall-clock times include waiting (cpu ms, the mean CPU time of a run, does not)"
            } else {
                ""
            }
        );
    }
    println!(
        "{:<58} {:>7} {:>10} {:>9} {:>7} {:>7}  result",
        "query", "rows", "median ms", "max ms", "cpu ms", "bar ms"
    );
    for q in &r.queries {
        println!(
            "{:<58} {:>7} {:>10.2} {:>9.2} {:>7} {:>7}  {}",
            q.query,
            q.rows,
            q.median_ms,
            q.max_ms,
            q.cpu_mean_ms.map_or("-".to_owned(), |c| format!("{c:.2}")),
            q.bar_ms.map_or("-".to_owned(), |b| format!("{b:.0}")),
            match q.pass {
                Some(true) => "pass",
                Some(false) => "FAIL",
                None => "-",
            }
        );
    }
    println!("query plans (events table reached through an index?):");
    let mut seen = std::collections::BTreeSet::new();
    for q in &r.queries {
        let Some(ok) = q.uses_index else { continue };
        if !seen.insert(q.plan.join("; ")) {
            continue;
        }
        println!(
            "  {:<56} {}: {}",
            q.query,
            if ok { "index" } else { "SCAN" },
            q.plan.join("; ")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The generator

/// splitmix64: a tiny, fast, deterministic generator (Steele, Lea & Flood 2014).
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 32).wrapping_mul(n as u64) >> 32) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Draws indices with given weights.
#[derive(Debug, Clone)]
struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w.max(0.0);
                total
            })
            .collect();
        Weighted { cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

/// Countries, most reported first: their Zipf weights (1/rank) make Russia–China the
/// busiest pair, then Russia–United States and China–United States.
const COUNTRIES: &[(&str, &str)] = &[
    ("RUS", "Russia"),
    ("CHN", "China"),
    ("USA", "the United States"),
    ("UKR", "Ukraine"),
    ("IND", "India"),
    ("GBR", "Britain"),
    ("FRA", "France"),
    ("DEU", "Germany"),
    ("JPN", "Japan"),
    ("IRN", "Iran"),
    ("TUR", "Turkey"),
    ("ISR", "Israel"),
    ("PAK", "Pakistan"),
    ("KOR", "South Korea"),
    ("PRK", "North Korea"),
    ("SAU", "Saudi Arabia"),
    ("SYR", "Syria"),
    ("BRA", "Brazil"),
    ("EGY", "Egypt"),
    ("KAZ", "Kazakhstan"),
    ("BLR", "Belarus"),
    ("VNM", "Vietnam"),
    ("IDN", "Indonesia"),
    ("AUS", "Australia"),
    ("CAN", "Canada"),
    ("ITA", "Italy"),
    ("ESP", "Spain"),
    ("POL", "Poland"),
    ("MEX", "Mexico"),
    ("ZAF", "South Africa"),
    ("NGA", "Nigeria"),
    ("IRQ", "Iraq"),
    ("AFG", "Afghanistan"),
    ("QAT", "Qatar"),
    ("ARE", "the United Arab Emirates"),
    ("MNG", "Mongolia"),
    ("GEO", "Georgia"),
    ("ARM", "Armenia"),
    ("AZE", "Azerbaijan"),
    ("UZB", "Uzbekistan"),
    ("KGZ", "Kyrgyzstan"),
    ("TJK", "Tajikistan"),
    ("SRB", "Serbia"),
    ("HUN", "Hungary"),
    ("GRC", "Greece"),
    ("CUB", "Cuba"),
    ("VEN", "Venezuela"),
    ("ARG", "Argentina"),
    ("CHL", "Chile"),
    ("ETH", "Ethiopia"),
    ("KEN", "Kenya"),
    ("THA", "Thailand"),
    ("MYS", "Malaysia"),
    ("PHL", "the Philippines"),
    ("SGP", "Singapore"),
    ("MMR", "Myanmar"),
    ("LKA", "Sri Lanka"),
    ("BGD", "Bangladesh"),
    ("NPL", "Nepal"),
    ("NOR", "Norway"),
];

/// Roles: code suffix, how a sentence names the country in it, and how often.
const ROLES: &[(&str, &str, f64)] = &[
    ("", "{}", 0.45),
    ("GOV", "the government of {}", 0.35),
    ("MIL", "the armed forces of {}", 0.10),
    ("BUS", "companies in {}", 0.10),
];

/// Share of mentions per CAMEO root (per cent), roughly as news coders report them.
const ROOT_WEIGHTS: &[(&str, f64)] = &[
    ("01", 14.0),
    ("02", 6.0),
    ("03", 8.0),
    ("04", 20.0),
    ("05", 8.0),
    ("06", 4.0),
    ("07", 4.0),
    ("08", 3.0),
    ("09", 2.0),
    ("10", 3.0),
    ("11", 8.0),
    ("12", 3.0),
    ("13", 4.0),
    ("14", 3.0),
    ("15", 1.5),
    ("16", 2.0),
    ("17", 3.0),
    ("18", 2.0),
    ("19", 3.5),
    ("20", 0.3),
];

/// Codes reported more often than their siblings.
const CODE_BOOSTS: &[(&str, f64)] = &[
    ("010", 3.0),
    ("036", 1.5),
    ("040", 2.0),
    ("042", 1.5),
    ("043", 1.5),
    ("046", 1.5),
    ("057", 2.0),
    ("112", 2.0),
    ("173", 1.5),
    ("190", 2.0),
];

/// What acts are about; distinct objects keep two acts of a day apart when merging.
const OBJECTS: &[&str] = &[
    "gas supplies",
    "a grain export deal",
    "lunar research",
    "nuclear energy",
    "border security",
    "arms control",
    "an oil pipeline",
    "fishing rights",
    "visa rules",
    "a rail link",
    "oil prices",
    "debt relief",
    "climate targets",
    "cyber security",
    "refugee returns",
    "a ceasefire",
    "a prisoner exchange",
    "space cooperation",
    "currency swaps",
    "steel tariffs",
    "a port lease",
    "a power plant",
    "wheat imports",
    "fertiliser exports",
    "satellite launches",
    "air traffic",
    "water sharing",
    "drug trafficking",
    "election monitoring",
    "a naval exercise",
    "troop withdrawals",
    "an oil field",
    "a gold mine",
    "vaccine supplies",
    "student exchanges",
    "tourism",
    "the Arctic shipping route",
    "semiconductors",
    "a hydropower dam",
    "copper mining",
];

const SITES: &[&str] = &[
    "wire.example.com",
    "dailyglobe.example.org",
    "eastnews.example.net",
    "herald.example.com",
    "capitalpost.example.org",
    "worldreport.example.net",
    "tribune.example.com",
    "observer.example.org",
    "dispatch.example.net",
    "ledger.example.com",
    "courier.example.org",
    "gazette.example.net",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A CAMEO code with what an event of it carries.
#[derive(Debug, Clone)]
struct Code {
    code: CameoCode,
    root: String,
    quad_class: QuadClass,
    goldstein: f32,
    plover: Plover,
    /// The label as words of a sentence ("sign formal agreement").
    words: String,
}

/// A country in a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Party {
    country: usize,
    role: usize,
}

/// One real-world act, which one or more sentences report.
#[derive(Debug, Clone)]
struct Act {
    source: Party,
    target: Option<Party>,
    code: usize,
    date: PartialDate,
    precision: DatePrecision,
    object: Option<usize>,
}

/// The document generator: always the same sequence of documents.
pub(crate) struct Synth {
    rng: SplitMix64,
    codes: Vec<Code>,
    code_weights: Weighted,
    countries: Weighted,
    roles: Weighted,
    /// Actor codes by country and role.
    actor_codes: Vec<Vec<ActorCode>>,
    /// Acts reported lately, which later documents report again.
    recent: Vec<Act>,
    next_recent: usize,
    next_doc: u64,
    first_day: i64,
    last_day: i64,
}

/// Acts remembered for reporting again.
const RECENT: usize = 2048;
/// Share of sentences that report an act reported before.
const REPEAT: f64 = 0.2;

impl Synth {
    /// A generator over the built-in CAMEO table.
    pub(crate) fn new() -> Result<Synth> {
        let table = CodeTable::builtin();
        let mut codes = Vec::new();
        let mut weights = Vec::new();
        for (root, share) in ROOT_WEIGHTS {
            let members: Vec<_> = table
                .iter()
                .filter(|i| i.code.as_str().len() >= 3 && i.code.root() == *root)
                .collect();
            let raw: Vec<f64> = members
                .iter()
                .map(|i| {
                    let c = i.code.as_str();
                    let base = if c.len() == 3 { 1.0 } else { 0.3 };
                    let boost = CODE_BOOSTS
                        .iter()
                        .find(|(b, _)| *b == c)
                        .map_or(1.0, |(_, w)| *w);
                    base * boost
                })
                .collect();
            let total: f64 = raw.iter().sum();
            for (info, w) in members.into_iter().zip(raw) {
                let label = info.label.to_lowercase();
                let words = label
                    .split(", not specified")
                    .next()
                    .unwrap_or(&label)
                    .trim()
                    .to_owned();
                codes.push(Code {
                    code: info.code.clone(),
                    root: info.code.root().to_owned(),
                    quad_class: info.quad_class,
                    goldstein: info.goldstein,
                    plover: info.plover.clone().unwrap_or(Plover {
                        kind: String::new(),
                        mode: None,
                    }),
                    words,
                });
                weights.push(share * w / total);
            }
        }
        if codes.is_empty() {
            bail!("the built-in CAMEO table is empty: this build of dyad is broken; rebuild it from a clean checkout");
        }
        let actor_codes = COUNTRIES
            .iter()
            .map(|(c, _)| {
                ROLES
                    .iter()
                    .map(|(r, _, _)| {
                        ActorCode::new(&format!("{c}{r}"))
                            .with_context(|| format!("synthetic actor code {c}{r}"))
                    })
                    .collect::<Result<Vec<_>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Synth {
            rng: SplitMix64(SEED),
            codes,
            code_weights: Weighted::new(weights),
            countries: Weighted::new((0..COUNTRIES.len()).map(|i| 1.0 / (i + 1) as f64)),
            roles: Weighted::new(ROLES.iter().map(|r| r.2)),
            actor_codes,
            recent: Vec::with_capacity(RECENT),
            next_recent: 0,
            next_doc: 0,
            first_day: days_from_civil(1990, 1, 1),
            last_day: days_from_civil(2024, 12, 31),
        })
    }

    fn party(&mut self) -> Party {
        Party {
            country: self.countries.pick(&mut self.rng),
            role: self.roles.pick(&mut self.rng),
        }
    }

    fn new_act(&mut self, doc_day: i64) -> Act {
        let source = self.party();
        let r = self.rng.unit();
        let target = if r < 0.03 {
            None
        } else if r < 0.09 {
            // Domestic: another part of the same country.
            Some(Party {
                country: source.country,
                role: (source.role + 1 + self.rng.below(ROLES.len() - 1)) % ROLES.len(),
            })
        } else {
            let mut t = self.party();
            for _ in 0..16 {
                if t.country != source.country {
                    break;
                }
                t = self.party();
            }
            if t.country == source.country {
                t.country = (source.country + 1) % COUNTRIES.len();
            }
            Some(t)
        };
        let code = self.code_weights.pick(&mut self.rng);
        let p = self.rng.unit();
        let (date, precision) = if p < 0.60 {
            (
                day_date(doc_day - self.rng.below(3) as i64),
                DatePrecision::Day,
            )
        } else if p < 0.90 {
            (day_date(doc_day), DatePrecision::Document)
        } else if p < 0.97 {
            let (y, m, _) = civil_from_days(doc_day);
            (
                PartialDate::ym(y, m).unwrap_or_else(|| day_date(doc_day)),
                DatePrecision::Month,
            )
        } else {
            let (y, _, _) = civil_from_days(doc_day);
            (PartialDate::year_only(y), DatePrecision::Year)
        };
        let about = matches!(
            self.codes[code].root.as_str(),
            "03" | "04" | "05" | "06" | "07" | "08"
        );
        let object = self
            .rng
            .chance(if about { 0.6 } else { 0.15 })
            .then(|| self.rng.below(OBJECTS.len()));
        Act {
            source,
            target,
            code,
            date,
            precision,
            object,
        }
    }

    /// The next document.
    pub(crate) fn document(&mut self) -> Document {
        let n = self.next_doc;
        self.next_doc += 1;
        let doc_day = self.first_day
            + self
                .rng
                .below(usize::try_from(self.last_day - self.first_day + 1).unwrap_or(1))
                as i64;
        let doc_date = day_date(doc_day);
        let site = SITES[self.rng.below(SITES.len())];
        let mut text = String::new();
        let mut sentences = Vec::new();
        let mut events = Vec::new();
        let push = |text: &mut String, sentences: &mut Vec<Sentence>, s: &str| -> usize {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(s);
            sentences.push(Sentence {
                index: sentences.len() as u32,
                span: Span::new(start, text.len()),
            });
            start
        };
        let title = format!("World news digest no. {n} from {site}");
        push(&mut text, &mut sentences, &title);
        for _ in 0..4 + self.rng.below(7) {
            let act = if !self.recent.is_empty() && self.rng.chance(REPEAT) {
                let mut act = self.recent[self.rng.below(self.recent.len())].clone();
                // A later report states the date the first one took from its document.
                if act.precision == DatePrecision::Document {
                    act.precision = DatePrecision::Day;
                }
                // … and may name the country rather than its government.
                if self.rng.chance(0.3) {
                    act.source.role = 0;
                }
                act
            } else {
                let act = self.new_act(doc_day);
                if self.recent.len() < RECENT {
                    self.recent.push(act.clone());
                } else {
                    self.recent[self.next_recent] = act.clone();
                    self.next_recent = (self.next_recent + 1) % RECENT;
                }
                act
            };
            let negated = self.rng.chance(0.02);
            let index = sentences.len() as u32;
            let (sentence, event) = self.sentence(&act, negated, site, index);
            let start = push(&mut text, &mut sentences, &sentence);
            events.push(shift(event, start));
        }
        let (y, m, _) = civil_from_days(doc_day);
        Document {
            id: DocId::new(format!("{DOC_PREFIX}{n:08}")),
            url: Some(format!("https://{site}/{y}/{m:02}/{n}")),
            title: Some(title),
            author: None,
            date: Some(doc_date),
            site: Some(site.to_owned()),
            language: Some("en".to_owned()),
            content_hash: content_hash(&text),
            clean_text: text,
            duplicate_of: None,
            // No signature: generated sentences share words, and near-duplicate detection
            // would take the documents for copies of each other.
            minhash: None,
            sentences,
            events,
            quantities: Vec::new(),
            origin: format!("dyad bench --queries:{n}"),
            repaired: 0,
        }
    }

    fn actor(&self, p: Party, start: usize, text: &str) -> Actor {
        let (country, _) = COUNTRIES[p.country];
        Actor {
            code: self.actor_codes[p.country].get(p.role).cloned(),
            country: Some(country.to_owned()),
            sector: Some(ROLES[p.role].0)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            name: Some(text.trim_start_matches("the ").to_owned()),
            text: text.to_owned(),
            start,
            end: start + text.len(),
        }
    }

    /// A sentence reporting `act`, and its event with offsets within the sentence.
    fn sentence(&self, act: &Act, negated: bool, site: &str, index: u32) -> (String, Event) {
        let name = |p: Party| ROLES[p.role].1.replace("{}", COUNTRIES[p.country].1);
        let code = &self.codes[act.code];
        let mut s = String::new();
        let src_name = name(act.source);
        let src_start = s.len();
        s.push_str(&capitalise(&src_name));
        s.push_str(if negated {
            " did not move to "
        } else {
            " moved to "
        });
        let trigger = TextSpan {
            text: code.words.clone(),
            start: s.len(),
            end: s.len() + code.words.len(),
        };
        s.push_str(&code.words);
        let target = act.target.map(|t| {
            s.push_str(" with ");
            let start = s.len();
            let text = name(t);
            s.push_str(&text);
            self.actor(t, start, &text)
        });
        let object = act.object.map(|o| {
            s.push_str(" over ");
            let start = s.len();
            s.push_str(OBJECTS[o]);
            TextSpan {
                text: OBJECTS[o].to_owned(),
                start,
                end: s.len(),
            }
        });
        let date_text = match act.precision {
            DatePrecision::Document => None,
            DatePrecision::Year => Some(format!("in {}", act.date.year())),
            DatePrecision::Month => Some(format!(
                "in {} {}",
                month_name(act.date.month()),
                act.date.year()
            )),
            DatePrecision::Day => Some(format!(
                "on {} {} {}",
                act.date.day().unwrap_or(1),
                month_name(act.date.month()),
                act.date.year()
            )),
        };
        if let Some(d) = &date_text {
            s.push(' ');
            s.push_str(d);
        }
        s.push_str(", ");
        s.push_str(site);
        s.push_str(" reported.");
        let mut source = self.actor(act.source, src_start, &src_name);
        // The sentence capitalises the first word; the actor's words are as written.
        source.text = s[src_start..src_start + src_name.len()].to_owned();
        let event = Event {
            sentence_index: index,
            sentence: s.clone(),
            source: Some(source),
            target,
            cameo: code.code.clone(),
            root: code.root.clone(),
            quad_class: code.quad_class,
            goldstein: code.goldstein,
            plover: code.plover.clone(),
            date: Some(act.date),
            date_precision: act.precision,
            date_text,
            trigger,
            object,
            negated,
            confidence: 0.8,
            rule: "synthetic:1".to_owned(),
        };
        (s, event)
    }
}

/// Moves an event's offsets from its sentence into its document.
fn shift(mut e: Event, by: usize) -> Event {
    for a in [e.source.as_mut(), e.target.as_mut()].into_iter().flatten() {
        a.start += by;
        a.end += by;
    }
    e.trigger.start += by;
    e.trigger.end += by;
    if let Some(o) = e.object.as_mut() {
        o.start += by;
        o.end += by;
    }
    e
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn month_name(m: Option<u32>) -> &'static str {
    m.and_then(|m| MONTHS.get(m.checked_sub(1)? as usize))
        .copied()
        .unwrap_or("January")
}

/// 1970-01-01, day 0 of the generator's day numbers.
fn epoch() -> chrono::NaiveDate {
    chrono::NaiveDate::default()
}

/// Days since 1970-01-01 of a calendar date (the generator passes only real dates; any
/// other counts as day 0).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(y, m, d).map_or(0, |n| (n - epoch()).num_days())
}

/// The calendar date of a day number of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i32, u32, u32) {
    use chrono::Datelike;
    let n = epoch()
        .checked_add_signed(chrono::TimeDelta::days(z))
        .unwrap_or_else(epoch);
    (n.year(), n.month(), n.day())
}

fn day_date(day: i64) -> PartialDate {
    let (y, m, d) = civil_from_days(day);
    PartialDate::ymd(y, m, d).unwrap_or_else(|| PartialDate::year_only(y))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for day in [-1, 0, 59, 7_305, 11_016, 20_088] {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn the_generator_is_deterministic_and_its_offsets_fit() {
        let (mut a, mut b) = (Synth::new().unwrap(), Synth::new().unwrap());
        for _ in 0..50 {
            let (x, y) = (a.document(), b.document());
            assert_eq!(x.content_hash, y.content_hash);
            for e in &x.events {
                let text = &x.clean_text;
                assert_eq!(&text[e.trigger.start..e.trigger.end], e.trigger.text);
                for actor in [&e.source, &e.target].into_iter().flatten() {
                    assert_eq!(&text[actor.start..actor.end], actor.text);
                }
                let s = &x.sentences[e.sentence_index as usize];
                assert_eq!(s.text(text), e.sentence);
            }
        }
    }

    /// A small synthetic store answers every benchmarked query, consistently.
    #[test]
    fn a_small_synthetic_store_answers_the_queries_consistently() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.db");
        let mut store = Store::open(&path).unwrap();
        let info = build(&mut store, 2_000, &ProgressBar::hidden()).unwrap();
        assert!(is_synthetic(&store).unwrap());
        let stats = store.stats().unwrap();
        assert!(stats.events >= 2_000, "{stats:?}");
        assert!(info.merged > 0, "some mentions must merge: {info:?}");
        assert!(stats.mentions > stats.events);

        let (a, b) = DYAD;
        let dyad = store
            .events(&EventFilter {
                dyad: Some((a.into(), b.into())),
                ..EventFilter::default()
            })
            .unwrap();
        assert!(!dyad.is_empty());
        for by in [Period::Month, Period::Year] {
            let total: u32 = store
                .timeline(a, b, by)
                .unwrap()
                .iter()
                .map(|r| r.events)
                .sum();
            assert_eq!(total as usize, dyad.len(), "{by:?}");
        }

        let months = store.timeline(a, b, Period::Month).unwrap();
        let month = busiest_month(&months).unwrap();
        let in_month: u32 = months
            .iter()
            .filter(|r| r.period == month.to_string())
            .map(|r| r.events)
            .sum();
        let f = EventFilter {
            dyad: Some((a.into(), b.into())),
            since: Some(month),
            until: Some(month),
            ..EventFilter::default()
        };
        let listed = store.events(&f).unwrap();
        // The listing also holds events known only to the year that month falls in.
        assert!(listed.len() >= in_month as usize && in_month > 0);
        let with_reports = store.events_with_reports(&f).unwrap();
        assert_eq!(with_reports.len(), listed.len());
        assert!(with_reports.iter().all(|e| !e.reports.is_empty()));

        let signed = store
            .events(&EventFilter {
                source: Some(a.into()),
                code: Some("057".into()),
                limit: Some(100),
                ..EventFilter::default()
            })
            .unwrap();
        assert!(!signed.is_empty());
        for e in &signed {
            assert!(e.cameo.as_str().starts_with("057"));
            let country = |s: &Option<dyad_core::EventActor>| {
                s.as_ref()
                    .and_then(|x| x.country.clone())
                    .unwrap_or_default()
            };
            assert!(country(&e.source) == a || (e.mutual && country(&e.target) == a));
        }

        let pairs = store.actors(20, None).unwrap();
        let pos = pairs
            .iter()
            .position(|p| (p.a.as_str(), p.b.as_str()) == (b, a))
            .unwrap();
        assert!(pos < 3, "{a}–{b} is one of the busiest pairs: {pairs:?}");
        assert_eq!(pairs[pos].events as usize, dyad.len());
        let partners = store.actors(20, Some(a)).unwrap();
        assert!(!partners.is_empty() && partners.iter().all(|p| p.a == a));

        // Every query the bench times reaches the events through an index.
        for steps in [
            plan(&store, store.timeline_sql(a, b)).unwrap(),
            plan(&store, store.events_sql(&f)).unwrap(),
        ] {
            assert!(!steps.iter().any(|l| scans_events(l)), "{steps:?}");
        }
    }
}
