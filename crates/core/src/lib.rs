//! Jiedu's domain: the interpretation pack (政策解读包) and everything it holds, the gate rules of
//! 谁起草、谁解读 and 同步组织、同步审签、同步部署, and the canonical content hash that signatures cover.
//!
//! Pure by design: no I/O, no async, no Tauri. Storage, rendering and the shells build on it.

pub mod calendar;
pub mod chart;
pub mod concern;
pub mod deadlines;
pub mod diff;
pub mod disclosure;
pub mod doc_number;
pub mod gongwen;
pub mod hash;
pub mod identity;
pub mod materials;
pub mod media;
pub mod pack;
pub mod parts;
pub mod paste;
pub mod people;
pub mod permissions;
pub mod plan;
pub mod policy;
pub mod publication;
pub mod report;
pub mod rules;
pub mod signing;
pub mod text;
pub mod workflow;

pub use chart::{ChartError, ChartKind, ChartSpec, Palette, Series};
pub use disclosure::{Disclosure, DisclosureAttribute, LegalBasis, OpennessReview};
pub use doc_number::{DocNumber, DocNumberError};
pub use gongwen::{
    Colophon, Direction, DocType, Forwarding, PortalMetadata, Secrecy, SecrecyLevel, Urgency,
    Validity,
};
pub use hash::{canonical_json, content_hash, ContentHash};
pub use materials::{
    InterpSection, InterpTopic, Materials, QaAudience, QaPair, TextInterpretation,
};
pub use media::{
    AddedMedia, MediaFormat, MediaInfo, MediaKind, MediaLibrary, MediaNotes, MediaRef,
};
pub use pack::{Deployment, Pack, PackState, SignRecord};
pub use people::{Role, Unit, User};
pub use plan::{
    Channel, Concern, InterpretationForm, InterpretationPlan, PressEvent, ReleaseTiming,
};
pub use policy::{Attachment, HeadingLevel, Importance, InfoCategory, Policy, Section};
pub use rules::{check, CheckItem, CheckStatus, Checklist, RuleId, Severity};
pub use text::Bilingual;
pub use workflow::{plan_step, Step, WorkflowError};
