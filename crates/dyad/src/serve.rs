//! `dyad serve`: the dashboard and JSON API over a store (SPEC §5), from `dyad-serve`.

use crate::cli::DictArgs;
use anyhow::{Context, Result};
use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `dyad serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// SQLite store to serve (made by `dyad ingest`).
    #[arg(long, value_name = "FILE", default_value = "dyad.db")]
    pub db: PathBuf,
    /// Address to listen on. Loopback by default: the dashboard has no authentication, so
    /// binding another interface exposes the store to the network.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Most store queries run at once.
    #[arg(long, value_name = "N", default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
    /// Dictionaries for the explain page.
    #[command(flatten)]
    pub dict: DictArgs,
}

/// Serves until Ctrl-C.
pub fn run(args: ServeArgs) -> Result<ExitCode> {
    // Custom dictionaries are loaded now so a bad directory fails at start-up; the built-in
    // ones load on the first explain request instead, keeping start-up instant.
    let coder = match &args.dict.dictionaries {
        Some(dir) => Some(crate::dict::coder(Some(dir), args.dict.replace)?),
        None => None,
    };
    let config = dyad_serve::Config {
        db: args.db.clone(),
        addr: args.addr,
        workers: usize::from(args.workers),
        coder,
    };
    dyad_serve::serve_blocking(config).with_context(|| format!("serving {}", args.db.display()))?;
    Ok(ExitCode::SUCCESS)
}
