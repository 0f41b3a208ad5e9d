//! The binary as a user runs it: exit codes, the summary line, `init`, and what a failed build
//! leaves behind.

use crate::common::Site;
use assert_cmd::Command;
use predicates::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

fn hashiya() -> Command {
    Command::cargo_bin("hashiya").unwrap()
}

/// `hashiya COMMAND --root ROOT`.
fn run_in(command: &str, root: &Path) -> Command {
    let mut hashiya = hashiya();
    hashiya.args([command, "--root"]).arg(root);
    hashiya
}

/// `hashiya build --root ROOT`.
pub(crate) fn build_in(root: &Path) -> Command {
    run_in("build", root)
}

/// `hashiya check --root ROOT`.
pub(crate) fn check_in(root: &Path) -> Command {
    run_in("check", root)
}

/// `hashiya new --root ROOT NAME`.
fn new_in(root: &Path, name: &str) -> Command {
    let mut command = run_in("new", root);
    command.arg(name);
    command
}

/// Every file of a directory with its bytes, to compare whole outputs.
fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn build_prints_one_summary_line_and_exits_0() {
    let site = Site::copy_of("basic");
    build_in(site.root()).assert().code(0).stdout(
        predicate::str::is_match(
            r"^built \d+ pages \(3 articles, 4 glossary entries\) in \d+ ms\n$",
        )
        .unwrap(),
    );
    assert!(site.root().join("public/index.html").is_file());
}

#[test]
fn build_defaults_to_the_current_directory() {
    let site = Site::copy_of("basic");
    hashiya()
        .arg("build")
        .current_dir(site.root())
        .assert()
        .code(0);
    assert!(site
        .root()
        .join("public/articles/summit/index.html")
        .is_file());
}

#[test]
fn output_flag_chooses_the_directory() {
    let site = Site::copy_of("basic");
    let out = site.root().join("elsewhere/site");
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join("index.html").is_file());
    assert!(!site.root().join("public").exists());
}

#[test]
fn timings_show_how_long_each_stage_took() {
    let site = Site::copy_of("basic");
    let output = build_in(site.root()).arg("--timings").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stages: Vec<&str> = stdout
        .lines()
        .skip(1)
        .map(|line| line.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "load", "parse", "annotate", "related", "index", "select", "render", "assemble",
            "finish"
        ],
        "{stdout}"
    );
    assert!(
        stdout.lines().skip(1).all(|l| l.ends_with(" ms")),
        "{stdout}"
    );
}

#[test]
fn building_twice_gives_byte_identical_output() {
    let site = Site::copy_of("basic");
    let first_out = site.root().join("first");
    let second_out = site.root().join("second");
    for out in [&first_out, &second_out] {
        build_in(site.root())
            .arg("--output")
            .arg(out)
            .assert()
            .code(0);
    }
    let first = snapshot_dir(&first_out);
    assert!(first.len() > 10);
    assert_eq!(first, snapshot_dir(&second_out));
}

#[test]
fn broken_front_matter_exits_1_with_location_and_keeps_previous_output() {
    let site = Site::copy_of("basic");
    build_in(site.root()).assert().code(0);
    let before = snapshot_dir(&site.root().join("public"));

    site.write(
        "content/articles/older.md",
        "---\ntitle: خلفية\ndate: 2019-01-10\ntags: [روسيا\n---\nنص.\n",
    );
    build_in(site.root())
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "content/articles/older.md:4:7: error[yaml-syntax]: invalid YAML",
        ))
        .stderr(predicate::str::contains("build failed"));
    assert_eq!(
        before,
        snapshot_dir(&site.root().join("public")),
        "the previous output changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging directories left behind: {leftovers:?}"
    );
}

#[test]
fn content_errors_show_the_line_a_caret_and_a_hint() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/older.md",
        "---\ntitle: خلفية\ndate: 2019-01-10\ntranslater: x\n---\nنص.\n",
    );
    build_in(site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "content/articles/older.md:4:1: error[unknown-key]: unknown key `translater`\n  |\n4 | translater: x\n  | ^^^^^^^^^^\n  = help: did you mean `translator`?\n",
        ));
}

#[test]
fn every_error_of_a_build_is_reported() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/older.md",
        "---\ndate: 2019-01-10\n---\nنص.\n",
    );
    site.write(
        "content/articles/english.md",
        "---\ntitle: x\ndate: 2019-02-30\n---\n",
    );
    build_in(site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "content/articles/english.md:3:7: error[invalid-date]:",
        ))
        .stderr(predicate::str::contains(
            "content/articles/older.md:2:1: error[missing-key]: missing required key `title`",
        ))
        .stderr(predicate::str::contains("2 errors"));
}

#[test]
fn two_pages_with_one_url_are_refused() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/copy.md",
        "---\ntitle: نسخة\ndate: 2019-01-11\nslug: summit\n---\nنص.\n",
    );
    build_in(site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("content/articles/copy.md:4:7: error[duplicate-url]: this page has the same URL as content/articles/summit.md"));
}

#[test]
fn usage_errors_exit_2() {
    hashiya()
        .arg("build")
        .arg("--no-such-flag")
        .assert()
        .code(2);
    hashiya().arg("no-such-command").assert().code(2);
    hashiya().arg("init").assert().code(2);
}

#[test]
fn help_and_version() {
    hashiya()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("hashiya "));
    for command in ["build", "init"] {
        hashiya()
            .args([command, "--help"])
            .assert()
            .code(0)
            .stdout(predicate::str::contains("Usage: hashiya"));
    }
    hashiya().args(["build", "--help"]).assert().stdout(
        predicate::str::contains("--root")
            .and(predicate::str::contains("--output"))
            .and(predicate::str::contains("--drafts")),
    );
}

#[test]
fn init_creates_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    hashiya().arg("init").arg(&site).assert().code(0);
    build_in(&site)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("(1 articles, 2 glossary entries)"));
    let article =
        std::fs::read_to_string(site.join("public/articles/first-article/index.html")).unwrap();
    assert!(article.contains("data-term=\"moscow\""));
    assert!(article.contains("data-term=\"beijing\""));
    // The new site speaks Arabic: its navigation names the articles' section in Arabic.
    let doc = scraper::Html::parse_document(&article);
    let nav: Vec<String> = doc
        .select(&scraper::Selector::parse("header nav a").unwrap())
        .map(|a| a.text().collect::<String>().trim().to_string())
        .collect();
    assert!(nav.iter().any(|t| t == "المقالات"), "{nav:?}");
    assert!(
        nav.iter()
            .all(|t| !t.chars().any(|c| c.is_ascii_alphabetic())),
        "{nav:?}"
    );
    // A second init into the same place refuses to overwrite.
    hashiya()
        .arg("init")
        .arg(&site)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("a site already exists here"));
}

#[test]
fn build_and_check_warn_at_base_url_while_it_is_the_example_address_init_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    hashiya().arg("init").arg(&site).assert().code(0);
    let warning =
        "site.yaml:3:11: warning[example-base-url]: `base_url` is still an example address, \
                   `https://example.org/`\n  |\n3 | base_url: https://example.org/\n  |           \
                   ^^^^^^^^^^^^^^^^^^^^\n  = help: write the address the site will be published at";
    for command in ["build", "check"] {
        let output = run_in(command, &site).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{command}: {stderr}");
        assert!(stderr.contains(warning), "{command}: {stderr}");
        assert_eq!(
            stderr.matches(": warning[").count(),
            1,
            "{command}: {stderr}"
        );
    }
    // Set to where the site is published, or to a path, the warning is gone.
    for base_url in ["http://127.0.0.1:8000/news/", "/"] {
        let config = std::fs::read_to_string(site.join("site.yaml"))
            .unwrap()
            .replace("https://example.org/", base_url);
        std::fs::write(site.join("site.yaml"), config).unwrap();
        build_in(&site)
            .assert()
            .code(0)
            .stderr(predicate::str::contains("warning").not());
    }
}

#[test]
fn new_writes_a_dated_draft_that_the_site_builds_at_once_and_never_overwrites() {
    let site = Site::copy_of("basic");
    new_in(site.root(), "articles/summit-2024")
        .env("TZ", "UTC")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("content/articles/summit-2024.md"));
    let path = site.root().join("content/articles/summit-2024.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    assert!(text.contains(&format!("\ndate: {today}\n")), "{text}");
    for field in [
        "title: عنوان المقال",
        "translator:",
        "source:\n  title:\n  outlet:\n  url:\n  author:\n  date:\n",
        "tags: []",
        "notes: []",
        "draft: true",
    ] {
        assert!(text.contains(field), "{field}: {text}");
    }
    // A draft: built and checked without a word, published only with --drafts, and then with
    // no empty source credit.
    build_in(site.root()).assert().code(0);
    assert!(!site.root().join("public/articles/summit-2024").exists());
    hashiya()
        .args(["check", "--drafts", "--root"])
        .arg(site.root())
        .assert()
        .code(0);
    build_in(site.root()).arg("--drafts").assert().code(0);
    let page = std::fs::read_to_string(site.root().join("public/articles/summit-2024/index.html"))
        .unwrap();
    let doc = scraper::Html::parse_document(&page);
    let h1: String = doc
        .select(&scraper::Selector::parse("h1").unwrap())
        .flat_map(|h| h.text())
        .collect();
    assert_eq!(h1.trim(), "عنوان المقال");
    assert_eq!(
        doc.select(&scraper::Selector::parse(".credit").unwrap())
            .count(),
        0
    );
    // Never over a file that is there, nor beside a page bundle of that name.
    std::fs::write(&path, "mine").unwrap();
    new_in(site.root(), "articles/summit-2024")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("this article already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    site.write(
        "content/articles/bundle/index.md",
        "---\ntitle: ح\ndate: 2020-01-01\n---\nن.\n",
    );
    new_in(site.root(), "articles/bundle")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("content/articles/bundle/index.md"));
    for name in [
        "summit",
        "articles/",
        "../summit",
        "articles/.hidden",
        "articles/_index",
    ] {
        new_in(site.root(), name)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("write SECTION/NAME"));
    }
}

#[test]
fn drafts_are_published_only_when_asked() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/draft.md",
        "---\ntitle: مسودة\ndate: 2019-05-01\ndraft: true\n---\nنص.\n",
    );
    build_in(site.root()).assert().code(0);
    assert!(!site.root().join("public/articles/draft").exists());
    hashiya()
        .args(["build", "--drafts", "--root"])
        .arg(site.root())
        .assert()
        .code(0);
    assert!(site
        .root()
        .join("public/articles/draft/index.html")
        .is_file());
}

#[test]
fn output_inside_content_is_refused() {
    let site = Site::copy_of("basic");
    build_in(site.root())
        .arg("--output")
        .arg(site.root().join("content/public"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("inside `content/`"));
    assert!(!site.root().join("content/public").exists());
}

#[test]
fn bom_and_crlf_files_build() {
    let site = Site::copy_of("basic");
    let text = "\u{feff}---\r\ntitle: نص بنهايات ويندوز\r\ndate: 2019-03-01\r\n---\r\nتعود العلاقات مع موسكو.\r\n";
    site.write("content/articles/windows.md", text);
    build_in(site.root()).assert().code(0);
    let html = site.read_output("articles/windows/index.html");
    assert!(html.contains("نص بنهايات ويندوز"));
    assert!(html.contains("data-term=\"moscow\""));
}

#[test]
fn a_new_site_has_every_theme_file_its_pages_ask_for() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    hashiya().arg("init").arg(&site).assert().code(0);
    build_in(&site).assert().code(0);
    for page in [
        "index.html",
        "search/index.html",
        "articles/first-article/index.html",
    ] {
        let html = std::fs::read_to_string(site.join("public").join(page)).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let selector = scraper::Selector::parse("script[src], link[href^='/theme/']").unwrap();
        for element in doc.select(&selector) {
            let url = element
                .value()
                .attr("src")
                .or(element.value().attr("href"))
                .unwrap();
            assert!(
                site.join("public")
                    .join(url.trim_start_matches('/'))
                    .is_file(),
                "{page} asks for {url}"
            );
        }
    }
}

/// A directory as a user's GitHub Pages checkout looks: a repository, a domain file, a page.
fn someone_elses_checkout(dir: &Path) {
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::write(dir.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(dir.join("CNAME"), "news.example.org\n").unwrap();
    std::fs::write(dir.join("index.html"), "<p>mine</p>").unwrap();
}

#[test]
fn an_output_directory_hashiya_did_not_write_is_refused_untouched() {
    let site = Site::copy_of("basic");
    let out = site.root().join("pages-checkout");
    someone_elses_checkout(&out);
    let before = snapshot_dir(&out);
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("pages-checkout: error[output-not-replaceable]: the output directory holds files that hashiya did not write (`CNAME`, `index.html`)")
                .and(predicate::str::contains("--force")),
        );
    assert_eq!(
        snapshot_dir(&out),
        before,
        "a refused build changed the directory"
    );
}

#[test]
fn force_replaces_the_directory_but_keeps_its_hidden_entries() {
    let site = Site::copy_of("basic");
    let out = site.root().join("pages-checkout");
    someone_elses_checkout(&out);
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .arg("--force")
        .assert()
        .code(0);
    assert_eq!(
        std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
    assert!(!out.join("CNAME").exists());
    assert!(std::fs::read_to_string(out.join("index.html"))
        .unwrap()
        .contains("<!DOCTYPE html>"));
}

#[test]
fn an_output_hashiya_wrote_is_replaced_keeping_hidden_entries_and_an_empty_one_is_used() {
    let site = Site::copy_of("basic");
    let out = site.root().join("site-out");
    std::fs::create_dir_all(&out).unwrap();
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join(".hashiya-output").is_file());
    // Deployed from a repository inside the output; a page left over from an older build.
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(out.join(".nojekyll"), "").unwrap();
    std::fs::write(out.join("stale.html"), "old").unwrap();
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join(".git/HEAD").is_file());
    assert!(out.join(".nojekyll").is_file());
    assert!(!out.join("stale.html").exists());
    assert!(out.join("index.html").is_file());
}

#[test]
fn a_file_given_as_output_is_refused() {
    let site = Site::copy_of("basic");
    let out = site.root().join("notes.txt");
    std::fs::write(&out, "keep me").unwrap();
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the output is a file"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}

/// `check` and `build` both exit 1 on the site at `root`, reporting `expected`.
fn fails_in_check_and_build(root: &Path, expected: &str) {
    for command in ["check", "build"] {
        hashiya()
            .args([command, "--root"])
            .arg(root)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(expected));
    }
}

#[test]
fn check_refuses_what_build_would_fail_to_write() {
    let long = "ب".repeat(140);
    let cases = [
        (
            "content/atom.xml.md",
            "---\ntitle: صفحة\ndate: 2020-01-01\n---\nنص.\n".to_string(),
            "content/atom.xml.md:1:1: error[duplicate-url]: this page would be written to `atom.xml/index.html`, but the site writes a file `atom.xml` there",
        ),
        (
            "content/articles/long.md",
            format!("---\ntitle: طويل\ndate: 2020-01-01\nslug: {long}\n---\nنص.\n"),
            "content/articles/long.md:4:7: error[invalid-slug]:",
        ),
        (
            "content/articles/long.md",
            format!("---\ntitle: طويل\ndate: 2020-01-01\ntags: [{long}]\n---\nنص.\n"),
            "content/articles/long.md:4:8: error[tag-too-long]: the tag",
        ),
        // Under a file the theme copies, and on the path of a page the site generates: the
        // error names the article, not only the output path.
        (
            "content/theme/style.css.md",
            "---\ntitle: نمط\ndate: 2020-01-01\n---\nنص.\n".to_string(),
            "content/theme/style.css.md:1:1: error[duplicate-url]: this page would be written to `theme/style.css/index.html`, but the site writes a file `theme/style.css` there",
        ),
        (
            "content/search.md",
            "---\ntitle: بحث\ndate: 2020-01-01\n---\nنص.\n".to_string(),
            "content/search.md:1:1: error[duplicate-url]: two pages would be written to `search/index.html`",
        ),
    ];
    for (path, text, expected) in cases {
        let site = Site::copy_of("basic");
        site.write(path, &text);
        fails_in_check_and_build(site.root(), expected);
        assert!(
            !site.root().join("public").exists(),
            "{path}: nothing written"
        );
    }
}

#[test]
fn a_repository_alone_is_used_and_an_unmarked_output_or_a_linked_one_refused() {
    let site = Site::copy_of("basic");
    // `git init public`: nothing but hidden entries, which are kept.
    let out = site.root().join("repo-only");
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref").unwrap();
    build_in(site.root())
        .arg("--output")
        .arg(&out)
        .assert()
        .code(0);
    assert!(out.join(".git/HEAD").is_file() && out.join("index.html").is_file());

    // A directory that looks like an output of a hashiya from before the mark, beside a file
    // of its owner's: not known to be hashiya's, so refused (`--force` replaces it).
    let older = site.root().join("older");
    std::fs::create_dir_all(older.join("theme")).unwrap();
    std::fs::write(older.join("theme/hashiya.js"), "").unwrap();
    std::fs::write(older.join("thesis.docx"), "precious").unwrap();
    build_in(site.root())
        .arg("--output")
        .arg(&older)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("`theme`, `thesis.docx`"));
    assert_eq!(
        std::fs::read(older.join("thesis.docx")).unwrap(),
        b"precious"
    );

    #[cfg(unix)]
    {
        let target = site.root().join("target-dir");
        std::fs::create_dir_all(&target).unwrap();
        let link = site.root().join("linked");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        build_in(site.root())
            .arg("--output")
            .arg(&link)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("the output is a symbolic link"));
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}

#[test]
fn settings_that_cannot_be_meant_are_errors_at_their_place() {
    let cases = [
        (
            "title: موقع\nbase_url: https://example.org/\npaginate_by: 0\n",
            "site.yaml:3:14: error[zero-page-size]: `paginate_by` is 0",
        ),
        (
            "title: موقع\nbase_url: https://example.org/\nglossary:\n  mentions_per_page: 0\n",
            "site.yaml:4:22: error[zero-page-size]: `mentions_per_page` is 0",
        ),
        (
            "title: موقع\nbase_url: https://example.org/\nglossary:\n  entries_per_page: 0\n",
            "site.yaml:4:21: error[zero-page-size]: `entries_per_page` is 0",
        ),
        (
            "title: موقع\nbase_url: \"javascript:alert(1)\"\n",
            "site.yaml:2:12: error[invalid-base-url]: `base_url` must be an http(s) URL or a path",
        ),
        (
            "title: موقع\nbase_url: https://example.org/\nlanguage: arabic\n",
            "site.yaml:3:11: error[invalid-language]: `arabic` is not a language tag",
        ),
        // Paths that browsers read as another site's address.
        (
            "title: موقع\nbase_url: //evil.example/\n",
            "site.yaml:2:11: error[invalid-base-url]: `base_url` must be an http(s) URL or a path",
        ),
        (
            "title: موقع\nbase_url: /\\evil.example/\n",
            "site.yaml:2:11: error[invalid-base-url]: `base_url` must be an http(s) URL or a path",
        ),
        // A URL without a host (it made canonical links `https:/`), or with a space in it.
        (
            "title: موقع\nbase_url: \"https://\"\n",
            "site.yaml:2:12: error[invalid-base-url]: `base_url` names no host: `https://`\n  |\n2 | base_url: \"https://\"\n  |            ^^^^^^^^\n  = help: write the site's address after `://`",
        ),
        (
            "title: موقع\nbase_url: https://:8080/news/\n",
            "site.yaml:2:11: error[invalid-base-url]: `base_url` names no host",
        ),
        (
            "title: موقع\nbase_url: \"https://ex ample.org/\"\n",
            "site.yaml:2:12: error[invalid-base-url]: `base_url` holds a space, which a URL cannot: `https://ex ample.org/`\n  |\n2 | base_url: \"https://ex ample.org/\"\n  |            ^^^^^^^^^^^^^^^^^^^^^\n  = help: remove it",
        ),
        (
            "title: موقع\nbase_url: \"/my site/\"\n",
            "site.yaml:2:12: error[invalid-base-url]: `base_url` holds a space",
        ),
    ];
    for (config, expected) in cases {
        let site = Site::copy_of("basic");
        site.write("site.yaml", config);
        fails_in_check_and_build(site.root(), expected);
    }
    // The hint for a language written as a name.
    let site = Site::copy_of("basic");
    site.write(
        "site.yaml",
        "title: موقع\nbase_url: https://example.org/\nlanguage: arabic\n",
    );
    build_in(site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `ar`?"));
    // Eastern digits are the Arabic ones, whatever the closest spelling.
    site.write(
        "site.yaml",
        "title: موقع\nbase_url: https://example.org/\ndigits: eastern\n",
    );
    build_in(site.root())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean `arabic`?"));
    // A path is a base URL too, and a region subtag a language.
    site.write(
        "site.yaml",
        "title: موقع\nbase_url: /news/\nlanguage: ar-EG\n",
    );
    build_in(site.root()).assert().code(0);
    // A host with a port or as an IPv6 address is a host.
    for base_url in ["http://localhost:8080/news/", "http://[::1]:8080/"] {
        site.write(
            "site.yaml",
            &format!("title: موقع\nbase_url: \"{base_url}\"\n"),
        );
        build_in(site.root()).assert().code(0);
    }
}

#[test]
fn tags_and_slugs_that_make_misleading_or_no_urls_are_reported_at_their_place() {
    let article = |front: &str| format!("---\ntitle: مقالة\ndate: 2020-01-01\n{front}\n---\nنص.\n");
    let errors = [
        (
            "tags: [\"!!!\"]",
            "content/articles/t.md:4:9: error[tag-without-letters]: the tag `!!!` has no letter or digit to make its URL from",
        ),
        // Written with escapes, the tag is placed where it is written, escapes and all.
        (
            "tags: [\"\\x21\\x21\\x21\"]",
            "content/articles/t.md:4:9: error[tag-without-letters]: the tag `!!!` has no letter or digit to make its URL from",
        ),
        (
            "slug: \"abc\u{202E}fdp.exe\"",
            "content/articles/t.md:4:8: error[invisible-control]: the slug holds the invisible direction control U+202E",
        ),
        (
            "slug: \"news\\u2067x\"",
            "content/articles/t.md:4:8: error[invisible-control]: the slug holds the invisible direction control U+2067",
        ),
        (
            "slug: \"ab\u{200B}c\"",
            "content/articles/t.md:4:8: error[invisible-control]: the slug holds the invisible character U+200B, which makes its URL look like another\n  |\n4 | slug: \"ab\\u{200b}c\"\n  |        ^^^^^^^^^^^\n  = help: delete the slug and type it again",
        ),
        (
            "tags: [روسيا, \"abc\u{202E}fdp\"]",
            "content/articles/t.md:4:16: error[invisible-control]: the tag `abc\\u{202e}fdp` holds the invisible direction control U+202E, which makes it look like another tag\n  |\n4 | tags: [روسيا, \"abc\\u{202e}fdp\"]\n  |                ^^^^^^^^^^^^^^\n  = help: delete the tag and type it again",
        ),
        (
            "tags: [\"\\u2066x\"]",
            "content/articles/t.md:4:9: error[invisible-control]: the tag `\\u{2066}x` holds the invisible direction control U+2066",
        ),
    ];
    for (front, expected) in errors {
        let site = Site::copy_of("basic");
        site.write("content/articles/t.md", &article(front));
        fails_in_check_and_build(site.root(), expected);
    }
    // A slug made from the file name is mended by renaming the file, not by retyping a slug
    // the article does not have.
    let site = Site::copy_of("basic");
    site.write("content/articles/abc\u{202E}fdp.exe.md", &article(""));
    fails_in_check_and_build(
        site.root(),
        "content/articles/abc\\u{202e}fdp.exe.md: error[invisible-control]: the file name holds the invisible direction control U+202E, which makes its URL look like another\n  = help: rename the file (type its name again: the control cannot be seen, only removed), or give the article a `slug:`\n",
    );
    site.write(
        "content/articles/abc\u{202E}fdp.exe.md",
        &article("slug: abc-fdp"),
    );
    check_in(site.root()).assert().code(0);
    let warnings = [
        (
            "tags: [Foo, روسيا, \"foo!\"]",
            "content/articles/t.md:4:21: warning[tags-merged]: the tags `Foo` and `foo!` make one tag, `/tags/foo/`",
        ),
        (
            "tags:\n  - تقنية\n  - التقنية",
            "content/articles/t.md:6:5: warning[tags-differ-by-al]: the tags `تقنية` and `التقنية` differ only by ال",
        ),
    ];
    for (front, expected) in warnings {
        let site = Site::copy_of("basic");
        site.write("content/articles/t.md", &article(front));
        check_in(site.root())
            .assert()
            .code(0)
            .stderr(predicate::str::contains(expected))
            .stderr(predicate::str::contains("= help: write the tag"));
    }
}

#[test]
fn a_tag_spelled_otherwise_than_in_an_earlier_article_is_a_warning_at_its_place() {
    let site = Site::copy_of("basic");
    // Newest first: `new.md`'s spelling names the tag page.
    site.write(
        "content/articles/new.md",
        "---\ntitle: جديد\ndate: 2020-01-02\ntags: [Foo]\n---\nنص.\n",
    );
    site.write(
        "content/articles/old.md",
        "---\ntitle: قديم\ndate: 2020-01-01\ntags: [روسيا, \"foo!\"]\n---\nنص.\n",
    );
    // The same spelling elsewhere, and the page's own spelling, are no mistake.
    site.write(
        "content/articles/same.md",
        "---\ntitle: مثله\ndate: 2019-12-01\ntags: [Foo, روسيا]\n---\nنص.\n",
    );
    let output = check_in(site.root()).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("content/articles/old.md:4:16: warning[tags-merged]: the tag `foo!` and the tag `Foo` of content/articles/new.md make one tag, `/tags/foo/`\n  |\n4 | tags: [روسيا, \"foo!\"]\n  |                ^^^^\n  = help: write the tag one way in every article: the tag page is named `Foo`\n"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches(": warning[tags-merged]: the tag").count(),
        1,
        "only the other spelling is warned about:\n{stderr}"
    );
    // Written with escapes, the tag is placed where it is written, escapes and all.
    site.write(
        "content/articles/old.md",
        "---\ntitle: قديم\ndate: 2020-01-01\ntags: [\"fo\\x6F\"]\n---\nنص.\n",
    );
    check_in(site.root())
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "content/articles/old.md:4:9: warning[tags-merged]: the tag `foo` and the tag `Foo` of content/articles/new.md make one tag",
        ));
}

#[test]
fn a_glossary_entry_is_blamed_at_its_own_id_and_a_bad_id_alone() {
    let site = Site::copy_of("basic");
    let entry = |id: &str, term: &str, summary: &str, see_also: &str| {
        format!("- id: {id}\n  term: {term}\n  kind: place\n  summary: \"{summary}\"\n  see_also: [{see_also}]\n")
    };
    // `moscow` is named in the first entry's `see_also` before its own `id:`.
    site.write(
        "content/glossary.yaml",
        &format!(
            "{}{}",
            entry("kim", "كيم", "زعيم.", "moscow"),
            entry("moscow", "موسكو", "", "kim")
        ),
    );
    let stderr = check_fails(site.root());
    assert!(
        stderr.starts_with("content/glossary.yaml:6:7: error[empty-summary]: glossary entry `moscow` has an empty summary\n  |\n6 | - id: moscow\n"),
        "{stderr}"
    );
    // An id that cannot be a URL is the cause: what names the entry by the id it should have is
    // not reported too, but a name like no entry's still is.
    site.write(
        "content/glossary.yaml",
        &format!(
            "{}{}",
            entry("kim", "كيم", "زعيم.", "donbas, luhansk"),
            entry("\"Don Bas\"", "دونباس", "إقليم.", "kim")
        ),
    );
    let stderr = check_fails(site.root());
    assert!(
        stderr.contains(
            "content/glossary.yaml:6:8: error[invalid-glossary-id]: glossary id `Don Bas` cannot be part of a URL"
        ) && stderr.contains("error[unknown-see-also]: `see_also` names unknown entry `luhansk`"),
        "{stderr}"
    );
    assert_eq!(stderr.matches(": error[").count(), 2, "{stderr}");
}

/// What `check` prints on the site at `root`, which must fail.
fn check_fails(root: &Path) -> String {
    let output = check_in(root).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_broken_glossary_or_article_is_reported_alone_not_with_every_link_to_it() {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/links.md",
        "---\ntitle: روابط\ndate: 2020-01-01\n---\n[[g:moscow]], [[moscow]], [موسكو](/glossary/moscow/), [[older]], [خلفية](@/articles/older.md), [خلفية](/articles/older/), [لا شيء](@/articles/nowhere.md).\n",
    );
    site.write("content/glossary.yaml", "- id: moscow\n  term: [موسكو\n");
    site.write(
        "content/articles/older.md",
        "---\ntitle: خلفية\ndate: 2019-01-10\ntags: [روسيا\n---\nنص.\n",
    );
    let stderr = check_fails(site.root());
    assert!(
        stderr.starts_with("content/articles/links.md:5:")
            && stderr.contains(
                "error[broken-link]: broken link \"لا شيء\": no page `content/articles/nowhere.md`"
            ),
        "a link to nothing at all is still reported:\n{stderr}"
    );
    assert_eq!(
        stderr.matches(": error[").count(),
        3,
        "the glossary's error, the article's and the one broken link:\n{stderr}"
    );
    assert!(
        stderr.contains("content/glossary.yaml:2:9: error[wrong-type]:")
            && stderr.contains("content/articles/older.md:4:7: error[yaml-syntax]:"),
        "{stderr}"
    );

    // Articles that fail for their slug or for a note, linked to in every way a link can name
    // them: by slug, by section and slug, by file, by URL from the root and relative.
    let site = Site::copy_of("basic");
    let article =
        |front: &str| format!("---\ntitle: مقالة\ndate: 2020-01-01\n{front}\n---\nنص المقالة.\n");
    site.write(
        "content/articles/bidi.md",
        &article("slug: \"bidi\\u202E\""),
    );
    site.write("content/articles/dot.md", &article("slug: \".dot\""));
    let long = "ل".repeat(128);
    site.write(
        "content/articles/long.md",
        &article(&format!("slug: {long}")),
    );
    site.write(
        "content/articles/notes.md",
        &article("notes:\n  - quote: ما ليس في النص\n    body: حاشية."),
    );
    site.write(
        "content/articles/links.md",
        &format!("---\ntitle: روابط\ndate: 2020-01-01\n---\n[[bidi]], [[articles/bidi]], [ب](@/articles/bidi.md), [ب](/articles/bidi/).\n\n[[dot]], [[articles/dot]], [د](/articles/dot/#x), [د](../dot/).\n\n[[articles/long]], [ط](/articles/{long}/), [ط](@/articles/long.md).\n\n[[notes]], [[articles/notes]], [ن](@/articles/notes.md), [ن](/articles/notes/), [ن](../notes/index.html).\n\n[لا شيء](/articles/nowhere/).\n"),
    );
    let stderr = check_fails(site.root());
    for cause in [
        "content/articles/bidi.md:4:8: error[invisible-control]: the slug holds the invisible direction control U+202E",
        "content/articles/dot.md:4:8: error[invalid-slug]: `.dot` cannot be a URL segment",
        "content/articles/long.md:4:7: error[invalid-slug]: `",
        "content/articles/notes.md:5:12: error[note-not-found]: the note's quote \"ما ليس في النص\" is not in the text",
        "content/articles/links.md:13:1: error[broken-link]: broken link \"لا شيء\": the site has no `/articles/nowhere`",
    ] {
        assert!(stderr.contains(cause), "{cause}\nin\n{stderr}");
    }
    assert_eq!(
        stderr.matches(": error[").count(),
        5,
        "the four articles' errors and the one broken link:\n{stderr}"
    );
}

#[test]
fn control_characters_from_content_are_escaped_in_errors() {
    let site = Site::copy_of("basic");
    // Written raw, a control character is refused by the YAML reader, shown escaped.
    site.write(
        "content/articles/t.md",
        "---\ntitle: عنوان \u{1b}[2J\u{202E}x\ndate: 2020-01-01\n---\nنص.\n",
    );
    let stderr = check_fails(site.root());
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202E}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("content/articles/t.md:2:14: error[yaml-syntax]: invalid YAML: control characters are not allowed\n  |\n2 | title: عنوان \\u{1b}[2J\\u{202e}x\n  |              ^^^^^^\n  = help: remove the invisible character U+001B"),
        "{stderr}"
    );
    // Written as a YAML escape, it reaches the message.
    site.write(
        "content/articles/t.md",
        "---\ntitle: t\ndate: 2020-01-01\n\"titel\\e[2J\\u202E\": x\n---\nنص.\n",
    );
    let stderr = check_fails(site.root());
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{202E}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("error[unknown-key]: unknown key `titel\\u{1b}[2J\\u{202e}`"),
        "{stderr}"
    );
}

#[test]
fn check_says_how_many_mentions_each_exception_removed_and_warns_of_one_that_removed_none() {
    let site = crate::common::fixture("exceptions");
    let output = check_in(&site).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "content/glossary.yaml:6:7: note[exception-removed]: the exception `كيم إيل سونغ` of `kim-jong-un` removed 3 mentions\n",
        "content/glossary.yaml:7:7: note[exception-removed]: the exception `كيم يو جونغ` of `kim-jong-un` removed 1 mention\n",
        "content/glossary.yaml:8:7: warning[exception-unused]: the exception `كيم جونع إيل` of `kim-jong-un` removed no mention\n",
    ] {
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "checked 2 articles and 2 glossary entries: 0 errors, 1 warning, 2 notes\n"
    );

    let output = check_in(&site).args(["--format", "json"]).output().unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let reported: Vec<(&str, &str, u64, &str)> = lines
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reported,
        [
            (
                "note",
                "exception-removed",
                6,
                "the exception `كيم إيل سونغ` of `kim-jong-un` removed 3 mentions"
            ),
            (
                "note",
                "exception-removed",
                7,
                "the exception `كيم يو جونغ` of `kim-jong-un` removed 1 mention"
            ),
            (
                "warning",
                "exception-unused",
                8,
                "the exception `كيم جونع إيل` of `kim-jong-un` removed no mention"
            ),
        ]
    );
}

#[test]
fn build_shows_an_exception_that_removed_nothing_but_not_the_counts() {
    let site = Site::copy_of("exceptions");
    let output = build_in(site.root()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning[exception-unused]: the exception `كيم جونع إيل`"),
        "{stderr}"
    );
    assert!(!stderr.contains("note:"), "{stderr}");
}
