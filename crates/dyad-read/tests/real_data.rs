//! The real articles and corpus in `../shared/` (read at run time, never copied).
#![allow(clippy::unwrap_used)]

mod common;

use common::read_paths;
use dyad_read::{Body, Format};

#[test]
fn seed_articles() {
    let Some(dir) = dyad_testdata::shared("seeds") else {
        return;
    };
    let dir = dir.as_path();
    let (docs, skips) = read_paths(&[dir]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(docs.len(), 5);
    let mut stems: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            p.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    stems.sort();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, stems);
    for d in &docs {
        assert_eq!(d.format, Format::Text);
        assert!(matches!(d.body, Body::Text(_)));
        assert!(d.body.as_str().len() > 1000, "{}", d.id);
        assert_eq!(d.repaired, 0);
    }
    // Given file by file, the ids are the same.
    let first = dir.join(format!("{}.txt", stems[0]));
    assert_eq!(read_paths(&[&first]).0[0].id.as_str(), stems[0]);
}

#[test]
fn reuters_corpus() {
    let Some(file) = dyad_testdata::shared("data/corpus/reuters21578.jsonl.gz") else {
        return;
    };
    let file = file.as_path();
    let started = std::time::Instant::now();
    let (docs, skips) = read_paths(&[file]);
    println!("read {} documents in {:?}", docs.len(), started.elapsed());
    assert!(skips.is_empty(), "{:?}", &skips[..skips.len().min(5)]);
    assert_eq!(docs.len(), 19_043);
    // Ids are the source's NEWIDs: `reuters-N`, increasing, with gaps.
    let mut last = 0u32;
    for d in &docs {
        let n: u32 =
            d.id.as_str()
                .strip_prefix("reuters-")
                .unwrap()
                .parse()
                .unwrap();
        assert!(n > last, "{} after reuters-{last}", d.id);
        last = n;
        assert_eq!(d.format, Format::Jsonl);
        assert!(!d.body.as_str().trim().is_empty());
    }
    // Every story has a date but one, which has none in the source.
    let undated: Vec<&str> = docs
        .iter()
        .filter(|d| d.date.is_none())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(undated, ["reuters-17192"]);
    assert_eq!(docs[0].date, dyad_core::PartialDate::ymd(1987, 2, 26));
    assert_eq!(docs[0].title.as_deref(), Some("BAHIA COCOA REVIEW"));
}
