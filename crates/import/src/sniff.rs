//! What a file really is, from its first bytes, whatever its name says.

/// The kinds of file told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A zip archive: a .docx (or another Office Open XML or OpenDocument file).
    Zip,
    /// An OLE compound file: an encrypted .docx, or a legacy .doc / .wps.
    Ole,
    /// A file the import does not read; the Chinese and English names of what it is.
    Other(&'static str, &'static str),
    /// A format with a known extension that the import does not read (rtf, html).
    Unsupported(&'static str),
    /// Anything else: read as text.
    Text,
}

/// Tells what `bytes` are.
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    const MAGIC: [(&[u8], Sniffed); 10] = [
        (b"PK\x03\x04", Sniffed::Zip),
        (b"PK\x05\x06", Sniffed::Zip),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", Sniffed::Ole),
        (b"%PDF", Sniffed::Other("PDF 文件", "a PDF file")),
        (b"\x89PNG", Sniffed::Other("PNG 图片", "a PNG image")),
        (b"\xFF\xD8\xFF", Sniffed::Other("JPEG 图片", "a JPEG image")),
        (b"GIF8", Sniffed::Other("GIF 图片", "a GIF image")),
        (b"Rar!", Sniffed::Other("RAR 压缩包", "a RAR archive")),
        (b"7z\xBC\xAF", Sniffed::Other("7z 压缩包", "a 7z archive")),
        (b"{\\rtf", Sniffed::Unsupported("rtf")),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return *kind;
    }
    if bytes.starts_with(b"\x1F\x8B") {
        return Sniffed::Other("gzip 压缩包", "a gzip archive");
    }
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let start = start.trim_start_matches('\u{FEFF}').trim_start();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return Sniffed::Unsupported("html");
    }
    let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    if !utf16 && bytes[..bytes.len().min(crate::limits::SNIFF_BYTES)].contains(&0) {
        return Sniffed::Other("二进制文件", "a binary file");
    }
    Sniffed::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_numbers() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1...."), Sniffed::Ole);
        assert!(matches!(
            sniff(b"\x89PNG\r\n\x1a\n"),
            Sniffed::Other("PNG 图片", _)
        ));
        assert!(matches!(
            sniff(b"abc\0def"),
            Sniffed::Other("二进制文件", _)
        ));
        assert_eq!(
            sniff(b"<!DOCTYPE html><html>"),
            Sniffed::Unsupported("html")
        );
        assert_eq!(sniff("政务公开".as_bytes()), Sniffed::Text);
        assert_eq!(sniff(b"\xFF\xFEa\0"), Sniffed::Text);
        assert_eq!(sniff(b""), Sniffed::Text);
    }
}
