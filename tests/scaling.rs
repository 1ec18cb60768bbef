//! Linearity guard for ordinary article text scaled up (issue 7). Not a timing target: it
//! compares the time for `8×` the input with the time for `1×` (best of 3 each) and fails only
//! on a clear super-linear regression (more than 16× the time), so it does not flake on a slow
//! or loaded machine. Pathological inputs are covered by `tests/adversarial.rs`; speed goals live
//! in `./build.sh bench`, never here.
//!
//! Meant for `cargo test --release` (what `./build.sh test` runs); under a debug build the inputs
//! shrink so the total runtime stays at a few seconds.

use quotelens::Analyzer;
use std::path::Path;
use std::time::{Duration, Instant};

/// The golden articles, each separated by a blank line: varied, ordinary news text.
fn base_text() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/attribution");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no golden articles in {}", dir.display());
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap().trim().to_string())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `base` repeated to at least `n` bytes, whole articles only.
fn scaled(base: &str, n: usize) -> String {
    let mut s = String::with_capacity(n + base.len() + 2);
    while s.len() < n {
        s.push_str(base);
        s.push_str("\n\n");
    }
    s
}

fn best_of_3(a: &Analyzer, text: &str) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let r = a.analyze(text).unwrap();
            let d = t.elapsed();
            assert!(!r.attributions.is_empty());
            d
        })
        .min()
        .unwrap()
}

#[test]
fn analysis_time_grows_linearly_with_input() {
    let small = if cfg!(debug_assertions) {
        16_000
    } else {
        64_000
    };
    let base = base_text();
    let a = Analyzer::new();
    a.analyze(&base).unwrap(); // warm-up
    let x1 = scaled(&base, small);
    let x8 = scaled(&base, 8 * small);
    let t1 = best_of_3(&a, &x1);
    let t8 = best_of_3(&a, &x8);
    let ratio = t8.as_secs_f64() / t1.as_secs_f64().max(1e-6);
    let bytes_ratio = x8.len() as f64 / x1.len() as f64;
    eprintln!(
        "scaling: {} bytes in {:?}, {} bytes in {:?}: {:.2}× the time for {:.2}× the input",
        x1.len(),
        t1,
        x8.len(),
        t8,
        ratio,
        bytes_ratio
    );
    assert!(
        ratio <= 2.0 * bytes_ratio,
        "super-linear: {bytes_ratio:.1}× the input took {ratio:.1}× the time (bound {:.0}×)",
        2.0 * bytes_ratio
    );
}

#[test]
fn output_grows_linearly_with_input() {
    // The result itself must not blow up either: 8× the text gives at most ~8× the items.
    let base = base_text();
    let a = Analyzer::new();
    let r1 = a.analyze(&scaled(&base, 20_000)).unwrap();
    let r8 = a.analyze(&scaled(&base, 160_000)).unwrap();
    let items = |r: &quotelens::Analysis| {
        r.quotes.len()
            + r.mentions.len()
            + r.attributions.len()
            + r.claims.len()
            + r.conflicts.len()
            + r.disagreements.len()
            + r.warnings.len()
    };
    let (n1, n8) = (items(&r1).max(1), items(&r8));
    assert!(
        n8 <= 16 * n1,
        "8× the input gave {n8} items against {n1} (more than 16×)"
    );
}
