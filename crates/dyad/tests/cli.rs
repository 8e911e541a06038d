#![allow(clippy::unwrap_used)]
//! The `dyad` command line end to end: extract, ingest, search, stats, bad input, exit codes.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> Option<Vec<String>> {
    let dir = dyad_testdata::shared("seeds")?;
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    Some(files)
}

const QUANTITY_KEYS: &[&str] = &[
    "sentence_index",
    "text",
    "value",
    "unit",
    "qualifier",
    "measure",
    "start",
    "end",
];

const EVENT_KEYS: &[&str] = &[
    "sentence_index",
    "sentence",
    "source",
    "target",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "date",
    "date_precision",
    "date_text",
    "trigger",
    "object",
    "negated",
    "confidence",
    "rule",
];

const CONTRACT_KEYS: [&str; 11] = [
    "id",
    "url",
    "title",
    "author",
    "date",
    "site",
    "language",
    "clean_text",
    "duplicate_of",
    "events",
    "quantities",
];

#[test]
fn extract_prints_the_seeds_in_the_spec_contract() {
    let Some(files) = seeds() else { return };
    let mut args = vec!["extract", "--format", "jsonl", "--date", "2019-06-06"];
    args.extend(files.iter().map(String::as_str));
    let out = dyad(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    for (line, file) in lines.iter().zip(&files) {
        let v: Value = serde_json::from_str(line).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut want = CONTRACT_KEYS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "exactly the contract's fields");
        let stem = Path::new(file).file_stem().unwrap().to_str().unwrap();
        assert_eq!(v["id"], stem);
        assert_eq!(v["date"], "2019-06-06");
        assert_eq!(v["language"], "en");
        let text = v["clean_text"].as_str().unwrap();
        // Every figure follows the SPEC §4 quantity contract (plus `max` for a range and `per`
        // for a rate, present only when they apply), and its span is its text.
        for q in v["quantities"].as_array().unwrap() {
            for k in q.as_object().unwrap().keys() {
                assert!(
                    QUANTITY_KEYS.contains(&k.as_str()) || k == "max" || k == "per",
                    "unexpected quantity field {k}"
                );
            }
            for k in QUANTITY_KEYS {
                assert!(q.get(*k).is_some(), "quantity field {k} missing");
            }
            let (a, b) = (
                q["start"].as_u64().unwrap() as usize,
                q["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[a..b], q["text"].as_str().unwrap());
        }
        // Every event follows the SPEC §4 event contract, and its spans point into clean_text.
        for e in v["events"].as_array().unwrap() {
            let mut keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            let mut want = EVENT_KEYS.to_vec();
            want.sort_unstable();
            assert_eq!(keys, want, "exactly the contract's event fields");
            for span in [&e["source"], &e["target"], &e["trigger"]] {
                let (a, b) = (
                    span["start"].as_u64().unwrap() as usize,
                    span["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(&text[a..b], span["text"].as_str().unwrap());
            }
            assert!(e["sentence"]
                .as_str()
                .unwrap()
                .contains(e["trigger"]["text"].as_str().unwrap()));
            let cameo = e["cameo"].as_str().unwrap();
            assert_eq!(e["root"].as_str().unwrap(), &cameo[..2]);
            assert!(e["rule"].as_str().unwrap().starts_with("verbs/"));
            // The sentence's own date, with the phrase that states it, else the document's.
            if e["date_precision"] == "document" {
                assert_eq!(e["date"], "2019-06-06", "the document date stands in");
                assert!(e["date_text"].is_null());
            } else {
                let phrase = e["date_text"].as_str().unwrap();
                assert!(e["sentence"].as_str().unwrap().contains(phrase));
                let date = e["date"].as_str().unwrap();
                let precision = e["date_precision"].as_str().unwrap();
                let dashes = date.matches('-').count();
                let expected = ["year", "month", "day"][dashes];
                assert_eq!(precision, expected, "{date} is {precision}");
            }
        }
        assert!(!text.contains('\u{a0}'), "NBSP normalised");
        assert!(
            text.contains('“') || text.contains('"'),
            "quotes kept as written"
        );
    }
    // Key order follows the contract.
    let first = lines[0];
    let positions: Vec<usize> = CONTRACT_KEYS
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // So does the first event's (the seeds code events).
    let events_at = first
        .find("\"events\":[{")
        .expect("the first seed codes events");
    let event = &first[events_at..];
    let positions: Vec<usize> = EVENT_KEYS
        .iter()
        .map(|k| event.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");

    // `--format json` is one array of the same records.
    let mut args = vec!["extract", "--format", "json", "--date", "2019-06-06"];
    args.extend(files.iter().map(String::as_str));
    let out = dyad(&args);
    let arr: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(arr.as_array().unwrap().len(), 5);
    assert_eq!(arr[2], serde_json::from_str::<Value>(lines[2]).unwrap());
}

#[test]
fn ingesting_the_seeds_twice_leaves_the_same_row_counts() {
    let Some(files) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    let db_s = db.to_str().unwrap();
    let counts = || {
        let c = rusqlite::Connection::open(&db).unwrap();
        [
            "documents",
            "sentences",
            "actors",
            "mentions",
            "events",
            "quantities",
        ]
        .map(|t| {
            c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
        })
    };
    let mut args = vec!["ingest", "--db", db_s, "--date", "2024-08-21"];
    args.extend(files.iter().map(String::as_str));
    let first = dyad(&args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(
        stdout(&first).contains("Stored 5 new document(s)"),
        "{}",
        stdout(&first)
    );
    let after_first = counts();
    assert_eq!(after_first[0], 5);
    assert!(
        after_first[1] > 100,
        "the seeds have well over 100 sentences"
    );

    let second = dyad(&args);
    assert!(second.status.success());
    assert!(
        stdout(&second).contains("Stored 0 new document(s)"),
        "{}",
        stdout(&second)
    );
    assert!(stdout(&second).contains("5 document(s) were already in the store"));
    assert_eq!(counts(), after_first);

    // Search finds what was stored.
    let out = dyad(&[
        "search",
        "Kursk incursion",
        "--db",
        db_s,
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hit: Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(hit["id"], "004_6f773ce998831c97");
    let out = dyad(&["stats", "--db", db_s, "--format", "json"]);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["documents"], 5);
    assert_eq!(stats["runs"], 2);
    assert_eq!(stats["interrupted_runs"], 0);
}

#[test]
fn the_bundled_examples_ingest_as_the_readme_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("example.db");
    let examples = workspace().join("examples/news");
    let out = dyad(&[
        "ingest",
        examples.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Stored 6 new document(s) (1 exact and 1 near duplicate(s)"),
        "{text}"
    );
    assert_eq!(
        text.matches("duplicate of example-feed-2").count(),
        2,
        "{text}"
    );
    assert!(
        text.contains("Leaders pledge closer energy ties at regional summit"),
        "{text}"
    );
    assert!(text.contains("2023-11-14"), "HTML metadata date: {text}");
    assert!(!text.contains("Skipped"), "{text}");
}

#[test]
fn bad_inputs_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("a-good.txt"),
        "Officials met in Geneva on Monday.\n",
    )
    .unwrap();
    std::fs::write(inputs.join("b-empty.txt"), "").unwrap();
    std::fs::write(
        inputs.join("c-binary.dat"),
        [0u8, 1, 2, 3, 0, 0, 255, 254, 0, 7].repeat(100),
    )
    .unwrap();
    std::fs::write(
        inputs.join("d-feed.jsonl"),
        "{\"id\":\"j1\",\"text\":\"Talks resumed in Doha.\"}\n{not json\n{\"id\":\"j3\",\"text\":\"Troops withdrew.\"}\n",
    )
    .unwrap();
    let mut bad_utf8 = b"Ministers signed the accord in Kyiv. Caf".to_vec();
    bad_utf8.extend([0xff, 0xfe]);
    bad_utf8.extend(b" owners cheered.\n");
    std::fs::write(inputs.join("e-latin.txt"), bad_utf8).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all("Long text about a summit. ".repeat(2000).as_bytes())
        .unwrap();
    let gz = gz.finish().unwrap();
    std::fs::write(inputs.join("f-truncated.txt.gz"), &gz[..gz.len() / 2]).unwrap();

    let db = dir.path().join("s.db");
    let missing = dir.path().join("no-such-file.txt");
    let args = [
        "ingest",
        inputs.to_str().unwrap(),
        missing.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ];
    let out = dyad(&args);
    assert!(
        out.status.success(),
        "skips are not failures without --strict: {}",
        stderr(&out)
    );
    let (so, se) = (stdout(&out), stderr(&out));
    assert!(so.contains("Stored 4 new document(s)"), "{so}");
    assert!(so.contains("Skipped 5 input(s)"), "{so}");
    for name in [
        "b-empty.txt",
        "c-binary.dat",
        "d-feed.jsonl",
        "f-truncated.txt.gz",
        "no-such-file.txt",
    ] {
        assert!(se.contains(name), "{name} is named in the warnings: {se}");
    }
    assert!(se.contains("line 2"), "{se}");
    let c = rusqlite::Connection::open(&db).unwrap();
    let repaired: i64 = c
        .query_row(
            "SELECT repaired FROM documents WHERE id = 'e-latin'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(repaired >= 1);
    let skipped: i64 = c
        .query_row("SELECT count(*) FROM skipped", [], |r| r.get(0))
        .unwrap();
    assert_eq!(skipped, 5);

    // --strict: same work, but the exit status says something was skipped.
    let mut strict = args.to_vec();
    strict.push("--strict");
    let out = dyad(&strict);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--strict"));
}

#[test]
fn stdin_is_read_and_sniffed() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["extract", "-", "--with-sentences"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<html><body><article><p>Mr. Lee arrived in Seoul on Jan. 5. He met the U.N. envoy.</p></article></body></html>")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert!(
        v["id"].as_str().unwrap().starts_with("h-"),
        "content-hash id for stdin"
    );
    let sentences: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        sentences,
        [
            "Mr. Lee arrived in Seoul on Jan. 5.",
            "He met the U.N. envoy."
        ]
    );
    // Offsets point into clean_text.
    let text = v["clean_text"].as_str().unwrap();
    let s1 = &v["sentences"][1];
    let (a, b) = (
        s1["start"].as_u64().unwrap() as usize,
        s1["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "He met the U.N. envoy.");
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1_with_advice() {
    let out = dyad(&["ingest"]);
    assert_eq!(out.status.code(), Some(2));
    let out = dyad(&["extract", "x.txt", "--date", "June 5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("YYYY-MM-DD"), "{}", stderr(&out));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("none.db");
    let out = dyad(&["stats", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("run `dyad ingest PATH"),
        "{}",
        stderr(&out)
    );
    assert!(!db.exists());
    for cmd in ["ingest", "extract", "search", "stats", "bench", "dict"] {
        let out = dyad(&[cmd, "--help"]);
        assert!(out.status.success(), "{cmd} --help");
        assert!(stdout(&out).contains("Usage: dyad"), "{cmd}");
    }
}

#[test]
fn dict_check_passes_the_builtin_set_and_reports_problems_in_a_users_set() {
    let out = dyad(&["dict", "check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("0 issue(s)"));

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("actors")).unwrap();
    std::fs::write(
        dir.path().join("actors/mine.txt"),
        "# my additions\nKAZ | name | Kazakhstan\nKAZGOV | capital | Astana; Astana\nKAZGOV | person | Jane Roe | 2019..2022\nKAZGOV | person | Jane Roe | 2021..\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let out = dyad(&["dict", "check", "--dictionaries", d]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("actors/mine.txt:3: duplicate"), "{text}");
    assert!(
        text.contains("actors/mine.txt:5: overlapping dates"),
        "{text}"
    );
    let out = dyad(&["dict", "list", "--dictionaries", d, "--code", "KAZGOV"]);
    assert!(stdout(&out).contains("KAZGOV\tperson\tJane Roe\t2021..\tactors/mine.txt:5"));

    std::fs::write(
        dir.path().join("actors/bad.txt"),
        "KAZ | nation | Kazakhstan\n",
    )
    .unwrap();
    let out = dyad(&["dict", "check", "--dictionaries", d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("actors/bad.txt:1: unknown kind"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_shows_every_step_and_the_events() {
    let out = dyad(&[
        "explain",
        "Russian President Vladimir Putin did not meet Xi Jinping, but Russia and China signed 30 agreements.",
        "--date",
        "2019-06-05",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    for want in [
        "tokens (clause number in brackets):",
        "RUSGOV",
        "\"Russian President Vladimir Putin\" = Vladimir Putin",
        "actors/people.txt:",
        "negated (not): no event",
        "FIRED (active, reciprocal): 2 event(s) coded 057",
        "events: 2",
        "RUS (\"Russia\") → CHN (\"China\")  057 (Sign formal agreement)",
        "object \"30 agreements\"",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // --json prints the events only, one per line, in the extract contract.
    let out = dyad(&[
        "explain",
        "Russia and China signed 30 agreements.",
        "--json",
    ]);
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["cameo"], "057");
    assert_eq!(lines[0]["trigger"]["text"], "signed");
}

#[test]
fn users_dictionaries_change_the_coding_and_bad_ones_are_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("verbs")).unwrap();
    std::fs::write(
        dir.path().join("verbs/mine.txt"),
        "# only one, invented verb\n111 | +zorble @\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let sentence = "Russia zorbled China.";
    let builtin = dyad(&["explain", sentence, "--json"]);
    assert_eq!(stdout(&builtin), "", "the built-in set has no `zorble`");
    let mine = dyad(&["explain", sentence, "--json", "--dictionaries", d]);
    let e: Value = serde_json::from_str(stdout(&mine).trim()).unwrap();
    assert_eq!(e["cameo"], "111");
    assert_eq!(e["rule"], "verbs/mine.txt:2");

    // Extract and ingest take the same directory.
    let input = dir.path().join("news.txt");
    std::fs::write(&input, "Russia zorbled China on Monday, officials said.\n").unwrap();
    let out = dyad(&["extract", input.to_str().unwrap(), "--dictionaries", d]);
    let v: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["events"][0]["rule"], "verbs/mine.txt:2");
    let db = dir.path().join("t.db");
    let out = dyad(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--dictionaries",
        d,
    ]);
    assert!(
        stdout(&out).contains("1 event mention(s)"),
        "{}",
        stdout(&out)
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let (cameo, rule): (String, String) = conn
        .query_row("SELECT cameo, rule FROM mentions", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!((cameo.as_str(), rule.as_str()), ("111", "verbs/mine.txt:2"));

    // The directory adds to the built-in verbs; with --replace it stands alone.
    let built_in_verb = "Russia condemned China.";
    let on_top = dyad(&["explain", built_in_verb, "--json", "--dictionaries", d]);
    let e: Value = serde_json::from_str(stdout(&on_top).trim()).unwrap();
    assert!(e["rule"].as_str().unwrap().starts_with("verbs/11-"), "{e}");
    let alone = dyad(&[
        "explain",
        built_in_verb,
        "--json",
        "--dictionaries",
        d,
        "--replace",
    ]);
    assert!(alone.status.success(), "{}", stderr(&alone));
    assert_eq!(stdout(&alone), "", "only `zorble` is left");
    let usage = dyad(&["explain", built_in_verb, "--replace"]);
    assert_eq!(
        usage.status.code(),
        Some(2),
        "--replace needs --dictionaries"
    );

    // A bad line names its file and line, and nothing runs.
    std::fs::write(dir.path().join("verbs/bad.txt"), "11x | +zorble @\n").unwrap();
    let out = dyad(&["explain", sentence, "--dictionaries", d]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("verbs/bad.txt:1:"),
        "{}",
        stderr(&out)
    );
    let out = dyad(&["dict", "check", "--dictionaries", d]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_scraped_pages_dateline_dates_it_and_its_sentences_date_their_events() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(
        &page,
        "Share\n\nLeaders meet in Astana\n\nASTANA, June 12, 2025 (Newswire) - President Kassym-Jomart Tokayev of Kazakhstan met President Shavkat Mirziyoyev of Uzbekistan on Tuesday.\n\nThe two countries signed a deal worth $2.5 billion last year.\n",
    )
    .unwrap();
    let undated = dir.path().join("undated.txt");
    std::fs::write(
        &undated,
        "Kazakhstan and Uzbekistan held talks in Astana.\n",
    )
    .unwrap();
    let out = dyad(&[
        "extract",
        page.to_str().unwrap(),
        undated.to_str().unwrap(),
        "--date",
        "2030-01-01",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let docs: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[0]["date"], "2025-06-12", "the dateline beats --date");
    assert_eq!(
        docs[1]["date"], "2030-01-01",
        "--date fills what states no date"
    );
    // "on Tuesday" resolves against the dateline's Thursday.
    let met = docs[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["cameo"].as_str().unwrap().starts_with("04"))
        .expect("the meeting is coded");
    assert_eq!(met["date"], "2025-06-10");
    assert_eq!(met["date_text"], "Tuesday");
    assert_eq!(met["date_precision"], "day");
    let q = &docs[0]["quantities"][0];
    assert_eq!(q["text"], "$2.5 billion");
    assert_eq!(q["value"], 2.5e9);
    assert_eq!(q["unit"], "USD");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // `dyad dict list | head -1`: the list is far larger than a pipe's buffer.
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["dict", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn petrarch_dictionaries_import_and_code_their_own_world() {
    let Some(dir) = dyad_testdata::shared("data/petrarch") else {
        return;
    };
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("petr");
    let files: Vec<String> = ["actors", "agents", "discards", "verbs"]
        .iter()
        .map(|k| {
            dir.join(format!("PETR.Validate.{k}.txt"))
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec![
        "dict",
        "import",
        "--format",
        "petrarch",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(files.iter().map(String::as_str));
    let o = dyad(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("entries"), "{}", stdout(&o));
    // Every line not converted is listed with its file and line.
    let report = std::fs::read_to_string(out.join("IMPORT-REPORT.txt")).unwrap();
    assert!(report.lines().count() > 10);
    assert!(report
        .lines()
        .all(|l| l.contains("PETR.Validate.") && l.contains(".txt:")));
    assert!(stderr(&o).contains("not converted"), "{}", stderr(&o));
    // The imported fictional world codes; the built-in dictionaries know no Arnor.
    let sentence = "Arnor restored full diplomatic ties with Gondor.";
    let d = out.to_str().unwrap();
    let o = dyad(&[
        "explain",
        sentence,
        "--json",
        "--date",
        "1995-01-01",
        "--dictionaries",
        d,
        "--replace",
    ]);
    let e: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (e["source"]["code"].as_str(), e["target"]["code"].as_str()),
        (Some("ARN"), Some("GON"))
    );
    assert!(e["rule"].as_str().unwrap().starts_with("verbs/"), "{e}");
    assert_eq!(stdout(&dyad(&["explain", sentence, "--json"])), "");
    // A format that does not fit is a clear error.
    let o = dyad(&[
        "dict",
        "import",
        "--format",
        "petrarch",
        "--out",
        d,
        "/nonexistent/x.txt",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("/nonexistent/x.txt"), "{}", stderr(&o));
}
