//! Splitting throughput on a text file, or its sentences with `--print` (`+ ` marks a sentence
//! that starts on the same line as the previous one).
//!
//! `cargo run --release -p dyad-text --example split_bench -- PATH [--print]`

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: split_bench PATH [--print]");
        std::process::exit(2);
    };
    let print = args.next().as_deref() == Some("--print");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let splitter = dyad_text::default_splitter();
    let mut spans = Vec::new();
    if print {
        // Sentences one a line; `+ ` marks one that shares its line with the previous one.
        splitter.split_into(&text, &mut spans);
        let mut last_end = 0;
        for span in &spans {
            let same_line = last_end > 0 && !text[last_end..span.start].contains('\n');
            let mark = if same_line { "+ " } else { "" };
            println!("{mark}{}", &text[span.start..span.end]);
            last_end = span.end;
        }
        return;
    }
    splitter.split_into(&text, &mut spans); // warm-up
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        splitter.split_into(&text, &mut spans);
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(runs);
    let mb = text.len() as f64 / 1e6;
    println!(
        "{mb:.1} MB, {} sentences, {:.1} ms per pass, {:.0} MB/s, {:.1} M sentences/s",
        spans.len(),
        secs * 1e3,
        mb / secs,
        spans.len() as f64 / secs / 1e6
    );
}
