//! Template text: lines a site repeats on every page.

use crate::Cleaned;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A line seen in this many earlier documents of a site is template text.
const MIN_DOCUMENTS: u32 = 3;
/// Line hashes remembered per site; beyond it, lines seen only once are forgotten.
const MAX_LINES_PER_SITE: usize = 20_000;
/// Sites remembered; beyond it, the site with the fewest documents is forgotten.
const MAX_SITES: usize = 4_096;

#[derive(Default)]
struct Site {
    documents: u64,
    /// Line hash → number of documents it occurred in.
    seen: HashMap<u64, u32>,
}

/// Remembers the lines of documents per site and removes those a site repeats across pages —
/// navigation, slogans, newsletter pitches the cue phrases missed.
///
/// Hold one across the documents of a run and call [`SiteTemplates::filter`] on each cleaned
/// document in input order. Memory is bounded: hashes only, at most 20 000 per site and
/// 4 096 sites. The first documents of a site are filtered less (a line counts as template
/// text once it was seen in three earlier documents), so results depend on input order.
#[derive(Default)]
pub struct SiteTemplates {
    sites: HashMap<String, Site>,
}

fn line_hash(line: &str) -> u64 {
    let mut h = DefaultHasher::new();
    line.hash(&mut h);
    h.finish()
}

impl SiteTemplates {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Removes from `cleaned.text` the lines seen in at least three earlier documents of
    /// `site` (a host name, say), keeping the block layout; a title equal to such a line is
    /// cleared. Then remembers this document's lines.
    pub fn filter(&mut self, site: &str, cleaned: &mut Cleaned) {
        if !self.sites.contains_key(site) && self.sites.len() >= MAX_SITES {
            let smallest = self
                .sites
                .iter()
                .min_by_key(|(_, s)| s.documents)
                .map(|(k, _)| k.clone());
            if let Some(k) = smallest {
                self.sites.remove(&k);
            }
        }
        let state = self.sites.entry(site.to_owned()).or_default();
        let mut hashes: Vec<u64> = Vec::new();
        let mut out = String::with_capacity(cleaned.text.len());
        let mut pending_para = false;
        let mut removed_title = false;
        for line in cleaned.text.lines() {
            let line = line.trim();
            if line.is_empty() {
                pending_para = true;
                continue;
            }
            let h = line_hash(line);
            hashes.push(h);
            if state.seen.get(&h).is_some_and(|&n| n >= MIN_DOCUMENTS) {
                removed_title |= cleaned.title.as_deref() == Some(line);
                continue;
            }
            if !out.is_empty() {
                out.push_str(if pending_para { "\n\n" } else { "\n" });
            }
            out.push_str(line);
            pending_para = false;
        }
        if removed_title {
            cleaned.title = None;
        }
        cleaned.text = out;

        hashes.sort_unstable();
        hashes.dedup();
        for h in hashes {
            *state.seen.entry(h).or_insert(0) += 1;
        }
        state.documents += 1;
        if state.seen.len() > MAX_LINES_PER_SITE {
            state.seen.retain(|_, n| *n > 1);
            if state.seen.len() > MAX_LINES_PER_SITE {
                state.seen.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Cleaned {
        Cleaned {
            text: text.to_owned(),
            ..Cleaned::default()
        }
    }

    #[test]
    fn lines_repeated_on_a_site_are_removed_after_three_documents() {
        let mut t = SiteTemplates::new();
        for i in 0..3 {
            let mut d = doc(&format!(
                "Subscribe to The Daily Bugle\n\nStory number {i}."
            ));
            t.filter("bugle.example", &mut d);
            assert!(d.text.starts_with("Subscribe"), "{i}: {}", d.text);
        }
        let mut d = doc("Subscribe to The Daily Bugle\n\nA new story.\n\nSecond paragraph.");
        t.filter("bugle.example", &mut d);
        assert_eq!(d.text, "A new story.\n\nSecond paragraph.");
        // Other sites are not affected.
        let mut d = doc("Subscribe to The Daily Bugle\n\nElsewhere.");
        t.filter("other.example", &mut d);
        assert!(d.text.starts_with("Subscribe"));
    }

    #[test]
    fn memory_stays_bounded() {
        let mut t = SiteTemplates::new();
        for i in 0..(MAX_SITES + 10) {
            t.filter(&format!("site{i}"), &mut doc("line"));
        }
        assert!(t.sites.len() <= MAX_SITES);
        let mut t = SiteTemplates::new();
        let big: String = (0..MAX_LINES_PER_SITE + 5)
            .map(|i| format!("line {i}\n"))
            .collect();
        t.filter("s", &mut doc(&big));
        assert!(t.sites["s"].seen.len() <= MAX_LINES_PER_SITE);
    }
}
