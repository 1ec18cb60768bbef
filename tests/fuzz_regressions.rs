//! Replays fuzz findings (`tests/fuzz/{analyze,batch}/*`, raw bytes) and a
//! few hand-picked inputs through the same checks the fuzz targets make.
//! See `tests/fuzz/README.md`.

mod common;

use quotelens::batch::{self, Format};
use quotelens::{Analyzer, Options};
use serde_json::Value;
use std::path::Path;

fn files(dir: &str) -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(dir);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let bytes = std::fs::read(e.path()).expect("read regression input");
                    (e.file_name().to_string_lossy().into_owned(), bytes)
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// What `fuzz_targets/analyze.rs` does.
fn analyze_case(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let an = Analyzer::new();
    let a = common::analyze_checked(&an, &text);
    assert!(serde_json::to_string(&a).is_ok());
    let _ = quotelens::annotated::render(&text, &a);
}

/// What `fuzz_targets/batch.rs` does.
fn batch_case(data: &[u8]) {
    let Some((&first, input)) = data.split_first() else {
        return;
    };
    let format = match first % 3 {
        0 => Format::Attributions,
        1 => Format::Conflicts,
        _ => Format::Analysis,
    };
    let an = Analyzer::with_options(Options::with_limit(4096).expect("limit"));
    if let Some((rec, ok)) = batch::process_line(&an, format, 7, input) {
        let obj = rec.as_object().expect("record is an object");
        if ok {
            assert!(obj.get("id").is_some_and(Value::is_string));
        } else {
            assert_eq!(obj.get("line").and_then(Value::as_u64), Some(7));
            assert!(obj.get("id").is_none());
        }
    }
    let mut out = Vec::new();
    let stats = batch::run(&an, format, input, &mut out).expect("in-memory I/O");
    let text = String::from_utf8(out).expect("UTF-8 output");
    assert_eq!(text.lines().count(), stats.ok + stats.failed);
    for l in text.lines() {
        let v: Value = serde_json::from_str(l).expect("valid JSON line");
        assert!(v.is_object());
    }
}

#[test]
fn analyze_findings_replay() {
    for (name, data) in files("analyze") {
        let r = std::panic::catch_unwind(|| analyze_case(&data));
        assert!(r.is_ok(), "tests/fuzz/analyze/{name} fails again");
    }
}

#[test]
fn batch_findings_replay() {
    for (name, data) in files("batch") {
        let r = std::panic::catch_unwind(|| batch_case(&data));
        assert!(r.is_ok(), "tests/fuzz/batch/{name} fails again");
    }
}

/// Hand-picked inputs in the spirit of the fuzzers: lossy-decoded bytes,
/// lone surrogates' replacement chars, marks at paragraph edges.
#[test]
fn inline_cases() {
    let cases: &[&[u8]] = &[
        b"",
        b"\xff\xfe\xfd",
        b"\"\n\n\"",
        b"\xe2\x80\x9c\n\n\xe2\x80\x9c\n\n\xe2\x80\x9c",
        b"'\r'\r\r'",
        b"A: \xe2\x80\x9c\xe2\x80\x98\xc2\xab\xe2\x80\xb9",
        b"\xed\xa0\x80 said Smith.",
        b"\"a,\" he said, \"",
        b"According to",
        b"PENCE:",
        b"Mr.\n\nMr.\n\n\"Mr.\"",
    ];
    for c in cases {
        analyze_case(c);
        for f in 0u8..3 {
            let mut d = vec![f];
            d.extend_from_slice(c);
            batch_case(&d);
        }
    }
    for f in 0u8..3 {
        batch_case(&[f]);
        batch_case(&[
            f, b'{', b'"', b'i', b'd', b'"', b':', b'"', b'x', b'"', b'}',
        ]);
        batch_case(&[f, b'\n', b'[', b']', b'\n', b'\r']);
    }
}
