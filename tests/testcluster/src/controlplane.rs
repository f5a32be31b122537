//! Starting, reusing, inspecting and stopping the local control plane.
//!
//! Each component runs in its own process group with its output in `<dir>/logs/`, so it
//! outlives the `cargo xtask cluster up` that started it; `down` signals each group
//! (SIGTERM, then SIGKILL) and removes the directory. State lives in `<dir>/state.json`.

use crate::bins::Bins;
use crate::pki::{self, ADMIN_TOKEN, LIMITED_TOKEN, Pki};
use anyhow::{Context, Result, bail};
use base64::Engine;
use k8s_openapi::api::core::v1::{Namespace, Node, ServiceAccount};
use k8s_openapi::api::rbac::v1::RoleBinding;
use kube::api::{Api, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::{Client, Config};
use nix::sys::signal::{Signal, kill, killpg};
use nix::unistd::Pid;
use serde::{Deserialize, Serialize};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Fake nodes created with every cluster, so that pods schedule at once.
pub const BASE_NODES: usize = 3;
/// The namespace where the `limited` user may `view`.
pub const LIMITED_NAMESPACE: &str = "team-a";
const READY_TIMEOUT: Duration = Duration::from_secs(120);

/// One running component.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Process {
    /// Component name.
    pub name: String,
    /// Its pid, which is also its process group id.
    pub pid: i32,
}

/// What `state.json` records about a running cluster.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct State {
    /// The admin kubeconfig (contexts `admin`, `limited`, `cert-admin`).
    pub kubeconfig: PathBuf,
    /// The API server URL.
    pub server: String,
    /// The components, in start order.
    pub processes: Vec<Process>,
}

impl State {
    fn path(dir: &Path) -> PathBuf {
        dir.join("state.json")
    }

    /// Reads the state of the cluster in `dir`, if one was started there.
    pub fn read(dir: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(Self::path(dir)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Whether every recorded process is still alive.
    pub fn all_alive(&self) -> bool {
        self.processes.iter().all(|p| alive(p.pid))
    }
}

fn alive(pid: i32) -> bool {
    kill(Pid::from_raw(pid), None).is_ok()
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A client for `context` of the kubeconfig at `path`.
pub async fn client_for(path: &Path, context: &str) -> Result<Client> {
    let kc = Kubeconfig::read_from(path)?;
    let opts = KubeConfigOptions {
        context: Some(context.to_string()),
        ..Default::default()
    };
    let config = Config::from_custom_kubeconfig(kc, &opts).await?;
    // With goose in the workspace build rustls has two providers and no default: pick ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(Client::try_from(config)?)
}

fn kubeconfig_yaml(server: &str, pki: &Pki) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    format!(
        r#"apiVersion: v1
kind: Config
clusters:
- name: sre-toolkit-test
  cluster:
    server: "{server}"
    certificate-authority-data: {ca}
users:
- name: admin
  user: {{token: {ADMIN_TOKEN}}}
- name: limited
  user: {{token: {LIMITED_TOKEN}}}
- name: cert-admin
  user:
    client-certificate-data: {cert}
    client-key-data: {key}
contexts:
- name: admin
  context: {{cluster: sre-toolkit-test, user: admin}}
- name: limited
  context: {{cluster: sre-toolkit-test, user: limited, namespace: {LIMITED_NAMESPACE}}}
- name: cert-admin
  context: {{cluster: sre-toolkit-test, user: cert-admin}}
current-context: admin
"#,
        ca = b64(&pki.ca_pem),
        cert = b64(&pki.client_cert_pem),
        key = b64(&pki.client_key_pem),
    )
}

/// kwok's configuration: kwokctl's default stages (pod-complete narrowed to leave load-test
/// runner pods Running), the NotReady-node and failed-container chaos stages, and the
/// repository's own fault stages from `tests/stages/`.
fn kwok_config(stages: &Path) -> Result<String> {
    let mut out = String::from(
        "apiVersion: config.kwok.x-k8s.io/v1alpha1\nkind: KwokConfiguration\noptions:\n  cidr: 10.244.0.0/16\n  \
         podPlayStageParallelism: 16\n  nodePlayStageParallelism: 8\n  nodeLeaseParallelism: 16\n  \
         podsOnNodeSyncParallelism: 4\n  enablePodsOnNodeSyncListPager: true\n  enablePodsOnNodeSyncStreamWatch: true\n",
    );
    let shipped = [
        "node/fast/node-initialize.yaml",
        "node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
        "node/chaos/node-not-ready.yaml",
        "pod/fast/pod-ready.yaml",
        "pod/fast/pod-complete.yaml",
        "pod/fast/pod-delete.yaml",
        "pod/chaos/pod-container-running-failed.yaml",
    ];
    let mut files: Vec<PathBuf> = shipped.iter().map(|f| stages.join(f)).collect();
    let ours = crate::repo_root().join("tests").join("stages");
    let mut own: Vec<PathBuf> = std::fs::read_dir(&ours)
        .with_context(|| format!("read {}", ours.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    own.sort();
    files.extend(own);
    for f in files {
        let mut stage =
            std::fs::read_to_string(&f).with_context(|| format!("read stage {}", f.display()))?;
        if f.ends_with("pod/fast/pod-complete.yaml") {
            // Job pods complete at once under kwok, but a load-test runner pod must stay
            // Running until its process (run by the tests' stand-in) ends: leave pods
            // labelled with a load run to the test.
            stage = stage.replacen(
                "    - key: '.metadata.ownerReferences.[].kind'",
                "    - key: '.metadata.labels[\"load.sre-toolkit.io/run\"]'\n      operator: 'DoesNotExist'\n    - key: '.metadata.ownerReferences.[].kind'",
                1,
            );
        }
        out.push_str("---\n");
        out.push_str(&stage);
        if !out.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

struct Launcher {
    dir: PathBuf,
    children: Vec<(String, Child)>,
}

impl Launcher {
    fn spawn(
        &mut self,
        name: &str,
        program: &Path,
        args: &[String],
        env: &[(&str, &Path)],
    ) -> Result<()> {
        let logs = self.dir.join("logs");
        std::fs::create_dir_all(&logs)?;
        let log = std::fs::File::create(logs.join(format!("{name}.log")))?;
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .process_group(0);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .with_context(|| format!("failed to start {}", program.display()))?;
        self.children.push((name.to_string(), child));
        Ok(())
    }

    /// Fails if any component exited, naming it and the tail of its log.
    fn check_alive(&mut self) -> Result<()> {
        for (name, child) in &mut self.children {
            if let Some(status) = child.try_wait()? {
                let log =
                    std::fs::read_to_string(self.dir.join("logs").join(format!("{name}.log")))
                        .unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(15).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                bail!(
                    "{name} exited during start-up ({status}):\n{}",
                    tail.join("\n")
                );
            }
        }
        Ok(())
    }

    fn processes(&self) -> Vec<Process> {
        self.children
            .iter()
            .map(|(name, c)| Process {
                name: name.clone(),
                pid: c.id() as i32,
            })
            .collect()
    }

    fn kill_all(&mut self) {
        for (_, child) in self.children.iter_mut().rev() {
            let _ = killpg(Pid::from_raw(child.id() as i32), Signal::SIGKILL);
            let _ = child.wait();
        }
    }
}

async fn wait_for<F, Fut>(launcher: &mut Launcher, what: &str, mut probe: F) -> Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    loop {
        launcher.check_alive()?;
        if probe().await {
            tracing::info!("{what} ready after {:.1}s", start.elapsed().as_secs_f64());
            return Ok(());
        }
        if start.elapsed() > READY_TIMEOUT {
            bail!(
                "timed out after {}s waiting for {what}",
                READY_TIMEOUT.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn etcd_healthy(port: u16) -> bool {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return false;
    };
    if s.write_all(b"GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .is_err()
    {
        return false;
    }
    let mut buf = String::new();
    let _ = tokio::time::timeout(Duration::from_secs(2), s.read_to_string(&mut buf)).await;
    buf.contains("\"health\":\"true\"")
}

async fn apiserver_ready(client: &Client) -> bool {
    let Ok(req) = http::Request::get("/readyz").body(Vec::new()) else {
        return false;
    };
    matches!(client.request_text(req).await, Ok(body) if body.trim() == "ok")
}

/// A fake node as kwok expects it: annotated, labelled, with capacity.
pub fn fake_node(name: &str) -> Node {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "annotations": {"node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake"},
            "labels": {
                "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
                "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux", "kubernetes.io/role": "agent",
                "node-role.kubernetes.io/agent": "", "type": "kwok"
            }
        },
        "status": {
            "allocatable": {"cpu": "32", "memory": "256Gi", "pods": "110", "ephemeral-storage": "1Ti"},
            "capacity": {"cpu": "32", "memory": "256Gi", "pods": "110", "ephemeral-storage": "1Ti"},
            "nodeInfo": {"kubeletVersion": "fake", "kubeProxyVersion": "fake", "architecture": "amd64",
                         "operatingSystem": "linux", "containerRuntimeVersion": "fake", "kernelVersion": "fake",
                         "osImage": "fake", "machineID": "", "systemUUID": "", "bootID": ""}
        }
    }))
    .expect("static node manifest is valid")
}

/// Whether a node's Ready condition is True.
pub fn node_ready(node: &Node) -> bool {
    node.status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

async fn create_ignoring_conflict<K>(api: &Api<K>, obj: &K) -> Result<()>
where
    K: kube::Resource + Clone + serde::de::DeserializeOwned + Serialize + std::fmt::Debug,
{
    match api.create(&PostParams::default(), obj).await {
        Ok(_) => Ok(()),
        Err(kube::Error::Api(s)) if s.code == 409 => Ok(()),
        Err(e) => Err(e.into()),
    }
}

async fn bootstrap(client: &Client, launcher: &mut Launcher) -> Result<()> {
    let sas: Api<ServiceAccount> = Api::namespaced(client.clone(), "default");
    wait_for(
        launcher,
        "kube-controller-manager (default ServiceAccount)",
        || {
            let sas = sas.clone();
            async move { sas.get_opt("default").await.ok().flatten().is_some() }
        },
    )
    .await?;
    let nss: Api<Namespace> = Api::all(client.clone());
    let ns: Namespace =
        serde_json::from_value(serde_json::json!({"metadata": {"name": LIMITED_NAMESPACE}}))?;
    create_ignoring_conflict(&nss, &ns).await?;
    let rbs: Api<RoleBinding> = Api::namespaced(client.clone(), LIMITED_NAMESPACE);
    let rb: RoleBinding = serde_json::from_value(serde_json::json!({
        "metadata": {"name": "limited-view"},
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
        "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": "limited"}]
    }))?;
    create_ignoring_conflict(&rbs, &rb).await?;
    let nodes: Api<Node> = Api::all(client.clone());
    for i in 0..BASE_NODES {
        create_ignoring_conflict(&nodes, &fake_node(&format!("kwok-node-{i}"))).await?;
    }
    wait_for(launcher, "fake nodes Ready (kwok)", || {
        let nodes = nodes.clone();
        async move {
            match nodes.list(&Default::default()).await {
                Ok(l) => l.items.iter().filter(|n| node_ready(n)).count() >= BASE_NODES,
                Err(_) => false,
            }
        }
    })
    .await
}

/// Starts a cluster in `dir`, or reuses the one running there. Returns its state.
pub async fn up(dir: &Path) -> Result<State> {
    if let Some(state) = State::read(dir)
        && state.all_alive()
        && let Ok(client) = client_for(&state.kubeconfig, "admin").await
        && apiserver_ready(&client).await
    {
        tracing::info!("reusing the running cluster at {}", state.server);
        return Ok(state);
    }
    down(dir)?;
    let bins = Bins::ensure()?;
    let mut last = None;
    // Free ports are found by binding and closing, which races with other processes:
    // retry with fresh ports when a component fails to start.
    for attempt in 1..=3 {
        match start(dir, &bins).await {
            Ok(state) => return Ok(state),
            Err(e) => {
                tracing::warn!("start attempt {attempt} failed: {e:#}");
                last = Some(e);
            }
        }
    }
    Err(last.unwrap_or_else(|| anyhow::anyhow!("cluster start failed")))
}

async fn start(dir: &Path, bins: &Bins) -> Result<State> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir)?;
    let dir = dir.canonicalize()?;
    let p = dir.join("pki");
    let pki = pki::generate(&p)?;
    let (ec, ep, ap, kcm_port, sched_port, kp) = (
        free_port()?,
        free_port()?,
        free_port()?,
        free_port()?,
        free_port()?,
        free_port()?,
    );
    let server = format!("https://127.0.0.1:{ap}");
    let kubeconfig = dir.join("kubeconfig");
    std::fs::write(&kubeconfig, kubeconfig_yaml(&server, &pki))?;
    std::fs::write(dir.join("kwok.yaml"), kwok_config(&bins.stages)?)?;
    let d = |s: &str| dir.join(s).display().to_string();
    let pk = |s: &str| p.join(s).display().to_string();
    let kc = kubeconfig.display().to_string();

    let mut l = Launcher {
        dir: dir.clone(),
        children: Vec::new(),
    };
    let result: Result<()> = async {
        l.spawn(
            "etcd",
            &bins.etcd,
            &[
                "--name=node0".into(),
                format!("--data-dir={}", d("etcd")),
                "--log-level=warn".into(),
                format!("--initial-cluster=node0=http://127.0.0.1:{ep}"),
                format!("--listen-client-urls=http://127.0.0.1:{ec}"),
                format!("--advertise-client-urls=http://127.0.0.1:{ec}"),
                format!("--listen-peer-urls=http://127.0.0.1:{ep}"),
                format!("--initial-advertise-peer-urls=http://127.0.0.1:{ep}"),
                "--unsafe-no-fsync=true".into(),
                "--quota-backend-bytes=8589934592".into(),
                "--auto-compaction-retention=1".into(),
            ],
            &[],
        )?;
        wait_for(&mut l, "etcd", || etcd_healthy(ec)).await?;
        l.spawn(
            "kube-apiserver",
            &bins.apiserver,
            &[
                format!("--etcd-servers=http://127.0.0.1:{ec}"),
                format!("--cert-dir={}", d("apiserver")),
                "--bind-address=127.0.0.1".into(),
                "--advertise-address=127.0.0.1".into(),
                format!("--secure-port={ap}"),
                "--endpoint-reconciler-type=none".into(),
                format!("--tls-cert-file={}", pk("apiserver.crt")),
                format!("--tls-private-key-file={}", pk("apiserver.key")),
                format!("--client-ca-file={}", pk("ca.crt")),
                format!("--token-auth-file={}", pk("tokens.csv")),
                "--authorization-mode=RBAC".into(),
                "--allow-privileged=true".into(),
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local".into(),
                format!("--service-account-key-file={}", pk("sa.pub")),
                format!("--service-account-signing-key-file={}", pk("sa.key")),
                "--service-cluster-ip-range=10.96.0.0/12".into(),
                "--max-requests-inflight=0".into(),
                "--max-mutating-requests-inflight=0".into(),
                "--enable-priority-and-fairness=false".into(),
                "--profiling=false".into(),
            ],
            &[],
        )?;
        let client = {
            let kubeconfig = kubeconfig.clone();
            let mut found = None;
            let start = Instant::now();
            while found.is_none() {
                l.check_alive()?;
                if let Ok(c) = client_for(&kubeconfig, "admin").await
                    && apiserver_ready(&c).await
                {
                    found = Some(c);
                } else if start.elapsed() > READY_TIMEOUT {
                    bail!("timed out waiting for kube-apiserver /readyz");
                } else {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
            }
            found.expect("loop exits with a client")
        };
        l.spawn(
            "kube-controller-manager",
            &bins.controller_manager,
            &[
                format!("--kubeconfig={kc}"),
                "--leader-elect=false".into(),
                "--bind-address=127.0.0.1".into(),
                format!("--secure-port={kcm_port}"),
                format!("--cert-dir={}", d("kcm")),
                "--kube-api-qps=5000".into(),
                "--kube-api-burst=10000".into(),
                format!("--service-account-private-key-file={}", pk("sa.key")),
                format!("--root-ca-file={}", pk("ca.crt")),
                "--concurrent-deployment-syncs=20".into(),
                "--concurrent-replicaset-syncs=20".into(),
                "--concurrent-gc-syncs=50".into(),
            ],
            &[],
        )?;
        l.spawn(
            "kube-scheduler",
            &bins.scheduler,
            &[
                format!("--kubeconfig={kc}"),
                "--leader-elect=false".into(),
                "--bind-address=127.0.0.1".into(),
                format!("--secure-port={sched_port}"),
                format!("--cert-dir={}", d("scheduler")),
                "--kube-api-qps=5000".into(),
                "--kube-api-burst=10000".into(),
            ],
            &[],
        )?;
        let kwok_home = dir.join("kwok-home");
        std::fs::create_dir_all(&kwok_home)?;
        l.spawn(
            "kwok",
            &bins.kwok,
            &[
                format!("--kubeconfig={kc}"),
                format!("--config={}", d("kwok.yaml")),
                // Only nodes annotated as fake: tests create unmanaged nodes whose status stays as written.
                "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake".into(),
                "--cidr=10.244.0.0/16".into(),
                "--node-ip=10.240.0.1".into(),
                "--node-name=kwok-controller".into(),
                format!("--node-port={kp}"),
                format!("--server-address=127.0.0.1:{kp}"),
                "--node-lease-duration-seconds=40".into(),
            ],
            &[("HOME", &kwok_home)],
        )?;
        bootstrap(&client, &mut l).await
    }
    .await;
    if let Err(e) = result {
        l.kill_all();
        return Err(e);
    }
    let state = State {
        kubeconfig,
        server,
        processes: l.processes(),
    };
    std::fs::write(State::path(&dir), serde_json::to_string_pretty(&state)?)?;
    Ok(state)
}

/// Stops the cluster in `dir` (if any) and removes the directory. Returns whether one ran.
pub fn down(dir: &Path) -> Result<bool> {
    let Some(state) = State::read(dir) else {
        if dir.exists() {
            std::fs::remove_dir_all(dir).with_context(|| format!("remove {}", dir.display()))?;
        }
        return Ok(false);
    };
    for p in state.processes.iter().rev() {
        let _ = killpg(Pid::from_raw(p.pid), Signal::SIGTERM);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while state.processes.iter().any(|p| alive(p.pid)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    for p in &state.processes {
        if alive(p.pid) {
            let _ = killpg(Pid::from_raw(p.pid), Signal::SIGKILL);
        }
    }
    std::fs::remove_dir_all(dir).with_context(|| format!("remove {}", dir.display()))?;
    Ok(true)
}

/// Whether one recorded component still runs.
#[derive(Debug, Clone)]
pub struct ComponentStatus {
    /// Component name.
    pub name: String,
    /// Its pid.
    pub pid: i32,
    /// Whether it is alive.
    pub running: bool,
}

/// The recorded state and each component's status, if a cluster was started in `dir`.
pub fn status(dir: &Path) -> Option<(State, Vec<ComponentStatus>)> {
    let state = State::read(dir)?;
    let rows = state
        .processes
        .iter()
        .map(|p| ComponentStatus {
            name: p.name.clone(),
            pid: p.pid,
            running: alive(p.pid),
        })
        .collect();
    Some((state, rows))
}
