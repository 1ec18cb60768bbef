//! A compact "tape" of any `Serialize` value, for the hand-over to JS: one array of `u32`
//! words, one of `f64`s and one string table, read by a small JS decoder (`src/tape.js`)
//! that builds the same plain objects `JSON.parse` would give for the value's JSON — with no
//! call across the wasm boundary per value (`serde-wasm-bindgen` makes several per value).
//!
//! Word layout: the low 3 bits are a tag, the other 29 bits its payload:
//!
//! | tag | value | payload |
//! | --- | --- | --- |
//! | 0 | `null` (`None`, unit) | — |
//! | 1 | boolean | 0 or 1 |
//! | 2 | integer below 2²⁹ | the integer |
//! | 3 | any other number | index in the numbers |
//! | 4 | string | index in the string table |
//! | 5 | array | its length; the elements follow |
//! | 6 | object | its number of fields; each field is a word with the key's string index, then the value |
//!
//! The string table is one text plus, per string, its end in UTF-16 code units (so JS slices
//! it with `substring`). Strings that live for the whole program (field names, rule ids) are
//! stored once, keyed by address; others once each time they occur.
//!
//! Serialisation follows `serde_json`'s data model: enums as `"Variant"` or
//! `{"Variant": value}`, map keys as strings, non-finite floats kept as numbers (JS `NaN`, as
//! the earlier `serde-wasm-bindgen` hand-over did).

use crate::text::WordMap;
use serde::ser::{self, Serialize};
use std::fmt;

const NULL: u32 = 0;
const BOOL: u32 = 1;
const UINT: u32 = 2;
const NUM: u32 = 3;
const STR: u32 = 4;
const ARR: u32 = 5;
const OBJ: u32 = 6;

/// Largest integer stored in a word of its own.
const MAX_INLINE: u64 = (1 << 29) - 1;

/// A value on tape (see the module documentation).
#[derive(Debug, Default)]
pub struct Tape {
    /// Tagged words.
    pub words: Vec<u32>,
    /// Numbers that do not fit in a word.
    pub numbers: Vec<f64>,
    /// The strings, one after another.
    pub text: String,
    /// End of each string in `text`, in UTF-16 code units.
    pub ends: Vec<u32>,
    /// UTF-16 length of `text` so far.
    units: u32,
    /// String index of each `'static` string already stored, by address and length (keys
    /// are the program's own addresses, not input: the fast unseeded hasher is fine).
    statics: WordMap<(usize, usize), u32>,
    /// A direct-mapped cache in front of `statics`, by address: (address, length, index).
    /// The same few field names and rule ids come back for every object.
    recent: Vec<(usize, usize, u32)>,
}

/// Entries of [`Tape::recent`] (a power of two).
const RECENT: usize = 256;

/// Why a value could not be put on tape.
#[derive(Debug)]
pub struct TapeError(String);

impl fmt::Display for TapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TapeError {}

impl ser::Error for TapeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TapeError(msg.to_string())
    }
}

/// Writes `value` on a new tape.
pub fn to_tape<T: Serialize + ?Sized>(value: &T) -> Result<Tape, TapeError> {
    let mut tape = Tape::default();
    value.serialize(&mut tape)?;
    Ok(tape)
}

impl Tape {
    /// Empties the tape for the next value (keeping its buffers).
    pub fn clear(&mut self) {
        self.words.clear();
        self.numbers.clear();
        self.text.clear();
        self.ends.clear();
        self.units = 0;
        self.statics.clear();
        self.recent.clear();
    }

    fn word(&mut self, tag: u32, payload: u32) {
        self.words.push(payload << 3 | tag);
    }

    fn too_long(n: usize) -> Result<u32, TapeError> {
        u32::try_from(n)
            .ok()
            .filter(|&n| u64::from(n) <= MAX_INLINE)
            .ok_or_else(|| TapeError(format!("a list of {n} items is too long for the tape")))
    }

    /// Index of a new string in the table.
    fn push_str(&mut self, s: &str) -> Result<u32, TapeError> {
        let units = if s.is_ascii() {
            s.len()
        } else {
            s.encode_utf16().count()
        };
        self.units = u32::try_from(units)
            .ok()
            .and_then(|u| self.units.checked_add(u))
            .ok_or_else(|| TapeError("the result's strings are too long for the tape".into()))?;
        self.text.push_str(s);
        let id = Self::too_long(self.ends.len())?;
        self.ends.push(self.units);
        Ok(id)
    }

    /// Index of a `'static` string, stored once.
    #[inline]
    fn static_str(&mut self, s: &'static str) -> Result<u32, TapeError> {
        let key = (s.as_ptr() as usize, s.len());
        let slot = (key.0 ^ key.0 >> 8) % RECENT;
        if let Some(&(a, n, id)) = self.recent.get(slot) {
            if (a, n) == key {
                return Ok(id);
            }
        }
        self.static_str_missed(s, key, slot)
    }

    /// [`Tape::static_str`] when the cache misses (apart, so that the hit stays a few
    /// instructions).
    #[cold]
    #[inline(never)]
    fn static_str_missed(
        &mut self,
        s: &'static str,
        key: (usize, usize),
        slot: usize,
    ) -> Result<u32, TapeError> {
        let id = match self.statics.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.push_str(s)?;
                self.statics.insert(key, id);
                id
            }
        };
        if self.recent.is_empty() {
            // (no entry matches: a string is never at address 0)
            self.recent.resize(RECENT, (0, 0, 0));
        }
        if let Some(e) = self.recent.get_mut(slot) {
            *e = (key.0, key.1, id);
        }
        Ok(id)
    }

    fn number(&mut self, x: f64) {
        let id = self.numbers.len() as u32;
        self.numbers.push(x);
        self.word(NUM, id);
    }

    fn unsigned(&mut self, v: u64) {
        if v <= MAX_INLINE {
            self.word(UINT, v as u32);
        } else {
            self.number(v as f64);
        }
    }

    fn signed(&mut self, v: i64) {
        match u64::try_from(v) {
            Ok(u) => self.unsigned(u),
            Err(_) => self.number(v as f64),
        }
    }

    /// Opens a list or object whose length is patched in by [`Tape::close`].
    fn open(&mut self, tag: u32) -> Compound<'_> {
        let at = self.words.len();
        self.word(tag, 0);
        Compound {
            tape: self,
            at,
            n: 0,
        }
    }

    /// `{"variant": …}` around an enum's content: the outer object is closed by the
    /// compound that follows.
    fn variant_wrapper(&mut self, variant: &'static str) -> Result<(), TapeError> {
        self.word(OBJ, 1);
        let k = self.static_str(variant)?;
        self.words.push(k);
        Ok(())
    }
}

/// An open list or object.
pub struct Compound<'t> {
    tape: &'t mut Tape,
    at: usize,
    n: usize,
}

impl Compound<'_> {
    fn close(self) -> Result<(), TapeError> {
        let n = Tape::too_long(self.n)?;
        if let Some(w) = self.tape.words.get_mut(self.at) {
            *w |= n << 3;
        }
        Ok(())
    }

    fn key(&mut self, key: &'static str) -> Result<(), TapeError> {
        let k = self.tape.static_str(key)?;
        self.tape.words.push(k);
        self.n += 1;
        Ok(())
    }
}

/// The integer methods of the tape's serializer: each widened to `i64` / `u64`.
macro_rules! numbers {
    (signed: $($s:ident($st:ty)),*; unsigned: $($u:ident($ut:ty)),*) => {
        $(fn $s(self, v: $st) -> Result<(), TapeError> {
            self.signed(v.into());
            Ok(())
        })*
        $(fn $u(self, v: $ut) -> Result<(), TapeError> {
            self.unsigned(v.into());
            Ok(())
        })*
    };
}

/// Map-key methods that write the value out as a string (as JSON keys are).
macro_rules! written_out {
    ($($f:ident($t:ty)),*) => {
        $(fn $f(self, v: $t) -> Result<String, TapeError> {
            Ok(v.to_string())
        })*
    };
}

impl<'t> ser::Serializer for &'t mut Tape {
    type Ok = ();
    type Error = TapeError;
    type SerializeSeq = Compound<'t>;
    type SerializeTuple = Compound<'t>;
    type SerializeTupleStruct = Compound<'t>;
    type SerializeTupleVariant = Compound<'t>;
    type SerializeMap = Compound<'t>;
    type SerializeStruct = Compound<'t>;
    type SerializeStructVariant = Compound<'t>;

    fn serialize_bool(self, v: bool) -> Result<(), TapeError> {
        self.word(BOOL, u32::from(v));
        Ok(())
    }
    numbers!(
        signed: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64);
        unsigned: serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64)
    );
    fn serialize_f32(self, v: f32) -> Result<(), TapeError> {
        self.number(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), TapeError> {
        self.number(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), TapeError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), TapeError> {
        let id = self.push_str(v)?;
        self.word(STR, id);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), TapeError> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Result<(), TapeError> {
        self.word(NULL, 0);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), TapeError> {
        self.word(NULL, 0);
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), TapeError> {
        self.word(NULL, 0);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), TapeError> {
        let id = self.static_str(variant)?;
        self.word(STR, id);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.variant_wrapper(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'t>, TapeError> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Compound<'t>, TapeError> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Compound<'t>, TapeError> {
        Ok(self.open(ARR))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'t>, TapeError> {
        self.variant_wrapper(variant)?;
        Ok(self.open(ARR))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'t>, TapeError> {
        Ok(self.open(OBJ))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Compound<'t>, TapeError> {
        Ok(self.open(OBJ))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'t>, TapeError> {
        self.variant_wrapper(variant)?;
        Ok(self.open(OBJ))
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        self.n += 1;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

/// Tuples, tuple structs and tuple variants are written as lists (as `serde_json` writes
/// them): their elements go through [`ser::SerializeSeq`].
macro_rules! as_list {
    ($($tr:ident :: $method:ident),*) => {
        $(impl ser::$tr for Compound<'_> {
            type Ok = ();
            type Error = TapeError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
                ser::SerializeSeq::serialize_element(self, value)
            }
            fn end(self) -> Result<(), TapeError> {
                self.close()
            }
        })*
    };
}

as_list!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TapeError> {
        let k = key.serialize(KeySerializer)?;
        let id = self.tape.push_str(&k)?;
        self.tape.words.push(id);
        self.n += 1;
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), TapeError> {
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        self.key(key)?;
        value.serialize(&mut *self.tape)
    }
    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = TapeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TapeError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<(), TapeError> {
        self.close()
    }
}

/// Map keys as JSON has them: strings (numbers and booleans written out).
struct KeySerializer;

fn key_error() -> TapeError {
    TapeError("a map key must be a string, a number or a boolean".into())
}

impl ser::Serializer for KeySerializer {
    type Ok = String;
    type Error = TapeError;
    type SerializeSeq = ser::Impossible<String, TapeError>;
    type SerializeTuple = ser::Impossible<String, TapeError>;
    type SerializeTupleStruct = ser::Impossible<String, TapeError>;
    type SerializeTupleVariant = ser::Impossible<String, TapeError>;
    type SerializeMap = ser::Impossible<String, TapeError>;
    type SerializeStruct = ser::Impossible<String, TapeError>;
    type SerializeStructVariant = ser::Impossible<String, TapeError>;

    written_out!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64)
    );
    fn serialize_f32(self, _v: f32) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_f64(self, _v: f64) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_char(self, v: char) -> Result<String, TapeError> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<String, TapeError> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_none(self) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _v: &T) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_unit(self) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<String, TapeError> {
        Ok(variant.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<String, TapeError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<String, TapeError> {
        Err(key_error())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, TapeError> {
        Err(key_error())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, TapeError> {
        Err(key_error())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, TapeError> {
        Err(key_error())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, TapeError> {
        Err(key_error())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, TapeError> {
        Err(key_error())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, TapeError> {
        Err(key_error())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, TapeError> {
        Err(key_error())
    }
}

/// The string table, sliced at its UTF-16 ends as the JS decoder does.
fn strings(tape: &Tape) -> Option<Vec<String>> {
    let units: Vec<u16> = tape.text.encode_utf16().collect();
    let mut start = 0usize;
    let mut out = Vec::with_capacity(tape.ends.len());
    for &end in &tape.ends {
        out.push(String::from_utf16(units.get(start..end as usize)?).ok()?);
        start = end as usize;
    }
    Some(out)
}

/// Reads a tape back as a JSON value: what the JS decoder does, for tests.
pub fn to_json(tape: &Tape) -> Option<serde_json::Value> {
    let strings = strings(tape)?;
    fn value(t: &Tape, s: &[String], pos: &mut usize) -> Option<serde_json::Value> {
        use serde_json::Value;
        let w = *t.words.get(*pos)?;
        *pos += 1;
        let (tag, p) = (w & 7, w >> 3);
        Some(match tag {
            NULL => Value::Null,
            BOOL => Value::Bool(p != 0),
            UINT => Value::from(p),
            NUM => {
                let x = *t.numbers.get(p as usize)?;
                // integers as JSON writes them (JS has one number type)
                if x.fract() == 0.0 && x.abs() < 9.0e15 {
                    Value::from(x as i64)
                } else {
                    Value::from(x)
                }
            }
            STR => Value::String(s.get(p as usize)?.clone()),
            ARR => Value::Array(
                (0..p)
                    .map(|_| value(t, s, pos))
                    .collect::<Option<Vec<_>>>()?,
            ),
            OBJ => {
                let mut m = serde_json::Map::new();
                for _ in 0..p {
                    let k = *t.words.get(*pos)?;
                    *pos += 1;
                    let v = value(t, s, pos)?;
                    m.insert(s.get(k as usize)?.clone(), v);
                }
                Value::Object(m)
            }
            _ => return None,
        })
    }
    let mut pos = 0;
    let v = value(tape, &strings, &mut pos)?;
    (pos == tape.words.len()).then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tup(u8, bool),
        Rec { a: Option<u8> },
    }

    #[derive(serde::Serialize)]
    struct S {
        n: u64,
        big: u64,
        neg: i32,
        x: f64,
        s: String,
        t: &'static str,
        e: Vec<E>,
        m: std::collections::BTreeMap<u32, (char, ())>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
    }

    /// Every shape of the serde data model reads back as `serde_json` writes it.
    #[test]
    fn tape_reads_back_as_json() {
        let v = S {
            n: MAX_INLINE,
            big: MAX_INLINE + 1,
            neg: -7,
            x: 0.6,
            s: "“Crème” 𝄞".into(),
            t: "rule.a",
            e: vec![E::Unit, E::New(3), E::Tup(1, true), E::Rec { a: None }],
            m: [(1, ('é', ())), (20, ('x', ()))].into_iter().collect(),
            skipped: None,
        };
        let tape = to_tape(&v).unwrap();
        assert_eq!(to_json(&tape).unwrap(), serde_json::to_value(&v).unwrap());
        // field names and variant names are stored once however often they occur; other
        // strings each time
        let twice = to_tape(&[&v, &v]).unwrap();
        assert_eq!(twice.text.matches("big").count(), 1);
        assert_eq!(twice.text.matches("Unit").count(), 1);
        assert_eq!(twice.text.matches("rule.a").count(), 2);
    }

    /// A whole analysis (seed article) reads back as its JSON, also handed over field by
    /// field ([`crate::analysis::Analysis::into_parts`], what the wasm `analyze` does), with
    /// the fields in the order of the serialised object.
    #[test]
    fn analysis_reads_back_as_json() {
        let text = include_str!("../tests/golden/attribution/sessions.txt");
        let a = crate::Analyzer::new().analyze(text).unwrap();
        let whole = to_tape(&a).unwrap();
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(to_json(&whole).unwrap(), json);
        // the top-level keys in the order they were written
        let mut order = Vec::new();
        let (mut pos, n) = (1usize, whole.words[0] >> 3);
        let strings = strings(&whole).unwrap();
        let skip = |pos: &mut usize| {
            // skip one value
            fn go(w: &[u32], pos: &mut usize) {
                let x = w[*pos];
                *pos += 1;
                match x & 7 {
                    ARR => (0..x >> 3).for_each(|_| go(w, pos)),
                    OBJ => (0..x >> 3).for_each(|_| {
                        *pos += 1;
                        go(w, pos)
                    }),
                    _ => {}
                }
            }
            go(&whole.words, pos)
        };
        for _ in 0..n {
            order.push(strings[whole.words[pos] as usize].to_string());
            pos += 1;
            skip(&mut pos);
        }
        struct Sink(Vec<(String, serde_json::Value)>, Tape);
        impl crate::analysis::PartSink for Sink {
            type Error = TapeError;
            fn part<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                v: &T,
            ) -> Result<(), TapeError> {
                self.1.clear();
                v.serialize(&mut self.1)?;
                self.0.push((name.to_string(), to_json(&self.1).unwrap()));
                Ok(())
            }
        }
        let mut sink = Sink(Vec::new(), Tape::default());
        a.into_parts(&mut sink).unwrap();
        assert_eq!(
            sink.0.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
            order
        );
        for (k, v) in &sink.0 {
            assert_eq!(Some(v), json.get(k), "{k}");
        }
    }
}
