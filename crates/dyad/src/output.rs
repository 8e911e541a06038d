//! Shared output helpers: reading options from arguments, skip reports.

use crate::cli::InputArgs;
use dyad_pipeline::{Options, Skipped};
use dyad_read::{Input, ReadOptions};
use std::collections::BTreeMap;

/// Pipeline options from the common input arguments.
pub fn pipeline_options(args: &InputArgs, batch_size: usize) -> anyhow::Result<Options> {
    Ok(Options {
        read: ReadOptions {
            max_record_bytes: args.max_record_mib.saturating_mul(1 << 20),
        },
        default_date: args.date,
        batch_size,
        limit: args.limit,
        near_dup: dyad_dedup::Params {
            threshold: args.near_dup_threshold,
            ..dyad_dedup::Params::default()
        },
        coder: Some(crate::dict::coder(
            args.dictionaries.as_deref(),
            args.replace_dictionaries,
        )?),
    })
}

/// The inputs named on the command line.
pub fn inputs(paths: &[String]) -> Vec<Input> {
    paths.iter().map(|p| Input::from_arg(p)).collect()
}

/// The store's record of a skip.
pub fn skip_record(s: &Skipped) -> dyad_store::SkipRecord {
    dyad_store::SkipRecord {
        input: s.input.clone(),
        record: s.record.clone(),
        reason: s.reason.clone(),
    }
}

/// One line naming a skipped input or record and why.
pub fn skip_line(s: &Skipped) -> String {
    match &s.record {
        Some(r) => format!("skipped {} ({r}): {}", s.input, s.reason),
        None => format!("skipped {}: {}", s.input, s.reason),
    }
}

/// Counts skips by reason kind (the reason up to its first colon) for the summary.
#[derive(Default)]
pub struct SkipTally {
    by_reason: BTreeMap<String, usize>,
    total: usize,
}

impl SkipTally {
    pub fn add(&mut self, s: &Skipped) {
        let kind = s.reason.split(':').next().unwrap_or(&s.reason).trim();
        *self.by_reason.entry(kind.to_owned()).or_default() += 1;
        self.total += 1;
    }

    pub fn total(&self) -> usize {
        self.total
    }

    /// Summary lines, most frequent reason first.
    pub fn lines(&self) -> Vec<String> {
        let mut v: Vec<_> = self.by_reason.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.into_iter()
            .map(|(reason, n)| format!("  {n:>8}  {reason}"))
            .collect()
    }
}

/// True when the error is a closed stdout (`| head`), which is not worth reporting.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
