//! The recognition stage of dyad: dictionaries of actors and, later, the matcher that finds
//! them in sentences.
//!
//! Dictionaries are our own data files (`data/actors/*.txt`), embedded by default and
//! overridable by a directory. Each line is
//!
//! ```text
//! CODE | kind | variant; variant; … [| FROM..TO]
//! ```
//!
//! - `CODE` is a CAMEO actor code (`RUS`, `RUSGOV`, `IGOUNO`).
//! - `kind` says how the variants name the actor: `name` (the country or organisation
//!   itself), `adj` (adjective: "Russian"), `demonym` ("Russians"), `capital` and `seat`
//!   (a place standing for the government: "Moscow", "the Kremlin"), `person`, `org`, `agent`.
//! - Variants are written as they appear in text, separated by `;`.
//! - An optional date range bounds the entry (`2012-05-07..`, `..2008`, `2000-05-07..2008-05-07`),
//!   for people whose roles change.
//!
//! `#` starts a comment line; every file names its sources in comments. [`check`] reports
//! duplicates, conflicts, overlapping date ranges and unknown codes (`dyad dict check`).
//! [`Matcher`] finds the variants in text with one Aho-Corasick automaton (leftmost longest,
//! whole words, entries chosen by the document date).

mod dict;
mod matcher;
mod quantity;
mod time;
mod words;

pub use dict::{
    check, parse, DictError, Dictionary, Entry, Issue, IssueKind, Kind, Roles, BUILTIN_FILES,
};
pub use matcher::{ActorMatch, Matcher};
pub use quantity::{find_figures_and_dates, find_quantities, Figure};
pub use time::{dateline_date, find_dates, governing_date, TimeExpr, DATELINE_LINES};
