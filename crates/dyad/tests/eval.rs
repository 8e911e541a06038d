#![allow(clippy::unwrap_used)]
//! `dyad eval`: a gold file made from dyad's own output scores 1.0, and each change to it
//! moves the counts by exactly what it should. The articles are written for this test.

use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .unwrap()
}

fn articles() -> Vec<Value> {
    vec![
        json!({"id": "summit", "date": "2024-05-16", "text":
            "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on \
             Thursday.\n\nThe two leaders signed a joint statement on deepening their partnership."}),
        json!({"id": "sanctions", "date": "2023-03-02", "text":
            "The United States imposed new sanctions on Iran over its drone programme."}),
        json!({"id": "weather", "date": "2022-01-10", "text":
            "Officials said the weather was mild for the season."}),
    ]
}

/// What `dyad extract` codes for each article: (source, target, cameo) per event.
fn coded(dir: &Path) -> Vec<Vec<Value>> {
    let input = dir.join("articles.jsonl");
    let lines: Vec<String> = articles().iter().map(Value::to_string).collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = run(&["extract", input.to_str().unwrap()]);
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let doc: Value = serde_json::from_str(l).unwrap();
            doc["events"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    json!({"source": e["source"]["code"], "target": e["target"]["code"],
                                "cameo": e["cameo"]})
                })
                .collect()
        })
        .collect()
}

fn write_gold(dir: &Path, events: &[Vec<Value>]) -> String {
    let path = dir.join("gold.jsonl");
    let lines: Vec<String> = articles()
        .into_iter()
        .zip(events)
        .map(|(mut a, ev)| {
            a["events"] = Value::Array(ev.clone());
            a.to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path.to_str().unwrap().to_owned()
}

fn eval(gold: &str) -> Value {
    let out = run(&["eval", gold, "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn counts(v: &Value, level: &str) -> (u64, u64, u64) {
    let s = &v[level];
    (
        s["tp"].as_u64().unwrap(),
        s["fp"].as_u64().unwrap(),
        s["fn"].as_u64().unwrap(),
    )
}

#[test]
fn gold_made_from_the_coder_scores_one_and_each_change_counts() {
    let dir = tempfile::tempdir().unwrap();
    let mut events = coded(dir.path());
    let total: usize = events.iter().map(Vec::len).sum();
    assert!(total >= 2, "the articles must code some events: {events:?}");
    assert!(events[2].is_empty(), "the weather report codes nothing");
    let n = total as u64;

    let v = eval(&write_gold(dir.path(), &events));
    assert_eq!(counts(&v, "code"), (n, 0, 0));
    assert_eq!(v["code"]["f1"], 1.0);
    assert_eq!(v["gold_events"], n);

    // A gold event dyad does not code: one miss. A coded event the gold leaves out: one extra.
    let dropped = events[0].pop().unwrap();
    events[2].push(json!({"source": "FRA", "target": "DEU", "cameo": "036"}));
    let v = eval(&write_gold(dir.path(), &events));
    assert_eq!(counts(&v, "code"), (n - 1, 1, 1));
    let kinds: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "missed").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "extra").count(), 1);
    events[0].push(dropped);
    events[2].clear();

    // Another code of the same root: wrong at code level, right at root level.
    let original = events[1][0]["cameo"].as_str().unwrap().to_owned();
    let sibling = if original.ends_with('9') {
        format!("{}0", &original[..2])
    } else {
        format!("{}9", &original[..2])
    };
    events[1][0]["cameo"] = json!(sibling);
    let v = eval(&write_gold(dir.path(), &events));
    assert_eq!(counts(&v, "code"), (n - 1, 1, 1));
    assert_eq!(counts(&v, "root"), (n, 0, 0));
    events[1][0]["cameo"] = json!(original);

    // A gold actor given as its country matches the coded government; the reverse does not.
    let source = events[1][0]["source"].as_str().unwrap().to_owned();
    events[1][0]["source"] = json!(&source[..3]);
    let v = eval(&write_gold(dir.path(), &events));
    assert_eq!(counts(&v, "code"), (n, 0, 0));
    events[1][0]["source"] = json!(format!("{source}XYZ"));
    let v = eval(&write_gold(dir.path(), &events));
    assert_eq!(counts(&v, "code"), (n - 1, 1, 1));
}

#[test]
fn min_f1_fails_the_run_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut events = coded(dir.path());
    events[2].push(json!({"source": "FRA", "target": "DEU", "cameo": "036"}));
    let gold = write_gold(dir.path(), &events);
    assert!(run(&["eval", &gold, "--min-f1", "0.5"]).status.success());
    let out = run(&["eval", &gold, "--min-f1", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("below --min-f1"));
    // The table names the miss with its record.
    let table = String::from_utf8(run(&["eval", &gold]).stdout).unwrap();
    assert!(
        table.contains("missed") && table.contains("gold.jsonl:3"),
        "{table}"
    );
}

#[test]
fn a_bad_gold_record_is_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gold.jsonl");
    let cases = [
        (r#"{"text": "Putin met Xi."}"#, "no \"events\" array"),
        (
            r#"{"text": "x", "events": [{"source": "RUS"}]}"#,
            "no \"cameo\"",
        ),
        (r#"{"text": "x", "events": [{"cameo": "05x"}]}"#, "event 1"),
        ("{not json", "not JSON"),
    ];
    for (record, message) in cases {
        std::fs::write(&path, format!("\n{record}\n")).unwrap();
        let out = run(&["eval", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{record}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("gold.jsonl:2"), "{record}: {err}");
        assert!(err.contains(message), "{record}: {err}");
    }
    let out = run(&["eval", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one JSONL file"));
}
