//! Removing scripts, styles, inline SVG and unread attributes from raw HTML before it is parsed.
//!
//! On the extraction-dev pages these make up 48% of the bytes (scripts 23%, styles 20%, SVG
//! 5%), and none of it is article text; building DOM nodes for it was half of the parse time.
//! JSON-LD scripts stay: the metadata reader needs them. Of what is left, start tags are two
//! thirds; attributes that nothing after parsing reads (image sources, `data-*`, most ARIA,
//! event handlers, non-hiding inline styles) are dropped from them, which cuts parse
//! instructions by another quarter. Navigation, footers, `<noscript>` and form controls go
//! whole (nav and footer are a quarter of the bytes), unless they hold metadata.
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
    /// Page chrome removed before readability anyway (`nav`, `footer`), and controls whose
    /// text is never article text (`button`, `select`, `textarea`, `noscript`): dropped here
    /// so they are not parsed at all. Only when their end tag is found, since the parser
    /// would close an unclosed one somewhere this scan cannot tell.
    Chrome,
}

/// The HTML without `<script>` (except JSON-LD), `<style>` and `<svg>` elements, and with only
/// the attributes in [`KEPT_ATTRIBUTES`] left on other start tags.
pub(crate) fn strip_invisible(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    // Input before `copied` is already in `out` or deliberately left out.
    let mut copied = 0;
    let mut i = 0;
    // Kept attributes of the tag at hand, reused from tag to tag.
    let mut kept: Vec<(usize, usize)> = Vec::new();
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
            // Attributes nobody reads (image sources, data-*, most ARIA, event handlers,
            // sizes) are a fifth of what is left of a page; the tokenizer walks them char by
            // char and the tree keeps them.
            if let Some(self_closing) = filter_attributes(b, name_end, tag_end, &mut kept) {
                let s = out.get_or_insert_with(|| String::with_capacity(html.len() / 2));
                s.push_str(&html[copied..name_end]);
                for &(from, to) in &kept {
                    s.push(' ');
                    s.push_str(&html[from..to]);
                }
                s.push_str(if self_closing { "/>" } else { ">" });
                copied = tag_end;
            }
            i = tag_end;
            continue;
        };
        if drop == Drop::Script && is_json_ld(&b[name_end..tag_end]) {
            // Kept as it is: its text is JSON, not markup.
            i = close_tag(b, tag_end, b"script");
            continue;
        }
        let end = match drop {
            Drop::Script => close_tag(b, tag_end, b"script"),
            Drop::Style => close_tag(b, tag_end, b"style"),
            Drop::Svg => svg_end(b, tag_end),
            Drop::Chrome => {
                let name = &b[lt + 1..name_end];
                let end =
                    if name.eq_ignore_ascii_case(b"nav") || name.eq_ignore_ascii_case(b"footer") {
                        nested_end(b, tag_end, name)
                    } else {
                        // Their content is raw text, or they cannot nest.
                        find_close_tag(b, tag_end, name)
                    };
                // A headline, a date or a byline inside makes it the article's own header
                // or footer: the metadata reader needs it.
                let Some(end) = end.filter(|&e| !holds_metadata(&b[tag_end..e])) else {
                    i = tag_end;
                    continue;
                };
                end
            }
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
    } else if CHROME.iter().any(|c| name.eq_ignore_ascii_case(c)) {
        Some(Drop::Chrome)
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

/// Attributes read after parsing, by our metadata and layout code or by readability: kept.
/// Everything else goes. `style` is kept only when it may hide the element.
const KEPT_ATTRIBUTES: &[&[u8]] = &[
    b"class",
    b"id",
    b"href",
    b"hidden",
    b"aria-hidden",
    b"aria-modal",
    b"aria-labelledby",
    b"role",
    b"itemprop",
    b"itemtype",
    b"itemscope",
    b"rel",
    b"content",
    b"property",
    b"name",
    b"datetime",
    b"pubdate",
    b"type",
    b"lang",
    b"dir",
    b"colspan",
    b"summary",
    b"datatable",
    b"charset",
    b"http-equiv",
];

/// Which attributes of the start tag whose name ends at `name_end` and which ends at `tag_end`
/// are kept: their byte ranges in `kept`, and whether the tag is self-closing; None when it
/// keeps all of them (nothing to rewrite).
fn filter_attributes(
    b: &[u8],
    name_end: usize,
    tag_end: usize,
    kept: &mut Vec<(usize, usize)>,
) -> Option<bool> {
    // The closing `>` (or `/>`) is not part of the attributes; an unclosed tag at the end of
    // input has none.
    let attrs_end = if b.get(tag_end.wrapping_sub(1)) == Some(&b'>') && tag_end > name_end {
        tag_end - 1
    } else {
        return None;
    };
    kept.clear();
    let mut dropped = false;
    let mut self_closing = false;
    let mut i = name_end;
    while i < attrs_end {
        let c = b[i];
        if c.is_ascii_whitespace() || c == b'/' {
            self_closing = c == b'/' && i + 1 == attrs_end;
            i += 1;
            continue;
        }
        // Name: up to whitespace, `/`, `=` (a leading `=` belongs to the name, as in the
        // tokenizer).
        let start = i;
        i += 1;
        while i < attrs_end && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'=' {
            i += 1;
        }
        let name = &b[start..i];
        let mut j = i;
        while j < attrs_end && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < attrs_end && b[j] == b'=' {
            j += 1;
            while j < attrs_end && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < attrs_end && (b[j] == b'"' || b[j] == b'\'') {
                let quote = b[j];
                j = memchr::memchr(quote, &b[j + 1..attrs_end])
                    .map_or(attrs_end, |p| j + 1 + p + 1);
            } else {
                while j < attrs_end && !b[j].is_ascii_whitespace() {
                    j += 1;
                }
            }
            i = j;
        }
        let value = &b[start..i];
        let keep = KEPT_ATTRIBUTES.iter().any(|k| name.eq_ignore_ascii_case(k))
            || name.eq_ignore_ascii_case(b"style") && may_hide(value);
        if keep {
            kept.push((start, i));
        } else {
            dropped = true;
        }
    }
    dropped.then_some(self_closing)
}

/// Whether a `style` attribute may hide its element (`display: none`, `visibility: hidden`).
fn may_hide(attr: &[u8]) -> bool {
    attr.windows(4).any(|w| w.eq_ignore_ascii_case(b"none"))
        || attr.windows(6).any(|w| w.eq_ignore_ascii_case(b"hidden"))
}

fn is_json_ld(attrs: &[u8]) -> bool {
    attrs.windows(7).any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// Whether markup may hold article metadata: a headline, a `<time>`, a byline or author.
fn holds_metadata(b: &[u8]) -> bool {
    [&b"<h1"[..], b"<time", b"author", b"byline"]
        .iter()
        .any(|n| memchr::memmem::find(b, n).is_some())
}

/// Elements dropped as [`Drop::Chrome`].
const CHROME: &[&[u8]] = &[b"nav", b"footer", b"select", b"textarea", b"noscript"];

/// Just past the end tag `</name ...>` at or after `from`; the end of input when none.
fn close_tag(b: &[u8], from: usize, name: &[u8]) -> usize {
    find_close_tag(b, from, name).unwrap_or(b.len())
}

/// Just past the end tag matching a `<name>` start tag that ends at `from`, counting nested
/// `<name>` elements; None when there is none.
fn nested_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(off) = memchr_lt(&b[i..]) {
        let lt = i + off;
        if b[lt + 1..].starts_with(b"!--") {
            i = find(b, lt + 4, b"-->")? + 3;
            continue;
        }
        let closing = b[lt + 1] == b'/';
        let at = if closing { lt + 2 } else { lt + 1 };
        let is_name = b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name)
            && b.get(at + name.len())
                .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'-');
        if !is_name {
            i = lt + 1;
            continue;
        }
        let t = tag_end(b, at + name.len());
        if closing {
            depth -= 1;
            if depth == 0 {
                return Some(t);
            }
        } else {
            depth += 1;
        }
        i = t;
    }
    None
}

/// Just past the end tag `</name ...>` at or after `from`; None when there is none.
fn find_close_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
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
            return Some(tag_end(b, at + name.len()));
        }
        i = at;
    }
    None
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
        let html = "<div class=\"<script>\" id = 'a>b'>kept</div><!-- <style> -->\
                    <p>also kept</p><scripts>custom element</scripts>";
        assert_eq!(strip_invisible(html), html);
        // A stray quote outside a value does not hide the end of the tag.
        assert_eq!(
            strip_invisible("<p class=a\"b>x</p><style>p{}</style>\"y\""),
            "<p class=a\"b>x</p>\"y\""
        );
    }

    #[test]
    fn unread_attributes_go() {
        let html = "<div class=\"a\" data-x='1' style=\"color:red\" ID=main>\
            <img src=\"a.jpg\" srcset=\"a.jpg 1x\" alt=\"A\"/>\
            <p hidden style=\"display: none\" onclick=\"go('>')\">x</p>\
            <a href=/x/ aria-label=y>link</a><br/><hr></div>";
        assert_eq!(
            strip_invisible(html),
            "<div class=\"a\" ID=main><img/>\
             <p hidden style=\"display: none\">x</p><a href=/x/>link</a><br/><hr></div>"
        );
        // An unclosed tag at the end is left as it is.
        assert_eq!(strip_invisible("<p data-x=1"), "<p data-x=1");
    }

    #[test]
    fn chrome_goes_unless_it_holds_metadata_or_is_unclosed() {
        assert_eq!(
            strip_invisible(
                "<nav><ul><li><nav>Sub</nav></li></ul>Menu</nav><p>Text</p>\
                 <noscript><img></noscript><select><option>A</select>\
                 <footer><p>Copyright</p></footer>"
            ),
            "<p>Text</p>"
        );
        // The article's own footer with its byline and date stays, and so does a header
        // section holding the headline.
        let kept = "<footer><time datetime=\"2024-01-02\">2 Jan</time></footer>\
                    <nav><h1>Yosemite</h1></nav><nav><p>open to the end";
        assert_eq!(strip_invisible(kept), kept);
    }

    #[test]
    fn unclosed_script_runs_to_the_end() {
        assert_eq!(strip_invisible("<p>a</p><script>x = 1;"), "<p>a</p>");
        assert_eq!(strip_invisible("<p>a</p><script"), "<p>a</p>");
        assert_eq!(strip_invisible("<"), "<");
        assert_eq!(strip_invisible("é<svg/>ü"), "éü");
    }
}
