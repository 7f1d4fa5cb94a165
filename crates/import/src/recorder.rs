//! Collects report entries while the import runs, then builds the [`ImportReport`].

use crate::report::{
    Detection, DocumentKind, Field, ImportReport, Join, Normalization, NormalizationKind, Note,
    NoteKind, Removal, RemovalReason, MAX_LINES_PER_NORMALIZATION,
};
use jiedu_core::Bilingual;
use std::collections::BTreeMap;

/// The report under construction.
#[derive(Debug, Default)]
pub(crate) struct Recorder {
    report: ImportReport,
    normalizations: BTreeMap<NormalizationKind, (usize, Vec<usize>)>,
}

impl Recorder {
    /// A recorder for a document of this kind, read with this encoding.
    pub fn new(kind: DocumentKind, encoding: &str) -> Recorder {
        Recorder {
            report: ImportReport {
                kind,
                encoding: encoding.to_string(),
                ..ImportReport::default()
            },
            normalizations: BTreeMap::new(),
        }
    }

    /// Records a removed piece of text.
    pub fn removed(&mut self, line: usize, text: &str, reason: RemovalReason) {
        self.report.removals.push(Removal {
            line,
            text: text.to_string(),
            reason,
        });
    }

    /// Keeps every non-blank source line for the report (see [`ImportReport::lines`]).
    pub fn source_lines(&mut self, blocks: &[crate::block::Block]) {
        self.report.lines = blocks
            .iter()
            .filter(|b| !b.raw.trim().is_empty())
            .map(|b| crate::report::SourceLine {
                line: b.line,
                text: b.raw.clone(),
            })
            .collect();
    }

    /// Records a joined line break.
    pub fn joined(&mut self, join: Join) {
        self.report.joins.push(join);
    }

    /// Records `count` normalizations of one kind on one line.
    pub fn normalized(&mut self, kind: NormalizationKind, line: usize, count: usize) {
        if count == 0 {
            return;
        }
        let (total, lines) = self.normalizations.entry(kind).or_default();
        *total += count;
        if lines.len() < MAX_LINES_PER_NORMALIZATION && lines.last() != Some(&line) {
            lines.push(line);
        }
    }

    /// Records a field taken from a line.
    pub fn detected(&mut self, field: Field, line: usize, text: &str, value: &str) {
        self.report.detected.push(Detection {
            field,
            line,
            text: text.to_string(),
            value: value.to_string(),
        });
    }

    /// Adds a note.
    pub fn note(&mut self, kind: NoteKind, line: Option<usize>, zh: String, en: String) {
        self.report.notes.push(Note {
            kind,
            line,
            message: Bilingual::new(zh, en),
        });
    }

    /// The finished report; removals and detections in source order.
    pub fn finish(mut self) -> ImportReport {
        self.report.normalizations = self
            .normalizations
            .into_iter()
            .map(|(kind, (count, lines))| Normalization { kind, count, lines })
            .collect();
        self.report.removals.sort_by_key(|r| r.line);
        self.report.detected.sort_by_key(|d| d.line);
        self.report
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizations_are_counted_with_a_bounded_list_of_lines() {
        let mut r = Recorder::new(DocumentKind::Txt, "UTF-8");
        for line in 1..=100 {
            r.normalized(NormalizationKind::BlankLines, line, 2);
        }
        r.normalized(NormalizationKind::EdgeSpaces, 1, 0);
        let report = r.finish();
        assert_eq!(report.normalizations.len(), 1);
        assert_eq!(report.normalizations[0].count, 200);
        assert_eq!(
            report.normalizations[0].lines.len(),
            MAX_LINES_PER_NORMALIZATION
        );
    }
}
