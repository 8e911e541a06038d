//! Format detection: by file name, else by the first bytes.

use crate::Format;
use std::path::Path;

/// What a file name says: the format of its extension (after any `.gz`), whether it ends in
/// `.gz`, and the name without those extensions (the id base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NameInfo {
    pub format: Option<Format>,
    pub gz: bool,
    pub stem: String,
}

pub(crate) fn name_info(name: &str) -> NameInfo {
    let gz = name.len() > 3
        && name
            .get(name.len() - 3..)
            .is_some_and(|e| e.eq_ignore_ascii_case(".gz"));
    let inner = if gz {
        name.get(..name.len() - 3).unwrap_or(name)
    } else {
        name
    };
    let known = inner.rsplit_once('.').and_then(|(stem, ext)| {
        let format = match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "warc" => Format::Warc,
            _ => return None,
        };
        Some((format, stem))
    });
    match known {
        Some((format, stem)) => NameInfo {
            format: Some(format),
            gz,
            stem: stem.to_string(),
        },
        None => NameInfo {
            format: None,
            gz,
            stem: inner.to_string(),
        },
    }
}

/// The id base of a file found under a directory: its relative path, `/`-separated, with the
/// file name's extensions stripped as by [`name_info`].
pub(crate) fn relative_base(rel: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(parent) = rel.parent() {
        parts.extend(
            parent
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned()),
        );
    }
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    parts.push(name_info(&name).stem);
    parts.join("/")
}

/// The result of sniffing the first bytes of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Format(Format),
    Binary,
    Empty,
}

/// Sniffs `head`, the first bytes of the (decompressed) input; `complete` when it is all of it.
pub(crate) fn sniff(head: &[u8], complete: bool) -> Sniffed {
    if complete && is_blank(head) {
        return Sniffed::Empty;
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(head) {
        if enc != encoding_rs::UTF_8 {
            // UTF-16 text: NUL bytes are expected, so look at the decoded characters.
            let rest = head.get(bom_len..).unwrap_or_default();
            let (text, _) = enc.decode_without_bom_handling(rest);
            return Sniffed::Format(if looks_html(text.as_bytes()) {
                Format::Html
            } else {
                Format::Text
            });
        }
    }
    let head = strip_utf8_bom(head);
    if head.starts_with(b"WARC/") {
        return Sniffed::Format(Format::Warc);
    }
    if looks_jsonl(head, complete) {
        return Sniffed::Format(Format::Jsonl);
    }
    if is_binary(head) {
        return Sniffed::Binary;
    }
    if looks_html(head) {
        return Sniffed::Format(Format::Html);
    }
    Sniffed::Format(Format::Text)
}

pub(crate) fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Empty, or only whitespace (after a UTF-8 BOM).
pub(crate) fn is_blank(bytes: &[u8]) -> bool {
    strip_utf8_bom(bytes).iter().all(u8::is_ascii_whitespace)
}

/// NUL bytes, or more than 10% control characters other than tab, CR, LF and form feed, in
/// the first 8 KB.
pub(crate) fn is_binary(bytes: &[u8]) -> bool {
    let sample = bytes.get(..8192).unwrap_or(bytes);
    if sample.is_empty() || sample.starts_with(b"\xff\xfe") || sample.starts_with(b"\xfe\xff") {
        return false; // UTF-16 text is full of NULs
    }
    if memchr::memchr(0, sample).is_some() {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    controls * 10 > sample.len()
}

/// The first non-blank line is a JSON object (or, when cut off by the end of `head`, a valid
/// start of one).
fn looks_jsonl(head: &[u8], complete: bool) -> bool {
    let Some(start) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return false;
    };
    let rest = head.get(start..).unwrap_or_default();
    if rest.first() != Some(&b'{') {
        return false;
    }
    let (line, cut) = match memchr::memchr(b'\n', rest) {
        Some(i) => (rest.get(..i).unwrap_or_default(), false),
        None => (rest, !complete),
    };
    match serde_json::from_slice::<serde::de::IgnoredAny>(line) {
        Ok(_) => true,
        Err(e) => cut && e.is_eof(),
    }
}

/// HTML markers in the first KB: a doctype, `<html`, `<head`, `<body`, `<article`, or at least
/// three tag-like `<name` / `</name` sequences.
pub(crate) fn looks_html(head: &[u8]) -> bool {
    let kb = head.get(..1024).unwrap_or(head).to_ascii_lowercase();
    const MARKERS: [&[u8]; 5] = [b"<!doctype html", b"<html", b"<head", b"<body", b"<article"];
    if MARKERS
        .iter()
        .any(|m| memchr::memmem::find(&kb, m).is_some())
    {
        return true;
    }
    let mut tags = 0;
    for i in memchr::memchr_iter(b'<', &kb) {
        let mut j = i + 1;
        if kb.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_start = j;
        while kb.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        }
        let starts_alpha = kb.get(name_start).is_some_and(u8::is_ascii_alphabetic);
        let ends_tag = kb
            .get(j)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
        if starts_alpha && ends_tag {
            tags += 1;
            if tags >= 3 {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn names() {
        let n = name_info("000_37622b0bbbee714f.txt");
        assert_eq!(n.format, Some(Format::Text));
        assert_eq!(n.stem, "000_37622b0bbbee714f");
        assert!(!n.gz);
        let n = name_info("x.warc.gz");
        assert_eq!(
            (n.format, n.gz, n.stem.as_str()),
            (Some(Format::Warc), true, "x")
        );
        let n = name_info("A.HTM.GZ");
        assert_eq!(
            (n.format, n.gz, n.stem.as_str()),
            (Some(Format::Html), true, "A")
        );
        let n = name_info("data.json");
        assert_eq!((n.format, n.stem.as_str()), (None, "data.json"));
        let n = name_info("data.json.gz");
        assert_eq!((n.format, n.gz, n.stem.as_str()), (None, true, "data.json"));
        assert_eq!(name_info("README").stem, "README");
        assert_eq!(name_info(".gz").stem, ".gz");
        assert_eq!(name_info("a.ndjson").format, Some(Format::Jsonl));
        assert_eq!(name_info("a.xhtml").format, Some(Format::Html));
        assert_eq!(name_info("a.text").format, Some(Format::Text));
    }

    #[test]
    fn relative_bases() {
        assert_eq!(relative_base(&PathBuf::from("sub/a.html")), "sub/a");
        assert_eq!(relative_base(&PathBuf::from("a/b/c.jsonl.gz")), "a/b/c");
        assert_eq!(relative_base(&PathBuf::from("top.txt")), "top");
    }

    #[test]
    fn sniffing() {
        use Sniffed::*;
        assert_eq!(sniff(b"", true), Empty);
        assert_eq!(sniff(b" \n\t\r\n", true), Empty);
        assert_eq!(sniff(b"\xef\xbb\xbf  ", true), Empty);
        assert_eq!(sniff(b"WARC/1.0\r\n", true), Format(crate::Format::Warc));
        assert_eq!(
            sniff(b"\n{\"id\":1,\"text\":\"x\"}\n{", true),
            Format(crate::Format::Jsonl)
        );
        // A cut-off first line that is valid so far.
        assert_eq!(
            sniff(b"{\"text\":\"aaaa", false),
            Format(crate::Format::Jsonl)
        );
        assert_eq!(
            sniff(b"{\"text\":\"aaaa", true),
            Format(crate::Format::Text)
        );
        // Pretty-printed JSON is not JSONL.
        assert_eq!(
            sniff(b"{\n  \"a\": 1\n}\n", true),
            Format(crate::Format::Text)
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><p>x", true),
            Format(crate::Format::Html)
        );
        assert_eq!(
            sniff(b"  <div class=a><p>x</p></div>", true),
            Format(crate::Format::Html)
        );
        assert_eq!(
            sniff(b"a < b and c<d, x <y", true),
            Format(crate::Format::Text)
        );
        assert_eq!(sniff(b"PK\x03\x04\x00\x00", true), Binary);
        assert_eq!(sniff(&[0x01u8; 100], true), Binary);
        assert_eq!(
            sniff(b"Moscow, June 5 (Reuters) - Text.", true),
            Format(crate::Format::Text)
        );
    }

    #[test]
    fn utf16_text_is_not_binary() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "<html><body>hi".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(sniff(&bytes, true), Sniffed::Format(crate::Format::Html));
    }
}
