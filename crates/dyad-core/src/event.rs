use crate::{ActorCode, CameoCode, DatePrecision, PartialDate, QuadClass};
use serde::{Deserialize, Serialize};

/// A piece of text with its byte offsets into `clean_text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// The text as it stands in the document.
    pub text: String,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// An actor as it appears in an event (SPEC §3).
///
/// Unknown proper names keep `code: null` so users can see and add them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// Full CAMEO actor code, or null for an unknown actor.
    pub code: Option<ActorCode>,
    /// Country, region or IGO block.
    pub country: Option<String>,
    /// First role block ("GOV").
    pub sector: Option<String>,
    /// Canonical name ("Vladimir Putin").
    pub name: Option<String>,
    /// The words of the sentence that named the actor.
    pub text: String,
    /// First byte of `text` in `clean_text`.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// The PLOVER type and mode of an event, from the CAMEO→PLOVER crosswalk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type ("AGREE").
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode, when the crosswalk gives one.
    pub mode: Option<String>,
}

/// One coded event mention: who did what to whom, from which sentence, by which rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Index of the sentence in the document.
    pub sentence_index: u32,
    /// The sentence's text.
    pub sentence: String,
    /// Who acted.
    pub source: Option<Actor>,
    /// Who was acted upon.
    pub target: Option<Actor>,
    /// CAMEO event code.
    pub cameo: CameoCode,
    /// CAMEO root ("05").
    pub root: String,
    /// QuadClass 1–4.
    pub quad_class: QuadClass,
    /// Goldstein weight, −10 to +10.
    pub goldstein: f32,
    /// PLOVER type and mode.
    pub plover: Plover,
    /// When it happened.
    pub date: Option<PartialDate>,
    /// How precisely `date` is known.
    pub date_precision: DatePrecision,
    /// The date expression used, if any.
    pub date_text: Option<String>,
    /// The words that triggered the coding.
    pub trigger: TextSpan,
    /// What the act is about (the agreement signed, the issue discussed).
    pub object: Option<TextSpan>,
    /// True when the act is negated ("did not sign").
    pub negated: bool,
    /// Confidence in the coding, 0 to 1.
    pub confidence: f32,
    /// The dictionary rule that fired, as `file:line`.
    pub rule: String,
}

/// How a stated figure is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated as is.
    Exact,
    /// "about", "around", "some".
    About,
    /// "almost", "nearly".
    Almost,
    /// "more than", "over".
    MoreThan,
    /// "less than", "under".
    LessThan,
    /// "up to".
    UpTo,
}

impl Qualifier {
    /// The name used in JSON and the store (`exact`, `about`, `more_than`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::About => "about",
            Self::Almost => "almost",
            Self::MoreThan => "more_than",
            Self::LessThan => "less_than",
            Self::UpTo => "up_to",
        }
    }
}

/// A figure stated in a sentence (SPEC §4 `quantities`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Index of the sentence in the document.
    pub sentence_index: u32,
    /// The words stating the figure ("$108 billion").
    pub text: String,
    /// The value in `unit`s.
    pub value: f64,
    /// Unit: ISO 4217 currency, "percent", "t", "bbl", "m3", "km", "count", ….
    pub unit: String,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// What is measured ("mutual trade").
    pub measure: Option<String>,
    /// First byte in `clean_text`.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Upper end of a range ("$3–5 billion"); absent for a single figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Rate period ("year" for "40 million tons per year"); absent for a stock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
    /// Actor codes named in the sentence (stored for `dyad quantities --dyad`; not part of the
    /// `extract` contract).
    #[serde(skip)]
    pub actors: Vec<String>,
    /// The sentence's date: stated in it, else the document's (stored; not in the contract).
    #[serde(skip)]
    pub date: Option<PartialDate>,
}

/// One side of a merged event: the best-supported actor among its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    /// Full CAMEO actor code ("RUSGOV"), or null when the mentions named an unknown actor.
    pub code: Option<String>,
    /// Country, region or IGO block the code belongs to ("RUS").
    pub country: Option<String>,
    /// Canonical name ("Vladimir Putin") or, for an unknown actor, the words used.
    pub name: Option<String>,
}

/// A real-world event: the mentions of one act merged (GDELT's Events table; SPEC §2
/// "Resolve"). Exports and queries read this shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    /// Stable id within a store.
    pub id: i64,
    /// When it happened, as precisely as its best mention states it.
    pub date: Option<PartialDate>,
    /// How precisely `date` is known.
    pub date_precision: DatePrecision,
    /// Who acted.
    pub source: Option<EventActor>,
    /// Who was acted upon.
    pub target: Option<EventActor>,
    /// True for a mutual act (a signed agreement, talks): the dyad is unordered, and
    /// `source`/`target` are in the order of its first mention.
    pub mutual: bool,
    /// Best-supported CAMEO code among the mentions.
    pub cameo: CameoCode,
    /// CAMEO root ("05").
    pub root: String,
    /// QuadClass 1–4 of `cameo`.
    pub quad_class: QuadClass,
    /// Goldstein weight of `cameo`.
    pub goldstein: f32,
    /// PLOVER type and mode of `cameo`.
    pub plover: Plover,
    /// What the act is about, from its first mention that names it.
    pub object: Option<String>,
    /// Sentences reporting it.
    pub mentions: u32,
    /// Distinct sites reporting it.
    pub sources: u32,
    /// Distinct documents reporting it.
    pub articles: u32,
    /// Publication date of the earliest document reporting it.
    pub first_seen: Option<PartialDate>,
    /// When dyad first stored it (RFC 3339, UTC).
    pub added_at: String,
    /// Document of the first mention.
    pub doc_id: Option<String>,
    /// URL of that document, if known.
    pub url: Option<String>,
    /// Site of that document, if known.
    pub site: Option<String>,
    /// Index of the first mention's sentence in its document.
    pub sentence_index: Option<u32>,
    /// The first mention's sentence.
    pub sentence: Option<String>,
    /// The reciprocal event (a visit's hosting, a hosting's visit), if linked.
    pub linked_event: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualifier_names_are_their_json() {
        use Qualifier::*;
        for q in [Exact, About, Almost, MoreThan, LessThan, UpTo] {
            let json = serde_json::to_string(&q).expect("serialises");
            assert_eq!(json, format!("\"{}\"", q.as_str()));
        }
    }
}
