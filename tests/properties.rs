//! Property tests: for arbitrary text (every quote mark, dash, NBSP, line
//! ending, emoji, combining mark…) and for generated article-like text, the
//! analysis never panics, every span is in bounds and on char boundaries,
//! sentences lie inside paragraphs without overlapping, every id resolves,
//! and the output is deterministic. `Utf16Map` agrees with `encode_utf16`.

mod common;

use common::{check, SPECIAL};
use proptest::prelude::*;
use quotelens::text::Utf16Map;
use quotelens::Analyzer;
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "denied",
    "according to",
    "Smith",
    "Mr.",
    "Sen.",
    "U.S.",
    "the",
    "he",
    "she",
    "they",
    "that",
    "not",
    "reportedly",
    "Feb. 9",
    "No. 10",
    "J.",
    "don't",
    "'90s",
    "Joneses'",
    "Post",
    "Kislyak",
    "ambassador",
    "a",
    "statement",
    "2017",
    "$1,200.50",
    ":",
    "PENCE:",
    "—",
    "--",
    "...",
    "twice",
    "never",
];

/// A piece of arbitrary text: a special character, any char, or a word.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(SPECIAL).prop_map(String::from),
        2 => any::<char>().prop_map(String::from),
        3 => proptest::sample::select(WORDS).prop_map(String::from),
        1 => Just(" ".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("\r\n".to_string()),
    ]
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

const NAMES: &[&str] = &[
    "Jeff Sessions",
    "Sergey Kislyak",
    "Sen. Al Franken",
    "Dana Ruiz",
    "Mr. Smith",
    "the attorney general",
    "a spokeswoman",
    "The Washington Post",
    "Democrats",
    "he",
    "she",
    "officials",
];
const CUES: &[&str] = &[
    "said",
    "told reporters",
    "denied",
    "insisted",
    "claimed",
    "reported",
    "believes",
    "said in a statement",
    "wrote",
    "added",
];
const CONTENT: &[&str] = &[
    "I did not have communications with the Russians",
    "we met twice last year",
    "the plan will cost $4 million",
    "nothing happened",
    "this is a \"bombshell\" report",
    "it's the ’90s all over again",
    "they don't know",
];
const QUOTES: &[(&str, &str)] = &[
    ("“", "”"),
    ("\"", "\""),
    ("‘", "’"),
    ("'", "'"),
    ("« ", " »"),
    ("„", "“"),
    ("「", "」"),
];

/// One article-like sentence from indices into the tables above.
fn sentence(shape: u8, n: usize, c: usize, t: usize, q: usize) -> String {
    let name = NAMES[n % NAMES.len()];
    let cue = CUES[c % CUES.len()];
    let text = CONTENT[t % CONTENT.len()];
    let (o, e) = QUOTES[q % QUOTES.len()];
    match shape % 9 {
        0 => format!("{o}{text},{e} {name} {cue}."),
        1 => format!("{name} {cue} that {text}."),
        2 => format!("According to {name}, {text}."),
        3 => format!("{o}{text},{e} {cue} {name}. {o}And more.{e}"),
        4 => format!("{name}: {o}{text}.{e}"),
        5 => format!("{o}{text},{e} {name} {cue}, {o}{text}.{e}"),
        6 => format!("{name}, a Russian ambassador, {cue} {text}."),
        7 => format!("{o}{text}."),
        _ => format!("{text}, {name} reportedly {cue}."),
    }
}

fn article() -> impl Strategy<Value = String> {
    let sent = (any::<u8>(), 0..64usize, 0..64usize, 0..64usize, 0..64usize)
        .prop_map(|(s, n, c, t, q)| sentence(s, n, c, t, q));
    let para = proptest::collection::vec(sent, 1..4).prop_map(|v| v.join(" "));
    let sep = proptest::sample::select(vec!["\n\n", "\r\n\r\n", "\n", "\r\r", "\n \n"]);
    proptest::collection::vec((para, sep), 1..8).prop_map(|v| {
        v.into_iter()
            .map(|(p, s)| format!("{p}{s}"))
            .collect::<String>()
    })
}

fn assert_all(text: &str) -> Result<(), TestCaseError> {
    let an = analyzer();
    let a = an
        .analyze(text)
        .map_err(|e| TestCaseError::fail(format!("error on {text:?}: {e}")))?;
    check(text, &a).map_err(|e| TestCaseError::fail(format!("{e} in {text:?}")))?;
    // deterministic: serialising twice, and analysing twice, give equal JSON
    let j1 = serde_json::to_string(&a).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let j2 = serde_json::to_string(&a).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&j1, &j2);
    let b = an
        .analyze(text)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let j3 = serde_json::to_string(&b).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&j1, &j3, "two analyses differ for {:?}", text);
    // the annotated rendering walks every span; it must not panic
    let _ = quotelens::annotated::render(text, &a);
    Ok(())
}

fn assert_utf16(text: &str) -> Result<(), TestCaseError> {
    let m = Utf16Map::new(text);
    let mut units = 0usize;
    for (i, c) in text.char_indices() {
        prop_assert_eq!(m.convert(i), units, "at byte {} of {:?}", i, text);
        units += c.len_utf16();
    }
    prop_assert_eq!(m.convert(text.len()), text.encode_utf16().count());
    Ok(())
}

proptest! {
    // 512 cases by default; PROPTEST_CASES=N for a longer hunt
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_gives_a_valid_analysis(text in arbitrary_text()) {
        assert_all(&text)?;
    }

    #[test]
    fn any_string_gives_a_valid_analysis(text in any::<String>()) {
        assert_all(&text)?;
    }

    #[test]
    fn article_like_text_gives_a_valid_analysis(text in article()) {
        assert_all(&text)?;
    }

    #[test]
    fn utf16_map_agrees_with_encode_utf16(text in arbitrary_text()) {
        assert_utf16(&text)?;
    }

    #[test]
    fn utf16_map_on_any_string(text in any::<String>()) {
        assert_utf16(&text)?;
    }

    /// Converted offsets stay ordered: the wasm layer's spans keep start <= end.
    #[test]
    fn utf16_offsets_are_monotonic(text in arbitrary_text()) {
        let m = Utf16Map::new(&text);
        let mut prev = 0usize;
        for (i, _) in text.char_indices() {
            let u = m.convert(i);
            prop_assert!(u >= prev);
            prev = u;
        }
    }
}

#[test]
fn article_generator_finds_attributions() {
    // the generator is only useful if it reaches the attribution rules
    let an = analyzer();
    let mut found = 0usize;
    for s in 0..9u8 {
        let t = sentence(s, 0, 0, 0, 0);
        found += an.analyze(&t).map(|a| a.attributions.len()).unwrap_or(0);
    }
    assert!(
        found >= 5,
        "only {found} attributions in the generator's shapes"
    );
}

#[test]
fn every_special_char_alone_and_in_pairs() {
    for &a in SPECIAL {
        for &b in SPECIAL {
            let t: String = [a, 'x', b, ' ', a, b].iter().collect();
            if let Err(e) = assert_all(&t) {
                panic!("{e:?}");
            }
        }
    }
}
