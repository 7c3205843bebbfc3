//! Liberation Serif (SIL OFL 1.1, metric-compatible with Times New Roman, full Vietnamese coverage),
//! compiled in so that a fresh build needs no system fonts. Licence: assets/fonts/LICENSE-LiberationSerif.txt.

use std::sync::LazyLock;

use printpdf::ParsedFont;

pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Style {
    pub const ALL: [Style; 4] = [Style::Regular, Style::Bold, Style::Italic, Style::BoldItalic];

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => REGULAR,
            Style::Bold => BOLD,
            Style::Italic => ITALIC,
            Style::BoldItalic => BOLD_ITALIC,
        }
    }

    pub fn index(self) -> usize {
        match self {
            Style::Regular => 0,
            Style::Bold => 1,
            Style::Italic => 2,
            Style::BoldItalic => 3,
        }
    }
}

/// Advance widths per character, read once from each face.
pub struct Metrics {
    units_per_em: f32,
    faces: Vec<ttf_parser::Face<'static>>,
}

static METRICS: LazyLock<Option<Metrics>> = LazyLock::new(|| {
    let faces: Option<Vec<_>> = Style::ALL.iter().map(|s| ttf_parser::Face::parse(s.bytes(), 0).ok()).collect();
    let faces = faces?;
    Some(Metrics { units_per_em: f32::from(faces[0].units_per_em()), faces })
});

static PARSED: LazyLock<Option<Vec<ParsedFont>>> =
    LazyLock::new(|| Style::ALL.iter().map(|s| ParsedFont::from_bytes(s.bytes(), 0, &mut Vec::new())).collect());

pub fn metrics() -> Option<&'static Metrics> {
    METRICS.as_ref()
}

pub fn parsed() -> Option<&'static [ParsedFont]> {
    PARSED.as_deref()
}

impl Metrics {
    /// Width of `text` in points at `size`.
    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        let face = &self.faces[style.index()];
        let units: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map(f32::from)
                    .unwrap_or(self.units_per_em * 0.5)
            })
            .sum();
        units / self.units_per_em * size
    }

    /// Whether every character has a glyph (Vietnamese included).
    pub fn covers(&self, text: &str, style: Style) -> bool {
        let face = &self.faces[style.index()];
        text.chars().filter(|c| !c.is_whitespace()).all(|c| face.glyph_index(c).is_some())
    }
}
