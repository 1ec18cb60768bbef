//! Stage 1 — text: spans and character classes.
//!
//! Input: the article as `&str`. Output: nothing is rewritten; this module only
//! defines [`Span`] (a half-open byte range, `Copy`, always on char boundaries
//! when produced by this crate) and classifies the characters later stages care
//! about (quote marks, dashes, spaces).
//!
//! Invariant: every `Span` this crate produces satisfies `start <= end <= len`
//! and both ends lie on `char` boundaries, so `span.slice(text)` never fails.

use serde::ser::{Serialize, SerializeTuple, Serializer};

/// A half-open byte range `[start, end)` into the analysed text.
///
/// Slicing with [`Span::slice`] is safe: it returns `""` for a span that is out
/// of bounds or not on char boundaries instead of panicking.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A new span; `end` is clamped to be at least `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers, or `""` when it does not fit `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies within `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut t = serializer.serialize_tuple(2)?;
        t.serialize_element(&self.start)?;
        t.serialize_element(&self.end)?;
        t.end()
    }
}

/// Serialises a `&'static str` field as a unit variant named by it: serde_json writes the
/// same string, and serde-wasm-bindgen (the wasm hand-over) keeps one JS string per distinct
/// value (it caches unit-variant names) instead of decoding a new one every time — rule ids
/// repeat on every quote, mention, attribution and claim.
pub fn static_str<S: Serializer>(s: &&'static str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_unit_variant("", 0, s)
}

/// [`static_str`] for each element of a list.
pub fn static_strs<S: Serializer>(v: &[&'static str], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    struct One(&'static str);
    impl Serialize for One {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_unit_variant("", 0, self.0)
        }
    }
    let mut seq = serializer.serialize_seq(Some(v.len()))?;
    for s in v {
        seq.serialize_element(&One(s))?;
    }
    seq.end()
}

/// What a quote mark can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRole {
    /// Can open or close (`"`, `'`).
    Either,
    /// Opens only (`“`, `«`, `„`, `「`…).
    Open,
    /// Closes only (`”`, `»`, `」`…). `’` is special-cased as apostrophe-or-close.
    Close,
}

/// The family a quote mark belongs to: a closing mark must be of the same
/// family as its opener (double with double, single with single…).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteFamily {
    /// `" “ ” „ ‟`
    Double,
    /// `' ‘ ’ ‚ ‛`
    Single,
    /// `« »`
    Guillemet,
    /// `‹ ›`
    SingleGuillemet,
    /// `「 」`
    Corner,
    /// `『 』`
    WhiteCorner,
}

/// Classifies a quote mark: its family and role. `None` for other characters.
pub fn quote_mark(c: char) -> Option<(QuoteFamily, QuoteRole)> {
    use QuoteFamily::*;
    use QuoteRole::*;
    Some(match c {
        '"' | '＂' => (Double, Either),
        '“' => (Double, Either),
        '”' => (Double, Either),
        '„' | '‟' => (Double, Open),
        '\'' => (Single, Either),
        '‘' | '‛' => (Single, Either),
        '’' => (Single, Close),
        '‚' => (Single, Open),
        '«' => (Guillemet, Open),
        '»' => (Guillemet, Close),
        '‹' => (SingleGuillemet, Open),
        '›' => (SingleGuillemet, Close),
        '「' => (Corner, Open),
        '」' => (Corner, Close),
        '『' => (WhiteCorner, Open),
        '』' => (WhiteCorner, Close),
        _ => return None,
    })
}

/// True for any character [`quote_mark`] knows.
pub fn is_quote_mark(c: char) -> bool {
    quote_mark(c).is_some()
}

/// True for dashes used as punctuation (not the ASCII hyphen inside words).
pub fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒' | '−')
}

/// True for whitespace including NBSP and other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}'
}

/// Byte offset → UTF-16 code unit offset table for one document.
///
/// Built once per document in one pass; conversion of ascending or arbitrary
/// offsets is `O(log n)` each via a sparse table of non-ASCII characters, and
/// `O(1)` for all-ASCII text.
#[derive(Debug, Clone)]
pub struct Utf16Map {
    /// `(byte_offset_after_char, extra_units_so_far)` for each non-ASCII char:
    /// utf16 = byte - extra, where `extra` = bytes minus utf16 units before it.
    deltas: Vec<(usize, usize)>,
    len: usize,
    /// Where the last conversion ended in `deltas`: offsets mostly come in order (spans,
    /// list after list), so the next one is usually near.
    hint: std::cell::Cell<usize>,
}

impl Utf16Map {
    /// Builds the table for `text`.
    pub fn new(text: &str) -> Utf16Map {
        let mut deltas = Vec::new();
        if !text.is_ascii() {
            // (bytes, not chars: a char's UTF-8 length shows in its lead byte, and decoding
            // every char of the text was a visible part of an analysis in wasm)
            let bytes = text.as_bytes();
            let mut extra = 0usize;
            let mut i = 0usize;
            while let Some(&b) = bytes.get(i) {
                if b < 0x80 {
                    // skip ASCII a word at a time
                    let ascii = |w: &[u8]| {
                        w.first_chunk::<8>()
                            .is_some_and(|c| u64::from_ne_bytes(*c) & 0x8080_8080_8080_8080 == 0)
                    };
                    while bytes.get(i..).is_some_and(ascii) {
                        i += 8;
                    }
                    while bytes.get(i).is_some_and(|b| *b < 0x80) {
                        i += 1;
                    }
                    continue;
                }
                // 2 bytes → 1 unit, 3 → 1, 4 → 2 (a `str` holds only whole, valid chars)
                let (l8, l16) = match b {
                    0xf0.. => (4, 2),
                    0xe0.. => (3, 1),
                    _ => (2, 1),
                };
                extra += l8 - l16;
                i += l8;
                deltas.push((i, extra));
            }
        }
        Utf16Map {
            deltas,
            len: text.len(),
            hint: std::cell::Cell::new(0),
        }
    }

    /// Converts a byte offset (on a char boundary) to UTF-16 code units.
    pub fn convert(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        if self.deltas.is_empty() {
            return byte;
        }
        // number of entries with end <= byte: a galloping search from the hint
        let idx = partition_point_near(&self.deltas, self.hint.get(), |&(end, _)| end <= byte);
        self.hint.set(idx);
        let extra = if idx == 0 {
            0
        } else {
            self.deltas.get(idx - 1).map(|d| d.1).unwrap_or(0)
        };
        byte - extra
    }
}

/// `xs.partition_point(pred)`, searched from `hint` (a guess at the answer: the last one, when
/// queries move along the list): steps of 1, 2, 4 … away from it, then a binary search between
/// the last two steps — a few tests when the answer is near, at most about twice a binary
/// search's when it is not. `pred` must be true for a prefix of `xs` and false after it.
pub(crate) fn partition_point_near<T>(xs: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let below = |i: usize| xs.get(i).is_some_and(&pred);
    let n = xs.len();
    let h = hint.min(n);
    let (mut lo, mut hi) = if h == 0 || below(h - 1) {
        // the answer is at h or after it: steps 1, 2, 4 … forward
        let (mut lo, mut step) = (h, 1);
        while lo + step <= n && below(lo + step - 1) {
            lo += step;
            step *= 2;
        }
        (lo, (lo + step).min(n))
    } else {
        // before h: steps 1, 2, 4 … back
        let (mut hi, mut step) = (h - 1, 1);
        while hi >= step && !below(hi - step) {
            hi -= step;
            step *= 2;
        }
        (hi.saturating_sub(step), hi)
    };
    // entries before lo are below, entries at or after hi are not
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word hasher reads 8-byte little-endian words, then the zero-padded rest (build.rs
    /// computes the same hash for the lexicon table).
    #[test]
    fn word_hasher_reads_little_endian_words() {
        use std::hash::Hasher;
        let bytes: Vec<u8> = (1..=20u8).map(|b| b.wrapping_mul(37)).collect();
        for n in 0..=bytes.len() {
            let b = &bytes[..n];
            let mut h = super::WordHasher::default();
            h.write(b);
            let mut r = super::WordHasher::default();
            for chunk in b.chunks(8) {
                let mut v = 0u64;
                for (i, x) in chunk.iter().enumerate() {
                    v |= u64::from(*x) << (8 * i);
                }
                r.add(v);
            }
            assert_eq!(h.finish(), r.finish(), "{n} bytes");
        }
    }

    /// The keys decide every hash of text-keyed maps (in wasm the salt is their only secret:
    /// std's keys are fixed there), one state hashes consistently, and every default state of
    /// the process has the same keys (set once: the salt, or random ones on first use).
    #[test]
    fn text_hasher_absorbs_the_salt() {
        use std::hash::BuildHasher;
        let a = TextState::with_salt((1, 2));
        let b = TextState::with_salt((3, 4));
        assert_ne!(a.hash_one("Kislyak"), b.hash_one("Kislyak"));
        assert_eq!(a.hash_one("Kislyak"), a.clone().hash_one("Kislyak"));
        let (c, d) = (TextState::default(), TextState::default());
        assert_eq!(c.hash_one("Kislyak"), d.hash_one("Kislyak"));
        assert_eq!(Some(&c.keys), SALT.get());
        assert!(!set_hash_salt((7, 8)), "the keys are set once");
        assert_eq!(TextState::default().keys, c.keys);
    }

    #[test]
    fn span_slice_is_safe() {
        let t = "héllo";
        assert_eq!(Span::new(0, 1).slice(t), "h");
        assert_eq!(Span::new(1, 2).slice(t), ""); // inside é
        assert_eq!(Span::new(0, 99).slice(t), "");
        assert_eq!(Span::new(3, 1).len(), 0);
    }

    #[test]
    fn quote_marks_classified() {
        for c in [
            '"', '“', '”', '\'', '‘', '’', '«', '»', '„', '‚', '「', '」', '『', '』',
        ] {
            assert!(is_quote_mark(c), "{c}");
        }
        assert!(!is_quote_mark('a'));
        assert!(is_dash('—'));
        assert!(!is_dash('-'));
    }

    #[test]
    fn utf16_map_matches_encode() {
        let long = "a “b” é 😀 ".repeat(40);
        // ASCII runs of every length around the 8-byte steps, between non-ASCII chars
        let runs: String = (0..20)
            .map(|n| format!("{}{}", "x".repeat(n), ["é", "“", "😀", "漢"][n % 4]))
            .collect();
        for t in [
            "plain ascii",
            "é “curly” 😀 漢字 e\u{301}",
            "😀😀",
            "",
            &long,
            &runs,
            "ascii then one at the end: 😀",
            "ascii of exactly sixteen…",
        ] {
            let m = Utf16Map::new(t);
            let mut at: Vec<usize> = t.char_indices().map(|(i, _)| i).collect();
            at.push(t.len());
            // in order, backwards, and jumping about (the search starts where the last ended)
            let mut order = at.clone();
            order.extend(at.iter().rev());
            order.extend(at.iter().step_by(7).chain(at.iter().rev().step_by(3)));
            for i in order {
                let expect = t.get(..i).map(|p| p.encode_utf16().count()).unwrap_or(0);
                assert_eq!(m.convert(i), expect, "{t:?} at {i}");
            }
        }
    }

    /// `lowercase_into` is `str::to_lowercase`, buffer reused: ASCII, non-ASCII (case pairs,
    /// chars whose lower case is longer, "İ"), and the context rule of a capital sigma. (A
    /// char-by-char version without the new string measured slower than std's.)
    #[test]
    fn lowercase_into_is_to_lowercase() {
        let mut buf = String::from("left over");
        for s in [
            "",
            "ABC def",
            "Ünïcödé ÉTÉ",
            "İstanbul",
            "KELVIN \u{212A}",
            "ΟΔΥΣΣΕΥΣ",
            "Σ",
            "ΑΣ Σ.",
            "’S “Quote”",
            "ǅ ǈ ǋ",
            "ẞ STRASSE",
            "ＡＢＣ",
        ] {
            assert_eq!(lowercase_into(&mut buf, s), s.to_lowercase(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lowercase_into_matches_std(s in "\\PC{0,40}") {
            let mut buf = String::new();
            proptest::prop_assert_eq!(lowercase_into(&mut buf, &s), s.to_lowercase());
        }

        #[test]
        fn partition_point_near_is_partition_point(
            mut xs in proptest::collection::vec(0u32..64, 0..80),
            x in 0u32..70,
            hint in 0usize..100,
        ) {
            xs.sort_unstable();
            proptest::prop_assert_eq!(
                partition_point_near(&xs, hint, |&v| v < x),
                xs.partition_point(|&v| v < x)
            );
        }
    }

    #[test]
    fn partition_point_near_edges() {
        let xs = [1, 3, 3, 5, 8];
        for hint in 0..8 {
            for x in 0..10 {
                assert_eq!(
                    partition_point_near(&xs, hint, |&v| v < x),
                    xs.partition_point(|&v| v < x),
                    "hint {hint}, x {x}"
                );
            }
        }
        assert_eq!(partition_point_near(&[] as &[u32], 3, |_| true), 0);
    }
}

/// A fast hasher (the Fx multiply-rotate scheme) for maps whose keys are
/// fixed word lists compiled into the program. Maps keyed by article text
/// keep the standard (randomly seeded) hasher, so crafted input cannot force
/// collisions.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordHasher {
    hash: u64,
}

impl WordHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        // little-endian words of 8 bytes (one load each), then the rest, zero-padded
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            if let Ok(w) = <[u8; 8]>::try_from(chunk) {
                self.add(u64::from_le_bytes(w));
            }
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = 0u64;
            for (i, b) in rest.iter().enumerate() {
                v |= u64::from(*b) << (8 * i);
            }
            self.add(v);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // the product's high bits depend on every input bit below them; bring them down
        // to the low bits the table indexes by (otherwise words sharing their first two
        // bytes would share a probe sequence)
        self.hash.rotate_left(26)
    }
}

/// For maps whose keys are already hash values (from a seeded hasher): the key is the hash.
#[derive(Clone, Copy, Debug, Default)]
pub struct PreHasher {
    hash: u64,
}

impl std::hash::Hasher for PreHasher {
    fn write(&mut self, bytes: &[u8]) {
        // only u64 keys are expected; anything else is still hashed (Fx-style)
        for &b in bytes {
            self.hash =
                (self.hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.hash = i;
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

/// [`PreHasher`] as a `BuildHasher`.
pub type PreHashed = std::hash::BuildHasherDefault<PreHasher>;

/// `s.to_lowercase()` into `buf` (replacing its contents; no allocation for ASCII once `buf`
/// is large enough).
pub fn lowercase_into<'b>(buf: &'b mut String, s: &str) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&s.to_lowercase());
    }
    buf
}

/// The hasher of maps keyed by article text: SipHash-1-3 (std's algorithm) with keys no input
/// can predict, so a crafted text cannot force collisions. Natively the keys come from std's
/// `RandomState` (random per process); on `wasm32-unknown-unknown` std has no entropy source
/// and its keys are fixed, so the keys are a 128-bit secret drawn once from
/// `crypto.getRandomValues` when the wasm module starts ([`set_hash_salt`], called by `wasm.rs`).
#[derive(Clone, Debug)]
pub struct TextState {
    keys: (u64, u64),
}

impl Default for TextState {
    /// The process's keys: [`set_hash_salt`]'s, or drawn once from std's `RandomState` (so that
    /// every map of the process hashes a string alike: the claim stage's form cache looks forms
    /// up by the hash the `Doc` computed for them).
    fn default() -> TextState {
        let keys = *SALT.get_or_init(|| {
            use std::hash::BuildHasher;
            let r = std::collections::hash_map::RandomState::new();
            (r.hash_one(0u8), r.hash_one(1u8))
        });
        TextState { keys }
    }
}

impl TextState {
    /// A state with the given keys (tests; the maps take [`set_hash_salt`]'s, or random ones).
    pub fn with_salt(keys: (u64, u64)) -> TextState {
        TextState { keys }
    }
}

impl std::hash::BuildHasher for TextState {
    type Hasher = siphasher::sip::SipHasher13;
    fn build_hasher(&self) -> Self::Hasher {
        siphasher::sip::SipHasher13::new_with_keys(self.keys.0, self.keys.1)
    }
}

static SALT: std::sync::OnceLock<(u64, u64)> = std::sync::OnceLock::new();

/// Sets the secret keys of [`TextState`] (once, before any map keyed by text is made; later
/// calls change nothing and return false).
pub fn set_hash_salt(salt: (u64, u64)) -> bool {
    SALT.set(salt).is_ok()
}

/// A map keyed by article text ([`TextState`]).
pub type TextMap<K, V> = std::collections::HashMap<K, V, TextState>;
/// A set of article text ([`TextState`]).
pub type TextSet<K> = std::collections::HashSet<K, TextState>;

/// A map keyed by compiled-in words.
pub type WordMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<WordHasher>>;
/// A set of compiled-in words.
pub type WordSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<WordHasher>>;

/// A compiled-in word list with constant-time membership (the set is built on first use).
pub struct WordList {
    words: &'static [&'static str],
    set: std::sync::OnceLock<WordSet<&'static str>>,
}

impl WordList {
    /// A list of `words`.
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// True when `w` is one of the words (exact, case-sensitive).
    pub fn contains(&self, w: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(w)
    }
}
