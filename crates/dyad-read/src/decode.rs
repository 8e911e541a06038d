//! Bytes to text: UTF-8 first, declared charsets for HTML, lossy repair with a count.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// Decodes UTF-8, replacing each invalid sequence with U+FFFD; returns the number replaced.
pub(crate) fn lossy_utf8(bytes: &[u8]) -> (Cow<'_, str>, usize) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), 0),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len() + 16);
            let mut repaired = 0;
            // Each invalid chunk is one maximal invalid subpart: one U+FFFD, as from_utf8_lossy.
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    out.push(char::REPLACEMENT_CHARACTER);
                    repaired += 1;
                }
            }
            (Cow::Owned(out), repaired)
        }
    }
}

/// Decodes plain text: a BOM's encoding, else UTF-8 (lossy, counted) unless `charset` names
/// another encoding and the bytes are not valid UTF-8.
pub(crate) fn decode_text(bytes: Vec<u8>, charset: Option<&str>) -> (String, usize) {
    decode(bytes, charset.and_then(label), None)
}

/// Decodes HTML: a BOM's encoding, else valid UTF-8 as is, else the HTTP charset, else a
/// `<meta>` charset in the first 2 KB, else lossy UTF-8 (counted).
pub(crate) fn decode_html(bytes: Vec<u8>, http_charset: Option<&str>) -> (String, usize) {
    let meta = meta_charset(&bytes);
    decode(bytes, http_charset.and_then(label), meta)
}

fn decode(
    bytes: Vec<u8>,
    first: Option<&'static Encoding>,
    second: Option<&'static Encoding>,
) -> (String, usize) {
    if let Some((enc, bom_len)) = Encoding::for_bom(&bytes) {
        return decode_with(enc, bytes.get(bom_len..).unwrap_or_default());
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(s) => return (s, 0),
        Err(e) => e.into_bytes(),
    };
    match first.or(second) {
        Some(enc) => decode_with(enc, &bytes),
        None => {
            let (s, n) = lossy_utf8(&bytes);
            (s.into_owned(), n)
        }
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    if enc == UTF_8 {
        let (s, n) = lossy_utf8(bytes);
        return (s.into_owned(), n);
    }
    let (s, had_errors) = enc.decode_without_bom_handling(bytes);
    let repaired = if had_errors {
        s.matches(char::REPLACEMENT_CHARACTER).count()
    } else {
        0
    };
    (s.into_owned(), repaired)
}

/// An encoding label as HTML decoding uses it (UTF-16 labels on ASCII data mean UTF-8).
fn label(name: &str) -> Option<&'static Encoding> {
    let name = name.trim().trim_matches(|c| c == '"' || c == '\'');
    Encoding::for_label(name.as_bytes()).map(Encoding::output_encoding)
}

/// The charset declared by `<meta charset=…>` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` in the first 2 KB.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..2048).unwrap_or(bytes).to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = head
        .get(from..)
        .and_then(|h| memchr::memmem::find(h, b"<meta"))
    {
        let start = from + i + 5;
        let rest = head.get(start..).unwrap_or_default();
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = rest.get(..end).unwrap_or_default();
        if let Some(enc) = charset_in(tag) {
            return Some(enc);
        }
        from = start + end;
    }
    None
}

/// Finds `charset = value` in a lowercase tag or header.
fn charset_in(tag: &[u8]) -> Option<&'static Encoding> {
    let mut search = 0;
    while let Some(j) = tag
        .get(search..)
        .and_then(|t| memchr::memmem::find(t, b"charset"))
    {
        let mut k = search + j + 7;
        search = k;
        while tag.get(k).is_some_and(u8::is_ascii_whitespace) {
            k += 1;
        }
        if tag.get(k) != Some(&b'=') {
            continue;
        }
        k += 1;
        while tag
            .get(k)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'')
        {
            k += 1;
        }
        let value = tag.get(k..).unwrap_or_default();
        let len = value
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
            .unwrap_or(value.len());
        let name = std::str::from_utf8(value.get(..len).unwrap_or_default()).ok()?;
        if let Some(enc) = label(name) {
            return Some(enc);
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn content_type_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn lossy_counts_each_invalid_sequence() {
        let (s, n) = lossy_utf8(b"a\xffb\xc3(c\xe2\x82");
        assert_eq!(s, "a\u{fffd}b\u{fffd}(c\u{fffd}");
        assert_eq!(n, 3);
        assert_eq!(lossy_utf8("é".as_bytes()).1, 0);
    }

    #[test]
    fn text_strips_bom_and_repairs() {
        assert_eq!(
            decode_text(b"\xef\xbb\xbfhello".to_vec(), None),
            ("hello".into(), 0)
        );
        assert_eq!(
            decode_text(b"caf\xe9".to_vec(), None),
            ("caf\u{fffd}".into(), 1)
        );
        assert_eq!(
            decode_text(b"caf\xe9".to_vec(), Some("iso-8859-1")),
            ("café".into(), 0)
        );
        // A declared charset does not override valid UTF-8.
        assert_eq!(
            decode_text("café".as_bytes().to_vec(), Some("windows-1252")),
            ("café".into(), 0)
        );
    }

    #[test]
    fn utf16_bom_is_honoured() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "hi".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(bytes, None), ("hi".into(), 0));
    }

    #[test]
    fn html_meta_charsets() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>\x93hi\x94 caf\xe9</body></html>";
        let (s, n) = decode_html(page.to_vec(), None);
        assert!(s.contains("\u{201c}hi\u{201d} café"), "{s}");
        assert_eq!(n, 0);
        let page = b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-1\"><p>caf\xe9";
        assert!(decode_html(page.to_vec(), None).0.ends_with("café"));
        // HTTP charset wins over meta, as in browsers.
        let page = b"<meta charset=koi8-r><p>caf\xe9";
        assert!(decode_html(page.to_vec(), Some("latin1"))
            .0
            .ends_with("café"));
        // Unknown label: lossy.
        let page = b"<meta charset=nonsense><p>caf\xe9";
        assert_eq!(decode_html(page.to_vec(), None).1, 1);
    }

    #[test]
    fn meta_charset_edge_cases() {
        assert_eq!(meta_charset(b"<meta charset = 'utf-8' >"), Some(UTF_8));
        assert_eq!(meta_charset(b"<meta name=x><meta charset"), None);
        assert_eq!(meta_charset(b"<meta charset="), None);
        assert_eq!(meta_charset(b"no meta here"), None);
        assert_eq!(
            meta_charset(b"<meta charset=utf-16>"),
            Some(UTF_8),
            "utf-16 declared in ASCII means utf-8"
        );
    }

    #[test]
    fn content_type_params() {
        assert_eq!(
            content_type_charset("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(
            content_type_charset("text/html;Charset=latin1;q=1"),
            Some("latin1")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }
}
