//! Shared by the HTTP tests: a store built by dyad's own pipeline from text written for these
//! tests, and a real server on a random loopback port.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use dyad_serve::{router, AppState, Config};
use dyad_store::{RunTotals, Store};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Runs the pipeline (with the built-in coder) over `input` into the store at `db`, giving
/// documents without a date `date`.
pub fn ingest(db: &Path, input: &Path, date: Option<&str>) {
    let mut store = Store::open(db).unwrap();
    let run = store.begin_run("test ingest").unwrap();
    let opts = dyad_pipeline::Options {
        default_date: date.map(|d| d.parse().unwrap()),
        coder: Some(dyad_code::Coder::builtin().unwrap()),
        ..dyad_pipeline::Options::default()
    };
    let mut totals = RunTotals::default();
    dyad_pipeline::run(
        vec![dyad_read::Input::from_arg(input.to_str().unwrap())],
        &opts,
        dyad_text::default_splitter(),
        |batch| -> Result<(), dyad_store::StoreError> {
            let out = store.write_batch(run, &batch.documents, &[])?;
            totals.outcome.add(&out);
            Ok(())
        },
    )
    .unwrap();
    store.finish_run(run, &totals, true).unwrap();
}

/// A hostile string that must never reach a page unescaped.
pub const HOSTILE: &str = "<script>alert(1)</script>";

/// Articles written for these tests (not news): who did what to whom, with figures, plus one
/// whose title and text try to inject markup.
pub fn fixture_store(dir: &Path) -> PathBuf {
    let feed = dir.join("feed.jsonl");
    let records = [
        serde_json::json!({
            "id": "pact-2019",
            "title": "Russia and China sign energy pact",
            "date": "2019-06-05",
            "text": "Russia and China signed an agreement on energy cooperation on Wednesday.\n\nTrade between Russia and China reached $108 billion last year, officials said.\n\nRussian President Vladimir Putin met Chinese President Xi Jinping in Moscow."
        }),
        serde_json::json!({
            "id": "hostile/1",
            "title": format!("{HOSTILE} Russia & China"),
            "date": "2020-01-10",
            "text": format!("Russia accused China of {HOSTILE} interference on Friday.\n\nChina criticized Russia over the \"<b>bold</b>\" plan worth $5 billion.")
        }),
        serde_json::json!({
            "id": "kyiv-warsaw",
            "title": "Ukraine and Poland agree on grain",
            "date": "2021-03-02",
            "text": "Ukraine and Poland signed a grain transit agreement on Tuesday.\n\nPoland praised Ukraine for its cooperation."
        }),
    ];
    let lines: Vec<String> = records.iter().map(|r| r.to_string()).collect();
    std::fs::write(&feed, lines.join("\n") + "\n").unwrap();
    let db = dir.join("test.db");
    ingest(&db, &feed, None);
    db
}

/// Serves the store at `db` on a random loopback port from a background thread; the server
/// lives as long as the test process.
pub fn spawn(db: &Path) -> SocketAddr {
    let config = Config {
        db: db.to_path_buf(),
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        workers: 2,
        coder: None,
    };
    let state = AppState::open(&config).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(config.addr).await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, router(state)).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

/// A client that returns error statuses as responses rather than errors.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// GET `path`: status, content type and body.
pub fn get(addr: SocketAddr, path: &str) -> (u16, String, String) {
    let mut resp = agent().get(&format!("http://{addr}{path}")).call().unwrap();
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let body = resp.body_mut().read_to_string().unwrap();
    (resp.status().as_u16(), ctype, body)
}

/// GET `path` expecting JSON.
pub fn get_json(addr: SocketAddr, path: &str) -> (u16, serde_json::Value) {
    let (status, ctype, body) = get(addr, path);
    assert!(
        ctype.starts_with("application/json"),
        "{path}: content type {ctype:?}, body {body}"
    );
    (status, serde_json::from_str(&body).unwrap())
}
