//! The archival outputs: the OFD drawn by an independent reader (the `ofd-core` crate) against
//! the PDF drawn by poppler, page by page; the OFD's parts and metadata; the PDF's archival
//! form and its plain form; and a character no font has, refused in every format.

use image::GrayImage;
use jiedu_core::pack::Pack;
use jiedu_render::{ofd, pdf, FontSet, PdfOptions, RenderError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn pack(file: &str) -> Pack {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../resources/demo")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("demo pack");
    serde_json::from_str(&text).expect("demo pack parses")
}

fn options() -> PdfOptions {
    PdfOptions {
        fonts: FontSet::bundled().expect("fonts"),
        generated_at: "2026-11-27 10:00 UTC".into(),
        created_unix: 1_795_000_000,
        attach_record: true,
        archival: true,
        signer_unit: None,
        media: Default::default(),
        portal_base: None,
    }
}

/// Where the page comparisons are left for a look.
fn artifacts(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../test-artifacts/ofd")
        .join(name);
    std::fs::create_dir_all(&dir).expect("artifacts dir");
    dir
}

const DPI: u32 = 50;

fn pdf_pages(bytes: &[u8], dir: &Path) -> Vec<GrayImage> {
    let file = dir.join("pack.pdf");
    std::fs::write(&file, bytes).expect("write pdf");
    let status = Command::new("pdftoppm")
        .args(["-gray", "-png", "-r", &DPI.to_string()])
        .arg(&file)
        .arg(dir.join("pdf"))
        .status()
        .expect("pdftoppm runs (poppler-utils)");
    assert!(status.success());
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pdf-") && n.ends_with(".png"))
        })
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| image::open(p).expect("page png").to_luma8())
        .collect()
}

fn ofd_pages(bytes: &[u8], dir: &Path) -> Vec<GrayImage> {
    let file = dir.join("pack.ofd");
    std::fs::write(&file, bytes).expect("write ofd");
    let mut reader = ofd_core::OfdReader::open(&file).expect("ofd-core opens the OFD");
    let body = reader.ofd().doc_bodies[0].clone();
    let doc = reader
        .load_document(&body)
        .expect("ofd-core loads the document");
    let options = ofd_core::RenderOptions::with_dpi(f64::from(DPI));
    (0..doc.pages().len())
        .map(|i| {
            let page = reader
                .render_page_to_image(&doc, i, &options)
                .expect("ofd-core renders the page");
            let gray = image::DynamicImage::ImageRgba8(page).to_luma8();
            gray.save(dir.join(format!("ofd-{:02}.png", i + 1)))
                .expect("save");
            gray
        })
        .collect()
}

/// Side of the squares compared, in pixels: 6 px at 50 dpi is 3 mm, a character's size.
const BLOCK: u32 = 6;

/// The share of 3 mm squares whose mean grey differs by more than an eighth of the range. The
/// two renderers weigh strokes differently (ofd-core draws without hinting or gamma), which
/// moves a square's mean a little; a glyph, rule or bar that is missing or misplaced moves it a
/// lot.
fn differing(a: &GrayImage, b: &GrayImage) -> f64 {
    let (w, h) = (a.width().min(b.width()), a.height().min(b.height()));
    let mean = |img: &GrayImage, bx: u32, by: u32| {
        let mut sum = 0u32;
        for y in by..by + BLOCK {
            for x in bx..bx + BLOCK {
                sum += u32::from(img.get_pixel(x, y)[0]);
            }
        }
        sum as f64 / f64::from(BLOCK * BLOCK)
    };
    let (mut n, mut total) = (0u32, 0u32);
    for by in (0..h.saturating_sub(BLOCK)).step_by(BLOCK as usize) {
        for bx in (0..w.saturating_sub(BLOCK)).step_by(BLOCK as usize) {
            total += 1;
            if (mean(a, bx, by) - mean(b, bx, by)).abs() > 32.0 {
                n += 1;
            }
        }
    }
    f64::from(n) / f64::from(total.max(1))
}

/// Ink on a page (its mean darkness), so that a blank rendering cannot pass as a match.
fn ink(a: &GrayImage) -> f64 {
    let dark: u64 = a.pixels().map(|p| u64::from(255 - p[0])).sum();
    dark as f64 / 255.0 / f64::from(a.width() * a.height())
}

#[test]
fn an_independent_reader_draws_the_ofd_as_poppler_draws_the_pdf() {
    for file in [
        "seed-pack.json",
        "chart-gallery-pack.json",
        "gongwen/gongwen-joint-notice.json",
    ] {
        let pack = pack(file);
        let options = options();
        let p = pdf(&pack, None, &options).expect("pdf");
        let o = ofd(&pack, None, &options).expect("ofd");
        assert_eq!(o.pages, p.pages, "{file}: page count");
        let dir = artifacts(&file.replace(['/', '.'], "-"));
        let from_pdf = pdf_pages(&p.bytes, &dir);
        let from_ofd = ofd_pages(&o.bytes, &dir);
        assert_eq!(from_ofd.len(), from_pdf.len(), "{file}: pages drawn");
        let mut worst = (0.0f64, 0usize);
        for (i, (a, b)) in from_ofd.iter().zip(&from_pdf).enumerate() {
            assert!(
                (a.width(), a.height()).0.abs_diff(b.width()) <= 1,
                "{file} page {}: sizes {}x{} vs {}x{}",
                i + 1,
                a.width(),
                a.height(),
                b.width(),
                b.height()
            );
            let (ink_ofd, ink_pdf) = (ink(a), ink(b));
            // ofd-core draws glyphs without hinting or gamma, so a little heavier than poppler.
            assert!(
                ink_ofd >= 0.5 * ink_pdf && ink_ofd <= 2.0 * ink_pdf + 0.001,
                "{file} page {}: ink {ink_ofd:.4} in the OFD, {ink_pdf:.4} in the PDF",
                i + 1
            );
            let d = differing(a, b);
            if d > worst.0 {
                worst = (d, i + 1);
            }
            assert!(
                d < 0.001,
                "{file} page {}: {:.2}% of 3 mm squares differ (pictures in {})",
                i + 1,
                d * 100.0,
                dir.display()
            );
        }
        println!(
            "{file}: {} pages, worst page {} with {:.3}% of 3 mm squares differing; pictures in {}",
            from_pdf.len(),
            worst.1,
            worst.0 * 100.0,
            dir.display()
        );
    }
}

/// The OFD with the `nth` TextObject of page `page` (from 0) taken out.
fn without_text_object(bytes: &[u8], page: usize, nth: usize) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let target = format!("Doc_0/Pages/Page_{page}/Content.xml");
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let name = entry.name().expect("name").to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == target {
            let text = String::from_utf8(data).expect("utf-8");
            let start = text
                .match_indices("<ofd:TextObject ")
                .nth(nth)
                .map(|(i, _)| i)
                .expect("that many text objects");
            let end = start + text[start..].find("</ofd:TextObject>").expect("closed") + 17;
            data = format!("{}{}", &text[..start], &text[end..]).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        std::io::Write::write_all(&mut out, &data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

#[test]
fn the_page_comparison_notices_one_missing_line() {
    let pack = pack("seed-pack.json");
    let options = options();
    let p = pdf(&pack, None, &options).expect("pdf");
    let o = ofd(&pack, None, &options).expect("ofd");
    let dir = artifacts("missing-line");
    let from_pdf = pdf_pages(&p.bytes, &dir);
    // Page 4 is body text; its tenth text object is a run of one line of a paragraph.
    let from_ofd = ofd_pages(&without_text_object(&o.bytes, 3, 10), &dir);
    let d = differing(&from_ofd[3], &from_pdf[3]);
    assert!(
        d > 0.001,
        "one missing line changed only {:.3}% of squares",
        d * 100.0
    );
    assert!(
        differing(&from_ofd[4], &from_pdf[4]) < 0.001,
        "the other pages still match"
    );
}

fn ofd_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the OFD is a zip");
    let mut part = zip.by_name(name).expect("part present");
    let mut text = String::new();
    part.read_to_string(&mut text).expect("utf-8 xml");
    text
}

#[test]
fn the_ofd_carries_its_metadata_outline_and_fonts() {
    let pack = pack("gongwen/gongwen-joint-notice.json");
    let o = ofd(&pack, None, &options()).expect("ofd");
    let info = ofd_part(&o.bytes, "OFD.xml");
    let policy = pack.policy();
    assert!(info.contains(&format!("<ofd:Title>{}</ofd:Title>", policy.title)));
    let number = policy.doc_number.as_deref().expect("the demo has a 文号");
    assert!(
        info.contains(&format!(
            "<ofd:CustomData Name=\"文号\">{number}</ofd:CustomData>"
        )),
        "{info}"
    );
    assert!(info.contains("<ofd:CreationDate>2026-11-18</ofd:CreationDate>"));
    let document = ofd_part(&o.bytes, "Doc_0/Document.xml");
    assert!(document.contains("<ofd:OutlineElem Title=\"政策文件\">"));
    let res = ofd_part(&o.bytes, "Doc_0/PublicRes.xml");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&o.bytes)).expect("zip");
    let fonts: Vec<String> = (0..zip.len())
        .filter_map(|i| {
            zip.by_index(i)
                .ok()
                .and_then(|f| f.name().ok().map(|n| n.to_string()))
        })
        .filter(|n| n.ends_with(".ttf"))
        .collect();
    assert!(!fonts.is_empty());
    for name in fonts {
        let file = name.trim_start_matches("Doc_0/Res/");
        assert!(res.contains(&format!("<ofd:FontFile>{file}</ofd:FontFile>")));
        let mut bytes = Vec::new();
        zip.by_name(&name)
            .expect("font")
            .read_to_end(&mut bytes)
            .expect("read");
        let face = ttf_parser::Face::parse(&bytes, 0).expect("an embedded font parses");
        assert!(face.tables().glyf.is_some(), "{name} is TrueType");
        assert!(
            face.glyph_index('文').is_some() || face.glyph_index('—').is_some(),
            "{name} maps its characters"
        );
    }
}

#[test]
fn the_plain_pdf_has_the_record_attached_and_no_archival_parts() {
    let pack = pack("seed-pack.json");
    let mut options = options();
    options.archival = false;
    let plain = pdf(&pack, None, &options).expect("plain pdf");
    let text = String::from_utf8_lossy(&plain.bytes);
    assert!(!text.contains("/StructTreeRoot") && !text.contains("pdfaid"));
    assert!(text.contains("/EmbeddedFiles"));
    let archival = pdf(&pack, None, &self::options()).expect("archival pdf");
    let text = String::from_utf8_lossy(&archival.bytes);
    assert!(text.contains("/StructTreeRoot") && text.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(
        !text.contains("/EmbeddedFiles"),
        "PDF/A-2 carries no non-PDF/A attachment"
    );
    for bytes in [&plain.bytes, &archival.bytes] {
        let record = jiedu_render::embedded_record(bytes)
            .expect("readable")
            .expect("both forms carry the record");
        assert!(!record.is_empty());
    }
}

#[test]
fn a_character_no_font_has_is_refused_by_name_in_every_format() {
    let mut pack = pack("seed-pack.json");
    // An Egyptian hieroglyph: in no bundled font and not in Noto CJK either.
    pack.content.policy.preamble[0].push_str("附𓀀");
    let options = options();
    let refused = |e: RenderError| match e {
        RenderError::MissingGlyph {
            ch, page, context, ..
        } => {
            assert_eq!(ch, '𓀀');
            assert!(page > 0 && context.contains('𓀀'), "{page} {context}");
            let message = e_message(ch);
            assert!(message.contains("U+13000"), "{message}");
        }
        other => panic!("expected MissingGlyph, got {other}"),
    };
    refused(pdf(&pack, None, &options).expect_err("pdf refuses"));
    refused(ofd(&pack, None, &options).expect_err("ofd refuses"));

    // In a chart label: refused by the display list every chart output is drawn from.
    let mut pack = self::pack("seed-pack.json");
    let chart = &mut pack.content.materials.charts[0];
    chart.categories[0].push('𓀀');
    let id = chart.id.clone();
    let style = jiedu_render::ChartStyle::new(options.fonts.clone());
    let chart_refused = |e: RenderError| match &e {
        RenderError::ChartMissingGlyph {
            chart, ch, text, ..
        } => {
            assert_eq!((chart.as_str(), *ch), (id.as_str(), '𓀀'));
            assert!(
                text.contains('𓀀') && e.to_string().contains("U+13000"),
                "{e}"
            );
        }
        other => panic!("expected ChartMissingGlyph, got {other}"),
    };
    let spec = &pack.content.materials.charts[0];
    chart_refused(jiedu_render::chart_svg(spec, &style).expect_err("svg refuses"));
    chart_refused(pdf(&pack, None, &options).expect_err("pdf refuses the chart"));
    chart_refused(ofd(&pack, None, &options).expect_err("ofd refuses the chart"));
}

fn e_message(ch: char) -> String {
    RenderError::MissingGlyph {
        ch,
        code: ch as u32,
        page: 1,
        context: String::new(),
    }
    .to_string()
}
