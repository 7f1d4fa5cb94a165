//! Text bytes to a string: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
//! mark, then GB18030, which covers the GBK and GB2312 files Chinese offices still write.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and the name of the encoding that was used.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The text.
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
}

/// Decodes `bytes`, or `None` when no encoding reads them without errors.
pub(crate) fn decode(bytes: &[u8]) -> Option<Decoded> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return strict(encoding, &bytes[bom..]);
    }
    strict(UTF_8, bytes).or_else(|| strict(GB18030, bytes))
}

fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)?
        .into_owned();
    let name = if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else if encoding == GB18030 {
        "GB18030"
    } else {
        "UTF-8"
    };
    Some(Decoded {
        text,
        encoding: name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("政务公开".as_bytes()).map(|d| d.text),
            Some("政务公开".into())
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("公开".as_bytes());
        assert_eq!(decode(&bom).map(|d| d.text), Some("公开".into()));
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let (bytes, _, _) = GB18030.encode("关于全面推进政务公开工作的实施意见");
        let decoded = decode(&bytes).expect("decodes");
        assert_eq!(decoded.text, "关于全面推进政务公开工作的实施意见");
        assert_eq!(decoded.encoding, "GB18030");
    }

    #[test]
    fn utf16_needs_its_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "公开".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes).expect("decodes");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            ("公开", "UTF-16LE")
        );
    }

    #[test]
    fn undecodable_bytes_are_refused() {
        assert_eq!(decode(&[0xFF, 0xFF, 0xFF]), None);
    }
}
