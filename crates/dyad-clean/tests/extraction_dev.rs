//! The cleaner against the 711 extraction-dev pages (WCXB dev split, CC BY 4.0), which live
//! outside the repository in `../shared/data/extraction-dev`.
//!
//! The floors are the bars (content F1 0.95, title and date 0.85, text path 0.85) or,
//! where the reached number is higher, that number less a small margin, so a regression fails
//! here before it reaches a user.

use dyad_clean::eval::{evaluate, Mode, Report};

fn run(mode: Mode) -> Option<Report> {
    let dir = dyad_testdata::shared("data/extraction-dev/ground-truth")?;
    let dir = dir.parent()?;
    match evaluate(dir, mode) {
        Ok(r) => Some(r),
        Err(e) => panic!("evaluation failed: {e}"),
    }
}

#[test]
fn html_path_scores() {
    let Some(r) = run(Mode::Html) else { return };
    println!("{r}");
    assert_eq!(r.pages, 711);
    // Reached (2026-12-08, own content scorer): F1 0.9544 (P 0.9455, R 0.9722), title 0.896,
    // date 0.879, author 0.741.
    assert!(r.content.f1 >= 0.95, "content F1 {:.4}", r.content.f1);
    assert!(
        r.content.precision >= 0.94,
        "precision {:.4}",
        r.content.precision
    );
    assert!(r.content.recall >= 0.965, "recall {:.4}", r.content.recall);
    assert!(r.title.accuracy >= 0.885, "title {:.4}", r.title.accuracy);
    assert!(r.date.accuracy >= 0.87, "date {:.4}", r.date.accuracy);
    assert!(r.author.accuracy >= 0.73, "author {:.4}", r.author.accuracy);
}

#[test]
fn text_path_scores() {
    // The same pages stripped to text (one line per block, boilerplate kept) through the
    // line classifier. Reached: F1 0.8989.
    let Some(r) = run(Mode::Text) else { return };
    println!("{r}");
    assert_eq!(r.pages, 711);
    assert!(
        r.content.f1 >= 0.89,
        "text path content F1 {:.4}",
        r.content.f1
    );
}
