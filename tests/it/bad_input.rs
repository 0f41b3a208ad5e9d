//! The bad-input corpus: every broken site under `tests/fixtures/bad/` (each a few files laid
//! over the `basic` fixture, beside the `expected.*` files that hold what `check` prints for
//! it), plus cases that need a file system trick. For each: `check`
//! reports it with file, line and column, no panic, and `build` leaves the previous output
//! exactly as it was.

use crate::common::{fixture, Site};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

fn output_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// What a run of `hashiya` printed, and how it exited.
struct Printed {
    code: i32,
    stderr: String,
    stdout: String,
}

impl Printed {
    fn text(&self) -> String {
        format!("{}{}", self.stderr, self.stdout)
    }
}

fn hashiya(args: &[&str], root: &Path) -> Printed {
    let out = Command::new(env!("CARGO_BIN_EXE_hashiya"))
        .args(args)
        .arg("--root")
        .arg(root)
        .output()
        .unwrap();
    let printed = Printed {
        code: out.status.code().expect("exited, not killed"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    };
    assert!(!printed.text().contains("panicked"), "{}", printed.text());
    printed
}

/// Checks and builds a broken site, both expected to exit with `code`; a failed build must
/// leave the previous output exactly as it was. Returns what `check` printed.
fn check_broken(
    name: &str,
    site: &Site,
    previous: &BTreeMap<String, Vec<u8>>,
    code: i32,
) -> Printed {
    let check = hashiya(&["check"], site.root());
    assert_eq!(
        check.code,
        code,
        "{name}: check exit code\n{}",
        check.text()
    );
    let build = hashiya(&["build"], site.root());
    assert_eq!(
        build.code,
        code,
        "{name}: build exit code\n{}",
        build.text()
    );
    if code != 0 {
        assert_eq!(
            &output_files(&site.root().join("public")),
            previous,
            "{name}: the previous output changed"
        );
        let leftovers = std::fs::read_dir(site.root())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with('.')
            })
            .count();
        assert_eq!(leftovers, 0, "{name}: staging directories left behind");
    }
    check
}

fn built_basic() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::copy_of("basic");
    assert_eq!(hashiya(&["build"], site.root()).code, 0);
    let previous = output_files(&site.root().join("public"));
    (site, previous)
}

/// One test per case of the corpus, named after its directory with `-` written `_`, so a
/// failing case names itself.
macro_rules! corpus {
    ($($case:ident)*) => {
        mod corpus {
            $(
                #[test]
                fn $case() {
                    super::run_case(&stringify!($case).replace('_', "-"));
                }
            )*
        }

        const CASES: &[&str] = &[$(stringify!($case)),*];
    };
}

corpus! {
    date_in_wrong_order
    duplicate_slug
    empty_file
    every_bad_value_of_a_file
    frontmatter_never_closes
    glossary_bad_id
    glossary_bad_original_lang
    glossary_duplicate_id
    glossary_empty_summary
    glossary_form_claimed_twice
    glossary_not_a_list
    glossary_term_only_diacritics
    glossary_unknown_kind
    glossary_unknown_see_also
    glossary_variants_arabic_comma
    impossible_date
    invalid_direction
    missing_date
    missing_title
    no_frontmatter
    note_empty_quote
    note_missing_body
    note_occurrence_out_of_range
    note_quote_ambiguous
    note_quote_not_found
    notes_overlap
    only_frontmatter
    several_mistakes
    site_missing_title
    site_unknown_key
    site_unknown_theme
    slug_hidden
    slug_with_slash
    tags_arabic_comma
    template_syntax_error
    template_undefined_variable
    two_unknown_keys
    unknown_key
    unknown_keys_and_a_bad_date
    unknown_nested_key
    wrong_type_draft
    wrong_type_tags
    yaml_bad_nesting
    yaml_duplicate_key
    yaml_tab_indentation
    yaml_unclosed_quote
}

#[test]
fn every_case_of_the_corpus_has_its_test() {
    let mut directories: Vec<String> = std::fs::read_dir(fixture("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().replace('-', "_"))
        .collect();
    directories.sort();
    let mut listed = CASES.to_vec();
    listed.sort();
    assert_eq!(
        directories, listed,
        "list every case of tests/fixtures/bad/ in `corpus!`"
    );
}

/// What a case expects of `check`, kept beside its input: the exit code and both streams.
const EXPECTED_CODE: &str = "expected.code";
const EXPECTED_STDERR: &str = "expected.stderr";
const EXPECTED_STDOUT: &str = "expected.stdout";

/// Lays the case over a built `basic` site, then checks and builds it: `check` prints exactly
/// what the case expects, naming the place of a problem, and both exit with its code.
fn run_case(name: &str) {
    let case = fixture("bad").join(name);
    let (site, previous) = built_basic();
    for entry in std::fs::read_dir(&case).unwrap() {
        let entry = entry.unwrap();
        let file_name = entry.file_name();
        if [EXPECTED_CODE, EXPECTED_STDERR, EXPECTED_STDOUT]
            .contains(&&*file_name.to_string_lossy())
        {
            continue;
        }
        let target = site.root().join(&file_name);
        if entry.file_type().unwrap().is_dir() {
            crate::common::copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    // Blessing writes what `check` prints now; the run below then holds it to that.
    if std::env::var_os("HASHIYA_BLESS").is_some_and(|v| v == "1") {
        let printed = hashiya(&["check"], site.root());
        std::fs::write(case.join(EXPECTED_CODE), format!("{}\n", printed.code)).unwrap();
        std::fs::write(case.join(EXPECTED_STDERR), &printed.stderr).unwrap();
        std::fs::write(case.join(EXPECTED_STDOUT), &printed.stdout).unwrap();
    }
    let expected = |file: &str| {
        std::fs::read_to_string(case.join(file))
            .unwrap_or_else(|e| panic!("{name}: {file}: {e} (HASHIYA_BLESS=1 writes it)"))
    };
    let code = expected(EXPECTED_CODE)
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("{name}: {EXPECTED_CODE}: {e}"));
    let printed = check_broken(name, &site, &previous, code);
    assert!(
        names_its_place(&printed.stderr),
        "{name}: no `path:line:col: error[code]:` in\n{}",
        printed.stderr
    );
    for (file, actual) in [
        (EXPECTED_STDERR, &printed.stderr),
        (EXPECTED_STDOUT, &printed.stdout),
    ] {
        let wanted = expected(file);
        if *actual != wanted {
            let diff = similar::TextDiff::from_lines(&wanted, actual)
                .unified_diff()
                .header(file, "check")
                .to_string();
            panic!("{name}: `check` printed other than {file} holds (HASHIYA_BLESS=1 rewrites it):\n{diff}");
        }
    }
}

/// Whether some line reads `path:line:col: error[code]: …` or `path:line:col: warning[code]: …`.
fn names_its_place(text: &str) -> bool {
    text.lines().any(|line| {
        let parts: Vec<&str> = line.splitn(4, ':').collect();
        parts.len() == 4
            && parts[1].parse::<usize>().is_ok_and(|n| n > 0)
            && parts[2].parse::<usize>().is_ok_and(|n| n > 0)
            && (parts[3].starts_with(" error") || parts[3].starts_with(" warning"))
    })
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let (site, previous) = built_basic();
    std::fs::write(
        site.root().join("content/articles/t.md"),
        b"---\ntitle: x\ndate: 2020-01-01\n---\n\xD8\xA7\xFF\xFE\n",
    )
    .unwrap();
    let text = check_broken("invalid-utf8", &site, &previous, 1).text();
    assert!(
        text.contains(
            "content/articles/t.md:5:2: error[not-utf8]: the file is not valid UTF-8: byte 0xFF at offset 36"
        ),
        "{text}"
    );
}

#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let (site, previous) = built_basic();
    std::os::unix::fs::symlink(
        site.root().join("content"),
        site.root().join("content/articles/loop"),
    )
    .unwrap();
    let text = check_broken("symlink-loop", &site, &previous, 1).text();
    assert!(
        text.contains("content/articles/loop: error[symlink-loop]: symbolic link loop"),
        "{text}"
    );
}

#[test]
fn an_unreadable_file_is_an_error() {
    // A link to nothing cannot be read by anyone, root included.
    let (site, previous) = built_basic();
    std::os::unix::fs::symlink(
        site.root().join("nowhere.md"),
        site.root().join("content/articles/gone.md"),
    )
    .unwrap();
    let text = check_broken("unreadable", &site, &previous, 1).text();
    assert!(
        text.contains("content/articles/gone.md: error[cannot-read]: cannot read"),
        "{text}"
    );
}

#[test]
fn an_output_directory_among_the_sources_is_refused_even_when_forced() {
    for (dir, force) in [
        ("content/site", None),
        ("content/site", Some("--force")),
        ("static/site", Some("--force")),
        ("templates/out", Some("--force")),
        ("themes/x", Some("--force")),
    ] {
        let site = Site::copy_of("basic");
        let out = Command::new(env!("CARGO_BIN_EXE_hashiya"))
            .arg("build")
            .args(force)
            .arg("--output")
            .arg(site.root().join(dir))
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{dir}");
        let top = dir.split('/').next().unwrap();
        assert!(
            String::from_utf8_lossy(&out.stderr)
                .contains(&format!("the output directory is inside `{top}/`")),
            "{dir}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!site.root().join(dir).exists(), "{dir}: written");
    }
}

/// Builds a copy of `basic` with one extra article and, optionally, another glossary.
fn builds_with(body: &str, glossary: Option<String>) -> Site {
    let site = Site::copy_of("basic");
    site.write(
        "content/articles/big.md",
        &format!("---\ntitle: كبير\ndate: 2020-01-01\n---\n{body}"),
    );
    if let Some(glossary) = glossary {
        site.write("content/glossary.yaml", &glossary);
    }
    let build = hashiya(&["build"], site.root());
    assert_eq!(build.code, 0, "{}", build.text());
    site
}

#[test]
fn a_50_mb_article_builds() {
    let paragraph = "قال الرئيس الروسي فلاديمير بوتين في موسكو إن العلاقات مع بيونغ يانغ تتحسن.\n\n";
    let body = paragraph.repeat(50 * 1024 * 1024 / paragraph.len() + 1);
    let site = builds_with(&body, None);
    let page = std::fs::metadata(site.root().join("public/articles/big/index.html")).unwrap();
    assert!(page.len() > 50 * 1024 * 1024);
}

#[test]
fn a_one_megabyte_line_builds() {
    let body = "موسكو و".repeat(1024 * 1024 / "موسكو و".len());
    let site = builds_with(&body, None);
    assert!(site
        .read_output("articles/big/index.html")
        .contains("data-term=\"moscow\""));
}

#[test]
fn a_list_nested_200_deep_builds() {
    let body: String = (0..200)
        .map(|depth| format!("{}- مستوى {depth}\n", "  ".repeat(depth)))
        .collect();
    let site = builds_with(&body, None);
    assert!(site
        .read_output("articles/big/index.html")
        .contains("مستوى 199"));
}

#[test]
fn twenty_thousand_glossary_entries_build() {
    let mut glossary = std::fs::read_to_string(fixture("basic/content/glossary.yaml")).unwrap();
    let letters: Vec<char> = "بتثجحخدذرزسشصضطظعغفقكلمن".chars().collect();
    for n in 0..20_000usize {
        let name: String = [n % 24, (n / 24) % 24, (n / 576) % 24, (n / 13824) % 24]
            .iter()
            .map(|&i| letters[i])
            .collect();
        glossary.push_str(&format!(
            "- id: g{n}\n  term: {name}ستان\n  kind: place\n  summary: مكان رقم {n}.\n"
        ));
    }
    let site = builds_with("زار الوفد ببببستان ثم موسكو.\n", Some(glossary));
    assert!(site
        .read_output("articles/big/index.html")
        .contains("data-term=\"g0\""));
    assert!(site
        .root()
        .join("public/glossary/g19999/index.html")
        .is_file());
}

#[test]
fn a_build_killed_midway_leaves_the_previous_output_whole() {
    let (site, previous) = built_basic();
    // Enough pages that the build is still writing when it is killed.
    for n in 0..1500 {
        site.write(
            &format!("content/articles/n{n:04}.md"),
            &format!("---\ntitle: مقالة {n}\ndate: 2021-01-01\ntags: [وسم{}]\n---\nزار بوتين موسكو مرة {n}.\n", n % 50),
        );
    }
    for delay_ms in [5, 30, 80, 150, 300] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_hashiya"))
            .arg("build")
            .arg("--root")
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = output_files(&site.root().join("public"));
        if status.success() {
            // It finished before the kill: the output is the new site, complete.
            assert!(
                now.contains_key("articles/n1499/index.html"),
                "{delay_ms} ms: a finished build is complete"
            );
            break;
        }
        assert_eq!(
            now, previous,
            "killed after {delay_ms} ms: the previous output changed"
        );
    }
    // The next build clears what the killed ones left and succeeds.
    assert_eq!(hashiya(&["build"], site.root()).code, 0);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(site
        .root()
        .join("public/articles/n1499/index.html")
        .is_file());
}

#[test]
fn input_nested_100_000_deep_is_refused_at_its_place() {
    let n = 100_000;
    let cases = [
        (
            "content/articles/deep.md",
            format!(
                "---\ntitle: {}{}\ndate: 2020-01-01\n---\nنص.\n",
                "[".repeat(n),
                "]".repeat(n)
            ),
            "content/articles/deep.md:2:71: error[too-deep]: the YAML is nested more than 64 levels deep",
        ),
        (
            "content/articles/deep.md",
            format!(
                "---\ntitle: t\ndate: 2020-01-01\nsource: {}1{}\n---\nنص.\n",
                "{a: ".repeat(n),
                "}".repeat(n)
            ),
            "content/articles/deep.md:4:261: error[too-deep]: the YAML is nested more than 64 levels deep",
        ),
        (
            "content/glossary.yaml",
            format!(
                "- id: deep\n  term: عميق\n  kind: concept\n  summary: x\n  variants:\n{}x\n",
                "- ".repeat(n)
            ),
            "content/glossary.yaml:6:127: error[too-deep]: the YAML is nested more than 64 levels deep",
        ),
        (
            "content/articles/deep.md",
            format!(
                "---\ntitle: t\ndate: 2020-01-01\n---\nنص.\n\n{}x{}\n",
                "<div>".repeat(n),
                "</div>".repeat(n)
            ),
            "content/articles/deep.md:7:2561: error[too-deep]: raw HTML is nested more than 512 elements deep",
        ),
    ];
    for (path, text, expected) in cases {
        let (site, previous) = built_basic();
        site.write(path, &text);
        let printed = check_broken(path, &site, &previous, 1).text();
        assert!(printed.contains(expected), "{expected}\n{printed}");
        assert!(
            printed.lines().all(|l| l.chars().count() < 200),
            "the offending line is shown around its column, not whole:\n{printed}"
        );
    }
}
