//! Real documents copied from government portals and the sites that mirror them
//! (`tests/corpus`, sources in its SOURCES.md), each with an answer key written from reading the
//! text. Every document and its derived variants (HTML, PDF text, .docx) are imported and
//! compared field by field with the key; the table of results is printed.

use chrono::NaiveDate;
use jiedu_core::{DocType, HeadingLevel, Policy};
use jiedu_import::{import_bytes, ImportResult};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The answer key of one document.
#[derive(Debug, Deserialize)]
struct Key {
    title: Option<String>,
    doc_number: Option<String>,
    #[serde(default)]
    authorities: Vec<String>,
    addressee: Option<String>,
    written_on: Option<String>,
    kind: Option<String>,
    #[serde(default)]
    headings: Vec<String>,
    #[serde(default)]
    articles: usize,
    #[serde(default)]
    attachments: Vec<KeyAttachment>,
    annotation: Option<String>,
    cc: Option<String>,
    printed_by: Option<String>,
    printed_on: Option<String>,
    #[serde(default)]
    portal: KeyPortal,
    #[serde(default)]
    junk: Vec<String>,
    #[serde(default)]
    body_contains: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct KeyAttachment {
    title: String,
    #[serde(default)]
    headings: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
struct KeyPortal {
    index_number: Option<String>,
    subject: Option<String>,
    published_on: Option<String>,
    validity: Option<String>,
}

/// The form both sides are compared in: no spaces, punctuation full-width, as the import
/// normalises pasted text.
fn canon(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .map(|c| match c {
            ',' => '，',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            '?' => '？',
            '!' => '！',
            _ => c,
        })
        .collect()
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map(canon).unwrap_or_default()
}

fn date(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// Level-1 and level-2 headings as the key writes them.
fn headings(sections: &[jiedu_core::Section]) -> Vec<String> {
    sections
        .iter()
        .filter(|s| {
            matches!(
                s.level,
                HeadingLevel::L1
                    | HeadingLevel::L2
                    | HeadingLevel::Chapter
                    | HeadingLevel::Division
            )
        })
        .map(|s| canon(&format!("{}{}", s.number, s.heading)))
        .collect()
}

/// Every paragraph of the policy's text, attachments included.
fn all_text(p: &Policy) -> String {
    let mut out: Vec<&str> = p.body_text().collect();
    out.extend(p.sections.iter().map(|s| s.number.as_str()));
    for a in &p.attachments {
        out.push(&a.title);
        out.extend(a.paragraphs.iter().map(String::as_str));
        for s in &a.sections {
            out.push(&s.number);
            out.push(&s.heading);
            out.extend(s.paragraphs.iter().map(String::as_str));
        }
    }
    canon(&out.join("\n"))
}

/// The fields compared, each right or wrong, with what was found when wrong.
fn compare(key: &Key, r: &ImportResult) -> Vec<(&'static str, Option<String>)> {
    let p = &r.policy;
    let mut out = Vec::new();
    let mut check = |name: &'static str, ok: bool, got: String| {
        out.push((name, (!ok).then_some(got)));
    };
    check("title", opt(&key.title) == canon(&p.title), p.title.clone());
    check(
        "doc_number",
        opt(&key.doc_number) == p.doc_number.as_deref().map(canon).unwrap_or_default(),
        format!("{:?}", p.doc_number),
    );
    let authorities: Vec<String> = p.authorities().map(canon).collect();
    let want: Vec<String> = key.authorities.iter().map(|a| canon(a)).collect();
    check(
        "authorities",
        authorities == want,
        format!("{authorities:?}"),
    );
    check(
        "addressee",
        opt(&key.addressee) == canon(&p.addressee),
        p.addressee.clone(),
    );
    check(
        "written_on",
        date(&key.written_on) == p.written_on,
        format!("{:?}", p.written_on),
    );
    let want_kind = key.kind.as_deref().and_then(DocType::from_title);
    check(
        "kind",
        want_kind == p.effective_doc_type(),
        format!("{:?}", p.effective_doc_type()),
    );
    let got = headings(&p.sections);
    let want: Vec<String> = key.headings.iter().map(|h| canon(h)).collect();
    check("headings", got == want, format!("{got:?}"));
    let articles = p
        .sections
        .iter()
        .filter(|s| s.level == HeadingLevel::Article)
        .count();
    check("articles", articles == key.articles, articles.to_string());
    let got: Vec<(String, Vec<String>)> = p
        .attachments
        .iter()
        .map(|a| (canon(&a.title), headings(&a.sections)))
        .collect();
    let want: Vec<(String, Vec<String>)> = key
        .attachments
        .iter()
        .map(|a| {
            (
                canon(&a.title),
                a.headings.iter().map(|h| canon(h)).collect(),
            )
        })
        .collect();
    check("attachments", got == want, format!("{got:?}"));
    check(
        "annotation",
        opt(&key.annotation) == canon(&p.annotation),
        p.annotation.clone(),
    );
    check(
        "colophon",
        opt(&key.cc) == canon(&p.colophon.copied_to)
            && opt(&key.printed_by) == canon(&p.colophon.printed_by)
            && date(&key.printed_on) == p.colophon.printed_on,
        format!("{:?}", p.colophon),
    );
    let portal = &p.portal;
    check(
        "portal",
        opt(&key.portal.index_number) == canon(&portal.index_number)
            && opt(&key.portal.subject) == canon(&portal.subject)
            && date(&key.portal.published_on) == portal.published_on
            && key
                .portal
                .validity
                .as_deref()
                .and_then(jiedu_core::Validity::from_zh)
                == portal.validity,
        format!("{portal:?}"),
    );
    let text = all_text(p);
    let left: Vec<&String> = key
        .junk
        .iter()
        .filter(|j| text.contains(&canon(j)))
        .collect();
    check(
        "junk",
        left.is_empty(),
        format!("left in the text: {left:?}"),
    );
    let missing: Vec<&String> = key
        .body_contains
        .iter()
        .filter(|b| !text.contains(&canon(b)))
        .collect();
    check(
        "body",
        missing.is_empty(),
        format!("missing from the text: {missing:?}"),
    );
    out
}

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join(name)
}

/// Each key of `tests/corpus` with the files that share it: the document and its variants.
fn documents() -> Vec<(String, Key, Vec<PathBuf>)> {
    documents_in("corpus")
}

/// The same for another directory of documents and keys.
fn documents_in(name: &str) -> Vec<(String, Key, Vec<PathBuf>)> {
    let dir = corpus_dir(name);
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for key_path in names
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".key.json"))
    {
        let file = key_path
            .file_name()
            .map(|f| f.to_string_lossy().to_string());
        let stem = file
            .unwrap_or_default()
            .trim_end_matches(".key.json")
            .to_string();
        let key: Key = serde_json::from_slice(&std::fs::read(key_path).expect("key readable"))
            .unwrap_or_else(|e| panic!("{stem}: bad key: {e}"));
        let variants: Vec<PathBuf> = names
            .iter()
            .filter(|p| {
                let n = p
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default();
                n.starts_with(&format!("{stem}.")) && !n.ends_with(".key.json")
            })
            .cloned()
            .collect();
        out.push((stem, key, variants));
    }
    out
}

/// The score of the whole corpus: documents fully right and fields right, per variant kind.
struct Score {
    documents: usize,
    fully_right: usize,
    fields: usize,
    fields_right: usize,
    misses: Vec<String>,
}

fn score(filter: impl Fn(&Path) -> bool) -> Score {
    score_in("corpus", filter)
}

fn score_in(name: &str, filter: impl Fn(&Path) -> bool) -> Score {
    let mut s = Score {
        documents: 0,
        fully_right: 0,
        fields: 0,
        fields_right: 0,
        misses: Vec::new(),
    };
    for (stem, key, variants) in documents_in(name) {
        for path in variants.iter().filter(|p| filter(p)) {
            let name = path
                .file_name()
                .map(|f| f.to_string_lossy().to_string())
                .unwrap_or_default();
            let bytes = std::fs::read(path).expect("readable");
            let result = import_bytes(&bytes, &name)
                .unwrap_or_else(|e| panic!("{stem}: the import failed: {e}"));
            let fields = compare(&key, &result);
            s.documents += 1;
            s.fields += fields.len();
            let wrong: Vec<String> = fields
                .iter()
                .filter_map(|(f, got)| got.as_ref().map(|g| format!("{f}: {g}")))
                .collect();
            s.fields_right += fields.len() - wrong.len();
            if wrong.is_empty() {
                s.fully_right += 1;
            } else {
                s.misses
                    .push(format!("{name}\n    {}", wrong.join("\n    ")));
            }
        }
    }
    s
}

fn report(label: &str, s: &Score) {
    println!(
        "{label}: {}/{} documents fully right, {}/{} fields right ({:.1}%)",
        s.fully_right,
        s.documents,
        s.fields_right,
        s.fields,
        100.0 * s.fields_right as f64 / s.fields.max(1) as f64
    );
    for m in &s.misses {
        println!("  {m}");
    }
}

fn is_text(p: &Path) -> bool {
    let n = p.to_string_lossy();
    n.ends_with(".txt") && !n.ends_with(".pdftext.txt")
}

#[test]
fn the_corpus_imports_as_its_answer_keys_say() {
    let s = score(is_text);
    report("text", &s);
    assert!(
        s.documents >= 18,
        "the corpus holds {} documents",
        s.documents
    );
    // The goal of the issue: at least 16 of 18 fully right and 95% of the fields.
    assert!(
        s.fully_right * 18 >= s.documents * 16,
        "{} of {} fully right",
        s.fully_right,
        s.documents
    );
    assert!(s.fields_right * 100 >= s.fields * 95);
}

#[test]
fn derived_variants_import_like_their_originals() {
    let s = score(|p| {
        let n = p.to_string_lossy();
        n.ends_with(".html") || n.ends_with(".pdftext.txt")
    });
    report("html and pdf text", &s);
    assert!(s.documents >= 2);
    assert_eq!(s.fully_right, s.documents);
}

#[test]
fn word_copies_import_like_the_text() {
    let s = score(|p| p.to_string_lossy().ends_with(".docx"));
    report("docx", &s);
    assert!(s.documents >= 15, "{} .docx copies", s.documents);
    assert!(s.fully_right * 18 >= s.documents * 16);
}

/// The parts of a policy both imports must agree on.
fn frame(p: &Policy) -> String {
    let sections = |s: &[jiedu_core::Section]| -> Vec<String> {
        s.iter()
            .map(|s| canon(&format!("{}{}", s.number, s.heading)))
            .collect()
    };
    format!(
        "{}|{:?}|{:?}|{}|{:?}|{:?}|{}|{:?}|{:?}|{:?}",
        canon(&p.title),
        p.doc_number.as_deref().map(canon),
        p.authorities().map(canon).collect::<Vec<_>>(),
        canon(&p.addressee),
        p.written_on,
        sections(&p.sections),
        canon(&p.annotation),
        p.colophon,
        p.attachments
            .iter()
            .map(|a| (canon(&a.title), sections(&a.sections)))
            .collect::<Vec<_>>(),
        p.portal,
    )
}

#[test]
fn text_and_word_imports_agree() {
    let mut differ = Vec::new();
    let mut compared = 0;
    for (stem, _, variants) in documents() {
        let read = |ext: &str| {
            variants
                .iter()
                .find(|p| p.to_string_lossy().ends_with(&format!("{stem}.{ext}")))
                .map(|p| {
                    let name = p.file_name().map(|f| f.to_string_lossy().to_string());
                    let bytes = std::fs::read(p).expect("readable");
                    import_bytes(&bytes, &name.unwrap_or_default()).expect("imports")
                })
        };
        let (Some(text), Some(word)) = (read("txt"), read("docx")) else {
            continue;
        };
        compared += 1;
        if frame(&text.policy) != frame(&word.policy) {
            differ.push(format!(
                "{stem}\n  txt:  {}\n  docx: {}",
                frame(&text.policy),
                frame(&word.policy)
            ));
        }
    }
    assert!(compared >= 15, "{compared} pairs");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// Two more sets, collected after the importer was written and scored before it was tuned to
/// them: the figures that say how the import does on text it was not tuned to. They include
/// copies damaged in ways no import can undo (a 文号 cut to `牟政办发〔201746`, machine-reworded
/// text, lost chapter names), so the bar for whole documents is lower than the first corpus's.
#[test]
fn documents_collected_later_import_as_their_keys_say() {
    let s = score_in("corpus-more", is_text);
    report("collected later", &s);
    assert!(s.documents >= 25, "{} documents", s.documents);
    assert!(
        s.fully_right * 4 >= s.documents * 3,
        "{} of {}",
        s.fully_right,
        s.documents
    );
    assert!(s.fields_right * 100 >= s.fields * 95);
}
