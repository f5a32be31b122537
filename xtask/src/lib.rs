//! The library behind `cargo xtask`: release archives and krew manifests ([`dist`]), and
//! the list of plugins ([`plugins`]) that completions, man pages and releases cover.

pub mod dist;

/// Every plugin: (name, its clap definition).
pub fn plugins() -> Vec<(&'static str, clap::Command)> {
    use clap::CommandFactory;
    vec![
        ("doctor", doctor::Cli::command()),
        ("certs", certs::Cli::command()),
        ("load", load::Cli::command()),
        ("chaos", chaos::Cli::command()),
        ("slo", slo::Cli::command()),
        ("alerts", alerts::Cli::command()),
    ]
}
