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

/// Two-digit years below this are 20xx, the others 19xx ("450703" is 1945-07-03, "010114"
/// 2001-01-14). Both formats' dictionaries date people's terms this way; one pivot for both
/// keeps an actor imported from either format dated alike.
const CENTURY_PIVOT: u32 = 30;

/// A dictionary date, `YYYYMMDD` or `YYMMDD` ([`CENTURY_PIVOT`]); `None` unless it is one of
/// those and a day of the calendar.
pub(crate) fn dictionary_date(s: &str) -> Option<chrono::NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, md) = match s.len() {
        8 => (s[..4].parse::<i32>().ok()?, &s[4..]),
        6 => {
            let yy: u32 = s[..2].parse().ok()?;
            let century = if yy < CENTURY_PIVOT { 2000 } else { 1900 };
            (i32::try_from(century + yy).ok()?, &s[2..])
        }
        _ => return None,
    };
    let month = md[..2].parse().ok()?;
    let day = md[2..].parse().ok()?;
    chrono::NaiveDate::from_ymd_opt(year, month, day)
}

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

#[cfg(test)]
mod tests {
    use super::dictionary_date;

    #[test]
    fn dictionary_dates_take_one_pivot() {
        let ymd = |s: &str| dictionary_date(s).map(|d| d.format("%Y-%m-%d").to_string());
        assert_eq!(ymd("450703").as_deref(), Some("1945-07-03"));
        assert_eq!(ymd("291231").as_deref(), Some("2029-12-31"));
        assert_eq!(ymd("300101").as_deref(), Some("1930-01-01"));
        assert_eq!(ymd("010114").as_deref(), Some("2001-01-14"));
        assert_eq!(ymd("18970101").as_deref(), Some("1897-01-01"));
        for bad in [
            "", "9506", "950231", "95o601", "1999123", "+50601", "20240230",
        ] {
            assert_eq!(ymd(bad), None, "{bad}");
        }
    }
}
