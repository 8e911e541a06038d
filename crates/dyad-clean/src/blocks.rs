//! HTML to plain text with every visible block kept: the input of the text path's scoring.

/// Elements whose content is never shown as text.
const INVISIBLE: &str = "head, script, style, noscript, template, svg, iframe, object, \
     [hidden], [style*='display:none'], [style*='display: none']";

/// All visible text of an HTML page, one line per block, boilerplate *kept*.
///
/// Scripts, styles, `<head>` and hidden elements go; navigation, footers, share bars, teasers
/// and comments stay — the page as a scraper that saves text would see it. Whitespace inside a
/// block is folded to single spaces and empty lines are dropped.
pub fn html_to_text_blocks(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    crate::html::reveal_streamed(&doc);
    doc.select(INVISIBLE).remove();
    lay_out(&doc.formatted_text())
}

/// The visible text under one element, laid out as [`html_to_text_blocks`] does. Removes the
/// element's invisible descendants from the tree.
pub(crate) fn node_text_blocks(node: &dom_query::NodeRef) -> String {
    dom_query::Selection::from(*node).select(INVISIBLE).remove();
    lay_out(&node.formatted_text())
}

/// One block per line, whitespace folded, empty lines dropped.
fn lay_out(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        for (i, w) in words.enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_boilerplate_drops_invisible() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <nav><a href='/'>Home</a></nav><div hidden>secret</div>\
            <h1>Grain   deal</h1><p>First\n paragraph.</p><ul><li>One</li><li>Two</li></ul>\
            <script>x()</script><footer>© 2024</footer></body></html>";
        assert_eq!(
            html_to_text_blocks(html),
            "Home\nGrain deal\nFirst paragraph.\nOne\nTwo\n© 2024"
        );
    }
}
