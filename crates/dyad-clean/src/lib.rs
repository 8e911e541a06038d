//! The cleaning stage of dyad: from a read document to article text and metadata.
//!
//! - HTML goes through `dom_smoothie` (a readability.js port) for the main content, title,
//!   byline, site name and publication time; when it finds no article, the page body's text is
//!   used so nothing is lost.
//! - All text, from HTML or plain input, is normalised by [`normalize_text`]: Unicode spaces
//!   (NBSP and friends) become plain spaces, control and zero-width characters go, hard-wrapped
//!   paragraphs (newswire style) are unwrapped, and blocks are laid out one per line —
//!   paragraphs separated by a blank line, list items by a single newline. Quotes and dashes are
//!   kept as written. The sentence splitter relies on this layout: a newline always ends a
//!   sentence.
//! - Language is told by `whatlang` and given as ISO 639-1.
//!
//! Boilerplate removal for scraped text (share bars, teasers, comment forms) is not done here
//! yet; see ARCHITECTURE.md.

mod html;
mod lang;
mod normalize;
mod title;

pub use html::clean_html;
pub use lang::detect_language;
pub use normalize::normalize_text;
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

/// Cleans plain text (scraped pages saved as text, newswire bodies).
pub fn clean_text(text: &str) -> Cleaned {
    let text = normalize_text(text);
    Cleaned {
        title: guess_title(&text),
        language: detect_language(&text),
        text,
        ..Cleaned::default()
    }
}
