//! What both engines decide the same way about their migrations.

use crate::error::StoreError;
use sqlx::migrate::Migrator;
use std::collections::HashSet;

/// Whether migrations this build knows are missing from `applied`. Refuses a database that has
/// applied migrations this build does not know: a newer Jiedu wrote it, and migrating or using
/// it could lose that newer data.
pub(crate) fn pending(
    migrator: &Migrator,
    applied: &HashSet<i64>,
    db: &str,
) -> Result<bool, StoreError> {
    let known: HashSet<i64> = migrator
        .iter()
        .filter(|m| !m.migration_type.is_down_migration())
        .map(|m| m.version)
        .collect();
    let mut unknown: Vec<i64> = applied.difference(&known).copied().collect();
    if !unknown.is_empty() {
        unknown.sort_unstable();
        let versions: Vec<String> = unknown.iter().map(i64::to_string).collect();
        return Err(StoreError::NewerDatabase {
            db: db.to_string(),
            versions: versions.join(", "),
        });
    }
    Ok(known.iter().any(|v| !applied.contains(v)))
}
