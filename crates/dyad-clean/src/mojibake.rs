//! Repairing UTF-8 text that was once decoded as Windows-1252 ("â€™" for "’", "Â " for a
//! no-break space).
//!
//! Some sites store such double-encoded text and serve it as UTF-8, so no charset handling
//! can undo it. A run of characters is repaired when its Windows-1252 bytes are exactly one
//! multi-byte UTF-8 sequence: a lead byte (`Â`…`ô`) and continuation bytes (0x80–0xBF: the
//! Windows-1252 punctuation such as `€ ™ œ`, or `\u{a0}`…`¿`). Real text almost never has
//! such pairs ("Ã©" is not a word in any language); what decodes is taken.

use std::borrow::Cow;

/// The text with double-encoded characters repaired; borrowed when there is nothing to do.
pub(crate) fn repair(text: &str) -> Cow<'_, str> {
    // All lead characters (U+00C2–U+00F4) are encoded as 0xC3 0x82–0xB4 in UTF-8.
    let b = text.as_bytes();
    let lead = memchr::memchr_iter(0xC3, b)
        .any(|i| b.get(i + 1).is_some_and(|n| (0x82..=0xB4).contains(n)));
    if !lead {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let Some(needed) = continuation_count(c) else {
            out.push(c);
            continue;
        };
        let mut bytes = [0u8; 4];
        bytes[0] = c as u8;
        let mut rest = chars.clone();
        let mut ok = true;
        for slot in bytes.iter_mut().skip(1).take(needed) {
            match rest.next().and_then(|(_, n)| continuation_byte(n)) {
                Some(b) => *slot = b,
                None => {
                    ok = false;
                    break;
                }
            }
        }
        let decoded = ok
            .then(|| std::str::from_utf8(&bytes[..=needed]).ok())
            .flatten()
            .and_then(|s| s.chars().next());
        match decoded {
            Some(d) => {
                out.push(d);
                chars = rest;
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// For a character that is a UTF-8 lead byte read as Windows-1252: how many continuation
/// bytes follow it.
fn continuation_count(c: char) -> Option<usize> {
    match c {
        '\u{c2}'..='\u{df}' => Some(1),
        '\u{e0}'..='\u{ef}' => Some(2),
        '\u{f0}'..='\u{f4}' => Some(3),
        _ => None,
    }
}

/// The byte 0x80–0xBF that Windows-1252 decodes to this character, if any.
fn continuation_byte(c: char) -> Option<u8> {
    let mut buf = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
    match (&*bytes, unmappable) {
        (&[b], false) if (0x80..=0xBF).contains(&b) => Some(b),
        // Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) come through as
        // the C1 control of the same number.
        _ if ('\u{80}'..='\u{9f}').contains(&c) => Some(c as u8),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_encoded_punctuation_and_spaces_are_repaired() {
        assert_eq!(repair("It isnâ€™t over â€” yet."), "It isn’t over — yet.");
        assert_eq!(repair("â€œQuotedâ€\u{9d} text"), "“Quoted” text");
        assert_eq!(repair("for cats.Â\u{a0}The"), "for cats.\u{a0}The");
        assert_eq!(repair("cafÃ© and naÃ¯ve"), "café and naïve");
        assert_eq!(repair("emoji ðŸ™‚ here"), "emoji 🙂 here");
    }

    #[test]
    fn real_text_is_left_alone() {
        for text in [
            "São Paulo, Ålesund, Ångström, Île-de-France, Ça va, à côté, naïve",
            "Â alone, Ã at the end Ã",
            "plain ASCII text",
        ] {
            assert!(
                matches!(repair(text), Cow::Borrowed(_)) || repair(text) == text,
                "{text}"
            );
            assert_eq!(repair(text), text);
        }
    }
}
