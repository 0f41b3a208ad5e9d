//! The site's templates: the defaults built into the binary, its theme's and its own, compiled
//! once, with hashiya's filters; template errors located in the template they concern.

use super::marks::{self, Marks};
use crate::arabic::dates::{format_date, with_digits};
use crate::diagnostics::Diagnostics;
use crate::diagnostics::{Diagnostic, DiagnosticKind};
use crate::embedded;
use crate::model::DigitStyle;
use crate::pipeline::load::SourceFile;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::path::PathBuf;
use tera::Tera;

/// The compiled templates of a site: the defaults, then its theme's, then its own.
pub struct Templates {
    tera: Tera,
    /// Where each template came from and its text, for errors.
    sources: HashMap<String, (PathBuf, String)>,
    marks: Marks,
}

impl Templates {
    pub fn new(
        overrides: &[(String, SourceFile)],
        digits: DigitStyle,
    ) -> Result<Templates, Diagnostics> {
        let mut sources: HashMap<String, (PathBuf, String)> = embedded::TEMPLATES
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (PathBuf::from(format!("templates/{name}")), text.to_string()),
                )
            })
            .collect();
        for (name, file) in overrides {
            sources.insert(name.clone(), (file.path.clone(), file.text.to_string()));
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        // Tera's default also escapes `/`, which clutters every URL; these five are enough.
        tera.set_escape_fn(escape_html);
        tera.register_filter(
            "arabic_date",
            move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
                let text = value
                    .as_str()
                    .ok_or_else(|| tera::Error::msg("arabic_date expects a date string"))?;
                let date =
                    crate::model::Date::parse(text).map_err(|e| tera::Error::msg(e.to_string()))?;
                Ok(tera::Value::String(format_date(&date, digits)))
            },
        );
        tera.register_filter(
            "digits",
            move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
                let text = match value {
                    tera::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                Ok(tera::Value::String(with_digits(&text, digits)))
            },
        );
        let mut raw: Vec<(&str, &str)> = sources
            .iter()
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
            .collect();
        raw.sort();
        raw.push(marks::CALLER);
        if let Err(err) = tera.add_raw_templates(raw) {
            return Err(template_error(&err, &sources).into());
        }
        let marks = Marks::new(
            |call| {
                let context = tera::Context::from_serialize(call).expect("plain strings");
                tera.render(marks::CALLER.0, &context)
                    .map_err(|err| template_error(&err, &sources))
            },
            &sources["marks.html"].0,
        )?;
        Ok(Templates {
            tera,
            sources,
            marks,
        })
    }

    /// The markup of mentions and notes in articles.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// A fragment of a page, as text to be put into other pages.
    pub(super) fn render(
        &self,
        name: &str,
        context: &impl Serialize,
    ) -> Result<String, Diagnostic> {
        self.tera
            .render(name, &self.context(name, context)?)
            .map_err(|err| template_error(&err, &self.sources))
    }

    /// A whole page, as the bytes to write: not checked again as UTF-8, which Tera's own
    /// `render` does for every page (a twentieth of a build).
    pub(super) fn render_page(
        &self,
        name: &str,
        context: &impl Serialize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut page = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &self.context(name, context)?, &mut page)
            .map_err(|err| template_error(&err, &self.sources))?;
        Ok(page)
    }

    fn context(&self, name: &str, context: &impl Serialize) -> Result<tera::Context, Diagnostic> {
        let context = if name.ends_with(".xml") {
            let mut value = serde_json::to_value(context).map_err(tera::Error::json);
            if let Ok(value) = &mut value {
                keep_xml_chars(value);
            }
            value.and_then(tera::Context::from_value)
        } else {
            tera::Context::from_serialize(context)
        };
        context.map_err(|err| {
            let path = self
                .sources
                .get(name)
                .map_or_else(|| PathBuf::from("templates"), |(p, _)| p.clone());
            Diagnostic::error(
                DiagnosticKind::TemplateError,
                path,
                format!("cannot build the page's data: {err}"),
            )
        })
    }
}

/// Drops from every text the characters XML 1.0 forbids (C0 controls but tab, line feed and
/// carriage return; U+FFFE and U+FFFF), which would make a reader reject a whole feed; `check`
/// warns where content carries them. The escaping of HTML is also XML's.
fn keep_xml_chars(value: &mut tera::Value) {
    match value {
        tera::Value::String(text) if !text.chars().all(is_xml_char) => text.retain(is_xml_char),
        tera::Value::Array(items) => items.iter_mut().for_each(keep_xml_chars),
        tera::Value::Object(fields) => fields.values_mut().for_each(keep_xml_chars),
        _ => {}
    }
}

/// Whether XML 1.0 allows `c` in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn escape_html(text: &str) -> String {
    crate::pipeline::annotate::html_escape(text)
}

/// A Tera error as a diagnostic pointing into the template it concerns.
fn template_error(err: &tera::Error, sources: &HashMap<String, (PathBuf, String)>) -> Diagnostic {
    let mut chain = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        chain.push(cause.to_string());
        source = cause.source();
    }
    // Tera names the template in quotes: "Failed to parse 'x.html'", "... rendering 'x.html'".
    // What goes wrong in the template that calls the macros of marks.html is marks.html's.
    let name = chain
        .iter()
        .find_map(|m| {
            let name = m.split('\'').nth(1)?;
            let name = if name == marks::CALLER.0 {
                "marks.html"
            } else {
                name
            };
            sources.contains_key(name).then_some(name)
        })
        .unwrap_or("");
    let detail = chain.last().cloned().unwrap_or_default();
    let location = detail.split("--> ").nth(1).and_then(|rest| {
        let mut numbers = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        Some((
            numbers.next()?.parse::<usize>().ok()?,
            numbers.next()?.parse::<usize>().ok()?,
        ))
    });
    let message = detail
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("= "))
        .map(|l| l.trim_start().trim_start_matches("= ").to_string())
        .unwrap_or_else(|| chain.join(": "));
    let (path, text) = match sources.get(name) {
        Some((path, text)) => (path.clone(), Some(text.as_str())),
        None => (PathBuf::from("templates"), None),
    };
    // Tera gives no position for a variable missing at render time: find its first use.
    let undefined = detail
        .strip_prefix("Variable `")
        .and_then(|rest| rest.split('`').next())
        .filter(|_| detail.contains("not found in context"));
    if let (Some(variable), Some(text)) = (undefined, text) {
        let diagnostic = Diagnostic::error(DiagnosticKind::UndefinedVariable, path, format!("template error: undefined variable `{variable}`"))
            .with_hint("the README lists the data each template receives; test optional values with `{% if x %}`");
        return match text.find(variable) {
            Some(offset) => diagnostic.at_offset(text, offset, variable.len()),
            None => diagnostic,
        };
    }
    let diagnostic = Diagnostic::error(
        DiagnosticKind::TemplateError,
        path,
        format!("template error: {message}"),
    )
    .with_hint("fix the template, or delete it to use the default");
    match (location, text) {
        (Some((line, column)), Some(text)) => diagnostic.at_line_column(text, line, column, 1),
        _ => diagnostic,
    }
}
