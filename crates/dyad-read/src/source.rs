//! Opening one input: gunzip when the data is gzip, pick the format, hand off to its reader.

use crate::decode::{decode_html, decode_text};
use crate::detect::{is_binary, is_blank, name_info, sniff, Sniffed};
use crate::jsonl::JsonlReader;
use crate::warc::WarcReader;
use crate::{Body, Format, Item, Origin, RawDocument, ReadOptions, SkipReason};
use dyad_core::{short_hash, DocId};
use flate2::bufread::MultiGzDecoder;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The documents and skips of one input.
pub(crate) type Items = Box<dyn Iterator<Item = Item> + Send>;

/// Bytes read ahead for sniffing (the JSONL check needs a whole first line when it can).
const HEAD_LEN: usize = 64 * 1024;
/// Buffer size for streaming readers.
pub(crate) const BUF_LEN: usize = 256 * 1024;

fn one(item: Item) -> Items {
    Box::new(std::iter::once(item))
}

/// Marks errors that came out of the gzip decoder, so skips can name gzip damage.
#[derive(Debug)]
struct GzipFailure(String);

impl fmt::Display for GzipFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GzipFailure {}

/// The decoder's message when `err` came from gunzipping.
pub(crate) fn gzip_detail(err: &io::Error) -> Option<String> {
    err.get_ref()?
        .downcast_ref::<GzipFailure>()
        .map(|g| g.0.clone())
}

struct GzRead<R: BufRead>(MultiGzDecoder<R>);

impl<R: BufRead> Read for GzRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            if e.kind() == io::ErrorKind::Interrupted {
                e
            } else {
                io::Error::new(e.kind(), GzipFailure(e.to_string()))
            }
        })
    }
}

/// A reader whose first bytes were read ahead; an error met while reading ahead is returned
/// after those bytes, so records before damage are still read.
pub(crate) struct Prefixed {
    head: Vec<u8>,
    pos: usize,
    err: Option<io::Error>,
    rest: Box<dyn Read + Send>,
}

impl Prefixed {
    fn read_ahead(mut rest: Box<dyn Read + Send>, len: usize) -> Prefixed {
        let mut head = Vec::with_capacity(len.min(HEAD_LEN));
        let err = rest.by_ref().take(len as u64).read_to_end(&mut head).err();
        Prefixed {
            head,
            pos: 0,
            err,
            rest,
        }
    }

    fn head(&self) -> &[u8] {
        &self.head
    }

    /// True when the head holds the whole input.
    fn complete(&self, len: usize) -> bool {
        self.err.is_none() && self.head.len() < len
    }
}

impl Read for Prefixed {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let ahead = self.head.get(self.pos..).unwrap_or_default();
        if !ahead.is_empty() {
            let n = ahead.len().min(buf.len());
            buf[..n].copy_from_slice(&ahead[..n]);
            self.pos += n;
            if self.pos >= self.head.len() {
                self.head = Vec::new();
                self.pos = 0;
            }
            return Ok(n);
        }
        if let Some(e) = self.err.take() {
            return Err(e);
        }
        self.rest.read(buf)
    }
}

/// Reads a file given directly (`base` = its stem) or found in a directory (`base` = its
/// relative path without extensions).
pub(crate) fn open_file(path: &Path, base: String, from_dir: bool, opts: ReadOptions) -> Items {
    let origin = Origin {
        input: path.display().to_string(),
        base: Some(base),
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return one(origin.skip(None, SkipReason::unreadable(&e))),
    };
    // Pipes given directly (`<(zcat x)`) are fine; in a directory they could block forever.
    if from_dir && !meta.is_file() {
        return one(origin.skip(None, SkipReason::NotRegularFile));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let info = name_info(&name);
    let hint = info.format;
    // A text or HTML file is one record: when it is over the limit, do not even open it.
    let single = matches!(hint, Some(Format::Text | Format::Html));
    if single && !info.gz && meta.is_file() && meta.len() > opts.max_record_bytes as u64 {
        let reason = SkipReason::TooLarge {
            size: Some(meta.len()),
            limit: opts.max_record_bytes,
        };
        return one(origin.skip(None, reason));
    }
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return one(origin.skip(None, SkipReason::unreadable(&e))),
    };
    let size = meta.is_file().then_some(meta.len());
    read_source(origin, Box::new(file), hint, size, opts)
}

/// Reads stdin, sniffing its format.
pub(crate) fn open_stdin(opts: ReadOptions) -> Items {
    let origin = Origin {
        input: crate::STDIN_NAME.to_string(),
        base: None,
    };
    read_source(origin, Box::new(io::stdin()), None, None, opts)
}

/// Gunzips when the data starts with the gzip magic, then reads it as `hint` or as sniffed.
/// `size` is the on-disk size when known.
pub(crate) fn read_source(
    origin: Origin,
    raw: Box<dyn Read + Send>,
    hint: Option<Format>,
    size: Option<u64>,
    opts: ReadOptions,
) -> Items {
    let magic = Prefixed::read_ahead(raw, 2);
    if magic.head().is_empty() {
        if let Some(e) = &magic.err {
            return one(origin.skip(None, SkipReason::read_failure(e, false)));
        }
    }
    let gz = magic.head().starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read + Send> = if gz {
        Box::new(GzRead(MultiGzDecoder::new(BufReader::with_capacity(
            BUF_LEN, magic,
        ))))
    } else {
        Box::new(magic)
    };
    let size = if gz { None } else { size };
    let stream = Prefixed::read_ahead(reader, HEAD_LEN);
    let complete = stream.complete(HEAD_LEN);
    if stream.head().is_empty() {
        if let Some(e) = &stream.err {
            return one(origin.skip(None, SkipReason::read_failure(e, false)));
        }
    }
    if complete && is_blank(stream.head()) {
        return one(origin.skip(None, SkipReason::Empty));
    }
    let format = match hint {
        // WARC holds binary payloads; the others must be text.
        Some(f) if f != Format::Warc && is_binary(stream.head()) => {
            return one(origin.skip(None, SkipReason::Binary))
        }
        Some(f) => f,
        None => match sniff(stream.head(), complete) {
            Sniffed::Format(f) => f,
            Sniffed::Binary => return one(origin.skip(None, SkipReason::Binary)),
            Sniffed::Empty => return one(origin.skip(None, SkipReason::Empty)),
        },
    };
    match format {
        Format::Text | Format::Html => one(single_doc(origin, format, stream, size, opts)),
        Format::Jsonl => Box::new(JsonlReader::new(origin, Box::new(stream), opts)),
        Format::Warc => Box::new(WarcReader::new(origin, Box::new(stream), opts)),
    }
}

/// A text or HTML input: one document, read whole up to the record limit.
fn single_doc(
    origin: Origin,
    format: Format,
    mut stream: Prefixed,
    size: Option<u64>,
    opts: ReadOptions,
) -> Item {
    let max = opts.max_record_bytes;
    let too_large = SkipReason::TooLarge { size, limit: max };
    if size.is_some_and(|s| s > max as u64) {
        return origin.skip(None, too_large);
    }
    let mut bytes = Vec::new();
    if let Err(e) = stream.by_ref().take(max as u64 + 1).read_to_end(&mut bytes) {
        return origin.skip(None, SkipReason::read_failure(&e, false));
    }
    if bytes.len() > max {
        return origin.skip(None, too_large);
    }
    let id = derived_id(origin.base.as_deref(), "", &bytes);
    let (text, repaired) = match format {
        Format::Html => decode_html(bytes, None),
        _ => decode_text(bytes, None),
    };
    if text.trim().is_empty() {
        return origin.skip(None, SkipReason::Empty);
    }
    let body = match format {
        Format::Html => Body::Html(text),
        _ => Body::Text(text),
    };
    Item::Doc(RawDocument {
        id,
        origin: origin.input,
        format,
        url: None,
        title: None,
        author: None,
        date: None,
        site: None,
        body,
        repaired,
    })
}

/// `{base}{suffix}` when there is a path-derived base, else `h-` and a hash of the record.
pub(crate) fn derived_id(base: Option<&str>, suffix: &str, record: &[u8]) -> DocId {
    match base {
        Some(b) if !b.trim().is_empty() => DocId::new(format!("{b}{suffix}")),
        _ => DocId::new(format!("h-{}", short_hash(record))),
    }
}
