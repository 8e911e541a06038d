#![allow(clippy::unwrap_used)]
//! Events, not echoes: mentions merged into events across sentences, documents, near
//! duplicates and runs, then queried (`events`, `timeline`, `actors`) and exported in every
//! format and read back. The articles are written for this test.

use dyad_core::EventRecord;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "dyad {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const FILLER: &str = "The talks lasted several hours and covered energy, transport and finance. \
    Officials from both delegations described the atmosphere as constructive and businesslike.";

fn article(id: &str, site: &str, date: &str, title: &str, paragraphs: &[&str]) -> Value {
    let mut body = title.to_owned();
    for p in paragraphs {
        body.push_str("\n\n");
        body.push_str(p);
    }
    json!({"id": id, "url": format!("https://{site}/{id}"), "source": site, "date": date,
           "title": title, "text": body})
}

/// Run 1: one summit reported by three outlets (and a near-duplicate copy), a second
/// agreement signed the same day, a visit and its hosting, accusations both ways, and the
/// same kind of agreement a month later.
fn run1() -> Vec<Value> {
    let summit = [
        "Russian President Vladimir Putin and Chinese President Xi Jinping signed a gas supply agreement in Moscow on Tuesday.",
        "Russia and China signed an agreement on a joint lunar research station on Tuesday.",
        FILLER,
    ];
    let mut copy = summit.to_vec();
    copy.push("This report was compiled from wire services.");
    vec![
        article(
            "a1",
            "alpha.example",
            "2023-03-21",
            "Leaders sign energy and space accords",
            &summit,
        ),
        article(
            "a2",
            "beta.example",
            "2023-03-22",
            "Gas deal sealed",
            &[
                "The Kremlin and Beijing signed the gas supply deal on Tuesday.",
                "Putin and Xi signed the gas supply agreement after long talks in the Kremlin.",
            ],
        ),
        article(
            "a3",
            "gamma.example",
            "2023-03-20",
            "Visit and a quarrel",
            &[
                "Vladimir Putin visited Beijing on Monday.",
                "Chinese President Xi Jinping hosted Vladimir Putin in Beijing on Monday.",
                "Russia condemned China over the border incident.",
                "China condemned Russia over the border incident.",
            ],
        ),
        article(
            "a4",
            "alpha.example",
            "2023-04-26",
            "Another gas accord",
            &["Russia and China signed a gas supply agreement on Tuesday."],
        ),
        article(
            "a5",
            "delta.example",
            "2023-03-21",
            "Leaders sign energy and space accords",
            &copy,
        ),
    ]
}

/// Run 2, later: one more outlet reports the gas agreement.
fn run2() -> Vec<Value> {
    vec![article(
        "a6",
        "epsilon.example",
        "2023-03-23",
        "Gas agreement",
        &["Russia and China signed the gas supply agreement on Tuesday, officials said."],
    )]
}

fn write_jsonl(path: &Path, records: &[Value]) {
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// The events as `dyad events --format jsonl` prints them (each with its reports).
fn events(db: &str, filter: &[&str]) -> Vec<Value> {
    let mut args = vec!["events", "--db", db, "--format", "jsonl"];
    args.extend_from_slice(filter);
    text(&dyad(&args))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn find<'a>(events: &'a [Value], cameo: &str, object_word: &str) -> Vec<&'a Value> {
    events
        .iter()
        .filter(|e| e["cameo"] == cameo)
        .filter(|e| e["object"].as_str().unwrap_or("").contains(object_word))
        .collect()
}

fn report_docs(e: &Value) -> Vec<String> {
    let mut docs: Vec<String> = e["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{}#{}", r["doc_id"].as_str().unwrap(), r["sentence_index"]))
        .collect();
    docs.sort();
    docs
}

#[test]
fn mentions_merge_into_events_across_documents_duplicates_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let db = db.to_str().unwrap();
    let feed1 = dir.path().join("run1.jsonl");
    let feed2 = dir.path().join("run2.jsonl");
    write_jsonl(&feed1, &run1());
    write_jsonl(&feed2, &run2());

    let summary = text(&dyad(&[
        "ingest",
        feed1.to_str().unwrap(),
        "--db",
        db,
        "-q",
    ]));
    assert!(summary.contains("1 near duplicate(s)"), "{summary}");
    assert!(summary.contains("7 new event(s)"), "{summary}");
    let all = events(db, &[]);
    assert_eq!(all.len(), 7, "{all:#?}");

    // Three outlets and a near-duplicate copy report one gas agreement: one event.
    let gas = find(&all, "057", "gas supply");
    assert_eq!(gas.len(), 2, "March and April agreements: {gas:#?}");
    let march = gas.iter().find(|e| e["date"] == "2023-03-21").unwrap();
    assert_eq!(report_docs(march), ["a1#1", "a2#1", "a2#2", "a5#1"]);
    assert_eq!(
        (march["mentions"].as_u64(), march["articles"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(march["sources"], 3, "alpha, beta and delta");
    assert_eq!(march["mutual"], true);
    assert_eq!(march["first_seen"], "2023-03-21");
    let march_id = march["id"].clone();
    // The same day, a different agreement: its own event (the objects share no specific word).
    let lunar = find(&all, "057", "lunar");
    assert_eq!(lunar.len(), 1);
    assert_eq!(report_docs(lunar[0]), ["a1#2", "a5#2"]);
    // A month later is another signing.
    let april = gas.iter().find(|e| e["date"] == "2023-04-25").unwrap();
    assert_eq!(report_docs(april), ["a4#1"]);

    // A visit and its hosting are two events, linked; accusations each way are two events.
    let visit = find(&all, "042", "")[0];
    let host = find(&all, "043", "")[0];
    assert_eq!(visit["linked_event"], host["id"]);
    assert_eq!(host["linked_event"], visit["id"]);
    assert_eq!(visit["date"], "2023-03-20");
    let accuse = find(&all, "111", "");
    assert_eq!(accuse.len(), 2);
    assert!(accuse
        .iter()
        .all(|e| e["mutual"] == false && e["mentions"] == 1));
    let directions: Vec<&str> = accuse
        .iter()
        .map(|e| e["source"]["country"].as_str().unwrap())
        .collect();
    assert!(directions.contains(&"RUS") && directions.contains(&"CHN"));

    // Incremental: a later run's report joins the stored event; nothing new is made.
    let summary = text(&dyad(&[
        "ingest",
        feed2.to_str().unwrap(),
        "--db",
        db,
        "-q",
    ]));
    assert!(summary.contains("0 new event(s)"), "{summary}");
    let all = events(db, &[]);
    assert_eq!(all.len(), 7);
    let march = all.iter().find(|e| e["id"] == march_id).unwrap();
    assert_eq!(
        (march["articles"].as_u64(), march["sources"].as_u64()),
        (Some(4), Some(4))
    );
    // Running the same input again adds nothing.
    dyad(&["ingest", feed2.to_str().unwrap(), "--db", db, "-q"]);
    assert_eq!(events(db, &[]), all);

    // Filters.
    assert_eq!(events(db, &["--code", "057"]).len(), 3);
    assert_eq!(events(db, &["--root", "11"]).len(), 2);
    assert_eq!(events(db, &["--plover", "accuse"]).len(), 2);
    assert_eq!(events(db, &["--source", "CHN", "--root", "11"]).len(), 1);
    assert_eq!(
        events(db, &["--dyad", "CHN,RUS", "--since", "2023-04"]).len(),
        1
    );
    assert_eq!(events(db, &["--until", "2023-03-20"]).len(), 4);
    assert_eq!(events(db, &["--dyad", "RUS,UKR"]).len(), 0);
    // A longer code narrows to the role: RUSGOV signed the gas deal, "Russia" the lunar one.
    let gov = events(db, &["--source", "RUSGOV", "--code", "057"]);
    assert_eq!(gov.len(), 1, "{gov:#?}");
}

#[test]
fn timeline_actors_and_exports_agree_with_the_events() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    let feed = dir.path().join("run1.jsonl");
    write_jsonl(&feed, &run1());
    dyad(&["ingest", feed.to_str().unwrap(), "--db", db, "-q"]);
    let all = events(db, &[]);

    // Timeline by month, CSV: one row per period and direction, the period first.
    let csv = text(&dyad(&[
        "timeline", "RUS", "CHN", "--db", db, "--by", "month", "--format", "csv",
    ]));
    let mut lines = csv.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("period,direction,events,"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let cell = |period: &str, direction: &str, col: usize| -> String {
        rows.iter()
            .find(|r| r[0] == period && r[1] == direction)
            .map(|r| r[col].to_owned())
            .unwrap_or_else(|| panic!("no row {period} {direction} in\n{csv}"))
    };
    assert_eq!(
        cell("2023-03", "RUS↔CHN", 2),
        "2",
        "gas and lunar agreements"
    );
    assert_eq!(cell("2023-03", "RUS→CHN", 2), "2", "visit and accusation");
    assert_eq!(cell("2023-03", "RUS→CHN", 5), "1", "one verbal conflict");
    assert_eq!(cell("2023-03", "CHN→RUS", 2), "2", "hosting and accusation");
    assert_eq!(cell("2023-04", "RUS↔CHN", 2), "1");
    let total: u32 = rows.iter().map(|r| r[2].parse::<u32>().unwrap()).sum();
    assert_eq!(total as usize, all.len());
    // Goldstein mean = sum / events on every row.
    for r in &rows {
        let (n, sum, mean): (f64, f64, f64) = (
            r[2].parse().unwrap(),
            r[7].parse().unwrap(),
            r[8].parse().unwrap(),
        );
        assert!((sum / n - mean).abs() < 1e-3, "{r:?}");
    }
    // By year, the same events in one period per direction.
    let yearly = text(&dyad(&[
        "timeline", "CHN", "RUS", "--db", db, "--by", "year", "--format", "csv",
    ]));
    assert_eq!(yearly.lines().count(), 4, "{yearly}");
    // The SVG chart names the dyad and has a bar per period and direction.
    let svg = text(&dyad(&[
        "timeline", "RUS", "CHN", "--db", db, "--by", "month", "--format", "svg",
    ]));
    assert!(svg.starts_with("<?xml") && svg.contains("<title>RUS–CHN events by period</title>"));
    // One bar segment per period, direction and QuadClass: March has RUS↔CHN (1), RUS→CHN
    // (1, 3) and CHN→RUS (1, 3); April RUS↔CHN (1). One Goldstein point per period.
    assert_eq!(
        svg.matches("<rect class=\"bar\"").count() + svg.matches("<rect class=\"bar ").count(),
        6
    );
    assert_eq!(svg.matches("<circle class=\"goldstein-point").count(), 2);
    let png = dir.path().join("t.png");
    let png_arg = png.to_str().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "timeline", "RUS", "CHN", "--db", db, "--format", "png", "--out", png_arg,
        ])
        .output()
        .unwrap();
    if out.status.success() {
        assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    } else {
        // Only a machine without fonts may fail, and it must say what to install.
        assert!(std::env::var("CI").map_or(true, |v| v != "true"));
        assert!(String::from_utf8_lossy(&out.stderr).contains("fonts-dejavu-core"));
    }

    // Actors: RUS–CHN is the busiest pair, with its cooperation and conflict split.
    let actors = text(&dyad(&["actors", "--db", db, "--format", "json"]));
    let first: Value = serde_json::from_str(actors.lines().next().unwrap()).unwrap();
    assert_eq!(
        (first["a"].as_str(), first["b"].as_str()),
        (Some("CHN"), Some("RUS"))
    );
    assert_eq!(first["events"].as_u64(), Some(all.len() as u64));
    assert_eq!(first["conflict"], 2);

    // Every export format, written to a file and read back.
    let records: Vec<EventRecord> = all
        .iter()
        .map(|v| {
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove("reports");
            serde_json::from_value(v).unwrap()
        })
        .collect();
    for format in dyad_export::Format::ALL {
        if !format.available() {
            continue;
        }
        let path = dir.path().join(format!("events.{}", format.extension()));
        let out = dyad(&[
            "export",
            "--db",
            db,
            "--format",
            format.name(),
            "--out",
            path.to_str().unwrap(),
        ]);
        assert!(String::from_utf8_lossy(&out.stderr).contains("exported 7 events"));
        let back = dyad_export::read(format, std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(back.len(), records.len(), "{format}");
        for (b, r) in back.iter().zip(&records) {
            // Every format carries these; JSONL, CSV and Parquet carry everything.
            assert_eq!(
                (b.id, &b.cameo, b.mentions, b.date),
                (r.id, &r.cameo, r.mentions, r.date),
                "{format}"
            );
            if matches!(
                format,
                dyad_export::Format::Jsonl
                    | dyad_export::Format::Csv
                    | dyad_export::Format::Parquet
            ) {
                assert_eq!(b, r, "{format}");
            }
        }
    }
    // GDELT rows have 61 columns.
    let gdelt = text(&dyad(&["events", "--db", db, "--format", "gdelt"]));
    assert!(gdelt.lines().all(|l| l.split('\t').count() == 61));
}
