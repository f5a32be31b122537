//! Terminal policy: whether to colour a stream, the styles used for severities, warnings on
//! stderr, and progress spinners that only appear on an interactive stderr.

use crate::cli::ColorChoice;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use owo_colors::OwoColorize;
use std::ffi::OsStr;
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// Whether to colour a stream. Pure: the caller passes what it observed. Auto means a
/// terminal, `NO_COLOR` unset or empty, and `TERM` not `dumb`; structured output never.
pub fn use_color(
    choice: ColorChoice,
    structured: bool,
    is_tty: bool,
    no_color: Option<&OsStr>,
    term: Option<&OsStr>,
) -> bool {
    if structured {
        return false;
    }
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            is_tty
                && no_color.is_none_or(|v| v.is_empty())
                && term.is_none_or(|t| t != OsStr::new("dumb"))
        }
    }
}

/// Decides colour for stdout or stderr from the real environment.
pub fn use_color_for(choice: ColorChoice, structured: bool, stream_is_tty: bool) -> bool {
    use_color(
        choice,
        structured,
        stream_is_tty,
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

/// Styles for one stream: plain values, passed down to whatever renders.
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles {
    /// Whether colour is on for this stream.
    pub color: bool,
}

macro_rules! style {
    ($(#[$doc:meta] $name:ident => |$s:ident| $body:expr;)*) => {
        $(#[$doc] pub fn $name(&self, text: &str) -> String {
            if self.color { let $s = text; $body.to_string() } else { text.to_string() }
        })*
    };
}

impl Styles {
    style! {
        /// Critical findings and errors.
        critical => |s| s.red().bold();
        /// Warnings.
        warning => |s| s.yellow();
        /// Informational findings.
        info => |s| s.cyan();
        /// Healthy states.
        ok => |s| s.green();
        /// Headings.
        bold => |s| s.bold();
        /// Secondary text.
        dim => |s| s.dimmed();
    }
}

/// Writes `warning: <message>` to stderr.
pub fn warn(styles: Styles, message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}: {}", styles.warning("warning"), message);
}

/// A spinner on stderr, shown only when `enabled` (an interactive stderr, human output, no
/// `-v`); otherwise hidden and free. Call `finish_and_clear()` before printing results.
pub fn spinner(enabled: bool, message: impl Into<String>) -> ProgressBar {
    if !enabled {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_message(message.into());
    pb.enable_steady_tick(Duration::from_millis(100));
    pb
}

/// Whether progress may be shown: stderr is a terminal, output is for humans, no `-v`.
pub fn progress_enabled(structured: bool, verbosity: u8) -> bool {
    !structured && verbosity == 0 && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_rules() {
        let tty = true;
        assert!(use_color(ColorChoice::Auto, false, tty, None, None));
        assert!(!use_color(ColorChoice::Auto, false, false, None, None));
        assert!(!use_color(
            ColorChoice::Auto,
            false,
            tty,
            Some(OsStr::new("1")),
            None
        ));
        assert!(use_color(
            ColorChoice::Auto,
            false,
            tty,
            Some(OsStr::new("")),
            None
        ));
        assert!(!use_color(
            ColorChoice::Auto,
            false,
            tty,
            None,
            Some(OsStr::new("dumb"))
        ));
        assert!(use_color(
            ColorChoice::Always,
            false,
            false,
            Some(OsStr::new("1")),
            None
        ));
        assert!(!use_color(ColorChoice::Never, false, tty, None, None));
        assert!(
            !use_color(ColorChoice::Always, true, tty, None, None),
            "structured output is never coloured"
        );
    }

    #[test]
    fn styles_only_add_colour_when_on() {
        assert_eq!(Styles { color: false }.critical("critical"), "critical");
        let on = Styles { color: true }.critical("critical");
        assert!(on.contains("critical") && on.contains('\u{1b}'));
    }
}
