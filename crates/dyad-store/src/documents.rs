//! Documents as the dashboard and API show them: a page of the list, and one document with
//! its text, sentence offsets, event mentions and figures.

use crate::query::{QuantityRow, StoredDocument};
use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A sentence's place in its document's clean text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentenceSpan {
    /// Index in the document (from 0).
    pub index: u32,
    /// Byte offset of its first byte in `clean_text`.
    pub start: usize,
    /// Byte offset after its last byte.
    pub end: usize,
}

/// Words of a document and where they are (byte offsets into its clean text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spanned {
    /// The words as the mention records them.
    pub text: String,
    /// Start offset.
    pub start: usize,
    /// End offset.
    pub end: usize,
}

/// One coded mention in a document, with its spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MentionSpan {
    /// The event it was merged into (none for a negated mention).
    pub event_id: Option<i64>,
    /// Sentence index.
    pub sentence_index: u32,
    /// CAMEO code of this mention.
    pub cameo: String,
    /// Source actor code, if known.
    pub source_code: Option<String>,
    /// Target actor code, if known.
    pub target_code: Option<String>,
    /// The words that triggered it.
    pub trigger: Spanned,
    /// The source's words.
    pub source: Option<Spanned>,
    /// The target's words.
    pub target: Option<Spanned>,
    /// The dictionary rule that fired (`file:line`).
    pub rule: String,
}

/// A stored document with everything found in it ([`Store::document`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentDetail {
    /// Id, date, title, sentence count, duplicate link.
    #[serde(flatten)]
    pub document: StoredDocument,
    /// Where it was published.
    pub url: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Site.
    pub site: Option<String>,
    /// Language (ISO 639-1).
    pub language: Option<String>,
    /// The cleaned text all offsets point into.
    pub clean_text: String,
    /// Its sentences (for a duplicate, only those its mentions come from).
    pub sentences: Vec<SentenceSpan>,
    /// Its coded mentions, in text order.
    pub mentions: Vec<MentionSpan>,
    /// The figures it states, in text order.
    pub quantities: Vec<QuantityRow>,
}

fn spanned(text: Option<String>, start: Option<i64>, end: Option<i64>) -> Option<Spanned> {
    Some(Spanned {
        text: text?,
        start: usize::try_from(start?).ok()?,
        end: usize::try_from(end?).ok()?,
    })
}

impl Store {
    /// One page of the stored documents, newest first (undated last, then by id), and how
    /// many there are in all.
    pub fn documents(
        &self,
        limit: usize,
        offset: usize,
    ) -> Result<(usize, Vec<StoredDocument>), StoreError> {
        let total: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?;
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, date, title, sentence_count, duplicate_of FROM documents
                 ORDER BY date IS NULL, date DESC, id LIMIT ?1 OFFSET ?2",
            )?
            .query_map(
                params![
                    i64::try_from(limit).unwrap_or(i64::MAX),
                    i64::try_from(offset).unwrap_or(i64::MAX)
                ],
                |r| {
                    Ok(StoredDocument {
                        id: r.get(0)?,
                        date: r.get(1)?,
                        title: r.get(2)?,
                        sentences: r.get(3)?,
                        duplicate_of: r.get(4)?,
                    })
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((usize::try_from(total).unwrap_or(0), rows))
    }

    /// The document `id` with its text, sentences, mentions and figures; `None` if absent.
    pub fn document(&self, id: &str) -> Result<Option<DocumentDetail>, StoreError> {
        let Some(mut detail) = self
            .conn
            .prepare_cached(
                "SELECT id, date, title, sentence_count, duplicate_of, url, author, site,
                        language, clean_text
                 FROM documents WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(DocumentDetail {
                    document: StoredDocument {
                        id: r.get(0)?,
                        date: r.get(1)?,
                        title: r.get(2)?,
                        sentences: r.get(3)?,
                        duplicate_of: r.get(4)?,
                    },
                    url: r.get(5)?,
                    author: r.get(6)?,
                    site: r.get(7)?,
                    language: r.get(8)?,
                    clean_text: r.get(9)?,
                    sentences: Vec::new(),
                    mentions: Vec::new(),
                    quantities: Vec::new(),
                })
            })
            .optional()?
        else {
            return Ok(None);
        };
        detail.sentences = self
            .conn
            .prepare_cached("SELECT idx, start, end FROM sentences WHERE doc_id = ?1 ORDER BY idx")?
            .query_map([id], |r| {
                Ok(SentenceSpan {
                    index: r.get(0)?,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                })
            })?
            .collect::<Result<_, _>>()?;
        detail.mentions = self
            .conn
            .prepare_cached(
                "SELECT m.event_id, m.sentence_idx, m.cameo, sa.code, ta.code,
                        m.trigger_text, m.trigger_start, m.trigger_end,
                        m.source_text, m.source_start, m.source_end,
                        m.target_text, m.target_start, m.target_end, m.rule
                 FROM mentions m
                 LEFT JOIN actors sa ON sa.id = m.source_actor
                 LEFT JOIN actors ta ON ta.id = m.target_actor
                 WHERE m.doc_id = ?1 ORDER BY m.trigger_start, m.id",
            )?
            .query_map([id], |r| {
                Ok(MentionSpan {
                    event_id: r.get(0)?,
                    sentence_index: r.get(1)?,
                    cameo: r.get(2)?,
                    source_code: r.get(3)?,
                    target_code: r.get(4)?,
                    trigger: Spanned {
                        text: r.get(5)?,
                        start: r.get::<_, i64>(6)? as usize,
                        end: r.get::<_, i64>(7)? as usize,
                    },
                    source: spanned(r.get(8)?, r.get(9)?, r.get(10)?),
                    target: spanned(r.get(11)?, r.get(12)?, r.get(13)?),
                    rule: r.get(14)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        detail.quantities = self.document_quantities(id)?;
        Ok(Some(detail))
    }
}
