//! The build pipeline, one module per stage: load → frontmatter/site → annotate → render →
//! output. Each stage takes the previous one's output; `serve` runs the same stages.

pub mod annotate;
pub mod frontmatter;
pub mod limits;
pub mod links;
pub mod load;
pub mod markdown;
pub mod output;
pub mod related;
pub mod render;
pub mod search;
pub mod site;
