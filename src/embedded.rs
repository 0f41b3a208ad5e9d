//! The default templates and theme, compiled into the binary so an empty site still builds.

/// Default templates, by name. A site's `templates/<name>` replaces the one of that name.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("marks.html", include_str!("../templates/marks.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("section.html", include_str!("../templates/section.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("tags.html", include_str!("../templates/tags.html")),
    ("tag.html", include_str!("../templates/tag.html")),
    ("glossary.html", include_str!("../templates/glossary.html")),
    ("entry.html", include_str!("../templates/entry.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("search.html", include_str!("../templates/search.html")),
    ("card.html", include_str!("../templates/card.html")),
    (
        "mention_title.html",
        include_str!("../templates/mention_title.html"),
    ),
    ("popover.html", include_str!("../templates/popover.html")),
    ("atom.xml", include_str!("../templates/atom.xml")),
    ("sitemap.xml", include_str!("../templates/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("../templates/sitemap_index.xml"),
    ),
    ("robots.txt", include_str!("../templates/robots.txt")),
];

/// Assets of the default theme, by file name; published under `theme/`.
pub const THEME_ASSETS: &[(&str, &[u8])] = &[
    ("style.css", include_bytes!("../themes/default/style.css")),
    ("hashiya.js", include_bytes!("../themes/default/hashiya.js")),
    (
        "favicon.svg",
        include_bytes!("../themes/default/favicon.svg"),
    ),
    ("search.js", include_bytes!("../themes/default/search.js")),
];

/// The default theme's assets, each with the path it is published at (`theme/style.css`).
pub fn theme_outputs() -> impl Iterator<Item = (String, &'static [u8])> {
    THEME_ASSETS.iter().map(|(name, bytes)| {
        let path = format!("{}/{name}", crate::pipeline::load::THEME_OUTPUT_DIR);
        (path, *bytes)
    })
}
