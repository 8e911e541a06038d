//! Page metadata from the DOM: headline, author, site name, publication date.
//!
//! Every source is read once into [`Sources`]; [`Sources::choose`] then applies the precedence
//! that measured best on the extraction-dev pages (see the crate docs). Publication dates win
//! over modification dates, which are never used: a wrong day is worse than none.

use dom_query::{Document, NodeId, NodeRef, Selection};
use dyad_core::PartialDate;
use serde_json::Value;

/// Metadata chosen for a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub site: Option<String>,
    pub date: Option<PartialDate>,
    pub url: Option<String>,
}

/// Everything the page says about itself, source by source.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sources {
    pub og_title: Option<String>,
    pub title_tag: Option<String>,
    pub h1: Option<String>,
    pub ld_headline: Option<String>,
    pub site: Option<String>,
    pub ld_author: Option<String>,
    pub meta_author: Option<String>,
    pub rel_author: Option<String>,
    pub byline_author: Option<String>,
    pub ld_date: Option<PartialDate>,
    pub meta_date: Option<PartialDate>,
    pub time_date: Option<PartialDate>,
    pub url_date: Option<PartialDate>,
    pub byline_date: Option<PartialDate>,
    pub header_date: Option<PartialDate>,
    pub canonical: Option<String>,
}

/// Schema.org types that describe the article itself, best first.
const ARTICLE_TYPES: [&str; 6] = [
    "NewsArticle",
    "Article",
    "BlogPosting",
    "Report",
    "Posting",
    "CreativeWork",
];

/// `<meta>` names and properties that carry the publication date, best first.
const DATE_META: [&str; 22] = [
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "article:published",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "published-date",
    "pubdate",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "date",
    "citation_publication_date",
];

/// Reads every metadata source of a parsed page.
pub(crate) fn sources(doc: &Document, url: Option<&str>) -> Sources {
    let mut s = Sources::default();
    let mut date_meta: Option<(usize, PartialDate)> = None;
    let mut first_h1: Option<(NodeId, String)> = None;
    let mut article_h1: Option<(NodeId, String)> = None;
    let mut ld_texts = Vec::new();
    // One pass over the document for everything read here, comparing tag names: a selector
    // list (`meta, title, h1, …`) matched every element against each of its parts and cost
    // three times as much.
    for n in doc.root().descendants_it() {
        let Some(qual) = n.qual_name_ref() else {
            continue;
        };
        let name: &str = &qual.local;
        let wanted = match name {
            "meta" | "title" | "h1" => true,
            "link" => n.attr("rel").is_some_and(|r| &*r == "canonical"),
            "script" => n.attr("type").is_some_and(|t| &*t == "application/ld+json"),
            _ => false,
        };
        if !wanted {
            continue;
        }
        match name {
            "meta" => read_meta(&n, &mut s, &mut date_meta),
            "title" if s.title_tag.is_none() => s.title_tag = clean(&n.text()),
            "h1" if article_h1.is_none() => {
                if let Some(text) = clean(&n.text()) {
                    if n.ancestors_it(None).any(|a| a.has_name("article")) {
                        article_h1 = Some((n.id, text.clone()));
                    }
                    first_h1.get_or_insert((n.id, text));
                }
            }
            "link" if s.canonical.is_none() => s.canonical = n.attr("href").and_then(|h| clean(&h)),
            "script" => ld_texts.push(n.text()),
            _ => {}
        }
    }
    s.meta_date = date_meta.map(|(_, d)| d);
    let h1 = article_h1.or(first_h1);
    let h1_id = h1.as_ref().map(|(id, _)| *id);
    s.h1 = h1.map(|(_, t)| t);
    read_json_ld(ld_texts.iter().map(|t| &**t), &mut s);
    s.url_date = url.or(s.canonical.as_deref()).and_then(date_in_url);
    // The weaker sources cost whole-document selector passes: read them only when the
    // stronger ones are silent.
    if s.ld_author.is_none() && s.meta_author.is_none() {
        s.rel_author = first_text(&doc.select("a[rel=author], [itemprop=author] [itemprop=name]"));
        if s.rel_author.is_none() {
            s.byline_author = first_text(&doc.select(
                "[class*=byline] a[href*=author], [class*=author] a[href*=author], a[href*='/author/']",
            ));
        }
    }
    if s.url_date.is_none() && s.meta_date.is_none() {
        s.header_date = h1_id.and_then(|id| header_date(doc, id));
        if s.header_date.is_none() && s.ld_date.is_none() {
            s.time_date = time_date(doc);
            if s.time_date.is_none() {
                s.byline_date = byline_date(doc);
            }
        }
    }
    s
}

/// One `<meta>` element: title, site, author and date keys.
fn read_meta(m: &NodeRef, s: &mut Sources, date_meta: &mut Option<(usize, PartialDate)>) {
    let key = m
        .attr("property")
        .or_else(|| m.attr("name"))
        .or_else(|| m.attr("itemprop"))
        .map(|k| k.trim().to_ascii_lowercase());
    let Some(key) = key else { return };
    let Some(content) = m.attr("content").and_then(|c| clean(&c)) else {
        return;
    };
    match key.as_str() {
        "og:title" | "twitter:title" if s.og_title.is_none() => s.og_title = Some(content),
        "og:site_name" | "application-name" if s.site.is_none() => s.site = Some(content),
        "author" | "article:author" | "parsely-author" | "sailthru.author" | "dc.creator"
        | "byl"
            if s.meta_author.is_none() && !content.contains("://") =>
        {
            s.meta_author = Some(content);
        }
        k => {
            if let Some(rank) = DATE_META.iter().position(|d| *d == k) {
                if date_meta.is_none_or(|(r, _)| rank < r) {
                    if let Some(d) = PartialDate::parse_loose(&content) {
                        *date_meta = Some((rank, d));
                    }
                }
            }
        }
    }
}

impl Sources {
    /// Applies the precedence described in the crate docs.
    pub(crate) fn choose(self) -> Meta {
        let title = self.headline();
        Meta {
            author: [
                self.ld_author,
                self.meta_author,
                self.rel_author,
                self.byline_author,
            ]
            .into_iter()
            .flatten()
            .find_map(|a| plausible_author(unescape(a))),
            date: self
                .url_date
                .or(self.meta_date)
                .or(self.header_date)
                .or(self.ld_date)
                .or(self.time_date)
                .or(self.byline_date),
            site: self.site,
            url: self.canonical,
            title,
        }
    }

    /// The headline: the page's visible `<h1>` unless it is the site's name (a logo), else
    /// `og:title`, JSON-LD `headline` or `<title>` with the site name cut off.
    fn headline(&self) -> Option<String> {
        let site_names: Vec<String> = [
            self.site.as_deref(),
            self.title_tag.as_deref().and_then(title_tail),
        ]
        .into_iter()
        .flatten()
        .map(fold)
        .filter(|s| !s.is_empty())
        .collect();
        let others: Vec<&str> = [&self.og_title, &self.ld_headline, &self.title_tag]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        // A section label or a widget's heading ("Blog", "Contact Us") shares few words with
        // the titles the page declares; the article's headline shares most.
        let h1 = self.h1.as_deref().filter(|h| {
            !site_names.contains(&fold(h))
                && (others.is_empty() || others.iter().any(|o| word_overlap(h, o) >= 0.5))
        });
        if let Some(h) = h1 {
            return Some(h.to_owned());
        }
        self.og_title
            .as_deref()
            .or(self.ld_headline.as_deref())
            .or(self.title_tag.as_deref())
            .map(|t| strip_site(t, self.site.as_deref()))
    }
}

/// Share of `a`'s words (lowercased alphanumerics) that occur in `b`.
fn word_overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() {
        return 0.0;
    }
    a.iter().filter(|w| b.contains(w)).count() as f64 / a.len() as f64
}

/// The last segment of a `<title>` after a separator: usually the site name.
fn title_tail(title: &str) -> Option<&str> {
    SITE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rsplit_once(sep).map(|(_, tail)| tail))
        .min_by_key(|t| t.len())
}

/// Lowercased alphanumerics only, for comparing titles.
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const SITE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " · ", " :: ", " » "];

/// Cuts a site name off a title: the last segment after a separator when it is the site
/// name or short (at most four words) next to a longer head.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let site = site.map(fold);
    for sep in SITE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail_words = tail.split_whitespace().count();
            let head_words = head.split_whitespace().count();
            let is_site = site
                .as_deref()
                .is_some_and(|s| !s.is_empty() && fold(tail) == s);
            if is_site || (tail_words <= 4 && head_words >= 3 && head_words > tail_words) {
                return head.trim().to_owned();
            }
        }
        if let (Some((head, tail)), Some(site)) = (title.split_once(sep), site.as_deref()) {
            if !site.is_empty() && fold(head) == site {
                return tail.trim().to_owned();
            }
        }
    }
    title.trim().to_owned()
}

fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// JSON-LD strings are often HTML-escaped twice ("Maria &amp; Katerina"): decode entities
/// with the HTML parser, only when there are any.
fn unescape(s: String) -> String {
    if !s.contains('&') {
        return s;
    }
    let text = Document::fragment(s.as_str()).text();
    clean(&text).unwrap_or(s)
}

/// A plausible byline: not a link and not a prompt ("More about this author"); a leading
/// comma (an empty name before ", Publisher") is dropped.
fn plausible_author(name: String) -> Option<String> {
    let name = name
        .trim_start_matches(|c: char| c == ',' || c.is_whitespace())
        .to_owned();
    let lower = name.to_lowercase();
    (!name.is_empty() && !lower.contains("://") && !lower.contains("author")).then_some(name)
}

fn first_text(sel: &Selection) -> Option<String> {
    sel.iter().find_map(|n| clean(&n.text()))
}

/// JSON-LD: `datePublished`, `headline` and `author` of the article object, looking into
/// arrays and `@graph`; article types win over pages and other objects.
fn read_json_ld<'a>(texts: impl Iterator<Item = &'a str>, s: &mut Sources) {
    let mut objects: Vec<(usize, Value)> = Vec::new();
    for text in texts {
        let Ok(v) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        collect_objects(v, &mut objects, 0);
    }
    objects.sort_by_key(|(rank, _)| *rank);
    for (_, o) in &objects {
        if s.ld_date.is_none() {
            s.ld_date = o
                .get("datePublished")
                .or_else(|| o.get("dateCreated"))
                .and_then(Value::as_str)
                .and_then(PartialDate::parse_loose);
        }
        if s.ld_headline.is_none() {
            s.ld_headline = o.get("headline").and_then(Value::as_str).and_then(clean);
        }
        if s.ld_author.is_none() {
            s.ld_author = o.get("author").and_then(author_names);
        }
    }
}

fn type_rank(o: &Value) -> usize {
    let types: Vec<&str> = match o.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    types
        .iter()
        .filter_map(|t| ARTICLE_TYPES.iter().position(|a| t.ends_with(a)))
        .min()
        .unwrap_or(if types.iter().any(|t| t.ends_with("WebPage")) {
            ARTICLE_TYPES.len()
        } else {
            ARTICLE_TYPES.len() + 1
        })
}

fn collect_objects(v: Value, out: &mut Vec<(usize, Value)>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(items) => {
            for i in items {
                collect_objects(i, out, depth + 1);
            }
        }
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                collect_objects(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").cloned() {
                collect_objects(main, out, depth + 1);
            }
            let o = Value::Object(map);
            out.push((type_rank(&o), o));
        }
        _ => {}
    }
}

/// Author names from a JSON-LD `author`: a string, an object with `name`, or a list.
fn author_names(v: &Value) -> Option<String> {
    let names: Vec<String> = match v {
        Value::String(s) => clean(s).into_iter().collect(),
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .and_then(clean)
            .into_iter()
            .collect(),
        Value::Array(a) => a.iter().filter_map(author_names).collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names.into_iter().filter(|n| !n.contains("://")).collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// A `<time datetime>` that marks publication: `pubdate`/`itemprop=datePublished` first, then
/// the first one inside the article or its header.
fn time_date(doc: &Document) -> Option<PartialDate> {
    for sel in [
        "time[pubdate][datetime], time[itemprop=datePublished][datetime], [itemprop=datePublished][datetime]",
        "article time[datetime], header time[datetime], main time[datetime]",
    ] {
        let found = doc
            .select(sel)
            .iter()
            .find_map(|t| t.attr("datetime").and_then(|d| PartialDate::parse_loose(&d)));
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A date written in a byline-like element ("Published March 5, 2024").
fn byline_date(doc: &Document) -> Option<PartialDate> {
    doc.select("[class*=date], [class*=publish], [class*=posted], [class*=byline], time")
        .iter()
        .take(20)
        .find_map(|n| {
            let text = n.text();
            let text = text.trim();
            (text.len() <= 80)
                .then(|| PartialDate::parse_loose(text))
                .flatten()
                .filter(|d| d.day().is_some())
        })
}

/// How many text nodes after the headline are searched for a visible date.
const HEADER_AFTER: usize = 25;
/// How many text nodes before the headline are searched when none follows it.
const HEADER_BEFORE: usize = 6;

/// The date shown next to the headline (`<h1>`): the first date written in one of the text
/// nodes after it — or a `<time datetime>` among them — else in the few just before it. This
/// is the date a reader sees, which is what publishers mean by the article's date even when
/// their metadata carries an older first-publication or a template date.
fn header_date(doc: &Document, h1: NodeId) -> Option<PartialDate> {
    let h1 = NodeRef::new(h1, &doc.tree);
    let root = doc.body()?;
    let mut before: std::collections::VecDeque<PartialDate> = Default::default();
    let mut after_h1 = false;
    let mut inside_h1_until = None;
    let mut seen = 0;
    for n in root.descendants_it() {
        if n.id == h1.id {
            after_h1 = true;
            inside_h1_until = h1.last_child().map(|c| c.id);
            continue;
        }
        if let Some(end) = inside_h1_until {
            if n.id == end {
                inside_h1_until = None;
            }
            continue;
        }
        if n.is_element() {
            if after_h1 && n.has_name("time") {
                if let Some(d) = n
                    .attr("datetime")
                    .and_then(|d| PartialDate::parse_loose(&d))
                {
                    return Some(d);
                }
            }
            continue;
        }
        if !n.is_text() {
            continue;
        }
        let skip = n
            .parent()
            .and_then(|p| p.node_name())
            .is_some_and(|name| matches!(&*name, "script" | "style" | "noscript" | "template"));
        if skip {
            continue;
        }
        let text = n.text();
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let date = date_in_text(text);
        if after_h1 {
            if date.is_some() {
                return date;
            }
            seen += 1;
            if seen >= HEADER_AFTER {
                break;
            }
        } else if let Some(d) = date {
            before.push_back(d);
            if before.len() > HEADER_BEFORE {
                before.pop_front();
            }
        } else {
            before.push_back(PartialDate::year_only(0));
            if before.len() > HEADER_BEFORE {
                before.pop_front();
            }
        }
    }
    before.into_iter().rev().find(|d| d.day().is_some())
}

/// The first full date written in a short text: `March 5, 2024`, `5 March 2024`,
/// `Mar. 5 2024`, `2024-03-05`, `2024/3/5`, `03/05/2024` (month first unless the first number
/// exceeds 12).
pub(crate) fn date_in_text(text: &str) -> Option<PartialDate> {
    if text.len() > 200 || !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let tokens: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '(' | ')'))
        .filter(|t| !t.is_empty())
        .collect();
    for (i, tok) in tokens.iter().enumerate() {
        if let Some(d) = numeric_date(tok.trim_matches(|c: char| !c.is_ascii_digit())) {
            return Some(d);
        }
        let starts_month = tok.len() >= 3
            && tok.is_ascii()
            && MONTH_PREFIXES
                .iter()
                .any(|m| tok.to_ascii_lowercase().starts_with(m));
        let starts_day = tok
            .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ',' || c == '.')
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d));
        if !(starts_month || starts_day) {
            continue;
        }
        if let Some(window) = tokens.get(i..i + 3) {
            let joined = window.join(" ");
            if let Some(d) = PartialDate::parse_loose(&joined).filter(|d| d.day().is_some()) {
                return Some(d);
            }
        }
    }
    None
}

const MONTH_PREFIXES: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `2024-03-05`, `2024/3/5`, `2024.03.05`, `03/05/2024`, `5.3.2024`.
fn numeric_date(tok: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = tok.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let n = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (a, b, c) = (n(a)?, n(b)?, n(c)?);
    if a >= 1990 {
        return plausible(a, b, c);
    }
    if c >= 1990 {
        return if a > 12 {
            plausible(c, b, a)
        } else {
            plausible(c, a, b)
        };
    }
    None
}

/// A date in the URL path: `/2024/08/21/`, `/2024-08-21/`, `/20240821/`.
pub(crate) fn date_in_url(url: &str) -> Option<PartialDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let segs: Vec<&str> = path.split('/').collect();
    for (i, seg) in segs.iter().enumerate() {
        let num = |s: &str, n: usize| {
            (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
        };
        if let (Some(y), Some(m), Some(d)) = (
            num(seg, 4),
            segs.get(i + 1).and_then(|s| num(s, 2)),
            segs.get(i + 2).and_then(|s| num(&s[..s.len().min(2)], 2)),
        ) {
            if let Some(date) = plausible(y, m, d) {
                return Some(date);
            }
        }
        let head = seg.get(..10).unwrap_or(seg);
        if head.len() == 10 && head.as_bytes()[4] == b'-' && head.as_bytes()[7] == b'-' {
            if let Ok(d) = head.parse::<PartialDate>() {
                if d.year() >= 1990 && d.year() <= 2100 {
                    return Some(d);
                }
            }
        }
        if let Some(n) = num(seg, 8) {
            if let Some(date) = plausible(n / 10000, n / 100 % 100, n % 100) {
                return Some(date);
            }
        }
    }
    None
}

fn plausible(y: u32, m: u32, d: u32) -> Option<PartialDate> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    PartialDate::ymd(y as i32, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str, url: Option<&str>) -> Meta {
        sources(&Document::from(html), url).choose()
    }

    fn date(html: &str, url: Option<&str>) -> Option<String> {
        meta(html, url).date.map(|d| d.to_string())
    }

    #[test]
    fn json_ld_date_author_headline_in_graph() {
        let html = r#"<html><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[
          {"@type":"WebPage","datePublished":"2020-01-01","name":"Site"},
          {"@type":"NewsArticle","headline":"Grain deal signed","datePublished":"2024-03-05T09:30:00+02:00",
           "dateModified":"2024-03-07","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}]}]}
        </script></head><body></body></html>"#;
        let m = meta(html, None);
        assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2024-03-05"));
        assert_eq!(m.author.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(m.title.as_deref(), Some("Grain deal signed"));
    }

    #[test]
    fn json_ld_modified_only_gives_no_date() {
        let html = r#"<script type="application/ld+json">{"@type":"Article","dateModified":"2024-03-07"}</script>"#;
        assert_eq!(date(html, None), None);
    }

    #[test]
    fn meta_tags_by_precedence() {
        let html = r#"<head><meta name="date" content="2023-01-02">
            <meta property="article:modified_time" content="2024-09-09">
            <meta property="article:published_time" content="2024-03-05T09:30:00Z"></head>"#;
        assert_eq!(date(html, None).as_deref(), Some("2024-03-05"));
        for (name, value) in [
            ("pubdate", "2024-03-05"),
            ("publishdate", "20240305"),
            ("DC.date.issued", "2024-03-05"),
            ("sailthru.date", "Tue, 05 Mar 2024 10:00:00 GMT"),
            ("parsely-pub-date", "2024-03-05T10:00:00Z"),
        ] {
            let html = format!(r#"<meta name="{name}" content="{value}">"#);
            assert_eq!(date(&html, None).as_deref(), Some("2024-03-05"), "{name}");
        }
    }

    #[test]
    fn time_element_in_article() {
        let html = r#"<body><aside><time datetime="2020-01-01">old</time></aside>
            <article><h1>A headline here</h1><time datetime="2024-03-05T10:00">March 5</time></article></body>"#;
        assert_eq!(date(html, None).as_deref(), Some("2024-03-05"));
        let html = r#"<body><span itemprop="datePublished" datetime="2024-03-05">x</span></body>"#;
        assert_eq!(date(html, None).as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn url_patterns() {
        for url in [
            "https://ex.com/2024/03/05/grain-deal",
            "https://ex.com/news/2024-03-05-grain-deal",
            "https://ex.com/news/20240305/grain",
        ] {
            assert_eq!(
                date_in_url(url).map(|d| d.to_string()).as_deref(),
                Some("2024-03-05"),
                "{url}"
            );
        }
        assert_eq!(date_in_url("https://ex.com/item/12345678/x"), None);
        assert_eq!(date_in_url("https://ex.com/2024/guide"), None);
    }

    #[test]
    fn byline_text_date() {
        let html =
            r#"<body><div class="post-date">Published March 5, 2024</div><p>Text.</p></body>"#;
        assert_eq!(date(html, None).as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn authors_from_meta_rel_and_byline() {
        let m = meta(r#"<meta name="author" content="Jane Doe">"#, None);
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        let m = meta(
            r#"<meta property="article:author" content="https://facebook.com/x"><a rel="author" href="/a/jd">Jane Doe</a>"#,
            None,
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
        let m = meta(
            r#"<div class="byline">By <a href="/author/jane-doe">Jane Doe</a></div>"#,
            None,
        );
        assert_eq!(m.author.as_deref(), Some("Jane Doe"));
    }

    #[test]
    fn authors_are_unescaped_and_prompts_dropped() {
        let html = r#"<script type="application/ld+json">{"@type":"Article","author":{"name":"Maria &amp; Katerina"}}</script>"#;
        assert_eq!(meta(html, None).author.as_deref(), Some("Maria & Katerina"));
        let html = r#"<script type="application/ld+json">{"@type":"Article","author":", USA TODAY"}</script>"#;
        assert_eq!(meta(html, None).author.as_deref(), Some("USA TODAY"));
        let html = r#"<div class="byline"><a href="/author/x">More about this author</a></div>"#;
        assert_eq!(meta(html, None).author, None);
    }

    #[test]
    fn header_date_is_the_one_shown_under_the_headline() {
        let html = r#"<body><nav>Jan 1, 2020</nav><article><h1>Grain deal signed</h1>
            <p>By Jane Doe</p><p>August 16, 2019 - Updated July 9, 2025</p><p>Text 2021-01-01.</p></article>
            <script type="application/ld+json">{"@type":"Article","datePublished":"2018-01-01"}</script></body>"#;
        assert_eq!(date(html, None).as_deref(), Some("2019-08-16"));
        // Metadata publication tags still win.
        let html =
            format!(r#"<meta property="article:published_time" content="2024-03-05">{html}"#);
        assert_eq!(date(&html, None).as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn dates_in_text() {
        for (text, want) in [
            ("Published on July 18, 2025", Some("2025-07-18")),
            ("Jun 08, 2023 • 11 Minute Read", Some("2023-06-08")),
            ("EcoFlow- 2025/4/29", Some("2025-04-29")),
            ("Posted 18 December 2025 by X", Some("2025-12-18")),
            ("12/31/2024", Some("2024-12-31")),
            ("31.12.2024", Some("2024-12-31")),
            ("Top 10 trends of 2025", None),
            ("Call 555-1234", None),
        ] {
            assert_eq!(
                date_in_text(text).map(|d| d.to_string()).as_deref(),
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn headline_prefers_confirmed_h1_then_stripped_titles() {
        let html = r#"<head><title>Grain deal signed | The Example Times</title>
            <meta property="og:site_name" content="The Example Times"></head>
            <body><h1>Connect with us</h1></body>"#;
        assert_eq!(meta(html, None).title.as_deref(), Some("Grain deal signed"));
        let html = r#"<head><meta property="og:title" content="Grain deal signed - Times">
            </head><body><article><h1>Grain deal signed</h1></article></body>"#;
        assert_eq!(meta(html, None).title.as_deref(), Some("Grain deal signed"));
        assert_eq!(
            strip_site("Ministers meet in Rome: what is next", None),
            "Ministers meet in Rome: what is next"
        );
    }

    /// Per-source accuracy on the extraction-dev pages, for tuning the precedence:
    /// `cargo test -p dyad-clean --release -- --ignored source_accuracy --nocapture`.
    #[test]
    #[ignore = "tuning aid; needs ../shared/data"]
    fn source_accuracy() {
        use crate::eval::{author_matches, date_matches, load_pages, title_matches};
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/extraction-dev"
        );
        let Ok(pages) = load_pages(std::path::Path::new(dir)) else {
            return;
        };
        let mut tally: std::collections::BTreeMap<&str, (usize, usize, usize)> = Default::default();
        let mut add = |name: &'static str,
                       truth: Option<&str>,
                       pred: Option<String>,
                       ok: fn(&str, &str) -> bool| {
            let Some(t) = truth.filter(|t| !t.trim().is_empty()) else {
                return;
            };
            let e = tally.entry(name).or_default();
            e.0 += 1;
            if let Some(p) = pred {
                e.1 += 1;
                e.2 += usize::from(ok(&p, t));
            }
        };
        for p in &pages {
            let s = sources(&Document::from(p.html.as_str()), p.url.as_deref());
            let d = |x: Option<PartialDate>| x.map(|d| d.to_string());
            add("date ld", p.date.as_deref(), d(s.ld_date), date_matches);
            add("date meta", p.date.as_deref(), d(s.meta_date), date_matches);
            add("date time", p.date.as_deref(), d(s.time_date), date_matches);
            add("date url", p.date.as_deref(), d(s.url_date), date_matches);
            add(
                "date byline",
                p.date.as_deref(),
                d(s.byline_date),
                date_matches,
            );
            add(
                "date header",
                p.date.as_deref(),
                d(s.header_date),
                date_matches,
            );
            add(
                "title og",
                p.title.as_deref(),
                s.og_title.clone(),
                title_matches,
            );
            add(
                "title tag",
                p.title.as_deref(),
                s.title_tag.clone(),
                title_matches,
            );
            add("title h1", p.title.as_deref(), s.h1.clone(), title_matches);
            add(
                "title ld",
                p.title.as_deref(),
                s.ld_headline.clone(),
                title_matches,
            );
            add(
                "author ld",
                p.author.as_deref(),
                s.ld_author.clone(),
                author_matches,
            );
            add(
                "author meta",
                p.author.as_deref(),
                s.meta_author.clone(),
                author_matches,
            );
            add(
                "author rel",
                p.author.as_deref(),
                s.rel_author.clone(),
                author_matches,
            );
            add(
                "author byline",
                p.author.as_deref(),
                s.byline_author.clone(),
                author_matches,
            );
            let all = [
                ("url", s.url_date),
                ("header", s.header_date),
                ("meta", s.meta_date),
                ("ld", s.ld_date),
                ("time", s.time_date),
                ("byline", s.byline_date),
            ];
            for order in [
                "url header meta ld time byline",
                "url meta header ld time byline",
                "url meta ld header time byline",
                "header url meta ld time byline",
                "url header ld meta time byline",
                "url time header meta ld byline",
                "meta ld url header time byline",
                "url header meta ld",
                "url header time meta ld byline",
            ] {
                let pick = order
                    .split(' ')
                    .find_map(|k| all.iter().find(|(n, _)| *n == k).and_then(|(_, d)| *d));
                let name: &'static str = Box::leak(format!("order {order}").into_boxed_str());
                add(name, p.date.as_deref(), d(pick), date_matches);
            }
            let m = s.clone().choose();
            add("= date", p.date.as_deref(), d(m.date), date_matches);
            add("= title", p.title.as_deref(), m.title.clone(), |a, b| {
                crate::eval::normalize_for_match(a) == crate::eval::normalize_for_match(b)
            });
            add(
                "= author",
                p.author.as_deref(),
                m.author.clone(),
                author_matches,
            );
            if std::env::var("SHOW").is_ok_and(|v| v == "date")
                && !m.date.is_some_and(|x| {
                    p.date
                        .as_deref()
                        .is_some_and(|t| date_matches(&x.to_string(), t))
                })
                && p.date.is_some()
            {
                println!("{} truth {:?} got {:?} | ld {:?} meta {:?} time {:?} url {:?} byline {:?} header {:?} {}", p.id, p.date, d(m.date), d(s.ld_date), d(s.meta_date), d(s.time_date), d(s.url_date), d(s.byline_date), d(s.header_date), p.url.as_deref().unwrap_or(""));
            }
            if std::env::var("SHOW").is_ok_and(|v| v == "title")
                && crate::eval::normalize_for_match(m.title.as_deref().unwrap_or(""))
                    != crate::eval::normalize_for_match(p.title.as_deref().unwrap_or(""))
            {
                println!(
                    "{} truth {:?}\n   got {:?}\n   og {:?} | tag {:?} | h1 {:?} | ld {:?}",
                    p.id, p.title, m.title, s.og_title, s.title_tag, s.h1, s.ld_headline
                );
            }
            if std::env::var("SHOW").is_ok_and(|v| v == "author")
                && !m
                    .author
                    .as_deref()
                    .is_some_and(|a| p.author.as_deref().is_some_and(|t| author_matches(a, t)))
                && p.author.is_some()
            {
                println!(
                    "{} truth {:?} got {:?} | ld {:?} meta {:?} rel {:?} byline {:?}",
                    p.id,
                    p.author,
                    m.author,
                    s.ld_author,
                    s.meta_author,
                    s.rel_author,
                    s.byline_author
                );
            }
        }
        for (name, (n, found, ok)) in tally {
            println!("{name:<14} truth {n:>4}  predicted {found:>4}  correct {ok:>4}  precision {:.3}  accuracy {:.3}", ok as f64 / found.max(1) as f64, ok as f64 / n.max(1) as f64);
        }
    }
}
