//! Merging mentions into events inside the write transaction (rules: `dyad-resolve`).
//!
//! Every mention is written with `merged = 0`; [`resolve_pending`] then gives each one an
//! event — an existing one it matches, or a new one — and refreshes the touched events'
//! counts and best-supported fields. Because it works from what is stored, it also merges the
//! mentions of a store written before merging existed, the first time such a store is written.

use crate::StoreError;
use dyad_core::{DatePrecision, PartialDate};
use dyad_resolve::{
    actor_key, objects_compatible, roles_compatible, summarise, DayRange, MentionFacts, MentionKey,
    MentionSummary, MergeRules, Side,
};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use std::collections::BTreeSet;

/// What merging did in one transaction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Merged {
    /// Events created.
    pub created: usize,
    /// Mentions that joined an existing event.
    pub attached: usize,
}

/// A pending mention with what the rules need.
struct Pending {
    id: i64,
    doc_id: String,
    cameo: String,
    date: Option<PartialDate>,
    object: Option<String>,
    negated: bool,
    source: SideRow,
    target: SideRow,
    duplicate: bool,
}

type SideRow = Option<(Option<String>, Option<String>, String)>;

fn side(s: &SideRow) -> Option<Side<'_>> {
    s.as_ref().map(|(code, country, name)| Side {
        code: code.as_deref(),
        country: country.as_deref(),
        name,
    })
}

impl Pending {
    /// The codes of the key's sides `a` and `b` (the target first for a flipped mutual act).
    fn codes(&self, k: &MentionKey) -> (Option<&str>, Option<&str>) {
        fn code(s: &SideRow) -> Option<&str> {
            s.as_ref().and_then(|(c, _, _)| c.as_deref())
        }
        let (src, tgt) = (code(&self.source), code(&self.target));
        if k.flipped {
            (tgt, src)
        } else {
            (src, tgt)
        }
    }

    fn key(&self, rules: &MergeRules) -> Option<MentionKey> {
        rules.key(&MentionFacts {
            source: side(&self.source),
            target: side(&self.target),
            cameo: &self.cameo,
            date: self.date,
            object: self.object.as_deref(),
            negated: self.negated,
        })
    }
}

fn side_at(r: &Row<'_>, code: usize) -> rusqlite::Result<SideRow> {
    let name: Option<String> = r.get(code + 2)?;
    Ok(name.map(|n| {
        (
            r.get(code).ok().flatten(),
            r.get(code + 1).ok().flatten(),
            n,
        )
    }))
}

fn parse_date(s: Option<String>) -> Option<PartialDate> {
    s.and_then(|s| s.parse().ok())
}

/// Merges every mention not yet merged.
pub(crate) fn resolve_pending(
    tx: &Transaction<'_>,
    rules: &MergeRules,
) -> Result<Merged, StoreError> {
    let pending: Vec<Pending> = {
        let mut stmt = tx.prepare_cached(
            "SELECT m.id, m.doc_id, m.cameo, m.date, m.object_text, m.negated,
                    sa.code, sa.country, coalesce(sa.name, m.source_text),
                    ta.code, ta.country, coalesce(ta.name, m.target_text),
                    d.duplicate_of IS NOT NULL
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             LEFT JOIN actors sa ON sa.id = m.source_actor
             LEFT JOIN actors ta ON ta.id = m.target_actor
             WHERE m.merged = 0 ORDER BY m.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Pending {
                id: r.get(0)?,
                doc_id: r.get(1)?,
                cameo: r.get(2)?,
                date: parse_date(r.get(3)?),
                object: r.get(4)?,
                negated: r.get(5)?,
                source: side_at(r, 6)?,
                target: side_at(r, 9)?,
                duplicate: r.get(12)?,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    if pending.is_empty() {
        return Ok(Merged::default());
    }
    let mut merged = Merged::default();
    let mut touched = BTreeSet::new();
    let mut created = Vec::new();
    for m in &pending {
        let key = m.key(rules);
        let found = match &key {
            Some(k) => find_event(tx, rules, k, m.codes(k), &m.doc_id)?,
            None => None,
        };
        let event = match (found, &key) {
            (Some((id, words)), Some(k)) => {
                // An event's object words grow with its mentions, so a later mention naming
                // the same thing differently still finds it.
                if k.object_words
                    .iter()
                    .any(|w| words.binary_search(w).is_err())
                {
                    let mut all = words;
                    all.extend(k.object_words.iter().cloned());
                    all.sort_unstable();
                    all.dedup();
                    tx.prepare_cached("UPDATE events SET object_words = ?2 WHERE id = ?1")?
                        .execute(params![id, all.join(" ")])?;
                }
                merged.attached += 1;
                Some(id)
            }
            // A duplicate document's mentions count for the events its original reported,
            // and never make new ones (SPEC §2 "Deduplicate documents").
            (None, Some(k)) if !m.duplicate => {
                let id = insert_event(tx, k, m)?;
                merged.created += 1;
                created.push(id);
                Some(id)
            }
            _ => None,
        };
        tx.prepare_cached("UPDATE mentions SET event_id = ?2, merged = 1 WHERE id = ?1")?
            .execute(params![m.id, event])?;
        if let Some(id) = event {
            touched.insert(id);
        }
    }
    for &id in &touched {
        refresh_event(tx, rules, id)?;
    }
    for id in created {
        link_reciprocal(tx, rules, id)?;
    }
    Ok(merged)
}

/// The event a mention belongs to, with its object words: same keys, near dates,
/// compatible roles (a company's deal is not its government's) and objects; the nearest in
/// time wins. `codes` are the mention's actor codes for the sides `a` and `b`.
fn find_event(
    tx: &Transaction<'_>,
    rules: &MergeRules,
    k: &MentionKey,
    codes: (Option<&str>, Option<&str>),
    doc_id: &str,
) -> Result<Option<(i64, Vec<String>)>, StoreError> {
    let words = |s: String| -> Vec<String> { s.split_whitespace().map(str::to_owned).collect() };
    // The event's codes for sides a and b, from its best-supported source and target.
    let roles_fit = |flipped: bool, source: Option<String>, target: Option<String>| {
        let (ea, eb) = if flipped {
            (target, source)
        } else {
            (source, target)
        };
        roles_compatible(codes.0, ea.as_deref()) && roles_compatible(codes.1, eb.as_deref())
    };
    let Some(days) = k.days else {
        // Undated (the document has no date either): only within the same document.
        let row = tx
            .prepare_cached(
                "SELECT id, object_words, flipped, source_code, target_code FROM events
                 WHERE key_a = ?1 AND key_b = ?2 AND family = ?3 AND day_lo IS NULL
                   AND first_doc_id = ?4",
            )?
            .query_map(params![k.a, k.b, k.family, doc_id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    roles_fit(r.get(2)?, r.get(3)?, r.get(4)?),
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|(_, _, fit)| *fit)
            .map(|(id, w, _)| (id, words(w)))
            .find(|(_, w)| objects_compatible(&k.object_words, w));
        return Ok(row);
    };
    let w = rules.window();
    // An event's span is at most a year (366 days): bounds its start for the index range.
    let mut stmt = tx.prepare_cached(
        "SELECT id, day_lo, day_hi, object_words, flipped, source_code, target_code FROM events
         WHERE key_a = ?1 AND key_b = ?2 AND family = ?3 AND day_lo BETWEEN ?4 AND ?5",
    )?;
    let rows = stmt.query_map(
        params![k.a, k.b, k.family, days.lo - w - 366, days.hi + w],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                DayRange {
                    lo: r.get(1)?,
                    hi: r.get(2)?,
                },
                r.get::<_, String>(3)?,
                roles_fit(r.get(4)?, r.get(5)?, r.get(6)?),
            ))
        },
    )?;
    let mut best: Option<(i32, i64, Vec<String>)> = None;
    for row in rows {
        let (id, range, object_words, fit) = row?;
        if !fit || !days.near(range, w) {
            continue;
        }
        let object_words = words(object_words);
        if !objects_compatible(&k.object_words, &object_words) {
            continue;
        }
        let gap = (range.lo - days.lo).abs() + (range.hi - days.hi).abs();
        if best.as_ref().is_none_or(|(g, _, _)| gap < *g) {
            best = Some((gap, id, object_words));
        }
    }
    Ok(best.map(|(_, id, w)| (id, w)))
}

fn insert_event(tx: &Transaction<'_>, k: &MentionKey, m: &Pending) -> Result<i64, StoreError> {
    // The descriptive fields are filled by `refresh_event` from the mentions; the sides are
    // set now because later mentions of the same batch are matched against them.
    let code = |s: &SideRow| s.as_ref().and_then(|(c, _, _)| c.clone());
    let name = |s: &SideRow| s.as_ref().map(|(_, _, n)| n.clone());
    let (quad, goldstein) = tx.prepare_cached(
        "INSERT INTO events (family, key_a, key_b, mutual, flipped, day_lo, day_hi, object_words,
             source_code, source_name, target_code, target_name,
             cameo, root, quad_class, goldstein, plover_type, date_precision,
             mentions, sources, articles, added_at, first_doc_id)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11, ?12, ?13,
             cameo, root, quad_class, goldstein, plover_type,
             date_precision, 1, 1, 1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), doc_id
         FROM mentions WHERE id = ?9
         RETURNING quad_class, goldstein",
    )?
    .query_row(params![
        k.family,
        k.a,
        k.b,
        k.mutual,
        k.flipped,
        k.days.map(|d| d.lo),
        k.days.map(|d| d.hi),
        k.object_words.join(" "),
        m.id,
        code(&m.source),
        name(&m.source),
        code(&m.target),
        name(&m.target),
    ], |r| Ok((r.get::<_, u8>(0)?, r.get::<_, f64>(1)?)))?;
    let id = tx.last_insert_rowid();
    bump_pair(
        tx,
        &k.a,
        &k.b,
        PairDelta {
            events: 1,
            cooperation: i64::from(quad <= 2),
            conflict: i64::from(quad >= 3),
            goldstein,
            mentions: 1,
        },
    )?;
    Ok(id)
}

/// A change to an actor pair's totals.
struct PairDelta {
    events: i64,
    cooperation: i64,
    conflict: i64,
    goldstein: f64,
    mentions: i64,
}

/// Applies a change to the totals of the pair `a`–`b` (`actor_pairs`), which counts events
/// with both sides known and different.
fn bump_pair(tx: &Transaction<'_>, a: &str, b: &str, d: PairDelta) -> Result<(), StoreError> {
    if a.is_empty() || b.is_empty() || a == b {
        return Ok(());
    }
    let (x, y) = if a < b { (a, b) } else { (b, a) };
    tx.prepare_cached(
        "INSERT INTO actor_pairs (a, b, events, cooperation, conflict, goldstein_sum, mentions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (a, b) DO UPDATE SET events = events + excluded.events,
             cooperation = cooperation + excluded.cooperation,
             conflict = conflict + excluded.conflict,
             goldstein_sum = goldstein_sum + excluded.goldstein_sum,
             mentions = mentions + excluded.mentions",
    )?
    .execute(params![
        x,
        y,
        d.events,
        d.cooperation,
        d.conflict,
        d.goldstein,
        d.mentions
    ])?;
    Ok(())
}

/// Recomputes an event's best-supported fields and counts from its mentions.
fn refresh_event(tx: &Transaction<'_>, rules: &MergeRules, id: i64) -> Result<(), StoreError> {
    struct Row {
        summary: MentionSummary,
        object: Option<String>,
        root: String,
        quad_class: u8,
        goldstein: f64,
        plover_type: String,
        plover_mode: Option<String>,
    }
    let rows: Vec<Row> = {
        let mut stmt = tx.prepare_cached(
            "SELECT m.id, m.cameo, m.date, m.date_precision, m.doc_id, d.date, m.sentence_idx,
                    coalesce(d.site, d.duplicate_of, d.id), m.object_text,
                    sa.code, sa.country, coalesce(sa.name, m.source_text),
                    ta.code, ta.country, coalesce(ta.name, m.target_text),
                    m.root, m.quad_class, m.goldstein, m.plover_type, m.plover_mode, m.negated
             FROM mentions m JOIN documents d ON d.id = m.doc_id
             LEFT JOIN actors sa ON sa.id = m.source_actor
             LEFT JOIN actors ta ON ta.id = m.target_actor
             WHERE m.event_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| {
            let source = side_at(r, 9)?;
            let target = side_at(r, 12)?;
            let precision: String = r.get(3)?;
            let cameo: String = r.get(1)?;
            let date = parse_date(r.get(2)?);
            let object: Option<String> = r.get(8)?;
            let negated: bool = r.get(20)?;
            // As in `MergeRules::key`: a joint act named target-first is flipped.
            let flipped = !negated
                && rules.is_mutual(&cameo)
                && actor_key(side(&target)) < actor_key(side(&source));
            let strip = |s: SideRow| s.map(|(code, _, name)| (code, name));
            Ok(Row {
                summary: MentionSummary {
                    id: r.get(0)?,
                    cameo,
                    source: strip(source),
                    target: strip(target),
                    flipped,
                    date,
                    precision: precision.parse().unwrap_or(DatePrecision::Document),
                    doc_id: r.get(4)?,
                    doc_date: parse_date(r.get(5)?),
                    sentence_index: r.get(6)?,
                    outlet: r.get(7)?,
                },
                object,
                root: r.get(15)?,
                quad_class: r.get(16)?,
                goldstein: r.get(17)?,
                plover_type: r.get(18)?,
                plover_mode: r.get(19)?,
            })
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let summaries: Vec<MentionSummary> = rows.iter().map(|r| r.summary.clone()).collect();
    let Some(s) = summarise(&summaries) else {
        return Ok(());
    };
    let Some(coded) = rows.iter().find(|r| r.summary.cameo == s.cameo) else {
        return Ok(());
    };
    let Some(first) = rows.iter().find(|r| r.summary.id == s.first_mention) else {
        return Ok(());
    };
    let object = first
        .object
        .clone()
        .or_else(|| rows.iter().find_map(|r| r.object.clone()));
    let days = s.date.map(DayRange::of);
    let precision = s.precision.as_str();
    let (source_code, source_name) = s.source.clone().unzip();
    let (target_code, target_name) = s.target.clone().unzip();
    // The pair totals follow the event's change of class, weight and mentions.
    let (key_a, key_b, old_quad, old_goldstein, old_mentions): (String, String, u8, f64, i64) = tx
        .prepare_cached(
            "SELECT key_a, key_b, quad_class, goldstein, mentions FROM events WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    bump_pair(
        tx,
        &key_a,
        &key_b,
        PairDelta {
            events: 0,
            cooperation: i64::from(coded.quad_class <= 2) - i64::from(old_quad <= 2),
            conflict: i64::from(coded.quad_class >= 3) - i64::from(old_quad >= 3),
            goldstein: coded.goldstein - old_goldstein,
            mentions: i64::from(s.mentions) - old_mentions,
        },
    )?;
    tx.prepare_cached(
        "UPDATE events SET flipped = ?2, day_lo = coalesce(?3, day_lo), day_hi = coalesce(?4, day_hi),
             object_text = ?5, source_code = ?6, source_name = ?7, target_code = ?8,
             target_name = ?9, cameo = ?10, root = ?11, quad_class = ?12, goldstein = ?13,
             plover_type = ?14, plover_mode = ?15, date = ?16, date_precision = ?17,
             mentions = ?18, sources = ?19, articles = ?20, first_seen = ?21,
             first_doc_id = ?22, first_sentence_idx = ?23
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        first.summary.flipped,
        days.map(|d| d.lo),
        days.map(|d| d.hi),
        object,
        source_code.flatten(),
        source_name,
        target_code.flatten(),
        target_name,
        s.cameo,
        coded.root,
        coded.quad_class,
        coded.goldstein,
        coded.plover_type,
        coded.plover_mode,
        s.date.map(|d| d.to_string()),
        precision,
        s.mentions,
        s.sources,
        s.articles,
        s.first_seen.map(|d| d.to_string()),
        first.summary.doc_id,
        first.summary.sentence_index,
    ])?;
    Ok(())
}

/// Links a new event to its reciprocal (a visit to its hosting): reversed dyad, the paired
/// family, near dates, neither linked yet.
fn link_reciprocal(tx: &Transaction<'_>, rules: &MergeRules, id: i64) -> Result<(), StoreError> {
    let Some((family, a, b, lo, hi)) = tx
        .prepare_cached(
            "SELECT family, key_a, key_b, day_lo, day_hi FROM events
             WHERE id = ?1 AND linked_event IS NULL",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i32>>(3)?,
                r.get::<_, Option<i32>>(4)?,
            ))
        })
        .optional()?
    else {
        return Ok(());
    };
    let (Some(other), Some(lo), Some(hi)) = (rules.reciprocal(&family), lo, hi) else {
        return Ok(());
    };
    let w = rules.window();
    let partner: Option<i64> = tx
        .prepare_cached(
            "SELECT id FROM events
             WHERE key_a = ?1 AND key_b = ?2 AND family = ?3 AND day_lo BETWEEN ?4 AND ?5
               AND day_hi >= ?6 AND linked_event IS NULL AND id != ?7
             ORDER BY abs(day_lo - ?8) LIMIT 1",
        )?
        .query_row(
            params![b, a, other, lo - w - 366, hi + w, lo - w, id, lo],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(p) = partner {
        let mut stmt = tx.prepare_cached("UPDATE events SET linked_event = ?2 WHERE id = ?1")?;
        stmt.execute(params![id, p])?;
        stmt.execute(params![p, id])?;
    }
    Ok(())
}
