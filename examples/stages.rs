//! Where the time of one analysis goes, stage by stage (native, release build):
//!
//!     cargo run --release --example stages -- FILE [RUNS]
//!
//! Runs the stages of `Analyzer::analyze` one by one on FILE (RUNS times, default 20) and
//! prints the mean wall time of each, then the whole `analyze()` and the JSON serialisation
//! of its result. A development aid for issue-7 work (BENCHMARKS.md); the numbers are wall
//! time on a shared machine, so compare instruction counts (callgrind) for small changes.

use quotelens::{attribution, claim, conflict, doc, lexicon, mention, quote, segment};
use quotelens::{Analyzer, Span};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: cargo run --release --example stages -- FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20)
        .max(1);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let lex = lexicon::Lexicon::new();
    let names = [
        "paragraphs",
        "quotes",
        "tokens",
        "sentences",
        "doc",
        "mentions",
        "attributions",
        "registry finish",
        "claims",
        "conflicts",
        "drop",
    ];
    let mut ms = vec![0f64; names.len()];
    for _ in 0..runs {
        let mut t = Instant::now();
        let mut lap = |k: usize, t: &mut Instant| {
            if let Some(x) = ms.get_mut(k) {
                *x += t.elapsed().as_secs_f64() * 1000.0;
            }
            *t = Instant::now();
        };
        let paragraphs = segment::paragraphs(&text);
        lap(0, &mut t);
        let qscan = quote::scan(&text, &paragraphs);
        lap(1, &mut t);
        let toks = segment::tokens(&text, &paragraphs, &qscan.marks);
        lap(2, &mut t);
        let outer: Vec<Span> = qscan
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.span)
            .collect();
        let sentences = segment::sentences(&text, &toks, &outer);
        lap(3, &mut t);
        let doc = doc::Doc::new(&text, toks, &paragraphs, &sentences, &qscan.quotes, &lex);
        lap(4, &mut t);
        let mut reg = mention::Registry::scan(&doc);
        lap(5, &mut t);
        let attrs = attribution::find(&doc, &mut reg);
        lap(6, &mut t);
        let _remap = reg.finish(&text);
        lap(7, &mut t);
        let (claims, syms) = claim::build(&doc, &attrs, &reg);
        lap(8, &mut t);
        let found = conflict::find(&text, &claims, &syms, &reg.entities);
        lap(9, &mut t);
        drop((found, claims, attrs, reg, doc));
        lap(10, &mut t);
    }
    let total: f64 = ms.iter().sum();
    for (name, v) in names.iter().zip(&ms) {
        println!(
            "{name:16} {:8.3} ms {:5.1} %",
            v / runs as f64,
            100.0 * v / total.max(f64::MIN_POSITIVE)
        );
    }
    let analyzer = Analyzer::new();
    let (mut t_analyze, mut t_json, mut t_tape) = (0.0, 0.0, 0.0);
    for _ in 0..runs {
        let t = Instant::now();
        let result = match analyzer.analyze(&text) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        t_analyze += t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        let json = serde_json::to_string(&result).unwrap_or_default();
        t_json += t.elapsed().as_secs_f64() * 1000.0;
        drop(json);
        let t = Instant::now();
        let tape = quotelens::tape::to_tape(&result);
        t_tape += t.elapsed().as_secs_f64() * 1000.0;
        drop(tape);
    }
    let per = t_analyze / runs as f64;
    println!(
        "analyze() {per:.3} ms ({:.2} M chars/s); JSON {:.3} ms; tape (the wasm hand-over) {:.3} ms",
        text.chars().count() as f64 / (per / 1000.0) / 1e6,
        t_json / runs as f64,
        t_tape / runs as f64
    );
}
