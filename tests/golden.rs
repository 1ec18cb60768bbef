//! Golden tests: readable snapshots of whole articles (`tests/golden/attribution/*.txt` →
//! `*.annotated`, attribution sections), plus one assertion per fact that matters. Provenance of every text is in
//! `tests/golden/attribution/PROVENANCE.md`. Rewrite snapshots with `UPDATE_GOLDEN=1`.

use quotelens::analysis::Analysis;
use quotelens::attribution::Attribution;
use quotelens::{annotated, Analyzer};
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/attribution")
}

fn load(name: &str) -> (String, Analysis) {
    let text = std::fs::read_to_string(dir().join(name)).unwrap();
    let a = Analyzer::new().analyze(&text).unwrap();
    (text, a)
}

/// The attribution whose content covers the first occurrence of `needle`.
fn attr_at<'a>(text: &str, a: &'a Analysis, needle: &str) -> Option<&'a Attribution> {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    a.attributions
        .iter()
        .find(|x| x.content.iter().any(|c| c.start <= at && at < c.end))
}

/// The speaker name of the attribution whose content covers `needle`.
fn speaker_of(text: &str, a: &Analysis, needle: &str) -> Option<String> {
    let attr = attr_at(text, a, needle)?;
    attr.speaker
        .and_then(|e| a.entities.get(e))
        .map(|e| e.name.clone())
}

/// The source phrase (as written) of the attribution whose content covers `needle`.
fn source_of(text: &str, a: &Analysis, needle: &str) -> Option<String> {
    attr_at(text, a, needle)?
        .source_span
        .map(|s| s.slice(text).to_string())
}

/// The annotated rendering without the claims/conflicts sections (those have their own
/// golden tests in `tests/conflicts.rs`), so these snapshots change only with the
/// attribution stages.
fn attribution_view(full: &str) -> String {
    let mut out = String::new();
    let mut skip = false;
    for line in full.lines() {
        if line.starts_with("## ") {
            skip = matches!(line, "## Claims" | "## Conflicts" | "## Disagreements");
        }
        if !skip && !line.starts_with("paragraphs ") {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn snapshots() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 6, "golden articles missing");
    for path in names {
        let text = std::fs::read_to_string(&path).unwrap();
        let a = Analyzer::new().analyze(&text).unwrap();
        let got = attribution_view(&annotated::render(&text, &a));
        let snap = path.with_extension("annotated");
        if update {
            std::fs::write(&snap, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&snap) {
            Ok(want) if want == got => {}
            Ok(want) => {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want.lines().count().min(got.lines().count()));
                failures.push(format!(
                    "{}: differs from snapshot at line {} (run with UPDATE_GOLDEN=1 to accept)\n  want: {:?}\n  got:  {:?}",
                    path.display(),
                    line + 1,
                    want.lines().nth(line).unwrap_or(""),
                    got.lines().nth(line).unwrap_or("")
                ));
            }
            Err(_) => failures.push(format!(
                "{}: no snapshot (run with UPDATE_GOLDEN=1)",
                snap.display()
            )),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn seed_sessions_quotes_are_jeff_sessions() {
    let (text, a) = load("sessions.txt");
    for opening in [
        "I have not met",
        "Those remarks",
        "I have said whenever",
        "I never met",
        "Sen. Franken",
    ] {
        assert_eq!(
            speaker_of(&text, &a, opening).as_deref(),
            Some("Jeff Sessions"),
            "quote opening {opening:?}"
        );
    }
}

#[test]
fn seed_post_report_and_agencies() {
    let (text, a) = load("sessions.txt");
    let post = speaker_of(&text, &a, "Sessions spoke with Kislyak").unwrap();
    assert!(post.contains("Washington Post"), "{post}");
    let agencies = speaker_of(&text, &a, "Russia interfered").unwrap();
    assert!(agencies.contains("intelligence agencies"), "{agencies}");
    // the cue of the Post's report
    let attr = attr_at(&text, &a, "Sessions spoke with Kislyak").unwrap();
    assert_eq!(attr.cue.unwrap().slice(&text), "reported");
}

#[test]
fn seed_apposition_gives_kislyak_attributes() {
    let (_, a) = load("sessions.txt");
    let k = a
        .entities
        .iter()
        .find(|e| e.name == "Sergey Kislyak")
        .unwrap();
    assert!(
        k.attributes.iter().any(|x| x == "russian"),
        "{:?}",
        k.attributes
    );
    assert!(
        k.attributes.iter().any(|x| x == "ambassador"),
        "{:?}",
        k.attributes
    );
}

#[test]
fn pronoun_and_role_speakers_resolve() {
    let (text, a) = load("pronoun_role.txt");
    assert_eq!(
        speaker_of(&text, &a, "We published").as_deref(),
        Some("Elena Ruiz")
    );
    assert_eq!(source_of(&text, &a, "We published").as_deref(), Some("she"));
    assert_eq!(
        speaker_of(&text, &a, "Nothing was hidden").as_deref(),
        Some("Elena Ruiz")
    );
    assert_eq!(
        speaker_of(&text, &a, "his office would review").as_deref(),
        Some("Daniel Okafor")
    );
    assert_eq!(
        source_of(&text, &a, "his office would review").as_deref(),
        Some("He")
    );
    assert_eq!(
        speaker_of(&text, &a, "I have asked").as_deref(),
        Some("Daniel Okafor")
    );
    assert_eq!(
        source_of(&text, &a, "I have asked").as_deref(),
        Some("the comptroller")
    );
    assert_eq!(
        speaker_of(&text, &a, "she welcomed").as_deref(),
        Some("Elena Ruiz")
    );
    assert_eq!(
        source_of(&text, &a, "she welcomed").as_deref(),
        Some("The mayor")
    );
}

#[test]
fn according_to_and_colon_cues() {
    let (text, a) = load("according_colon.txt");
    let attr = attr_at(&text, &a, "fell four months").expect("content before 'according to'");
    assert_eq!(attr.cue.unwrap().slice(&text), "according to");
    assert!(attr
        .source_span
        .unwrap()
        .slice(&text)
        .contains("state transportation board"));
    assert_eq!(
        source_of(&text, &a, "the contractor asked").as_deref(),
        Some("two council members")
    );
    assert_eq!(
        speaker_of(&text, &a, "Nobody told us").as_deref(),
        Some("Priya Natarajan")
    );
    assert_eq!(
        speaker_of(&text, &a, "When did you learn").as_deref(),
        Some("Priya Natarajan")
    );
    assert_eq!(
        source_of(&text, &a, "In April, when").as_deref(),
        Some("OKAFOR")
    );
    assert_eq!(
        source_of(&text, &a, "The Payments Will").as_deref(),
        Some("Okafor")
    );
    // a speech noun with its author introduces the quoted paragraph
    assert_eq!(
        speaker_of(&text, &a, "The bridge will open").as_deref(),
        Some("Priya Natarajan")
    );
}

#[test]
fn nested_and_multi_paragraph_quotes() {
    let (text, a) = load("nested_multipara.txt");
    // the nested quote is inside Lind's quote, not an attribution of its own
    let inner = text.find("We are done here").unwrap();
    let covering: Vec<_> = a
        .attributions
        .iter()
        .filter(|x| x.content.iter().any(|c| c.start <= inner && inner < c.end))
        .collect();
    assert_eq!(covering.len(), 1);
    assert_eq!(
        speaker_of(&text, &a, "The manager looked").as_deref(),
        Some("Marta Lind")
    );
    // one attribution, four fragments over three paragraphs
    let attr = attr_at(&text, &a, "It was the longest night").unwrap();
    assert_eq!(attr.content.len(), 4, "{:?}", attr.content);
    for later in ["Nobody wanted a strike", "In the end we got one"] {
        let p = text.find(later).unwrap();
        assert!(
            attr.content.iter().any(|c| c.start <= p && p < c.end),
            "{later}"
        );
    }
    assert!(a.quotes.iter().any(|q| q.rule == "quote.continued"));
    assert!(a.quotes.iter().any(|q| q.depth == 1));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    let mixed = a
        .attributions
        .iter()
        .find(|x| {
            x.content
                .iter()
                .any(|c| c.slice(&text).contains("negotiated in good faith"))
        })
        .unwrap();
    assert_eq!(mixed.kind, quotelens::attribution::AttrKind::Mixed);
}

#[test]
fn every_quote_style_is_attributed() {
    let (text, a) = load("quote_styles.txt");
    for (needle, who) in [
        ("Straight double", "Anna Berg"),
        ("Curly double", "Ben Cole"),
        ("Single quotes are", "Carla Diaz"),
        ("Curly single", "David Eng"),
        ("Guillemets work", "Élise Faure"),
        ("Low double", "Franz Gruber"),
        ("And they pair", "Franz Gruber"),
        ("Low single", "Greta Hahn"),
        ("Corner brackets", "Hiro Ito"),
        ("White corner", "Jun Ota"),
        ("Two apostrophes", "Iris Jones"),
    ] {
        assert_eq!(
            speaker_of(&text, &a, needle).as_deref(),
            Some(who),
            "{needle}"
        );
    }
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn scare_quotes_titles_and_apostrophes() {
    use quotelens::quote::QuoteKind;
    let (text, a) = load("scare_titles.txt");
    let kind = |inner: &str| {
        a.quotes
            .iter()
            .find(|q| q.inner.slice(&text) == inner)
            .map(|q| q.kind)
    };
    assert_eq!(kind("smart bridge"), Some(QuoteKind::Scare));
    assert_eq!(kind("bombshell"), Some(QuoteKind::Scare));
    assert_eq!(kind("Morning Edition"), Some(QuoteKind::Title));
    // apostrophes are not quotes
    assert!(a
        .quotes
        .iter()
        .all(|q| !q.inner.slice(&text).contains("90s")));
    assert!(a
        .quotes
        .iter()
        .all(|q| !q.span.slice(&text).contains("Joneses")));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    // scare quotes are never attributions of their own
    for q in a.quotes.iter().filter(|q| q.kind != QuoteKind::Speech) {
        assert!(!a
            .attributions
            .iter()
            .any(|x| x.content == vec![q.span] || x.content == vec![q.inner]));
    }
    assert_eq!(
        speaker_of(&text, &a, "pay for themselves").as_deref(),
        Some("Rosa Vance")
    );
}
