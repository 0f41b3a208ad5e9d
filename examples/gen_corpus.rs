//! Generates a synthetic hashiya site for benchmarks, and optionally the same articles as a Hugo
//! site, so that the two generators can be timed on the same content.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles N --glossary G --seed S --out DIR \
//!     [--hugo DIR2] [--zola DIR3] [--example-glossary PATH] [--example-articles DIR] \
//!     [--hugo-layouts DIR] [--hugo-plain-layouts DIR] [--hugo-static DIR] [--zola-templates DIR]
//! ```
//!
//! * `--articles N`: articles written to `DIR/content/articles/a00001.md` and on.
//! * `--glossary G`: entries in `DIR/content/glossary.yaml`: the example site's real entries
//!   first (all of them, or the first G when G is smaller), then generated people, places,
//!   organisations, outlets, events, concepts and nouns with variants.
//! * `--seed S`: the same seed and arguments always give byte-identical files.
//! * `--hugo DIR2`: also writes the same articles as a Hugo site (`hugo.toml`, `content/`, and
//!   the layouts copied from `--hugo-layouts`, default `bench/hugo-layouts`). The files of
//!   `--hugo-static` (default `themes/default`, hashiya's default theme) are copied to its
//!   `static/theme/`, as hashiya publishes its theme's assets under `/theme/`. `hugo.toml`
//!   paginates home, section and tag listings by hashiya's page size (20, no `page/1/` alias),
//!   writes an RSS feed of the 20 newest articles for the site and for each tag (hashiya's Atom
//!   feeds), a sitemap and robots.txt, and nothing else.
//!   The same directory also holds Hugo's *plain* build of the same content: `hugo-plain.toml`
//!   (the same listings and pagination, no feed, sitemap, robots.txt or 404) with the minimal
//!   layouts of `--hugo-plain-layouts` (default `bench/hugo-plain-layouts`), copied to
//!   `layouts-plain/` and mounted as the layouts: `hugo --config hugo-plain.toml`.
//! * `--zola DIR3`: the same articles as a Zola site (`config.toml`, `content/` with TOML front
//!   matter, the templates of `--zola-templates`, default `bench/zola-templates`, and the same
//!   static theme files), for the preview-latency comparison.
//! * `--example-glossary PATH` (default `content/glossary.yaml`) and `--example-articles DIR`
//!   (default `content/articles`): the example site the corpus is modelled on, read at run time.
//!   Its article bodies are cut into clauses and recombined into new sentences.
//!
//! Every article has 600 to 900 words in paragraphs with `##` subheadings, 2 to 4 tags from a
//! pool of 50, a date between 2015 and 2024, a summary, a translator, a source with an outlet,
//! and 2 or 3 notes whose quote occurs exactly once in its body (checked while generating, with
//! the same normalisation as hashiya's). Articles mention glossary entries, sometimes behind the
//! proclitics و، ب، ل; every entry is mentioned at least once when N times 5 reaches G. Only the
//! standard library is used.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ───────────────────────────── arguments ─────────────────────────────

struct Args {
    articles: usize,
    glossary: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    zola: Option<PathBuf>,
    zola_templates: PathBuf,
    example_glossary: PathBuf,
    example_articles: PathBuf,
    hugo_layouts: PathBuf,
    hugo_plain_layouts: PathBuf,
    hugo_static: PathBuf,
}

const USAGE: &str = "usage: gen_corpus --articles N --glossary G --seed S --out DIR [--hugo DIR2] \
[--zola DIR3] [--example-glossary PATH] [--example-articles DIR] [--hugo-layouts DIR] \
[--hugo-plain-layouts DIR] [--hugo-static DIR] [--zola-templates DIR]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        articles: 1000,
        glossary: 1000,
        seed: 1,
        out: PathBuf::new(),
        hugo: None,
        zola: None,
        zola_templates: PathBuf::from("bench/zola-templates"),
        example_glossary: PathBuf::from("content/glossary.yaml"),
        example_articles: PathBuf::from("content/articles"),
        hugo_layouts: PathBuf::from("bench/hugo-layouts"),
        hugo_plain_layouts: PathBuf::from("bench/hugo-plain-layouts"),
        hugo_static: PathBuf::from("themes/default"),
    };
    let mut out = None;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Err(USAGE.to_string());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: `{v}` is not a number"))
        };
        match flag.as_str() {
            "--articles" => args.articles = number(&value)? as usize,
            "--glossary" => args.glossary = number(&value)? as usize,
            "--seed" => args.seed = number(&value)?,
            "--out" => out = Some(PathBuf::from(value)),
            "--hugo" => args.hugo = Some(PathBuf::from(value)),
            "--zola" => args.zola = Some(PathBuf::from(value)),
            "--zola-templates" => args.zola_templates = PathBuf::from(value),
            "--example-glossary" => args.example_glossary = PathBuf::from(value),
            "--example-articles" => args.example_articles = PathBuf::from(value),
            "--hugo-layouts" => args.hugo_layouts = PathBuf::from(value),
            "--hugo-plain-layouts" => args.hugo_plain_layouts = PathBuf::from(value),
            "--hugo-static" => args.hugo_static = PathBuf::from(value),
            _ => return Err(format!("unknown argument `{flag}`\n{USAGE}")),
        }
    }
    args.out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    if args.articles == 0 {
        return Err("--articles must be at least 1".to_string());
    }
    Ok(args)
}

// ───────────────────────────── random numbers ─────────────────────────────

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ───────────────────────────── normalisation ─────────────────────────────

/// hashiya's matching normalisation for the characters this generator and the example site
/// use: diacritics, tatweel and invisible controls removed, letter variants folded, Eastern
/// digits made ASCII, whitespace runs made one space.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        let folded = match c {
            '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0640}'
            | '\u{200B}'..='\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2060}'
            | '\u{00AD}'
            | '\u{FEFF}' => continue,
            'آ' | 'أ' | 'إ' | 'ٱ' => 'ا',
            'ى' | 'ی' | 'ے' => 'ي',
            'ة' | 'ہ' | 'ە' | 'ۀ' => 'ه',
            'ک' => 'ك',
            '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if folded == ' ' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(folded);
            in_space = false;
        }
    }
    out.trim().to_string()
}

/// Occurrences of `needle` in `haystack`, overlapping ones included (as hashiya counts quotes).
fn count_occurrences(haystack: &str, needle: &str) -> usize {
    let mut count = 0;
    let mut from = 0;
    while let Some(at) = haystack[from..].find(needle) {
        count += 1;
        let start = from + at;
        from = start + haystack[start..].chars().next().map_or(1, char::len_utf8);
    }
    count
}

// ───────────────────────────── the example site ─────────────────────────────

/// One entry of the example glossary, kept as its lines so it is copied exactly.
struct RealEntry {
    id: String,
    term: String,
    kind: String,
    variants: Vec<String>,
    /// Comment and blank lines before the entry (section headings of the file).
    leading: Vec<String>,
    lines: Vec<String>,
}

fn flow_list(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|s| unquote(s.trim()).to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    if v.len() >= 2
        && ((v.starts_with('"') && v.ends_with('"')) || (v.starts_with('\'') && v.ends_with('\'')))
    {
        &v[1..v.len() - 1]
    } else {
        v
    }
}

/// Reads the example glossary: the header comment lines, then the entries.
fn read_example_glossary(path: &Path) -> Result<(Vec<String>, Vec<RealEntry>), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut header = Vec::new();
    let mut entries: Vec<RealEntry> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("- id:") {
            entries.push(RealEntry {
                id: unquote(id).to_string(),
                term: String::new(),
                kind: String::new(),
                variants: Vec::new(),
                leading: std::mem::take(&mut pending),
                lines: vec![line.to_string()],
            });
        } else if line.starts_with(' ') && !entries.is_empty() && pending.is_empty() {
            let entry = entries.last_mut().expect("checked");
            if let Some(v) = line.strip_prefix("  term:") {
                entry.term = unquote(v).to_string();
            } else if let Some(v) = line.strip_prefix("  kind:") {
                entry.kind = unquote(v).to_string();
            } else if let Some(v) = line.strip_prefix("  variants:") {
                entry.variants = flow_list(v);
            }
            entry.lines.push(line.to_string());
        } else if entries.is_empty() {
            header.push(line.to_string());
        } else if line.trim().is_empty() && pending.is_empty() {
            // A blank line inside a block scalar, or between entries.
            entries
                .last_mut()
                .expect("checked")
                .lines
                .push(String::new());
        } else {
            pending.push(line.to_string());
        }
    }
    if entries.is_empty() {
        return Err(format!("{}: no glossary entries found", path.display()));
    }
    for entry in &mut entries {
        while entry.lines.last().is_some_and(|l| l.trim().is_empty()) {
            entry.lines.pop();
        }
    }
    Ok((header, entries))
}

/// The clauses of the example articles' bodies: sentences cut at commas, without quotation
/// marks, each of at least four words and ending in a letter or digit.
fn read_example_clauses(dir: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "md")
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        })
        .collect();
    files.sort();
    let mut clauses = Vec::new();
    let mut headings = Vec::new();
    let mut seen = HashSet::new();
    for file in files {
        let text = fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let body = match text.strip_prefix("---\n") {
            Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, body)| body),
            None => &text,
        };
        for paragraph in body.split("\n\n") {
            let paragraph = paragraph.trim();
            if let Some(heading) = paragraph.strip_prefix("## ") {
                headings.push(heading.trim().to_string());
                continue;
            }
            if paragraph.is_empty() || paragraph.starts_with(['#', '-', '*', '>', '|']) {
                continue;
            }
            let cleaned: String = paragraph
                .chars()
                .filter(|c| !matches!(c, '"' | '«' | '»' | '*' | '_' | '[' | ']'))
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            for sentence in cleaned.split(['.', '؟', '!', ':', '؛']) {
                for clause in sentence.split('،') {
                    let clause = clause
                        .trim()
                        .trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
                    let words = clause.split_whitespace().count();
                    let balanced = clause.matches('(').count() == clause.matches(')').count();
                    if words >= 4
                        && balanced
                        && !clause.starts_with(|c: char| c.is_ascii_digit())
                        && seen.insert(clause.to_string())
                    {
                        clauses.push(clause.split_whitespace().collect::<Vec<_>>().join(" "));
                    }
                }
            }
        }
    }
    if clauses.len() < 20 {
        return Err(format!(
            "{}: too little text to recombine ({} clauses)",
            dir.display(),
            clauses.len()
        ));
    }
    Ok((clauses, headings))
}

// ───────────────────────────── generated glossary ─────────────────────────────

// The glossary's own kinds, so generated entries always parse.
use hashiya::model::EntryKind as Kind;

/// A kind as written in the example's glossary (entries of other kinds count as organisations).
fn parse_kind(written: &str) -> Kind {
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == written)
        .unwrap_or(Kind::Organization)
}

struct GenEntry {
    id: String,
    term: String,
    kind: Kind,
    variants: Vec<String>,
    latin: String,
    summary: String,
    body: Option<String>,
    see_also: Vec<String>,
}

/// What an article can mention: an entry's written forms and its kind.
struct Mentionable {
    forms: Vec<String>,
    kind: Kind,
}

/// Letters a generated word may start with: none of the proclitics و ف ب ك ل, no alef (no
/// accidental ال), so a generated name never reads as another one behind a prefix.
const INITIALS: [char; 21] = [
    'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ع', 'غ', 'ق', 'م', 'ن',
    'ه', 'ي',
];
const CONSONANTS: [char; 25] = [
    'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع', 'غ', 'ف',
    'ق', 'ك', 'ل', 'م', 'ن', 'ه',
];
const LONG_VOWELS: [char; 3] = ['ا', 'و', 'ي'];

fn latin_of(c: char) -> &'static str {
    match c {
        'ا' => "a",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' => "'",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' => "h",
        'و' => "u",
        'ي' => "i",
        ' ' => " ",
        _ => "",
    }
}

fn transliterate(word: &str) -> String {
    word.split(' ')
        .map(|w| {
            let latin: String = w.chars().map(latin_of).collect();
            let mut chars = latin.trim_start_matches('\'').chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A pronounceable word of `letters` letters or a little more, from Arabic letters.
fn make_word(rng: &mut Rng, min_letters: usize) -> String {
    let mut word = String::new();
    let mut last = *rng.pick(&INITIALS);
    word.push(last);
    let mut letters = 1;
    while letters < min_letters {
        if rng.chance(55) && !LONG_VOWELS.contains(&last) {
            word.push(*rng.pick(&LONG_VOWELS));
            letters += 1;
        }
        // No letter twice in a row.
        last = loop {
            let c = *rng.pick(&CONSONANTS);
            if !word.ends_with(c) {
                break c;
            }
        };
        word.push(last);
        letters += 1;
    }
    word
}

/// Forms a noun also matches: with ال, and with number and pronoun suffixes.
fn noun_forms(form: &str) -> Vec<String> {
    let n = normalize(form);
    let mut forms = vec![n.clone(), format!("ال{n}")];
    for suffix in [
        "ات", "ان", "ين", "ون", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ي", "نا",
    ] {
        forms.push(format!("{n}{suffix}"));
        forms.push(format!("ال{n}{suffix}"));
    }
    forms
}

struct GlossaryBuilder<'a> {
    rng: &'a mut Rng,
    /// Every normalised form claimed so far, derived noun forms included.
    claimed: HashSet<String>,
    /// Every normalised word of the example text: a generated word is none of them.
    text_words: HashSet<String>,
}

impl GlossaryBuilder<'_> {
    /// A fresh word: not claimed, not a word of the text.
    fn fresh_word(&mut self, min_letters: usize) -> String {
        loop {
            let word = make_word(self.rng, min_letters);
            let n = normalize(&word);
            if !self.claimed.contains(&n) && !self.text_words.contains(&n) {
                return word;
            }
        }
    }

    /// True (and the forms claimed) when none of `forms` is claimed yet.
    fn try_claim(&mut self, forms: &[String], is_noun: bool) -> bool {
        let mut all = Vec::new();
        for form in forms {
            if is_noun {
                all.extend(noun_forms(form));
            } else {
                all.push(normalize(form));
            }
        }
        let unique: HashSet<&String> = all.iter().collect();
        if unique.len() != all.len() || all.iter().any(|f| self.claimed.contains(f)) {
            return false;
        }
        self.claimed.extend(all);
        true
    }

    fn entry(&mut self, number: usize, real_places: &[String], clauses: &[String]) -> GenEntry {
        const PREFIX_ORG: [&str; 8] = [
            "هيئة",
            "مجلس",
            "حزب",
            "وكالة",
            "منظمة",
            "جبهة",
            "اتحاد",
            "رابطة",
        ];
        const PREFIX_OUTLET: [&str; 5] = ["صحيفة", "إذاعة", "قناة", "موقع", "مجلة"];
        const PREFIX_EVENT: [&str; 5] = ["قمة", "مؤتمر", "اتفاق", "معركة", "أزمة"];
        const PREFIX_CONCEPT: [&str; 3] = ["مبدأ", "عقيدة", "نظرية"];
        let roll = self.rng.below(100);
        let kind = match roll {
            0..=24 => Kind::Person,
            25..=54 => Kind::Place,
            55..=69 => Kind::Organization,
            70..=77 => Kind::Outlet,
            78..=87 => Kind::Event,
            88..=91 => Kind::Concept,
            _ => Kind::Noun,
        };
        loop {
            let (term, variants, name_part) = match kind {
                Kind::Person => {
                    let first = self.fresh_word(4);
                    let last = self.fresh_word(5);
                    let variants = if self.rng.chance(40) {
                        vec![last.clone()]
                    } else {
                        Vec::new()
                    };
                    (
                        format!("{first} {last}"),
                        variants,
                        format!("{first} {last}"),
                    )
                }
                Kind::Place => {
                    let word = self.fresh_word(5);
                    let variants = if self.rng.chance(30) {
                        // Another spelling: a long vowel added after the first letter.
                        let mut chars = word.chars();
                        let first = chars.next().expect("a word");
                        vec![format!("{first}ي{}", chars.as_str())]
                    } else {
                        Vec::new()
                    };
                    (word.clone(), variants, word)
                }
                Kind::Organization | Kind::Outlet | Kind::Event | Kind::Concept => {
                    let prefix = match kind {
                        Kind::Organization => *self.rng.pick(&PREFIX_ORG),
                        Kind::Outlet => *self.rng.pick(&PREFIX_OUTLET),
                        Kind::Event => *self.rng.pick(&PREFIX_EVENT),
                        _ => *self.rng.pick(&PREFIX_CONCEPT),
                    };
                    let word = self.fresh_word(5);
                    let term = if self.rng.chance(30) {
                        let second = self.fresh_word(4);
                        format!("{prefix} {word} {second}")
                    } else {
                        format!("{prefix} {word}")
                    };
                    (term, Vec::new(), word)
                }
                Kind::Noun => {
                    let word = self.fresh_word(5);
                    // A variant spelling: the last consonant doubled by a long vowel.
                    let mut chars: Vec<char> = word.chars().collect();
                    let last = chars.pop().expect("a word");
                    let variant = format!("{}و{last}", chars.iter().collect::<String>());
                    (word.clone(), vec![variant], word)
                }
            };
            let mut forms = vec![term.clone()];
            forms.extend(variants.iter().cloned());
            if !self.try_claim(&forms, kind == Kind::Noun) {
                continue;
            }
            let place = self.rng.pick(real_places).clone();
            let clause = self.rng.pick(clauses).clone();
            let summary = match kind {
                Kind::Person => format!(
                    "{} من {place}، يرد اسمه في تقارير عن {}.",
                    self.rng.pick(&[
                        "دبلوماسي",
                        "سياسي",
                        "خبير عسكري",
                        "صحفي",
                        "مسؤول حكومي",
                        "باحث",
                        "رجل أعمال"
                    ]),
                    self.rng.pick(&[
                        "العلاقات الدولية",
                        "الملف النووي",
                        "العقوبات",
                        "الحرب",
                        "التجارة"
                    ])
                ),
                Kind::Place => format!(
                    "{} قرب {place}، ورد ذكرها في الأخبار.",
                    self.rng
                        .pick(&["مدينة", "منطقة", "بلدة", "ميناء", "جزيرة", "قرية"])
                ),
                Kind::Organization => format!("هيئة تنشط في {place}."),
                Kind::Outlet => format!("وسيلة إعلام تصدر في {place}."),
                Kind::Event => format!("حدث شهدته {place}."),
                Kind::Concept => "مفهوم يتردد في التحليلات السياسية.".to_string(),
                Kind::Noun => "مصطلح يرد في التقارير الإخبارية.".to_string(),
            };
            let body = self.rng.chance(30).then(|| format!("{clause}."));
            return GenEntry {
                id: format!("{}-{number:05}", kind.as_str()),
                latin: transliterate(&name_part),
                term,
                kind,
                variants,
                summary,
                body,
                see_also: Vec::new(),
            };
        }
    }
}

fn yaml_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_glossary(header: &[String], real: &[RealEntry], generated: &[GenEntry]) -> String {
    let included: HashSet<&str> = real
        .iter()
        .map(|e| e.id.as_str())
        .chain(generated.iter().map(|e| e.id.as_str()))
        .collect();
    let mut out = String::new();
    for line in header {
        out.push_str(line);
        out.push('\n');
    }
    for entry in real {
        for line in &entry.leading {
            out.push_str(line);
            out.push('\n');
        }
        for line in &entry.lines {
            if let Some(list) = line.strip_prefix("  see_also:") {
                // The first G entries only: see_also may not name one that was left out.
                let kept: Vec<String> = flow_list(list)
                    .into_iter()
                    .filter(|id| included.contains(id.as_str()))
                    .collect();
                if !kept.is_empty() {
                    let _ = writeln!(out, "  see_also: [{}]", kept.join(", "));
                }
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    if !generated.is_empty() {
        out.push_str("# ── مدخلات مولدة ──\n\n");
    }
    for entry in generated {
        let _ = writeln!(out, "- id: {}", entry.id);
        let _ = writeln!(out, "  term: {}", entry.term);
        let _ = writeln!(out, "  kind: {}", entry.kind.as_str());
        if !entry.variants.is_empty() {
            let _ = writeln!(out, "  variants: [{}]", entry.variants.join(", "));
        }
        let _ = writeln!(out, "  latin: {}", entry.latin);
        let _ = writeln!(out, "  summary: {}", yaml_quote(&entry.summary));
        if let Some(body) = &entry.body {
            let _ = writeln!(out, "  body: |\n    {body}");
        }
        if !entry.see_also.is_empty() {
            let _ = writeln!(out, "  see_also: [{}]", entry.see_also.join(", "));
        }
        out.push('\n');
    }
    out
}

// ───────────────────────────── articles ─────────────────────────────

const TAGS: [&str; 50] = [
    "روسيا",
    "كوريا الشمالية",
    "حرب أوكرانيا",
    "الصين",
    "الولايات المتحدة",
    "أوروبا",
    "الشرق الأوسط",
    "آسيا",
    "أفريقيا",
    "أميركا اللاتينية",
    "الأمم المتحدة",
    "العقوبات",
    "الطاقة",
    "النفط والغاز",
    "الاقتصاد",
    "التجارة",
    "الدبلوماسية",
    "الانتخابات",
    "حقوق الإنسان",
    "اللاجئون",
    "الهجرة",
    "المناخ",
    "الأمن الغذائي",
    "الصحة",
    "جائحة كورونا",
    "التكنولوجيا",
    "الذكاء الاصطناعي",
    "الفضاء",
    "السلاح النووي",
    "الدفاع",
    "الاستخبارات",
    "الإرهاب",
    "الإعلام",
    "الثقافة",
    "التعليم",
    "الرياضة",
    "التاريخ",
    "الحرب الباردة",
    "القمم الدولية",
    "المعاهدات",
    "الحدود",
    "البحار والموانئ",
    "السكك الحديدية",
    "الأسلحة",
    "الجيوش",
    "الأحزاب",
    "البرلمانات",
    "القضاء",
    "الاحتجاجات",
    "الصحافة العالمية",
];

const OUTLETS: [(&str, &str); 16] = [
    ("إنسايد أوفر", "insideover"),
    ("إزفيستيا", "izvestia"),
    ("نيويورك تايمز", "nytimes"),
    ("لوموند", "lemonde"),
    ("الغارديان", "guardian"),
    ("دير شبيغل", "spiegel"),
    ("كوريا هيرالد", "koreaherald"),
    ("كوميرسانت", "kommersant"),
    ("فايننشال تايمز", "ft"),
    ("واشنطن بوست", "washingtonpost"),
    ("لا ريبوبليكا", "repubblica"),
    ("إل باييس", "elpais"),
    ("يوميوري شيمبون", "yomiuri"),
    ("ساوث تشاينا مورنينغ بوست", "scmp"),
    ("فورين بوليسي", "foreignpolicy"),
    ("ذا ديبلومات", "thediplomat"),
];

const TRANSLATORS: [&str; 4] = [
    "قسم الترجمة",
    "فريق التحرير",
    "هيئة الترجمة",
    "قسم الشؤون الدولية",
];

const HEADING_WORDS_A: [&str; 12] = [
    "تعاون",
    "تحالف",
    "خلفيات",
    "مواقف",
    "حسابات",
    "مخاوف",
    "رهانات",
    "آفاق",
    "تحديات",
    "قراءة",
    "ردود",
    "أبعاد",
];
const HEADING_WORDS_B: [&str; 10] = [
    "إستراتيجية",
    "اقتصادية",
    "متبادلة",
    "دولية",
    "إقليمية",
    "تاريخية",
    "جديدة",
    "قديمة",
    "عسكرية",
    "دبلوماسية",
];

const MONTH_DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

struct Article {
    title: String,
    date: String,
    summary: String,
    tags: Vec<&'static str>,
    translator: &'static str,
    author: Option<&'static str>,
    outlet: (&'static str, &'static str),
    notes: Vec<(String, String)>,
    body: String,
}

/// A sentence mentioning `form`, sometimes behind a proclitic, in a frame that suits its kind.
fn mention_sentence(rng: &mut Rng, form: &str, kind: Kind, clauses: &[String]) -> String {
    let clause = rng.pick(clauses);
    let with = |prefix: &str| -> String {
        // ل before ال fuses into لل.
        if prefix == "ل" {
            if let Some(rest) = form.strip_prefix("ال") {
                return format!("{prefix}ل{rest}");
            }
        }
        format!("{prefix}{form}")
    };
    let frames: Vec<String> = match kind {
        Kind::Person => vec![
            format!("وقال {form} إن {clause}."),
            format!("{clause}، بحسب ما صرح به {form}."),
            format!("ونقلت مصادر مقربة من {form} أن {clause}."),
            format!("والتقى الوفد الرسمي {} قبل أن يعود إلى بلاده.", with("ب")),
            format!("{clause}، وفق تصريحات {}.", with("ل")),
        ],
        Kind::Place => vec![
            format!("وفي {form}، {clause}."),
            format!("{clause}، على ما أفادت مصادر محلية {}.", with("ب")),
            format!("وتشير التقارير الواردة من {form} إلى أن {clause}."),
            format!("وعقد اللقاء {}، {clause}.", with("ب")),
            format!("{clause}، قبل أن يتوجه الوفد إلى {form}."),
        ],
        Kind::Noun => vec![
            format!("وتحدث مسؤولون عن {} في سياق {clause}.", with("ال")),
            format!("{clause}، في ظل {form} المتزايد."),
            format!("وأشار التقرير إلى دور {} {}.", with("ال"), with("وال")),
        ],
        _ => vec![
            format!("ونقلت {form} عن مسؤولين أن {clause}."),
            format!("{clause}، وفقا {}.", with("ل")),
            format!("وجاء ذلك على خلفية {form}، إذ {clause}."),
            format!("وأصدرت {form} بيانا أكدت فيه أن {clause}."),
            format!("{clause}، بحسب ما أوردته تقارير عن {}.", with("و")),
        ],
    };
    rng.pick(&frames).clone()
}

/// Two clauses joined into one sentence.
fn filler_sentence(rng: &mut Rng, clauses: &[String]) -> String {
    let a = rng.pick(clauses);
    match rng.below(4) {
        0 => format!("{a}."),
        1 => format!("{a}، في حين {}.", rng.pick(clauses)),
        2 => {
            let b = rng.pick(clauses);
            if b.starts_with('و') {
                format!("{a}، {b}.")
            } else {
                format!("{a}، و{b}.")
            }
        }
        _ => format!("{a}، {}.", rng.pick(clauses)),
    }
}

fn is_clean_word(word: &str) -> bool {
    word.chars().all(|c| c.is_alphanumeric())
}

#[allow(clippy::too_many_arguments)]
fn make_article(
    rng: &mut Rng,
    clauses: &[String],
    headings: &[String],
    mentionables: &[Mentionable],
    order: &[usize],
    cursor: &mut usize,
) -> Article {
    // Which entries this article mentions: the next few in a fixed shuffled order (so every
    // entry is reached), plus one or two at random.
    let mut chosen = Vec::new();
    if !mentionables.is_empty() {
        for _ in 0..5 {
            chosen.push(order[*cursor % order.len()]);
            *cursor += 1;
        }
        for _ in 0..rng.range(1, 2) {
            chosen.push(rng.below(mentionables.len()));
        }
        let mut seen = HashSet::new();
        chosen.retain(|i| seen.insert(*i));
    }
    let mut mention_sentences: Vec<String> = Vec::new();
    for &i in &chosen {
        let m = &mentionables[i];
        let times = if rng.chance(30) { 2 } else { 1 };
        for _ in 0..times {
            let form = rng.pick(&m.forms).clone();
            mention_sentences.push(mention_sentence(rng, &form, m.kind, clauses));
        }
    }

    // Filler up to the target length, then the mentions spread among it.
    let target = rng.range(600, 900);
    let mut words: usize = mention_sentences
        .iter()
        .map(|s| s.split_whitespace().count())
        .sum();
    let mut sentences: Vec<(String, bool)> = Vec::new();
    while words < target {
        let s = filler_sentence(rng, clauses);
        words += s.split_whitespace().count();
        sentences.push((s, true));
    }
    for s in mention_sentences {
        let at = rng.below(sentences.len() + 1);
        sentences.insert(at, (s, false));
    }

    // Paragraphs of 2 to 4 sentences; a subheading every 3 to 5 paragraphs.
    let mut body = String::new();
    let mut paragraphs: Vec<Vec<(String, bool)>> = Vec::new();
    let mut rest = sentences.as_slice();
    while !rest.is_empty() {
        let take = rng.range(2, 4).min(rest.len());
        paragraphs.push(rest[..take].to_vec());
        rest = &rest[take..];
    }
    let mut used_headings = HashSet::new();
    let mut next_heading = rng.range(3, 5);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        if index == next_heading && index + 1 < paragraphs.len() {
            let heading = loop {
                let h = if rng.chance(20) && !headings.is_empty() {
                    rng.pick(headings).clone()
                } else {
                    format!(
                        "{} {}",
                        rng.pick(&HEADING_WORDS_A),
                        rng.pick(&HEADING_WORDS_B)
                    )
                };
                if used_headings.insert(h.clone()) {
                    break h;
                }
            };
            let _ = write!(body, "## {heading}\n\n");
            next_heading += rng.range(3, 5);
        }
        let text: Vec<&str> = paragraph.iter().map(|(s, _)| s.as_str()).collect();
        body.push_str(&text.join(" "));
        body.push_str("\n\n");
    }
    let body = body.trim_end().to_string() + "\n";

    // Notes: 2 or 3 quotes, each from a different filler sentence, each found exactly once.
    let normalized_body = normalize(&body);
    let fillers: Vec<&str> = sentences
        .iter()
        .filter(|(_, filler)| *filler)
        .map(|(s, _)| s.as_str())
        .collect();
    let wanted = rng.range(2, 3);
    let mut notes = Vec::new();
    let mut used_sentences = HashSet::new();
    let mut attempts = 0;
    while notes.len() < wanted && attempts < 500 {
        attempts += 1;
        let index = rng.below(fillers.len());
        if used_sentences.contains(&index) {
            continue;
        }
        let tokens: Vec<&str> = fillers[index].split_whitespace().collect();
        let len = rng.range(3, 6);
        if tokens.len() < len {
            continue;
        }
        let start = rng.below(tokens.len() - len + 1);
        let phrase = &tokens[start..start + len];
        if !phrase.iter().all(|w| is_clean_word(w)) {
            continue;
        }
        let quote = phrase.join(" ");
        if count_occurrences(&normalized_body, &normalize(&quote)) != 1 {
            continue;
        }
        used_sentences.insert(index);
        let note_body = format!(
            "{}.\n\n{}",
            rng.pick(clauses),
            filler_sentence(rng, clauses)
        );
        notes.push((quote, note_body));
    }

    let year = rng.range(2015, 2024);
    let month = rng.range(1, 12);
    let day = rng.range(1, MONTH_DAYS[month - 1]);
    let mut tags = Vec::new();
    for _ in 0..rng.range(2, 4) {
        let tag = *rng.pick(&TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let title_words: Vec<&str> = rng.pick(clauses).split_whitespace().collect();
    let title_len = title_words.len().min(rng.range(5, 10));
    let mut title = title_words[..title_len].join(" ");
    if rng.chance(30) {
        title = format!("{}.. {}", title, {
            let w: Vec<&str> = rng.pick(clauses).split_whitespace().collect();
            w[..w.len().min(4)].join(" ")
        });
    }
    Article {
        title,
        date: format!("{year:04}-{month:02}-{day:02}"),
        summary: format!("{}.", rng.pick(clauses)),
        tags,
        translator: rng.pick::<&str>(&TRANSLATORS),
        author: rng.chance(25).then_some("قسم الترجمة"),
        outlet: *rng.pick(&OUTLETS),
        notes,
        body,
    }
}

/// The front matter both tools read alike, after the opening `---`.
fn shared_front_matter(a: &Article) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml_quote(&a.title));
    let _ = writeln!(out, "date: {}", a.date);
    let _ = writeln!(out, "summary: {}", yaml_quote(&a.summary));
    let _ = writeln!(out, "tags: [{}]", a.tags.join(", "));
    if let Some(author) = a.author {
        let _ = writeln!(out, "author: {author}");
    }
    let _ = writeln!(out, "translator: {}", a.translator);
    let _ = writeln!(
        out,
        "source:\n  outlet: {}\n  url: https://{}.example.com/",
        a.outlet.0, a.outlet.1
    );
    out
}

fn hashiya_article(a: &Article) -> String {
    let mut out = shared_front_matter(a);
    if !a.notes.is_empty() {
        out.push_str("notes:\n");
        for (quote, body) in &a.notes {
            let _ = writeln!(out, "  - quote: {}", yaml_quote(quote));
            out.push_str("    body: |\n");
            for line in body.lines() {
                if line.is_empty() {
                    out.push('\n');
                } else {
                    let _ = writeln!(out, "      {line}");
                }
            }
        }
    }
    out.push_str("---\n\n");
    out.push_str(&a.body);
    out
}

fn hugo_article(a: &Article) -> String {
    let mut out = shared_front_matter(a);
    out.push_str("---\n\n");
    out.push_str(&a.body);
    out
}

fn zola_article(a: &Article) -> String {
    let mut out = String::from("+++\n");
    let _ = writeln!(out, "title = {}", yaml_quote(&a.title));
    let _ = writeln!(out, "date = {}", a.date);
    let _ = writeln!(out, "description = {}", yaml_quote(&a.summary));
    let tags: Vec<String> = a.tags.iter().map(|t| yaml_quote(t)).collect();
    let _ = writeln!(out, "\n[taxonomies]\ntags = [{}]", tags.join(", "));
    out.push_str("+++\n\n");
    out.push_str(&a.body);
    out
}

fn zola_config() -> String {
    format!(
        "base_url = \"https://example.org\"\n\
         title = {}\n\
         description = {}\n\
         default_language = \"ar\"\n\
         compile_sass = false\n\
         build_search_index = false\n\
         generate_feed = false\n\
         taxonomies = [{{ name = \"tags\" }}]\n\
         \n\
         [extra]\nauthor = \"قسم الترجمة\"\n",
        yaml_quote(SITE_TITLE),
        yaml_quote(SITE_DESCRIPTION)
    )
}

// ───────────────────────────── the sites ─────────────────────────────

const SITE_TITLE: &str = "حاشية — مدونة الاختبار";
const SITE_DESCRIPTION: &str = "موقع مولد لقياس أداء حاشية: مقالات إخبارية مترجمة ومشروحة.";
const HOME_INTRO: &str = "مقالات مولدة من نصوص الموقع التجريبي، لقياس سرعة البناء.";
const SECTION_INTRO: &str = "مقالات مترجمة ومشروحة وخلفيات إخبارية تساعد على فهم الأحداث وسياقها.";

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes what an earlier run generated, so that a smaller corpus leaves no stale articles.
fn clear_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    Ok(())
}

/// Articles per listing page, written to hashiya's `site.yaml` (`paginate_by`, its default) and
/// to Hugo's `pagination.pagerSize`; also the entries of a feed (hashiya's Atom feeds carry the 20
/// newest articles) for Hugo's `services.rss.limit`.
const PAGE_SIZE: usize = 20;

/// The settings both Hugo builds share: the site (`locale` is Hugo 0.158's name for
/// `languageCode`), the `tags` taxonomy, and listings paginated as hashiya's (page 1 at the
/// listing's own address, then `page/N/`, no `page/1/` redirect).
fn hugo_common_config() -> String {
    format!(
        "baseURL = \"https://example.org/\"\n\
         locale = \"ar\"\n\
         defaultContentLanguage = \"ar\"\n\
         title = {}\n",
        yaml_quote(SITE_TITLE)
    )
}

fn hugo_common_tables() -> String {
    format!(
        "[pagination]\n  pagerSize = {PAGE_SIZE}\n  disableAliases = true\n\
         \n\
         [taxonomies]\n  tag = \"tags\"\n"
    )
}

/// The peer: hashiya's pages, with an RSS feed of the 20 newest articles for the site and for
/// each tag only (hashiya writes no section or tag-index feed), a sitemap and robots.txt.
fn hugo_config() -> String {
    format!(
        "{}enableRobotsTXT = true\n\
         \n\
         {}\n\
         [services.rss]\n  limit = {PAGE_SIZE}\n\
         \n\
         [outputs]\n  home = [\"html\", \"rss\"]\n  section = [\"html\"]\n  taxonomy = [\"html\"]\n  \
         term = [\"html\", \"rss\"]\n  page = [\"html\"]\n\
         \n\
         [params]\n  description = {}\n  author = \"قسم الترجمة\"\n",
        hugo_common_config(),
        hugo_common_tables(),
        yaml_quote(SITE_DESCRIPTION)
    )
}

/// Hugo's plain build of the same content: articles and paginated listings with the minimal
/// layouts of `layouts-plain/`, and nothing else.
fn hugo_plain_config() -> String {
    format!(
        "{}disableKinds = [\"rss\", \"sitemap\", \"robotstxt\", \"404\"]\n\
         \n\
         {}\n\
         [[module.mounts]]\n  source = \"layouts-plain\"\n  target = \"layouts\"\n",
        hugo_common_config(),
        hugo_common_tables()
    )
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    let entries = fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let target = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            fs::write(&target, bytes).map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

fn run(args: Args) -> Result<(), String> {
    let mut rng = Rng::new(args.seed);
    let (header, mut real) = read_example_glossary(&args.example_glossary)?;
    let (clauses, headings) = read_example_clauses(&args.example_articles)?;
    real.truncate(args.glossary);
    let generated_count = args.glossary - real.len();

    // The glossary: the real entries, then generated ones that claim no form twice.
    let mut builder = GlossaryBuilder {
        rng: &mut rng,
        claimed: HashSet::new(),
        text_words: clauses
            .iter()
            .flat_map(|c| c.split_whitespace().map(normalize))
            .collect(),
    };
    for entry in &real {
        for form in std::iter::once(&entry.term).chain(&entry.variants) {
            builder.claimed.insert(normalize(form));
        }
    }
    let real_places: Vec<String> = {
        let places: Vec<String> = real
            .iter()
            .filter(|e| e.kind == "place")
            .map(|e| e.term.clone())
            .collect();
        if places.is_empty() {
            vec!["روسيا".to_string()]
        } else {
            places
        }
    };
    let mut generated = Vec::with_capacity(generated_count);
    for i in 0..generated_count {
        let entry = builder.entry(real.len() + i + 1, &real_places, &clauses);
        generated.push(entry);
    }
    // Some generated entries point to an earlier one.
    let ids: Vec<String> = generated.iter().map(|e| e.id.clone()).collect();
    for (i, entry) in generated.iter_mut().enumerate().skip(1) {
        if rng.chance(20) {
            entry.see_also.push(ids[rng.below(i)].clone());
        }
    }

    let mentionables: Vec<Mentionable> = real
        .iter()
        .map(|e| Mentionable {
            forms: std::iter::once(e.term.clone())
                .chain(e.variants.iter().cloned())
                .collect(),
            kind: parse_kind(&e.kind),
        })
        .chain(generated.iter().map(|e| {
            Mentionable {
                forms: std::iter::once(e.term.clone())
                    .chain(e.variants.iter().cloned())
                    .collect(),
                kind: e.kind,
            }
        }))
        .collect();
    let mut order: Vec<usize> = (0..mentionables.len()).collect();
    rng.shuffle(&mut order);

    clear_dir(&args.out.join("content"))?;
    write_file(
        &args.out.join("site.yaml"),
        &format!(
            "title: {}\ndescription: {}\nbase_url: https://example.org/\nlanguage: ar\nauthor: قسم الترجمة\npaginate_by: {PAGE_SIZE}\n",
            yaml_quote(SITE_TITLE),
            yaml_quote(SITE_DESCRIPTION)
        ),
    )?;
    let home = format!("---\ntitle: أخبار مترجمة ومشروحة\n---\n\n{HOME_INTRO}\n");
    let section = format!("---\ntitle: مقالات\nsort_by: date\n---\n\n{SECTION_INTRO}\n");
    write_file(&args.out.join("content/_index.md"), &home)?;
    write_file(&args.out.join("content/articles/_index.md"), &section)?;
    write_file(
        &args.out.join("content/glossary.yaml"),
        &write_glossary(&header, &real, &generated),
    )?;
    if let Some(hugo) = &args.hugo {
        clear_dir(&hugo.join("content"))?;
        clear_dir(&hugo.join("layouts"))?;
        clear_dir(&hugo.join("layouts-plain"))?;
        clear_dir(&hugo.join("static"))?;
        write_file(&hugo.join("hugo.toml"), &hugo_config())?;
        write_file(&hugo.join("hugo-plain.toml"), &hugo_plain_config())?;
        write_file(&hugo.join("content/_index.md"), &home)?;
        write_file(
            &hugo.join("content/articles/_index.md"),
            &format!("---\ntitle: مقالات\n---\n\n{SECTION_INTRO}\n"),
        )?;
        copy_dir(&args.hugo_layouts, &hugo.join("layouts"))?;
        copy_dir(&args.hugo_plain_layouts, &hugo.join("layouts-plain"))?;
        if args.hugo_static.is_dir() {
            copy_dir(&args.hugo_static, &hugo.join("static/theme"))?;
        }
    }

    if let Some(zola) = &args.zola {
        clear_dir(&zola.join("content"))?;
        clear_dir(&zola.join("templates"))?;
        clear_dir(&zola.join("static"))?;
        write_file(&zola.join("config.toml"), &zola_config())?;
        write_file(
            &zola.join("content/_index.md"),
            &format!(
                "+++\ntitle = {}\n+++\n\n{HOME_INTRO}\n",
                yaml_quote(SITE_TITLE)
            ),
        )?;
        write_file(
            &zola.join("content/articles/_index.md"),
            &format!(
                "+++\ntitle = \"مقالات\"\nsort_by = \"date\"\npaginate_by = {PAGE_SIZE}\n+++\n\n{SECTION_INTRO}\n"
            ),
        )?;
        copy_dir(&args.zola_templates, &zola.join("templates"))?;
        if args.hugo_static.is_dir() {
            copy_dir(&args.hugo_static, &zola.join("static/theme"))?;
        }
    }

    let mut cursor = 0;
    let mut total_words = 0;
    let mut total_notes = 0;
    let mut used_tags = BTreeSet::new();
    for i in 1..=args.articles {
        let article = make_article(
            &mut rng,
            &clauses,
            &headings,
            &mentionables,
            &order,
            &mut cursor,
        );
        if article.notes.len() < 2 {
            return Err(format!("article {i}: could not find two unique quotes"));
        }
        total_words += article.body.split_whitespace().count();
        total_notes += article.notes.len();
        used_tags.extend(article.tags.iter().copied());
        let name = format!("a{i:05}.md");
        write_file(
            &args.out.join("content/articles").join(&name),
            &hashiya_article(&article),
        )?;
        if let Some(hugo) = &args.hugo {
            write_file(
                &hugo.join("content/articles").join(&name),
                &hugo_article(&article),
            )?;
        }
        if let Some(zola) = &args.zola {
            write_file(
                &zola.join("content/articles").join(&name),
                &zola_article(&article),
            )?;
        }
    }
    eprintln!(
        "wrote {} articles ({} words on average, {} notes, {} tags) and {} glossary entries ({} from the example) to {}{}",
        args.articles,
        total_words / args.articles,
        total_notes,
        used_tags.len(),
        real.len() + generated.len(),
        real.len(),
        args.out.display(),
        [("Hugo", &args.hugo), ("Zola", &args.zola)]
            .iter()
            .filter_map(|(name, dir)| dir
                .as_ref()
                .map(|d| format!("; {name} site in {}", d.display())))
            .collect::<String>()
    );
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::from(2)
        }
    }
}
