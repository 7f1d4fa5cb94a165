//! Build script: embeds tauri.conf.json, the capabilities and the built UI into the app, and
//! records what the UI is, so that the app can prove it embedded exactly that.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Where tauri::generate_context!() caches compressed assets inside OUT_DIR (tauri-codegen's
/// TARGET_PATH). It writes each file in place, unlocked, and skips any that exists.
const CODEGEN_ASSET_CACHE: &str = "tauri-codegen-assets";

fn main() {
    // The UI is embedded at compile time; a new file in ui/dist must trigger a rebuild.
    println!("cargo:rerun-if-changed=ui/dist");
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    // A cache file left half-written (a build killed mid-compression, or two crates expanding
    // the macro at once) would otherwise be embedded by every later build. This script runs
    // before any crate of the package compiles, and again whenever ui/dist changes.
    let _ = std::fs::remove_dir_all(out_dir.join(CODEGEN_ASSET_CACHE));
    if let Err(e) = write_manifest(Path::new("ui/dist"), &out_dir.join("ui-dist-manifest.txt")) {
        eprintln!("cannot record ui/dist (run `npm --prefix ui run build` first): {e}");
        std::process::exit(1);
    }
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./src-tauri/capabilities/**/*");
    if let Err(e) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}

/// Writes one line per file of `dist`: its SHA-256, a space, and its asset key (`/assets/…`).
fn write_manifest(dist: &Path, to: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    collect_files(dist, &mut files)?;
    files.sort();
    let mut manifest = String::new();
    for file in files {
        let bytes = std::fs::read(&file)?;
        let key = file
            .strip_prefix(dist)
            .map_err(std::io::Error::other)?
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        manifest.push_str(&format!("{} /{key}\n", hex::encode(Sha256::digest(&bytes))));
    }
    if manifest.is_empty() {
        return Err(std::io::Error::other(format!(
            "{} is empty",
            dist.display()
        )));
    }
    std::fs::write(to, manifest)
}

fn collect_files(dir: &Path, into: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_files(&path, into)?;
        } else {
            into.push(path);
        }
    }
    Ok(())
}
