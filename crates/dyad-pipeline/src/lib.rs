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
use dyad_code::Coder;
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
    /// The event coder; `None` skips coding (benchmarks of the earlier stages).
    pub coder: Option<&'static Coder>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            read: ReadOptions::default(),
            default_date: None,
            batch_size: 512,
            limit: None,
            near_dup: dyad_dedup::Params::default(),
            coder: None,
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

/// A document between cleaning and splitting: what was read, and what cleaning made of it.
pub struct Staged {
    raw: RawDocument,
    cleaned: dyad_clean::Cleaned,
}

impl Staged {
    /// The key template lines are counted under: the site, else the URL's host.
    fn site_key(&self) -> Option<String> {
        self.raw
            .site
            .clone()
            .or_else(|| self.cleaned.site.clone())
            .or_else(|| {
                self.raw
                    .url
                    .as_deref()
                    .and_then(url_host)
                    .map(str::to_owned)
            })
    }
}

/// The host of an absolute URL ("https://example.org/a" → "example.org").
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    (!host.is_empty()).then_some(host)
}

/// Cleaning: the parallel first half of processing a document.
pub fn clean(mut raw: RawDocument) -> Staged {
    let body = std::mem::replace(&mut raw.body, Body::Text(String::new()));
    let cleaned = match &body {
        Body::Text(t) => {
            let mut c = dyad_clean::clean_text(t);
            // Scraped text has no metadata: the page's own dateline, if it shows one.
            c.date = c.date.or_else(|| dyad_recognise::dateline_date(t));
            c
        }
        Body::Html(h) => dyad_clean::clean_html(h, raw.url.as_deref()),
    };
    Staged { raw, cleaned }
}

/// Metadata merge, signature, sentence split and event coding: the parallel second half.
///
/// Input metadata wins over what the page says about itself (HTML metadata, or a scraped
/// text's dateline); `default_date` fills in last.
/// Only English documents (or those whose language is unknown) are coded: the dictionaries
/// are English. Returns `Err` with a reason when nothing usable is left.
pub fn finish(
    staged: Staged,
    default_date: Option<PartialDate>,
    near_dup: &dyad_dedup::Params,
    splitter: &Splitter,
    coder: Option<&Coder>,
) -> Result<Document, String> {
    let Staged { raw, cleaned } = staged;
    if cleaned.text.trim().is_empty() {
        return Err(
            "no text left after cleaning (an empty page, only markup or only boilerplate)"
                .to_owned(),
        );
    }
    let sentences = splitter.sentences(&cleaned.text);
    let minhash = dyad_dedup::minhash(&cleaned.text, near_dup);
    let date = raw.date.or(cleaned.date).or(default_date);
    let english = cleaned.language.as_deref().is_none_or(|l| l == "en");
    let analysis = match coder {
        Some(c) if english => c.analyse_document(
            sentences
                .iter()
                .map(|s| (s.span.start, s.text(&cleaned.text))),
            date,
        ),
        _ => Default::default(),
    };
    Ok(Document {
        id: raw.id,
        url: raw.url.or(cleaned.url),
        title: raw.title.or(cleaned.title),
        author: raw.author.or(cleaned.author),
        date,
        site: raw.site.or(cleaned.site),
        language: cleaned.language,
        content_hash: content_hash(&cleaned.text),
        clean_text: cleaned.text,
        duplicate_of: None,
        minhash,
        sentences,
        events: analysis.events,
        quantities: analysis.quantities,
        origin: raw.origin,
        repaired: raw.repaired,
    })
}

fn body_len(raw: &RawDocument) -> usize {
    raw.body.as_str().len()
}

/// Runs `f`, turning a panic into a skip of `input`.
fn guarded<T>(input: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, Skipped> {
    let skipped = |reason| Skipped {
        input: input.to_owned(),
        record: None,
        reason,
    };
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(reason)) => Err(skipped(reason)),
        Err(panic) => Err(skipped(format!(
            "internal error while processing ({}); the rest of the run is unaffected — please report it",
            panic_message(&panic)
        ))),
    }
}

fn read_skip(s: dyad_read::Skip) -> Skipped {
    Skipped {
        input: s.input,
        record: s.record,
        reason: s.reason.to_string(),
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
            // Template lines are learnt in input order, so this state stays on one thread.
            let mut templates = dyad_clean::SiteTemplates::new();
            for chunk in raw_rx {
                let cleaned: Vec<Result<(Staged, usize), Skipped>> = chunk
                    .into_par_iter()
                    .map(|item| match item {
                        Item::Skip(s) => Err(read_skip(s)),
                        Item::Doc(raw) => {
                            let bytes = body_len(&raw);
                            let origin = raw.origin.clone();
                            guarded(&origin, || Ok((clean(raw), bytes)))
                        }
                    })
                    .collect();
                let staged: Vec<_> = cleaned
                    .into_iter()
                    .map(|r| {
                        r.map(|(mut st, bytes)| {
                            if let Some(site) = st.site_key() {
                                templates.filter(&site, &mut st.cleaned);
                            }
                            (st, bytes)
                        })
                    })
                    .collect();
                let results: Vec<_> = staged
                    .into_par_iter()
                    .map(|r| {
                        r.and_then(|(st, bytes)| {
                            let origin = st.raw.origin.clone();
                            guarded(&origin, || {
                                finish(st, opts.default_date, &opts.near_dup, splitter, opts.coder)
                            })
                            .map(|doc| (doc, bytes))
                        })
                    })
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
