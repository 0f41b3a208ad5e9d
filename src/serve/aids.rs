//! The preview's writing aids: a note's selector for a passage selected on an article's page,
//! and where a marked term's glossary entry is defined. They read only the sources of the last
//! good build (`session::Sources`), never a path a request names.

use super::Shared;
use crate::pipeline::annotate::Selection;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// Answers a selection with the YAML of a note anchored to it.
pub const ANCHOR_PATH: &str = "/__hashiya/anchor";
/// Answers a marked term's entry id with the file and line that define it.
pub const TERM_PATH: &str = "/__hashiya/term";

/// The panel's script and style, added to served pages beside the reload script.
const PANEL_SCRIPT: &str = include_str!("panel.js");
const PANEL_STYLE: &str = include_str!("panel.css");

/// The panel, ready to be added to a served page.
pub fn panel() -> String {
    let script = PANEL_SCRIPT
        .replace("ANCHOR_PATH", ANCHOR_PATH)
        .replace("TERM_PATH", TERM_PATH);
    format!("<style>{PANEL_STYLE}</style><script>{script}</script>")
}

#[derive(Deserialize)]
pub struct AnchorQuery {
    /// The page's path, as the browser shows it.
    page: String,
    quote: String,
    #[serde(default)]
    before: String,
    #[serde(default)]
    after: String,
}

pub async fn anchor(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<AnchorQuery>,
) -> Response {
    let (sources, key) = match article_sources(&shared, &query.page) {
        Ok(found) => found,
        Err(response) => return response,
    };
    let selection = Selection {
        quote: &query.quote,
        before: &query.before,
        after: &query.after,
    };
    match sources.suggest_note(&key, selection) {
        None => answer(StatusCode::NOT_FOUND, json!({ "problem": NOT_AN_ARTICLE })),
        Some(Ok(note)) => answer(
            StatusCode::OK,
            json!({
                "yaml": note.yaml(),
                "quote": note.quote,
                "prefix": note.prefix,
                "suffix": note.suffix,
                "occurrence": note.occurrence,
            }),
        ),
        Some(Err(why)) => answer(StatusCode::OK, json!({ "problem": why.message() })),
    }
}

#[derive(Deserialize)]
pub struct TermQuery {
    page: String,
    id: String,
}

pub async fn term(State(shared): State<Arc<Shared>>, Query(query): Query<TermQuery>) -> Response {
    let (sources, key) = match article_sources(&shared, &query.page) {
        Ok(found) => found,
        Err(response) => return response,
    };
    match sources.definition(&key, &query.id) {
        Some(definition) => {
            let path = definition.path.to_string_lossy().replace('\\', "/");
            answer(
                StatusCode::OK,
                json!({
                    "id": query.id,
                    "path": path,
                    "line": definition.line,
                    "place": format!("{path}:{}", definition.line),
                }),
            )
        }
        None => answer(StatusCode::NOT_FOUND, json!({ "problem": NO_SUCH_ENTRY })),
    }
}

const NOT_BUILT: &str = "لم يُبنَ الموقع بعد.";
const NOT_AN_ARTICLE: &str = "هذه الصفحة ليست مقالًا.";
const NO_SUCH_ENTRY: &str = "لا مدخل بهذا المعرّف في المسرد.";

/// The sources of the site now served, and the output path of the page `page` names.
fn article_sources(
    shared: &Shared,
    page: &str,
) -> Result<(Arc<crate::session::Sources>, String), Response> {
    let preview = shared
        .preview
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone();
    let Some(sources) = preview.sources.clone() else {
        return Err(answer(
            StatusCode::SERVICE_UNAVAILABLE,
            json!({ "problem": NOT_BUILT }),
        ));
    };
    match super::http::output_key(&preview, page) {
        Some(key) => Ok((sources, key)),
        None => Err(answer(
            StatusCode::NOT_FOUND,
            json!({ "problem": NOT_AN_ARTICLE }),
        )),
    }
}

fn answer(status: StatusCode, body: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        body.to_string(),
    )
        .into_response()
}
