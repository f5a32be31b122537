//! Locating (and if needed building) the control-plane binaries in the version-keyed cache.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// Kubernetes version of kube-apiserver, kube-controller-manager and kube-scheduler.
pub const K8S_VERSION: &str = "v1.36.3";
/// etcd version (kwok maps Kubernetes 1.34-1.36 to etcd 3.6).
pub const ETCD_VERSION: &str = "v3.6.16";
/// kwok version.
pub const KWOK_VERSION: &str = "v0.8.0";

/// The cache root: `$TESTCLUSTER_BINDIR`, else `${XDG_CACHE_HOME:-~/.cache}/sre-toolkit/testbins`.
pub fn root() -> PathBuf {
    if let Some(dir) = std::env::var_os("TESTCLUSTER_BINDIR") {
        return PathBuf::from(dir);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(|| PathBuf::from("/tmp"));
    cache.join("sre-toolkit").join("testbins")
}

/// Paths to every binary the control plane runs.
#[derive(Debug, Clone)]
pub struct Bins {
    /// etcd.
    pub etcd: PathBuf,
    /// kube-apiserver.
    pub apiserver: PathBuf,
    /// kube-controller-manager.
    pub controller_manager: PathBuf,
    /// kube-scheduler.
    pub scheduler: PathBuf,
    /// kwok.
    pub kwok: PathBuf,
    /// kwok's shipped stage files.
    pub stages: PathBuf,
}

fn complete(dir: &Path) -> bool {
    dir.join(".complete").exists()
}

impl Bins {
    /// The binaries in the cache, if every build completed.
    pub fn find() -> Option<Self> {
        let root = root();
        let k8s = root.join(format!("k8s-{K8S_VERSION}"));
        let etcd = root.join(format!("etcd-{ETCD_VERSION}"));
        let kwok = root.join(format!("kwok-{KWOK_VERSION}"));
        (complete(&k8s) && complete(&etcd) && complete(&kwok)).then(|| Self {
            etcd: etcd.join("etcd"),
            apiserver: k8s.join("kube-apiserver"),
            controller_manager: k8s.join("kube-controller-manager"),
            scheduler: k8s.join("kube-scheduler"),
            kwok: kwok.join("kwok"),
            stages: kwok.join("stages"),
        })
    }

    /// Finds the binaries, building them with `scripts/build-testbins.sh` when missing.
    pub fn ensure() -> Result<Self> {
        if let Some(b) = Self::find() {
            return Ok(b);
        }
        let script = crate::repo_root().join("scripts").join("build-testbins.sh");
        let status = std::process::Command::new("bash")
            .arg(&script)
            .env("K8S_VERSION", K8S_VERSION)
            .env("ETCD_VERSION", ETCD_VERSION)
            .env("KWOK_VERSION", KWOK_VERSION)
            .env("TESTCLUSTER_BINDIR", root())
            .stdout(std::process::Stdio::null())
            .status()
            .with_context(|| format!("failed to run {}", script.display()))?;
        if !status.success() {
            bail!("building the control-plane binaries failed ({status}); see the output above");
        }
        Self::find().context("the build finished but the binaries are not in the cache")
    }
}
