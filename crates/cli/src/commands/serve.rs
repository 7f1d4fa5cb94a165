//! `jiedu serve`: the team server in this process, on the database given with `--db`.

use crate::error::CliError;
use jiedu_store::DbLocation;
use std::process::ExitCode;

/// Serves until the process is stopped.
pub async fn run(db: DbLocation, args: &jiedu_server::ServeArgs) -> Result<ExitCode, CliError> {
    jiedu_server::run(args.config(db), |started| {
        println!("{}", jiedu_server::describe(started));
    })
    .await?;
    Ok(ExitCode::SUCCESS)
}
