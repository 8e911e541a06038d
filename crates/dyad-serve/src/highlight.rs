//! Marking spans of article text in HTML, escaping everything else.
//!
//! Spans come from the store as byte offsets into a document's `clean_text`; text shown is a
//! sentence (or the whole text). A span that is out of range, not on a character boundary or
//! overlapping an earlier one is left unmarked rather than trusted: the text is still shown,
//! escaped, and the page stays well-formed.

use crate::html::escape;

/// A span to mark, in byte offsets of the text being shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Mark {
    /// What it is: `trigger`, `source`, `target` or `quantity` (the CSS class).
    pub kind: &'static str,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// A tooltip ("057 RUS↔CHN"), shown escaped.
    pub label: String,
}

/// `text` escaped for HTML with each usable mark wrapped in `<mark class="KIND">`.
pub fn highlight(text: &str, marks: &[Mark]) -> String {
    let mut marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
        .collect();
    // Longer first at the same start, so a trigger inside a longer actor span does not cut it.
    marks.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out = String::with_capacity(text.len() + 64 * marks.len());
    let mut at = 0;
    for m in marks {
        if m.start < at {
            continue;
        }
        out.push_str(&escape(&text[at..m.start]));
        out.push_str("<mark class=\"");
        out.push_str(m.kind);
        out.push('"');
        if !m.label.is_empty() {
            out.push_str(" title=\"");
            out.push_str(&escape(&m.label));
            out.push('"');
        }
        out.push('>');
        out.push_str(&escape(&text[m.start..m.end]));
        out.push_str("</mark>");
        at = m.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// Where `sentence` starts in its document, worked out from spans known in document offsets
/// (`(words, start)`): the offset at which every anchor's words appear in the sentence where
/// their offsets say. `None` when no offset fits them all (or there are no anchors).
///
/// The store gives a report's sentence text and its spans in document offsets, but not the
/// sentence's own offset; this recovers it without guessing from a single match.
pub fn sentence_start(sentence: &str, anchors: &[(&str, usize)]) -> Option<usize> {
    let (first, first_at) = anchors.iter().find(|(w, _)| !w.is_empty())?;
    sentence
        .match_indices(first)
        .filter_map(|(p, _)| first_at.checked_sub(p))
        .find(|&base| {
            anchors.iter().all(|(w, at)| {
                at.checked_sub(base)
                    .and_then(|s| sentence.get(s..s + w.len()))
                    .is_some_and(|found| found == *w)
            })
        })
}

/// An FTS5 snippet (matches between `[` and `]`) as escaped HTML with `<mark>`s. Brackets that
/// do not pair up are shown as they are, so the markup always balances.
pub fn snippet(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 32);
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        match after.find(']') {
            Some(close) if !after[..close].contains('[') => {
                out.push_str(&escape(&rest[..open]));
                out.push_str("<mark>");
                out.push_str(&escape(&after[..close]));
                out.push_str("</mark>");
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&escape(&rest[..=open]));
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(kind: &'static str, start: usize, end: usize) -> Mark {
        Mark {
            kind,
            start,
            end,
            label: String::new(),
        }
    }

    #[test]
    fn marks_and_escapes() {
        let s = "Russia & <China> signed deals.";
        let html = highlight(s, &[mark("source", 0, 6), mark("trigger", 17, 23)]);
        assert_eq!(
            html,
            "<mark class=\"source\">Russia</mark> &amp; &lt;China&gt; <mark class=\"trigger\">signed</mark> deals."
        );
    }

    #[test]
    fn ignores_bad_spans() {
        let s = "Ünïcode text";
        // Inside a multi-byte character, past the end, empty, overlapping.
        let html = highlight(
            s,
            &[
                mark("a", 1, 3),
                mark("b", 5, 99),
                mark("c", 4, 4),
                mark("d", 0, 2),
                mark("e", 1, 8),
            ],
        );
        assert_eq!(html, "<mark class=\"d\">Ü</mark>nïcode text");
    }

    #[test]
    fn hostile_label_is_escaped() {
        let html = highlight(
            "x",
            &[Mark {
                kind: "trigger",
                start: 0,
                end: 1,
                label: "\"><script>".into(),
            }],
        );
        assert!(html.contains("title=\"&quot;&gt;&lt;script&gt;\""));
    }

    #[test]
    fn finds_sentence_start() {
        let s = "Putin met Xi; Putin signed a deal with Xi.";
        // The second "Putin" is the source (doc offset 114), "signed" at 120.
        assert_eq!(
            sentence_start(s, &[("Putin", 114), ("signed", 120)]),
            Some(100)
        );
        assert_eq!(sentence_start(s, &[("Putin", 3), ("signed", 200)]), None);
        assert_eq!(sentence_start(s, &[]), None);
    }

    #[test]
    fn snippets() {
        assert_eq!(snippet("a [b] <c> [d"), "a <mark>b</mark> &lt;c&gt; [d");
        assert_eq!(snippet("[[x]"), "[<mark>x</mark>");
    }
}
