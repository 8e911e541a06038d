//! Sentence tokens for the coder: words and punctuation with byte offsets.

/// One token of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte in the sentence.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// True for a word (letters or digits), false for punctuation.
    pub word: bool,
}

impl Token {
    /// The token's text in `s` (the sentence or its lower-cased copy).
    pub fn text<'s>(&self, s: &'s str) -> &'s str {
        s.get(self.start as usize..self.end as usize).unwrap_or("")
    }
}

/// Splits a sentence into tokens. Words keep inner hyphens, dots and apostrophes ("U.S",
/// "co-operate", "3.4", "O'Neill"), but the clitics `'s` and `'t` (and their curly forms)
/// are tokens of their own, so "Russia's" is "Russia" + "'s" and "didn't" is "didn" + "'t".
pub fn tokenize(s: &str, out: &mut Vec<Token>) {
    out.clear();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = char_at(s, i);
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if is_apostrophe(c) {
            // A clitic: 's or 't followed by a non-letter.
            let next = i + len;
            if let Some(n) = s[next..].chars().next() {
                let after = next + n.len_utf8();
                let ends = s[after..]
                    .chars()
                    .next()
                    .is_none_or(|a| !a.is_alphanumeric());
                if matches!(n, 's' | 'S' | 't' | 'T') && ends && i > 0 {
                    out.push(Token {
                        start: i as u32,
                        end: after as u32,
                        word: true,
                    });
                    i = after;
                    continue;
                }
            }
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                start: i as u32,
                end: (i + len) as u32,
                word: false,
            });
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < b.len() {
            let c = char_at(s, i);
            if c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            // Thousands separators: "100,000".
            if c == ','
                && s[..i].ends_with(|p: char| p.is_ascii_digit())
                && s[i + 1..].starts_with(|n: char| n.is_ascii_digit())
            {
                i += 1;
                continue;
            }
            // Inner joiners need a letter or digit right after them.
            if matches!(c, '-' | '.' | '\'' | '’' | '&') {
                let next = i + c.len_utf8();
                let follows = s[next..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric());
                if follows {
                    // A clitic starts here rather than a joined word.
                    if is_apostrophe(c) {
                        let rest = &s[next..];
                        let mut r = rest.chars();
                        let n = r.next().unwrap_or(' ');
                        let after = r.next();
                        if matches!(n, 's' | 'S' | 't' | 'T')
                            && after.is_none_or(|a| !a.is_alphanumeric())
                        {
                            break;
                        }
                    }
                    i = next;
                    continue;
                }
            }
            break;
        }
        out.push(Token {
            start: start as u32,
            end: i as u32,
            word: true,
        });
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

/// Lower-cases ASCII letters only, so byte offsets stay valid; writes into `out`.
pub fn lower_into(s: &str, out: &mut String) {
    out.clear();
    out.push_str(s);
    out.make_ascii_lowercase();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn words_punctuation_and_clitics() {
        assert_eq!(
            toks("Russia's U.S.-led talks didn't end, “he said”."),
            [
                "Russia", "'s", "U.S", ".", "-", "led", "talks", "didn", "'t", "end", ",", "“",
                "he", "said", "”", "."
            ]
        );
        assert_eq!(
            toks("Xi’s co-operate $3.4 bn"),
            ["Xi", "’s", "co-operate", "$", "3.4", "bn"]
        );
        assert_eq!(toks("O'Neill"), ["O'Neill"]);
        assert_eq!(toks(""), Vec::<&str>::new());
        assert_eq!(toks("'s"), ["'", "s"]);
    }
}
