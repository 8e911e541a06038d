#![allow(clippy::unwrap_used)]
//! Relationship queries: results on a small store, and query plans that use the indexes
//! (a full scan of `events` would make a million-event store slow).

use dyad_core::{
    content_hash, Actor, ActorCode, CameoCode, DatePrecision, DocId, Document, Event, Plover,
    Sentence, Span, TextSpan,
};
use dyad_store::{EventFilter, Period, Store};

fn actor(code: &str) -> Actor {
    Actor {
        code: Some(ActorCode::new(code).unwrap()),
        country: Some(code[..3].to_owned()),
        sector: code.get(3..6).map(str::to_owned),
        name: Some(code.to_owned()),
        text: code.to_owned(),
        start: 0,
        end: 3,
    }
}

/// A one-sentence document reporting `source` doing `cameo` to `target` on `date`.
fn report(id: &str, date: &str, source: &str, target: &str, cameo: &str) -> Document {
    let text = format!("{source} {cameo} {target} on {date}.");
    let trigger = TextSpan {
        text: cameo.to_owned(),
        start: source.len() + 1,
        end: source.len() + 1 + cameo.len(),
    };
    let cameo = CameoCode::new(cameo).unwrap();
    let event = Event {
        sentence_index: 0,
        sentence: text.clone(),
        source: Some(actor(source)),
        target: Some(actor(target)),
        root: cameo.root().to_owned(),
        quad_class: cameo.quad_class().unwrap(),
        cameo,
        goldstein: 1.0,
        plover: Plover {
            kind: "CONSULT".into(),
            mode: None,
        },
        date: date.parse().ok(),
        date_precision: DatePrecision::Day,
        date_text: Some(date.to_owned()),
        trigger,
        object: None,
        negated: false,
        confidence: 0.9,
        rule: "test:1".into(),
    };
    Document {
        id: DocId::new(id),
        url: None,
        title: None,
        author: None,
        date: date.parse().ok(),
        site: Some(format!("site{}", id.len() % 3)),
        language: Some("en".into()),
        content_hash: content_hash(&text),
        minhash: dyad_dedup::minhash(&text, &dyad_dedup::Params::default()),
        sentences: vec![Sentence {
            index: 0,
            span: Span::new(0, text.len()),
        }],
        clean_text: text,
        duplicate_of: None,
        events: vec![event],
        quantities: vec![],
        origin: format!("test:{id}"),
        repaired: 0,
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("q.db")).unwrap();
    let countries = ["RUS", "CHN", "USA", "UKR", "IND", "FRA"];
    let codes = ["042", "111", "0311", "190"];
    let mut docs = Vec::new();
    for i in 0..600usize {
        let a = countries[i % countries.len()];
        let b = countries[(i / countries.len() + i + 1) % countries.len()];
        if a == b {
            continue;
        }
        let day = 1 + (i * 7) % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2015 + i % 9;
        let date = format!("{year}-{month:02}-{day:02}");
        docs.push(report(
            &format!("d{i}"),
            &date,
            &format!("{a}GOV"),
            b,
            codes[i % codes.len()],
        ));
    }
    let run = s.begin_run("test").unwrap();
    s.write_batch(run, &docs, &[]).unwrap();
    (dir, s)
}

/// True when a plan reads `events` through an index rather than scanning it all.
fn uses_index(plan: &[String]) -> bool {
    let on_events: Vec<&String> = plan
        .iter()
        .filter(|l| l.contains(" e ") || l.ends_with(" e") || l.contains("events"))
        .collect();
    !on_events.is_empty()
        && on_events.iter().all(|l| {
            l.contains("USING INDEX")
                || l.contains("USING COVERING INDEX")
                || l.contains("INTEGER PRIMARY KEY")
                || l.starts_with("MULTI-INDEX")
        })
}

#[test]
fn relationship_queries_use_the_indexes() {
    let (_dir, s) = store();
    let dyad = EventFilter {
        dyad: Some(("RUS".into(), "CHN".into())),
        since: "2019-03".parse().ok(),
        until: "2019-03".parse().ok(),
        ..EventFilter::default()
    };
    let source = EventFilter {
        source: Some("RUSGOV".into()),
        code: Some("042".into()),
        limit: Some(100),
        ..EventFilter::default()
    };
    let target = EventFilter {
        target: Some("UKR".into()),
        ..EventFilter::default()
    };
    for (name, (sql, args)) in [
        ("dyad-month", s.events_sql(&dyad)),
        ("source", s.events_sql(&source)),
        ("target", s.events_sql(&target)),
        ("timeline", s.timeline_sql("RUS", "CHN")),
    ] {
        let plan = s.query_plan(&sql, &args).unwrap();
        assert!(uses_index(&plan), "{name}: {plan:#?}");
    }
    // The check can fail: listing every event scans them.
    let (sql, args) = s.events_sql(&EventFilter::default());
    assert!(!uses_index(&s.query_plan(&sql, &args).unwrap()));
}

#[test]
fn queries_answer_consistently() {
    let (_dir, s) = store();
    let all = s.events(&EventFilter::default()).unwrap();
    assert!(all.len() > 100, "{}", all.len());
    let rus_chn = s
        .events(&EventFilter {
            dyad: Some(("CHN".into(), "RUS".into())),
            ..EventFilter::default()
        })
        .unwrap();
    assert!(!rus_chn.is_empty());
    assert!(rus_chn.iter().all(|e| {
        let sides =
            [e.source.as_ref(), e.target.as_ref()].map(|a| a.and_then(|a| a.country.clone()));
        sides.contains(&Some("RUS".into())) && sides.contains(&Some("CHN".into()))
    }));
    // The timeline counts every dated event of the dyad once, in both directions.
    for by in [Period::Day, Period::Week, Period::Month, Period::Year] {
        let rows = s.timeline("RUS", "CHN", by).unwrap();
        let n: u32 = rows.iter().map(|r| r.events).sum();
        assert_eq!(n as usize, rus_chn.len(), "{by:?}");
        let q: u32 = rows.iter().map(|r| r.quad.iter().sum::<u32>()).sum();
        assert_eq!(q, n);
    }
    // Paging returns the same events in the same order.
    let page = |offset| {
        s.events(&EventFilter {
            limit: Some(50),
            offset,
            ..EventFilter::default()
        })
        .unwrap()
    };
    let (p1, p2) = (page(0), page(50));
    assert_eq!(p1, all[..50]);
    assert_eq!(p2, all[50..100]);
    // Dates come in order, and a since/until window keeps what overlaps it.
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    let march = s
        .events(&EventFilter {
            since: "2019-03".parse().ok(),
            until: "2019-03-31".parse().ok(),
            ..EventFilter::default()
        })
        .unwrap();
    assert!(march
        .iter()
        .all(|e| e.date.unwrap().to_string().starts_with("2019-03")));
    let expected = all
        .iter()
        .filter(|e| e.date.unwrap().to_string().starts_with("2019-03"))
        .count();
    assert_eq!(march.len(), expected);
    // Who deals with whom: the pairs' counts add up to the events.
    let pairs = s.actors(100, None).unwrap();
    assert_eq!(
        pairs.iter().map(|p| p.events as usize).sum::<usize>(),
        all.len()
    );
    let with_rus = s.actors(100, Some("RUS")).unwrap();
    assert!(with_rus.iter().all(|p| p.a == "RUS"));
}

#[test]
fn documents_are_listed_newest_first_and_read_whole() {
    let (_dir, s) = store();
    let (total, page) = s.documents(10, 0).unwrap();
    assert!(total > 500, "{total}");
    assert_eq!(page.len(), 10);
    assert!(page.windows(2).all(|w| w[0].date >= w[1].date), "{page:#?}");
    let (_, next) = s.documents(10, 10).unwrap();
    assert!(next[0].date <= page[9].date);
    assert!(page.iter().all(|d| !next.iter().any(|n| n.id == d.id)));

    let d = s.document(&page[0].id).unwrap().unwrap();
    assert_eq!(d.document, page[0]);
    assert_eq!(d.sentences.len(), 1);
    assert_eq!(d.sentences[0].end, d.clean_text.len());
    assert_eq!(d.mentions.len(), 1);
    let m = &d.mentions[0];
    assert!(m.event_id.is_some());
    assert_eq!(
        &d.clean_text[m.trigger.start..m.trigger.end],
        m.trigger.text
    );
    assert!(s.document("no-such-document").unwrap().is_none());
}

#[test]
fn pair_totals_follow_the_events_through_later_batches() {
    let (_dir, mut s) = store();
    // A later batch re-reports some acts (they merge, so counts change) and adds new ones.
    let mut docs = Vec::new();
    for i in 0..40usize {
        let day = 1 + (i * 7) % 28;
        let month = 1 + (i / 28) % 12;
        let year = 2015 + i % 9;
        let date = format!("{year}-{month:02}-{day:02}");
        let (a, b) = if i % 2 == 0 {
            ("RUS", "CHN")
        } else {
            ("USA", "UKR")
        };
        // Twice each: the second report joins the first's event.
        for copy in ["a", "b"] {
            docs.push(report(
                &format!("later{i}{copy}"),
                &date,
                &format!("{a}GOV"),
                b,
                "190",
            ));
        }
    }
    let run = s.begin_run("test").unwrap();
    s.write_batch(run, &docs, &[]).unwrap();
    let all = s.events(&EventFilter::default()).unwrap();
    assert!(all.iter().any(|e| e.mentions >= 2), "some reports merged");
    /// Events, cooperative, conflictual, Goldstein sum, mentions.
    type Totals = (u32, u32, u32, f64, u32);
    let mut expected: std::collections::BTreeMap<(String, String), Totals> = Default::default();
    for e in &all {
        let side = |a: &Option<dyad_core::EventActor>| a.as_ref().and_then(|a| a.country.clone());
        let (Some(x), Some(y)) = (side(&e.source), side(&e.target)) else {
            continue;
        };
        let key = if x < y { (x, y) } else { (y, x) };
        let t = expected.entry(key).or_default();
        t.0 += 1;
        t.1 += u32::from(e.quad_class.number() <= 2);
        t.2 += u32::from(e.quad_class.number() >= 3);
        t.3 += f64::from(e.goldstein);
        t.4 += e.mentions;
    }
    let pairs = s.actors(10_000, None).unwrap();
    assert_eq!(pairs.len(), expected.len());
    for p in &pairs {
        let t = expected[&(p.a.clone(), p.b.clone())];
        assert_eq!(
            (p.events, p.cooperation, p.conflict, p.mentions),
            (t.0, t.1, t.2, t.4),
            "{p:?}"
        );
        assert!(
            (p.goldstein_mean - t.3 / f64::from(t.0)).abs() < 1e-4,
            "{p:?}"
        );
    }
    // Counting matches listing.
    let f = EventFilter {
        dyad: Some(("RUS".into(), "CHN".into())),
        ..EventFilter::default()
    };
    assert_eq!(s.count_events(&f).unwrap(), s.events(&f).unwrap().len());
}

#[test]
fn a_page_of_events_carries_each_events_own_reports() {
    let (_dir, mut s) = store();
    let mut docs = Vec::new();
    for i in 0..12usize {
        let date = format!("2020-03-{:02}", 1 + i * 2);
        // Some acts are reported twice, in two documents: their event has two reports.
        for copy in 0..=(i % 2) {
            docs.push(report(
                &format!("page{i}-{copy}"),
                &date,
                "RUSGOV",
                "CHN",
                "036",
            ));
        }
    }
    let run = s.begin_run("test").unwrap();
    s.write_batch(run, &docs, &[]).unwrap();
    let f = EventFilter {
        dyad: Some(("RUS".into(), "CHN".into())),
        ..EventFilter::default()
    };
    let page = s.events_with_reports(&f).unwrap();
    assert_eq!(
        page.iter().map(|e| e.event.clone()).collect::<Vec<_>>(),
        s.events(&f).unwrap(),
        "the same events, in the same order"
    );
    assert!(page.iter().any(|e| e.reports.len() == 2));
    for e in &page {
        assert_eq!(e.reports, s.reports(e.event.id).unwrap(), "{:?}", e.event);
        assert_eq!(e.reports.len() as u32, e.event.mentions, "{:?}", e.event);
    }
    assert!(s.reports(i64::MAX).unwrap().is_empty());
}
