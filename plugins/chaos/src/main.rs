//! `kubectl chaos`: parse, hand off to the library.
use clap::{CommandFactory, Parser};

fn main() -> std::process::ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).is_some_and(|a| a == "__complete") {
        return shared::complete::main(chaos::Cli::command(), &argv[2..]);
    }
    if argv.get(1).is_some_and(|a| a == chaos::cli::STRESS_WORKER) {
        let w = chaos::cli::StressWorker::parse_from(&argv[1..]);
        chaos::stress::run(w.cpu, w.memory_mib, w.duration);
        return std::process::ExitCode::SUCCESS;
    }
    let cli = chaos::Cli::parse();
    let globals = cli.output.globals();
    let verbosity = cli.kube.verbosity;
    shared::run::main(&globals, verbosity, |ctx| chaos::run(cli, ctx))
}
