//! The event-coding stage of dyad.
//!
//! - [`CodeTable`]: the 311 CAMEO 1.1b3 codes with QuadClass, Goldstein weight and PLOVER
//!   type/mode/context, loaded from `data/cameo.tsv`.
//! - [`VerbDictionary`]: the verb patterns that say which event a sentence states
//!   (`data/verbs/*.txt`), the discards that must not code, and the inflector.
//!
//! - [`IntentTable`]: what a future or intended act codes as (`data/intent.tsv`).
//! - [`Coder`]: sentence → events (source, target, CAMEO code, PLOVER, trigger, object,
//!   rule), with a [`Trace`] of every decision for `dyad explain`.
//!
//! The coding conventions are in `CODING.md`.

mod coder;
mod intent;
mod table;
mod tokens;
mod verbs;

pub use coder::{Analysis, Coder, CoderError, CoderOptions, DocContext, Mention, Trace};
pub use intent::{IntentError, IntentTable, BUILTIN_INTENT};
pub use table::{CodeInfo, CodeTable, TableError};
pub use verbs::{
    parse_options, parse_pattern, parse_verbs, CodeBy, CommaClauses, DefaultActor, DictOptions,
    Element, Flags, Inflector, Pattern, VerbDictionary, VerbError, BUILTIN_DISCARDS,
    BUILTIN_IRREGULAR, BUILTIN_VERB_FILES, OPTIONS_FILE,
};
