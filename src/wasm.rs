//! The wasm boundary (a thin leaf): `analyze(text, options?)` → plain object
//! with every offset in UTF-16 code units of the exact JS string; `version()`.
//! Errors are thrown as JS `Error`s whose message starts with a stable code
//! (`INPUT_TOO_LARGE: …`, `INVALID_OPTIONS: …`).
//!
//! Offsets: the JS string arrives as UTF-8 (a lone surrogate becomes U+FFFD,
//! which is one UTF-16 unit either way, so offsets still line up with the
//! original string); one [`Utf16Map`] per document converts them back.

use crate::analysis::{Analyzer, Options};
use crate::error::Error;
use crate::text::Utf16Map;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fn analyzer() -> &'static Analyzer {
    ANALYZER.get_or_init(|| Analyzer::with_options(Options::default()))
}

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A half-open range `[start, end)` in UTF-16 code units of the analysed string. */
export type Span = [number, number];
export interface AnalyzeOptions {
  /** Add `paragraphs` and `sentences` (default false). */
  detail?: boolean;
  /** Largest accepted input in UTF-8 bytes (default and maximum 16 MiB). */
  maxBytes?: number;
}
export interface Quote { id: number; span: Span; inner: Span; kind: "speech" | "scare" | "title"; rule: string; [k: string]: unknown }
export interface Entity { id: number; name: string; kind: "person" | "organization" | "group" | "role" | "other"; attributes: string[]; [k: string]: unknown }
export interface Mention { id: number; span: Span; entity: number | null; [k: string]: unknown }
export interface Attribution {
  id: number; source: number | null; speaker: number | null; cue: Span | null; content: Span[];
  kind: "direct" | "mixed" | "indirect"; rule: string; confidence: number; [k: string]: unknown
}
export interface Claim {
  id: number; span: Span; attribution: number | null; speaker: number | null; stance: string;
  negated: boolean; hedged: boolean; time: Span[]; quantities: Span[]; rule: string; [k: string]: unknown
}
export interface Conflict {
  id: number; a: number; b: number;
  kind: "denial_vs_report" | "assertion_vs_denial" | "self_contradiction" | "numeric_or_date_mismatch" | "claim_vs_record" | "other" | "disagreement";
  confidence: "high" | "medium" | "low"; rule: string; explanation: string; [k: string]: unknown
}
export interface Warning { code: string; span: Span | null; message: string }
export interface Analysis {
  version: number; unit: "utf16"; paragraphs: Span[]; sentences: Span[]; quotes: Quote[]; entities: Entity[];
  mentions: Mention[]; attributions: Attribution[]; claims: Claim[]; conflicts: Conflict[];
  disagreements: Conflict[]; warnings: Warning[];
}
"#;

/// Installs the panic hook and draws the secret keys of the hasher of text-keyed maps (runs
/// once, when the module is instantiated).
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    console_error_panic_hook::set_once();
    crate::text::set_hash_salt(random_salt());
}

/// 128 random bits from `crypto.getRandomValues` (pages, workers, extensions and Node all have
/// it); `Math.random` if it is missing. std's hash keys are fixed on this target.
fn random_salt() -> (u64, u64) {
    let from_crypto = || -> Option<Vec<u32>> {
        let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?;
        let get = js_sys::Reflect::get(&crypto, &JsValue::from_str("getRandomValues"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let buf = js_sys::Uint32Array::new_with_length(4);
        get.call1(&crypto, &buf).ok()?;
        Some(buf.to_vec())
    };
    let words = from_crypto().unwrap_or_else(|| {
        (0..4)
            .map(|_| (js_sys::Math::random() * 4_294_967_296.0) as u32)
            .collect()
    });
    let w = |i: usize| u64::from(words.get(i).copied().unwrap_or(0));
    (w(0) << 32 | w(1), w(2) << 32 | w(3))
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn js_error(code: &str, msg: &str) -> JsValue {
    js_sys::Error::new(&format!("{code}: {msg}")).into()
}

fn from_error(e: &Error) -> JsValue {
    js_error(e.code(), e.message())
}

/// Parsed `options`.
struct JsOptions {
    detail: bool,
    max_bytes: Option<usize>,
}

fn parse_options(options: &JsValue) -> Result<JsOptions, JsValue> {
    let mut out = JsOptions {
        detail: false,
        max_bytes: None,
    };
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    if !options.is_object() || js_sys::Array::is_array(options) {
        return Err(js_error("INVALID_OPTIONS", "options must be an object"));
    }
    let get = |key: &str| js_sys::Reflect::get(options, &JsValue::from_str(key));
    let detail = get("detail").unwrap_or(JsValue::UNDEFINED);
    if !detail.is_undefined() {
        out.detail = detail
            .as_bool()
            .ok_or_else(|| js_error("INVALID_OPTIONS", "options.detail must be a boolean"))?;
    }
    let max = get("maxBytes").unwrap_or(JsValue::UNDEFINED);
    if !max.is_undefined() {
        let n = max.as_f64().unwrap_or(f64::NAN);
        if !(n.is_finite() && n >= 1.0 && n.fract() == 0.0) {
            return Err(js_error(
                "INVALID_OPTIONS",
                "options.maxBytes must be a positive integer",
            ));
        }
        // Saturating float → int cast; a limit above the engine's is clamped below.
        out.max_bytes = Some(n as usize);
    }
    Ok(out)
}

/// Analyses `text`; every offset in the result is in UTF-16 code units.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "AnalyzeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let opts = parse_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let engine = analyzer();
    if let Some(limit) = opts.max_bytes {
        // A caller limit can only tighten the engine's own.
        let limit = limit.min(engine.options().max_bytes);
        if text.len() > limit {
            return Err(from_error(&Error::too_large(text.len(), limit)));
        }
    }
    let mut a = engine.analyze(text).map_err(|e| from_error(&e))?;
    let map = Utf16Map::new(text);
    a.map_offsets(|b| map.convert(b));
    a.unit = "utf16";
    if !opts.detail {
        a.paragraphs.clear();
        a.sentences.clear();
    }
    // each field on a tape (src/tape.rs) that src/tape.js turns into objects in one call: no
    // call across the boundary per value, no JSON text in wasm memory, and a field's Rust
    // data is freed once it is handed over
    let mut sink = JsSink {
        out: js_sys::Object::new(),
        tape: crate::tape::Tape::default(),
    };
    a.into_parts(&mut sink)?;
    Ok(sink.out.into())
}

/// Builds the result object field by field.
struct JsSink {
    out: js_sys::Object,
    tape: crate::tape::Tape,
}

impl crate::analysis::PartSink for JsSink {
    type Error = JsValue;
    fn part<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), JsValue> {
        let t = &mut self.tape;
        t.clear();
        value
            .serialize(&mut *t)
            .map_err(|e| js_error("INTERNAL", &e.to_string()))?;
        let v = decode_tape(&t.words, &t.numbers, &t.text, &t.ends);
        js_sys::Reflect::set(&self.out, &JsValue::from_str(name), &v)?;
        Ok(())
    }
}

#[wasm_bindgen(module = "/src/tape.js")]
extern "C" {
    fn decode_tape(words: &[u32], numbers: &[f64], text: &str, ends: &[u32]) -> JsValue;
}
