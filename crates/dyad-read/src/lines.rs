//! Line reading with a cap, so one endless line cannot exhaust memory.

use std::io::{self, BufRead};

/// What [`read_line_capped`] read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineInfo {
    /// Bytes consumed from the reader, newline included.
    pub consumed: u64,
    /// Length of the line without its newline, including any discarded part.
    pub len: u64,
    /// True when the line was longer than the cap; the buffer is then empty.
    pub overflow: bool,
}

/// Capacity kept after an oversized line, so one huge line does not pin its buffer.
const KEEP_CAPACITY: usize = 1 << 20;

/// Reads up to and including the next `\n` into `buf` (without the `\n`). Lines longer than
/// `cap` are consumed in chunks and discarded. Returns `None` at end of input.
///
/// On an error the partial line is lost; callers treat the input as ended.
pub(crate) fn read_line_capped<R: BufRead + ?Sized>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<LineInfo>> {
    buf.clear();
    let mut consumed = 0u64;
    let mut overflow = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            if consumed == 0 {
                return Ok(None);
            }
            return Ok(Some(LineInfo {
                consumed,
                len: consumed,
                overflow,
            }));
        }
        let (content, used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i, i + 1, true),
            None => (available.len(), available.len(), false),
        };
        if !overflow {
            if buf.len() + content > cap {
                overflow = true;
                buf.clear();
                buf.shrink_to(KEEP_CAPACITY);
            } else {
                buf.extend_from_slice(&available[..content]);
            }
        }
        reader.consume(used);
        consumed += used as u64;
        if done {
            return Ok(Some(LineInfo {
                consumed,
                len: consumed - 1,
                overflow,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::BufReader;

    #[test]
    fn reads_lines_and_caps_long_ones() {
        let data = b"short\nxxxxxxxxxxxxxxxxxxxx\nlast";
        let mut r = BufReader::with_capacity(4, &data[..]);
        let mut buf = Vec::new();
        let a = read_line_capped(&mut r, &mut buf, 10).unwrap().unwrap();
        assert_eq!(buf, b"short");
        assert_eq!((a.consumed, a.len, a.overflow), (6, 5, false));
        let b = read_line_capped(&mut r, &mut buf, 10).unwrap().unwrap();
        assert!(b.overflow && buf.is_empty());
        assert_eq!((b.consumed, b.len), (21, 20));
        let c = read_line_capped(&mut r, &mut buf, 10).unwrap().unwrap();
        assert_eq!(buf, b"last");
        assert_eq!((c.consumed, c.len, c.overflow), (4, 4, false));
        assert!(read_line_capped(&mut r, &mut buf, 10).unwrap().is_none());
    }

    #[test]
    fn a_line_exactly_at_the_cap_is_kept() {
        let mut r = BufReader::with_capacity(3, &b"abcde\n"[..]);
        let mut buf = Vec::new();
        let info = read_line_capped(&mut r, &mut buf, 5).unwrap().unwrap();
        assert!(!info.overflow);
        assert_eq!(buf, b"abcde");
    }
}
