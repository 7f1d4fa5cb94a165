//! PDF pack: layout rules on the seed policy and stress text, text extraction, fonts, record.

use jiedu_core::pack::Pack;
use jiedu_render::layout::geometry::{BLOCK_RIGHT, BLOCK_W, CHARS, LEFT, LINES};
use jiedu_render::layout::linebreak::{break_paragraph, Measure, Span, NO_LINE_END, NO_LINE_START};
use jiedu_render::layout::{layout_pack, Item, LayoutOptions};
use jiedu_render::{embedded_record, pdf, FontRole, FontSet, PdfOptions, SignedRecord};
use std::process::Command;

fn demo_pack() -> Pack {
    let text = include_str!("../../../../resources/demo/seed-pack.json");
    serde_json::from_str(text).expect("demo pack")
}

fn fonts() -> FontSet {
    FontSet::bundled().expect("fonts")
}

fn options() -> PdfOptions {
    PdfOptions {
        fonts: fonts(),
        generated_at: "2026-11-27 10:00 UTC".into(),
        created_unix: 1_795_000_000,
        attach_record: true,
        archival: true,
        signer_unit: None,
        media: Default::default(),
        portal_base: None,
    }
}

/// Every text line of a laid-out document with its page index, x and measured right edge.
fn lines(pack: &Pack) -> Vec<(usize, f32, f32, String)> {
    let fonts = fonts();
    let doc = layout_pack(pack, None, &fonts, &LayoutOptions::default()).expect("layout");
    let mut out = Vec::new();
    for (p, page) in doc.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text {
                x, spans, spacing, ..
            } = item
            {
                let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                let n = text.chars().count() as f32;
                let w: f32 = spans
                    .iter()
                    .map(|s| fonts.measure(s.role, &s.text, s.size))
                    .sum::<f32>()
                    + spacing * (n - 1.0).max(0.0)
                    + spans
                        .iter()
                        .map(|s| {
                            s.kerns.iter().map(|(_, k)| k).sum::<f32>()
                                - 0.5 * s.size * s.halves.len() as f32
                        })
                        .sum::<f32>();
                out.push((p, *x, x + w, text));
            }
        }
    }
    out
}

#[test]
fn no_punctuation_rule_is_broken_and_no_line_leaves_the_block() {
    let pack = demo_pack();
    for (page, x, right, text) in lines(&pack) {
        let folio = text.starts_with("— ") && text.ends_with(" —");
        let leader = text.chars().all(|c| c == '·');
        if folio || leader {
            continue;
        }
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().last().unwrap_or(' ');
        assert!(
            !NO_LINE_START.contains(first),
            "page {page} starts with {first}: {text}"
        );
        assert!(
            !NO_LINE_END.contains(last) || text.chars().count() == 1,
            "page {page} ends with {last}: {text}"
        );
        assert!(
            x >= LEFT - 0.5 && right <= BLOCK_RIGHT + 0.6,
            "page {page} line out of the block ({x}..{right}): {text}"
        );
    }
}

#[test]
fn stress_text_keeps_the_rules_at_every_break() {
    let fonts = fonts();
    let punct = "，。、；：？！）》」』（《「『";
    let mut text = String::new();
    for i in 0..3000 {
        let c = if i % 7 == 3 {
            punct.chars().nth(i % punct.chars().count()).unwrap_or('，')
        } else {
            '政'
        };
        text.push(c);
        if i % 97 == 0 {
            text.push_str("GB/T 9704-2012");
        }
    }
    let m = Measure {
        width: BLOCK_W,
        first_indent: 32.0,
        spacing: -0.207,
        justify: true,
    };
    let set = break_paragraph(&fonts, &[Span::new(text.as_str(), FontRole::Fang, 16.0)], m);
    for (i, l) in set.iter().enumerate() {
        let t = l.text();
        let first = t.chars().next().unwrap_or(' ');
        let last = t.chars().last().unwrap_or(' ');
        assert!(
            i == 0 || !NO_LINE_START.contains(first),
            "line {i} starts with {first}: {t}"
        );
        assert!(
            i + 1 == set.len() || !NO_LINE_END.contains(last),
            "line {i} ends with {last}: {t}"
        );
        assert!(
            l.indent + l.width(-0.207) <= BLOCK_W + 0.05,
            "line {i} too wide"
        );
    }
    // Only a space where a line breaks is dropped.
    let unspaced = |t: &str| t.chars().filter(|c| *c != ' ').collect::<String>();
    assert_eq!(
        unspaced(&set.iter().map(|l| l.text()).collect::<String>()),
        unspaced(&text)
    );
}

#[test]
fn full_policy_pages_hold_22_lines_of_28_characters() {
    let mut pack = demo_pack();
    let long: String = "政务公开".repeat(400);
    pack.content.policy.preamble = vec![long.clone()];
    pack.content.policy.sections.clear();
    pack.content.policy.issuing_authority.clear();
    let all = lines(&pack);
    // The policy starts on page 2 (after cover and contents); page 3 is a full page of text.
    let page3: Vec<&(usize, f32, f32, String)> = all
        .iter()
        .filter(|(p, _, _, t)| *p == 3 && !t.starts_with('—') && !t.starts_with("草稿"))
        .collect();
    assert_eq!(page3.len(), LINES, "lines on a full page");
    for (_, _, _, t) in &page3 {
        assert_eq!(t.chars().count(), CHARS, "{t}");
    }
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn normalize(s: &str) -> String {
    s.lines()
        .filter(|l| {
            let t = l.trim();
            let folio = t.starts_with('—') && t.ends_with('—');
            !folio && !t.starts_with("草稿 DRAFT")
        })
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn the_pdf_gives_back_every_sentence_and_passes_the_tools() {
    let pack = demo_pack();
    let out = pdf(&pack, None, &options()).expect("pdf");
    assert!(out.fallback_chars.is_empty(), "{:?}", out.fallback_chars);
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("pack.pdf");
    std::fs::write(&file, &out.bytes).expect("write");
    assert!(
        tool("pdftotext") && tool("qpdf"),
        "poppler-utils and qpdf are needed (scripts/test.sh installs them)"
    );
    let text = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = normalize(&String::from_utf8_lossy(&text.stdout));
    let c = &pack.content;
    let mut sentences: Vec<String> = c.policy.body_text().map(String::from).collect();
    if let Some(t) = &c.materials.text {
        sentences.extend(t.sections.iter().flat_map(|s| s.paragraphs.iter().cloned()));
    }
    sentences.extend(c.materials.qa.iter().map(|q| q.answer.clone()));
    let mut checked = 0;
    for paragraph in sentences {
        for sentence in paragraph.split_inclusive('。') {
            let want: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
            if want.is_empty() {
                continue;
            }
            assert!(text.contains(&want), "missing from pdftotext: {want}");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} sentences checked");

    let fonts = Command::new("pdffonts")
        .arg(&file)
        .output()
        .expect("pdffonts");
    let listing = String::from_utf8_lossy(&fonts.stdout);
    let rows: Vec<&str> = listing.lines().skip(2).collect();
    assert!(rows.len() >= 4, "{listing}");
    for row in rows {
        let name = row.split_whitespace().next().unwrap_or("");
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "not a subset: {row}"
        );
        assert!(row.contains(" yes yes "), "not embedded as subset: {row}");
    }
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&file)
        .output()
        .expect("qpdf");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let info = Command::new("pdfinfo")
        .arg("-f")
        .arg("1")
        .arg("-l")
        .arg("999")
        .arg(&file)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:") && !l.starts_with("Page size:"))
        .collect();
    assert_eq!(sizes.len(), out.pages);
    assert!(
        sizes.iter().all(|l| l.contains("595.276 x 841.89")),
        "{sizes:?}"
    );
    assert!(out.bytes.len() < 600_000, "{} bytes", out.bytes.len());
}

#[test]
fn the_record_travels_inside_the_pdf() {
    let pack = demo_pack();
    let out = pdf(&pack, None, &options()).expect("pdf");
    let json = embedded_record(&out.bytes)
        .expect("readable")
        .expect("attached");
    let record: SignedRecord = serde_json::from_slice(&json).expect("record");
    assert_eq!(record.content, pack.content);
    assert_eq!(record.pack_id, pack.id);
    let mut plain = options();
    plain.attach_record = false;
    let out = pdf(&pack, None, &plain).expect("pdf");
    assert_eq!(embedded_record(&out.bytes).expect("readable"), None);
}

#[test]
fn a_chart_that_cannot_render_is_named() {
    let mut pack = demo_pack();
    pack.content.materials.charts[1].series[0].values.clear();
    let err = pdf(&pack, None, &options()).expect_err("bad chart");
    assert!(err.to_string().contains("key-areas"), "{err}");
}

#[test]
fn the_new_elements_print_and_a_forwarded_regulation_keeps_its_units() {
    use jiedu_core::{Attachment, Colophon, HeadingLevel, Section};
    let mut pack = demo_pack();
    let unit = |level, number: &str, heading: &str, text: &str| Section {
        level,
        number: number.into(),
        heading: heading.into(),
        paragraphs: (!text.is_empty())
            .then(|| text.to_string())
            .into_iter()
            .collect(),
    };
    let policy = &mut pack.content.policy;
    policy.addressee = "各省、自治区、直辖市国土资源主管部门".into();
    policy.annotation = "（此件公开发布）".into();
    policy.colophon = Colophon {
        copied_to: "国务院办公厅".into(),
        printed_by: "国土资源部办公厅".into(),
        printed_on: chrono::NaiveDate::from_ymd_opt(2016, 12, 31),
    };
    policy.attachments = vec![Attachment {
        title: "国土资源信息公开办法".into(),
        paragraphs: Vec::new(),
        sections: vec![
            unit(HeadingLevel::Chapter, "第一章", "总则", ""),
            unit(
                HeadingLevel::Article,
                "第一条",
                "",
                "为了规范信息公开，制定本办法。",
            ),
            unit(HeadingLevel::Item, "（一）", "", "公开的范围；"),
            unit(HeadingLevel::Article, "二、", "", "依照本办法公开。"),
        ],
        file_name: None,
    }];
    let text: Vec<String> = lines(&pack).into_iter().map(|(_, _, _, t)| t).collect();
    let has = |needle: &str| text.iter().any(|t| t.starts_with(needle));
    assert!(has("各省、自治区、直辖市国土资源主管部门："), "{text:?}");
    assert!(has("（此件公开发布）"));
    assert!(has("抄送：国务院办公厅。"));
    // The 印发 line: the office 左空一字 and the date 右空一字, on one baseline.
    assert!(has("国土资源部办公厅"), "{text:?}");
    assert!(has("2016年12月31日印发"), "{text:?}");
    assert!(has("第一章　总则"));
    assert!(has("第一条　为了规范信息公开"));
    assert!(has("（一）公开的范围"));
    // `二、` carries its own separator.
    assert!(has("二、依照本办法公开。"), "{text:?}");
}

/// The Python that has pdfplumber: `$JIEDU_PYTOOLS_PYTHON` (scripts/setup.sh sets it), else the
/// venv that set-up makes.
fn measuring_python() -> String {
    std::env::var("JIEDU_PYTOOLS_PYTHON")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "/var/tmp/jiedu-pytools/bin/python".to_string())
}

#[test]
fn every_demo_pack_holds_the_fidelity_report_measured_on_the_written_pdf() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/demo");
    let mut packs: Vec<std::path::PathBuf> = [
        "seed-pack.json",
        "incomplete-pack.json",
        "chart-gallery-pack.json",
    ]
    .iter()
    .map(|f| root.join(f))
    .collect();
    let mut gongwen: Vec<_> = std::fs::read_dir(root.join("gongwen"))
        .expect("resources/demo/gongwen")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    gongwen.sort();
    assert!(gongwen.len() >= 7, "{gongwen:?}");
    packs.extend(gongwen);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut args = Vec::new();
    for path in &packs {
        let pack: Pack = serde_json::from_slice(&std::fs::read(path).expect("read")).expect("pack");
        let out = pdf(&pack, None, &options()).expect("pdf");
        let file = dir.path().join(format!("{}.pdf", pack.id));
        std::fs::write(&file, &out.bytes).expect("write");
        args.push(path.clone());
        args.push(file);
    }
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/fidelity-report.py");
    let python = measuring_python();
    let run = Command::new(&python)
        .arg(&script)
        .args(&args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{python} (with pdfplumber, installed by scripts/test.sh) could not run: {e}")
        });
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "fidelity report fails:\n{report}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    // Every pack was measured, each element it has.
    assert_eq!(report.matches("\n== ").count(), packs.len(), "{report}");
    assert!(report.contains("标志 top edge"), "{report}");
    assert!(
        report.contains("版记 last rule on the block's bottom edge"),
        "{report}"
    );
    assert!(report.contains("签发人 居右空一字"), "{report}");
    assert!(report.contains("联合行文 names stacked"), "{report}");
    assert!(report.contains("信函 double rules 170 mm"), "{report}");
    assert!(report.contains("folio in a Song face"), "{report}");
}
