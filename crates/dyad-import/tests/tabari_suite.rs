//! TABARI's validation suite, coded by dyad with the dictionaries `Validate.project` names
//! imported by `dyad_import::tabari`.
//!
//! Each record of `Validate.text` is `YYMMDD  ID`, the text, and a `/* … */` comment whose
//! `{ SRC / TGT / CODE }` lines are the events TABARI must code (`{---}`, `{+++}` and `{###}`:
//! none). A record passes when dyad codes exactly the expected set of events. Records that
//! change TABARI options mid-suite (`{ OPTION: … }`) are not scored; those options dyad has
//! (`dyad_import::tabari::apply_option`) hold for the records after them. Under `FORWARD:`,
//! consecutive sentences of one story (by the command's record-ID mask) are coded as one
//! document, so pronouns can be forwarded. Records after `FINAL-01` are not scored. The suite's files are read from `../shared/`, never copied here.

use dyad_core::PartialDate;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

/// CI fails when the share of passing records drops below this (measured: see the printout).
const FLOOR: f64 = 0.88;

type Triple = (String, String, String);

#[derive(Debug)]
struct Record {
    id: String,
    /// The header line after its six-digit date: where a `FORWARD:` mask finds the story and
    /// sentence numbers.
    header: String,
    date: Option<PartialDate>,
    text: String,
    /// Expected events; empty for a null, discard or complex record.
    expected: BTreeSet<Triple>,
    /// `{---}`, `{+++}`, `{###}`: no event expected.
    none: bool,
    /// The record sets options (not scored): its TABARI commands, applied in order.
    option: bool,
    commands: Vec<String>,
    /// Expected codes that are not in dyad's CAMEO table.
    outside_cameo: bool,
}

fn date(s: &str) -> Option<PartialDate> {
    if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let yy: u32 = s[..2].parse().ok()?;
    let y = if yy <= 30 { 2000 + yy } else { 1900 + yy };
    format!("{y}-{}-{}", &s[2..4], &s[4..6]).parse().ok()
}

fn parse_records(text: &str, cameo: &dyad_code::CodeTable) -> Vec<Record> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        let mut head = l.split_whitespace();
        let (Some(d), Some(id)) = (head.next(), head.next()) else {
            i += 1;
            continue;
        };
        if !(d.len() >= 6 && d.bytes().all(|b| b.is_ascii_digit())) || l.starts_with(' ') {
            i += 1;
            continue;
        }
        // The record runs to the end of its comment (or the next blank line without one).
        let mut body = String::new();
        i += 1;
        while i < lines.len() {
            body.push_str(lines[i]);
            body.push('\n');
            i += 1;
            if body.contains("*/") || (!body.contains("/*") && lines[i - 1].trim().is_empty()) {
                break;
            }
        }
        let (txt, comment) = match body.split_once("/*") {
            Some((t, c)) => (t, c.split("*/").next().unwrap_or("")),
            None => (body.as_str(), ""),
        };
        let mut rec = Record {
            id: id.to_owned(),
            header: l.get(6..).unwrap_or("").to_owned(),
            date: date(d),
            text: txt.split_whitespace().collect::<Vec<_>>().join(" "),
            expected: BTreeSet::new(),
            none: false,
            option: false,
            commands: Vec::new(),
            outside_cameo: false,
        };
        let mut rest = comment;
        while let Some(open) = rest.find('{') {
            let commented_out = rest[..open].ends_with('-');
            // An unclosed brace runs to the end of the comment ("{ OPTION: SET: … = 4 */").
            let close = rest[open..].find('}').unwrap_or(rest.len() - open);
            let inner = rest[open + 1..open + close].trim();
            rest = &rest[(open + close + 1).min(rest.len())..];
            if commented_out {
                continue;
            }
            if let Some(command) = inner.strip_prefix("OPTION:") {
                rec.option = true;
                rec.commands.push(command.trim().to_owned());
            } else if matches!(inner, "---" | "+++" | "###") {
                rec.none = true;
            } else if inner.matches('/').count() == 2 {
                // "~MOS": TABARI marks an agent coded without an actor (SET: CONVERT AGENTS);
                // dyad's code for it is its roles alone, MOS.
                let p: Vec<String> = inner
                    .split('/')
                    .map(|x| x.trim().trim_start_matches('~').to_owned())
                    .collect();
                let known = dyad_core::CameoCode::new(&p[2])
                    .ok()
                    .is_some_and(|c| cameo.get(&c).is_some());
                rec.outside_cameo |= !known;
                rec.expected
                    .insert((p[0].clone(), p[1].clone(), p[2].clone()));
            }
        }
        let last = rec.id == "FINAL-01";
        out.push(rec);
        if last {
            break;
        }
    }
    out
}

fn category(id: &str) -> String {
    id.split('-').next().unwrap_or(id).to_owned()
}

#[test]
fn tabari_validation_suite() {
    let Some(text_path) = dyad_testdata::shared("data/tabari/Validate.text") else {
        return;
    };
    let started = Instant::now();
    let dir = text_path.parent().unwrap_or(Path::new("."));
    let out = tempfile::tempdir().unwrap();
    // Codes outside CAMEO get stand-ins, read back through the import's table below.
    let options = dyad_import::petrarch::Options {
        codes: dyad_import::petrarch::CodePolicy::StandIn,
    };
    let report =
        dyad_import::tabari::import_with(&[dir.join("Validate.project")], out.path(), options)
            .unwrap();
    let stand_ins = dyad_import::tabari::read_stand_ins(out.path());
    println!("imported: {:?}", report.written);
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for s in &report.skipped {
        let r: String = s.reason.split([':', '(']).next().unwrap_or("").to_owned();
        *reasons.entry(r).or_default() += 1;
    }
    println!("not converted, by reason: {reasons:#?}");
    let dict = dyad_recognise::Dictionary::from_dir(out.path()).unwrap();
    let verbs = dyad_code::VerbDictionary::from_dir(out.path()).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    let mut coder = dyad_code::Coder::new(dict, verbs, dyad_code::CoderOptions::default()).unwrap();
    let mut options = coder.verbs().options.clone();
    let raw = dyad_import::read_text(&text_path).unwrap();
    let records = parse_records(&raw, dyad_code::CodeTable::builtin());
    // TABARI_TRACE=DEMO-07,DEMO-12 prints the coder's trace of those records.
    let trace: Vec<String> = std::env::var("TABARI_TRACE")
        .map(|v| v.split(',').map(str::to_owned).collect())
        .unwrap_or_default();
    let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut pass, mut total) = (0, 0);
    let (mut pass_cameo, mut total_cameo) = (0, 0);
    let (mut tp, mut exp_n, mut got_n) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut applied = Vec::new();
    // `FORWARD: MASK`: consecutive sentences of a story are one document, so pronouns can be
    // forwarded from one record to the next (`forward-pronouns`).
    let mut mask: Option<String> = None;
    let mut ctx = dyad_code::DocContext::default();
    let mut last_story: Option<(String, u32)> = None;
    for r in &records {
        // Option records switch what dyad has of TABARI's options (minimum words, default
        // actors) for the records after them.
        for c in &r.commands {
            if let Some(rest) = c.trim().strip_prefix("FORWARD:") {
                mask = rest
                    .split_whitespace()
                    .next()
                    .filter(|_| !rest.split_whitespace().any(|w| w == "OFF"))
                    .map(str::to_owned);
            }
            if dyad_import::tabari::apply_option(c, &mut options) {
                applied.push(c.as_str());
            }
        }
        if !r.commands.is_empty() {
            coder.set_dict_options(options.clone());
        }
        if r.option || (r.expected.is_empty() && !r.none) {
            continue;
        }
        let story = mask
            .as_deref()
            .and_then(|m| dyad_import::tabari::story_sentence(m, &r.header));
        let continues =
            matches!((&last_story, &story), (Some((a, n)), Some((b, k))) if a == b && *k == n + 1);
        if !continues {
            ctx = dyad_code::DocContext::default();
        }
        last_story = story;
        let events = coder.code_sentence(&r.text, r.date, &mut ctx);
        if trace.iter().any(|t| t == &r.id) {
            let (_, t) = coder.explain(&r.text, r.date);
            println!(
                "trace {}:\n  {}\n  {}",
                r.id,
                t.actors.join("\n  "),
                t.patterns.join("\n  ")
            );
        }
        let got: BTreeSet<Triple> = events
            .iter()
            .map(|e| {
                let code = |a: &Option<dyad_core::Actor>| {
                    a.as_ref()
                        .and_then(|a| a.code.as_ref())
                        .map(|c| c.to_string())
                        .unwrap_or_else(|| "---".into())
                };
                let c = e.cameo.to_string();
                let c = stand_ins.get(&c).cloned().unwrap_or(c);
                (code(&e.source), code(&e.target), c)
            })
            .collect();
        let ok = got == r.expected;
        tp += got.intersection(&r.expected).count();
        exp_n += r.expected.len();
        got_n += got.len();
        let c = per.entry(category(&r.id)).or_default();
        c.1 += 1;
        total += 1;
        if !r.outside_cameo {
            total_cameo += 1;
        }
        if ok {
            c.0 += 1;
            pass += 1;
            if !r.outside_cameo {
                pass_cameo += 1;
            }
        } else {
            let show = |s: &BTreeSet<Triple>| {
                if s.is_empty() {
                    "(none)".to_owned()
                } else {
                    s.iter()
                        .map(|(a, b, c)| format!("{a}/{b}/{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            failures.push(format!(
                "  {:<16} expected {:<40} got {}{}\n      {}",
                r.id,
                show(&r.expected),
                show(&got),
                if r.outside_cameo {
                    "  [expects a code outside CAMEO]"
                } else {
                    ""
                },
                r.text
            ));
        }
    }
    println!("option records applied: {applied:?}");
    println!(
        "failing records ({}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("pass rate by category:");
    for (cat, (p, n)) in &per {
        println!(
            "  {cat:<10} {p:>3}/{n:<3} {:>5.1}%",
            100.0 * *p as f64 / *n as f64
        );
    }
    let rate = pass as f64 / total.max(1) as f64;
    println!(
        "overall: {pass}/{total} records pass ({:.1}%); {pass_cameo}/{total_cameo} ({:.1}%) of those expecting only CAMEO codes; events: {tp} of {exp_n} expected found, {got_n} coded ({:.2?})",
        100.0 * rate,
        100.0 * pass_cameo as f64 / total_cameo.max(1) as f64,
        started.elapsed()
    );
    assert!(
        rate >= FLOOR,
        "pass rate {:.1}% fell below the floor {:.1}%",
        100.0 * rate,
        100.0 * FLOOR
    );
}

#[test]
fn the_master_verbs_load_into_a_coder() {
    let Some(verbs) = dyad_testdata::shared("data/tabari/CAMEO.091003.master.verbs") else {
        return;
    };
    let dir = verbs.parent().unwrap_or(Path::new("."));
    let out = tempfile::tempdir().unwrap();
    let report = dyad_import::tabari::import(
        &[
            verbs.clone(),
            dir.join("TABARI.Demo.actors"),
            dir.join("Validate.agents"),
        ],
        out.path(),
    )
    .unwrap();
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for s in report.skipped.iter().filter(|s| s.file == verbs) {
        let r: String = s.reason.split([':', '(']).next().unwrap_or("").to_owned();
        *reasons.entry(r).or_default() += 1;
    }
    let written = report
        .written
        .iter()
        .find(|(f, _)| f.starts_with("verbs/"))
        .map_or(0, |(_, n)| *n);
    println!(
        "master verbs: {written} dyad patterns written; lines not (fully) converted: {reasons:#?}"
    );
    let dict = dyad_recognise::Dictionary::from_dir(out.path()).unwrap();
    let v = dyad_code::VerbDictionary::from_dir(out.path()).unwrap_or_else(|e| {
        panic!(
            "{}",
            e.iter()
                .take(20)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert_eq!(v.patterns.len(), written);
    assert!(written > 10_000, "{written}");
    let coder = dyad_code::Coder::new(dict, v, dyad_code::CoderOptions::default()).unwrap();
    // It codes: TABARI's CAMEO dictionary says ACCUSE is 112 (in a sentence of TABARI's
    // minimum eight words).
    let events = coder.code_document(
        [(
            0,
            "Arnor accused Gondor of war crimes on Tuesday, officials said.",
        )],
        "2001-01-01".parse().ok(),
    );
    assert!(!events.is_empty(), "{events:?}");
}
