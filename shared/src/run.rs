//! The process entry point every plugin's `main` hands off to: logging to stderr, the tokio
//! runtime, Ctrl-C, error reporting with hints, and the exit code. It is the only place that
//! decides how the process ends.

use crate::cli::ColorChoice;
use crate::error::{classify, one_line};
use crate::exit;
use crate::term::{self, Styles};
use std::future::Future;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};

/// Settings the runner needs from the output flags.
#[derive(Debug, Clone, Copy)]
pub struct Globals {
    /// `--color`.
    pub color: ColorChoice,
    /// Whether `-o` is a machine format (no colour, no progress).
    pub structured: bool,
}

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing to report: exit 0.
    Clean,
    /// Ran fine and found problems: exit 1.
    Problems,
}

/// What a plugin's `run` receives: styles for each stream, progress policy and a warning
/// counter for partial results.
#[derive(Debug, Clone)]
pub struct Context {
    /// Styles for stdout (off for structured output).
    pub stdout: Styles,
    /// Styles for stderr.
    pub stderr: Styles,
    /// Whether spinners may be drawn on stderr.
    pub progress: bool,
    /// `-v`.
    pub verbosity: u8,
    warnings: Arc<AtomicUsize>,
    interrupt: Arc<Interrupt>,
}

/// Ctrl-C, SIGTERM and SIGHUP for plugins that must clean up before they exit (a load
/// test's Job, a chaos fault, heal between actions). `timeout`, CI cancellation and a dropped
/// SSH session send TERM or HUP, so all three are handled alike. A plugin opts in with
/// [`Context::interrupt`]; the first signal then fires this instead of ending the process,
/// the plugin cleans up and returns [`crate::error::Error::Interrupted`]; a second signal
/// ends the process at once. The exit code is 128 + the signal's number (130 for Ctrl-C,
/// 143 for TERM, 129 for HUP), as shells report it.
#[derive(Debug)]
pub struct Interrupt {
    handled: AtomicBool,
    signal: AtomicI32,
    fired: tokio::sync::watch::Sender<bool>,
}

impl Default for Interrupt {
    fn default() -> Self {
        Self {
            handled: AtomicBool::new(false),
            signal: AtomicI32::new(0),
            fired: tokio::sync::watch::channel(false).0,
        }
    }
}

impl Interrupt {
    /// Resolves once Ctrl-C was pressed (at once if it already was).
    pub async fn wait(&self) {
        let mut rx = self.fired.subscribe();
        let _ = rx.wait_for(|fired| *fired).await;
    }

    /// Whether Ctrl-C was pressed.
    pub fn fired(&self) -> bool {
        *self.fired.borrow()
    }

    /// The signal that fired it (`SIGINT` = 2, `SIGTERM` = 15, `SIGHUP` = 1), if any.
    pub fn signal(&self) -> Option<i32> {
        Some(self.signal.load(Ordering::Relaxed)).filter(|s| *s != 0)
    }

    fn fire(&self, signal: i32) {
        let _ = self
            .signal
            .compare_exchange(0, signal, Ordering::Relaxed, Ordering::Relaxed);
        self.fired.send_replace(true);
    }

    /// Fires it as if `signal` had arrived (tests of the plugins' cleanup paths).
    pub fn fire_for_test(&self, signal: i32) {
        self.fire(signal);
    }
}

/// The signals that stop a run: INT, TERM and HUP on Unix (Ctrl-C elsewhere). Resolves to
/// the number of the first one that arrives.
pub async fn stop_signal() -> i32 {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut int), Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            let _ = tokio::signal::ctrl_c().await;
            return 2;
        };
        tokio::select! {
            _ = int.recv() => 2,
            _ = term.recv() => 15,
            _ = hup.recv() => 1,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        2
    }
}

impl Context {
    /// A context for `globals` in the real environment.
    pub fn new(globals: &Globals, verbosity: u8) -> Self {
        Self {
            stdout: Styles {
                color: term::use_color_for(
                    globals.color,
                    globals.structured,
                    std::io::stdout().is_terminal(),
                ),
            },
            stderr: Styles {
                color: term::use_color_for(globals.color, false, std::io::stderr().is_terminal()),
            },
            progress: term::progress_enabled(globals.structured, verbosity),
            verbosity,
            warnings: Arc::default(),
            interrupt: Arc::default(),
        }
    }

    /// Opts in to graceful Ctrl-C (see [`Interrupt`]) and returns the signal to watch.
    pub fn interrupt(&self) -> Arc<Interrupt> {
        self.interrupt.handled.store(true, Ordering::Relaxed);
        self.interrupt.clone()
    }

    /// Prints `warning: ...` on stderr and counts it (e.g. a kind skipped as forbidden).
    pub fn warn(&self, message: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        term::warn(self.stderr, message);
    }

    /// Prints a line of information on stderr (not a warning, not data).
    pub fn note(&self, message: &str) {
        let _ = writeln!(std::io::stderr().lock(), "{message}");
    }

    /// How many warnings were printed.
    pub fn warnings(&self) -> usize {
        self.warnings.load(Ordering::Relaxed)
    }
}

fn init_logging(verbosity: u8) {
    // Our own crates' messages by level; `-v 6` adds one line per API request (target
    // `http`, kubectl's `-v 6`); only `-v 7` and above show the HTTP stack's internals.
    const OURS: &str = "shared,doctor,certs,load,chaos,testcluster";
    let ours = |level: &str| {
        OURS.split(',')
            .map(|c| format!("{c}={level}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    let filter = match verbosity {
        // kube_client logs every failed request at ERROR; we report errors ourselves.
        0 => "warn,kube_client=off,kube=off".to_string(),
        1..=3 => format!("warn,kube_client=off,{}", ours("info")),
        4..=5 => format!("warn,kube_client=off,{}", ours("debug")),
        6 => format!("warn,kube_client=off,http=info,{}", ours("debug")),
        _ => "trace".to_string(),
    };
    let filter = std::env::var("SRE_TOOLKIT_LOG").unwrap_or(filter);
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(verbosity > 0)
        .try_init();
}

/// Runs a plugin: builds the runtime, races it against Ctrl-C, reports any error as one line
/// plus a hint on stderr, and maps the result onto the documented exit codes.
pub fn main<F, Fut>(globals: &Globals, verbosity: u8, run: F) -> ExitCode
where
    F: FnOnce(Context) -> Fut,
    Fut: Future<Output = anyhow::Result<Outcome>>,
{
    init_logging(verbosity);
    install_crypto_provider();
    let ctx = Context::new(globals, verbosity);
    let stderr_styles = ctx.stderr;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return report(
                stderr_styles,
                &anyhow::Error::from(e).context("failed to start the async runtime"),
            );
        }
    };
    let interrupt = ctx.interrupt.clone();
    let signalled = interrupt.clone();
    let result = runtime.block_on(async move {
        let work = run(ctx);
        tokio::pin!(work);
        tokio::select! {
            r = &mut work => r,
            signal = stop_signal() => {
                interrupt.fire(signal);
                if interrupt.handled.load(Ordering::Relaxed) {
                    // The plugin cleans up and returns; a second signal does not wait.
                    tokio::select! {
                        r = &mut work => r,
                        _ = stop_signal() => Err(crate::error::Error::Interrupted.into()),
                    }
                } else {
                    Err(crate::error::Error::Interrupted.into())
                }
            }
        }
    });
    // Do not wait for stray blocking tasks (a hung exec plugin) once the run is over.
    runtime.shutdown_background();
    match result {
        Ok(Outcome::Clean) => ExitCode::from(exit::OK),
        Ok(Outcome::Problems) => ExitCode::from(exit::FOUND_PROBLEMS),
        Err(err) => {
            let code = report(stderr_styles, &err);
            match signalled.signal() {
                Some(signal) if classify(&err).code == exit::INTERRUPTED => {
                    ExitCode::from(exit::for_signal(signal))
                }
                _ => code,
            }
        }
    }
}

/// Makes ring rustls's process-wide crypto provider. kube builds its TLS configuration from
/// the process default, and when a build enables both of rustls's providers (goose's reqwest
/// brings aws-lc-rs) there is no default and kube would panic.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Prints an error as `error: <one line>` and `  hint: ...`, and returns its exit code.
pub fn report(styles: Styles, err: &anyhow::Error) -> ExitCode {
    let c = classify(err);
    if c.report {
        let mut w = std::io::stderr().lock();
        let _ = writeln!(w, "{}: {}", styles.critical("error"), one_line(err));
        if let Some(hint) = &c.hint {
            let _ = writeln!(w, "  {}: {}", styles.info("hint"), hint);
        }
        tracing::debug!("error chain: {err:?}");
    }
    ExitCode::from(c.code)
}
