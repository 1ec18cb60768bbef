//! One analysis of FILE, then its wasm hand-over tape written twice, the second time inside
//! `measured` — for profiling the tape (`src/tape.rs`) alone:
//!
//!     valgrind --tool=callgrind --toggle-collect='*tape_prof*measured*' \
//!       target/release/examples/tape_prof FILE
use std::hint::black_box;

#[inline(never)]
fn measured(a: &quotelens::Analysis) -> usize {
    quotelens::tape::to_tape(a).map_or(0, |t| t.words.len())
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: tape_prof FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let Ok(a) = quotelens::Analyzer::new().analyze(&text) else {
        eprintln!("{path}: not analysed");
        std::process::exit(1);
    };
    black_box(measured(&a));
    println!("{}", black_box(measured(black_box(&a))));
}
