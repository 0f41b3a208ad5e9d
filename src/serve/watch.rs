//! Watches a site's sources and hands over each burst of changes as one batch. Editors save in
//! many ways (write in place, write a temporary file and rename it, delete and re-create); the
//! debouncer folds the events of one save, and of a burst of saves, into one batch.

use crate::pipeline::load;
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long the sources must be quiet before a batch is handed over, unless the environment
/// variable `HASHIYA_DEBOUNCE_MS` says otherwise (slow disks, network file systems). Editors
/// write a save's files within a few milliseconds, and the window is part of every save's wait.
const QUIET: Duration = Duration::from_millis(20);

fn quiet_period() -> Duration {
    std::env::var("HASHIYA_DEBOUNCE_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(QUIET, Duration::from_millis)
}

/// What the watcher watches: the site's sources, never its output.
const WATCHED_DIRS: [&str; 4] = [
    load::CONTENT_DIR,
    load::TEMPLATES_DIR,
    load::THEMES_DIR,
    load::STATIC_DIR,
];

pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    batches: mpsc::Receiver<DebounceEventResult>,
    root: PathBuf,
}

impl Watcher {
    pub fn new(root: &Path) -> notify::Result<Watcher> {
        let root = root.canonicalize()?;
        let (sender, batches) = mpsc::channel();
        let mut debouncer = new_debouncer(quiet_period(), None, sender)?;
        // The root itself only for site.yaml and for source directories created later: watching
        // it recursively would watch the output and build directories too.
        debouncer.watch(&root, RecursiveMode::NonRecursive)?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                debouncer.watch(&path, RecursiveMode::Recursive)?;
            }
        }
        Ok(Watcher {
            debouncer,
            batches,
            root,
        })
    }

    /// Blocks until the next batch of relevant changes; `None` when the watcher stopped.
    /// Paths are relative to the site root, sorted, without duplicates.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            // Batches that queued up during the last rebuild become one.
            let first = self.batches.recv().ok()?;
            let paths = merge(
                &self.root,
                std::iter::once(first).chain(self.batches.try_iter()),
            );
            if !paths.is_empty() {
                // A source directory that appeared since the start is watched from now on.
                for dir in WATCHED_DIRS {
                    if paths.iter().any(|p| p == Path::new(dir)) {
                        let _ = self
                            .debouncer
                            .watch(self.root.join(dir), RecursiveMode::Recursive);
                    }
                }
                return Some(paths);
            }
        }
    }
}

/// The relevant paths of some batches of events, relative to the root, sorted, each once.
fn merge(root: &Path, batches: impl Iterator<Item = DebounceEventResult>) -> Vec<PathBuf> {
    let mut events = Vec::new();
    for batch in batches {
        match batch {
            Ok(batch) => events.extend(batch),
            Err(errors) => errors
                .iter()
                .for_each(|error| eprintln!("watch error: {error}")),
        }
    }
    let mut paths: Vec<PathBuf> = events
        .iter()
        .filter(|event| !event.kind.is_access())
        .flat_map(|event| event.paths.iter())
        .filter_map(|path| relevant(root, path))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// The path relative to the root if a change to it can change the site.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(root).ok()?;
    if relative
        .components()
        .any(|c| load::is_ignored(c.as_os_str()))
    {
        return None;
    }
    let first = relative
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    (first == load::CONFIG_FILE || WATCHED_DIRS.contains(&first.as_str()))
        .then(|| relative.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, EventKind, ModifyKind, RemoveKind, RenameMode};
    use notify_debouncer_full::DebouncedEvent;

    fn event(kind: EventKind, paths: &[&str]) -> DebouncedEvent {
        let mut event = notify::Event::new(kind);
        for path in paths {
            event = event.add_path(PathBuf::from(path));
        }
        DebouncedEvent::new(event, std::time::Instant::now())
    }

    #[test]
    fn batches_that_queued_up_become_one_rebuild_of_each_file_once() {
        let root = Path::new("/site");
        let save = |path: &str| event(EventKind::Modify(ModifyKind::Any), &[path]);
        // An editor's save through a temporary file, then five saves of a burst, queued while
        // a rebuild ran: the next rebuild sees each changed file once.
        let batches = vec![
            Ok(vec![
                event(
                    EventKind::Create(CreateKind::File),
                    &["/site/content/a/.older.md.tmp"],
                ),
                event(
                    EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                    &["/site/content/a/.older.md.tmp", "/site/content/a/older.md"],
                ),
            ]),
            Ok((0..5).map(|_| save("/site/content/a/older.md")).collect()),
            Ok(vec![
                save("/site/content/a/summit.md"),
                event(
                    EventKind::Access(notify::event::AccessKind::Any),
                    &["/site/site.yaml"],
                ),
                event(
                    EventKind::Remove(RemoveKind::File),
                    &["/site/content/a/older.md~"],
                ),
                save("/site/public/index.html"),
            ]),
        ];
        assert_eq!(
            merge(root, batches.into_iter()),
            [
                PathBuf::from("content/a/older.md"),
                PathBuf::from("content/a/summit.md")
            ]
        );
    }

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        let cases = [
            ("/site/content/a.md", true),
            ("/site/content/.a.md.swp", false),
            ("/site/content/a.md~", false),
            ("/site/content/4913", false),
            ("/site/site.yaml", true),
            ("/site/public/index.html", false),
            ("/site/target/x", false),
            ("/site/templates/base.html", true),
            ("/elsewhere/a.md", false),
        ];
        for (path, expected) in cases {
            assert_eq!(
                relevant(root, Path::new(path)).is_some(),
                expected,
                "{path}"
            );
        }
    }
}
