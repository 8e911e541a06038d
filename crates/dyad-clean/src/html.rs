use crate::{detect_language, guess_title, normalize_text, Cleaned};
use dom_smoothie::{Config, Readability, TextMode};
use dyad_core::PartialDate;

/// Cleans an HTML page: main content, title, byline, site, publication date, URL, language.
///
/// `url` is the page address when the input knows it; relative links resolve against it.
/// When the readability pass finds no article (very short pages, odd markup) the text of the
/// whole `<body>` is kept instead, so a page is never silently emptied.
pub fn clean_html(html: &str, url: Option<&str>) -> Cleaned {
    // dom_smoothie rejects relative URLs; a bad URL is not worth losing the page over.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = match Readability::new(html, url, Some(cfg.clone())) {
        Ok(r) => r,
        Err(_) => match Readability::new(html, None, Some(cfg)) {
            Ok(r) => r,
            Err(_) => return body_text(html),
        },
    };
    match readability.parse() {
        Ok(article) => {
            let text = normalize_text(&article.text_content);
            let title = non_empty(article.title).or_else(|| guess_title(&text));
            Cleaned {
                language: detect_language(&text),
                title,
                author: article.byline.and_then(non_empty),
                site: article.site_name.and_then(non_empty),
                date: article
                    .published_time
                    .as_deref()
                    .and_then(PartialDate::parse_loose),
                url: article.url.and_then(non_empty),
                text,
            }
        }
        Err(_) => {
            let meta = readability.get_article_metadata(readability.parse_json_ld());
            let mut cleaned = body_text(html);
            cleaned.title = non_empty(meta.title).or(cleaned.title);
            cleaned.author = meta.byline.and_then(non_empty);
            cleaned.site = meta.site_name.and_then(non_empty);
            cleaned.date = meta
                .published_time
                .as_deref()
                .and_then(PartialDate::parse_loose);
            cleaned
        }
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
    fn tiny_pages_fall_back_to_body_text() {
        let c = clean_html(
            "<html><body><p>Short note.</p><script>x()</script></body></html>",
            Some("not a url"),
        );
        assert_eq!(c.text, "Short note.");
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
