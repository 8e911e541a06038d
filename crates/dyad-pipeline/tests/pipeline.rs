#![allow(clippy::unwrap_used)]
//! The pipeline keeps input order, merges metadata by precedence, turns failures into skips,
//! honours limits and stops cleanly when its consumer fails.

use dyad_core::PartialDate;
use dyad_pipeline::{run, Batch, Options};
use dyad_read::Input;
use dyad_text::default_splitter;
use std::io::Write;

fn jsonl(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let path = dir.join("feed.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..n {
        let date = if i % 2 == 0 {
            ",\"date\":\"2020-01-02\""
        } else {
            ""
        };
        writeln!(
            f,
            "{{\"id\":\"n{i}\"{date},\"text\":\"Story {i} begins here. Mr. Roe said it ends here.\"}}"
        )
        .unwrap();
    }
    path
}

fn collect(inputs: Vec<Input>, opts: &Options) -> Vec<Batch> {
    let mut batches = Vec::new();
    run(inputs, opts, default_splitter(), |b| -> Result<(), ()> {
        batches.push(b);
        Ok(())
    })
    .unwrap();
    batches
}

#[test]
fn documents_come_out_in_input_order_with_sentences_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = jsonl(dir.path(), 1000);
    let opts = Options {
        batch_size: 7,
        default_date: Some("1999-12-31".parse().unwrap()),
        ..Options::default()
    };
    let batches = collect(vec![Input::Path(path)], &opts);
    assert!(batches.iter().all(|b| b.documents.len() <= 7));
    let docs: Vec<_> = batches.into_iter().flat_map(|b| b.documents).collect();
    assert_eq!(docs.len(), 1000);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.id.as_str(), format!("n{i}"));
        assert_eq!(d.sentences.len(), 2, "{}", d.clean_text);
        assert_eq!(d.sentence_text(1), Some("Mr. Roe said it ends here."));
        // Input metadata first, --date only where the input has none.
        let want = if i % 2 == 0 {
            "2020-01-02"
        } else {
            "1999-12-31"
        };
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some(want));
    }
}

#[test]
fn html_metadata_fills_what_the_input_lacks_and_empty_pages_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.html"),
        "<html><head><meta property=\"article:published_time\" content=\"2021-04-05\">\
         <title>Envoys meet</title></head><body><article><p>Envoys met in Vienna on Monday \
         to discuss the nuclear accord. They will meet again next week.</p></article></body></html>",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.html"),
        "<html><body><script>x()</script></body></html>",
    )
    .unwrap();
    let opts = Options {
        default_date: PartialDate::parse_loose("2000-01-01"),
        ..Options::default()
    };
    let batches = collect(vec![Input::Path(dir.path().to_path_buf())], &opts);
    let docs: Vec<_> = batches.iter().flat_map(|b| &b.documents).collect();
    let skipped: Vec<_> = batches.iter().flat_map(|b| &b.skipped).collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].date.unwrap().to_string(), "2021-04-05");
    assert_eq!(docs[0].sentences.len(), 2);
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].input.ends_with("b.html"));
    assert!(skipped[0].reason.contains("no text left after cleaning"));
}

#[test]
fn limit_counts_documents_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = jsonl(dir.path(), 50);
    let opts = Options {
        limit: Some(12),
        batch_size: 5,
        ..Options::default()
    };
    let n: usize = collect(vec![Input::Path(path)], &opts)
        .iter()
        .map(|b| b.documents.len())
        .sum();
    assert_eq!(n, 12);
}

#[test]
fn a_failing_consumer_stops_the_run_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let path = jsonl(dir.path(), 5000);
    let opts = Options {
        batch_size: 10,
        ..Options::default()
    };
    let mut seen = 0;
    let result = run(vec![Input::Path(path)], &opts, default_splitter(), |_| {
        seen += 1;
        if seen == 3 {
            Err("disk full")
        } else {
            Ok(())
        }
    });
    assert_eq!(result, Err("disk full"));
    assert_eq!(seen, 3);
}

#[test]
fn lines_repeated_across_a_sites_documents_are_dropped_as_template() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    let stories = [
        "Farmers in the north protested on Monday against new water quotas set by the ministry.",
        "The central bank raised its key interest rate by half a point on Tuesday, citing inflation.",
        "Two ministers resigned on Wednesday after a dispute over the budget for next year.",
        "A new railway line between the two largest cities opened on Thursday after years of delay.",
        "Officials said on Friday that the harvest would be the largest in a decade thanks to rain.",
    ];
    for (i, story) in stories.iter().enumerate() {
        let text = format!(
            "{story} Officials gave no further details about the plans.\n\nRead our daily briefing every morning at seven"
        );
        let line =
            serde_json::json!({"id": format!("s{i}"), "source": "Example Daily", "text": text});
        writeln!(f, "{line}").unwrap();
    }
    let docs: Vec<_> = collect(vec![Input::Path(path)], &Options::default())
        .into_iter()
        .flat_map(|b| b.documents)
        .collect();
    assert_eq!(docs.len(), 5);
    // Seen in three earlier documents of the site: from the fourth on, it is template text.
    for d in &docs[..3] {
        assert!(d.clean_text.contains("daily briefing"), "{}", d.clean_text);
    }
    for d in &docs[3..] {
        assert!(!d.clean_text.contains("daily briefing"), "{}", d.clean_text);
        assert_eq!(
            d.sentences.len(),
            2,
            "sentences are split after template removal"
        );
    }
}
