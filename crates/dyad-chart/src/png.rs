//! SVG to PNG with `resvg`, using one font file found on the system.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use crate::ChartError;

/// Environment variable naming the `.ttf`/`.otf` file to draw text with; when unset, the
/// first of [`FONT_CANDIDATES`] that exists is used.
pub const FONT_ENV: &str = "DYAD_FONT";

/// Largest width or height drawn, in pixels (a day-by-day chart over decades would need more
/// memory than a chart is worth).
pub(crate) const MAX_SIDE: u32 = 16_384;

/// Font files tried in order: common sans-serif fonts of Debian, Fedora, Arch, macOS, Windows.
const FONT_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/Library/Fonts/Arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

/// The font database: the file named by [`FONT_ENV`], else the first candidate found.
fn font_database() -> Result<fontdb::Database, ChartError> {
    let mut db = fontdb::Database::new();
    let path = match std::env::var_os(FONT_ENV).filter(|v| !v.is_empty()) {
        Some(p) => {
            let path = PathBuf::from(p);
            let data = std::fs::read(&path).map_err(|e| ChartError::BadFont {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            db.load_font_data(data);
            if db.is_empty() {
                return Err(ChartError::BadFont {
                    path,
                    reason: "it holds no font face dyad can read".to_owned(),
                });
            }
            path
        }
        None => {
            let found = FONT_CANDIDATES
                .iter()
                .map(Path::new)
                .find(|p| match std::fs::read(p) {
                    Ok(data) => {
                        db.load_font_data(data);
                        !db.is_empty()
                    }
                    Err(_) => false,
                });
            match found {
                Some(p) => p.to_path_buf(),
                None => {
                    return Err(ChartError::NoFont {
                        searched: FONT_CANDIDATES.join(", "),
                    })
                }
            }
        }
    };
    // Whatever family the SVG asks for, the one face loaded answers it.
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
        .ok_or_else(|| ChartError::BadFont {
            path,
            reason: "its face has no family name".to_owned(),
        })?;
    db.set_sans_serif_family(family.clone());
    db.set_serif_family(family.clone());
    db.set_monospace_family(family);
    Ok(db)
}

/// Rasterises an SVG document to PNG bytes, one pixel per SVG unit, on a white background.
///
/// Text is drawn with the font named by [`FONT_ENV`] or a common system font; without one
/// this fails with [`ChartError::NoFont`], which says what to install.
pub fn svg_to_png(svg: &str) -> Result<Vec<u8>, ChartError> {
    let options = usvg::Options {
        fontdb: Arc::new(font_database()?),
        font_family: "sans-serif".to_owned(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let size = tree.size().to_int_size();
    let (width, height) = (size.width(), size.height());
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(ChartError::Size { width, height });
    }
    let mut pixmap = Pixmap::new(width, height).ok_or(ChartError::Size { width, height })?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|e| ChartError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a font a PNG cannot be drawn; CI installs one, so there it is a failure.
    fn no_font_allowed() -> bool {
        std::env::var("CI").map_or(true, |v| v != "true")
    }

    #[test]
    fn draws_a_small_svg_with_its_size() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">
            <rect x="0" y="0" width="20" height="20" fill="#ff0000"/></svg>"##;
        match svg_to_png(svg) {
            Ok(png) => {
                assert_eq!(&png[1..4], b"PNG");
                // IHDR: width and height as big-endian u32 at bytes 16..24.
                assert_eq!(u32::from_be_bytes([png[16], png[17], png[18], png[19]]), 40);
                assert_eq!(u32::from_be_bytes([png[20], png[21], png[22], png[23]]), 20);
            }
            // A machine without any font cannot draw; the error must say what to install.
            Err(ChartError::NoFont { searched }) if no_font_allowed() => {
                assert!(searched.contains("DejaVuSans"))
            }
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    #[test]
    fn refuses_a_huge_picture() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="10"></svg>"#;
        match svg_to_png(svg) {
            Err(ChartError::Size { width, .. }) => assert_eq!(width, 100_000),
            Err(ChartError::NoFont { .. }) if no_font_allowed() => {}
            other => panic!("expected a size error, got {other:?}"),
        }
    }

    #[test]
    fn rejects_what_is_not_svg() {
        assert!(matches!(
            svg_to_png("not an svg"),
            Err(ChartError::Svg(_)) | Err(ChartError::NoFont { .. })
        ));
        if !no_font_allowed() {
            assert!(matches!(svg_to_png("not an svg"), Err(ChartError::Svg(_))));
        }
    }
}
