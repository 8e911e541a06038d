//! The `dyad` command line: a thin layer over the stage crates.

mod bench;
mod cli;
mod dict;
mod events;
mod explain;
mod export;
mod extract;
mod ingest;
mod output;
mod query;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Ingest(args) => ingest::run(args),
        cli::Command::Extract(args) => extract::run(args),
        cli::Command::Search(args) => query::search(args),
        cli::Command::Stats(args) => query::stats(args),
        cli::Command::Quantities(args) => query::quantities(args),
        cli::Command::Events(args) => events::events(args),
        cli::Command::Timeline(args) => events::timeline(args),
        cli::Command::Actors(args) => events::actors(args),
        cli::Command::Export(args) => export::run(args),
        cli::Command::Bench(args) => bench::run(args),
        cli::Command::Explain(args) => explain::run(args),
        cli::Command::Dict(cmd) => dict::run(cmd),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                // `dyad extract … | head` is normal use, not a failure.
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}
