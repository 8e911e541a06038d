//! `dyad export`: merged events as GDELT, PLOVER, CSV, JSONL or Parquet.

use crate::cli::{ExportArgs, ExportFormat};
use anyhow::{bail, Context, Result};
use dyad_export::{Exporter, Format};
use dyad_store::{EventFilter, Store};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Streams the events matching `filter` to `out` in `format`; returns how many were written.
pub fn write_events(
    store: &Store,
    filter: &EventFilter,
    format: Format,
    out: impl Write + Send,
) -> Result<u64> {
    let mut exporter = Exporter::new(format, out)?;
    let mut failure = None;
    store.for_each_event(filter, |e| {
        if failure.is_none() {
            if let Err(err) = exporter.write(&e) {
                failure = Some(err);
            }
        }
        Ok(())
    })?;
    if let Some(err) = failure {
        return Err(err.into());
    }
    Ok(exporter.finish()?)
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let format = match args.format {
        ExportFormat::Gdelt => Format::Gdelt,
        ExportFormat::Plover => Format::Plover,
        ExportFormat::Csv => Format::Csv,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Parquet => Format::Parquet,
    };
    if !format.available() {
        bail!(dyad_export::ExportError::NoParquet);
    }
    let store = Store::open_existing(&args.db)?;
    let filter = crate::events::filter(&args.filter);
    match &args.out {
        None => {
            if format.is_binary() && std::io::stdout().is_terminal() {
                bail!("{format} is binary: add --out FILE.{}", format.extension());
            }
            write_events(&store, &filter, format, std::io::stdout())?;
        }
        Some(path) => {
            // Write beside the target and rename, so a failed export never leaves half a file
            // where the last good one was.
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            let tmp = tempfile::NamedTempFile::new_in(dir)
                .with_context(|| format!("creating a file in {}", dir.display()))?;
            let n = write_events(&store, &filter, format, tmp.as_file())?;
            tmp.as_file().sync_all()?;
            tmp.persist(path)
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("exported {n} events to {} ({format})", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}
