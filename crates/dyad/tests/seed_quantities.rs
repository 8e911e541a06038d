#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The figures of the five seed articles (`tests/fixtures/seed-quantities.txt`), found by
//! `dyad ingest`, stored, and listed by `dyad quantities` with value, unit, qualifier, measure
//! and the sentence's date; and the analyst's question "what trade figures were claimed for
//! Russia–China" answered by one command.

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// (seed, sentence, text, value, unit, max, per, qualifier, measure, date), all as text.
type Row = (
    String,
    u64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
);

/// Numbers as the fixture writes them: whole numbers without a fraction.
fn num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn fixture() -> (Vec<(String, String)>, BTreeSet<Row>) {
    let mut seeds = Vec::new();
    let mut rows = BTreeSet::new();
    for (i, line) in include_str!("fixtures/seed-quantities.txt")
        .lines()
        .enumerate()
    {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let (id, date) = rest.split_once(']').expect("[SEED] DATE");
            seeds.push((id.to_owned(), date.trim().to_owned()));
            continue;
        }
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(f.len(), 6, "line {}: six fields", i + 1);
        let amount: Vec<&str> = f[2].split_whitespace().collect();
        let (mut max, mut per) = (String::new(), String::new());
        let mut k = 2;
        while k + 1 < amount.len() {
            match amount[k] {
                "to" => max = amount[k + 1].to_owned(),
                "per" => per = amount[k + 1].to_owned(),
                other => panic!("line {}: unexpected {other:?}", i + 1),
            }
            k += 2;
        }
        let seed = &seeds.last().expect("a figure before any [seed]").0;
        rows.insert((
            seed.clone(),
            f[0].parse().expect("a sentence index"),
            f[1].to_owned(),
            amount[0].to_owned(),
            amount[1].to_owned(),
            max,
            per,
            f[3].to_owned(),
            if f[4] == "-" {
                String::new()
            } else {
                f[4].to_owned()
            },
            f[5].to_owned(),
        ));
    }
    (seeds, rows)
}

fn dyad(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dyad {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn listed(db: &str, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["quantities", "--db", db, "--format", "json", "-n", "1000"];
    args.extend_from_slice(filters);
    String::from_utf8(dyad(&args))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_seed_figures_are_found_stored_and_listed() {
    let (seeds, want) = fixture();
    assert_eq!(seeds.len(), 5);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db").display().to_string();
    for (id, date) in &seeds {
        let Some(path) = dyad_testdata::shared(&format!("seeds/{id}.txt")) else {
            return;
        };
        let path = path.display().to_string();
        dyad(&["ingest", &path, "--db", &db, "--date", date, "-q"]);
    }
    let rows = listed(&db, &[]);
    let got: BTreeSet<Row> = rows
        .iter()
        .map(|r| {
            let s = |k: &str| r[k].as_str().unwrap_or("").to_owned();
            let n = |k: &str| r[k].as_f64().map(num).unwrap_or_default();
            (
                s("doc_id"),
                r["sentence_index"].as_u64().unwrap(),
                s("text"),
                n("value"),
                s("unit"),
                n("value_max"),
                s("per"),
                s("qualifier"),
                s("measure"),
                s("date"),
            )
        })
        .collect();
    let missing: Vec<_> = want.difference(&got).collect();
    let spurious: Vec<_> = got.difference(&want).collect();
    println!(
        "seed figures: {} of {} found, {} listed",
        want.intersection(&got).count(),
        want.len(),
        got.len()
    );
    assert!(
        missing.is_empty() && spurious.is_empty(),
        "missing:\n{missing:#?}\nspurious:\n{spurious:#?}"
    );
    // Every figure is listed with the sentence it was stated in.
    for r in &rows {
        let sentence = r["sentence"].as_str().unwrap();
        assert!(sentence.contains(r["text"].as_str().unwrap()), "{r}");
    }

    // "What trade figures were claimed for Russia–China?"
    let trade = listed(&db, &["--dyad", "RUS,CHN", "--measure", "trade"]);
    let texts: BTreeSet<(String, String)> = trade
        .iter()
        .map(|r| {
            (
                r["text"].as_str().unwrap().to_owned(),
                r["date"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (text, date) in [
        ("$100 billion", "2018"),
        ("$108 billion", "2019-06-06"),
        ("$240 billion", "2023"),
        ("a quarter", "2023"),
        ("1.6%", "2024-01"),
    ] {
        assert!(
            texts.contains(&(text.to_owned(), date.to_owned())),
            "{text} ({date}) is a Russia–China trade figure; listed: {texts:?}"
        );
    }
    assert!(
        trade.iter().all(|r| r["text"] != "80 percent"),
        "the share of a railway built by Chinese firms is no trade figure"
    );
    // Listed oldest first.
    let dates: Vec<&str> = trade.iter().map(|r| r["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    // Unit filter.
    let rub = listed(&db, &["--unit", "RUB"]);
    assert_eq!(rub.len(), 1);
    assert_eq!(rub[0]["text"], "10 billion rubles");
}
