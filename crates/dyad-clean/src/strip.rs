//! Removing scripts, styles and inline SVG from raw HTML before it is parsed.
//!
//! On the extraction-dev pages these make up 48% of the bytes (scripts 23%, styles 20%, SVG
//! 5%), and none of it is article text; building DOM nodes for it was half of the parse time.
//! JSON-LD scripts stay: the metadata reader needs them.
//!
//! The scan follows the tokenizer closely enough for this: it walks tag by tag, skipping
//! quoted attribute values and comments, so a `<script` inside an attribute or a comment is
//! not taken for a tag. Script and style content ends at the first `</script` / `</style`,
//! as in a browser; an unclosed one runs to the end of the input, as it would there too.

use std::borrow::Cow;

/// Elements removed with their content.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Drop {
    Script,
    Style,
    Svg,
}

/// The HTML without `<script>` (except JSON-LD), `<style>` and `<svg>` elements.
pub(crate) fn strip_invisible(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // Input before `copied` is already in `out` or deliberately left out.
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = memchr_lt(&b[i..]) {
        let lt = i + off;
        if b[lt + 1..].starts_with(b"!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let Some((name_end, drop)) = tag_name(b, lt + 1) else {
            i = lt + 1;
            continue;
        };
        let tag_end = tag_end(b, name_end);
        let Some(drop) = drop else {
            i = tag_end;
            continue;
        };
        if drop == Drop::Script && is_json_ld(&b[name_end..tag_end]) {
            i = tag_end;
            continue;
        }
        let end = match drop {
            Drop::Script => close_tag(b, tag_end, b"script"),
            Drop::Style => close_tag(b, tag_end, b"style"),
            Drop::Svg => svg_end(b, tag_end),
        };
        let s = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
        // Tag boundaries are ASCII, so these are character boundaries.
        s.push_str(&html[copied..lt]);
        copied = end;
        i = end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied.min(html.len())..]);
            Cow::Owned(s)
        }
    }
}

/// Offset of the next `<` that has at least one byte after it.
fn memchr_lt(b: &[u8]) -> Option<usize> {
    let p = memchr::memchr(b'<', b)?;
    (p + 1 < b.len()).then_some(p)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|p| from + p)
}

/// When `b[at..]` starts an element name: where the name ends, and whether it is dropped.
fn tag_name(b: &[u8], at: usize) -> Option<(usize, Option<Drop>)> {
    if !b.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    let end = b[at..]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric() && *c != b'-')
        .map_or(b.len(), |p| at + p);
    let name = &b[at..end];
    let drop = if name.eq_ignore_ascii_case(b"script") {
        Some(Drop::Script)
    } else if name.eq_ignore_ascii_case(b"style") {
        Some(Drop::Style)
    } else if name.eq_ignore_ascii_case(b"svg") {
        Some(Drop::Svg)
    } else {
        None
    };
    Some((end, drop))
}

/// Just past the `>` that closes a tag whose attributes start at `from`; quoted values may
/// hold `>`. As in the tokenizer, a quote opens a value only right after `=`.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memchr3(b'>', b'"', b'\'', &b[i..]) {
        let at = i + off;
        let quote = b[at];
        if quote == b'>' {
            return at + 1;
        }
        let after_equals = b[from..at]
            .iter()
            .rev()
            .find(|c| !c.is_ascii_whitespace())
            .is_some_and(|&c| c == b'=');
        if !after_equals {
            i = at + 1;
            continue;
        }
        match memchr::memchr(quote, &b[at + 1..]) {
            Some(close) => i = at + 1 + close + 1,
            None => return b.len(),
        }
    }
    b.len()
}

fn is_json_ld(attrs: &[u8]) -> bool {
    attrs.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Just past the end tag `</name ...>` at or after `from`; the end of input when none.
fn close_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let at = p + 2;
        let ends_name = b
            .get(at + name.len())
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name)
            && ends_name
        {
            return tag_end(b, at + name.len());
        }
        i = at;
    }
    b.len()
}

/// Just past the `</svg>` matching an `<svg>` whose start tag ends at `from` (nested `<svg>`
/// counted); a self-closing `<svg/>` has no content.
fn svg_end(b: &[u8], from: usize) -> usize {
    if from >= 2 && b[from - 2] == b'/' {
        return from;
    }
    let mut depth = 1usize;
    let mut i = from;
    while let Some(off) = memchr_lt(&b[i..]) {
        let lt = i + off;
        let closing = b[lt + 1] == b'/';
        let name_at = if closing { lt + 2 } else { lt + 1 };
        match tag_name(b, name_at) {
            Some((end, Some(Drop::Svg))) => {
                let t = tag_end(b, end);
                if closing {
                    depth -= 1;
                    if depth == 0 {
                        return t;
                    }
                } else if !(t >= 2 && b[t - 2] == b'/') {
                    depth += 1;
                }
                i = t;
            }
            _ => i = lt + 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::strip_invisible;

    #[test]
    fn drops_scripts_styles_and_svg_but_keeps_json_ld() {
        let html = "<html><head><style>p{color:red}</style>\
            <script type=\"application/ld+json\">{\"@type\":\"Article\"}</script>\
            <SCRIPT src=x.js>var a = '<p>not text</p>';</SCRIPT >\
            </head><body><p>One <svg viewBox=\"0 0 1 1\"><svg><text>icon</text></svg><path/></svg>two</p>\
            <script>if (a < b) {}</script></body></html>";
        assert_eq!(
            strip_invisible(html),
            "<html><head><script type=\"application/ld+json\">{\"@type\":\"Article\"}</script>\
             </head><body><p>One two</p></body></html>"
        );
    }

    #[test]
    fn tags_in_attributes_and_comments_are_not_tags() {
        let html = "<div data-x=\"<script>\" title = 'a>b'>kept</div><!-- <style> -->\
                    <p>also kept</p><scripts>custom element</scripts>";
        assert_eq!(strip_invisible(html), html);
        // A stray quote outside a value does not hide the end of the tag.
        assert_eq!(
            strip_invisible("<p class=a\"b>x</p><style>p{}</style>\"y\""),
            "<p class=a\"b>x</p>\"y\""
        );
    }

    #[test]
    fn unclosed_script_runs_to_the_end() {
        assert_eq!(strip_invisible("<p>a</p><script>x = 1;"), "<p>a</p>");
        assert_eq!(strip_invisible("<p>a</p><script"), "<p>a</p>");
        assert_eq!(strip_invisible("<"), "<");
        assert_eq!(strip_invisible("é<svg/>ü"), "éü");
    }
}
