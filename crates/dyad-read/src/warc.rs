//! WARC: a version line, header lines, a blank line, `Content-Length` bytes of block, CRLF CRLF.
//! Records are parsed one at a time; blocks over the record limit are skipped unread.

use crate::decode::{content_type_charset, decode_html, decode_text};
use crate::detect::{is_binary, looks_html};
use crate::lines::{read_line_capped, LineInfo};
use crate::source::{derived_id, BUF_LEN};
use crate::{Body, Format, Item, Origin, RawDocument, ReadOptions, SkipReason};
use dyad_core::{DocId, PartialDate};
use std::borrow::Cow;
use std::io::{self, BufReader, Read};

/// Longest header line; longer means this is not a WARC header.
const LINE_CAP: usize = 64 * 1024;
/// Largest record header.
const HEADER_CAP: u64 = 1 << 20;

pub(crate) struct WarcReader {
    origin: Origin,
    reader: BufReader<Box<dyn Read + Send>>,
    /// Bytes consumed so far: the offset of the next record.
    pos: u64,
    max: usize,
    line: Vec<u8>,
    /// After a malformed record: skip lines until one starts with `WARC/`.
    resync: bool,
    done: bool,
}

enum Step {
    Item(Item),
    Ignored,
    End,
}

impl Iterator for WarcReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            match self.step() {
                Step::Item(item) => return Some(item),
                Step::Ignored => continue,
                Step::End => self.done = true,
            }
        }
        None
    }
}

impl WarcReader {
    pub(crate) fn new(origin: Origin, reader: Box<dyn Read + Send>, opts: ReadOptions) -> Self {
        WarcReader {
            origin,
            reader: BufReader::with_capacity(BUF_LEN, reader),
            pos: 0,
            max: opts.max_record_bytes,
            line: Vec::new(),
            resync: false,
            done: false,
        }
    }

    fn skip_record(&self, offset: u64, reason: SkipReason) -> Item {
        self.origin.skip(Some(format!("record @{offset}")), reason)
    }

    /// A skip after which nothing more can be read.
    fn fail(&mut self, offset: u64, reason: SkipReason) -> Step {
        self.done = true;
        Step::Item(self.skip_record(offset, reason))
    }

    /// A skip after which reading goes on at the next `WARC/` line.
    fn malformed(&mut self, offset: u64, detail: String) -> Step {
        self.resync = true;
        Step::Item(self.skip_record(offset, SkipReason::MalformedWarc(detail)))
    }

    fn read_line(&mut self) -> io::Result<Option<LineInfo>> {
        let info = read_line_capped(&mut self.reader, &mut self.line, LINE_CAP)?;
        if let Some(i) = &info {
            self.pos += i.consumed;
        }
        Ok(info)
    }

    fn step(&mut self) -> Step {
        // The version line; blank lines between records are skipped, and anything else too
        // while resynchronising after a malformed record.
        let offset = loop {
            let start = self.pos;
            let info = match self.read_line() {
                Ok(Some(info)) => info,
                Ok(None) => return Step::End,
                Err(e) => return self.fail(start, SkipReason::read_failure(&e, true)),
            };
            let line = trim_cr(&self.line);
            if line.starts_with(b"WARC/") {
                self.resync = false;
                break start;
            }
            if self.resync || (!info.overflow && line.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let found = preview(line);
            return self.malformed(start, format!("expected a WARC/1.x line, found {found:?}"));
        };

        let mut headers: Vec<(String, String)> = Vec::new();
        let mut header_bytes = 0u64;
        loop {
            let info = match self.read_line() {
                Ok(Some(info)) => info,
                Ok(None) => {
                    let detail = format!("the input ends inside the header of record @{offset}");
                    return self.fail(offset, SkipReason::Truncated(detail));
                }
                Err(e) => return self.fail(offset, SkipReason::read_failure(&e, true)),
            };
            header_bytes += info.consumed;
            if info.overflow || header_bytes > HEADER_CAP {
                return self.malformed(offset, "header too long".into());
            }
            let line = trim_cr(&self.line);
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(line);
            if line.starts_with(b" ") || line.starts_with(b"\t") {
                if let Some((_, value)) = headers.last_mut() {
                    value.push(' ');
                    value.push_str(text.trim());
                    continue;
                }
            }
            match text.split_once(':') {
                Some((name, value)) => {
                    headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()))
                }
                None => {
                    let found = preview(line);
                    return self.malformed(offset, format!("header line without ':': {found:?}"));
                }
            }
        }
        let headers = Headers(headers);

        let Some(len) = headers
            .get("content-length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            return self.malformed(offset, "missing or invalid Content-Length".into());
        };
        let kind = headers.get("warc-type").unwrap_or("").to_ascii_lowercase();
        let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion");
        let segmented = headers.get("warc-segment-number").is_some();
        if !wanted || segmented || len > self.max as u64 {
            if let Some(reason) = self.discard(offset, len) {
                return self.fail(offset, reason);
            }
            let reason = match kind.as_str() {
                "warcinfo" | "request" | "metadata" | "revisit" => return Step::Ignored,
                "" => SkipReason::MalformedWarc("missing WARC-Type".into()),
                _ if !wanted => SkipReason::UnsupportedRecord(format!("WARC-Type: {kind}")),
                _ if segmented => SkipReason::UnsupportedRecord("segmented record".into()),
                _ => SkipReason::TooLarge {
                    size: Some(len),
                    limit: self.max,
                },
            };
            return Step::Item(self.skip_record(offset, reason));
        }

        // Bounded by `max`; reserve little up front in case the length is a lie.
        let mut block = Vec::with_capacity((len as usize).min(1 << 20));
        let read = Read::by_ref(&mut self.reader)
            .take(len)
            .read_to_end(&mut block);
        self.pos += block.len() as u64;
        if let Err(e) = read {
            return self.fail(offset, SkipReason::read_failure(&e, true));
        }
        if (block.len() as u64) < len {
            let detail = format!(
                "record @{offset} declares {len} bytes but only {} follow",
                block.len()
            );
            return self.fail(offset, SkipReason::Truncated(detail));
        }
        Step::Item(match self.document(offset, &headers, &kind, block) {
            Ok(doc) => Item::Doc(doc),
            Err(reason) => self.skip_record(offset, reason),
        })
    }

    /// Skips a block without holding it; a short or failed read ends the input.
    fn discard(&mut self, offset: u64, len: u64) -> Option<SkipReason> {
        let copied = io::copy(
            &mut Read::by_ref(&mut self.reader).take(len),
            &mut io::sink(),
        );
        match copied {
            Ok(n) => {
                self.pos += n;
                (n < len).then(|| {
                    SkipReason::Truncated(format!(
                        "record @{offset} declares {len} bytes but only {n} follow"
                    ))
                })
            }
            Err(e) => Some(SkipReason::read_failure(&e, true)),
        }
    }

    fn document(
        &self,
        offset: u64,
        headers: &Headers,
        kind: &str,
        block: Vec<u8>,
    ) -> Result<RawDocument, SkipReason> {
        let id = match headers
            .get("warc-record-id")
            .map(record_id)
            .filter(|id| !id.is_empty())
        {
            Some(id) => DocId::new(id),
            None => derived_id(self.origin.base.as_deref(), &format!("@{offset}"), &block),
        };
        let warc_type = headers.get("content-type");
        let (content_type, payload) = if kind == "response" && block.starts_with(b"HTTP/") {
            let http = HttpHead::parse(&block)?;
            if http.status != 200 {
                return Err(SkipReason::HttpStatus(http.status));
            }
            media_format(http.content_type.as_deref())?;
            let body = block.get(http.body_start..).unwrap_or_default();
            let body = http.decode_body(body, self.max)?;
            (http.content_type, body)
        } else if kind == "response"
            && warc_type.is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"))
        {
            return Err(SkipReason::MalformedHttp(
                "the record does not start with an HTTP status line".into(),
            ));
        } else {
            (warc_type.map(str::to_string), block)
        };
        let format = match media_format(content_type.as_deref())? {
            _ if is_binary(&payload) => return Err(SkipReason::Binary),
            Some(f) => f,
            None if looks_html(&payload) => Format::Html,
            None => Format::Text,
        };
        let charset = content_type.as_deref().and_then(content_type_charset);
        let (text, repaired) = match format {
            Format::Html => decode_html(payload, charset),
            _ => decode_text(payload, charset),
        };
        if text.trim().is_empty() {
            return Err(SkipReason::EmptyRecord);
        }
        let body = match format {
            Format::Html => Body::Html(text),
            _ => Body::Text(text),
        };
        Ok(RawDocument {
            id,
            origin: format!("{}@{offset}", self.origin.input),
            format: Format::Warc,
            url: headers
                .get("warc-target-uri")
                .map(|u| u.trim_matches(|c| c == '<' || c == '>').trim().to_string())
                .filter(|u| !u.is_empty()),
            title: None,
            author: None,
            date: headers.get("warc-date").and_then(PartialDate::parse_loose),
            site: None,
            body,
            repaired,
        })
    }
}

struct Headers(Vec<(String, String)>);

impl Headers {
    /// The first value of a header; `name` is lowercase.
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// `<urn:uuid:X>` → `X`; other ids lose only their angle brackets.
fn record_id(value: &str) -> String {
    let v = value.trim();
    let v = v.strip_prefix('<').unwrap_or(v);
    let v = v.strip_suffix('>').unwrap_or(v);
    let v = v.strip_prefix("urn:uuid:").unwrap_or(v);
    v.trim().to_string()
}

/// Text or HTML by media type; `Ok(None)` when there is none (sniff the payload).
fn media_format(content_type: Option<&str>) -> Result<Option<Format>, SkipReason> {
    let Some(ct) = content_type else {
        return Ok(None);
    };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "" => Ok(None),
        "text/html" | "application/xhtml+xml" => Ok(Some(Format::Html)),
        "text/plain" => Ok(Some(Format::Text)),
        _ => Err(SkipReason::NotTextOrHtml(mime)),
    }
}

fn trim_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// The start of a line, for messages.
fn preview(line: &[u8]) -> String {
    String::from_utf8_lossy(line).chars().take(40).collect()
}

/// The status line and headers of an HTTP response.
#[derive(Debug)]
struct HttpHead {
    status: u16,
    content_type: Option<String>,
    chunked: bool,
    encoding: String,
    body_start: usize,
}

impl HttpHead {
    fn parse(block: &[u8]) -> Result<HttpHead, SkipReason> {
        // The earliest blank line ends the headers (CRLF or bare LF); none means no body.
        let crlf = memchr::memmem::find(block, b"\r\n\r\n").map(|i| (i, i + 4));
        let lf = memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2));
        let (head_end, body_start) = match (crlf, lf) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => (block.len(), block.len()),
        };
        let head = String::from_utf8_lossy(block.get(..head_end).unwrap_or_default());
        let mut lines = head.lines();
        let status_line = lines.next().unwrap_or("");
        let status = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u16>().ok())
            .ok_or_else(|| {
                SkipReason::MalformedHttp(format!(
                    "bad status line {:?}",
                    preview(status_line.as_bytes())
                ))
            })?;
        let mut http = HttpHead {
            status,
            content_type: None,
            chunked: false,
            encoding: String::new(),
            body_start,
        };
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" if http.content_type.is_none() => {
                    http.content_type = Some(value.to_string())
                }
                "transfer-encoding" => {
                    http.chunked = value.to_ascii_lowercase().contains("chunked");
                }
                "content-encoding" => http.encoding = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        Ok(http)
    }

    /// The payload: de-chunked, then decompressed, capped at `max` bytes.
    fn decode_body(&self, body: &[u8], max: usize) -> Result<Vec<u8>, SkipReason> {
        // Some crawlers store bodies already de-chunked or decompressed but keep the headers,
        // so each step applies only when the bytes look like it.
        let body: Cow<'_, [u8]> = match self.chunked.then(|| dechunk(body)).flatten() {
            Some(b) => Cow::Owned(b),
            None => Cow::Borrowed(body),
        };
        match self.encoding.as_str() {
            "" | "identity" | "none" => Ok(body.into_owned()),
            "gzip" | "x-gzip" if body.starts_with(&[0x1f, 0x8b]) => {
                inflate(flate2::read::MultiGzDecoder::new(&body[..]), max)
            }
            "gzip" | "x-gzip" => Ok(body.into_owned()),
            "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..]), max)
                .or_else(|_| inflate(flate2::read::DeflateDecoder::new(&body[..]), max)),
            other => Err(SkipReason::UnsupportedEncoding(other.to_string())),
        }
    }
}

/// Decompresses up to `max` bytes. A body cut short (crawlers truncate large responses) keeps
/// what decoded; one that yields nothing is malformed.
fn inflate(decoder: impl Read, max: usize) -> Result<Vec<u8>, SkipReason> {
    let mut out = Vec::new();
    let result = decoder.take(max as u64 + 1).read_to_end(&mut out);
    if out.len() > max {
        return Err(SkipReason::TooLarge {
            size: None,
            limit: max,
        });
    }
    match result {
        Err(e) if out.is_empty() => Err(SkipReason::MalformedHttp(format!(
            "cannot decompress the body: {e}"
        ))),
        _ => Ok(out),
    }
}

/// Decodes `Transfer-Encoding: chunked`; `None` when the body does not start like a chunked
/// one. A body cut short keeps the chunks that arrived whole or in part.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    while let Some(nl) = memchr::memchr(b'\n', rest) {
        let size_line = String::from_utf8_lossy(rest.get(..nl).unwrap_or_default());
        let size_text = size_line.split(';').next().unwrap_or("").trim();
        let size = match usize::from_str_radix(size_text, 16) {
            Ok(s) => s,
            Err(_) if first => return None,
            Err(_) => break,
        };
        first = false;
        rest = rest.get(nl + 1..).unwrap_or_default();
        if size == 0 {
            break;
        }
        let take = size.min(rest.len());
        out.extend_from_slice(rest.get(..take).unwrap_or_default());
        rest = rest.get(take..).unwrap_or_default();
        if take < size {
            break;
        }
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
    if first {
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::Write;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n").unwrap(),
            b"hello, world"
        );
        assert_eq!(dechunk(b"<html>").as_deref(), None);
        assert_eq!(dechunk(b"<html>\r\n").as_deref(), None);
        // Cut short: keep what arrived.
        assert_eq!(dechunk(b"5\r\nhel").unwrap(), b"hel");
        assert_eq!(dechunk(b"3\nabc\n2\nde\n0\n").unwrap(), b"abcde");
    }

    #[test]
    fn http_heads() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\nContent-Encoding: GZIP\r\n\r\nbody";
        let h = HttpHead::parse(block).unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert!(h.chunked);
        assert_eq!(h.encoding, "gzip");
        assert_eq!(&block[h.body_start..], b"body");
        let h = HttpHead::parse(b"HTTP/1.0 404 Not Found\r\nServer: x").unwrap();
        assert_eq!(h.status, 404);
        assert!(HttpHead::parse(b"HTTP/1.1 OK\r\n\r\n").is_err());
        let block = b"HTTP/1.1 200 OK\nA: b\n\nbody\r\n\r\nmore";
        let h = HttpHead::parse(block).unwrap();
        assert_eq!(&block[h.body_start..], b"body\r\n\r\nmore");
    }

    #[test]
    fn bodies_decode() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(b"<p>hello</p>").unwrap();
        let gz = gz.finish().unwrap();
        let head = |enc: &str| HttpHead {
            status: 200,
            content_type: None,
            chunked: false,
            encoding: enc.into(),
            body_start: 0,
        };
        assert_eq!(head("gzip").decode_body(&gz, 100).unwrap(), b"<p>hello</p>");
        assert_eq!(
            head("gzip").decode_body(b"<p>plain</p>", 100).unwrap(),
            b"<p>plain</p>"
        );
        assert_eq!(
            head("gzip").decode_body(&gz, 5).unwrap_err(),
            SkipReason::TooLarge {
                size: None,
                limit: 5
            }
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(b"zlib").unwrap();
        assert_eq!(
            head("deflate")
                .decode_body(&z.finish().unwrap(), 100)
                .unwrap(),
            b"zlib"
        );
        let mut d = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        d.write_all(b"raw").unwrap();
        assert_eq!(
            head("deflate")
                .decode_body(&d.finish().unwrap(), 100)
                .unwrap(),
            b"raw"
        );
        assert!(matches!(
            head("br").decode_body(b"x", 100),
            Err(SkipReason::UnsupportedEncoding(_))
        ));
    }

    #[test]
    fn ids_and_media_types() {
        assert_eq!(
            record_id("<urn:uuid:12345678-aaaa-bbbb-cccc-1234567890ab>"),
            "12345678-aaaa-bbbb-cccc-1234567890ab"
        );
        assert_eq!(record_id("<urn:x:1>"), "urn:x:1");
        assert_eq!(
            media_format(Some("Text/HTML; charset=x")),
            Ok(Some(Format::Html))
        );
        assert_eq!(media_format(Some("text/plain")), Ok(Some(Format::Text)));
        assert_eq!(media_format(None), Ok(None));
        assert_eq!(
            media_format(Some("image/png")),
            Err(SkipReason::NotTextOrHtml("image/png".into()))
        );
    }
}
