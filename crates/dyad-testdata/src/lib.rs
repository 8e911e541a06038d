//! Where tests find real articles and corpora: `../shared/` beside the checkout, never copied
//! into the repository.
//!
//! One rule for every test that needs them: a missing path fails the test when `CI=true`
//! (CI always has the data) and otherwise skips it with a printed reason.

use std::path::{Path, PathBuf};

/// `../shared/<rel>` when it exists; `None` after printing why the test is skipped.
///
/// # Panics
/// When the path is missing and the environment variable `CI` is `true`.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "{} is missing; CI needs ../shared/ beside the checkout (see ../shared/data/README.md)",
            path.display()
        );
    }
    eprintln!(
        "skipping: {} is not here (this test reads ../shared/)",
        path.display()
    );
    None
}
