//! Developer commands: `cargo xtask cluster up|down|status`, `cargo xtask seed`.
//!
//! `cluster up` prints the kubeconfig path as the last line of its stdout, so scripts can do
//! `export KUBECONFIG=$(cargo xtask cluster up | tail -n1)`.

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use testcluster::controlplane;
use testcluster::seed::{SeedSpec, seed};
use xtask::plugins;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "sre-toolkit developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The local control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok).
    Cluster {
        #[command(subcommand)]
        action: ClusterAction,
    },
    /// Generate shell completions, man pages and kubectl_complete-* shims into completions/.
    Completions {
        /// Fail if the files in completions/ are not what would be generated.
        #[arg(long)]
        check: bool,
    },
    /// Build release archives of every plugin into dist/ (this machine's platform unless
    /// --target or --all-platforms) and, with --krew, render krew manifests from the
    /// checksums found in dist/ (every platform needed). Cross builds need the tools
    /// scripts/build-cross.sh installs; scripts/release.sh runs both.
    Dist {
        /// Render krew-index manifests for this version (e.g. v0.1.0) into dist/krew/.
        #[arg(long)]
        krew: Option<String>,
        /// Build for this Rust target (repeatable), cross-compiled with cargo-zigbuild.
        #[arg(long = "target")]
        targets: Vec<String>,
        /// Build for every platform the krew manifests list.
        #[arg(long, conflicts_with = "targets")]
        all_platforms: bool,
    },
    /// Create fake nodes and pods at scale in the running cluster, a share of them faulty.
    Seed {
        /// Fake nodes to create.
        #[arg(long, default_value_t = 1000)]
        nodes: usize,
        /// Pods to create, bound round-robin to the nodes.
        #[arg(long, default_value_t = 30000)]
        pods: usize,
        /// Namespaces to spread the pods over.
        #[arg(long, default_value_t = 30)]
        namespaces: usize,
        /// Every Nth pod gets a fault (CrashLoopBackOff, ImagePullBackOff, OOMKilled, failed).
        #[arg(long, default_value_t = 40)]
        fault_every: usize,
    },
    /// Create TLS Secrets (and ConfigMap bundles) at scale in the running cluster.
    SeedCerts {
        /// TLS Secrets to create.
        #[arg(long, default_value_t = 10000)]
        secrets: usize,
        /// Namespaces to spread them over (`certs-seed-N`).
        #[arg(long, default_value_t = 20)]
        namespaces: usize,
    },
    /// Serve TLS on N loopback ports until killed; writes DIR/endpoints.txt and DIR/ca.pem.
    TlsFarm {
        /// Servers to start.
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Where to write the endpoint list and the CA.
        #[arg(long)]
        dir: std::path::PathBuf,
    },
}

/// An admin client for the running cluster in `dir`.
async fn admin_client(dir: &std::path::Path) -> Result<kube::Client> {
    let state = controlplane::State::read(dir).ok_or_else(|| {
        anyhow::anyhow!("no cluster running; start one with `cargo xtask cluster up`")
    })?;
    controlplane::client_for(&state.kubeconfig, "admin").await
}

/// The Rust target this machine builds for.
fn host_target() -> String {
    std::process::Command::new("rustc")
        .arg("-vV")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("host: ").map(String::from))
        })
        .unwrap_or_else(|| "unknown".into())
}

#[derive(Subcommand)]
enum ClusterAction {
    /// Start the cluster (or reuse the running one); prints the kubeconfig path last.
    Up,
    /// Stop the cluster and remove its directory.
    Down,
    /// Say what runs.
    Status,
}

#[tokio::main]
async fn main() -> ExitCode {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(
            std::env::var("XTASK_LOG").unwrap_or_else(|_| "info,kube=warn,kube_client=off".into()),
        ))
        .with_writer(std::io::stderr)
        .try_init();
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    let dir = testcluster::cluster_dir();
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Cluster {
            action: ClusterAction::Up,
        } => {
            let t = std::time::Instant::now();
            let state = controlplane::up(&dir).await?;
            tracing::info!(
                "cluster ready in {:.1}s at {}",
                t.elapsed().as_secs_f64(),
                state.server
            );
            writeln!(out, "{}", state.kubeconfig.display())?;
        }
        Command::Cluster {
            action: ClusterAction::Down,
        } => {
            let was = controlplane::down(&dir)?;
            writeln!(
                out,
                "{}",
                if was {
                    "cluster stopped"
                } else {
                    "no cluster was running"
                }
            )?;
        }
        Command::Cluster {
            action: ClusterAction::Status,
        } => match controlplane::status(&dir) {
            None => {
                writeln!(out, "no cluster (looked in {})", dir.display())?;
                return Ok(ExitCode::from(1));
            }
            Some((state, rows)) => {
                writeln!(
                    out,
                    "server     {}\nkubeconfig {}",
                    state.server,
                    state.kubeconfig.display()
                )?;
                for c in &rows {
                    let state = if c.running { "running" } else { "STOPPED" };
                    writeln!(out, "{:<24} pid {:<8} {state}", c.name, c.pid)?;
                }
                if rows.iter().any(|c| !c.running) {
                    return Ok(ExitCode::from(1));
                }
            }
        },
        Command::SeedCerts {
            secrets,
            namespaces,
        } => {
            let client = admin_client(&dir).await?;
            let t = std::time::Instant::now();
            let n = testcluster::seed::seed_tls(&client, secrets, namespaces, |m| {
                tracing::info!("{m}")
            })
            .await?;
            tracing::info!("created {n} objects in {:.1}s", t.elapsed().as_secs_f64());
        }
        Command::TlsFarm { count, dir } => {
            testcluster::tls::farm(count, &dir).await?;
        }
        Command::Completions { check } => {
            let dir = testcluster::repo_root().join("completions");
            let mut stale = Vec::new();
            for (name, cmd) in plugins() {
                if check {
                    stale.extend(shared::complete::stale_files(&cmd, name, &dir)?);
                } else {
                    for p in shared::complete::write_files(&cmd, name, &dir)? {
                        writeln!(out, "wrote {}", p.display())?;
                    }
                }
            }
            if !stale.is_empty() {
                anyhow::bail!(
                    "stale in completions/: {} (run `cargo xtask completions`)",
                    stale.join(", ")
                );
            }
        }
        Command::Dist {
            krew,
            targets,
            all_platforms,
        } => {
            let repo = testcluster::repo_root();
            let out_dir = repo.join("dist");
            std::fs::create_dir_all(&out_dir)?;
            let targets: Vec<String> = if all_platforms {
                xtask::dist::PLATFORMS
                    .iter()
                    .map(|(_, _, t)| t.to_string())
                    .collect()
            } else {
                targets
            };
            let builds = if targets.is_empty() {
                vec![(host_target(), None)]
            } else {
                targets.into_iter().map(|t| (t.clone(), Some(t))).collect()
            };
            for (target, cross) in builds {
                let bin_dir = build_release(&repo, cross.as_deref())?;
                for (name, _) in plugins() {
                    let bin = bin_dir.join(xtask::dist::exe_name(name, &target));
                    xtask::dist::check_binary(&bin, &target)?;
                    let (path, sha) = xtask::dist::archive(name, &target, &bin, &repo, &out_dir)?;
                    writeln!(out, "{sha}  {}", path.display())?;
                }
            }
            if let Some(version) = krew {
                let dir = out_dir.join("krew");
                std::fs::create_dir_all(&dir)?;
                for p in xtask::dist::plugins() {
                    let sha = |t: &str| {
                        let f = out_dir.join(format!(
                            "{}.tar.gz.sha256",
                            xtask::dist::archive_stem(p.name, t)
                        ));
                        std::fs::read_to_string(f)
                            .ok()
                            .and_then(|s| s.split_whitespace().next().map(String::from))
                    };
                    let text = xtask::dist::manifest(&p, &version, &sha)?;
                    xtask::dist::validate(&text, p.name)?;
                    std::fs::write(dir.join(format!("{}.yaml", p.name)), text)?;
                }
            }
        }
        Command::Seed {
            nodes,
            pods,
            namespaces,
            fault_every,
        } => {
            let client = admin_client(&dir).await?;
            let spec = SeedSpec {
                nodes,
                pods,
                namespaces,
                fault_every,
            };
            let r = seed(&client, &spec, |line| tracing::info!("{line}")).await?;
            writeln!(
                out,
                "seeded {nodes} nodes in {:.1}s; {pods} pods ({} faulty) created in {:.1}s, settled in {:.1}s",
                r.nodes.as_secs_f64(),
                r.faulty,
                r.pods_created.as_secs_f64(),
                r.pods_settled.as_secs_f64()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Builds every plugin in release mode, natively or (with a target) through cargo-zigbuild;
/// returns the directory holding the binaries. macOS targets link with rust-lld against the
/// stub SDK of scripts/build-cross.sh.
fn build_release(repo: &Path, target: Option<&str>) -> Result<PathBuf> {
    let packages = plugins()
        .iter()
        .flat_map(|(n, _)| ["-p".to_string(), format!("kubectl-{n}")])
        .collect::<Vec<_>>();
    let Some(target) = target else {
        let status = std::process::Command::new("cargo")
            .args(["build", "--release", "--locked"])
            .args(&packages)
            .status()?;
        anyhow::ensure!(status.success(), "cargo build --release failed");
        return Ok(repo.join("target/release"));
    };
    let target_dir = repo.join("target/dist");
    let mut cmd = std::process::Command::new("cargo");
    cmd.args(["zigbuild", "--release", "--locked", "--target", target])
        .args(&packages)
        .arg("--target-dir")
        .arg(&target_dir);
    if target.contains("apple") {
        let env = |k: &str| {
            std::env::var(k).map_err(|_| {
                anyhow::anyhow!("{k} is not set: run `eval \"$(scripts/build-cross.sh)\"` first")
            })
        };
        let upper = target.replace('-', "_").to_uppercase();
        cmd.env("SDKROOT", env("SRE_TOOLKIT_MACOS_SDK")?)
            .env(
                format!("CARGO_TARGET_{upper}_LINKER"),
                env("SRE_TOOLKIT_RUST_LLD")?,
            )
            .env(
                format!("CARGO_TARGET_{upper}_RUSTFLAGS"),
                "-C linker-flavor=ld64.lld",
            );
    }
    let status = cmd.status().map_err(|e| {
        anyhow::anyhow!("cargo zigbuild: {e} (run `eval \"$(scripts/build-cross.sh)\"` first)")
    })?;
    anyhow::ensure!(status.success(), "cargo zigbuild --target {target} failed");
    Ok(target_dir.join(target).join("release"))
}
