//! Incremental rebuilds: after every kind of edit, the site a session holds is exactly the site
//! a fresh build makes, and an edit to one article's body renders only what shows it.

use crate::common::Site;
use hashiya::{BuildOptions, ChangeKind, Session};
use std::path::PathBuf;

fn fresh_build(site: &Site) -> hashiya::pipeline::output::SiteOutput {
    hashiya::build_in_memory(&BuildOptions::new(site.root()))
        .expect("fresh build")
        .0
}

fn edit(
    site: &Site,
    session: &mut Session,
    relative: &str,
    text: Option<&str>,
) -> hashiya::RebuildReport {
    match text {
        Some(text) => site.write(relative, text),
        None => std::fs::remove_file(site.root().join(relative)).unwrap(),
    }
    let report = session
        .rebuild(&[PathBuf::from(relative)])
        .expect("rebuild");
    assert_same_as_fresh_build(site, session, relative);
    report
}

/// The site `session` holds is exactly what a fresh build of `site` makes, once `relative`
/// was edited.
pub fn assert_same_as_fresh_build(site: &Site, session: &Session, relative: &str) {
    // Compared path by path: a whole site in one assertion message is unreadable.
    let (held, fresh) = (session.output().unwrap(), fresh_build(site));
    let held_paths: Vec<&String> = held.files.keys().collect();
    let fresh_paths: Vec<&String> = fresh.files.keys().collect();
    assert_eq!(held_paths, fresh_paths, "after editing {relative}");
    for (path, contents) in &fresh.files {
        assert!(
            held.files[path] == *contents,
            "after editing {relative}: {path} differs"
        );
    }
}

#[test]
fn every_kind_of_edit_gives_the_same_site_as_a_fresh_build() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    let first = session.build().unwrap();
    assert_eq!(first.pages_rendered, first.report.pages);

    let older = std::fs::read_to_string(site.root().join("content/articles/older.md")).unwrap();
    // The body only: the article and the entry pages quoting it.
    let body_edit = older.replace("إلى الحقبة السوفيتية", "إلى زمن الاتحاد السوفيتي");
    let report = edit(
        &site,
        &mut session,
        "content/articles/older.md",
        Some(&body_edit),
    );
    assert_eq!(report.change, ChangeKind::Content);
    // The article, the two entries whose excerpt quotes the edited sentence and their feeds,
    // and the search index.
    assert_eq!(report.pages_rendered, 6, "pages rendered for a body edit");

    // A body edit that changes no mention renders the article alone (and the search index).
    let quiet = format!("{body_edit}\nفقرة أخرى بلا أسماء.\n");
    let report = edit(
        &site,
        &mut session,
        "content/articles/older.md",
        Some(&quiet),
    );
    assert_eq!(report.pages_rendered, 2);

    // Front matter shown in listings; a new tag.
    let retitled = quiet
        .replace("title: خلفية عن العلاقات", "title: خلفية جديدة")
        .replace("tags: [روسيا]", "tags: [روسيا, تاريخ]");
    edit(
        &site,
        &mut session,
        "content/articles/older.md",
        Some(&retitled),
    );
    // A new article, then its removal.
    edit(
        &site,
        &mut session,
        "content/articles/new.md",
        Some("---\ntitle: جديد\ndate: 2021-01-01\ntags: [جديد]\n---\nزار بوتين موسكو.\n"),
    );
    edit(&site, &mut session, "content/articles/new.md", None);
    // The glossary, a template, a static file, the settings.
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    let report = edit(
        &site,
        &mut session,
        "content/glossary.yaml",
        Some(&glossary.replace("عاصمة روسيا.", "عاصمة روسيا الاتحادية.")),
    );
    assert_eq!(report.change, ChangeKind::Glossary);
    edit(
        &site,
        &mut session,
        "templates/404.html",
        Some("{% extends \"base.html\" %}{% block main %}<p>ضائع</p>{% endblock main %}"),
    );
    // Fragments rendered once per build: a new template for them renders them anew.
    edit(
        &site,
        &mut session,
        "templates/card.html",
        Some("<article class=\"card\">{{ a.title }} ({{ a.date }})</article>"),
    );
    edit(
        &site,
        &mut session,
        "templates/popover.html",
        Some("<h3 id=\"g-{{ t.id }}-t\">{{ t.term }}</h3>"),
    );
    edit(
        &site,
        &mut session,
        "static/robots.txt",
        Some("User-agent: *\n"),
    );
    edit(
        &site,
        &mut session,
        "site.yaml",
        Some("title: اسم جديد\nbase_url: https://example.org/\n"),
    );
}

#[test]
fn body_edits_that_the_rest_of_the_site_sees_or_not_give_the_same_site_as_a_fresh_build() {
    let site = Site::copy_of("basic");
    let older = std::fs::read_to_string(site.root().join("content/articles/older.md")).unwrap();
    let to_heading = format!("{older}\nانظر [[summit#ردود-الفعل|ردود الفعل على القمة]].\n");
    site.write("content/articles/older.md", &to_heading);
    // Two spellings of one tag: a warning that every build gives.
    let spelled = "---\ntitle: تهجئة\ndate: 2018-01-01\ntags: [\"روسيا!\"]\n---\nنص.\n";
    site.write("content/articles/spelled.md", spelled);
    // Two notes with links, each on its own paragraph.
    let two_notes = "---\ntitle: حاشيتان\ndate: 2017-01-01\nnotes:\n  - quote: الفقرة الأولى\n    body: انظر [[older]].\n  - quote: الفقرة الثانية\n    body: وانظر [[english|المقال الإنجليزي]] أيضًا.\n---\nهذه الفقرة الأولى.\n\nوهذه الفقرة الثانية.\n";
    site.write("content/articles/notes.md", two_notes);
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let path = "content/articles/summit.md";
    let summit = std::fs::read_to_string(site.root().join(path)).unwrap();
    let (front, body) = summit.split_at(summit.rfind("---\n").unwrap() + 4);

    // Text the rest of the site does not show: a paragraph before the note's passage and the
    // heading, which moves both, and one at the end.
    let moved = format!("{front}فقرة أولى بلا أسماء.\n\n{body}\nوفقرة أخيرة.\n");
    let report = edit(&site, &mut session, path, Some(&moved));
    assert_eq!(report.pages_rendered, 2, "the article and the search index");
    let same_warnings_as_a_fresh_build = |report: &hashiya::RebuildReport| {
        let fresh = hashiya::build_in_memory(&BuildOptions::new(site.root()))
            .unwrap()
            .1;
        assert!(fresh.warnings.to_string().contains("make one tag"));
        assert_eq!(
            report.report.warnings.to_string(),
            fresh.warnings.to_string()
        );
    };
    same_warnings_as_a_fresh_build(&report);
    // The warned tag one line lower, its value the same: the warning points at its line.
    let lower = spelled.replace("tags:", "# وسم بتهجئة أخرى\ntags:");
    let report = edit(
        &site,
        &mut session,
        "content/articles/spelled.md",
        Some(&lower),
    );
    same_warnings_as_a_fresh_build(&report);
    // The two noted paragraphs swapped: each note keeps its own links.
    let swapped = two_notes.replace(
        "هذه الفقرة الأولى.\n\nوهذه الفقرة الثانية.",
        "وهذه الفقرة الثانية.\n\nهذه الفقرة الأولى.",
    );
    assert_ne!(swapped, two_notes);
    edit(
        &site,
        &mut session,
        "content/articles/notes.md",
        Some(&swapped),
    );
    // A link to another article: that article now lists this one among those linking to it.
    let linking = moved.replace("وفقرة أخيرة.", "وفقرة أخيرة عن [[older|الخلفية]].");
    edit(&site, &mut session, path, Some(&linking));
    // The same link written elsewhere in the text, with other text around it.
    let relinked = linking
        .replace("وفقرة أخيرة عن [[older|الخلفية]].", "وفقرة أخيرة.")
        .replace("فقرة أولى بلا أسماء.", "فقرة أولى تذكر [[older|الخلفية]].");
    edit(&site, &mut session, path, Some(&relinked));
    // The link led elsewhere: one article loses this one from those linking to it, another
    // gains it.
    let redirected = relinked.replace("[[older|الخلفية]]", "[[english|الخلفية]]");
    edit(&site, &mut session, path, Some(&redirected));
    let relinked = redirected.replace("[[english|الخلفية]]", "[[older|الخلفية]]");
    edit(&site, &mut session, path, Some(&relinked));
    // A heading renamed: the link to it from another article is broken, and once that link
    // follows, the site is whole again.
    let retitled = relinked.replace("## ردود الفعل", "## ردود فعل أخرى");
    site.write(path, &retitled);
    let failed = session
        .rebuild(&[PathBuf::from(path)])
        .unwrap_err()
        .to_string();
    assert!(
        failed.contains("content/articles/older.md") && failed.contains("ردود-الفعل"),
        "{failed}"
    );
    let following = to_heading.replace("#ردود-الفعل", "#ردود-فعل-أخرى");
    edit(
        &site,
        &mut session,
        "content/articles/older.md",
        Some(&following),
    );
    // The sentence of a mention reworded: the entry's pages quote it anew.
    let reworded = retitled.replace("سيفًا", "هدية");
    edit(&site, &mut session, path, Some(&reworded));
    let retitled = reworded;
    // A name mentioned anew: the entry's pages list the article.
    let naming = retitled.replace("فقرة أولى تذكر", "فقرة أولى عن موسكو تذكر");
    edit(&site, &mut session, path, Some(&naming));
    // The same names, in another order.
    let reordered = naming
        .replace("فقرة أولى عن موسكو تذكر", "فقرة أولى تذكر")
        .replace("وفقرة أخيرة.", "وفقرة أخيرة عن موسكو.");
    edit(&site, &mut session, path, Some(&reordered));
    let naming = reordered;
    // A stray `[[` is reported where it is; once removed, the site is whole again.
    let stray = naming.replace("وفقرة أخيرة", "وفقرة [[ أخيرة");
    assert_ne!(stray, naming);
    site.write(path, &stray);
    let failed = session
        .rebuild(&[PathBuf::from(path)])
        .unwrap_err()
        .to_string();
    assert!(failed.contains("`[[` that is not a link"), "{failed}");
    edit(&site, &mut session, path, Some(&naming));
    edit(
        &site,
        &mut session,
        path,
        Some(&format!("{naming}\nسطر آخر.\n")),
    );
}

#[test]
fn an_image_replaced_while_the_build_failed_shows_its_new_size_once_it_is_fixed() {
    let site = Site::copy_of("files-beside");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let path = "content/articles/flat.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(path, &format!("{text}\nنص [[ بلا إغلاق.\n"));
    assert!(session.rebuild(&[PathBuf::from(path)]).is_err());
    // The picture beside the article, twice as wide and as high (a PNG's size is in its
    // header: width and height, big-endian, from byte 16).
    let image = site.root().join("content/articles/map.png");
    let mut png = std::fs::read(&image).unwrap();
    for at in [16, 20] {
        let side = u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        png[at..at + 4].copy_from_slice(&(side * 2).to_be_bytes());
    }
    std::fs::write(&image, png).unwrap();
    assert!(session
        .rebuild(&[PathBuf::from("content/articles/map.png")])
        .is_err());
    edit(&site, &mut session, path, Some(&text));
}

#[test]
fn a_failed_rebuild_keeps_the_last_good_site_and_recovers() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let good = hashiya::pipeline::output::SiteOutput::clone(session.output().unwrap());
    site.write("content/articles/older.md", "---\ntitle: [\n---\n");
    let err = session
        .rebuild(&[PathBuf::from("content/articles/older.md")])
        .unwrap_err();
    assert!(
        err.to_string().contains("content/articles/older.md:2:"),
        "{err}"
    );
    assert_eq!(**session.output().unwrap(), good);
    site.write(
        "content/articles/older.md",
        "---\ntitle: عاد\ndate: 2019-01-10\n---\nنص.\n",
    );
    session
        .rebuild(&[PathBuf::from("content/articles/older.md")])
        .unwrap();
    assert_eq!(**session.output().unwrap(), fresh_build(&site));
}

#[test]
fn an_edit_to_one_article_updates_the_related_reading_of_the_others() {
    let site = Site::copy_of("basic");
    let article = |n: usize, tags: &str| {
        format!(
            "---\ntitle: مقالة {n}\ndate: 2020-01-{:02}\ntags: [{tags}]\n---\nنص المقالة {n}.\n",
            n + 1
        )
    };
    for n in 0..12 {
        let tags = if n % 2 == 0 { "زوجي" } else { "فردي" };
        site.write(&format!("content/articles/r{n:02}.md"), &article(n, tags));
    }
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let related_of = |session: &Session, n: usize| -> String {
        let page = &session.output().unwrap().files[&format!("articles/r{n:02}/index.html")];
        let hashiya::pipeline::output::Contents::Page(html) = page else {
            panic!("not a page")
        };
        let html = std::str::from_utf8(html).unwrap();
        let at = html.find("class=\"related\"").expect("a related section");
        html[at..].split("</section>").next().unwrap().to_string()
    };
    assert!(!related_of(&session, 7).contains("/articles/r02/"));

    // r02 takes two rare tags that r07 has too: r07's related reading must now lead to r02.
    site.write("content/articles/r07.md", &article(7, "فردي, نادر, أندر"));
    session
        .rebuild(&[PathBuf::from("content/articles/r07.md")])
        .unwrap();
    edit(
        &site,
        &mut session,
        "content/articles/r02.md",
        Some(&article(2, "زوجي, نادر, أندر")),
    );
    assert!(related_of(&session, 7).contains("/articles/r02/"));
    // And back: the lists follow the edit both ways.
    edit(
        &site,
        &mut session,
        "content/articles/r02.md",
        Some(&article(2, "زوجي")),
    );
    assert!(!related_of(&session, 7).contains("/articles/r02/"));
}

#[test]
fn a_section_title_edit_shows_on_every_page() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let index = std::fs::read_to_string(site.root().join("content/articles/_index.md")).unwrap();
    let title = index
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .expect("a section title")
        .to_string();
    let report = edit(
        &site,
        &mut session,
        "content/articles/_index.md",
        Some(&index.replace(&title, "ملفات")),
    );
    // The navigation of every page names the section.
    assert_eq!(report.pages_rendered, report.report.pages);
}

#[test]
fn a_batch_with_an_article_and_a_new_static_file_publishes_both() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let older = std::fs::read_to_string(site.root().join("content/articles/older.md")).unwrap();
    site.write(
        "content/articles/older.md",
        &format!("{older}\nسطر جديد.\n"),
    );
    site.write("static/files/map.txt", "خريطة");
    session
        .rebuild(&[
            PathBuf::from("content/articles/older.md"),
            PathBuf::from("static/files/map.txt"),
        ])
        .unwrap();
    let held = session.output().unwrap();
    assert!(held.files.contains_key("files/map.txt"), "the new file");
    assert_eq!(**held, fresh_build(&site));
}

#[test]
fn a_retitled_article_renders_only_the_listing_pages_that_show_it() {
    let site = Site::copy_of("basic");
    site.configure("paginate_by: 2\n");
    let article = |n: usize, title: &str, day: usize| {
        format!("---\ntitle: {title}\ndate: 2020-02-{day:02}\ntags: [ملف]\n---\nنص المقالة {n}.\n")
    };
    for n in 0..12 {
        site.write(
            &format!("content/articles/p{n:02}.md"),
            &article(n, &format!("مقالة {n}"), n + 1),
        );
    }
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();

    let retitled = edit(
        &site,
        &mut session,
        "content/articles/p05.md",
        Some(&article(5, "عنوان جديد", 6)),
    );
    let rendered = retitled.pages_rendered;
    // Moved to the top by a new date: every page of its listings changes, and the site is
    // still exactly a fresh build's.
    let moved = edit(
        &site,
        &mut session,
        "content/articles/p05.md",
        Some(&article(5, "عنوان جديد", 28)),
    );
    assert!(
        moved.pages_rendered >= rendered + 8,
        "a retitle rendered {rendered} pages, a move {}",
        moved.pages_rendered
    );
}

#[test]
fn a_tag_spelled_anew_by_its_first_article_is_renamed_on_every_page() {
    let site = Site::copy_of("basic");
    site.configure("paginate_by: 2\n");
    let article = |n: usize, tag: &str| {
        format!(
            "---\ntitle: مقالة {n}\ndate: 2030-03-{:02}\ntags: [{tag}]\n---\nنص {n}.\n",
            n + 1
        )
    };
    for n in 0..5 {
        site.write(&format!("content/articles/t{n}.md"), &article(n, "rust"));
    }
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    // The newest article names the tag; the other four and every tag page show its spelling.
    edit(
        &site,
        &mut session,
        "content/articles/t4.md",
        Some(&article(4, "Rust")),
    );
    let tag_page = &session.output().unwrap().files["tags/rust/page/3/index.html"];
    let hashiya::pipeline::output::Contents::Page(html) = tag_page else {
        panic!("not a page")
    };
    assert!(std::str::from_utf8(html)
        .unwrap()
        .contains("<bdi>Rust</bdi>"));
}

#[test]
fn the_sitemap_drops_an_entry_page_that_is_gone() {
    let site = Site::copy_of("basic");
    site.configure("glossary:\n  mentions_per_page: 1\n");
    // A site file replaces a generated one: the page counts differ from the start.
    site.write("static/robots.txt", "User-agent: *\n");
    site.write(
        "content/articles/extra.md",
        "---\ntitle: زيارة\ndate: 2030-01-01\n---\nوصل الوفد إلى موسكو.\n",
    );
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    // The body alone changes, and موسكو loses a mention: its last entry page goes.
    edit(
        &site,
        &mut session,
        "content/articles/extra.md",
        Some("---\ntitle: زيارة\ndate: 2030-01-01\n---\nوصل الوفد.\n"),
    );
}

#[test]
fn a_glossary_broken_and_fixed_again_and_again_keeps_every_mark() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    let marks = |session: &Session| {
        let page = &session.output().unwrap().files["articles/summit/index.html"];
        match page {
            hashiya::pipeline::output::Contents::Page(html) => std::str::from_utf8(html)
                .unwrap()
                .matches("data-term=")
                .count(),
            other => panic!("the article is not a page: {other:?}"),
        }
    };
    let marked = marks(&session);
    assert!(marked > 0, "the fixture's article has no marks to lose");
    // Broken in the ways a save in mid-edit leaves it: bad YAML, an entry without its term.
    let broken = [
        "- id: [broken\n".to_string(),
        glossary.replacen("term:", "trem:", 1),
    ];
    for round in 0..60 {
        site.write("content/glossary.yaml", &broken[round % 2]);
        assert!(
            session
                .rebuild(&[PathBuf::from("content/glossary.yaml")])
                .is_err(),
            "round {round}: a broken glossary built"
        );
        edit(
            &site,
            &mut session,
            "content/glossary.yaml",
            Some(&glossary),
        );
        assert_eq!(
            marks(&session),
            marked,
            "round {round}: marks lost after the fix"
        );
    }
}

#[test]
fn a_change_whose_rebuild_failed_is_redone_by_the_next_successful_one() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    // A new entry whose summary links to an article not written yet: the rebuild fails.
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    site.write(
        "content/glossary.yaml",
        &format!(
            "{glossary}\n- id: summit-2019\n  term: القمة الأولى\n  kind: event\n  summary: انظر [[new-piece]].\n"
        ),
    );
    assert!(session
        .rebuild(&[PathBuf::from("content/glossary.yaml")])
        .is_err());
    // The article, written next, fixes it: the glossary change is redone with it.
    edit(
        &site,
        &mut session,
        "content/articles/new-piece.md",
        Some("---\ntitle: قطعة جديدة\ndate: 2021-02-02\n---\nعن القمة الأولى في فلاديفوستوك.\n"),
    );
    // A template broken, then an article fixed while it is broken, then the template fixed.
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}",
    );
    assert!(session
        .rebuild(&[PathBuf::from("templates/404.html")])
        .is_err());
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p>ضائع</p>{% endblock main %}",
    );
    edit(
        &site,
        &mut session,
        "content/articles/new-piece.md",
        Some("---\ntitle: قطعة جديدة\ndate: 2021-02-02\n---\nنص آخر عن القمة الأولى.\n"),
    );
}

#[test]
fn a_retitled_article_that_an_entry_links_to_renews_that_entrys_popovers_and_pages() {
    let site = Site::copy_of("basic");
    let glossary = std::fs::read_to_string(site.root().join("content/glossary.yaml")).unwrap();
    site.write(
        "content/glossary.yaml",
        &glossary.replacen(
            "summary: عاصمة روسيا.",
            "summary: عاصمة روسيا، انظر [[summit]].",
            1,
        ),
    );
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let summit = std::fs::read_to_string(site.root().join("content/articles/summit.md")).unwrap();
    // Every page that shows the entry's summary shows the article's new title.
    edit(
        &site,
        &mut session,
        "content/articles/summit.md",
        Some(&summit.replacen("title: \"قمة فلاديفوستوك", "title: \"لقاء فلاديفوستوك", 1)),
    );
}

/// Asks for pages while the first build renders the site, as the preview does for a request
/// made then, and keeps what it was given.
struct Asker {
    keys: Vec<&'static str>,
    given: std::sync::Mutex<Vec<(String, hashiya::pipeline::output::SiteOutput)>>,
}

impl hashiya::Answer for Asker {
    fn answer(&self, pages: &(dyn Fn(&str) -> hashiya::pipeline::output::SiteOutput + Sync)) {
        let mut given = self.given.lock().unwrap();
        for key in &self.keys {
            given.push((key.to_string(), pages(key)));
        }
    }

    fn stop(&self) {}
}

#[test]
fn a_page_asked_for_during_the_first_build_is_the_page_the_build_makes() {
    let site = Site::copy_of("basic");
    let asker = Asker {
        keys: vec![
            "index.html",
            "articles/summit/index.html",
            "glossary/vladimir-putin/index.html",
            "articles/summit",
            "search/t/0.json.gz",
            "no/such/page.html",
        ],
        given: Default::default(),
    };
    let mut session = Session::new(BuildOptions::new(site.root()));
    session
        .build_into(hashiya::Sink::KeepAnswering(&asker))
        .unwrap();
    let built = session.output().unwrap();
    let given = asker.given.into_inner().unwrap();
    assert_eq!(given.len(), 6, "every page asked for was answered");
    for (key, output) in &given {
        // What was given for a key is what the build made at the same paths: the page, the
        // page of a directory of that name, the search index, the 404 page and the site's
        // copied files.
        assert!(!output.files.is_empty(), "{key}");
        for (path, contents) in &output.files {
            assert_eq!(Some(contents), built.files.get(path), "{key}: {path}");
        }
    }
    let has = |key: &str, path: &str| {
        given
            .iter()
            .any(|(k, output)| k == key && output.files.contains_key(path))
    };
    assert!(has("index.html", "index.html"));
    assert!(has(
        "articles/summit/index.html",
        "articles/summit/index.html"
    ));
    assert!(has(
        "glossary/vladimir-putin/index.html",
        "glossary/vladimir-putin/index.html"
    ));
    assert!(has("articles/summit", "articles/summit/index.html"));
    assert!(has(
        "search/t/0.json.gz",
        hashiya::pipeline::search::INDEX_PATH
    ));
    assert!(has("no/such/page.html", "404.html"));
}

#[test]
fn editing_updated_aliases_or_image_renders_every_page_that_shows_them() {
    let site = Site::copy_of("publisher");
    // Full-content feeds carry the body too: a body edit must reach them.
    site.configure("feeds:\n  full_content: true\n");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    let path = "content/news/revised.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    // The page, the feeds and the sitemap show the revision.
    let text = text.replace("updated: 2023-05-20", "updated: 2023-06-01");
    edit(&site, &mut session, path, Some(&text));
    // An alias renamed, one added: the old one's page goes.
    let text = text
        .replace("/2023/old-slug/", "/2022/older-slug/")
        .replace("  - /قديم/", "  - /قديم/\n  - /ثالث/");
    edit(&site, &mut session, path, Some(&text));
    assert!(!session
        .output()
        .unwrap()
        .files
        .contains_key("2023/old-slug/index.html"));
    // The article moves: its aliases send readers to the new URL.
    let text = text.replace("title: مقال منقح", "title: مقال منقح\nslug: revised-again");
    edit(&site, &mut session, path, Some(&text));
    // The picture, on the cards and in the page's head.
    let text = text.replace("image: /images/photo.jpg", "image: ../beside.png");
    edit(&site, &mut session, path, Some(&text));
    let text = text.replace("بأيام", "بأسبوع");
    edit(&site, &mut session, path, Some(&text));
    let alias = &session.output().unwrap().files["2022/older-slug/index.html"];
    let hashiya::pipeline::output::Contents::Page(html) = alias else {
        panic!("the alias is a rendered page");
    };
    assert!(String::from_utf8_lossy(html).contains("url=/ar/news/revised-again/"));
}
