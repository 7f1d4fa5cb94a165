//! Import time: the seed, and about 1 MB of text. The bounds are loose (debug builds on a busy
//! 2-core machine); the printed times are the measurement (`cargo test -- --nocapture timing`).

use jiedu_import::{import_docx, import_text, SourceFormat};
use std::time::{Duration, Instant};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).expect("fixture")
}

#[test]
fn seed_and_a_megabyte_of_text_import_quickly() {
    let seed = String::from_utf8(fixture("seed-web.txt")).expect("utf-8");
    let started = Instant::now();
    let result = import_text(&seed, SourceFormat::Txt).expect("seed");
    let seed_time = started.elapsed();
    assert_eq!(result.policy.sections.len(), 20);

    let started = Instant::now();
    import_docx(&fixture("seed.docx")).expect("docx");
    let docx_time = started.elapsed();

    let big = seed.repeat(1_000_000 / seed.len() + 1);
    let started = Instant::now();
    let result = import_text(&big, SourceFormat::Txt).expect("1 MB");
    let big_time = started.elapsed();
    assert!(result.policy.sections.len() >= 20 * 90);
    // The same megabyte with every line break lost: the one-line splitter must stay linear.
    let one_line = big.replace('\n', " ");
    let started = Instant::now();
    let result = import_text(&one_line, SourceFormat::Txt).expect("1 MB on one line");
    let one_line_time = started.elapsed();
    assert!(result.policy.sections.len() >= 20 * 90);
    eprintln!(
        "seed {seed_time:?}, seed.docx {docx_time:?}, {} bytes {big_time:?}, on one line {one_line_time:?}",
        big.len()
    );
    assert!(big_time < Duration::from_secs(30), "{big_time:?}");
    assert!(one_line_time < Duration::from_secs(30), "{one_line_time:?}");
}
