//! `hashiya serve` and `hashiya build --watch`: the same session as `build`, rebuilt on every
//! save. `serve` keeps the site in memory and tells open pages to reload; `--watch` writes it.

mod aids;
mod http;
mod watch;

pub use http::{resolve, Resolved};
pub use watch::Watcher;

use crate::{BuildOptions, RebuildReport, Session};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// What the server shows: the last good site, and the error of the last build if it failed.
#[derive(Default, Clone)]
pub struct Preview {
    pub output: Option<Arc<crate::pipeline::output::SiteOutput>>,
    /// The diagnostics of the failed build, as printed in the terminal.
    pub error: Option<String>,
    pub base_path: String,
    /// Counts the builds published. Each page carries the number it was served with and is
    /// told the current one when its reload channel connects: a save made between the page's
    /// load and that connection still reloads it.
    pub version: u64,
    /// The articles and glossary of the site served, which the writing aids read.
    pub sources: Option<Arc<crate::session::Sources>>,
    /// While the first build renders every page: where a page is asked for at once.
    pub answering: Option<std::sync::mpsc::Sender<Wanted>>,
}

impl Preview {
    /// Whether the first build is still running: neither a site nor an error to show yet.
    pub fn before_first_build(&self) -> bool {
        self.output.is_none() && self.error.is_none()
    }
}

/// A page asked for while the first build renders the site: the file's path in the output,
/// and where the output holding it goes (see `session::Answer`).
pub struct Wanted {
    pub key: String,
    pub reply: tokio::sync::oneshot::Sender<crate::pipeline::output::SiteOutput>,
}

/// A message to every open page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signal {
    Reload,
    Error(String),
    /// The server is stopping: reload channels close, so that it need not wait for them.
    Stop,
}

pub struct Shared {
    pub preview: RwLock<Preview>,
    /// Told each time `preview` changes, so that a request can wait for the first build.
    pub changes: tokio::sync::watch::Sender<u64>,
    pub root: PathBuf,
    pub signals: broadcast::Sender<Signal>,
    pub hosts: http::AllowedHosts,
}

/// mimalloc's `mi_option_purge_delay` (the enum of its `mimalloc.h`, v2 and v3 alike), which
/// its sys crate does not name.
const MIMALLOC_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Lets freed memory stay with the process for ten seconds (mimalloc's default: 10 ms) before
/// it goes back to the system. A rebuild frees and allocates again about what the last one
/// did, and taking it back from the system page by page cost a rebuild of 10,000 articles a
/// fifth of its time when saves came in a burst, and two fifths when they came a second apart
/// (with a delay of one second, the memory had just gone back); an editor saves every few
/// seconds. An idle preview still gives it back. The batch build keeps the default,
/// which holds its peak memory lower. Has no effect unless mimalloc is the global allocator,
/// as in the `hashiya` binary.
#[allow(unsafe_code)]
pub fn keep_freed_memory_between_rebuilds() {
    // SAFETY: sets one of mimalloc's options, for which any value is valid; called before the
    // threads that allocate are started.
    unsafe { libmimalloc_sys::mi_option_set(MIMALLOC_PURGE_DELAY, 10_000) }
}

/// Serves the site until Ctrl-C. Content errors never stop it. The server listens at once; the
/// first build runs beside it, and a page asked for before that build is done is rendered as
/// soon as the site's index is ready, the same page the build is making.
pub fn serve(options: ServeOptions) -> std::io::Result<()> {
    keep_freed_memory_between_rebuilds();
    let session = Session::new(options.build.clone());
    // Watching starts before the first build, so a save made while it runs, or right after the
    // URL is printed, is never missed.
    let watcher = Watcher::new(&options.build.root).map_err(std::io::Error::other)?;
    let (signals, _) = broadcast::channel(16);
    let shared = Arc::new(Shared {
        preview: RwLock::new(Preview {
            base_path: configured_base_path(&options.build.root),
            ..Preview::default()
        }),
        changes: tokio::sync::watch::Sender::new(0),
        root: options.build.root.clone(),
        signals,
        hosts: http::AllowedHosts::for_address(options.bind),
    });

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let address = SocketAddr::new(options.bind, options.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|err| match err.kind() {
                std::io::ErrorKind::AddrInUse => std::io::Error::new(
                    err.kind(),
                    format!(
                        "port {} is already in use on {}; choose another with `--port N`, or `--port 0` for any free one",
                        options.port, options.bind
                    ),
                ),
                _ => err,
            })?;
        let address = listener.local_addr()?;
        // A site that failed its first build has no base path yet: its URL is the root.
        let base_path = shared
            .preview
            .read()
            .map(|p| p.base_path.clone())
            .unwrap_or_else(|_| "/".into());
        let url = format!("http://{address}{base_path}");
        println!(
            "serving {} at {url} (Ctrl-C to stop)",
            options.build.root.display()
        );
        if options.open {
            open_browser(&url);
        }

        let watched = shared.clone();
        std::thread::spawn(move || {
            let mut session = session;
            let first =
                session.build_into(crate::Sink::KeepAnswering(&FirstBuild::new(&watched)));
            publish(
                &watched,
                &session,
                first.as_ref().map_err(|e| e.to_string()),
                &[],
            );
            rebuild_loop(watcher, session, |session, result, changed| {
                publish(&watched, session, result, changed)
            })
        });

        let stopping = shared.clone();
        http::serve(listener, http::router(shared.clone()), async move {
                let _ = tokio::signal::ctrl_c().await;
                // Open pages keep their reload channel open: close them, or the server would
                // wait for every tab to go away. A second Ctrl-C does not wait at all.
                let _ = stopping.signals.send(Signal::Stop);
                tokio::spawn(async {
                    let _ = tokio::signal::ctrl_c().await;
                    println!("stopped");
                    std::process::exit(130);
                });
                println!("stopped");
            })
            .await
    })
}

/// The path the site's URLs start with, from its settings (`/` when they cannot be read: the
/// first build then reports why).
fn configured_base_path(root: &std::path::Path) -> String {
    let config = crate::pipeline::load::read_text(
        root,
        std::path::Path::new(crate::pipeline::load::CONFIG_FILE),
    )
    .ok()
    .and_then(|file| crate::pipeline::frontmatter::parse_config(&file).ok());
    config.map_or_else(|| "/".to_string(), |c| c.base_path())
}

/// Answers the pages asked for while the first build renders the site.
struct FirstBuild<'a> {
    shared: &'a Shared,
    /// Made before the build, so that `stop` is heard even if it comes before `answer` runs.
    sender: std::sync::mpsc::Sender<Wanted>,
    requests: std::sync::Mutex<Option<std::sync::mpsc::Receiver<Wanted>>>,
}

impl<'a> FirstBuild<'a> {
    fn new(shared: &'a Shared) -> FirstBuild<'a> {
        let (sender, requests) = std::sync::mpsc::channel();
        FirstBuild {
            shared,
            sender,
            requests: std::sync::Mutex::new(Some(requests)),
        }
    }
}

impl crate::Answer for FirstBuild<'_> {
    fn answer(&self, pages: &(dyn Fn(&str) -> crate::pipeline::output::SiteOutput + Sync)) {
        let Some(requests) = self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        else {
            return;
        };
        {
            let mut preview = self
                .shared
                .preview
                .write()
                .unwrap_or_else(|p| p.into_inner());
            // The pages answered now are the first build's: they carry its version, so that
            // its publication reloads none of them.
            preview.version = 1;
            preview.answering = Some(self.sender.clone());
        }
        self.shared.changes.send_modify(|n| *n += 1);
        // An empty key is the signal to stop.
        while let Ok(wanted) = requests.recv() {
            if wanted.key.is_empty() {
                break;
            }
            let _ = wanted.reply.send(pages(&wanted.key));
        }
        self.shared
            .preview
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .answering = None;
    }

    fn stop(&self) {
        let (reply, _) = tokio::sync::oneshot::channel();
        let _ = self.sender.send(Wanted {
            key: String::new(),
            reply,
        });
    }
}

/// Builds once, writes, then rebuilds and rewrites on every change until Ctrl-C.
pub fn build_watch(options: BuildOptions) -> std::io::Result<()> {
    keep_freed_memory_between_rebuilds();
    let mut session = Session::new(options.clone());
    let mut watcher = Watcher::new(&options.root).map_err(std::io::Error::other)?;
    report_and_write(&session.build().map(|r| (r, &mut session)), &[]);
    println!("watching {} (Ctrl-C to stop)", options.root.display());
    while let Some(changed) = watcher.next_batch() {
        let result = session.rebuild(&changed);
        report_and_write(&result.map(|r| (r, &mut session)), &changed);
    }
    Ok(())
}

fn report_and_write(
    result: &Result<(RebuildReport, &mut Session), crate::diagnostics::Diagnostics>,
    changed: &[PathBuf],
) {
    match result {
        Ok((report, session)) => match session.write() {
            Ok(()) => print!(
                "{}",
                rebuild_line(report, changed, session.options().timings)
            ),
            Err(problems) => eprint!("{problems}"),
        },
        Err(problems) => {
            eprint!("{problems}");
            eprintln!(
                "build failed: {}; the previous output is unchanged",
                problems.summary()
            );
        }
    }
}

/// Waits for changes and rebuilds; `after` publishes each result.
fn rebuild_loop(
    mut watcher: Watcher,
    mut session: Session,
    after: impl Fn(&Session, Result<&RebuildReport, String>, &[PathBuf]),
) {
    while let Some(changed) = watcher.next_batch() {
        let result = session.rebuild(&changed);
        after(
            &session,
            result.as_ref().map_err(|e| e.to_string()),
            &changed,
        );
    }
}

/// Updates what the server shows after a build, prints its line, and signals open pages.
fn publish(
    shared: &Shared,
    session: &Session,
    result: Result<&RebuildReport, String>,
    changed: &[PathBuf],
) {
    let mut preview = shared
        .preview
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Pages answered while the first build ran are that build's: nothing to reload.
    let answered_first = preview.before_first_build() && preview.version == 1 && result.is_ok();
    if !answered_first {
        preview.version += 1;
    }
    let signal = match result {
        Ok(report) => {
            if !report.report.warnings.is_empty() {
                eprint!("{}", report.report.warnings);
            }
            print!(
                "{}",
                rebuild_line(report, changed, session.options().timings)
            );
            preview.output = session.output().cloned();
            preview.sources = session.sources().cloned();
            preview.error = None;
            preview.base_path = session.base_path().unwrap_or("/").to_string();
            Signal::Reload
        }
        Err(message) => {
            eprint!("{message}");
            if preview.output.is_some() {
                eprintln!("build failed: the last good site is still served");
            } else {
                eprintln!("build failed: the site will be served once the error is fixed");
            }
            preview.error = Some(message.clone());
            Signal::Error(message)
        }
    };
    drop(preview);
    shared.changes.send_modify(|n| *n += 1);
    if !answered_first {
        let _ = shared.signals.send(signal);
    }
}

/// The line a rebuild prints, with the stages' times under it if asked for.
fn rebuild_line(report: &RebuildReport, changed: &[PathBuf], timings: bool) -> String {
    let line = match changed {
        [] => report.report.summary_line(),
        [one] => format!("{} ({})", report.summary_line(), one.display()),
        [one, rest @ ..] => format!(
            "{} ({} and {} more)",
            report.summary_line(),
            one.display(),
            rest.len()
        ),
    };
    if timings {
        format!("{line}\n{}", report.report.stages_table())
    } else {
        format!("{line}\n")
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(err) = std::process::Command::new(opener).arg(url).spawn() {
        eprintln!("could not open a browser ({err}); open {url} yourself");
    }
}
