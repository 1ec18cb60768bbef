//! Fuzzes `Analyzer::analyze`: no panic, and every span in bounds and on
//! char boundaries, every id resolving (checked here so a violation is a
//! crash libFuzzer keeps).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelens::{Analysis, Analyzer, Span};
use std::sync::OnceLock;

const MAX_INPUT: usize = 64 * 1024;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

fn ok(text: &str, s: Span) -> bool {
    s.start <= s.end
        && s.end <= text.len()
        && text.is_char_boundary(s.start)
        && text.is_char_boundary(s.end)
}

fn check(text: &str, a: &Analysis) {
    let spans = a
        .paragraphs
        .iter()
        .chain(&a.sentences)
        .chain(a.quotes.iter().flat_map(|q| [&q.span, &q.inner]))
        .chain(a.mentions.iter().map(|m| &m.span))
        .chain(a.attributions.iter().flat_map(|x| {
            x.cue
                .iter()
                .chain(&x.content)
                .chain(x.source_span.iter())
        }))
        .chain(
            a.claims
                .iter()
                .flat_map(|c| std::iter::once(&c.span).chain(&c.time).chain(&c.quantities)),
        )
        .chain(a.warnings.iter().filter_map(|w| w.span.as_ref()));
    for s in spans {
        assert!(ok(text, *s), "bad span {s:?} in {} bytes", text.len());
    }
    let (ne, nm, na, nc) = (
        a.entities.len(),
        a.mentions.len(),
        a.attributions.len(),
        a.claims.len(),
    );
    assert!(a.mentions.iter().all(|m| m.entity.is_none_or(|e| e < ne)));
    assert!(a
        .attributions
        .iter()
        .all(|x| x.source.is_none_or(|m| m < nm) && x.speaker.is_none_or(|e| e < ne)));
    assert!(a
        .claims
        .iter()
        .all(|c| c.attribution.is_none_or(|x| x < na) && c.speaker.is_none_or(|e| e < ne)));
    assert!(a
        .conflicts
        .iter()
        .chain(&a.disagreements)
        .all(|c| c.a < nc && c.b < nc));
    assert!(a.quotes.iter().all(|q| q.continues.is_none_or(|c| c < a.quotes.len())));
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data);
    if let Ok(a) = analyzer().analyze(&text) {
        check(&text, &a);
        // what the CLI prints: the JSON and the annotated rendering
        assert!(serde_json::to_string(&a).is_ok());
        let _ = quotelens::annotated::render(&text, &a);
    }
});
