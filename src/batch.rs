//! JSONL batch processing (`quotelens batch`): one article per line in,
//! one record per line out, in order. Blank lines are skipped; a line that is
//! not valid JSON, not an object, lacks a string `id` or `text`, or exceeds
//! the input limit gives an error record `{"line": N, "error": {"code",
//! "message"}}` and the rest goes on.

use crate::analysis::{Analysis, Analyzer};
use serde_json::{json, Map, Value};
use std::io::{self, BufRead, Write};

/// Output formats of `batch`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// What `score_attributions.py` reads.
    Attributions,
    /// What `score_conflicts.py` reads.
    Conflicts,
    /// The whole analysis object with the record's id.
    Analysis,
}

impl Format {
    /// Parses a format name.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "attributions" => Some(Format::Attributions),
            "conflicts" => Some(Format::Conflicts),
            "analysis" => Some(Format::Analysis),
            _ => None,
        }
    }
}

/// Counts of one batch run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Records analysed.
    pub ok: usize,
    /// Error records written.
    pub failed: usize,
}

fn error_record(line: usize, code: &str, message: String) -> Value {
    json!({"line": line, "error": {"code": code, "message": message}})
}

/// The `attributions` record for one analysis.
pub fn attributions_record(id: &str, a: &Analysis) -> Value {
    let attrs: Vec<Value> = a
        .attributions
        .iter()
        .map(|x| {
            json!({
                "source": x.source_span.map(|s| vec![s]).unwrap_or_default(),
                "cue": x.cue.map(|s| vec![s]).unwrap_or_default(),
                "content": x.content,
            })
        })
        .collect();
    json!({"id": id, "unit": a.unit, "attributions": attrs})
}

/// The `conflicts` record for one analysis.
pub fn conflicts_record(id: &str, a: &Analysis) -> Value {
    let list: Vec<Value> = a
        .conflicts
        .iter()
        .filter_map(|c| {
            let ca = a.claims.get(c.a)?;
            let cb = a.claims.get(c.b)?;
            Some(json!({
                "a": ca.span, "b": cb.span, "kind": c.kind, "confidence": c.confidence,
                "explanation": c.explanation,
            }))
        })
        .collect();
    json!({"id": id, "unit": a.unit, "conflicts": list})
}

/// The longest line worth parsing for a text limit of `limit` bytes: the text
/// alone may be up to the limit; JSON escaping and other fields add a little.
fn line_cap(limit: usize) -> usize {
    limit.saturating_mul(2).saturating_add(4096)
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `cap + 1`
/// bytes of it and discarding the rest; returns the line's full length
/// (0 at the end of input). Memory stays bounded whatever the line length.
fn read_line_capped<R: BufRead>(input: &mut R, buf: &mut Vec<u8>, cap: usize) -> io::Result<usize> {
    let mut total = 0usize;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = (cap + 1).saturating_sub(buf.len());
        buf.extend_from_slice(chunk.get(..take.min(room)).unwrap_or(&[]));
        input.consume(take);
        total += take;
        if done {
            return Ok(total);
        }
    }
}

/// Processes one physical line; `None` for a blank line.
pub fn process_line(
    analyzer: &Analyzer,
    format: Format,
    line_no: usize,
    line: &[u8],
) -> Option<(Value, bool)> {
    if line.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let limit = analyzer.options().effective_limit();
    if line.len() > line_cap(limit) {
        return Some((
            error_record(
                line_no,
                "INPUT_TOO_LARGE",
                format!(
                    "line is {} bytes; the limit is {limit} bytes of text",
                    line.len()
                ),
            ),
            false,
        ));
    }
    let v: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            return Some((
                error_record(line_no, "INVALID_JSON", format!("not valid JSON: {e}")),
                false,
            ))
        }
    };
    let Value::Object(obj) = v else {
        return Some((
            error_record(line_no, "INVALID_RECORD", "not a JSON object".to_string()),
            false,
        ));
    };
    let Some(id) = obj.get("id").and_then(Value::as_str) else {
        return Some((
            error_record(
                line_no,
                "INVALID_RECORD",
                "missing string \"id\"".to_string(),
            ),
            false,
        ));
    };
    let Some(text) = obj.get("text").and_then(Value::as_str) else {
        return Some((
            error_record(
                line_no,
                "INVALID_RECORD",
                format!("record {id:?}: missing string \"text\""),
            ),
            false,
        ));
    };
    match analyzer.analyze(text) {
        Ok(a) => {
            let rec = match format {
                Format::Attributions => attributions_record(id, &a),
                Format::Conflicts => conflicts_record(id, &a),
                Format::Analysis => {
                    let mut m = Map::new();
                    m.insert("id".to_string(), Value::String(id.to_string()));
                    // via the JSON text, not `to_value`: that widens the f32
                    // confidences (0.9 → 0.8999999761581421), so the record
                    // would differ from what `analyze` prints
                    let rest = serde_json::to_string(&a)
                        .ok()
                        .and_then(|s| serde_json::from_str::<Map<String, Value>>(&s).ok());
                    if let Some(rest) = rest {
                        m.extend(rest);
                    }
                    Value::Object(m)
                }
            };
            Some((rec, true))
        }
        Err(e) => Some((
            error_record(line_no, e.code(), format!("record {id:?}: {}", e.message())),
            false,
        )),
    }
}

/// Runs a batch from `input` to `output`.
pub fn run<R: BufRead, W: Write>(
    analyzer: &Analyzer,
    format: Format,
    mut input: R,
    mut output: W,
) -> io::Result<Stats> {
    let mut stats = Stats::default();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    // a line longer than this is an error whatever it holds: don't buffer it
    let cap = line_cap(analyzer.options().effective_limit());
    loop {
        buf.clear();
        let n = read_line_capped(&mut input, &mut buf, cap)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.len() < n && n > cap {
            let rec = error_record(
                line_no,
                "INPUT_TOO_LARGE",
                format!(
                    "line is over {cap} bytes; the limit is {} bytes of text",
                    analyzer.options().max_bytes
                ),
            );
            stats.failed += 1;
            serde_json::to_writer(&mut output, &rec)?;
            output.write_all(b"\n")?;
            continue;
        }
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if let Some((rec, ok)) = process_line(analyzer, format, line_no, &buf) {
            if ok {
                stats.ok += 1;
            } else {
                stats.failed += 1;
            }
            serde_json::to_writer(&mut output, &rec)?;
            output.write_all(b"\n")?;
        }
    }
    output.flush()?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Options;

    fn an(limit: usize) -> Analyzer {
        Analyzer::with_options(Options::with_limit(limit).unwrap())
    }

    fn err_code(v: &Value) -> &str {
        v["error"]["code"].as_str().unwrap_or("")
    }

    #[test]
    fn formats_parse() {
        assert_eq!(Format::parse("attributions"), Some(Format::Attributions));
        assert_eq!(Format::parse("conflicts"), Some(Format::Conflicts));
        assert_eq!(Format::parse("analysis"), Some(Format::Analysis));
        assert_eq!(Format::parse("Analysis"), None);
        assert_eq!(Format::parse(""), None);
    }

    #[test]
    fn options_limit() {
        assert_eq!(
            Options::with_limit(0).unwrap_err().code(),
            "INVALID_OPTIONS"
        );
        let a = an(10);
        assert_eq!(
            a.analyze("01234567890").unwrap_err().code(),
            "INPUT_TOO_LARGE"
        );
        assert!(a.analyze("0123456789").is_ok());
    }

    #[test]
    fn blank_lines_are_skipped() {
        let a = an(100);
        for l in [&b""[..], b"  ", b"\t \r"] {
            assert!(process_line(&a, Format::Attributions, 1, l).is_none());
        }
    }

    #[test]
    fn bad_lines_give_error_records_without_id() {
        let a = an(100);
        let cases: &[(&[u8], &str)] = &[
            (b"{", "INVALID_JSON"),
            (b"nope", "INVALID_JSON"),
            (b"{\"id\":\"a\",\"text\":\"\xff\"}", "INVALID_JSON"),
            (b"[1]", "INVALID_RECORD"),
            (b"null", "INVALID_RECORD"),
            (b"42", "INVALID_RECORD"),
            (b"{\"text\":\"t\"}", "INVALID_RECORD"),
            (b"{\"id\":1,\"text\":\"t\"}", "INVALID_RECORD"),
            (b"{\"id\":\"a\"}", "INVALID_RECORD"),
            (b"{\"id\":\"a\",\"text\":[\"t\"]}", "INVALID_RECORD"),
        ];
        for (line, code) in cases {
            let (v, ok) = process_line(&a, Format::Analysis, 42, line).unwrap();
            assert!(!ok);
            assert_eq!(err_code(&v), *code, "{}", String::from_utf8_lossy(line));
            assert_eq!(v["line"], 42);
            assert!(v.get("id").is_none());
            assert!(v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()));
        }
    }

    #[test]
    fn over_the_limit() {
        let a = an(10);
        let (v, ok) = process_line(
            &a,
            Format::Attributions,
            3,
            br#"{"id":"a","text":"01234567890"}"#,
        )
        .unwrap();
        assert!(!ok);
        assert_eq!(err_code(&v), "INPUT_TOO_LARGE");
        assert!(v.get("id").is_none());
        let (_, ok) = process_line(
            &a,
            Format::Attributions,
            3,
            br#"{"id":"a","text":"0123456789"}"#,
        )
        .unwrap();
        assert!(ok);
        // far too long to be worth parsing (even if it is not JSON)
        let long = vec![b'x'; line_cap(10) + 1];
        let (v, _) = process_line(&a, Format::Attributions, 1, &long).unwrap();
        assert_eq!(err_code(&v), "INPUT_TOO_LARGE");
    }

    #[test]
    fn good_records_in_every_format() {
        let a = an(1000);
        let line = r#"{"id":"s","text":"\u201cNo,\u201d she said.","x":1}"#;
        let (v, ok) = process_line(&a, Format::Attributions, 1, line.as_bytes()).unwrap();
        assert!(ok);
        assert_eq!(v["id"], "s");
        assert_eq!(v["attributions"][0]["content"][0][0], 0);
        assert!(v["attributions"][0]["source"].is_array());
        let (v, _) = process_line(&a, Format::Conflicts, 1, line.as_bytes()).unwrap();
        assert!(v["conflicts"].is_array());
        let (v, _) = process_line(&a, Format::Analysis, 1, line.as_bytes()).unwrap();
        assert_eq!(v["version"], 1);
        // the same numbers `analyze` prints (f32 confidences not widened)
        let direct = serde_json::to_string(&a.analyze("“No,” she said.").unwrap()).unwrap();
        let mut batch = v.as_object().unwrap().clone();
        batch.remove("id");
        let direct: Map<String, Value> = serde_json::from_str(&direct).unwrap();
        assert_eq!(batch, direct);
    }

    fn run_str(a: &Analyzer, input: &[u8]) -> (Vec<Value>, Stats) {
        let mut out = Vec::new();
        let stats = run(a, Format::Attributions, input, &mut out).unwrap();
        let lines = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (lines, stats)
    }

    #[test]
    fn run_numbers_physical_lines_and_counts() {
        let a = an(100);
        let input =
            b"{\"id\":\"a\",\"text\":\"x\"}\r\n\r\n\n{bad}\n  \n[]\n{\"id\":\"b\",\"text\":\"y\"}";
        let (out, stats) = run_str(&a, input);
        assert_eq!(stats, Stats { ok: 2, failed: 2 });
        assert_eq!(out.len(), 4);
        assert_eq!(out[0]["id"], "a");
        assert_eq!(out[1]["line"], 4);
        assert_eq!(out[2]["line"], 6);
        assert_eq!(out[3]["id"], "b");
        let (out, stats) = run_str(&a, b"");
        assert!(out.is_empty());
        assert_eq!(stats, Stats::default());
    }

    #[test]
    fn run_does_not_buffer_huge_lines() {
        let a = an(10);
        let mut input = vec![b'{'; 1_000_000];
        input.extend_from_slice(b"\n{\"id\":\"z\",\"text\":\"ok\"}\n");
        // a reader with a small buffer, as a pipe would give
        let r = std::io::BufReader::with_capacity(64, &input[..]);
        let mut out = Vec::new();
        let stats = run(&a, Format::Conflicts, r, &mut out).unwrap();
        assert_eq!(stats, Stats { ok: 1, failed: 1 });
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(err_code(&lines[0]), "INPUT_TOO_LARGE");
        assert_eq!(lines[0]["line"], 1);
        assert_eq!(lines[1]["id"], "z");
        // a line exactly at the cap is parsed, one byte over is not
        let mut buf = Vec::new();
        let mut r = &b"abcdef\nxy"[..];
        assert_eq!(read_line_capped(&mut r, &mut buf, 3).unwrap(), 7);
        assert_eq!(buf, b"abcd");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 3).unwrap(), 2);
        assert_eq!(buf, b"xy");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 3).unwrap(), 0);
    }
}
