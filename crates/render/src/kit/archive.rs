//! Zip archives in memory: the kit itself and each .docx inside it.
//!
//! Writing is deterministic: entries in the order given, one fixed timestamp, fixed
//! permissions. Images, audio and video are stored (they are compressed already); everything
//! else is deflated.

use crate::error::RenderError;
use chrono::{DateTime, Datelike, Timelike, Utc};
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// Largest entry `read_zip` unpacks: far above any real kit file, far below a zip bomb.
pub(crate) const MAX_ENTRY_BYTES: u64 = jiedu_core::media::ANY_LIMIT;

/// Zip's timestamp for `time`, shown as Beijing time (zip times carry no zone).
fn zip_time(time: DateTime<Utc>) -> zip::DateTime {
    let local = super::embargo::beijing(time);
    let part = |v: u32| u8::try_from(v).unwrap_or(0);
    u16::try_from(local.year())
        .ok()
        .and_then(|year| {
            zip::DateTime::from_date_and_time(
                year,
                part(local.month()),
                part(local.day()),
                part(local.hour()),
                part(local.minute()),
                part(local.second()),
            )
            .ok()
        })
        .unwrap_or_default()
}

/// Writes `files` into one zip archive named `archive` (for errors), all dated `time`.
pub(crate) fn write_zip(
    archive: &str,
    files: &[(&str, &[u8])],
    time: DateTime<Utc>,
) -> Result<Vec<u8>, RenderError> {
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(total + 4096)));
    let base = SimpleFileOptions::default()
        .last_modified_time(zip_time(time))
        .unix_permissions(0o644);
    for (name, bytes) in files {
        let failed = |detail: String| RenderError::Archive {
            file: format!("{archive}: {name}"),
            detail,
        };
        // Images, audio and video are compressed already: deflating them only costs time.
        let compressed = [
            ".png", ".jpg", ".jpeg", ".webp", ".mp3", ".m4a", ".mp4", ".webm",
        ];
        let method = if compressed.iter().any(|ext| name.ends_with(ext)) {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = base
            .compression_method(method)
            .large_file(bytes.len() as u64 >= u64::from(u32::MAX));
        zip.start_file(*name, options)
            .map_err(|e| failed(e.to_string()))?;
        zip.write_all(bytes).map_err(|e| failed(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| RenderError::Archive {
        file: archive.to_string(),
        detail: e.to_string(),
    })?;
    Ok(cursor.into_inner())
}

/// One entry of an archive read back: its name, and its bytes or why they could not be read.
pub(crate) type ReadEntry = (String, Result<Vec<u8>, String>);

/// Reads every file entry of a zip archive (directories are skipped), in archive order. Fails
/// only when the archive itself cannot be opened; an unreadable entry is reported with it.
pub(crate) fn read_zip(bytes: &[u8]) -> Result<Vec<ReadEntry>, String> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let entry = match zip.by_index(i) {
            Ok(entry) => entry,
            Err(e) => {
                out.push((format!("#{}", i + 1), Err(e.to_string())));
                continue;
            }
        };
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(e) => {
                out.push((format!("#{}", i + 1), Err(e.to_string())));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        if entry.size() > MAX_ENTRY_BYTES {
            out.push((name, Err(format!("larger than {MAX_ENTRY_BYTES} bytes"))));
            continue;
        }
        let mut data = Vec::new();
        let read = entry
            .take(MAX_ENTRY_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| e.to_string())
            .and_then(|n| {
                if n as u64 > MAX_ENTRY_BYTES {
                    Err(format!("larger than {MAX_ENTRY_BYTES} bytes"))
                } else {
                    Ok(data)
                }
            });
        out.push((name, read));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn files_go_in_and_come_back_in_order_and_bytes_are_stable() {
        let time = Utc
            .with_ymd_and_hms(2026, 11, 30, 2, 0, 0)
            .single()
            .expect("time");
        let files: [(&str, &[u8]); 3] = [
            ("b.md", "问答".as_bytes()),
            ("charts/a.png", b"\x89PNG"),
            ("a.json", b"{}"),
        ];
        let one = write_zip("kit.zip", &files, time).expect("zip");
        let two = write_zip("kit.zip", &files, time).expect("zip");
        assert_eq!(one, two);
        let back = read_zip(&one).expect("read");
        let names: Vec<&str> = back.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["b.md", "charts/a.png", "a.json"]);
        assert_eq!(back[0].1.as_deref(), Ok("问答".as_bytes()));
    }

    #[test]
    fn a_corrupted_entry_is_named_not_fatal() {
        let time = Utc.timestamp_opt(1_800_000_000, 0).single().expect("time");
        let body = vec![b'x'; 1000];
        let files: [(&str, &[u8]); 1] = [("a.png", &body)];
        let mut zip = write_zip("kit.zip", &files, time).expect("zip");
        // Flip a byte of the stored data: the CRC no longer matches.
        let at = zip.windows(5).position(|w| w == b"a.png").expect("name") + 500;
        zip[at] ^= 0xff;
        let back = read_zip(&zip).expect("archive still opens");
        assert_eq!(back[0].0, "a.png");
        assert!(back[0].1.is_err());
    }
}
