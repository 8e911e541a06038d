//! Relationship queries over merged events: `events`, `timeline`, `actors`.
//!
//! Every filter on actors is a lookup on the events' actor keys (`key_a`, `key_b`: the
//! country-level code, see `dyad-resolve`), which the indexes `events_dyad` (covering a
//! timeline), `events_b`, and `events_a_code`/`events_b_code` (an actor's acts of one code)
//! serve; `tests/queries.rs` checks the plans, `dyad bench --queries` the times at a million
//! events.

use crate::{Store, StoreError};
use dyad_core::{
    CameoCode, DatePrecision, EventActor, EventRecord, PartialDate, Plover, QuadClass,
};
use dyad_resolve::DayRange;
use rusqlite::{
    params_from_iter,
    types::{Value, ValueRef},
    Row,
};
use serde::Serialize;
use std::collections::HashMap;

/// Which events to list ([`Store::events`]). Actor codes are country blocks ("RUS") or
/// longer codes ("RUSGOV"), which also require the event's code to start with them.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Who acted (for a mutual act, either side).
    pub source: Option<String>,
    /// Who was acted upon (for a mutual act, either side).
    pub target: Option<String>,
    /// Both actors, in either direction.
    pub dyad: Option<(String, String)>,
    /// On or after this date (an event whose span reaches it).
    pub since: Option<PartialDate>,
    /// On or before this date.
    pub until: Option<PartialDate>,
    /// CAMEO code or its prefix ("057" also matches "0571").
    pub code: Option<String>,
    /// CAMEO root ("05").
    pub root: Option<String>,
    /// PLOVER type ("AGREE").
    pub plover: Option<String>,
    /// Most events to return (all when `None`).
    pub limit: Option<usize>,
    /// Events to skip first (for paging).
    pub offset: usize,
}

/// One report of an event: a sentence of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Document id.
    pub doc_id: String,
    /// Sentence index in the document.
    pub sentence_index: u32,
    /// The sentence.
    pub sentence: Option<String>,
    /// The document's publication date.
    pub doc_date: Option<String>,
    /// Its URL.
    pub url: Option<String>,
    /// Its site.
    pub site: Option<String>,
    /// True when the document is a duplicate of another.
    pub duplicate: bool,
    /// The code this mention was given.
    pub cameo: String,
    /// The words that triggered it.
    pub trigger: String,
    /// Byte offsets of the trigger, and of the source and target words, in the document.
    pub trigger_span: (usize, usize),
    /// The source's words and span, if any.
    pub source_text: Option<(String, usize, usize)>,
    /// The target's words and span, if any.
    pub target_text: Option<(String, usize, usize)>,
    /// The dictionary rule that fired.
    pub rule: String,
}

/// An event with every report of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventWithReports {
    /// The merged event.
    #[serde(flatten)]
    pub event: EventRecord,
    /// Its mentions, earliest document first.
    pub reports: Vec<Report>,
}

/// Periods of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks ("2019-W23").
    Week,
    /// Months.
    Month,
    /// Years.
    Year,
}

/// One period and direction of a timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    /// "2019", "2019-06", "2019-W23" or "2019-06-05". An event known less precisely than the
    /// period is counted under the coarser label it has ("2019" in a monthly timeline).
    pub period: String,
    /// "RUS→CHN", "CHN→RUS", or "RUS↔CHN" for mutual acts, in the order asked.
    pub direction: String,
    /// Events per QuadClass 1–4.
    pub quad: [u32; 4],
    /// All events.
    pub events: u32,
    /// Sum of Goldstein weights.
    pub goldstein_sum: f64,
    /// Mean Goldstein weight.
    pub goldstein_mean: f64,
    /// Mentions of these events (reports counted, duplicates included).
    pub mentions: u32,
}

/// A pair of actors and how they deal with each other ([`Store::actors`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorPair {
    /// One actor key.
    pub a: String,
    /// The other.
    pub b: String,
    /// Events between them, both directions.
    pub events: u32,
    /// Cooperative events (QuadClass 1–2).
    pub cooperation: u32,
    /// Conflictual events (QuadClass 3–4).
    pub conflict: u32,
    /// Mean Goldstein weight.
    pub goldstein_mean: f64,
    /// Mentions of these events.
    pub mentions: u32,
}

/// The actor key and, for a longer code, the code prefix to require.
fn actor_filter(code: &str) -> (String, Option<String>) {
    let code = code.trim().to_uppercase();
    let key = dyad_resolve::block(&code).to_owned();
    let narrower = (code.len() > key.len()).then_some(code);
    (key, narrower)
}

const EVENT_COLUMNS: &str = "e.id, e.date, e.date_precision, e.key_a, e.key_b, e.mutual, e.flipped,
    e.source_code, e.source_name, e.target_code, e.target_name, e.cameo, e.root, e.quad_class,
    e.goldstein, e.plover_type, e.plover_mode, e.object_text, e.mentions, e.sources, e.articles,
    e.first_seen, e.added_at, e.first_doc_id, d.url, d.site, e.first_sentence_idx, s.text,
    e.linked_event";

const EVENT_JOINS: &str = "LEFT JOIN documents d ON d.id = e.first_doc_id
    LEFT JOIN sentences s ON s.doc_id = e.first_doc_id AND s.idx = e.first_sentence_idx";

fn event_row(r: &Row<'_>) -> rusqlite::Result<EventRecord> {
    let key_a: String = r.get(3)?;
    let key_b: String = r.get(4)?;
    let flipped: bool = r.get(6)?;
    let (src_key, tgt_key) = if flipped {
        (key_b, key_a)
    } else {
        (key_a, key_b)
    };
    let actor = |key: String, code: Option<String>, name: Option<String>| {
        if key.is_empty() {
            return None;
        }
        Some(EventActor {
            country: (!key.starts_with('~')).then(|| key.clone()),
            code,
            name,
        })
    };
    let precision: String = r.get(2)?;
    let cameo: String = r.get(11)?;
    let quad: u8 = r.get(13)?;
    Ok(EventRecord {
        id: r.get(0)?,
        date: r.get::<_, Option<String>>(1)?.and_then(|d| d.parse().ok()),
        date_precision: precision.parse().unwrap_or(DatePrecision::Document),
        source: actor(src_key, r.get(7)?, r.get(8)?),
        target: actor(tgt_key, r.get(9)?, r.get(10)?),
        mutual: r.get(5)?,
        cameo: CameoCode::new(&cameo).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(11, rusqlite::types::Type::Text, Box::new(e))
        })?,
        root: r.get(12)?,
        quad_class: QuadClass::try_from(quad).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                13,
                rusqlite::types::Type::Integer,
                Box::new(e),
            )
        })?,
        goldstein: r.get::<_, f64>(14)? as f32,
        plover: Plover {
            kind: r.get(15)?,
            mode: r.get(16)?,
        },
        object: r.get(17)?,
        mentions: r.get(18)?,
        sources: r.get(19)?,
        articles: r.get(20)?,
        first_seen: r.get::<_, Option<String>>(21)?.and_then(|d| d.parse().ok()),
        added_at: r.get(22)?,
        doc_id: r.get(23)?,
        url: r.get(24)?,
        site: r.get(25)?,
        sentence_index: r.get(26)?,
        sentence: r.get(27)?,
        linked_event: r.get(28)?,
    })
}

/// SQL conditions and their parameters for a filter.
fn conditions(f: &EventFilter) -> (Vec<String>, Vec<Value>) {
    let mut cond = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let push = |args: &mut Vec<Value>, v: String| {
        args.push(Value::Text(v));
        args.len()
    };
    if let Some((a, b)) = &f.dyad {
        let (ka, ca) = actor_filter(a);
        let (kb, cb) = actor_filter(b);
        let (i, j) = (push(&mut args, ka), push(&mut args, kb));
        cond.push(format!(
            "((e.key_a = ?{i} AND e.key_b = ?{j}) OR (e.key_a = ?{j} AND e.key_b = ?{i}))"
        ));
        for c in [ca, cb].into_iter().flatten() {
            let k = push(&mut args, format!("{c}%"));
            cond.push(format!(
                "(e.source_code LIKE ?{k} OR e.target_code LIKE ?{k})"
            ));
        }
    }
    if let Some(s) = &f.source {
        let (key, code) = actor_filter(s);
        let i = push(&mut args, key);
        cond.push(format!(
            "(e.key_a = ?{i} OR (e.mutual = 1 AND e.key_b = ?{i}))"
        ));
        if let Some(c) = code {
            let k = push(&mut args, format!("{c}%"));
            cond.push(format!(
                "(e.source_code LIKE ?{k} OR (e.mutual = 1 AND e.target_code LIKE ?{k}))"
            ));
        }
    }
    if let Some(t) = &f.target {
        let (key, code) = actor_filter(t);
        let i = push(&mut args, key);
        cond.push(format!(
            "(e.key_b = ?{i} OR (e.mutual = 1 AND e.key_a = ?{i}))"
        ));
        if let Some(c) = code {
            let k = push(&mut args, format!("{c}%"));
            cond.push(format!(
                "(e.target_code LIKE ?{k} OR (e.mutual = 1 AND e.source_code LIKE ?{k}))"
            ));
        }
    }
    if let Some(d) = f.since {
        let lo = DayRange::of(d).lo;
        // An event spans at most a year: bounding its start lets the index range-scan.
        args.push(Value::Integer(lo as i64 - 366));
        let i = args.len();
        args.push(Value::Integer(lo as i64));
        let j = args.len();
        cond.push(format!("e.day_lo >= ?{i} AND e.day_hi >= ?{j}"));
    }
    if let Some(d) = f.until {
        args.push(Value::Integer(DayRange::of(d).hi as i64));
        cond.push(format!("e.day_lo <= ?{}", args.len()));
    }
    if let Some(c) = &f.code {
        let c = c.trim();
        let i = push(&mut args, format!("{c}%"));
        cond.push(format!("e.cameo LIKE ?{i}"));
        // The same prefix as a range, which the (key, cameo) indexes can serve (LIKE cannot
        // use an index under SQLite's default case-insensitive LIKE). Codes are digits, so
        // "057" ≤ code < "058" is exactly "starts with 057".
        if let Some(last) = c
            .bytes()
            .last()
            .filter(|_| c.bytes().all(|b| b.is_ascii_digit()))
        {
            let lo = push(&mut args, c.to_owned());
            let hi = push(
                &mut args,
                format!("{}{}", &c[..c.len() - 1], char::from(last + 1)),
            );
            cond.push(format!("e.cameo >= ?{lo} AND e.cameo < ?{hi}"));
        }
    }
    if let Some(r) = &f.root {
        let i = push(&mut args, r.trim().to_owned());
        cond.push(format!("e.root = ?{i}"));
    }
    if let Some(p) = &f.plover {
        let i = push(&mut args, p.trim().to_uppercase());
        cond.push(format!("e.plover_type = ?{i}"));
    }
    (cond, args)
}

impl Store {
    /// The SQL and parameters [`Store::events`] runs (for query-plan checks).
    pub fn events_sql(&self, f: &EventFilter) -> (String, Vec<Value>) {
        const ORDER: &str = " ORDER BY e.day_lo IS NULL, e.day_lo, e.id";
        let (cond, args) = conditions(f);
        let filter = if cond.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", cond.join(" AND "))
        };
        let page = match f.limit {
            Some(n) => format!(" LIMIT {n} OFFSET {}", f.offset),
            None if f.offset > 0 => format!(" LIMIT -1 OFFSET {}", f.offset),
            None => String::new(),
        };
        let sql = if page.is_empty() {
            format!("SELECT {EVENT_COLUMNS} FROM events e {EVENT_JOINS}{filter}{ORDER}")
        } else {
            // A page is chosen first, and only its events are joined to their documents and
            // sentences: sorting every match with its joined columns to keep 100 of thousands
            // was most of the time of `--source RUS --code 057 --limit 100`.
            format!(
                "SELECT {EVENT_COLUMNS} FROM
                 (SELECT e.id FROM events e{filter}{ORDER}{page}) AS page
                 JOIN events e ON e.id = page.id {EVENT_JOINS}{ORDER}"
            )
        };
        (sql, args)
    }

    /// How many events match a filter (its `limit` and `offset` aside).
    pub fn count_events(&self, f: &EventFilter) -> Result<usize, StoreError> {
        let (cond, args) = conditions(f);
        let mut sql = String::from("SELECT count(*) FROM events e");
        if !cond.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&cond.join(" AND "));
        }
        let n: i64 = self
            .conn
            .prepare(&sql)?
            .query_row(params_from_iter(args), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Merged events matching a filter, earliest first (undated last).
    pub fn events(&self, f: &EventFilter) -> Result<Vec<EventRecord>, StoreError> {
        let (sql, args) = self.events_sql(f);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), event_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Calls `f` for every event matching a filter, without holding them all (for exports).
    pub fn for_each_event(
        &self,
        filter: &EventFilter,
        mut f: impl FnMut(EventRecord) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let (sql, args) = self.events_sql(filter);
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            f(event_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// The reports (mentions) of an event, earliest document first.
    pub fn reports(&self, event: i64) -> Result<Vec<Report>, StoreError> {
        Ok(self
            .reports_of(&[event])?
            .remove(&event)
            .unwrap_or_default())
    }

    /// The reports of several events in one query, by event id, each list earliest document
    /// first. A page of events asks once rather than once per event.
    fn reports_of(&self, events: &[i64]) -> Result<HashMap<i64, Vec<Report>>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.doc_id, m.sentence_idx, s.text, d.date, d.url, d.site,
                    d.duplicate_of IS NOT NULL, m.cameo, m.trigger_text, m.trigger_start,
                    m.trigger_end, m.source_text, m.source_start, m.source_end,
                    m.target_text, m.target_start, m.target_end, m.rule, min(m.id) AS first,
                    m.event_id
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             LEFT JOIN sentences s ON s.doc_id = m.doc_id AND s.idx = m.sentence_idx
             WHERE m.event_id IN (SELECT value FROM json_each(?1))
             -- A sentence coding a joint act both ways is one report; SQLite takes the bare
             -- columns from the row holding min(m.id).
             GROUP BY m.event_id, m.doc_id, m.sentence_idx
             ORDER BY m.event_id, d.date IS NULL, d.date, first",
        )?;
        let span = |r: &Row<'_>, i: usize| -> rusqlite::Result<Option<(String, usize, usize)>> {
            let text: Option<String> = r.get(i)?;
            let start: Option<i64> = r.get(i + 1)?;
            let end: Option<i64> = r.get(i + 2)?;
            Ok(match (text, start, end) {
                (Some(t), Some(s), Some(e)) => Some((t, s as usize, e as usize)),
                _ => None,
            })
        };
        let ids = serde_json::to_string(events).unwrap_or_else(|_| "[]".to_owned());
        let rows = stmt.query_map([ids], |r| {
            let report = Report {
                doc_id: r.get(0)?,
                sentence_index: r.get(1)?,
                sentence: r.get(2)?,
                doc_date: r.get(3)?,
                url: r.get(4)?,
                site: r.get(5)?,
                duplicate: r.get(6)?,
                cameo: r.get(7)?,
                trigger: r.get(8)?,
                trigger_span: (r.get::<_, i64>(9)? as usize, r.get::<_, i64>(10)? as usize),
                source_text: span(r, 11)?,
                target_text: span(r, 14)?,
                rule: r.get(17)?,
            };
            Ok((r.get::<_, i64>(19)?, report))
        })?;
        let mut by_event: HashMap<i64, Vec<Report>> = HashMap::new();
        for row in rows {
            let (event, report) = row?;
            by_event.entry(event).or_default().push(report);
        }
        Ok(by_event)
    }

    /// Events matching a filter, each with its reports (two queries whatever the page size).
    pub fn events_with_reports(
        &self,
        f: &EventFilter,
    ) -> Result<Vec<EventWithReports>, StoreError> {
        let events = self.events(f)?;
        let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        let mut reports = self.reports_of(&ids)?;
        Ok(events
            .into_iter()
            .map(|event| {
                let reports = reports.remove(&event.id).unwrap_or_default();
                EventWithReports { event, reports }
            })
            .collect())
    }

    /// The SQL [`Store::timeline`] runs, with its parameters.
    pub fn timeline_sql(&self, a: &str, b: &str) -> (String, Vec<Value>) {
        let (key_a, code_a) = actor_filter(a);
        let (key_b, code_b) = actor_filter(b);
        let mut args = vec![Value::Text(key_a), Value::Text(key_b)];
        let mut narrower = String::new();
        for c in [code_a, code_b].into_iter().flatten() {
            args.push(Value::Text(format!("{c}%")));
            let k = args.len();
            narrower.push_str(&format!(
                " AND (e.source_code LIKE ?{k} OR e.target_code LIKE ?{k})"
            ));
        }
        // Each direction is one range of `events_dyad`, which holds every column read here:
        // UNION ALL reads the two ranges one after the other, where an OR of them would also
        // collect row ids to drop duplicates (a third of the time for a busy dyad).
        let select = "SELECT e.date, e.key_a, e.mutual, e.quad_class, e.goldstein, e.mentions
             FROM events e WHERE e.date IS NOT NULL";
        (
            format!(
                "{select} AND e.key_a = ?1 AND e.key_b = ?2{narrower}
                 UNION ALL
                 {select} AND e.key_a = ?2 AND e.key_b = ?1 AND ?1 != ?2{narrower}"
            ),
            args,
        )
    }

    /// Per period and direction, events per QuadClass and their Goldstein sum and mean, for
    /// the dyad `a`–`b` (both directions, and mutual acts apart). Undated events are left out.
    pub fn timeline(&self, a: &str, b: &str, by: Period) -> Result<Vec<TimelineRow>, StoreError> {
        let (sql, args) = self.timeline_sql(a, b);
        let (key_a, _) = actor_filter(a);
        let (key_b, _) = actor_filter(b);
        let directions = [
            format!("{key_a}→{key_b}"),
            format!("{key_b}→{key_a}"),
            format!("{key_a}↔{key_b}"),
        ];
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args))?;
        // Per period, a row per direction (in the order of `directions`). A busy dyad has tens
        // of thousands of events, so nothing is allocated per event: rows come in date order
        // within each direction, and a date's period is worked out once for its run of rows.
        let mut table: std::collections::BTreeMap<String, [Option<TimelineRow>; 3]> =
            Default::default();
        let mut last: Option<(String, String)> = None; // (date, its period)
        while let Some(r) = rows.next()? {
            let ValueRef::Text(date) = r.get_ref(0)? else {
                continue;
            };
            let Ok(date) = std::str::from_utf8(date) else {
                continue;
            };
            if last.as_ref().is_none_or(|(d, _)| d != date) {
                let Ok(parsed) = date.parse::<PartialDate>() else {
                    continue;
                };
                last = Some((date.to_owned(), period_label(parsed, by)));
            }
            let Some((_, period)) = &last else {
                continue;
            };
            let first_is_a = matches!(r.get_ref(1)?, ValueRef::Text(k) if k == key_a.as_bytes());
            let mutual: bool = r.get(2)?;
            let quad: u8 = r.get(3)?;
            let goldstein: f64 = r.get(4)?;
            let mentions: u32 = r.get(5)?;
            let order = if mutual {
                2
            } else if first_is_a {
                0
            } else {
                1
            };
            if !table.contains_key(period.as_str()) {
                table.insert(period.clone(), Default::default());
            }
            let Some(slot) = table
                .get_mut(period.as_str())
                .and_then(|s| s.get_mut(order))
            else {
                continue;
            };
            let row = slot.get_or_insert_with(|| TimelineRow {
                period: period.clone(),
                direction: directions[order].clone(),
                quad: [0; 4],
                events: 0,
                goldstein_sum: 0.0,
                goldstein_mean: 0.0,
                mentions: 0,
            });
            if let Some(n) = row.quad.get_mut(usize::from(quad.clamp(1, 4)) - 1) {
                *n += 1;
            }
            row.events += 1;
            row.goldstein_sum += goldstein;
            row.mentions += mentions;
        }
        Ok(table
            .into_values()
            .flat_map(|slots| slots.into_iter().flatten())
            .map(|mut r| {
                r.goldstein_mean = r.goldstein_sum / f64::from(r.events.max(1));
                r
            })
            .collect())
    }

    /// Who deals with whom most: actor pairs (both sides known) by events, with their
    /// cooperation and conflict counts; only pairs including `partner` when given.
    pub fn actors(&self, top: usize, partner: Option<&str>) -> Result<Vec<ActorPair>, StoreError> {
        // `actor_pairs` holds each pair's totals, kept in step by the merge.
        let mut sql = String::from(
            "SELECT a, b, events, cooperation, conflict, goldstein_sum / max(events, 1), mentions
             FROM actor_pairs",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(p) = partner {
            args.push(Value::Text(actor_filter(p).0));
            sql.push_str(" WHERE a = ?1 OR b = ?1");
        }
        sql.push_str(&format!(" ORDER BY events DESC, a, b LIMIT {top}"));
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(ActorPair {
                a: r.get(0)?,
                b: r.get(1)?,
                events: r.get(2)?,
                cooperation: r.get(3)?,
                conflict: r.get(4)?,
                goldstein_mean: r.get(5)?,
                mentions: r.get(6)?,
            })
        })?;
        let mut pairs: Vec<ActorPair> = rows.collect::<Result<_, _>>()?;
        if let Some(p) = partner {
            // The partner first in each pair, so the list reads "RUS with CHN, RUS with UKR".
            let key = actor_filter(p).0;
            for pair in &mut pairs {
                if pair.b == key {
                    std::mem::swap(&mut pair.a, &mut pair.b);
                }
            }
        }
        Ok(pairs)
    }

    /// SQLite's plan for a statement, one detail line per step (for tests of index use).
    pub fn query_plan(&self, sql: &str, args: &[Value]) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map(params_from_iter(args), |r| r.get::<_, String>(3))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// The label of the period a date falls in.
pub fn period_label(date: PartialDate, by: Period) -> String {
    let y = date.year();
    match (by, date.month(), date.day()) {
        (Period::Year, _, _) | (_, None, _) => format!("{y:04}"),
        (Period::Month, Some(m), _) | (_, Some(m), None) => format!("{y:04}-{m:02}"),
        (Period::Week, Some(_), Some(_)) => match date.to_naive() {
            Some(n) => {
                use chrono::Datelike;
                let w = n.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            None => date.to_string(),
        },
        (Period::Day, Some(_), Some(_)) => date.to_string(),
    }
}
