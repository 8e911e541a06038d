//! Stdin (`-`): sniffed like a file of unknown type, with content-hash ids. Each case runs
//! this test binary again as a child whose stdin is the input.
#![allow(clippy::unwrap_used)]

mod common;

use common::{gz, warc_record};
use dyad_core::short_hash;
use dyad_read::{read_inputs, Input, Item, ReadOptions};
use std::fs::File;
use std::process::{Command, Stdio};

const CHILD: &str = "DYAD_READ_STDIN_CHILD";

/// In the child: read stdin and print one tab-separated line per item.
#[test]
fn stdin_child() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    // The harness prints "test stdin_child ... " first, so items start on a fresh line.
    println!();
    for item in read_inputs(vec![Input::from_arg("-")], ReadOptions::default()) {
        match item {
            Item::Doc(d) => println!(
                "DOC\t{}\t{}\t{}\t{}\t{}",
                d.id,
                d.origin,
                d.format,
                if d.body.is_html() { "html" } else { "text" },
                d.body.as_str().replace('\n', " ")
            ),
            Item::Skip(s) => println!(
                "SKIP\t{}\t{}\t{}",
                s.input,
                s.record.unwrap_or_default(),
                s.reason.kind()
            ),
        }
    }
}

/// Runs the child with `input` on stdin; returns its item lines.
fn run(input: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stdin");
    std::fs::write(&path, input).unwrap();
    let out = Command::new(std::env::current_exe().unwrap())
        .args(["stdin_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .stdin(File::open(&path).unwrap())
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("DOC\t") || l.starts_with("SKIP\t"))
        .map(str::to_string)
        .collect()
}

#[test]
fn text_on_stdin_gets_a_content_hash_id() {
    let text = b"Russia and China held talks.\n";
    let lines = run(text);
    let id = format!("h-{}", short_hash(text));
    assert_eq!(
        lines,
        [format!(
            "DOC\t{id}\t<stdin>\ttext\ttext\tRussia and China held talks. "
        )]
    );
    // Stable: the same bytes give the same id.
    assert_eq!(run(text), lines);
}

#[test]
fn gzipped_jsonl_on_stdin() {
    let data = b"{\"id\": \"x1\", \"text\": \"one\"}\n{\"text\": \"two\"}\nbroken\n";
    let lines = run(&gz(data));
    let hash = short_hash(b"{\"text\": \"two\"}");
    assert_eq!(
        lines,
        [
            "DOC\tx1\t<stdin>:1\tjsonl\ttext\tone".to_string(),
            format!("DOC\th-{hash}\t<stdin>:2\tjsonl\ttext\ttwo"),
            "SKIP\t<stdin>\tline 3\tmalformed-json".to_string(),
        ]
    );
}

#[test]
fn html_and_warc_on_stdin() {
    let page = b"<html><body><p>Hi</p></body></html>";
    let lines = run(page);
    assert_eq!(
        lines,
        [format!(
            "DOC\th-{}\t<stdin>\thtml\thtml\t<html><body><p>Hi</p></body></html>",
            short_hash(page)
        )]
    );
    let block = b"Plain resource.";
    let warc = warc_record(
        &[("WARC-Type", "resource"), ("Content-Type", "text/plain")],
        block,
    );
    assert_eq!(
        run(&warc),
        [format!(
            "DOC\th-{}\t<stdin>@0\twarc\ttext\tPlain resource.",
            short_hash(block)
        )]
    );
}

#[test]
fn empty_and_binary_stdin_are_skipped() {
    assert_eq!(run(b""), ["SKIP\t<stdin>\t\tempty"]);
    assert_eq!(run(b"\x00\x01\x02\x03binary"), ["SKIP\t<stdin>\t\tbinary"]);
}
