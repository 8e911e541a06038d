use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

/// 128-bit hash of a text as 32 hex digits, used to detect exact duplicate documents.
///
/// Whitespace runs are folded before hashing so that re-wrapped copies of one text match.
pub fn content_hash(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(word);
    }
    format!("{:032x}", xxh3_128(folded.as_bytes()))
}

/// 64-bit hash of bytes as 16 hex digits, used for ids derived from content.
pub fn short_hash(bytes: &[u8]) -> String {
    format!("{:016x}", xxh3_64(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_whitespace_layout() {
        assert_eq!(content_hash("a  b\nc"), content_hash(" a b c "));
        assert_ne!(content_hash("a b c"), content_hash("a b d"));
        assert_eq!(content_hash("x").len(), 32);
        assert_eq!(short_hash(b"x").len(), 16);
    }
}
