//! Coder throughput with the imported Phoenix dictionaries against the built-in ones, on one
//! thread, over the first ~20,000 sentences of the Reuters-21578 corpus.
//!
//! ```sh
//! cargo run --release -p dyad-import --example phoenix_speed
//! ```
//!
//! Reads `../shared/data/petrarch/` and `../shared/data/corpus/reuters21578.jsonl.gz`
//! (skips with a message when they are not there).

use dyad_code::{Coder, CoderOptions, VerbDictionary};
use dyad_core::PartialDate;
use dyad_recognise::Dictionary;
use std::io::BufRead;
use std::time::Instant;

const SENTENCES: usize = 20_000;

type Doc = (Option<PartialDate>, String, Vec<(usize, usize)>);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(petrarch) = dyad_testdata::shared("data/petrarch") else {
        return Ok(());
    };
    let Some(corpus) = dyad_testdata::shared("data/corpus/reuters21578.jsonl.gz") else {
        return Ok(());
    };
    // The documents and their sentences.
    let reader =
        std::io::BufReader::new(flate2::read::GzDecoder::new(std::fs::File::open(&corpus)?));
    let splitter = dyad_text::default_splitter();
    let mut docs: Vec<Doc> = Vec::new();
    let mut n = 0;
    for line in reader.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let date = v
            .get("date")
            .and_then(|d| d.as_str())
            .and_then(|d| d.parse().ok());
        let spans: Vec<(usize, usize)> = splitter
            .split(text)
            .into_iter()
            .map(|s| (s.start, s.end))
            .collect();
        n += spans.len();
        docs.push((date, text.to_owned(), spans));
        if n >= SENTENCES {
            break;
        }
    }
    println!("{} documents, {n} sentences", docs.len());

    // Phoenix, imported.
    let files: Vec<_> = [
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
        "Phoenix.IssueCoding.txt",
    ]
    .iter()
    .map(|f| petrarch.join(f))
    .collect();
    let tmp = tempfile::tempdir()?;
    let t = Instant::now();
    let report = dyad_import::petrarch::import(&files, tmp.path())?;
    println!(
        "import: {:.2} s, {} line(s) not converted",
        t.elapsed().as_secs_f64(),
        report.skipped.len()
    );
    let t = Instant::now();
    let dict = Dictionary::from_dir(tmp.path()).map_err(|e| format!("{} actor errors", e.len()))?;
    let verbs =
        VerbDictionary::from_dir(tmp.path()).map_err(|e| format!("{} verb errors", e.len()))?;
    let phoenix = Coder::new(dict, verbs, CoderOptions::default())?;
    println!("phoenix coder built in {:.2} s", t.elapsed().as_secs_f64());
    let builtin = Coder::builtin().map_err(|e| e.to_string())?;

    for (name, coder) in [("built-in", builtin), ("phoenix", &phoenix)] {
        // One warm-up pass, then the measured one.
        run(coder, &docs);
        let t = Instant::now();
        let events = run(coder, &docs);
        let s = t.elapsed().as_secs_f64();
        println!(
            "{name:<9} {n} sentences in {s:.3} s: {:>9.0} sentences/s, {events} events",
            n as f64 / s
        );
    }
    Ok(())
}

fn run(coder: &Coder, docs: &[Doc]) -> usize {
    let mut events = 0;
    for (date, text, spans) in docs {
        let sentences = spans
            .iter()
            .filter_map(|&(a, b)| text.get(a..b).map(|s| (a, s)));
        events += coder.code_document(sentences, *date).len();
    }
    events
}
