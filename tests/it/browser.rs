//! The example site in a real browser: builds it, then runs the Node tests in
//! `tests/browser/` (Playwright driving Chromium) against the output.
//!
//! Needs Node.js 20 or newer, the test's packages (`npm ci --prefix tests/browser`),
//! Chromium (`apt-get install chromium`, or `CHROMIUM_PATH` naming another build) and Java
//! for the HTML checker (`apt-get install default-jre-headless`). A missing one fails the
//! test with a message saying how to install it: it never skips.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The whole Node run is stopped after this long (it takes well under a minute).
const TIMEOUT: Duration = Duration::from_secs(300);

const SETUP: &str = "set up the browser tests with `bash tests/run.sh`, which installs what \
     they need (Node.js 20 from the npm registry where the system's is older), or by hand:\n  \
     apt-get install nodejs npm chromium default-jre-headless   (nodejs 20 or newer)\n  \
     npm ci --prefix tests/browser";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn check_node() {
    let out = Command::new("node").arg("--version").output();
    let version = match out {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().to_string(),
        Ok(out) => panic!(
            "`node --version` failed ({}): {}\n{SETUP}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("Node.js is not installed (`node`: {e})\n{SETUP}"),
    };
    let major: u32 = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .unwrap_or(0);
    assert!(
        major >= 20,
        "the browser tests need Node.js 20 or newer, found {version}\n{SETUP}"
    );
}

/// The Node packages the tests import (tests/browser/package.json).
const PACKAGES: [&str; 3] = ["playwright-core", "axe-core", "vnu-jar"];

/// The test's Node packages, installed from the lock file on first use (or when the lock
/// file gained a package since).
fn check_packages() {
    let installed = || {
        PACKAGES.iter().all(|name| {
            browser_dir()
                .join("node_modules")
                .join(name)
                .join("package.json")
                .is_file()
        })
    };
    if !installed() {
        let status = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(browser_dir())
            .status();
        assert!(
            status.is_ok_and(|s| s.success()),
            "the browser tests' packages are not installed and `npm ci --prefix tests/browser` failed\n{SETUP}"
        );
    }
    assert!(
        installed(),
        "tests/browser/node_modules lacks one of {PACKAGES:?} after `npm ci`\n{SETUP}"
    );
}

fn check_chromium() {
    let path = std::env::var_os("CHROMIUM_PATH")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "Chromium is not installed at {}: install it with `apt-get install chromium`, \
         or set CHROMIUM_PATH to a Chromium binary",
        path.display()
    );
}

/// Java, which runs the HTML checker (vnu.jar).
fn check_java() {
    let out = Command::new("java").arg("-version").output();
    assert!(
        out.is_ok_and(|out| out.status.success()),
        "Java is not installed (the HTML checker runs on it)\n{SETUP}"
    );
}

/// The test files, by name, so that the run does not depend on how a Node version
/// reads a directory argument to `--test`.
fn test_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(browser_dir())
        .expect("tests/browser exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no *.test.mjs in tests/browser");
    files
}

/// Runs `command`, collecting stdout and stderr together; kills it after `TIMEOUT`.
fn run(mut command: Command) -> (bool, String) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start node: {e}\n{SETUP}"));
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let (success, timed_out) = loop {
        if let Some(status) = child.try_wait().expect("waiting for node") {
            break (status.success(), false);
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break (false, true);
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let mut output = stdout.join().unwrap();
    output.push_str(&stderr.join().unwrap());
    if timed_out {
        output.push_str(&format!("\nstopped after {} s\n", TIMEOUT.as_secs()));
    }
    (success, output)
}

#[test]
fn example_site_in_chromium() {
    check_node();
    check_packages();
    check_chromium();
    check_java();

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let public = out.path().join("public");
    hashiya::build(&hashiya::BuildOptions {
        root: root.to_path_buf(),
        output: Some(public.clone()),
        ..hashiya::BuildOptions::new(root)
    })
    .unwrap_or_else(|e| panic!("the example site does not build:\n{e}"));

    let arabic = build_with_arabic_digits(root, out.path());

    let table = out.path().join("search-table.json");
    write_search_table(root, &table);

    let mut node = Command::new("node");
    node.arg("--test")
        .arg("--test-reporter=spec")
        .args(test_files())
        .current_dir(browser_dir())
        .env("HASHIYA_SITE", &public)
        .env("HASHIYA_SITE_ARABIC_DIGITS", &arabic)
        .env("HASHIYA_SEARCH_TABLE", &table)
        // The preview test runs the binary itself on a copy of the example site.
        .env("HASHIYA_BIN", env!("CARGO_BIN_EXE_hashiya"))
        .env("HASHIYA_EXAMPLE", Path::new(env!("CARGO_MANIFEST_DIR")))
        .env("NO_COLOR", "1");
    let (success, output) = run(node);
    if success {
        // Shown with `--nocapture`.
        println!("{output}");
    }
    assert!(
        success,
        "the browser tests failed (node --test in tests/browser):\n{output}"
    );
}

/// Builds a copy of the example site with `digits: arabic` into `out` and returns its output
/// directory, where the browser tests check the numbers the theme's CSS and scripts draw.
fn build_with_arabic_digits(root: &Path, out: &Path) -> PathBuf {
    let copy = out.join("arabic-digits");
    for dir in ["content", "templates", "themes"] {
        crate::common::copy_dir(&root.join(dir), &copy.join(dir));
    }
    let config = std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml");
    let config = format!("{}\ndigits: arabic\n", config.trim_end());
    std::fs::write(copy.join("site.yaml"), config).unwrap();
    let public = out.join("public-arabic-digits");
    hashiya::build(&hashiya::BuildOptions {
        output: Some(public.clone()),
        ..hashiya::BuildOptions::new(&copy)
    })
    .unwrap_or_else(|e| panic!("the example site with arabic digits does not build:\n{e}"));
    public
}

/// Hard cases of normalisation (marks, hamza forms, letter variants, digits, invisible
/// controls, whitespace, presentation forms) and of search keys (proclitics, the article).
const SEARCH_CASES: &[&str] = &[
    "أ\u{64f}وك\u{652}ر\u{64e}ان\u{650}ي\u{64e}ا",
    "ب\u{64f}وت\u{650}ين\u{64f}",
    "م\u{64f}ح\u{64e}م\u{64e}\u{651}د\u{64c}",
    "ٱلر\u{64e}\u{651}ح\u{652}م\u{64e}\u{670}ن\u{650}",
    "كـــوريا",
    "ســ\u{64e}ـلام",
    "ا\u{653}",
    "إيران",
    "آسيا",
    "قرآن",
    "الجزاي\u{654}ر",
    "موو\u{654}تمر",
    "ا\u{654}وكرانيا",
    "ي\u{64e}\u{654}",
    "ى\u{654}",
    "ی\u{654}",
    "و \u{654}",
    "مسؤول رئيس",
    "مدرسة",
    "الصلاة",
    "على مستشفى",
    "فارسی",
    "کتاب",
    "ہ ە ۀ ے",
    "ۓ ڪ پ",
    "ٵ",
    "٢٠١٩ و۱۴",
    "٣٫٥",
    "x²",
    "روسيا\u{200c}\u{200f}",
    "a\u{200b}b\u{200d}c\u{2060}d",
    "\u{202b}نص\u{202c} \u{2067}abc\u{2069}",
    "x\u{ad}y",
    "\u{feff}بسم\u{61c}",
    "كيم\u{a0}جونغ \u{a}  أون",
    "a\u{9}b\u{d}\u{a}c",
    "a\u{85}b\u{2028}c\u{3000}d",
    "  طرفان  ",
    "a \u{64e} b",
    "ﻻ",
    "ﻼ",
    "ﻹ",
    "ﷲ x",
    "ﷺ",
    "ﺑﻮﺗﻴﻦ",
    "ﺆ",
    "ﭖ",
    "ﬁ Ｆｕｌｌ",
    "Straße ÉTÉ",
    "وبالكرملين",
    "للكرملين",
    "وللكرملين",
    "فلروسيا",
    "وأوكرانيا",
    "الكرملين كرملين العقوبات عقوبات الا",
    "وب بكين و",
    "  Putin،  وبُوتِين!",
    "و كيم",
    "...",
    "İstanbul ΣΊΣΥΦΟΣ Ǆemal",
];

/// The table that search.js is checked against: for each input, what src/arabic/normalize.rs
/// makes of it and the search keys of its words (src/pipeline/search.rs). The inputs are
/// `SEARCH_CASES` and every line of the example site's articles.
fn write_search_table(root: &Path, path: &Path) {
    use hashiya::pipeline::search::{search_keys, words};
    let mut inputs: Vec<String> = SEARCH_CASES.iter().map(|s| s.to_string()).collect();
    let articles = root.join("content/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&articles)
        .expect("content/articles")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        inputs.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    let rows: Vec<serde_json::Value> = inputs
        .iter()
        .map(|input| {
            let keys: Vec<Vec<String>> = words(input).map(|w| search_keys(&w)).collect();
            serde_json::json!({
                "input": input,
                "normalized": hashiya::arabic::normalize(input).text,
                "keys": keys,
            })
        })
        .collect();
    std::fs::write(path, serde_json::to_string(&rows).unwrap()).unwrap();
}
