//! The tc commands a network fault runs, for real, inside a Linux network namespace on this
//! machine (`ip netns`, needs root; no pod can run here, so the script is what is tested).
//! Bandwidth (tbf) is applied and measured, and removed when the duration ends. Latency and
//! loss need the sch_netem kernel module: where the kernel has it the added latency is
//! measured; where it does not (this CI machine's kernel) the script must say so plainly and
//! exit 3, which is what a pod on such a node would report.
#![allow(clippy::unwrap_used, clippy::print_stderr)] // measurements are printed for the README

use std::process::Command;
use std::time::Duration;

fn root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

struct Netns(String);

impl Netns {
    fn new(name: &str) -> Option<Self> {
        let _ = Command::new("ip").args(["netns", "del", name]).output();
        let ok = Command::new("ip")
            .args(["netns", "add", name])
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return None;
        }
        let _ = Command::new("ip")
            .args(["netns", "exec", name, "ip", "link", "set", "lo", "up"])
            .status();
        Some(Self(name.into()))
    }

    fn exec(&self, args: &[&str]) -> Command {
        let mut c = Command::new("ip");
        c.args(["netns", "exec", &self.0]).args(args);
        c
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.0]).status();
    }
}

/// Seconds to move `mib` MiB over TCP on loopback inside the namespace.
fn transfer_seconds(ns: &Netns, mib: usize) -> f64 {
    let py = format!(
        "import socket,threading,time\n\
s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(1); port=s.getsockname()[1]\n\
def serve():\n  c,_=s.accept(); c.sendall(b'x'*({mib}<<20)); c.close()\n\
threading.Thread(target=serve).start()\n\
t=time.time(); k=socket.create_connection(('127.0.0.1',port)); n=0\n\
while True:\n  b=k.recv(1<<16)\n  if not b: break\n  n+=len(b)\n\
print(time.time()-t)\n"
    );
    let out = ns.exec(&["python3", "-c", &py]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// Median TCP connect round trip on loopback inside the namespace, milliseconds.
fn connect_ms(ns: &Netns) -> f64 {
    let py = "import socket,time,statistics\n\
s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(64); p=s.getsockname()[1]\n\
r=[]\n\
for _ in range(9):\n  t=time.time(); c=socket.create_connection(('127.0.0.1',p)); r.append((time.time()-t)*1000); c.close(); s.accept()[0].close()\n\
print(statistics.median(r))\n";
    let out = ns.exec(&["python3", "-c", py]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

#[test]
fn tc_script_in_a_network_namespace() {
    let usable = root() && Command::new("tc").arg("-V").output().is_ok();
    if !testcluster::testing::require_tool(usable, "root with tc", "scripts/test.sh (iproute2)") {
        return;
    }
    let ns = Netns::new(&format!("chaos-test-{}", std::process::id()));
    if !testcluster::testing::require_tool(ns.is_some(), "ip netns", "root and iproute2") {
        return;
    }
    let Some(ns) = ns else { return };
    // Bandwidth: 8 Mbit/s for 6 s while 2 MiB move; then the script removes the qdisc.
    let baseline = transfer_seconds(&ns, 2);
    let shape = chaos::netem::Shape {
        bandwidth_kbit: Some(8000),
        ..Default::default()
    };
    let script = chaos::netem::script(&shape, "lo", Duration::from_secs(6));
    let fault = ns
        .exec(&["sh", "-c", &script])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let qdisc = String::from_utf8_lossy(
        &ns.exec(&["tc", "qdisc", "show", "dev", "lo"])
            .output()
            .unwrap()
            .stdout,
    )
    .to_string();
    assert!(qdisc.contains("tbf"), "{qdisc}");
    // Order, not a time bound: the shaped transfer is slower than the same one before.
    let shaped = transfer_seconds(&ns, 2);
    assert!(
        shaped > baseline,
        "2 MiB at 8 Mbit/s took {shaped:.3} s, no slower than the baseline {baseline:.3} s"
    );
    let out = fault.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("network fault removed"));
    let qdisc = String::from_utf8_lossy(
        &ns.exec(&["tc", "qdisc", "show", "dev", "lo"])
            .output()
            .unwrap()
            .stdout,
    )
    .to_string();
    assert!(!qdisc.contains("tbf"), "removed at the end: {qdisc}");
    eprintln!("bandwidth fault: 2 MiB in {baseline:.3} s before, {shaped:.3} s under 8 Mbit/s");

    // Latency: netem.
    let shape = chaos::netem::Shape {
        latency: Some(Duration::from_millis(50)),
        ..Default::default()
    };
    let script = chaos::netem::script(&shape, "lo", Duration::from_secs(3));
    let before = connect_ms(&ns);
    let mut fault = ns
        .exec(&["sh", "-c", &script])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    if fault.try_wait().unwrap().is_some() {
        let out = fault.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{err}");
        assert!(
            err.contains("the node's kernel lacks the qdisc module") && err.contains("sch_netem"),
            "{err}"
        );
        eprintln!(
            "this kernel has no sch_netem: the script reported it ({})",
            err.trim()
        );
    } else {
        let during = connect_ms(&ns);
        let _ = fault.wait();
        assert!(
            during > before,
            "50 ms each way: connect {before:.2} ms before, {during:.2} ms during"
        );
    }
}
