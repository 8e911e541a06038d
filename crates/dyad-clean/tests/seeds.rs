//! The seed articles (`shared/seeds/*.txt`, real scraped pages with their boilerplate), checked
//! line by line: which input lines `clean_text` keeps, which it drops, and the title.
//!
//! The articles are copyrighted, so their text is not copied here: each file's expectation is
//! the sorted list of dropped input lines (1-based, counting all input lines) plus a few short
//! fragments that say, for the reader, what some of those lines are.

use dyad_clean::{clean_text, normalize_text};

struct Seed {
    /// File name prefix.
    file: &'static str,
    /// Input lines that must be dropped; every other non-empty line must be kept.
    dropped: &'static [usize],
    /// The title starts with this.
    title: &'static str,
    /// Fragments of lines that must be kept (documentation of the line numbers).
    kept: &'static [&'static str],
    /// Fragments of lines that must be dropped.
    gone: &'static [&'static str],
}

const SEEDS: &[Seed] = &[
    Seed {
        file: "000_",
        // Share bar, two "Advertisement" slots, the closing tag cloud.
        dropped: &[1, 7, 33, 37],
        title: "Russian President Putin meets with",
        kept: &["Most significantly, perhaps,", "He said: “Russia is"],
        gone: &["Share", "Advertisement", "Putin in Beijing Putin"],
    },
    Seed {
        file: "001_",
        // The headline stands twice: it is kept once (the first time); then the image prompt and
        // the donation pitch.
        dropped: &[4, 6, 53],
        title: "Russian And China Deepen Strategic",
        kept: &[
            "• Cooperation on the production",
            "• Russia would continue efforts",
        ],
        gone: &["Click to see full-size image", "Consider helping us!"],
    },
    Seed {
        file: "002_",
        // The category label above the headline, then the whole comment form.
        dropped: &[1, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60],
        title: "Russia-China trade to reach record",
        kept: &[
            "From the Arctic to",
            "Science & Technology",
            "But the breadth of",
        ],
        gone: &[
            "China & Russia Cooperation",
            "Leave a Reply",
            "Fill in your details below",
            "You are commenting using",
            "Google photo",
            "This site uses Akismet",
        ],
    },
    Seed {
        file: "003_",
        dropped: &[],
        title: "Putin heads to China for",
        kept: &["CCTV’s Daria Bondarchuk takes"],
        gone: &[],
    },
    Seed {
        file: "004_",
        // Site header; the update note and the syndication line; the membership pitch, the
        // "You May Also Like" teasers with their section labels, disclaimer and copyright.
        // "This story has been updated with additional information." is an editor's note about
        // the article, not part of what it reports: dropped with the footer it stands in.
        dropped: &[
            1, 3, 5, 55, 57, 65, 69, 71, 73, 75, 77, 79, 81, 83, 85, 87, 89, 92,
        ],
        title: "Russia’s Putin and China’s No.",
        kept: &["Record trade", "“Certain countries” obstruct the"],
        gone: &[
            "Connect with us",
            "Hi, what are you",
            "Latest News",
            "This story has been updated",
            "This post appeared first",
            "Become a VIP member",
            "By opting in you",
            "You May Also Like",
            "Stock",
            "Editor's Pick",
            "Iran launched a massive",
            "Disclaimer:",
            "Copyright ©",
        ],
    },
];

/// The 1-based numbers of the non-empty input lines that `clean_text` dropped. Output blocks are
/// matched to input lines in order (a repeated line counts as kept the first time).
fn dropped_lines(input: &str, cleaned: &str) -> Vec<usize> {
    let mut out = cleaned.lines().filter(|l| !l.trim().is_empty()).peekable();
    let mut dropped = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let norm = normalize_text(line);
        if norm.is_empty() {
            continue;
        }
        if out.peek() == Some(&norm.as_str()) {
            out.next();
        } else {
            dropped.push(n + 1);
        }
    }
    assert!(
        out.next().is_none(),
        "output blocks that match no input line in order"
    );
    dropped
}

fn line_of(input: &str, fragment: &str) -> usize {
    input
        .lines()
        .position(|l| l.trim() == fragment || l.contains(fragment))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("no line contains {fragment:?}"))
}

#[test]
fn seeds_line_by_line() {
    let Some(dir) = dyad_testdata::shared("seeds") else {
        return;
    };
    let entries = std::fs::read_dir(&dir).unwrap();
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), SEEDS.len(), "one expectation per seed file");
    for (path, seed) in files.iter().zip(SEEDS) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(name.starts_with(seed.file), "{name} vs {}", seed.file);
        let input = std::fs::read_to_string(path).expect("readable seed");
        let cleaned = clean_text(&input);
        let dropped = dropped_lines(&input, &cleaned.text);
        assert_eq!(dropped, seed.dropped, "{name}: dropped lines");
        for f in seed.kept {
            assert!(!dropped.contains(&line_of(&input, f)), "{name}: {f:?} kept");
        }
        for f in seed.gone {
            assert!(
                dropped.contains(&line_of(&input, f)),
                "{name}: {f:?} dropped"
            );
        }
        let title = cleaned.title.unwrap_or_default();
        assert!(title.starts_with(seed.title), "{name}: title {title:?}");
        // The headline opens the text.
        assert!(
            cleaned.text.starts_with(&title),
            "{name}: text starts with title"
        );
        assert_eq!(cleaned.language.as_deref(), Some("en"), "{name}");
    }
}
