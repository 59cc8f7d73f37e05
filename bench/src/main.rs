//! `bench-echo`: the echobot example against a lean fake Bot API server on loopback, beside a
//! bare `getUpdates` -> `sendMessage` loop on the same server in the same run.
//!
//! ```sh
//! cargo xtask bench-echo            # or: cargo run --release -p botapi-bench -- [--updates N]
//! ```
//!
//! Scenarios (1,000 private chats, 30 % commands, one reply per update):
//! - throughput at 0 ms API latency, a backlog of N updates: echobot vs the bare loop with
//!   100 replies in flight;
//! - throughput at 20 ms latency: echobot vs the bare loop with as many replies in flight as
//!   echobot had on average;
//! - reply latency at 20 ms under a steady arrival rate, without and with one chat sending
//!   10 % of all updates, with and without the journal;
//! - the bot's peak RSS.
//!
//! The bots run as their own processes (the `echobot` release binary, and this binary's hidden
//! `bare` mode), so their memory is theirs alone.

mod server;

use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use server::{Arrival, Load, Server, Stats};
use tokio::process::{Child, Command};

const CHATS: i64 = 1000;
const COMMANDS: f64 = 0.30;

#[tokio::main]
async fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut updates = 20_000;
    let mut rate = 2_000;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "bare" => {
                let url = args.next().context("bare URL IN_FLIGHT")?;
                let in_flight = args.next().context("bare URL IN_FLIGHT")?.parse()?;
                return bare(url, in_flight).await;
            }
            "--updates" => updates = args.next().context("--updates N")?.parse()?,
            "--rate" => rate = args.next().context("--rate N")?.parse()?,
            other => bail!("unexpected argument `{other}` (expected --updates N, --rate N)"),
        }
    }
    let echobot = build_echobot()?;
    println!("bench-echo: {updates} updates, {CHATS} chats, 30% commands, one reply per update\n");

    let bare0 = run(
        Bot::Bare(100),
        &echobot,
        Duration::ZERO,
        updates,
        Arrival::Backlog,
        None,
    )
    .await?;
    let echo0 = run(
        Bot::Echo { journal: false },
        &echobot,
        Duration::ZERO,
        updates,
        Arrival::Backlog,
        None,
    )
    .await?;
    println!("0 ms latency, backlog:");
    report_throughput("bare loop (100 in flight)", &bare0);
    report_throughput("echobot", &echo0);
    println!(
        "  ratio {:.2}x   peak RSS echobot {:.1} MiB, bare {:.1} MiB\n",
        echo0.rate() / bare0.rate(),
        echo0.rss_mib,
        bare0.rss_mib
    );

    let latency = Duration::from_millis(20);
    let echo20 = run(
        Bot::Echo { journal: false },
        &echobot,
        latency,
        updates,
        Arrival::Backlog,
        None,
    )
    .await?;
    let in_flight = echo20.stats.mean_in_flight.round().max(1.0) as usize;
    let bare20 = run(
        Bot::Bare(in_flight),
        &echobot,
        latency,
        updates,
        Arrival::Backlog,
        None,
    )
    .await?;
    let echo20j = run(
        Bot::Echo { journal: true },
        &echobot,
        latency,
        updates,
        Arrival::Backlog,
        None,
    )
    .await?;
    let bare20j = run(
        Bot::Bare(echo20j.stats.mean_in_flight.round().max(1.0) as usize),
        &echobot,
        latency,
        updates,
        Arrival::Backlog,
        None,
    )
    .await?;
    println!("20 ms latency, backlog:");
    report_throughput("echobot", &echo20);
    report_throughput(&format!("bare loop ({in_flight} in flight)"), &bare20);
    println!("  ratio {:.2}x", echo20.rate() / bare20.rate());
    report_throughput("echobot + journal", &echo20j);
    report_throughput(
        &format!(
            "bare loop ({:.0} in flight)",
            echo20j.stats.mean_in_flight.round()
        ),
        &bare20j,
    );
    println!("  ratio {:.2}x\n", echo20j.rate() / bare20j.rate());

    let steady = updates.min(usize::try_from(rate).unwrap_or(usize::MAX) * 10);
    println!("20 ms latency, {rate} updates/s for {steady} updates: median reply latency of the other chats");
    for journal in [false, true] {
        let even = run(
            Bot::Echo { journal },
            &echobot,
            latency,
            steady,
            Arrival::Rate(rate),
            None,
        )
        .await?;
        let hot = run(
            Bot::Echo { journal },
            &echobot,
            latency,
            steady,
            Arrival::Rate(rate),
            Some(0.10),
        )
        .await?;
        let (even_median, _) = even.latency_of_others();
        let (hot_median, hot_p99) = hot.latency_of_others();
        println!(
            "  {:<18} even load {:>8.1} ms   one chat at 10%: {:>8.1} ms (p99 {:.1} ms)   {:.2}x",
            if journal { "echobot + journal" } else { "echobot" },
            ms(even_median),
            ms(hot_median),
            ms(hot_p99),
            ms(hot_median) / ms(even_median).max(0.001),
        );
    }
    Ok(())
}

/// The bot under test.
#[derive(Debug, Clone, Copy)]
enum Bot {
    /// The echobot example, with or without a journal.
    Echo { journal: bool },
    /// The bare loop with this many replies in flight.
    Bare(usize),
}

struct Run {
    stats: Stats,
    rss_mib: f64,
}

impl Run {
    fn rate(&self) -> f64 {
        self.stats.replies as f64 / self.stats.elapsed.as_secs_f64().max(1e-9)
    }

    /// Median and 99th percentile reply latency of every chat but the hot one (chat 1).
    fn latency_of_others(&self) -> (Duration, Duration) {
        let mut others: Vec<Duration> = self
            .stats
            .latencies
            .iter()
            .filter(|(chat, _)| *chat != 1)
            .map(|(_, latency)| *latency)
            .collect();
        others.sort_unstable();
        let at = |q: f64| {
            others
                .get(((others.len() as f64 - 1.0) * q) as usize)
                .copied()
                .unwrap_or_default()
        };
        (at(0.5), at(0.99))
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn report_throughput(name: &str, run: &Run) {
    println!(
        "  {name:<28} {:>8.0} updates/s  ({} replies in {:.2} s, {:.1} replies in flight on average)",
        run.rate(),
        run.stats.replies,
        run.stats.elapsed.as_secs_f64(),
        run.stats.mean_in_flight
    );
}

/// Builds the echobot example in release mode; returns its path.
fn build_echobot() -> Result<std::path::PathBuf> {
    let status = std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "-p", "echobot"])
        .status()
        .context("running cargo build for the echobot example")?;
    if !status.success() {
        bail!("building the echobot example failed");
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    Ok(std::path::Path::new(&target).join("release").join("echobot"))
}

async fn run(
    bot: Bot,
    echobot: &std::path::Path,
    latency: Duration,
    count: usize,
    arrival: Arrival,
    hot: Option<f64>,
) -> Result<Run> {
    let server = Server::start(latency).await?;
    let journal = std::env::temp_dir().join(format!("bench-echo-{}.journal", std::process::id()));
    let _ = std::fs::remove_file(&journal);
    let mut child = match bot {
        Bot::Echo {
            journal: with_journal,
        } => {
            let mut command = Command::new(echobot);
            command
                .env("BOT_TOKEN", "1:bench")
                .env("BOT_API_URL", server.url());
            if with_journal {
                command.env("BOT_JOURNAL", &journal);
            }
            command
        }
        Bot::Bare(in_flight) => {
            let mut command = Command::new(std::env::current_exe()?);
            command.args(["bare", &server.url(), &in_flight.to_string()]);
            command
        }
    };
    let mut child: Child = child
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .with_context(|| format!("starting {bot:?}"))?;
    // Let the bot start (getMe, deleteWebhook, a first poll) before the clock starts.
    tokio::time::sleep(Duration::from_millis(300)).await;
    server.feed(Load::echo(count, CHATS, COMMANDS, hot), arrival);
    // A bot that dies (a bad URL, a panic) fails the run at once, not after the time-out.
    let stats = tokio::select! {
        stats = server.wait_for(count, Duration::from_secs(300)) => stats,
        status = child.wait() => bail!("{bot:?} exited early ({status:?}); run it by hand to see why"),
    };
    let rss_mib = peak_rss_mib(child.id().unwrap_or_default());
    child.start_kill()?;
    let _ = child.wait().await;
    let _ = std::fs::remove_file(&journal);
    if stats.replies < count {
        bail!("{bot:?} answered {} of {count} updates in time", stats.replies);
    }
    Ok(Run { stats, rss_mib })
}

/// The process's peak resident set size (`VmHWM`), in MiB.
fn peak_rss_mib(pid: u32) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// The bare loop: long polling with the offset moved past each batch at once, every message
/// answered by its own task, at most `in_flight` replies at a time.
async fn bare(url: String, in_flight: usize) -> Result<()> {
    let client = botapi::Client::builder("1:bench").base_url(url).build()?;
    let bot = botapi::Bot::from(client);
    let slots = Arc::new(tokio::sync::Semaphore::new(in_flight.max(1)));
    let mut offset = 0;
    loop {
        let updates = match bot.get_updates().offset(offset).timeout(10).await {
            Ok(updates) => updates,
            Err(_) => continue,
        };
        for update in updates {
            offset = update.update_id + 1;
            let Some(message) = update.effective_message() else {
                continue;
            };
            let (chat, text) = (message.chat.id, message.text.clone().unwrap_or_default());
            let permit = slots.clone().acquire_owned().await?;
            let bot = bot.clone();
            tokio::spawn(async move {
                let _ = bot.send_message(chat, text).await;
                drop(permit);
            });
        }
    }
}
