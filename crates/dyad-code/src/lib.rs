//! The event-coding stage of dyad.
//!
//! So far this crate holds the code table every coded event is looked up in: the 311 CAMEO
//! 1.1b3 codes with QuadClass, Goldstein weight and PLOVER type/mode/context, loaded from
//! `data/cameo.tsv` (embedded; [`CodeTable::parse`] reads a user's copy). The dictionary-driven
//! coder itself is the coder issue's work and will live here.

mod table;

pub use table::{CodeInfo, CodeTable, TableError};
