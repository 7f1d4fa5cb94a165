//! Renders a pack JSON file to PDF, as one whole process: the Jiedu side of the benchmark
//! against Typst (scripts/bench-pdf.sh).
//!
//! `cargo run --release -p jiedu-render --example pack_pdf -- PACK.json OUT.pdf`
//! (`JIEDU_PLAIN=1` for the plain PDF without PDF/A and tags; an OUT ending in .ofd for the OFD)

#![allow(missing_docs)]

use jiedu_core::pack::Pack;
use jiedu_render::{pdf, FontSet, PdfOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: pack_pdf PACK.json OUT.pdf");
        std::process::exit(2);
    };
    let pack: Pack = serde_json::from_slice(&std::fs::read(&input)?)?;
    let options = PdfOptions {
        fonts: FontSet::bundled()?,
        generated_at: "bench".into(),
        created_unix: 0,
        attach_record: false,
        // `JIEDU_PLAIN=1`: the plain form, to measure what the archival parts cost.
        archival: std::env::var_os("JIEDU_PLAIN").is_none(),
        signer_unit: None,
        media: Default::default(),
        portal_base: None,
    };
    // An output named .ofd is written as OFD, from the same layout.
    let (pages, bytes) = if output.ends_with(".ofd") {
        let out = jiedu_render::ofd(&pack, None, &options)?;
        (out.pages, out.bytes)
    } else {
        let out = pdf(&pack, None, &options)?;
        (out.pages, out.bytes)
    };
    std::fs::write(&output, &bytes)?;
    eprintln!("{pages} pages, {} bytes", bytes.len());
    Ok(())
}
