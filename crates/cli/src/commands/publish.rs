//! The portal publication package: `jiedu export portal`, and the packages a deployment makes
//! or regenerates (`jiedu deploy --portal DIR`).

use crate::error::CliError;
use crate::write::write_atomically;
use jiedu_client::Backend;
use jiedu_render::{portal_package, FontSet, PortalOptions, PortalOutput};
use std::path::{Path, PathBuf};

/// Builds a pack's publication package from what the backend holds now.
pub async fn portal_zip(backend: &Backend, pack_id: &str) -> Result<PortalOutput, CliError> {
    let inputs = backend.publication_inputs(pack_id).await?;
    let options = PortalOptions {
        fonts: FontSet::bundled()?,
        now: chrono::Utc::now(),
        settings: &inputs.settings.portal,
        record: &inputs.record,
        supersedes: &inputs.supersedes,
        media: backend.media_library(&inputs.pack.content, false).await?,
    };
    Ok(portal_package(&inputs.pack, &options)?)
}

/// Writes the packages of a deployed pack and of every pack it amends or repeals (which now
/// carry the notice and the link) into `dir`, as `<pack>.portal.zip`. Returns the files.
pub async fn write_after_deploy(
    backend: &Backend,
    pack_id: &str,
    dir: &Path,
) -> Result<Vec<PathBuf>, CliError> {
    std::fs::create_dir_all(dir).map_err(|e| CliError::WriteFile {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let pack = backend.get_pack(pack_id).await?;
    let mut ids = vec![pack_id.to_string()];
    ids.extend(pack.policy().supersedes.iter().map(|s| s.pack_id.clone()));
    let mut written = Vec::new();
    for id in ids {
        let output = portal_zip(backend, &id).await?;
        let file = dir.join(format!("{id}.portal.zip"));
        write_atomically(&file, &output.bytes)?;
        written.push(file);
    }
    Ok(written)
}
