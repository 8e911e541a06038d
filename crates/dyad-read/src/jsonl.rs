//! JSON Lines: one document per line, read with a per-line cap.

use crate::decode::lossy_utf8;
use crate::lines::read_line_capped;
use crate::source::{derived_id, BUF_LEN};
use crate::{Body, Format, Item, Origin, RawDocument, ReadOptions, SkipReason};
use dyad_core::{DocId, PartialDate};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::io::{BufReader, Read};

pub(crate) struct JsonlReader {
    origin: Origin,
    reader: BufReader<Box<dyn Read + Send>>,
    line: Vec<u8>,
    line_no: u64,
    max: usize,
    done: bool,
}

impl JsonlReader {
    pub(crate) fn new(origin: Origin, reader: Box<dyn Read + Send>, opts: ReadOptions) -> Self {
        JsonlReader {
            origin,
            reader: BufReader::with_capacity(BUF_LEN, reader),
            line: Vec::new(),
            line_no: 0,
            max: opts.max_record_bytes,
            done: false,
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let info = match read_line_capped(&mut self.reader, &mut self.line, self.max) {
                Ok(Some(info)) => info,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    let record = Some(format!("line {}", self.line_no + 1));
                    return Some(self.origin.skip(record, SkipReason::read_failure(&e, true)));
                }
            };
            self.line_no += 1;
            let record = || format!("line {}", self.line_no);
            if info.overflow {
                let reason = SkipReason::TooLarge {
                    size: Some(info.len),
                    limit: self.max,
                };
                return Some(self.origin.skip(Some(record()), reason));
            }
            let line = self.line.strip_suffix(b"\r").unwrap_or(&self.line);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match parse_line(&self.origin, self.line_no, line) {
                Ok(doc) => Item::Doc(doc),
                Err(reason) => self.origin.skip(Some(record()), reason),
            });
        }
        None
    }
}

fn parse_line(origin: &Origin, line_no: u64, raw: &[u8]) -> Result<RawDocument, SkipReason> {
    let (text, repaired) = lossy_utf8(raw);
    let text = crate::detect::strip_utf8_bom(text.as_bytes());
    let starts_object = text
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{');
    if !starts_object {
        return Err(match serde_json::from_slice::<IgnoredAny>(text) {
            Ok(_) => SkipReason::NotJsonObject,
            Err(e) => SkipReason::MalformedJson(e.to_string()),
        });
    }
    let rec: JsonLine =
        serde_json::from_slice(text).map_err(|e| SkipReason::MalformedJson(e.to_string()))?;
    let body = match (nonblank(rec.text.0), nonblank(rec.html.0)) {
        (Some(t), _) => Body::Text(t),
        (None, Some(h)) => Body::Html(h),
        (None, None) => return Err(SkipReason::NoText),
    };
    let id = match rec.id.0.map(DocId::new).filter(|id| !id.is_empty()) {
        Some(id) => id,
        None => derived_id(origin.base.as_deref(), &format!(":{line_no}"), raw),
    };
    let date = [
        rec.date,
        rec.published,
        rec.published_at,
        rec.date_published,
    ]
    .into_iter()
    .filter_map(|d| d.0)
    .find_map(|d| PartialDate::parse_loose(&d));
    Ok(RawDocument {
        id,
        origin: format!("{}:{line_no}", origin.input),
        format: Format::Jsonl,
        url: meta(rec.url.0),
        title: meta(rec.title.0),
        author: meta(rec.author.0),
        date,
        site: meta(rec.source.0),
        body,
        repaired,
    })
}

fn nonblank(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

fn meta(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// The fields dyad reads; others are ignored.
#[derive(Deserialize, Default)]
#[serde(default)]
struct JsonLine {
    id: Loose,
    url: Loose,
    title: Loose,
    author: Loose,
    date: Loose,
    published: Loose,
    published_at: Loose,
    #[serde(rename = "datePublished")]
    date_published: Loose,
    text: Loose,
    html: Loose,
    source: Loose,
}

/// A field read leniently: strings as they are, numbers as their text (`"id": 17`), anything
/// else (null, booleans, arrays, objects) as absent rather than an error.
#[derive(Default)]
struct Loose(Option<String>);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose(Some(v.to_string())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Loose, E> {
        Ok(Loose(Some(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Loose, E> {
        Ok(Loose(Some(v.to_string())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose(Some(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Loose, E> {
        Ok(Loose(Some(v.to_string())))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose(None))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose(None))
    }
    fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
        Ok(Loose(None))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose(None))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn origin() -> Origin {
        Origin {
            input: "f.jsonl".into(),
            base: Some("f".into()),
        }
    }

    #[test]
    fn fields_map() {
        let line = br#"{"id": 42, "url": " http://x/a ", "title": "T", "author": "A", "published": "2024-08-21T10:00:00Z", "text": "body", "html": "<p>x</p>", "source": "Reuters", "places": ["x"]}"#;
        let doc = parse_line(&origin(), 3, line).unwrap();
        assert_eq!(doc.id.as_str(), "42");
        assert_eq!(doc.origin, "f.jsonl:3");
        assert_eq!(doc.url.as_deref(), Some("http://x/a"));
        assert_eq!(doc.title.as_deref(), Some("T"));
        assert_eq!(doc.author.as_deref(), Some("A"));
        assert_eq!(doc.site.as_deref(), Some("Reuters"));
        assert_eq!(doc.date, PartialDate::ymd(2024, 8, 21));
        assert_eq!(doc.body, Body::Text("body".into()));
    }

    #[test]
    fn html_when_text_blank_and_fallback_ids() {
        let doc = parse_line(
            &origin(),
            7,
            br#"{"text": "  ", "html": "<p>x</p>", "id": ""}"#,
        )
        .unwrap();
        assert_eq!(doc.body, Body::Html("<p>x</p>".into()));
        assert_eq!(doc.id.as_str(), "f:7");
        let stdin = Origin {
            input: "<stdin>".into(),
            base: None,
        };
        let doc = parse_line(&stdin, 1, br#"{"text": "x"}"#).unwrap();
        assert!(doc.id.as_str().starts_with("h-"));
        assert_eq!(doc.id.as_str().len(), 18);
    }

    #[test]
    fn date_fallbacks() {
        let doc = parse_line(
            &origin(),
            1,
            br#"{"text": "x", "date": "soon", "published_at": null, "datePublished": "2019-06-05"}"#,
        )
        .unwrap();
        assert_eq!(doc.date, PartialDate::ymd(2019, 6, 5));
    }

    #[test]
    fn rejects() {
        let e = |l: &[u8]| parse_line(&origin(), 1, l).unwrap_err();
        assert_eq!(e(b"[1, 2]"), SkipReason::NotJsonObject);
        assert_eq!(e(b"\"text\""), SkipReason::NotJsonObject);
        assert!(matches!(e(b"{\"text\": "), SkipReason::MalformedJson(_)));
        assert!(matches!(e(b"nonsense"), SkipReason::MalformedJson(_)));
        assert!(matches!(
            e(b"{\"text\":\"a\"} x"),
            SkipReason::MalformedJson(_)
        ));
        assert_eq!(e(b"{\"title\": \"only\"}"), SkipReason::NoText);
        assert_eq!(e(b"{\"text\": null, \"html\": false}"), SkipReason::NoText);
    }

    #[test]
    fn invalid_utf8_is_repaired_and_counted() {
        let doc = parse_line(&origin(), 1, b"{\"text\": \"caf\xe9 \xff\"}").unwrap();
        assert_eq!(doc.repaired, 2);
        assert_eq!(doc.body.as_str(), "caf\u{fffd} \u{fffd}");
    }
}
