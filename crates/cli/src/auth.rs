//! `--as USER`: who is acting, and their passphrase, from `JIEDU_PASSPHRASE` or a prompt
//! without echo. The passphrase is checked by the store; a wrong one changes nothing.

use crate::error::CliError;
use jiedu_client::{Actor, Backend};
use std::io::IsTerminal;

/// The variable scripts put the acting user's passphrase in.
pub const PASSPHRASE_VAR: &str = "JIEDU_PASSPHRASE";

/// The variable scripts put a new user's passphrase in (`jiedu user add`); when unset, the new
/// user gets `JIEDU_PASSPHRASE`.
pub const NEW_PASSPHRASE_VAR: &str = "JIEDU_NEW_PASSPHRASE";

fn from_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|p| !p.is_empty())
}

fn prompt(text: &str, user: &str, var: &str) -> Result<String, CliError> {
    let no_passphrase = || CliError::NoPassphrase {
        user: user.to_string(),
        var: var.to_string(),
    };
    if !std::io::stdin().is_terminal() {
        return Err(no_passphrase());
    }
    rpassword::prompt_password(text).map_err(|_| no_passphrase())
}

/// The passphrase of `user`, who is acting.
pub fn passphrase(user: &str) -> Result<String, CliError> {
    match from_env(PASSPHRASE_VAR) {
        Some(p) => Ok(p),
        None => prompt(
            &format!("用户 {user} 的口令 Passphrase for {user}: "),
            user,
            PASSPHRASE_VAR,
        ),
    }
}

/// The passphrase for a new user: from the environment, or asked twice.
pub fn new_passphrase(user: &str) -> Result<String, CliError> {
    if let Some(p) = from_env(NEW_PASSPHRASE_VAR).or_else(|| from_env(PASSPHRASE_VAR)) {
        return Ok(p);
    }
    let first = prompt(
        &format!("新用户 {user} 的口令 New passphrase for {user}: "),
        user,
        NEW_PASSPHRASE_VAR,
    )?;
    let again = prompt("再次输入 Repeat the passphrase: ", user, NEW_PASSPHRASE_VAR)?;
    if first != again {
        return Err(CliError::PassphraseMismatch);
    }
    Ok(first)
}

/// Signs in the `--as` user, on the local database or the server; `command` names the command
/// in the error when `--as` is missing.
pub async fn session(
    backend: &mut Backend,
    actor: Option<&str>,
    command: &str,
) -> Result<Actor, CliError> {
    let user = actor.ok_or_else(|| CliError::NeedsActor {
        command: command.to_string(),
    })?;
    // Connecting to a server with --as already signed in: the passphrase is asked once.
    if let Some(signed_in) = backend.signed_in_as(user) {
        return Ok(signed_in);
    }
    let passphrase = passphrase(user)?;
    Ok(backend.sign_in(user, &passphrase).await?)
}
