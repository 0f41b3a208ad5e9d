//! Fixture sites: copied to a temporary directory, built with the library or the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A copy of a fixture site in a temporary directory, so a test may change it.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn copy_of(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Saves a file as an editor that saves safely does: written whole to a hidden temporary
    /// file beside it, then renamed over it. A server watching the site never sees the file
    /// empty or half written, as it could between the truncation and the write of `write`
    /// when the test is paused longer than the watcher's quiet window on a busy machine.
    pub fn save(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        let directory = path.parent().unwrap();
        std::fs::create_dir_all(directory).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let temporary = directory.join(format!(".{name}.tmp"));
        std::fs::write(&temporary, text).unwrap();
        std::fs::rename(&temporary, &path).unwrap();
    }

    /// Adds settings to the end of the site's `site.yaml`.
    pub fn configure(&self, settings: &str) {
        let config = std::fs::read_to_string(self.root().join("site.yaml")).unwrap();
        self.write("site.yaml", &format!("{config}{settings}"));
    }

    /// Builds the site into its `public/`; the error is the diagnostics as printed.
    pub fn build(&self) -> Result<hashiya::BuildReport, String> {
        hashiya::build(&hashiya::BuildOptions::new(self.root()))
            .map_err(|problems| problems.to_string())
    }

    pub fn read_output(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join("public").join(relative))
            .unwrap_or_else(|e| panic!("public/{relative}: {e}"))
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
