#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The events of the five seed articles, as a careful human coder reads them
//! (`tests/fixtures/seed-events.txt`), reproduced by `dyad extract`.
//!
//! The articles are copyrighted and stay in `../shared/seeds/`; the fixture keeps only the
//! sentence index, the sentence's first three words (to pin it), the dyad, the code and the
//! trigger. `none:` lines list the sentences that must code nothing: teasers, ads, pitches,
//! comment forms, hypotheticals and background; `pending:` lines the sentences where more
//! than the pinned events is tolerated (the fixture says why for each).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// A pinned event: the sentence's first words, the trigger, and the date its sentence states
/// (value and phrase), if any.
type Pinned = (String, String, Option<(String, String)>);

#[derive(Debug, Default)]
struct Seed {
    date: Option<String>,
    /// (sentence, source, target, code) → (first words, trigger, stated date and its phrase).
    events: BTreeMap<(u64, String, String, String), Pinned>,
    none: BTreeSet<u64>,
    /// Sentences whose further events are unsettled: what is pinned must be found, anything
    /// more is tolerated.
    pending: BTreeSet<u64>,
}

fn fixture() -> BTreeMap<String, Seed> {
    let text = include_str!("fixtures/seed-events.txt");
    let mut seeds: BTreeMap<String, Seed> = BTreeMap::new();
    let mut current = String::new();
    let mut pending_date: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some((_, rest)) = c.split_once("document date used:") {
                pending_date = rest.split_whitespace().next().map(|d| {
                    d.trim_matches(|c: char| !c.is_ascii_digit() && c != '-')
                        .to_owned()
                });
            }
            continue;
        }
        if let Some(id) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = id.to_owned();
            let seed = seeds.entry(current.clone()).or_default();
            if seed.date.is_none() {
                seed.date = pending_date.take();
            }
            continue;
        }
        let seed = seeds
            .get_mut(&current)
            .unwrap_or_else(|| panic!("line {}: event before any [seed]", i + 1));
        if let Some(list) = line.strip_prefix("pending:") {
            for n in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                seed.pending.insert(n.parse().expect("a sentence index"));
            }
            continue;
        }
        if let Some(list) = line.strip_prefix("none:") {
            for n in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                seed.none.insert(n.parse().expect("a sentence index"));
            }
            continue;
        }
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        assert!(
            f.len() >= 3,
            "line {}: `INDEX | FIRST WORDS | SRC TGT CODE | trigger`",
            i + 1
        );
        let dyad: Vec<&str> = f[2].split_whitespace().collect();
        assert_eq!(dyad.len(), 3, "line {}", i + 1);
        seed.events.insert(
            (
                f[0].parse().expect("a sentence index"),
                dyad[0].to_owned(),
                dyad[1].to_owned(),
                dyad[2].to_owned(),
            ),
            (
                f[1].to_owned(),
                f.get(3).copied().unwrap_or("").to_owned(),
                f.get(4).map(|d| {
                    let (date, text) = d.split_once(' ').expect("`DATE date text`");
                    (date.to_owned(), text.to_owned())
                }),
            ),
        );
    }
    seeds
}

#[test]
fn the_seed_articles_code_as_a_careful_coder_reads_them() {
    let seeds = fixture();
    assert_eq!(seeds.len(), 5, "five seeds in the fixture");
    let (mut expected, mut found, mut matched, mut dated) = (0usize, 0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for (id, seed) in &seeds {
        let Some(path) = dyad_testdata::shared(&format!("seeds/{id}.txt")) else {
            return;
        };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
        cmd.args(["extract", "--with-sentences"]).arg(&path);
        if let Some(d) = &seed.date {
            cmd.args(["--date", d]);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let sentences = doc["sentences"].as_array().unwrap();
        // The fixture's sentence pins still hold (the cleaner and splitter have not moved).
        for ((idx, ..), (first, ..)) in &seed.events {
            let text = sentences[*idx as usize]["text"].as_str().unwrap();
            assert!(
                text.starts_with(first.as_str()),
                "{id} sentence {idx} starts {:?}, the fixture says {first:?}",
                &text[..text.len().min(40)]
            );
        }
        let mut got: BTreeSet<(u64, String, String, String)> = BTreeSet::new();
        for e in doc["events"].as_array().unwrap() {
            let code = |a: &Value| a["code"].as_str().unwrap_or("").to_owned();
            let key = (
                e["sentence_index"].as_u64().unwrap(),
                code(&e["source"]),
                code(&e["target"]),
                e["cameo"].as_str().unwrap().to_owned(),
            );
            // Its date: the one its sentence states, else the document's, marked so.
            if let Some((_, _, stated)) = seed.events.get(&key) {
                let got_date = (
                    e["date"].as_str().unwrap_or("").to_owned(),
                    e["date_text"].as_str().unwrap_or("").to_owned(),
                );
                match stated {
                    Some(want) if &got_date != want => report.push(format!(
                        "{id}: {key:?} dated {got_date:?}, the fixture says {want:?}"
                    )),
                    None if e["date_precision"] != "document" => report.push(format!(
                        "{id}: {key:?} dated {got_date:?}; its sentence states no date for it"
                    )),
                    _ => dated += usize::from(stated.is_some()),
                }
            }
            got.insert(key);
        }
        let want: BTreeSet<_> = seed.events.keys().cloned().collect();
        expected += want.len();
        found += got
            .iter()
            .filter(|g| !seed.pending.contains(&g.0) || want.contains(g))
            .count();
        matched += want.intersection(&got).count();
        for w in want.difference(&got) {
            report.push(format!("{id}: missing   {w:?}"));
        }
        for g in got
            .difference(&want)
            .filter(|g| !seed.pending.contains(&g.0))
        {
            let why = if seed.none.contains(&g.0) {
                "must code nothing"
            } else {
                "not in the fixture"
            };
            report.push(format!("{id}: spurious  {g:?} ({why})"));
        }
    }
    println!(
        "seed events: {matched} of {expected} expected found, {found} coded (precision {:.2}, recall {:.2}); {dated} carry the date their sentence states",
        matched as f64 / found.max(1) as f64,
        matched as f64 / expected.max(1) as f64
    );
    assert!(report.is_empty(), "{}", report.join("\n"));
}
