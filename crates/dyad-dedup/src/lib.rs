//! The deduplication stage of dyad: near-duplicate documents by MinHash and LSH.
//!
//! Syndicated stories, re-posts and lightly edited copies are near duplicates: they must be
//! stored once as originals and otherwise linked with `duplicate_of`, so they never add events
//! of their own. A document's text becomes a set of word shingles (lower-cased runs of
//! [`Params::shingle`] words); its [`MinHash`] signature estimates the Jaccard similarity of two
//! such sets, and LSH band keys find candidate pairs without comparing every pair. A candidate
//! is a near duplicate when the estimated similarity reaches [`Params::threshold`] (0.8 by
//! default).
//!
//! [`NearDupIndex`] is the in-memory index used by `dyad extract`; the store keeps band keys in
//! SQLite so that detection works across ingest runs.

use dyad_core::{DocId, MinHash};
use std::collections::HashMap;
use xxhash_rust::xxh3::xxh3_64;

/// Near-duplicate detection settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Hash permutations in a signature (= `bands * rows`).
    pub bands: usize,
    /// Signature values per LSH band.
    pub rows: usize,
    /// Words per shingle.
    pub shingle: usize,
    /// Estimated Jaccard similarity at or above which a document is a near duplicate.
    pub threshold: f64,
}

impl Default for Params {
    fn default() -> Self {
        // 20 bands of 5 rows: pairs at Jaccard 0.8 become candidates with probability > 0.999,
        // unrelated pairs (J < 0.2) almost never; candidates are then checked against the
        // threshold.
        Params {
            bands: 20,
            rows: 5,
            shingle: 3,
            threshold: 0.8,
        }
    }
}

impl Params {
    /// Values in a signature.
    pub fn permutations(&self) -> usize {
        self.bands * self.rows
    }
}

/// SplitMix64: a fixed, well-mixed sequence for the permutation coefficients, so signatures
/// are the same on every machine and in every run.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Permutation coefficients, made once: the sequence is fixed, so a signature of `n` values
/// uses its first `n` pairs.
fn coefficients(n: usize) -> std::borrow::Cow<'static, [(u64, u64)]> {
    const CACHED: usize = 256;
    static TABLE: std::sync::OnceLock<Vec<(u64, u64)>> = std::sync::OnceLock::new();
    let make = |n: usize| -> Vec<(u64, u64)> {
        let mut state = 0x6479_6164_u64; // "dyad"
        (0..n)
            .map(|_| (splitmix(&mut state) | 1, splitmix(&mut state)))
            .collect()
    };
    if n <= CACHED {
        std::borrow::Cow::Borrowed(&TABLE.get_or_init(|| make(CACHED))[..n])
    } else {
        std::borrow::Cow::Owned(make(n))
    }
}

/// The MinHash signature of `text`, or `None` when it has no words.
pub fn minhash(text: &str, params: &Params) -> Option<MinHash> {
    let coeff = coefficients(params.permutations());
    let mut mins = vec![u32::MAX; coeff.len()];
    let mut window: Vec<u64> = Vec::with_capacity(params.shingle.max(1));
    let mut word = String::new();
    let mut any = false;
    let add = |h: u64, mins: &mut Vec<u32>| {
        for (m, (a, b)) in mins.iter_mut().zip(coeff.iter()) {
            let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
            if v < *m {
                *m = v;
            }
        }
    };
    let k = params.shingle.max(1);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        word.clear();
        if w.is_ascii() {
            word.push_str(w);
            word.make_ascii_lowercase();
        } else {
            word.extend(w.chars().flat_map(char::to_lowercase));
        }
        if window.len() == k {
            window.remove(0);
        }
        window.push(xxh3_64(word.as_bytes()));
        if window.len() == k {
            add(shingle_hash(&window), &mut mins);
            any = true;
        }
    }
    // Texts shorter than one shingle are compared on their words.
    if !any && !window.is_empty() {
        add(shingle_hash(&window), &mut mins);
        any = true;
    }
    any.then(|| MinHash::new(mins))
}

fn shingle_hash(words: &[u64]) -> u64 {
    words.iter().fold(0xcbf2_9ce4_8422_2325, |acc, h| {
        (acc ^ h)
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(17)
    })
}

/// An in-memory LSH index of signatures, for one run.
#[derive(Debug, Default)]
pub struct NearDupIndex {
    params: Params,
    buckets: HashMap<i64, Vec<usize>>,
    entries: Vec<(DocId, MinHash)>,
}

impl NearDupIndex {
    /// An empty index.
    pub fn new(params: Params) -> Self {
        NearDupIndex {
            params,
            buckets: HashMap::new(),
            entries: Vec::new(),
        }
    }

    /// The most similar indexed document at or above the threshold, with its similarity.
    pub fn find(&self, sig: &MinHash) -> Option<(&DocId, f64)> {
        let mut best: Option<(usize, f64)> = None;
        for key in sig.band_keys(self.params.bands, self.params.rows) {
            for &i in self.buckets.get(&key).into_iter().flatten() {
                let s = self.entries[i].1.similarity(sig);
                if s >= self.params.threshold && best.is_none_or(|(_, b)| s > b) {
                    best = Some((i, s));
                }
            }
        }
        best.map(|(i, s)| (&self.entries[i].0, s))
    }

    /// Adds an original document.
    pub fn insert(&mut self, id: DocId, sig: MinHash) {
        let i = self.entries.len();
        for key in sig.band_keys(self.params.bands, self.params.rows) {
            self.buckets.entry(key).or_default().push(i);
        }
        self.entries.push((id, sig));
    }

    /// Documents indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The foreign ministers of the two countries met in Geneva on Monday and \
        agreed to resume talks on a prisoner exchange next month, according to a joint statement \
        released after the meeting. The statement said both sides would also discuss the safety \
        of nuclear plants near the front line and the return of displaced civilians, and that \
        technical teams would meet in Istanbul to prepare the next round of negotiations.";

    fn sig(t: &str) -> MinHash {
        minhash(t, &Params::default()).unwrap()
    }

    #[test]
    fn light_edits_stay_near_and_other_stories_stay_far() {
        let edited = STORY
            .replace("on Monday", "on Monday evening")
            .replace("Istanbul", "Ankara");
        let s = sig(STORY).similarity(&sig(&edited));
        assert!(s >= 0.8, "{s}");
        let other = "Heavy rain flooded parts of the capital on Tuesday, closing schools and \
            roads, and officials warned that more storms were expected later in the week.";
        assert!(sig(STORY).similarity(&sig(other)) < 0.2);
        // Case and punctuation do not matter.
        assert_eq!(sig(STORY), sig(&STORY.to_uppercase().replace(',', " ")));
    }

    #[test]
    fn signatures_are_deterministic_and_sized() {
        let p = Params::default();
        assert_eq!(sig(STORY).values().len(), p.permutations());
        assert_eq!(sig(STORY), sig(STORY));
        assert!(minhash("", &p).is_none());
        assert!(minhash(" ,. ", &p).is_none());
        assert!(
            minhash("Hello", &p).is_some(),
            "short texts still get a signature"
        );
    }

    #[test]
    fn the_index_finds_near_duplicates_only() {
        let mut idx = NearDupIndex::new(Params::default());
        idx.insert(DocId::new("a"), sig(STORY));
        let copy = format!("{STORY} Reporting by a wire service.");
        let (id, s) = idx.find(&sig(&copy)).unwrap();
        assert_eq!(id.as_str(), "a");
        assert!(s >= 0.8);
        assert!(idx
            .find(&sig(
                "Completely different words about football scores today"
            ))
            .is_none());
        let strict = NearDupIndex::new(Params {
            threshold: 1.0,
            ..Params::default()
        });
        assert!(strict.find(&sig(&copy)).is_none());
        assert_eq!(idx.len(), 1);
    }
}
