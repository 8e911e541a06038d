//! The flat column layout shared by CSV and Parquet.

use crate::ExportError;
use dyad_core::{CameoCode, DatePrecision, EventActor, EventRecord, Plover, QuadClass};
use std::io::Read;

/// Columns of the CSV and Parquet exports, in order. An empty CSV field is a null.
pub const COLUMNS: [&str; 28] = [
    "id",
    "date",
    "date_precision",
    "source_code",
    "source_country",
    "source_name",
    "target_code",
    "target_country",
    "target_name",
    "mutual",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "object",
    "mentions",
    "sources",
    "articles",
    "first_seen",
    "added_at",
    "doc_id",
    "url",
    "site",
    "sentence_index",
    "sentence",
    "linked_event",
];

/// A precision as written in an export; an empty field reads as `document`.
pub(crate) fn parse_precision(s: &str) -> Result<DatePrecision, String> {
    if s.is_empty() {
        return Ok(DatePrecision::Document);
    }
    s.parse()
        .map_err(|e: dyad_core::PrecisionError| e.to_string())
}

/// The fields of one event as strings, in [`COLUMNS`] order.
pub(crate) fn fields(e: &EventRecord) -> [String; 28] {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let side = |a: &Option<EventActor>| match a {
        Some(a) => [opt(&a.code), opt(&a.country), opt(&a.name)],
        None => Default::default(),
    };
    let [sc, sk, sn] = side(&e.source);
    let [tc, tk, tn] = side(&e.target);
    [
        e.id.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        e.date_precision.as_str().to_owned(),
        sc,
        sk,
        sn,
        tc,
        tk,
        tn,
        e.mutual.to_string(),
        e.cameo.to_string(),
        e.root.clone(),
        e.quad_class.number().to_string(),
        e.goldstein.to_string(),
        e.plover.kind.clone(),
        opt(&e.plover.mode),
        opt(&e.object),
        e.mentions.to_string(),
        e.sources.to_string(),
        e.articles.to_string(),
        e.first_seen.map(|d| d.to_string()).unwrap_or_default(),
        e.added_at.clone(),
        opt(&e.doc_id),
        opt(&e.url),
        opt(&e.site),
        e.sentence_index.map(|i| i.to_string()).unwrap_or_default(),
        opt(&e.sentence),
        e.linked_event.map(|i| i.to_string()).unwrap_or_default(),
    ]
}

/// Builds an event from its fields in [`COLUMNS`] order (`None` for a null).
pub(crate) fn from_fields(f: &[Option<&str>]) -> Result<EventRecord, String> {
    if f.len() != COLUMNS.len() {
        return Err(format!("{} fields, expected {}", f.len(), COLUMNS.len()));
    }
    let s = |i: usize| f[i].filter(|v| !v.is_empty()).map(str::to_owned);
    let num = |i: usize| -> Result<Option<i64>, String> {
        f[i].filter(|v| !v.is_empty())
            .map(|v| {
                v.parse::<i64>()
                    .map_err(|_| format!("{}: {v:?} is not a number", COLUMNS[i]))
            })
            .transpose()
    };
    let count = |i: usize| -> Result<u32, String> {
        u32::try_from(num(i)?.unwrap_or(0)).map_err(|_| format!("{}: out of range", COLUMNS[i]))
    };
    let date = |i: usize| -> Result<_, String> {
        s(i).map(|d| d.parse().map_err(|e| format!("{}: {e}", COLUMNS[i])))
            .transpose()
    };
    let actor = |i: usize| {
        let (code, country, name) = (s(i), s(i + 1), s(i + 2));
        (code.is_some() || country.is_some() || name.is_some()).then_some(EventActor {
            code,
            country,
            name,
        })
    };
    let cameo = CameoCode::new(f[10].unwrap_or("")).map_err(|e| e.to_string())?;
    let quad = num(12)?
        .and_then(|q| u8::try_from(q).ok())
        .ok_or("quad_class: missing")?;
    Ok(EventRecord {
        id: num(0)?.ok_or("id: missing")?,
        date: date(1)?,
        date_precision: parse_precision(f[2].unwrap_or(""))?,
        source: actor(3),
        target: actor(6),
        mutual: f[9] == Some("true"),
        root: s(11).unwrap_or_else(|| cameo.root().to_owned()),
        cameo,
        quad_class: QuadClass::try_from(quad).map_err(|e| e.to_string())?,
        goldstein: f[13]
            .unwrap_or("")
            .parse()
            .map_err(|_| "goldstein: not a number".to_owned())?,
        plover: Plover {
            kind: s(14).unwrap_or_default(),
            mode: s(15),
        },
        object: s(16),
        mentions: count(17)?,
        sources: count(18)?,
        articles: count(19)?,
        first_seen: date(20)?,
        added_at: s(21).unwrap_or_default(),
        doc_id: s(22),
        url: s(23),
        site: s(24),
        sentence_index: num(25)?
            .map(|i| u32::try_from(i).map_err(|_| "sentence_index: out of range".to_owned()))
            .transpose()?,
        sentence: s(26),
        linked_event: num(27)?,
    })
}

pub(crate) fn read_csv(reader: impl Read) -> Result<Vec<EventRecord>, ExportError> {
    let mut r = csv::Reader::from_reader(reader);
    let header = r.headers()?.clone();
    if header.iter().ne(COLUMNS.iter().copied()) {
        return Err(ExportError::Parse {
            line: 1,
            message: format!(
                "the header is not dyad's CSV layout (expected {})",
                COLUMNS.join(",")
            ),
        });
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = rec?;
        let f: Vec<Option<&str>> = rec.iter().map(Some).collect();
        out.push(from_fields(&f).map_err(|message| ExportError::Parse {
            line: i as u64 + 2,
            message,
        })?);
    }
    Ok(out)
}
