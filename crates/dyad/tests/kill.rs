#![allow(clippy::unwrap_used)]
//! A real `dyad ingest` child process killed with SIGKILL mid-run leaves a consistent store,
//! and running the same command again completes it.

use rusqlite::{Connection, OpenFlags};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DOCS: usize = 25_000;

fn write_corpus(path: &Path) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    // Distinct texts, so no document is a near duplicate of another: words are made of three
    // syllables drawn by a small deterministic generator (8,000 possible words).
    let syllables = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa", "do", "fe", "gu", "ha", "ji",
        "bo", "ce", "xu", "wa", "yo",
    ];
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut pick = move || {
        let mut word = String::new();
        for _ in 0..3 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            word.push_str(syllables[(state % syllables.len() as u64) as usize]);
        }
        word
    };
    for i in 0..DOCS {
        let topic: Vec<String> = (0..12).map(|_| pick()).collect();
        let line = serde_json::json!({
            "id": format!("doc-{i}"),
            "date": "2024-08-21",
            "title": format!("Report number {i}"),
            "text": format!(
                "Officials in city {i} met on Monday about the {} {} {} {}. They discussed {} {} \
                 {} {} worth ${i}.5 million.\n\nMr. Smith of the U.S. delegation said talks on \
                 the {} {} {} {} would go on. \"We will return,\" he said.",
                topic[0], topic[1], topic[2], topic[3], topic[4], topic[5], topic[6], topic[7],
                topic[8], topic[9], topic[10], topic[11]
            ),
        });
        writeln!(f, "{line}").unwrap();
    }
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn ingest(corpus: &Path, db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.arg("ingest")
        .arg(corpus)
        .arg("--db")
        .arg(db)
        .args(["--batch-size", "100", "--quiet"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Every stored document has all its sentences and its index entry; nothing half-written.
fn assert_consistent(db: &Path) -> i64 {
    let conn = Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let docs = count(&conn, "SELECT count(*) FROM documents");
    let partial = count(
        &conn,
        "SELECT count(*) FROM documents d
         WHERE d.sentence_count != (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)",
    );
    assert_eq!(partial, 0, "documents with missing sentences");
    let orphans = count(
        &conn,
        "SELECT count(*) FROM sentences s WHERE NOT EXISTS
         (SELECT 1 FROM documents d WHERE d.id = s.doc_id)",
    );
    assert_eq!(orphans, 0, "sentences without a document");
    let indexed = count(&conn, "SELECT count(*) FROM documents_fts");
    assert_eq!(indexed, docs, "FTS index out of step with documents");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"
        ),
        0
    );
    let fts_ok: Result<(), _> = conn
        .execute(
            "INSERT INTO documents_fts(documents_fts, rank) VALUES('integrity-check', 1)",
            [],
        )
        .map(|_| ());
    assert!(fts_ok.is_ok(), "FTS5 integrity check failed: {fts_ok:?}");
    docs
}

#[test]
fn sigkill_mid_ingest_leaves_a_consistent_store_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let db = dir.path().join("store.db");
    write_corpus(&corpus);

    let mut child = ingest(&corpus, &db).spawn().unwrap();
    // Wait until some batches are committed, then kill without warning.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        assert!(
            Instant::now() < deadline,
            "ingest stored nothing within 60 s"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest finished before it could be killed; make the corpus larger"
        );
        let stored = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .ok()
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
                    .ok()
            })
            .unwrap_or(0);
        if stored >= 1000 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let partial = assert_consistent(&db);
    assert!(
        partial > 0 && partial < DOCS as i64,
        "expected a partial store, found {partial} of {DOCS} documents"
    );
    let conn = Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "SELECT count(*) FROM runs WHERE status = 'running'"),
        1
    );
    drop(conn);

    let status = ingest(&corpus, &db).status().unwrap();
    assert!(status.success());
    assert_eq!(assert_consistent(&db), DOCS as i64);
    let conn = Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "SELECT documents + unchanged FROM runs WHERE id = 2"),
        DOCS as i64,
        "the re-run sees every document once"
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM sentences"),
        DOCS as i64 * 4
    );
    drop(conn);

    // And once more: nothing new.
    let status = ingest(&corpus, &db).status().unwrap();
    assert!(status.success());
    let conn = Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "SELECT documents FROM runs WHERE id = 3"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM documents"), DOCS as i64);
}
