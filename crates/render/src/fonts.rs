//! The bundled fonts, one per official typeface role, loaded from `resources/fonts`.
//!
//! The official faces (方正小标宋, 黑体, 楷体, 仿宋) are proprietary; free substitutes stand in for
//! them (README, "Fonts"). Text is measured with each font's real advances.

use crate::error::RenderError;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A typeface role of GB/T 9704, plus a bold sans for chart emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontRole {
    /// 小标宋 titles: Noto Serif SC Bold.
    Title,
    /// 黑体: Noto Sans CJK SC Regular.
    Hei,
    /// Bold sans for big figures and chart titles: Noto Sans CJK SC Bold.
    HeiBold,
    /// 楷体: LXGW WenKai.
    Kai,
    /// 仿宋 body text: FandolFang.
    Fang,
    /// 宋体 for the folios: Noto Serif SC Regular, digits and dashes only.
    Song,
}

impl FontRole {
    /// Every role.
    pub const ALL: [FontRole; 6] = [
        FontRole::Title,
        FontRole::Hei,
        FontRole::HeiBold,
        FontRole::Kai,
        FontRole::Fang,
        FontRole::Song,
    ];

    /// The file that holds the role's font in `resources/fonts`.
    pub fn file_name(self) -> &'static str {
        match self {
            FontRole::Title => "title-NotoSerifSC-Bold.ttf",
            FontRole::Hei => "hei-NotoSansSC-Regular.otf",
            FontRole::HeiBold => "hei-NotoSansSC-Bold.otf",
            FontRole::Kai => "kai-LXGWWenKai-Regular.ttf",
            FontRole::Fang => "fang-FandolFang-Regular.otf",
            FontRole::Song => "song-NotoSerifSC-Regular.ttf",
        }
    }
}

/// One loaded font file.
#[derive(Debug, Clone)]
pub struct FontFile {
    /// Face index within a collection (.ttc).
    pub index: u32,
    /// Advance width of every mapped character, in ems: measuring is a lookup, not a parse.
    advances: Arc<std::collections::HashMap<char, f32>>,
    /// Where it came from.
    pub path: PathBuf,
    /// The file's bytes, shared.
    pub bytes: Arc<Vec<u8>>,
    /// Its family name, as SVG `font-family` must name it.
    pub family: String,
    /// Whether the face is bold (weight 600 or more).
    pub bold: bool,
}

impl FontFile {
    /// Reads and checks a font file.
    pub fn load(path: &Path) -> Result<FontFile, RenderError> {
        Self::load_face(path, 0)
    }

    /// Reads and checks one face of a font file or collection.
    pub fn load_face(path: &Path, index: u32) -> Result<FontFile, RenderError> {
        let bytes = std::fs::read(path).map_err(|e| RenderError::FontMissing {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let face = ttf_parser::Face::parse(&bytes, index).map_err(|_| RenderError::FontBroken {
            path: path.to_path_buf(),
        })?;
        let named = |id: u16| {
            face.names()
                .into_iter()
                .filter(|n| n.name_id == id && n.is_unicode())
                .filter_map(|n| n.to_string())
                .find(|n| n.is_ascii())
        };
        // resvg's font database knows a face by its typographic family when it has one
        // (FandolFang: "FandolFang", not "FandolFang R"); any other name draws nothing.
        let family = named(ttf_parser::name_id::TYPOGRAPHIC_FAMILY)
            .or_else(|| named(ttf_parser::name_id::FAMILY))
            .ok_or_else(|| RenderError::FontBroken {
                path: path.to_path_buf(),
            })?;
        let bold = face.weight().to_number() >= 600;
        let advances = Arc::new(advance_table(&face));
        Ok(FontFile {
            index,
            advances,
            path: path.to_path_buf(),
            bytes: Arc::new(bytes),
            family,
            bold,
        })
    }

    /// Whether the font has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.advances.contains_key(&c)
    }

    /// The advance of `c` in ems, when the font has it.
    pub fn advance(&self, c: char) -> Option<f32> {
        self.advances.get(&c).copied()
    }

    /// The advance width of each character of `text` at `size`, in the units of `size`;
    /// `None` for a character the font lacks.
    pub fn advances(&self, text: &str, size: f32) -> Vec<Option<f32>> {
        text.chars()
            .map(|c| self.advance(c).map(|a| a * size))
            .collect()
    }
}

/// Reads every character the font maps, with its advance in ems.
fn advance_table(face: &ttf_parser::Face<'_>) -> std::collections::HashMap<char, f32> {
    let per_em = f32::from(face.units_per_em());
    let mut table = std::collections::HashMap::new();
    let Some(cmap) = face.tables().cmap else {
        return table;
    };
    for subtable in cmap.subtables {
        if !subtable.is_unicode() {
            continue;
        }
        subtable.codepoints(|cp| {
            if let Some(c) = char::from_u32(cp) {
                if let Some(advance) = subtable
                    .glyph_index(cp)
                    .and_then(|g| face.glyph_hor_advance(g))
                {
                    table.entry(c).or_insert(f32::from(advance) / per_em);
                }
            }
        });
    }
    table
}

/// The fonts of every role, and an optional wide-coverage fallback.
#[derive(Debug, Clone)]
pub struct FontSet {
    files: Vec<(FontRole, FontFile)>,
    /// Loaded on first use: the system's CJK collection is 26 MB, and most documents never
    /// need it.
    fallback: Arc<std::sync::OnceLock<Option<FontFile>>>,
}

/// Where the bundled resources live when `JIEDU_RESOURCES` does not say.
const BUILT_IN_RESOURCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../resources");

/// Fonts with wide CJK coverage that may be on the system, tried in order as the fallback,
/// with the face index of their Simplified Chinese face.
const SYSTEM_FALLBACKS: [(&str, u32); 2] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
];

impl FontSet {
    /// Loads every role's font from `dir`; the first missing or broken file is named.
    pub fn load(dir: &Path) -> Result<FontSet, RenderError> {
        let files = FontRole::ALL
            .into_iter()
            .map(|role| FontFile::load(&dir.join(role.file_name())).map(|f| (role, f)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(FontSet {
            files,
            fallback: Arc::default(),
        })
    }

    /// The resources folder: `$JIEDU_RESOURCES`, else the repository's `resources/`.
    pub fn resources_dir() -> PathBuf {
        std::env::var_os("JIEDU_RESOURCES")
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(BUILT_IN_RESOURCES))
    }

    /// Loads the bundled fonts from [`FontSet::resources_dir`].
    pub fn bundled() -> Result<FontSet, RenderError> {
        FontSet::load(&Self::resources_dir().join("fonts"))
    }

    /// The font of a role.
    pub fn get(&self, role: FontRole) -> &FontFile {
        // `load` fills every role, so the lookup always succeeds; the first file is a safe default.
        self.files
            .iter()
            .find(|(r, _)| *r == role)
            .map_or(&self.files[0].1, |(_, f)| f)
    }

    /// The wide-coverage fallback font, when one is installed.
    pub fn fallback(&self) -> Option<&FontFile> {
        self.fallback
            .get_or_init(|| {
                SYSTEM_FALLBACKS
                    .iter()
                    .find(|(p, _)| Path::new(p).exists())
                    .and_then(|(p, i)| FontFile::load_face(Path::new(p), *i).ok())
            })
            .as_ref()
    }

    /// Whether some font can draw `c`: a bundled one (asked first, since asking for the
    /// fallback loads a 26 MB collection) or the fallback. Whitespace needs no glyph.
    pub fn can_draw(&self, c: char) -> bool {
        c.is_whitespace()
            || FontRole::ALL.iter().any(|r| self.get(*r).covers(c))
            || self.fallback().is_some_and(|f| f.covers(c))
    }

    /// Every loaded file: the roles, then the fallback.
    pub fn all_files(&self) -> impl Iterator<Item = &FontFile> {
        self.files.iter().map(|(_, f)| f).chain(self.fallback())
    }

    /// The width of `text` at `size` in a role's font; characters it lacks are measured in the
    /// fallback, or as one em when no font has them.
    pub fn measure(&self, role: FontRole, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.char_advance(role, c))
            .sum::<f32>()
            * size
    }

    /// The advance of one character in ems: the role's font, else the fallback, else 1 em.
    pub fn char_advance(&self, role: FontRole, c: char) -> f32 {
        self.get(role)
            .advance(c)
            .or_else(|| self.fallback().and_then(|f| f.advance(c)))
            .unwrap_or(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_load_and_measure() {
        let fonts = FontSet::bundled().expect("bundled fonts");
        for role in FontRole::ALL.into_iter().filter(|r| *r != FontRole::Song) {
            let f = fonts.get(role);
            assert!(f.covers('政'), "{role:?} covers 政");
            assert!(f.covers('〔'), "{role:?} covers 〔");
        }
        // A CJK character is one em wide.
        let w = fonts.measure(FontRole::Fang, "政务公开", 16.0);
        assert!((w - 64.0).abs() < 0.5, "{w}");
        // Latin is narrower than CJK.
        assert!(fonts.measure(FontRole::Hei, "2016", 16.0) < 40.0);
        assert!(fonts.get(FontRole::HeiBold).bold);
        // The folio face has the digits and the 一字线.
        assert!("— 0123456789"
            .chars()
            .all(|c| fonts.get(FontRole::Song).covers(c)));
    }

    #[test]
    fn a_missing_or_broken_font_is_named() {
        let dir = std::env::temp_dir().join(format!("jiedu-fonts-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let err = FontSet::load(&dir).expect_err("missing");
        assert!(
            err.to_string().contains("title-NotoSerifSC-Bold.ttf"),
            "{err}"
        );
        std::fs::write(dir.join(FontRole::Title.file_name()), b"not a font").expect("write");
        let err = FontSet::load(&dir).expect_err("broken");
        assert!(matches!(err, RenderError::FontBroken { .. }), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
