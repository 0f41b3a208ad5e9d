//! Matcher throughput on the example site's seed article, with a glossary of 10 entries and of
//! 10,000 (the 10 plus generated names that never occur): the cost of one pass should not grow
//! with the glossary. Normalisation alone is measured too: every article's text goes through it
//! twice, for its marks and for the search index.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hashiya::arabic::matcher::{MatchEntry, Matcher};
use hashiya::arabic::{normalize, normalize_text};

const ARTICLE: &str = include_str!("../content/articles/russia-north-korea.md");

const REAL: [&str; 10] = [
    "كيم جونغ أون",
    "فلاديمير بوتين",
    "روسيا",
    "كوريا الشمالية",
    "بيونغ يانغ",
    "موسكو",
    "دونباس",
    "أوكرانيا",
    "الكرملين",
    "فلاديفوستوك",
];

/// Deterministic two-word names from Arabic letters (a fixed-seed xorshift).
fn generated(count: usize) -> Vec<MatchEntry> {
    let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let mut word = || -> String {
                (0..5 + next() % 4)
                    .map(|_| letters[(next() % letters.len() as u64) as usize])
                    .collect()
            };
            let name = format!("{} {}", word(), word());
            MatchEntry {
                forms: vec![name],
                is_noun: next() % 4 == 0,
                except: Vec::new(),
            }
        })
        .collect()
}

fn glossary(size: usize) -> Vec<MatchEntry> {
    let mut entries: Vec<MatchEntry> = REAL
        .iter()
        .map(|t| MatchEntry {
            forms: vec![t.to_string()],
            is_noun: false,
            except: Vec::new(),
        })
        .collect();
    entries.extend(generated(size - REAL.len()));
    entries
}

fn matcher_throughput(c: &mut Criterion) {
    let text = ARTICLE.repeat(10);
    let mut normalise = c.benchmark_group("normalise");
    normalise.throughput(Throughput::Bytes(text.len() as u64));
    normalise.bench_function("with offsets", |b| b.iter(|| normalize(&text).text.len()));
    normalise.bench_function("text only", |b| b.iter(|| normalize_text(&text).len()));
    normalise.finish();

    let mut group = c.benchmark_group("normalise_and_match");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for size in [10, 10_000] {
        let matcher = Matcher::new(&glossary(size));
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| matcher.find(&normalize(text).text).matches.len())
        });
    }
    group.finish();

    let mut build = c.benchmark_group("compile_matcher");
    build.sample_size(10);
    for size in [10, 10_000] {
        let entries = glossary(size);
        build.bench_with_input(BenchmarkId::from_parameter(size), &entries, |b, entries| {
            b.iter(|| Matcher::new(entries))
        });
    }
    build.finish();
}

criterion_group!(benches, matcher_throughput);
criterion_main!(benches);
