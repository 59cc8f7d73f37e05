//! `cargo xtask bench-scrape`: wall time of a scrape and the process's peak memory.
//!
//! The criterion bench (`cargo bench -p xtask`) gives the statistics; this gives the one number
//! criterion cannot, the peak resident set size (VmHWM in `/proc/self/status`, Linux only).

use std::time::{Duration, Instant};

use anyhow::Result;

use crate::scrape;

/// Timings of repeated scrapes of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchReport {
    /// Wall time of each run, in order.
    pub runs: Vec<Duration>,
    /// Peak resident set size of the process after the runs, in KiB (None off Linux).
    pub peak_rss_kib: Option<u64>,
}

impl BenchReport {
    /// The fastest run.
    pub fn min(&self) -> Duration {
        self.runs.iter().copied().min().unwrap_or_default()
    }

    /// The median run.
    pub fn median(&self) -> Duration {
        let mut sorted = self.runs.clone();
        sorted.sort();
        sorted.get(sorted.len() / 2).copied().unwrap_or_default()
    }

    /// The slowest run.
    pub fn max(&self) -> Duration {
        self.runs.iter().copied().max().unwrap_or_default()
    }
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        writeln!(
            f,
            "scrape: {} runs, min {:.1} ms, median {:.1} ms, max {:.1} ms",
            self.runs.len(),
            ms(self.min()),
            ms(self.median()),
            ms(self.max())
        )?;
        match self.peak_rss_kib {
            Some(kib) => write!(f, "peak RSS (VmHWM): {kib} KiB ({:.1} MiB)", kib as f64 / 1024.0),
            None => write!(f, "peak RSS: unknown (no /proc/self/status)"),
        }
    }
}

/// Scrapes `html` `runs` times (at least once).
pub fn bench_scrape(html: &str, runs: usize) -> Result<BenchReport> {
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let spec = scrape::scrape_html(html)?;
        times.push(start.elapsed());
        std::hint::black_box(spec);
    }
    Ok(BenchReport {
        runs: times,
        peak_rss_kib: peak_rss_kib(),
    })
}

/// VmHWM from `/proc/self/status`, in KiB.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_vm_hwm() {
        let status = "Name:\txtask\nVmPeak:\t  200 kB\nVmHWM:\t   53124 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(53124));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
    }

    #[test]
    fn summarises_runs() {
        let report = BenchReport {
            runs: vec![
                Duration::from_millis(30),
                Duration::from_millis(10),
                Duration::from_millis(20),
            ],
            peak_rss_kib: Some(2048),
        };
        assert_eq!(report.min(), Duration::from_millis(10));
        assert_eq!(report.median(), Duration::from_millis(20));
        assert_eq!(report.max(), Duration::from_millis(30));
        assert_eq!(
            report.to_string(),
            "scrape: 3 runs, min 10.0 ms, median 20.0 ms, max 30.0 ms\npeak RSS (VmHWM): 2048 KiB (2.0 MiB)"
        );
    }
}
