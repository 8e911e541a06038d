//! WARC records: types, HTTP decoding, ids, offsets, damage and resynchronisation.
#![allow(clippy::unwrap_used)]

mod common;

use common::{gz, items, read_paths, read_with, warc_record, write};
use dyad_core::PartialDate;
use dyad_read::{Body, Format, Input, Item, ReadOptions, SkipReason};
use std::io::Write;

const PAGE: &str = "<!DOCTYPE html><html><head><title>Summit</title></head><body><p>Putin met Xi in Beijing.</p></body></html>";

fn response(id: &str, uri: &str, http: &[u8]) -> Vec<u8> {
    warc_record(
        &[
            ("WARC-Type", "response"),
            ("WARC-Record-ID", &format!("<urn:uuid:{id}>")),
            ("WARC-Date", "2024-05-16T09:30:00Z"),
            ("WARC-Target-URI", uri),
            ("Content-Type", "application/http; msgtype=response"),
        ],
        http,
    )
}

fn chunked(body: &str) -> Vec<u8> {
    let mut out = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for piece in body.as_bytes().chunks(30) {
        out.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// warcinfo, request, response (HTML, chunked), response 404, resource, metadata, revisit,
/// response (image), and a truncated tail; with each record's offset.
fn crawl() -> (Vec<u8>, Vec<u64>) {
    let records = vec![
        warc_record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000000>"),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: test\r\nformat: WARC File Format 1.1\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", "https://news.example/summit"),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /summit HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ),
        response(
            "11111111-1111-1111-1111-111111111111",
            "https://news.example/summit",
            &chunked(PAGE),
        ),
        response(
            "22222222-2222-2222-2222-222222222222",
            "https://news.example/missing",
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body>Not found</body></html>",
        ),
        warc_record(
            &[
                ("WARC-Type", "resource"),
                ("WARC-Record-ID", "<urn:uuid:33333333-3333-3333-3333-333333333333>"),
                ("WARC-Date", "2023-01-02T00:00:00Z"),
                ("WARC-Target-URI", "file:///notes/brief.txt"),
                ("Content-Type", "text/plain"),
            ],
            b"Moscow and Beijing signed 12 agreements.",
        ),
        warc_record(
            &[("WARC-Type", "metadata"), ("Content-Type", "application/warc-fields")],
            b"via: https://news.example/\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "revisit"),
                ("WARC-Target-URI", "https://news.example/summit"),
            ],
            b"",
        ),
        response(
            "44444444-4444-4444-4444-444444444444",
            "https://news.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\x00\x00",
        ),
    ];
    let mut offsets = Vec::new();
    let mut data = Vec::new();
    for r in records {
        offsets.push(data.len() as u64);
        data.extend(r);
    }
    offsets.push(data.len() as u64);
    data.extend_from_slice(
        b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>cut",
    );
    (data, offsets)
}

#[test]
fn mixed_crawl_with_truncated_tail() {
    let dir = tempfile::tempdir().unwrap();
    let (data, off) = crawl();
    let p = write(dir.path(), "crawl.warc", &data);
    let input = p.display().to_string();
    let all = items(&p);
    assert_eq!(all.len(), 5, "{all:#?}");

    let Item::Doc(page) = &all[0] else {
        panic!("{:?}", all[0])
    };
    assert_eq!(page.id.as_str(), "11111111-1111-1111-1111-111111111111");
    assert_eq!(page.origin, format!("{input}@{}", off[2]));
    assert_eq!(page.format, Format::Warc);
    assert_eq!(page.url.as_deref(), Some("https://news.example/summit"));
    assert_eq!(page.date, PartialDate::ymd(2024, 5, 16));
    assert_eq!(page.body, Body::Html(PAGE.into()), "de-chunked");
    assert_eq!(page.repaired, 0);

    let Item::Skip(not_found) = &all[1] else {
        panic!("{:?}", all[1])
    };
    assert_eq!(not_found.input, input);
    assert_eq!(
        not_found.record.as_deref(),
        Some(format!("record @{}", off[3]).as_str())
    );
    assert_eq!(not_found.reason, SkipReason::HttpStatus(404));
    assert!(not_found.reason.to_string().starts_with("HTTP status 404"));

    let Item::Doc(note) = &all[2] else {
        panic!("{:?}", all[2])
    };
    assert_eq!(note.id.as_str(), "33333333-3333-3333-3333-333333333333");
    assert_eq!(
        note.body,
        Body::Text("Moscow and Beijing signed 12 agreements.".into())
    );
    assert_eq!(note.date, PartialDate::ymd(2023, 1, 2));
    assert_eq!(note.url.as_deref(), Some("file:///notes/brief.txt"));

    let Item::Skip(image) = &all[3] else {
        panic!("{:?}", all[3])
    };
    assert_eq!(image.reason, SkipReason::NotTextOrHtml("image/png".into()));
    assert_eq!(image.reason.to_string(), "not text or HTML (image/png)");
    assert_eq!(
        image.record.as_deref(),
        Some(format!("record @{}", off[7]).as_str())
    );

    let Item::Skip(tail) = &all[4] else {
        panic!("{:?}", all[4])
    };
    assert_eq!(
        tail.record.as_deref(),
        Some(format!("record @{}", off[8]).as_str())
    );
    assert_eq!(tail.reason.kind(), "truncated");
    let msg = tail.reason.to_string();
    assert!(msg.contains("declares 5000 bytes"), "{msg}");
}

#[test]
fn gzipped_per_record_warc_with_truncated_tail() {
    let dir = tempfile::tempdir().unwrap();
    let (data, off) = crawl();
    // Real .warc.gz files gzip each record as its own member.
    let mut members = Vec::new();
    for w in off.windows(2) {
        members.extend(gz(&data[w[0] as usize..w[1] as usize]));
    }
    let whole = write(dir.path(), "crawl.warc.gz", &members);
    let (docs, skips) = read_paths(&[&whole]);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].origin, format!("{}@{}", whole.display(), off[2]));
    assert_eq!(skips.len(), 2, "{skips:?}");

    // Cut the gzip stream inside the last member: earlier records survive.
    let last = gz(&data[off[7] as usize..off[8] as usize]);
    let cut = members.len() - last.len() / 2;
    let p = write(dir.path(), "cut.warc.gz", &members[..cut]);
    let all = items(&p);
    let docs = all.iter().filter(|i| matches!(i, Item::Doc(_))).count();
    assert_eq!(docs, 2);
    let Some(Item::Skip(s)) = all.last() else {
        panic!("{all:?}")
    };
    assert!(
        matches!(s.reason, SkipReason::CorruptGzip { partial: true, .. }),
        "{s:?}"
    );
}

#[test]
fn garbage_and_bad_headers_resynchronise_on_the_next_record() {
    let dir = tempfile::tempdir().unwrap();
    let good = |n: u8| {
        warc_record(
            &[("WARC-Type", "resource"), ("Content-Type", "text/plain")],
            format!("Document {n}.").as_bytes(),
        )
    };
    let mut data = good(1);
    let garbage_at = data.len();
    data.extend_from_slice(b"some junk line\r\nmore junk\r\n");
    data.extend(good(2));
    let bad_len_at = data.len();
    data.extend_from_slice(
        b"WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: lots\r\n\r\nbody line\r\n\r\n",
    );
    data.extend(good(3));
    let no_colon_at = data.len();
    data.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type resource\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n",
    );
    let good4_at = data.len();
    data.extend(good(4));
    let p = write(dir.path(), "messy.warc", &data);
    let all = items(&p);
    let summary: Vec<String> = all
        .iter()
        .map(|i| match i {
            Item::Doc(d) => d.body.as_str().to_string(),
            Item::Skip(s) => format!("{} {}", s.record.as_deref().unwrap(), s.reason.kind()),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "Document 1.".to_string(),
            format!("record @{garbage_at} malformed-warc"),
            "Document 2.".to_string(),
            format!("record @{bad_len_at} malformed-warc"),
            "Document 3.".to_string(),
            format!("record @{no_colon_at} malformed-warc"),
            "Document 4.".to_string(),
        ]
    );
    // Records without an id get `{base}@{offset}`.
    let Item::Doc(last) = &all[6] else { panic!() };
    assert_eq!(last.id.as_str(), format!("messy@{good4_at}"));
    let Item::Skip(s) = &all[3] else { panic!() };
    assert_eq!(
        s.reason.to_string(),
        "malformed WARC record: missing or invalid Content-Length; skipped to the next record"
    );
}

#[test]
fn oversized_records_are_skipped_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(5000);
    let mut data = warc_record(
        &[("WARC-Type", "resource"), ("Content-Type", "text/plain")],
        big.as_bytes(),
    );
    data.extend(warc_record(
        &[("WARC-Type", "resource"), ("Content-Type", "text/plain")],
        b"small",
    ));
    let p = write(dir.path(), "big.warc", &data);
    let (docs, skips) = read_with(
        vec![Input::Path(p)],
        ReadOptions {
            max_record_bytes: 1000,
        },
    );
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].body.as_str(), "small");
    assert_eq!(
        skips[0].reason,
        SkipReason::TooLarge {
            size: Some(5000),
            limit: 1000
        }
    );
    assert_eq!(skips[0].record.as_deref(), Some("record @0"));
}

#[test]
fn http_charset_gzip_encoding_conversion_and_other_types() {
    let dir = tempfile::tempdir().unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(PAGE.as_bytes()).unwrap();
    let mut gz_http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    gz_http.extend(enc.finish().unwrap());

    let mut data = response("a", "https://x/gz", &gz_http);
    data.extend(response(
        "b",
        "https://x/latin",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n<p>\x93Hi\x94 caf\xe9</p>",
    ));
    data.extend(warc_record(
        &[
            ("WARC-Type", "conversion"),
            ("WARC-Record-ID", "<urn:uuid:c>"),
        ],
        b"Converted plain text.",
    ));
    data.extend(response(
        "d",
        "https://x/plain",
        b"HTTP/1.1 200 OK\r\n\r\nNo content type, just words.",
    ));
    data.extend(response(
        "e",
        "https://x/empty",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n  ",
    ));
    data.extend(warc_record(
        &[
            ("WARC-Type", "continuation"),
            ("WARC-Record-ID", "<urn:uuid:f>"),
        ],
        b"rest",
    ));
    data.extend(warc_record(
        &[("WARC-Type", "response"), ("Content-Type", "text/dns")],
        b"20240516093000\nnews.example. 300 IN A 192.0.2.1\n",
    ));
    data.extend(response(
        "g",
        "https://x/br",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\n\x0b\x02",
    ));
    data.extend(response(
        "h",
        "https://x/bad",
        b"HTTP/1.1 abc\r\n\r\n<p>x</p>",
    ));
    let p = write(dir.path(), "types.warc", &data);
    let all = items(&p);
    let summary: Vec<String> = all
        .iter()
        .map(|i| match i {
            Item::Doc(d) => format!(
                "{} {}",
                d.id,
                if d.body.is_html() { "html" } else { "text" }
            ),
            Item::Skip(s) => s.reason.kind().to_string(),
        })
        .collect();
    assert_eq!(
        summary,
        [
            "a html",
            "b html",
            "c text",
            "d text",
            "empty-record",
            "unsupported-record",
            "not-text",
            "unsupported-encoding",
            "malformed-http"
        ]
    );
    let body = |n: usize| match &all[n] {
        Item::Doc(d) => d.body.as_str().to_string(),
        Item::Skip(s) => panic!("{s}"),
    };
    assert_eq!(body(0), PAGE);
    assert_eq!(body(1), "<p>\u{201c}Hi\u{201d} café</p>");
    assert_eq!(body(2), "Converted plain text.");
}

#[test]
fn lf_only_warc_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let data = b"WARC/1.0\nWARC-Type: resource\nContent-Type: text/plain\nContent-Length: 5\n\nhello\n\nWARC/1.0\nWARC-Type: resource\nContent-Length: 5\n\nworld\n\n";
    let p = write(dir.path(), "lf.warc", data);
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty(), "{skips:?}");
    let texts: Vec<&str> = docs.iter().map(|d| d.body.as_str()).collect();
    assert_eq!(texts, ["hello", "world"]);
}

#[test]
fn folded_headers_and_bracketed_uris() {
    let dir = tempfile::tempdir().unwrap();
    let data = b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: <https://x/y>\r\nContent-Type: text/plain;\r\n charset=utf-8\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
    let p = write(dir.path(), "f.warc", data);
    let (docs, skips) = read_paths(&[&p]);
    assert!(skips.is_empty(), "{skips:?}");
    assert_eq!(docs[0].url.as_deref(), Some("https://x/y"));
}
