//! Every format, gzipped or not, sniffing, directories and id rules.
#![allow(clippy::unwrap_used)]

mod common;

use common::{gz, items, read_paths, read_with, warc_record, write};
use dyad_core::PartialDate;
use dyad_read::{read_inputs, Body, Format, Input, Item, ReadOptions};
use std::path::{Path, PathBuf};

const ARTICLE: &str = "Russia and China signed a gas deal on Wednesday.\n\nTrade grew by 20%.\n";
const PAGE: &str =
    "<!DOCTYPE html><html><head><title>T</title></head><body><p>Hello.</p></body></html>";

fn jsonl() -> String {
    [
        r#"{"id": "a1", "url": "https://example.com/a", "title": "Gas deal", "author": "Jane Roe", "date": "2024-08-21", "text": "Russia and China signed.", "source": "Example News"}"#,
        "",
        r#"{"html": "<p>Only HTML</p>", "published": "2019-06-05T08:00:00+03:00"}"#,
    ]
    .join("\n")
        + "\n"
}

fn warc() -> Vec<u8> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{PAGE}",
        PAGE.len()
    );
    warc_record(
        &[
            ("WARC-Type", "response"),
            (
                "WARC-Record-ID",
                "<urn:uuid:0b6a1f0e-0000-4000-8000-000000000001>",
            ),
            ("WARC-Date", "2024-05-01T12:00:00Z"),
            ("WARC-Target-URI", "https://example.com/news/1"),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http.as_bytes(),
    )
}

#[test]
fn send_and_static() {
    fn check<T: Iterator<Item = Item> + Send + 'static>(_: &T) {}
    let it = read_inputs(Vec::new(), ReadOptions::default());
    check(&it);
    assert_eq!(it.count(), 0);
}

#[test]
fn inputs_and_formats_have_names() {
    assert_eq!(Input::from_arg("-"), Input::Stdin);
    assert_eq!(
        Input::from_arg("a.txt"),
        Input::Path(PathBuf::from("a.txt"))
    );
    assert_eq!(Input::Stdin.to_string(), "<stdin>");
    let names: Vec<String> = [Format::Text, Format::Html, Format::Jsonl, Format::Warc]
        .iter()
        .map(|f| f.to_string())
        .collect();
    assert_eq!(names, ["text", "html", "jsonl", "warc"]);
    assert_eq!(ReadOptions::default().max_record_bytes, 64 * 1024 * 1024);
}

#[test]
fn text_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "000_abc.txt", ARTICLE.as_bytes());
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.id.as_str(), "000_abc");
    assert_eq!(d.origin, p.display().to_string());
    assert_eq!(d.format, Format::Text);
    assert_eq!(d.body, Body::Text(ARTICLE.into()));
    assert_eq!(d.repaired, 0);
    assert!(d.url.is_none() && d.title.is_none() && d.date.is_none() && d.site.is_none());
}

#[test]
fn text_bom_is_stripped() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "b.text", b"\xef\xbb\xbfHello there.");
    let (docs, _) = read_paths(&[&p]);
    assert_eq!(docs[0].body.as_str(), "Hello there.");
    assert_eq!(docs[0].id.as_str(), "b");
}

#[test]
fn html_files_keep_raw_html() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["p.html", "q.htm", "r.xhtml", "s.HTML"] {
        let p = write(dir.path(), name, PAGE.as_bytes());
        let (docs, skips) = read_paths(&[&p]);
        assert!(skips.is_empty());
        assert_eq!(docs[0].format, Format::Html, "{name}");
        assert_eq!(docs[0].body, Body::Html(PAGE.into()));
        assert_eq!(docs[0].id.as_str(), &name[..1]);
    }
}

#[test]
fn jsonl_fields_map_and_blank_lines_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["feed.jsonl", "feed.ndjson"] {
        let p = write(dir.path(), name, jsonl().as_bytes());
        let (docs, skips) = read_paths(&[&p]);
        assert!(skips.is_empty(), "{skips:?}");
        assert_eq!(docs.len(), 2);
        let a = &docs[0];
        assert_eq!(a.id.as_str(), "a1");
        assert_eq!(a.origin, format!("{}:1", p.display()));
        assert_eq!(a.format, Format::Jsonl);
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.title.as_deref(), Some("Gas deal"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.date, PartialDate::ymd(2024, 8, 21));
        assert_eq!(a.site.as_deref(), Some("Example News"));
        assert_eq!(a.body, Body::Text("Russia and China signed.".into()));
        // Line 2 is blank: line numbers still count it.
        let b = &docs[1];
        assert_eq!(b.id.as_str(), "feed:3");
        assert_eq!(b.origin, format!("{}:3", p.display()));
        assert_eq!(b.body, Body::Html("<p>Only HTML</p>".into()));
        assert_eq!(b.date, PartialDate::ymd(2019, 6, 5));
        assert!(b.title.is_none() && b.url.is_none());
    }
}

#[test]
fn jsonl_numeric_ids_crlf_and_text_over_html() {
    let dir = tempfile::tempdir().unwrap();
    let data = "{\"id\": 17, \"text\": \"t\", \"html\": \"<p>h</p>\", \"datePublished\": \"June 5, 2019\"}\r\n{\"id\": \"  \", \"text\": \"x\", \"published_at\": \"2020-01-02\"}\r\n";
    let p = write(dir.path(), "n.jsonl", data.as_bytes());
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    assert_eq!(docs[0].id.as_str(), "17");
    assert_eq!(docs[0].body, Body::Text("t".into()));
    assert_eq!(docs[0].date, PartialDate::ymd(2019, 6, 5));
    assert_eq!(docs[1].id.as_str(), "n:2");
    assert_eq!(docs[1].date, PartialDate::ymd(2020, 1, 2));
}

#[test]
fn warc_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "crawl.warc", &warc());
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.id.as_str(), "0b6a1f0e-0000-4000-8000-000000000001");
    assert_eq!(d.origin, format!("{}@0", p.display()));
    assert_eq!(d.format, Format::Warc);
    assert_eq!(d.url.as_deref(), Some("https://example.com/news/1"));
    assert_eq!(d.date, PartialDate::ymd(2024, 5, 1));
    assert_eq!(d.body, Body::Html(PAGE.into()));
}

#[test]
fn gzip_of_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let t = write(dir.path(), "t.txt.gz", &gz(ARTICLE.as_bytes()));
    let h = write(dir.path(), "h.html.gz", &gz(PAGE.as_bytes()));
    let j = write(dir.path(), "j.jsonl.gz", &gz(jsonl().as_bytes()));
    let w = write(dir.path(), "w.warc.gz", &gz(&warc()));
    let (docs, skips) = read_paths(&[&t, &h, &j, &w]);
    assert!(skips.is_empty(), "{skips:?}");
    let got: Vec<(&str, Format)> = docs.iter().map(|d| (d.id.as_str(), d.format)).collect();
    assert_eq!(
        got,
        [
            ("t", Format::Text),
            ("h", Format::Html),
            ("a1", Format::Jsonl),
            ("j:3", Format::Jsonl),
            ("0b6a1f0e-0000-4000-8000-000000000001", Format::Warc),
        ]
    );
    assert_eq!(docs[0].body.as_str(), ARTICLE);
    assert_eq!(docs[1].body, Body::Html(PAGE.into()));
}

#[test]
fn multi_member_gzip_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut data = gz(b"{\"text\": \"one\"}\n");
    data.extend(gz(b"{\"text\": \"two\"}\n"));
    let p = write(dir.path(), "m.jsonl.gz", &data);
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    let texts: Vec<&str> = docs.iter().map(|d| d.body.as_str()).collect();
    assert_eq!(texts, ["one", "two"]);
    assert_eq!(docs[1].id.as_str(), "m:2");
}

#[test]
fn gzip_is_detected_by_magic_without_gz_extension() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "feed.jsonl", &gz(jsonl().as_bytes()));
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    assert_eq!(docs.len(), 2);
}

#[test]
fn sniffing_unknown_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let w = write(dir.path(), "crawl.dat", &warc());
    let j = write(dir.path(), "feed.json", jsonl().as_bytes());
    let h = write(
        dir.path(),
        "page.asp",
        b"\n  <div><p>Hello</p><p>World</p></div>",
    );
    let t = write(dir.path(), "NOTES", ARTICLE.as_bytes());
    let jz = write(dir.path(), "feed.data.gz", &gz(jsonl().as_bytes()));
    let hz = write(dir.path(), "page.gz", &gz(PAGE.as_bytes()));
    let (docs, skips) = read_paths(&[&w, &j, &h, &t, &jz, &hz]);
    assert!(skips.is_empty(), "{skips:?}");
    let got: Vec<(&str, Format)> = docs.iter().map(|d| (d.id.as_str(), d.format)).collect();
    assert_eq!(
        got,
        [
            ("0b6a1f0e-0000-4000-8000-000000000001", Format::Warc),
            ("a1", Format::Jsonl),
            ("feed.json:3", Format::Jsonl),
            ("page.asp", Format::Html),
            ("NOTES", Format::Text),
            ("a1", Format::Jsonl),
            ("feed.data:3", Format::Jsonl),
            ("page", Format::Html),
        ]
    );
}

#[test]
fn a_jsonl_first_line_longer_than_the_sniff_window_is_still_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(200_000);
    let data = format!("{{\"text\": \"{long}\"}}\n{{\"text\": \"short\"}}\n");
    let p = write(dir.path(), "long.json", data.as_bytes());
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].body.as_str().len(), 200_000);
}

/// Builds a tree with nested, hidden and mixed-format files.
fn tree(root: &Path) {
    write(root, "b.txt", b"Bee text.");
    write(root, "a.html", PAGE.as_bytes());
    write(root, "x.txt", b"X file.");
    write(root, "x/inner.txt", b"Inner file.");
    write(
        root,
        "sub/c.jsonl",
        b"{\"text\": \"c1\"}\n{\"text\": \"c2\"}\n",
    );
    write(root, "sub/deeper/d.txt.gz", &gz(b"Dee."));
    write(root, "z_unknown", b"Plain words.");
    write(root, ".hidden.txt", b"Hidden.");
    write(root, ".git/config.txt", b"Hidden dir.");
    write(root, "sub/.cache/e.txt", b"Hidden nested dir.");
}

#[test]
fn directories_are_walked_in_path_order_without_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let (docs, skips) = read_paths(&[dir.path()]);
    assert!(skips.is_empty(), "{skips:?}");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    // Path order compares components: `x/inner.txt` sorts before `x.txt`.
    assert_eq!(
        ids,
        [
            "a",
            "b",
            "sub/c:1",
            "sub/c:2",
            "sub/deeper/d",
            "x/inner",
            "x",
            "z_unknown"
        ]
    );
    let mut origins: Vec<PathBuf> = docs
        .iter()
        .filter(|d| d.format != Format::Jsonl)
        .map(|d| PathBuf::from(&d.origin))
        .collect();
    let walked = origins.clone();
    origins.sort();
    assert_eq!(walked, origins, "files are read sorted by path");
    assert!(docs.iter().all(|d| !d.body.as_str().contains("Hidden")));
}

#[test]
fn a_hidden_file_named_directly_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), ".draft.txt", b"Draft.");
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty());
    assert_eq!(docs[0].id.as_str(), ".draft");
}

#[test]
fn ids_are_stable_across_reads() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    write(dir.path(), "w.warc", &warc());
    write(dir.path(), "n.jsonl", b"{\"text\": \"no id\"}\n");
    let ids = || {
        let (docs, _) = read_paths(&[dir.path()]);
        docs.into_iter().map(|d| d.id).collect::<Vec<_>>()
    };
    let first = ids();
    assert_eq!(first.len(), 10);
    assert_eq!(first, ids());
}

#[test]
fn direct_and_directory_ids_differ_only_by_the_relative_path() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "sub/doc.txt", b"Text.");
    let (direct, _) = read_paths(&[&p]);
    let (walked, _) = read_paths(&[dir.path()]);
    assert_eq!(direct[0].id.as_str(), "doc");
    assert_eq!(walked[0].id.as_str(), "sub/doc");
}

#[test]
fn inputs_are_read_in_the_order_given() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", b"A.");
    let b = write(dir.path(), "b.txt", b"B.");
    let got: Vec<String> = read_paths(&[&b, &a, &b])
        .0
        .into_iter()
        .map(|d| d.id.to_string())
        .collect();
    assert_eq!(got, ["b", "a", "b"]);
}

#[test]
fn items_interleave_docs_and_skips_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "mix.jsonl",
        b"{\"text\": \"one\"}\nnot json\n{\"text\": \"three\"}\n",
    );
    let kinds: Vec<&str> = items(&p)
        .iter()
        .map(|i| match i {
            Item::Doc(_) => "doc",
            Item::Skip(_) => "skip",
        })
        .collect();
    assert_eq!(kinds, ["doc", "skip", "doc"]);
}

#[test]
fn small_record_limit_applies_per_record() {
    let dir = tempfile::tempdir().unwrap();
    let long = r#"{"text": "this line is much longer than the limit"}"#;
    let data = format!("{{\"text\": \"short\"}}\n{long}\n{{\"text\": \"ok\"}}\n");
    let p = write(dir.path(), "l.jsonl", data.as_bytes());
    let (docs, skips) = read_with(
        vec![Input::Path(p)],
        ReadOptions {
            max_record_bytes: 20,
        },
    );
    assert_eq!(docs.len(), 2);
    assert_eq!(skips.len(), 1);
    assert_eq!(skips[0].record.as_deref(), Some("line 2"));
    assert_eq!(
        skips[0].reason,
        dyad_read::SkipReason::TooLarge {
            size: Some(long.len() as u64),
            limit: 20
        }
    );
}
