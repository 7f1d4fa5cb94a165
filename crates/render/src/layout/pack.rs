//! The whole interpretation pack: cover, contents, policy, plan, text interpretation, charts,
//! images and audio/video, Q&A, checklist and sign-off record, with page numbers and the outline.

use super::flow::Flow;
use super::geometry::{
    BASELINE, BLOCK_BOTTOM, BLOCK_RIGHT, BLOCK_W, BODY, FOLIO, LEFT, MM, PITCH, TITLE, TOP,
};
use super::linebreak::{break_paragraph, Measure, SetLine, Span};
use super::policy::{body_measure, centred, date_zh, layout_policy};
use super::{Document, FieldPlace, Item, Page, Rgb, Role, Tag};
use crate::chart::{chart_drawing, ChartStyle};
use crate::error::RenderError;
use crate::fonts::{FontRole, FontSet};
use jiedu_core::media::MediaLibrary;
use jiedu_core::pack::{Pack, PackState, SignRecord};
use jiedu_core::plan::{InterpretationPlan, ReleaseTiming};
use jiedu_core::rules::{check, CheckStatus, Severity};

/// Options of the layout.
#[derive(Debug, Clone, Default)]
pub struct LayoutOptions {
    /// Shown on the cover as the time of export, e.g. `2026-11-27 10:00`.
    pub generated_at: String,
    /// The signing leader's unit, shown in the signature field.
    pub signer_unit: Option<String>,
    /// The bytes of the pack's images, audio and video.
    pub media: MediaLibrary,
    /// The unit's portal site path, for the links of audio and video.
    pub portal_base: Option<String>,
}

const SMALL: f32 = 14.0;
const SMALL_PITCH: f32 = 22.0;

fn small_measure(width: f32) -> Measure {
    Measure {
        width,
        first_indent: 0.0,
        spacing: 0.0,
        justify: true,
    }
}

/// Lays the pack out. The signature shown is `record` (normally the pack's own).
pub fn layout_pack(
    pack: &Pack,
    record: Option<&SignRecord>,
    fonts: &FontSet,
    options: &LayoutOptions,
) -> Result<Document, RenderError> {
    let signed = record.is_some() && matches!(pack.state, PackState::Signed | PackState::Deployed);
    // Body sections first, so the contents page can give their page numbers.
    let mut flow = Flow::new(fonts);
    // The cover and the contents page come first; the contents page is folio 1.
    flow.folio_offset = 2;
    layout_policy(&mut flow, pack.policy());
    if let Some(plan) = &pack.content.plan {
        section_title(&mut flow, "解读方案");
        plan_table(&mut flow, plan);
    }
    if let Some(text) = &pack.content.materials.text {
        section_title(&mut flow, "文字解读");
        flow.heading(2, |flow| {
            centred(flow, &text.title, FontRole::Hei, BODY, Rgb::INK, PITCH)
        });
        flow.advance(PITCH * 0.5);
        for s in &text.sections {
            flow.label = heading_number(&s.heading);
            flow.heading(3, |flow| {
                body(flow, &[Span::new(s.heading.as_str(), FontRole::Hei, BODY)])
            });
            for p in &s.paragraphs {
                body(&mut flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
            }
        }
    }
    if !pack.content.materials.charts.is_empty() {
        section_title(&mut flow, "图表图解");
        let style = ChartStyle::new(fonts.clone());
        for spec in &pack.content.materials.charts {
            let drawing = chart_drawing(spec, &style)?;
            flow.chart(drawing, spec.alt_text());
            flow.advance(PITCH);
        }
    }
    if !pack.content.materials.media.is_empty() {
        section_title(&mut flow, "图片与音视频");
        super::media::media_section(
            &mut flow,
            pack,
            &options.media,
            options.portal_base.as_deref(),
        )?;
    }
    if !pack.content.materials.qa.is_empty() {
        section_title(&mut flow, "政策问答");
        for (i, qa) in pack.content.materials.qa.iter().enumerate() {
            let number = format!("{}. ", i + 1);
            flow.label = number.chars().count() as u16;
            let q = format!("{number}{}", qa.question);
            flow.heading(2, |flow| body(flow, &[Span::new(q, FontRole::Hei, BODY)]));
            for (j, p) in qa
                .answer
                .split('\n')
                .filter(|p| !p.trim().is_empty())
                .enumerate()
            {
                let text = if j == 0 {
                    format!("答：{p}")
                } else {
                    p.to_string()
                };
                body(&mut flow, &[Span::new(text, FontRole::Fang, BODY)]);
            }
        }
    }
    section_title(&mut flow, "关口检查清单");
    checklist(&mut flow, pack);
    let mut signature_field = None;
    if let (true, Some(record)) = (signed, record) {
        section_title(&mut flow, "审签记录");
        sign_record(&mut flow, record);
        signature_field = Some(signature_box(&mut flow, record, options));
    }

    let contents: Vec<(String, usize)> = flow
        .outline
        .iter()
        .map(|o| (o.title.clone(), o.page))
        .collect();
    let mut pages = vec![
        cover(fonts, pack, record.filter(|_| signed), options),
        contents_page(fonts, &contents),
    ];
    let body_pages = flow.pages.len();
    pages.extend(flow.pages);
    let mut outline = vec![super::OutlineEntry {
        title: "目录".into(),
        page: 1,
    }];
    outline.extend(flow.outline.into_iter().map(|mut o| {
        o.page += 2;
        o
    }));
    debug_assert_eq!(pages.len(), body_pages + 2);
    for (i, page) in pages.iter_mut().enumerate().skip(1) {
        if !page.no_folio {
            folio(fonts, page, i);
        }
        if !signed {
            draft_header(page);
        }
    }
    Ok(Document {
        pages,
        outline,
        fallback_chars: Vec::new(),
        // Two pages (cover and contents) precede the flow.
        signature_field: signature_field.map(|f| FieldPlace {
            page: f.page + 2,
            ..f
        }),
        structure: flow.structure,
    })
}

/// The framed block under the sign-off record where the PDF's visible signature field goes:
/// the signer, unit and time in the page's own fonts (a reader's field appearance cannot be
/// relied on to have Chinese glyphs), which the PAdES signature then covers.
fn signature_box(flow: &mut Flow<'_>, r: &SignRecord, options: &LayoutOptions) -> FieldPlace {
    let mut lines = vec![
        (
            "电子签名 Digital signature (PAdES)".to_string(),
            FontRole::Hei,
        ),
        (
            format!("审签人：{}（{}）", r.signer_name, r.signer_id),
            FontRole::Fang,
        ),
    ];
    if let Some(unit) = options.signer_unit.as_deref().filter(|u| !u.is_empty()) {
        lines.push((format!("单位：{unit}"), FontRole::Fang));
    }
    lines.push((
        format!("时间：{}", r.signed_at.format("%Y-%m-%d %H:%M:%S UTC")),
        FontRole::Fang,
    ));
    let h = lines.len() as f32 * SMALL_PITCH + 12.0;
    let w = BLOCK_W * 0.6;
    flow.advance(SMALL_PITCH);
    flow.ensure(h);
    let (x, y) = (BLOCK_RIGHT - w, flow.y);
    flow.push(Item::Rect {
        x,
        y,
        w,
        h,
        fill: None,
        stroke: Some((Rgb::RED, 1.0)),
    });
    for (i, (text, role)) in lines.into_iter().enumerate() {
        let spans = break_paragraph(
            flow.fonts,
            &[Span::new(text, role, SMALL)],
            small_measure(w - 16.0),
        )
        .into_iter()
        .next()
        .map(|line| line.spans)
        .unwrap_or_default();
        flow.push(Item::Text {
            x: x + 8.0,
            y: y + 6.0 + i as f32 * SMALL_PITCH + SMALL_PITCH * 0.75,
            spans,
            spacing: 0.0,
            color: Rgb::INK,
            tag: Tag::Auto,
        });
    }
    flow.y = y + h;
    FieldPlace {
        page: flow.page_index(),
        x,
        y,
        w,
        h,
    }
}

/// How many leading characters of a heading are its number: `一、`, `（一）`, `1.`, `第一条`.
fn heading_number(heading: &str) -> u16 {
    let chars: Vec<char> = heading.chars().collect();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c);
    let n = match chars.first() {
        Some('（' | '(') => chars
            .iter()
            .position(|c| matches!(c, '）' | ')'))
            .filter(|&end| end > 1 && chars[1..end].iter().all(|c| numeral(*c)))
            .map_or(0, |end| end + 1),
        Some('第') => chars
            .iter()
            .position(|c| "章节条".contains(*c))
            .filter(|&end| end > 1 && chars[1..end].iter().all(|c| numeral(*c)))
            .map_or(0, |end| end + 1),
        Some(c) if numeral(*c) => {
            let digits = chars.iter().take_while(|c| numeral(**c)).count();
            match chars.get(digits) {
                Some('、' | '.' | '．') => digits + 1,
                _ => 0,
            }
        }
        _ => 0,
    };
    n as u16
}

fn body(flow: &mut Flow<'_>, spans: &[Span]) {
    flow.paragraph(spans, LEFT, body_measure(), PITCH, BASELINE, Rgb::INK);
}

fn section_title(flow: &mut Flow<'_>, title: &str) {
    flow.new_page();
    flow.bookmark(title);
    flow.heading(1, |flow| {
        centred(flow, title, FontRole::Title, TITLE, Rgb::INK, PITCH * 1.5)
    });
    flow.advance(PITCH * 0.5);
}

/// Places a label and its value lines as one table row with a rule above it.
fn row(flow: &mut Flow<'_>, label: &str, values: &[String]) {
    let label_w = 116.0;
    let value_w = BLOCK_W - label_w - 12.0;
    let mut lines = Vec::new();
    for v in values.iter().filter(|v| !v.trim().is_empty()) {
        lines.extend(break_paragraph(
            flow.fonts,
            &[Span::new(v.as_str(), FontRole::Fang, SMALL)],
            small_measure(value_w),
        ));
    }
    if lines.is_empty() {
        lines.extend(break_paragraph(
            flow.fonts,
            &[Span::new("未填写", FontRole::Fang, SMALL)],
            small_measure(value_w),
        ));
    }
    let label_lines = break_paragraph(
        flow.fonts,
        &[Span::new(label, FontRole::Hei, SMALL)],
        small_measure(label_w - 8.0),
    );
    let height = lines.len().max(label_lines.len()) as f32 * SMALL_PITCH + 10.0;
    if height < super::geometry::BLOCK_H {
        flow.ensure(height);
    }
    let top = flow.y;
    flow.push(Item::Rule {
        x1: LEFT,
        y1: top,
        x2: BLOCK_RIGHT,
        y2: top,
        width: 0.6,
        color: Rgb::GREY,
    });
    flow.advance(5.0);
    flow.within(Role::TR, |flow| {
        flow.tagged(Role::TH, |flow| row_label(flow, label_lines));
        flow.tagged(Role::TD, |flow| row_values(flow, lines, label_w));
    });
    flow.advance(5.0);
}

fn row_label(flow: &mut Flow<'_>, label_lines: Vec<SetLine>) {
    for (i, l) in label_lines.into_iter().enumerate() {
        flow.push(Item::Text {
            x: LEFT + 4.0,
            y: flow.y + SMALL_PITCH * (0.75 + i as f32),
            spans: l.spans,
            spacing: 0.0,
            color: Rgb::INK,
            tag: Tag::Auto,
        });
    }
}

fn row_values(flow: &mut Flow<'_>, lines: Vec<SetLine>, label_w: f32) {
    for line in lines {
        flow.ensure(SMALL_PITCH);
        let y = flow.y + SMALL_PITCH * 0.75;
        flow.push(Item::Text {
            x: LEFT + label_w + 12.0,
            y,
            spans: line.spans,
            spacing: line.spacing,
            color: Rgb::INK,
            tag: Tag::Auto,
        });
        flow.advance(SMALL_PITCH);
    }
}

/// Closes a table with a rule under its last row.
fn close_table(flow: &mut Flow<'_>) {
    let y = flow.y;
    flow.push(Item::Rule {
        x1: LEFT,
        y1: y,
        x2: BLOCK_RIGHT,
        y2: y,
        width: 0.6,
        color: Rgb::GREY,
    });
}

/// A grey note in small type a line below a table.
fn table_note(flow: &mut Flow<'_>, text: &str) {
    flow.advance(SMALL_PITCH);
    flow.paragraph(
        &[Span::new(text, FontRole::Fang, SMALL)],
        LEFT,
        small_measure(BLOCK_W),
        SMALL_PITCH,
        SMALL_PITCH * 0.75,
        Rgb::GREY,
    );
}

fn plan_table(flow: &mut Flow<'_>, plan: &InterpretationPlan) {
    flow.within(Role::Table, |flow| plan_rows(flow, plan));
    close_table(flow);
}

fn plan_rows(flow: &mut Flow<'_>, plan: &InterpretationPlan) {
    let join = |v: Vec<&str>| v.join("、");
    let timing = match plan.timing {
        ReleaseTiming::WithPolicy => "与政策文件同步发布".to_string(),
        ReleaseTiming::WithinWorkingDays { days } => format!("政策文件发布后{days}个工作日内"),
    };
    let numbered = |items: &[String]| -> Vec<String> {
        items
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect()
    };
    row(
        flow,
        "解读单位",
        std::slice::from_ref(&plan.interpreting_unit),
    );
    row(
        flow,
        "第一解读人",
        std::slice::from_ref(&plan.first_interpreter),
    );
    row(
        flow,
        "解读形式",
        &[join(plan.forms.iter().map(|f| f.label_zh()).collect())],
    );
    row(
        flow,
        "发布渠道",
        &[join(plan.channels.iter().map(|c| c.label_zh()).collect())],
    );
    row(flow, "发布时机", &[timing]);
    row(flow, "解读提纲", &numbered(&plan.outline));
    row(flow, "解读要点", &numbered(&plan.key_points));
    let concerns: Vec<String> = plan
        .concerns
        .iter()
        .flat_map(|c| {
            [
                format!("舆情预判：{}", c.concern),
                format!("回应口径：{}", c.line),
            ]
        })
        .collect();
    row(flow, "舆情预判与口径", &concerns);
    let events: Vec<String> = plan
        .press_events
        .iter()
        .map(|e| {
            let mut s = e.form.label_zh().to_string();
            for part in [&e.planned_at, &e.speaker, &e.note] {
                if !part.trim().is_empty() {
                    s.push('；');
                    s.push_str(part);
                }
            }
            s
        })
        .collect();
    row(flow, "解读活动", &events);
}

fn checklist(flow: &mut Flow<'_>, pack: &Pack) {
    let list = check(pack);
    flow.within(Role::Table, |flow| {
        for item in &list.items {
            checklist_row(flow, item);
        }
    });
    close_table(flow);
    table_note(flow, &format!("内容哈希：{}", list.content_hash));
}

fn checklist_row(flow: &mut Flow<'_>, item: &jiedu_core::rules::CheckItem) {
    {
        let status = match (item.status, item.severity) {
            (CheckStatus::Pass, _) => "通过",
            (CheckStatus::NotApplicable, _) => "不适用",
            (CheckStatus::Fail, Severity::Blocking) => "未通过",
            (CheckStatus::Fail, _) => "提示",
        };
        let number = if item.rule_no > 0 {
            format!("规则{}", item.rule_no)
        } else {
            "形式检查".to_string()
        };
        let mut values = vec![format!("{number}【{status}】{}", item.message.zh)];
        values.extend(item.findings.iter().skip(1).map(|f| f.message.zh.clone()));
        values.push(item.message.en.clone());
        let label = item.title.zh.clone();
        row(flow, &label, &values);
    }
}

fn sign_record(flow: &mut Flow<'_>, r: &SignRecord) {
    flow.within(Role::Table, |flow| sign_rows(flow, r));
    close_table(flow);
    table_note(
        flow,
        "政策文件与解读材料同步审签：上述签名覆盖本解读包全部内容的哈希值，可用 jiedu verify 离线核验。",
    );
}

fn sign_rows(flow: &mut Flow<'_>, r: &SignRecord) {
    row(
        flow,
        "审签人",
        &[format!("{}（{}）", r.signer_name, r.signer_id)],
    );
    row(
        flow,
        "审签时间",
        &[r.signed_at.format("%Y-%m-%d %H:%M:%S UTC").to_string()],
    );
    row(flow, "所签版本", &[format!("第 {} 版", r.revision)]);
    row(flow, "内容哈希", &[r.content_hash.to_string()]);
    row(flow, "签名算法", std::slice::from_ref(&r.algorithm));
    row(flow, "签名公钥", std::slice::from_ref(&r.public_key));
    row(flow, "数字签名", std::slice::from_ref(&r.signature));
    row(flow, "审签意见", std::slice::from_ref(&r.comment));
}

fn text_at(page: &mut Page, x: f32, y: f32, text: &str, role: FontRole, size: f32, color: Rgb) {
    page.items.push(Item::Text {
        x,
        y,
        spans: vec![Span::new(text, role, size)],
        spacing: 0.0,
        color,
        tag: Tag::Auto,
    });
}

fn centred_at(
    fonts: &FontSet,
    page: &mut Page,
    y: f32,
    text: &str,
    role: FontRole,
    size: f32,
    color: Rgb,
) {
    let w = fonts.measure(role, text, size);
    text_at(page, LEFT + (BLOCK_W - w) / 2.0, y, text, role, size, color);
}

fn cover(
    fonts: &FontSet,
    pack: &Pack,
    record: Option<&SignRecord>,
    options: &LayoutOptions,
) -> Page {
    let mut page = Page::default();
    let p = pack.policy();
    centred_at(
        fonts,
        &mut page,
        TOP + 30.0,
        "政 策 解 读 包",
        FontRole::Hei,
        20.0,
        Rgb::GREY,
    );
    let mut y = TOP + 110.0;
    let lines = break_paragraph(
        fonts,
        &[Span::new(p.title.as_str(), FontRole::Title, 26.0)],
        Measure::plain(BLOCK_W),
    );
    for line in lines {
        let w = line.width(0.0);
        page.items.push(Item::Text {
            x: LEFT + (BLOCK_W - w) / 2.0,
            y,
            spans: line.spans,
            spacing: 0.0,
            color: Rgb::INK,
            tag: Tag::Auto,
        });
        y += 40.0;
    }
    if let Some(n) = p.doc_number.as_deref().filter(|n| !n.trim().is_empty()) {
        centred_at(fonts, &mut page, y + 6.0, n, FontRole::Fang, BODY, Rgb::INK);
    }
    if record.is_none() {
        let mark = "草稿 DRAFT";
        let w = fonts.measure(FontRole::Hei, mark, 28.0) + 36.0;
        let x = LEFT + (BLOCK_W - w) / 2.0;
        let top = y + 40.0;
        page.items.push(Item::Rect {
            x,
            y: top,
            w,
            h: 52.0,
            fill: None,
            stroke: Some((Rgb::RED, 2.5)),
        });
        text_at(
            &mut page,
            x + 18.0,
            top + 36.0,
            mark,
            FontRole::Hei,
            28.0,
            Rgb::RED,
        );
    }
    let disclosure = p.disclosure.attribute.map_or("未设置", |a| a.label_zh());
    let signature = match record {
        Some(r) => format!(
            "{} 于 {} 审签",
            r.signer_name,
            r.signed_at.format("%Y-%m-%d %H:%M UTC")
        ),
        None => "未审签".to_string(),
    };
    let hash = pack.content_hash().to_string();
    let facts: Vec<(&str, String)> = vec![
        ("起草单位", p.drafting_unit.clone()),
        ("起 草 人", p.drafter.clone()),
        ("发文机关", p.issuing_authority.clone()),
        ("成文日期", p.written_on.map(date_zh).unwrap_or_default()),
        ("公开属性", disclosure.to_string()),
        (
            "流程状态",
            format!("{}（第 {} 版）", pack.state.label_zh(), pack.revision),
        ),
        ("审签情况", signature),
        ("内容哈希", hash),
        ("导出时间", options.generated_at.clone()),
    ];
    let mut y = BLOCK_BOTTOM - facts.len() as f32 * 26.0 - 40.0;
    let value_x = LEFT + 110.0;
    for (label, value) in facts {
        text_at(
            &mut page,
            LEFT + 20.0,
            y,
            label,
            FontRole::Hei,
            13.0,
            Rgb::GREY,
        );
        let lines = break_paragraph(
            fonts,
            &[Span::new(
                if value.is_empty() {
                    "未填写".to_string()
                } else {
                    value
                },
                FontRole::Fang,
                13.0,
            )],
            Measure::plain(BLOCK_RIGHT - value_x),
        );
        for line in lines {
            page.items.push(Item::Text {
                x: value_x,
                y,
                spans: line.spans,
                spacing: 0.0,
                color: Rgb::INK,
                tag: Tag::Auto,
            });
            y += 19.0;
        }
        y += 7.0;
    }
    page.items.push(Item::Rule {
        x1: LEFT,
        y1: TOP + 60.0,
        x2: BLOCK_RIGHT,
        y2: TOP + 60.0,
        width: 1.2,
        color: Rgb::RED,
    });
    page
}

fn contents_page(fonts: &FontSet, entries: &[(String, usize)]) -> Page {
    let mut page = Page::default();
    centred_at(
        fonts,
        &mut page,
        TOP + 30.0,
        "目　　录",
        FontRole::Title,
        TITLE,
        Rgb::INK,
    );
    let mut y = TOP + 100.0;
    for (title, index) in entries {
        // Body pages follow the cover and this page; numbers count from this page as 1.
        let number = (index + 2).to_string();
        text_at(
            &mut page,
            LEFT + 2.0 * BODY,
            y,
            title,
            FontRole::Fang,
            BODY,
            Rgb::INK,
        );
        let title_end = LEFT + 2.0 * BODY + fonts.measure(FontRole::Fang, title, BODY) + 8.0;
        let number_w = fonts.measure(FontRole::Fang, &number, BODY);
        let dots_end = BLOCK_RIGHT - number_w - 8.0;
        let dot_w = fonts.measure(FontRole::Fang, "·", BODY).max(1.0);
        let count = ((dots_end - title_end) / dot_w).max(0.0) as usize;
        text_at(
            &mut page,
            title_end,
            y,
            &"·".repeat(count),
            FontRole::Fang,
            BODY,
            Rgb::GREY,
        );
        text_at(
            &mut page,
            BLOCK_RIGHT - number_w,
            y,
            &number,
            FontRole::Fang,
            BODY,
            Rgb::INK,
        );
        y += PITCH * 1.2;
    }
    page
}

/// 页码: `— N —` in 14 pt, 7 mm below the block; odd pages right, even pages left, one
/// character in from the edge.
fn folio(fonts: &FontSet, page: &mut Page, number: usize) {
    let text = format!("— {number} —");
    let w = fonts.measure(FontRole::Song, &text, FOLIO);
    let y = BLOCK_BOTTOM + 7.0 * MM + FOLIO * 0.88;
    let x = if number % 2 == 1 {
        BLOCK_RIGHT - FOLIO - w
    } else {
        LEFT + FOLIO
    };
    page.items.push(Item::Text {
        x,
        y,
        spans: vec![Span::new(text, FontRole::Song, FOLIO)],
        spacing: 0.0,
        color: Rgb::INK,
        tag: Tag::Artifact,
    });
}

fn draft_header(page: &mut Page) {
    let y = TOP - 14.0 * MM;
    page.items.push(Item::Text {
        x: LEFT,
        y,
        spans: vec![Span::new(
            "草稿 DRAFT — 未经审签，不得对外发布",
            FontRole::Hei,
            10.0,
        )],
        spacing: 0.0,
        color: Rgb::RED,
        tag: Tag::Artifact,
    });
}
