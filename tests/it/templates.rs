//! Every output comes from a template a site may replace by name: the feeds, the sitemap and
//! robots.txt as the pages, and the markup of mentions and notes in an article's text; the ids
//! that this markup, the popovers and the theme's script share lead where they say.

use crate::common::Site;
use hashiya::{BuildOptions, Session};
use scraper::{ElementRef, Html, Selector};
use std::path::PathBuf;

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn a_site_replaces_the_feeds_the_sitemap_and_robots_txt_by_name() {
    let site = Site::copy_of("basic");
    site.write(
        "templates/robots.txt",
        "User-agent: *\nDisallow: /search/\nSitemap: {{ sitemap_url }}\n",
    );
    site.write(
        "templates/atom.xml",
        "<feed lang=\"{{ feed.lang }}\">{% for e in entries %}<t>{{ e.title }}</t>{% endfor %}</feed>\n",
    );
    site.write(
        "templates/sitemap.xml",
        "<urlset>{% for u in urls %}<loc>{{ u.url }}</loc>{% endfor %}</urlset>\n",
    );
    site.build().unwrap();
    assert_eq!(
        site.read_output("robots.txt"),
        "User-agent: *\nDisallow: /search/\nSitemap: https://hashiya.test/sitemap.xml\n"
    );
    for feed in [
        "atom.xml",
        "tags/روسيا/atom.xml",
        "glossary/vladimir-putin/atom.xml",
    ] {
        let xml = site.read_output(feed);
        assert!(xml.starts_with("<feed lang=\"ar\"><t>"), "{feed}: {xml}");
    }
    let sitemap = site.read_output("sitemap.xml");
    assert!(
        sitemap.starts_with("<urlset><loc>https://hashiya.test/"),
        "{sitemap}"
    );
}

#[test]
fn a_site_template_for_xml_prints_text_escaped_and_without_the_characters_xml_forbids() {
    let site = Site::copy_of("basic");
    site.write(
        "templates/atom.xml",
        "<feed>{% for e in entries %}<t>{{ e.title }}</t>{% endfor %}<a>{{ site.title }}</a></feed>\n",
    );
    site.write(
        "site.yaml",
        "title: \"موقع\\x0c <التجربة> & \\\"هو\\\"\"\nbase_url: https://hashiya.test/\n",
    );
    site.build().unwrap();
    let xml = site.read_output("atom.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let text = |name: &str| -> Vec<&str> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == name)
            .filter_map(|n| n.text())
            .collect()
    };
    assert_eq!(text("a"), ["موقع <التجربة> & \"هو\""]);
    assert!(
        text("t").contains(&"قمة فلاديفوستوك <script>alert(1)</script>"),
        "{xml}"
    );
}

const OWN_MARKS: &str = r##"{% macro term(id, popover_id, text) -%}
<span class="my-term" data-term="{{ id }}" data-for="{{ popover_id }}">{{ text | safe }}</span>
{%- endmacro term %}
{% macro note(n, shown, mark_id, popover_id, text) -%}
<u id="{{ mark_id }}" data-n="{{ n }}">{{ text | safe }}</u><a href="#{{ popover_id }}">{{ shown }}</a>
{%- endmacro note %}"##;

#[test]
fn a_site_marks_mentions_and_notes_with_its_own_macros() {
    let site = Site::copy_of("basic");
    site.configure("digits: arabic\n");
    site.write("templates/marks.html", OWN_MARKS);
    site.build().unwrap();
    let page = site.read_output("articles/summit/index.html");
    let doc = Html::parse_document(&page);
    assert!(select(&doc, "button.term").is_empty(), "{page}");
    let putin = select(&doc, "span.my-term[data-term=vladimir-putin]");
    assert!(!putin.is_empty(), "{page}");
    for mention in putin {
        assert_eq!(mention.value().attr("data-for"), Some("g-vladimir-putin"));
        assert!(mention.text().collect::<String>().contains("بوتين"));
    }
    assert_eq!(
        select(&doc, "u#note-ref-1[data-n='1']")[0]
            .text()
            .collect::<String>(),
        "أول لقاء لهما"
    );
    assert_eq!(
        select(&doc, "a[href='#note-1']")[0]
            .text()
            .collect::<String>(),
        "١"
    );
}

#[test]
fn a_rebuild_after_the_marks_change_marks_every_article_anew() {
    let site = Site::copy_of("basic");
    let mut session = Session::new(BuildOptions::new(site.root()));
    session.build().unwrap();
    site.write("templates/marks.html", OWN_MARKS);
    session
        .rebuild(&[PathBuf::from("templates/marks.html")])
        .unwrap();
    crate::session::assert_same_as_fresh_build(&site, &session, "templates/marks.html");
}

#[test]
fn marks_html_without_the_note_macro_is_an_error_in_marks_html() {
    let site = Site::copy_of("basic");
    let term_only = &OWN_MARKS[..OWN_MARKS.find("{% macro note").unwrap()];
    site.write("templates/marks.html", term_only);
    let error = site.build().unwrap_err();
    assert!(
        error.starts_with("templates/marks.html: error[template-error]")
            && error.contains("`marks::note` not found"),
        "{error}"
    );
}

#[test]
fn a_marks_macro_that_drops_the_marked_words_is_an_error_in_marks_html() {
    let site = Site::copy_of("basic");
    site.write(
        "templates/marks.html",
        &OWN_MARKS.replace("{{ text | safe }}</span>", "</span>"),
    );
    let error = site.build().unwrap_err();
    assert!(
        error.contains("templates/marks.html")
            && error.contains("the macro `term` does not print `text` once"),
        "{error}"
    );
}

/// Every `popovertarget` of an article names a popover of the page, named as its title reads;
/// the script's fallback without popovers finds a note's passage just before its number, and a
/// term's entry page in its popover.
#[test]
fn every_popover_an_article_opens_is_on_its_page_as_the_script_expects() {
    let site = Site::copy_of("basic");
    site.build().unwrap();
    let (mut notes, mut terms) = (0, 0);
    for article in ["summit", "older", "english"] {
        let page = site.read_output(&format!("articles/{article}/index.html"));
        let doc = Html::parse_document(&page);
        notes += select(&doc, "button.note-ref").len();
        terms += select(&doc, "button.term").len();
        popovers_lead_where_the_script_expects(&doc);
    }
    assert!(notes > 0 && terms > 3, "{notes} notes, {terms} terms");
}

fn popovers_lead_where_the_script_expects(doc: &Html) {
    for invoker in select(doc, "[popovertarget]") {
        let target = invoker.value().attr("popovertarget").unwrap();
        let popovers = select(doc, &format!("[id='{target}']"));
        assert_eq!(popovers.len(), 1, "one element #{target}");
        let popover = popovers[0];
        assert!(popover.value().attr("popover").is_some(), "#{target}");
        // Named as its title reads.
        let name = popover.value().attr("aria-label").unwrap();
        let title = popover
            .select(&Selector::parse("h3").unwrap())
            .next()
            .unwrap_or_else(|| panic!("the title of #{target}"));
        assert_eq!(name, title.text().collect::<String>(), "#{target}");
    }
    for number in select(doc, "button.note-ref") {
        let mark = number
            .prev_siblings()
            .find_map(ElementRef::wrap)
            .expect("an element before the number");
        assert_eq!(mark.value().name(), "mark");
        assert_eq!(
            mark.value().attr("data-note"),
            number.value().attr("data-n")
        );
        assert!(mark.value().id().is_some());
    }
    for term in select(doc, "button.term") {
        let id = term.value().attr("data-term").unwrap();
        let target = term.value().attr("popovertarget").unwrap();
        let link = select(doc, &format!("[id='{target}'] > h3 > a"));
        assert_eq!(
            link[0].value().attr("href"),
            Some(format!("/glossary/{id}/").as_str())
        );
    }
}
