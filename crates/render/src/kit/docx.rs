//! A minimal Word (.docx) writer: the smallest valid OOXML package that Word, WPS and
//! LibreOffice open. Paragraphs of runs with direct formatting: 宋体 for text, 黑体 for
//! headings and notices (set through `w:rFonts w:eastAsia`), and heading styles with outline
//! levels so that Word's navigation pane lists the questions.

use super::archive::write_zip;
use super::doc::{Block, Doc};
use crate::chart::drawing::escape;
use crate::error::RenderError;
use chrono::{DateTime, Utc};

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>
"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
"#;

/// Latin text font beside the Chinese faces.
const LATIN: &str = "Times New Roman";

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="宋体" w:cs="{LATIN}"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="360"/><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>
"#
    )
}

/// Run properties: Chinese face, size in half-points, bold, colour.
fn run_props(east_asia: &str, half_points: u32, bold: bool, color: Option<&str>) -> String {
    let bold = if bold { "<w:b/><w:bCs/>" } else { "" };
    let color = color
        .map(|c| format!(r#"<w:color w:val="{c}"/>"#))
        .unwrap_or_default();
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{LATIN}" w:hAnsi="{LATIN}" w:eastAsia="{east_asia}" w:cs="{LATIN}"/>{bold}{color}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#
    )
}

fn paragraph(props: &str, run: &str, text: &str) -> String {
    format!(
        r#"<w:p>{props}<w:r>{run}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        escape(text)
    )
}

fn block_xml(block: &Block) -> String {
    match block {
        Block::Notice(t) => paragraph(
            r#"<w:pPr><w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="C0392B"/><w:left w:val="single" w:sz="8" w:space="4" w:color="C0392B"/><w:bottom w:val="single" w:sz="8" w:space="4" w:color="C0392B"/><w:right w:val="single" w:sz="8" w:space="4" w:color="C0392B"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FBEAEA"/><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr>"#,
            &run_props("黑体", 28, true, Some("C0392B")),
            t,
        ),
        Block::Title(t) => paragraph(
            r#"<w:pPr><w:pStyle w:val="Title"/></w:pPr>"#,
            &run_props("宋体", 44, true, None),
            t,
        ),
        Block::Heading(t) => paragraph(
            r#"<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>"#,
            &run_props("黑体", 30, true, None),
            t,
        ),
        Block::Para(t) => paragraph(
            r#"<w:pPr><w:ind w:firstLineChars="200" w:firstLine="560"/></w:pPr>"#,
            &run_props("宋体", 28, false, None),
            t,
        ),
        Block::Note(t) => paragraph(
            r#"<w:pPr><w:spacing w:after="60"/><w:jc w:val="left"/></w:pPr>"#,
            &run_props("宋体", 24, false, Some("52606D")),
            t,
        ),
    }
}

/// The `word/document.xml` part of a document.
pub(crate) fn document_xml(doc: &Doc) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>"
    );
    for block in &doc.blocks {
        // One Word paragraph per line of text.
        let lines: Vec<&str> = match block {
            Block::Notice(t)
            | Block::Title(t)
            | Block::Heading(t)
            | Block::Para(t)
            | Block::Note(t) => t.lines().filter(|l| !l.trim().is_empty()).collect(),
        };
        for line in lines {
            out.push_str(&block_xml(&with_text(block, line.trim())));
        }
    }
    // A4 with the GB/T 9704 margins (37 mm top, 28 mm left, 35 mm bottom, 26 mm right).
    out.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>"#);
    out.push('\n');
    out
}

fn with_text(block: &Block, text: &str) -> Block {
    let text = text.to_string();
    match block {
        Block::Notice(_) => Block::Notice(text),
        Block::Title(_) => Block::Title(text),
        Block::Heading(_) => Block::Heading(text),
        Block::Para(_) => Block::Para(text),
        Block::Note(_) => Block::Note(text),
    }
}

/// The document as a .docx file named `name` (for errors), its parts dated `time`.
pub(crate) fn to_docx(doc: &Doc, name: &str, time: DateTime<Utc>) -> Result<Vec<u8>, RenderError> {
    let document = document_xml(doc);
    let styles = styles();
    let parts: [(&str, &[u8]); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
    ];
    write_zip(name, &parts, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Word refuses a file whose property elements are out of schema order.
    #[test]
    fn paragraph_and_run_properties_are_in_schema_order() {
        const P_ORDER: [&str; 8] = [
            "w:pStyle",
            "w:keepNext",
            "w:pBdr",
            "w:shd",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
        ];
        const R_ORDER: [&str; 7] = [
            "w:rFonts", "w:b", "w:bCs", "w:color", "w:sz", "w:szCs", "w:lang",
        ];
        let mut doc = Doc::default();
        for block in [
            Block::Notice("n".into()),
            Block::Title("t".into()),
            Block::Heading("h".into()),
            Block::Para("p".into()),
            Block::Note("o".into()),
        ] {
            doc.push(block);
        }
        let xml = document_xml(&doc) + &styles();
        for (open, close, order) in [
            ("<w:pPr>", "</w:pPr>", &P_ORDER[..]),
            ("<w:rPr>", "</w:rPr>", &R_ORDER[..]),
        ] {
            for props in xml.split(open).skip(1) {
                let props = props.split(close).next().unwrap_or_default();
                let ranks: Vec<usize> = props
                    .split('<')
                    .filter_map(|tag| tag.split([' ', '/', '>']).next())
                    .filter(|name| name.starts_with("w:"))
                    // The four sides inside w:pBdr.
                    .filter(|name| !["w:top", "w:left", "w:bottom", "w:right"].contains(name))
                    .map(|name| {
                        order
                            .iter()
                            .position(|o| *o == name)
                            .unwrap_or_else(|| panic!("unexpected {name}"))
                    })
                    .collect();
                assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{props}");
            }
        }
    }

    #[test]
    fn text_is_escaped_and_fonts_are_set() {
        let mut doc = Doc::default();
        doc.push(Block::Title("A&B <标题>".into()));
        doc.push(Block::Para("第一段\n第二段".into()));
        let xml = document_xml(&doc);
        assert!(xml.contains("A&amp;B &lt;标题&gt;"), "{xml}");
        assert!(xml.contains(r#"w:eastAsia="宋体""#));
        assert_eq!(xml.matches("<w:p>").count(), 3);
    }
}
