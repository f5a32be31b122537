//! kubectl-compatible flags, defined once and flattened into every plugin.
//!
//! Names, short forms and meanings follow kubectl (cli-runtime `config_flags.go`); help
//! strings are kubectl's where kubectl has the flag. Every flag is `global`, so it works
//! before or after a subcommand, as kubectl's do.

use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

/// Connection and selection flags, as kubectl has them.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Kubernetes options")]
pub struct KubeArgs {
    /// Path to the kubeconfig file to use for CLI requests.
    #[arg(long, global = true, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// The name of the kubeconfig context to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,

    /// The name of the kubeconfig cluster to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub cluster: Option<String>,

    /// The name of the kubeconfig user to use.
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,

    /// If present, the namespace scope for this CLI request.
    #[arg(short = 'n', long, global = true, value_name = "NAMESPACE")]
    pub namespace: Option<String>,

    /// If present, list the requested object(s) across all namespaces. Namespace in current
    /// context is ignored even if specified with --namespace.
    #[arg(short = 'A', long, global = true)]
    pub all_namespaces: bool,

    /// Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.
    #[arg(short = 'l', long, global = true, value_name = "SELECTOR", value_parser = crate::selector::parse_labels)]
    pub selector: Option<String>,

    /// Selector (field query) to filter on, supports '=', '==', and '!='.
    #[arg(long, global = true, value_name = "SELECTOR", value_parser = crate::selector::parse_fields)]
    pub field_selector: Option<String>,

    /// The length of time to wait before giving up on a single server request. Non-zero
    /// values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero
    /// means don't timeout requests.
    #[arg(long, global = true, value_name = "DURATION", default_value = "0", value_parser = crate::duration::parse_seconds_or_duration)]
    pub request_timeout: Duration,

    /// Username to impersonate for the operation. User could be a regular user or a service
    /// account in a namespace.
    #[arg(long = "as", global = true, value_name = "USER")]
    pub impersonate: Option<String>,

    /// Group to impersonate for the operation, this flag can be repeated to specify multiple
    /// groups.
    #[arg(long = "as-group", global = true, value_name = "GROUP")]
    pub impersonate_groups: Vec<String>,

    /// If true, the server's certificate will not be checked for validity. This will make
    /// your HTTPS connections insecure.
    #[arg(long, global = true)]
    pub insecure_skip_tls_verify: bool,

    /// Number for the log level verbosity (0 warnings, 1-3 info, 4-5 debug, 6+ trace).
    #[arg(
        short = 'v',
        long = "v",
        global = true,
        value_name = "N",
        default_value_t = 0
    )]
    pub verbosity: u8,
}

impl KubeArgs {
    /// The request timeout, or `None` for kubectl's "0 = no timeout".
    pub fn timeout(&self) -> Option<Duration> {
        (!self.request_timeout.is_zero()).then_some(self.request_timeout)
    }
}

/// When to colour output, as `--color` takes it.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when writing to a terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
    #[default]
    Auto,
    /// Always colour human-readable output (never structured output).
    Always,
    /// Never colour.
    Never,
}

/// Output flags shared by every plugin. `F` is the plugin's own set of `-o` formats, so each
/// plugin's help lists exactly the formats it supports.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs<F: ValueEnum + Clone + Send + Sync + Default + std::fmt::Debug + 'static> {
    /// Output format.
    #[arg(
        short = 'o',
        long = "output",
        global = true,
        value_enum,
        default_value_t
    )]
    pub format: F,

    /// When using the default or custom-column output format, don't print headers (default
    /// print headers).
    #[arg(long, global = true)]
    pub no_headers: bool,

    /// When to use colour in human-readable output.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// What every plugin's `-o` format must say about itself, so shared code can decide colour
/// and progress.
pub trait Format {
    /// JSON, YAML and other machine formats: never coloured, no progress shown.
    fn is_structured(&self) -> bool;
}

impl<F> OutputArgs<F>
where
    F: ValueEnum + Clone + Send + Sync + Default + std::fmt::Debug + Format + 'static,
{
    /// The global settings `run::main` needs.
    pub fn globals(&self) -> crate::run::Globals {
        crate::run::Globals {
            color: self.color,
            structured: self.format.is_structured(),
        }
    }
}

/// The formats most plugins offer: kubectl's own set.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CommonFormat {
    /// kubectl's table look.
    #[default]
    Table,
    /// The table with more columns.
    Wide,
    /// JSON in the versioned list envelope.
    Json,
    /// YAML in the versioned list envelope.
    Yaml,
    /// One `kind/name` per line.
    Name,
}

impl Format for CommonFormat {
    fn is_structured(&self) -> bool {
        matches!(self, Self::Json | Self::Yaml | Self::Name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser, Debug)]
    #[command(name = "kubectl test")]
    struct Cli {
        #[command(flatten)]
        kube: KubeArgs,
        #[command(flatten)]
        output: OutputArgs<CommonFormat>,
    }

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn kubectl_short_forms_and_values() {
        let cli = Cli::try_parse_from([
            "t",
            "-n",
            "shop",
            "-A",
            "-l",
            "app=web",
            "-o",
            "json",
            "-v",
            "6",
            "--as",
            "jane",
            "--as-group",
            "a",
            "--as-group",
            "b",
            "--request-timeout",
            "1m30s",
        ])
        .expect("parses");
        assert_eq!(cli.kube.namespace.as_deref(), Some("shop"));
        assert!(cli.kube.all_namespaces);
        assert_eq!(cli.kube.selector.as_deref(), Some("app=web"));
        assert_eq!(cli.output.format, CommonFormat::Json);
        assert_eq!(cli.kube.verbosity, 6);
        assert_eq!(cli.kube.impersonate.as_deref(), Some("jane"));
        assert_eq!(cli.kube.impersonate_groups, ["a", "b"]);
        assert_eq!(cli.kube.timeout(), Some(Duration::from_secs(90)));
    }

    #[test]
    fn request_timeout_zero_means_none_and_garbage_is_rejected() {
        let cli = Cli::try_parse_from(["t"]).expect("parses");
        assert_eq!(cli.kube.timeout(), None);
        assert!(Cli::try_parse_from(["t", "--request-timeout", "soon"]).is_err());
        assert!(Cli::try_parse_from(["t", "-o", "xml"]).is_err());
        let bad = Cli::try_parse_from(["t", "-l", "app in ("]).expect_err("selector");
        assert_eq!(bad.exit_code(), 2);
        assert!(bad.to_string().contains("not closed"), "{bad}");
        let eq = Cli::try_parse_from(["t", "--v=4"]).expect("parses");
        assert_eq!(eq.kube.verbosity, 4);
    }
}
