//! `leakwatch serve [--listen ADDR:PORT] [--public]`: runs the HTTP server (the
//! `leakwatch-server` crate) on the configured database until SIGTERM or Ctrl-C.

use crate::config::Settings;
use anyhow::{Context, Result};
use clap::Args;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address and port to listen on (default: `[server] listen`, else 127.0.0.1:8080)
    #[arg(
        long,
        value_name = "ADDR:PORT",
        env = "LEAKWATCH_LISTEN",
        hide_env = true
    )]
    pub listen: Option<SocketAddr>,
    /// Serve the check-a-service page, the Atom feed and incident pages without sign-in
    #[arg(long)]
    pub public: bool,
}

pub fn run(settings: &Settings, args: &ServeArgs) -> Result<ExitCode> {
    let s = &settings.server;
    let mut config = leakwatch_server::ServerConfig::new(settings.db.clone());
    config.listen = args.listen.unwrap_or(s.listen);
    config.public = args.public || s.public;
    config.secure_cookies = s.secure_cookies;
    config.session_lifetime = Duration::from_secs(s.session_hours * 3600);
    config.login_attempts = s.login_attempts;
    config.connections = s.connections;
    config.search_cache = Duration::from_secs(s.search_cache_seconds);
    config.listing_cache = Duration::from_secs(s.listing_cache_seconds);
    config.limits = super::limits(settings);
    config.review_threshold = settings.review_threshold;
    config.playbooks_dir = settings.playbooks_dir.clone();
    config.log_requests = !settings.quiet;
    leakwatch_server::run(config).context("the server failed")?;
    Ok(ExitCode::SUCCESS)
}
