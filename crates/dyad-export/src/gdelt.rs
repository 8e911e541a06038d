//! The GDELT 2.0 event table layout (61 tab-separated columns, no header).

use crate::ExportError;
use dyad_core::{
    ActorCode, CameoCode, DatePrecision, EventActor, EventRecord, PartialDate, Plover, QuadClass,
};
use std::io::{BufRead, Write};

/// GDELT 2.0 event-table column names, in file order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Tabs and line breaks would split a field; GDELT has no quoting, so they become spaces.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Actor columns 1–10 of one side.
fn actor_fields(a: &Option<EventActor>, out: &mut Vec<String>) {
    let Some(a) = a else {
        out.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let code = a.code.clone().unwrap_or_default();
    out.push(clean(&code));
    out.push(a.name.as_deref().map(clean).unwrap_or_default());
    out.push(a.country.clone().unwrap_or_default());
    // Known group, ethnic, religion 1 and 2: dyad does not code them.
    out.extend(std::iter::repeat_n(String::new(), 4));
    // Types: the role blocks after the country, when the code is one of ours.
    let mut types: Vec<String> = ActorCode::new(&code)
        .ok()
        .filter(|c| a.country.as_deref() == Some(c.country()))
        .map(|c| c.roles().take(3).map(str::to_owned).collect())
        .unwrap_or_default();
    types.resize(3, String::new());
    out.extend(types);
}

/// GDELT dates are full days: a month or year becomes its first day (the precision is kept in
/// the other formats).
fn day_of(d: PartialDate) -> (i32, u32, u32) {
    (d.year(), d.month().unwrap_or(1), d.day().unwrap_or(1))
}

pub(crate) fn row(e: &EventRecord) -> Vec<String> {
    let mut f = Vec::with_capacity(61);
    f.push(e.id.to_string());
    match e.date.map(day_of) {
        Some((y, m, d)) => {
            f.push(format!("{y:04}{m:02}{d:02}"));
            f.push(format!("{y:04}{m:02}"));
            f.push(format!("{y:04}"));
            // GDELT's own approximation: (month × 30 + day) / 365.
            f.push(format!(
                "{:.4}",
                f64::from(y) + f64::from(m * 30 + d) / 365.0
            ));
        }
        None => f.extend(std::iter::repeat_n(String::new(), 4)),
    }
    actor_fields(&e.source, &mut f);
    actor_fields(&e.target, &mut f);
    // IsRootEvent: GDELT marks events from the lead paragraph; ours is the first sentence.
    f.push(
        if e.sentence_index == Some(0) {
            "1"
        } else {
            "0"
        }
        .to_owned(),
    );
    let code = e.cameo.as_str();
    f.push(code.to_owned());
    f.push(code[..code.len().min(3)].to_owned());
    f.push(e.root.clone());
    f.push(e.quad_class.number().to_string());
    f.push(format!("{:.1}", e.goldstein));
    f.push(e.mentions.to_string());
    f.push(e.sources.to_string());
    f.push(e.articles.to_string());
    // AvgTone and the 24 geography columns.
    f.extend(std::iter::repeat_n(String::new(), 25));
    f.push(
        e.added_at
            .chars()
            .filter(char::is_ascii_digit)
            .take(14)
            .collect(),
    );
    f.push(clean(
        e.url.as_deref().or(e.doc_id.as_deref()).unwrap_or_default(),
    ));
    f
}

pub(crate) fn write_row(w: &mut impl Write, e: &EventRecord) -> std::io::Result<()> {
    let f = row(e);
    w.write_all(f.join("\t").as_bytes())?;
    w.write_all(b"\n")
}

fn parse_row(line: &str) -> Result<EventRecord, String> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() != 61 {
        return Err(format!("{} columns, expected 61", f.len()));
    }
    let opt = |i: usize| (!f[i].is_empty()).then(|| f[i].to_owned());
    let int = |i: usize| -> Result<u32, String> {
        f[i].parse()
            .map_err(|_| format!("{}: {:?} is not a count", GDELT_COLUMNS[i], f[i]))
    };
    let date = match f[1] {
        "" => None,
        d if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) => {
            let n = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
            Some(
                PartialDate::ymd(n(0..4) as i32, n(4..6), n(6..8))
                    .ok_or_else(|| format!("SQLDATE {d:?} is not a calendar day"))?,
            )
        }
        d => return Err(format!("SQLDATE {d:?} is not YYYYMMDD")),
    };
    let actor = |i: usize| {
        (opt(i).is_some() || opt(i + 1).is_some() || opt(i + 2).is_some()).then(|| EventActor {
            code: opt(i),
            name: opt(i + 1),
            country: opt(i + 2),
        })
    };
    let cameo = CameoCode::new(f[26]).map_err(|e| e.to_string())?;
    let quad: u8 = f[29]
        .parse()
        .map_err(|_| format!("QuadClass {:?} is not 1–4", f[29]))?;
    let added = f[59];
    let added_at = if added.len() == 14 {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &added[0..4],
            &added[4..6],
            &added[6..8],
            &added[8..10],
            &added[10..12],
            &added[12..14]
        )
    } else {
        added.to_owned()
    };
    // The PLOVER type is not a GDELT column: it comes back from the crosswalk.
    let plover = dyad_code::CodeTable::builtin()
        .get(&cameo)
        .and_then(|i| i.plover.clone())
        .unwrap_or(Plover {
            kind: String::new(),
            mode: None,
        });
    Ok(EventRecord {
        id: f[0]
            .parse()
            .map_err(|_| format!("GLOBALEVENTID {:?} is not a number", f[0]))?,
        date,
        date_precision: if date.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Document
        },
        source: actor(5),
        target: actor(15),
        mutual: false,
        root: f[28].to_owned(),
        cameo,
        quad_class: QuadClass::try_from(quad).map_err(|e| e.to_string())?,
        goldstein: f[30]
            .parse()
            .map_err(|_| format!("GoldsteinScale {:?} is not a number", f[30]))?,
        plover,
        object: None,
        mentions: int(31)?,
        sources: int(32)?,
        articles: int(33)?,
        first_seen: None,
        added_at,
        doc_id: None,
        url: opt(60),
        site: None,
        sentence_index: None,
        sentence: None,
        linked_event: None,
    })
}

pub(crate) fn read(reader: impl BufRead) -> Result<Vec<EventRecord>, ExportError> {
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line?;
        if line.is_empty() {
            continue;
        }
        out.push(parse_row(&line).map_err(|message| ExportError::Parse {
            line: i as u64 + 1,
            message,
        })?);
    }
    Ok(out)
}
