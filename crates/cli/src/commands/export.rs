//! `jiedu export …`: files made from a pack.

use crate::args::{ChartFormat, ExportArgs, ExportTarget};
use crate::error::CliError;
use crate::output::Output;
use crate::write::write_atomically;
use jiedu_render::{chart_svg, png, ChartStyle, FontSet};
use jiedu_store::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Serialize)]
struct Exported {
    file: PathBuf,
    bytes: usize,
}

/// Runs one export.
pub async fn run(db: &Path, args: ExportArgs, out: &Output) -> Result<ExitCode, CliError> {
    let store = Store::open(db).await?;
    let exported = match args.target {
        ExportTarget::Chart {
            pack,
            chart,
            format,
            width,
            out: file,
        } => {
            let pack = store.get_pack(&pack).await?;
            let spec = pack
                .content
                .materials
                .charts
                .iter()
                .find(|c| c.id == chart)
                .ok_or_else(|| CliError::ChartNotFound {
                    pack: pack.id.clone(),
                    chart: chart.clone(),
                    known: pack
                        .content
                        .materials
                        .charts
                        .iter()
                        .map(|c| c.id.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            let fonts = FontSet::bundled()?;
            let svg = chart_svg(spec, &ChartStyle::new(fonts.clone()))?;
            let bytes = match format {
                ChartFormat::Svg => svg.into_bytes(),
                ChartFormat::Png => png(&svg, width, &fonts)?,
            };
            write_atomically(&file, &bytes)?;
            Exported {
                file,
                bytes: bytes.len(),
            }
        }
    };
    store.close().await;
    out.emit(&exported, || {
        println!(
            "已导出 exported {}（{} 字节 bytes）",
            exported.file.display(),
            exported.bytes
        );
    });
    Ok(ExitCode::SUCCESS)
}
