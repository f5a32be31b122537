//! The stress worker (`kubectl-chaos stress-worker`), what the stress fault's ephemeral
//! container runs: N busy threads and M MiB of touched memory, for a duration, then exit.

use std::time::{Duration, Instant};

/// Burns `cpu` threads and holds `memory_mib` MiB until `duration` has passed.
pub fn run(cpu: u32, memory_mib: u64, duration: Duration) {
    let end = Instant::now() + duration;
    let mut hold: Vec<Vec<u8>> = Vec::new();
    for _ in 0..memory_mib {
        // Touch every page so the memory is resident.
        hold.push(vec![1u8; 1 << 20]);
    }
    let threads: Vec<_> = (0..cpu)
        .map(|_| {
            std::thread::spawn(move || {
                let mut x: u64 = 1;
                while Instant::now() < end {
                    for _ in 0..10_000 {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                    }
                    std::hint::black_box(x);
                }
            })
        })
        .collect();
    while Instant::now() < end {
        std::thread::sleep(
            Duration::from_millis(100).min(end.saturating_duration_since(Instant::now())),
        );
    }
    for t in threads {
        let _ = t.join();
    }
    std::hint::black_box(&hold);
}
