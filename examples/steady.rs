//! One warm-up analysis of FILE, then one more inside `measured` — for profiling the steady
//! state (the cross-document caches warm, as in the page and the bench):
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
    let a = quotelens::Analyzer::new();
    black_box(a.analyze(&text).map(|r| r.claims.len()).unwrap_or(0));
    println!("{}", black_box(measured(&a, black_box(&text))));
}
