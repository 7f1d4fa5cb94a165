//! GPS removal from an Exif (TIFF) structure, as found in JPEG APP1, PNG `eXIf` and WebP `EXIF`.
//!
//! The GPS IFD is emptied in place rather than removed: every offset in the structure stays
//! valid, the file keeps its length, and the rest of the Exif (orientation above all, which
//! decides which way up the photo is shown) is untouched. Every read is bounds-checked: the
//! bytes come from anyone, and a malformed Exif must never panic.

use crate::Patch;

/// The IFD0 tag whose value is the offset of the GPS IFD.
const GPS_IFD_POINTER: u16 = 0x8825;

#[derive(Clone, Copy)]
struct Tiff<'a> {
    data: &'a [u8],
    little: bool,
}

impl Tiff<'_> {
    fn u16_at(&self, at: usize) -> Option<u16> {
        let b: [u8; 2] = self.data.get(at..at.checked_add(2)?)?.try_into().ok()?;
        Some(if self.little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let b: [u8; 4] = self.data.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(if self.little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    }
}

/// Bytes per value of a TIFF field type; `None` for types this reader does not know.
fn type_size(field_type: u16) -> Option<u64> {
    match field_type {
        1 | 2 | 6 | 7 => Some(1),
        3 | 8 => Some(2),
        4 | 9 | 11 | 13 => Some(4),
        5 | 10 | 12 => Some(8),
        _ => None,
    }
}

/// Patches that empty the GPS IFD of the TIFF structure `tiff`, which starts at `base` in the
/// file. Empty when there is no GPS IFD, it is already empty, or the structure is unreadable (an
/// unreadable pointer leads no reader to GPS data either).
pub(crate) fn strip_gps(tiff: &[u8], base: u64) -> Vec<Patch> {
    strip_gps_inner(tiff, base).unwrap_or_default()
}

fn strip_gps_inner(data: &[u8], base: u64) -> Option<Vec<Patch>> {
    let little = match data.get(0..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let t = Tiff { data, little };
    let ifd0 = t.u32_at(4)? as usize;
    let count0 = t.u16_at(ifd0)? as usize;
    let mut gps_ifd = None;
    for i in 0..count0 {
        let entry = ifd0.checked_add(2)?.checked_add(i.checked_mul(12)?)?;
        let Some(tag) = t.u16_at(entry) else { break };
        if tag == GPS_IFD_POINTER {
            gps_ifd = t.u32_at(entry + 8).map(|v| v as usize);
            break;
        }
    }
    let gps = gps_ifd?;
    let count = t.u16_at(gps)? as usize;
    if count == 0 {
        return None;
    }
    let mut patches = Vec::new();
    for i in 0..count {
        let entry = gps + 2 + i * 12;
        let (Some(field_type), Some(n), Some(value)) = (
            t.u16_at(entry + 2),
            t.u32_at(entry + 4),
            t.u32_at(entry + 8),
        ) else {
            break;
        };
        let Some(len) = type_size(field_type).and_then(|s| s.checked_mul(u64::from(n))) else {
            continue;
        };
        // Values of up to four bytes sit in the entry itself and go with it.
        if len > 4 {
            let start = value as usize;
            let end = usize::try_from(len)
                .ok()
                .and_then(|l| start.checked_add(l))
                .map(|e| e.min(data.len()));
            if let Some(end) = end.filter(|&e| start < e) {
                patches.push(zeros(base, start, end));
            }
        }
    }
    // An all-zero IFD reads as "no entries, no next IFD": valid, and empty.
    let end = (gps + 2 + count * 12 + 4).min(data.len());
    patches.push(zeros(base, gps, end));
    Some(patches)
}

fn zeros(base: u64, start: usize, end: usize) -> Patch {
    Patch {
        offset: base + start as u64,
        bytes: vec![0; end - start],
    }
}

/// The orientation tag (0x0112) of IFD0, for tests and diagnostics.
#[cfg(test)]
pub(crate) fn orientation(data: &[u8]) -> Option<u16> {
    let little = match data.get(0..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let t = Tiff { data, little };
    let ifd0 = t.u32_at(4)? as usize;
    (0..t.u16_at(ifd0)? as usize)
        .map(|i| ifd0 + 2 + i * 12)
        .find(|&e| t.u16_at(e) == Some(0x0112))
        .and_then(|e| t.u16_at(e + 8))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apply_patches;

    /// A TIFF with IFD0 {orientation, GPS pointer} and a GPS IFD {version, latitude ref,
    /// latitude (out of line)}.
    pub(crate) fn tiff_with_gps(little: bool) -> Vec<u8> {
        let w16 = |v: u16| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let w32 = |v: u32| {
            if little {
                v.to_le_bytes()
            } else {
                v.to_be_bytes()
            }
        };
        let mut t = Vec::new();
        t.extend_from_slice(if little { b"II*\0" } else { b"MM\0*" });
        t.extend_from_slice(&w32(8));
        // IFD0 at 8: 2 entries.
        t.extend_from_slice(&w16(2));
        t.extend_from_slice(&w16(0x0112));
        t.extend_from_slice(&w16(3));
        t.extend_from_slice(&w32(1));
        t.extend_from_slice(&w16(6));
        t.extend_from_slice(&[0, 0]);
        t.extend_from_slice(&w16(0x8825));
        t.extend_from_slice(&w16(4));
        t.extend_from_slice(&w32(1));
        t.extend_from_slice(&w32(38));
        t.extend_from_slice(&w32(0));
        assert_eq!(t.len(), 38);
        // GPS IFD at 38: 3 entries, then latitude at 38 + 2 + 36 + 4 = 80.
        t.extend_from_slice(&w16(3));
        t.extend_from_slice(&w16(0));
        t.extend_from_slice(&w16(1));
        t.extend_from_slice(&w32(4));
        t.extend_from_slice(&[2, 3, 0, 0]);
        t.extend_from_slice(&w16(1));
        t.extend_from_slice(&w16(2));
        t.extend_from_slice(&w32(2));
        t.extend_from_slice(b"N\0\0\0");
        t.extend_from_slice(&w16(2));
        t.extend_from_slice(&w16(5));
        t.extend_from_slice(&w32(3));
        t.extend_from_slice(&w32(80));
        t.extend_from_slice(&w32(0));
        assert_eq!(t.len(), 80);
        for v in [39, 1, 54, 1, 1527, 100] {
            t.extend_from_slice(&w32(v));
        }
        t
    }

    #[test]
    fn empties_the_gps_ifd_in_both_byte_orders() {
        for little in [true, false] {
            let mut t = tiff_with_gps(little);
            let patches = strip_gps(&t, 0);
            assert_eq!(patches.len(), 2);
            let before = t.len();
            apply_patches(&mut t, &patches);
            assert_eq!(t.len(), before);
            assert!(
                t[38..].iter().all(|&b| b == 0),
                "GPS IFD and latitude zeroed"
            );
            assert_eq!(orientation(&t), Some(6), "orientation kept");
            assert!(strip_gps(&t, 0).is_empty(), "nothing left to strip");
        }
    }

    #[test]
    fn offsets_are_relative_to_the_tiff_start() {
        let t = tiff_with_gps(true);
        let patches = strip_gps(&t, 1000);
        assert!(patches.iter().all(|p| p.offset >= 1000 + 38));
    }

    #[test]
    fn malformed_exif_never_panics() {
        let good = tiff_with_gps(false);
        for cut in 0..good.len() {
            let _ = strip_gps(&good[..cut], 0);
        }
        // Pointers past the end, counts that overflow, garbage of every byte value.
        let mut bad = good.clone();
        bad[46..50].copy_from_slice(&u32::MAX.to_be_bytes());
        let _ = strip_gps(&bad, 0);
        let mut bad = good.clone();
        bad[38..40].copy_from_slice(&u16::MAX.to_be_bytes());
        let _ = strip_gps(&bad, u64::MAX - 10_000_000);
        let mut seed = 0x2545_f491_u32;
        for _ in 0..2000 {
            let mut g = good.clone();
            for _ in 0..8 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let at = seed as usize % g.len();
                g[at] = (seed >> 24) as u8;
            }
            let _ = strip_gps(&g, 0);
        }
    }
}
