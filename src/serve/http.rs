//! The HTTP side of `serve`: axum with tower-http's `ServeDir` over the built folder.
//!
//! In front of it, a guard answers only for the server's own `Host` (a page on another
//! site that rebinds its DNS name to 127.0.0.1 gets 403), only `GET` and `HEAD`, and
//! refuses any path that could leave the output (`..`, `\`, drive letters, NUL, `//`)
//! before `ServeDir` sees it. Behind it, HTML gets the live-reload script (and the error
//! overlay while a rebuild fails), text types get `charset=utf-8`, and misses get the
//! site's own 404 page in the language of the URL, with status 404.

use crate::msg;
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tower_http::services::ServeDir;

use super::live::{Live, Message, PREFIX};

/// What the handlers need to know.
pub struct AppState {
    /// The folder served at `/`; the site is below it at the base path.
    pub www: PathBuf,
    /// `/` or `/renze/`.
    pub base_path: String,
    /// URL prefixes of the languages other than the default (`en/`).
    pub lang_prefixes: Vec<String>,
    /// `Host` values this server answers for.
    pub hosts: Vec<String>,
    /// `true` when bound to a wildcard address: any IP literal with our port is ours.
    pub any_ip_host: bool,
    /// The port, for the wildcard rule.
    pub port: u16,
    /// The last rebuild, and the event stream.
    pub live: Arc<Live>,
}

/// The application: serve's own URLs, the built site, and the guards around them.
pub fn router(state: Arc<AppState>) -> Router {
    let base = state.base_path.clone();
    let fallback_state = Arc::clone(&state);
    let not_found = tower::service_fn(move |req: Request| {
        let st = Arc::clone(&fallback_state);
        async move { Ok::<_, Infallible>(not_found(&st, req.uri().path())) }
    });
    let files = ServeDir::new(&state.www)
        .append_index_html_on_directories(true)
        .fallback(not_found);
    let mut app = Router::new()
        .route(&format!("{base}{PREFIX}live-reload.js"), get(script))
        .route(&format!("{base}{PREFIX}events"), get(events));
    if base != "/" {
        app = app.route("/", get(move || async move { Redirect::temporary(&base) }));
    }
    app.fallback_service(files)
        .layer(middleware::from_fn_with_state(Arc::clone(&state), inject))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), guard))
        .with_state(state)
}

/// Host, method and path checks; no caching (every response is fresh while editing).
async fn guard(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    if !host_allowed(&st, host) {
        let text = msg!(
            "serve-host-refused",
            host = st.hosts.first().map_or("", String::as_str),
            refused = host
        );
        return plain(StatusCode::FORBIDDEN, format!("{text}\n"));
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n".into());
    }
    match path_problem(req.uri().path()) {
        Some(PathProblem::Unsafe) => return plain(StatusCode::BAD_REQUEST, "bad path\n".into()),
        Some(PathProblem::Hidden) => return not_found(&st, req.uri().path()),
        None => {}
    }
    let mut res = next.run(req).await;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

fn host_allowed(st: &AppState, host: &str) -> bool {
    if st.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return true;
    }
    if !st.any_ip_host {
        return false;
    }
    let Some((ip, port)) = host.rsplit_once(':') else {
        return false;
    };
    let ip = ip.trim_start_matches('[').trim_end_matches(']');
    port == st.port.to_string() && ip.parse::<std::net::IpAddr>().is_ok()
}

/// Why a request path is refused.
#[derive(Debug, PartialEq, Eq)]
enum PathProblem {
    /// It could name something outside the output.
    Unsafe,
    /// A hidden file or folder (staging folders, temporary files): never served.
    Hidden,
}

fn path_problem(raw: &str) -> Option<PathProblem> {
    let Some(decoded) = percent_decode(raw) else {
        return Some(PathProblem::Unsafe);
    };
    if !decoded.starts_with('/') || decoded.starts_with("//") {
        return Some(PathProblem::Unsafe);
    }
    if decoded.contains(['\\', '\0']) {
        return Some(PathProblem::Unsafe);
    }
    let segments = decoded.split('/').skip(1);
    for seg in segments {
        if seg == ".." || seg == "." || seg.contains(':') {
            return Some(PathProblem::Unsafe);
        }
        if seg.starts_with('.') {
            return Some(PathProblem::Hidden);
        }
    }
    None
}

/// Percent-decodes a path; `None` when it is not valid UTF-8 after decoding.
fn percent_decode(s: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    Some(decoded.into_owned())
}

/// Adds `charset=utf-8` to text types and injects the live-reload snippet into HTML.
async fn inject(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let head = req.method() == Method::HEAD;
    let mut res = next.run(req).await;
    let html = add_charset(res.headers_mut());
    let whole = matches!(res.status(), StatusCode::OK | StatusCode::NOT_FOUND);
    if !html || !whole {
        return res;
    }
    let snippet = st.live.snippet(&st.base_path);
    let (mut parts, body) = res.into_parts();
    if head {
        let len = parts
            .headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if let Some(len) = len {
            parts
                .headers
                .insert(header::CONTENT_LENGTH, (len + snippet.len()).into());
        }
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, 256 * 1024 * 1024).await else {
        let text = msg!("serve-page-unreadable");
        return plain(StatusCode::INTERNAL_SERVER_ERROR, format!("{text}\n"));
    };
    let page = insert_before_body_end(&bytes, &snippet);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, page.len().into());
    Response::from_parts(parts, Body::from(page))
}

/// Appends `; charset=utf-8` to text, JavaScript, JSON, SVG and XML types; returns true
/// for HTML.
fn add_charset(headers: &mut HeaderMap) -> bool {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let lower = ct.to_ascii_lowercase();
    let html = lower.starts_with("text/html");
    let textual = lower.starts_with("text/")
        || ["javascript", "json", "svg", "xml"]
            .iter()
            .any(|t| lower.contains(t));
    if textual
        && !lower.contains("charset")
        && let Ok(v) = HeaderValue::from_str(&format!("{ct}; charset=utf-8"))
    {
        headers.insert(header::CONTENT_TYPE, v);
    }
    html
}

fn insert_before_body_end(page: &[u8], snippet: &str) -> Vec<u8> {
    let lower = page.to_ascii_lowercase();
    let at = lower
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + snippet.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// The site's 404 page for the URL's language, with status 404.
fn not_found(st: &AppState, path: &str) -> Response {
    let rest = path.strip_prefix(st.base_path.as_str()).unwrap_or("");
    let prefix = st
        .lang_prefixes
        .iter()
        .find(|p| rest.starts_with(p.as_str()))
        .map_or("", String::as_str);
    let site = st.www.join(st.base_path.trim_start_matches('/'));
    let page = std::fs::read(site.join(format!("{prefix}404.html")))
        .or_else(|_| std::fs::read(site.join("404.html")))
        .unwrap_or_else(|_| not_built().into_bytes());
    let mut res = (StatusCode::NOT_FOUND, page).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
    res
}

/// Shown when the site has no 404 page yet (the first build failed).
fn not_built() -> String {
    let lang = match crate::messages::current() {
        crate::messages::Lang::Zh => "zh-CN",
        crate::messages::Lang::En => "en",
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>profilegen serve</title></head><body><p>{}</p></body></html>",
        msg!("serve-not-built")
    )
}

fn plain(status: StatusCode, msg: String) -> Response {
    let mut res = (status, msg).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

async fn script() -> Response {
    let mut res = super::live::script().into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    res
}

/// The event stream; refused when the page asking is from another origin.
async fn events(State(st): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("");
        let host = origin.strip_prefix("http://").unwrap_or("\u{0}");
        if !host_allowed(&st, host) {
            let text = msg!("serve-origin-refused", origin = origin);
            return plain(StatusCode::FORBIDDEN, format!("{text}\n"));
        }
    }
    let hello = st.live.hello();
    let rx = st.live.subscribe();
    let first = futures_util::stream::once(async move { Ok::<_, Infallible>(event(&hello)) });
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(m) => return Some((Ok::<_, Infallible>(event(&m)), rx)),
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(_) => return None,
            }
        }
    });
    use futures_util::StreamExt;
    Sse::new(first.chain(rest))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn event(m: &Message) -> Event {
    let data = serde_json::to_string(m).unwrap_or_else(|_| "{}".to_owned());
    Event::default().event(m.event).data(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_paths_are_refused() {
        let cases = [
            ("/tech/", None),
            ("/%E7%A7%91/", None),
            ("/../x", Some(PathProblem::Unsafe)),
            ("/%2e%2e/x", Some(PathProblem::Unsafe)),
            ("/%2e%2e%2fx", Some(PathProblem::Unsafe)),
            ("/..%5cx", Some(PathProblem::Unsafe)),
            ("//etc/hostname", Some(PathProblem::Unsafe)),
            ("/c:/x", Some(PathProblem::Unsafe)),
            ("/%00", Some(PathProblem::Unsafe)),
            ("/%ff", Some(PathProblem::Unsafe)),
            ("/.profilegen-output", Some(PathProblem::Hidden)),
        ];
        for (path, want) in cases {
            assert_eq!(path_problem(path), want, "{path}");
        }
    }

    #[test]
    fn snippet_goes_before_the_last_body_end() {
        let out = insert_before_body_end(b"<p>&lt;/body&gt;</p></BODY></html>", "<s>");
        assert_eq!(out, b"<p>&lt;/body&gt;</p><s></BODY></html>");
        assert_eq!(insert_before_body_end(b"<p>", "<s>"), b"<p><s>");
    }
}
