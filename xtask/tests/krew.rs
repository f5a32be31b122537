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
        text.contains("bin: kubectl-doctor-x86_64-pc-windows-gnu/kubectl-doctor.exe"),
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
    let krew = krew();
    if !testcluster::testing::require_tool(
        krew.is_some(),
        "krew",
        "scripts/test.sh (build-krew.sh)",
    ) {
        return;
    }
    let Some(krew) = krew else { return };
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

#[test]
fn release_binaries_are_checked_for_their_target() {
    // The glibc debug build of this machine is an ELF for x86_64 that needs a loader: not a
    // release binary for the static musl target, and not one for any other platform.
    let host = std::env::current_exe().expect("test binary");
    let data = std::fs::read(&host).expect("read");
    assert_eq!(
        dist::binary_format(&data).expect("format"),
        ("elf", "x86_64", true)
    );
    dist::check_binary(&host, "x86_64-unknown-linux-gnu").expect("a glibc binary may be dynamic");
    let err = dist::check_binary(&host, "x86_64-unknown-linux-musl").expect_err("dynamic");
    assert!(err.to_string().contains("dynamic loader"), "{err}");
    let err = dist::check_binary(&host, "aarch64-apple-darwin").expect_err("wrong format");
    assert!(err.to_string().contains("not mach-o/aarch64"), "{err}");
    // Mach-O arm64 and PE x86-64 headers, as the linkers write them.
    let mut macho = vec![0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0x00, 0x00, 0x01];
    macho.resize(64, 0);
    assert_eq!(
        dist::binary_format(&macho).expect("mach-o"),
        ("mach-o", "aarch64", false)
    );
    let mut pe = vec![0u8; 0x100];
    pe[..2].copy_from_slice(b"MZ");
    pe[0x3c] = 0x80;
    pe[0x80..0x84].copy_from_slice(b"PE\0\0");
    pe[0x84..0x86].copy_from_slice(&0x8664u16.to_le_bytes());
    assert_eq!(
        dist::binary_format(&pe).expect("pe"),
        ("pe", "x86_64", false)
    );
    assert!(dist::binary_format(b"#!/bin/sh\n").is_err());
}

#[test]
fn committed_index_has_a_manifest_for_every_plugin_at_the_workspace_version() {
    // scripts/release.sh renders krew-index/plugins/ from the release archives' checksums;
    // a plugin, platform or description added since then makes this fail until it is rerun.
    let version = format!("v{}", env!("CARGO_PKG_VERSION"));
    for p in dist::plugins() {
        let path = repo().join(format!("krew-index/plugins/{}.yaml", p.name));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run scripts/release.sh)", path.display()));
        dist::validate(&text, p.name).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: serde_json::Value = serde_saphyr::from_str(&text).expect("yaml");
        let sha_of = |target: &str| {
            let stem = dist::archive_stem(p.name, target);
            v["spec"]["platforms"].as_array()?.iter().find(|x| {
                x["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with(&format!("/{stem}.tar.gz")))
            })?["sha256"]
                .as_str()
                .map(String::from)
        };
        let rendered = dist::manifest(&p, &version, &sha_of).expect("renders");
        assert_eq!(
            text,
            rendered,
            "{} is stale: run scripts/release.sh",
            path.display()
        );
    }
}
