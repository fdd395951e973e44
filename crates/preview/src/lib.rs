//! The link-preview images as PNG (docs/prerender.md): a card's SVG
//! (`cluster_core::og`) drawn by `resvg` with the system's Noto fonts, so
//! that Arabic is shaped as a browser shapes it, then written with a palette
//! (a card has few colours: a fifth of the bytes of true colour, and a fifth
//! of the time to compress). Nothing is downloaded: the fonts are Debian's
//! `fonts-noto-core` (scripts/setup.sh), or the folder `CLUSTER_FONTS_DIR`
//! names. Native only: the build step and the reference server call it.
use resvg::{tiny_skia, usvg};
use std::path::PathBuf;
use std::sync::Arc;

/// Where the fonts are looked for when `CLUSTER_FONTS_DIR` is not set.
const NOTO: &str = "/usr/share/fonts/truetype/noto";

/// The font files the cards use: Latin, then Arabic, regular and bold.
const FILES: [&str; 6] = [
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
    "NotoNaskhArabic-Regular.ttf",
    "NotoNaskhArabic-Bold.ttf",
    "NotoSansArabic-Regular.ttf",
    "NotoSansArabic-Bold.ttf",
];

/// The renderer's options with the cards' fonts loaded, once.
pub struct Renderer {
    options: usvg::Options<'static>,
}

impl Renderer {
    /// Loads the fonts; fails naming the folder and the files it lacks.
    pub fn new() -> Result<Renderer, String> {
        let dir = std::env::var_os("CLUSTER_FONTS_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(NOTO));
        let mut db = usvg::fontdb::Database::new();
        let mut missing = Vec::new();
        for file in FILES {
            match std::fs::read(dir.join(file)) {
                Ok(bytes) => db.load_font_data(bytes),
                Err(_) => missing.push(file),
            }
        }
        if !missing.is_empty() {
            return Err(format!(
                "the preview images need the Noto fonts: {} not in {} (install Debian's fonts-noto-core, or set CLUSTER_FONTS_DIR)",
                missing.join(", "),
                dir.display()
            ));
        }
        db.set_sans_serif_family("Noto Sans");
        let options = usvg::Options { fontdb: Arc::new(db), ..usvg::Options::default() };
        Ok(Renderer { options })
    }

    /// The PNG of `svg`, drawn at `width` × `height` pixels (scaled to fit).
    pub fn png(&self, svg: &str, width: u32, height: u32) -> Result<Vec<u8>, String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| format!("a preview's SVG: {e}"))?;
        let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("a preview's size")?;
        pixmap.fill(tiny_skia::Color::WHITE);
        let size = tree.size();
        let scale = (width as f32 / size.width()).min(height as f32 / size.height());
        resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        encode(pixmap.data(), width, height).map_err(|e| format!("a preview's PNG: {e}"))
    }
}

/// Opaque RGBA pixels as a PNG: with a palette when they have 256 colours
/// or fewer once the anti-aliased edges' shades are rounded (to 16 levels a
/// channel where needed), else in true colour.
pub fn encode(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::with_capacity(32 * 1024);
    for bits in [8u32, 6, 5, 4] {
        if let Some((palette, indices)) = indexed(rgba, bits) {
            let mut encoder = png::Encoder::new(&mut out, width, height);
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_palette(palette);
            let mut writer = encoder.write_header()?;
            writer.write_image_data(&indices)?;
            writer.finish()?;
            return Ok(out);
        }
    }
    let rgb: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}

/// The palette (RGB triples) and each pixel's index in it, each channel
/// rounded to `bits` significant bits; `None` past 256 colours.
fn indexed(rgba: &[u8], bits: u32) -> Option<(Vec<u8>, Vec<u8>)> {
    let keep = 0xffu8 << (8 - bits);
    let round = |c: u8| if bits == 8 { c } else { (c & keep) | ((c & keep) >> bits) };
    let mut slots: std::collections::HashMap<[u8; 3], u8> = std::collections::HashMap::with_capacity(256);
    let mut palette = Vec::with_capacity(768);
    let mut indices = Vec::with_capacity(rgba.len() / 4);
    // Most pixels repeat the one before (flat fills): no lookup for them.
    let mut last: Option<([u8; 4], u8)> = None;
    for p in rgba.chunks_exact(4) {
        if let Some((_, index)) = last.filter(|(before, _)| before == p) {
            indices.push(index);
            continue;
        }
        let colour = [round(p[0]), round(p[1]), round(p[2])];
        let index = match slots.get(&colour) {
            Some(i) => *i,
            None => {
                let i = u8::try_from(slots.len()).ok()?;
                slots.insert(colour, i);
                palette.extend_from_slice(&colour);
                i
            }
        };
        indices.push(index);
        last = Some(([p[0], p[1], p[2], p[3]], index));
    }
    Some((palette, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size_of(png: &[u8]) -> (u32, u32, u8) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
        (be(16), be(20), png[25])
    }

    #[test]
    fn few_colours_get_a_palette_and_many_true_colour() {
        let flat: Vec<u8> = (0..64 * 64).flat_map(|i| if i % 3 == 0 { [10, 99, 73, 255] } else { [255, 255, 255, 255] }).collect();
        let png = encode(&flat, 64, 64).unwrap();
        assert_eq!(size_of(&png), (64, 64, 3), "colour type 3: a palette");
        let many: Vec<u8> =
            (0..256 * 256u32).flat_map(|i| [(i % 256) as u8, (i / 256) as u8, (i.wrapping_mul(37) % 256) as u8, 255]).collect();
        assert_eq!(size_of(&encode(&many, 256, 256).unwrap()), (256, 256, 2), "colour type 2: true colour");
    }

    #[test]
    fn a_card_with_arabic_text_is_drawn_at_the_asked_size() {
        let renderer = Renderer::new().expect("the Noto fonts (scripts/setup.sh installs fonts-noto-core)");
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="315"><rect width="600" height="315" fill="#fff"/><text x="560" y="120" font-size="48" font-family="'Noto Naskh Arabic'" text-anchor="end" direction="rtl">طاقة الجنوب</text></svg>"##;
        let png = renderer.png(svg, 1200, 630).unwrap();
        assert_eq!(size_of(&png).0, 1200);
        assert_eq!(size_of(&png).1, 630);
        // The text is drawn: more than the background's one colour.
        let blank = renderer.png(r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="315"/>"#, 1200, 630).unwrap();
        assert!(png.len() > blank.len() + 500, "{} vs {}", png.len(), blank.len());
        assert!(renderer.png("<svg", 10, 10).is_err());
    }
}
