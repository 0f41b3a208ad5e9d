//! Bytes as a content file: decoding, splitting and parsing never panic, and an error always
//! names a place inside the file.
#![no_main]

use hashiya::pipeline::frontmatter::parse_page;
use hashiya::pipeline::load::{decode, SourceFile};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/articles/fuzz.md");
    let Ok(text) = decode(path, data.to_vec()) else {
        return;
    };
    let file = SourceFile {
        path: path.to_path_buf(),
        text: text.as_str().into(),
    };
    if let Err(diagnostics) = parse_page(&file) {
        let lines = text.split('\n').count();
        for diagnostic in diagnostics.iter() {
            assert!(
                diagnostic.line <= lines.max(1),
                "line {} of {lines}",
                diagnostic.line
            );
            let _ = diagnostic.to_string();
        }
    }
});
