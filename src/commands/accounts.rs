//! `leakwatch user add|list|remove` and `leakwatch token create|list|revoke`: the accounts and
//! API tokens `leakwatch serve` accepts. A password is read from stdin (one line), a token is
//! printed once and only its hash is kept.

use super::open_store_for_writing;
use crate::config::Settings;
use crate::render::Table;
use anyhow::{bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use leakwatch_app::accounts::{self, Role};
use std::io::{BufRead, Read};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RoleArg {
    /// Reads everything
    Viewer,
    /// Also corrects, merges, splits, uploads and manages watchlists
    Analyst,
    /// Also manages sources and accounts
    Admin,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password (at least 8 characters) is read from stdin
    Add {
        name: String,
        #[arg(long, value_enum, default_value = "viewer")]
        role: RoleArg,
    },
    /// List accounts
    List,
    /// Remove an account and its tokens
    Remove { name: String },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print it (once)
    Create { name: String },
    /// List tokens (ids, accounts, dates; never the tokens)
    List,
    /// Revoke a token by id
    Revoke { id: i64 },
}

fn read_password() -> Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(4096)
        .read_line(&mut line)
        .context("cannot read the password from stdin")?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        bail!(
            "give the password on stdin, e.g. `printf '%s\\n' \"$PW\" | leakwatch user add NAME`"
        );
    }
    Ok(password)
}

pub fn user(settings: &Settings, cmd: &UserCommand) -> Result<ExitCode> {
    let mut store = open_store_for_writing(settings)?;
    match cmd {
        UserCommand::Add { name, role } => {
            let role = match role {
                RoleArg::Viewer => Role::Viewer,
                RoleArg::Analyst => Role::Analyst,
                RoleArg::Admin => Role::Admin,
            };
            let password = read_password()?;
            accounts::add_user(&mut *store, name, role, &password)?;
            if !settings.quiet {
                eprintln!("added {} ({})", name, role.as_str());
            }
        }
        UserCommand::List => {
            let mut table = Table::new(&[("NAME", 24), ("ROLE", 8), ("CREATED", 20)]);
            for a in accounts::list_users(&*store)? {
                table.row(vec![a.name, a.role, a.created_at]);
            }
            print!("{}", table.render());
        }
        UserCommand::Remove { name } => {
            if !accounts::remove_user(&mut *store, name)? {
                bail!("no account named '{name}'");
            }
            if !settings.quiet {
                eprintln!("removed {name} (a running server ends its sessions when it removes it; restart it to end sessions now)");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn token(settings: &Settings, cmd: &TokenCommand) -> Result<ExitCode> {
    let mut store = open_store_for_writing(settings)?;
    match cmd {
        TokenCommand::Create { name } => {
            let (id, token) = accounts::create_token(&mut *store, name)?;
            println!("{token}");
            if !settings.quiet {
                eprintln!("token {id} for {name}: shown once, only its hash is stored");
            }
        }
        TokenCommand::List => {
            let mut table =
                Table::new(&[("ID", 4), ("ACCOUNT", 24), ("CREATED", 20), ("REVOKED", 20)]);
            for t in accounts::list_tokens(&*store)? {
                table.row(vec![
                    t.id.to_string(),
                    t.account,
                    t.created_at,
                    t.revoked_at.unwrap_or_default(),
                ]);
            }
            print!("{}", table.render());
        }
        TokenCommand::Revoke { id } => {
            if !accounts::revoke_token(&mut *store, *id)? {
                bail!("no unrevoked token {id}");
            }
            if !settings.quiet {
                eprintln!("revoked token {id}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
