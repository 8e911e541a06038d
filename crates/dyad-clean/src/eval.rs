//! Scoring the cleaner against pages with ground truth (issue 5).
//!
//! A data directory holds `html/NNNN.html.gz` (or `.html`) and `ground-truth/NNNN.json`, the
//! layout of the WCXB benchmark: the page `url` at the top level and
//! `ground_truth.{title, author, publish_date, main_content}`. [`evaluate`] cleans every page
//! and scores it; [`Mode`] says whether the HTML path or the plain-text path is scored.
//!
//! # Content
//!
//! Both texts become words: split at whitespace, every character that is not alphanumeric
//! dropped, lowercased, empty words dropped. Each text is then the multiset of its overlapping
//! word 4-grams (word unigrams when the truth has fewer than four words, for both sides).
//! `overlap` is the multiset intersection size; precision is `overlap / predicted n-grams`,
//! recall `overlap / true n-grams`, F1 their harmonic mean. An empty prediction scores 0 on all
//! three. Pages whose truth has no words are left out of the content scores. The report gives
//! the mean over pages (macro average) of each of the three.
//!
//! # Title, author, date
//!
//! Strings are compared *normalised*: lowercased, every run of non-alphanumeric characters
//! turned into one space, trimmed — so quotes, dashes and punctuation do not matter.
//!
//! - **Title** is correct when the normalised prediction equals the normalised truth, or does
//!   after dropping one site-name segment at the end or the start, cut at a separator ` | `,
//!   ` - `, ` – `, ` — `, ` · `, ` :: ` or ` » ` ("Headline | Site", "Site - Headline").
//!   [`FieldScore::exact`] counts plain equality only.
//! - **Author** is correct when the normalised prediction equals the normalised truth, or both
//!   are the same set of names once split at `,`, `;`, `&`, `|` and ` and ` (order does not
//!   matter) after dropping a leading "by".
//! - **Date** is correct when the predicted date, written at the truth's precision
//!   (`YYYY-MM-DD`, or `YYYY-MM` for month-only truth), equals the truth. A prediction coarser
//!   than the truth is wrong.
//!
//! Pages whose truth for a field is null or empty are left out of that field's
//! [`FieldScore::accuracy`] (correct / pages with a truth). They are counted in
//! [`FieldScore::no_truth`], and [`FieldScore::accuracy_all`] scores every page, counting such a
//! page correct when nothing was predicted for it.
//!
//! # Speed
//!
//! Pages are read and decompressed first; only the cleaning call is timed, as CPU time of the
//! cleaning thread where Linux reports it (so other load on the machine does not count) and
//! wall-clock time elsewhere
//! ([`crate::clean_html`] in [`Mode::Html`], [`crate::clean_text`] in [`Mode::Text`] — the
//! HTML-to-text stripping is input preparation), one page after another on one thread.

use crate::{clean_html, clean_text, html_to_text_blocks, Cleaned};
use dyad_core::PartialDate;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// How many of the worst pages by content F1 a [`Report`] lists.
const WORST: usize = 20;

/// Which path of the cleaner is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// [`crate::clean_html`] on the page with its URL.
    Html,
    /// [`html_to_text_blocks`] (all visible text, boilerplate kept, one line per block), then
    /// [`crate::clean_text`]: the path scraped text takes.
    Text,
}

/// Why a data directory could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A ground-truth file is not the expected JSON.
    #[error("bad ground truth {path}: {reason}")]
    GroundTruth {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The directory holds no pages with ground truth.
    #[error("no pages with ground truth under {0}")]
    Empty(PathBuf),
}

/// One page with its ground truth, as read from a data directory.
#[derive(Debug, Clone)]
pub struct Page {
    /// File stem shared by the HTML and the ground truth, e.g. `0042`.
    pub id: String,
    /// Page address.
    pub url: Option<String>,
    /// The page's HTML (invalid UTF-8 repaired).
    pub html: String,
    /// True headline.
    pub title: Option<String>,
    /// True author(s).
    pub author: Option<String>,
    /// True publication date as written in the ground truth.
    pub date: Option<String>,
    /// True main content.
    pub content: String,
}

/// Accuracy of one metadata field. See the module docs for what counts as correct.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldScore {
    /// Pages with a non-empty truth for the field.
    pub with_truth: usize,
    /// Of those, pages predicted correctly.
    pub correct: usize,
    /// Of those, pages where the normalised prediction equals the normalised truth exactly.
    pub exact: usize,
    /// Of those, pages with no prediction at all.
    pub missing: usize,
    /// Pages whose truth is null or empty.
    pub no_truth: usize,
    /// Of those, pages where nothing was predicted either.
    pub no_truth_abstained: usize,
    /// `correct / with_truth`: the headline number.
    pub accuracy: f64,
    /// `(correct + no_truth_abstained) / all pages`.
    pub accuracy_all: f64,
}

/// Macro-averaged content scores.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ContentScore {
    /// Pages scored (truth has at least one word).
    pub pages: usize,
    /// Mean precision.
    pub precision: f64,
    /// Mean recall.
    pub recall: f64,
    /// Mean F1.
    pub f1: f64,
}

/// Scores of one page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageScore {
    /// Page id (file stem).
    pub id: String,
    /// Content precision; `None` when the truth has no words.
    pub precision: Option<f64>,
    /// Content recall.
    pub recall: Option<f64>,
    /// Content F1.
    pub f1: Option<f64>,
    /// Title correct; `None` when the truth has no title.
    pub title: Option<bool>,
    /// Author correct; `None` when the truth has no author.
    pub author: Option<bool>,
    /// Date correct; `None` when the truth has no date.
    pub date: Option<bool>,
}

/// What [`evaluate`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The path scored.
    pub mode: Mode,
    /// Pages read.
    pub pages: usize,
    /// Main-content scores.
    pub content: ContentScore,
    /// Title accuracy.
    pub title: FieldScore,
    /// Author accuracy.
    pub author: FieldScore,
    /// Publication-date accuracy.
    pub date: FieldScore,
    /// Seconds spent in the cleaning calls: CPU time of the cleaning thread where the OS
    /// reports it (Linux), else wall-clock time.
    pub clean_seconds: f64,
    /// Pages cleaned per second on one thread.
    pub pages_per_second: f64,
    /// Ids of the pages with the lowest content F1, worst first.
    pub worst: Vec<String>,
    /// Every page's scores, in id order.
    pub per_page: Vec<PageScore>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.content;
        writeln!(f, "mode {:?}, {} pages", self.mode, self.pages)?;
        writeln!(
            f,
            "content  P {:.4}  R {:.4}  F1 {:.4}  ({} pages)",
            c.precision, c.recall, c.f1, c.pages
        )?;
        for (name, s) in [
            ("title", &self.title),
            ("author", &self.author),
            ("date", &self.date),
        ] {
            writeln!(
                f,
                "{name:<7}  {:.4}  ({}/{}; exact {}, missing {}; no truth {}, abstained {}; all-pages {:.4})",
                s.accuracy, s.correct, s.with_truth, s.exact, s.missing, s.no_truth,
                s.no_truth_abstained, s.accuracy_all
            )?;
        }
        writeln!(
            f,
            "speed    {:.0} pages/s ({:.2} s cleaning, one thread, CPU time)",
            self.pages_per_second, self.clean_seconds
        )?;
        write!(f, "worst    {}", self.worst.join(" "))
    }
}

/// Cleans and scores every page of `dir` (layout in the module docs).
pub fn evaluate(dir: &Path, mode: Mode) -> Result<Report, EvalError> {
    let pages = load_pages(dir)?;
    let inputs: Vec<String> = match mode {
        Mode::Html => Vec::new(),
        Mode::Text => pages.iter().map(|p| html_to_text_blocks(&p.html)).collect(),
    };
    let mut cleaned = Vec::with_capacity(pages.len());
    let start = Instant::now();
    let cpu_start = thread_cpu_seconds();
    for (i, page) in pages.iter().enumerate() {
        cleaned.push(match mode {
            Mode::Html => clean_html(&page.html, page.url.as_deref()),
            Mode::Text => clean_text(inputs.get(i).map_or("", String::as_str)),
        });
    }
    let wall = start.elapsed().as_secs_f64();
    // CPU time of this thread where the OS tells it: on a busy machine wall time counts
    // other processes' work too.
    let clean_seconds = match (cpu_start, thread_cpu_seconds()) {
        (Some(a), Some(b)) if b > a => b - a,
        _ => wall,
    };
    Ok(report(mode, &pages, &cleaned, clean_seconds))
}

/// CPU seconds used by the calling thread so far (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

/// Builds a report from pages and what cleaning made of them (same order).
pub fn report(mode: Mode, pages: &[Page], cleaned: &[Cleaned], clean_seconds: f64) -> Report {
    let per_page: Vec<PageScore> = pages
        .iter()
        .zip(cleaned)
        .map(|(p, c)| score_page(p, c))
        .collect();
    let mut content = ContentScore::default();
    for s in &per_page {
        if let (Some(p), Some(r), Some(f)) = (s.precision, s.recall, s.f1) {
            content.pages += 1;
            content.precision += p;
            content.recall += r;
            content.f1 += f;
        }
    }
    if content.pages > 0 {
        let n = content.pages as f64;
        content.precision /= n;
        content.recall /= n;
        content.f1 /= n;
    }
    let field = |truth: fn(&Page) -> Option<&str>,
                 pred: fn(&Cleaned) -> Option<String>,
                 ok: fn(&str, &str) -> bool| {
        let mut s = FieldScore::default();
        for (p, c) in pages.iter().zip(cleaned) {
            let predicted = pred(c).filter(|v| !normalize(v).is_empty());
            match truth(p).filter(|t| !normalize(t).is_empty()) {
                Some(t) => {
                    s.with_truth += 1;
                    match predicted {
                        None => s.missing += 1,
                        Some(v) => {
                            s.correct += usize::from(ok(&v, t));
                            s.exact += usize::from(normalize(&v) == normalize(t));
                        }
                    }
                }
                None => {
                    s.no_truth += 1;
                    s.no_truth_abstained += usize::from(predicted.is_none());
                }
            }
        }
        s.accuracy = ratio(s.correct, s.with_truth);
        s.accuracy_all = ratio(s.correct + s.no_truth_abstained, s.with_truth + s.no_truth);
        s
    };
    let title = field(|p| p.title.as_deref(), |c| c.title.clone(), title_matches);
    let author = field(
        |p| p.author.as_deref(),
        |c| c.author.clone(),
        author_matches,
    );
    let mut date = field(
        |p| p.date.as_deref(),
        |c| c.date.map(|d| d.to_string()),
        date_matches,
    );
    // A date is never "exactly" right in a looser way: exact means correct.
    date.exact = date.correct;

    let mut ranked: Vec<(&str, f64)> = per_page
        .iter()
        .filter_map(|s| Some((s.id.as_str(), s.f1?)))
        .collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(b.0)));
    Report {
        mode,
        pages: pages.len(),
        content,
        title,
        author,
        date,
        clean_seconds,
        pages_per_second: if clean_seconds > 0.0 {
            pages.len() as f64 / clean_seconds
        } else {
            0.0
        },
        worst: ranked
            .iter()
            .take(WORST)
            .map(|(id, _)| (*id).to_owned())
            .collect(),
        per_page,
    }
}

/// Scores one cleaned page against its truth.
pub fn score_page(page: &Page, cleaned: &Cleaned) -> PageScore {
    let (precision, recall, f1) = match content_scores(&cleaned.text, &page.content) {
        Some((p, r, f)) => (Some(p), Some(r), Some(f)),
        None => (None, None, None),
    };
    let check = |truth: Option<&str>, pred: Option<String>, ok: fn(&str, &str) -> bool| {
        let t = truth.filter(|t| !normalize(t).is_empty())?;
        Some(pred.is_some_and(|v| ok(&v, t)))
    };
    PageScore {
        id: page.id.clone(),
        precision,
        recall,
        f1,
        title: check(page.title.as_deref(), cleaned.title.clone(), title_matches),
        author: check(
            page.author.as_deref(),
            cleaned.author.clone(),
            author_matches,
        ),
        date: check(
            page.date.as_deref(),
            cleaned.date.map(|d| d.to_string()),
            date_matches,
        ),
    }
}

/// Content precision, recall and F1 of `predicted` against `truth` (see the module docs);
/// `None` when the truth has no words.
pub fn content_scores(predicted: &str, truth: &str) -> Option<(f64, f64, f64)> {
    let truth_words = words(truth);
    if truth_words.is_empty() {
        return None;
    }
    let pred_words = words(predicted);
    let n = if truth_words.len() < 4 { 1 } else { 4 };
    let mut counts: HashMap<&[String], i64> = HashMap::new();
    for g in truth_words.windows(n) {
        *counts.entry(g).or_default() += 1;
    }
    let true_total = truth_words.len() + 1 - n;
    let pred_total = pred_words.len().saturating_sub(n - 1);
    let mut overlap = 0usize;
    for g in pred_words.windows(n) {
        if let Some(c) = counts.get_mut(g) {
            if *c > 0 {
                *c -= 1;
                overlap += 1;
            }
        }
    }
    if overlap == 0 {
        return Some((0.0, 0.0, 0.0));
    }
    let p = overlap as f64 / pred_total as f64;
    let r = overlap as f64 / true_total as f64;
    Some((p, r, 2.0 * p * r / (p + r)))
}

/// Words for content scoring: whitespace-split, alphanumerics only, lowercased.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Lowercase, runs of non-alphanumerics to one space, trimmed.
#[cfg(test)]
pub(crate) fn normalize_for_match(s: &str) -> String {
    normalize(s)
}

fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.truncate(out.trim_end().len());
    out
}

const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "];

/// Title rule of the module docs.
pub fn title_matches(predicted: &str, truth: &str) -> bool {
    let t = normalize(truth);
    if normalize(predicted) == t {
        return true;
    }
    TITLE_SEPARATORS.iter().any(|sep| {
        let end = predicted
            .rsplit_once(sep)
            .is_some_and(|(head, _)| normalize(head) == t);
        let start = predicted
            .split_once(sep)
            .is_some_and(|(_, tail)| normalize(tail) == t);
        end || start
    })
}

/// Author rule of the module docs.
pub fn author_matches(predicted: &str, truth: &str) -> bool {
    let names = |s: &str| -> Vec<String> {
        let s = s.trim();
        let s = match s.get(..3) {
            Some(by) if by.eq_ignore_ascii_case("by ") => &s[3..],
            _ => s,
        };
        let mut v: Vec<String> = s
            .split([',', ';', '&', '|'])
            .flat_map(|part| part.split(" and "))
            .map(normalize)
            .filter(|n| !n.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    };
    normalize(predicted) == normalize(truth) || names(predicted) == names(truth)
}

/// Date rule of the module docs.
pub fn date_matches(predicted: &str, truth: &str) -> bool {
    let Some(t) = PartialDate::parse_loose(truth) else {
        return false;
    };
    let Some(p) = PartialDate::parse_loose(predicted) else {
        return false;
    };
    match (t.month(), t.day()) {
        (Some(_), Some(_)) => p == t,
        (Some(m), None) => p.year() == t.year() && p.month() == Some(m),
        _ => p.year() == t.year(),
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Reads every page of `dir` that has both HTML and ground truth, in id order.
pub fn load_pages(dir: &Path) -> Result<Vec<Page>, EvalError> {
    let truth_dir = dir.join("ground-truth");
    let io = |path: &Path| {
        let path = path.to_owned();
        move |source| EvalError::Io { path, source }
    };
    let mut ids: Vec<String> = std::fs::read_dir(&truth_dir)
        .map_err(io(&truth_dir))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let gz = dir.join("html").join(format!("{id}.html.gz"));
        let plain = dir.join("html").join(format!("{id}.html"));
        let bytes = if gz.exists() {
            let file = std::fs::File::open(&gz).map_err(io(&gz))?;
            let mut buf = Vec::new();
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut buf)
                .map_err(io(&gz))?;
            buf
        } else if plain.exists() {
            std::fs::read(&plain).map_err(io(&plain))?
        } else {
            continue;
        };
        let html = String::from_utf8_lossy(&bytes).into_owned();
        let path = truth_dir.join(format!("{id}.json"));
        let raw = std::fs::read_to_string(&path).map_err(io(&path))?;
        let json: serde_json::Value =
            serde_json::from_str(&raw).map_err(|e| EvalError::GroundTruth {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        let gt = json
            .get("ground_truth")
            .ok_or_else(|| EvalError::GroundTruth {
                path: path.clone(),
                reason: "no ground_truth object".into(),
            })?;
        let s = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
        pages.push(Page {
            url: s(json.get("url")),
            title: s(gt.get("title")),
            author: s(gt.get("author")),
            date: s(gt.get("publish_date")),
            content: s(gt.get("main_content")).unwrap_or_default(),
            html,
            id,
        });
    }
    if pages.is_empty() {
        return Err(EvalError::Empty(dir.to_owned()));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_uses_multiset_four_grams() {
        let truth = "One two three four five six.";
        assert_eq!(content_scores(truth, truth), Some((1.0, 1.0, 1.0)));
        // Punctuation and case do not matter.
        assert_eq!(
            content_scores("ONE, two — three four five six", truth),
            Some((1.0, 1.0, 1.0))
        );
        // Half the text: all predicted 4-grams right, 1 of 3 true ones found.
        let (p, r, _) = content_scores("one two three four", truth).unwrap_or_default();
        assert_eq!((p, r), (1.0, 1.0 / 3.0));
        // A repeated passage only counts once per true occurrence.
        let (p, r, _) = content_scores("a b c d a b c d", "a b c d").unwrap_or_default();
        assert_eq!(r, 1.0);
        assert!((p - 1.0 / 5.0).abs() < 1e-9, "{p}");
        assert_eq!(content_scores("", truth), Some((0.0, 0.0, 0.0)));
        assert_eq!(content_scores("anything", " … "), None);
    }

    #[test]
    fn short_truth_uses_unigrams() {
        let (p, r, _) = content_scores("Hello world again", "hello world").unwrap_or_default();
        assert_eq!(r, 1.0);
        assert!((p - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn title_allows_one_site_segment() {
        assert!(title_matches("Grain deal signed", "Grain Deal Signed!"));
        assert!(title_matches(
            "Grain deal signed | The Times",
            "Grain deal signed"
        ));
        assert!(title_matches(
            "The Times - Grain deal signed",
            "Grain deal signed"
        ));
        assert!(!title_matches("Grain deal", "Grain deal signed"));
        assert!(!title_matches("Latest News", "Grain deal signed"));
    }

    #[test]
    fn author_ignores_order_and_by() {
        assert!(author_matches("By Jane Doe", "Jane Doe"));
        assert!(author_matches(
            "John Roe and Jane Doe",
            "Jane Doe, John Roe"
        ));
        assert!(!author_matches("Jane Doe", "Jane Doe, John Roe"));
    }

    #[test]
    fn date_compares_at_truth_precision() {
        assert!(date_matches("2024-03-05", "2024-03-05"));
        assert!(!date_matches("2024-03-06", "2024-03-05"));
        assert!(date_matches("2024-03-05", "2024-03"));
        assert!(!date_matches("2024-03", "2024-03-05"));
    }
}
