//! `dyad serve`: a JSON API (documented by the OpenAPI file served at `/openapi.json`) and a
//! server-rendered dashboard over one dyad store (SPEC §5).
//!
//! - **Safe by default.** [`Config::default`] binds loopback only; request bodies over
//!   [`BODY_LIMIT`] bytes are refused with 413; every bad query parameter is a 400 with a JSON
//!   message (an HTML page for the dashboard), never a 500; everything shown from articles is
//!   HTML-escaped by one function, [`html::escape`].
//! - **SQLite off the async threads.** Queries run on tokio's blocking threads through a small
//!   pool of open stores ([`pool::StorePool`]): at most [`Config::workers`] queries at once, each
//!   on a connection kept open between requests.
//! - **No JavaScript build.** Pages are plain HTML with the timeline chart inlined as SVG.
//!
//! Tests bind [`router`] to a random loopback port; the CLI calls [`serve`].

pub mod api;
pub mod compose;
pub mod highlight;
pub mod html;
pub mod params;
pub mod pool;

use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use api::ApiError;
pub use pool::StorePool;

/// Largest request body accepted, in bytes. The API reads no bodies and the explain form posts
/// one sentence, so anything bigger is a mistake or abuse.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The OpenAPI 3 description of the JSON API, as served at `/openapi.json`.
pub const OPENAPI: &str = include_str!("../openapi.json");

/// What can stop the server from starting or running.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] dyad_store::StoreError),
    /// The address could not be bound.
    #[error(
        "cannot listen on {addr}: {reason} (is another server using the port? try another --addr)"
    )]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// The operating system's reason (in the message, not a separate cause, so it is
        /// printed once).
        reason: std::io::Error,
    },
    /// The server failed while running.
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// How to serve a store.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store file; it must exist (`dyad ingest` makes it).
    pub db: PathBuf,
    /// Where to listen. Loopback by default: the dashboard has no authentication.
    pub addr: SocketAddr,
    /// Most store queries running at once (and store connections kept open).
    pub workers: usize,
    /// The event coder `/explain` uses; `None` loads the built-in dictionaries on first use.
    pub coder: Option<&'static dyad_code::Coder>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            db: PathBuf::from("dyad.db"),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            workers: 4,
            coder: None,
        }
    }
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Open stores to run queries on.
    pub pool: Arc<StorePool>,
    /// The event coder for `/explain`; `None` loads the built-in dictionaries on first use.
    pub coder: Option<&'static dyad_code::Coder>,
}

impl AppState {
    /// State for a store, checking now that it opens so a wrong path fails at start-up rather
    /// than on the first request.
    pub fn open(config: &Config) -> Result<AppState, ServeError> {
        let pool = StorePool::open(&config.db, config.workers)?;
        Ok(AppState {
            pool: Arc::new(pool),
            coder: config.coder,
        })
    }

    /// The coder `/explain` uses.
    pub fn coder(&self) -> Result<&'static dyad_code::Coder, String> {
        match self.coder {
            Some(c) => Ok(c),
            None => dyad_code::Coder::builtin().map_err(|e| e.to_string()),
        }
    }
}

/// Every route: the JSON API under `/api/`, `/openapi.json`, and the dashboard pages.
pub fn router(state: AppState) -> Router {
    api::routes()
        .merge(html::routes())
        .fallback(html::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .with_state(state)
}

/// The Content-Security-Policy of every response: no scripts, no external resources, styles
/// only inline, forms only to this server.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Defence in depth behind the escaping: even if some article text slipped through unescaped,
/// the browser would run no script from it and load nothing from elsewhere.
async fn security_headers(mut resp: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    resp
}

/// Binds `config.addr` and serves until Ctrl-C, printing the address it listens on.
pub async fn serve(config: Config) -> Result<(), ServeError> {
    let state = AppState::open(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|reason| ServeError::Bind {
            addr: config.addr,
            reason,
        })?;
    let local = listener.local_addr()?;
    println!("dyad serve: http://{local}/ (API at /api/, spec at /openapi.json); Ctrl-C stops");
    if !local.ip().is_loopback() {
        eprintln!(
            "warning: listening on {local}, reachable from other machines; the dashboard has no authentication"
        );
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

/// Resolves on Ctrl-C, or SIGTERM on Unix (what service managers and `kill` send), so
/// requests in flight finish before the process exits.
async fn shutdown() {
    let ctrl_c = async {
        // Without a handler (unusual platforms) this side never fires; the server runs on.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Runs [`serve`] on a new multi-threaded tokio runtime, for callers without one (the CLI).
pub fn serve_blocking(config: Config) -> Result<(), ServeError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(serve(config))
}
