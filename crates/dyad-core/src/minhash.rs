use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

/// A MinHash signature of a document's word shingles: each value is the minimum of one hash
/// permutation over the shingle set, so the share of equal positions between two signatures
/// estimates the Jaccard similarity of the two shingle sets.
///
/// Computed by the deduplication stage (`dyad-dedup`); kept here because the store compares
/// and indexes signatures too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHash(Vec<u32>);

impl MinHash {
    /// Wraps signature values.
    pub fn new(values: Vec<u32>) -> Self {
        MinHash(values)
    }

    /// The signature values.
    pub fn values(&self) -> &[u32] {
        &self.0
    }

    /// Estimated Jaccard similarity: the share of positions where both signatures agree.
    /// Signatures of different lengths are not comparable and give 0.
    pub fn similarity(&self, other: &MinHash) -> f64 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / self.0.len() as f64
    }

    /// LSH band keys: the signature cut into `bands` runs of `rows` values, each run hashed
    /// together with its band number. Two documents that share any key are candidates; with
    /// 20 bands of 5 rows a pair at Jaccard 0.8 shares one with probability above 0.999, a
    /// pair at 0.3 with about 5 %.
    pub fn band_keys(&self, bands: usize, rows: usize) -> Vec<i64> {
        let mut keys = Vec::with_capacity(bands);
        let mut buf = [0u8; 4 * 64 + 4];
        for b in 0..bands {
            let Some(run) = self.0.get(b * rows..(b + 1) * rows) else {
                break;
            };
            let rows = run.len().min(64);
            buf[..4].copy_from_slice(&(b as u32).to_le_bytes());
            for (i, v) in run[..rows].iter().enumerate() {
                buf[4 + 4 * i..8 + 4 * i].copy_from_slice(&v.to_le_bytes());
            }
            // SQLite integers are signed 64-bit; the bit pattern is what matters.
            keys.push(xxh3_64(&buf[..4 + 4 * rows]) as i64);
        }
        keys
    }

    /// Little-endian bytes, for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads what [`MinHash::to_bytes`] wrote; trailing odd bytes are ignored.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        MinHash(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_equal_positions() {
        let a = MinHash::new(vec![1, 2, 3, 4]);
        let b = MinHash::new(vec![1, 2, 9, 4]);
        assert_eq!(a.similarity(&b), 0.75);
        assert_eq!(a.similarity(&MinHash::new(vec![1])), 0.0);
        assert_eq!(MinHash::from_bytes(&a.to_bytes()), a);
    }

    #[test]
    fn band_keys_differ_by_band_and_content() {
        let a = MinHash::new((0..10).collect());
        let keys = a.band_keys(2, 5);
        assert_eq!(keys.len(), 2);
        assert_ne!(keys[0], keys[1]);
        let mut b = a.values().to_vec();
        b[7] = 99;
        let kb = MinHash::new(b).band_keys(2, 5);
        assert_eq!(keys[0], kb[0]);
        assert_ne!(keys[1], kb[1]);
        assert_eq!(a.band_keys(3, 5).len(), 2, "incomplete bands are left out");
    }
}
