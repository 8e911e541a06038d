//! The JSON API under `/api/`, described by `openapi.json` (served at `/openapi.json`).
//!
//! Every handler parses its parameters with [`Params`] (unknown or malformed ones are a 400
//! with `{"error": "…"}`), runs one closure on a pooled store, and answers JSON. Lists are
//! paginated as `{"total", "limit", "offset", "items"}`.

use crate::compose;
use crate::params::{ParamError, Params};
use crate::pool::PoolError;
use crate::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, MethodRouter};
use axum::{Json, Router};
use dyad_store::{EventFilter, QuantityFilter, StoreError};
use serde::Serialize;
use serde_json::{json, Value};

/// An API failure: its status and a message for the client, answered as `{"error": message}`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{status}: {message}")]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// What went wrong and, where possible, what to do.
    pub message: String,
}

impl ApiError {
    /// A 404 saying what was not found.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: e.0,
        }
    }
}

impl From<PoolError> for ApiError {
    fn from(e: PoolError) -> Self {
        match e {
            // A search FTS5 cannot read even word by word is the client's query, not our fault.
            PoolError::Store(e @ StoreError::Query { .. }) => ApiError {
                status: StatusCode::BAD_REQUEST,
                message: e.to_string(),
            },
            other => ApiError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: other.to_string(),
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

fn to_json<T: Serialize>(v: T) -> ApiResult {
    serde_json::to_value(v).map(Json).map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("cannot encode the answer: {e}"),
    })
}

/// Most items one page of a list may hold.
pub const MAX_LIMIT: usize = 500;
/// Largest `offset` accepted (far beyond any store; it only bounds the arithmetic).
pub const MAX_OFFSET: usize = 100_000_000;

/// The API's paths (axum syntax) with their handlers: the router is built from this table and
/// the OpenAPI test checks the spec against it, so neither can drift from the other.
pub fn table() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/events", get(events)),
        ("/api/timeline", get(timeline)),
        ("/api/documents", get(documents)),
        ("/api/documents/{id}", get(document)),
        ("/api/search", get(search)),
        ("/api/quantities", get(quantities)),
        ("/api/actors", get(actors)),
        ("/api/stats", get(stats)),
        ("/openapi.json", get(openapi)),
    ]
}

/// The API's paths, as [`table`] routes them.
pub fn paths() -> Vec<&'static str> {
    table().into_iter().map(|(p, _)| p).collect()
}

/// The API routes.
pub fn routes() -> Router<AppState> {
    table()
        .into_iter()
        .fold(Router::new(), |r, (path, handler)| r.route(path, handler))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::OPENAPI).into_response()
}

/// The event filter `/api/events` and the dashboard read from a query string.
pub fn event_filter(q: &Params) -> Result<EventFilter, ParamError> {
    let since = q.date("since")?;
    let until = q.date("until")?;
    if let (Some(s), Some(u)) = (since, until) {
        let (s_text, u_text) = (s.to_string(), u.to_string());
        // Strings of a date compare as the dates do; "2019-06" is within until=2019.
        if s_text > u_text && !s_text.starts_with(&u_text) {
            return Err(ParamError(format!("since={s} is after until={u}")));
        }
    }
    Ok(EventFilter {
        source: q.actor("source")?,
        target: q.actor("target")?,
        dyad: q.dyad("dyad")?,
        since,
        until,
        code: q.cameo("code", 2)?,
        root: match q.cameo("root", 2)? {
            Some(r) if r.len() != 2 => {
                return Err(ParamError(format!(
                    "root={r:?} is not a CAMEO root: two digits, such as 05"
                )))
            }
            r => r,
        },
        plover: q.plover("plover")?,
        limit: Some(q.number("limit", 50, 1, MAX_LIMIT)?),
        offset: q.number("offset", 0, 0, MAX_OFFSET)?,
    })
}

async fn events(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let q = Params::parse(
        raw.as_deref(),
        &[
            "source", "target", "dyad", "since", "until", "code", "root", "plover", "limit",
            "offset",
        ],
    )?;
    let filter = event_filter(&q)?;
    let (limit, offset) = (filter.limit.unwrap_or(MAX_LIMIT), filter.offset);
    let (total, items) = st
        .pool
        .run(move |s| Ok((s.count_events(&filter)?, s.events_with_reports(&filter)?)))
        .await?;
    to_json(json!({"total": total, "limit": limit, "offset": offset, "items": items}))
}

async fn timeline(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let q = Params::parse(raw.as_deref(), &["a", "b", "by"])?;
    let a = crate::params::actor_code("a", q.required("a")?)?;
    let b = crate::params::actor_code("b", q.required("b")?)?;
    let by = q.period("by")?;
    let by_name = q.str("by").unwrap_or("month").to_owned();
    let (a2, b2) = (a.clone(), b.clone());
    let rows = st.pool.run(move |s| s.timeline(&a2, &b2, by)).await?;
    to_json(json!({"a": a, "b": b, "by": by_name, "rows": rows}))
}

async fn documents(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let q = Params::parse(raw.as_deref(), &["limit", "offset"])?;
    let limit = q.number("limit", 50, 1, MAX_LIMIT)?;
    let offset = q.number("offset", 0, 0, MAX_OFFSET)?;
    let (total, items) = st.pool.run(move |s| s.documents(limit, offset)).await?;
    to_json(json!({"total": total, "limit": limit, "offset": offset, "items": items}))
}

async fn document(
    State(st): State<AppState>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    Params::parse(raw.as_deref(), &[])?;
    let Path(id) = path.map_err(|e| ParamError(format!("bad document id: {e}")))?;
    let wanted = id.clone();
    match st.pool.run(move |s| compose::document(s, &wanted)).await? {
        Some(doc) => to_json(doc),
        None => Err(ApiError::not_found(format!(
            "no document {id:?} in the store"
        ))),
    }
}

async fn search(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let q = Params::parse(raw.as_deref(), &["q", "limit"])?;
    let query = q.required("q")?.to_owned();
    let limit = q.number("limit", 20, 1, 100)?;
    let text = query.clone();
    let items = st.pool.run(move |s| s.search(&text, limit)).await?;
    to_json(json!({"query": query, "items": items}))
}

/// The quantity filter `/api/quantities` reads from a query string.
pub fn quantity_filter(q: &Params) -> Result<QuantityFilter, ParamError> {
    let unit = q.str("unit").map(str::to_owned);
    if let Some(u) = &unit {
        if u.len() > 16 || !u.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(ParamError(format!(
                "unit={u:?} is not a unit, such as USD, percent, t or count"
            )));
        }
    }
    Ok(QuantityFilter {
        dyad: q.dyad("dyad")?,
        unit,
        measure: q.str("measure").map(str::to_owned),
        limit: q.number("limit", 100, 1, MAX_LIMIT)?,
    })
}

async fn quantities(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let q = Params::parse(raw.as_deref(), &["dyad", "unit", "measure", "limit"])?;
    let filter = quantity_filter(&q)?;
    let limit = filter.limit;
    let items = st.pool.run(move |s| s.quantities(&filter)).await?;
    to_json(json!({"limit": limit, "items": items}))
}

async fn actors(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    let q = Params::parse(raw.as_deref(), &["top", "partner"])?;
    let top = q.number("top", 20, 1, MAX_LIMIT)?;
    let partner = q.actor("partner")?;
    let items = st
        .pool
        .run(move |s| s.actors(top, partner.as_deref()))
        .await?;
    to_json(json!({"items": items}))
}

async fn stats(State(st): State<AppState>, RawQuery(raw): RawQuery) -> ApiResult {
    Params::parse(raw.as_deref(), &[])?;
    to_json(st.pool.run(|s| s.stats()).await?)
}
