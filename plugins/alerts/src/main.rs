//! `kubectl alerts`: parse, hand off to the library.
use clap::{CommandFactory, Parser};

fn main() -> std::process::ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).is_some_and(|a| a == "__complete") {
        return shared::complete::main(alerts::Cli::command(), &argv[2..]);
    }
    let cli = alerts::Cli::parse();
    let globals = cli.output.globals();
    let verbosity = cli.kube.verbosity;
    shared::run::main(&globals, verbosity, |ctx| alerts::run(cli, ctx))
}
