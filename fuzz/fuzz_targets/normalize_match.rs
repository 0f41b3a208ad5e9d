//! The normaliser and the matcher on any text: offsets always land on character boundaries,
//! map back inside the text, and matches never overlap.
#![no_main]

use hashiya::arabic::matcher::{MatchEntry, Matcher};
use hashiya::arabic::normalize;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn matcher() -> &'static Matcher {
    static MATCHER: OnceLock<Matcher> = OnceLock::new();
    MATCHER.get_or_init(|| {
        let entry = |forms: &[&str], is_noun| MatchEntry {
            forms: forms.iter().map(|f| f.to_string()).collect(),
            is_noun,
            except: Vec::new(),
        };
        Matcher::new(&[
            entry(&["روسيا", "روسیا"], false),
            entry(&["الكرملين"], false),
            entry(&["عقوبة"], true),
            entry(&["كوريا الشمالية", "كوريا"], false),
            entry(&["قم"], false),
            entry(&["Putin"], false),
        ])
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let n = normalize(text);
    assert_eq!(
        normalize(&n.text).text,
        n.text,
        "normalising twice changes nothing"
    );
    let mut last_end = 0;
    for m in matcher().find(&n.text).matches {
        assert!(m.start >= last_end, "matches overlap");
        last_end = m.end;
        assert!(n.text.is_char_boundary(m.start) && n.text.is_char_boundary(m.end));
        let range = n.original_range(m.start, m.end);
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
    }
    for (i, _) in n.text.char_indices() {
        assert!(text.is_char_boundary(n.original_offset(i)));
    }
});
