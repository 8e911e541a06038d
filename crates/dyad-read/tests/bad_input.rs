//! Bad input: every case is skipped with a clear reason, or repaired, and the run goes on.
#![allow(clippy::unwrap_used)]

mod common;

use common::{gz, items, noisy_text, read_paths, read_with, write};
use dyad_read::{Body, Format, Input, Item, ReadOptions, SkipReason};
use std::path::PathBuf;

#[test]
fn invalid_utf8_is_repaired_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(
        dir.path(),
        "t.txt",
        b"caf\xe9 au lait \xff and \xe2\x82 done",
    );
    let j = write(dir.path(), "j.jsonl", b"{\"text\": \"na\xefve \xc3\"}\n");
    let h = write(
        dir.path(),
        "h.html",
        b"<html><body><p>caf\xe9</p></body></html>",
    );
    let (docs, skips) = read_paths(&[&t, &j, &h]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(docs[0].repaired, 3);
    assert_eq!(
        docs[0].body.as_str(),
        "caf\u{fffd} au lait \u{fffd} and \u{fffd} done"
    );
    assert_eq!(docs[1].repaired, 2);
    assert_eq!(docs[1].body.as_str(), "na\u{fffd}ve \u{fffd}");
    // HTML without a declared charset: lossy too.
    assert_eq!(docs[2].repaired, 1);
    assert!(docs[2].body.as_str().contains("caf\u{fffd}"));
}

#[test]
fn html_in_windows_1252_declared_by_meta_charset() {
    let dir = tempfile::tempdir().unwrap();
    let page = b"<!DOCTYPE html>\n<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\n<title>Caf\xe9</title></head>\n<body><p>\x93Quoted\x94 \x96 na\xefve, 5\x80</p></body></html>";
    let p = write(dir.path(), "cp1252.html", page);
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    let d = &docs[0];
    assert_eq!(d.repaired, 0);
    assert!(d.body.is_html());
    let body = d.body.as_str();
    assert!(body.contains("<title>Café</title>"), "{body}");
    assert!(
        body.contains("\u{201c}Quoted\u{201d} \u{2013} naïve, 5€"),
        "{body}"
    );

    let short = b"<meta charset=\"windows-1252\"><p>\x93x\x94</p>";
    let p = write(dir.path(), "short.htm", short);
    let (docs, _) = read_paths(&[&p]);
    assert!(docs[0].body.as_str().ends_with("<p>\u{201c}x\u{201d}</p>"));
}

#[test]
fn utf8_html_ignores_a_wrong_meta_charset() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<meta charset=\"iso-8859-1\"><p>Café — “quoted”</p>";
    let p = write(dir.path(), "u.html", page.as_bytes());
    let (docs, _) = read_paths(&[&p]);
    assert_eq!(docs[0].body.as_str(), page);
    assert_eq!(docs[0].repaired, 0);
}

#[test]
fn truncated_gzip_single_document() {
    let dir = tempfile::tempdir().unwrap();
    let full = gz(noisy_text(300_000).as_bytes());
    for (name, cut) in [("a.txt.gz", full.len() / 2), ("b.html.gz", full.len() - 4)] {
        let p = write(dir.path(), name, &full[..cut]);
        let all = items(&p);
        assert_eq!(all.len(), 1, "{all:?}");
        let Item::Skip(s) = &all[0] else {
            panic!("expected a skip, got {all:?}")
        };
        assert!(
            matches!(&s.reason, SkipReason::CorruptGzip { partial: false, .. }),
            "{s:?}"
        );
        let msg = s.reason.to_string();
        assert!(
            msg.starts_with("gzip stream is truncated or corrupt: ")
                && msg.ends_with("; the file was not read"),
            "{msg}"
        );
        assert_eq!(s.input, p.display().to_string());
    }
}

#[test]
fn truncated_gzip_jsonl_keeps_earlier_records() {
    let dir = tempfile::tempdir().unwrap();
    let text = noisy_text(200);
    let mut data = String::new();
    for i in 1..=2000 {
        data.push_str(&serde_json::json!({"id": format!("r{i}"), "text": text}).to_string());
        data.push('\n');
    }
    let full = gz(data.as_bytes());
    let p = write(dir.path(), "feed.jsonl.gz", &full[..full.len() * 2 / 3]);
    let all = items(&p);
    let docs: Vec<_> = all
        .iter()
        .filter_map(|i| match i {
            Item::Doc(d) => Some(d),
            Item::Skip(_) => None,
        })
        .collect();
    assert!(docs.len() > 100 && docs.len() < 2000, "{}", docs.len());
    for (n, d) in docs.iter().enumerate() {
        assert_eq!(d.id.as_str(), format!("r{}", n + 1));
    }
    let Some(Item::Skip(last)) = all.last() else {
        panic!("the last item must be the truncation skip")
    };
    assert_eq!(all.len(), docs.len() + 1);
    assert!(matches!(
        last.reason,
        SkipReason::CorruptGzip { partial: true, .. }
    ));
    assert!(last
        .reason
        .to_string()
        .contains("records before the damage were read"));
    assert_eq!(
        last.record.as_deref(),
        Some(format!("line {}", docs.len() + 1).as_str())
    );
}

#[test]
fn garbage_after_gzip_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = gz(b"{\"text\": \"kept\"}\n");
    data.extend_from_slice(b"this is not gzip");
    let p = write(dir.path(), "g.jsonl.gz", &data);
    let (docs, skips) = read_paths(&[&p]);
    assert_eq!(docs.len(), 1);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].reason.kind(), "corrupt-gzip");
}

#[test]
fn binary_junk_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let mut junk = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..5000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        junk.push((x >> 16) as u8);
    }
    let a = write(dir.path(), "junk.bin", &junk);
    let b = write(dir.path(), "junk.txt", &junk);
    let c = write(
        dir.path(),
        "image.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    let d = write(dir.path(), "junk.bin.gz", &gz(&junk));
    let e = write(dir.path(), "ctrl", &[0x01u8, 0x02, 0x1b, b'a'].repeat(50));
    let (docs, skips) = read_paths(&[&a, &b, &c, &d, &e]);
    assert!(docs.is_empty());
    assert_eq!(skips.len(), 5);
    for s in &skips {
        assert_eq!(s.reason, SkipReason::Binary, "{s}");
        assert!(s.reason.to_string().starts_with("binary content"));
    }
}

#[test]
fn empty_and_whitespace_files_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        write(dir.path(), "empty.txt", b""),
        write(dir.path(), "ws.txt", b"  \n\t\r\n  "),
        write(dir.path(), "empty.jsonl", b"\n\n"),
        write(dir.path(), "empty.html", b""),
        write(dir.path(), "empty.warc", b""),
        write(dir.path(), "empty.txt.gz", &gz(b"")),
        write(dir.path(), "bom.txt", b"\xef\xbb\xbf \n"),
        write(dir.path(), "unknown", b"   "),
    ];
    let refs: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let (docs, skips) = read_paths(&refs);
    assert!(docs.is_empty());
    assert_eq!(skips.len(), files.len());
    for s in &skips {
        assert_eq!(s.reason, SkipReason::Empty, "{s}");
        assert_eq!(s.reason.to_string(), "empty file");
    }
}

#[test]
fn malformed_json_lines_between_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let data = [
        r#"{"id": "g1", "text": "good one"}"#,
        r#"{"id": "bad", "text": "unterminated"#,
        r#"{"id": "g2", "text": "good two"}"#,
        r#"[1, 2, 3]"#,
        r#"{"id": "empty", "title": "no body"}"#,
        r#"{"id": "dup", "text": "a", "text": "b"}"#,
        "plain words",
        r#"{"id": "g3", "text": "good three"}"#,
    ]
    .join("\n");
    let p = write(dir.path(), "mixed.jsonl", data.as_bytes());
    let (docs, skips) = read_paths(&[&p]);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["g1", "g2", "g3"]);
    let got: Vec<(&str, &str)> = skips
        .iter()
        .map(|s| (s.record.as_deref().unwrap(), s.reason.kind()))
        .collect();
    assert_eq!(
        got,
        [
            ("line 2", "malformed-json"),
            ("line 4", "not-an-object"),
            ("line 5", "no-text"),
            ("line 6", "malformed-json"),
            ("line 7", "malformed-json"),
        ]
    );
    let msg = skips[0].reason.to_string();
    assert!(
        msg.starts_with("malformed JSON: EOF while parsing a string"),
        "{msg}"
    );
    assert!(msg.ends_with("fix or remove the line"));
    assert!(skips[0].to_string().contains("(line 2)"));
}

#[test]
fn nonexistent_path_is_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", b"Fine.");
    let missing = dir.path().join("missing.txt");
    let (docs, skips) = read_paths(&[&missing, &good]);
    assert_eq!(docs.len(), 1);
    assert_eq!(skips.len(), 1);
    let s = &skips[0];
    assert_eq!(s.input, missing.display().to_string());
    assert!(s.record.is_none());
    let msg = s.reason.to_string();
    assert!(msg.contains("No such file or directory"), "{msg}");
    assert!(msg.contains("check the path"), "{msg}");
}

#[test]
fn oversized_text_and_html_files_are_skipped_with_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let body = "word ".repeat(400);
    let t = write(dir.path(), "big.txt", body.as_bytes());
    let h = write(dir.path(), "big.html.gz", &gz(body.as_bytes()));
    let u = write(dir.path(), "big.unknown", body.as_bytes());
    let ok = write(dir.path(), "ok.txt", b"Small.");
    let (docs, skips) = read_with(
        [&t, &h, &u, &ok]
            .iter()
            .map(|p| Input::Path(p.to_path_buf()))
            .collect(),
        ReadOptions {
            max_record_bytes: 1000,
        },
    );
    assert_eq!(docs.len(), 1);
    let reasons: Vec<&SkipReason> = skips.iter().map(|s| &s.reason).collect();
    assert_eq!(
        reasons,
        [
            &SkipReason::TooLarge {
                size: Some(2000),
                limit: 1000
            },
            &SkipReason::TooLarge {
                size: None,
                limit: 1000
            },
            &SkipReason::TooLarge {
                size: Some(2000),
                limit: 1000
            },
        ]
    );
    assert_eq!(
        reasons[0].to_string(),
        "too large: 2000 bytes, over the limit of 1000 bytes; split it or raise the record size limit"
    );
    assert!(reasons[1]
        .to_string()
        .contains("more than the limit of 1000 bytes"));
}

#[test]
fn a_file_exactly_at_the_limit_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "edge.txt", &[b'a'; 1000]);
    let (docs, skips) = read_with(
        vec![Input::Path(p)],
        ReadOptions {
            max_record_bytes: 1000,
        },
    );
    assert!(skips.is_empty());
    assert_eq!(docs[0].body.as_str().len(), 1000);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A.");
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let (docs, skips) = read_paths(&[dir.path()]);
    assert_eq!(docs.len(), 1);
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert!(skips[0].reason.to_string().starts_with("cannot read"));
}

#[cfg(unix)]
#[test]
fn broken_symlinks_in_directories_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A.");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
    let (docs, skips) = read_paths(&[dir.path()]);
    assert_eq!(docs.len(), 1);
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert_eq!(skips[0].reason.kind(), "unreadable");
}

#[cfg(unix)]
#[test]
fn unreadable_directories_are_reported_with_the_os_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A.");
    let locked = dir.path().join("locked");
    write(&locked, "secret.txt", b"S.");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        println!("skipped: running with privileges that ignore directory permissions");
        return;
    }
    let (docs, skips) = read_paths(&[dir.path()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(skips.len(), 1);
    assert!(skips[0].reason.to_string().contains("Permission denied"));
    assert!(skips[0].input.ends_with("locked"));
}

#[cfg(unix)]
#[test]
fn fifos_in_directories_are_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A.");
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        println!("skipped: mkfifo is not available");
        return;
    }
    let (docs, skips) = read_paths(&[dir.path()]);
    assert_eq!(docs.len(), 1);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].reason, SkipReason::NotRegularFile);
}

#[test]
fn a_plain_file_named_gz_is_read_as_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "notreally.txt.gz", b"Plain text after all.");
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    assert_eq!(docs[0].id.as_str(), "notreally");
    assert_eq!(docs[0].format, Format::Text);
}

#[test]
fn a_file_named_after_its_extension_gets_a_content_id() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), ".txt", b"Odd name.");
    let (docs, _) = read_paths(&[&p]);
    assert_eq!(
        docs[0].id.as_str(),
        format!("h-{}", dyad_core::short_hash(b"Odd name."))
    );
    assert_eq!(docs[0].body, Body::Text("Odd name.".into()));
}

#[test]
fn directories_given_twice_and_missing_dirs() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"A.");
    let missing = PathBuf::from(dir.path()).join("nope");
    let (docs, skips) = read_paths(&[dir.path(), &missing, dir.path()]);
    assert_eq!(docs.len(), 2);
    assert_eq!(skips.len(), 1);
}
