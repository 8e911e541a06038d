#![allow(clippy::unwrap_used, clippy::expect_used)]
//! End to end in a real browser: the five seed articles (from `../shared/seeds/`, never copied
//! here) ingested with their dates, served on a random loopback port, and `/dyad/RUS/CHN`
//! loaded by headless Chromium, which must build a DOM with the chart and the event rows and
//! render a screenshot.
//!
//! Without Chromium (or the seeds) the test says why it skips; with `CI=true` it fails instead.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Seed ids and the dates they are ingested with (as `dyad/tests/seed_events.rs` uses them).
const SEEDS: [(&str, &str); 5] = [
    ("000_37622b0bbbee714f", "2016-06-25"),
    ("001_ce576a1491c1f5b8", "2019-06-06"),
    ("002_e7481c1d96952440", "2018-06-08"),
    ("003_29f962b0cfb1d8e3", "2016-06-24"),
    ("004_6f773ce998831c97", "2024-08-21"),
];

fn chromium() -> Option<PathBuf> {
    let found = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists());
    if found.is_none() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("chromium is missing; CI needs it (apt-get install -y chromium)");
        }
        eprintln!("skipping: no chromium at /usr/bin/chromium (apt-get install -y chromium)");
    }
    found
}

/// Runs headless Chromium with `args` then `url`, isolated in its own profile directory and
/// kept off the network (only the loopback server is reached); stdout on success.
fn run_chromium(bin: &Path, profile: &Path, args: &[&str], url: &str) -> String {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--metrics-recording-only",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start chromium");
    // A hung browser must not hang the test suite.
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "chromium failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn chromium_renders_the_russia_china_page_from_the_seeds() {
    let Some(seeds) = dyad_testdata::shared("seeds") else {
        return;
    };
    let Some(bin) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("seeds.db");
    for (id, date) in SEEDS {
        common::ingest(&db, &seeds.join(format!("{id}.txt")), Some(date));
    }
    let addr = common::spawn(&db);
    let url = format!("http://{addr}/dyad/RUS/CHN");
    let (_, body) = common::get_json(addr, "/api/events?dyad=RUS,CHN&limit=500");
    let events = body["total"].as_u64().unwrap();
    assert!(events >= 5, "the seeds hold Russia–China events: {body}");

    let profile = dir.path().join("profile");
    let dom = run_chromium(&bin, &profile, &["--dump-dom"], &url);
    assert!(dom.contains("<svg"), "no chart in the DOM:\n{dom}");
    assert!(dom.contains("events by period"), "the chart has no title");
    let rows = dom.matches("<tr class=\"event\">").count() as u64;
    assert_eq!(rows, events.min(300), "one row per event");
    assert!(
        dom.contains("<mark class=\"trigger\""),
        "no highlighted trigger"
    );
    assert!(
        dom.contains("<tr class=\"agreement\">"),
        "no agreement signed"
    );
    assert!(dom.contains("<tr class=\"figure\">"), "no figure stated");
    assert!(!dom.contains("<script"), "a page with no scripts grew one");

    let out_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let png = out_dir.join("dyad-serve-rus-chn.png");
    let _ = std::fs::remove_file(&png);
    run_chromium(
        &bin,
        &profile,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,2000",
        ],
        &url,
    );
    let bytes = std::fs::read(&png).expect("chromium wrote the screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        bytes.len() > 20_000,
        "a blank screenshot? {} bytes",
        bytes.len()
    );
    println!("screenshot of {url}: {}", png.display());
}
