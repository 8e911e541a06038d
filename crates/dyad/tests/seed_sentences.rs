#![allow(clippy::unwrap_used)]
//! Every sentence of the five seed articles, checked by where it starts and how it ends.
//!
//! The articles are copyrighted and stay in `../shared/seeds/`; this file keeps only the first
//! three words and the last character of each sentence — enough to pin every boundary. Each
//! boundary was reviewed by hand. The cleaner has removed the pages' debris ("Share",
//! "Advertisement", comment forms, teasers), so every sentence listed is article text; the
//! cleaner's own line-by-line test is `crates/dyad-clean/tests/seeds.rs`.

use serde_json::Value;
use std::process::Command;

type Expected = (&'static str, &'static [(&'static str, char)]);

const SEEDS: &[Expected] = &[
    (
        "000_37622b0bbbee714f",
        &[
            ("Russian President Putin", 's'),
            ("Putin traveled to", '.'),
            ("On top of", '.'),
            ("Russian Federation and", '.'),
            ("Noting that both", '.'),
            ("“This similarity or", '.'),
            ("“To say we", '.'),
            ("Most significantly, perhaps,", '.'),
            ("He also underlined,", '.'),
            ("We are to", '.'),
            ("They are also", '.'),
            ("“It seems to", '.'),
            ("He said: “Russia", '.'),
            ("“One of the", '.'),
            ("Others have said", '.'),
            ("He welcomed Chinese", '.'),
            ("In a later", '.'),
            ("“It’s around 40", '.'),
            ("Chinese companies and", '.'),
            ("At the St.", '.'),
        ],
    ),
    (
        "001_ce576a1491c1f5b8",
        &[
            ("Russian And China", 'n'),
            ("On June 5th,", '.'),
            ("Following the meeting,", '.'),
            ("An agreement between", '.'),
            ("“The signed documents,", '”'),
            ("In addition, a", '.'),
            ("The two leaders", '.'),
            ("At the beginning", '.'),
            ("“As for bilateral", '.'),
            ("The Soviet Union", '.'),
            ("You and I", '.'),
            ("Thanks to the", '.'),
            ("And it has", '.'),
            ("All this is", '.'),
            ("On his part,", '”'),
            ("“Against the backdrop", '.'),
            ("There are no", '.'),
            ("We are ready", '.'),
            ("At the end", '.'),
            ("Following the meetings,", ':'),
            ("Cooperation on the", '.'),
            ("The third stage", '.'),
            ("A sizeable share", '.'),
            ("We welcome cooperation", ';'),
            ("The possibility of", ';'),
            ("The two sides", ';'),
            ("Both leaders signed", ';'),
            ("Both countries share", ';'),
            ("The countries reaffirmed", ';'),
            ("Russia would continue", ';'),
            ("The two sides,", '.'),
            ("Significantly, at the", '.'),
            ("“Today, with the", '.'),
        ],
    ),
    (
        "002_e7481c1d96952440",
        &[
            ("Russia-China trade to", 'n'),
            ("Trade between Moscow", '.'),
            ("Energy is the", '.'),
            ("“Russia remains the", '.'),
            ("Last year, we", '.'),
            ("By April, this", '.'),
            ("Work on the", '.'),
            ("The countries are", '.'),
            ("“Russia and China", '.'),
            ("Russia will also", '.'),
            ("Putin emphasized the", '.'),
            ("Fast neutron reactors", '.'),
            ("“We don’t have", '.'),
            ("We are talking", '.'),
            ("Chinese President Xi", '.'),
            ("“China is Russia’s", '.'),
            ("We facilitate projects", '.'),
            ("The countries are", '.'),
            ("They have also", '.'),
            ("The two leaders", '.'),
            ("The countries are", '.'),
            ("From the Arctic", 's'),
            ("President Putin’s June", '”'),
            ("Speaking to Sputnik,", '.'),
            ("The most heavily", '.'),
            ("But the breadth", '.'),
            ("Science & Technology", 'y'),
            ("Speaking to Sputnik", '.'),
            ("“The fact that", '.'),
            ("“It is becoming", '.'),
            ("This cooperation will", '.'),
            ("These industries are", '”'),
            ("This, Wu stressed,", '.'),
        ],
    ),
    (
        "003_29f962b0cfb1d8e3",
        &[
            ("Putin heads to", 'i'),
            ("Russian President Vladimir", '.'),
            ("The Chinese and", '.'),
            ("Those topics include", '.'),
            ("CCTV’s Daria Bondarchuk", '.'),
            ("A strategic collaboration", '.'),
            ("The Russian leader", '”'),
            ("But as well", '.'),
            ("One of these", '.'),
            ("“China Development Bank", '.'),
            ("“But China will", '”'),
            ("Also on the", '.'),
            ("“The Russian private", '.'),
            ("Another significant project", '.'),
            ("While political relations", '.'),
            ("“Russian businessmen and", '.'),
            ("“They want things", '.'),
            ("‘Here’s what we", '.'),
            ("The Chinese businesses", '.'),
            ("It takes building", '”'),
            ("But it’s not", '.'),
            ("Jinping and Putin", '.'),
            ("Putin will be", '.'),
            ("That’s important economically,", '.'),
            ("But politically, it", '.'),
        ],
    ),
    (
        "004_6f773ce998831c97",
        &[
            ("Russia’s Putin and", 'n'),
            ("Russian President Vladimir", '.'),
            ("Speaking to Chinese", '.'),
            ("Li, China’s No.", '.'),
            ("In his remarks", '.'),
            ("Li’s four-day trip,", '.'),
            ("Russia has been", '.'),
            ("The Kremlin has", '.'),
            ("In his meeting", '”'),
            ("The two nominal", '.'),
            ("“Certain countries” obstruct", '.'),
            ("An official readout", '.'),
            ("Speaking to Li,", '”'),
            ("“That is why", '.'),
            ("Record trade", 'e'),
            ("Beijing has faced", '.'),
            ("Chinese officials have", '.'),
            ("China last month", '.'),
            ("Last week, in", '”'),
            ("Wednesday’s meeting between", '.'),
            ("Following Wednesday’s talks,", '.'),
            ("Trade between China", '.'),
            ("Russia has grown", '.'),
            ("Bilateral trade increased", '.'),
            ("Li is expected", '.'),
        ],
    ),
];

#[test]
fn every_seed_sentence_starts_and_ends_where_a_reader_would_put_it() {
    let Some(dir) = dyad_testdata::shared("seeds") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("extract")
        .arg("--with-sentences")
        .args(&files)
        .output()
        .unwrap();
    assert!(out.status.success());
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), SEEDS.len());
    let mut failures = Vec::new();
    for (doc, (id, want)) in docs.iter().zip(SEEDS) {
        assert_eq!(doc["id"], *id);
        let text = doc["clean_text"].as_str().unwrap();
        let got: Vec<(String, char)> = doc["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let (a, b) = (
                    s["start"].as_u64().unwrap() as usize,
                    s["end"].as_u64().unwrap() as usize,
                );
                let sentence = &text[a..b];
                assert_eq!(
                    sentence,
                    s["text"].as_str().unwrap(),
                    "offsets match the text"
                );
                let head = sentence
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                (head, sentence.chars().last().unwrap())
            })
            .collect();
        for (i, w) in want.iter().enumerate() {
            match got.get(i) {
                Some((h, c)) if h == w.0 && *c == w.1 => {}
                other => failures.push(format!("{id} sentence {i}: want {w:?}, got {other:?}")),
            }
        }
        if got.len() != want.len() {
            failures.push(format!(
                "{id}: {} sentences, want {}",
                got.len(),
                want.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
