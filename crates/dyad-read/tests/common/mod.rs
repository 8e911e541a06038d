//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use dyad_read::{read_inputs, Input, Item, RawDocument, ReadOptions, Skip};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Reads inputs with `opts`, splitting documents from skips.
pub fn read_with(inputs: Vec<Input>, opts: ReadOptions) -> (Vec<RawDocument>, Vec<Skip>) {
    let mut docs = Vec::new();
    let mut skips = Vec::new();
    for item in read_inputs(inputs, opts) {
        match item {
            Item::Doc(d) => docs.push(d),
            Item::Skip(s) => skips.push(s),
        }
    }
    (docs, skips)
}

/// Reads paths with default options.
pub fn read_paths(paths: &[&Path]) -> (Vec<RawDocument>, Vec<Skip>) {
    let inputs = paths.iter().map(|p| Input::Path(p.to_path_buf())).collect();
    read_with(inputs, ReadOptions::default())
}

/// Reads one path with default options, keeping the order of documents and skips.
pub fn items(path: &Path) -> Vec<Item> {
    read_inputs(
        vec![Input::Path(path.to_path_buf())],
        ReadOptions::default(),
    )
    .collect()
}

/// Writes `bytes` to `dir/name`, creating parent directories.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// Gzips `bytes` as one member.
pub fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

/// One WARC/1.1 record with `headers` (Content-Length is added) and `block`.
pub fn warc_record(headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = b"WARC/1.1\r\n".to_vec();
    for (name, value) in headers {
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// Deterministic text that does not compress well, so gzip cuts land mid-stream.
pub fn noisy_text(len: usize) -> String {
    let words = [
        "Moscow",
        "Beijing",
        "signed",
        "agreement",
        "trade",
        "gas",
        "pipeline",
        "talks",
        "said",
        "minister",
        "on",
        "Wednesday",
        "the",
        "a",
        "of",
        "billion",
        "roubles",
        "yuan",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut out = String::with_capacity(len + 16);
    while out.len() < len {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(words[(state % words.len() as u64) as usize]);
        out.push(if state % 11 == 0 { '\n' } else { ' ' });
        if state % 7 == 0 {
            out.push_str(&format!("{} ", state % 100_000));
        }
    }
    out
}
