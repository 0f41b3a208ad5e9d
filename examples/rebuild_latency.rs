//! How long a rebuild takes after one article's text changes, in process (no watcher, no HTTP):
//! the part of `serve`'s save-to-reload time that hashiya itself spends.
//!
//!     cargo run --release --example rebuild_latency -- SITE [EDITS] [ARTICLE] [PAUSE_MS]
//!
//! Builds SITE once, then appends a line to ARTICLE (default: the first article under
//! `content/articles/`) EDITS times (default 20), rebuilding after each, PAUSE_MS (default 0)
//! after the last rebuild ended, as an editor's saves come, and prints the best and
//! median times, whole and per stage, and the mean CPU time of a rebuild. The article is
//! restored afterwards.

use hashiya::{BuildOptions, Session};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// The allocator of the `hashiya` binary, so that the times are the ones `serve` spends.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(
        args.next()
            .expect("usage: rebuild_latency SITE [EDITS] [ARTICLE] [PAUSE_MS]"),
    );
    let edits: usize = args
        .next()
        .map_or(20, |n| n.parse().expect("EDITS is a number"));
    let article = args
        .next()
        .map_or_else(|| first_article(&root), PathBuf::from);
    let pause = Duration::from_millis(
        args.next()
            .map_or(0, |ms| ms.parse().expect("PAUSE_MS is a number")),
    );
    let file = root.join(&article);
    let original = std::fs::read_to_string(&file).expect("the article is readable");

    hashiya::serve::keep_freed_memory_between_rebuilds();
    let mut session = Session::new(BuildOptions::new(&root));
    let started = Instant::now();
    let built = session.build();
    eprintln!("first build: {} ms", started.elapsed().as_millis());
    if let Err(problems) = built {
        eprint!("{problems}");
        std::process::exit(1);
    }
    let mut totals = Vec::new();
    let cpu_before = process_cpu();
    let mut stages: Vec<Vec<(&'static str, Duration)>> = Vec::new();
    let mut rendered = Vec::new();
    for n in 0..edits {
        std::thread::sleep(pause);
        std::fs::write(&file, format!("{original}\nسطر {n}\n")).expect("the article is writable");
        let started = Instant::now();
        let report = session.rebuild(std::slice::from_ref(&file));
        totals.push(started.elapsed());
        match report {
            Ok(report) => {
                rendered.push(report.pages_rendered);
                stages.push(report.report.stages);
            }
            Err(problems) => eprint!("{problems}"),
        }
    }
    let cpu = process_cpu()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    std::fs::write(&file, original).expect("the article is restored");

    println!(
        "rebuild after an edit of {}, {edits} edits: best {}, median {}",
        article.display(),
        ms(best(&totals)),
        ms(median(&totals))
    );
    rendered.sort_unstable();
    if let Some(pages) = rendered.get(rendered.len() / 2) {
        println!("  pages rendered per rebuild (median) {pages}");
    }
    // CPU time, every thread's, steadier than wall time on a machine doing other work.
    if let Some(cpu) = cpu {
        println!("  CPU per rebuild {}", ms(cpu / edits.max(1) as u32));
    }
    for (k, (name, _)) in stages.first().into_iter().flatten().enumerate() {
        let times: Vec<Duration> = stages.iter().map(|s| s[k].1).collect();
        println!(
            "  {name:<10} best {:>9}  median {:>9}",
            ms(best(&times)),
            ms(median(&times))
        );
    }
}

/// The CPU time of this process so far, all threads (Linux: `/proc/self/stat`, in ticks of
/// 10 ms; over many rebuilds their mean is precise enough).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

fn first_article(root: &Path) -> PathBuf {
    let dir = root.join("content/articles");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("content/articles/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"))
        .collect();
    names.sort();
    let first = names.first().expect("content/articles/ has an article");
    first.strip_prefix(root).unwrap_or(first).to_path_buf()
}

fn best(times: &[Duration]) -> Duration {
    times.iter().copied().min().unwrap_or_default()
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn ms(time: Duration) -> String {
    format!("{:.1} ms", time.as_secs_f64() * 1000.0)
}
