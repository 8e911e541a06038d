//! Small sets of ASCII words tested against every word of a sentence, and the byte scans the
//! date and figure pre-checks are made of. These run on every sentence a document has, so they
//! work on bytes and answer most words with one table lookup.

use rustc_hash::FxHashSet;

/// A word of 1–15 ASCII letters, lower-cased and packed into one integer: hashing a number is
/// cheaper than hashing a string.
pub(crate) fn pack(w: &[u8]) -> Option<u128> {
    if w.is_empty() || w.len() > 15 {
        return None;
    }
    let mut key = w.len() as u128;
    for &b in w {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        key = key << 8 | u128::from(b.to_ascii_lowercase());
    }
    Some(key)
}

/// By a word's first two letters ([`letter_index`], either case; 0 for none), a bit for each
/// length (1–15) some word of a table has: nearly every word of a sentence is rejected by this
/// one lookup, before any hashing. Shared by [`WordSet`] and the date scanner's word table.
#[derive(Debug, Clone)]
pub(crate) struct LengthFilter([[u16; 32]; 32]);

impl LengthFilter {
    /// A filter that lets no word through.
    pub(crate) const EMPTY: LengthFilter = LengthFilter([[0; 32]; 32]);

    /// Lets words of `w`'s first two letters and length through (`w`: 1–15 bytes).
    pub(crate) fn add(&mut self, w: &[u8]) {
        self.0[letter_index(w, 0)][letter_index(w, 1)] |= 1 << w.len();
    }

    /// Whether a word of `len` bytes whose first two are `b0` and `b1` (`b1` 0 for a word of
    /// one letter) may be in the table, for callers that already hold those bytes.
    #[inline(always)]
    pub(crate) fn may_hold(&self, b0: u8, b1: u8, len: usize) -> bool {
        len <= 15 && self.0[usize::from(b0 & 31)][usize::from(b1 & 31)] & (1 << len) != 0
    }

    /// [`LengthFilter::may_hold`] for the word `w`.
    #[inline(always)]
    pub(crate) fn may_hold_word(&self, w: &[u8]) -> bool {
        w.len() <= 15 && self.0[letter_index(w, 0)][letter_index(w, 1)] & (1 << w.len()) != 0
    }
}

/// A set of words of ASCII letters, matched case-insensitively.
#[derive(Debug)]
pub(crate) struct WordSet {
    lengths: LengthFilter,
    /// By first letter and length, a bit for each last letter the set has a word with: most
    /// words the first table lets through ("have" for "half", "since" for "sixty") stop here,
    /// before packing and hashing.
    ends: [[u32; 16]; 32],
    keys: FxHashSet<u128>,
}

impl WordSet {
    /// The set of `words` (each 1–15 ASCII letters; others are left out).
    pub(crate) fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        let mut set = WordSet {
            lengths: LengthFilter::EMPTY,
            ends: [[0; 16]; 32],
            keys: FxHashSet::default(),
        };
        for w in words {
            if let Some(k) = pack(w.as_bytes()) {
                set.lengths.add(w.as_bytes());
                set.ends[letter_index(w.as_bytes(), 0)][w.len()] |= 1 << last_index(w.as_bytes());
                set.keys.insert(k);
            }
        }
        set
    }

    /// Whether `w` (bytes of a word) is in the set, ignoring ASCII case.
    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        let letter = |i: usize| w.get(i).is_none_or(u8::is_ascii_alphabetic);
        !w.is_empty() && letter(0) && letter(1) && self.contains_letters(w)
    }

    /// Whether the set may hold a word of `len` letters whose first two bytes are `b0` and
    /// `b1` (`b1` 0 for a word of one letter): the table lookup that rejects nearly every
    /// word, for callers that already hold those bytes.
    #[inline(always)]
    pub(crate) fn may_hold(&self, b0: u8, b1: u8, len: usize) -> bool {
        self.lengths.may_hold(b0, b1, len)
    }

    /// [`WordSet::contains`] for a word known to start with ASCII letters (at most two are
    /// looked at before the hash, and `pack` checks the rest).
    #[inline]
    fn contains_letters(&self, w: &[u8]) -> bool {
        self.lengths.may_hold_word(w)
            && self.ends[letter_index(w, 0)][w.len()] & (1 << last_index(w)) != 0
            && pack(w).is_some_and(|k| self.keys.contains(&k))
    }
}

/// A set of lower-case words tested against lower-cased tokens: words of ASCII letters in a
/// [`WordSet`] (one table lookup rejects most tokens), any others ("o'clock") in a hash set
/// that is only asked when it has words.
#[derive(Debug)]
pub(crate) struct WordList {
    letters: WordSet,
    other: FxHashSet<&'static str>,
    /// The first bytes of the `other` words, and a bit for each of their lengths (63 for any
    /// longer): a token matching neither is not hashed, where every token the word set turned
    /// away was ("said" for the `'s` of the stop words).
    other_first: [bool; 256],
    other_lengths: u64,
}

impl WordList {
    /// The list of `words`.
    pub(crate) fn new(words: impl IntoIterator<Item = &'static str>) -> Self {
        let (letters, other): (Vec<_>, Vec<_>) = words
            .into_iter()
            .partition(|w| pack(w.as_bytes()).is_some());
        let mut other_first = [false; 256];
        let mut other_lengths = 0;
        for w in &other {
            if let Some(&b) = w.as_bytes().first() {
                other_first[usize::from(b)] = true;
            }
            other_lengths |= 1 << w.len().min(63);
        }
        WordList {
            letters: WordSet::new(letters),
            other: other.into_iter().collect(),
            other_first,
            other_lengths,
        }
    }

    /// Whether `w`, a lower-cased token, is in the list. The word set ignores ASCII case,
    /// which for a lower-cased token is the same as matching exactly. Always inlined: as a
    /// call (the compiler's choice once the guard of `other` grew) it cost 2M more.
    #[inline(always)]
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.letters.contains(w.as_bytes())
            || (self.other_lengths >> w.len().min(63) & 1 != 0
                && w.as_bytes()
                    .first()
                    .is_some_and(|&b| self.other_first[usize::from(b)])
                && self.other.contains(w))
    }
}

/// The letter at `i` of `w` as 1–26 whatever its case (0 past the end); only meaningful for
/// an ASCII letter.
#[inline]
fn letter_index(w: &[u8], i: usize) -> usize {
    w.get(i).map_or(0, |&c| usize::from(c & 31))
}

/// The last letter of `w` as 1–26 whatever its case (0 for an empty word).
#[inline]
fn last_index(w: &[u8]) -> usize {
    w.last().map_or(0, |&c| usize::from(c & 31))
}

/// Whether `b` holds an ASCII digit. Tested sixteen bytes at a time without branching inside a
/// block, which the compiler turns into vector code.
pub(crate) fn has_ascii_digit(b: &[u8]) -> bool {
    b.chunks(16)
        .any(|c| c.iter().fold(false, |any, &x| any | x.is_ascii_digit()))
}

/// Whether some maximal run of ASCII letters in `b` is a word of `set`.
pub(crate) fn has_word(b: &[u8], set: &WordSet) -> bool {
    if b.len() > 64 * MASK_BLOCKS {
        return has_word_bytewise(b, set);
    }
    // Letters as one bit per byte, 64 bytes to a block: the block is tested with vector
    // instructions and words are then found with bit operations, several times cheaper than
    // classifying byte by byte (this runs on every sentence without a digit).
    let mut masks = [0u64; MASK_BLOCKS];
    let blocks = b.len().div_ceil(64);
    for (m, chunk) in masks.iter_mut().zip(b.chunks(64)) {
        // Full blocks are read in place; only the last, short one is copied and padded.
        *m = match <&[u8; 64]>::try_from(chunk) {
            Ok(block) => letter_mask(block),
            Err(_) => {
                let mut block = [0u8; 64];
                block[..chunk.len()].copy_from_slice(chunk);
                letter_mask(&block)
            }
        };
    }
    let masks = &masks[..blocks];
    for (k, &m) in masks.iter().enumerate() {
        // A word starts at a letter with no letter before it (the last bit of the block before
        // carries over).
        let carry = k.checked_sub(1).map_or(0, |p| masks[p] >> 63);
        let mut starts = m & !(m << 1 | carry);
        while starts != 0 {
            let bit = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            // The run of ones from `bit`; shifted-in zeros end it at the block's end.
            let mut len = (!(m >> bit)).trailing_zeros() as usize;
            if bit + len == 64 {
                for &next in &masks[k + 1..] {
                    let more = (!next).trailing_zeros() as usize;
                    len += more;
                    if more < 64 {
                        break;
                    }
                }
            }
            let start = k * 64 + bit;
            if set.contains_letters(&b[start..start + len]) {
                return true;
            }
        }
    }
    false
}

/// How many 64-byte blocks [`has_word`] handles with bit masks; longer texts go byte by byte.
const MASK_BLOCKS: usize = 8;

/// A bit for each byte of `block` that is an ASCII letter, eight bytes at a time in one
/// integer ("SWAR"; no `unsafe` for vector instructions here).
fn letter_mask(block: &[u8; 64]) -> u64 {
    let mut m = 0;
    for (k, eight) in block.chunks_exact(8).enumerate() {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(eight);
        let high = letters8(u64::from_le_bytes(bytes));
        // Gather the eight high bits into one byte.
        let bits = ((high >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56;
        m |= bits << (8 * k);
    }
    m
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// Bit 7 set in each byte of `x` that is an ASCII letter: lower-case (bit 5), then the high
/// bit of each byte strictly between 0x60 and 0x7b, ASCII only ("hasbetween", Bit Twiddling
/// Hacks); every step stays within its byte.
#[inline]
fn letters8(x: u64) -> u64 {
    let x = x | (ONES * 0x20);
    let low = x & (ONES * 127);
    (ONES * (127 + 0x7b) - low) & !x & (low + ONES * (127 - 0x60)) & (ONES * 128)
}

/// [`has_word`] for long texts, one byte at a time.
fn has_word_bytewise(b: &[u8], set: &WordSet) -> bool {
    let mut rest = b;
    loop {
        let Some(start) = rest.iter().position(u8::is_ascii_alphabetic) else {
            return false;
        };
        rest = &rest[start..];
        let len = rest
            .iter()
            .position(|c| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if set.contains(&rest[..len]) {
            return true;
        }
        rest = &rest[len..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_ignore_case_and_reject_other_words() {
        let set = WordSet::new(["june", "year", "a", "half"]);
        for w in ["June", "JUNE", "year", "A", "Half"] {
            assert!(set.contains(w.as_bytes()), "{w}");
        }
        for w in [
            "",
            "jun",
            "years",
            "an",
            "ha",
            "juneteenth",
            "halt",
            "yeah",
            "y3ar",
            "the",
            "1",
        ] {
            assert!(!set.contains(w.as_bytes()), "{w}");
        }
        assert!(has_word(b"In June, 5", &set));
        assert!(!has_word(b"Junes yearly", &set));
        // Words across and at the ends of 64-byte blocks, and texts too long for the masks.
        for pad in [0, 1, 60, 61, 62, 63, 64, 65, 127, 128, 500, 600] {
            let x = "x".repeat(pad);
            for (text, found) in [
                (format!("{x} june"), true),
                (format!("q{x}june"), false),
                (format!(" {x} year."), true),
                (format!("{x} yea"), false),
                (format!("{x} years"), false),
                (format!("{x}.half {x}"), true),
                (format!("{x}. halfx {x}"), false),
            ] {
                assert_eq!(has_word(text.as_bytes(), &set), found, "{pad} {text}");
                assert_eq!(
                    has_word_bytewise(text.as_bytes(), &set),
                    found,
                    "{pad} {text}"
                );
            }
        }
    }

    #[test]
    fn word_lists_hold_words_of_letters_and_others() {
        let list = WordList::new(["year", "'s", "’s", "o'clock", "year-on-year"]);
        for w in ["year", "'s", "’s", "o'clock", "year-on-year"] {
            assert!(list.contains(w), "{w}");
        }
        for w in [
            "",
            "s",
            "'t",
            "years",
            "o'clocks",
            "year-on-years",
            "said",
            "’t",
        ] {
            assert!(!list.contains(w), "{w}");
        }
    }

    #[test]
    fn digits_are_found_anywhere() {
        assert!(!has_ascii_digit(b""));
        for c in 0..=255u8 {
            let mut block = [b' '; 64];
            block[9] = c;
            let expect = if c.is_ascii_alphabetic() { 1 << 9 } else { 0 };
            assert_eq!(letter_mask(&block), expect, "{c}");
        }
        assert!(!has_ascii_digit(
            "no digits at all in this rather long sentence ١٢".as_bytes()
        ));
        for n in 0..40 {
            let mut s = vec![b'x'; 40];
            s[n] = b'7';
            assert!(has_ascii_digit(&s), "{n}");
        }
    }
}
