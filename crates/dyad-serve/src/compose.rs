//! Store answers shaped for pages and API responses: document lists and one document with
//! its sentences, event mentions and figures marked in place.

use crate::highlight::{sentence_start, Mark};
use dyad_store::{QuantityRow, Store, StoreError, StoredDocument};
use serde::Serialize;

/// A sentence of a document with what was found in it.
#[derive(Debug, Clone, Serialize)]
pub struct DocSentence {
    /// Index in the document.
    pub index: u32,
    /// Byte offset of the sentence in the document's clean text, when it could be worked out.
    pub start: Option<usize>,
    /// The sentence.
    pub text: String,
    /// Actors, triggers and figures, in byte offsets of `text`.
    pub marks: Vec<Mark>,
    /// Ids of the events it reports.
    pub events: Vec<i64>,
}

/// A document as its page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView {
    /// Id, date, title, sentence count and duplicate link.
    #[serde(flatten)]
    pub document: StoredDocument,
    /// The full cleaned text.
    pub clean_text: Option<String>,
    /// Its sentences, in order, with what was found in each.
    pub sentences: Vec<DocSentence>,
    /// The figures it states.
    pub quantities: Vec<QuantityRow>,
}

/// The document `id`, or `None` when the store has no such document.
pub fn document(store: &Store, id: &str) -> Result<Option<DocumentView>, StoreError> {
    let Some(d) = store.document(id)? else {
        return Ok(None);
    };
    let text = d.clean_text.as_str();
    // A span is drawn only where its offsets are the sentence's own bytes.
    let inside = |base: usize, end: usize, s: usize, e: usize| {
        (base..=end).contains(&s)
            && (s..=end).contains(&e)
            && text.is_char_boundary(s)
            && text.is_char_boundary(e)
    };
    let mut sentences: Vec<DocSentence> = d
        .sentences
        .iter()
        .filter_map(|s| {
            Some(DocSentence {
                index: s.index,
                start: Some(s.start),
                text: text.get(s.start..s.end)?.to_owned(),
                marks: Vec::new(),
                events: Vec::new(),
            })
        })
        .collect();
    for m in &d.mentions {
        let Some(s) = sentences.iter_mut().find(|s| s.index == m.sentence_index) else {
            continue;
        };
        let base = s.start.unwrap_or(0);
        let end = base + s.text.len();
        let label = format!(
            "{} {}→{} · {}",
            m.cameo,
            m.source_code.as_deref().unwrap_or("?"),
            m.target_code.as_deref().unwrap_or("?"),
            m.rule
        );
        let spans = [
            ("trigger", Some(&m.trigger), label),
            ("source", m.source.as_ref(), String::new()),
            ("target", m.target.as_ref(), String::new()),
        ];
        for (kind, span, label) in spans {
            let Some(span) = span.filter(|x| inside(base, end, x.start, x.end)) else {
                continue;
            };
            s.marks.push(Mark {
                kind,
                start: span.start - base,
                end: span.end - base,
                label,
            });
        }
        if let Some(e) = m.event_id {
            if !s.events.contains(&e) {
                s.events.push(e);
            }
        }
    }
    for q in &d.quantities {
        let Some(s) = sentences
            .iter_mut()
            .find(|s| i64::from(s.index) == q.sentence_index)
        else {
            continue;
        };
        let base = s.start.unwrap_or(0);
        if !inside(base, base + s.text.len(), q.start, q.end) {
            continue;
        }
        s.marks.push(Mark {
            kind: "quantity",
            start: q.start - base,
            end: q.end - base,
            label: format!(
                "{} {}{}",
                crate::html::number(q.value),
                q.unit,
                q.measure
                    .as_ref()
                    .map(|m| format!(" · {m}"))
                    .unwrap_or_default()
            ),
        });
    }
    Ok(Some(DocumentView {
        document: d.document,
        clean_text: Some(d.clean_text),
        sentences,
        quantities: d.quantities,
    }))
}

/// The sentence's offset in its document and the marks of one report, in sentence offsets.
pub fn report_marks(
    sentence: &str,
    r: &dyad_store::Report,
    label: &str,
) -> (Option<usize>, Vec<Mark>) {
    let mut spans: Vec<(&'static str, &str, usize, usize)> = Vec::new();
    if let Some((t, s, e)) = &r.source_text {
        spans.push(("source", t.as_str(), *s, *e));
    }
    if let Some((t, s, e)) = &r.target_text {
        spans.push(("target", t.as_str(), *s, *e));
    }
    spans.push((
        "trigger",
        r.trigger.as_str(),
        r.trigger_span.0,
        r.trigger_span.1,
    ));
    // A span whose words are not its bytes (a joined title, a resolved reference) anchors
    // nothing; only those that are can place the sentence.
    let anchors: Vec<(&str, usize)> = spans
        .iter()
        .filter(|(_, t, s, e)| e.checked_sub(*s) == Some(t.len()))
        .map(|(_, t, s, _)| (*t, *s))
        .collect();
    let Some(base) = sentence_start(sentence, &anchors) else {
        return (None, Vec::new());
    };
    let marks = spans
        .into_iter()
        .filter_map(|(kind, _, s, e)| {
            Some(Mark {
                kind,
                start: s.checked_sub(base)?,
                end: e.checked_sub(base)?,
                label: if kind == "trigger" {
                    format!("{label} · {}", r.rule)
                } else {
                    String::new()
                },
            })
        })
        .collect();
    (Some(base), marks)
}
