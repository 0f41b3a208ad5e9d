//! The build pipeline, one module per stage: load → frontmatter/site → annotate → render →
//! output. Each stage takes the previous one's output; `serve` runs the same stages.

pub mod annotate;
pub mod frontmatter;
pub(crate) mod ids;
pub(crate) mod limits;
pub(crate) mod links;
pub mod load;
pub(crate) mod markdown;
pub mod output;
pub(crate) mod related;
pub(crate) mod render;
pub mod search;
pub(crate) mod site;

/// The default templates give the fuzz targets the markup pages have.
pub use render::{Marks, Templates};
