use super::*;
use dyad_core::{CameoCode, DatePrecision, EventActor, PartialDate, Plover, QuadClass};

fn actor(code: Option<&str>, country: Option<&str>, name: Option<&str>) -> Option<EventActor> {
    Some(EventActor {
        code: code.map(str::to_owned),
        country: country.map(str::to_owned),
        name: name.map(str::to_owned),
    })
}

/// Events that exercise every field shape: full, unknown actor, missing target, coarse and
/// missing dates, text that needs quoting or cleaning.
fn samples() -> Vec<EventRecord> {
    let base = EventRecord {
        id: 7,
        date: PartialDate::ymd(2019, 6, 5),
        date_precision: DatePrecision::Day,
        source: actor(Some("RUSGOV"), Some("RUS"), Some("Vladimir Putin")),
        target: actor(Some("CHNGOV"), Some("CHN"), Some("Xi Jinping")),
        mutual: true,
        cameo: CameoCode::new("057").expect("code"),
        root: "05".into(),
        quad_class: QuadClass::VerbalCooperation,
        goldstein: 8.0,
        plover: Plover {
            kind: "SUPPORT".into(),
            mode: None,
        },
        object: Some("an agreement on natural gas supplies".into()),
        mentions: 5,
        sources: 3,
        articles: 4,
        first_seen: PartialDate::ymd(2019, 6, 5),
        added_at: "2026-12-06T07:01:02Z".into(),
        doc_id: Some("d-1a2b".into()),
        url: Some("https://example.org/news/1".into()),
        site: Some("example.org".into()),
        sentence_index: Some(0),
        sentence: Some("Putin and Xi signed \"30 agreements\", officials said, in Moscow.".into()),
        linked_event: None,
    };
    let visit = EventRecord {
        id: 8,
        date: PartialDate::ym(2016, 6),
        date_precision: DatePrecision::Month,
        mutual: false,
        target: actor(Some("CHN"), Some("CHN"), None),
        cameo: CameoCode::new("042").expect("code"),
        root: "04".into(),
        goldstein: 1.9,
        plover: Plover {
            kind: "CONSULT".into(),
            mode: Some("visit".into()),
        },
        object: None,
        mentions: 1,
        sources: 1,
        articles: 1,
        sentence_index: Some(3),
        sentence: Some("Putin\tvisited Beijing.\nIt was his 15th trip; «a success».".into()),
        linked_event: Some(9),
        ..base.clone()
    };
    let unknown = EventRecord {
        id: 9,
        date: None,
        date_precision: DatePrecision::Document,
        source: actor(None, None, Some("Rebel commanders")),
        target: None,
        mutual: false,
        cameo: CameoCode::new("1831").expect("code"),
        root: "18".into(),
        quad_class: QuadClass::MaterialConflict,
        goldstein: -10.0,
        plover: Plover {
            kind: "ASSAULT".into(),
            mode: Some("suicide-attack".into()),
        },
        object: None,
        first_seen: None,
        doc_id: Some("d-ff".into()),
        url: None,
        site: None,
        sentence_index: None,
        sentence: None,
        linked_event: None,
        ..base.clone()
    };
    vec![base, visit, unknown]
}

fn export(format: Format, events: &[EventRecord]) -> Vec<u8> {
    let mut buf = Vec::new();
    let mut x = Exporter::new(format, &mut buf).expect("exporter");
    for e in events {
        x.write(e).expect("write");
    }
    assert_eq!(x.finish().expect("finish"), events.len() as u64);
    buf
}

#[test]
fn formats_parse_by_name() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
    }
    assert_eq!("GDELT".parse::<Format>(), Ok(Format::Gdelt));
    let e = "xlsx".parse::<Format>().expect_err("unknown");
    assert!(e
        .to_string()
        .contains("gdelt, plover, csv, jsonl or parquet"));
}

#[test]
fn jsonl_round_trips_every_field() {
    let events = samples();
    let back = read(Format::Jsonl, &export(Format::Jsonl, &events)[..]).expect("read");
    assert_eq!(back, events);
}

#[test]
fn csv_round_trips_every_field() {
    let events = samples();
    let bytes = export(Format::Csv, &events);
    let text = String::from_utf8(bytes.clone()).expect("utf-8");
    assert!(text.starts_with("id,date,date_precision,source_code,"));
    // The quoted sentence stays one field.
    assert!(
        text.contains("\"Putin and Xi signed \"\"30 agreements\"\", officials said, in Moscow.\"")
    );
    let back = read(Format::Csv, &bytes[..]).expect("read");
    assert_eq!(back, events);
}

#[test]
fn csv_with_another_header_is_refused() {
    let e = read(Format::Csv, &b"a,b\n1,2\n"[..]).expect_err("wrong layout");
    assert!(e.to_string().contains("not dyad's CSV layout"), "{e}");
}

#[test]
fn plover_records_have_the_plover_fields_and_round_trip() {
    let events = samples();
    let bytes = export(Format::Plover, &events);
    let first: serde_json::Value = serde_json::from_str(
        std::str::from_utf8(&bytes)
            .expect("utf-8")
            .lines()
            .next()
            .expect("line"),
    )
    .expect("json");
    assert_eq!(first["id"], "dyad-7");
    assert_eq!(first["date"], "2019-06-05");
    assert_eq!(first["actor"][0]["code"], "RUSGOV");
    assert_eq!(first["recipient"][0]["name"], "Xi Jinping");
    assert_eq!(first["event"], "SUPPORT");
    assert_eq!(first["context"][0], "diplomatic", "057's crosswalk context");
    assert_eq!(first["source"]["url"], "https://example.org/news/1");
    let back = read(Format::Plover, &bytes[..]).expect("read");
    assert_eq!(back, events);
}

#[test]
fn gdelt_rows_have_61_columns_in_gdelt_order() {
    let events = samples();
    let text = String::from_utf8(export(Format::Gdelt, &events)).expect("utf-8");
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows.len(),
        3,
        "a tab or newline inside a sentence must not split a row"
    );
    for r in &rows {
        assert_eq!(r.len(), GDELT_COLUMNS.len());
    }
    let col = |name: &str| {
        GDELT_COLUMNS
            .iter()
            .position(|c| *c == name)
            .expect("column")
    };
    let r = &rows[0];
    assert_eq!(r[col("GLOBALEVENTID")], "7");
    assert_eq!(r[col("SQLDATE")], "20190605");
    assert_eq!(r[col("MonthYear")], "201906");
    assert_eq!(r[col("Year")], "2019");
    assert_eq!(r[col("FractionDate")], "2019.5068");
    assert_eq!(r[col("Actor1Code")], "RUSGOV");
    assert_eq!(r[col("Actor1CountryCode")], "RUS");
    assert_eq!(r[col("Actor1Type1Code")], "GOV");
    assert_eq!(r[col("Actor2Name")], "Xi Jinping");
    assert_eq!(r[col("IsRootEvent")], "1");
    assert_eq!(r[col("EventCode")], "057");
    assert_eq!(r[col("EventBaseCode")], "057");
    assert_eq!(r[col("EventRootCode")], "05");
    assert_eq!(r[col("QuadClass")], "1");
    assert_eq!(r[col("GoldsteinScale")], "8.0");
    assert_eq!(r[col("NumMentions")], "5");
    assert_eq!(r[col("NumSources")], "3");
    assert_eq!(r[col("NumArticles")], "4");
    assert_eq!(r[col("AvgTone")], "");
    assert_eq!(r[col("ActionGeo_FullName")], "");
    assert_eq!(r[col("DATEADDED")], "20261206070102");
    assert_eq!(r[col("SOURCEURL")], "https://example.org/news/1");
    // A month-precision date is its first day; a bare country has no type.
    assert_eq!(rows[1][col("SQLDATE")], "20160601");
    assert_eq!(rows[1][col("Actor2Type1Code")], "");
    assert_eq!(rows[1][col("IsRootEvent")], "0");
    // Four-digit codes keep their three-digit base; undated events leave the dates empty.
    assert_eq!(rows[2][col("EventBaseCode")], "183");
    assert_eq!(rows[2][col("SQLDATE")], "");
    assert_eq!(rows[2][col("Actor1Name")], "Rebel commanders");
    assert_eq!(rows[2][col("Actor1Code")], "");
    assert_eq!(
        rows[2][col("SOURCEURL")],
        "d-ff",
        "the document id when there is no URL"
    );
}

#[test]
fn gdelt_round_trips_what_gdelt_carries() {
    let events = samples();
    let back = read(Format::Gdelt, &export(Format::Gdelt, &events)[..]).expect("read");
    // What the 61 columns keep; the rest comes back empty or derived (FORMATS.md).
    let view = |e: &EventRecord| {
        let mut e = e.clone();
        e.date = e
            .date
            .and_then(|d| PartialDate::ymd(d.year(), d.month().unwrap_or(1), d.day().unwrap_or(1)));
        e.date_precision = if e.date.is_some() {
            DatePrecision::Day
        } else {
            DatePrecision::Document
        };
        e.mutual = false;
        e.object = None;
        e.first_seen = None;
        e.url = e.url.or(e.doc_id.take());
        e.doc_id = None;
        e.site = None;
        e.sentence_index = None;
        e.sentence = None;
        e.linked_event = None;
        e
    };
    let expected: Vec<EventRecord> = events.iter().map(view).collect();
    assert_eq!(back, expected);
}

#[test]
fn gdelt_reader_names_the_bad_line() {
    let mut text = String::from_utf8(export(Format::Gdelt, &samples())).expect("utf-8");
    text.push_str("1\t2\t3\n");
    let e = read(Format::Gdelt, text.as_bytes()).expect_err("short row");
    assert!(
        e.to_string().starts_with("line 4: 3 columns, expected 61"),
        "{e}"
    );
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_round_trips_every_field() {
    let events = samples();
    let bytes = export(Format::Parquet, &events);
    assert_eq!(&bytes[..4], b"PAR1");
    let back = read(Format::Parquet, &bytes[..]).expect("read");
    assert_eq!(back, events);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_spans_row_groups() {
    let base = samples().remove(0);
    let events: Vec<EventRecord> = (0..70_000)
        .map(|i| EventRecord {
            id: i,
            ..base.clone()
        })
        .collect();
    let back = read(Format::Parquet, &export(Format::Parquet, &events)[..]).expect("read");
    assert_eq!(back.len(), events.len());
    assert_eq!(back[69_999].id, 69_999);
}

#[cfg(not(feature = "parquet"))]
#[test]
fn parquet_without_the_feature_says_how_to_get_it() {
    let e = Exporter::new(Format::Parquet, Vec::new())
        .err()
        .expect("no parquet");
    assert!(e.to_string().contains("--features parquet"), "{e}");
    assert!(!Format::Parquet.available());
}
