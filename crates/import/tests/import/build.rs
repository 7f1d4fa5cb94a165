//! Builders for test inputs: .docx archives from parts, and hand-made zip bombs.

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// The namespaces a document part declares.
const NAMESPACES: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

/// A zip archive of `parts`, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(*name, options).expect("start file");
        w.write_all(bytes).expect("write part");
    }
    w.finish().expect("finish zip").into_inner()
}

/// A .docx whose body is `body` (WordprocessingML), with optional extra parts.
pub fn docx(body: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"#
    );
    let mut parts: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    parts.extend_from_slice(extra);
    zip(&parts)
}

/// A paragraph of one run.
pub fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A paragraph of one run in style `style`.
pub fn styled(style: &str, text: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// A raw deflate stream of `n` spaces (fixed Huffman codes: one literal, then matches of 258
/// at distance 1), written directly so that a large bomb costs no compression time.
pub fn deflate_spaces(n: usize) -> Vec<u8> {
    let mut bits = BitWriter::default();
    bits.push(1, 1); // final block
    bits.push(1, 2); // fixed Huffman
    bits.code(0x30 + u32::from(b' '), 8); // literal ' '
    let mut left = n.saturating_sub(1);
    while left >= 258 {
        bits.code(0xC5, 8); // length code 285 = 258
        bits.code(0, 5); // distance code 0 = 1
        left -= 258;
    }
    for _ in 0..left {
        bits.code(0x30 + u32::from(b' '), 8);
    }
    bits.code(0, 7); // end of block
    bits.finish()
}

#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    len: u32,
}

impl BitWriter {
    /// Pushes `count` bits of `value`, least significant first (header fields).
    fn push(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.len;
        self.len += count;
        while self.len >= 8 {
            self.out.push((self.acc & 0xFF) as u8);
            self.acc >>= 8;
            self.len -= 8;
        }
    }

    /// Pushes a Huffman code of `count` bits, most significant first.
    fn code(&mut self, code: u32, count: u32) {
        let reversed = code.reverse_bits() >> (32 - count);
        self.push(reversed, count);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.len > 0 {
            self.out.push((self.acc & 0xFF) as u8);
        }
        self.out
    }
}

/// A zip with one deflated entry `name` holding `deflated`, which declares `declared` as its
/// unpacked size (a lie, for a bomb that hides its size). The CRC is not checked before the size
/// limit stops the reader, so it is left zero.
pub fn zip_with_raw_entry(name: &str, deflated: &[u8], declared: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let compressed = u32::try_from(deflated.len()).expect("small");
    let name_len = u16::try_from(name.len()).expect("short name");
    let header = |out: &mut Vec<u8>, central: bool| {
        if central {
            out.extend_from_slice(b"PK\x01\x02");
            out.extend_from_slice(&20u16.to_le_bytes()); // version made by
        } else {
            out.extend_from_slice(b"PK\x03\x04");
        }
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&8u16.to_le_bytes()); // deflate
        out.extend_from_slice(&0u32.to_le_bytes()); // time, date
        out.extend_from_slice(&0u32.to_le_bytes()); // crc
        out.extend_from_slice(&compressed.to_le_bytes());
        out.extend_from_slice(&declared.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra length
        if central {
            out.extend_from_slice(&0u16.to_le_bytes()); // comment length
            out.extend_from_slice(&0u16.to_le_bytes()); // disk
            out.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            out.extend_from_slice(&0u32.to_le_bytes()); // external attributes
            out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
        }
        out.extend_from_slice(name.as_bytes());
    };
    header(&mut out, false);
    out.extend_from_slice(deflated);
    let central_start = u32::try_from(out.len()).expect("small");
    header(&mut out, true);
    let central_len = u32::try_from(out.len()).expect("small") - central_start;
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&0u32.to_le_bytes()); // disk numbers
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment
    out
}

#[test]
fn the_hand_made_deflate_stream_inflates_to_spaces() {
    use std::io::Read;
    let n = 10_000;
    let bytes = zip_with_raw_entry("a.txt", &deflate_spaces(n), u32::try_from(n).expect("n"));
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    let mut entry = archive.by_name("a.txt").expect("entry");
    // The CRC is zero, so read_to_string ends in a CRC error after all the data.
    let _ = entry.read_to_string(&mut text);
    assert_eq!(text.len(), n);
    assert!(text.bytes().all(|b| b == b' '));
}
