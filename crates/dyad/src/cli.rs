//! Command-line arguments. Exit codes: 0 ok, 1 failure (or skips under `--strict`), 2 usage.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dyad_core::PartialDate;
use std::path::PathBuf;

/// dyad turns news into event data: who did what to whom, when and where (CAMEO, PLOVER),
/// with the sentence behind every record.
#[derive(Debug, Parser)]
#[command(
    name = "dyad",
    version,
    propagate_version = true,
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, clean and split documents into the store (idempotent: re-running adds nothing).
    Ingest(IngestArgs),
    /// Run the pipeline without a store and print one JSON record per document (SPEC §4).
    Extract(ExtractArgs),
    /// Full-text search over stored documents (FTS5: words, "phrases", OR, NOT, prefix*).
    Search(SearchArgs),
    /// Row counts, dates, languages and run history of a store.
    Stats(StatsArgs),
    /// The figures articles state (money, percentages, tonnes, counts), with their sources.
    Quantities(QuantitiesArgs),
    /// Merged events (who did what to whom, when), with every sentence that reports them.
    Events(EventsArgs),
    /// A dyad's relationship over time: events per QuadClass and Goldstein per period.
    Timeline(TimelineArgs),
    /// Who deals with whom most, with the balance of cooperation and conflict.
    Actors(ActorsArgs),
    /// Write merged events as GDELT, PLOVER, CSV, JSONL or Parquet.
    Export(ExportArgs),
    /// Throughput and peak memory per stage on a corpus.
    Bench(BenchArgs),
    /// Code one sentence and show every step: tokens, actors, patterns tried, events.
    Explain(ExplainArgs),
    /// Precision, recall and F1 of the coded events against a gold JSONL file.
    Eval(EvalArgs),
    /// Check or list the actor and verb dictionaries.
    #[command(subcommand)]
    Dict(DictCommand),
    /// Serve the dashboard and JSON API (loopback only by default).
    Serve(crate::serve::ServeArgs),
}

/// `dyad eval GOLD.jsonl...`.
#[derive(Debug, Args)]
#[command(
    after_help = "A gold file is dyad JSONL input (id, text or html, date, …) whose every \
record also has \"events\": the events expected of it, [] for none, each \
{\"source\": \"RUSGOV\", \"target\": \"CHN\", \"cameo\": \"057\"} (null for no actor). One \
row per direction, as `dyad extract` writes them. A gold actor code matches a coded code it is \
a prefix of (RUS matches RUSGOV). Scores are given at code level and at root level."
)]
pub struct EvalArgs {
    /// Gold files and the options of the pipeline that codes them.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (`json`: one object with the scores and every error).
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// How many code-level errors the table lists.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub errors: usize,
    /// Exit with status 1 when the code-level F1 is below this (for CI).
    #[arg(long, value_name = "F1", value_parser = parse_unit)]
    pub min_f1: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The sentence to code (quote it).
    pub sentence: String,
    /// Document date, which chooses people's roles (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<PartialDate>,
    /// Print the events as JSON lines instead of the report.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub dict: DictArgs,
}

#[derive(Debug, Subcommand)]
pub enum DictCommand {
    /// Report duplicates, conflicts, overlapping date ranges and unknown codes; exit 1 if any.
    Check(DictArgs),
    /// Print the entries, one variant per line: code, kind, variant, dates, file:line.
    List(DictListArgs),
    /// Convert PETRARCH-2 or TABARI dictionaries into a dyad dictionary directory.
    Import(DictImportArgs),
}

/// Foreign dictionary formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ImportFormat {
    /// PETRARCH-2 and Phoenix: actors, agents, verbs (with synsets), discards.
    Petrarch,
    /// TABARI: .actors, .verbs, agents, options, or a .project naming them.
    Tabari,
}

#[derive(Debug, Args)]
pub struct DictImportArgs {
    /// Format of the input files.
    #[arg(long, value_enum)]
    pub format: ImportFormat,
    /// Dictionary files to convert (their kind is told from their content).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Directory to write (created if missing); use it with `--dictionaries DIR`.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct DictArgs {
    /// Add the dictionaries in DIR to the built-in ones (DIR's entries win a tie):
    /// DIR/actors/*.txt, DIR/verbs/*.txt, DIR/discards.txt, DIR/irregular.txt.
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Use DIR's actors, verbs and discards instead of the built-in ones (a part DIR lacks
    /// stays built-in).
    #[arg(long, requires = "dictionaries")]
    pub replace: bool,
}

#[derive(Debug, Args)]
pub struct DictListArgs {
    #[command(flatten)]
    pub dict: DictArgs,
    /// Only entries whose code starts with this (e.g. RUS, IGO).
    #[arg(long, value_name = "PREFIX")]
    pub code: Option<String>,
}

/// Where and how to read input.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories (recursive) to read; `-` reads standard input. Formats: .txt,
    /// .html/.htm, .jsonl/.ndjson, .warc, and any of these .gz-compressed; others are sniffed.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<String>,
    /// Publication date for documents whose input gives none (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<PartialDate>,
    /// Exit with status 1 if any input or record was skipped.
    #[arg(long)]
    pub strict: bool,
    /// Skip records (files, JSON lines, WARC records) larger than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64)]
    pub max_record_mib: usize,
    /// Stop after this many documents.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Code events with the dictionaries in DIR on top of the built-in ones (see
    /// `dyad dict check --help`).
    #[arg(long, value_name = "DIR")]
    pub dictionaries: Option<PathBuf>,
    /// Use DIR's dictionaries instead of the built-in ones.
    #[arg(long = "replace", requires = "dictionaries")]
    pub replace_dictionaries: bool,
    /// Estimated Jaccard similarity of word shingles at or above which a document is stored as
    /// a near duplicate of an earlier one (1.0: exact duplicates only).
    #[arg(long, value_name = "J", default_value_t = 0.8, value_parser = parse_unit)]
    pub near_dup_threshold: f64,
}

fn parse_unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) && v > 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a number in (0, 1], such as 0.8")),
    }
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse::<PartialDate>().map_err(|e| e.to_string())
}

/// Default store file.
pub const DEFAULT_DB: &str = "dyad.db";

#[derive(Debug, Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// SQLite store to write (created if missing).
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Documents per transaction.
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub batch_size: usize,
    /// No progress bar and no per-skip warnings; the summary is still printed.
    #[arg(long, short)]
    pub quiet: bool,
    /// Days by which two mentions' dates may differ and still be merged into one event.
    #[arg(long, value_name = "DAYS", default_value_t = 2)]
    pub merge_window: u16,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Add a `sentences` array (index, start, end, text) to each record; not part of the
    /// stable contract.
    #[arg(long)]
    pub with_sentences: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TableFormat {
    /// Aligned text for people.
    Table,
    /// JSON for programs.
    Json,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for.
    pub query: String,
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Most hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Output format (`json` prints one object per line).
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Args)]
pub struct QuantitiesArgs {
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Only figures whose sentence names both actors (codes or their prefixes: RUS,CHN).
    #[arg(long, value_name = "A,B", value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// Only this unit (USD, RUB, CNY, EUR, percent, t, bbl, m3, count, …).
    #[arg(long, value_name = "UNIT")]
    pub unit: Option<String>,
    /// Only figures whose measured phrase or sentence contains this ("trade", "investment").
    #[arg(long, value_name = "WORDS")]
    pub measure: Option<String>,
    /// Most figures to list.
    #[arg(long, short = 'n', default_value_t = 100)]
    pub limit: usize,
    /// Output format (`json` prints one object per line).
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

fn parse_dyad(s: &str) -> Result<(String, String), String> {
    match s.split_once(',') {
        Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
            Ok((a.trim().to_uppercase(), b.trim().to_uppercase()))
        }
        _ => Err(format!(
            "{s:?} is not a dyad: give two actor codes, such as RUS,CHN"
        )),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EventsFormat {
    /// Aligned text, each event followed by its reports.
    Table,
    /// One row per event (a header first).
    Csv,
    /// One JSON object per event, with a `reports` array.
    Jsonl,
    /// GDELT 2.0 event-table rows (61 tab-separated columns, no header).
    Gdelt,
    /// PLOVER JSON records, one per line.
    Plover,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    #[command(flatten)]
    pub filter: EventFilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EventsFormat::Table)]
    pub format: EventsFormat,
}

/// Which merged events to list or export.
#[derive(Debug, Args)]
pub struct EventFilterArgs {
    /// Who acted (RUS; RUSGOV narrows to the government). For a mutual act, either side.
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Who was acted upon.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// Both actors, in either direction (RUS,CHN).
    #[arg(long, value_name = "A,B", value_parser = parse_dyad)]
    pub dyad: Option<(String, String)>,
    /// On or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub since: Option<PartialDate>,
    /// On or before this date (a month or year includes all of it).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub until: Option<PartialDate>,
    /// CAMEO code, or its prefix: 057 also lists 0571.
    #[arg(long, value_name = "CODE", conflicts_with_all = ["root", "plover"], value_parser = parse_cameo)]
    pub code: Option<String>,
    /// CAMEO root (two digits: 05).
    #[arg(long, value_name = "RR", conflicts_with = "plover", value_parser = parse_root)]
    pub root: Option<String>,
    /// PLOVER event type (AGREE, CONSULT, SANCTION, …).
    #[arg(long, value_name = "TYPE")]
    pub plover: Option<String>,
    /// Most events to list.
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
    /// PLOVER JSON records, one per line.
    Plover,
    /// dyad's event columns with a header.
    Csv,
    /// dyad's event records, one JSON object per line.
    Jsonl,
    /// Apache Parquet (builds with the `parquet` feature).
    Parquet,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Export format (FORMATS.md documents each column).
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// File to write (standard output if absent; Parquet needs a file).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub filter: EventFilterArgs,
}

fn parse_cameo(s: &str) -> Result<String, String> {
    let s = s.trim();
    if (2..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) {
        Ok(s.to_owned())
    } else {
        Err(format!(
            "{s:?} is not a CAMEO code: give two to four digits, such as 057"
        ))
    }
}

fn parse_root(s: &str) -> Result<String, String> {
    let s = s.trim();
    match s.parse::<u8>() {
        Ok(n @ 1..=20) => Ok(format!("{n:02}")),
        _ => Err(format!("{s:?} is not a CAMEO root: give 01 to 20")),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PeriodArg {
    /// Calendar days.
    Day,
    /// ISO weeks.
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TimelineFormat {
    /// Aligned text.
    Table,
    /// One row per period and direction, the period first.
    Csv,
    /// An SVG chart (events per QuadClass, Goldstein sum), to stdout or --out.
    Svg,
    /// The same chart as PNG (needs --out).
    Png,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// One actor (RUS).
    #[arg(value_name = "A")]
    pub a: String,
    /// The other (CHN).
    #[arg(value_name = "B")]
    pub b: String,
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Period length.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    pub by: PeriodArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TimelineFormat::Table)]
    pub format: TimelineFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// SQLite store to read.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Most pairs to list.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Only pairs with this actor (RUS).
    #[arg(long, value_name = "CODE")]
    pub partner: Option<String>,
    /// Output format (`json` prints one object per line).
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

/// The benchmark corpus shipped beside the repository.
pub const DEFAULT_BENCH_CORPUS: &str = "../shared/data/corpus/reuters21578.jsonl.gz";

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Corpus to run on (any input dyad reads); not used with `--queries`.
    #[arg(value_name = "PATH", default_value = DEFAULT_BENCH_CORPUS)]
    pub path: String,
    /// Only the first N documents (compare peak memory at several N to see it stay flat).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Documents per store transaction.
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub batch_size: usize,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Time the relationship queries (timeline, events, actors) on a large store instead of
    /// ingest: on `--db FILE` if it holds events, else on a synthetic store of `--events N`
    /// events built through the normal write path. Exit status 1 if a query misses its bar.
    #[arg(long)]
    pub queries: bool,
    /// With `--queries`: events the synthetic store is built to (at least).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1_000_000,
        requires = "queries"
    )]
    pub events: usize,
    /// With `--queries`: the store to measure. A store with events is measured as it is; a
    /// missing file (or an empty store, or a synthetic one with fewer than `--events`) is
    /// built there and kept for the next run. Without it the store lives in a temporary
    /// directory and is deleted at the end.
    #[arg(long, value_name = "FILE", requires = "queries")]
    pub db: Option<PathBuf>,
    /// With `--queries`: timed runs of each query, after one warm-up run.
    #[arg(long, value_name = "N", default_value_t = 20, requires = "queries")]
    pub runs: usize,
    /// Code with these dictionaries (e.g. an imported Phoenix set) instead of only the
    /// built-in ones.
    #[command(flatten)]
    pub dict: DictArgs,
}
