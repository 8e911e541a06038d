//! Runs dyad's stages in order — read → clean → deduplicate (signatures) → split (→ recognise
//! → code, as they land) — in parallel and with bounded memory.
//!
//! One reader thread streams raw documents in input order and groups them into chunks; a
//! worker thread processes each chunk with rayon across all cores; the caller receives
//! processed [`Batch`]es in input order and stores or prints them while the next chunk is being
//! worked on. At most a few chunks are in flight, so memory does not grow with corpus size.
//! A panic while processing one document (a bug, or a dependency choking on odd HTML) skips that
//! document with a reason instead of ending the run.

use crossbeam_channel::bounded;
use dyad_core::{content_hash, Document, PartialDate};
use dyad_read::{Body, Input, Item, RawDocument, ReadOptions};
use dyad_text::Splitter;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::thread;

/// Input bytes after which a chunk is handed on even if it has fewer than `batch_size`
/// documents, so memory stays bounded for large pages too.
const MAX_CHUNK_BYTES: usize = 16 << 20;

/// How to run the pipeline.
#[derive(Debug, Clone)]
pub struct Options {
    /// Reader settings (record size limit).
    pub read: ReadOptions,
    /// Date for documents whose input gives none (`--date`).
    pub default_date: Option<PartialDate>,
    /// Documents per batch: one store transaction each.
    pub batch_size: usize,
    /// Stop after this many documents (skips do not count), for trials and benchmarks.
    pub limit: Option<usize>,
    /// Near-duplicate signature settings.
    pub near_dup: dyad_dedup::Params,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read: ReadOptions::default(),
            default_date: None,
            batch_size: 512,
            limit: None,
            near_dup: dyad_dedup::Params::default(),
        }
    }
}

/// An input or record the pipeline could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Path or `<stdin>`.
    pub input: String,
    /// Record within the input ("line 12"), if any.
    pub record: Option<String>,
    /// Why, in words for the user.
    pub reason: String,
}

/// Processed documents and skips, in input order.
#[derive(Debug, Default)]
pub struct Batch {
    /// Documents ready to store or print.
    pub documents: Vec<Document>,
    /// What could not be used.
    pub skipped: Vec<Skipped>,
    /// Bytes of input text behind `documents` (for throughput figures).
    pub bytes: usize,
}

/// Turns one raw document into a processed one: cleaning, metadata merge, sentence split.
///
/// Input metadata wins over what the page says about itself; `default_date` fills in last.
/// Returns `Err` with a reason when nothing usable is left.
pub fn process(
    raw: RawDocument,
    default_date: Option<PartialDate>,
    near_dup: &dyad_dedup::Params,
    splitter: &Splitter,
) -> Result<Document, String> {
    let cleaned = match &raw.body {
        Body::Text(t) => dyad_clean::clean_text(t),
        Body::Html(h) => dyad_clean::clean_html(h, raw.url.as_deref()),
    };
    if cleaned.text.trim().is_empty() {
        return Err("no text left after cleaning (an empty page or only markup)".to_owned());
    }
    let sentences = splitter.sentences(&cleaned.text);
    let minhash = dyad_dedup::minhash(&cleaned.text, near_dup);
    Ok(Document {
        id: raw.id,
        url: raw.url.or(cleaned.url),
        title: raw.title.or(cleaned.title),
        author: raw.author.or(cleaned.author),
        date: raw.date.or(cleaned.date).or(default_date),
        site: raw.site.or(cleaned.site),
        language: cleaned.language,
        content_hash: content_hash(&cleaned.text),
        clean_text: cleaned.text,
        duplicate_of: None,
        minhash,
        sentences,
        events: Vec::new(),
        quantities: Vec::new(),
        origin: raw.origin,
        repaired: raw.repaired,
    })
}

fn body_len(raw: &RawDocument) -> usize {
    match &raw.body {
        Body::Text(t) | Body::Html(t) => t.len(),
    }
}

/// Processes one item, turning a panic into a skip.
fn process_item(
    item: Item,
    opts: &Options,
    splitter: &Splitter,
) -> Result<(Document, usize), Skipped> {
    match item {
        Item::Skip(s) => Err(Skipped {
            input: s.input,
            record: s.record,
            reason: s.reason.to_string(),
        }),
        Item::Doc(raw) => {
            let input = raw.origin.clone();
            let bytes = body_len(&raw);
            match catch_unwind(AssertUnwindSafe(|| process(raw, opts.default_date, &opts.near_dup, splitter))) {
                Ok(Ok(doc)) => Ok((doc, bytes)),
                Ok(Err(reason)) => Err(Skipped {
                    input,
                    record: None,
                    reason,
                }),
                Err(panic) => Err(Skipped {
                    input,
                    record: None,
                    reason: format!(
                        "internal error while processing ({}); the rest of the run is unaffected — please report it",
                        panic_message(&panic)
                    ),
                }),
            }
        }
    }
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_owned())
}

/// Runs the pipeline over `inputs`, handing each processed batch to `sink` in input order.
///
/// Stops at the first error `sink` returns and passes it on; everything before it was handed
/// over complete.
pub fn run<E>(
    inputs: Vec<Input>,
    opts: &Options,
    splitter: &Splitter,
    mut sink: impl FnMut(Batch) -> Result<(), E>,
) -> Result<(), E> {
    let batch_size = opts.batch_size.max(1);
    // Two chunks in each queue keep every stage busy without letting memory grow.
    let (raw_tx, raw_rx) = bounded::<Vec<Item>>(2);
    let (out_tx, out_rx) = bounded::<Batch>(2);
    let read_opts = opts.read;
    let limit = opts.limit;
    thread::scope(|scope| {
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(batch_size);
            let mut chunk_bytes = 0usize;
            let mut docs = 0usize;
            for item in dyad_read::read_inputs(inputs, read_opts) {
                if let Item::Doc(d) = &item {
                    if limit.is_some_and(|l| docs >= l) {
                        break;
                    }
                    docs += 1;
                    chunk_bytes += body_len(d);
                }
                chunk.push(item);
                // Big HTML pages fill memory long before `batch_size` documents do.
                if chunk.len() == batch_size || chunk_bytes >= MAX_CHUNK_BYTES {
                    chunk_bytes = 0;
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(batch_size));
                    if raw_tx.send(full).is_err() {
                        return; // the consumer stopped
                    }
                }
            }
            if !chunk.is_empty() {
                let _ = raw_tx.send(chunk);
            }
        });
        scope.spawn(move || {
            for chunk in raw_rx {
                let results: Vec<_> = chunk
                    .into_par_iter()
                    .map(|item| process_item(item, opts, splitter))
                    .collect();
                let mut batch = Batch::default();
                for r in results {
                    match r {
                        Ok((doc, bytes)) => {
                            batch.bytes += bytes;
                            batch.documents.push(doc);
                        }
                        Err(s) => batch.skipped.push(s),
                    }
                }
                if out_tx.send(batch).is_err() {
                    return;
                }
            }
        });
        // Dropping the receiver on error unblocks and ends both threads.
        for batch in out_rx {
            sink(batch)?;
        }
        Ok(())
    })
}

/// How many threads process documents in parallel (rayon's global pool).
pub fn worker_threads() -> usize {
    rayon::current_num_threads()
}
