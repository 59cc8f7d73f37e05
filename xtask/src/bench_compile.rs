//! `cargo xtask bench-compile`: debug compile times of a minimal echo bot on this crate and on
//! teloxide-core, measured the same way (the issue's yardstick), in scratch projects under
//! `target/bench-compile/`.
//!
//! Three figures per bot, each the median of `runs`: the clean build (every dependency, after
//! `cargo clean`), the API crate alone (`cargo clean -p CRATE` then build: the crate and the bot),
//! and an incremental rebuild after touching `main.rs`. The clean builds run with `--timings`,
//! whose reports give the API crate's own unit time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// One scratch bot project.
struct Bot {
    name: &'static str,
    /// The package whose own compile time is measured.
    krate: &'static str,
    manifest: String,
    main: &'static str,
    /// Lockfile pins needed to build with this toolchain: `(package, version)`.
    pins: &'static [(&'static str, &'static str)],
}

const OURS_MAIN: &str = r#"use botapi::Bot;
use botapi::types::UpdateKind;

#[tokio::main]
async fn main() -> Result<(), botapi::Error> {
    let bot = Bot::new(std::env::var("TOKEN").unwrap_or_default());
    let mut offset = 0;
    loop {
        for update in bot.get_updates().offset(offset).timeout(30).await? {
            offset = update.update_id + 1;
            if let UpdateKind::Message(message) = update.kind {
                if let Some(text) = &message.text {
                    bot.send_message(message.chat.id, text.clone()).await?;
                }
            }
        }
    }
}
"#;

const TELOXIDE_MAIN: &str = r#"use teloxide_core::prelude::*;
use teloxide_core::types::UpdateKind;

#[tokio::main]
async fn main() -> Result<(), teloxide_core::RequestError> {
    let bot = Bot::new(std::env::var("TOKEN").unwrap_or_default());
    let mut offset = 0;
    loop {
        for update in bot.get_updates().offset(offset).timeout(30).await? {
            offset = update.id.0 as i32 + 1;
            if let UpdateKind::Message(message) = update.kind {
                if let Some(text) = message.text() {
                    bot.send_message(message.chat.id, text).await?;
                }
            }
        }
    }
}
"#;

fn bots(workspace: &Path) -> Vec<Bot> {
    let manifest = |deps: &str, profile: &str| {
        format!(
            "[package]\nname = \"echo\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{deps}tokio = {{ version = \"1\", features = [\"rt-multi-thread\", \"macros\"] }}\n\n\
             [workspace]\n{profile}"
        )
    };
    // Cargo compiles path dependencies incrementally and registry ones not; a bot gets both API
    // crates from crates.io, so our path crates are built the way teloxide-core is. (Incremental
    // bookkeeping adds about a quarter to a from-scratch build of the generated crate.)
    let as_registry = "\n[profile.dev.package.botapi]\nincremental = false\n\n\
                       [profile.dev.package.botapi-runtime]\nincremental = false\n";
    vec![
        Bot {
            name: "botapi",
            krate: "botapi",
            manifest: manifest(
                &format!(
                    "botapi = {{ path = {:?} }}\n",
                    workspace.join("generated").display().to_string()
                ),
                as_registry,
            ),
            main: OURS_MAIN,
            pins: &[],
        },
        Bot {
            name: "teloxide-core",
            krate: "teloxide-core",
            // rustls on both sides, so that TLS is not the difference.
            manifest: manifest(
                "teloxide-core = { version = \"0.13\", default-features = false, features = [\"rustls\"] }\n",
                "",
            ),
            main: TELOXIDE_MAIN,
            // takecell 0.1.2 needs a newer language edition than teloxide-core 0.13 was built for.
            pins: &[("takecell", "0.1.1")],
        },
    ]
}

/// The three medians of one bot, and the crate's own unit time from `--timings`.
#[derive(Debug, Clone)]
pub struct Figures {
    /// The API crate the bot is built on.
    pub name: &'static str,
    /// Clean build of the bot and every dependency.
    pub clean: Duration,
    /// Rebuild after `cargo clean -p` of the API crate.
    pub krate: Duration,
    /// Rebuild after touching `main.rs`.
    pub incremental: Duration,
    /// The API crate's unit time in the clean builds' `--timings` reports (median), in seconds.
    pub unit: Option<f64>,
}

fn cargo(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env_remove("CARGO_TARGET_DIR")
        .env_remove("RUSTFLAGS")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .with_context(|| format!("cannot run cargo {}", args.join(" ")))?;
    if !status.success() {
        bail!(
            "`cargo {}` failed in {}; run it there to see why",
            args.join(" "),
            dir.display()
        );
    }
    Ok(())
}

fn timed(dir: &Path, args: &[&str]) -> Result<Duration> {
    let start = Instant::now();
    cargo(dir, args)?;
    Ok(start.elapsed())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The unit time of `krate` in the newest `--timings` report of `dir`: the report embeds its
/// units as a JSON array `const UNIT_DATA = [{"name": .., "duration": ..}, ..];`.
fn unit_time(dir: &Path, krate: &str) -> Option<f64> {
    let html = std::fs::read_to_string(dir.join("target/cargo-timings/cargo-timing.html")).ok()?;
    let data = &html[html.find("UNIT_DATA = ")? + "UNIT_DATA = ".len()..];
    let units: serde_json::Value = serde_json::Deserializer::from_str(data)
        .into_iter()
        .next()?
        .ok()?;
    units.as_array()?.iter().find(|unit| unit["name"] == krate)?["duration"].as_f64()
}

fn setup(dir: &Path, bot: &Bot) -> Result<()> {
    std::fs::create_dir_all(dir.join("src"))?;
    std::fs::write(dir.join("Cargo.toml"), &bot.manifest)?;
    std::fs::write(dir.join("src/main.rs"), bot.main)?;
    cargo(dir, &["generate-lockfile"])?;
    for (package, version) in bot.pins {
        cargo(dir, &["update", "-p", package, "--precise", version])?;
    }
    cargo(dir, &["fetch"])
}

/// The times of one bot over the runs so far.
#[derive(Default)]
struct Samples {
    clean: Vec<Duration>,
    krate: Vec<Duration>,
    incremental: Vec<Duration>,
    units: Vec<Duration>,
}

impl Samples {
    fn figures(self, name: &'static str) -> Figures {
        Figures {
            name,
            clean: median(self.clean),
            krate: median(self.krate),
            incremental: median(self.incremental),
            unit: (!self.units.is_empty()).then(|| median(self.units).as_secs_f64()),
        }
    }
}

/// One run of the three builds of a bot.
fn measure(dir: &Path, bot: &Bot, run: usize, samples: &mut Samples) -> Result<()> {
    cargo(dir, &["clean"])?;
    samples
        .clean
        .push(timed(dir, &["build", "--offline", "--timings"])?);
    // The unit time of one clean build swings with what else the machine does; like the other
    // figures it is the median over the runs.
    if let Some(unit) = unit_time(dir, bot.krate) {
        samples.units.push(Duration::from_secs_f64(unit));
    }
    cargo(dir, &["clean", "-p", bot.krate])?;
    samples.krate.push(timed(dir, &["build", "--offline"])?);
    let main = dir.join("src/main.rs");
    std::fs::write(&main, format!("{}// run {run}\n", bot.main))?;
    samples.incremental.push(timed(dir, &["build", "--offline"])?);
    Ok(())
}

/// Builds both bots `runs` times each and returns their figures, ours first. The bots take
/// turns run by run, so that a slow spell of the machine weighs on both alike.
pub fn bench_compile(workspace: &Path, out: Option<PathBuf>, runs: usize) -> Result<Vec<Figures>> {
    let out = out.unwrap_or_else(|| workspace.join("target/bench-compile"));
    let bots = bots(workspace);
    for bot in &bots {
        setup(&out.join(bot.name), bot)?;
    }
    let mut samples: Vec<Samples> = bots.iter().map(|_| Samples::default()).collect();
    for run in 0..runs {
        for (bot, samples) in bots.iter().zip(&mut samples) {
            eprintln!("run {}/{runs}: {}", run + 1, bot.name);
            measure(&out.join(bot.name), bot, run, samples)?;
        }
    }
    Ok(bots
        .iter()
        .zip(samples)
        .map(|(bot, s)| s.figures(bot.name))
        .collect())
}

/// The figures as a Markdown table with ratios against the last row.
pub fn report(figures: &[Figures]) -> String {
    let secs = |d: Duration| d.as_secs_f64();
    let mut out = String::from(
        "| bot on | clean build | crate rebuild (clean -p) | crate unit (--timings) | incremental |\n|---|---|---|---|---|\n",
    );
    for f in figures {
        let unit = f.unit.map_or("?".to_owned(), |u| format!("{u:.1} s"));
        out.push_str(&format!(
            "| {} | {:.1} s | {:.1} s | {unit} | {:.2} s |\n",
            f.name,
            secs(f.clean),
            secs(f.krate),
            secs(f.incremental)
        ));
    }
    if let [ours, theirs] = figures {
        out.push_str(&format!(
            "\nratios ours/theirs: clean {:.2}x, crate rebuild {:.2}x, crate unit {}, incremental {:.2}x\n",
            secs(ours.clean) / secs(theirs.clean),
            secs(ours.krate) / secs(theirs.krate),
            match (ours.unit, theirs.unit) {
                (Some(a), Some(b)) => format!("{:.2}x", a / b),
                _ => "?".to_owned(),
            },
            secs(ours.incremental) / secs(theirs.incremental),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_unit_time_from_a_timings_report() {
        let dir = std::env::temp_dir().join(format!("bench-compile-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("target/cargo-timings")).unwrap();
        std::fs::write(
            dir.join("target/cargo-timings/cargo-timing.html"),
            "<script>\nconst UNIT_DATA = [\n  {\n    \"i\": 1,\n    \"name\": \"serde\",\n    \"duration\": 2.5\n  },\n  {\"i\": 2, \"name\": \"botapi\", \"start\": 3.0, \"duration\": 9.75, \"rmeta_time\": 6.1}\n];\nconst CONCURRENCY_DATA = [];",
        )
        .unwrap();
        assert_eq!(unit_time(&dir, "botapi"), Some(9.75));
        assert_eq!(unit_time(&dir, "serde"), Some(2.5));
        assert_eq!(unit_time(&dir, "absent"), None);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
