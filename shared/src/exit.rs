//! The documented exit codes shared by every plugin, and the help text that lists them.

/// Ran fine, nothing to report.
pub const OK: u8 = 0;
/// Ran fine and found problems (findings, breached thresholds, a failed hypothesis).
pub const FOUND_PROBLEMS: u8 = 1;
/// Usage error: bad flags or arguments (clap exits with this too).
pub const USAGE: u8 = 2;
/// Kubeconfig or context problem: missing, unreadable, corrupt, unknown context, credentials.
pub const KUBECONFIG: u8 = 3;
/// The API server answered with an error (401, 403, 404, 409, 5xx...).
pub const API: u8 = 4;
/// The cluster could not be reached, or a request timed out.
pub const UNREACHABLE: u8 = 5;
/// An internal error: a bug in the plugin. Please report it.
pub const INTERNAL: u8 = 70;
/// Interrupted (Ctrl-C); cleanup ran before exiting. SIGTERM and SIGHUP are handled alike
/// and exit with 143 and 129 ([`for_signal`]).
pub const INTERRUPTED: u8 = 130;

/// The exit code after stopping for `signal`: 128 + its number, as shells report it.
pub fn for_signal(signal: i32) -> u8 {
    u8::try_from(128 + signal.clamp(1, 127)).unwrap_or(INTERRUPTED)
}

/// The exit-code table shown in every `--help` footer and in the README.
pub const HELP: &str = "\
Exit codes:
  0    ran fine, nothing to report
  1    ran fine and found problems
  2    usage error
  3    kubeconfig or context problem
  4    the API server returned an error (401, 403, 404, ...)
  5    cluster (or load/probe target) unreachable or timed out
  70   internal error (a bug: please report it)
  130  interrupted (Ctrl-C; 143 on SIGTERM, 129 on SIGHUP), after rolling back";
