//! `word/styles.xml`: which paragraph styles are the title and headings 1 to 4, by style name
//! (`heading 1`, `标题 1`, `Title`), by outline level, or, without a styles part, by style id.

use super::xml::attr;
use jiedu_core::HeadingLevel;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// What a paragraph style makes of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StyleRole {
    /// The document title.
    Title,
    /// A heading of this level.
    Heading(HeadingLevel),
}

/// Paragraph style id → role, for the styles that have one.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    roles: HashMap<String, StyleRole>,
}

impl Styles {
    /// Parses `styles.xml`. Malformed XML gives what was read before the error.
    pub fn parse(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Option<StyleRole>)> = None;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) if e.name().as_ref() == "w:style" => {
                    current = attr(&e, "w:styleId").map(|id| {
                        let role = role_from_name(&id);
                        (id, role)
                    });
                }
                Event::Start(e) | Event::Empty(e) => {
                    let Some((_, role)) = current.as_mut() else {
                        continue;
                    };
                    match e.name().as_ref() {
                        "w:name" => {
                            if let Some(r) = attr(&e, "w:val").and_then(|v| role_from_name(&v)) {
                                *role = Some(r);
                            }
                        }
                        "w:outlineLvl" if role.is_none() => {
                            *role = attr(&e, "w:val").and_then(|v| outline_role(&v));
                        }
                        _ => {}
                    }
                }
                Event::End(e) if e.name().as_ref() == "w:style" => {
                    if let Some((id, Some(role))) = current.take() {
                        styles.roles.insert(id, role);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        styles
    }

    /// The role of style `id`: from styles.xml, else guessed from the id itself.
    pub fn role(&self, id: &str) -> Option<StyleRole> {
        self.roles.get(id).copied().or_else(|| role_from_name(id))
    }
}

/// The heading level of a 0-based outline level (`w:outlineLvl w:val="0"` is level 1).
pub(crate) fn outline_role(val: &str) -> Option<StyleRole> {
    let level = match val.trim() {
        "0" => HeadingLevel::L1,
        "1" => HeadingLevel::L2,
        "2" => HeadingLevel::L3,
        "3" => HeadingLevel::L4,
        _ => return None,
    };
    Some(StyleRole::Heading(level))
}

/// `heading 1`, `Heading1`, `标题 1`, `标题1` → level 1; `Title`, `标题` → title.
fn role_from_name(name: &str) -> Option<StyleRole> {
    let compact: String = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if compact == "title" || compact == "标题" {
        return Some(StyleRole::Title);
    }
    let number = compact
        .strip_prefix("heading")
        .or_else(|| compact.strip_prefix("标题"))?;
    let level = match number {
        "1" => HeadingLevel::L1,
        "2" => HeadingLevel::L2,
        "3" => HeadingLevel::L3,
        "4" => HeadingLevel::L4,
        _ => return None,
    };
    Some(StyleRole::Heading(level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_ids_and_outline_levels() {
        let xml = r#"<w:styles xmlns:w="x">
          <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
          <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style>
          <w:style w:type="paragraph" w:styleId="custom"><w:name w:val="我的标题"/>
            <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        </w:styles>"#;
        let styles = Styles::parse(xml);
        assert_eq!(styles.role("1"), Some(StyleRole::Heading(HeadingLevel::L1)));
        assert_eq!(styles.role("a3"), Some(StyleRole::Title));
        assert_eq!(
            styles.role("custom"),
            Some(StyleRole::Heading(HeadingLevel::L2))
        );
        assert_eq!(styles.role("Normal"), None);
        assert_eq!(
            styles.role("Heading3"),
            Some(StyleRole::Heading(HeadingLevel::L3))
        );
        assert_eq!(
            styles.role("标题 4"),
            Some(StyleRole::Heading(HeadingLevel::L4))
        );
        assert_eq!(styles.role("Heading5"), None);
    }
}
