//! Release archives and krew manifests.
//!
//! An archive is `kubectl-<plugin>-<target>.tar.gz` (krew cannot read tar.xz) with one root
//! directory holding the binary, its `kubectl_complete-<plugin>` shim, LICENSE and README.md.
//! A manifest (krew `v1alpha2`) has one platform per os/arch, each with the archive's URI,
//! its sha256 and a `bin` path that includes the root directory.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};

/// Where released archives are downloaded from.
pub const RELEASE_URL: &str = "https://github.com/sre-toolkit/sre-toolkit/releases/download";

/// The five platforms every manifest lists: (os, arch, Rust target). Windows is the GNU
/// target: it links with zig's mingw-w64, while MSVC's libraries cannot be fetched here.
pub const PLATFORMS: &[(&str, &str, &str)] = &[
    ("linux", "amd64", "x86_64-unknown-linux-musl"),
    ("linux", "arm64", "aarch64-unknown-linux-musl"),
    ("darwin", "amd64", "x86_64-apple-darwin"),
    ("darwin", "arm64", "aarch64-apple-darwin"),
    ("windows", "amd64", "x86_64-pc-windows-gnu"),
];

/// What krew shows about a plugin.
#[derive(Debug, Clone)]
pub struct PluginInfo {
    /// The krew name (`doctor`).
    pub name: &'static str,
    /// One line, no flags.
    pub short: &'static str,
    /// A paragraph.
    pub description: &'static str,
    /// Extra steps a user must take, if any.
    pub caveats: Option<&'static str>,
}

/// Every plugin that ships.
pub fn plugins() -> Vec<PluginInfo> {
    vec![
        PluginInfo {
            name: "doctor",
            short: "Cluster health in seconds, with a score and safe fixes",
            description: "Diagnoses nodes, pods, workloads, networking, storage, autoscaling, the control plane and events in one \
paginated pass, audits workload security, scores each section for CI gates (JUnit, SARIF, JSON), and with \
`heal` restarts crash-looping workloads and removes evicted pods, dry-run first.",
            caveats: Some(
                "For `kubectl doctor <TAB>`, put kubectl_complete-doctor (in the archive) on your PATH.\n\
Read-only RBAC for users: manifests/doctor/rbac.yaml; the in-cluster heal CronJob: manifests/doctor/heal-cronjob.yaml.",
            ),
        },
        PluginInfo {
            name: "certs",
            short: "Every certificate in the cluster and on its endpoints, checked",
            description: "Finds every certificate in Secrets of any type, ConfigMaps, webhook/APIService/CRD caBundles, the \
kubeconfig and live TLS endpoints, and checks expiry, chains (rustls-webpki), private key match, weak keys and \
signatures, SANs against Ingress and Gateway hosts, and cert-manager status. Table, JSON, YAML or Prometheus output \
with CI exit codes; an exporter mode compatible with x509-certificate-exporter's metrics; webhook and Slack notifications.",
            caveats: Some(
                "For `kubectl certs <TAB>`, put kubectl_complete-certs (in the archive) on your PATH.\n\
Reading Secrets needs `list secrets`: manifests/certs/rbac.yaml is the read-only ClusterRole; \
manifests/certs/exporter.yaml runs the Prometheus exporter in the cluster.",
            ),
        },
        PluginInfo {
            name: "load",
            short: "HTTP load tests fanned out to runner pods, merged correctly",
            description: "Open-model (constant arrival rate, ramps) and closed-model HTTP load tests whose latencies are \
measured from each request's intended start (no coordinated omission), user-journey scenarios on goose, and \
distributed runs in an Indexed Job of runner pods that start together and report through the API; histograms \
are merged and thresholds judged on the merged result. Table, JSON, Markdown and HTML reports; compare two runs.",
            caveats: Some(
                "For `kubectl load <TAB>`, put kubectl_complete-load (in the archive) on your PATH.\n\
In-cluster runs need the runners' ServiceAccount: `kubectl load rbac -n NAMESPACE | kubectl apply -f -`.",
            ),
        },
        PluginInfo {
            name: "chaos",
            short: "Fault injection with a steady-state hypothesis and guaranteed rollback",
            description: "Kills pods and containers, fails pods, cordons and drains nodes (PodDisruptionBudgets respected), \
scales workloads to zero, adds latency, loss or bandwidth limits (tc in an ephemeral container) and CPU or memory \
stress, with nothing installed in the cluster. Experiments check a steady-state hypothesis (HTTP, Kubernetes and \
Prometheus probes) before, during and after, measure time to recover, and always roll back. Dry-run, protected \
namespaces, a blast radius and an audit trail of Events.",
            caveats: Some(
                "For `kubectl chaos <TAB>`, put kubectl_complete-chaos (in the archive) on your PATH.\n\
Network faults need NET_ADMIN in an ephemeral container: Pod Security level privileged in the target namespace.",
            ),
        },
    ]
}

/// The archive's base name (also its root directory).
pub fn archive_stem(plugin: &str, target: &str) -> String {
    format!("kubectl-{plugin}-{target}")
}

/// The binary's file name for a target (`.exe` on Windows).
pub fn exe_name(plugin: &str, target: &str) -> String {
    if target.contains("windows") {
        format!("kubectl-{plugin}.exe")
    } else {
        format!("kubectl-{plugin}")
    }
}

/// Lower-case hex sha256 of a file.
pub fn sha256_file(path: &Path) -> Result<String> {
    let data = std::fs::read(path).with_context(|| format!("read {}", path.display()))?;
    let digest = ring::digest::digest(&ring::digest::SHA256, &data);
    Ok(digest.as_ref().iter().map(|b| format!("{b:02x}")).collect())
}

/// Builds `out/kubectl-<plugin>-<target>.tar.gz` from `binary`; returns its path and sha256
/// (also written next to it as `.sha256`).
pub fn archive(
    plugin: &str,
    target: &str,
    binary: &Path,
    repo: &Path,
    out: &Path,
) -> Result<(PathBuf, String)> {
    let stem = archive_stem(plugin, target);
    let stage = out.join("stage");
    let root = stage.join(&stem);
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root)?;
    let exe = exe_name(plugin, target);
    std::fs::copy(binary, root.join(&exe)).with_context(|| format!("copy {}", binary.display()))?;
    let shim = format!("kubectl_complete-{plugin}");
    for (from, to) in [
        (repo.join("completions").join(&shim), shim.clone()),
        (repo.join("LICENSE"), "LICENSE".into()),
        (repo.join("README.md"), "README.md".into()),
    ] {
        std::fs::copy(&from, root.join(&to)).with_context(|| format!("copy {}", from.display()))?;
    }
    let tarball = out.join(format!("{stem}.tar.gz"));
    let status = std::process::Command::new("tar")
        .arg("-C")
        .arg(&stage)
        .args(["--owner=0", "--group=0", "-czf"])
        .arg(&tarball)
        .arg(&stem)
        .status()
        .context("run tar")?;
    if !status.success() {
        bail!("tar failed for {stem}");
    }
    let sha = sha256_file(&tarball)?;
    std::fs::write(
        out.join(format!("{stem}.tar.gz.sha256")),
        format!("{sha}  {stem}.tar.gz\n"),
    )?;
    Ok((tarball, sha))
}

/// Renders the krew manifest for `plugin` at `version` (with the `v`). `sha256(target)`
/// gives each platform's checksum; every platform must have one.
pub fn manifest(
    plugin: &PluginInfo,
    version: &str,
    sha256: &dyn Fn(&str) -> Option<String>,
) -> Result<String> {
    let mut platforms = String::new();
    for (os, arch, target) in PLATFORMS {
        let stem = archive_stem(plugin.name, target);
        let Some(sha) = sha256(target) else {
            bail!("no archive checksum for {target}")
        };
        let exe = exe_name(plugin.name, target);
        platforms.push_str(&format!(
            "  - selector:\n      matchLabels: {{os: {os}, arch: {arch}}}\n    uri: {RELEASE_URL}/{version}/{stem}.tar.gz\n    sha256: \"{sha}\"\n    bin: {stem}/{exe}\n"
        ));
    }
    let indent = |t: &str| {
        t.lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let caveats = plugin
        .caveats
        .map(|c| format!("  caveats: |\n{}\n", indent(c)))
        .unwrap_or_default();
    Ok(format!(
        "apiVersion: krew.googlecontainertools.github.com/v1alpha2\nkind: Plugin\nmetadata:\n  name: {name}\nspec:\n  version: {version}\n  \
         homepage: https://github.com/sre-toolkit/sre-toolkit\n  shortDescription: {short}\n  description: |\n{desc}\n{caveats}  platforms:\n{platforms}",
        name = plugin.name,
        short = plugin.short,
        desc = indent(plugin.description),
    ))
}

/// Structural checks krew's index CI also makes: name, version with `v`, all five
/// platforms, a 64-hex sha256 and a `bin` under the archive's root directory each.
pub fn validate(manifest: &str, plugin: &str) -> Result<()> {
    let v: serde_json::Value =
        serde_saphyr::from_str(manifest).context("manifest is not valid YAML")?;
    if v["apiVersion"] != "krew.googlecontainertools.github.com/v1alpha2" || v["kind"] != "Plugin" {
        bail!("not a krew v1alpha2 Plugin");
    }
    if v["metadata"]["name"] != plugin {
        bail!("metadata.name is not {plugin}");
    }
    if !v["spec"]["version"]
        .as_str()
        .is_some_and(|s| s.starts_with('v'))
    {
        bail!("spec.version must start with v");
    }
    let platforms = v["spec"]["platforms"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (os, arch, target) in PLATFORMS {
        let p = platforms
            .iter()
            .find(|p| {
                p["selector"]["matchLabels"]["os"] == *os
                    && p["selector"]["matchLabels"]["arch"] == *arch
            })
            .with_context(|| format!("no platform {os}/{arch}"))?;
        let sha = p["sha256"].as_str().unwrap_or_default();
        if sha.len() != 64 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
            bail!("{os}/{arch}: sha256 is not 64 hex digits");
        }
        let stem = archive_stem(plugin, target);
        if !p["bin"]
            .as_str()
            .is_some_and(|b| b.starts_with(&format!("{stem}/")))
            || !p["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with(&format!("{stem}.tar.gz")))
        {
            bail!("{os}/{arch}: uri and bin must use {stem}");
        }
    }
    Ok(())
}

/// What a release binary must be for its target: (container format, machine).
fn expected_format(target: &str) -> Result<(&'static str, &'static str)> {
    let arch = if target.starts_with("x86_64") {
        "x86_64"
    } else if target.starts_with("aarch64") {
        "aarch64"
    } else {
        bail!("no expected machine for {target}")
    };
    let format = if target.contains("linux") {
        "elf"
    } else if target.contains("apple") {
        "mach-o"
    } else if target.contains("windows") {
        "pe"
    } else {
        bail!("no expected format for {target}")
    };
    Ok((format, arch))
}

/// Reads a binary's header: its container format and machine, and for ELF whether it
/// asks for a dynamic loader (a release Linux binary must be static).
pub fn binary_format(data: &[u8]) -> Result<(&'static str, &'static str, bool)> {
    let u16le = |o: usize| data.get(o..o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32le = |o: usize| {
        data.get(o..o + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    if data.starts_with(b"\x7fELF") {
        let machine = match u16le(18) {
            Some(62) => "x86_64",
            Some(183) => "aarch64",
            _ => "other",
        };
        // Program headers: offset at 32 (u64), entry size at 54, count at 56 (64-bit LE).
        let phoff = data
            .get(32..40)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()) as usize);
        let (Some(phoff), Some(size), Some(count)) = (phoff, u16le(54), u16le(56)) else {
            bail!("truncated ELF header")
        };
        let interp = (0..count as usize).any(|i| u32le(phoff + i * size as usize) == Some(3));
        return Ok(("elf", machine, interp));
    }
    if u32le(0) == Some(0xfeed_facf) {
        let machine = match u32le(4) {
            Some(0x0100_0007) => "x86_64",
            Some(0x0100_000c) => "aarch64",
            _ => "other",
        };
        return Ok(("mach-o", machine, false));
    }
    if data.starts_with(b"MZ") {
        let pe = u32le(0x3c).context("truncated PE header")? as usize;
        if data.get(pe..pe + 4) != Some(b"PE\0\0") {
            bail!("MZ header without a PE signature");
        }
        let machine = match u16le(pe + 4) {
            Some(0x8664) => "x86_64",
            Some(0xaa64) => "aarch64",
            _ => "other",
        };
        return Ok(("pe", machine, false));
    }
    bail!("not an ELF, Mach-O or PE binary")
}

/// Fails unless `binary` is an executable for `target` (static, for musl targets).
pub fn check_binary(binary: &Path, target: &str) -> Result<()> {
    let data = std::fs::read(binary).with_context(|| format!("read {}", binary.display()))?;
    let (format, machine, dynamic) = binary_format(&data)?;
    let want = expected_format(target)?;
    if (format, machine) != want {
        bail!(
            "{} is {format}/{machine}, not {}/{} for {target}",
            binary.display(),
            want.0,
            want.1
        );
    }
    if dynamic && target.contains("musl") {
        bail!(
            "{} needs a dynamic loader; release Linux (musl) binaries are static",
            binary.display()
        );
    }
    Ok(())
}
