//! The cleaning stage of dyad: from a read document to article text and metadata.
//!
//! - HTML: the main content is found by our own scorer (`content.rs`, see *Own extractor*
//!   below); on pages with too little prose for it, `dom_smoothie` (a readability.js port)
//!   takes over, and when that finds no article either, the page body's text is used so
//!   nothing is lost. Title, author, site and publication date are read from the page itself
//!   (see *HTML metadata* below), with the extractor's guesses as the fallback.
//! - All text, from HTML or plain input, is normalised by [`normalize_text`]: Unicode spaces
//!   (NBSP and friends) become plain spaces, control and zero-width characters go, hard-wrapped
//!   paragraphs (newswire style) are unwrapped, and blocks are laid out one per line —
//!   paragraphs separated by a blank line, list items by a single newline. Quotes and dashes are
//!   kept as written. The sentence splitter relies on this layout: a newline always ends a
//!   sentence.
//! - Language is told by `whatlang` and given as ISO 639-1.
//!
//! - Plain text loses its boilerplate (share bars, teasers, comment forms, footers) to a line
//!   classifier in the jusText tradition; [`SiteTemplates`] removes lines a site repeats on
//!   every page.
//!
//! # HTML: choices and measurements
//!
//! Measured with [`eval`] on the 711 extraction-dev pages (`../shared/data/extraction-dev`,
//! WCXB dev split; `cargo run --release -p dyad-clean --example clean_eval -- DIR`); speed is
//! CPU time of the cleaning call on one thread of a shared 2-core machine.
//!
//! | extractor | content F1 (P / R) | title | author | date | pages/s |
//! |---|---|---|---|---|---|
//! | `dom_smoothie` 0.19 with its own metadata (before) | 0.918 (0.918 / 0.939) | 0.820 | 0.640 | 0.543 | ~276 (wall) |
//! | `trafilatura` 0.6, balanced | 0.896 (0.914 / 0.906) | 0.798 | 0.649 | 0.570 | ~100 (wall) |
//! | `trafilatura` 0.6, precision | 0.843 (0.873 / 0.847) | 0.779 | 0.635 | 0.556 | ~100 (wall) |
//! | `trafilatura` 0.6, recall | 0.903 (0.913 / 0.918) | 0.799 | 0.649 | 0.571 | ~79 (wall) |
//! | this crate: `dom_smoothie` + own metadata (previous) | 0.926 (0.924 / 0.949) | 0.896 | 0.741 | 0.879 | 250–285 |
//! | this crate: with the pre- and post-processing below (previous) | 0.942 (0.933 / 0.963) | 0.896 | 0.741 | 0.879 | 146–200 (CPU) |
//! | this crate: leaner parse, copies, panels, forms, strays (previous) | 0.947 (0.938 / 0.966) | 0.896 | 0.741 | 0.879 | 215–260 (CPU) |
//! | this crate: mojibake repaired, one-walk meta and preparation, tail rules (previous) | 0.9481 (0.9395 / 0.9660) | 0.896 | 0.741 | 0.879 | ~295 (CPU), 23.2M instr. |
//! | this crate: own content scorer, `dom_smoothie` as fallback (now) | 0.9544 (0.9455 / 0.9722) | 0.896 | 0.741 | 0.879 | 369–379 (CPU), 13.8M instr. |
//!
//! `dom_smoothie` was kept over `trafilatura` (and is now the fallback): on these pages it is
//! both more accurate and about 2.5× faster than the `trafilatura` crate (which needs Rust
//! 1.88, above our 1.85); both are at their newest releases on crates.io (0.19.0 and 0.6.0).
//! `rs-trafilatura` reports 71 pages/s itself and was not adopted. Choosing per page between
//! readability and the text path's classifier cannot reach the bar either: even an oracle
//! choice scores 0.949. Around the extractors (the steps before them serve both):
//!
//! - Scripts (but JSON-LD), styles and inline SVG are cut from the raw HTML before parsing
//!   (48% of the bytes; parse instructions −18%). So are attributes that nothing reads after
//!   parsing (image sources, `data-*`, most ARIA, handlers, non-hiding styles: parse −24%),
//!   and `nav`, `footer`, `noscript`, `select` and `textarea` elements unless they hold a
//!   headline, `<time>`, byline or author (cleaning instructions −13%). A global allocator
//!   (mimalloc) in the `dyad` binary serves the many small DOM allocations faster.
//! - The page is parsed once (`dom_query`); metadata is read from that tree, then it is handed
//!   to readability for one pass with the moderate policy (unlikely-looking class names are
//!   not stripped first: F1 0.926 against 0.923 for strict); only pages where that finds
//!   under 500 characters get the full sequence of passes (each clones the tree).
//! - Before readability: React server rendering streams parts of the article into
//!   `<div hidden id="S:n">` and moves them into place with a script; they are put where the
//!   browser shows them, and the loading fallbacks go. `figcaption`, `nav` and `footer` go,
//!   and so do forms under 1,000 characters (sign-ups, contact, search; a form wrapping the
//!   whole page stays). Collapsed accordion panels (hidden, labelled by their toggle with
//!   `aria-labelledby`, role `region` or none) are opened: readers open them, annotators
//!   keep their text (F1 +0.0009).
//!   Chains of single-child wrapper `div`s/`section`s are merged into one element (classes
//!   kept): readability passes a paragraph's score up only a few levels, and page builders
//!   nest each section so deep that one section was taken for the article (F1 +0.006).
//! - After readability: when its text is under half the paragraph text of the page's prose
//!   region (the deepest element below `<body>` holding half of all paragraph text) and lies
//!   inside that region, readability settled on a part of the article; the region's text,
//!   through the line classifier of the text path, is taken instead (checked on 16 pages,
//!   F1 +0.005). When readability's text lies outside the region and has under a fifth of its
//!   paragraph text, it is a lede or author box and the region is taken too, unless the region
//!   is marked as comments or discussion (F1 +0.0013). Then blocks that are chrome by cue
//!   phrase or shape go, a second copy of the text (a run of 3+ blocks and 400+ characters
//!   each repeating an earlier block: mobile and desktop layouts) goes (F1 +0.0010), so does a
//!   table of contents (3+ short blocks under a contents heading, each coming again later as a
//!   heading; F1 +0.0002), and an
//!   end-of-article cue ("Related articles", "About the author", a newsletter pitch) in the
//!   last 30% of the text ends it (F1 +0.002).
//! - Publication date, first found wins: a date in the URL path (`/2024/08/21/`,
//!   `/2024-08-21-…`, `/20240821/`; never wrong here); publication `<meta>` tags
//!   (`article:published_time`, `og:published_time`, `datePublished`, `pubdate`, `publishdate`,
//!   `DC.date.issued`, `sailthru.date`, `parsely-pub-date`, `date`, …); the date written next to
//!   the visible headline (first date in the text after the `<h1>`, or a `<time datetime>`
//!   there); JSON-LD `datePublished` (article types first, `@graph` and arrays searched); a
//!   `<time pubdate|itemprop=datePublished>` or one in `article`/`header`/`main`; a date in a
//!   byline-like element. Modification dates are never used. The headline date ranks above
//!   JSON-LD because sites often keep a first-publication or template date there while the page
//!   shows the current one, and readers (and the ground truth) take the shown one.
//! - Title: the `<h1>` (inside `<article>` if there is one) unless it is the site name or
//!   shares under half its words with all of `og:title`, JSON-LD `headline` and `<title>`
//!   (section labels such as "Blog"); else `og:title`, `headline` or `<title>` with a site
//!   suffix (" | Site", " - Site") cut off.
//! - Author: JSON-LD `author` names, `<meta name=author>` and kin (not URLs), `rel=author`,
//!   an author link in a byline.
//!
//! Speed: callgrind counts 24.5% fewer instructions in the cleaning call than the previous
//! build (every fifth extraction-dev page, `examples/clean_profile.rs`: 32.3M → 24.4M per
//! page; parse 13.9M → 7.8M, readability 11.0M → 10.1M). This eval's CPU-time rate, alternated
//! with the previous build in the same minutes at load average 4–5: 215–260 pages/s against
//! 151–195; `dyad bench` (wall clock, load 1.0–1.6): 224–304 pages/s, median 296, against
//! 184–242. Readability is now the largest part (41%), then parsing (32%). Looking cue
//! phrases up by first byte then cut the cue lookup's instructions by 61% (23.9M per page).
//!
//! Then metadata and the steps before readability find their elements in one walk each,
//! comparing tag names, instead of one selector pass per step (a selector list such as
//! `meta, title, h1, …` matched every element against each part), and readability keeps class
//! names it would strip from output nobody reads: 23.9M → 23.0M instructions per page (`examples/clean_profile.rs`, every fifth page).
//!
//! - Text double-encoded as Windows-1252 (`â€™` for `’`, `Â` before a no-break space, `Ã©` for
//!   `é`) is repaired in [`normalize_text`]: a run is replaced when its Windows-1252 bytes are
//!   exactly one UTF-8 character. Some sites serve such text as UTF-8 and no charset handling
//!   can undo it (F1 +0.0002: 8 pages gain, 4 lose because their ground truth keeps the
//!   mojibake).
//!
//! Own extractor (now the primary one, `content.rs`): one walk over the prepared page counts, per
//! element, its text, its link text and its prose — blocks with 40+ characters of running text, at
//! most half of it links — each paragraph weighted by how free of links its container is (squared),
//! comment threads (class or id `comment`, `disqus`) by 0.1 and teasers (a block with a linked
//! headline and one or two paragraphs) by 0.3. From the body down, the article is the child holding
//! 70% of the page's weighted prose, while there is one; the paragraphs before it in its parent are
//! its lede when they make up 70% of that stretch's text (F1 +0.0014). A paragraph inside a link is
//! no prose: a card whose whole face is a link (F1 +0.0005). Dialogs (`role=dialog`, `aria-modal`:
//! cookie and sign-up overlays) are not read (+0.0002). Inside, blocks that are over 75% links with
//! no prose go (but a list between the article's paragraphs stays: F1 +0.0018), and so do blocks
//! named as chrome or comments (`data/class-hints.tsv`) holding under 35% of the prose. The text
//! loses a first block that is the page title (annotators leave the headline out: +0.0002) and
//! then takes the same tail trim as before. The byline fallback for the author is the first short
//! element named or marked as one (`byline`, `author`, `rel=author`, `itemprop=author`).
//!
//! On pages where it finds no article (under 500 characters of weighted prose, or prose spread over
//! the whole body: 13 of 711 here) readability runs as before, and its widening and body-text
//! fallback stay. Measured on extraction-dev: F1 0.9481 → 0.9544 (P 0.9395 → 0.9455, R 0.9660 →
//! 0.9722; 239 pages up and 156 down by more than 0.001 against the previous build); title, author
//! and date unchanged; the text path (0.8989) does not use it. Callgrind, every fifth page
//! (`examples/clean_profile.rs`): 23.2M → 13.8M instructions per page in the cleaning call (the
//! scorer 1.6M against readability's ~10M; readability now runs on 2 of the 143 pages, parsing is
//! over half of what is left); `clean_eval` CPU time 295 → 369–379 pages/s; `dyad bench
//! ../shared/data/extraction-dev/html` 399–466 pages/s (wall clock, one core, load average 1.5).
//! Tried and not kept: a share of 50% of the prose for the article (F1 −0.008: one section of a
//! long article), descending only into a child with 80–90% of its parent's prose (−0.003), widening
//! to the parent when what it adds is mostly prose (−0.002 to −0.0003), dropping linked headings
//! inside the article (−0.002), counting link text out of the lede test (+0.0002 with more pages
//! down than up), taking the prose siblings after the article's element too (−0.001), keeping short
//! link-only blocks between paragraphs (−0.002), dropping runs of teaser blocks inside the
//! article (−0.003: list articles wrap each linked item with its text), `aside` as chrome (±0),
//! a weight linear or cubic in the link share instead of squared (−0.002, −0.0003), 25–60
//! characters for a paragraph (±0.0003), choosing per page between this text and readability's
//! by share or overlap (no rule beat the better alone by more than 0.0002).
//!
//! Open: the largest remaining losses are pages whose article element also holds a sidebar
//! of post excerpts, FAQ blocks or a newsletter box the annotators left out, pages that are not
//! articles (listings, product grids), and what the ground truth keeps inconsistently (code
//! blocks, tables, author boxes and reference lists).

mod blocks;
mod content;
pub mod eval;
mod html;
mod lang;
mod meta;
mod mojibake;
mod normalize;
mod strip;
mod text;
mod title;

pub use blocks::html_to_text_blocks;
pub use html::clean_html;
pub use lang::detect_language;
pub use normalize::normalize_text;
pub use text::SiteTemplates;
pub use title::guess_title;

use dyad_core::PartialDate;

/// What cleaning found in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// Article text in the layout described at the crate level.
    pub text: String,
    /// Headline, when one was found.
    pub title: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publishing site.
    pub site: Option<String>,
    /// Publication date from page metadata.
    pub date: Option<PartialDate>,
    /// Canonical URL from page metadata.
    pub url: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
}

/// Cleans plain text (scraped pages saved as text, newswire bodies): normalises it, then keeps
/// the article's blocks — headline, paragraphs, subheadings, quotes, list items — and drops page
/// chrome, teasers, comment sections and footers (a line classifier, see the `text` module).
/// The headline is kept as the first block and given as the title.
pub fn clean_text(text: &str) -> Cleaned {
    text::clean_normalized(&normalize_text(text))
}
