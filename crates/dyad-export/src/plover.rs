//! PLOVER JSON records.

use crate::flat::parse_precision;
use dyad_core::{CameoCode, EventActor, EventRecord, Plover, QuadClass};
use serde::{Deserialize, Serialize};

/// One actor or recipient of a PLOVER record: the event's actor as it is (code, country
/// and name), in a list of at most one.
pub type PloverActor = EventActor;

/// Where a PLOVER record was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PloverSource {
    /// dyad document id of the first report.
    pub doc_id: Option<String>,
    /// URL of that document.
    pub url: Option<String>,
    /// Its site.
    pub site: Option<String>,
    /// Sentence of the report within the document.
    pub sentence_index: Option<u32>,
}

/// A PLOVER event record: the PLOVER fields first, then dyad's merge counts and CAMEO coding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PloverRecord {
    /// Event id ("dyad-42").
    pub id: String,
    /// Event date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: Option<String>,
    /// How precisely `date` is known: day, month, year or document.
    pub date_precision: String,
    /// Who acted (a list, as PLOVER allows compound actors).
    pub actor: Vec<PloverActor>,
    /// Who was acted upon.
    pub recipient: Vec<PloverActor>,
    /// PLOVER event type ("AGREE").
    pub event: String,
    /// PLOVER mode, if the crosswalk gives one.
    pub mode: Option<String>,
    /// PLOVER contexts from the crosswalk ("economic").
    pub context: Vec<String>,
    /// The sentence of the first report.
    pub text: Option<String>,
    /// Where it was read.
    pub source: PloverSource,
    /// dyad: the CAMEO code behind the PLOVER type.
    pub cameo: String,
    /// dyad: QuadClass of `cameo`.
    pub quad_class: u8,
    /// dyad: Goldstein weight of `cameo`.
    pub goldstein: f32,
    /// dyad: true for a mutual act (actor and recipient are interchangeable).
    pub mutual: bool,
    /// dyad: what the act is about.
    pub object: Option<String>,
    /// dyad: sentences reporting the event.
    pub mentions: u32,
    /// dyad: distinct sites reporting it.
    pub sources: u32,
    /// dyad: distinct documents reporting it.
    pub articles: u32,
    /// dyad: publication date of the earliest report.
    pub first_seen: Option<String>,
    /// dyad: when the event was first stored.
    pub added_at: String,
    /// dyad: id of the reciprocal event (visit ↔ host), as "dyad-N".
    pub linked_event: Option<String>,
}

const ID_PREFIX: &str = "dyad-";

fn to_plover(a: &Option<EventActor>) -> Vec<PloverActor> {
    a.iter().cloned().collect()
}

fn from_plover(a: Vec<PloverActor>) -> Option<EventActor> {
    a.into_iter().next()
}

fn parse_id(s: &str) -> Result<i64, String> {
    s.strip_prefix(ID_PREFIX)
        .unwrap_or(s)
        .parse()
        .map_err(|_| format!("id {s:?} is not dyad-N"))
}

impl PloverRecord {
    /// The PLOVER view of a merged event.
    pub fn from_event(e: &EventRecord) -> Self {
        PloverRecord {
            id: format!("{ID_PREFIX}{}", e.id),
            date: e.date.map(|d| d.to_string()),
            date_precision: e.date_precision.as_str().to_owned(),
            actor: to_plover(&e.source),
            recipient: to_plover(&e.target),
            event: e.plover.kind.clone(),
            mode: e.plover.mode.clone(),
            context: crate::plover_contexts(&e.cameo),
            text: e.sentence.clone(),
            source: PloverSource {
                doc_id: e.doc_id.clone(),
                url: e.url.clone(),
                site: e.site.clone(),
                sentence_index: e.sentence_index,
            },
            cameo: e.cameo.to_string(),
            quad_class: e.quad_class.number(),
            goldstein: e.goldstein,
            mutual: e.mutual,
            object: e.object.clone(),
            mentions: e.mentions,
            sources: e.sources,
            articles: e.articles,
            first_seen: e.first_seen.map(|d| d.to_string()),
            added_at: e.added_at.clone(),
            linked_event: e.linked_event.map(|l| format!("{ID_PREFIX}{l}")),
        }
    }

    /// Back to dyad's event record (the contexts are derived, so they are dropped).
    pub fn into_event(self) -> Result<EventRecord, String> {
        let cameo = CameoCode::new(&self.cameo).map_err(|e| e.to_string())?;
        let date = |d: Option<String>| {
            d.map(|d| d.parse().map_err(|e: dyad_core::DateError| e.to_string()))
                .transpose()
        };
        Ok(EventRecord {
            id: parse_id(&self.id)?,
            date: date(self.date)?,
            date_precision: parse_precision(&self.date_precision)?,
            source: from_plover(self.actor),
            target: from_plover(self.recipient),
            mutual: self.mutual,
            root: cameo.root().to_owned(),
            cameo,
            quad_class: QuadClass::try_from(self.quad_class).map_err(|e| e.to_string())?,
            goldstein: self.goldstein,
            plover: Plover {
                kind: self.event,
                mode: self.mode,
            },
            object: self.object,
            mentions: self.mentions,
            sources: self.sources,
            articles: self.articles,
            first_seen: date(self.first_seen)?,
            added_at: self.added_at,
            doc_id: self.source.doc_id,
            url: self.source.url,
            site: self.source.site,
            sentence_index: self.source.sentence_index,
            sentence: self.text,
            linked_event: self.linked_event.as_deref().map(parse_id).transpose()?,
        })
    }
}
