//! The forms a desk writes, one table per category (prefixes, elision, suffixes, combined,
//! directional marks, exceptions): each row a text and the same text as it is to be marked,
//! every mention written `⟦id|surface⟧`, so that a failing row names itself and shows where
//! its marks went.

use hashiya::arabic::matcher::{MatchEntry, Matcher};
use hashiya::arabic::normalize;

/// A glossary entry: id, written forms, whether it is a noun, and its exceptions.
type Entry = (
    &'static str,
    &'static [&'static str],
    bool,
    &'static [&'static str],
);

const NAME: bool = false;
const NOUN: bool = true;

/// (row name, text, the text marked).
type Row = (&'static str, &'static str, &'static str);

const RUSSIA: Entry = ("russia", &["روسيا"], NAME, &[]);
const KREMLIN: Entry = ("kremlin", &["الكرملين"], NAME, &[]);
const UN: Entry = ("un", &["الأمم المتحدة"], NAME, &[]);
const LATAKIA: Entry = ("latakia", &["اللاذقية"], NAME, &[]);
const COMMITTEE: Entry = ("committee", &["اللجنة الدولية للصليب الأحمر"], NAME, &[]);
const OFFICIAL: Entry = ("official", &["مسؤول"], NOUN, &[]);
const OBSERVER: Entry = ("observer", &["مراقب"], NOUN, &[]);
const SANCTION: Entry = ("sanction", &["عقوبة"], NOUN, &[]);
const MISSILE: Entry = ("missile", &["صاروخ", "صواريخ"], NOUN, &[]);
const KILLING: Entry = ("killing", &["قتل"], NOUN, &[]);
const PUTIN: Entry = ("putin", &["فلاديمير بوتين", "بوتين"], NAME, &[]);
const KIM: Entry = (
    "kim-jong-un",
    &["كيم جونغ أون", "كيم"],
    NAME,
    &["كيم إيل سونغ", "كيم يو جونغ"],
);
const KIM_IL_SUNG: Entry = ("kim-il-sung", &["كيم إيل سونغ"], NAME, &[]);

/// `text` with every match of `glossary` written `⟦id|surface⟧`.
fn marked(text: &str, glossary: &[Entry]) -> String {
    let entries: Vec<MatchEntry> = glossary
        .iter()
        .map(|(_, forms, is_noun, except)| MatchEntry {
            forms: forms.iter().map(|f| f.to_string()).collect(),
            is_noun: *is_noun,
            except: except.iter().map(|p| p.to_string()).collect(),
        })
        .collect();
    let n = normalize(text);
    let mut out = String::new();
    let mut at = 0;
    for m in Matcher::new(&entries).find(&n.text).matches {
        let range = n.original_range(m.start, m.end);
        out.push_str(&text[at..range.start]);
        out.push_str(&format!(
            "⟦{}|{}⟧",
            glossary[m.entry].0,
            &text[range.clone()]
        ));
        at = range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Checks every row against `glossary`; a failure lists each failing row by name.
fn check(category: &str, glossary: &[Entry], rows: &[Row]) {
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|&(name, text, expected)| {
            let got = marked(text, glossary);
            (got != expected).then(|| {
                format!("{category}: {name}\n  expected: {expected:?}\n  got:      {got:?}")
            })
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

#[test]
fn prefixes() {
    check(
        "prefixes",
        &[RUSSIA, KREMLIN, UN],
        &[
            (
                "و then ب on a name",
                "وعد الوفد بزيارة وبروسيا يلتقي الزعيمان.",
                "وعد الوفد بزيارة ⟦russia|وبروسيا⟧ يلتقي الزعيمان.",
            ),
            (
                "ف then ك on an ال name",
                "فكالكرملين تعمل وزارة الدفاع.",
                "⟦kremlin|فكالكرملين⟧ تعمل وزارة الدفاع.",
            ),
            (
                "ب on a multi-word ال name",
                "رحب الأمين العام بالأمم المتحدة وقراراتها.",
                "رحب الأمين العام ⟦un|بالأمم المتحدة⟧ وقراراتها.",
            ),
            (
                "no prefix on the second word",
                "قالت الأمم والمتحدة في البيان.",
                "قالت الأمم والمتحدة في البيان.",
            ),
        ],
    );
}

#[test]
fn elision() {
    check(
        "elision",
        &[KREMLIN, UN, LATAKIA, COMMITTEE],
        &[
            (
                "لل before a one-word ال name",
                "وجهت واشنطن انتقادا للكرملين.",
                "وجهت واشنطن انتقادا ⟦kremlin|للكرملين⟧.",
            ),
            (
                "لل before a multi-word ال name",
                "قدمت روسيا مذكرة للأمم المتحدة أمس.",
                "قدمت روسيا مذكرة ⟦un|للأمم المتحدة⟧ أمس.",
            ),
            (
                "ولل before a multi-word ال name, with diacritics",
                "وَلِلْأُمَمِ المُتَّحِدَةِ رأي آخر.",
                "⟦un|وَلِلْأُمَمِ المُتَّحِدَةِ⟧ رأي آخر.",
            ),
            (
                "ال before ل loses its lam too: لل, not للل",
                "وصلت سفينة روسية للاذقية فجرا.",
                "وصلت سفينة روسية ⟦latakia|للاذقية⟧ فجرا.",
            ),
            (
                "the same in a multi-word name",
                "سلمت موسكو الأسرى للجنة الدولية للصليب الأحمر.",
                "سلمت موسكو الأسرى ⟦committee|للجنة الدولية للصليب الأحمر⟧.",
            ),
            (
                "the alef kept after ل is no elision",
                "أرسل رسالة لالأمم المتحدة ولالكرملين.",
                "أرسل رسالة لالأمم المتحدة ولالكرملين.",
            ),
            (
                "three lams are no word",
                "كتب خطأ: لللاذقية.",
                "كتب خطأ: لللاذقية.",
            ),
        ],
    );
}

#[test]
fn suffixes() {
    check(
        "suffixes",
        &[OFFICIAL, SANCTION, KILLING],
        &[
            (
                "plural in ين before a pronoun drops its ن",
                "التقى الوزير مسؤوليها في موسكو.",
                "التقى الوزير ⟦official|مسؤوليها⟧ في موسكو.",
            ),
            (
                "plural in ون before a pronoun drops its ن",
                "قال مسؤولوهم إن المحادثات مستمرة.",
                "قال ⟦official|مسؤولوهم⟧ إن المحادثات مستمرة.",
            ),
            (
                "dual in ان before a pronoun drops its ن",
                "وصل مسؤولاه إلى بيونغ يانغ.",
                "وصل ⟦official|مسؤولاه⟧ إلى بيونغ يانغ.",
            ),
            (
                "plural in ات keeps it before a pronoun",
                "لم تؤثر عقوباتهم في الاقتصاد.",
                "لم تؤثر ⟦sanction|عقوباتهم⟧ في الاقتصاد.",
            ),
            (
                "ة dual before a pronoun",
                "فرض المجلس عقوبتيه الأخيرتين.",
                "فرض المجلس ⟦sanction|عقوبتيه⟧ الأخيرتين.",
            ),
            (
                "a three-letter stem with و or ا and a pronoun is a verb",
                "قال الشهود إن الجنود قتلوهم، وإن الضابطين قتلاه.",
                "قال الشهود إن الجنود قتلوهم، وإن الضابطين قتلاه.",
            ),
            (
                "the article and a pronoun never together",
                "ورد في المسودة: المسؤوليها.",
                "ورد في المسودة: المسؤوليها.",
            ),
        ],
    );
}

#[test]
fn combined() {
    check(
        "combined",
        &[OFFICIAL, OBSERVER, SANCTION, MISSILE],
        &[
            (
                "ف then ل, plural in construct, pronoun",
                "فلمسؤوليها حق الرد على الاتهامات.",
                "⟦official|فلمسؤوليها⟧ حق الرد على الاتهامات.",
            ),
            (
                "و then ب, broken plural written as a variant, pronoun",
                "هددت بيونغ يانغ جيرانها وبصواريخهم البعيدة.",
                "هددت بيونغ يانغ جيرانها ⟦missile|وبصواريخهم⟧ البعيدة.",
            ),
            (
                "و then ك, plural in ات, pronoun",
                "وكعقوباتهم السابقة لن تنجح هذه.",
                "⟦sanction|وكعقوباتهم⟧ السابقة لن تنجح هذه.",
            ),
            (
                "و then ل, plural in ون in construct, pronoun",
                "شكر الرئيس المنظمة ولمراقبيها الدوليين.",
                "شكر الرئيس المنظمة ⟦observer|ولمراقبيها⟧ الدوليين.",
            ),
            (
                "ب, ة dual in construct, pronoun, diacritics",
                "بِعُقُوبَتَيْهِمَا الجديدتين.",
                "⟦sanction|بِعُقُوبَتَيْهِمَا⟧ الجديدتين.",
            ),
        ],
    );
}

#[test]
fn directional_marks() {
    check(
        "directional marks",
        &[RUSSIA, PUTIN, UN],
        &[
            (
                "RLM after a name stays outside its mark",
                "قال بوتين\u{200F} إن بلاده مستعدة.",
                "قال ⟦putin|بوتين⟧\u{200F} إن بلاده مستعدة.",
            ),
            (
                "LRM before and after a name stays outside",
                "زار \u{200E}روسيا\u{200E} الوفد.",
                "زار \u{200E}⟦russia|روسيا⟧\u{200E} الوفد.",
            ),
            (
                "ALM at the end of the text stays outside",
                "وصل الوفد إلى روسيا\u{061C}",
                "وصل الوفد إلى ⟦russia|روسيا⟧\u{061C}",
            ),
            (
                "a final vowel mark is inside, the RLM after it outside",
                "قال بُوتِينُ\u{200F}، ثم غادر.",
                "قال ⟦putin|بُوتِينُ⟧\u{200F}، ثم غادر.",
            ),
            (
                "a mark between the words of a name is inside",
                "أعلنت الأمم\u{200F} المتحدة\u{200F} القرار.",
                "أعلنت ⟦un|الأمم\u{200F} المتحدة⟧\u{200F} القرار.",
            ),
            (
                "a mark after a prefix is inside",
                "وَ\u{200F}روسيا\u{200E}، والصين.",
                "⟦russia|وَ\u{200F}روسيا⟧\u{200E}، والصين.",
            ),
        ],
    );
}

#[test]
fn exceptions() {
    check(
        "exceptions",
        &[KIM, PUTIN],
        &[
            (
                "the short form alone is a mention",
                "التقى كيم بوتين في فلاديفوستوك.",
                "التقى ⟦kim-jong-un|كيم⟧ ⟦putin|بوتين⟧ في فلاديفوستوك.",
            ),
            (
                "inside an exception it is not",
                "أسس كيم إيل سونغ الدولة، وتدير كيم يو جونغ الإعلام.",
                "أسس كيم إيل سونغ الدولة، وتدير كيم يو جونغ الإعلام.",
            ),
            (
                "an exception is found through prefixes, diacritics and letter variants",
                "ولكيمِ ايل سونغ تمثال، وبكيم يُو جونغ ثقة.",
                "ولكيمِ ايل سونغ تمثال، وبكيم يُو جونغ ثقة.",
            ),
            (
                "the full name is still a mention",
                "خلف كيم جونغ أون والده.",
                "خلف ⟦kim-jong-un|كيم جونغ أون⟧ والده.",
            ),
            (
                "an exception removes its entry's mentions only",
                "قال بوتين إن كيم إيل سونغ وكيم صديقان.",
                "قال ⟦putin|بوتين⟧ إن كيم إيل سونغ ⟦kim-jong-un|وكيم⟧ صديقان.",
            ),
            (
                "a longer word is no occurrence of the exception",
                "نشرت كيم إيل سونغية مقالا عن كيم.",
                "نشرت ⟦kim-jong-un|كيم⟧ إيل سونغية مقالا عن ⟦kim-jong-un|كيم⟧.",
            ),
        ],
    );
    check(
        "exceptions beside another entry",
        &[KIM, KIM_IL_SUNG],
        &[(
            "the words an exception frees are another entry's",
            "أسس كيم إيل سونغ الدولة وخلفه حفيده كيم.",
            "أسس ⟦kim-il-sung|كيم إيل سونغ⟧ الدولة وخلفه حفيده ⟦kim-jong-un|كيم⟧.",
        )],
    );
}
