//! Cleans a sample of pages once each, for profilers (callgrind counts instructions, so a
//! sample is enough and the load on the machine does not matter).
//!
//! `cargo build --release -p dyad-clean --example clean_profile`, then
//! `valgrind --tool=callgrind target/release/examples/clean_profile DIR [STEP]`: every STEP-th
//! page (default 5) of DIR (the layout `clean_eval` reads) is cleaned with `clean_html`.

use dyad_clean::clean_html;
use dyad_clean::eval::load_pages;
use std::path::PathBuf;
use std::process::ExitCode;

/// The allocator the `dyad` binary uses, so speeds measured here are the ones it sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: clean_profile DIR [STEP]");
        return ExitCode::from(2);
    };
    let step = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5usize)
        .max(1);
    let pages = match load_pages(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let mut chars = 0usize;
    let mut n = 0usize;
    for page in pages.iter().step_by(step) {
        chars += clean_html(&page.html, page.url.as_deref()).text.len();
        n += 1;
    }
    println!("{n} pages, {chars} bytes of text");
    ExitCode::SUCCESS
}
