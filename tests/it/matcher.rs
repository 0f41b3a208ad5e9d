//! The glossary matcher, case by case against its rules: normalisation, whole words, prefixes,
//! noun suffixes, multi-word terms, overlaps, and the written surface of every match.

use hashiya::arabic::matcher::{MatchEntry, Matcher};
use hashiya::arabic::{normalize, normalize_phrase};
use std::collections::HashSet;

/// A glossary entry: its id, its written forms, and whether it is a noun.
type Entry = (&'static str, &'static [&'static str], bool);

const NAME: bool = false;
const NOUN: bool = true;

struct Case {
    name: &'static str,
    text: &'static str,
    glossary: &'static [Entry],
    /// Every match, in order of the text: the entry's id and the surface as written.
    expected: &'static [(&'static str, &'static str)],
}

const RUSSIA: &[Entry] = &[("russia", &["روسيا"], NAME)];
const PUTIN: &[Entry] = &[("putin", &["فلاديمير بوتين", "بوتين"], NAME)];
const KREMLIN: &[Entry] = &[("kremlin", &["الكرملين"], NAME)];
const KOREAS: &[Entry] = &[
    ("korea", &["كوريا"], NAME),
    ("north-korea", &["كوريا الشمالية"], NAME),
];
const KIM: &[Entry] = &[
    ("kim", &["كيم جونغ أون"], NAME),
    ("jong-un", &["جونغ أون"], NAME),
];
const PYONGYANG: &[Entry] = &[("pyongyang", &["بيونغ يانغ"], NAME)];
const QOM: &[Entry] = &[("qom", &["قم"], NAME)];
const SANCTION: &[Entry] = &[("sanction", &["عقوبة"], NOUN)];
const GOVERNMENT: &[Entry] = &[("government", &["حكومة"], NOUN)];
const ARMY: &[Entry] = &[("army", &["جيش"], NOUN)];
const OBSERVER: &[Entry] = &[("observer", &["مراقب"], NOUN)];
const MEETING: &[Entry] = &[("meeting", &["اجتماع"], NOUN)];
const G7: &[Entry] = &[("g7", &["مجموعة ٧"], NAME)];
const GAZA: &[Entry] = &[("gaza", &["غزة"], NAME)];

const CASES: &[Case] = &[
    // ── Names as written; start and end of text ────────────────────────────────────────────
    Case {
        name: "name as written",
        text: "أعلنت روسيا تعليق مشاركتها في معاهدة الحد من الأسلحة.",
        glossary: RUSSIA,
        expected: &[("russia", "روسيا")],
    },
    Case {
        name: "the match is the whole text",
        text: "روسيا",
        glossary: RUSSIA,
        expected: &[("russia", "روسيا")],
    },
    Case {
        name: "match at the start of the text",
        text: "روسيا تحذر من تصعيد خطير في شبه الجزيرة الكورية",
        glossary: RUSSIA,
        expected: &[("russia", "روسيا")],
    },
    Case {
        name: "match at the end of the text",
        text: "وقعت بيونغ يانغ اتفاقية دفاع مشترك مع روسيا",
        glossary: RUSSIA,
        expected: &[("russia", "روسيا")],
    },
    // ── Every combination of proclitics ────────────────────────────────────────────────────
    Case {
        name: "prefix و",
        text: "اجتمع وزراء خارجية الصين وروسيا في بكين.",
        glossary: RUSSIA,
        expected: &[("russia", "وروسيا")],
    },
    Case {
        name: "prefix ف",
        text: "قال المتحدث إن العقوبات لن تنجح، فروسيا اعتادت عليها.",
        glossary: RUSSIA,
        expected: &[("russia", "فروسيا")],
    },
    Case {
        name: "prefix ب",
        text: "تقيم جالية كورية كبيرة بروسيا منذ عقود.",
        glossary: RUSSIA,
        expected: &[("russia", "بروسيا")],
    },
    Case {
        name: "prefix ك",
        text: "رفضت دول كروسيا والصين التصويت على القرار.",
        glossary: RUSSIA,
        expected: &[("russia", "كروسيا")],
    },
    Case {
        name: "prefix ل",
        text: "بعث الزعيم الكوري الشمالي برسالة تهنئة لروسيا بمناسبة يوم النصر.",
        glossary: RUSSIA,
        expected: &[("russia", "لروسيا")],
    },
    Case {
        name: "prefix وب",
        text: "اتصل الرئيس بالصين وبروسيا لبحث الأزمة.",
        glossary: RUSSIA,
        expected: &[("russia", "وبروسيا")],
    },
    Case {
        name: "prefix وك",
        text: "وقالت إن دولا كبرى كالصين وكروسيا عارضت المشروع.",
        glossary: RUSSIA,
        expected: &[("russia", "وكروسيا")],
    },
    Case {
        name: "prefix ول",
        text: "قدمت بيونغ يانغ الشكر للصين ولروسيا على دعمهما.",
        glossary: RUSSIA,
        expected: &[("russia", "ولروسيا")],
    },
    Case {
        name: "prefix فب",
        text: "فبروسيا وحدها يعيش أكثر من مليون لاجئ أوكراني.",
        glossary: RUSSIA,
        expected: &[("russia", "فبروسيا")],
    },
    Case {
        name: "prefix فك",
        text: "فكروسيا تماما، ترفض كوريا الشمالية العقوبات الغربية.",
        glossary: RUSSIA,
        expected: &[("russia", "فكروسيا")],
    },
    Case {
        name: "prefix فل",
        text: "فلروسيا مصالح استراتيجية في شبه الجزيرة الكورية.",
        glossary: RUSSIA,
        expected: &[("russia", "فلروسيا")],
    },
    // ── Prefixes that are not proclitics of the glossary ───────────────────────────────────
    Case {
        name: "no future prefix س",
        text: "ورد في المنشور خطأ مطبعي: سروسيا بدلا من الاسم الصحيح.",
        glossary: RUSSIA,
        expected: &[],
    },
    Case {
        name: "no interrogative prefix أ",
        text: "تساءل المعلق: أروسيا هي المستفيدة من الحرب؟",
        glossary: RUSSIA,
        expected: &[],
    },
    Case {
        name: "a preposition before a conjunction is no prefix (Borussia)",
        text: "فاز بوروسيا دورتموند على بايرن ميونخ في الدوري الألماني.",
        glossary: RUSSIA,
        expected: &[],
    },
    Case {
        name: "two prepositions are no prefix",
        text: "كتب المعلق بلروسيا وكبروسيا في منشورين متتاليين.",
        glossary: RUSSIA,
        expected: &[],
    },
    Case {
        name: "two-letter term with a prefix does not match",
        text: "عاد الوفد إلى طهران وقم بعد الزيارة، ووزعت المنظمة لقم الخبز على النازحين.",
        glossary: QOM,
        expected: &[],
    },
    Case {
        name: "two-letter term as written",
        text: "وصل الوفد الروسي إلى مدينة قم الإيرانية.",
        glossary: QOM,
        expected: &[("qom", "قم")],
    },
    Case {
        name: "two-letter noun takes neither article nor suffix",
        text: "قتل المدنيون على يد القوات، وكانت اليد العليا للجيش الذي مد يده للمفاوضين.",
        glossary: &[("hand", &["يد"], NOUN)],
        expected: &[("hand", "يد")],
    },
    // ── Whole words, in any script ─────────────────────────────────────────────────────────
    Case {
        name: "the adjective الروسية is not روسيا",
        text: "أكدت الخارجية الروسية أن العلاقات مع بيونغ يانغ ممتازة.",
        glossary: RUSSIA,
        expected: &[],
    },
    Case {
        name: "a name inside a longer word",
        text: "انتقد الكاتب النزعة البوتينية، وقال إن بوتينية النظام واضحة.",
        glossary: PUTIN,
        expected: &[],
    },
    Case {
        name: "a Latin term inside a longer Latin word",
        text: "نشرت الصحيفة مقالا بعنوان Putinism and its discontents.",
        glossary: &[("putin-latin", &["Putin"], NAME)],
        expected: &[],
    },
    Case {
        name: "a Latin term as a whole word in Arabic text",
        text: "حذر حلف شمال الأطلسي (NATO) من التصعيد.",
        glossary: &[("nato", &["NATO"], NAME)],
        expected: &[("nato", "NATO")],
    },
    Case {
        name: "a digit continues the word (hashtags)",
        text: "انتشر وسم #روسيا2024 ووسم #روسيا على المنصات.",
        glossary: RUSSIA,
        expected: &[("russia", "روسيا")],
    },
    Case {
        name: "a Cyrillic term takes no Cyrillic ending",
        text: "نقلت وكالة تاس عبارة «Путина» ثم «Путин».",
        glossary: &[("putin-cyrillic", &["Путин"], NAME)],
        expected: &[("putin-cyrillic", "Путин")],
    },
    // ── Names take no suffixes and no article ──────────────────────────────────────────────
    Case {
        name: "a name takes no number or pronoun suffix",
        text: "هاجم بوتينيون متشددون المعارضة، وقالوا إن بوتينهم لا يخطئ.",
        glossary: PUTIN,
        expected: &[],
    },
    Case {
        name: "a name takes no article",
        text: "ورد في الترجمة الآلية: زار الوفد الموسكو.",
        glossary: &[("moscow", &["موسكو"], NAME)],
        expected: &[],
    },
    // ── Terms that start with ال ───────────────────────────────────────────────────────────
    Case {
        name: "ال term as written",
        text: "وقال الكرملين إن الزيارة كانت ناجحة.",
        glossary: KREMLIN,
        expected: &[("kremlin", "الكرملين")],
    },
    Case {
        name: "ال term after و",
        text: "تبادلت بيونغ يانغ والكرملين الرسائل.",
        glossary: KREMLIN,
        expected: &[("kremlin", "والكرملين")],
    },
    Case {
        name: "ال term after ف",
        text: "فالكرملين لم يعلق على التقارير حتى الآن.",
        glossary: KREMLIN,
        expected: &[("kremlin", "فالكرملين")],
    },
    Case {
        name: "ال term after ب",
        text: "استقبل بوتين ضيفه الكوري بالكرملين.",
        glossary: KREMLIN,
        expected: &[("kremlin", "بالكرملين")],
    },
    Case {
        name: "ال term after ك",
        text: "مؤسسات نافذة كالكرملين ووزارة الدفاع تدعم التقارب.",
        glossary: KREMLIN,
        expected: &[("kremlin", "كالكرملين")],
    },
    Case {
        name: "ال term after ل becomes لل",
        text: "وجهت واشنطن انتقادات حادة للكرملين.",
        glossary: KREMLIN,
        expected: &[("kremlin", "للكرملين")],
    },
    Case {
        name: "ال term after a conjunction and a preposition",
        text: "وللكرملين رأي آخر، وبالكرملين عقد اللقاء، فللكرملين حساباته.",
        glossary: KREMLIN,
        expected: &[
            ("kremlin", "وللكرملين"),
            ("kremlin", "وبالكرملين"),
            ("kremlin", "فللكرملين"),
        ],
    },
    Case {
        name: "ل before ال does not keep the alef",
        text: "وجه رسالة لالكرملين.",
        glossary: KREMLIN,
        expected: &[],
    },
    Case {
        name: "multi-word ال term after ل",
        text: "في زيارته للشرق الأقصى الروسي التقى بوتين الزعيم الكوري.",
        glossary: &[("far-east", &["الشرق الأقصى"], NAME)],
        expected: &[("far-east", "للشرق الأقصى")],
    },
    // ── Nouns: article, number and pronoun suffixes ────────────────────────────────────────
    Case {
        name: "noun as written",
        text: "أعلن الاتحاد الأوروبي عقوبة جديدة على موسكو.",
        glossary: SANCTION,
        expected: &[("sanction", "عقوبة")],
    },
    Case {
        name: "noun takes ال",
        text: "لم تؤثر العقوبة في الاقتصاد الروسي.",
        glossary: SANCTION,
        expected: &[("sanction", "العقوبة")],
    },
    Case {
        name: "ة noun: plural ات, with and without ال",
        text: "فرضت واشنطن عقوبات جديدة، لكن العقوبات السابقة لم تنجح.",
        glossary: SANCTION,
        expected: &[("sanction", "عقوبات"), ("sanction", "العقوبات")],
    },
    Case {
        name: "ة noun: duals تين and تان",
        text: "فرض المجلس عقوبتين على شركتين، وتبقى عقوبتان قيد الدراسة.",
        glossary: SANCTION,
        expected: &[("sanction", "عقوبتين"), ("sanction", "عقوبتان")],
    },
    Case {
        name: "ة noun: prefixes, article and suffix together",
        text: "وبالعقوبات تحاول واشنطن عزل موسكو، وللعقوبات أثر محدود كالعقوبات السابقة.",
        glossary: SANCTION,
        expected: &[
            ("sanction", "وبالعقوبات"),
            ("sanction", "وللعقوبات"),
            ("sanction", "كالعقوبات"),
        ],
    },
    Case {
        name: "ة noun: pronoun suffixes ه ها هما هم هن (ة → ت)",
        text: "تكررت في البيان الكلمات: حكومته، حكومتها، حكومتهما، حكومتهم، حكومتهن.",
        glossary: GOVERNMENT,
        expected: &[
            ("government", "حكومته"),
            ("government", "حكومتها"),
            ("government", "حكومتهما"),
            ("government", "حكومتهم"),
            ("government", "حكومتهن"),
        ],
    },
    Case {
        name: "ة noun: pronoun suffixes ك كما كم كن ي نا (ة → ت)",
        text: "قال الوزير: حكومتك وحكومتكما وحكومتكم وحكومتكن ليست كحكومتي، وحكومتنا باقية.",
        glossary: GOVERNMENT,
        expected: &[
            ("government", "حكومتك"),
            ("government", "وحكومتكما"),
            ("government", "وحكومتكم"),
            ("government", "وحكومتكن"),
            ("government", "كحكومتي"),
            ("government", "وحكومتنا"),
        ],
    },
    Case {
        name: "ة noun: no suffix without the ت",
        text: "قال مصدر حكومي إن مدرسين قتلوا في القصف.",
        glossary: &[
            ("government", &["حكومة"], NOUN),
            ("school", &["مدرسة"], NOUN),
        ],
        expected: &[],
    },
    Case {
        name: "noun: number suffixes ون ان ين, and ال",
        text: "قال مراقبون إن الانتخابات نزيهة، وأكد مراقبان آخران ذلك بحضور مراقبين دوليين، وأشاد المراقبون بالتنظيم.",
        glossary: OBSERVER,
        expected: &[
            ("observer", "مراقبون"),
            ("observer", "مراقبان"),
            ("observer", "مراقبين"),
            ("observer", "المراقبون"),
        ],
    },
    Case {
        name: "noun: number suffix ات, and ال",
        text: "عقدت اللجنة اجتماعات مكثفة، وتناولت الاجتماعات ملف العقوبات.",
        glossary: MEETING,
        expected: &[("meeting", "اجتماعات"), ("meeting", "الاجتماعات")],
    },
    Case {
        name: "noun: every pronoun suffix",
        text: "تكررت في الخطاب الكلمات: جيشه، جيشها، جيشهما، جيشهم، جيشهن، جيشك، جيشكما، جيشكم، جيشكن، جيشي، جيشنا.",
        glossary: ARMY,
        expected: &[
            ("army", "جيشه"),
            ("army", "جيشها"),
            ("army", "جيشهما"),
            ("army", "جيشهم"),
            ("army", "جيشهن"),
            ("army", "جيشك"),
            ("army", "جيشكما"),
            ("army", "جيشكم"),
            ("army", "جيشكن"),
            ("army", "جيشي"),
            ("army", "جيشنا"),
        ],
    },
    Case {
        name: "noun: ل with ال, and prefixes with a pronoun suffix",
        text: "قال الجنرال: تحية للجيش الكوري الشمالي ولجيشه الباسل، فجيشنا مستعد وجيشكم ليس كجيشي.",
        glossary: ARMY,
        expected: &[
            ("army", "للجيش"),
            ("army", "ولجيشه"),
            ("army", "فجيشنا"),
            ("army", "وجيشكم"),
            ("army", "كجيشي"),
        ],
    },
    // ── Diacritics, tatweel, invisible controls ────────────────────────────────────────────
    Case {
        name: "diacritised text",
        text: "قَالَ الرَّئِيسُ الرُّوسِيُّ فْلَادِيمِيرْ بُوتِين إِنَّ الزِّيَارَةَ نَاجِحَةٌ.",
        glossary: PUTIN,
        expected: &[("putin", "فْلَادِيمِيرْ بُوتِين")],
    },
    Case {
        name: "diacritised term",
        text: "أشار بوتين في رسالته إلى أن موسكو وبيونغ يانغ تكرمان ذكرى الجنود.",
        glossary: &[("putin", &["بُوتِينُ"], NAME)],
        expected: &[("putin", "بوتين")],
    },
    Case {
        name: "a final vowel mark belongs to the surface",
        text: "وقَالَ بُوتِينُ، فِي المُؤْتَمَرِ الصحفي، إن العلاقات ممتازة.",
        glossary: PUTIN,
        expected: &[("putin", "بُوتِينُ")],
    },
    Case {
        name: "shadda and tanwin in a noun",
        text: "فُرِضَتْ عُقُوبَةٌ جَدِيدَةٌ عَلَى الشَّرِكَةِ الكُورِيَّةِ.",
        glossary: SANCTION,
        expected: &[("sanction", "عُقُوبَةٌ")],
    },
    Case {
        name: "diacritics on the prefixes",
        text: "وَبِرُوسْيَا يَلْتَقِي الزَّعِيمَانِ، ولِلْكَرْمَلِينِ رَأْيٌ.",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("kremlin", &["الكرملين"], NAME),
        ],
        expected: &[("russia", "وَبِرُوسْيَا"), ("kremlin", "ولِلْكَرْمَلِينِ")],
    },
    Case {
        name: "superscript alef",
        text: "صرح وزير الخارجية عبد الرحمٰن بأن بلاده تتابع التطورات.",
        glossary: &[("abdulrahman", &["عبد الرحمن"], NAME)],
        expected: &[("abdulrahman", "عبد الرحمٰن")],
    },
    Case {
        name: "Quranic signs U+0610–061A and U+06D6–06ED",
        text: "وصلت القافلة إلى القدس\u{06D6} ثم عادت، وذكرت المصادر القؐدس أيضا.",
        glossary: &[("quds", &["القدس"], NAME)],
        expected: &[("quds", "القدس\u{06D6}"), ("quds", "القؐدس")],
    },
    Case {
        name: "tatweel in the text",
        text: "قال الكـــرملين إن روســـيا لن تتراجع.",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("kremlin", &["الكرملين"], NAME),
        ],
        expected: &[("kremlin", "الكـــرملين"), ("russia", "روســـيا")],
    },
    Case {
        name: "tatweel in the term",
        text: "التقى بوتين الزعيم الكوري في فلاديفوستوك.",
        glossary: &[("putin", &["بوتـــين"], NAME)],
        expected: &[("putin", "بوتين")],
    },
    Case {
        name: "RLM and ZWNJ inside a word",
        text: "قال بو\u{200F}تين إن رو\u{200C}سيا مستعدة للحوار.",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("putin", &["بوتين"], NAME),
        ],
        expected: &[("putin", "بو\u{200F}تين"), ("russia", "رو\u{200C}سيا")],
    },
    Case {
        name: "ZWSP, isolates, soft hyphen, ZWJ, ALM and embeddings inside words",
        text: "ناقشت مو\u{200B}سك\u{2066}و وكور\u{00AD}يا الشمالية في الكر\u{200D}ملين الحرب في أوك\u{061C}را\u{202B}ن\u{202C}يا.",
        glossary: &[
            ("moscow", &["موسكو"], NAME),
            ("north-korea", &["كوريا الشمالية"], NAME),
            ("kremlin", &["الكرملين"], NAME),
            ("ukraine", &["أوكرانيا"], NAME),
        ],
        expected: &[
            ("moscow", "مو\u{200B}سك\u{2066}و"),
            ("north-korea", "وكور\u{00AD}يا الشمالية"),
            ("kremlin", "الكر\u{200D}ملين"),
            ("ukraine", "أوك\u{061C}را\u{202B}ن\u{202C}يا"),
        ],
    },
    Case {
        name: "a BOM before the first word is not part of it",
        text: "\u{FEFF}روسيا وكوريا الشمالية توقعان اتفاقية دفاع مشترك.",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("korea", &["كوريا"], NAME),
            ("north-korea", &["كوريا الشمالية"], NAME),
        ],
        expected: &[("russia", "روسيا"), ("north-korea", "وكوريا الشمالية")],
    },
    // ── Multi-word terms and whitespace ────────────────────────────────────────────────────
    Case {
        name: "NBSP inside a multi-word term",
        text: "قدم الزعيم الكوري الشمالي كيم\u{00A0}جونغ\u{00A0}أون سيفا للرئيس الروسي.",
        glossary: KIM,
        expected: &[("kim", "كيم\u{00A0}جونغ\u{00A0}أون")],
    },
    Case {
        name: "a line break inside a multi-word term",
        text: "وقع الجانبان اتفاقية بين روسيا وكوريا\nالشمالية في بيونغ يانغ.",
        glossary: KOREAS,
        expected: &[("north-korea", "وكوريا\nالشمالية")],
    },
    Case {
        name: "several spaces, CRLF and a tab inside multi-word terms",
        text: "أكد السفير الروسي في بيونغ   يانغ أن التعاون سيتوسع في الشرق\r\n\tالأقصى.",
        glossary: &[
            ("pyongyang", &["بيونغ يانغ"], NAME),
            ("far-east", &["الشرق الأقصى"], NAME),
        ],
        expected: &[
            ("pyongyang", "بيونغ   يانغ"),
            ("far-east", "الشرق\r\n\tالأقصى"),
        ],
    },
    Case {
        name: "NBSP inside the term",
        text: "أعربت بيونغ يانغ عن رغبتها في تطوير العلاقات.",
        glossary: &[("pyongyang", &["بيونغ\u{00A0}يانغ"], NAME)],
        expected: &[("pyongyang", "بيونغ يانغ")],
    },
    Case {
        name: "prefixes on the first word of a multi-word term",
        text: "أعلنت موسكو وبيونغ يانغ موقفا مشتركا، ولبيونغ يانغ حق الرد.",
        glossary: PYONGYANG,
        expected: &[("pyongyang", "وبيونغ يانغ"), ("pyongyang", "ولبيونغ يانغ")],
    },
    Case {
        name: "no prefix on a later word of a multi-word term",
        text: "تحدث التقرير عن كوريا والشمالية منها بالخصوص، وعن بيونغ ويانغ.",
        glossary: &[
            ("north-korea", &["كوريا الشمالية"], NAME),
            ("pyongyang", &["بيونغ يانغ"], NAME),
        ],
        expected: &[],
    },
    // ── Digits ─────────────────────────────────────────────────────────────────────────────
    Case {
        name: "Arabic-Indic digit in the term, ASCII digit in the text",
        text: "انتقدت موسكو بيان قمة مجموعة 7 الأخير.",
        glossary: G7,
        expected: &[("g7", "مجموعة 7")],
    },
    Case {
        name: "Persian digit in the text, ASCII digit in the term",
        text: "انتقدت موسكو بيان قمة مجموعة ۷ الأخير.",
        glossary: &[("g7", &["مجموعة 7"], NAME)],
        expected: &[("g7", "مجموعة ۷")],
    },
    Case {
        name: "digits are part of the word",
        text: "اجتمعت مجموعة 77 والصين في نيويورك، ومجموعة ٧٠ في جنيف.",
        glossary: G7,
        expected: &[],
    },
    // ── Letter variants ────────────────────────────────────────────────────────────────────
    Case {
        name: "alef variants, alef maqsura and ta marbuta fold",
        text: "تحول ثقل روسيا نحو اسيا بعد حرب اوكرانيا، وصرح ٱلكرملين بأن موسي وصل إلى غزه.",
        glossary: &[
            ("asia", &["آسيا"], NAME),
            ("ukraine", &["أوكرانيا"], NAME),
            ("kremlin", &["الكرملين"], NAME),
            ("musa", &["موسى"], NAME),
            ("gaza", &["غزة"], NAME),
        ],
        expected: &[
            ("asia", "اسيا"),
            ("ukraine", "اوكرانيا"),
            ("kremlin", "ٱلكرملين"),
            ("musa", "موسي"),
            ("gaza", "غزه"),
        ],
    },
    Case {
        name: "hamza below on the alef of the text",
        text: "قالت إوكرانيا إن الهجوم فشل.",
        glossary: &[("ukraine", &["أوكرانيا"], NAME)],
        expected: &[("ukraine", "إوكرانيا")],
    },
    Case {
        name: "Persian yeh in the text",
        text: "قال المسؤول إن ایران وروسيا تعززان التعاون العسكري.",
        glossary: &[("iran", &["إيران"], NAME)],
        expected: &[("iran", "ایران")],
    },
    Case {
        name: "Persian yeh in the term",
        text: "أعلنت إيران دعمها للموقف الروسي.",
        glossary: &[("iran", &["ایران"], NAME)],
        expected: &[("iran", "إيران")],
    },
    Case {
        name: "Persian keheh and yeh",
        text: "نشرت الصحيفة الفارسية صورة کیم مع بوتين.",
        glossary: &[("kim", &["كيم"], NAME)],
        expected: &[("kim", "کیم")],
    },
    Case {
        name: "Urdu heh goal and yeh barree",
        text: "نقلت صحيفة باكستانية خبرا عن غزہ وعن موسے.",
        glossary: &[("gaza", &["غزة"], NAME), ("musa", &["موسى"], NAME)],
        expected: &[("gaza", "غزہ"), ("musa", "موسے")],
    },
    Case {
        name: "Kurdish ae and heh with yeh above",
        text: "نشرت وكالة كردية خبرا عن غزە، ونقلته صحيفة فارسية عن غزۀ.",
        glossary: GAZA,
        expected: &[("gaza", "غزە"), ("gaza", "غزۀ")],
    },
    // ── NFKC ───────────────────────────────────────────────────────────────────────────────
    Case {
        name: "Arabic presentation forms",
        text: "تقرير عن ﺭﻭﺳﻴﺎ في نسخة قديمة من الصحيفة.",
        glossary: RUSSIA,
        expected: &[("russia", "ﺭﻭﺳﻴﺎ")],
    },
    Case {
        name: "lam-alef ligature",
        text: "التقى ﻻفروف نظيره الكوري في بيونغ يانغ.",
        glossary: &[("lavrov", &["لافروف"], NAME)],
        expected: &[("lavrov", "ﻻفروف")],
    },
    Case {
        name: "fullwidth Latin",
        text: "رفضت موسكو بيان ＮＡＴＯ الأخير.",
        glossary: &[("nato", &["NATO"], NAME)],
        expected: &[("nato", "ＮＡＴＯ")],
    },
    Case {
        name: "decomposed yeh with hamza in the text composes",
        text: "وصل وزير الخارجية الروسي إلى الجزا\u{064A}\u{0654}ر.",
        glossary: &[("algeria", &["الجزائر"], NAME)],
        expected: &[("algeria", "الجزا\u{064A}\u{0654}ر")],
    },
    Case {
        name: "decomposed yeh with hamza in the term composes",
        text: "زار لافروف الجزائر الأسبوع الماضي.",
        glossary: &[("algeria", &["الجزا\u{064A}\u{0654}ر"], NAME)],
        expected: &[("algeria", "الجزائر")],
    },
    // ── Overlaps ───────────────────────────────────────────────────────────────────────────
    Case {
        name: "a longer term beats a shorter one inside it",
        text: "وقعت روسيا وكوريا الشمالية اتفاقية دفاع مشترك.",
        glossary: KOREAS,
        expected: &[("north-korea", "وكوريا الشمالية")],
    },
    Case {
        name: "the longer term wins whatever the glossary order",
        text: "تطور التعاون بين موسكو وكوريا الشمالية.",
        glossary: &[
            ("north-korea", &["كوريا الشمالية"], NAME),
            ("korea", &["كوريا"], NAME),
        ],
        expected: &[("north-korea", "وكوريا الشمالية")],
    },
    Case {
        name: "the shorter term where the longer does not continue",
        text: "أجرت كوريا الجنوبية مناورات، وانتقد الكوريون الشماليون ذلك، وقالت كوريا الشماليين إنهم مستعدون.",
        glossary: KOREAS,
        expected: &[("korea", "كوريا"), ("korea", "كوريا")],
    },
    Case {
        name: "a full name beats its tail",
        text: "قدم كيم جونغ أون سيفا لبوتين، وقال جونغ أون آنذاك إن السيف هدية.",
        glossary: KIM,
        expected: &[("kim", "كيم جونغ أون"), ("jong-un", "جونغ أون")],
    },
    Case {
        name: "Far East is not Al-Aqsa",
        text: "التقى الزعيمان في الشرق الأقصى الروسي، بعيدا عن المسجد الأقصى.",
        glossary: &[
            ("aqsa", &["الأقصى"], NAME),
            ("far-east", &["الشرق الأقصى"], NAME),
        ],
        expected: &[("far-east", "الشرق الأقصى"), ("aqsa", "الأقصى")],
    },
    Case {
        name: "leftmost wins over a longer overlap starting later",
        text: "عقد اللقاء في الشرق الأقصى الروسي.",
        glossary: &[
            ("aqsa-russian", &["الأقصى الروسي"], NAME),
            ("far-east", &["الشرق الأقصى"], NAME),
        ],
        expected: &[("far-east", "الشرق الأقصى")],
    },
    Case {
        name: "equal span: fewer prefix letters win",
        text: "زار الوفد الروسي لبنان أمس.",
        glossary: &[("lebanon", &["لبنان"], NAME), ("banan", &["بنان"], NAME)],
        expected: &[("lebanon", "لبنان")],
    },
    Case {
        name: "equal span: fewer prefix letters win before glossary order",
        text: "زار الوفد الروسي لبنان أمس.",
        glossary: &[("banan", &["بنان"], NAME), ("lebanon", &["لبنان"], NAME)],
        expected: &[("lebanon", "لبنان")],
    },
    Case {
        name: "equal span with a prefix on both readings",
        text: "زار الوفد سوريا ولبنان.",
        glossary: &[("banan", &["بنان"], NAME), ("lebanon", &["لبنان"], NAME)],
        expected: &[("lebanon", "ولبنان")],
    },
    Case {
        name: "equal span and prefixes: the first entry wins",
        text: "قال بوتين إن بلاده مستعدة.",
        glossary: &[
            ("putin", &["فلاديمير بوتين", "بوتين"], NAME),
            ("putin-surname", &["بوتين"], NAME),
        ],
        expected: &[("putin", "بوتين")],
    },
    Case {
        name: "equal span and prefixes: the first entry wins, reversed",
        text: "قال بوتين إن بلاده مستعدة.",
        glossary: &[
            ("putin-surname", &["بوتين"], NAME),
            ("putin", &["فلاديمير بوتين", "بوتين"], NAME),
        ],
        expected: &[("putin-surname", "بوتين")],
    },
    // ── Several matches, punctuation ───────────────────────────────────────────────────────
    Case {
        name: "several matches in one sentence",
        text: "قدم الزعيم الكوري الشمالي كيم جونغ أون للرئيس الروسي فلاديمير بوتين سيفا في نهاية أول لقاء لهما بمدينة فلاديفوستوك في الشرق الأقصى الروسي، في 25 أبريل/نيسان 2019.",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("kim", &["كيم جونغ أون"], NAME),
            ("jong-un", &["جونغ أون"], NAME),
            ("putin", &["فلاديمير بوتين", "بوتين"], NAME),
            ("vladivostok", &["فلاديفوستوك"], NAME),
            ("aqsa", &["الأقصى"], NAME),
            ("far-east", &["الشرق الأقصى"], NAME),
        ],
        expected: &[
            ("kim", "كيم جونغ أون"),
            ("putin", "فلاديمير بوتين"),
            ("vladivostok", "فلاديفوستوك"),
            ("far-east", "الشرق الأقصى"),
        ],
    },
    Case {
        name: "several matches with prefixes in one sentence",
        text: "ويشرح موقع «إنسايد أوفر» بأن اندلاع الحرب في أوكرانيا في فبراير/شباط 2022، أجبر روسيا على تحويل مركز ثقلها نحو آسيا، بالإضافة إلى علاقاتها مع الصين وبالعقوبات الغربية.",
        glossary: &[
            ("ukraine", &["أوكرانيا"], NAME),
            ("russia", &["روسيا"], NAME),
            ("asia", &["آسيا"], NAME),
            ("china", &["الصين"], NAME),
            ("sanction", &["عقوبة"], NOUN),
        ],
        expected: &[
            ("ukraine", "أوكرانيا"),
            ("russia", "روسيا"),
            ("asia", "آسيا"),
            ("china", "الصين"),
            ("sanction", "وبالعقوبات"),
        ],
    },
    Case {
        name: "guillemets, parentheses, quotes, comma, question mark and full stop",
        text: "قال «بوتين»: إن (الكرملين) يرحب، فهل تتراجع روسيا؟ لا. \"كوريا الشمالية\" حليف.",
        glossary: &[
            ("putin", &["بوتين"], NAME),
            ("kremlin", &["الكرملين"], NAME),
            ("russia", &["روسيا"], NAME),
            ("korea", &["كوريا"], NAME),
            ("north-korea", &["كوريا الشمالية"], NAME),
        ],
        expected: &[
            ("putin", "بوتين"),
            ("kremlin", "الكرملين"),
            ("russia", "روسيا"),
            ("north-korea", "كوريا الشمالية"),
        ],
    },
    Case {
        name: "punctuation glued to the words",
        text: "روسيا،أوكرانيا.بوتين؟",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("ukraine", &["أوكرانيا"], NAME),
            ("putin", &["بوتين"], NAME),
        ],
        expected: &[("russia", "روسيا"), ("ukraine", "أوكرانيا"), ("putin", "بوتين")],
    },
    Case {
        name: "hyphen and slash between matches",
        text: "العلاقات روسيا-كوريا الشمالية تتعزز، والحرب روسيا/أوكرانيا مستمرة.",
        glossary: &[
            ("russia", &["روسيا"], NAME),
            ("ukraine", &["أوكرانيا"], NAME),
            ("korea", &["كوريا"], NAME),
            ("north-korea", &["كوريا الشمالية"], NAME),
        ],
        expected: &[
            ("russia", "روسيا"),
            ("north-korea", "كوريا الشمالية"),
            ("russia", "روسيا"),
            ("ukraine", "أوكرانيا"),
        ],
    },
    Case {
        name: "a quoted match at the end of the text",
        text: "وختم السفير: \"شركاؤنا في بيونغ يانغ\"",
        glossary: PYONGYANG,
        expected: &[("pyongyang", "بيونغ يانغ")],
    },
];

fn match_entries(glossary: &[Entry]) -> Vec<MatchEntry> {
    glossary
        .iter()
        .map(|(_, forms, is_noun)| MatchEntry {
            forms: forms.iter().map(|f| f.to_string()).collect(),
            is_noun: *is_noun,
            except: Vec::new(),
        })
        .collect()
}

/// Every match of `entries` in `text`, as (id, written surface).
fn find(text: &str, entries: &[MatchEntry], ids: &[String]) -> Vec<(String, String)> {
    let matcher = Matcher::new(entries);
    let normalized = normalize(text);
    matcher
        .find(&normalized.text)
        .matches
        .into_iter()
        .map(|m| {
            let surface = &text[normalized.original_range(m.start, m.end)];
            (ids[m.entry].clone(), surface.to_string())
        })
        .collect()
}

#[test]
fn glossary_matcher_follows_its_rules() {
    assert!(CASES.len() >= 45, "only {} cases", CASES.len());
    let mut names = HashSet::new();
    let mut failures = Vec::new();
    for case in CASES {
        assert!(
            names.insert(case.name),
            "duplicate case name: {}",
            case.name
        );
        let ids: Vec<String> = case
            .glossary
            .iter()
            .map(|(id, _, _)| id.to_string())
            .collect();
        let got = find(case.text, &match_entries(case.glossary), &ids);
        let expected: Vec<(String, String)> = case
            .expected
            .iter()
            .map(|(id, surface)| (id.to_string(), surface.to_string()))
            .collect();
        if got != expected {
            failures.push(format!(
                "case: {}\n  text:     {:?}\n  expected: {:?}\n  got:      {:?}",
                case.name, case.text, expected, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n\n")
    );
}

/// A small deterministic generator (xorshift), so the synthetic glossary is the same every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn word(&mut self, letters: usize) -> String {
        const ALPHABET: [char; 24] = [
            'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
            'غ', 'ف', 'ق', 'م', 'ن', 'ه', 'ي',
        ];
        (0..letters)
            .map(|_| ALPHABET[(self.next() % ALPHABET.len() as u64) as usize])
            .collect()
    }
}

/// `count` synthetic Arabic-letter terms, names and nouns, one and two words, none of which
/// occurs anywhere in `normalized_text` (so neither can any prefixed or suffixed form of it).
fn synthetic_entries(count: usize, normalized_text: &str) -> Vec<(String, MatchEntry)> {
    let mut rng = Xorshift(0x2545_F491_4F6C_DD1D);
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(count);
    while entries.len() < count {
        let n = entries.len();
        let term = if n % 3 == 0 {
            format!("{} {}", rng.word(4), rng.word(5))
        } else {
            rng.word(4 + n % 3)
        };
        let folded = normalize_phrase(&term);
        if normalized_text.contains(&folded) || !seen.insert(folded) {
            continue;
        }
        entries.push((
            format!("synthetic-{n}"),
            MatchEntry {
                forms: vec![term],
                is_noun: n % 4 == 0,
                except: Vec::new(),
            },
        ));
    }
    entries
}

#[test]
fn ten_thousand_entries_absent_from_the_text_change_nothing_that_is_found() {
    // Ten thousand extra entries that do not occur in the text change nothing of what is
    // found, wherever they stand in the glossary. (What they cost is measured by
    // `cargo bench --bench matcher`, not here.)
    let text = "قدم الزعيم الكوري الشمالي كيم جونغ أون للرئيس الروسي فلاديمير بوتين سيفا في نهاية أول لقاء لهما. وأشار بوتين في رسالته إلى أن موسكو وبيونغ يانغ \"تكرمان ذكرى جنود الجيش الأحمر\" في الشرق الأقصى، في وقت فرضت فيه العقوبات الغربية عزلة على روسيا وكوريا الشمالية.";
    let glossary: &[Entry] = &[
        ("russia", &["روسيا"], NAME),
        ("korea", &["كوريا"], NAME),
        ("north-korea", &["كوريا الشمالية"], NAME),
        ("putin", &["فلاديمير بوتين", "بوتين"], NAME),
        ("kim", &["كيم جونغ أون"], NAME),
        ("pyongyang", &["بيونغ يانغ"], NAME),
        ("moscow", &["موسكو"], NAME),
        ("far-east", &["الشرق الأقصى"], NAME),
        ("sanction", &["عقوبة"], NOUN),
        ("army", &["جيش"], NOUN),
    ];
    let small_ids: Vec<String> = glossary.iter().map(|(id, _, _)| id.to_string()).collect();
    let small_entries = match_entries(glossary);
    let small = find(text, &small_entries, &small_ids);

    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    assert_eq!(
        small,
        owned(&[
            ("kim", "كيم جونغ أون"),
            ("putin", "فلاديمير بوتين"),
            ("putin", "بوتين"),
            ("moscow", "موسكو"),
            ("pyongyang", "وبيونغ يانغ"),
            ("army", "الجيش"),
            ("far-east", "الشرق الأقصى"),
            ("sanction", "العقوبات"),
            ("russia", "روسيا"),
            ("north-korea", "وكوريا الشمالية"),
        ])
    );

    let extra = synthetic_entries(10_000, &normalize(text).text);
    assert_eq!(extra.len(), 10_000);

    // The extra entries after the real ones, then before them.
    for extra_first in [false, true] {
        let mut ids = Vec::new();
        let mut entries = Vec::new();
        let real = small_ids.iter().cloned().zip(small_entries.iter().cloned());
        let synthetic = extra.iter().cloned();
        if extra_first {
            for (id, entry) in synthetic.chain(real) {
                ids.push(id);
                entries.push(entry);
            }
        } else {
            for (id, entry) in real.chain(synthetic) {
                ids.push(id);
                entries.push(entry);
            }
        }
        assert_eq!(entries.len(), 10_010);
        let large = find(text, &entries, &ids);
        assert_eq!(large, small, "extra entries first: {extra_first}");
    }
}
