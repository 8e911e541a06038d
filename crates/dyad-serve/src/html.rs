//! The dashboard: server-rendered HTML pages, no JavaScript.
//!
//! Every string that comes from an article, a query or the store goes through [`escape`]
//! (directly, or through [`crate::highlight`], which escapes what it does not mark). Pages are
//! built with `format!` into a `String`: the markup is small, and one escape function is easier
//! to audit than a template engine's rules.

use crate::api::{self, MAX_LIMIT};
use crate::compose::{self, report_marks};
use crate::highlight::{highlight, snippet, Mark};
use crate::params::{actor_code, ParamError, Params};
use crate::pool::PoolError;
use crate::AppState;
use axum::extract::{Form, Path, RawQuery, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use dyad_core::EventRecord;
use dyad_store::{EventFilter, EventWithReports, Period, QuantityFilter, QuantityRow};
use std::collections::HashMap;
use std::fmt::Write;

/// `s` made safe to place in HTML text and in quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `s` percent-encoded as one URL path segment or query value: everything but unreserved
/// characters, so ids with `/`, `?`, `#` or `:` stay one segment.
pub fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A page that could not be shown: its status and an explanation (plain text, escaped when
/// rendered).
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    message: String,
}

impl From<ParamError> for PageError {
    fn from(e: ParamError) -> Self {
        PageError {
            status: StatusCode::BAD_REQUEST,
            message: e.0,
        }
    }
}

impl From<PoolError> for PageError {
    fn from(e: PoolError) -> Self {
        let api = api::ApiError::from(e);
        PageError {
            status: api.status,
            message: api.message,
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">Home</a></p>",
            escape(title),
            escape(&self.message)
        );
        (self.status, page(title, &body)).into_response()
    }
}

type PageResult = Result<Html<String>, PageError>;

/// The dashboard routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/dyad", get(dyad_pick))
        .route("/dyad/{a}/{b}", get(dyad))
        .route("/doc/{id}", get(doc))
        .route("/search", get(search))
        .route("/explain", get(explain_get).post(explain_post))
}

/// Anything else: a JSON 404 under `/api/`, a page elsewhere.
pub async fn not_found(uri: Uri) -> Response {
    let message = format!("nothing at {}", uri.path());
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        api::ApiError::not_found(format!("{message}: see /openapi.json for the API's paths"))
            .into_response()
    } else {
        PageError {
            status: StatusCode::NOT_FOUND,
            message,
        }
        .into_response()
    }
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#222}
header{background:#2b2d42;color:#fff;padding:.5em 1em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
main{padding:1em 1.5em;max-width:1400px}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f6}.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
mark{background:#fff1a8;padding:0 .1em}mark.source{background:#cde4ff}mark.target{background:#ffd6d6}
mark.trigger{background:#ffe08a;font-weight:600}mark.quantity{background:#c9f2d0}
.sentence{margin:.2em 0}.muted{color:#666;font-size:90%}.error{color:#a00}
.chart svg{max-width:100%;height:auto}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}
ul.reports{margin:.2em 0;padding-left:1.2em}.clean{white-space:pre-wrap;max-width:50em}";

/// A whole page around `body` (already HTML); `title` is escaped here.
pub fn page(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · dyad</title><style>{STYLE}</style></head><body>\
<header><a href=\"/\">dyad</a><a href=\"/search\">Search</a><a href=\"/explain\">Explain</a>\
<a href=\"/openapi.json\">API</a>\
<form action=\"/dyad\" method=\"get\"><input name=\"a\" size=\"6\" placeholder=\"RUS\" aria-label=\"actor A\"> \
<input name=\"b\" size=\"6\" placeholder=\"CHN\" aria-label=\"actor B\"> <button>Dyad</button></form></header>\
<main>{body}</main></body></html>",
        escape(title)
    ))
}

fn dyad_link(a: &str, b: &str) -> String {
    format!(
        "<a href=\"/dyad/{}/{}\">{}–{}</a>",
        url_component(a),
        url_component(b),
        escape(a),
        escape(b)
    )
}

fn doc_link(id: &str, sentence: Option<u32>, text: &str) -> String {
    let anchor = sentence.map(|s| format!("#s{s}")).unwrap_or_default();
    format!(
        "<a href=\"/doc/{}{anchor}\">{}</a>",
        url_component(id),
        escape(text)
    )
}

fn opt(s: &Option<String>) -> String {
    escape(s.as_deref().unwrap_or(""))
}

fn actor_label(a: &Option<dyad_core::EventActor>) -> String {
    match a {
        Some(a) => {
            let code = a.code.as_deref().or(a.country.as_deref()).unwrap_or("?");
            match &a.name {
                Some(n) => format!(
                    "{} <span class=\"muted\">{}</span>",
                    escape(code),
                    escape(n)
                ),
                None => escape(code),
            }
        }
        None => "?".to_owned(),
    }
}

fn event_cells(e: &EventRecord) -> String {
    format!(
        "<td>{}</td><td>{}</td><td>{} {}</td><td>{}</td><td><code>{}</code></td><td class=\"num\">{:+.1}</td><td>{}</td>",
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        actor_label(&e.source),
        if e.mutual { "↔" } else { "→" },
        actor_label(&e.target),
        escape(&e.plover.kind),
        escape(&e.cameo.to_string()),
        e.goldstein,
        opt(&e.object),
    )
}

const EVENT_HEAD: &str = "<tr><th>date</th><th>source</th><th>target</th><th>PLOVER</th><th>CAMEO</th><th>Goldstein</th><th>object</th></tr>";

async fn home(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    Params::parse(raw.as_deref(), &[])?;
    let (stats, pairs, latest) = st
        .pool
        .run(|s| {
            let stats = s.stats()?;
            let pairs = s.actors(15, None)?;
            // Events come oldest first; the newest ten are the last page.
            let n = stats.events.max(0) as usize;
            let latest = s.events(&EventFilter {
                limit: Some(10),
                offset: n.saturating_sub(10),
                ..EventFilter::default()
            })?;
            Ok((stats, pairs, latest))
        })
        .await?;
    let mut body = String::from("<h1>dyad</h1>");
    let _ = write!(
        body,
        "<section id=\"stats\"><h2>Corpus</h2><table>\
<tr><th>documents</th><td class=\"num\">{}</td></tr><tr><th>duplicates</th><td class=\"num\">{}</td></tr>\
<tr><th>sentences</th><td class=\"num\">{}</td></tr><tr><th>events</th><td class=\"num\">{}</td></tr>\
<tr><th>event mentions</th><td class=\"num\">{}</td></tr><tr><th>figures stated</th><td class=\"num\">{}</td></tr>\
<tr><th>dates</th><td>{} – {}</td></tr></table></section>",
        stats.documents,
        stats.duplicates,
        stats.sentences,
        stats.events,
        stats.mentions,
        stats.quantities,
        opt(&stats.first_date),
        opt(&stats.last_date)
    );
    body.push_str("<section id=\"dyads\"><h2>Most active dyads</h2>");
    if pairs.is_empty() {
        body.push_str("<p class=\"muted\">No events between two known actors yet.</p>");
    } else {
        body.push_str("<table><tr><th>dyad</th><th>events</th><th>cooperation</th><th>conflict</th><th>mean Goldstein</th></tr>");
        for p in &pairs {
            let _ = write!(
                body,
                "<tr class=\"pair\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{:+.2}</td></tr>",
                dyad_link(&p.a, &p.b),
                p.events,
                p.cooperation,
                p.conflict,
                p.goldstein_mean
            );
        }
        body.push_str("</table>");
    }
    body.push_str("</section><section id=\"latest\"><h2>Latest events</h2>");
    event_table(&mut body, latest.iter().rev(), |_| String::new());
    body.push_str("</section>");
    Ok(page("dyad", &body))
}

/// A table of events with a link to each one's first report.
fn event_table<'e>(
    body: &mut String,
    events: impl Iterator<Item = &'e EventRecord>,
    extra: impl Fn(&EventRecord) -> String,
) {
    let mut any = false;
    for e in events {
        if !any {
            body.push_str("<table class=\"events\">");
            body.push_str(EVENT_HEAD);
            any = true;
        }
        let source = match &e.doc_id {
            Some(id) => doc_link(id, e.sentence_index, "source"),
            None => String::new(),
        };
        let _ = write!(
            body,
            "<tr class=\"event\">{}<td>{source}</td></tr>{}",
            event_cells(e),
            extra(e)
        );
    }
    if any {
        body.push_str("</table>");
    } else {
        body.push_str("<p class=\"muted\">None.</p>");
    }
}

async fn dyad_pick(RawQuery(raw): RawQuery) -> Result<Redirect, PageError> {
    let q = Params::parse(raw.as_deref(), &["a", "b"])?;
    let a = actor_code("a", q.required("a")?)?;
    let b = actor_code("b", q.required("b")?)?;
    Ok(Redirect::to(&format!(
        "/dyad/{}/{}",
        url_component(&a),
        url_component(&b)
    )))
}

/// Most events listed on a dyad page.
const DYAD_EVENTS: usize = 300;

async fn dyad(
    State(st): State<AppState>,
    path: Result<Path<(String, String)>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    Params::parse(raw.as_deref(), &[])?;
    let Path((a, b)) = path.map_err(|e| ParamError(format!("bad dyad: {e}")))?;
    let a = actor_code("A", &a)?;
    let b = actor_code("B", &b)?;
    let (qa, qb) = (a.clone(), b.clone());
    let (rows, agreements, figures, events, partners_a, partners_b) = st
        .pool
        .run(move |s| {
            let dyad = Some((qa.clone(), qb.clone()));
            let rows = s.timeline(&qa, &qb, Period::Month)?;
            let agreements = s.events(&EventFilter {
                dyad: dyad.clone(),
                code: Some("057".into()),
                ..EventFilter::default()
            })?;
            let figures = s.quantities(&QuantityFilter {
                dyad: dyad.clone(),
                limit: MAX_LIMIT,
                ..QuantityFilter::default()
            })?;
            let events = s.events_with_reports(&EventFilter {
                dyad,
                limit: Some(DYAD_EVENTS),
                ..EventFilter::default()
            })?;
            let pa = s.actors(8, Some(&qa))?;
            let pb = s.actors(8, Some(&qb))?;
            Ok((rows, agreements, figures, events, pa, pb))
        })
        .await?;
    let svg = dyad_chart::timeline_svg(&rows, &a, &b);
    // Inline in HTML the XML declaration is noise (a bogus comment); the <svg> is what counts.
    let svg = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
    let mut body = format!(
        "<h1>{} and {}</h1><p class=\"muted\">Events by month, both directions; QuadClass stacked, Goldstein mean as the line. JSON: <a href=\"/api/timeline?a={}&amp;b={}&amp;by=month\">timeline</a>, <a href=\"/api/events?dyad={},{}\">events</a>.</p>\
<section id=\"timeline\" class=\"chart\">{svg}</section>",
        escape(&a),
        escape(&b),
        url_component(&a),
        url_component(&b),
        url_component(&a),
        url_component(&b),
    );
    body.push_str("<section id=\"agreements\"><h2>Agreements signed</h2>");
    if agreements.is_empty() {
        body.push_str("<p class=\"muted\">None recorded (CAMEO 057).</p>");
    } else {
        body.push_str("<table><tr><th>date</th><th>parties</th><th>what</th><th>code</th><th>reported in</th></tr>");
        for e in &agreements {
            let _ = write!(
                body,
                "<tr class=\"agreement\"><td>{}</td><td>{} {} {}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                actor_label(&e.source),
                if e.mutual { "↔" } else { "→" },
                actor_label(&e.target),
                e.object.as_deref().map(escape).unwrap_or_else(|| "<span class=\"muted\">(not named)</span>".into()),
                escape(&e.cameo.to_string()),
                e.doc_id.as_deref().map(|id| doc_link(id, e.sentence_index, id)).unwrap_or_default(),
            );
        }
        body.push_str("</table>");
    }
    body.push_str("</section><section id=\"figures\"><h2>Figures stated</h2>");
    figure_table(&mut body, &figures, true);
    body.push_str("</section><section id=\"partners\"><h2>Whom each deals with most</h2>");
    for (who, pairs) in [(&a, &partners_a), (&b, &partners_b)] {
        let _ = write!(body, "<h3>{}</h3>", escape(who));
        if pairs.is_empty() {
            body.push_str("<p class=\"muted\">No events.</p>");
            continue;
        }
        body.push_str(
            "<table><tr><th>with</th><th>events</th><th>cooperation</th><th>conflict</th></tr>",
        );
        for p in pairs.iter() {
            let _ = write!(
                body,
                "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                dyad_link(&p.a, &p.b),
                p.events,
                p.cooperation,
                p.conflict
            );
        }
        body.push_str("</table>");
    }
    let _ = write!(
        body,
        "</section><section id=\"events\"><h2>Events ({}{})</h2>",
        events.len(),
        if events.len() == DYAD_EVENTS {
            ", the first shown"
        } else {
            ""
        }
    );
    events_with_reports(&mut body, &events);
    body.push_str("</section>");
    Ok(page(&format!("{a}–{b}"), &body))
}

fn events_with_reports(body: &mut String, events: &[EventWithReports]) {
    let reports: HashMap<i64, &EventWithReports> = events.iter().map(|e| (e.event.id, e)).collect();
    event_table(body, events.iter().map(|e| &e.event), |e| {
        let Some(ev) = reports.get(&e.id) else {
            return String::new();
        };
        let label = format!("{}", e.cameo);
        let mut out =
            String::from("<tr class=\"reports\"><td></td><td colspan=\"7\"><ul class=\"reports\">");
        for r in &ev.reports {
            let sentence = r.sentence.as_deref().unwrap_or("");
            let (_, marks) = report_marks(sentence, r, &label);
            let _ = write!(
                out,
                "<li class=\"sentence\">{} <span class=\"muted\">— {} {}</span></li>",
                highlight(sentence, &marks),
                doc_link(&r.doc_id, Some(r.sentence_index), &r.doc_id),
                opt(&r.doc_date),
            );
        }
        out.push_str("</ul></td></tr>");
        out
    });
}

/// A value as people write it: "108 billion", "1.6", "40 million".
pub fn number(v: f64) -> String {
    let (scaled, word) = match v.abs() {
        a if a >= 1e12 => (v / 1e12, " trillion"),
        a if a >= 1e9 => (v / 1e9, " billion"),
        a if a >= 1e6 => (v / 1e6, " million"),
        _ => (v, ""),
    };
    let text = format!("{scaled:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}{word}")
}

fn figure_table(body: &mut String, figures: &[QuantityRow], with_doc: bool) {
    if figures.is_empty() {
        body.push_str("<p class=\"muted\">None.</p>");
        return;
    }
    body.push_str("<table><tr><th>date</th><th>figure</th><th>value</th><th>measure</th><th>actors</th><th>sentence</th></tr>");
    for q in figures {
        let sentence = q.sentence.as_deref().unwrap_or("");
        let marks: Vec<Mark> = sentence
            .find(q.text.as_str())
            .map(|p| Mark {
                kind: "quantity",
                start: p,
                end: p + q.text.len(),
                label: String::new(),
            })
            .into_iter()
            .collect();
        let source = if with_doc {
            u32::try_from(q.sentence_index)
                .ok()
                .map(|i| format!(" {}", doc_link(&q.doc_id, Some(i), &q.doc_id)))
                .unwrap_or_default()
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<tr class=\"figure\"><td>{}</td><td>{}</td><td class=\"num\">{}{} {}{}</td><td>{}</td><td>{}</td><td>{}{source}</td></tr>",
            opt(&q.date),
            escape(&q.text),
            number(q.value),
            q.value_max.map(|m| format!("–{}", number(m))).unwrap_or_default(),
            escape(&q.unit),
            q.per.as_deref().map(|p| format!(" per {}", escape(p))).unwrap_or_default(),
            opt(&q.measure),
            opt(&q.actors),
            highlight(sentence, &marks),
        );
    }
    body.push_str("</table>");
}

async fn doc(
    State(st): State<AppState>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    Params::parse(raw.as_deref(), &[])?;
    let Path(id) = path.map_err(|e| ParamError(format!("bad document id: {e}")))?;
    let wanted = id.clone();
    let Some(d) = st.pool.run(move |s| compose::document(s, &wanted)).await? else {
        return Err(PageError {
            status: StatusCode::NOT_FOUND,
            message: format!("no document {id:?} in the store"),
        });
    };
    let doc = &d.document;
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">{} · {} · {} sentences{}</p>",
        escape(doc.title.as_deref().unwrap_or("(untitled)")),
        escape(&doc.id),
        opt(&doc.date),
        doc.sentences,
        doc.duplicate_of
            .as_deref()
            .map(|o| format!(" · duplicate of {}", doc_link(o, None, o)))
            .unwrap_or_default()
    );
    body.push_str("<section id=\"text\"><h2>Text</h2>");
    match &d.clean_text {
        Some(text) => {
            // Sentence by sentence, each an anchor (`#s3`) the dyad page links to; the text
            // between them (line breaks, which CSS keeps) as it is.
            let mut html = String::new();
            let mut at = 0;
            for s in &d.sentences {
                let Some(start) = s.start.filter(|&p| p >= at && text.is_char_boundary(p)) else {
                    continue;
                };
                html.push_str(&escape(&text[at..start]));
                let _ = write!(
                    html,
                    "<span class=\"sentence\" id=\"s{}\">{}</span>",
                    s.index,
                    highlight(&s.text, &s.marks)
                );
                at = start + s.text.len();
            }
            html.push_str(&escape(text.get(at..).unwrap_or("")));
            let _ = write!(body, "<div class=\"clean\">{html}</div>");
        }
        None => {
            body.push_str("<p class=\"muted\">The sentences that report events or state figures (the store does not serve the full text yet).</p>");
            if d.sentences.is_empty() {
                body.push_str("<p class=\"muted\">None.</p>");
            }
            for s in &d.sentences {
                let _ = write!(
                    body,
                    "<p class=\"sentence\" id=\"s{}\"><span class=\"muted\">{}</span> {}</p>",
                    s.index,
                    s.index,
                    highlight(&s.text, &s.marks)
                );
            }
        }
    }
    body.push_str("</section><section id=\"figures\"><h2>Figures stated</h2>");
    figure_table(&mut body, &d.quantities, false);
    body.push_str("</section>");
    Ok(page(doc.title.as_deref().unwrap_or(&doc.id), &body))
}

async fn search(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    let q = Params::parse(raw.as_deref(), &["q", "limit"])?;
    let query = q.str("q").map(str::to_owned);
    let limit = q.number("limit", 50, 1, 200)?;
    let mut body = format!(
        "<h1>Search</h1><form action=\"/search\" method=\"get\"><input name=\"q\" size=\"50\" value=\"{}\" autofocus> <button>Search</button></form>\
<p class=\"muted\">Words, \"exact phrases\", OR, NOT, prefix*.</p>",
        escape(query.as_deref().unwrap_or(""))
    );
    if let Some(query) = query {
        let text = query.clone();
        let hits = st.pool.run(move |s| s.search(&text, limit)).await?;
        let _ = write!(
            body,
            "<h2>{} result{} for “{}”</h2>",
            hits.len(),
            if hits.len() == 1 { "" } else { "s" },
            escape(&query)
        );
        body.push_str("<ol class=\"hits\">");
        for h in &hits {
            let _ = write!(
                body,
                "<li class=\"hit\">{} <span class=\"muted\">{}</span><br>{}</li>",
                doc_link(&h.id, None, h.title.as_deref().unwrap_or(&h.id)),
                opt(&h.date),
                snippet(&h.snippet)
            );
        }
        body.push_str("</ol>");
    }
    Ok(page("Search", &body))
}

/// Longest sentence `/explain` codes, in bytes.
pub const MAX_SENTENCE: usize = 2000;

/// The explain form's fields.
#[derive(Debug, serde::Deserialize)]
pub struct ExplainForm {
    /// The sentence.
    #[serde(default)]
    pub s: String,
    /// Its date, optional.
    #[serde(default)]
    pub date: String,
}

async fn explain_get(State(st): State<AppState>, RawQuery(raw): RawQuery) -> PageResult {
    let q = Params::parse(raw.as_deref(), &["s", "date"])?;
    let date = q.date("date")?;
    explain_page(st, q.str("s").map(str::to_owned), date).await
}

async fn explain_post(
    State(st): State<AppState>,
    form: Result<Form<ExplainForm>, axum::extract::rejection::FormRejection>,
) -> Response {
    let Form(f) = match form {
        Ok(f) => f,
        Err(e) => {
            return PageError {
                status: e.status(),
                message: e.body_text(),
            }
            .into_response()
        }
    };
    let date = match f.date.trim() {
        "" => None,
        d => match d.parse() {
            Ok(d) => Some(d),
            Err(_) => {
                return PageError::from(ParamError(format!(
                    "date={d:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
                )))
                .into_response()
            }
        },
    };
    let s = Some(f.s.trim().to_owned()).filter(|s| !s.is_empty());
    explain_page(st, s, date).await.into_response()
}

async fn explain_page(
    st: AppState,
    sentence: Option<String>,
    date: Option<dyad_core::PartialDate>,
) -> PageResult {
    let mut body = format!(
        "<h1>Explain</h1><form action=\"/explain\" method=\"get\"><p><textarea name=\"s\" rows=\"3\" cols=\"90\" placeholder=\"Russia and China signed 30 agreements.\">{}</textarea></p>\
<p><label>date <input name=\"date\" size=\"10\" placeholder=\"YYYY-MM-DD\" value=\"{}\"></label> <button>Explain</button></p></form>",
        escape(sentence.as_deref().unwrap_or("")),
        date.map(|d| d.to_string()).unwrap_or_default()
    );
    let Some(sentence) = sentence else {
        return Ok(page("Explain", &body));
    };
    if sentence.len() > MAX_SENTENCE {
        return Err(ParamError(format!(
            "the sentence is {} bytes; explain takes one sentence of at most {MAX_SENTENCE}",
            sentence.len()
        ))
        .into());
    }
    let state = st.clone();
    let text = sentence.clone();
    let (events, trace) = tokio::task::spawn_blocking(move || {
        // Loading the built-in dictionaries takes a moment the first time: off the async threads.
        state.coder().map(|c| c.explain(&text, date))
    })
    .await
    .map_err(|e| PageError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("explain did not finish: {e}"),
    })?
    .map_err(|e| PageError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("the dictionaries could not be loaded: {e}"),
    })?;
    let mut marks = Vec::new();
    for e in &events {
        for (kind, a) in [("source", &e.source), ("target", &e.target)] {
            if let Some(a) = a {
                marks.push(Mark {
                    kind,
                    start: a.start,
                    end: a.end,
                    label: a.code.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                });
            }
        }
        marks.push(Mark {
            kind: "trigger",
            start: e.trigger.start,
            end: e.trigger.end,
            label: format!("{} · {}", e.cameo, e.rule),
        });
    }
    let _ = write!(
        body,
        "<section id=\"explained\"><p class=\"sentence\">{}</p>",
        highlight(&sentence, &marks)
    );
    let _ = write!(body, "<h2>Events: {}</h2>", events.len());
    if !events.is_empty() {
        body.push_str("<table><tr><th>source</th><th>target</th><th>CAMEO</th><th>quad</th><th>Goldstein</th><th>PLOVER</th><th>trigger</th><th>object</th><th>date</th><th>rule</th></tr>");
        for e in &events {
            let who = |a: &Option<dyad_core::Actor>| {
                a.as_ref()
                    .map(|a| {
                        format!(
                            "{} <span class=\"muted\">“{}”</span>",
                            escape(&a.code.as_ref().map(|c| c.to_string()).unwrap_or_default()),
                            escape(&a.text)
                        )
                    })
                    .unwrap_or_default()
            };
            let _ = write!(
                body,
                "<tr class=\"event\"><td>{}</td><td>{}</td><td><code>{}</code> {}</td><td class=\"num\">{}</td><td class=\"num\">{:+.1}</td><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                who(&e.source),
                who(&e.target),
                escape(&e.cameo.to_string()),
                escape(&dyad_code::CodeTable::builtin().get(&e.cameo).map(|i| i.label.clone()).unwrap_or_default()),
                e.quad_class.number(),
                e.goldstein,
                escape(&e.plover.kind),
                e.plover.mode.as_deref().map(|m| format!("/{}", escape(m))).unwrap_or_default(),
                escape(&e.trigger.text),
                e.object.as_ref().map(|o| escape(&o.text)).unwrap_or_default(),
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                escape(&e.rule),
            );
        }
        body.push_str("</table>");
    }
    body.push_str("<h2>Tokens</h2><p>");
    for (t, c) in trace.tokens.iter().zip(&trace.clauses) {
        let _ = write!(body, "{}<sub>{c}</sub> ", escape(t));
    }
    body.push_str("</p><h2>Actors</h2>");
    if trace.actors.is_empty() {
        body.push_str("<p class=\"muted\">None found.</p>");
    } else {
        body.push_str("<ul>");
        for a in &trace.actors {
            let _ = write!(body, "<li>{}</li>", escape(a));
        }
        body.push_str("</ul>");
    }
    body.push_str("<h2>Patterns</h2><pre>");
    for p in &trace.patterns {
        let _ = writeln!(body, "{}", escape(p));
    }
    body.push_str("</pre></section>");
    Ok(page("Explain", &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_hostile_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape("\" onmouseover='x' & more"),
            "&quot; onmouseover=&#39;x&#39; &amp; more"
        );
        assert_eq!(escape("Ünïcode — fine"), "Ünïcode — fine");
    }

    #[test]
    fn numbers_read_like_articles() {
        assert_eq!(number(108e9), "108 billion");
        assert_eq!(number(4e7), "40 million");
        assert_eq!(number(1.6), "1.6");
        assert_eq!(number(30.0), "30");
        assert_eq!(number(0.25), "0.25");
        assert_eq!(number(2.5e12), "2.5 trillion");
    }

    #[test]
    fn url_components() {
        assert_eq!(url_component("a/b c?#%"), "a%2Fb%20c%3F%23%25");
        assert_eq!(url_component("000_37622b.txt"), "000_37622b.txt");
    }
}
