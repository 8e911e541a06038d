use crate::{Store, StoreError};
use dyad_core::{Actor, DocId, Document, Event};
use rusqlite::{params, OptionalExtension, Transaction};

/// Id of an ingest run (a row of `runs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunId(pub i64);

/// An input or record that could not be used, as recorded in `skipped`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkipRecord {
    /// The path or `<stdin>`.
    pub input: String,
    /// The record within it ("line 12"), if any.
    pub record: Option<String>,
    /// Why it was skipped.
    pub reason: String,
}

/// What one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// New documents stored.
    pub stored: usize,
    /// Of the new documents, exact duplicates of earlier ones.
    pub duplicates: usize,
    /// Of the new documents, near duplicates of earlier ones (not counted in `duplicates`).
    pub near_duplicates: usize,
    /// Documents already in the store with the same content, left as they were.
    pub unchanged: usize,
    /// New documents whose id was taken by other content, stored as `id@hash`.
    pub renamed: usize,
    /// Sentences stored.
    pub sentences: usize,
    /// Event mentions stored.
    pub mentions: usize,
    /// Quantities stored.
    pub quantities: usize,
    /// Events created by merging the batch's mentions.
    pub events: usize,
    /// Mentions that joined an event already stored (or created earlier in the batch).
    pub merged: usize,
}

impl BatchOutcome {
    /// Adds another batch's counts to these.
    pub fn add(&mut self, other: &BatchOutcome) {
        self.stored += other.stored;
        self.duplicates += other.duplicates;
        self.near_duplicates += other.near_duplicates;
        self.unchanged += other.unchanged;
        self.renamed += other.renamed;
        self.sentences += other.sentences;
        self.mentions += other.mentions;
        self.quantities += other.quantities;
        self.events += other.events;
        self.merged += other.merged;
    }
}

/// Totals recorded on a run when it finishes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunTotals {
    /// Everything the run's batches did.
    pub outcome: BatchOutcome,
    /// Inputs and records skipped.
    pub skipped: usize,
}

impl Store {
    /// Records the start of an ingest run.
    pub fn begin_run(&mut self, command: &str) -> Result<RunId, StoreError> {
        self.conn.execute(
            "INSERT INTO runs (started_at, status, command, dyad_version)
             VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'running', ?1, ?2)",
            params![command, env!("CARGO_PKG_VERSION")],
        )?;
        Ok(RunId(self.conn.last_insert_rowid()))
    }

    /// Records the end of a run with its totals.
    pub fn finish_run(
        &mut self,
        run: RunId,
        totals: &RunTotals,
        ok: bool,
    ) -> Result<(), StoreError> {
        let o = &totals.outcome;
        self.conn.execute(
            "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), status = ?2,
                 documents = ?3, duplicates = ?4, unchanged = ?5, sentences = ?6, skipped = ?7
             WHERE id = ?1",
            params![
                run.0,
                if ok { "complete" } else { "failed" },
                o.stored as i64,
                (o.duplicates + o.near_duplicates) as i64,
                o.unchanged as i64,
                o.sentences as i64,
                totals.skipped as i64
            ],
        )?;
        Ok(())
    }

    /// Writes documents (with their sentences, mentions, quantities and index entries) and skip
    /// records in one transaction. Safe to repeat: stored documents are recognised by id and
    /// content.
    pub fn write_batch(
        &mut self,
        run: RunId,
        docs: &[Document],
        skips: &[SkipRecord],
    ) -> Result<BatchOutcome, StoreError> {
        let tx = self.conn.transaction()?;
        let mut out = BatchOutcome::default();
        let mut indexed = Vec::with_capacity(docs.len());
        for doc in docs {
            if let Some(pk) = write_document(&tx, run, doc, &self.near_dup, &mut out)? {
                indexed.push((pk, doc));
            }
        }
        let merged = crate::resolve::resolve_pending(&tx, &self.merge_rules)?;
        out.events += merged.created;
        out.merged += merged.attached;
        // Full-text entries go last, after every statement that might open a savepoint: FTS5
        // flushes its pending terms at each one, which made ingest several times slower.
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO documents_fts (rowid, title, clean_text) VALUES (?1, ?2, ?3)",
            )?;
            for (pk, doc) in indexed {
                stmt.execute(params![
                    pk,
                    doc.title.as_deref().unwrap_or(""),
                    doc.clean_text
                ])?;
            }
        }
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO skipped (run_id, input, record, reason) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for s in skips {
                stmt.execute(params![run.0, s.input, s.record, s.reason])?;
            }
        }
        tx.commit()?;
        Ok(out)
    }
}

/// What the store already holds under an id.
fn stored_hash(tx: &Transaction<'_>, id: &str) -> Result<Option<String>, StoreError> {
    Ok(tx
        .prepare_cached("SELECT content_hash FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

fn write_document(
    tx: &Transaction<'_>,
    run: RunId,
    doc: &Document,
    near: &dyad_dedup::Params,
    out: &mut BatchOutcome,
) -> Result<Option<i64>, StoreError> {
    let mut id = doc.id.clone();
    match stored_hash(tx, id.as_str())? {
        Some(h) if h == doc.content_hash => {
            out.unchanged += 1;
            return Ok(None);
        }
        Some(_) => {
            // Same id, other text (an edited page, two files of one name): keep both.
            id = DocId::new(format!("{}@{}", id, &doc.content_hash[..8]));
            if stored_hash(tx, id.as_str())?.is_some() {
                out.unchanged += 1;
                return Ok(None);
            }
            out.renamed += 1;
        }
        None => {}
    }

    let exact: Option<String> = match &doc.duplicate_of {
        Some(d) => Some(d.as_str().to_owned()),
        None => tx
            .prepare_cached(
                "SELECT id FROM documents WHERE content_hash = ?1 AND duplicate_of IS NULL LIMIT 1",
            )?
            .query_row([&doc.content_hash], |r| r.get(0))
            .optional()?,
    };
    let band_keys = doc
        .minhash
        .as_ref()
        .map(|m| m.band_keys(near.bands, near.rows))
        .unwrap_or_default();
    let (duplicate_of, similarity) = match exact {
        Some(id) => (Some(id), Some(1.0)),
        None => match nearest(tx, doc, &band_keys, near.threshold)? {
            Some((id, sim)) => {
                out.near_duplicates += 1;
                (Some(id), Some(sim))
            }
            None => (None, None),
        },
    };
    let original = duplicate_of.is_none();
    // A duplicate keeps only the sentences its mentions come from: its events count as
    // further mentions of its original's (SPEC §2), and need their sentence for provenance.
    let kept: Vec<&dyad_core::Sentence> = if original {
        doc.sentences.iter().collect()
    } else {
        let used: std::collections::BTreeSet<u32> =
            doc.events.iter().map(|e| e.sentence_index).collect();
        doc.sentences
            .iter()
            .filter(|s| used.contains(&s.index))
            .collect()
    };
    let sentence_count = kept.len();

    tx.prepare_cached(
        "INSERT INTO documents (id, url, title, author, date, site, language, clean_text,
             content_hash, duplicate_of, sentence_count, origin, repaired, run_id, ingested_at,
             minhash, similarity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
             strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?15, ?16)",
    )?
    .execute(params![
        id.as_str(),
        doc.url,
        doc.title,
        doc.author,
        doc.date.map(|d| d.to_string()),
        doc.site,
        doc.language,
        doc.clean_text,
        doc.content_hash,
        duplicate_of,
        sentence_count as i64,
        doc.origin,
        doc.repaired as i64,
        run.0,
        doc.minhash.as_ref().map(|m| m.to_bytes()),
        similarity,
    ])?;
    out.stored += 1;
    let pk = tx.last_insert_rowid();
    write_sentences(tx, id.as_str(), doc, &kept)?;
    out.sentences += kept.len();
    for event in &doc.events {
        write_mention(tx, id.as_str(), event)?;
    }
    out.mentions += doc.events.len();
    if !original {
        if similarity == Some(1.0) {
            out.duplicates += 1;
        }
        // Indexed like every row of the external-content table, so FTS5's integrity check
        // holds; search leaves duplicates out.
        return Ok(Some(pk));
    }
    if !band_keys.is_empty() {
        // Single-row statements on purpose: a multi-row insert needs a statement journal, and
        // every statement savepoint makes FTS5 flush its pending terms (measured: 3× slower).
        let mut stmt =
            tx.prepare_cached("INSERT OR IGNORE INTO doc_bands (band, doc_pk) VALUES (?1, ?2)")?;
        for key in &band_keys {
            stmt.execute(params![key, pk])?;
        }
    }

    let mut stmt = tx.prepare_cached(
        "INSERT INTO quantities (doc_id, sentence_idx, text, value, unit, qualifier, measure, start, end,
             value_max, per, actors, date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for q in &doc.quantities {
        let qualifier = q.qualifier.as_str();
        stmt.execute(params![
            id.as_str(),
            q.sentence_index,
            q.text,
            q.value,
            q.unit,
            qualifier,
            q.measure,
            q.start as i64,
            q.end as i64,
            q.max,
            q.per,
            (!q.actors.is_empty()).then(|| q.actors.join(" ")),
            q.date.or(doc.date).map(|d| d.to_string()),
        ])?;
    }
    out.quantities += doc.quantities.len();
    Ok(Some(pk))
}

fn write_sentences(
    tx: &Transaction<'_>,
    id: &str,
    doc: &Document,
    sentences: &[&dyad_core::Sentence],
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO sentences (doc_id, idx, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for s in sentences {
        stmt.execute(params![
            id,
            s.index,
            s.span.start as i64,
            s.span.end as i64,
            s.text(&doc.clean_text)
        ])?;
    }
    Ok(())
}

/// The most similar stored original sharing an LSH band with `doc`, if it reaches `threshold`.
fn nearest(
    tx: &Transaction<'_>,
    doc: &Document,
    band_keys: &[i64],
    threshold: f64,
) -> Result<Option<(String, f64)>, StoreError> {
    let Some(sig) = &doc.minhash else {
        return Ok(None);
    };
    if band_keys.is_empty() {
        return Ok(None);
    }
    // One statement per document: SQLite probes the index for every key itself.
    let sql = format!(
        "SELECT DISTINCT d.id, d.minhash FROM doc_bands b JOIN documents d ON d.pk = b.doc_pk
         WHERE b.band IN ({}) LIMIT {MAX_CANDIDATES}",
        placeholders(band_keys.len())
    );
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(band_keys), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<Vec<u8>>>(1)?))
    })?;
    let mut best: Option<(String, f64)> = None;
    for row in rows {
        let (id, bytes) = row?;
        let Some(bytes) = bytes else { continue };
        let sim = sig.similarity(&dyad_core::MinHash::from_bytes(&bytes));
        if sim >= threshold && best.as_ref().is_none_or(|(_, b)| sim > *b) {
            best = Some((id, sim));
        }
    }
    Ok(best)
}

/// Most candidates compared per document. Template-heavy corpora can fill one LSH bucket with
/// thousands of documents; comparing them all would make ingest quadratic, so the check is
/// bounded (a near duplicate sharing only an overfull bucket may then go unnoticed).
const MAX_CANDIDATES: usize = 256;

/// `?, ?, …` for `n` parameters.
fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// The `actors` row for an actor, created on first sight.
fn actor_id(tx: &Transaction<'_>, actor: &Actor) -> Result<i64, StoreError> {
    let code = actor.code.as_ref().map(|c| c.as_str());
    let name = actor.name.as_deref().unwrap_or(&actor.text);
    tx.prepare_cached(
        "INSERT INTO actors (code, country, sector, name) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (code, name) DO NOTHING",
    )?
    .execute(params![code, actor.country, actor.sector, name])?;
    Ok(tx
        .prepare_cached("SELECT id FROM actors WHERE code IS ?1 AND name = ?2")?
        .query_row(params![code, name], |r| r.get(0))?)
}

fn write_mention(tx: &Transaction<'_>, doc_id: &str, e: &Event) -> Result<(), StoreError> {
    let source = e.source.as_ref().map(|a| actor_id(tx, a)).transpose()?;
    let target = e.target.as_ref().map(|a| actor_id(tx, a)).transpose()?;
    let precision = e.date_precision.as_str();
    tx.prepare_cached(
        "INSERT INTO mentions (doc_id, sentence_idx,
             source_actor, source_text, source_start, source_end,
             target_actor, target_text, target_start, target_end,
             cameo, root, quad_class, goldstein, plover_type, plover_mode,
             date, date_precision, date_text, trigger_text, trigger_start, trigger_end,
             object_text, object_start, object_end, negated, confidence, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
             ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28)",
    )?
    .execute(params![
        doc_id,
        e.sentence_index,
        source,
        e.source.as_ref().map(|a| a.text.as_str()),
        e.source.as_ref().map(|a| a.start as i64),
        e.source.as_ref().map(|a| a.end as i64),
        target,
        e.target.as_ref().map(|a| a.text.as_str()),
        e.target.as_ref().map(|a| a.start as i64),
        e.target.as_ref().map(|a| a.end as i64),
        e.cameo.as_str(),
        e.root,
        e.quad_class.number(),
        e.goldstein,
        e.plover.kind,
        e.plover.mode,
        e.date.map(|d| d.to_string()),
        precision,
        e.date_text,
        e.trigger.text,
        e.trigger.start as i64,
        e.trigger.end as i64,
        e.object.as_ref().map(|o| o.text.as_str()),
        e.object.as_ref().map(|o| o.start as i64),
        e.object.as_ref().map(|o| o.end as i64),
        e.negated,
        e.confidence,
        e.rule,
    ])?;
    Ok(())
}
