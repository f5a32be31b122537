//! The krew path, for real: krew (built from Go modules by scripts/build-krew.sh) installs
//! `kubectl doctor` from an archive and a manifest made by `xtask::dist` into a temporary
//! KREW_ROOT, and kubectl runs it from there. The manifest for all five platforms is checked
//! structurally (this machine can build only its own platform's archive).

use std::path::PathBuf;
use xtask::dist;

fn krew() -> Option<PathBuf> {
    let root = std::env::var_os("TESTCLUSTER_BINDIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/sre-toolkit/testbins")
        });
    let p = root.join("krew-v0.4.4/krew");
    p.exists().then_some(p)
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .unwrap_or_default()
}

#[test]
fn manifest_for_all_platforms_is_valid_and_complete() {
    let p = &dist::plugins()[0];
    let fake = |t: &str| Some(format!("{:0>64}", t.len()));
    let text = dist::manifest(p, "v0.1.0", &fake).expect("renders");
    dist::validate(&text, "doctor").expect("valid");
    assert!(
        text.contains("bin: kubectl-doctor-x86_64-pc-windows-msvc/kubectl-doctor.exe"),
        "{text}"
    );
    assert!(text.contains(".tar.gz"), "krew cannot read tar.xz");
    // A missing platform is an error, not a silent gap.
    let partial = |t: &str| (t != "aarch64-apple-darwin").then(|| "a".repeat(64));
    assert!(dist::manifest(p, "v0.1.0", &partial).is_err());
    assert!(dist::validate(&text.replace("version: v0.1.0", "version: 0.1.0"), "doctor").is_err());
}

#[test]
fn krew_installs_the_plugin_and_kubectl_runs_it() {
    let Some(krew) = krew() else {
        assert!(
            std::env::var("CI").is_err(),
            "CI builds krew (scripts/test.sh)"
        );
        return;
    };
    let repo = repo();
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo.join("target"));
    let binary = target_dir.join("debug/kubectl-doctor");
    assert!(
        binary.exists(),
        "build kubectl-doctor first (cargo test --workspace builds it)"
    );
    let tmp = tempfile::tempdir().expect("tmp");
    let target = "x86_64-unknown-linux-musl"; // the linux/amd64 entry of the manifest
    let (archive, sha) =
        dist::archive("doctor", target, &binary, &repo, tmp.path()).expect("archive");
    assert_eq!(dist::sha256_file(&archive).expect("sha"), sha);
    // Only this platform's archive exists here; the others get placeholders the install ignores.
    let text = dist::manifest(&dist::plugins()[0], "v0.1.0", &|t| {
        Some(if t == target {
            sha.clone()
        } else {
            "0".repeat(64)
        })
    })
    .expect("manifest");
    let manifest = tmp.path().join("doctor.yaml");
    std::fs::write(&manifest, text).expect("write");
    let root = tmp.path().join("krew-root");
    let out = std::process::Command::new(&krew)
        .args([
            "install",
            &format!("--manifest={}", manifest.display()),
            &format!("--archive={}", archive.display()),
        ])
        .env("KREW_ROOT", &root)
        .env("KREW_OS", "linux")
        .env("KREW_ARCH", "amd64")
        .output()
        .expect("krew runs");
    assert!(
        out.status.success(),
        "krew install failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(root.join("bin/kubectl-doctor").exists());
    let path = format!(
        "{}:{}",
        root.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let v = std::process::Command::new("kubectl")
        .args(["doctor", "--version"])
        .env("PATH", path)
        .output()
        .expect("kubectl");
    let text = String::from_utf8_lossy(&v.stdout);
    assert!(
        text.starts_with(&format!("kubectl-doctor {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains("commit ") && text.contains("target "),
        "{text}"
    );
}
