//! Build script: embeds the bare window's config and one-line page.

fn main() {
    println!("cargo:rerun-if-changed=page");
    println!("cargo:rerun-if-changed=tauri.conf.json");
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new()) {
        eprintln!("tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
