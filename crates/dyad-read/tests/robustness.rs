//! Damaged input of every kind never panics and never stops the run: every prefix and many
//! random corruptions of each format are read to the end without an internal error.
#![allow(clippy::unwrap_used)]

mod common;

use common::{gz, warc_record, write};
use dyad_read::{read_inputs, Input, Item, ReadOptions, SkipReason};
use std::path::Path;

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let page = "<html><head><meta charset=windows-1252></head><body><p>caf\u{e9}</p></body></html>";
    let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    let body = gz(page.as_bytes());
    http.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
    http.extend_from_slice(&body);
    http.extend_from_slice(b"\r\n0\r\n\r\n");
    let mut warc = warc_record(
        &[
            ("WARC-Type", "warcinfo"),
            ("Content-Type", "application/warc-fields"),
        ],
        b"software: test\r\n",
    );
    warc.extend(warc_record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", "<urn:uuid:1>"),
            ("WARC-Target-URI", "https://x/"),
            ("WARC-Date", "2024-01-01T00:00:00Z"),
        ],
        &http,
    ));
    warc.extend(warc_record(
        &[
            ("WARC-Type", "resource"),
            ("Content-Type", "text/plain; charset=koi8-r"),
        ],
        b"\xf0\xd5\xd4\xc9\xce",
    ));
    let jsonl = "{\"id\": 1, \"text\": \"caf\u{e9}\", \"date\": \"2024-02-30\"}\n\n{\"html\": \"<p>x</p>\", \"published\": \"June 5, 2019\"}\n[1]\n{\"text\": \"\\u00e9\\ud800\"}\n";
    vec![
        ("s.warc", warc.clone()),
        ("s.warc.gz", gz(&warc)),
        ("s.jsonl", jsonl.as_bytes().to_vec()),
        ("s.jsonl.gz", gz(jsonl.as_bytes())),
        ("s.html", page.as_bytes().to_vec()),
        ("s.txt.gz", gz(b"Plain text, gzipped.")),
        ("s.unknown", warc),
    ]
}

/// Reads `path` with a small record limit and fails on any internal error.
fn read_all(path: &Path) -> usize {
    let opts = ReadOptions {
        max_record_bytes: 300,
    };
    let mut n = 0;
    for item in read_inputs(vec![Input::Path(path.to_path_buf())], opts) {
        if let Item::Skip(s) = &item {
            assert!(
                !matches!(s.reason, SkipReason::Internal(_)),
                "{}: {s}",
                path.display()
            );
            assert!(!s.reason.to_string().is_empty());
        }
        n += 1;
    }
    n
}

#[test]
fn every_prefix_of_every_format_is_read_without_internal_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, data) in samples() {
        for cut in 0..=data.len() {
            let p = write(dir.path(), name, &data[..cut]);
            let n = read_all(&p);
            // Something is reported, except for a WARC cut after records that are ignored.
            let warc = name.contains("warc") || name.ends_with("unknown");
            assert!(warc || n > 0, "{name} cut at {cut}");
        }
    }
}

#[test]
fn random_corruption_is_read_without_internal_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, data) in samples() {
        for _ in 0..300 {
            let mut bytes = data.clone();
            for _ in 0..1 + next() % 4 {
                let i = (next() % bytes.len() as u64) as usize;
                match next() % 3 {
                    0 => bytes[i] = next() as u8,
                    1 => {
                        bytes.remove(i);
                    }
                    _ => bytes.insert(
                        i,
                        [b'\n', b'\r', b':', 0, b'{', b'W'][(next() % 6) as usize],
                    ),
                }
            }
            let p = write(dir.path(), name, &bytes);
            read_all(&p);
        }
    }
}
