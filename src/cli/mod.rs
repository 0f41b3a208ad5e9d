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
        /// The site's directory (with site.yaml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: <root>/public].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site in DIR that builds at once.
    Init {
        /// The directory to create (it may exist, but must not hold a site).
        dir: PathBuf,
    },
}

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
        } => {
            let options = hashiya::BuildOptions {
                root,
                output,
                drafts,
            };
            match hashiya::build(&options) {
                Ok(report) => {
                    if !report.warnings.is_empty() {
                        eprint!("{}", report.warnings);
                    }
                    println!("{}", report.summary_line());
                    0
                }
                Err(problems) => {
                    eprint!("{problems}");
                    eprintln!("build failed: {}; nothing was written", problems.summary());
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
