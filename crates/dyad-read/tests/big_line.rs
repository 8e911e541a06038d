//! A 200 MB single JSONL line is skipped without being held in memory. Alone in its test
//! binary so the process's peak memory measures this reader only.
#![allow(clippy::unwrap_used)]

use dyad_read::{read_inputs, Input, Item, ReadOptions, SkipReason};
use std::fs::File;
use std::io::{BufWriter, Write};

const LINE_MB: usize = 200;

/// Peak resident memory of this process in bytes (Linux only).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_200_mb_line_is_skipped_and_the_next_line_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jsonl");
    let mut out = BufWriter::new(File::create(&path).unwrap());
    out.write_all(br#"{"id": "huge", "text": ""#).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..LINE_MB {
        out.write_all(&chunk).unwrap();
    }
    out.write_all(b"\"}\n{\"id\": \"good\", \"text\": \"The good line.\"}\n")
        .unwrap();
    out.into_inner().unwrap().sync_all().unwrap();
    let line_len = (LINE_MB << 20) as u64 + 26;

    let opts = ReadOptions::default();
    let items: Vec<Item> = read_inputs(vec![Input::Path(path.clone())], opts).collect();
    assert_eq!(
        items.len(),
        2,
        "{:?}",
        items
            .iter()
            .map(|i| match i {
                Item::Doc(d) => d.id.to_string(),
                Item::Skip(s) => s.to_string(),
            })
            .collect::<Vec<_>>()
    );
    let Item::Skip(skip) = &items[0] else {
        panic!("the huge line must be skipped")
    };
    assert_eq!(skip.record.as_deref(), Some("line 1"));
    assert_eq!(
        skip.reason,
        SkipReason::TooLarge {
            size: Some(line_len),
            limit: opts.max_record_bytes
        }
    );
    let Item::Doc(good) = &items[1] else {
        panic!("the good line must be read")
    };
    assert_eq!(good.id.as_str(), "good");
    assert_eq!(good.body.as_str(), "The good line.");
    assert_eq!(good.origin, format!("{}:2", path.display()));

    // At most the 64 MiB record limit is buffered, never the 200 MB line.
    if let Some(peak) = peak_rss() {
        println!("peak memory {} MiB", peak >> 20);
        assert!(peak < 150 << 20, "peak memory {} MiB", peak >> 20);
    }
}
