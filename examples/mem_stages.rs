//! Heap in use and high-water mark after each stage of one analysis (a counting global
//! allocator), natively or — closer to what the page sees — on `wasm32-wasip1`:
//!
//!     cargo run --release --example mem_stages -- FILE
//!     cargo build --release --example mem_stages --target wasm32-wasip1 &&
//!       node --no-warnings bench/wasi.mjs target/wasm32-wasip1/release/examples/mem_stages.wasm FILE
//!
//! A development aid for the memory goal of issue 7 (BENCHMARKS.md, "Memory").

use quotelens::{attribution, claim, conflict, doc, lexicon, mention, quote, segment, Span};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator unchanged; only counts sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        COUNT.fetch_add(1, Relaxed);
        if !p.is_null() {
            let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(n, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        NOW.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        COUNT.fetch_add(1, Relaxed);
        if !q.is_null() {
            // during a moving realloc both blocks exist
            let n = NOW.fetch_add(new, Relaxed) + new;
            PEAK.fetch_max(n, Relaxed);
            NOW.fetch_sub(l.size(), Relaxed);
        }
        q
    }
}

/// On wasm, the size of the linear memory (what the page pays: it never shrinks).
fn linear_memory() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let bytes = core::arch::wasm32::memory_size(0) * 65536;
        format!("   linear memory {:7.1} MB", bytes as f64 / 1e6)
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

#[global_allocator]
static A: Counting = Counting;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: mem_stages FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let lex = lexicon::Lexicon::new();
    let n = text.len() as f64;
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    let show = |name: &str| {
        let (now, peak) = (NOW.load(Relaxed) - base, PEAK.load(Relaxed) - base);
        println!(
            "{name:16} in use {:7.1} MB ({:5.2}×)   stage high-water {:7.1} MB ({:5.2}×)   allocations {:7}{}",
            now as f64 / 1e6,
            now as f64 / n,
            peak as f64 / 1e6,
            peak as f64 / n,
            COUNT.swap(0, Relaxed),
            linear_memory()
        );
        PEAK.store(NOW.load(Relaxed), Relaxed);
    };
    let paragraphs = segment::paragraphs(&text);
    let qscan = quote::scan(&text, &paragraphs);
    show("paragraphs+quotes");
    let toks = segment::tokens(&text, &paragraphs, &qscan.marks);
    show("tokens");
    let outer: Vec<Span> = qscan
        .quotes
        .iter()
        .filter(|q| q.depth == 0)
        .map(|q| q.span)
        .collect();
    let sentences = segment::sentences(&text, &toks, &outer);
    show("sentences");
    let doc = doc::Doc::new(&text, toks, &paragraphs, &sentences, &qscan.quotes, &lex);
    show("doc");
    let mut reg = mention::Registry::scan(&doc);
    show("mentions");
    let attrs = attribution::find(&doc, &mut reg);
    show("attributions");
    let _remap = reg.finish(&text);
    show("registry finish");
    let (claims, syms) = claim::build(&doc, &attrs, &reg);
    show("claims");
    // as in `Analyzer::analyze`: the tokens are gone before conflicts are looked for
    let ntoks = doc.toks.len();
    drop(doc);
    let found = conflict::find(&text, &claims, &syms, &reg.entities);
    show("conflicts");
    println!(
        "tokens {} claims {} attributions {} mentions {} conflicts {}",
        ntoks,
        claims.len(),
        attrs.len(),
        reg.mentions.len(),
        found.0.len()
    );
    println!(
        "size_of: Token {} Claim {} (Feat {}) Mention {} Attribution {}",
        std::mem::size_of::<segment::Token>(),
        std::mem::size_of::<claim::Claim>(),
        std::mem::size_of::<claim::Feat>(),
        std::mem::size_of::<mention::Mention>(),
        std::mem::size_of::<attribution::Attribution>(),
    );
    drop((found, claims, attrs, reg));
}
