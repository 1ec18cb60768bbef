//! The wasm boundary (a thin leaf): `analyze(text, options?)` → plain object
//! with every offset in UTF-16 code units of the exact JS string; `version()`.
//! Errors are thrown as JS `Error`s whose message starts with a stable code.

use crate::analysis::{Analyzer, Options};
use crate::text::Utf16Map;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

static ANALYZER: OnceLock<Analyzer> = OnceLock::new();

fn analyzer() -> &'static Analyzer {
    ANALYZER.get_or_init(|| Analyzer::with_options(Options::default()))
}

/// Installs the panic hook and compiles the lexicons.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn js_error(code: &str, msg: &str) -> JsValue {
    js_sys::Error::new(&format!("{code}: {msg}")).into()
}

/// Analyses `text`; offsets are UTF-16 code units.
#[wasm_bindgen]
pub fn analyze(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let mut detail = false;
    if !options.is_undefined() && !options.is_null() {
        if !options.is_object() {
            return Err(js_error("INVALID_OPTIONS", "options must be an object"));
        }
        let d = js_sys::Reflect::get(&options, &JsValue::from_str("detail"))
            .unwrap_or(JsValue::UNDEFINED);
        if !d.is_undefined() {
            detail = d
                .as_bool()
                .ok_or_else(|| js_error("INVALID_OPTIONS", "options.detail must be a boolean"))?;
        }
    }
    let mut a = analyzer()
        .analyze(text)
        .map_err(|e| js_error(e.code(), e.message()))?;
    let map = Utf16Map::new(text);
    a.map_offsets(|b| map.convert(b));
    a.unit = "utf16";
    if !detail {
        a.paragraphs.clear();
        a.sentences.clear();
    }
    let json = serde_json::to_string(&a).map_err(|e| js_error("INTERNAL", &e.to_string()))?;
    js_sys::JSON::parse(&json)
}
