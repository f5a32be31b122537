//! `kubectl doctor`: parse, hand off to the library.
use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = doctor::Cli::parse();
    let globals = cli.output.globals();
    let verbosity = cli.kube.verbosity;
    shared::run::main(&globals, verbosity, |ctx| doctor::run(cli, ctx))
}
