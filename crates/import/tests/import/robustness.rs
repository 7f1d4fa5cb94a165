//! Bad files give clear errors naming the file, within bounded memory and time.

use crate::build::{deflate_spaces, docx, p, zip, zip_with_raw_entry};
use jiedu_import::limits::{MAX_DOCUMENT_XML_BYTES, MAX_TEXT_BYTES};
use jiedu_import::{import_bytes, import_file, import_text, ImportError, SourceFormat};
use std::time::{Duration, Instant};

/// Checks the error's code, that it names the file in both languages, and that it came fast.
fn assert_error(result: Result<jiedu_import::ImportResult, ImportError>, code: &str, file: &str) {
    let err = result.expect_err("must fail");
    assert_eq!(err.code(), code, "{err}");
    let text = err.to_string();
    let (zh, en) = text.split_once('\n').expect("Chinese line, then English");
    assert!(zh.contains(file) && en.contains(file), "{text}");
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn empty_and_blank_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("empty.docx", b""),
        ("blank.txt", b"\n\n \r\n\t\n"),
        ("junk.txt", "相关主题\n文本预览\n".as_bytes()),
    ] {
        let path = write(&dir, name, bytes);
        assert_error(import_file(&path), "import.empty", name);
    }
    assert_error(
        import_text("", SourceFormat::Txt),
        "import.empty",
        "pasted text",
    );
    assert_error(
        import_bytes(&docx(&p(""), &[]), "blank.docx"),
        "import.empty",
        "blank.docx",
    );
}

#[test]
fn a_png_renamed_to_docx() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    assert_error(
        import_bytes(png, "通知.docx"),
        "import.not_a_document",
        "通知.docx",
    );
    let err = import_bytes(png, "通知.docx").expect_err("png");
    assert!(err.to_string().contains("PNG"));
}

#[test]
fn corrupt_and_foreign_zips() {
    let good = docx(&p("正文。"), &[]);
    let truncated = &good[..good.len() / 2];
    assert_error(
        import_bytes(truncated, "cut.docx"),
        "import.corrupt_zip",
        "cut.docx",
    );
    let mut flipped = good.clone();
    let middle = flipped.len() / 3;
    for b in &mut flipped[middle..middle + 40] {
        *b ^= 0x5A;
    }
    let err = import_bytes(&flipped, "flipped.docx").expect_err("corrupt");
    assert!(
        ["import.corrupt_zip", "import.bad_xml", "import.zip_bomb"].contains(&err.code()),
        "{err}"
    );
    let xlsx = zip(&[("xl/workbook.xml", b"<workbook/>")]);
    assert_error(
        import_bytes(&xlsx, "表格.docx"),
        "import.missing_part",
        "表格.docx",
    );
    let bad_xml = zip(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
    assert_error(
        import_bytes(&bad_xml, "bad.docx"),
        "import.bad_xml",
        "bad.docx",
    );
}

#[test]
fn encrypted_docx_and_legacy_doc() {
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend_from_slice(&[0; 504]);
    assert_error(
        import_bytes(&ole, "加密.docx"),
        "import.encrypted_or_legacy",
        "加密.docx",
    );
    assert_error(
        import_bytes(&ole, "旧版.doc"),
        "import.encrypted_or_legacy",
        "旧版.doc",
    );
}

#[test]
fn zip_bombs_stop_at_the_limit() {
    let size = usize::try_from(MAX_DOCUMENT_XML_BYTES).expect("fits") + 1024;
    let stream = deflate_spaces(size);
    let started = Instant::now();
    let honest = zip_with_raw_entry(
        "word/document.xml",
        &stream,
        u32::try_from(size).expect("fits"),
    );
    assert_error(
        import_bytes(&honest, "bomb.docx"),
        "import.zip_bomb",
        "bomb.docx",
    );
    // A bomb that declares a small size: reading stops past the declared size (the zip reader
    // refuses it as damaged) or past the limit (take), whichever comes first.
    let lying = zip_with_raw_entry("word/document.xml", &stream, 1000);
    let err = import_bytes(&lying, "liar.docx").expect_err("bomb");
    assert!(
        ["import.zip_bomb", "import.corrupt_zip"].contains(&err.code()),
        "{err}"
    );
    assert!(err.to_string().contains("liar.docx"));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_fifty_megabyte_text_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "（一）推进决策公开。把公众参与、专家论证确定为重大决策法定程序。\n";
    let path = write(
        &dir,
        "big.txt",
        line.repeat(50 * 1024 * 1024 / line.len()).as_bytes(),
    );
    let started = Instant::now();
    assert_error(import_file(&path), "import.too_large", "big.txt");
    assert!(started.elapsed() < Duration::from_secs(2));
    let sparse = dir.path().join("zeros.txt");
    std::fs::File::create(&sparse)
        .and_then(|f| f.set_len(50 * 1024 * 1024))
        .expect("sparse file");
    assert_error(import_file(&sparse), "import.not_a_document", "zeros.txt");
    let big = "政".repeat(usize::try_from(MAX_TEXT_BYTES).expect("fits") / 3 + 1);
    assert_error(
        import_text(&big, SourceFormat::Txt),
        "import.too_large",
        "pasted text",
    );
}

#[test]
fn undecodable_and_binary_text() {
    assert_error(
        import_bytes(&[0xFF, 0xFF, 0xFE, 0x81, 0x30], "乱码.txt"),
        "import.encoding",
        "乱码.txt",
    );
    assert_error(
        import_bytes(b"ab\0cd", "a.txt"),
        "import.not_a_document",
        "a.txt",
    );
    assert_error(
        import_bytes(b"%PDF-1.7", "a.pdf"),
        "import.not_a_document",
        "a.pdf",
    );
    assert_error(
        import_bytes(b"plain", "a.pdf"),
        "import.unsupported",
        "a.pdf",
    );
}
