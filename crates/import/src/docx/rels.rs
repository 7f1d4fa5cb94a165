//! Relationship parts (`_rels/.rels`, `word/_rels/document.xml.rels`): which part an id names.

use super::xml::attr;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

/// Internal relationships of one part: id → (type, target part path inside the archive).
#[derive(Debug, Default)]
pub(crate) struct Rels {
    by_id: HashMap<String, (String, String)>,
}

impl Rels {
    /// Parses a relationship part; `base` is the folder its targets are relative to (`word/`).
    /// External targets (linked images, hyperlinks) are left out. Malformed XML gives what was
    /// read before the error.
    pub fn parse(xml: &str, base: &str) -> Rels {
        let mut rels = Rels::default();
        let mut reader = Reader::from_str(xml);
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                    let external = attr(&e, "TargetMode").is_some_and(|m| m == "External");
                    if let (false, Some(id), Some(target)) =
                        (external, attr(&e, "Id"), attr(&e, "Target"))
                    {
                        let kind = attr(&e, "Type").unwrap_or_default();
                        rels.by_id.insert(id, (kind, resolve(base, &target)));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        rels
    }

    /// The part that relationship `id` points to.
    pub fn target(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|(_, t)| t.as_str())
    }

    /// The target of the first relationship whose type ends with `suffix`.
    pub fn target_of_type(&self, suffix: &str) -> Option<&str> {
        let mut matches: Vec<&(String, String)> = self
            .by_id
            .values()
            .filter(|(k, _)| k.ends_with(suffix))
            .collect();
        matches.sort();
        matches.first().map(|(_, t)| t.as_str())
    }
}

/// `media/image1.png` relative to `word/` → `word/media/image1.png`; `/word/x` → `word/x`;
/// `../x` climbs one folder.
fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_base_folder() {
        let xml = r#"<Relationships xmlns="x">
            <Relationship Id="rId1" Type="http://x/officeDocument" Target="word/document.xml"/>
            <Relationship Id="rId5" Type="http://x/image" Target="media/image1.png"/>
            <Relationship Id="rId6" Type="http://x/image" Target="../media/b.png"/>
            <Relationship Id="rId7" Type="http://x/hyperlink" Target="http://a" TargetMode="External"/>
        </Relationships>"#;
        let rels = Rels::parse(xml, "word/");
        assert_eq!(rels.target("rId5"), Some("word/media/image1.png"));
        assert_eq!(rels.target("rId6"), Some("media/b.png"));
        assert_eq!(rels.target("rId7"), None);
        assert_eq!(
            Rels::parse(xml, "").target_of_type("/officeDocument"),
            Some("word/document.xml")
        );
    }
}
