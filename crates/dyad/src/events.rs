//! `dyad events`, `dyad timeline` and `dyad actors`.

use crate::cli::{
    ActorsArgs, EventFilterArgs, EventsArgs, EventsFormat, PeriodArg, TableFormat, TimelineArgs,
    TimelineFormat,
};
use anyhow::{bail, Context, Result};
use dyad_core::EventRecord;
use dyad_store::{EventFilter, Period, Store};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

pub fn filter(args: &EventFilterArgs) -> EventFilter {
    EventFilter {
        source: args.source.clone(),
        target: args.target.clone(),
        dyad: args.dyad.clone(),
        since: args.since,
        until: args.until,
        code: args.code.clone(),
        root: args.root.clone(),
        plover: args.plover.clone(),
        limit: args.limit,
        offset: 0,
    }
}

pub fn events(args: EventsArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.db)?;
    let f = filter(&args.filter);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        EventsFormat::Table => {
            let events = store.events_with_reports(&f)?;
            if events.is_empty() {
                writeln!(
                    out,
                    "No events match; `dyad events --help` lists the filters."
                )?;
            }
            for e in &events {
                writeln!(out, "{}", headline(&e.event))?;
                for r in &e.reports {
                    let dup = if r.duplicate { ", duplicate" } else { "" };
                    writeln!(
                        out,
                        "    {}#{} ({}{}{dup}): {}",
                        r.doc_id,
                        r.sentence_index,
                        r.doc_date.as_deref().unwrap_or("undated"),
                        r.site
                            .as_ref()
                            .map(|s| format!(", {s}"))
                            .unwrap_or_default(),
                        r.sentence.as_deref().unwrap_or("").replace('\n', " ")
                    )?;
                }
            }
        }
        EventsFormat::Jsonl => {
            for e in store.events_with_reports(&f)? {
                serde_json::to_writer(&mut out, &e)?;
                out.write_all(b"\n")?;
            }
        }
        EventsFormat::Csv | EventsFormat::Gdelt | EventsFormat::Plover => {
            let format = match args.format {
                EventsFormat::Csv => dyad_export::Format::Csv,
                EventsFormat::Gdelt => dyad_export::Format::Gdelt,
                _ => dyad_export::Format::Plover,
            };
            drop(out);
            crate::export::write_events(&store, &f, format, std::io::stdout())?;
            return Ok(ExitCode::SUCCESS);
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// "2019-06-05  RUS ↔ CHN  057 Sign formal agreement …" in one line.
fn headline(e: &EventRecord) -> String {
    let side = |a: &Option<dyad_core::EventActor>| match a {
        Some(a) => a
            .code
            .clone()
            .or_else(|| a.name.clone())
            .unwrap_or_else(|| "?".to_owned()),
        None => "-".to_owned(),
    };
    let arrow = if e.mutual { "↔" } else { "→" };
    let linked = e
        .linked_event
        .map(|l| format!("  linked to event {l}"))
        .unwrap_or_default();
    format!(
        "event {}  {}  {} {arrow} {}  {} {} (QuadClass {}, Goldstein {:+.1})  {}mentions {}, articles {}, sources {}{linked}",
        e.id,
        e.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
        side(&e.source),
        side(&e.target),
        e.cameo,
        e.plover.kind,
        e.quad_class.number(),
        e.goldstein,
        e.object.as_ref().map(|o| format!("“{o}”  ")).unwrap_or_default(),
        e.mentions,
        e.articles,
        e.sources,
    )
}

pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.db)?;
    let by = match args.by {
        PeriodArg::Day => Period::Day,
        PeriodArg::Week => Period::Week,
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let rows = store.timeline(&args.a, &args.b, by)?;
    let (a, b) = (args.a.to_uppercase(), args.b.to_uppercase());
    let mut text = Vec::new();
    match args.format {
        TimelineFormat::Table => {
            if rows.is_empty() {
                writeln!(
                    text,
                    "No dated events between {a} and {b}; `dyad events --dyad {a},{b}` lists any undated ones."
                )?;
            } else {
                writeln!(
                    text,
                    "{:<10}  {:<9}  {:>6}  {:>5} {:>5} {:>5} {:>5}  {:>9}  {:>6}  {:>8}",
                    "period",
                    "direction",
                    "events",
                    "q1",
                    "q2",
                    "q3",
                    "q4",
                    "goldstein",
                    "mean",
                    "mentions"
                )?;
            }
            for r in &rows {
                writeln!(
                    text,
                    "{:<10}  {:<9}  {:>6}  {:>5} {:>5} {:>5} {:>5}  {:>9.1}  {:>6.2}  {:>8}",
                    r.period,
                    r.direction,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.goldstein_sum,
                    r.goldstein_mean,
                    r.mentions
                )?;
            }
        }
        TimelineFormat::Csv => {
            writeln!(
                text,
                "period,direction,events,verbal_cooperation,material_cooperation,verbal_conflict,material_conflict,goldstein_sum,goldstein_mean,mentions"
            )?;
            for r in &rows {
                writeln!(
                    text,
                    "{},{},{},{},{},{},{},{:.2},{:.4},{}",
                    r.period,
                    r.direction,
                    r.events,
                    r.quad[0],
                    r.quad[1],
                    r.quad[2],
                    r.quad[3],
                    r.goldstein_sum,
                    r.goldstein_mean,
                    r.mentions
                )?;
            }
        }
        TimelineFormat::Svg => {
            text = dyad_chart::timeline_svg(&rows, &a, &b).into_bytes();
        }
        TimelineFormat::Png => {
            if args.out.is_none() {
                bail!("--format png writes a file: add --out FILE.png");
            }
            let svg = dyad_chart::timeline_svg(&rows, &a, &b);
            text = dyad_chart::svg_to_png(&svg).context("drawing the chart as PNG")?;
        }
    }
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => std::io::stdout().lock().write_all(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

pub fn actors(args: ActorsArgs) -> Result<ExitCode> {
    let store = Store::open_existing(&args.db)?;
    let pairs = store.actors(args.top, args.partner.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match args.format {
        TableFormat::Json => {
            for p in &pairs {
                serde_json::to_writer(&mut out, p)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Table => {
            if pairs.is_empty() {
                writeln!(out, "No events with both actors known yet.")?;
            } else {
                writeln!(
                    out,
                    "{:<16} {:<16} {:>6}  {:>11}  {:>8}  {:>7}  {:>8}",
                    "actor", "with", "events", "cooperation", "conflict", "balance", "mentions"
                )?;
            }
            for p in &pairs {
                // Balance: the share of cooperative events, −1 (all conflict) to +1.
                let balance =
                    (f64::from(p.cooperation) - f64::from(p.conflict)) / f64::from(p.events.max(1));
                writeln!(
                    out,
                    "{:<16} {:<16} {:>6}  {:>11}  {:>8}  {:>+7.2}  {:>8}",
                    p.a, p.b, p.events, p.cooperation, p.conflict, balance, p.mentions
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
