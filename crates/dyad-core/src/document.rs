use crate::{DocId, Event, MinHash, PartialDate, Quantity};
use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's `clean_text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True for an empty span.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One sentence of a document, located by byte offsets into its `clean_text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Position in the document, from 0.
    pub index: u32,
    /// Where the sentence stands in `clean_text`.
    pub span: Span,
}

impl Sentence {
    /// The sentence's text, sliced from the document text it was split from.
    ///
    /// Returns an empty string if the span does not fit `text` (a sentence of another text).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.span.start..self.span.end).unwrap_or("")
    }
}

/// A document after the pipeline: metadata, cleaned text, sentences and what was coded in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Stable id (see [`DocId`]).
    pub id: DocId,
    /// Where the article was published, when known.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The byline.
    pub author: Option<String>,
    /// Publication date from input metadata, HTML metadata or `--date`.
    pub date: Option<PartialDate>,
    /// The publishing site or feed name.
    pub site: Option<String>,
    /// ISO 639-1 code of the text's language, when it could be told.
    pub language: Option<String>,
    /// The article text: paragraphs separated by blank lines, list items by single newlines.
    pub clean_text: String,
    /// Hash of the whitespace-folded clean text (see [`crate::content_hash`]).
    pub content_hash: String,
    /// The earlier document this one duplicates, if any. Duplicates never add events.
    pub duplicate_of: Option<DocId>,
    /// MinHash signature of the text's word shingles, for near-duplicate detection.
    pub minhash: Option<MinHash>,
    /// Sentences of `clean_text`, in order.
    pub sentences: Vec<Sentence>,
    /// Events coded from the sentences.
    pub events: Vec<Event>,
    /// Figures stated in the sentences.
    pub quantities: Vec<Quantity>,
    /// Where the document was read from: a path, with the record (line, WARC offset) if any.
    pub origin: String,
    /// How many invalid UTF-8 sequences were replaced while reading.
    pub repaired: usize,
}

/// The `dyad extract` JSON record of one document (SPEC §4). Field order is the contract's.
#[derive(Debug, Serialize)]
pub struct DocumentRecord<'a> {
    /// Document id.
    pub id: &'a DocId,
    /// URL or null.
    pub url: Option<&'a str>,
    /// Headline or null.
    pub title: Option<&'a str>,
    /// Byline or null.
    pub author: Option<&'a str>,
    /// Publication date or null.
    pub date: Option<PartialDate>,
    /// Site or null.
    pub site: Option<&'a str>,
    /// ISO 639-1 language or null.
    pub language: Option<&'a str>,
    /// The cleaned article text; all offsets point into it.
    pub clean_text: &'a str,
    /// Id of the document this one duplicates, or null.
    pub duplicate_of: Option<&'a DocId>,
    /// Coded events.
    pub events: &'a [Event],
    /// Stated figures.
    pub quantities: &'a [Quantity],
    /// Sentences, only when asked for (`--with-sentences`); absent from the default contract.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceRecord<'a>>>,
}

/// A sentence as printed by `dyad extract --with-sentences`.
#[derive(Debug, Serialize)]
pub struct SentenceRecord<'a> {
    /// Position in the document, from 0.
    pub index: u32,
    /// Byte offset of the first byte in `clean_text`.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The sentence.
    pub text: &'a str,
}

impl Document {
    /// The document's text of sentence `index`, or `None` if there is no such sentence.
    pub fn sentence_text(&self, index: usize) -> Option<&str> {
        self.sentences.get(index).map(|s| s.text(&self.clean_text))
    }

    /// The SPEC §4 record; with `with_sentences` it also lists the sentences.
    pub fn record(&self, with_sentences: bool) -> DocumentRecord<'_> {
        DocumentRecord {
            id: &self.id,
            url: self.url.as_deref(),
            title: self.title.as_deref(),
            author: self.author.as_deref(),
            date: self.date,
            site: self.site.as_deref(),
            language: self.language.as_deref(),
            clean_text: &self.clean_text,
            duplicate_of: self.duplicate_of.as_ref(),
            events: &self.events,
            quantities: &self.quantities,
            sentences: with_sentences.then(|| {
                self.sentences
                    .iter()
                    .map(|s| SentenceRecord {
                        index: s.index,
                        start: s.span.start,
                        end: s.span.end,
                        text: s.text(&self.clean_text),
                    })
                    .collect()
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Document {
        let text = "Putin visited Beijing. Xi hosted him.".to_owned();
        Document {
            id: DocId::new("d1"),
            url: None,
            title: Some("Visit".into()),
            author: None,
            date: "2016-06-25".parse().ok(),
            site: None,
            language: Some("en".into()),
            content_hash: crate::content_hash(&text),
            sentences: vec![
                Sentence {
                    index: 0,
                    span: Span::new(0, 22),
                },
                Sentence {
                    index: 1,
                    span: Span::new(23, 37),
                },
            ],
            clean_text: text,
            duplicate_of: None,
            minhash: None,
            events: vec![],
            quantities: vec![],
            origin: "test".into(),
            repaired: 0,
        }
    }

    #[test]
    fn record_has_exactly_the_contract_fields_in_order() {
        let d = doc();
        let json = serde_json::to_string(&d.record(false)).unwrap();
        assert_eq!(
            json,
            r#"{"id":"d1","url":null,"title":"Visit","author":null,"date":"2016-06-25","site":null,"language":"en","clean_text":"Putin visited Beijing. Xi hosted him.","duplicate_of":null,"events":[],"quantities":[]}"#
        );
    }

    #[test]
    fn sentences_are_listed_on_request() {
        let d = doc();
        let v = serde_json::to_value(d.record(true)).unwrap();
        assert_eq!(v["sentences"][1]["text"], "Xi hosted him.");
        assert_eq!(v["sentences"][1]["start"], 23);
        assert_eq!(d.sentence_text(0), Some("Putin visited Beijing."));
        assert_eq!(d.sentence_text(2), None);
    }
}
