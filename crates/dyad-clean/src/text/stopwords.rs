//! Per-language stop words for the stop-word density of blocks.

// Looked up once per word of every block: FxHash, not SipHash (no untrusted keys to guard).
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

/// The lists, by ISO 639-1 code; each file names its source.
const LISTS: [(&str, &str); 7] = [
    ("en", include_str!("../../data/stopwords/en.txt")),
    ("de", include_str!("../../data/stopwords/de.txt")),
    ("fr", include_str!("../../data/stopwords/fr.txt")),
    ("es", include_str!("../../data/stopwords/es.txt")),
    ("it", include_str!("../../data/stopwords/it.txt")),
    ("pt", include_str!("../../data/stopwords/pt.txt")),
    ("ru", include_str!("../../data/stopwords/ru.txt")),
];

type Set = HashSet<&'static str>;

fn sets() -> &'static [(&'static str, Set)] {
    static SETS: OnceLock<Vec<(&'static str, Set)>> = OnceLock::new();
    SETS.get_or_init(|| {
        LISTS
            .iter()
            .map(|&(lang, list)| {
                let set = list
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .flat_map(str::split_whitespace)
                    .collect();
                (lang, set)
            })
            .collect()
    })
}

/// The stop words of a language, or `None` when dyad has no list for it: blocks of such
/// documents are then judged without stop-word evidence.
pub(crate) fn for_language(lang: Option<&str>) -> Option<&'static Set> {
    let lang = lang?;
    sets().iter().find(|(l, _)| *l == lang).map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_lower_case() {
        for (lang, set) in sets() {
            assert!(set.len() >= 100, "{lang}");
            assert!(set.iter().all(|w| w.to_lowercase() == *w), "{lang}");
        }
        assert!(for_language(Some("de")).is_some_and(|s| s.contains("und")));
        assert!(for_language(Some("zh")).is_none());
    }
}
