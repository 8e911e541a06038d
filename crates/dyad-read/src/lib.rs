//! Input readers for dyad: turn files, directories and stdin into [`RawDocument`]s.
//!
//! [`read_inputs`] streams every document of every input, in order, one record at a time.
//! Bad input never stops a run and never panics: each record that cannot be read becomes an
//! [`Item::Skip`] whose [`SkipReason`] says what was wrong and, where useful, what to do.
//!
//! # Formats
//!
//! The format is chosen by extension, else by sniffing the first bytes:
//!
//! | extension | format | documents |
//! |---|---|---|
//! | `.txt`, `.text` | [`Format::Text`] | one per file ([`Body::Text`]) |
//! | `.html`, `.htm`, `.xhtml` | [`Format::Html`] | one per file, raw HTML ([`Body::Html`]) |
//! | `.jsonl`, `.ndjson` | [`Format::Jsonl`] | one per non-blank line |
//! | `.warc` | [`Format::Warc`] | one per `response`, `resource` or `conversion` record |
//! | any of these + `.gz` | same, gunzipped (multi-member) | |
//!
//! Other names (and `.json`) and stdin (`-`) are sniffed, after gunzipping when the data starts
//! with the gzip magic bytes: `WARC/` → WARC; a first line that is a JSON object → JSONL; HTML
//! markers (`<!doctype html`, `<html`, `<head`, `<body`, `<article`, or several tags) in the
//! first KB → HTML; NUL bytes or more than 10% control characters in the first 8 KB → skipped
//! as binary; anything else → text. Directories are read recursively, files sorted by path;
//! hidden files and directories (name starting with `.`) are skipped silently.
//!
//! JSONL fields: `id` (string or number), `url`, `title`, `author`, `date` (else `published`,
//! `published_at`, `datePublished`), `text` or `html` (text wins when both are non-empty),
//! `source` (→ `site`); other fields are ignored. WARC: `WARC-Target-URI` → `url`, `WARC-Date`
//! → `date`; HTTP responses are de-chunked and decompressed (`gzip`, `deflate`), and only status
//! 200 with `text/html`, `application/xhtml+xml`, `text/plain` or no content type are read.
//! `warcinfo`, `request`, `metadata` and `revisit` records are ignored silently.
//!
//! Text is decoded as UTF-8; HTML also honours a charset from the HTTP `Content-Type` or a
//! `<meta>` tag when it is not valid UTF-8. Invalid UTF-8 is replaced with U+FFFD and counted
//! in [`RawDocument::repaired`], never fatal.
//!
//! # Document ids
//!
//! Input id, else path-derived, else content hash, so re-reading an input gives the same ids:
//!
//! - a JSONL `id` (when non-empty) or a WARC `WARC-Record-ID` (without `<urn:uuid:` and `>`);
//! - else the path: a file given directly → its file name without `.gz` and its format
//!   extension (`seeds/000_37622b0bbbee714f.txt` → `000_37622b0bbbee714f`, `x.warc.gz` → `x`);
//!   a file found under a directory argument → its `/`-separated path relative to that directory,
//!   extensions stripped the same way (`dir/sub/a.html` → `sub/a`). JSONL lines without an id
//!   get `{base}:{line}`, WARC records `{base}@{offset}`;
//! - stdin has no path: `h-` and the [`short_hash`](dyad_core::short_hash) of the record's bytes.
//!
//! # Skips
//!
//! Missing or unreadable paths and directories, empty files, binary files, records over
//! [`ReadOptions::max_record_bytes`], malformed JSON lines, JSON lines without text, malformed
//! WARC records (the reader resynchronises on the next `WARC/` line), HTTP responses that are
//! not 200 or not text, and truncated or corrupt gzip streams (records before the damage are
//! kept) are each reported once as a [`Skip`]. Memory stays bounded: oversized lines and
//! records are discarded in chunks, never buffered whole.
//!
//! Offsets in WARC origins and ids are byte offsets of the record in the decompressed stream.

mod decode;
mod detect;
mod iter;
mod jsonl;
mod lines;
mod skip;
mod source;
mod warc;

use dyad_core::{DocId, PartialDate};
use std::fmt;
use std::path::PathBuf;

pub use iter::ReadIter;
pub use skip::SkipReason;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// A file or a directory (read recursively).
    Path(PathBuf),
    /// Standard input, sniffed like a file of unknown type.
    Stdin,
}

impl Input {
    /// Reads a command-line argument: `-` is stdin, anything else a path.
    pub fn from_arg(s: &str) -> Input {
        if s == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(s))
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Stdin => f.write_str(STDIN_NAME),
        }
    }
}

/// How stdin is named in origins and skips.
pub const STDIN_NAME: &str = "<stdin>";

/// Limits for reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Largest record (a text or HTML file, a JSONL line, a WARC record block) that is read;
    /// larger ones are skipped without being held in memory. Default 64 MiB.
    pub max_record_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_record_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain (scraped) text, one document per file.
    Text,
    /// An HTML page, one document per file.
    Html,
    /// JSON Lines, one document per line.
    Jsonl,
    /// A Web ARChive, one document per response/resource/conversion record.
    Warc,
}

impl Format {
    /// The lowercase name: `text`, `html`, `jsonl` or `warc`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Warc => "warc",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document's content as read, before cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Plain text.
    Text(String),
    /// Raw HTML, left for the cleaner to parse.
    Html(String),
}

impl Body {
    /// The text or HTML source.
    pub fn as_str(&self) -> &str {
        match self {
            Body::Text(s) | Body::Html(s) => s,
        }
    }

    /// Takes the text or HTML source.
    pub fn into_string(self) -> String {
        match self {
            Body::Text(s) | Body::Html(s) => s,
        }
    }

    /// True for HTML.
    pub fn is_html(&self) -> bool {
        matches!(self, Body::Html(_))
    }
}

/// A document as read from its input, with the metadata the input carried.
#[derive(Debug, Clone, PartialEq)]
pub struct RawDocument {
    /// Stable id (see the crate docs for the rules).
    pub id: DocId,
    /// Where it was read: `path`, `path:12` (JSONL line), `path@1234` (WARC record offset),
    /// `<stdin>` (and `<stdin>:12`, `<stdin>@1234`).
    pub origin: String,
    /// The format of the input.
    pub format: Format,
    /// URL from the input (JSONL `url`, WARC `WARC-Target-URI`).
    pub url: Option<String>,
    /// Title from the input (JSONL `title`).
    pub title: Option<String>,
    /// Author from the input (JSONL `author`).
    pub author: Option<String>,
    /// Date from the input (JSONL `date`/`published`/…, WARC `WARC-Date` as a fallback).
    pub date: Option<PartialDate>,
    /// Publishing site from the input (JSONL `source`).
    pub site: Option<String>,
    /// The content.
    pub body: Body,
    /// Number of invalid byte sequences replaced with U+FFFD while decoding.
    pub repaired: usize,
}

/// A record or input that was not read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The input: a path or `<stdin>`.
    pub input: String,
    /// The record within the input when only one record was skipped: `line 12`,
    /// `record @1234`.
    pub record: Option<String>,
    /// Why it was skipped.
    pub reason: SkipReason,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.record {
            Some(r) => write!(f, "{} ({}): {}", self.input, r, self.reason),
            None => write!(f, "{}: {}", self.input, self.reason),
        }
    }
}

/// What the reader yields: a document, or a report of something skipped.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A document.
    Doc(RawDocument),
    /// A skipped input or record.
    Skip(Skip),
}

/// Streams every document of every input, in order.
///
/// Never panics; memory is bounded (one record at a time, records capped by
/// [`ReadOptions::max_record_bytes`]). The iterator is `Send + 'static` so it can run in a
/// reader thread.
pub fn read_inputs(inputs: Vec<Input>, opts: ReadOptions) -> ReadIter {
    ReadIter::new(inputs, opts)
}

/// Where records come from: the input's display name and its path-derived id base.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// Path or `<stdin>`.
    pub input: String,
    /// Path-derived id base; `None` for stdin (ids come from content hashes).
    pub base: Option<String>,
}

impl Origin {
    pub(crate) fn skip(&self, record: Option<String>, reason: SkipReason) -> Item {
        Item::Skip(Skip {
            input: self.input.clone(),
            record,
            reason,
        })
    }
}
