//! The /ByteRange: the placeholder written before signing, and the checks that it covers the
//! whole file except exactly the /Contents hex string.

use lopdf::Object;
use sha2::{Digest, Sha256};

use crate::PadesError;

/// Width of the ByteRange array as written: `[0 a b c]` padded with spaces. Wide enough for
/// any three 20-digit numbers, so the real values always fit into the placeholder.
pub(crate) const PLACEHOLDER_WIDTH: usize = 72;

/// How many bytes may follow the signed range: one end-of-line after `%%EOF` that a file
/// transfer or an editor may add. Anything more (an incremental update is hundreds of bytes)
/// is ModifiedAfterSigning.
pub(crate) const MAX_TRAILING_EOL: usize = 2;

/// A ByteRange `[0 a b c]` in the only shape PAdES allows: two ranges, the first starting
/// at 0, the gap between them holding /Contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ByteRange {
    /// Offset of the `<` of /Contents (= length of the first range).
    pub(crate) gap_start: usize,
    /// Offset just after the `>` of /Contents (= start of the second range).
    pub(crate) gap_end: usize,
    /// End of the second range.
    pub(crate) end: usize,
}

impl ByteRange {
    /// How many bytes the signature covers.
    pub(crate) fn covered(&self) -> usize {
        self.gap_start + (self.end - self.gap_end)
    }

    /// The placeholder-width text of the array.
    pub(crate) fn to_padded_text(self) -> Vec<u8> {
        let text = format!(
            "[0 {} {} {}]",
            self.gap_start,
            self.gap_end,
            self.end - self.gap_end
        );
        format!("{text:<PLACEHOLDER_WIDTH$}").into_bytes()
    }

    /// SHA-256 over both ranges of `pdf`; the caller has checked they lie inside it.
    pub(crate) fn digest(&self, pdf: &[u8]) -> Result<[u8; 32], PadesError> {
        let first = pdf.get(..self.gap_start);
        let second = pdf.get(self.gap_end..self.end);
        let (Some(first), Some(second)) = (first, second) else {
            return Err(PadesError::bad_byte_range(
                "范围超出文件 / the ranges lie outside the file",
            ));
        };
        let mut hasher = Sha256::new();
        hasher.update(first);
        hasher.update(second);
        Ok(hasher.finalize().into())
    }
}

/// Reads the /ByteRange array; any shape but `[0 a b c]` with `0 < a < b` is an error.
pub(crate) fn parse(object: &Object) -> Result<ByteRange, PadesError> {
    let bad = PadesError::bad_byte_range;
    let Object::Array(items) = object else {
        return Err(bad("不是数组 / it is not an array"));
    };
    let numbers: Vec<usize> = items
        .iter()
        .map(|item| match item {
            Object::Integer(i) => usize::try_from(*i).ok(),
            _ => None,
        })
        .collect::<Option<_>>()
        .ok_or_else(|| bad("含有非整数或负数 / it holds a non-integer or negative value"))?;
    let [start, gap_start, gap_end, second_len] = numbers[..] else {
        return Err(bad("须恰有四个数 / it must hold exactly four numbers"));
    };
    if start != 0 {
        return Err(bad("不是从 0 开始 / it does not start at 0"));
    }
    if gap_start == 0 || gap_end <= gap_start {
        return Err(bad("两个范围的次序不对 / the two ranges are out of order"));
    }
    let end = gap_end
        .checked_add(second_len)
        .ok_or_else(|| bad("数值过大 / the numbers overflow"))?;
    Ok(ByteRange {
        gap_start,
        gap_end,
        end,
    })
}

/// Checks that the gap is exactly the hex string `<...>` holding `contents`, and that the
/// second range ends at the end of the file (up to [`MAX_TRAILING_EOL`] EOL bytes).
pub(crate) fn check(pdf: &[u8], range: &ByteRange, contents: &[u8]) -> Result<(), PadesError> {
    let bad = PadesError::bad_byte_range;
    if range.end > pdf.len() {
        return Err(bad("范围超出文件末尾（文件可能被截断）/ the range runs past the end of the file (is it truncated?)"));
    }
    let gap = &pdf[range.gap_start..range.gap_end];
    let hex = gap
        .strip_prefix(b"<")
        .and_then(|g| g.strip_suffix(b">"))
        .filter(|h| h.len() % 2 == 0 && h.iter().all(u8::is_ascii_hexdigit))
        .ok_or_else(|| bad("空隙不是一个十六进制字符串 / the gap is not one hex string"))?;
    let decoded = hex::decode(hex).map_err(|_| bad("the gap is not valid hex"))?;
    if decoded != contents {
        return Err(bad(
            "空隙不是签名的 /Contents / the gap is not the signature's /Contents",
        ));
    }
    let trailing = &pdf[range.end..];
    if trailing.len() > MAX_TRAILING_EOL || !trailing.iter().all(|b| matches!(b, b'\r' | b'\n')) {
        return Err(PadesError::ModifiedAfterSigning {
            extra_bytes: trailing.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(values: &[i64]) -> Object {
        Object::Array(values.iter().map(|&v| Object::Integer(v)).collect())
    }

    #[test]
    fn rejects_every_malformed_shape() {
        for bad in [
            ints(&[0, 10, 20]),
            ints(&[1, 10, 20, 5]),
            ints(&[0, 20, 10, 5]),
            ints(&[0, 0, 10, 5]),
            ints(&[0, -1, 10, 5]),
            Object::Integer(3),
        ] {
            let error = parse(&bad).expect_err("malformed");
            assert_eq!(error.code(), "pdf.bad_byte_range", "{bad:?}");
        }
    }

    #[test]
    fn huge_numbers_do_not_overflow_or_panic() {
        for values in [[0, 10, 20, 1 << 40], [0, 10, i64::MAX, i64::MAX]] {
            let range = parse(&ints(&values)).expect("well-formed");
            assert_eq!(
                check(b"short", &range, b"").expect_err("outside").code(),
                "pdf.bad_byte_range"
            );
            assert!(range.digest(b"short").is_err());
        }
    }

    #[test]
    fn gap_must_be_the_contents_and_reach_the_end() {
        let pdf = b"head<0A0B>tail";
        let range = parse(&ints(&[0, 4, 10, 4])).expect("well-formed");
        assert_eq!(check(pdf, &range, &[0x0a, 0x0b]), Ok(()));
        assert_eq!(
            check(pdf, &range, &[0x0a]).expect_err("differs").code(),
            "pdf.bad_byte_range"
        );
        let mut longer = pdf.to_vec();
        longer.extend_from_slice(b"\r\n");
        assert_eq!(check(&longer, &range, &[0x0a, 0x0b]), Ok(()));
        longer.extend_from_slice(b"x");
        assert_eq!(
            check(&longer, &range, &[0x0a, 0x0b]),
            Err(PadesError::ModifiedAfterSigning { extra_bytes: 3 })
        );
    }

    #[test]
    fn padded_text_has_the_placeholder_width() {
        let range = ByteRange {
            gap_start: 123,
            gap_end: 456,
            end: 789,
        };
        let text = range.to_padded_text();
        assert_eq!(text.len(), PLACEHOLDER_WIDTH);
        assert!(text.starts_with(b"[0 123 456 333]"));
    }
}
