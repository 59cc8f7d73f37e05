//! `cargo xtask` - project automation. See `usage()` for the commands.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use xtask::regen::{self, Pick, Source};
use xtask::{bench, bench_compile, diff};

fn usage() -> &'static str {
    "usage: cargo xtask <command>

commands:
  regen [--check] [--offline | --html PATH | --url URL]
      scrape the Bot API docs into spec/api.json, then regenerate generated/src.
      default source: --url https://core.telegram.org/bots/api
      --offline: a saved page of ../shared/botapi (api-X.Y.html): the newest one,
        or with --check the one of the version spec/api.json records
      --check: write nothing; fail listing the files that are out of date
  scrape [--check] [--offline | --html PATH | --url URL]
      the first half of regen: write (or check) spec/api.json only
  diff OLD NEW [--exit-code]
      print a Markdown changelog between two docs pages (.html) or spec JSON files
      --exit-code: exit 1 when there are differences
  bench-scrape [--html PATH] [--runs N]
      time N scrapes (default 20) of PATH (default: the saved page of the version
      spec/api.json records) and print the peak RSS; run it in release:
      cargo run --release -p xtask -- bench-scrape
  bench-compile [--runs N] [--out DIR]
      debug compile times of a minimal echo bot on botapi and on teloxide-core
      (clean build, the API crate alone, incremental; medians of N runs, default 3),
      in scratch projects under DIR (default target/bench-compile); needs crates.io
  bench-echo [--updates N] [--rate R]
      the framework's throughput, latency and memory: the echobot example against a
      fake Bot API server beside a bare getUpdates->sendMessage loop (runs the
      release build of bench/: cargo run --release -p botapi-bench)"
}

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    /// `regen` (everything) or `scrape` (api.json only: `spec_only`).
    Regen {
        check: bool,
        source: Source,
        spec_only: bool,
    },
    Diff {
        old: PathBuf,
        new: PathBuf,
        exit_code: bool,
    },
    BenchScrape {
        /// `None`: the committed version's saved page.
        html: Option<PathBuf>,
        runs: usize,
    },
    BenchCompile {
        out: Option<PathBuf>,
        runs: usize,
    },
    /// `bench-echo`: its arguments go to the bench binary, which checks them.
    BenchEcho {
        args: Vec<String>,
    },
    Help,
}

fn parse_args(args: &[String]) -> Result<Command> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let mut rest = rest.iter();
    match command.as_str() {
        "regen" | "scrape" => {
            let (mut check, mut source) = (false, None);
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--check" => check = true,
                    "--html" | "--url" | "--offline" if source.is_some() => {
                        bail!("give only one of --offline, --html and --url")
                    }
                    "--html" => source = Some(Source::Html(PathBuf::from(value(&mut rest, "--html")?))),
                    "--url" => source = Some(Source::Url(value(&mut rest, "--url")?)),
                    // The pick depends on --check, which may come later.
                    "--offline" => source = Some(Source::Offline(Pick::Newest)),
                    other => bail!("unexpected argument `{other}` to {command}"),
                }
            }
            let source = match source {
                Some(Source::Offline(_)) if check => Source::Offline(Pick::Committed),
                source => source.unwrap_or_default(),
            };
            Ok(Command::Regen {
                check,
                source,
                spec_only: command == "scrape",
            })
        }
        "diff" => {
            let (mut paths, mut exit_code) = (Vec::new(), false);
            for arg in rest {
                match arg.as_str() {
                    "--exit-code" => exit_code = true,
                    flag if flag.starts_with("--") => bail!("unexpected flag `{flag}` to diff"),
                    path => paths.push(PathBuf::from(path)),
                }
            }
            let [old, new]: [PathBuf; 2] = paths
                .try_into()
                .map_err(|_| anyhow::anyhow!("diff takes two files: OLD NEW"))?;
            Ok(Command::Diff { old, new, exit_code })
        }
        "bench-scrape" => {
            let (mut html, mut runs) = (None, 20);
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--html" => html = Some(PathBuf::from(value(&mut rest, "--html")?)),
                    "--runs" => runs = number(&mut rest, "--runs")?,
                    other => bail!("unexpected argument `{other}` to bench-scrape"),
                }
            }
            Ok(Command::BenchScrape { html, runs })
        }
        "bench-compile" => {
            let (mut out, mut runs) = (None, 3);
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--out" => out = Some(PathBuf::from(value(&mut rest, "--out")?)),
                    "--runs" => runs = number(&mut rest, "--runs")?,
                    other => bail!("unexpected argument `{other}` to bench-compile"),
                }
            }
            if runs == 0 {
                bail!("--runs must be at least 1");
            }
            Ok(Command::BenchCompile { out, runs })
        }
        // xtask does not depend on the framework (it would build it for every regen): the
        // benchmark is its own crate, run in release.
        "bench-echo" => Ok(Command::BenchEcho {
            args: rest.cloned().collect(),
        }),
        "help" | "--help" | "-h" => Ok(Command::Help),
        other => bail!("unknown command `{other}`"),
    }
}

fn number(rest: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<usize> {
    value(rest, flag)?
        .parse()
        .with_context(|| format!("{flag} takes a number"))
}

fn value(rest: &mut std::slice::Iter<'_, String>, flag: &str) -> Result<String> {
    rest.next()
        .cloned()
        .with_context(|| format!("{flag} needs a value"))
}

fn run(command: Command) -> Result<ExitCode> {
    match command {
        Command::Help => {
            println!("{}", usage());
            Ok(ExitCode::SUCCESS)
        }
        Command::Regen {
            check,
            source,
            spec_only,
        } => {
            let root = regen::workspace_root();
            let spec = regen::load_spec(&root, &source)?;
            let (command, outputs) = if spec_only {
                ("scrape", vec![(PathBuf::from(regen::API_JSON), spec.to_json())])
            } else {
                ("regen", regen::outputs(&spec)?)
            };
            if check {
                let stale = if spec_only {
                    regen::check_files(&root, &outputs)
                } else {
                    regen::check(&root, &outputs)?
                };
                if stale.is_empty() {
                    println!("{} file(s) are fresh (Bot API {})", outputs.len(), spec.version);
                    if source == Source::Offline(Pick::Committed) {
                        if let Some(page) = regen::newer_page(&root)? {
                            println!(
                                "note: {} is newer than the committed Bot API {}: run `cargo xtask {command} --offline` and commit",
                                page.display(),
                                spec.version
                            );
                        }
                    }
                    return Ok(ExitCode::SUCCESS);
                }
                eprint!("{}", regen::stale_report(&stale, command, &source));
                return Ok(ExitCode::FAILURE);
            }
            let written = if spec_only {
                regen::write_files(&root, &outputs)?
            } else {
                regen::write(&root, &outputs)?
            };
            for path in &written.changed {
                println!("wrote   {}", path.display());
            }
            for path in &written.deleted {
                println!("deleted {}", path.display());
            }
            println!(
                "Bot API {}: {} objects, {} methods; {} file(s) written, {} deleted, {} unchanged",
                spec.version,
                spec.objects.len(),
                spec.methods.len(),
                written.changed.len(),
                written.deleted.len(),
                written.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { old, new, exit_code } => {
            let diff = diff::diff(&diff::load(&old)?, &diff::load(&new)?);
            print!("{}", diff.to_markdown());
            Ok(ExitCode::from(
                u8::try_from(diff.exit_code(exit_code)).unwrap_or(1),
            ))
        }
        Command::BenchScrape { html, runs } => {
            if cfg!(debug_assertions) {
                eprintln!(
                    "warning: this is a debug build; measure with `cargo run --release -p xtask -- bench-scrape`"
                );
            }
            let html = match html {
                Some(html) => html,
                None => regen::committed_docs_page(&regen::workspace_root())?,
            };
            let text =
                std::fs::read_to_string(&html).with_context(|| format!("cannot read {}", html.display()))?;
            println!("{}", bench::bench_scrape(&text, runs)?);
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchCompile { out, runs } => {
            let figures = bench_compile::bench_compile(&regen::workspace_root(), out, runs)?;
            print!("{}", bench_compile::report(&figures));
            Ok(ExitCode::SUCCESS)
        }
        Command::BenchEcho { args } => {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let status = std::process::Command::new(cargo)
                .current_dir(regen::workspace_root())
                .args(["run", "--release", "--quiet", "-p", "botapi-bench", "--"])
                .args(&args)
                .status()
                .context("running cargo run -p botapi-bench")?;
            Ok(if status.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = parse_args(&args).and_then(|command| {
        if command == Command::Help && args.is_empty() {
            eprintln!("{}", usage());
            return Ok(ExitCode::from(2));
        }
        run(command)
    });
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &str) -> Result<Command> {
        parse_args(&args.split_whitespace().map(str::to_string).collect::<Vec<_>>())
    }

    #[test]
    fn parses_commands() {
        assert_eq!(
            parse("regen").unwrap(),
            Command::Regen {
                check: false,
                source: Source::default(),
                spec_only: false,
            }
        );
        assert_eq!(
            parse("regen --check --html a.html").unwrap(),
            Command::Regen {
                check: true,
                source: Source::Html("a.html".into()),
                spec_only: false,
            }
        );
        // --offline reads the newest saved page, or with --check the committed version's,
        // whichever order the flags come in.
        for (args, pick, check) in [
            ("regen --offline", Pick::Newest, false),
            ("regen --offline --check", Pick::Committed, true),
            ("regen --check --offline", Pick::Committed, true),
        ] {
            assert_eq!(
                parse(args).unwrap(),
                Command::Regen {
                    check,
                    source: Source::Offline(pick),
                    spec_only: false,
                },
                "{args}"
            );
        }
        assert_eq!(
            parse("scrape --url http://x").unwrap(),
            Command::Regen {
                check: false,
                source: Source::Url("http://x".into()),
                spec_only: true,
            }
        );
        assert_eq!(
            parse("diff a.html b.json --exit-code").unwrap(),
            Command::Diff {
                old: "a.html".into(),
                new: "b.json".into(),
                exit_code: true
            }
        );
        assert_eq!(
            parse("bench-scrape --html a.html --runs 5").unwrap(),
            Command::BenchScrape {
                html: Some("a.html".into()),
                runs: 5
            }
        );
        assert_eq!(
            parse("bench-scrape").unwrap(),
            Command::BenchScrape { html: None, runs: 20 }
        );
        assert_eq!(
            parse("bench-compile --runs 2").unwrap(),
            Command::BenchCompile { out: None, runs: 2 }
        );
        assert_eq!(
            parse("bench-echo --updates 100").unwrap(),
            Command::BenchEcho {
                args: vec!["--updates".into(), "100".into()]
            }
        );
        assert_eq!(parse("").unwrap(), Command::Help);
    }

    #[test]
    fn rejects_bad_arguments() {
        for (args, want) in [
            ("regen --html", "--html needs a value"),
            ("regen --html a --url b", "only one of"),
            ("regen --offline --html a", "only one of"),
            ("regen --frob", "unexpected argument `--frob`"),
            ("diff a", "two files"),
            ("diff a b c", "two files"),
            ("bench-scrape --html a --runs x", "--runs takes a number"),
            ("bench-compile --runs 0", "at least 1"),
            ("frobnicate", "unknown command"),
        ] {
            let err = parse(args).unwrap_err().to_string();
            assert!(err.contains(want), "{args}: {err}");
        }
    }
}
