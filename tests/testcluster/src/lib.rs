//! A real local Kubernetes control plane for sre-toolkit's integration tests, demo and
//! benchmarks: etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (fake
//! nodes and pod lifecycle), built from Go modules into a cache outside the repository
//! (`scripts/build-testbins.sh`) and run as child processes on free loopback ports.
//!
//! `cargo xtask cluster up|down|status` drives it from the shell; integration tests attach
//! to the running cluster through [`testing::env`] and each works in its own namespace.

pub mod bins;
pub mod controlplane;
pub mod pki;
pub mod prometheus;
pub mod seed;
pub mod testing;
pub mod tls;

use std::path::PathBuf;

/// The repository root (this crate lives at `tests/testcluster`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(|p| p.parent())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The suite's cache outside the repository: `${XDG_CACHE_HOME:-~/.cache}/sre-toolkit`
/// (control-plane binaries, tools, schemas fetched by the scripts).
pub fn cache_dir() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from(".cache"))
        .join("sre-toolkit")
}

/// Where the running cluster keeps its state, PKI, logs and kubeconfig:
/// `$SRE_TOOLKIT_CLUSTER_DIR`, else `<repo>/target/testcluster`.
pub fn cluster_dir() -> PathBuf {
    std::env::var_os("SRE_TOOLKIT_CLUSTER_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target").join("testcluster"))
}
