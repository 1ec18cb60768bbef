//! Fuzzes the JSONL batch path: `batch::process_line` on one line and
//! `batch::run` on the whole input, in every format. No panic; every output
//! line is one JSON object; error records carry `line` and `error`, never
//! `id`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelens::batch::{self, Format};
use quotelens::{Analyzer, Options};
use std::sync::OnceLock;

const MAX_INPUT: usize = 64 * 1024;

fn analyzer() -> &'static Analyzer {
    // a small limit so INPUT_TOO_LARGE is reachable
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| match Options::with_limit(4096) {
        Ok(o) => Analyzer::with_options(o),
        Err(_) => Analyzer::new(),
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_INPUT || data.is_empty() {
        return;
    }
    let format = match data[0] % 3 {
        0 => Format::Attributions,
        1 => Format::Conflicts,
        _ => Format::Analysis,
    };
    let input = &data[1..];
    let an = analyzer();
    if let Some((rec, ok)) = batch::process_line(an, format, 7, input) {
        let obj = rec.as_object().expect("record is an object");
        if ok {
            assert!(obj.get("id").is_some_and(|v| v.is_string()));
        } else {
            assert_eq!(obj.get("line").and_then(|v| v.as_u64()), Some(7));
            assert!(obj.get("id").is_none());
            assert!(obj.get("error").is_some_and(|e| e.is_object()));
        }
    }
    let mut out = Vec::new();
    let stats = batch::run(an, format, input, &mut out).expect("in-memory I/O");
    let text = String::from_utf8(out).expect("UTF-8 output");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), stats.ok + stats.failed);
    for l in lines {
        let v: serde_json::Value = serde_json::from_str(l).expect("valid JSON line");
        assert!(v.is_object());
    }
});
