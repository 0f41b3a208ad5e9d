//! The command line: clap definitions, and what each command prints.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "hashiya",
    version,
    about = "Build annotated, right-to-left article sites: glossary popovers, anchored notes, Arabic-aware matching."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a directory of static files.
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Replace the output directory even if it holds files hashiya did not write (its
        /// hidden entries, such as `.git`, are kept).
        #[arg(long)]
        force: bool,
        /// Stay running: rebuild and rewrite the output on every change to the sources.
        #[arg(long)]
        watch: bool,
        #[command(flatten)]
        timings: TimingsArg,
    },
    /// Preview the site: build it into memory, serve it, rebuild and reload on every save.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The address to listen on (an IP address, or `localhost`); other machines can reach
        /// the preview only if you say so.
        #[arg(long, default_value = "127.0.0.1", value_parser = bind_address)]
        bind: std::net::IpAddr,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        timings: TimingsArg,
    },
    /// Check the whole site without writing anything; report every problem.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// `human`: messages with the line and a caret; `json`: one JSON object per line and problem.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Create a new article, a draft with the front matter to fill in:
    /// content/SECTION/NAME.md.
    New {
        #[command(flatten)]
        root: RootArg,
        /// The article's section and name, e.g. `articles/summit`.
        name: String,
    },
    /// Create a new site in DIR that builds at once.
    Init {
        /// The directory to create (it may exist, but must not hold a site).
        dir: PathBuf,
    },
}

/// The options that say which site and which of its articles: `build`, `serve` and `check`.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    #[command(flatten)]
    root: RootArg,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
}

impl SiteArgs {
    fn options(self) -> hashiya::BuildOptions {
        hashiya::BuildOptions {
            drafts: self.drafts,
            ..hashiya::BuildOptions::new(self.root.root)
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct RootArg {
    /// The site's directory (with site.yaml and content/).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct TimingsArg {
    /// Print how long each stage of the build took (load, parse, annotate, related, index,
    /// select, render, assemble, finish).
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build {
            site,
            output,
            force,
            watch,
            timings: TimingsArg { timings },
        } => {
            let options = hashiya::BuildOptions {
                output,
                timings,
                force,
                ..site.options()
            };
            if watch {
                return exit_code(hashiya::serve::build_watch(options));
            }
            match hashiya::build(&options) {
                Ok(report) => {
                    if !report.warnings.is_empty() {
                        eprint!("{}", report.warnings);
                    }
                    println!("{}", report.summary_line());
                    if timings {
                        print!("{}", report.stages_table());
                    }
                    0
                }
                Err(problems) => {
                    eprint!("{problems}");
                    eprintln!("build failed: {}; nothing was written", problems.summary());
                    1
                }
            }
        }
        Command::Serve {
            site,
            bind,
            port,
            open,
            timings: TimingsArg { timings },
        } => exit_code(hashiya::serve::serve(hashiya::serve::ServeOptions {
            build: hashiya::BuildOptions {
                timings,
                ..site.options()
            },
            bind,
            port,
            open,
        })),
        Command::Check { site, format } => {
            let options = site.options();
            let (problems, summary) = match hashiya::check(&options) {
                Ok(report) => {
                    let mut reported = report.warnings;
                    reported.extend(report.notes.0);
                    let reported = reported.sorted();
                    let summary = format!(
                        "checked {} articles and {} glossary entries: {}",
                        report.articles,
                        report.glossary_entries,
                        reported.summary()
                    );
                    (reported, summary)
                }
                Err(problems) => {
                    let summary = format!("check failed: {}", problems.summary());
                    (problems, summary)
                }
            };
            match format {
                Format::Human => {
                    eprint!("{problems}");
                    println!("{summary}");
                }
                Format::Json => {
                    for problem in problems.iter() {
                        println!("{}", serde_json::to_string(problem).unwrap_or_default());
                    }
                }
            }
            i32::from(problems.has_errors())
        }
        Command::New {
            root: RootArg { root },
            name,
        } => {
            let today = jiff::ZonedDateTime::now().date();
            let today = hashiya::model::Date {
                year: today.year() as u16,
                month: Some(today.month() as u8),
                day: Some(today.day() as u8),
            };
            match hashiya::new::new_article(&root, &name, today) {
                Ok(path) => {
                    println!(
                        "created {}, a draft: fill in its front matter and text, and remove `draft: true` to publish it",
                        path.display()
                    );
                    0
                }
                Err(problem) => {
                    eprint!("{problem}");
                    1
                }
            }
        }
        Command::Init { dir } => match hashiya::init::init(&dir) {
            Ok(()) => {
                println!(
                    "created a new site in {}; build it with `hashiya build --root {}`",
                    dir.display(),
                    dir.display()
                );
                0
            }
            Err(problem) => {
                eprint!("{problem}");
                1
            }
        },
    }
}

fn exit_code(result: std::io::Result<()>) -> i32 {
    match result {
        Ok(()) => 0,
        Err(err) => {
            eprintln!("error: {err}");
            1
        }
    }
}

/// `--bind`: an IP address, or `localhost` for the loopback one.
fn bind_address(text: &str) -> Result<std::net::IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(std::net::Ipv4Addr::LOCALHOST.into());
    }
    text.parse().map_err(|_| {
        format!("`{text}` is not an IP address: write e.g. `127.0.0.1`, `0.0.0.0` or `localhost`")
    })
}
