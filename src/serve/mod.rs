//! `serve`: builds the site into a temporary folder (never `public/`), serves it on
//! loopback, watches the sources and rebuilds only what an edit affects; open pages
//! reload themselves, and a failed rebuild keeps the last good site and shows its error
//! over the page until it is fixed.
//!
//! [`Server::start`] wires the pieces: [`session`] (the live model and incremental
//! rebuilds, with [`changes`] and [`write`]), [`http`] (axum and `ServeDir`, the guards),
//! [`live`] (events, script, overlay) and [`watch`] (the file watcher).

mod changes;
mod http;
pub mod live;
pub mod session;
mod watch;
mod write;

use crate::msg;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

pub use session::{RebuildReport, Session};

use crate::build::BuildOptions;
use crate::config::{Config, Overrides};
use crate::diag::{Diagnostic, Diagnostics};

/// What `profilegen serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project folder.
    pub root: PathBuf,
    /// The address to listen on (loopback unless the user asked otherwise).
    pub interface: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Build here instead of in a new temporary folder (the site goes into `www/` below).
    pub scratch: Option<PathBuf>,
    /// How long the watcher waits for an editor's burst of events to end.
    pub debounce: Duration,
}

impl ServeOptions {
    /// `root` on 127.0.0.1:1111, no drafts, a temporary folder, a 30 ms debounce.
    pub fn new(root: impl Into<PathBuf>) -> ServeOptions {
        ServeOptions {
            root: root.into(),
            interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 1111,
            drafts: false,
            scratch: None,
            debounce: Duration::from_millis(30),
        }
    }
}

/// A running server; dropping it stops serving and watching and removes the temporary
/// folder.
pub struct Server {
    url: String,
    addr: SocketAddr,
    www: PathBuf,
    reports: mpsc::Receiver<RebuildReport>,
    stopped: Arc<AtomicBool>,
    runtime: Option<tokio::runtime::Runtime>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _watcher: watch::Watcher,
    _scratch: Option<tempfile::TempDir>,
}

impl Server {
    /// Binds, builds, serves and watches. Fails only when the config cannot be read or
    /// the address cannot be bound; a site with errors is served with its overlay.
    pub fn start(opts: ServeOptions) -> Result<Server, Diagnostics> {
        let root = crate::fsutil::absolute(&opts.root);
        let config = Config::load(&root, &Overrides::default())?;
        let listener = TcpListener::bind((opts.interface, opts.port))
            .map_err(|e| bind_error(opts.interface, opts.port, e))?;
        let addr = listener
            .local_addr()
            .map_err(|e| bind_error(opts.interface, opts.port, e))?;
        let host = url_host(addr);
        let base_path = config.base_url.path.clone();
        let url = format!("http://{host}{base_path}");
        let (scratch, scratch_dir) = scratch(&opts)?;
        let www = scratch_dir.join("www");
        let output_dir = www.join(base_path.trim_matches('/'));
        let mut session = Session::new(BuildOptions {
            compare_urls_with: Some(config.output_dir.clone()),
            progress: false,
            root: root.clone(),
            overrides: Overrides {
                base_url: Some(url.clone()),
                output_dir: Some(output_dir),
                portable: false,
            },
            drafts: opts.drafts,
            force: true,
            no_compress: true,  // not published: no .gz/.br needed
            plain_assets: true, // CSS edits are copied in place
            skip_search_index: false,
        });
        let live = Arc::new(live::Live::new());
        let first = session.rebuild(&[]);
        live.publish(&first);
        let (report_tx, reports) = mpsc::channel();
        let _ = report_tx.send(first);
        let (watcher, changes) = watch::start(&root, config.stats.as_deref(), opts.debounce)
            .map_err(Diagnostics::from)?;
        spawn_rebuilds(session, changes, Arc::clone(&live), report_tx);
        let state = http::AppState {
            www: www.clone(),
            base_path: base_path.clone(),
            lang_prefixes: config
                .languages
                .iter()
                .skip(1)
                .map(|l| l.prefix.clone())
                .collect(),
            hosts: allowed_hosts(addr),
            any_ip_host: addr.ip().is_unspecified(),
            port: addr.port(),
            live,
        };
        let stopped = Arc::new(AtomicBool::new(false));
        let (runtime, shutdown) = serve_http(listener, state, Arc::clone(&stopped))?;
        Ok(Server {
            url,
            addr,
            www,
            reports,
            stopped,
            runtime: Some(runtime),
            shutdown: Some(shutdown),
            _watcher: watcher,
            _scratch: scratch,
        })
    }

    /// The site's address: `http://127.0.0.1:1111/` (with the base path).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The folder served at `/` (the site is below it, at the base path).
    pub fn www(&self) -> &Path {
        &self.www
    }

    /// The next rebuild's report (the first build's comes first), waiting at most
    /// `timeout`.
    pub fn next_report(&self, timeout: Duration) -> Option<RebuildReport> {
        self.reports.recv_timeout(timeout).ok()
    }

    /// True once Ctrl-C was pressed.
    pub fn stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

fn scratch(opts: &ServeOptions) -> Result<(Option<tempfile::TempDir>, PathBuf), Diagnostics> {
    if let Some(dir) = &opts.scratch {
        return Ok((None, crate::fsutil::absolute(dir)));
    }
    let tmp = tempfile::Builder::new()
        .prefix("profilegen-serve-")
        .tempdir()
        .map_err(|e| {
            crate::fsutil::io_error(
                e,
                &std::env::temp_dir(),
                crate::fsutil::Action::CreateFolderIn,
            )
        })?;
    let path = tmp.path().to_path_buf();
    Ok((Some(tmp), path))
}

/// Runs rebuilds on their own thread, one batch of changes at a time.
fn spawn_rebuilds(
    mut session: Session,
    changes: mpsc::Receiver<watch::Batch>,
    live: Arc<live::Live>,
    reports: mpsc::Sender<RebuildReport>,
) {
    let _ = std::thread::Builder::new()
        .name("profilegen-rebuild".into())
        .spawn(move || {
            while let Some(batch) = watch::next_batch(&changes) {
                let report = match batch {
                    watch::Batch::Changed(paths) => session.rebuild(&paths),
                    watch::Batch::Unknown => session.rebuild_all(),
                };
                if report.generation == 0 {
                    continue;
                }
                live.publish(&report);
                if reports.send(report).is_err() {
                    break;
                }
            }
        });
}

type Http = (tokio::runtime::Runtime, tokio::sync::oneshot::Sender<()>);

fn serve_http(
    listener: TcpListener,
    state: http::AppState,
    stopped: Arc<AtomicBool>,
) -> Result<Http, Diagnostics> {
    let io = |e: std::io::Error| {
        Diagnostics::from(Diagnostic::error(msg!(
            "serve-start-failed",
            detail = e.to_string()
        )))
    };
    listener.set_nonblocking(true).map_err(io)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .thread_name("profilegen-http")
        .build()
        .map_err(io)?;
    let listener = {
        let _guard = runtime.enter();
        tokio::net::TcpListener::from_std(listener).map_err(io)?
    };
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = http::router(Arc::new(state));
    // Registered now, not when the task first runs, so a SIGTERM that comes right after
    // start-up is not the default one that kills the process on the spot.
    let terminated = {
        let _guard = runtime.enter();
        terminated()
    };
    runtime.spawn(async move {
        let stop = async move {
            tokio::select! {
                _ = rx => {}
                _ = tokio::signal::ctrl_c() => stopped.store(true, Ordering::SeqCst),
                _ = terminated => stopped.store(true, Ordering::SeqCst),
            }
        };
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await;
    });
    Ok((runtime, tx))
}

/// A future that resolves when the process is asked to terminate (SIGTERM: what an IDE,
/// systemd or `docker stop` sends), so `serve` stops as on Ctrl-C and removes its
/// temporary folder. The handler is installed when this is called (inside a runtime).
fn terminated() -> impl std::future::Future<Output = ()> + Send {
    #[cfg(unix)]
    let term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    async move {
        #[cfg(unix)]
        if let Some(mut term) = term {
            term.recv().await;
            return;
        }
        std::future::pending::<()>().await
    }
}

/// `127.0.0.1:1111`, `[::1]:1111`; a wildcard address is shown as loopback.
fn url_host(addr: SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() => format!("127.0.0.1:{}", addr.port()),
        IpAddr::V6(ip) => format!("[{ip}]:{}", addr.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", addr.port()),
    }
}

/// The `Host` values that name this server.
fn allowed_hosts(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![url_host(addr), format!("localhost:{port}")];
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        hosts.push(format!("127.0.0.1:{port}"));
        hosts.push(format!("[::1]:{port}"));
    }
    hosts.dedup();
    hosts
}

fn bind_error(ip: IpAddr, port: u16, e: std::io::Error) -> Diagnostics {
    let in_use = e.kind() == std::io::ErrorKind::AddrInUse;
    let hint = if in_use {
        msg!("serve-port-taken-hint")
    } else {
        msg!("serve-address-hint")
    };
    Diagnostic::error(msg!(
        "serve-listen-failed",
        address = format!("{ip}:{port}"),
        reason = if in_use { "in-use" } else { "other" },
        detail = e.to_string()
    ))
    .with_hint(hint)
    .into()
}
