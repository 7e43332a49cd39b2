//! `dossier serve`: a local, read-only web interface on the database, for analysts, offline.
//!
//! A small HTTP/1.1 server on the standard library (no async runtime, no new dependencies):
//! one thread per connection (at most [`MAX_CONNECTIONS`] at once), one request per
//! connection, GET and HEAD only. Every page is rendered on the server as HTML with inline CSS
//! and inline SVG: no script, no external font, stylesheet or CDN, readable with JavaScript
//! off. Everything taken from the database is escaped; a Content-Security-Policy that allows no
//! script at all is sent as a second line of defence.
//!
//! Routes (ids and sources are looked up in the database, never used as paths):
//!
//! | route | what |
//! |---|---|
//! | `/` or `/timeline` | events on a time axis; `year`, `month` zoom; `entity`, `from`, `to`, `place`, `type` filter |
//! | `/events/{id}` | one event: facts, each source's evidence highlighted in its clean text, conflicts |
//! | `/entities/{id}` | names by script, roles over time, events, network of co-participants |
//! | `/documents` | every document: source, language, publication date, title |
//! | `/documents/{source}` | clean text with dates and names marked; removed boilerplate on demand |
//! | `/search?q=` | full-text search with marked snippets |
//! | `/api/...` | the same as JSON: `events`, `events/{id}`, `entities`, `entities/{id}`, `documents`, `documents/{source}`, `search?q=` |

mod api;
mod data;
mod html;
mod http;
mod pages;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

pub use http::Response;

/// Connections served at once; further ones wait to be accepted.
pub const MAX_CONNECTIONS: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("database {0}: no such file (build it first with `dossier build --db {0} INPUT...`)")]
    NoDatabase(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: String, source: std::io::Error },
    #[error("server: {0}")]
    Io(#[from] std::io::Error),
}

/// What every request reads: the database path and the corpus loaded from it (reloaded when
/// the database's corpus changes).
pub struct State {
    pub(crate) db: PathBuf,
    cache: std::sync::Mutex<Option<(String, Arc<data::Loaded>)>>,
}

impl State {
    pub fn new(db: &Path) -> State {
        State { db: db.to_path_buf(), cache: std::sync::Mutex::new(None) }
    }
}

/// A bound server; [`Server::run`] serves until the process ends.
pub struct Server {
    listener: TcpListener,
    state: Arc<State>,
}

impl Server {
    /// Checks the database can be read and binds `addr` (use port 0 for any free port).
    pub fn bind(db: &Path, addr: &str) -> Result<Server, ServeError> {
        if !db.is_file() {
            return Err(ServeError::NoDatabase(db.display().to_string()));
        }
        let state = Arc::new(State::new(db));
        data::load(&state)?;
        let listener = TcpListener::bind(addr).map_err(|source| ServeError::Bind { addr: addr.to_string(), source })?;
        Ok(Server { listener, state })
    }

    pub fn local_addr(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// Accepts connections until the process ends. At most [`MAX_CONNECTIONS`] are served at
    /// once; further ones wait in the listen queue until a thread is free.
    pub fn run(self) -> Result<(), ServeError> {
        let slots = Arc::new((Mutex::new(0usize), Condvar::new()));
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else { continue };
            {
                let (count, freed) = &*slots;
                let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
                while *n >= MAX_CONNECTIONS {
                    n = freed.wait(n).unwrap_or_else(|e| e.into_inner());
                }
                *n += 1;
            }
            let release = {
                let slots = Arc::clone(&slots);
                move || {
                    let (count, freed) = &*slots;
                    let mut n = count.lock().unwrap_or_else(|e| e.into_inner());
                    *n = n.saturating_sub(1);
                    freed.notify_one();
                }
            };
            let state = Arc::clone(&self.state);
            let inner = release.clone();
            let spawned = std::thread::Builder::new().name("dossier-serve".into()).spawn(move || {
                connection(&state, stream);
                inner();
            });
            if spawned.is_err() {
                // the closure, its stream and its release were dropped with the error
                release();
            }
        }
        Ok(())
    }
}

/// `dossier serve`: binds `addr`, says where on stderr, serves until killed.
pub fn run(db: &Path, addr: &str) -> Result<(), ServeError> {
    let server = Server::bind(db, addr)?;
    let local = server.local_addr()?;
    eprintln!("dossier: serving {} on http://{}/ (read-only; Ctrl-C to stop)", db.display(), local);
    server.run()
}

fn connection(state: &State, stream: TcpStream) {
    let timeout = Some(std::time::Duration::from_secs(10));
    let _ = stream.set_read_timeout(timeout);
    let _ = stream.set_write_timeout(timeout);
    let (response, head) = match http::read_request(&stream) {
        Ok(req) => {
            let head = req.method == "HEAD";
            (handle_safely(state, &req.method, &req.target), head)
        }
        Err(status) => (Response::text(status, "bad request\n"), false),
    };
    let _ = http::write_response(&stream, &response, head);
    http::linger(&stream);
}

/// [`handle`], with a panic (a bug) answered by a 500 instead of a dropped connection.
pub fn handle_safely(state: &State, method: &str, target: &str) -> Response {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| handle(state, method, target)))
        .unwrap_or_else(|_| Response::text(500, "internal error\n"))
}

/// Answers one request: `method` and the request target as sent ("/events/ev-1?x=y").
pub fn handle(state: &State, method: &str, target: &str) -> Response {
    if method != "GET" && method != "HEAD" {
        let mut r = Response::text(405, "read-only: GET and HEAD only\n");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return r;
    }
    let Some(req) = http::Target::parse(target) else {
        return Response::text(400, "bad request target\n");
    };
    if req.refused {
        return Response::text(400, "refused: path traversal or control characters in the request path\n");
    }
    let seg: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    let loaded = match data::load(state) {
        Ok(l) => l,
        Err(e) => return Response::text(500, &format!("database: {e}\n")),
    };
    let q = &req.query;
    match seg.as_slice() {
        [] | ["timeline"] => pages::timeline(&loaded, q),
        ["events", id] => pages::event(state, &loaded, id),
        ["entities", id] => pages::entity(&loaded, id),
        ["documents"] => pages::documents(&loaded),
        ["documents", rest @ ..] => pages::document(state, &loaded, &rest.join("/")),
        ["search"] => pages::search(state, q),
        ["api", "events"] => api::events(&loaded, q),
        ["api", "events", id] => api::event(&loaded, id),
        ["api", "entities"] => api::entities(&loaded),
        ["api", "entities", id] => api::entity(&loaded, id),
        ["api", "documents"] => api::documents(&loaded),
        ["api", "documents", rest @ ..] => api::document(state, &loaded, &rest.join("/")),
        ["api", "search"] => api::search(state, q),
        _ => pages::not_found("No such page."),
    }
}
