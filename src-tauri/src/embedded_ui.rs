//! Proof that the app embedded the UI it was built from: every file of `ui/dist`, by name and
//! SHA-256, read back through the same asset provider that serves the window.
//!
//! Why this exists (issue 12): `tauri::generate_context!()` compresses each UI file into a
//! cache in the build script's OUT_DIR, writing in place with no lock, and skips a file that
//! already exists. When two crates of one package expanded the macro at once (the app and the
//! bare-window example, built in one cargo call), one could `include_bytes!` a cache file the
//! other was still writing. The app then held a truncated brotli stream: Tauri's asset lookup
//! fails to decompress it, falls back to `index.html`, and the window stays blank because its
//! script is answered as `text/html`. The build now has one crate that expands the macro, the
//! build script clears the cache, and this check runs on every start and at build time
//! (`jiedu-app --check-ui`).

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use tauri::utils::assets::AssetKey;
use tauri::{Assets, Runtime};

/// What the build script recorded of `ui/dist`: one `SHA-256 /key` line per file.
const BUILT_FROM: &str = include_str!(concat!(env!("OUT_DIR"), "/ui-dist-manifest.txt"));

/// A way in which the embedded UI differs from `ui/dist`.
#[derive(Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// A file of `ui/dist` is not embedded at all.
    Missing(String),
    /// An embedded file cannot be read back (its compressed bytes are damaged).
    Unreadable(String),
    /// An embedded file's bytes differ from the file in `ui/dist`.
    Altered(String),
    /// An embedded file that `ui/dist` did not have.
    Unexpected(String),
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mismatch::Missing(k) => write!(f, "{k}: 未嵌入 not embedded"),
            Mismatch::Unreadable(k) => {
                write!(f, "{k}: 无法读出（已损坏）cannot be read back (damaged)")
            }
            Mismatch::Altered(k) => write!(f, "{k}: 内容与 ui/dist 不同 differs from ui/dist"),
            Mismatch::Unexpected(k) => write!(f, "{k}: ui/dist 中没有 not in ui/dist"),
        }
    }
}

/// The files the build script saw, by asset key.
fn expected() -> BTreeMap<&'static str, &'static str> {
    BUILT_FROM
        .lines()
        .filter_map(|line| line.split_once(' '))
        .map(|(hash, key)| (key, hash))
        .collect()
}

/// Compares the embedded assets with `ui/dist` as built. HTML files are only read back,
/// because Tauri rewrites them when embedding (it adds the CSP); every other file must match
/// byte for byte. Returns the number of files checked.
pub fn verify<R: Runtime>(assets: &dyn Assets<R>) -> Result<usize, Vec<Mismatch>> {
    let expected = expected();
    let embedded: Vec<String> = assets.iter().map(|(key, _)| key.into_owned()).collect();
    let mut problems = Vec::new();
    for key in &embedded {
        if !expected.contains_key(key.as_str()) {
            problems.push(Mismatch::Unexpected(key.clone()));
        }
    }
    for (key, hash) in &expected {
        if !embedded.iter().any(|k| k == key) {
            problems.push(Mismatch::Missing((*key).to_string()));
            continue;
        }
        match assets.get(&AssetKey::from(*key)) {
            None => problems.push(Mismatch::Unreadable((*key).to_string())),
            Some(bytes) if key.ends_with(".html") => {
                if bytes.is_empty() {
                    problems.push(Mismatch::Unreadable((*key).to_string()));
                }
            }
            Some(bytes) => {
                if hex::encode(Sha256::digest(&bytes)) != *hash {
                    problems.push(Mismatch::Altered((*key).to_string()));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(expected.len())
    } else {
        Err(problems)
    }
}

/// The message for a damaged build, in Chinese and English, one problem a line.
pub fn report(problems: &[Mismatch]) -> String {
    let mut text = String::from(
        "错误：应用内嵌的界面文件与构建时的 ui/dist 不一致，窗口将是空白的。请重新构建。\n\
         Error: the UI embedded in this build differs from ui/dist as built; the window would \
         be blank. Rebuild the app.\n",
    );
    for p in problems {
        text.push_str(&format!("  {p}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use tauri::utils::assets::{AssetsIter, CspHash};

    /// An asset provider over plain bytes; `None` stands for a file that cannot be read back.
    struct Fake(BTreeMap<String, Option<Vec<u8>>>);

    impl<R: Runtime> Assets<R> for Fake {
        fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
            self.0.get(key.as_ref())?.as_deref().map(Cow::Borrowed)
        }
        fn iter(&self) -> Box<AssetsIter<'_>> {
            Box::new(
                self.0
                    .keys()
                    .map(|k| (Cow::Borrowed(k.as_str()), Cow::Borrowed(&[][..]))),
            )
        }
        fn csp_hashes(&self, _: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
            Box::new(std::iter::empty())
        }
    }

    // The real embedded UI is checked on the built binary (`jiedu-app --check-ui`, run by the
    // scripts), not here: a test expanding generate_context!() would be a second crate of the
    // package doing so, which is the race this module guards against.

    /// The real ui/dist as the build script recorded it, read from disk.
    fn dist() -> BTreeMap<String, Option<Vec<u8>>> {
        expected()
            .keys()
            .map(|key| {
                let path = format!("{}/ui/dist{key}", env!("CARGO_MANIFEST_DIR"));
                let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                ((*key).to_string(), Some(bytes))
            })
            .collect()
    }

    fn check(files: BTreeMap<String, Option<Vec<u8>>>) -> Result<usize, Vec<Mismatch>> {
        verify::<tauri::Wry>(&Fake(files))
    }

    fn a_script() -> String {
        expected()
            .keys()
            .find(|k| k.ends_with(".js"))
            .map(|k| (*k).to_string())
            .expect("ui/dist has a script")
    }

    #[test]
    fn the_files_of_ui_dist_pass() {
        let n = check(dist()).expect("ui/dist matches itself");
        assert!(
            n >= 3,
            "index.html, a script and a stylesheet at least; got {n}"
        );
    }

    #[test]
    fn a_damaged_or_changed_script_is_caught() {
        let script = a_script();
        let mut damaged = dist();
        damaged.insert(script.clone(), None);
        assert_eq!(
            check(damaged),
            Err(vec![Mismatch::Unreadable(script.clone())])
        );

        let mut changed = dist();
        changed.insert(script.clone(), Some(b"<!doctype html>".to_vec()));
        assert_eq!(check(changed), Err(vec![Mismatch::Altered(script)]));
    }

    #[test]
    fn a_missing_or_stray_file_is_caught() {
        let script = a_script();
        let mut files = dist();
        files.remove(&script);
        files.insert("/stray.js".into(), Some(Vec::new()));
        let problems = check(files).expect_err("two problems");
        assert!(problems.contains(&Mismatch::Missing(script)));
        assert!(problems.contains(&Mismatch::Unexpected("/stray.js".into())));
        assert!(report(&problems).contains("/stray.js"));
    }
}
