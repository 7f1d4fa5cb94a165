//! `word/document.xml` to blocks: paragraphs (`w:p` / `w:r` / `w:t`, `w:tab`, `w:br`), heading
//! and title styles, table rows as tab-separated text, images, tracked changes accepted as final
//! (`w:ins` kept, `w:del` dropped and reported), comments and notes counted for the report.

use super::styles::{outline_role, StyleRole, Styles};
use super::xml::{attr, reference};
use crate::block::{Block, Hint};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// An image found in the text: its relationship id and the title Word gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRef {
    /// Relationship id of the image part (`r:embed`, `r:id`).
    pub rel_id: String,
    /// `wp:docPr` description or name, if any.
    pub title: Option<String>,
    /// Paragraph number it stands in.
    pub line: usize,
}

/// A table, for the report: where it starts and how many rows it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TableInfo {
    /// Paragraph number of its first row.
    pub line: usize,
    /// Number of rows.
    pub rows: usize,
}

/// Everything read from the document part.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Paragraphs and table rows, in reading order.
    pub blocks: Vec<Block>,
    /// Images in reading order.
    pub images: Vec<ImageRef>,
    /// Tables kept as text.
    pub tables: Vec<TableInfo>,
    /// Deleted text of each tracked deletion, with its paragraph number.
    pub deletions: Vec<(usize, String)>,
    /// Number of tracked insertions kept.
    pub insertions: usize,
    /// Number of comment references ignored.
    pub comments: usize,
    /// Number of footnote and endnote references whose notes were not imported.
    pub notes: usize,
    /// Number of paragraphs inside text boxes.
    pub text_box_paragraphs: usize,
    /// Number of plain paragraphs with automatic numbering (the numbers are not in the text).
    pub auto_numbered: usize,
}

#[derive(Debug, Default)]
struct Para {
    text: String,
    line: usize,
    role: Option<StyleRole>,
    numbered: bool,
}

#[derive(Debug, Default)]
struct Table {
    line: usize,
    rows: usize,
    cells: Vec<String>,
    cell: Option<String>,
    row_line: usize,
}

struct Drawing {
    rel_id: Option<String>,
    title: Option<String>,
}

/// The parser's state while it walks the XML events.
struct Walker<'s> {
    styles: &'s Styles,
    out: Parsed,
    paras: Vec<Para>,
    tables: Vec<Table>,
    drawing: Option<Drawing>,
    paragraphs_seen: usize,
    run_depth: usize,
    in_text: bool,
    deleted: Option<String>,
    del_depth: usize,
    skip_depth: usize,
    text_box_depth: usize,
}

/// Parses the document part. Malformed XML is an error carrying the parser's message.
pub(crate) fn parse(xml: &str, styles: &Styles) -> Result<Parsed, String> {
    let mut reader = Reader::from_str(xml);
    let mut w = Walker {
        styles,
        out: Parsed::default(),
        paras: Vec::new(),
        tables: Vec::new(),
        drawing: None,
        paragraphs_seen: 0,
        run_depth: 0,
        in_text: false,
        deleted: None,
        del_depth: 0,
        skip_depth: 0,
        text_box_depth: 0,
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} (byte {})", reader.error_position()))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => w.start(&e, false),
            Event::Empty(e) => {
                w.start(&e, true);
                w.end(e.name().as_ref());
            }
            Event::End(e) => w.end(e.name().as_ref()),
            Event::Text(t) => w.text(&t.xml10_content()),
            Event::CData(t) => w.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Some(s) = reference(&r) {
                    w.text(&s);
                }
            }
            _ => {}
        }
    }
    while !w.paras.is_empty() {
        w.end_paragraph();
    }
    Ok(w.out)
}

impl Walker<'_> {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        let name = name.as_ref();
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            return;
        }
        match name {
            "mc:Fallback" => self.skip_depth = 1,
            "w:p" => {
                self.paragraphs_seen += 1;
                if self.text_box_depth > 0 {
                    self.out.text_box_paragraphs += 1;
                }
                self.paras.push(Para {
                    line: self.paragraphs_seen,
                    ..Para::default()
                });
            }
            "w:pStyle" => {
                let role = attr(e, "w:val").and_then(|id| self.styles.role(&id));
                if let Some(p) = self.paras.last_mut() {
                    p.role = p.role.or(role);
                }
            }
            "w:outlineLvl" => {
                let role = attr(e, "w:val").and_then(|v| outline_role(&v));
                if let Some(p) = self.paras.last_mut() {
                    p.role = role.or(p.role);
                }
            }
            "w:numPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.numbered = true;
                }
            }
            "w:r" => self.run_depth += 1,
            "w:t" | "w:delText" => self.in_text = !empty,
            "w:tab" | "w:ptab" if self.run_depth > 0 => self.push_text("\t"),
            "w:br" | "w:cr" if self.run_depth > 0 => self.push_text("\n"),
            "w:noBreakHyphen" if self.run_depth > 0 => self.push_text("-"),
            "w:del" | "w:moveFrom" => {
                self.del_depth += 1;
                if self.del_depth == 1 {
                    self.deleted = Some(String::new());
                }
            }
            "w:ins" | "w:moveTo" => self.out.insertions += 1,
            "w:commentReference" => self.out.comments += 1,
            "w:footnoteReference" | "w:endnoteReference" => self.out.notes += 1,
            "w:txbxContent" => self.text_box_depth += 1,
            "w:tbl" => self.tables.push(Table {
                line: self.paragraphs_seen + 1,
                ..Table::default()
            }),
            "w:tr" => {
                let line = self.paragraphs_seen + 1;
                if let Some(t) = self.tables.last_mut() {
                    t.cells.clear();
                    t.row_line = line;
                }
            }
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(String::new());
                }
            }
            "w:drawing" | "w:pict" | "w:object" if self.drawing.is_none() => {
                self.drawing = Some(Drawing {
                    rel_id: None,
                    title: None,
                });
            }
            "wp:docPr" => {
                let title = attr(e, "descr")
                    .filter(|s| !s.trim().is_empty())
                    .or_else(|| attr(e, "title").filter(|s| !s.trim().is_empty()))
                    .or_else(|| attr(e, "name").filter(|s| !s.trim().is_empty()));
                if let Some(d) = self.drawing.as_mut() {
                    d.title = d.title.take().or(title);
                }
            }
            "a:blip" | "v:imagedata" => {
                let id = attr(e, "r:embed")
                    .or_else(|| attr(e, "r:id"))
                    .or_else(|| attr(e, "r:link"));
                if let Some(d) = self.drawing.as_mut() {
                    d.rel_id = d.rel_id.take().or(id);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match name {
            "w:p" => self.end_paragraph(),
            "w:r" => self.run_depth = self.run_depth.saturating_sub(1),
            "w:t" | "w:delText" => self.in_text = false,
            "w:del" | "w:moveFrom" => {
                self.del_depth = self.del_depth.saturating_sub(1);
                if self.del_depth == 0 {
                    if let Some(text) = self.deleted.take().filter(|t| !t.is_empty()) {
                        let line = self.paras.last().map_or(self.paragraphs_seen, |p| p.line);
                        self.out.deletions.push((line, text));
                    }
                }
            }
            "w:txbxContent" => self.text_box_depth = self.text_box_depth.saturating_sub(1),
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(cell) = t.cell.take() {
                        t.cells.push(cell);
                    }
                }
            }
            "w:tr" => self.end_row(),
            "w:tbl" => {
                if let Some(t) = self.tables.pop() {
                    if self.tables.is_empty() {
                        self.out.tables.push(TableInfo {
                            line: t.line,
                            rows: t.rows,
                        });
                    }
                }
            }
            "w:drawing" | "w:pict" | "w:object" => {
                if let Some(d) = self.drawing.take() {
                    if let Some(rel_id) = d.rel_id {
                        self.out.images.push(ImageRef {
                            rel_id,
                            title: d.title,
                            line: self.paragraphs_seen,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, s: &str) {
        if self.in_text {
            self.push_text(s);
        }
    }

    fn push_text(&mut self, s: &str) {
        if self.del_depth > 0 {
            if let Some(d) = self.deleted.as_mut() {
                d.push_str(s);
            }
        } else if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    fn end_paragraph(&mut self) {
        let Some(para) = self.paras.pop() else {
            return;
        };
        if let Some(cell) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            if !cell.is_empty() && !para.text.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&para.text.replace(['\t', '\n'], " "));
            return;
        }
        if para.numbered && para.role.is_none() {
            self.out.auto_numbered += 1;
        }
        let hint = match para.role {
            Some(StyleRole::Title) => Hint::Title,
            Some(StyleRole::Heading(level)) => Hint::Heading(level),
            None => Hint::Plain,
        };
        for (i, line) in para.text.split('\n').enumerate() {
            let (soft, hint) = if i == 0 {
                (false, hint)
            } else {
                (true, Hint::Plain)
            };
            self.out
                .blocks
                .push(Block::new(line, para.line, soft, hint));
        }
    }

    fn end_row(&mut self) {
        let depth = self.tables.len();
        let Some(t) = self.tables.last_mut() else {
            return;
        };
        t.rows += 1;
        let row = std::mem::take(&mut t.cells).join("\t");
        let line = t.row_line;
        if depth > 1 {
            let outer = depth - 2;
            if let Some(cell) = self.tables.get_mut(outer).and_then(|o| o.cell.as_mut()) {
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&row.replace('\t', " "));
            }
            return;
        }
        if row.chars().any(|c| c != '\t') {
            self.out
                .blocks
                .push(Block::new(row, line, false, Hint::TableRow));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiedu_core::HeadingLevel;

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="w" xmlns:wp="wp" xmlns:a="a" xmlns:r="r" xmlns:mc="mc"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn texts(p: &Parsed) -> Vec<&str> {
        p.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn runs_tabs_breaks_and_entities() {
        let xml = doc(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>一</w:t><w:tab/><w:t xml:space="preserve">二 &amp; &#x4E09;</w:t><w:br/><w:t>四</w:t></w:r></w:p>"#,
        );
        let p = parse(&xml, &Styles::default()).expect("parses");
        assert_eq!(texts(&p), ["一\t二 & 三", "四"]);
        assert!(!p.blocks[0].soft && p.blocks[1].soft);
    }

    #[test]
    fn heading_styles_become_hints() {
        let xml = doc(
            r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>（一）重要意义。</w:t></w:r></w:p>
            <w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>一、总体要求</w:t></w:r></w:p>"#,
        );
        let p = parse(&xml, &Styles::default()).expect("parses");
        let hints: Vec<Hint> = p.blocks.iter().map(|b| b.hint).collect();
        assert_eq!(
            hints,
            [
                Hint::Title,
                Hint::Heading(HeadingLevel::L2),
                Hint::Heading(HeadingLevel::L1)
            ]
        );
    }

    #[test]
    fn tracked_changes_are_accepted_and_deletions_kept_for_the_report() {
        let xml = doc(
            r#"<w:p><w:r><w:t>推进</w:t></w:r><w:del w:id="1"><w:r><w:delText>旧的</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>决策</w:t></w:r></w:ins><w:r><w:t>公开。</w:t></w:r><w:commentReference w:id="0"/></w:p>"#,
        );
        let p = parse(&xml, &Styles::default()).expect("parses");
        assert_eq!(texts(&p), ["推进决策公开。"]);
        assert_eq!(p.deletions, [(1, "旧的".to_string())]);
        assert_eq!((p.insertions, p.comments), (1, 1));
    }

    #[test]
    fn tables_become_tab_separated_rows() {
        let xml = doc(
            r#"<w:p><w:r><w:t>前</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数量</w:t></w:r></w:p><w:p><w:r><w:t>（亩）</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>耕地</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>后</w:t></w:r></w:p>"#,
        );
        let p = parse(&xml, &Styles::default()).expect("parses");
        assert_eq!(texts(&p), ["前", "项目\t数量 （亩）", "耕地\t12", "后"]);
        assert_eq!(p.tables, [TableInfo { line: 2, rows: 2 }]);
        assert_eq!(p.blocks[1].hint, Hint::TableRow);
    }

    #[test]
    fn images_and_alternate_content() {
        let xml = doc(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="一图读懂"/><a:graphic><a:blip r:embed="rId9"/></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><w:t>重复</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
        );
        let p = parse(&xml, &Styles::default()).expect("parses");
        assert_eq!(
            p.images,
            [ImageRef {
                rel_id: "rId9".into(),
                title: Some("一图读懂".into()),
                line: 1
            }]
        );
        assert_eq!(texts(&p), [""]);
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(parse("<w:document><w:body><w:p></w:body>", &Styles::default()).is_err());
    }
}
