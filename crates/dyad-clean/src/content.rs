//! Our own content scorer: finds the article in a parsed page and lays out its text without
//! the chrome inside it. It replaces readability on pages with enough prose (see the crate
//! docs for the measurements).
//!
//! One walk over the page's body (hidden elements and dialogs left out) collects, per element,
//! how much text it holds, how much of that is link text, and how much is prose: paragraphs
//! (blocks with 40+ characters of running text, at most half of it links, not inside a link).
//! Each paragraph counts for less the more of its container's text is links, so the excerpts
//! of a teaser list beside their headline links weigh little; paragraphs in a block named as
//! comments, or in a teaser (a block with a linked headline and one or two paragraphs), weigh
//! less still.
//!
//! The article is found from the body down: into the child holding at least 70% of the page's
//! weighted prose, while there is one. Paragraphs just before that element in its parent,
//! when that stretch is mostly prose, are the article's lede and are taken too. Inside, blocks
//! that are mostly links and hold no prose (menus, teaser lists, tag clouds; but not a list of
//! links between the article's paragraphs) or are named as chrome or comments while holding
//! under 35% of the prose (share bars, newsletter boxes, related stories) are left out.

use aho_corasick::AhoCorasick;
use dom_query::{NodeData, NodeRef};
use std::sync::OnceLock;

/// Class and id words that mark comments, chrome, the article or a byline.
const HINTS: &str = include_str!("../data/class-hints.tsv");

/// Weight of the paragraphs of a comment thread: a long thread under a short story holds
/// most of a page's paragraphs.
const COMMENT_WEIGHT: f32 = 0.1;
/// Weight of the paragraphs of a teaser: a block with a linked headline and at most
/// [`TEASER_MAX_PARAS`] paragraphs (its excerpt).
const TEASER_WEIGHT: f32 = 0.3;
/// Paragraphs a teaser's excerpt has at most.
const TEASER_MAX_PARAS: u32 = 2;
/// Running text shorter than this (in characters) is not a paragraph: bylines, labels.
const PROSE_MIN_CHARS: u32 = 40;
/// A paragraph with more than this share of link text is a teaser or a menu, not prose.
const PROSE_MAX_LINK_SHARE: f32 = 0.5;
/// Share of the page's weighted prose that makes an element the article's (0.5: F1 −0.008,
/// too deep; 0.65: −0.0003; 0.75: −0.002).
const PROSE_SHARE: f32 = 0.7;
/// What stands before the article's element in its parent is its lede when paragraphs make up
/// at least this share of its characters (F1 +0.0014; 0.5: +0.0012, 0.9: +0.0008).
const LEDE_SHARE: f32 = 0.7;
/// Less weighted prose than this (characters) and the page has no article to find.
const MIN_PROSE: f32 = 500.0;
/// A block inside the article with more than this share of link text and no prose is
/// navigation, a teaser list or a tag cloud. Annotators keep many link lists inside articles
/// (sources, names, products): 0.75 against 0.5 is F1 +0.0008.
const LINKY_SHARE: f32 = 0.75;
/// A block named as chrome inside the article is left out when it holds less than this share
/// of the article's prose (0.35 against 0.2: F1 +0.0004; all such blocks: −0.002).
const CHROME_MAX_SHARE: f32 = 0.35;
/// A byline has fewer characters than this (besides spaces).
const BYLINE_MAX_CHARS: u32 = 100;

/// What the scorer found on a page.
pub(crate) struct Found {
    /// The article's text in the crate's layout (see [`crate::normalize_text`]), chrome inside
    /// it left out.
    pub text: String,
    /// The text of the first short element named or marked as a byline (`class="byline"`,
    /// `rel="author"`, `itemprop="author"`), anywhere on the page.
    pub byline: Option<String>,
}

/// What a class or id says of its element.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Hint {
    None,
    Article,
    Chrome,
    Comments,
}

/// Tags whose content is never shown.
fn is_invisible_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head" | "script" | "style" | "noscript" | "template" | "svg" | "iframe" | "object"
    )
}

/// Tags that start a new line of text.
fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "blockquote"
            | "pre"
            | "figure"
            | "form"
            | "hr"
            | "br"
            | "address"
            | "details"
            | "summary"
            | "fieldset"
            | "center"
    )
}

/// The class-hint words and what they mark: `c`omments, `-` chrome, `+` article, `b`yline.
fn hint_words() -> &'static (Option<AhoCorasick>, Vec<u8>) {
    static H: OnceLock<(Option<AhoCorasick>, Vec<u8>)> = OnceLock::new();
    H.get_or_init(|| {
        let (words, kinds): (Vec<&str>, Vec<u8>) = HINTS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (kind, word) = l.split_once('\t')?;
                Some((word.trim(), *kind.trim().as_bytes().first()?))
            })
            .unzip();
        // The list is a fixed, small set of words; building fails only on sizes far beyond it.
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(words)
            .ok();
        (ac, kinds)
    })
}

/// What the class and id words say of an element, and whether they name a byline.
fn class_hint(class_id: &str) -> (Hint, bool) {
    let (Some(ac), kinds) = hint_words() else {
        return (Hint::None, false);
    };
    let (mut comments, mut chrome, mut article, mut byline) = (false, false, false, false);
    for m in ac.find_overlapping_iter(class_id) {
        match kinds.get(m.pattern().as_usize()) {
            Some(b'c') => comments = true,
            Some(b'-') => chrome = true,
            Some(b'+') => article = true,
            Some(b'b') => byline = true,
            _ => {}
        }
    }
    let hint = match (comments || chrome, article) {
        (true, true) => Hint::None,
        (true, false) if comments => Hint::Comments,
        (true, false) => Hint::Chrome,
        (false, true) => Hint::Article,
        (false, false) => Hint::None,
    };
    (hint, byline)
}

/// One node of the walk, in document order.
struct Item<'a> {
    node: NodeRef<'a>,
    /// Index of the parent item; `usize::MAX` for the root.
    parent: usize,
    /// Items in this one's subtree, itself included.
    size: usize,
    tag: Tag,
    hint: Hint,
    /// The element is named or marked as a byline.
    byline: bool,
    /// The element is a list (`ul`, `ol`, `dl`).
    list: bool,
    /// The node is inside a link: a card whose whole face is a link, not running text.
    in_link: bool,
    /// Text characters under the node, spaces not counted.
    chars: u32,
    /// Text characters inside links under the node.
    link_chars: u32,
    /// Text characters not inside a block descendant: the node's own running text.
    inline_chars: u32,
    /// Link text among `inline_chars`.
    inline_link: u32,
    /// Characters of the node's own running text when it makes a paragraph, else 0.
    para: u32,
    /// Characters of the paragraphs that are children of this node.
    child_para: u32,
    /// Paragraphs under the node.
    paras: u32,
    /// Characters of the paragraphs in the node's subtree, its own included.
    para_sum: u32,
    /// Prose under the node, each paragraph weighted by how free of links its container is.
    prose: f32,
    /// A heading is under the node.
    has_heading: bool,
    /// The node holds a linked headline: a teaser, when it has few paragraphs.
    teaser: bool,
}

/// What the walk needs to know of a node's name.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Text,
    Link,
    /// A block apart from its neighbours by a blank line.
    Block,
    /// A list item or table row: a line of its own, no blank line around it.
    Line,
    Heading,
    Pre,
    BreakLine,
    Cell,
    Inline,
}

impl Tag {
    /// Whether the node's text is apart from the running text around it.
    fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Block | Tag::Line | Tag::Heading | Tag::Pre | Tag::Cell | Tag::BreakLine
        )
    }

    /// The kind of an element, by its local name.
    fn of(name: &str) -> Tag {
        match name {
            "a" => Tag::Link,
            "pre" => Tag::Pre,
            "br" | "hr" => Tag::BreakLine,
            "td" | "th" => Tag::Cell,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Tag::Heading,
            "li" | "dt" | "dd" | "tr" => Tag::Line,
            t if is_block_tag(t) => Tag::Block,
            _ => Tag::Inline,
        }
    }
}

/// Finds the article in a page (after [`crate::html`]'s preparation) and lays out its text.
/// None when the page has too little prose or it is spread over the whole body.
pub(crate) fn find(doc: &dom_query::Document) -> Option<Found> {
    let body = doc.root().descendants_it().find(|n| n.has_name("body"))?;
    let mut items = walk(body);
    tally(&mut items);
    let page_prose = items.first().map_or(0.0, |i| i.prose);
    if page_prose < MIN_PROSE {
        return None;
    }
    let need = PROSE_SHARE * page_prose;
    // Down from the body, into the child that holds enough prose while there is one (at
    // most one child can hold more than half).
    let mut at = 0;
    'down: loop {
        let end = at + items[at].size;
        let mut child = at + 1;
        while child < end {
            if items[child].tag != Tag::Text && items[child].prose >= need {
                at = child;
                continue 'down;
            }
            child += items[child].size;
        }
        break;
    }
    if at == 0 {
        return None;
    }
    // The text runs from `start` to the end of the chosen element.
    let end = at + items[at].size;
    let mut start = at;
    while let Some(parent) = Some(items[at].parent).filter(|&p| p != 0 && p < items.len()) {
        let before = parent + 1..at;
        let chars = sibling_sum(&items, before.clone(), |i| i.chars);
        let para = sibling_sum(&items, before, |i| i.para_sum);
        if para < PROSE_MIN_CHARS || (para as f32) < LEDE_SHARE * chars as f32 {
            break;
        }
        start = parent + 1;
        at = parent;
    }
    let text = lay_out(&items, start, end, items[at].prose);
    let byline = items
        .iter()
        .find(|i| i.byline && i.chars > 0 && i.chars < BYLINE_MAX_CHARS)
        .map(|i| {
            i.node
                .text()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        });
    Some(Found { text, byline })
}

/// The nodes under `root`, in document order, invisible subtrees left out.
fn walk(root: NodeRef<'_>) -> Vec<Item<'_>> {
    let mut items: Vec<Item> = Vec::new();
    let mut stack = vec![(root, usize::MAX)];
    let mut class_id = String::new();
    while let Some((node, parent)) = stack.pop() {
        let item = node.query_or(None, |n| match &n.data {
            NodeData::Text { contents } => {
                let chars = contents.chars().filter(|c| !c.is_whitespace()).count();
                Some((Tag::Text, Hint::None, false, false, chars as u32))
            }
            NodeData::Element(e) => {
                let name: &str = &e.name.local;
                if is_invisible_tag(name) {
                    return None;
                }
                class_id.clear();
                let mut hidden = false;
                let mut byline = false;
                for a in &e.attrs {
                    match &*a.name.local {
                        "class" | "id" => {
                            class_id.push_str(&a.value);
                            class_id.push(' ');
                        }
                        "hidden" => hidden = true,
                        "style" => hidden |= hides(&a.value),
                        "rel" | "itemprop" => byline |= a.value.contains("author"),
                        // Dialogs (cookie consent, sign-up overlays) are shown over the page,
                        // never as part of the article.
                        "role" => {
                            hidden |= a.value.eq_ignore_ascii_case("dialog")
                                || a.value.eq_ignore_ascii_case("alertdialog")
                        }
                        "aria-modal" => hidden = true,
                        _ => {}
                    }
                }
                if hidden {
                    return None;
                }
                let (hint, named_byline) = if class_id.is_empty() {
                    (Hint::None, false)
                } else {
                    class_hint(&class_id)
                };
                let list = matches!(name, "ul" | "ol" | "dl");
                Some((Tag::of(name), hint, byline || named_byline, list, 0))
            }
            _ => None,
        });
        let Some((tag, hint, byline, list, chars)) = item else {
            continue;
        };
        let at = items.len();
        let in_link = items
            .get(parent)
            .is_some_and(|p| p.in_link || p.tag == Tag::Link);
        items.push(Item {
            node,
            parent,
            in_link,
            size: 1,
            tag,
            hint,
            byline,
            list,
            chars,
            link_chars: 0,
            inline_chars: 0,
            inline_link: 0,
            para: 0,
            child_para: 0,
            paras: 0,
            para_sum: 0,
            prose: 0.0,
            has_heading: false,
            teaser: false,
        });
        if tag != Tag::Text {
            // Reversed, so the first child is popped first.
            for child in node.children_it(true) {
                stack.push((child, at));
            }
        }
    }
    items
}

/// Whether an inline style hides its element (`display: none`, `visibility: hidden`).
pub(crate) fn hides(style: &str) -> bool {
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    s.contains("display:none") || s.contains("visibility:hidden")
}

/// Sums text, link text and prose from the leaves up (reverse document order visits every
/// node after all of its descendants).
fn tally(items: &mut [Item]) {
    let n = items.len();
    for i in (0..n).rev() {
        let it = &mut items[i];
        if it.tag == Tag::Text {
            it.inline_chars = it.chars;
        }
        if it.tag == Tag::Link {
            it.link_chars = it.chars;
            it.inline_link = it.inline_chars;
        }
        // This node's paragraphs count for less the more of its text is links: the excerpts
        // of a teaser list sit beside their headline links.
        let keep = 1.0 - share(it.link_chars, it.chars);
        it.prose += it.child_para as f32 * keep * keep;
        if it.hint == Hint::Comments {
            it.prose *= COMMENT_WEIGHT;
        }
        if it.teaser && it.paras <= TEASER_MAX_PARAS {
            it.prose *= TEASER_WEIGHT;
        }
        // A headline that is a link (`<h3><a>…</a></h3>`, `<a><h3>…</h3></a>`) heads a teaser.
        let linked_heading = match it.tag {
            Tag::Heading => it.chars > 0 && it.link_chars * 2 >= it.chars,
            Tag::Link => it.has_heading,
            _ => false,
        };
        it.has_heading |= it.tag == Tag::Heading;
        let is_paragraph = matches!(it.tag, Tag::Block | Tag::Line | Tag::Cell | Tag::Pre)
            && !it.in_link
            && it.inline_chars >= PROSE_MIN_CHARS
            && share(it.inline_link, it.inline_chars) <= PROSE_MAX_LINK_SHARE;
        if is_paragraph {
            it.para = it.inline_chars;
            it.para_sum += it.para;
        }
        let parent = it.parent;
        if parent >= n {
            continue;
        }
        let (chars, link, inline, inline_link, prose, size, block) = (
            it.chars,
            it.link_chars,
            it.inline_chars,
            it.inline_link,
            it.prose,
            it.size,
            it.tag.is_block(),
        );
        let (para, para_sum, paras, has_heading) = (it.para, it.para_sum, it.paras, it.has_heading);
        let p = &mut items[parent];
        p.chars += chars;
        p.link_chars += link;
        p.prose += prose;
        p.size += size;
        p.child_para += para;
        p.para_sum += para_sum;
        p.paras += paras + u32::from(para > 0);
        p.has_heading |= has_heading;
        p.teaser |= linked_heading;
        if !block {
            p.inline_chars += inline;
            p.inline_link += inline_link;
        }
    }
}

/// `part / whole`, 0 for nothing.
fn share(part: u32, whole: u32) -> f32 {
    if whole == 0 {
        0.0
    } else {
        part as f32 / whole as f32
    }
}

/// Whether a block inside the article is chrome: mostly links and no prose (unless it is a
/// list between the article's paragraphs, `amid_prose`), or named as chrome or comments with
/// little of the article's prose.
fn is_chrome(item: &Item, article_prose: f32, amid_prose: bool) -> bool {
    if item.chars == 0 || !matches!(item.tag, Tag::Block | Tag::Line | Tag::Cell) {
        return false;
    }
    if share(item.link_chars, item.chars) > LINKY_SHARE && item.prose < PROSE_MIN_CHARS as f32 {
        // A list of links between the article's paragraphs is part of it (sources, names,
        // resources); before or after them it is navigation or teasers.
        return !((item.list || item.tag == Tag::Line) && amid_prose);
    }
    matches!(item.hint, Hint::Chrome | Hint::Comments)
        && item.prose < CHROME_MAX_SHARE * article_prose
}

/// The text of items `at..end`, chrome blocks left out, in the crate's layout: blocks apart
/// by a blank line, list items and table rows on lines of their own.
fn lay_out(items: &[Item], at: usize, end: usize, article_prose: f32) -> String {
    let total_para = sibling_sum(items, at..end, |i| i.para_sum);
    let mut seen_para = 0u32;
    let mut out = String::new();
    // Where open blocks end, and whether a blank line follows them.
    let mut open: Vec<(usize, bool)> = Vec::new();
    let mut i = at;
    while i < end {
        while let Some(&(close_at, blank)) = open.last() {
            if i < close_at {
                break;
            }
            open.pop();
            new_line(&mut out, blank);
        }
        let it = &items[i];
        if it.tag != Tag::Text {
            let inner = items[i].para_sum;
            let amid_prose = seen_para > 0 && seen_para + inner < total_para;
            if is_chrome(it, article_prose, amid_prose) {
                seen_para += inner;
                i += it.size;
                continue;
            }
        }
        seen_para += it.para;
        match it.tag {
            Tag::Text => {
                it.node.query(|n| {
                    if let NodeData::Text { contents } = &n.data {
                        push_text(&mut out, contents);
                    }
                });
            }
            Tag::BreakLine => new_line(&mut out, false),
            Tag::Pre => {
                new_line(&mut out, true);
                // Code keeps its lines.
                for line in it.node.text().lines() {
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
                new_line(&mut out, true);
                seen_para += items[i].para_sum - it.para;
                i += it.size;
                continue;
            }
            Tag::Cell => {
                if !out.is_empty() && !out.ends_with(['\n', ' ']) {
                    out.push(' ');
                }
            }
            Tag::Line => {
                new_line(&mut out, false);
                open.push((i + it.size, false));
            }
            Tag::Block | Tag::Heading => {
                new_line(&mut out, true);
                open.push((i + it.size, true));
            }
            Tag::Link | Tag::Inline => {}
        }
        i += 1;
    }
    out
}

/// Sum of a field over the sibling subtrees that make up `range` of the walk.
fn sibling_sum(items: &[Item], range: std::ops::Range<usize>, f: impl Fn(&Item) -> u32) -> u32 {
    let mut sum = 0;
    let mut i = range.start;
    while i < range.end {
        sum += f(&items[i]);
        i += items[i].size.max(1);
    }
    sum
}

/// Ends the current line, if any; with `blank`, leaves a blank line after it.
fn new_line(out: &mut String, blank: bool) {
    while out.ends_with(' ') {
        out.pop();
    }
    if out.is_empty() {
        return;
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    if blank && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

/// Appends text with whitespace runs folded to one space.
fn push_text(out: &mut String, text: &str) {
    let starts_space = text.starts_with(char::is_whitespace);
    let ends_space = text.ends_with(char::is_whitespace);
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        if !text.is_empty() && !out.is_empty() && !out.ends_with(['\n', ' ']) {
            out.push(' ');
        }
        return;
    };
    if starts_space && !out.is_empty() && !out.ends_with(['\n', ' ']) {
        out.push(' ');
    }
    out.push_str(first);
    for w in words {
        out.push(' ');
        out.push_str(w);
    }
    if ends_space {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article paragraph for invented test pages.
    fn para(n: usize) -> String {
        format!(
            "<p>Paragraph {n} of the story: the harbour council voted on Monday to rebuild the \
             old pier, which storms damaged twice last winter, and to open it to ferries, \
             fishing boats and walkers again by next autumn.</p>"
        )
    }

    fn text_of(html: &str) -> Option<String> {
        let doc = dom_query::Document::from(html);
        find(&doc).map(|f| f.text)
    }

    #[test]
    fn keeps_the_article_and_drops_sidebar_teasers_and_comments() {
        let story: String = (1..=5).map(para).collect();
        let teasers: String = (1..=4)
            .map(|n| {
                format!(
                    "<div class=\"card\"><h3><a href=\"/t{n}\">Teaser headline {n}</a></h3>\
                     <p>Teaser {n} excerpt about a different town and its plans for a new \
                     library, told in one long sentence.</p><a href=\"/t{n}\">Read more</a></div>"
                )
            })
            .collect();
        let comments: String = (1..=8)
            .map(|n| {
                format!(
                    "<div class=\"reply\"><p>Reader comment {n}: I walked on that pier every \
                     Sunday as a child and I am glad the council finally made up its mind.</p></div>"
                )
            })
            .collect();
        let html = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav>\
             <div class=\"layout\"><main><article><h1>Pier to be rebuilt</h1>{story}\
             <ul class=\"share-tools\"><li><a href=\"/s\">Share on a network</a></li></ul>\
             </article><section id=\"comments\">{comments}</section></main>\
             <aside class=\"sidebar\">{teasers}</aside></div></body></html>"
        );
        let text = text_of(&html).expect("article found");
        for n in 1..=5 {
            assert!(
                text.contains(&format!("Paragraph {n} of the story")),
                "{text}"
            );
        }
        assert!(!text.contains("Teaser"), "{text}");
        assert!(!text.contains("Reader comment"), "{text}");
        assert!(!text.contains("Share on"), "{text}");
        assert!(!text.contains("Home"), "{text}");
        // Blocks apart by a blank line, as the crate's layout has them.
        assert!(text.contains("next autumn.\n\nParagraph 2"), "{text:?}");
    }

    #[test]
    fn cards_whose_whole_face_is_a_link_are_not_prose() {
        let story: String = (1..=8).map(para).collect();
        let cards: String = (1..=3)
            .map(|n| {
                format!(
                    "<div><a href=\"/c{n}\"><div><p>{n}</p><p>Card headline {n} about another \
                     town that plans a new library and a bigger market square</p></div></a></div>"
                )
            })
            .collect();
        let html = format!("<html><body><div>{story}<div>{cards}</div></div></body></html>");
        let text = text_of(&html).expect("article found");
        assert!(text.contains("Paragraph 8 of the story"), "{text}");
        assert!(!text.contains("Card headline"), "{text}");
    }

    #[test]
    fn a_lede_before_the_main_block_is_kept() {
        let body: String = (2..=6).map(para).collect();
        let html = format!(
            "<html><body><div class=\"post\">{}<div class=\"group\">{body}</div></div>\
             <footer><p>Copyright notice of the example site, all rights reserved.</p></footer>\
             </body></html>",
            para(1)
        );
        let text = text_of(&html).expect("article found");
        assert!(text.starts_with("Paragraph 1 of the story"), "{text}");
        assert!(text.contains("Paragraph 6 of the story"), "{text}");
        assert!(!text.contains("Copyright"), "{text}");
    }

    #[test]
    fn a_list_of_links_amid_the_paragraphs_stays_but_link_lists_around_them_go() {
        let html = format!(
            "<html><body><article><ul><li><a href=\"/a\">Section A</a></li>\
             <li><a href=\"/b\">Section B</a></li></ul>{}{}\
             <ul><li><a href=\"/r1\">First resource</a></li><li><a href=\"/r2\">Second \
             resource</a></li></ul>{}{}<ul><li><a href=\"/x\">Next story</a></li></ul>\
             </article></body></html>",
            para(1),
            para(2),
            para(3),
            para(4)
        );
        let text = text_of(&html).expect("article found");
        assert!(text.contains("First resource\nSecond resource"), "{text:?}");
        assert!(!text.contains("Section A"), "{text}");
        assert!(!text.contains("Next story"), "{text}");
    }

    #[test]
    fn dialogs_are_not_read() {
        let story: String = (1..=5).map(para).collect();
        let html = format!(
            "<html><body><article>{story}<div role=\"dialog\"><p>This website uses cookies to \
             improve your experience while you navigate through the website and its pages.</p>\
             </div></article></body></html>"
        );
        let text = text_of(&html).expect("article found");
        assert!(text.contains("Paragraph 5 of the story"), "{text}");
        assert!(!text.contains("cookies"), "{text}");
    }

    #[test]
    fn hidden_blocks_and_pages_without_prose_give_nothing() {
        let hidden = format!(
            "<html><body><div style=\"display: none\">{}{}{}{}</div></body></html>",
            para(1),
            para(2),
            para(3),
            para(4)
        );
        assert!(text_of(&hidden).is_none());
        assert!(text_of("<html><body><p>Too short.</p></body></html>").is_none());
        assert!(text_of("").is_none());
    }

    #[test]
    fn byline_is_the_first_short_element_named_so() {
        let html = format!(
            "<html><body><article><div class=\"post-byline\">By Ann Example</div>{}{}{}{}\
             <div class=\"author-bio\">{}</div></article></body></html>",
            para(1),
            para(2),
            para(3),
            para(4),
            para(5)
        );
        let doc = dom_query::Document::from(html.as_str());
        let found = find(&doc).expect("article found");
        assert_eq!(found.byline.as_deref(), Some("By Ann Example"));
    }

    #[test]
    fn class_hints_need_one_kind_only() {
        assert_eq!(class_hint("Sidebar-widget ").0, Hint::Chrome);
        assert_eq!(class_hint("comments-area ").0, Hint::Comments);
        assert_eq!(class_hint("entry-content ").0, Hint::Article);
        // Words of both kinds: neither.
        assert_eq!(class_hint("post-share ").0, Hint::None);
        assert!(class_hint("c-byline__name ").1);
    }
}
