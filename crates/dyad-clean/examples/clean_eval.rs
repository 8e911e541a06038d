//! Scores the cleaner on a directory of pages with ground truth.
//!
//! `cargo run --release -p dyad-clean --example clean_eval -- DIR [--text] [--json] [--dump OUT]`
//!
//! `--text` scores the plain-text path, `--json` prints the full report as JSON, `--dump OUT`
//! writes what cleaning made of each page to `OUT/ID.txt` (title, author, date, then the text).

use dyad_clean::eval::{evaluate, load_pages, Mode};
use dyad_clean::{clean_html, clean_text, html_to_text_blocks};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The allocator the `dyad` binary uses, so speeds measured here are the ones it sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let mut dir = None;
    let mut mode = Mode::Html;
    let mut json = false;
    let mut dump = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--text" => mode = Mode::Text,
            "--json" => json = true,
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: clean_eval DIR [--text] [--json] [--dump OUT]");
        return ExitCode::from(2);
    };
    if let Some(out) = dump {
        if let Err(e) = write_dump(&dir, &out, mode) {
            eprintln!("dump: {e}");
            return ExitCode::FAILURE;
        }
    }
    match evaluate(&dir, mode) {
        Ok(report) => {
            if json {
                match serde_json::to_string_pretty(&report) {
                    Ok(s) => println!("{s}"),
                    Err(e) => {
                        eprintln!("{e}");
                        return ExitCode::FAILURE;
                    }
                }
            } else {
                println!("{report}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn write_dump(dir: &Path, out: &Path, mode: Mode) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(out)?;
    for page in load_pages(dir)? {
        let c = match mode {
            Mode::Html => clean_html(&page.html, page.url.as_deref()),
            Mode::Text => clean_text(&html_to_text_blocks(&page.html)),
        };
        let body = format!(
            "title: {:?}\nauthor: {:?}\ndate: {:?}\n\n{}\n",
            c.title,
            c.author,
            c.date.map(|d| d.to_string()),
            c.text
        );
        std::fs::write(out.join(format!("{}.txt", page.id)), body)?;
    }
    Ok(())
}
