//! The shared data model of dyad.
//!
//! Every pipeline stage (read → clean → split → recognise → code → store → serve) speaks in
//! these types. They are deliberately small and free of I/O so that each stage crate depends on
//! this one and nothing else of dyad's.
//!
//! The JSON shape of [`DocumentRecord`] is the `dyad extract` contract of SPEC §4: evaluation
//! tools read it, so field names and order are stable.

mod codes;
mod date;
mod document;
mod event;
mod hash;
mod ids;
mod minhash;

pub use codes::{ActorCode, CameoCode, CodeError, QuadClass};
pub use date::{DateError, DatePrecision, PartialDate, PrecisionError};
pub use document::{Document, DocumentRecord, Sentence, SentenceRecord, Span};
pub use event::{Actor, Event, EventActor, EventRecord, Plover, Qualifier, Quantity, TextSpan};
pub use hash::{content_hash, short_hash};
pub use ids::DocId;
pub use minhash::MinHash;
