//! The native CLI's contract (DESIGN.md §3.3), run on the built binary:
//! exit codes, error messages, stdin, formats, and batch error records.

use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_quotelens");
const ARTICLE: &str = "“I did not have communications with the Russians,” Sessions said.\n\n\
                       The Washington Post reported that he met Kislyak twice.\n";

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "quotelens-cli-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn quotelens");
    {
        let mut si = child.stdin.take().expect("stdin");
        if let Some(b) = stdin {
            // the child may exit early (usage errors): ignore a broken pipe
            let _ = si.write_all(b);
        }
    }
    child.wait_with_output().expect("wait")
}

fn code(o: &Output) -> i32 {
    o.status
        .code()
        .expect("exited normally (no signal, no panic abort)")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn no_panic(o: &Output) {
    let e = stderr(o);
    assert!(!e.contains("panicked"), "panic: {e}");
}

fn json_lines(o: &Output) -> Vec<Value> {
    String::from_utf8(o.stdout.clone())
        .expect("UTF-8 stdout")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

// ---------------------------------------------------------------- analyze

#[test]
fn analyze_file_gives_the_analysis_object() {
    let p = tmp("a.txt", ARTICLE.as_bytes());
    let o = run(&["analyze", p.to_str().expect("path")], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["version"], 1);
    assert_eq!(v["unit"], "utf8");
    for key in [
        "paragraphs",
        "sentences",
        "quotes",
        "entities",
        "mentions",
        "attributions",
        "claims",
        "conflicts",
        "disagreements",
        "warnings",
    ] {
        assert!(v[key].is_array(), "missing {key}");
    }
    assert!(!v["attributions"].as_array().expect("array").is_empty());
}

#[test]
fn analyze_reads_stdin_with_dash_and_without_file() {
    let p = tmp("a.txt", ARTICLE.as_bytes());
    let from_file = run(&["analyze", p.to_str().expect("path")], None);
    let dash = run(&["analyze", "-"], Some(ARTICLE.as_bytes()));
    let none = run(&["analyze"], Some(ARTICLE.as_bytes()));
    assert_eq!(code(&dash), 0);
    assert_eq!(code(&none), 0);
    assert_eq!(from_file.stdout, dash.stdout);
    assert_eq!(from_file.stdout, none.stdout);
    // flags before or after the file
    let after = run(
        &["analyze", "-", "--format", "json"],
        Some(ARTICLE.as_bytes()),
    );
    let eq = run(&["analyze", "--format=json"], Some(ARTICLE.as_bytes()));
    assert_eq!(after.stdout, from_file.stdout);
    assert_eq!(eq.stdout, from_file.stdout);
}

#[test]
fn analyze_invalid_utf8_names_file_and_offset() {
    let mut bytes = b"Hello \xe2\x80\x9cworld".to_vec();
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xff\xfe tail");
    let p = tmp("bad.txt", &bytes);
    let o = run(&["analyze", p.to_str().expect("path")], None);
    assert_eq!(code(&o), 2);
    no_panic(&o);
    let e = stderr(&o);
    assert!(e.contains("bad.txt"), "{e}");
    assert!(
        e.contains(&offset.to_string()),
        "offset {offset} not in {e}"
    );
    assert!(o.stdout.is_empty());
    // a truncated multi-byte char at the very end
    let p = tmp("trunc.txt", b"ok \xe2\x80");
    let o = run(&["analyze", p.to_str().expect("path")], None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("3"), "{}", stderr(&o));
    // and on stdin
    let o = run(&["analyze"], Some(b"\xc3("));
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains('0'));
}

#[test]
fn analyze_directory_and_missing_file_are_io_errors() {
    let p = tmp("x.txt", b"x");
    let dir = p.parent().expect("dir").to_str().expect("path").to_string();
    let o = run(&["analyze", &dir], None);
    assert_eq!(code(&o), 2);
    no_panic(&o);
    assert!(stderr(&o).contains(&dir), "{}", stderr(&o));
    let missing = format!("{dir}/does-not-exist.txt");
    let o = run(&["analyze", &missing], None);
    assert_eq!(code(&o), 2);
    no_panic(&o);
    assert!(stderr(&o).contains("does-not-exist.txt"));
}

#[test]
fn analyze_empty_file_is_a_valid_empty_analysis() {
    let p = tmp("empty.txt", b"");
    let o = run(&["analyze", p.to_str().expect("path")], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["unit"], "utf8");
    assert_eq!(v["paragraphs"].as_array().map(Vec::len), Some(0));
    let o = run(&["analyze"], Some(b""));
    assert_eq!(code(&o), 0);
    let o = run(&["analyze", "--format", "annotated"], Some(b""));
    assert_eq!(code(&o), 0);
}

#[test]
fn analyze_usage_errors_exit_2() {
    for args in [
        &["analyze", "--bogus"][..],
        &["analyze", "-x"],
        &["analyze", "--format", "xml"],
        &["analyze", "--format"],
        &["analyze", "a.txt", "b.txt"],
        &["frobnicate"],
        &[],
    ] {
        let o = run(args, Some(ARTICLE.as_bytes()));
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        no_panic(&o);
        assert!(o.stdout.is_empty(), "{args:?} printed to stdout");
        assert!(!stderr(&o).is_empty(), "{args:?}: no message");
    }
}

#[test]
fn analyze_annotated_format() {
    let o = run(
        &["analyze", "--format", "annotated"],
        Some(ARTICLE.as_bytes()),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let s = String::from_utf8(o.stdout).expect("UTF-8");
    assert!(s.contains("Sessions"), "{s}");
    assert!(s.contains("Q0"), "no quote listing: {s}");
    assert!(
        serde_json::from_str::<Value>(&s).is_err(),
        "annotated is not JSON"
    );
}

#[test]
fn analyze_strange_text_never_fails() {
    let text = "\0\u{1}“‘«„「『\r\r\n\u{202e}é\u{301}😀 — – -\u{a0}” ’ » 」』\"'";
    for fmt in ["json", "annotated"] {
        let o = run(&["analyze", "--format", fmt], Some(text.as_bytes()));
        assert_eq!(code(&o), 0, "{fmt}: {}", stderr(&o));
        no_panic(&o);
    }
}

#[test]
fn version_and_help() {
    let o = run(&["--version"], None);
    assert_eq!(code(&o), 0);
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("quotelens "));
    let o = run(&["--help"], None);
    assert_eq!(code(&o), 0);
}

// ------------------------------------------------------------------ batch

fn line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string()
}

/// (physical line, id of a good record, error code of a bad one)
type Expect = (usize, Option<&'static str>, Option<&'static str>);

/// Every bad-line kind, blank lines, and good lines around them.
fn mixed_batch() -> (Vec<u8>, Vec<Expect>) {
    let good = |id: &str| line(id, ARTICLE);
    let lines: Vec<String> = vec![
        good("first"),                                       // 1
        "{\"id\": \"x\", \"text\": ".to_string(),            // 2 malformed
        String::new(),                                       // 3 blank
        "[1, 2, 3]".to_string(),                             // 4 not an object
        "   \t ".to_string(),                                // 5 blank (spaces)
        "\"just a string\"".to_string(),                     // 6 not an object
        "{\"text\": \"no id\"}".to_string(),                 // 7 id-less
        "{\"id\": 7, \"text\": \"numeric id\"}".to_string(), // 8 id not a string
        "{\"id\": \"no-text\"}".to_string(),                 // 9 text-less
        "{\"id\": \"t\", \"text\": null}".to_string(),       // 10 text not a string
        good("second"),                                      // 11
        "not json at all".to_string(),                       // 12
        "{\"id\": \"extra\", \"text\": \"Fine.\", \"lang\": \"en\", \"n\": [1]}".to_string(), // 13 extra fields ok
        "{\"id\":\"dup\",\"text\":\"a\"} trailing".to_string(), // 14 trailing garbage
        good("last"),                                           // 15
    ];
    let mut bytes = lines.join("\n").into_bytes();
    bytes.extend_from_slice(b"\n\n");
    let want = vec![
        (1, Some("first"), None),
        (2, None, Some("INVALID_JSON")),
        (4, None, Some("INVALID_RECORD")),
        (6, None, Some("INVALID_RECORD")),
        (7, None, Some("INVALID_RECORD")),
        (8, None, Some("INVALID_RECORD")),
        (9, None, Some("INVALID_RECORD")),
        (10, None, Some("INVALID_RECORD")),
        (11, Some("second"), None),
        (12, None, Some("INVALID_JSON")),
        (13, Some("extra"), None),
        (14, None, Some("INVALID_JSON")),
        (15, Some("last"), None),
    ];
    (bytes, want)
}

fn check_records(out: &[Value], want: &[(usize, Option<&str>, Option<&str>)]) {
    assert_eq!(out.len(), want.len(), "{out:#?}");
    for (v, (n, id, err)) in out.iter().zip(want) {
        match (id, err) {
            (Some(id), None) => {
                assert_eq!(v["id"], *id, "line {n}: {v}");
                assert!(v.get("error").is_none());
                assert_eq!(v["unit"], "utf8");
            }
            (None, Some(code)) => {
                assert!(
                    v.get("id").is_none(),
                    "line {n}: error record has an id: {v}"
                );
                assert_eq!(v["line"], *n as u64, "{v}");
                assert_eq!(v["error"]["code"], *code, "line {n}: {v}");
                assert!(v["error"]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty()));
                let keys: Vec<&String> = v.as_object().expect("object").keys().collect();
                assert_eq!(keys.len(), 2, "line {n}: extra keys {keys:?}");
            }
            _ => unreachable!(),
        }
    }
}

#[test]
fn batch_bad_lines_give_error_records_and_the_rest_goes_on() {
    let (bytes, want) = mixed_batch();
    let p = tmp("mixed.jsonl", &bytes);
    for fmt in ["attributions", "conflicts", "analysis"] {
        let o = run(&["batch", "--format", fmt, p.to_str().expect("path")], None);
        assert_eq!(code(&o), 1, "{fmt}: {}", stderr(&o));
        no_panic(&o);
        check_records(&json_lines(&o), &want);
    }
}

#[test]
fn batch_reads_stdin_with_dash_and_without_file() {
    let (bytes, want) = mixed_batch();
    let dash = run(&["batch", "--format", "attributions", "-"], Some(&bytes));
    let none = run(&["batch", "--format", "attributions"], Some(&bytes));
    assert_eq!(code(&dash), 1);
    assert_eq!(code(&none), 1);
    check_records(&json_lines(&dash), &want);
    assert_eq!(dash.stdout, none.stdout);
}

#[test]
fn batch_all_good_exits_0_and_crlf_is_accepted() {
    let input = format!(
        "{}\r\n\r\n{}\r\n{}",
        line("a", ARTICLE),
        line("b", "Nothing to see."),
        line("c", "")
    );
    let o = run(
        &["batch", "--format", "attributions"],
        Some(input.as_bytes()),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = json_lines(&o);
    let ids: Vec<&str> = out.iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    // the scorer's shape
    let a = &out[0]["attributions"][0];
    assert!(a["source"].is_array() && a["cue"].is_array() && a["content"].is_array());
    // empty input: no output, success
    let o = run(&["batch", "--format", "conflicts"], Some(b""));
    assert_eq!(code(&o), 0);
    assert!(o.stdout.is_empty());
}

#[test]
fn batch_conflicts_and_analysis_formats() {
    let input = line("s", ARTICLE);
    let o = run(&["batch", "--format", "conflicts"], Some(input.as_bytes()));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let v = &json_lines(&o)[0];
    assert_eq!(v["id"], "s");
    assert_eq!(v["unit"], "utf8");
    for c in v["conflicts"].as_array().expect("conflicts array") {
        assert!(c["a"].is_array() && c["b"].is_array() && c["kind"].is_string());
        assert!(c["confidence"].is_string() && c["explanation"].is_string());
    }
    let o = run(&["batch", "--format=analysis"], Some(input.as_bytes()));
    assert_eq!(code(&o), 0);
    let v = &json_lines(&o)[0];
    assert_eq!(v["id"], "s");
    assert_eq!(v["version"], 1);
    assert_eq!(v["unit"], "utf8");
    assert!(v["attributions"].is_array() && v["claims"].is_array());
    // same analysis as `analyze`
    let a = run(&["analyze"], Some(ARTICLE.as_bytes()));
    let mut av: Value = serde_json::from_slice(&a.stdout).expect("JSON");
    av.as_object_mut()
        .expect("object")
        .insert("id".into(), Value::from("s"));
    assert_eq!(*v, av);
}

#[test]
fn batch_usage_and_io_errors_exit_2() {
    let p = tmp("x.jsonl", b"");
    let dir = p.parent().expect("dir").to_str().expect("path").to_string();
    for args in [
        vec!["batch", "--format", "yaml"],
        vec!["batch"],
        vec!["batch", "--format"],
        vec!["batch", "--format", "attributions", "--nope"],
        vec!["batch", "--format", "attributions", &dir],
        vec!["batch", "--format", "attributions", "/nonexistent/in.jsonl"],
    ] {
        let o = run(&args, Some(b"{}\n"));
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        no_panic(&o);
        assert!(o.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn batch_invalid_utf8_line_is_invalid_json() {
    let mut bytes = line("a", "fine").into_bytes();
    bytes.extend_from_slice(b"\n{\"id\": \"b\", \"text\": \"\xff\xfe\"}\n");
    bytes.extend_from_slice(line("c", "fine").as_bytes());
    let o = run(&["batch", "--format", "attributions"], Some(&bytes));
    assert_eq!(code(&o), 1);
    check_records(
        &json_lines(&o),
        &[
            (1, Some("a"), None),
            (2, None, Some("INVALID_JSON")),
            (3, Some("c"), None),
        ],
    );
}

#[test]
fn batch_oversized_lines_are_input_too_large() {
    // a text just over the CLI's fixed 16 MiB limit (valid JSON, parsed)
    let limit = 16 * 1024 * 1024;
    let big = "a".repeat(limit + 1);
    // and a line so long it is rejected before parsing (> 2 × limit)
    let huge = format!(
        "{{\"id\": \"h\", \"text\": \"{}\"}}",
        "b ".repeat(limit + 10)
    );
    let mut input = line("before", ARTICLE);
    input.push('\n');
    input.push_str(&line("big", &big));
    input.push('\n');
    input.push_str(&huge);
    input.push('\n');
    input.push_str(&line("after", ARTICLE));
    input.push('\n');
    let p = tmp("big.jsonl", input.as_bytes());
    drop((big, huge, input));
    let o = run(
        &[
            "batch",
            "--format",
            "attributions",
            p.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    no_panic(&o);
    check_records(
        &json_lines(&o),
        &[
            (1, Some("before"), None),
            (2, None, Some("INPUT_TOO_LARGE")),
            (3, None, Some("INPUT_TOO_LARGE")),
            (4, Some("after"), None),
        ],
    );
    let _ = std::fs::remove_file(&p);
    // exactly at the limit is fine
    let at = line("at", &"c".repeat(limit));
    let o = run(&["batch", "--format", "conflicts"], Some(at.as_bytes()));
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn analyze_over_the_limit_is_an_error_not_a_crash() {
    let big = vec![b'a'; 16 * 1024 * 1024 + 1];
    let p = tmp("big.txt", &big);
    drop(big);
    let o = run(&["analyze", p.to_str().expect("path")], None);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    no_panic(&o);
    assert!(stderr(&o).contains("INPUT_TOO_LARGE"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let _ = std::fs::remove_file(&p);
}
