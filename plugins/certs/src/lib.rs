//! `kubectl certs`: every certificate in the cluster and on its endpoints. One scan reads
//! the cluster ([`collect`]) and live endpoints ([`probe`]) into an [`inventory`], pure
//! [`checks`] judge it, and the result is printed ([`report`], [`metrics`]), served to
//! Prometheus ([`serve`]) or sent to a webhook ([`notify`]).

pub mod cert;
pub mod chain;
pub mod checks;
pub mod cli;
pub mod collect;
pub mod decode;
pub mod der;
pub mod formats;
pub mod inventory;
pub mod keys;
pub mod metrics;
pub mod notify;
pub mod probe;
pub mod report;
pub mod scan;
pub mod serve;

use anyhow::Result;
pub use cli::{CertsArgs, Cli, Command, Format, ServeArgs};
pub use scan::{Scanner, validate};
use shared::error::Error;
use shared::run::{Context, Outcome};

/// Runs the parsed command line.
pub async fn run(cli: Cli, ctx: Context) -> Result<Outcome> {
    let format = cli.output.format;
    let no_headers = cli.output.no_headers;
    match cli.command {
        Some(Command::Checks) => {
            if !matches!(
                format,
                Format::Table | Format::Wide | Format::Json | Format::Yaml
            ) {
                return Err(Error::usage(
                    format!(
                        "kubectl certs checks cannot write -o {}",
                        formats::format_name(format)
                    ),
                    "the catalogue is written as -o table, json or yaml",
                )
                .into());
            }
            checks::write_catalogue(&mut std::io::stdout().lock(), format, no_headers)?;
            Ok(Outcome::Clean)
        }
        Some(Command::Serve(_)) if cli.certs.html.is_some() => Err(Error::usage(
            "kubectl certs serve does not write --html",
            "the exporter serves /metrics; write a report with `kubectl certs --html FILE`",
        )
        .into()),
        Some(Command::Serve(serve_args)) => {
            let scanner = Scanner::new(&cli.kube, cli.certs, &ctx).await?;
            serve::run(scanner, serve_args, ctx).await
        }
        Some(Command::Scan) | None => {
            let scanner = Scanner::new(&cli.kube, cli.certs, &ctx).await?;
            let report = scanner.scan(&ctx, ctx.progress).await?;
            if scanner.cluster.is_none() && report.list.metadata.endpoints > 0 {
                let unreachable: Vec<&str> = report
                    .findings
                    .iter()
                    .filter(|f| f.check == "endpoint-unreachable")
                    .map(|f| f.message.as_str())
                    .collect();
                if unreachable.len() == report.list.metadata.endpoints {
                    return Err(Error::Unreachable {
                        message: format!(
                            "none of the {} endpoint(s) could be reached or spoke TLS ({})",
                            unreachable.len(),
                            unreachable[0]
                        ),
                        hint: "check the address and port; --probe-timeout waits longer".into(),
                    }
                    .into());
                }
            }
            formats::write_report(
                &mut std::io::stdout().lock(),
                &report,
                format,
                no_headers,
                &ctx,
            )?;
            if let Some(path) = &scanner.args.html {
                formats::write_html(path, &report)?;
            }
            if !scanner.args.notify_webhook.is_empty() {
                let path = scanner.state_path();
                let state = path.as_deref().map(notify::load_state).unwrap_or_default();
                if let Some(next) = scanner.notify(&ctx, &report, &state).await
                    && let Some(path) = &path
                    && let Err(e) = notify::save_state(path, &next)
                {
                    ctx.warn(&format!(
                        "cannot save notification state {}: {e}",
                        path.display()
                    ));
                }
            }
            let failed = scanner
                .args
                .fail_on
                .fails(report.findings.iter().map(|f| f.severity));
            Ok(if failed {
                Outcome::Problems
            } else {
                Outcome::Clean
            })
        }
    }
}
