//! Media through the `jiedu` binary: files made by ffmpeg added to a demo pack, refused files
//! (mislabelled, truncated, oversized) leaving nothing stored, and `audit --verify` catching
//! stored bytes that were replaced.

use super::workflow::{act, json, ok, run};
use super::{assert_clear_error, demo_db, stderr};
use std::path::{Path, PathBuf};
use std::process::Command;

const PASS: &str = "jiedu-demo";
/// A pack of 办公厅 (general-office), which 张伟 drafts.
const PACK: &str = "seed-openness";

/// Makes a small file with ffmpeg (Debian's package; scripts/setup.sh installs it).
pub(crate) fn ffmpeg(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let status = Command::new("ffmpeg")
        .args(["-v", "error", "-y"])
        .args(args)
        .arg(&out)
        .status()
        .expect("ffmpeg is needed for the media tests (apt-get install ffmpeg)");
    assert!(status.success(), "ffmpeg made no {name}");
    out
}

/// The text of a PDF in content order (pdftotext -raw), white space removed: the extraction
/// puts spaces of its own between grid cells.
pub(crate) fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The entry names of a zip (`unzip -Z1`).
pub(crate) fn zip_names(zip: &Path) -> Vec<String> {
    let out = std::process::Command::new("unzip")
        .arg("-Z1")
        .arg(zip)
        .output()
        .expect("unzip");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// A PNG, a JPEG, an MP3 and an MP4 of a few KB each.
pub(crate) fn sample_files(dir: &Path) -> Vec<PathBuf> {
    let still = [
        "-f",
        "lavfi",
        "-i",
        "testsrc=size=320x240",
        "-frames:v",
        "1",
    ];
    vec![
        ffmpeg(dir, "现场.png", &still),
        ffmpeg(dir, "发布会.jpg", &still),
        ffmpeg(
            dir,
            "吹风会录音.mp3",
            &["-f", "lavfi", "-i", "sine=frequency=440", "-t", "2"],
        ),
        ffmpeg(
            dir,
            "解读视频.mp4",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x240:rate=10",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440",
                "-t",
                "2",
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
            ],
        ),
    ]
}

fn stored_count(db: &Path) -> usize {
    let o = ok(run(db, &["--json", "audit", "--verify"]));
    json(&o)["verification"]["media"]["files"]
        .as_u64()
        .expect("files") as usize
}

fn add(db: &Path, file: &Path, caption: &str) -> std::process::Output {
    act(
        db,
        "zhang.wei",
        PASS,
        &[
            "--json",
            "media",
            "add",
            PACK,
            file.to_str().expect("path"),
            "--caption",
            caption,
            "--alt",
            "测试图片的替代文本",
        ],
    )
}

#[test]
fn files_made_by_ffmpeg_are_added_read_by_content_and_listed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let files = sample_files(dir.path());
    let mut formats = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let added = json(&ok(add(&db, file, &format!("题注 {i}"))));
        assert_eq!(added["media"]["id"], format!("m{}", i + 1));
        formats.push(
            added["media"]["format"]
                .as_str()
                .expect("format")
                .to_string(),
        );
        if i >= 2 {
            let ms = added["media"]["duration_ms"].as_u64().expect("duration");
            assert!((1800..=2300).contains(&ms), "{file:?} lasts {ms} ms");
        }
    }
    assert_eq!(formats, ["png", "jpeg", "mp3", "mp4"]);
    let listed = json(&ok(run(&db, &["--json", "media", "list", PACK])));
    assert_eq!(listed.as_array().expect("list").len(), 4);
    assert_eq!(listed[3]["codecs"][0], "avc1");

    // The same bytes again are referenced, not stored twice.
    let again = json(&ok(add(&db, &files[0], "再次")));
    assert_eq!(again["existed"], true);
    assert_eq!(stored_count(&db), 4);

    // What comes out is what went in.
    let back = dir.path().join("back.mp4");
    ok(run(
        &db,
        &[
            "media",
            "get",
            PACK,
            "m4",
            "--out",
            back.to_str().expect("path"),
        ],
    ));
    assert_eq!(
        std::fs::read(&back).expect("read"),
        std::fs::read(&files[3]).expect("read")
    );

    // A checklist warning for an image without alt text.
    let removed = ok(act(
        &db,
        "zhang.wei",
        PASS,
        &["media", "remove", PACK, "m5"],
    ));
    assert!(removed.status.success());
    let bare = json(&ok(act(
        &db,
        "zhang.wei",
        PASS,
        &[
            "--json",
            "media",
            "add",
            PACK,
            files[1].to_str().expect("path"),
        ],
    )));
    assert_eq!(bare["media"]["alt"], "");
    let checked = json(&run(&db, &["--json", "check", PACK]));
    let text = checked.to_string();
    assert!(text.contains("media-files"), "{text}");
    assert!(text.contains("缺少替代文本"), "{text}");
}

#[test]
fn mislabelled_truncated_and_oversized_files_are_refused_by_name_with_nothing_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let files = sample_files(dir.path());
    let revision = |db: &Path| json(&ok(run(db, &["--json", "show", PACK])))["revision"].clone();
    let before = revision(&db);

    let renamed = dir.path().join("宣传片.mp4");
    std::fs::copy(&files[0], &renamed).expect("copy");
    assert_clear_error(&add(&db, &renamed, "x"), "宣传片.mp4");
    assert!(stderr(&add(&db, &renamed, "x")).contains("PNG"));

    let bytes = std::fs::read(&files[1]).expect("jpeg");
    let truncated = dir.path().join("截断.jpg");
    std::fs::write(&truncated, &bytes[..bytes.len() * 6 / 10]).expect("write");
    assert_clear_error(&add(&db, &truncated, "x"), "截断.jpg");

    let sparse = dir.path().join("超大视频.mp4");
    let file = std::fs::File::create(&sparse).expect("create");
    file.set_len(3 << 30).expect("sparse 3 GB");
    let started = std::time::Instant::now();
    let refused = add(&db, &sparse, "x");
    assert_clear_error(&refused, "超大视频.mp4");
    assert!(stderr(&refused).contains("MB"), "{}", stderr(&refused));
    assert!(
        started.elapsed().as_secs() < 20,
        "the size is checked before reading"
    );

    assert_eq!(stored_count(&db), 0, "nothing stored");
    assert_eq!(revision(&db), before, "no revision saved");
}

#[test]
fn replaced_bytes_of_a_stored_file_fail_audit_verify() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let files = sample_files(dir.path());
    ok(add(&db, &files[3], "解读视频"));
    ok(run(&db, &["audit", "--verify"]));
    // Someone with the database file swaps one byte of the video.
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        use sqlx::Connection;
        let url = format!("sqlite://{}", db.display());
        let mut conn = sqlx::SqliteConnection::connect(&url).await.expect("open");
        let data: Vec<u8> = sqlx::query_scalar("SELECT data FROM media_chunks LIMIT 1")
            .fetch_one(&mut conn)
            .await
            .expect("chunk");
        let mut changed = data.clone();
        changed[200] ^= 0xff;
        sqlx::query("UPDATE media_chunks SET data = ? WHERE data = ?")
            .bind(changed)
            .bind(data)
            .execute(&mut conn)
            .await
            .expect("replace");
    });
    let o = run(&db, &["audit", "--verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", super::stdout(&o));
    let text = super::stdout(&o);
    assert!(text.contains("解读视频.mp4"), "{text}");
    assert!(text.contains("SHA-256"), "{text}");
}
