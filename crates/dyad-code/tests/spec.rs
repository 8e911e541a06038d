#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The coder's specification: every case in `tests/spec/*.txt` is a sentence and the complete
//! set of events a careful coder records from it (see `CODING.md`).
//!
//! ```text
//! > Russia and China signed 30 agreements.
//! @ 2019-06-05
//! = RUS CHN 057 | signed | 30 agreements
//! = CHN RUS 057 | signed | 30 agreements
//! ```
//!
//! `= none` means the sentence must code nothing. Trigger (its first word) and object are
//! checked when given.

use dyad_code::Coder;
use dyad_core::PartialDate;
use std::path::Path;

#[derive(Debug)]
struct Expected {
    source: String,
    target: String,
    code: String,
    trigger: Option<String>,
    object: Option<String>,
}

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    sentence: String,
    date: Option<PartialDate>,
    events: Vec<Expected>,
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out: Vec<Case> = Vec::new();
    for p in paths {
        let file = p.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).unwrap();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if let Some(s) = line.strip_prefix('>') {
                out.push(Case {
                    file: file.clone(),
                    line: i + 1,
                    sentence: s.trim().to_owned(),
                    date: None,
                    events: Vec::new(),
                });
            } else if let Some(d) = line.strip_prefix('@') {
                let case = out.last_mut().expect("`@` before any `>`");
                case.date = Some(d.trim().parse().expect("a date"));
            } else if let Some(e) = line.strip_prefix('=') {
                let case = out.last_mut().expect("`=` before any `>`");
                let e = e.trim();
                if e == "none" {
                    continue;
                }
                let mut parts = e.split(" | ");
                let head: Vec<&str> = parts.next().unwrap().split_whitespace().collect();
                assert_eq!(head.len(), 3, "{file}:{}: `= SOURCE TARGET CODE`", i + 1);
                case.events.push(Expected {
                    source: head[0].to_owned(),
                    target: head[1].to_owned(),
                    code: head[2].to_owned(),
                    trigger: parts
                        .next()
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty()),
                    object: parts
                        .next()
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty()),
                });
            }
        }
    }
    out
}

#[test]
fn the_specification_sentences_code_as_written() {
    let coder = Coder::builtin().unwrap();
    let cases = cases();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let default_date: PartialDate = "2024-01-01".parse().unwrap();
    let mut failures = Vec::new();
    for c in &cases {
        let (events, _) = coder.explain(&c.sentence, Some(c.date.unwrap_or(default_date)));
        let mut got: Vec<(String, String, String)> = events
            .iter()
            .map(|e| {
                let code = |a: &Option<dyad_core::Actor>| {
                    a.as_ref()
                        .and_then(|a| a.code.as_ref())
                        .map(|c| c.to_string())
                        .unwrap_or_default()
                };
                (code(&e.source), code(&e.target), e.cameo.to_string())
            })
            .collect();
        let mut want: Vec<(String, String, String)> = c
            .events
            .iter()
            .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
            .collect();
        got.sort();
        want.sort();
        let mut problems = Vec::new();
        if got != want {
            problems.push(format!("events {got:?}, expected {want:?}"));
        } else {
            for w in &c.events {
                let e = events.iter().find(|e| {
                    e.cameo.as_str() == w.code
                        && e.source
                            .as_ref()
                            .and_then(|a| a.code.as_ref())
                            .map(|c| c.to_string())
                            == Some(w.source.clone())
                        && e.target
                            .as_ref()
                            .and_then(|a| a.code.as_ref())
                            .map(|c| c.to_string())
                            == Some(w.target.clone())
                });
                let Some(e) = e else { continue };
                // The trigger must point at the same word; how many words of the phrase it
                // spans ("held" or "held talks") depends on the pattern that fired.
                if let Some(t) = &w.trigger {
                    let head = |x: &str| x.split_whitespace().next().unwrap_or("").to_lowercase();
                    if head(&e.trigger.text) != head(t) {
                        problems.push(format!("trigger {:?}, expected {t:?}", e.trigger.text));
                    }
                }
                if let Some(o) = &w.object {
                    let got = e.object.as_ref().map(|o| o.text.as_str());
                    if got != Some(o.as_str()) {
                        problems.push(format!("object {got:?}, expected {o:?}"));
                    }
                }
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}:{}: {}\n    {}",
                c.file,
                c.line,
                c.sentence,
                problems.join("\n    ")
            ));
        }
    }
    let passed = cases.len() - failures.len();
    println!("{passed} of {} specification cases pass", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases fail (run `dyad explain \"SENTENCE\" --date D` on one to see why):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
