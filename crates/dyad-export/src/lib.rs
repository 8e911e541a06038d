//! Exports of dyad's merged events ([`EventRecord`]) and readers for them.
//!
//! Five formats, each documented column by column in `FORMATS.md` beside this crate:
//!
//! - [`Format::Gdelt`]: the GDELT 2.0 event table's 61 tab-separated columns in their order, no
//!   header; fields dyad does not know (geography, tone, ethnicity, religion) are empty.
//! - [`Format::Plover`]: one PLOVER JSON record per line (id, date, actor and recipient lists,
//!   event, mode, context, text, source), plus dyad's counts.
//! - [`Format::Csv`]: one row per event with a header, the columns of [`COLUMNS`].
//! - [`Format::Jsonl`]: one [`EventRecord`] as JSON per line, every field.
//! - [`Format::Parquet`]: the [`COLUMNS`] as a typed Arrow schema (cargo feature `parquet`).
//!
//! Writers stream: [`Exporter::write`] takes one event at a time, so an export of millions of
//! events holds only one Parquet row group in memory. [`read`] parses each format back, so every
//! export has a round-trip test.

mod flat;
mod gdelt;
#[cfg(feature = "parquet")]
mod parquet_io;
mod plover;

pub use flat::COLUMNS;
pub use gdelt::GDELT_COLUMNS;
pub use plover::{PloverActor, PloverRecord, PloverSource};

use dyad_core::EventRecord;
use std::fmt;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::str::FromStr;

/// Why an export or a read failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing or reading the stream failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer or reader failed.
    #[error("CSV error: {0}")]
    Csv(#[from] csv::Error),
    /// A JSON record could not be written or parsed.
    #[error("JSON error on line {line}: {source}")]
    Json {
        /// Line of the input (1-based), 0 when writing.
        line: u64,
        /// The parser's complaint.
        source: serde_json::Error,
    },
    /// A row of an export could not be read back.
    #[error("line {line}: {message}")]
    Parse {
        /// Line or row number (1-based).
        line: u64,
        /// What was wrong.
        message: String,
    },
    /// The Parquet writer or reader failed.
    #[error("Parquet error: {0}")]
    Parquet(String),
    /// Parquet was asked for but this build left it out.
    #[error(
        "this dyad was built without Parquet support; rebuild with `cargo install --path crates/dyad --features parquet` or export `--format csv`"
    )]
    NoParquet,
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GDELT 2.0 event table, tab-separated.
    Gdelt,
    /// PLOVER JSON records, one per line.
    Plover,
    /// Comma-separated with a header.
    Csv,
    /// dyad's event records as JSON lines.
    Jsonl,
    /// Apache Parquet.
    Parquet,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: [Format; 5] = [
        Format::Gdelt,
        Format::Plover,
        Format::Csv,
        Format::Jsonl,
        Format::Parquet,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Gdelt => "gdelt",
            Format::Plover => "plover",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
            Format::Parquet => "parquet",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Gdelt => "tsv",
            Format::Plover | Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// True when this build can write the format (Parquet needs the `parquet` feature).
    pub fn available(self) -> bool {
        self != Format::Parquet || cfg!(feature = "parquet")
    }

    /// True for binary formats, which should not be written to a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown export format {0:?}: use gdelt, plover, csv, jsonl or parquet")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

enum Sink<W: Write + Send> {
    Gdelt(BufWriter<W>),
    Plover(BufWriter<W>),
    Csv(Box<csv::Writer<W>>),
    Jsonl(BufWriter<W>),
    #[cfg(feature = "parquet")]
    Parquet(Box<parquet_io::ParquetSink<W>>),
}

/// A streaming writer of events in one format.
pub struct Exporter<W: Write + Send> {
    sink: Sink<W>,
    written: u64,
}

impl<W: Write + Send> Exporter<W> {
    /// Starts an export (CSV writes its header now).
    pub fn new(format: Format, writer: W) -> Result<Self, ExportError> {
        let sink = match format {
            Format::Gdelt => Sink::Gdelt(BufWriter::new(writer)),
            Format::Plover => Sink::Plover(BufWriter::new(writer)),
            Format::Jsonl => Sink::Jsonl(BufWriter::new(writer)),
            Format::Csv => {
                let mut w = csv::Writer::from_writer(writer);
                w.write_record(COLUMNS)?;
                Sink::Csv(Box::new(w))
            }
            #[cfg(feature = "parquet")]
            Format::Parquet => Sink::Parquet(Box::new(parquet_io::ParquetSink::new(writer)?)),
            #[cfg(not(feature = "parquet"))]
            Format::Parquet => return Err(ExportError::NoParquet),
        };
        Ok(Exporter { sink, written: 0 })
    }

    /// Writes one event.
    pub fn write(&mut self, e: &EventRecord) -> Result<(), ExportError> {
        let json = |source| ExportError::Json { line: 0, source };
        match &mut self.sink {
            Sink::Gdelt(w) => gdelt::write_row(w, e)?,
            Sink::Plover(w) => {
                serde_json::to_writer(&mut *w, &PloverRecord::from_event(e)).map_err(json)?;
                w.write_all(b"\n")?;
            }
            Sink::Jsonl(w) => {
                serde_json::to_writer(&mut *w, e).map_err(json)?;
                w.write_all(b"\n")?;
            }
            Sink::Csv(w) => w.write_record(flat::fields(e))?,
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.push(e)?,
        }
        self.written += 1;
        Ok(())
    }

    /// Flushes everything (Parquet writes its footer) and returns the count of events written.
    pub fn finish(self) -> Result<u64, ExportError> {
        match self.sink {
            Sink::Gdelt(mut w) | Sink::Plover(mut w) | Sink::Jsonl(mut w) => w.flush()?,
            Sink::Csv(mut w) => w.flush()?,
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.finish()?,
        }
        Ok(self.written)
    }
}

/// Reads an export back into event records.
///
/// GDELT and PLOVER carry fewer fields than an [`EventRecord`]; what they leave out comes back
/// empty or derived, as `FORMATS.md` lists.
pub fn read(format: Format, reader: impl Read) -> Result<Vec<EventRecord>, ExportError> {
    match format {
        Format::Gdelt => gdelt::read(BufReader::new(reader)),
        Format::Csv => flat::read_csv(reader),
        Format::Jsonl => read_json_lines(reader, |line| serde_json::from_str::<EventRecord>(line)),
        Format::Plover => {
            read_json_lines(reader, |line| serde_json::from_str::<PloverRecord>(line))?
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    r.into_event().map_err(|message| ExportError::Parse {
                        line: i as u64 + 1,
                        message,
                    })
                })
                .collect()
        }
        #[cfg(feature = "parquet")]
        Format::Parquet => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            reader.read_to_end(&mut bytes)?;
            parquet_io::read(bytes)
        }
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => Err(ExportError::NoParquet),
    }
}

fn read_json_lines<T>(
    reader: impl Read,
    parse: impl Fn(&str) -> Result<T, serde_json::Error>,
) -> Result<Vec<T>, ExportError> {
    let mut out = Vec::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(parse(&line).map_err(|source| ExportError::Json {
            line: i as u64 + 1,
            source,
        })?);
    }
    Ok(out)
}

/// PLOVER type, mode and contexts of a CAMEO code from the built-in crosswalk.
pub(crate) fn plover_contexts(code: &dyad_core::CameoCode) -> Vec<String> {
    dyad_code::CodeTable::builtin()
        .get(code)
        .map(|info| info.context.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
