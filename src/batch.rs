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
    let limit = analyzer.options().max_bytes;
    // the text alone may be up to the limit; JSON escaping can add a little
    if line.len() > limit.saturating_mul(2).saturating_add(4096) {
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
                    if let Ok(Value::Object(rest)) = serde_json::to_value(&a) {
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
    loop {
        buf.clear();
        let n = input.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        line_no += 1;
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
