use std::io;

/// Why an input or a record was skipped. The message is meant for users: it names the problem
/// and, where there is one, the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    /// The path does not exist or cannot be opened or listed.
    #[error("cannot read: {error}; {hint}")]
    Unreadable {
        /// The operating system's message.
        error: String,
        /// What to check.
        hint: String,
    },
    /// A device, socket or pipe found while walking a directory.
    #[error("not a regular file (device, socket or pipe); only files are read from directories")]
    NotRegularFile,
    /// The file is empty or holds only whitespace.
    #[error("empty file")]
    Empty,
    /// A WARC record with no content once decoded.
    #[error("empty record: no text after decoding")]
    EmptyRecord,
    /// Not text: NUL bytes or many control characters.
    #[error("binary content, not text, HTML, JSONL or WARC; remove it from the inputs")]
    Binary,
    /// Over [`ReadOptions::max_record_bytes`](crate::ReadOptions::max_record_bytes).
    #[error("{}", too_large(*size, *limit))]
    TooLarge {
        /// Size in bytes when known (not for gzip content, which is not decompressed in full).
        size: Option<u64>,
        /// The limit in bytes.
        limit: usize,
    },
    /// The gzip stream ended early or holds corrupt data.
    #[error("gzip stream is truncated or corrupt: {detail}; {}", after_damage(*partial))]
    CorruptGzip {
        /// The decoder's message.
        detail: String,
        /// True when records before the damage were read.
        partial: bool,
    },
    /// An I/O error while reading.
    #[error("read error: {error}; {}", after_damage(*partial))]
    ReadFailed {
        /// The operating system's message.
        error: String,
        /// True when records before the error were read.
        partial: bool,
    },
    /// The input ends inside a record.
    #[error("input is truncated: {0}; the records before it were read")]
    Truncated(String),
    /// A JSONL line that is not valid JSON.
    #[error("malformed JSON: {0}; fix or remove the line")]
    MalformedJson(String),
    /// A JSONL line that is valid JSON but not an object.
    #[error(
        "not a JSON object; each line must be one object such as {{\"id\": \"…\", \"text\": \"…\"}}"
    )]
    NotJsonObject,
    /// A JSONL object without content.
    #[error("no text: the object has neither a non-empty \"text\" nor a non-empty \"html\" field")]
    NoText,
    /// A WARC record whose header cannot be parsed.
    #[error("malformed WARC record: {0}; skipped to the next record")]
    MalformedWarc(String),
    /// A WARC record type that is neither read nor known to be safe to ignore.
    #[error(
        "unsupported WARC record ({0}); only response, resource and conversion records are read"
    )]
    UnsupportedRecord(String),
    /// An HTTP response that is not `200 OK`.
    #[error("HTTP status {0}; only status 200 responses are read")]
    HttpStatus(u16),
    /// Content that is neither text nor HTML.
    #[error("not text or HTML ({0})")]
    NotTextOrHtml(String),
    /// A response block that is not a valid HTTP response.
    #[error("malformed HTTP response: {0}")]
    MalformedHttp(String),
    /// An HTTP `Content-Encoding` that is not supported.
    #[error("unsupported Content-Encoding {0:?}; only gzip and deflate are decoded")]
    UnsupportedEncoding(String),
    /// A bug in the reader, caught so the run goes on.
    #[error("internal error: {0}; this is a bug in dyad, please report it")]
    Internal(String),
}

fn too_large(size: Option<u64>, limit: usize) -> String {
    match size {
        Some(size) => format!(
            "too large: {size} bytes, over the limit of {limit} bytes; split it or raise the record size limit"
        ),
        None => format!(
            "too large: more than the limit of {limit} bytes; split it or raise the record size limit"
        ),
    }
}

fn after_damage(partial: bool) -> &'static str {
    if partial {
        "the records before the damage were read"
    } else {
        "the file was not read"
    }
}

impl SkipReason {
    /// A short stable label for grouping skips in summaries, such as `too-large` or `binary`.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::Unreadable { .. } => "unreadable",
            SkipReason::NotRegularFile => "not-a-file",
            SkipReason::Empty => "empty",
            SkipReason::EmptyRecord => "empty-record",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge { .. } => "too-large",
            SkipReason::CorruptGzip { .. } => "corrupt-gzip",
            SkipReason::ReadFailed { .. } => "read-error",
            SkipReason::Truncated(_) => "truncated",
            SkipReason::MalformedJson(_) => "malformed-json",
            SkipReason::NotJsonObject => "not-an-object",
            SkipReason::NoText => "no-text",
            SkipReason::MalformedWarc(_) => "malformed-warc",
            SkipReason::UnsupportedRecord(_) => "unsupported-record",
            SkipReason::HttpStatus(_) => "http-status",
            SkipReason::NotTextOrHtml(_) => "not-text",
            SkipReason::MalformedHttp(_) => "malformed-http",
            SkipReason::UnsupportedEncoding(_) => "unsupported-encoding",
            SkipReason::Internal(_) => "internal",
        }
    }

    /// An OS error opening or listing a path, with a hint matching its kind.
    pub(crate) fn unreadable(err: &io::Error) -> SkipReason {
        let hint = match err.kind() {
            io::ErrorKind::NotFound => "check the path (it does not exist)",
            io::ErrorKind::PermissionDenied => "check its permissions",
            _ => "check that it is a readable file or directory",
        };
        SkipReason::Unreadable {
            error: err.to_string(),
            hint: hint.to_string(),
        }
    }

    /// A read error part-way through an input; gzip errors are named as such.
    pub(crate) fn read_failure(err: &io::Error, partial: bool) -> SkipReason {
        match crate::source::gzip_detail(err) {
            Some(detail) => SkipReason::CorruptGzip { detail, partial },
            None => SkipReason::ReadFailed {
                error: err.to_string(),
                partial,
            },
        }
    }
}
