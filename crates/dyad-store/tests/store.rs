#![allow(clippy::unwrap_used)]
//! Store behaviour: migrations, idempotent batches, duplicates, search, coded rows.

use dyad_core::{
    content_hash, Actor, ActorCode, CameoCode, DatePrecision, DocId, Document, Event, Plover,
    Qualifier, Quantity, Sentence, Span, TextSpan,
};
use dyad_store::{SkipRecord, Store, StoreError, SCHEMA_VERSION};
use std::path::Path;

fn doc(id: &str, text: &str) -> Document {
    // One sentence per line: enough structure for the store's purposes.
    let mut sentences = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        sentences.push(Sentence {
            index: sentences.len() as u32,
            span: Span::new(start, start + line.len()),
        });
        start += line.len() + 1;
    }
    Document {
        id: DocId::new(id),
        url: None,
        title: text.lines().next().map(str::to_owned),
        author: None,
        date: "2019-06-06".parse().ok(),
        site: None,
        language: Some("en".into()),
        content_hash: content_hash(text),
        clean_text: text.to_owned(),
        duplicate_of: None,
        minhash: dyad_dedup::minhash(text, &dyad_dedup::Params::default()),
        sentences,
        events: vec![],
        quantities: vec![],
        origin: format!("test:{id}"),
        repaired: 0,
    }
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn new_store_is_migrated_and_reopens_without_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    s.integrity_check().unwrap();
    drop(s);
    let s = Store::open_existing(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    let mode: String = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn missing_and_newer_stores_are_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let err = Store::open_existing(&missing).err().unwrap();
    assert!(matches!(err, StoreError::Missing(_)));
    assert!(err.to_string().contains("dyad ingest"));
    assert!(!missing.exists(), "open_existing must not create a file");

    // A server URL is refused with advice, not opened as a local file of that name.
    for url in [
        "postgres://dyad@db.example/events",
        "postgresql://localhost/dyad",
    ] {
        for err in [
            Store::open(url).err().unwrap(),
            Store::open_existing(url).err().unwrap(),
        ] {
            assert!(matches!(err, StoreError::ServerUrl(_)), "{err}");
            assert!(err.to_string().contains("--db FILE"), "{err}");
        }
    }
    assert!(!Path::new("postgres:").exists() && !Path::new("postgresql:").exists());

    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err}");
    assert!(err.to_string().contains("upgrade dyad"));
}

#[test]
fn writing_the_same_batch_twice_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut s = Store::open(&path).unwrap();
    let docs = vec![
        doc("a", "Leaders met in Moscow.\nThey signed a deal."),
        doc("b", "Trade grew by a quarter."),
    ];
    let skips = vec![SkipRecord {
        input: "bad.jsonl".into(),
        record: Some("line 3".into()),
        reason: "malformed JSON".into(),
    }];
    let run = s.begin_run("test").unwrap();
    let first = s.write_batch(run, &docs, &skips).unwrap();
    assert_eq!((first.stored, first.sentences, first.unchanged), (2, 3, 0));
    let second = s.write_batch(run, &docs, &[]).unwrap();
    assert_eq!(
        (second.stored, second.sentences, second.unchanged),
        (0, 0, 2)
    );
    assert_eq!(count(&path, "SELECT count(*) FROM documents"), 2);
    assert_eq!(count(&path, "SELECT count(*) FROM sentences"), 3);
    assert_eq!(count(&path, "SELECT count(*) FROM skipped"), 1);
    let stats = s.stats().unwrap();
    assert_eq!((stats.documents, stats.sentences, stats.skipped), (2, 3, 1));
    assert_eq!(stats.interrupted_runs, 1, "the run is not finished yet");
    s.finish_run(run, &Default::default(), true).unwrap();
    assert_eq!(s.stats().unwrap().interrupted_runs, 0);
}

#[test]
fn exact_duplicates_are_linked_and_not_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("s.db")).unwrap();
    let run = s.begin_run("test").unwrap();
    let out = s
        .write_batch(
            run,
            &[
                doc("orig", "Ministers signed a grain deal."),
                doc("copy", "Ministers  signed a grain\tdeal."),
            ],
            &[],
        )
        .unwrap();
    assert_eq!((out.stored, out.duplicates, out.sentences), (2, 1, 1));
    let listed = s.run_documents(run, 10).unwrap();
    assert_eq!(listed[1].duplicate_of.as_deref(), Some("orig"));
    assert_eq!(listed[1].sentences, 0);
    let hits = s.search("grain", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "orig");
}

#[test]
fn an_id_taken_by_other_text_keeps_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("s.db")).unwrap();
    let run = s.begin_run("test").unwrap();
    s.write_batch(run, &[doc("story", "First version.")], &[])
        .unwrap();
    let edited = doc("story", "Second, edited version.");
    let out = s
        .write_batch(run, std::slice::from_ref(&edited), &[])
        .unwrap();
    assert_eq!((out.stored, out.renamed), (1, 1));
    let again = s
        .write_batch(run, std::slice::from_ref(&edited), &[])
        .unwrap();
    assert_eq!((again.stored, again.unchanged), (0, 1));
    let ids: Vec<String> = s
        .run_documents(run, 10)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids[0], "story");
    assert_eq!(ids[1], format!("story@{}", &edited.content_hash[..8]));
}

#[test]
fn search_understands_fts_syntax_and_forgives_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("s.db")).unwrap();
    let run = s.begin_run("test").unwrap();
    s.write_batch(
        run,
        &[
            doc(
                "a",
                "Russia-China trade reached a record.\nOfficials were pleased.",
            ),
            doc("b", "Sanctions were imposed on the shipping firm."),
        ],
        &[],
    )
    .unwrap();
    // Porter stemming: "sanction" finds "Sanctions".
    assert_eq!(s.search("sanction", 5).unwrap()[0].id, "b");
    // Bare hyphen is FTS5 syntax for a column filter; it must still work.
    let hits = s.search("Russia-China", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert!(
        hits[0].snippet.starts_with("[Russia"),
        "{}",
        hits[0].snippet
    );
    assert_eq!(s.search("trade OR sanctions", 5).unwrap().len(), 2);
    assert!(s.search("\"unterminated", 5).is_ok());
    assert!(s.search("nothingmatches", 5).unwrap().is_empty());
}

#[test]
fn mentions_actors_and_quantities_are_stored_with_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut s = Store::open(&path).unwrap();
    let mut d = doc("e", "Russia and China signed a deal worth $3 billion.");
    let actor = |code: &str, text: &str, start: usize| Actor {
        code: Some(ActorCode::new(code).unwrap()),
        country: Some(code[..3].to_owned()),
        sector: None,
        name: Some(text.to_owned()),
        text: text.to_owned(),
        start,
        end: start + text.len(),
    };
    let cameo = CameoCode::new("057").unwrap();
    d.events.push(Event {
        sentence_index: 0,
        sentence: d.clean_text.clone(),
        source: Some(actor("RUS", "Russia", 0)),
        target: Some(actor("CHN", "China", 11)),
        root: cameo.root().to_owned(),
        quad_class: cameo.quad_class().unwrap(),
        cameo,
        goldstein: 8.0,
        plover: Plover {
            kind: "AGREE".into(),
            mode: None,
        },
        date: None,
        date_precision: DatePrecision::Document,
        date_text: None,
        trigger: TextSpan {
            text: "signed".into(),
            start: 17,
            end: 23,
        },
        object: None,
        negated: false,
        confidence: 0.9,
        rule: "verbs/agree.toml:1".into(),
    });
    d.quantities.push(Quantity {
        sentence_index: 0,
        text: "$3 billion".into(),
        value: 3e9,
        unit: "USD".into(),
        qualifier: Qualifier::Exact,
        measure: Some("deal".into()),
        start: 37,
        end: 47,
        max: Some(5e9),
        per: None,
        actors: vec!["RUS".into(), "CHN".into()],
        date: None,
    });
    let run = s.begin_run("test").unwrap();
    let out = s.write_batch(run, &[d.clone(), d], &[]).unwrap();
    assert_eq!((out.mentions, out.quantities), (1, 1));
    assert_eq!(count(&path, "SELECT count(*) FROM actors"), 2);
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM mentions m JOIN actors a ON a.id = m.source_actor
             WHERE a.code = 'RUS' AND m.cameo = '057' AND m.date_precision = 'document'"
        ),
        1
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM quantities WHERE qualifier = 'exact' AND value = 3e9
             AND value_max = 5e9 AND per IS NULL AND actors = 'RUS CHN'"
        ),
        1
    );
}

const STORY: &str = "The foreign ministers of the two countries met in Geneva on Monday and \
    agreed to resume talks on a prisoner exchange next month, according to a joint statement \
    released after the meeting. The statement said both sides would also discuss the safety of \
    nuclear plants near the front line and the return of displaced civilians, and that technical \
    teams would meet in Istanbul to prepare the next round of negotiations.";

#[test]
fn near_duplicates_are_linked_across_runs_and_add_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.db");
    let mut s = Store::open(&path).unwrap();
    let run = s.begin_run("first").unwrap();
    s.write_batch(run, &[doc("wire", STORY)], &[]).unwrap();
    drop(s);

    // A later run, a syndicated copy with a different ending.
    let mut s = Store::open(&path).unwrap();
    let run = s.begin_run("second").unwrap();
    let copy = format!("{STORY} Reporting by our correspondent; editing by the desk.");
    let other = "Heavy rain flooded parts of the capital on Tuesday, closing schools and roads.";
    let out = s
        .write_batch(run, &[doc("copy", &copy), doc("other", other)], &[])
        .unwrap();
    assert_eq!((out.stored, out.near_duplicates, out.duplicates), (2, 1, 0));
    let listed = s.run_documents(run, 10).unwrap();
    assert_eq!(listed[0].duplicate_of.as_deref(), Some("wire"));
    assert_eq!(listed[0].sentences, 0, "a near duplicate adds no sentences");
    assert_eq!(listed[1].duplicate_of, None);
    let sim: f64 = {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.query_row(
            "SELECT similarity FROM documents WHERE id = 'copy'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!((0.8..1.0).contains(&sim), "{sim}");

    // A stricter threshold keeps the next copy as an original.
    s.set_near_duplicates(dyad_dedup::Params {
        threshold: 0.99,
        ..dyad_dedup::Params::default()
    });
    let out = s
        .write_batch(
            run,
            &[doc("copy2", &format!("{STORY} Another ending."))],
            &[],
        )
        .unwrap();
    assert_eq!(out.near_duplicates, 0);
}

#[test]
fn a_version_1_store_is_migrated_with_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(include_str!("../migrations/0001_init.sql"))
            .unwrap();
        c.pragma_update(None, "user_version", 1).unwrap();
        c.execute_batch(
            "INSERT INTO runs (started_at, status, command, dyad_version)
                 VALUES ('2026-01-01T00:00:00Z', 'complete', 'old', '0.0.1');
             INSERT INTO documents (id, clean_text, content_hash, sentence_count, origin, run_id, ingested_at)
                 VALUES ('old-doc', 'Old text.', 'h', 1, 'x', 1, '2026-01-01T00:00:00Z');
             INSERT INTO documents (id, clean_text, content_hash, duplicate_of, sentence_count, origin, run_id, ingested_at)
                 VALUES ('old-copy', 'Old text.', 'h', 'old-doc', 0, 'y', 1, '2026-01-01T00:00:00Z');
             INSERT INTO actors (id, code, country, name) VALUES (1, 'RUS', 'RUS', 'Russia'), (2, 'CHN', 'CHN', 'China');
             INSERT INTO mentions (doc_id, sentence_idx, source_actor, source_text, target_actor, target_text,
                 cameo, root, quad_class, goldstein, plover_type, date, date_precision, trigger_text,
                 trigger_start, trigger_end, negated, confidence, rule)
             VALUES ('old-doc', 0, 1, 'Russia', 2, 'China', '057', '05', 1, 8.0, 'AGREE', '2019-06-05', 'day',
                     'signed', 7, 13, 0, 0.9, 'x:1'),
                    ('old-doc', 0, 2, 'China', 1, 'Russia', '057', '05', 1, 8.0, 'AGREE', '2019-06-05', 'day',
                     'signed', 7, 13, 0, 0.9, 'x:1');",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 6);
    // Mentions stored before merging existed are merged by the next write.
    let run = s.begin_run("test").unwrap();
    let out = s.write_batch(run, &[], &[]).unwrap();
    assert_eq!((out.events, out.merged), (1, 1));
    assert_eq!(
        count(&path, "SELECT count(*) FROM events WHERE key_a = 'CHN' AND key_b = 'RUS' AND mutual = 1 AND mentions = 1 AND date = '2019-06-05'"),
        1
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM mentions WHERE event_id IS NULL OR merged = 0"
        ),
        0
    );
    // Version 3's columns exist on the migrated table.
    assert_eq!(
        count(&path, "SELECT count(*) FROM quantities WHERE value_max IS NULL AND per IS NULL AND actors IS NULL AND date IS NULL"),
        0
    );
    assert_eq!(count(&path, "SELECT count(*) FROM documents"), 2);
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM documents WHERE similarity = 1.0"
        ),
        1,
        "old duplicates are marked exact"
    );
    assert_eq!(count(&path, "SELECT count(*) FROM doc_bands"), 0);
    s.integrity_check().unwrap();
}
