//! Dictionary import: PETRARCH-2 and TABARI dictionaries converted to dyad's own format, so
//! users who own them can switch without rewriting them (`dyad dict import`).
//!
//! An import reads the foreign files, converts what dyad can express and writes a dictionary
//! directory in dyad's layout (`actors/*.txt`, `verbs/*.txt`, `discards.txt`), which
//! `--dictionaries DIR` then loads. Nothing is dropped silently: every line that could not be
//! converted is in the [`Report`] with its file, line and reason.
//!
//! - [`petrarch`]: PETRARCH-2 (`*.actors.txt`, agents, `CAMEO.2.0.txt`-style verbs with
//!   synsets, discards).
//! - [`tabari`]: TABARI (`.actors`, `.verbs`, agents, options).

pub mod petrarch;
pub mod tabari;

use std::fmt;
use std::path::{Path, PathBuf};

/// The foreign dictionary formats dyad imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PETRARCH-2 (and the Phoenix dictionaries).
    Petrarch,
    /// TABARI (and KEDS-style `.actors` / `.verbs`).
    Tabari,
}

/// A line of a foreign dictionary that was not converted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file it is in.
    pub file: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// Why it was not converted (and, where there is one, what to do).
    pub reason: String,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
    }
}

/// What an import produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files written, relative to the output directory, with their count of entries
    /// (actor variants or patterns).
    pub written: Vec<(String, usize)>,
    /// Lines not converted.
    pub skipped: Vec<Skipped>,
}

/// Why an import failed as a whole (a single bad line is a [`Skipped`], not an error).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// An input file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// The output directory could not be written.
    #[error("cannot write {}: {source}; choose another --out directory", path.display())]
    Write {
        /// The file or directory.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// The input is not in the format asked for.
    #[error("{}: {reason}", path.display())]
    NotThisFormat {
        /// The file.
        path: PathBuf,
        /// What was expected and found.
        reason: String,
    },
}

/// Converts `inputs` of `format` into a dyad dictionary directory at `out`.
pub fn import(format: Format, inputs: &[PathBuf], out: &Path) -> Result<Report, ImportError> {
    match format {
        Format::Petrarch => petrarch::import(inputs, out),
        Format::Tabari => tabari::import(inputs, out),
    }
}

/// Reads a foreign dictionary file as text; these files are mostly ASCII but some carry
/// Latin-1 bytes, which are decoded as such rather than refused.
pub fn read_text(path: &Path) -> Result<String, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

/// Writes one output file under `out`, creating its directory.
pub fn write_file(out: &Path, rel: &str, text: &str) -> Result<(), ImportError> {
    let path = out.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| ImportError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(&path, text).map_err(|source| ImportError::Write { path, source })
}
