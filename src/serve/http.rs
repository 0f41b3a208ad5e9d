//! The preview's HTTP side: the built site from memory, a reload channel, an error overlay,
//! and the note panel's endpoints (`aids`).
//! Only files of the built site are served; no request path reaches anything else.

use super::{aids, Preview, Shared, Signal, Wanted};
use crate::pipeline::output::Contents;
use crate::pipeline::search;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::{Stream, StreamExt};
use tower_http::set_header::SetResponseHeaderLayer;

/// The reload channel's path; it cannot collide with a page, whose paths end in `/` or a file.
pub const EVENTS_PATH: &str = "/__hashiya/events";

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(aids::ANCHOR_PATH, get(aids::anchor))
        .route(aids::TERM_PATH, get(aids::term))
        .fallback(get(page))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            known_hosts_only,
        ))
        .with_state(shared)
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// How long a client may take to send a request's headers before its connection is closed: a
/// connection that never finishes them would otherwise be held open for ever.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long Ctrl-C waits for the requests under way.
const SHUTDOWN_GRACE: Duration = Duration::from_millis(500);

/// Serves `router` on `listener` until `shutdown` completes, then lets the requests under way
/// finish. `axum::serve` sets no timer, so hyper would wait for request headers for ever.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors, say: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT)
            .serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
    // A client that never finishes its headers would hold the stop for the header timeout:
    // requests under way get a moment, not more.
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
    Ok(())
}

/// Which `Host` a request may name. A web page whose name an attacker points at 127.0.0.1 (DNS
/// rebinding) sends its own name, and so could otherwise read the preview, drafts included.
#[derive(Debug, Clone)]
pub enum AllowedHosts {
    /// `--bind` opened the preview to other machines: they may call it by any name.
    Any,
    /// The names of the loopback address it listens on.
    Loopback(Vec<String>),
}

impl AllowedHosts {
    pub fn for_address(bind: std::net::IpAddr) -> AllowedHosts {
        if !bind.is_loopback() {
            return AllowedHosts::Any;
        }
        let address = match bind {
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
            v4 => v4.to_string(),
        };
        AllowedHosts::Loopback(
            ["localhost", "127.0.0.1", "[::1]", &address]
                .iter()
                .map(|s| s.to_string())
                .collect(),
        )
    }

    /// Whether a `Host` header (a name, an IPv4 address or a bracketed IPv6 one, with or
    /// without a port) is allowed. A request without one (HTTP/1.0) is.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let (AllowedHosts::Loopback(names), Some(host)) = (self, host) else {
            return true;
        };
        let name = match host.rsplit_once(':') {
            Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
                name
            }
            _ => host,
        };
        let name = name.trim_end_matches('.');
        names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }
}

async fn known_hosts_only(
    State(shared): State<Arc<Shared>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if shared.hosts.allows(host) {
        next.run(request).await
    } else {
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "hashiya's preview answers only to localhost and 127.0.0.1 (serve --bind opens it to other names)\n",
        )
            .into_response()
    }
}

/// The reload channel: first the version of the site now served, then a signal per build.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // Subscribed before the version is read: a build published in between is signalled, not
    // lost.
    let signals = BroadcastStream::new(shared.signals.subscribe())
        .take_while(|signal| !matches!(signal, Ok(Signal::Stop)))
        .filter_map(|signal| {
            let event = match signal.ok()? {
                Signal::Reload => Event::default().event("reload").data("reload"),
                Signal::Error(message) => Event::default().event("error").data(message),
                Signal::Stop => return None,
            };
            Some(Ok(event))
        });
    let version = shared
        .preview
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .version;
    let hello = Event::default().event("version").data(version.to_string());
    Sse::new(tokio_stream::once(Ok(hello)).chain(signals)).keep_alive(KeepAlive::default())
}

async fn page(State(shared): State<Arc<Shared>>, request: axum::extract::Request) -> Response {
    let mut response = respond(&shared, request).await;
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    response
}

/// What a request is answered from: the last build published, or, while the first build
/// renders the site, the pages that the request's path names, rendered for it. A request made
/// before the first build can render anything waits until it can.
async fn preview_for(shared: &Shared, raw_path: &str) -> Preview {
    loop {
        // Watched before the preview is read: a change in between is not missed.
        let mut changes = shared.changes.subscribe();
        let (preview, answering) = {
            let preview = shared
                .preview
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if !preview.before_first_build() {
                return preview.clone();
            }
            (preview.clone(), preview.answering.clone())
        };
        if let (Some(answering), Some(key)) = (answering, output_key(&preview, raw_path)) {
            let (reply, answer) = tokio::sync::oneshot::channel();
            if answering.send(Wanted { key, reply }).is_ok() {
                if let Ok(output) = answer.await {
                    return Preview {
                        output: Some(Arc::new(output)),
                        ..preview
                    };
                }
            }
        }
        if changes.changed().await.is_err() {
            return preview;
        }
    }
}

async fn respond(shared: &Shared, request: axum::extract::Request) -> Response {
    let preview = preview_for(shared, request.uri().path()).await;
    let resolved = resolve(&preview, &shared.root, request.uri().path());
    let file = match resolved {
        Resolved::OnDisk { path, content_type } if !content_type.starts_with("text/html") => {
            return stream_file(path, content_type, request).await;
        }
        // A page copied as it is gets the reload script as the others do: it is read whole.
        Resolved::OnDisk { path, content_type } => {
            std::fs::read(path).ok().map(|bytes| (bytes, content_type))
        }
        Resolved::File {
            bytes,
            content_type,
        } => Some((bytes, content_type)),
        Resolved::Redirect(location) => {
            return (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        Resolved::NotFound => None,
    };
    match file {
        Some((bytes, content_type)) => {
            let (bytes, content_type) = if content_type.starts_with("text/html") {
                match String::from_utf8(bytes) {
                    Ok(html) => (inject_text(html, &preview), content_type),
                    // Served as it is (see `inject`), and without a charset: one would
                    // override the encoding its `<meta charset>` names.
                    Err(not_utf8) => (not_utf8.into_bytes(), "text/html"),
                }
            } else {
                (bytes, content_type)
            };
            ([(header::CONTENT_TYPE, content_type)], Body::from(bytes)).into_response()
        }
        None if preview.output.is_none() => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            inject(no_site_yet(), &preview),
        )
            .into_response(),
        None => {
            let page = preview
                .output
                .as_ref()
                .and_then(|o| o.files.get("404.html"))
                .and_then(|c| match c {
                    Contents::Page(html) => Some(html.to_vec()),
                    _ => None,
                })
                .unwrap_or_else(|| b"<!DOCTYPE html><title>404</title><p>404</p>".to_vec());
            let body = inject(page, &preview);
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response()
        }
    }
}

/// A file copied as it is (from `static/`, beside the content, the theme): streamed from disk,
/// with byte ranges (`Range: bytes=…` gets 206, or 416 past its end), not read whole.
async fn stream_file(
    path: PathBuf,
    content_type: &'static str,
    request: axum::extract::Request,
) -> Response {
    match tower_http::services::ServeFile::new(path)
        .try_call(request)
        .await
    {
        Ok(response) => {
            let mut response = response.map(Body::new);
            if response.status().is_success() {
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            }
            response
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// No other site may show the preview in a frame (to trick an editor into clicking in it).
/// Nothing else is restricted: the preview shows the site as `build` writes it, so whatever its
/// templates load or run (inline scripts, fonts and styles from elsewhere) works as it will on
/// the web host. Content cannot add scripts of its own unless `markdown.raw_html: allow` says
/// it may: the build sanitises it.
const CONTENT_SECURITY_POLICY: &str = "frame-ancestors 'self'";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    File {
        bytes: Vec<u8>,
        content_type: &'static str,
    },
    /// A file copied as it is, served from where it lies.
    OnDisk {
        path: PathBuf,
        content_type: &'static str,
    },
    Redirect(String),
    NotFound,
}

/// Finds what a request path names in the built site. Anything that is not a file of the site
/// — `..`, encoded or not, backslashes, a symlink out of the site — is not found.
pub fn resolve(preview: &Preview, root: &Path, raw_path: &str) -> Resolved {
    let Some(output) = &preview.output else {
        return Resolved::NotFound;
    };
    let Some(key) = output_key(preview, raw_path) else {
        return Resolved::NotFound;
    };
    // The search index's other files are made on request, beside its first.
    let search_file = || {
        let (dir, _) = search::INDEX_PATH.rsplit_once('/')?;
        let rest = key.strip_prefix(dir)?.strip_prefix('/')?;
        match output.files.get(search::INDEX_PATH)? {
            Contents::SearchIndex(input) => input.file(rest),
            _ => None,
        }
    };
    let contents = output.files.get(&key);
    if let Some(bytes) = contents.is_none().then(search_file).flatten() {
        return Resolved::File {
            bytes,
            content_type: content_type(&key),
        };
    }
    match contents {
        Some(Contents::Copy(source)) => match on_disk(source, root) {
            Some(path) => Resolved::OnDisk {
                path,
                content_type: content_type(&key),
            },
            None => Resolved::NotFound,
        },
        Some(contents) => match read(contents) {
            Some(bytes) => Resolved::File {
                bytes,
                content_type: content_type(&key),
            },
            None => Resolved::NotFound,
        },
        None if output.files.contains_key(&format!("{key}/index.html")) => {
            Resolved::Redirect(format!("{raw_path}/"))
        }
        None => Resolved::NotFound,
    }
}

/// The path in the output of the file a request path names (`articles/x/index.html` for
/// `/articles/x/`), if it can name one.
pub(super) fn output_key(preview: &Preview, raw_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw_path)
        .decode_utf8()
        .ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let inside = decoded
        .strip_prefix(preview.base_path.as_str())
        .or_else(|| {
            // The base path without its final slash names the home page.
            (decoded.as_ref() == preview.base_path.trim_end_matches('/')).then_some("")
        })?;
    let segments: Vec<&str> = inside.split('/').collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") || inside.starts_with('/') {
        return None;
    }
    Some(if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    })
}

fn read(contents: &Contents) -> Option<Vec<u8>> {
    match contents {
        Contents::Page(html) => Some(html.to_vec()),
        Contents::Embedded(bytes) => Some(bytes.to_vec()),
        Contents::SearchIndex(input) => input.file("index.json"),
        Contents::Copy(_) => None,
    }
}

/// Where a copied file lies, if it really lives in the directory it was found in (static/,
/// content/, the theme's) and in the site, as when it was found: a link made since, or a
/// source directory that is itself a link out, is refused.
fn on_disk(source: &Path, root: &Path) -> Option<PathBuf> {
    let site = root.canonicalize().ok()?;
    let top = root.join(source.components().next()?).canonicalize().ok()?;
    let path = root.join(source).canonicalize().ok()?;
    (path.starts_with(&site) && path.starts_with(&top) && path.is_file()).then_some(path)
}

fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "gz" => "application/gzip",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" | "m4v" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "ogg" | "oga" => "audio/ogg",
        _ => "application/octet-stream",
    }
}

/// The reload script, the note panel, and the overlay when the last build failed. Preview
/// only: `build` output never contains them. A page that is not UTF-8 is served as it is,
/// without them: text added to it could not be read in its own encoding.
fn inject(html: Vec<u8>, preview: &Preview) -> Vec<u8> {
    match String::from_utf8(html) {
        Ok(html) => inject_text(html, preview),
        Err(not_utf8) => not_utf8.into_bytes(),
    }
}

/// `inject` for a page known to be UTF-8.
fn inject_text(mut html: String, preview: &Preview) -> Vec<u8> {
    // Before any build succeeded there is no last good version to speak of.
    let heading = if preview.output.is_some() {
        OVERLAY_HEADING
    } else {
        OVERLAY_HEADING_NO_SITE
    };
    let mut addition = String::new();
    if let Some(error) = &preview.error {
        addition.push_str(&overlay(error, heading));
    }
    let script = RELOAD_SCRIPT
        .replace("EVENTS_PATH", EVENTS_PATH)
        .replace("OVERLAY_STYLE", OVERLAY_STYLE)
        .replace("OVERLAY_HEADING", heading)
        .replace("PRE_STYLE", PRE_STYLE)
        .replace("SERVED_VERSION", &preview.version.to_string());
    addition.push_str(&format!("<script>{script}</script>"));
    addition.push_str(&aids::panel());
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &addition),
        None => html.push_str(&addition),
    }
    html.into_bytes()
}

fn overlay(error: &str, heading: &str) -> String {
    format!(
        "<div id=\"hashiya-error\" role=\"alert\" style=\"{OVERLAY_STYLE}\"><strong dir=\"rtl\" lang=\"ar\" style=\"display:block\">{heading}</strong><pre dir=\"ltr\" lang=\"en\" style=\"{PRE_STYLE}\">{}</pre></div>",
        crate::pipeline::annotate::html_escape(error)
    )
}

/// What every path shows while the site has never built: the error, and a way back.
fn no_site_yet() -> Vec<u8> {
    "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>تعذّر بناء الموقع</title></head><body><h1>تعذّر بناء الموقع</h1><p>لم يُبنَ الموقع بعد: أصلح الخطأ المعروض أدناه واحفظ الملف، فتُحدَّث الصفحة من تلقاء نفسها.</p></body></html>"
        .as_bytes()
        .to_vec()
}

const OVERLAY_HEADING: &str = "فشل البناء الأخير؛ هذه آخر نسخة سليمة من الصفحة.";

const OVERLAY_HEADING_NO_SITE: &str = "فشل بناء الموقع؛ أصلح الخطأ واحفظ الملف.";

/// The theme styles `pre` (a light background): the overlay's own text keeps its colours.
const PRE_STYLE: &str = "white-space:pre-wrap;margin:.5em 0 0;padding:0;border:0;background:transparent;color:inherit;font:inherit;text-align:left";

const OVERLAY_STYLE: &str = "position:fixed;inset:auto 1rem 1rem 1rem;z-index:2147483647;max-height:60vh;overflow:auto;background:#2b0b0b;color:#ffe9e9;border:2px solid #ff6b6b;border-radius:8px;padding:1rem;font:14px/1.5 ui-monospace,monospace;text-align:left";

const RELOAD_SCRIPT: &str = r#"(function(){
var source=new EventSource("EVENTS_PATH");
source.addEventListener("version",function(e){if(e.data!=="SERVED_VERSION")location.reload();});
source.addEventListener("reload",function(){location.reload();});
source.addEventListener("error",function(e){
  if(!e.data)return;
  var box=document.getElementById("hashiya-error");
  if(!box){box=document.createElement("div");box.id="hashiya-error";box.setAttribute("role","alert");document.body.appendChild(box);}
  box.setAttribute("style","OVERLAY_STYLE");
  box.textContent="";
  var head=document.createElement("strong");head.textContent="OVERLAY_HEADING";head.dir="rtl";head.lang="ar";head.style.display="block";
  var pre=document.createElement("pre");pre.setAttribute("style","PRE_STYLE");pre.dir="ltr";pre.lang="en";pre.textContent=e.data;
  box.appendChild(head);box.appendChild(pre);
});
})();"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::output::SiteOutput;

    fn preview() -> Preview {
        let mut output = SiteOutput::default();
        output.files.insert(
            "index.html".into(),
            Contents::Page(std::sync::Arc::new(b"<body>home</body>".to_vec())),
        );
        output.files.insert(
            "a/index.html".into(),
            Contents::Page(std::sync::Arc::new(b"<body>a</body>".to_vec())),
        );
        output
            .files
            .insert("theme/style.css".into(), Contents::Embedded(b"body{}"));
        Preview {
            output: Some(std::sync::Arc::new(output)),
            error: None,
            base_path: "/".into(),
            version: 1,
            ..Preview::default()
        }
    }

    #[test]
    fn resolves_pages_and_refuses_escapes() {
        let p = preview();
        let root = Path::new(".");
        assert!(matches!(resolve(&p, root, "/"), Resolved::File { .. }));
        assert!(matches!(resolve(&p, root, "/a/"), Resolved::File { .. }));
        assert_eq!(resolve(&p, root, "/a"), Resolved::Redirect("/a/".into()));
        assert!(matches!(
            resolve(&p, root, "/theme/style.css"),
            Resolved::File {
                content_type: "text/css; charset=utf-8",
                ..
            }
        ));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/..%2f..%2fetc",
            "/a%5c..%5cx",
            "//etc/passwd",
            "/./index.html",
            "/%00",
        ] {
            assert_eq!(resolve(&p, root, bad), Resolved::NotFound, "{bad}");
        }
    }
}
