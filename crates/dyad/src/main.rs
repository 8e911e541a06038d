//! The `dyad` command line: a thin layer over the stage crates.

mod bench;
mod bench_queries;
mod cli;
mod dict;
mod eval;
mod events;
mod explain;
mod export;
mod extract;
mod ingest;
mod output;
mod query;
mod serve;

use clap::Parser;
use std::process::ExitCode;

/// HTML parsing and DOM work allocate many small nodes and strings; mimalloc serves them
/// faster than the system allocator (cleaning throughput, see `dyad bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_on_closed_stdout();
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
        cli::Command::Eval(args) => eval::run(args),
        cli::Command::Dict(cmd) => dict::run(cmd),
        cli::Command::Serve(args) => serve::run(args),
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

/// `dyad events | head` closes our stdout early; `println!` then panics with "failed printing
/// to stdout". That is the reader's choice, not a failure: exit quietly with success. Every
/// other panic keeps the default report.
fn quiet_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
