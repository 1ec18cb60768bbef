//! One warm-up analysis of FILE, then one more inside `measured` — for profiling the steady
//! state (the cross-document caches warm, as in the page and the bench; the text maps' hash
//! keys fixed, so that counts repeat):
//!
//!     valgrind --tool=callgrind --toggle-collect='*steady*measured*' \
//!       target/release/examples/steady FILE
use std::hint::black_box;

#[inline(never)]
fn measured(a: &quotelens::Analyzer, text: &str) -> usize {
    a.analyze(text).map_or(0, |r| r.claims.len())
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: steady FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    // fixed keys for the maps keyed by article text: with random ones their layout, and so
    // the instruction count, varies by ±0.5 % from run to run
    quotelens::text::set_hash_salt((1, 2));
    let a = quotelens::Analyzer::new();
    black_box(a.analyze(&text).map(|r| r.claims.len()).unwrap_or(0));
    println!("{}", black_box(measured(&a, black_box(&text))));
}
