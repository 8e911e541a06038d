use crate::{detect_language, guess_title, meta, normalize_text, Cleaned};
use dom_smoothie::{Article, Config, ParsePolicy, Readability, TextMode};
use dyad_core::PartialDate;
use std::collections::HashMap;

/// Cleans an HTML page: main content, title, byline, site, publication date, URL, language.
///
/// `url` is the page address when the input knows it; relative links resolve against it, and
/// a date in its path (`/2024/08/21/`) is the most reliable publication date. Metadata is read
/// from the page (JSON-LD, meta tags, the visible headline and the date shown next to it,
/// `<time>`, bylines; precedence in the crate docs), with what the extractor finds as a
/// fallback. The main content comes from our own scorer (`content.rs`); on pages where it
/// finds no article, or its text trims to nothing, `dom_smoothie`'s readability runs instead,
/// and when that finds no article either (very short pages, odd markup) the text of the whole
/// `<body>` is kept, so a page is never silently emptied.
pub fn clean_html(html: &str, url: Option<&str>) -> Cleaned {
    // dom_smoothie rejects relative URLs; a bad URL is not worth losing the page over.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let html = crate::strip::strip_invisible(html);
    let doc = dom_query::Document::from(&*html);
    let meta = meta::sources(&doc, url).choose();
    prepare(&doc);
    // Our scorer reads the tree without changing it, so readability can still take it after.
    if let Some(found) = crate::content::find(&doc) {
        let mut text = normalize_text(&found.text);
        if let Some(title) = meta.title.as_deref() {
            drop_leading_title(&mut text, title);
        }
        let language = detect_language(&text);
        let text = crate::text::trim_extracted(&text);
        if !text.is_empty() {
            let own = Cleaned {
                title: guess_title(&text),
                author: found.byline.and_then(non_empty),
                language,
                text,
                ..Cleaned::default()
            };
            return with_meta(own, meta);
        }
    }
    let region_chars = prose_region(&doc).map(|(_, chars)| chars);
    let Some(article) = extract(doc, &html, url) else {
        return with_meta(body_text(&html), meta);
    };
    let mut text = normalize_text(&article.text_content);
    if let Some(region_chars) = region_chars {
        if (text.chars().count() as f32) < FRAGMENT_SHARE * region_chars as f32 {
            if let Some(wider) = widen(&html, &text) {
                text = wider;
            }
        }
    }
    let language = detect_language(&text);
    let text = crate::text::trim_extracted(&text);
    let fallback = Cleaned {
        title: non_empty(article.title).or_else(|| guess_title(&text)),
        author: article.byline.and_then(non_empty),
        site: article.site_name.and_then(non_empty),
        date: article
            .published_time
            .as_deref()
            .and_then(PartialDate::parse_loose),
        url: article.url.and_then(non_empty),
        language,
        text,
    };
    with_meta(fallback, meta)
}

/// Article text of at least this many characters is accepted from the first pass.
const ENOUGH_CHARS: usize = 500;

/// Runs readability: one moderate pass on the already parsed page, and only when that finds
/// too little, the full sequence of ever looser passes on a fresh parse. The full sequence
/// clones the page for every pass; one pass suffices for 663 of the 711 extraction-dev pages.
fn extract(doc: dom_query::Document, html: &str, url: Option<&str>) -> Option<Article> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        // JSON-LD is read by `meta` already.
        disable_json_ld: true,
        // Fewer link-density computations; no measurable change in F1.
        min_score_to_adjust: 10.0,
        // Class names are not read from the output; stripping them costs a selection.
        keep_classes: true,
        ..Config::default()
    };
    let first = match Readability::with_document(doc, url, Some(cfg.clone())) {
        // Moderate keeps blocks whose class names merely look unlikely ("sidebar-like"):
        // F1 0.926 against 0.923 for Strict on extraction-dev, same speed.
        Ok(mut r) => r.parse_with_policy(ParsePolicy::Moderate).ok(),
        Err(_) => None,
    };
    let first = match first {
        Some(a) if a.length >= ENOUGH_CHARS => return Some(a),
        other => other,
    };
    let fresh = || {
        let doc = dom_query::Document::from(html);
        prepare(&doc);
        doc
    };
    let mut r = Readability::with_document(fresh(), url, Some(cfg.clone()))
        .or_else(|_| Readability::with_document(fresh(), None, Some(cfg)))
        .ok()?;
    r.parse().ok().or(first)
}

/// Share of a page's paragraph text that makes an element the page's prose region: a
/// majority, the lowest share for which the candidates still form one chain (0.6 before:
/// F1 +0.0006).
const PROSE_SHARE: f32 = 0.5;
/// Readability output with less text than this share of the prose region's paragraphs is
/// taken for a fragment of the article.
const FRAGMENT_SHARE: f32 = 0.5;
/// Paragraphs shorter than this (in characters) are not counted as prose: bylines, labels.
const PROSE_MIN_CHARS: usize = 40;

/// The page's prose region: the deepest element below `<body>` holding at least
/// [`PROSE_SHARE`] of the text of the page's paragraphs, and how many characters of paragraph
/// text it holds. None when the prose is spread over the whole body, or there is little.
fn prose_region(doc: &dom_query::Document) -> Option<(dom_query::NodeRef<'_>, usize)> {
    let mut held: HashMap<dom_query::NodeId, usize> = HashMap::new();
    let mut total = 0usize;
    for p in doc.select("p").nodes() {
        let chars = text_chars(p);
        if chars < PROSE_MIN_CHARS {
            continue;
        }
        total += chars;
        let mut up = p.parent();
        while let Some(node) = up {
            *held.entry(node.id).or_insert(0) += chars;
            up = node.parent();
        }
    }
    if total < ENOUGH_CHARS {
        return None;
    }
    let need = (PROSE_SHARE * total as f32) as usize;
    // Elements holding more than half of the prose form one chain from the root: the deepest
    // of them is the one with the fewest ancestors counted.
    let (node, chars) = held
        .into_iter()
        .filter(|&(_, chars)| chars >= need)
        .map(|(id, chars)| (dom_query::NodeRef::new(id, &doc.tree), chars))
        .max_by_key(|(node, _)| node.ancestors_it(None).count())?;
    let is_region = node.is_element() && !node.has_name("body") && !node.has_name("html");
    is_region.then_some((node, chars))
}

/// Characters of the element's text, counted in place (as `text().chars().count()`, without
/// building the string).
fn text_chars(node: &dom_query::NodeRef) -> usize {
    node.descendants_it()
        .map(|n| {
            n.query_or(0, |t| match &t.data {
                dom_query::NodeData::Text { contents } => contents.chars().count(),
                _ => 0,
            })
        })
        .sum()
}

/// The article when readability settled on a part of the prose region (one section of a long
/// page, a disclosure box inside it): the region's text, cleaned by the plain-text line
/// classifier. None when readability's text is not inside the region (it chose a block
/// elsewhere, such as the story above a long comment thread) or the region yields no more.
///
/// The page is parsed again: readability consumed the first tree, and this is needed for few
/// pages (16 of 711 on extraction-dev).
fn widen(html: &str, text: &str) -> Option<String> {
    let doc = dom_query::Document::from(html);
    prepare(&doc);
    let (region, region_chars) = prose_region(&doc)?;
    let blocks = normalize_text(&crate::blocks::node_text_blocks(&region));
    // Readability's longest paragraph, by its first words, must be in the region.
    let longest = text.lines().max_by_key(|l| l.len())?;
    let probe: Vec<&str> = longest.split_whitespace().take(PROBE_WORDS).collect();
    let inside = !probe.is_empty() && blocks.contains(&probe.join(" "));
    if !inside
        && (text.chars().count() as f32 >= STRAY_SHARE * region_chars as f32
            || is_comment_thread(&region))
    {
        return None;
    }
    let wider = crate::text::clean_normalized(&blocks).text;
    (wider.chars().count() > text.chars().count()).then_some(wider)
}

/// Readability output elsewhere than the prose region, with less text than this share of
/// the region's paragraphs, is a lede, teaser or author box, not the article.
const STRAY_SHARE: f32 = 0.2;

/// Whether the element or one of its ancestors is marked as comments or discussion by its
/// class or id: a long thread under a short story holds most of a page's paragraphs.
fn is_comment_thread(node: &dom_query::NodeRef) -> bool {
    std::iter::once(*node)
        .chain(node.ancestors_it(None))
        .any(|n| {
            ["class", "id"].iter().any(|a| {
                n.attr(a).is_some_and(|v| {
                    let v = v.to_ascii_lowercase();
                    ["comment", "discuss", "repl", "forum"]
                        .iter()
                        .any(|k| v.contains(k))
                })
            })
        })
}

/// Words of a paragraph looked for to tell where it is.
const PROBE_WORDS: usize = 8;

/// Readies a parsed page for the extractors (our scorer and readability).
fn prepare(doc: &dom_query::Document) {
    // One walk finds the elements of every step (a selector pass each cost as much). The
    // steps only change attributes or remove subtrees, so what the walk found stays valid;
    // work on an element in a removed subtree no longer touches the page.
    let mut panels = Vec::new();
    let mut chrome = Vec::new();
    let mut forms = Vec::new();
    let mut wrappers = Vec::new();
    let mut streamed = false;
    for n in doc.root().descendants_it() {
        let Some(qual) = n.qual_name_ref() else {
            continue;
        };
        match &*qual.local {
            "figcaption" | "nav" | "footer" => chrome.push(n),
            "form" => forms.push(n),
            "div" | "section" => {
                streamed |= is_streamed(&n);
                wrappers.push(n);
            }
            _ => {}
        }
        if n.has_attr("aria-labelledby") {
            panels.push(n);
        }
    }
    if streamed {
        // Streamed content moves first, so the steps must look at the page afresh.
        reveal_streamed(doc);
        open_collapsed_panels(doc.select("[aria-labelledby]").nodes());
        doc.select("figcaption, nav, footer").remove();
        remove_small_forms(doc.select("form").nodes());
        collapse_wrappers(doc.select("div, section").nodes());
        return;
    }
    open_collapsed_panels(&panels);
    // Image captions and credits ("Photo: Getty Images") are not article text, but readability
    // keeps them when the figure sits among paragraphs (F1 +0.002 on extraction-dev).
    // Navigation and footers are never article text either, and menus are large: without them
    // readability runs 13% fewer instructions (F1 +0.001).
    for n in &chrome {
        n.remove_from_parent();
    }
    remove_small_forms(&forms);
    collapse_wrappers(&wrappers);
}

/// Opens collapsed accordion panels: the reader opens them with a click, and they hold
/// article text (the steps of a guide, the answers of an FAQ), but readability skips hidden
/// elements. A panel is an element labelled by its toggle (`aria-labelledby`, the ARIA
/// accordion pattern) with no role or the role `region`; dialogs and menus, labelled too,
/// stay hidden.
fn open_collapsed_panels(panels: &[dom_query::NodeRef]) {
    for panel in panels {
        let role = panel.attr("role");
        if !role
            .as_deref()
            .is_none_or(|r| r.eq_ignore_ascii_case("region"))
        {
            continue;
        }
        if panel.has_attr("hidden") {
            panel.remove_attr("hidden");
        }
        if panel
            .attr("style")
            .is_some_and(|s| crate::content::hides(&s))
        {
            panel.remove_attr("style");
        }
    }
}

/// Forms with less text than this are search boxes, sign-ups and contact forms.
const FORM_MAX_CHARS: usize = 1000;

/// Removes forms that are controls, not content: their labels and prompts ("First Name",
/// "Sign up to our newsletter") are never article text, but readability keeps them when
/// they sit in the article's container. A page builder that wraps the whole page in one
/// `<form>` keeps it: that form holds the article and far more text.
fn remove_small_forms(forms: &[dom_query::NodeRef]) {
    for form in forms {
        if form.normalized_char_count() < FORM_MAX_CHARS {
            form.remove_from_parent();
        }
    }
}

/// Merges chains of wrapper `<div>`/`<section>` elements into one element.
///
/// Readability credits a paragraph's score to its parent and grandparent only, and joins the
/// top candidate's siblings. Page builders nest every section in several single-child
/// wrappers, so the sections' scores never meet in a shared container and one section is taken
/// for the whole article. A wrapper whose only child is another block container (besides
/// whitespace and comments) adds nothing to layout; the outer element stays, takes the inner
/// one's children, and the class names of both, which readability weighs.
/// F1 +0.006 on extraction-dev.
fn collapse_wrappers(blocks: &[dom_query::NodeRef]) {
    // Reverse document order: inner chains are merged before their ancestors look at them.
    for outer in blocks.iter().rev() {
        let Some(inner) = only_child_element(outer) else {
            continue;
        };
        if !(inner.has_name("div") || inner.has_name("section")) {
            continue;
        }
        if let Some(inner_class) = inner.attr("class") {
            let class = match outer.attr("class") {
                Some(c) => format!("{c} {inner_class}"),
                None => inner_class.to_string(),
            };
            outer.set_attr("class", &class);
        }
        match inner.first_child() {
            // Unwrapping the first child removes its parent, `inner`, and lifts all of its
            // children into `outer`.
            Some(first) => first.unwrap_node(),
            None => inner.remove_from_parent(),
        }
    }
}

/// The node's single element child, when it has exactly one and no text besides whitespace.
fn only_child_element<'a>(node: &dom_query::NodeRef<'a>) -> Option<dom_query::NodeRef<'a>> {
    let mut only = None;
    for child in node.children_it(false) {
        if child.is_element() {
            if only.is_some() {
                return None;
            }
            only = Some(child);
        } else if child.query_or(false, |n| {
            matches!(&n.data, dom_query::NodeData::Text { contents } if !contents.trim().is_empty())
        }) {
            return None;
        }
    }
    only
}

/// Puts content streamed by React server rendering where the browser shows it.
///
/// Such pages send parts of the article late, in `<div hidden id="S:n">`, and a script moves
/// them into place: in place of `<template id="B:n">`, together with the loading fallback that
/// follows the template up to the `<!--/$-->` comment, or in place of `<template id="P:n">`.
/// Without the script the article looks hidden and readability skips it, and the fallback
/// ("Loading...") would be read as text.
pub(crate) fn reveal_streamed(doc: &dom_query::Document) {
    let streamed = doc.select("div[hidden][id^='S:']");
    if streamed.is_empty() {
        return;
    }
    let slots = doc.select("template[id^='B:'], template[id^='P:']");
    for div in streamed.nodes() {
        div.remove_attr("hidden");
        let Some(id) = div.attr("id") else { continue };
        let n = id.get(2..).unwrap_or("");
        let Some(slot) = slots.nodes().iter().find(|t| {
            t.attr("id")
                .and_then(|s| s.get(2..).map(|k| k == n))
                .unwrap_or(false)
        }) else {
            continue;
        };
        if slot.attr("id").is_some_and(|s| s.starts_with("B:")) {
            remove_fallback(slot);
        }
        // The streamed content replaces the slot; the hidden wrapper itself goes.
        for child in div.children() {
            slot.insert_before(&child);
        }
        slot.remove_from_parent();
        div.remove_from_parent();
    }
}

/// Whether the element is a `<div hidden id="S:…">` of streamed content, as
/// [`reveal_streamed`] selects them.
fn is_streamed(node: &dom_query::NodeRef) -> bool {
    node.has_name("div")
        && node.has_attr("hidden")
        && node.attr("id").is_some_and(|id| id.starts_with("S:"))
}

/// Removes the siblings after a suspense boundary's template up to its `<!--/$-->` end
/// marker; nothing when there is no marker.
fn remove_fallback(template: &dom_query::NodeRef) {
    let mut fallback = Vec::new();
    let mut next = template.next_sibling();
    while let Some(node) = next {
        let is_end = node.query_or(false, |n| {
            matches!(&n.data, dom_query::NodeData::Comment { contents } if contents.trim() == "/$")
        });
        if is_end {
            for node in fallback {
                dom_query::NodeRef::remove_from_parent(&node);
            }
            return;
        }
        next = node.next_sibling();
        fallback.push(node);
    }
}

/// Removes the text's first block when it is the page's title: the headline stands above the
/// article, and annotators leave it out of the content (on 62 of the 75 extraction-dev pages
/// whose extracted text started with it; F1 +0.0002). Readability drops it by itself.
fn drop_leading_title(text: &mut String, title: &str) {
    let first_end = text.find('\n').unwrap_or(text.len());
    let same = {
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let first = words(&text[..first_end]);
        !first.is_empty() && first == words(title)
    };
    if same {
        let rest = text[first_end..].trim_start_matches('\n');
        *text = rest.to_string();
    }
}

/// Our metadata first, what the extractor found second.
fn with_meta(c: Cleaned, m: meta::Meta) -> Cleaned {
    Cleaned {
        title: m.title.or(c.title),
        author: m.author.or(c.author),
        site: m.site.or(c.site),
        date: m.date.or(c.date),
        url: m.url.or(c.url),
        ..c
    }
}

/// The text of the page body without scripts and styles, laid out by block.
fn body_text(html: &str) -> Cleaned {
    let doc = dom_query::Document::from(html);
    doc.select("script, style, noscript, template, svg, head")
        .remove();
    let text = normalize_text(&doc.formatted_text());
    Cleaned {
        title: guess_title(&text),
        language: detect_language(&text),
        text,
        ..Cleaned::default()
    }
}

fn non_empty(s: impl Into<String>) -> Option<String> {
    let s = s.into();
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Ministers sign grain deal | The Example Times</title>
<meta property="og:site_name" content="The Example Times">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<meta name="author" content="Jane Doe">
<script>var tracking = "Advertisement";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers sign grain deal</h1>
<p>The agriculture ministers of the two countries signed a five-year grain supply agreement in the capital on Tuesday, officials said, ending months of talks over prices and quotas.</p>
<p>Under the deal, exports will rise by a quarter next year. “This is a good day for farmers on both sides of the border,” one minister told reporters after the ceremony.</p>
<p>The agreement still needs approval by both parliaments, which are expected to vote on it before the summer recess begins in July.</p>
</article>
<footer>Copyright 2024 The Example Times</footer>
</body></html>"#;

    #[test]
    fn extracts_article_and_metadata() {
        let c = clean_html(PAGE, Some("https://example.com/world/grain"));
        assert!(
            c.text.contains("signed a five-year grain supply agreement"),
            "{}",
            c.text
        );
        assert!(
            c.text.contains("“This is a good day for farmers"),
            "{}",
            c.text
        );
        assert!(!c.text.contains("tracking"));
        assert!(!c.text.contains("Home"));
        // Paragraphs stay apart: the splitter relies on it.
        assert!(c.text.contains("after the ceremony.\n"), "{:?}", c.text);
        assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(c.author.as_deref(), Some("Jane Doe"));
        assert_eq!(c.site.as_deref(), Some("The Example Times"));
        assert!(c
            .title
            .as_deref()
            .unwrap_or("")
            .contains("Ministers sign grain deal"));
        assert_eq!(c.language.as_deref(), Some("en"));
    }

    #[test]
    fn a_leading_title_line_is_dropped() {
        let mut text = "Ministers sign grain deal\n\nThe ministers signed.".to_string();
        drop_leading_title(&mut text, "Ministers Sign Grain Deal!");
        assert_eq!(text, "The ministers signed.");
        // Only the same words, and only at the start.
        let mut text = "Grain deal signed\n\nMinisters sign grain deal".to_string();
        drop_leading_title(&mut text, "Ministers sign grain deal");
        assert_eq!(text, "Grain deal signed\n\nMinisters sign grain deal");
        let mut text = "Ministers sign grain deal".to_string();
        drop_leading_title(&mut text, "Ministers sign grain deal");
        assert_eq!(text, "");
    }

    #[test]
    fn tiny_pages_fall_back_to_body_text() {
        let c = clean_html(
            "<html><body><p>Short note.</p><script>x()</script></body></html>",
            Some("not a url"),
        );
        assert_eq!(c.text, "Short note.");
    }

    #[test]
    fn react_streamed_article_is_revealed_in_place() {
        let para = "The ministers signed a five-year grain supply agreement on Tuesday, ending \
                    months of talks over prices, quotas and the rules for shipping the grain. ";
        let html = format!(
            "<html><body><header>Menu</header><main><template id=\"B:0\"></template>\
             <p>Loading paragraph...</p></main><footer>Copyright</footer>\
             <div hidden id=\"S:0\"><article><p>{}</p><p>{}</p><p>{}</p></article></div>\
             <script>$RC(\"B:0\",\"S:0\")</script></body></html>",
            para.repeat(2),
            para.repeat(2),
            para.repeat(2)
        );
        let c = clean_html(&html, None);
        assert!(c.text.contains("five-year grain supply"), "{}", c.text);
        assert!(!c.text.contains("Loading paragraph"), "{}", c.text);
        let doc = dom_query::Document::from(html.as_str());
        reveal_streamed(&doc);
        assert!(doc.select("main article").exists());
        assert!(!doc.select("[hidden]").exists());
    }

    #[test]
    fn streamed_segments_fill_their_slots_and_fallbacks_go() {
        let html = "<html><body><main><!--$?--><template id=\"B:0\"></template>\
            <div>Loading...</div><!--/$--><p>Middle</p></main>\
            <div hidden id=\"S:0\"><section><p>First</p><template id=\"P:1\"></template></section></div>\
            <div hidden id=\"S:1\"><p>Nested</p></div></body></html>";
        let doc = dom_query::Document::from(html);
        reveal_streamed(&doc);
        let main = doc.select("main");
        assert_eq!(main.text().to_string(), "FirstNestedMiddle");
        assert!(!doc.select("template, [hidden]").exists());
    }

    #[test]
    fn fallback_without_end_marker_is_kept() {
        let html = "<html><body><main><template id=\"B:0\"></template><p>Kept</p></main>\
            <div hidden id=\"S:0\"><p>Streamed</p></div></body></html>";
        let doc = dom_query::Document::from(html);
        reveal_streamed(&doc);
        assert_eq!(doc.select("main").text().to_string(), "StreamedKept");
    }

    #[test]
    fn wrapper_chains_collapse_into_the_outer_element() {
        let html = "<html><body><div class=\"a\" id=\"x\">\n  <div class=\"b\"><!-- c -->\
            <section class=\"c\"><p>One</p><p>Two</p></section></div></div>\
            <div class=\"d\"><div>text</div> and more</div></body></html>";
        let doc = dom_query::Document::from(html);
        collapse_wrappers(doc.select("div, section").nodes());
        let outer = doc.select("#x");
        assert_eq!(outer.attr("class").as_deref(), Some("a b c"));
        assert_eq!(doc.select("#x > p").length(), 2);
        assert!(!doc.select("section").exists());
        // An element with text of its own beside its child is not a wrapper.
        assert_eq!(doc.select("div.d > div").length(), 1);
    }

    #[test]
    fn sections_in_deep_wrappers_are_all_kept() {
        let section = |n: usize| {
            format!(
                "<div class=\"col\"><div><div class=\"row\"><div class=\"col\">\
                 <h2>Part {n}</h2><div class=\"row\"><div class=\"col\">\
                 <p>Section {n} reports that the ministers of the two countries met again on \
                 Tuesday, and that talks about prices, quotas, shipping and inspections went on \
                 late into the evening, officials said.</p>\
                 <p>Further details of part {n}, with quotes from delegates, analysts and \
                 farmers, followed in a statement released on Wednesday morning.</p>\
                 </div></div></div></div></div></div>"
            )
        };
        let body: String = (1..=4).map(section).collect();
        let html = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><main><div class=\"row\">{body}\
             </div></main><footer>Copyright</footer></body></html>"
        );
        let c = clean_html(&html, None);
        for n in 1..=4 {
            assert!(
                c.text.contains(&format!("Section {n} reports")),
                "{}",
                c.text
            );
        }
    }

    /// A page whose article has three sections, with a sidebar of short links beside it.
    fn sectioned_page() -> String {
        let section = |n: usize| {
            format!(
                "<section><h2>Part {n}</h2><p>Section {n} says the agriculture ministers of the \
                 two countries met again on Tuesday to settle prices and quotas for grain.</p>\
                 <p>Officials said talks on part {n} went on late into the evening, and a \
                 statement followed on Wednesday morning with the details.</p></section>"
            )
        };
        let body: String = (1..=3).map(section).collect();
        format!(
            "<html><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
             <main><article id=\"story\">{body}</article><aside><p>Newsletter</p></aside>\
             </main><footer><p>Copyright 2024 The Example Times, all rights reserved \
             worldwide.</p></footer></body></html>"
        )
    }

    #[test]
    fn text_chars_counts_the_text_without_building_it() {
        let doc = dom_query::Document::from(
            "<p id=\"x\">Grain <b>déal</b> &amp; <i>quotas <span>– “now”</span></i>\n</p>",
        );
        let p = doc.select("#x").nodes()[0];
        assert_eq!(text_chars(&p), p.text().chars().count());
        assert_eq!(text_chars(&p), 28);
    }

    #[test]
    fn prose_region_is_the_element_holding_most_paragraph_text() {
        let doc = dom_query::Document::from(sectioned_page().as_str());
        let (region, chars) = prose_region(&doc).expect("region");
        assert_eq!(region.attr("id").as_deref(), Some("story"));
        assert!(chars > 400, "{chars}");
        // Paragraphs spread evenly over the body: no region.
        let flat = "<html><body><p>x</p></body></html>".replace(
            "<p>x</p>",
            &"<p>The ministers met again on Tuesday to settle prices and quotas for the grain.</p>"
                .repeat(10),
        );
        assert!(prose_region(&dom_query::Document::from(flat.as_str())).is_none());
    }

    #[test]
    fn a_fragment_of_the_prose_region_is_widened_to_all_of_it() {
        let html = sectioned_page();
        let fragment = "Part 2\n\nSection 2 says the agriculture ministers of the two countries \
                        met again on Tuesday to settle prices and quotas for grain.";
        let wider = widen(&html, fragment).expect("widened");
        for n in 1..=3 {
            assert!(wider.contains(&format!("Section {n} says")), "{wider}");
        }
        assert!(!wider.contains("Copyright"), "{wider}");
        // Text from outside the region is not replaced by the region, unless it is so short
        // beside it that it is a lede or an author box.
        let elsewhere = "Copyright 2024 The Example Times, all rights reserved worldwide. ";
        assert_eq!(widen(&html, &elsewhere.repeat(3)), None);
        assert!(widen(&html, elsewhere).is_some());
        // A comment thread is never taken for the article.
        let thread = html.replace("id=\"story\"", "id=\"story\" class=\"comments\"");
        assert_eq!(widen(&thread, elsewhere), None);
    }

    /// An article paragraph for pages built in tests.
    const GRAIN_PARA: &str = "The agriculture ministers of the two countries signed a five-year \
        grain supply agreement in the capital on Tuesday, officials said, ending months of talks \
        over prices and quotas. ";

    #[test]
    fn captions_and_trailing_teasers_are_dropped() {
        let para = GRAIN_PARA;
        let html = format!(
            "<html><body><article><h1>Grain deal</h1><p>{para}</p>\
             <figure><img src=\"a.jpg\"><figcaption>Photo: Reuters / Jane Roe</figcaption></figure>\
             <p>{para}</p><p>{para}</p><p>{para}</p>\
             <h3>Related articles</h3><p>Farmers protest in the capital over fuel prices, police say</p>\
             </article></body></html>"
        );
        let c = clean_html(&html, None);
        assert!(c.text.contains("five-year grain supply"), "{}", c.text);
        assert!(!c.text.contains("Photo: Reuters"), "{}", c.text);
        assert!(!c.text.contains("Related articles"), "{}", c.text);
        assert!(!c.text.contains("Farmers protest"), "{}", c.text);
    }

    #[test]
    fn small_forms_go_and_page_wrapping_forms_stay() {
        let para = GRAIN_PARA;
        let html = format!(
            "<html><body><article><p>{para}</p><p>{para}</p><p>{para}</p>\
             <p>{para}</p><form><label>First Name</label><input name=f>\
             <p>Sign up to receive our newsletter</p></form></article></body></html>"
        );
        let c = clean_html(&html, None);
        assert!(c.text.contains("five-year grain supply"), "{}", c.text);
        assert!(!c.text.contains("First Name"), "{}", c.text);
        assert!(!c.text.contains("newsletter"), "{}", c.text);
        // A page builder's form around the whole page holds the article: it stays.
        let wrapped = format!(
            "<html><body><form id=\"page\"><article><p>{para}</p><p>{para}</p>\
             <p>{para}</p><p>{para}</p><p>{para}</p><p>{para}</p><p>{para}</p>\
             </article></form></body></html>"
        );
        let doc = dom_query::Document::from(wrapped.as_str());
        remove_small_forms(doc.select("form").nodes());
        assert!(doc.select("form#page article").exists());
    }

    #[test]
    fn collapsed_panels_open_but_dialogs_stay_hidden() {
        let html = "<html><body><a aria-controls=\"p1\" id=\"h1\">Step 1</a>\
            <div id=\"p1\" role=\"region\" aria-labelledby=\"h1\" style=\"display: none\">\
            <p>Read your bill.</p></div>\
            <div id=\"p2\" aria-labelledby=\"h2\" hidden><p>Ask for quotes.</p></div>\
            <div role=\"dialog\" aria-labelledby=\"t\" style=\"display:none\">\
            <p>Subscribe now</p></div></body></html>";
        let doc = dom_query::Document::from(html);
        open_collapsed_panels(doc.select("[aria-labelledby]").nodes());
        assert!(!doc.select("#p1").has_attr("style"));
        assert!(!doc.select("#p2").has_attr("hidden"));
        assert!(doc.select("[role=dialog]").has_attr("style"));
    }

    #[test]
    fn soup_does_not_panic() {
        for soup in [
            "",
            "<",
            "<<<>>>",
            "<html><body><p><b><i>unclosed",
            "\u{0}<p>\u{fffd}</p>",
        ] {
            let _ = clean_html(soup, None);
        }
    }
}

#[cfg(test)]
mod timing {
    /// Where cleaning time goes, phase by phase:
    /// `cargo test -p dyad-clean --release -- --ignored phase_timing --nocapture`.
    #[test]
    #[ignore = "tuning aid; needs ../shared/data"]
    fn phase_timing() {
        use std::time::Instant;
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/extraction-dev"
        );
        let Ok(pages) = crate::eval::load_pages(std::path::Path::new(dir)) else {
            return;
        };
        let mut t = [0f64; 6];
        for p in &pages {
            let s = Instant::now();
            let doc = dom_query::Document::from(p.html.as_str());
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let _m = super::meta::sources(&doc, p.url.as_deref()).choose();
            t[1] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let cfg = super::Config {
                text_mode: super::TextMode::Formatted,
                ..super::Config::default()
            };
            let mut r = match super::Readability::with_document(doc, None, Some(cfg)) {
                Ok(r) => r,
                Err(_) => continue,
            };
            let a = r.parse();
            t[2] += s.elapsed().as_secs_f64();
            let text = a.map(|a| a.text_content.to_string()).unwrap_or_default();
            let s = Instant::now();
            let text = crate::normalize_text(&text);
            t[3] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let _ = crate::detect_language(&text);
            t[4] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            drop(r);
            t[5] += s.elapsed().as_secs_f64();
        }
        println!(
            "parse {:.2}s meta {:.2}s readability {:.2}s normalize {:.2}s lang {:.2}s drop {:.2}s",
            t[0], t[1], t[2], t[3], t[4], t[5]
        );
    }
}
