//! One warm-up analysis of FILE, then one more inside `measured` — for profiling the steady
//! state (the cross-document caches warm, as in the page and the bench; the text maps' hash
//! keys fixed, so that counts repeat):
//!
//!     valgrind --tool=callgrind --toggle-collect='*steady*measured*' \
//!       target/release/examples/steady FILE
//!
//! A `.jsonl` FILE (one `{"text": …}` per line, e.g. a PolNeAR split) is analysed text by text
//! instead — the per-article steady state, each document paying for its own vocabulary.
use std::hint::black_box;

#[inline(never)]
fn measured(a: &quotelens::Analyzer, texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| a.analyze(t).map_or(0, |r| r.claims.len()))
        .sum()
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: steady FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let texts: Vec<String> = if path.ends_with(".jsonl") {
        text.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
            .collect()
    } else {
        vec![text]
    };
    // fixed keys for the maps keyed by article text: with random ones their layout, and so
    // the instruction count, varies by ±0.5 % from run to run
    quotelens::text::set_hash_salt((1, 2));
    let a = quotelens::Analyzer::new();
    // (the warm-up outside `measured`: callgrind collects only inside it)
    for t in &texts {
        black_box(a.analyze(t).map(|r| r.claims.len()).unwrap_or(0));
    }
    println!("{}", black_box(measured(&a, black_box(&texts))));
}
