//! `dyad eval`: precision, recall and F1 of coded events against a gold file (SPEC §4).
//!
//! A gold file is a JSONL input dyad reads anyway (`id`, `text` or `html`, `date`, …) whose
//! every record also lists the events a careful coder expects of it:
//! `"events": [{"source": "RUSGOV", "target": "CHN", "cameo": "057"}, …]` (`[]` for none). The
//! documents run through the same pipeline as `dyad extract`, and each document's events are
//! matched one to one against its gold events:
//!
//! - **code**: the CAMEO code is the same, and each actor matches: a gold actor code matches a
//!   coded one it is a prefix of (`RUS` matches `RUSGOV`, `RUSGOV` does not match `RUS`), and a
//!   null gold actor matches only a missing one;
//! - **root**: the same, but only the CAMEO root (first two digits) has to agree.
//!
//! Exact code matches are paired first, then prefix matches, so a more specific gold event is
//! not used up by a looser pairing. Records the reader skips count their gold events as missed.

use crate::cli::{EvalArgs, TableFormat};
use crate::output::{inputs, pipeline_options, skip_line};
use anyhow::{bail, Context, Result};
use dyad_core::{CameoCode, Event};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// One expected event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct GoldEvent {
    source: Option<String>,
    target: Option<String>,
    cameo: CameoCode,
}

/// One coded event, as far as evaluation looks at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct Coded {
    source: Option<String>,
    target: Option<String>,
    cameo: CameoCode,
    sentence: String,
}

/// True positives, false positives and false negatives, with the scores they give.
#[derive(Debug, Default, Clone, Copy, PartialEq, Serialize)]
struct Score {
    tp: usize,
    fp: usize,
    #[serde(rename = "fn")]
    fn_: usize,
    precision: f64,
    recall: f64,
    f1: f64,
}

impl Score {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
        let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
        self.precision = ratio(self.tp, self.tp + self.fp);
        self.recall = ratio(self.tp, self.tp + self.fn_);
        self.f1 = if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        };
    }
}

/// A disagreement at code level, for the list of errors.
#[derive(Debug, Serialize)]
struct Mismatch {
    /// Gold file and line.
    record: String,
    /// `missed` (gold, not coded) or `extra` (coded, not in the gold).
    kind: &'static str,
    source: Option<String>,
    target: Option<String>,
    cameo: String,
    /// The coded event's sentence (extra events only).
    #[serde(skip_serializing_if = "Option::is_none")]
    sentence: Option<String>,
}

impl Mismatch {
    fn new(
        record: &str,
        kind: &'static str,
        (source, target, cameo): (&Option<String>, &Option<String>, &CameoCode),
        sentence: Option<&str>,
    ) -> Self {
        Mismatch {
            record: record.to_owned(),
            kind,
            source: source.clone(),
            target: target.clone(),
            cameo: cameo.to_string(),
            sentence: sentence.map(str::to_owned),
        }
    }
}

#[derive(Debug, Serialize)]
struct Report {
    documents: usize,
    gold_events: usize,
    coded_events: usize,
    skipped_records: usize,
    code: Score,
    root: Score,
    errors: Vec<Mismatch>,
}

pub fn run(args: EvalArgs) -> Result<ExitCode> {
    let mut gold: BTreeMap<(String, u64), Vec<GoldEvent>> = BTreeMap::new();
    for path in &args.input.paths {
        read_gold(path, &mut gold)?;
    }
    let opts = pipeline_options(&args.input, 64)?;
    let mut coded: BTreeMap<(String, u64), Vec<Coded>> = BTreeMap::new();
    let mut skipped = 0usize;
    dyad_pipeline::run(
        inputs(&args.input.paths),
        &opts,
        dyad_text::default_splitter(),
        |batch| -> Result<()> {
            for s in &batch.skipped {
                skipped += 1;
                eprintln!(
                    "warning: {} (its gold events count as missed)",
                    skip_line(s)
                );
            }
            for doc in batch.documents {
                let Some(key) = record_key(&doc.origin) else {
                    continue;
                };
                let events = doc.events.iter().filter(|e| !e.negated).map(coded_event);
                coded.entry(key).or_default().extend(events);
            }
            Ok(())
        },
    )?;
    let mut report = Report {
        documents: gold.len(),
        gold_events: gold.values().map(Vec::len).sum(),
        coded_events: coded.values().map(Vec::len).sum(),
        skipped_records: skipped,
        code: Score::default(),
        root: Score::default(),
        errors: Vec::new(),
    };
    for (path, line) in coded.keys().filter(|k| !gold.contains_key(*k)) {
        // Only if the reader numbered lines differently from this file's reading.
        eprintln!("warning: {path}:{line} was coded but has no gold record; left out");
    }
    let empty = Vec::new();
    for (key, expected) in &gold {
        let got = coded.get(key).unwrap_or(&empty);
        let (tp, missed, extra) = pair(expected, got, |g, c| g.cameo == c.cameo);
        report.code.add(tp, extra.len(), missed.len());
        let (tp_root, missed_root, extra_root) =
            pair(expected, got, |g, c| g.cameo.root() == c.cameo.root());
        report
            .root
            .add(tp_root, extra_root.len(), missed_root.len());
        let record = format!("{}:{}", key.0, key.1);
        report.errors.extend(
            missed
                .into_iter()
                .map(|g| Mismatch::new(&record, "missed", (&g.source, &g.target, &g.cameo), None)),
        );
        report.errors.extend(extra.into_iter().map(|c| {
            Mismatch::new(
                &record,
                "extra",
                (&c.source, &c.target, &c.cameo),
                Some(&c.sentence),
            )
        }));
    }
    match args.format {
        TableFormat::Json => println!("{}", serde_json::to_string(&report)?),
        TableFormat::Table => print_table(&report, args.errors),
    }
    if let Some(min) = args.min_f1 {
        if report.code.f1 < min {
            eprintln!(
                "error: code-level F1 {:.3} is below --min-f1 {min}",
                report.code.f1
            );
            return Ok(ExitCode::from(1));
        }
    }
    if skipped > 0 && args.input.strict {
        eprintln!("error: gold records were skipped and --strict was given");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the gold events of every record of a gold file, keyed by (path as given, line).
fn read_gold(path: &str, gold: &mut BTreeMap<(String, u64), Vec<GoldEvent>>) -> Result<()> {
    if path == "-" || Path::new(path).is_dir() {
        bail!("{path}: a gold file is one JSONL file (stdin and directories are not read)");
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read gold file {path}"))?;
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{path}:{line_no}");
        let record: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}: not JSON", at()))?;
        let Some(events) = record.get("events").and_then(|e| e.as_array()) else {
            bail!(
                "{}: no \"events\" array; a gold record lists the events it expects \
                 ([] for none), e.g. \"events\": [{{\"source\": \"RUSGOV\", \"target\": \"CHN\", \
                 \"cameo\": \"057\"}}]",
                at()
            );
        };
        let events = events
            .iter()
            .enumerate()
            .map(|(k, e)| gold_event(e).with_context(|| format!("{}: event {}", at(), k + 1)))
            .collect::<Result<Vec<_>>>()?;
        gold.insert((path.to_owned(), line_no), events);
    }
    Ok(())
}

fn gold_event(e: &serde_json::Value) -> Result<GoldEvent> {
    // An actor is a code string, null, or an object with a `code` (as `dyad extract` writes).
    let actor = |field: &str| -> Result<Option<String>> {
        match e.get(field) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.trim().to_owned())),
            Some(serde_json::Value::Object(o)) => Ok(o
                .get("code")
                .and_then(|c| c.as_str())
                .map(|s| s.trim().to_owned())),
            Some(other) => bail!("{field} must be an actor code, null or an object, not {other}"),
        }
    };
    let cameo = e
        .get("cameo")
        .and_then(|c| c.as_str())
        .context("no \"cameo\" code")?;
    Ok(GoldEvent {
        source: actor("source")?,
        target: actor("target")?,
        cameo: CameoCode::new(cameo).map_err(|err| anyhow::anyhow!("{err}"))?,
    })
}

/// The (path, line) of a JSONL document's origin (`path:12`).
fn record_key(origin: &str) -> Option<(String, u64)> {
    let (path, line) = origin.rsplit_once(':')?;
    Some((path.to_owned(), line.parse().ok()?))
}

fn coded_event(e: &Event) -> Coded {
    let code = |a: &Option<dyad_core::Actor>| {
        a.as_ref()
            .and_then(|a| a.code.as_ref())
            .map(|c| c.as_str().to_owned())
    };
    Coded {
        source: code(&e.source),
        target: code(&e.target),
        cameo: e.cameo.clone(),
        sentence: e.sentence.clone(),
    }
}

/// Whether a gold actor matches a coded one ([module docs](self)).
fn actor_matches(gold: &Option<String>, coded: &Option<String>) -> bool {
    match (gold, coded) {
        (None, None) => true,
        (Some(g), Some(c)) => c.starts_with(g.as_str()),
        _ => false,
    }
}

/// Pairs gold and coded events one to one: exact actor codes first, then prefixes. Returns
/// the pairs made, the gold events left (missed) and the coded ones left (extra).
fn pair<'a, 'b>(
    gold: &'a [GoldEvent],
    coded: &'b [Coded],
    same_act: impl Fn(&GoldEvent, &Coded) -> bool,
) -> (usize, Vec<&'a GoldEvent>, Vec<&'b Coded>) {
    let mut used = vec![false; coded.len()];
    let mut matched = vec![false; gold.len()];
    // First pass: the same actor codes; second: gold codes as prefixes.
    let fits = |g: &GoldEvent, c: &Coded, exact: bool| {
        same_act(g, c)
            && if exact {
                g.source == c.source && g.target == c.target
            } else {
                actor_matches(&g.source, &c.source) && actor_matches(&g.target, &c.target)
            }
    };
    for exact in [true, false] {
        for (gi, g) in gold.iter().enumerate() {
            if matched[gi] {
                continue;
            }
            if let Some(ci) = (0..coded.len()).find(|&ci| !used[ci] && fits(g, &coded[ci], exact)) {
                used[ci] = true;
                matched[gi] = true;
            }
        }
    }
    let tp = matched.iter().filter(|&&m| m).count();
    (tp, unpaired(gold, &matched), unpaired(coded, &used))
}

/// The items whose flag is not set.
fn unpaired<'a, T>(items: &'a [T], paired: &[bool]) -> Vec<&'a T> {
    items
        .iter()
        .zip(paired)
        .filter(|(_, &p)| !p)
        .map(|(x, _)| x)
        .collect()
}

fn print_table(r: &Report, max_errors: usize) {
    println!(
        "{} gold records, {} gold events, {} coded events{}",
        r.documents,
        r.gold_events,
        r.coded_events,
        if r.skipped_records > 0 {
            format!(", {} records skipped", r.skipped_records)
        } else {
            String::new()
        }
    );
    println!("level      TP     FP     FN  precision  recall     F1");
    for (name, s) in [("code", r.code), ("root", r.root)] {
        println!(
            "{name:<5} {:>7} {:>6} {:>6}  {:>9.3}  {:>6.3}  {:>5.3}",
            s.tp, s.fp, s.fn_, s.precision, s.recall, s.f1
        );
    }
    if r.errors.is_empty() {
        return;
    }
    println!();
    println!(
        "code-level errors ({} in all{}):",
        r.errors.len(),
        if r.errors.len() > max_errors {
            format!(", first {max_errors}; --errors N for more")
        } else {
            String::new()
        }
    );
    let actor = |a: &Option<String>| a.clone().unwrap_or_else(|| "-".to_owned());
    for m in r.errors.iter().take(max_errors) {
        let sentence = m
            .sentence
            .as_deref()
            .map(|s| format!("  “{s}”"))
            .unwrap_or_default();
        println!(
            "  {:<6} {}  {}→{} {}{sentence}",
            m.kind,
            m.record,
            actor(&m.source),
            actor(&m.target),
            m.cameo
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(s: Option<&str>, t: Option<&str>, c: &str) -> GoldEvent {
        GoldEvent {
            source: s.map(str::to_owned),
            target: t.map(str::to_owned),
            cameo: CameoCode::new(c).expect("code"),
        }
    }

    fn c(s: Option<&str>, t: Option<&str>, code: &str) -> Coded {
        Coded {
            source: s.map(str::to_owned),
            target: t.map(str::to_owned),
            cameo: CameoCode::new(code).expect("code"),
            sentence: String::new(),
        }
    }

    #[test]
    fn pairing_prefers_exact_actors_and_counts_the_rest() {
        let same = |g: &GoldEvent, c: &Coded| g.cameo == c.cameo;
        // "RUS" could take either coded event; the exact gold "RUSGOV" must keep its own.
        let gold = [
            g(Some("RUS"), Some("CHN"), "057"),
            g(Some("RUSGOV"), Some("CHN"), "057"),
        ];
        let coded = [
            c(Some("RUSGOV"), Some("CHN"), "057"),
            c(Some("RUSMIL"), Some("CHN"), "057"),
        ];
        let (tp, missed, extra) = pair(&gold, &coded, same);
        assert_eq!((tp, missed.len(), extra.len()), (2, 0, 0));
        // A more specific gold code does not match a vaguer coded one; nulls match nulls.
        let gold = [g(Some("RUSGOV"), None, "010"), g(None, Some("CHN"), "111")];
        let coded = [c(Some("RUS"), None, "010"), c(None, Some("CHNGOV"), "111")];
        let (tp, missed, extra) = pair(&gold, &coded, same);
        assert_eq!(tp, 1);
        assert_eq!(missed, vec![&gold[0]]);
        assert_eq!(extra, vec![&coded[0]]);
    }

    #[test]
    fn scores_follow_their_counts() {
        let mut s = Score::default();
        s.add(0, 0, 0);
        assert_eq!((s.precision, s.recall, s.f1), (1.0, 1.0, 1.0));
        s.add(2, 1, 1);
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
        let mut z = Score::default();
        z.add(0, 3, 2);
        assert_eq!((z.precision, z.recall, z.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn origins_name_their_line() {
        assert_eq!(record_key("gold.jsonl:12"), Some(("gold.jsonl".into(), 12)));
        assert_eq!(
            record_key("dir/a:b.jsonl:3"),
            Some(("dir/a:b.jsonl".into(), 3))
        );
        assert_eq!(record_key("page.html"), None);
    }
}
