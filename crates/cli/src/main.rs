//! `jiedu`: every Jiedu job headless. Exit codes: 0 success, 1 a check failed, 2 bad usage or
//! bad data. Errors are printed in Chinese with an English line, and never as a Rust panic.

mod args;
mod auth;
mod commands;
mod demo;
mod demo_flow;
mod error;
mod output;
mod write;

use args::{Cli, Command};
use clap::Parser;
use error::CliError;
use output::Output;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.json);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return out.fail(&CliError::Runtime(e)),
    };
    match runtime.block_on(run(cli, &out)) {
        Ok(code) => code,
        Err(e) => out.fail(&e),
    }
}

async fn run(cli: Cli, out: &Output) -> Result<ExitCode, CliError> {
    if let Command::Serve(a) = &cli.command {
        return commands::serve::run(args::database(cli.db.clone())?, a).await;
    }
    let db = args::Target::from_flags(cli.server, cli.ca, cli.db, cli.actor.clone())?;
    match cli.command {
        Command::Serve(_) => Ok(ExitCode::SUCCESS),
        Command::Watch(a) => commands::watch::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Demo(a) => commands::demo::run(&db, a, out).await,
        Command::List => commands::list::run(&db, out).await,
        Command::Show { pack } => commands::show::run(&db, &pack, out).await,
        Command::Check { pack, today } => {
            commands::check::run(&db, &pack, today.as_deref(), out).await
        }
        Command::Deadlines(a) => commands::deadlines::run(&db, a, out).await,
        Command::Calendar(a) => commands::calendar::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Unit(a) => commands::unit::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Concern(a) => commands::concern::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Media(a) => commands::media::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Report(a) => commands::report::run(&db, a, out).await,
        Command::Export(a) => commands::export::run(&db, a, out).await,
        Command::Import(a) => commands::import::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Search { query, limit } => commands::search::run(&db, &query, limit, out).await,
        Command::User(a) => commands::user::run(&db, a, cli.actor.as_deref(), out).await,
        Command::Save(a) => commands::workflow::save(&db, a, cli.actor.as_deref(), out).await,
        Command::Submit(a) => commands::workflow::submit(&db, a, cli.actor.as_deref(), out).await,
        Command::Return(a) => commands::workflow::ret(&db, a, cli.actor.as_deref(), out).await,
        Command::Comments(a) => commands::workflow::comments(&db, a, out).await,
        Command::Resolve(a) => commands::workflow::resolve(&db, a, cli.actor.as_deref(), out).await,
        Command::ReviewDisclosure(a) => {
            commands::workflow::review(&db, a, cli.actor.as_deref(), out).await
        }
        Command::Sign(a) => commands::workflow::sign(&db, a, cli.actor.as_deref(), out).await,
        Command::Deploy(a) => commands::workflow::deploy(&db, a, cli.actor.as_deref(), out).await,
        Command::Diff(a) => commands::diff::run(&db, a, out).await,
        Command::Audit(a) => commands::audit::run(&db, a, out).await,
        Command::Verify(a) => commands::verify::run(&a, &db, out).await,
    }
}
