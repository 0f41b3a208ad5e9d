//! Stage 5: the site's files, written to disk atomically or kept in memory for the preview.

use crate::diagnostics::{display_path, Diagnostic, DiagnosticKind, Diagnostics};
use crate::embedded;
use crate::pipeline::load::AssetFile;
use crate::pipeline::render::RenderedPage;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where an output file's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// A rendered page (UTF-8), shared so that a rebuild or the preview can keep a copy of
    /// the site without copying it.
    Page(std::sync::Arc<Vec<u8>>),
    Embedded(&'static [u8]),
    /// A file of the site, copied as it is (path relative to the site root).
    Copy(PathBuf),
    /// The search index, made into JSON when first read.
    SearchIndex(std::sync::Arc<crate::pipeline::search::SearchInput>),
}

/// The built site: every output file by its `/`-separated relative path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteOutput {
    pub files: BTreeMap<String, Contents>,
}

impl SiteOutput {
    /// Pages and assets together. Site assets replace the embedded theme's of the same path.
    pub fn assemble(pages: Vec<RenderedPage>, assets: &[AssetFile]) -> SiteOutput {
        let mut output = SiteOutput {
            files: pages.into_iter().map(|p| (p.path, p.contents)).collect(),
        };
        output.add_assets(assets);
        output
    }

    /// The theme's files, then the site's own: a file of the site (`static/robots.txt`, say)
    /// replaces what the build would generate at its path.
    fn add_assets(&mut self, assets: &[AssetFile]) {
        for (path, bytes) in embedded::theme_outputs() {
            self.files.entry(path).or_insert(Contents::Embedded(bytes));
        }
        for asset in assets {
            self.files
                .insert(asset.output.clone(), Contents::Copy(asset.source.clone()));
        }
    }

    /// Replaces `pages`, drops generated files whose path is not in `keep` (none without it:
    /// the site has the same pages and copied files), and takes the asset list anew.
    pub fn update(
        &mut self,
        pages: Vec<RenderedPage>,
        assets: &[AssetFile],
        keep: Option<&rustc_hash::FxHashSet<&str>>,
    ) {
        if let Some(keep) = keep {
            self.files.retain(|path, contents| {
                Self::is_generated(contents) && keep.contains(path.as_str())
            });
        }
        for page in pages {
            self.files.insert(page.path, page.contents);
        }
        self.add_assets(assets);
    }

    fn is_generated(contents: &Contents) -> bool {
        matches!(contents, Contents::Page(_) | Contents::SearchIndex(_))
    }
}

/// Two pages on one path, or a page or copied file inside a directory whose name another page
/// or file takes as a file (`content/atom.xml.md` publishes `atom.xml/index.html`, beside the
/// site's `atom.xml`; `content/theme/style.css.md` would publish under the theme's stylesheet):
/// one would replace or break the other. Each page and file comes with the source it is made
/// from, if any, which the error names. A copied file may replace a page of its path (a site's
/// own `robots.txt`): that is no clash.
pub fn check_unique_paths<'a>(
    pages: impl Iterator<Item = (&'a str, Option<&'a Path>)>,
    files: impl Iterator<Item = (&'a str, Option<&'a Path>)>,
) -> Result<(), Diagnostics> {
    let pages: Vec<(&str, Option<&Path>)> = pages.collect();
    let files: Vec<(&str, Option<&Path>)> = files.collect();
    let written: std::collections::HashSet<&str> =
        pages.iter().chain(&files).map(|(path, _)| *path).collect();
    let mut seen: std::collections::HashMap<&str, Option<&Path>> = Default::default();
    let mut problems = Vec::new();
    let all = pages.iter().map(|p| (p, true));
    for (&(path, source), is_page) in all.chain(files.iter().map(|f| (f, false))) {
        let blocked = path
            .match_indices('/')
            .map(|(at, _)| &path[..at])
            .find(|dir| written.contains(dir));
        let first = if is_page {
            seen.insert(path, source)
        } else {
            None
        };
        let (message, source) = match (first, blocked) {
            // Of two pages on one path, blame the one made from a file of the site.
            (Some(first), _) => (
                format!("two pages would be written to `{path}`"),
                source.or(first),
            ),
            (None, Some(dir)) => (
                format!(
                    "this {} would be written to `{path}`, but the site writes a file `{dir}` there",
                    if is_page { "page" } else { "file" }
                ),
                source,
            ),
            (None, None) => continue,
        };
        let diagnostic = match source {
            Some(source) => {
                Diagnostic::error(DiagnosticKind::DuplicateUrl, source, message).at_position(1, 1)
            }
            None => Diagnostic::error(DiagnosticKind::DuplicateUrl, path, message),
        };
        problems.push(diagnostic.with_hint(
            "a page, section, tag, glossary id or file of `static/` collides with another page's URL: rename one (or give the page a `slug:`)",
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(problems))
    }
}

/// Refuses output directories that would destroy sources, even with `--force`: the site root
/// itself, a directory that contains it, or one inside a source directory (`content/`,
/// `static/`, `templates/`, `themes/`: an output there would also be published again by the
/// next build).
pub fn check_output_dir(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    use crate::pipeline::load::{CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR, THEMES_DIR};
    let root = absolute(root);
    let output = absolute(output);
    let problem = if root.starts_with(&output) {
        Some("the output directory contains the site's sources".to_string())
    } else {
        [CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR, THEMES_DIR]
            .into_iter()
            .find(|dir| output.starts_with(root.join(dir)))
            .map(|dir| format!("the output directory is inside `{dir}/`, among the site's sources"))
    };
    match problem {
        Some(message) => Err(Diagnostic::error(
            DiagnosticKind::OutputInSources,
            display_path(&output),
            message,
        )
        .with_hint(
            "choose another `--output`, e.g. `public`; the build replaces that directory entirely",
        )),
        None => Ok(()),
    }
}

fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve `.` and `..` without touching the disk: the output may not exist yet.
    let mut clean = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                clean.pop();
            }
            std::path::Component::CurDir => {}
            other => clean.push(other),
        }
    }
    clean
}

/// The file that marks a directory as written by hashiya. Only such a directory, an empty one
/// or one that does not exist yet is replaced by a build; anything else is someone's files.
pub const OUTPUT_MARK: &str = ".hashiya-output";

/// Refuses to replace a directory that hashiya did not write, unless `force`.
pub fn check_replaceable(output: &Path, force: bool) -> Result<(), Diagnostics> {
    let refuse = |message: String, hint: &str| {
        Err(Diagnostic::error(
            DiagnosticKind::OutputNotReplaceable,
            display_path(output),
            message,
        )
        .with_hint(hint)
        .into())
    };
    let entries = match std::fs::read_dir(output) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) if output.exists() && !output.is_dir() => {
            return refuse(
                "the output is a file, not a directory".into(),
                "choose a directory for `--output`",
            )
        }
        Err(err) => return Err(io_error(output, err)),
    };
    if std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink()) {
        return refuse(
            "the output is a symbolic link; the build would replace the link, not what it points to".into(),
            "give the directory it points to as `--output`",
        );
    }
    if force || output.join(OUTPUT_MARK).is_file() {
        return Ok(());
    }
    // Hidden entries are kept across builds: they alone do not make the directory someone's.
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    let more = if names.len() > 3 { ", …" } else { "" };
    refuse(
        format!(
            "the output directory holds files that hashiya did not write ({}{more}); nothing was replaced",
            shown.join(", ")
        ),
        "choose a new or empty directory, or pass `--force` to replace what is in it (hidden entries at its top, such as `.git`, are kept)",
    )
}

/// Writes `site` into a fresh directory beside `output`, then swaps it in.
pub fn write_to_disk(
    site: &SiteOutput,
    root: &Path,
    output: &Path,
    force: bool,
) -> Result<(), Diagnostics> {
    let staging = Staging::new(root, output, force)?;
    staging.write_all(&site.files)?;
    staging.commit()
}

/// A fresh directory beside the output that a build writes into, page by page as they are
/// rendered; `commit` swaps it in. Until then the previous output stays as it was: a build
/// that fails, or is dropped, or is killed, leaves it untouched. hashiya writes no hidden
/// file but its mark, so the hidden entries at the top of the previous output (`.git`,
/// `.nojekyll`) are its user's: they are moved into the new output.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    retired: PathBuf,
    /// The site root, which `Contents::Copy` paths are relative to.
    root: PathBuf,
    committed: bool,
}

fn io_error(path: &Path, err: std::io::Error) -> Diagnostics {
    Diagnostic::error(
        DiagnosticKind::CannotWrite,
        display_path(path),
        format!("cannot write: {}", err.kind()),
    )
    .with_hint("check that the output directory's parent exists and is writable")
    .into()
}

impl Staging {
    /// Refuses an output that hashiya did not write (see `check_replaceable`) unless `force`.
    pub fn new(root: &Path, output: &Path, force: bool) -> Result<Staging, Diagnostics> {
        check_replaceable(output, force)?;
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
        remove_leftovers(parent, &name);
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
        std::fs::write(dir.join(STAGING_MARK), b"").map_err(|e| io_error(&dir, e))?;
        std::fs::write(
            dir.join(OUTPUT_MARK),
            "Written by hashiya: the next build replaces this directory, keeping its hidden entries.\n",
        )
        .map_err(|e| io_error(&dir, e))?;
        Ok(Staging {
            retired: parent.join(format!(".{name}.old-{}", std::process::id())),
            dir,
            output: output.to_path_buf(),
            root: root.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file; a later write to the same path replaces it.
    pub fn write(&self, path: &str, contents: &Contents) -> Result<(), Diagnostic> {
        let target = self.dir.join(path);
        let result = target
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| match contents {
                Contents::Page(html) => std::fs::write(&target, &html[..]),
                Contents::Embedded(bytes) => std::fs::write(&target, bytes),
                Contents::Copy(source) => {
                    std::fs::copy(self.root.join(source), &target).map(|_| ())
                }
                Contents::SearchIndex(input) => {
                    input.write_to(target.parent().unwrap_or(&self.dir))
                }
            });
        result.map_err(|err| {
            let shown = match contents {
                Contents::Copy(source) => display_path(source),
                _ => path.to_string(),
            };
            Diagnostic::error(
                DiagnosticKind::CannotWrite,
                shown,
                format!("cannot write `{path}`: {}", err.kind()),
            )
        })
    }

    /// Writes every file, in parallel; reports every failure.
    pub fn write_all(&self, files: &BTreeMap<String, Contents>) -> Result<(), Diagnostics> {
        let failures: Vec<Diagnostic> = files
            .par_iter()
            .filter_map(|(path, contents)| self.write(path, contents).err())
            .collect();
        if failures.is_empty() {
            Ok(())
        } else {
            Err(Diagnostics(failures).sorted())
        }
    }

    /// Swaps the written site in for the previous output.
    pub fn commit(mut self) -> Result<(), Diagnostics> {
        // The mark is gone if something removed the directory while pages were written into
        // it (the writes then re-created it): what is there is not the whole site.
        if let Err(err) = std::fs::remove_file(self.dir.join(STAGING_MARK)) {
            return Err(Diagnostic::error(
                DiagnosticKind::CannotWrite,
                display_path(&self.dir),
                format!(
                    "the build's directory was removed while it was written: {}",
                    err.kind()
                ),
            )
            .with_hint("run one build into an output directory at a time, then build again")
            .into());
        }
        // A hidden entry of the previous output (`.git`) is the user's, kept across builds: a
        // site that writes one of the same name would replace it.
        if let Some(name) = hidden_entries(&self.output)
            .into_iter()
            .find(|name| self.dir.join(name).exists())
        {
            return Err(Diagnostic::error(
                DiagnosticKind::HiddenOutputFile,
                display_path(&self.output.join(&name)),
                format!(
                    "the site writes `{}`, which would replace the output's own; nothing was replaced",
                    name.to_string_lossy()
                ),
            )
            .with_hint("rename what the site publishes there (a file of `static/`, say), or move the output's entry away")
            .into());
        }
        if self.output.exists() {
            std::fs::rename(&self.output, &self.retired).map_err(|e| io_error(&self.output, e))?;
        }
        if let Err(err) = std::fs::rename(&self.dir, &self.output) {
            // Put the previous output back before reporting.
            let _ = std::fs::rename(&self.retired, &self.output);
            return Err(io_error(&self.output, err));
        }
        self.committed = true;
        // The user's hidden entries follow into the new output; the previous one is removed
        // only once none is left in it. (A build killed before this point leaves them in the
        // retired directory, where the next build finds them: see `remove_leftovers`.)
        if !self.retired.exists() {
            return Ok(());
        }
        match move_hidden_entries(&self.retired, &self.output) {
            Ok(()) => {
                let _ = std::fs::remove_dir_all(&self.retired);
                Ok(())
            }
            Err(err) => Err(Diagnostic::error(
                DiagnosticKind::CannotWrite,
                display_path(&self.retired),
                format!(
                    "the previous output's hidden files could not be moved into the new one: {}",
                    err.kind()
                ),
            )
            .with_hint("they are still in this directory: move them into the output by hand")
            .into()),
        }
    }
}

/// The hidden entries of a directory (`.git`, `.nojekyll`), not counting hashiya's marks.
fn hidden_entries(dir: &Path) -> Vec<std::ffi::OsString> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .map(|e| e.file_name())
        .filter(|name| {
            let text = name.to_string_lossy();
            text.starts_with('.') && text != OUTPUT_MARK && text != STAGING_MARK
        })
        .collect()
}

/// Moves the hidden entries of `from` (`.git`, `.nojekyll`; not hashiya's marks) into `to`,
/// unless `to` has one of that name.
fn move_hidden_entries(from: &Path, to: &Path) -> std::io::Result<()> {
    for name in hidden_entries(from) {
        if !to.join(&name).exists() {
            std::fs::rename(from.join(&name), to.join(&name))?;
        }
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// An empty file in a staging directory, from its creation until its commit.
const STAGING_MARK: &str = ".hashiya-staging";

/// Whether the process that named a staging directory still runs, as far as can be told: a
/// build running beside this one keeps its directory.
fn still_running(file_name: &str) -> bool {
    let Some(pid) = file_name
        .rsplit('-')
        .next()
        .and_then(|p| p.parse::<u32>().ok())
    else {
        return false;
    };
    pid != std::process::id()
        && cfg!(target_os = "linux")
        && Path::new("/proc").join(pid.to_string()).exists()
}

/// Staging and retired directories of builds that were killed before they finished. A build
/// killed between its two renames left no output but a retired one: that is put back first.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let building = format!(".{name}.building-");
    let old = format!(".{name}.old-");
    let output = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&old)
            && !output.exists()
            && std::fs::rename(entry.path(), &output).is_ok()
        {
            continue;
        }
        if (file_name.starts_with(&building) || file_name.starts_with(&old))
            && !still_running(&file_name)
        {
            // A build killed after its swap left the user's hidden entries in the retired
            // directory: they go to the output first, and the directory stays if they cannot.
            let rescued =
                !file_name.starts_with(&old) || move_hidden_entries(&entry.path(), &output).is_ok();
            if rescued {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_killed_between_its_renames_gets_its_output_back() {
        let dir = tempfile::tempdir().unwrap();
        // No process has this number: the build that left these is gone.
        let retired = dir.path().join(".public.old-4294967295");
        std::fs::create_dir_all(&retired).unwrap();
        std::fs::write(retired.join("index.html"), "previous").unwrap();
        std::fs::create_dir_all(dir.path().join(".public.building-4294967295")).unwrap();
        remove_leftovers(dir.path(), "public");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("public/index.html")).unwrap(),
            "previous"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn hidden_entries_left_in_a_killed_builds_retired_output_go_to_the_output() {
        let dir = tempfile::tempdir().unwrap();
        // Killed after its swap: the new output is in place, the user's .git still in the
        // retired directory.
        std::fs::create_dir_all(dir.path().join("public")).unwrap();
        std::fs::write(dir.path().join("public/index.html"), "new").unwrap();
        let retired = dir.path().join(".public.old-4294967295");
        std::fs::create_dir_all(retired.join(".git")).unwrap();
        std::fs::write(retired.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(retired.join("index.html"), "previous").unwrap();
        remove_leftovers(dir.path(), "public");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("public/.git/HEAD")).unwrap(),
            "ref"
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("public/index.html")).unwrap(),
            "new"
        );
        assert!(!retired.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_staging_directory_of_a_running_build_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        // Process 1 always runs.
        let running = dir.path().join(".public.building-1");
        std::fs::create_dir_all(&running).unwrap();
        remove_leftovers(dir.path(), "public");
        assert!(running.is_dir());
    }

    #[test]
    fn a_build_that_would_replace_a_hidden_entry_of_the_output_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir_all(output.join(".git")).unwrap();
        std::fs::write(output.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(output.join(OUTPUT_MARK), "").unwrap();
        let page = |html: &str| Contents::Page(std::sync::Arc::new(html.into()));
        let staging = Staging::new(dir.path(), &output, false).unwrap();
        staging.write(".git/index.html", &page("a page")).unwrap();
        let problem = staging.commit().unwrap_err().to_string();
        assert!(
            problem.contains("the site writes `.git`, which would replace the output's own"),
            "{problem}"
        );
        assert_eq!(
            std::fs::read_to_string(output.join(".git/HEAD")).unwrap(),
            "ref"
        );
        assert!(!output.join(".git/index.html").exists());
    }

    #[test]
    fn a_build_whose_directory_was_removed_meanwhile_does_not_publish() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        std::fs::write(output.join("index.html"), "previous").unwrap();
        let page = |html: &str| Contents::Page(std::sync::Arc::new(html.into()));
        let staging = Staging::new(dir.path(), &output, true).unwrap();
        staging.write("a/index.html", &page("a")).unwrap();
        std::fs::remove_dir_all(&staging.dir).unwrap();
        staging.write("b/index.html", &page("b")).unwrap();
        let problem = staging.commit().unwrap_err().to_string();
        assert!(
            problem.contains("removed while it was written"),
            "{problem}"
        );
        assert_eq!(
            std::fs::read_to_string(output.join("index.html")).unwrap(),
            "previous"
        );
    }
}
