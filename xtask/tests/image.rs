//! The runner image's Dockerfile, checked structurally (no container engine runs here):
//! multi-stage, a non-root user, tc present, and every binary it copies is a plugin of
//! this workspace that the image's users need.

fn dockerfile() -> String {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    std::fs::read_to_string(repo.join("images/runner/Dockerfile"))
        .expect("images/runner/Dockerfile")
}

#[test]
fn runner_image_is_multi_stage_non_root_and_has_tc() {
    let d = dockerfile();
    let stages = d.lines().filter(|l| l.starts_with("FROM ")).count();
    assert_eq!(stages, 2, "build stage + runtime stage");
    assert!(d.contains("AS build") && d.contains("COPY --from=build"));
    let user = d
        .lines()
        .rev()
        .find(|l| l.starts_with("USER "))
        .expect("a USER line");
    assert!(!user.contains("root") && !user.contains(" 0"), "{user}");
    assert!(d.contains("iproute2"), "tc for kubectl chaos");
    assert!(d.contains("--locked"), "reproducible: the lockfile");
    for plugin in [
        "kubectl-load",
        "kubectl-chaos",
        "kubectl-certs",
        "kubectl-doctor",
    ] {
        assert!(d.contains(&format!("-p {plugin}")), "{plugin} is built");
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../plugins")
            .join(plugin.trim_start_matches("kubectl-"))
            .join("Cargo.toml");
        assert!(manifest.exists(), "{plugin} is a workspace package");
    }
    // The manifests that use the image reference the released version.
    let version = env!("CARGO_PKG_VERSION");
    for m in [
        "manifests/certs/exporter.yaml",
        "manifests/doctor/heal-cronjob.yaml",
    ] {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join(m),
        )
        .expect(m);
        assert!(
            text.contains(&format!("ghcr.io/sre-toolkit/runner:v{version}")),
            "{m}"
        );
    }
}
