//! Charts of dyad: the timeline of one actor pair drawn as a picture.
//!
//! [`timeline_svg`] turns the rows of [`dyad_store::Store::timeline`] into a self-contained SVG
//! document: one group of bars per period, one bar per direction (A→B, B→A, A↔B), each bar
//! stacked by CAMEO QuadClass, and the Goldstein mean per period as a line on a −10..+10
//! right-hand axis. Making the SVG needs no font and cannot fail.
//!
//! [`svg_to_png`] rasterises such a document (or any SVG) to PNG bytes with `resvg`, one pixel
//! per SVG unit. Text in a PNG needs a font file, which is looked up on the system at run time
//! (see [`FONT_ENV`]); no font is shipped with this crate.

mod png;
mod svg;

pub use png::{svg_to_png, FONT_ENV};
pub use svg::timeline_svg;

use std::path::PathBuf;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// No font was found for the text of a PNG.
    #[error(
        "no font found to draw the chart's text as PNG (searched {searched}): install one, e.g. \
         `apt-get install fonts-dejavu-core` on Debian/Ubuntu, or set {FONT_ENV} to a .ttf or \
         .otf file; the SVG format needs no font"
    )]
    NoFont {
        /// The files and folders that were searched.
        searched: String,
    },
    /// The font named by [`FONT_ENV`] could not be used.
    #[error(
        "cannot use the font {} named by {FONT_ENV}: {reason}; point {FONT_ENV} at a readable \
         .ttf or .otf file, or unset it to use a system font",
        path.display()
    )]
    BadFont {
        /// The file named by the variable.
        path: PathBuf,
        /// What went wrong reading it.
        reason: String,
    },
    /// The input is not an SVG document that can be drawn.
    #[error("the SVG could not be read ({0}); pass the document made by `timeline_svg`")]
    Svg(#[from] resvg::usvg::Error),
    /// The picture is too large (or empty) to rasterise.
    #[error(
        "the SVG is {width}×{height} pixels, which cannot be drawn as PNG (at most \
         {max}×{max}); draw fewer periods (e.g. by month instead of by day) or use the SVG format",
        max = png::MAX_SIDE
    )]
    Size {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// Encoding the pixels as PNG failed.
    #[error("encoding the chart as PNG failed: {0}")]
    Encode(String),
}
