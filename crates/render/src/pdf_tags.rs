//! The PDF's logical structure (tagged PDF, PDF/UA-1): which marked-content sequence on which
//! page belongs to which structure element, collected while the pages are written, then written
//! as the structure tree and its parent tree.
//!
//! Elements come from the layout (`layout::StructNode`); a line the layout left untagged becomes
//! a paragraph of its own. Siblings are ordered by first appearance in the pages, which is
//! reading order, so the cover (laid out last) still reads first.

use crate::layout::{Role, StructNode};
use pdf_writer::{Name, Pdf, Ref, TextStr};

/// A child of a structure element.
enum Kid {
    /// Marked content `mcid` on page `page` (an index).
    Content { page: usize, mcid: i32 },
    /// Another element.
    Element(usize),
    /// An annotation (the signature widget), with its page.
    Annotation { page: usize, annot: Ref },
}

struct Element {
    role: &'static str,
    parent: Option<usize>,
    alt: Option<String>,
    header: bool,
    kids: Vec<Kid>,
    shown: bool,
}

/// The structure being collected.
pub(crate) struct Tags {
    elements: Vec<Element>,
    /// The document element's children.
    top: Vec<usize>,
    /// Per page: the element of each marked-content id, in id order.
    pages: Vec<Vec<usize>>,
    /// Annotations with their own parent-tree key: (key, element).
    annotations: Vec<(i32, usize)>,
}

impl Tags {
    /// Starts from the layout's elements, with `pages` pages to fill.
    pub(crate) fn new(structure: &[StructNode], pages: usize) -> Self {
        Tags {
            elements: structure
                .iter()
                .map(|n| Element {
                    role: n.role.name(),
                    parent: n.parent,
                    alt: n.alt.clone(),
                    header: n.role == Role::TH,
                    kids: Vec::new(),
                    shown: false,
                })
                .collect(),
            top: Vec::new(),
            pages: vec![Vec::new(); pages],
            annotations: Vec::new(),
        }
    }

    /// The structure type of element `id`.
    pub(crate) fn role(&self, id: usize) -> &'static str {
        self.elements.get(id).map_or("P", |e| e.role)
    }

    /// A new paragraph for a line the layout did not tag.
    pub(crate) fn paragraph(&mut self) -> usize {
        self.add("P", None)
    }

    /// A new element of type `role` inside `parent` (a label inside a heading).
    pub(crate) fn add(&mut self, role: &'static str, parent: Option<usize>) -> usize {
        self.elements.push(Element {
            role,
            parent,
            alt: None,
            header: false,
            kids: Vec::new(),
            shown: false,
        });
        self.elements.len() - 1
    }

    /// Puts the element (and its ancestors) in reading order at its first appearance.
    fn show(&mut self, id: usize) {
        let mut id = id;
        let count = self.elements.len();
        loop {
            let Some(e) = self.elements.get_mut(id) else {
                return;
            };
            if e.shown {
                return;
            }
            e.shown = true;
            match e.parent {
                Some(p) if p < count => {
                    self.elements[p].kids.push(Kid::Element(id));
                    id = p;
                }
                _ => {
                    self.top.push(id);
                    return;
                }
            }
        }
    }

    /// The marked-content id for the next sequence of element `id` on `page`.
    pub(crate) fn mark(&mut self, page: usize, id: usize) -> i32 {
        self.show(id);
        let list = &mut self.pages[page];
        let mcid = list.len() as i32;
        list.push(id);
        self.elements[id].kids.push(Kid::Content { page, mcid });
        mcid
    }

    /// Tags an annotation as a Form element placed after the last content of `page`; returns
    /// its parent-tree key.
    pub(crate) fn annotation(&mut self, page: usize, annot: Ref, alt: &str) -> i32 {
        let id = self.add("Form", None);
        self.elements[id].alt = Some(alt.to_string());
        self.elements[id].kids.push(Kid::Annotation { page, annot });
        self.show(id);
        let key = (self.pages.len() + self.annotations.len()) as i32;
        self.annotations.push((key, id));
        key
    }

    /// Writes the tree; returns the structure tree root's reference. Pages' `/StructParents`
    /// are their indices.
    pub(crate) fn write(
        &self,
        pdf: &mut Pdf,
        next: &mut impl FnMut() -> Ref,
        page_refs: &[Ref],
    ) -> Ref {
        let root = next();
        let document = next();
        let refs: Vec<Ref> = self.elements.iter().map(|_| next()).collect();
        for (i, e) in self.elements.iter().enumerate() {
            if !e.shown {
                continue;
            }
            let mut d = pdf.indirect(refs[i]).dict();
            d.pair(Name(b"S"), Name(e.role.as_bytes()));
            // Content on the element's own page is named by its bare MCID; elsewhere by a
            // marked-content reference with its page.
            let home = e.kids.iter().find_map(|k| match k {
                Kid::Content { page, .. } | Kid::Annotation { page, .. } => Some(*page),
                Kid::Element(_) => None,
            });
            if let Some(page) = home {
                d.pair(Name(b"Pg"), page_refs[page]);
            }
            d.pair(
                Name(b"P"),
                e.parent
                    .filter(|p| *p < refs.len())
                    .map_or(document, |p| refs[p]),
            );
            if let Some(alt) = &e.alt {
                d.pair(Name(b"Alt"), TextStr(alt));
            }
            if e.header {
                d.insert(Name(b"A"))
                    .dict()
                    .pair(Name(b"O"), Name(b"Table"))
                    .pair(Name(b"Scope"), Name(b"Row"));
            }
            let mut kids = d.insert(Name(b"K")).array();
            for k in &e.kids {
                match k {
                    Kid::Content { page, mcid } if Some(*page) == home => {
                        kids.item(*mcid);
                    }
                    Kid::Content { page, mcid } => {
                        kids.push()
                            .dict()
                            .pair(Name(b"Type"), Name(b"MCR"))
                            .pair(Name(b"Pg"), page_refs[*page])
                            .pair(Name(b"MCID"), *mcid);
                    }
                    Kid::Element(c) => {
                        kids.item(refs[*c]);
                    }
                    Kid::Annotation { page, annot } => {
                        kids.push()
                            .dict()
                            .pair(Name(b"Type"), Name(b"OBJR"))
                            .pair(Name(b"Pg"), page_refs[*page])
                            .pair(Name(b"Obj"), *annot);
                    }
                }
            }
        }
        {
            let mut d = pdf.indirect(document).dict();
            d.pair(Name(b"Type"), Name(b"StructElem"));
            d.pair(Name(b"S"), Name(b"Document"));
            d.pair(Name(b"P"), root);
            d.insert(Name(b"K"))
                .array()
                .items(self.top.iter().map(|i| refs[*i]));
        }
        let mut tree = pdf.indirect(root).dict();
        tree.pair(Name(b"Type"), Name(b"StructTreeRoot"));
        tree.pair(Name(b"K"), document);
        {
            let mut nums = tree.insert(Name(b"ParentTree")).dict();
            let mut list = nums.insert(Name(b"Nums")).array();
            for (page, ids) in self.pages.iter().enumerate() {
                list.item(page as i32);
                list.push().array().items(ids.iter().map(|i| refs[*i]));
            }
            for (key, id) in &self.annotations {
                list.item(*key);
                list.item(refs[*id]);
            }
        }
        tree.pair(
            Name(b"ParentTreeNextKey"),
            (self.pages.len() + self.annotations.len()) as i32,
        );
        drop(tree);
        root
    }
}
