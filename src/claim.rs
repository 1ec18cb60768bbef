//! Stage 6 — claims: what each source claims.
//!
//! Input: the [`Doc`], the attributions and the entity registry. Output:
//! [`Claim`]s in text order:
//! - `claim.attribution` — every attribution's content, split into
//!   sentence-sized (and clause-sized, at `, and I …` / `;`) pieces, so that a
//!   multi-sentence quote yields one claim per sentence;
//! - `claim.narrator` — a sentence of the article's own voice that no
//!   attribution touches (clauses, as above).
//!
//! Each claim carries its source, the cue's stance, polarity (`negated`:
//! not/never/no/n't, negative predicates such as "asleep", "against", and
//! the cue "deny"), hedging/modality, time expressions and quantities
//! (scanners in [`crate::pattern`] on the claim's own short span only), and — internally, for
//! the conflict stage — the predicate classes, content stems and
//! participants (entities and their attributes, e.g. Kislyak ∈ russia
//! because of the apposition "a Russian ambassador").
//!
//! Everything is linear in the number of tokens.

use crate::attribution::Attribution;
use crate::doc::Doc;
use crate::lexicon::{flag, Stance};
use crate::mention::{Entity, Registry};
use crate::segment::{TokKind, Token};
use crate::text::Span;
use crate::text::WordMap as HashMap;
use std::sync::Arc;

/// One claim. Serialised with its [`Claim::predicates`] after `rule`, and its features only
/// when `QL_DEBUG_FEAT` is set.
#[derive(Clone, Debug)]
pub struct Claim {
    /// Index.
    pub id: usize,
    /// The clause or sentence carrying the claim.
    pub span: Span,
    /// The attribution it comes from, if any (none = the article's own voice). (A claim's
    /// ids are 32-bit, as the features': claims are a large part of an analysis's memory, and
    /// an analysis takes at most `u32::MAX` bytes; [`id32`] narrows them.)
    pub attribution: Option<u32>,
    /// The speaker entity.
    pub speaker: Option<u32>,
    /// Stance of the cue.
    pub stance: Stance,
    /// Negated (opposite polarity: not, never, no, "denied that", "asleep"…).
    pub negated: bool,
    /// Hedged (alleged, reportedly, may, might, suspected…).
    pub hedged: bool,
    /// Time expressions.
    pub time: Box<[Span]>,
    /// Quantities.
    pub quantities: Box<[Span]>,
    /// Rule id.
    pub rule: &'static str,
    /// Entities the claim is about (the speaker's "I" included).
    pub entities: Box<[usize]>,
    /// Internal features for the conflict stage.
    pub feat: Feat,
}

/// An id (an index of an analysis's lists) in 32 bits: there are fewer than 2³² of anything
/// in a text of at most `u32::MAX` bytes (`analysis::MAX_LIMIT`); saturated all the same.
pub fn id32(id: Option<usize>) -> Option<u32> {
    id.map(|i| u32::try_from(i).unwrap_or(u32::MAX))
}

impl Claim {
    /// Normalised predicate classes ("contact", "pay"…), in class order: the names of
    /// `feat.classes` (kept once, as class indices).
    pub fn predicates(&self) -> impl ExactSizeIterator<Item = &'static str> + '_ {
        self.feat.classes.iter().map(|&k| lex().class_name(k))
    }
}

impl serde::Serialize for Claim {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Static(&'static str);
        impl serde::Serialize for Static {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                crate::text::static_str(&self.0, s)
            }
        }
        struct Predicates<'a>(&'a Claim);
        impl serde::Serialize for Predicates<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_seq(self.0.predicates().map(Static))
            }
        }
        let feat = !debug_off(&self.feat);
        let mut st = s.serialize_struct("Claim", 12 + usize::from(feat))?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("span", &self.span)?;
        st.serialize_field("attribution", &self.attribution)?;
        st.serialize_field("speaker", &self.speaker)?;
        st.serialize_field("stance", &self.stance)?;
        st.serialize_field("negated", &self.negated)?;
        st.serialize_field("hedged", &self.hedged)?;
        st.serialize_field("time", &self.time)?;
        st.serialize_field("quantities", &self.quantities)?;
        st.serialize_field("rule", &Static(self.rule))?;
        st.serialize_field("predicates", &Predicates(self))?;
        st.serialize_field("entities", &self.entities)?;
        if feat {
            feat_field(&mut st, &self.feat)?;
        } else {
            st.skip_field("feat")?;
        }
        st.end()
    }
}

fn ser_shared_str<S: serde::Serializer>(x: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(x)
}

/// The features as `QL_DEBUG_FEAT` shows them: the content stems first (derived from the keys,
/// see [`Feat::stems`]), then the fields.
#[cfg(not(target_arch = "wasm32"))]
fn feat_field<S: serde::ser::SerializeStruct>(st: &mut S, f: &Feat) -> Result<(), S::Error> {
    #[derive(serde::Serialize)]
    struct Shown<'a> {
        stems: Vec<Sym>,
        #[serde(flatten)]
        feat: &'a Feat,
    }
    st.serialize_field(
        "feat",
        &Shown {
            stems: f.stems().collect(),
            feat: f,
        },
    )
}

/// In wasm the features are never shown: no environment variable can ask for them, and their
/// serialisation would only be code to ship.
#[cfg(target_arch = "wasm32")]
fn feat_field<S: serde::ser::SerializeStruct>(st: &mut S, _: &Feat) -> Result<(), S::Error> {
    st.skip_field("feat")
}

#[cfg(not(target_arch = "wasm32"))]
fn debug_off(_: &Feat) -> bool {
    static OFF: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *OFF.get_or_init(|| std::env::var_os("QL_DEBUG_FEAT").is_none())
}

#[cfg(target_arch = "wasm32")]
fn debug_off(_: &Feat) -> bool {
    true
}

/// An interned string of the claim features (stems, `#class` keys, group keys and
/// attributes). Ids are ranks: comparing two ids compares their strings.
pub type Sym = u32;

/// A content key of a claim: its [`Sym`], whether it is a predicate class's `#class` key
/// (else a content stem) and whether it sits in a negation's scope, in one `u32` (symbol × 4 +
/// class × 2 + negated), so keys sort as `(Sym, bool)` pairs do (a symbol is a class key or
/// not, whichever claim has it). Serialised as the pair `(Sym, negated)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key(u32);

impl Key {
    /// The stem key `sym`, negated or not (`sym` < 2³⁰: symbol ids count distinct strings of
    /// words, ≥ 5 bytes each with a separator once there are that many, and an analysis takes
    /// at most `u32::MAX` bytes).
    pub fn new(sym: Sym, negated: bool) -> Key {
        Key(sym << 2 | u32::from(negated))
    }

    /// The class key `sym` (a `#class` symbol), negated or not.
    pub fn class(sym: Sym, negated: bool) -> Key {
        Key(sym << 2 | 2 | u32::from(negated))
    }

    /// The symbol.
    pub fn sym(self) -> Sym {
        self.0 >> 2
    }

    /// A predicate class's key (else a content stem).
    pub fn is_class(self) -> bool {
        self.0 & 2 != 0
    }

    /// In a negation's scope.
    pub fn negated(self) -> bool {
        self.0 & 1 != 0
    }
}

impl serde::Serialize for Key {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (self.sym(), self.negated()).serialize(s)
    }
}

/// The strings behind the [`Sym`]s of one document's claims, in byte order.
#[derive(Debug, Default)]
pub struct Symbols {
    strs: Vec<std::rc::Rc<str>>,
    /// Per entity: the attribute keys its description gave (sorted; see [`Feat::described_skip`]).
    described: Vec<Vec<Sym>>,
}

impl Symbols {
    /// Number of symbols.
    pub fn len(&self) -> usize {
        self.strs.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.strs.is_empty()
    }

    /// The attribute keys entity `e`'s description gave, sorted.
    pub fn described(&self, e: usize) -> &[Sym] {
        self.described.get(e).map_or(&[], Vec::as_slice)
    }

    /// The string of `s` ("" if unknown).
    pub fn str(&self, s: Sym) -> &str {
        self.strs.get(s as usize).map_or("", |x| x)
    }
}

thread_local! {
    /// One shared copy of each claim-feature string seen so far, across documents (bounded
    /// by [`CANON_MAX`]; keyed by article text: the standard seeded hasher). A document's
    /// [`Interner`] finds the symbol of a canonical string by its address, so a word form
    /// whose facts are cached ([`FORM_CACHE`]) costs no hashing for its stem.
    static CANON: std::cell::RefCell<crate::text::TextSet<std::rc::Rc<str>>> =
        std::cell::RefCell::new(crate::text::TextSet::default());
}
const CANON_MAX: usize = 1 << 16;

/// Only documents up to this many bytes use the cross-document tables ([`CANON`],
/// [`FORM_CACHE`]); a larger one empties them before it starts ([`release_caches`]) and
/// adds nothing to them. The tables live on after a document, and an entry added in the
/// middle of an analysis is a small long-lived block in the middle of the memory it then
/// frees: that memory is no longer in one piece, and the next large analysis needs more (a
/// second 10 MB analysis after the 411 K corpus grew the wasm memory from 91 to 109 MiB). A
/// large document gains least from them besides (its forms are worked out once per document
/// anyway).
pub(crate) const CACHE_DOC_MAX: usize = 2 << 20;

/// Longer strings (a URL, a run of letters with no space) do not go into the cross-document
/// tables: they are rarely seen twice, and would keep their bytes after the document.
const CACHE_STR_MAX: usize = 64;

/// Empties the cross-document tables (their memory is freed; symbols already made keep
/// their strings): called before a document over [`CACHE_DOC_MAX`] bytes is analysed.
pub(crate) fn release_caches() {
    FORM_CACHE.with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            *c = FormCache::default();
        }
    });
    CANON.with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            *c = crate::text::TextSet::default();
        }
    });
}

/// The canonical copy of `s`; made when `grow` and there is room, else `None` for a string
/// that has none. (Whether a string has one does not change during a document: a document
/// either may grow the table or not.)
fn canonical(s: &str, grow: bool) -> Option<std::rc::Rc<str>> {
    CANON.with(|c| {
        let mut c = c.try_borrow_mut().ok()?;
        if let Some(rc) = c.get(s) {
            return Some(rc.clone());
        }
        if !grow || s.len() > CACHE_STR_MAX || c.len() >= CANON_MAX {
            return None;
        }
        let rc: std::rc::Rc<str> = s.into();
        c.insert(rc.clone());
        Some(rc)
    })
}

/// Interns strings while claims are built; [`Interner::finish`] turns ids into ranks.
/// A string has one symbol whichever way it comes: canonical strings ([`canonical`]) by
/// their address, the others (only once the canonical table is full) by content.
#[derive(Default)]
struct Interner {
    /// Canonical strings by address (not article-controlled: the fast word hasher).
    by_addr: HashMap<usize, Sym>,
    /// Keyed by article text: the standard, randomly seeded hasher.
    ids: crate::text::TextMap<std::rc::Rc<str>, Sym>,
    strs: Vec<std::rc::Rc<str>>,
    /// The symbol of each predicate class's key, once used.
    class_syms: Vec<Option<Sym>>,
    /// The document may add to [`CANON`] ([`CACHE_DOC_MAX`]).
    grow: bool,
}

impl Interner {
    fn id(&mut self, s: &str) -> Sym {
        if let Some(rc) = canonical(s, self.grow) {
            return self.id_canonical(&rc);
        }
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.strs.len() as Sym;
        let rc: std::rc::Rc<str> = s.into();
        self.ids.insert(rc.clone(), id);
        self.strs.push(rc);
        id
    }

    /// The symbol of a string [`canonical`] returned.
    fn id_canonical(&mut self, rc: &std::rc::Rc<str>) -> Sym {
        let addr = std::rc::Rc::as_ptr(rc).cast::<u8>() as usize;
        if let Some(&id) = self.by_addr.get(&addr) {
            return id;
        }
        let id = self.strs.len() as Sym;
        self.by_addr.insert(addr, id);
        self.strs.push(rc.clone());
        id
    }

    /// The symbol of predicate class `cl`'s key ("#contact").
    fn class(&mut self, lx: &ClaimLex, cl: u16) -> Sym {
        let i = cl as usize;
        if let Some(Some(s)) = self.class_syms.get(i) {
            return *s;
        }
        let s = self.id(lx.class_key(cl));
        if self.class_syms.len() <= i {
            self.class_syms.resize(i + 1, None);
        }
        if let Some(slot) = self.class_syms.get_mut(i) {
            *slot = Some(s);
        }
        s
    }

    /// The strings in byte order, and each id's rank among them.
    fn finish(self) -> (Symbols, Vec<Sym>) {
        // byte order (ids are indexes into `strs`: `Sym`s again losslessly)
        let order: Vec<Sym> = crate::sort::byte_order(&self.strs)
            .into_iter()
            .map(|id| id as Sym)
            .collect();
        let mut rank = vec![0; order.len()];
        for (r, &id) in order.iter().enumerate() {
            if let Some(x) = rank.get_mut(id as usize) {
                *x = r as Sym;
            }
        }
        drop(self.ids);
        drop(self.by_addr);
        let mut strs: Vec<Option<std::rc::Rc<str>>> = self.strs.into_iter().map(Some).collect();
        let sorted = order
            .iter()
            .map(|&id| {
                strs.get_mut(id as usize)
                    .and_then(Option::take)
                    .unwrap_or_else(|| std::rc::Rc::from(""))
            })
            .collect();
        (
            Symbols {
                strs: sorted,
                described: Vec::new(),
            },
            rank,
        )
    }
}

/// A number found in a claim.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Quant {
    /// The value.
    pub value: f64,
    /// A percentage.
    pub percent: bool,
    /// Approximate ("nearly", "more than").
    pub approx: bool,
    /// Content stems around the number: ascending, unique, each followed by a space (one
    /// allocation for them all; [`Quant::context_words`] lists them). Shown as a list.
    #[serde(serialize_with = "ser_words")]
    pub context: Box<str>,
    /// Where.
    pub span: Span,
}

impl Quant {
    /// The content stems around the number, ascending.
    pub fn context_words(&self) -> impl Iterator<Item = &str> + '_ {
        self.context.split_terminator(' ')
    }
}

fn ser_words<S: serde::Serializer>(words: &str, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(words.split_terminator(' '))
}

/// Internal claim features, used by [`crate::conflict`].
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Feat {
    /// Predicate class indices (sorted, unique).
    pub classes: Box<[u16]>,
    /// Group/country keys and attributes of the entities mentioned.
    pub attrs: Box<[Sym]>,
    /// Where its apposition attributes came from (used in explanations): from the
    /// entities it mentions but this one ([`Symbols::described`] has their keys).
    pub described_skip: Option<u32>,
    /// Refutation wording ("false", "a lie", "dismissed those reports").
    pub refute: bool,
    /// Points back at an earlier statement ("those reports", "it").
    pub anaphoric: bool,
    /// Negation inside the clause (not counting the cue).
    pub explicit_neg: bool,
    /// Doubt rather than denial ("no evidence", "not aware", "too early").
    pub doubt: bool,
    /// A cited record (document, video, data).
    pub record: bool,
    /// "in fact", "actually": the narrator sets a fact against a claim.
    pub contrast: bool,
    /// The denial is narrowed ("to discuss the campaign").
    pub qualified: bool,
    /// Prescriptive or predictive (should, must, will…).
    pub modal: bool,
    /// A question.
    pub question: bool,
    /// Numbers.
    pub quants: Box<[Quant]>,
    /// Paragraph index.
    pub para: u32,
    /// Sentence index.
    pub sent: u32,
    /// Who says it, for explanations ("Jeff Sessions", "the article"); one shared copy per
    /// attribution.
    #[serde(serialize_with = "ser_shared_str")]
    pub source_name: Arc<str>,
    /// Number of content words.
    pub words: u32,
    /// Content keys (`#class` or stem), sorted, each with "inside a
    /// negation's scope" (first occurrence).
    pub keys: Box<[Key]>,
    /// The cue denies its content ("denied that …").
    pub deny_cue: bool,
    /// In a headline or caption (a paragraph with no closing sentence mark).
    pub headline: bool,
    /// The noun an anaphoric refutation points back with ("report", "comment").
    pub anaphor_noun: Box<str>,
    /// The claim's words are quoted (a direct quotation).
    pub quoted: bool,
    /// Its sentence corrects or retracts an earlier report.
    pub retraction: bool,
    /// Claims a majority ("a majority of voters", "more than half").
    pub majority: bool,
    /// Its source claims a majority ("A majority of voters expect …").
    pub majority_src: bool,
    /// Carries an accusation verb ("accusing her of …").
    pub accusation: bool,
    /// The article's parenthesised note after a quotation.
    pub editorial: bool,
    /// The entity named first, at the start of the claim (its subject).
    pub subject: Option<u32>,
    /// Hedged by a modal or evidential (may, might, could, seems, likely…),
    /// not only by a description ("alleged ties").
    pub modal_hedge: bool,
}

impl Feat {
    /// The content stems (ascending, unique; class words excluded): the keys' symbols that are
    /// no predicate class's (a stem is kept only in the keys, 16 bytes and an allocation less
    /// a claim).
    pub fn stems(&self) -> impl Iterator<Item = Sym> + '_ {
        self.keys.iter().filter(|k| !k.is_class()).map(|k| k.sym())
    }
}

// CLAIM_CLASSES, CLAIM_CLASS_KEYS, CLAIM_APPROX, CLAIM_PHRASES, CLAIM_GROUP_KEYS, and the
// entries (CLAIM_WORDS, sorted, with CLAIM_CLASS_OF, CLAIM_CLASS_OF_STEM, CLAIM_DEMONYM,
// CLAIM_BITS) in an open-addressing table (CLAIM_SLOTS: entry indices, u16::MAX = empty,
// linear probing from the key's WordHasher hash), generated by build.rs from
// src/lexicon/predicates.txt.
include!(concat!(env!("OUT_DIR"), "/claim_table.rs"));

/// The claim-stage word lists and phrases: static tables generated by `build.rs` (nothing is
/// built at run time: a fresh wasm instance would otherwise parse the lists on its first
/// analysis, unoptimised; see BENCHMARKS.md, "Cold start").
pub struct ClaimLex {
    _static: (),
}

/// A predicate class as packed by build.rs: `(class + 1) << 1 | negated`, 0 for none.
fn unpack_class(v: u32) -> Option<(u16, bool)> {
    let class = u16::try_from((v >> 1).checked_sub(1)?).ok()?;
    Some((class, v & 1 != 0))
}

impl ClaimLex {
    /// The table entry of `key` (a word, a two-word predicate or a stem), if listed.
    fn entry(key: &str) -> Option<usize> {
        use std::hash::BuildHasher;
        let mask = CLAIM_SLOTS.len() - 1;
        let mut h = (std::hash::BuildHasherDefault::<crate::text::WordHasher>::default()
            .hash_one(key) as usize)
            & mask;
        // at most half full: an empty slot always ends the probe
        for _ in 0..CLAIM_SLOTS.len() {
            let e = *CLAIM_SLOTS.get(h)?;
            if e == u16::MAX {
                return None;
            }
            if CLAIM_WORDS.get(usize::from(e)) == Some(&key) {
                return Some(usize::from(e));
            }
            h = (h + 1) & mask;
        }
        None
    }

    /// The `wf` bits of the lists `w` is on (hedge, prescriptive, refute, refute verb,
    /// anaphor, record, retraction, stop, first word of a phrase).
    fn word_bits(&self, w: &str) -> u32 {
        Self::entry(w)
            .and_then(|e| CLAIM_BITS.get(e))
            .copied()
            .unwrap_or(0)
    }

    fn refute(&self, w: &str) -> bool {
        self.word_bits(w) & wf::REFUTE != 0
    }

    fn anaphor(&self, w: &str) -> bool {
        self.word_bits(w) & wf::ANAPHOR != 0
    }

    fn record(&self, w: &str) -> bool {
        self.word_bits(w) & wf::RECORD != 0
    }

    fn stop(&self, w: &str) -> bool {
        self.word_bits(w) & wf::STOP != 0
    }

    /// Words that make a figure approximate ("about", "nearly").
    fn approx(&self) -> &'static [&'static str] {
        &CLAIM_APPROX
    }

    /// The class of a listed word or two-word predicate ("step down"): (class, carries
    /// negation).
    fn class_of(&self, w: &str) -> Option<(u16, bool)> {
        unpack_class(*CLAIM_CLASS_OF.get(Self::entry(w)?)?)
    }

    /// The class of a listed word whose [`stem`] is `stemmed`.
    fn class_of_stem(&self, stemmed: &str) -> Option<(u16, bool)> {
        unpack_class(*CLAIM_CLASS_OF_STEM.get(Self::entry(stemmed)?)?)
    }

    /// The phrases `w` is the first word of, as a bit mask (bit i: `CLAIM_PHRASES[i]`).
    fn phrase_mask(&self, w: &str) -> u32 {
        Self::entry(w)
            .and_then(|e| CLAIM_PHRASE_FIRST.get(e))
            .copied()
            .unwrap_or(0)
    }

    /// The `phrase::*` kinds of the phrases found in `words` (whole words, in order) at
    /// `starts` (a position and the [`ClaimLex::phrase_mask`] of its word); `words` are ids,
    /// `form` gives each one's word.
    fn phrase_kinds<'w>(
        &self,
        words: &[u32],
        starts: &[(usize, u32)],
        form: impl Fn(u32) -> &'w str,
    ) -> u8 {
        let mut kinds = 0u8;
        for &(k, mut mask) in starts {
            let Some(rest) = words.get(k + 1..) else {
                continue;
            };
            while mask != 0 {
                let i = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let Some((pw, kind)) = CLAIM_PHRASES.get(i) else {
                    continue;
                };
                let tail = pw.get(1..).unwrap_or_default();
                if tail.len() <= rest.len() && tail.iter().zip(rest).all(|(a, &b)| *a == form(b)) {
                    kinds |= kind;
                }
            }
        }
        kinds
    }

    /// The content key of predicate class `i` ("#contact").
    fn class_key(&self, i: u16) -> &'static str {
        CLAIM_CLASS_KEYS.get(i as usize).copied().unwrap_or("")
    }

    /// The name of predicate class `i`.
    pub fn class_name(&self, i: u16) -> &'static str {
        CLAIM_CLASSES.get(i as usize).copied().unwrap_or("")
    }

    /// The class of a lower-case word whose [`stem`] is `stemmed`: (class, carries negation).
    fn class(&self, lower: &str, stemmed: &str) -> Option<(u16, bool)> {
        self.class_of(lower).or_else(|| self.class_of_stem(stemmed))
    }

    /// True for a demonym or country word ("russian").
    pub fn is_group_word(&self, w: &str) -> bool {
        self.group(&w.to_lowercase()).is_some()
    }

    /// True for a normalised group key ("russia").
    pub fn is_group_key(&self, k: &str) -> bool {
        CLAIM_GROUP_KEYS.contains(&k)
    }

    /// Normalised group key of a demonym or country word.
    fn group(&self, lower: &str) -> Option<&'static str> {
        let g = *CLAIM_DEMONYM.get(Self::entry(lower)?)?;
        CLAIM_GROUP_KEYS
            .get(usize::from(g.checked_sub(1)?))
            .copied()
    }
}

/// The shared claim lexicon.
pub fn lex() -> &'static ClaimLex {
    static LEX: ClaimLex = ClaimLex { _static: () };
    &LEX
}

/// A light suffix-stripping stemmer for matching word forms ("audits",
/// "audited" → "audit"; "typed", "type" → "typ").
pub fn stem(w: &str) -> String {
    let mut s = String::new();
    stem_into(&mut s, w);
    s
}

/// [`stem`] into `s` (replacing its contents: no allocation once it is large enough).
fn stem_into(s: &mut String, w: &str) {
    crate::text::lowercase_into(s, w);
    for suf in ["'s", "’s", "'", "’"] {
        if s.ends_with(suf) {
            s.truncate(s.len() - suf.len());
        }
    }
    // (a char count: a byte count for ASCII)
    let count = |s: &str| {
        if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        }
    };
    let n = count(s);
    if n > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if n > 4 && (s.ends_with("sses") || s.ends_with("xes") || s.ends_with("ches")) {
        s.truncate(s.len() - 2);
    } else if n > 5 && s.ends_with("ing") {
        s.truncate(s.len() - 3);
        undouble(s);
    } else if n > 4 && s.ends_with("ed") {
        s.truncate(s.len() - 2);
        undouble(s);
    } else if n > 3 && s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") {
        s.truncate(s.len() - 1);
    }
    if s.ends_with('e') && count(s) > 3 {
        s.truncate(s.len() - 1);
    }
}

fn undouble(s: &mut String) {
    let b = s.as_bytes();
    if b.len() >= 3 {
        let (x, y) = (b.last(), b.get(b.len() - 2));
        if x == y && x.is_some_and(|c| !matches!(c, b'l' | b's' | b'z' | b'e' | b'o')) {
            s.truncate(s.len() - 1);
        }
    }
}

/// True when `lower` (a lower-cased word) is a negator for claim polarity.
pub fn is_negator(lower: &str) -> bool {
    matches!(
        lower,
        "not"
            | "never"
            | "no"
            | "nothing"
            | "neither"
            | "nor"
            | "none"
            | "nobody"
            | "cannot"
            | "refuse"
            | "refused"
            | "refuses"
            | "refusing"
            | "fail"
            | "failed"
            | "fails"
            | "failing"
    ) || lower.ends_with("n't")
        || lower.ends_with("n’t")
}

/// Token ranges `[lo, hi)` overlapping `span`, searched from token `hint` (the spans asked
/// for one after the other are near each other: a galloping search from the last answer, which
/// `hint` becomes, instead of two binary searches over the whole text).
fn tok_range(doc: &Doc, span: Span, hint: &mut usize) -> (usize, usize) {
    use crate::text::partition_point_near;
    let lo = partition_point_near(&doc.toks, *hint, |t| t.span().end <= span.start);
    let hi = partition_point_near(&doc.toks, lo, |t| t.span().start < span.end);
    *hint = lo;
    (lo, hi.max(lo))
}

fn is_wordish(doc: &Doc, i: usize) -> bool {
    matches!(doc.kind(i), Some(TokKind::Word | TokKind::Number))
}

/// Splits tokens `[lo, hi)` into clause ranges at `;` and at `, and|but`
/// before a new subject, when both sides keep three words; each range goes to `emit`, in order
/// (no list per sentence).
fn clauses(doc: &Doc, lx: &ClaimLex, lo: usize, hi: usize, mut emit: impl FnMut(usize, usize)) {
    let mut start = lo;
    let mut words_since = 0usize;
    let mut i = lo;
    while i < hi {
        // (most tokens are words or numbers that cannot cut: every cut below needs
        // punctuation or a word of 2 to 4 bytes — "is", "was", "are", "were", "but", "that")
        if let Some(t) = doc.toks.get(i) {
            let wordish = matches!(t.kind(), TokKind::Word | TokKind::Number);
            if wordish && !(2..=4).contains(&t.byte_len()) && !t.has(Token::BREAK) {
                words_since += 1;
                i += 1;
                continue;
            }
        }
        // (bytes: every test below is on ASCII marks and words)
        let s = doc.b(i);
        let mut cut = None;
        if s == b";" {
            cut = Some((i, i + 1));
        } else if s == b","
            && doc.is_word(i + 1, "and")
            && i + 2 < hi
            && (doc.has(i + 2, flag::PERSPRON) || doc.is_cap(i + 2))
        {
            cut = Some((i, i + 2));
        } else if s == b"," && (doc.is_word(i + 1, "but") || doc.is_word(i + 1, "when")) {
            cut = Some((i, i + 1));
        } else if doc.is_word(i, "but") && i > lo && doc.is_qmark(i - 1) {
            cut = Some((i, i));
        } else if (doc.is_break_punct(i) && s != b"," && s != b"(" && s != b")")
            && doc.kind(i + 1) == Some(TokKind::Number)
        {
            // "… -- 44 percent to 34 percent": an appended figure
            cut = Some((i, i + 1));
        } else if matches!(s, b"are" | b"is" | b"were" | b"was")
            && words_since >= 4
            && (i + 1..hi.min(i + 5))
                .filter(|&k| doc.kind(k) == Some(TokKind::Word))
                .take(3)
                .any(|k| lx.refute(doc.low(k)))
        {
            // "X's claims that … are false": the judgement is a claim of its own
            cut = Some((i, i));
        }
        // "… doesn't want people to know that he's paid nothing": a factive
        // verb presupposes its complement, which is a claim of its own
        if cut.is_none()
            && doc.is_word(i, "that")
            && i > lo
            && [
                "know", "knows", "knew", "known", "realize", "realizes", "realized", "learn",
                "learned",
            ]
            .iter()
            .any(|w| doc.is_word(i - 1, w))
        {
            cut = Some((i, i));
        }
        if let Some((end, next)) = cut {
            let rest = (next..hi).filter(|&k| is_wordish(doc, k)).take(3).count();
            if words_since >= 3 && rest >= 3 {
                emit(start, end);
                start = next;
                words_since = 0;
                i = next;
                continue;
            }
        }
        if is_wordish(doc, i) {
            words_since += 1;
        }
        i += 1;
    }
    emit(start, hi);
}

/// Splits `[lo, hi)` at sentence marks followed by a capitalised word (the
/// segmenter keeps a multi-sentence quotation in one sentence).
fn inner_sentences(doc: &Doc, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = lo;
    let mut words = 0usize;
    for i in lo..hi {
        if is_wordish(doc, i) {
            words += 1;
        }
        let abbrev = i > lo
            && doc.span(i - 1).end == doc.span(i).start
            && (doc.has(i - 1, flag::TITLE) || doc.s(i - 1).chars().count() == 1);
        if doc.is_terminal(i) && !doc.is(i, "…") && !abbrev {
            let next = (i + 1..hi).find(|&k| !doc.is_qmark(k));
            if let Some(k) = next {
                // "… .'' (Security experts …)": a parenthesis opens the next one
                let cap = doc.is_cap(k) || doc.is(k, "(") && doc.is_cap(k + 1);
                if cap && words >= 2 {
                    out.push((start, i + 1));
                    start = k;
                    words = 0;
                }
            }
        }
    }
    out.push((start, hi));
    out
}

/// The span from the first to the last word/number token of `[lo, hi)`,
/// keeping a closing sentence mark.
fn trim_span(doc: &Doc, lo: usize, hi: usize) -> Option<Span> {
    let first = (lo..hi).find(|&i| is_wordish(doc, i))?;
    let last = (lo..hi).rev().find(|&i| is_wordish(doc, i))?;
    let mut end = doc.span(last).end;
    if last + 1 < hi && doc.is_terminal(last + 1) && !doc.is_qmark(last + 1) {
        end = doc.span(last + 1).end;
    }
    Some(Span::new(doc.span(first).start, end))
}

/// Claim-stage facts about one lower-case word form ([`Doc::word_id`]), worked out once per
/// document instead of once per occurrence.
#[derive(Clone, Default)]
struct WordFacts {
    bits: u32,
    /// The phrases the form is the first word of ([`ClaimLex::phrase_mask`]).
    phrases: u32,
    class: Option<(u16, bool)>,
    /// Group key of a demonym or country word.
    group: Option<Sym>,
    /// [`stem`] of the form.
    stem: Sym,
}

/// Kinds of multi-word phrases.
mod phrase {
    /// "in fact", "actually": the narrator sets a fact against a claim.
    pub const CONTRAST: u8 = 1;
    /// A narrowed denial ("to discuss the campaign").
    pub const QUALIFIER: u8 = 2;
    /// Doubt rather than denial ("no evidence", "not aware").
    pub const DOUBT: u8 = 4;
    /// "a majority of", "more than half".
    pub const MAJORITY: u8 = 8;
}

mod wf {
    pub const NEGATOR: u32 = 1;
    pub const HEDGE: u32 = 1 << 1;
    pub const MODAL_HEDGE: u32 = 1 << 2;
    pub const PRESCRIPTIVE: u32 = 1 << 3;
    pub const REFUTE: u32 = 1 << 4;
    pub const REFUTE_VERB: u32 = 1 << 5;
    pub const ANAPHOR: u32 = 1 << 6;
    pub const RECORD: u32 = 1 << 7;
    pub const RETRACTION: u32 = 1 << 8;
    /// A stop word, shorter than three chars, or not purely alphabetic.
    pub const NOT_CONTENT: u32 = 1 << 9;
    /// Second word of a two-word predicate ("step down").
    pub const PARTICLE: u32 = 1 << 10;
    /// Ends a negation's scope ("because", "but", "which"…).
    pub const SCOPE_END: u32 = 1 << 11;
    /// First word of a phrase of [`super::ClaimLex::phrase_kinds`].
    pub const PHRASE_FIRST: u32 = 1 << 12;
    /// A time expression may start in it ([`crate::pattern::may_start`]).
    pub const TIME: u32 = 1 << 13;
    /// A quantity may start in it.
    pub const QUANT: u32 = 1 << 14;
    /// On the stop list (`ClaimLex::word_bits` only; facts fold it into NOT_CONTENT).
    pub const STOP: u32 = 1 << 15;
    /// "that", "this", "those", "these", "such", "the": may point back with its noun.
    pub const POINTER: u32 = 1 << 16;
    /// "i", "me", "my", "we", "us", "our", "myself": the speaker, in a quotation.
    pub const FIRST_PERSON: u32 = 1 << 17;
    /// "he", "she", "him", "his", "her", "himself", "herself": the speaker, reported.
    pub const THIRD_PERSON: u32 = 1 << 18;
    /// "may" (a modal, or the month).
    pub const MAY: u32 = 1 << 19;
    /// "against".
    pub const AGAINST: u32 = 1 << 20;
}

/// The claim-stage facts of a lower-case word form that do not depend on the document.
struct FormFacts {
    bits: u32,
    phrases: u32,
    class: Option<(u16, bool)>,
    group: Option<&'static str>,
    stem: Box<str>,
    /// The stem's canonical copy, when the table had room.
    stem_canon: Option<std::rc::Rc<str>>,
}

fn form_facts(lx: &ClaimLex, w: &str, grow: bool) -> FormFacts {
    let mut bits = 0u32;
    let mut set = |cond: bool, bit: u32| {
        if cond {
            bits |= bit;
        }
    };
    let listed = lx.word_bits(w);
    set(is_negator(w), wf::NEGATOR);
    set(listed & wf::HEDGE != 0, wf::HEDGE);
    set(
        matches!(
            w,
            "may"
                | "might"
                | "could"
                | "possibly"
                | "perhaps"
                | "probably"
                | "likely"
                | "seem"
                | "seems"
                | "seemed"
                | "appear"
                | "appears"
                | "appeared"
                | "maybe"
                | "reportedly"
                | "apparently"
                | "presumably"
                | "supposedly"
        ),
        wf::MODAL_HEDGE,
    );
    let listed_bits = wf::PRESCRIPTIVE
        | wf::REFUTE
        | wf::REFUTE_VERB
        | wf::ANAPHOR
        | wf::RECORD
        | wf::RETRACTION
        | wf::PHRASE_FIRST;
    set(true, listed & listed_bits);
    set(
        listed & wf::STOP != 0
            || w.chars().count() < 3
            || !w
                .chars()
                .all(|ch| ch.is_alphabetic() || ch == '-' || ch == '\'' || ch == '’'),
        wf::NOT_CONTENT,
    );
    set(matches!(w, "down" | "up" | "out" | "off"), wf::PARTICLE);
    set(
        matches!(w, "that" | "this" | "those" | "these" | "such" | "the"),
        wf::POINTER,
    );
    set(
        matches!(w, "i" | "me" | "my" | "we" | "us" | "our" | "myself"),
        wf::FIRST_PERSON,
    );
    set(
        matches!(
            w,
            "he" | "she" | "him" | "his" | "her" | "himself" | "herself"
        ),
        wf::THIRD_PERSON,
    );
    set(w == "may", wf::MAY);
    set(w == "against", wf::AGAINST);
    // lower-casing keeps ASCII words as they are, byte for byte (may_start is
    // case-insensitive); a non-ASCII form passes either way
    let (time, quant) = crate::pattern::may_start(w);
    set(time, wf::TIME);
    set(quant, wf::QUANT);
    set(
        matches!(
            w,
            "because"
                | "but"
                | "although"
                | "though"
                | "while"
                | "whereas"
                | "when"
                | "who"
                | "which"
                | "whom"
                | "that"
        ),
        wf::SCOPE_END,
    );
    let st = stem(w);
    FormFacts {
        bits,
        phrases: lx.phrase_mask(w),
        class: lx.class(w, &st),
        group: lx.group(w),
        stem_canon: canonical(&st, grow),
        stem: st.into(),
    }
}

/// The form cache: each form's facts under its [`crate::text::TextState`] hash (the one
/// [`Doc::form_hash`] gives, so a form is not hashed twice), with the form itself to check.
type FormCache = std::collections::HashMap<u64, (Box<str>, FormFacts), crate::text::PreHashed>;

thread_local! {
    /// [`form_facts`] of the forms seen so far, across documents (pure, so a cache hit
    /// changes nothing but the time); bounded by [`FORM_CACHE_MAX`] entries. Keyed by the
    /// seeded hash of article text (secret keys: a crafted text cannot aim at collisions; a
    /// form whose hash another form already holds is just not cached).
    static FORM_CACHE: std::cell::RefCell<FormCache> = std::cell::RefCell::new(FormCache::default());
}
const FORM_CACHE_MAX: usize = 1 << 15;

/// Facts for every word form of `doc`.
fn word_facts(doc: &Doc, lx: &ClaimLex, syms: &mut Interner) -> Vec<WordFacts> {
    FORM_CACHE.with(|cache| match cache.try_borrow_mut() {
        Ok(mut cache) => word_facts_cached(doc, lx, syms, Some(&mut cache)),
        Err(_) => word_facts_cached(doc, lx, syms, None),
    })
}

fn word_facts_cached(
    doc: &Doc,
    lx: &ClaimLex,
    syms: &mut Interner,
    mut cache: Option<&mut FormCache>,
) -> Vec<WordFacts> {
    let mut facts: Vec<WordFacts> = Vec::with_capacity(doc.vocab);
    let grow = syms.grow;
    // (vocabulary ids in order: the order the forms first occur in)
    for id in 0..doc.vocab as u32 {
        let w = doc.form(id);
        let h = doc.form_hash(id);
        let mut intern = |ff: &FormFacts| WordFacts {
            bits: ff.bits,
            phrases: ff.phrases,
            class: ff.class,
            group: ff.group.map(|g| syms.id(g)),
            stem: match &ff.stem_canon {
                Some(rc) => syms.id_canonical(rc),
                None => syms.id(&ff.stem),
            },
        };
        let hit = cache
            .as_deref()
            .and_then(|c| c.get(&h))
            .filter(|(form, _)| &**form == w)
            .map(|(_, ff)| intern(ff));
        facts.push(match hit {
            Some(x) => x,
            None => {
                let ff = form_facts(lx, w, grow);
                let x = intern(&ff);
                let room = |c: &&mut FormCache| {
                    grow && w.len() <= CACHE_STR_MAX && c.len() < FORM_CACHE_MAX
                };
                if let Some(c) = cache.as_deref_mut().filter(room) {
                    c.entry(h).or_insert_with(|| (w.into(), ff));
                }
                x
            }
        });
    }
    facts
}

/// Per sentence: it corrects or retracts an earlier report ("the Herald corrected its
/// report, saying …"), not after "hardly", "barely", "scarcely" or a negation.
fn retraction_sentences(doc: &Doc, facts: &[WordFacts]) -> Vec<bool> {
    doc.sents
        .iter()
        .map(|&(sl, sh)| {
            (sl..sh).any(|k| {
                let is_retraction = facts
                    .get(doc.word_id(k) as usize)
                    .is_some_and(|x| x.bits & wf::RETRACTION != 0);
                // "hardly clarified the matter" is no correction
                is_retraction
                    && !(k > sl
                        && (doc.has(k - 1, flag::NEG)
                            || doc.is_any(k - 1, &["hardly", "barely", "scarcely"])))
            })
        })
        .collect()
}

/// An entity's group keys and attributes, and (attribute, entity) for each described one.
type EntityAttrs = (Vec<Sym>, Vec<Sym>);

/// What [`analyse`] reads besides the claim: shared by all claims of a document.
struct Ctx<'d> {
    doc: &'d Doc<'d>,
    reg: &'d Registry,
    lx: &'static ClaimLex,
    facts: Vec<WordFacts>,
    retraction: Vec<bool>,
    /// Per entity: its group keys and attributes, and where each came from ([`push_attrs`]).
    entity_attrs: Vec<EntityAttrs>,
    /// The symbol of each predicate class's key ("#contact").
    class_syms: Vec<Sym>,
    /// The symbols (ranks: in string order).
    symbols: &'d Symbols,
    /// Work lists [`analyse`] reuses from claim to claim (no allocations per claim).
    scratch: std::cell::RefCell<Scratch>,
    /// Where the last claim's sentence and first mention were ([`forward`]).
    cursor: std::cell::Cell<(usize, usize)>,
}

impl Ctx<'_> {
    /// The symbol of predicate class `cl`'s key.
    fn class_sym(&self, cl: u16) -> Sym {
        self.class_syms
            .get(cl as usize)
            .copied()
            .unwrap_or(Sym::MAX)
    }
}

#[derive(Default)]
struct Scratch {
    /// The claim's words as vocabulary ids, numbers as `u32::MAX` (read as "0").
    norm: Vec<u32>,
    phrase_starts: Vec<(usize, u32)>,
    mention_toks: Vec<(usize, usize)>,
    keys: Vec<(Sym, bool, bool)>,
    pair: String,
    // a claim's lists are gathered here, then copied out at their final size (one
    // allocation each: no growing, no shrinking)
    attrs: Vec<Sym>,
    ents: Vec<usize>,
    /// Class ids (`u16`s, widened: their sort is then the one of the other `usize` lists).
    classes: Vec<usize>,
    /// Where the time and quantity scanners look ([`crate::pattern::windows`]).
    windows: Vec<(usize, usize)>,
}

/// A token range that becomes a claim: 16 bytes (an analysis holds one per claim while it
/// builds them, and that is its high-water mark).
struct Piece {
    lo: u32,
    hi: u32,
    /// The attribution it comes from (`u32::MAX`: none, the article's own voice).
    attribution: u32,
    rule: PieceRule,
}

/// The rule a [`Piece`] comes from.
#[derive(Clone, Copy, PartialEq)]
enum PieceRule {
    Attribution,
    NarratorNote,
    Narrator,
    NarratorClause,
}

impl PieceRule {
    fn id(self) -> &'static str {
        match self {
            PieceRule::Attribution => "claim.attribution",
            PieceRule::NarratorNote => "claim.narrator-note",
            PieceRule::Narrator => "claim.narrator",
            PieceRule::NarratorClause => "claim.narrator-clause",
        }
    }
}

impl Piece {
    /// (token indices and attribution ids fit in 32 bits: the text has at most `u32::MAX`
    /// bytes, see [`crate::analysis::MAX_LIMIT`])
    fn new(lo: usize, hi: usize, attribution: Option<usize>, rule: PieceRule) -> Piece {
        let narrow = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Piece {
            lo: narrow(lo),
            hi: narrow(hi),
            attribution: attribution.map_or(u32::MAX, narrow),
            rule,
        }
    }

    fn range(&self) -> (usize, usize) {
        (self.lo as usize, self.hi as usize)
    }

    fn attribution(&self) -> Option<usize> {
        (self.attribution != u32::MAX).then_some(self.attribution as usize)
    }
}

/// Builds claims from attributions and the article's own sentences.
pub fn build(doc: &Doc, attributions: &[Attribution], reg: &Registry) -> (Vec<Claim>, Symbols) {
    let lx = lex();
    let n = doc.toks.len();
    // tokens covered by any attribution part: the parts' starts and ends swept in order
    // (covered where more have started than ended), so that overlapping attributions cost
    // nothing extra (and no array of a count per token); starts and ends are two lists of
    // plain integers, whose sorts share one copy with the crate's other such sorts
    let (mut starts, mut ends): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut frags: Vec<(usize, usize, usize)> = Vec::new();
    let mut hint = 0usize;
    for a in attributions {
        for frag in &a.content {
            let (lo, hi) = tok_range(doc, *frag, &mut hint);
            frags.push((lo, hi, a.id));
            if lo < hi {
                starts.push(lo);
                ends.push(hi);
            }
        }
        for p in a.cue.iter().chain(a.source_span.iter()) {
            let (lo, hi) = tok_range(doc, *p, &mut hint);
            if lo < hi {
                starts.push(lo);
                ends.push(hi);
            }
        }
    }
    starts.sort_unstable();
    ends.sort_unstable();
    let mut covered = Vec::with_capacity(n);
    let (mut opened, mut closed) = (starts.iter().peekable(), ends.iter().peekable());
    let mut depth = 0usize;
    for i in 0..n {
        while opened.next_if(|&&at| at <= i).is_some() {
            depth += 1;
        }
        // never below zero: every end has its start, before it
        while closed.next_if(|&&at| at <= i).is_some() {
            depth = depth.saturating_sub(1);
        }
        covered.push(depth > 0);
    }
    // gone before the claims are built (they are the high-water mark of an analysis)
    drop((starts, ends));
    // each token goes into one claim at most, even when contents overlap
    frags.sort_unstable();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut done_until = 0usize;
    for (lo, hi, aid) in frags {
        let lo = lo.max(done_until);
        if lo >= hi {
            continue;
        }
        done_until = hi;
        // group by sentence
        let mut s = lo;
        while s < hi {
            let mut e = s + 1;
            while e < hi && !doc.starts_sentence(e) {
                e += 1;
            }
            for (sl, sh) in inner_sentences(doc, s, e) {
                // a whole parenthesised sentence after a quotation is the
                // article's own note, not the speaker's words
                if doc.is(sl, "(") && !doc.quoted(sl + 1) && sh > sl + 6 {
                    pieces.push(Piece::new(sl, sh, None, PieceRule::NarratorNote));
                    continue;
                }
                clauses(doc, lx, sl, sh, |cl, ch| {
                    pieces.push(Piece::new(cl, ch, Some(aid), PieceRule::Attribution));
                });
            }
            s = e.max(s + 1);
        }
    }
    // narrator: sentences no attribution touches, and runs of six or more
    // words that no attribution covers in a partly attributed sentence
    for &(lo, hi) in &doc.sents {
        if (lo..hi).any(|i| doc.is(i, "?")) {
            continue;
        }
        let mut i = lo;
        while i < hi {
            if covered.get(i).copied().unwrap_or(true) {
                i += 1;
                continue;
            }
            let start = i;
            while i < hi && !covered.get(i).copied().unwrap_or(true) {
                i += 1;
            }
            let whole = start == lo && i == hi;
            let words = (start..i).filter(|&k| is_wordish(doc, k)).count();
            if words < if whole { 5 } else { 6 } {
                continue;
            }
            let rule = if whole {
                PieceRule::Narrator
            } else {
                PieceRule::NarratorClause
            };
            clauses(doc, lx, start, i, |cl, ch| {
                pieces.push(Piece::new(cl, ch, None, rule));
            });
        }
    }
    drop(covered);
    crate::sort::sort_by_key(&mut pieces, Piece::range);
    // paragraphs that end without a sentence mark: headlines, captions
    let mut open_para: Vec<u32> = Vec::new();
    if doc.sents.len() > 1
        && doc
            .sents
            .get(1)
            .is_some_and(|&(lo, _)| doc.para(lo) != doc.para(0))
    {
        open_para.push(doc.para(0));
    }
    for i in 0..n {
        let last_of_para = doc.starts_para(i + 1);
        if last_of_para {
            // step back over closing quote marks and brackets
            let mut k = i;
            while k > 0
                && i - k < 3
                && (doc.is_qmark(k) || matches!(doc.s(k), ")" | "'" | "’" | "”"))
            {
                k -= 1;
            }
            if !doc.is_terminal(k) && !doc.is(k, ":") {
                open_para.push(doc.para(i));
            }
        }
    }
    let mut syms = Interner {
        by_addr: HashMap::with_capacity_and_hasher(doc.vocab, Default::default()),
        grow: doc.text.len() <= CACHE_DOC_MAX,
        ..Interner::default()
    };
    let mut facts = word_facts(doc, lx, &mut syms);
    let retraction = retraction_sentences(doc, &facts);
    let mut entity_attrs: Vec<EntityAttrs> = reg
        .entities
        .iter()
        .map(|e| {
            let (mut attrs, mut described) = (Vec::new(), Vec::new());
            push_attrs(lx, e, &mut syms, &mut attrs, &mut described);
            (attrs, described)
        })
        .collect();
    // every symbol a claim can name is known now (the word forms' stems and groups, the
    // entities' attributes, the predicate classes' keys): ids become ranks before the claims
    // are made, which then sort their lists once, in string order
    let class_syms: Vec<Sym> = (0..CLAIM_CLASSES.len() as u16)
        .map(|cl| syms.class(lx, cl))
        .collect();
    let (mut symbols, rank) = syms.finish();
    let r = |s: Sym| rank.get(s as usize).copied().unwrap_or(s);
    for f in &mut facts {
        f.stem = r(f.stem);
        f.group = f.group.map(r);
    }
    for (attrs, described) in &mut entity_attrs {
        attrs.iter_mut().for_each(|s| *s = r(*s));
        described.iter_mut().for_each(|s| *s = r(*s));
    }
    symbols.described = entity_attrs
        .iter()
        .map(|(_, d)| {
            let mut d = d.clone();
            d.sort_unstable();
            d.dedup();
            d
        })
        .collect();
    let ctx = Ctx {
        doc,
        reg,
        lx,
        facts,
        retraction,
        entity_attrs,
        class_syms: class_syms.into_iter().map(r).collect(),
        symbols: &symbols,
        scratch: Default::default(),
        cursor: Default::default(),
    };
    let mut out: Vec<Claim> = Vec::with_capacity(pieces.len());
    // who says it, and what its source phrase says (majority, record), once per attribution
    let mut names: Vec<Option<Arc<str>>> = vec![None; attributions.len()];
    let mut sources: Vec<Option<SourceFacts>> = vec![None; attributions.len()];
    let article: Arc<str> = Arc::from(source_name(doc, reg, None));
    let mut lower_buf = String::new();
    for p in pieces {
        let ((lo, hi), attribution) = (p.range(), p.attribution());
        let words = (lo..hi).filter(|&i| is_wordish(doc, i)).count();
        let Some(span) = trim_span(doc, lo, hi) else {
            continue;
        };
        if words < 2 {
            continue;
        }
        let a = attribution.and_then(|i| attributions.get(i));
        let mut c = Claim {
            id: out.len(),
            span,
            attribution: id32(attribution),
            speaker: id32(a.and_then(|a| a.speaker)),
            stance: a.map_or(Stance::Assert, |a| stance_of(doc, a)),
            negated: false,
            hedged: false,
            time: Box::default(),
            quantities: Box::default(),
            rule: p.rule.id(),
            entities: Box::default(),
            feat: Feat::default(),
        };
        c.feat.source_name = match (a, attribution.and_then(|i| names.get_mut(i))) {
            (Some(a), Some(slot)) => slot
                .get_or_insert_with(|| Arc::from(source_name(doc, reg, Some(a))))
                .clone(),
            _ => article.clone(),
        };
        let src = match (a, attribution.and_then(|i| sources.get_mut(i))) {
            (Some(a), Some(slot)) => {
                *slot.get_or_insert_with(|| source_facts(doc, lx, a, &mut lower_buf))
            }
            _ => SourceFacts::default(),
        };
        analyse(&ctx, a, src, lo, hi, &mut c);
        c.feat.editorial = p.rule == PieceRule::NarratorNote;
        c.feat.headline = open_para.binary_search(&c.feat.para).is_ok();
        out.push(c);
    }
    drop(ctx);
    (out, symbols)
}

/// What an attribution's source phrase says, the same for all its claims.
#[derive(Clone, Copy, Debug, Default)]
struct SourceFacts {
    /// Claims a majority ("A majority of voters …").
    majority: bool,
    /// Names a record ("emails", "data", "video").
    record: bool,
}

fn source_facts(doc: &Doc, lx: &ClaimLex, a: &Attribution, buf: &mut String) -> SourceFacts {
    let Some(span) = a.source_span else {
        return SourceFacts::default();
    };
    let src = crate::text::lowercase_into(buf, span.slice(doc.text));
    SourceFacts {
        majority: has_phrase(src, "majority of") || has_phrase(src, "more than half"),
        record: src.split_whitespace().any(|w| lx.record(w)),
    }
}

/// `phrase` in `text` between spaces or the ends: `format!(" {text} ").contains(&format!("
/// {phrase} "))` without the copies.
/// (A byte comparison at each start: source phrases are a few words, too short to pay for
/// setting up `str::find`'s two-way searcher, which cost ≈ 500 instructions a call.)
fn has_phrase(text: &str, phrase: &str) -> bool {
    let (b, p) = (text.as_bytes(), phrase.as_bytes());
    // (no phrase is empty)
    let Some(&first) = p.first() else {
        return false;
    };
    (0..b.len().saturating_sub(p.len() - 1)).any(|at| {
        b.get(at) == Some(&first)
            && b.get(at..at + p.len()) == Some(p)
            && (at == 0 || b.get(at - 1) == Some(&b' '))
            && b.get(at + p.len()).is_none_or(|&x| x == b' ')
    })
}

/// The attribution's stance, with "called X Y" (no "for") read as a
/// statement rather than a demand.
fn stance_of(doc: &Doc, a: &Attribution) -> Stance {
    if a.stance == Stance::Demand && a.cue_lemma == "call" {
        let cue = a.cue.map_or("", |s| s.slice(doc.text)).to_lowercase();
        if !cue.contains(" for") && !cue.contains(" on") {
            return Stance::Assert;
        }
    }
    a.stance
}

fn source_name(doc: &Doc, reg: &Registry, a: Option<&Attribution>) -> String {
    let Some(a) = a else {
        return "the article".to_string();
    };
    if let Some(e) = a.speaker.and_then(|e| reg.entities.get(e)) {
        let written = a.source_span.map_or("", |s| s.slice(doc.text));
        let the = written
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("the "))
            && !e.name.to_lowercase().starts_with("the ")
            && e.kind != crate::mention::EntityKind::Person;
        return if the {
            format!("the {}", e.name)
        } else {
            e.name.clone()
        };
    }
    a.source_span
        .map(|s| s.slice(doc.text).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "an unnamed source".to_string())
}

fn push_attrs(
    lx: &ClaimLex,
    e: &Entity,
    syms: &mut Interner,
    attrs: &mut Vec<Sym>,
    described: &mut Vec<Sym>,
) {
    let mut l = String::new();
    for w in e.name.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if let Some(g) = lx.group(crate::text::lowercase_into(&mut l, w)) {
            attrs.push(syms.id(g));
        }
    }
    for at in &e.attributes {
        for w in at.split_whitespace() {
            let key = match lx.group(w) {
                Some(g) => g,
                None => {
                    stem_into(&mut l, w);
                    &l
                }
            };
            if key.len() >= 3 && !lx.stop(w) {
                let k = syms.id(key);
                described.push(k);
                attrs.push(k);
            }
        }
    }
}

/// Fills in polarity, hedging, time, quantities and the internal features.
fn analyse(
    ctx: &Ctx,
    a: Option<&Attribution>,
    src: SourceFacts,
    lo: usize,
    hi: usize,
    c: &mut Claim,
) {
    let (doc, reg, lx) = (ctx.doc, ctx.reg, ctx.lx);
    let f = &mut c.feat;
    f.para = doc.para(lo);
    f.quoted = (lo..hi)
        .find(|&i| is_wordish(doc, i))
        .is_some_and(|i| doc.quoted(i));
    // (claims come in text order: the sentence and the first mention are looked for from
    // where the last claim's were)
    let hint = ctx.cursor.get();
    let sent = forward(&doc.sents, hint.0, |&(_, h)| h <= lo)
        .map(|k| doc.sents.get(k).filter(|&&(l, _)| l <= lo).map_or(0, |_| k))
        .unwrap_or_else(|| doc.sent_index(lo));
    f.sent = sent as u32;
    // a correction or retraction anywhere in the claim's sentence ("the Herald
    // corrected its report, saying …"): a source correcting itself
    f.retraction = ctx
        .retraction
        .get(f.sent as usize)
        .copied()
        .unwrap_or(false);
    let quoted_content = a.is_some_and(|a| a.kind != crate::attribution::AttrKind::Indirect);
    let mut neg = false;
    let mut antonym = false;
    let mut hedged = false;

    // the claim's words in lower case, numbers as "0", for phrase matching
    let mut sc = std::mem::take(&mut *ctx.scratch.borrow_mut());
    let mut norm = std::mem::take(&mut sc.norm);
    norm.clear();
    let mut phrase_starts = std::mem::take(&mut sc.phrase_starts);
    phrase_starts.clear();
    let mut classes = std::mem::take(&mut sc.classes);
    classes.clear();
    let mut ents = std::mem::take(&mut sc.ents);
    ents.clear();
    let mut attrs = std::mem::take(&mut sc.attrs);
    attrs.clear();
    // mentions inside the claim
    let mi = forward(&reg.mentions, hint.1, |m| m.span.start < c.span.start).unwrap_or_else(|| {
        reg.mentions
            .partition_point(|m| m.span.start < c.span.start)
    });
    ctx.cursor.set((sent, mi));
    let mut mention_toks = std::mem::take(&mut sc.mention_toks);
    mention_toks.clear();
    for m in reg.mentions.iter().skip(mi) {
        if m.span.start >= c.span.end {
            break;
        }
        if let Some(e) = m.entity {
            ents.push(e);
        }
        mention_toks.push((m.span.start, m.span.end));
    }
    f.subject = reg
        .mentions
        .get(mi)
        .filter(|m| m.span.start < c.span.end && m.span.start <= doc.span(lo + 2).start)
        .and_then(|m| id32(m.entity));
    // mentions do not overlap: the last one starting at or before `s`
    let in_mention = |s: Span| {
        let k = mention_toks.partition_point(|&(a, _)| a <= s.start);
        k > 0
            && mention_toks
                .get(k - 1)
                .is_some_and(|&(a, b)| a <= s.start && s.end <= b)
    };
    let mut keys = std::mem::take(&mut sc.keys);
    keys.clear();
    // words left in the scope of the last negator
    let mut scope = 0usize;
    let mut last_key_tok = usize::MAX - 1;
    let first_word = doc
        .sents
        .get(f.sent as usize)
        .and_then(|&(l, h)| (l..h).find(|&k| is_wordish(doc, k)));
    // only the claim's own tokens count (the neighbours of its first and last are "")
    let low = |i: usize| {
        if (lo..hi).contains(&i) {
            doc.low(i)
        } else {
            ""
        }
    };
    let none = WordFacts::default();
    let facts = |i: usize| {
        if (lo..hi).contains(&i) {
            ctx.facts.get(doc.word_id(i) as usize).unwrap_or(&none)
        } else {
            &none
        }
    };
    let mut pair = std::mem::take(&mut sc.pair);
    // (first tokens where a time / a quantity may start: the scanners below start there)
    let (mut first_time, mut first_quant) = (None, None);
    let toks = doc.toks.get(lo..hi).unwrap_or_default();
    for (i, t) in (lo..).zip(toks) {
        let kind = t.kind();
        if kind == TokKind::Punct && t.byte_len() == 1 && doc.s(i) == "?" {
            f.question = true;
        }
        // a form whose lower case changed length (the Kelvin sign → "k") may hide a
        // word start
        let fw = ctx.facts.get(t.wid as usize).unwrap_or(&none);
        if fw.bits & (wf::TIME | wf::QUANT) != 0
            || doc.lower_len_changed && t.byte_len() != doc.form(t.wid).len()
        {
            let changed = doc.lower_len_changed && t.byte_len() != doc.form(t.wid).len();
            if first_time.is_none() && (fw.bits & wf::TIME != 0 || changed) {
                first_time = Some(i);
            }
            if first_quant.is_none() && (fw.bits & wf::QUANT != 0 || changed) {
                first_quant = Some(i);
            }
        }
        if kind != TokKind::Word {
            if kind == TokKind::Number {
                norm.push(u32::MAX);
            } else if t.has(Token::BREAK) || t.has(Token::TERMINAL) {
                scope = 0;
            }
            continue;
        }
        // (the form itself only where a rare test needs it: most words need just their bits)
        let w = || doc.form(t.wid);
        let info = doc.word_info(t);
        let has = |bit: u32| fw.bits & bit != 0;
        if has(wf::SCOPE_END) {
            scope = 0;
        }
        let in_scope = scope > 0;
        scope = scope.saturating_sub(1);
        if fw.bits & wf::PHRASE_FIRST != 0 {
            phrase_starts.push((norm.len(), fw.phrases));
        }
        norm.push(t.wid);
        f.words += 1;
        if has(wf::NEGATOR) {
            let w = w();
            let next = low(i + 1);
            let idiom = matches!(
                (w, next),
                ("no", "doubt")
                    | ("not", "only")
                    | ("no", "matter")
                    | ("not", "just")
                    | ("nothing", "but")
                    | ("no", "longer")
            ) || (w == "not" && low(i.wrapping_sub(1)) == "or");
            if !idiom {
                neg = true;
                scope = 8;
                // "paid nothing": a negative quantifier after its verb
                if matches!(w, "nothing" | "none") && last_key_tok + 1 == i {
                    if let Some(last) = keys.last_mut() {
                        last.1 = true;
                    }
                }
            }
        }
        // "…, accusing her of …": an accusation the attribution stage left
        // to the narrator; the participle is what the clause reports, not a
        // hedge on it
        if info
            .cue
            .is_some_and(|q| q.stance == Stance::Accuse && q.form == crate::lexicon::Form::Ing)
        {
            f.accusation = true;
            continue;
        }
        // a denial verb inside the content ("Jones denied that …")
        if info.cue.is_some_and(|q| q.stance == Stance::Deny) && !t.is_cap() {
            neg = true;
            scope = 8;
        }
        let month_may = has(wf::MAY) && t.is_cap() && i > lo;
        if (info.flags & flag::HEDGE != 0 || has(wf::HEDGE)) && !month_may {
            hedged = true;
            if has(wf::MODAL_HEDGE) {
                f.modal_hedge = true;
            }
        }
        if has(wf::PRESCRIPTIVE) {
            f.modal = true;
        }
        if has(wf::REFUTE) {
            let prev = low(i.wrapping_sub(1));
            let prev2 = low(i.wrapping_sub(2));
            let verbal = matches!(
                prev,
                "may" | "might" | "will" | "would" | "could" | "to" | "not"
            ) || matches!(prev2, "may" | "might" | "will" | "would" | "could");
            if !verbal {
                f.refute = true;
            }
        }
        if has(wf::REFUTE_VERB) {
            let det = low(i + 1);
            let anaphor = |k: usize| facts(k).bits & wf::ANAPHOR != 0;
            if matches!(
                det,
                "those"
                    | "these"
                    | "the"
                    | "that"
                    | "this"
                    | "such"
                    | "his"
                    | "her"
                    | "their"
                    | "any"
            ) && (anaphor(i + 2) || anaphor(i + 3))
            {
                f.refute = true;
                f.anaphoric = true;
                let nn = if anaphor(i + 2) { i + 2 } else { i + 3 };
                f.anaphor_noun = ctx.symbols.str(facts(nn).stem).into();
            }
        }
        if has(wf::POINTER) && facts(i + 1).bits & wf::ANAPHOR != 0 {
            if w() != "the" {
                f.anaphoric = true;
            }
            if f.anaphor_noun.is_empty() {
                f.anaphor_noun = ctx.symbols.str(facts(i + 1).stem).into();
            }
        }
        if has(wf::RECORD) {
            let p1 = low(i.wrapping_sub(1));
            let p2 = low(i.wrapping_sub(2));
            let p3 = low(i.wrapping_sub(3));
            let next = low(i + 1);
            let cited = [p1, p2, p3]
                .iter()
                .any(|p| matches!(*p, "on" | "in" | "from"))
                || matches!(
                    next,
                    "of" | "show"
                        | "shows"
                        | "showed"
                        | "showing"
                        | "reveal"
                        | "reveals"
                        | "revealed"
                        | "indicate"
                        | "indicates"
                )
                || i == lo && doc.is_cap(i);
            if cited {
                f.record = true;
            }
        }
        // self-reference: "I" in a quote, "he/she" in reported speech
        if let Some(sp) = c.speaker {
            let me = if quoted_content && t.has(Token::QUOTED) {
                has(wf::FIRST_PERSON)
            } else {
                has(wf::THIRD_PERSON)
            };
            if me {
                ents.push(sp as usize);
            }
        }
        // predicate classes (two-word phrases first)
        if facts(i + 1).bits & wf::PARTICLE != 0 {
            pair.clear();
            pair.push_str(w());
            pair.push(' ');
            pair.push_str(low(i + 1));
            if let Some((cl, ng)) = lx.class_of(pair.as_str()) {
                classes.push(usize::from(cl));
                antonym ^= ng;
                keys.push((ctx.class_sym(cl), in_scope ^ ng, true));
                last_key_tok = i;
                continue;
            }
        }
        let prep_against = has(wf::AGAINST)
            && !matches!(
                low(i.wrapping_sub(1)),
                "is" | "was" | "are" | "were" | "be" | "been" | "i'm" | "i’m" | "'m" | "’m"
            )
            && !low(i.wrapping_sub(1)).ends_with("ly");
        if let Some((cl, ng)) = fw.class.filter(|_| !prep_against) {
            if !(t.is_cap() && in_mention(t.span())) {
                classes.push(usize::from(cl));
                antonym ^= ng;
                keys.push((ctx.class_sym(cl), in_scope ^ ng, true));
                last_key_tok = i;
                continue;
            }
        }
        if let Some(g) = fw.group {
            attrs.push(g);
            continue;
        }
        if info.flags
            & (flag::DET
                | flag::PREP
                | flag::CONJ
                | flag::SUBORD
                | flag::AUX
                | flag::PRON
                | flag::NEG)
            != 0
            || has(wf::NOT_CONTENT)
        {
            continue;
        }
        if t.is_cap() && in_mention(t.span()) {
            continue;
        }
        // a capitalised word inside the sentence names something ("Miss
        // Universe"): a participant, not the predicate
        let sentence_initial = first_word == Some(i);
        if t.is_cap() && !sentence_initial && i > lo && !doc.is_qmark(i - 1) {
            attrs.push(fw.stem);
            continue;
        }
        let st = fw.stem;
        keys.push((st, in_scope, false));
        last_key_tok = i;
    }
    // first word of the clause pointing back ("It is false", "That comment…")
    let first = (lo..hi).find(|&i| doc.kind(i) == Some(TokKind::Word));
    if let Some(fi) = first {
        if matches!(low(fi), "it" | "that" | "this" | "which")
            && matches!(low(fi + 1), "is" | "was" | "'s" | "’s" | "are" | "were")
            && f.refute
        {
            f.anaphoric = true;
        }
        if matches!(low(fi), "the" | "those" | "these" | "such")
            && facts(fi + 1).bits & wf::ANAPHOR != 0
            && f.refute
        {
            f.anaphoric = true;
        }
    }
    if f.refute && f.words <= 6 {
        f.anaphoric = true;
    }
    let kinds = lx.phrase_kinds(&norm, &phrase_starts, |id| {
        if id == u32::MAX {
            "0"
        } else {
            doc.form(id)
        }
    });
    f.majority = kinds & phrase::MAJORITY != 0;
    f.majority_src = src.majority;
    f.contrast = kinds & phrase::CONTRAST != 0;
    f.qualified = kinds & phrase::QUALIFIER != 0;
    f.doubt = kinds & phrase::DOUBT != 0;
    f.explicit_neg = neg;
    // record: the source is a document/video/data, or the narrator cites one
    if let Some(a) = a {
        let in_src = src.record;
        let person = a
            .speaker
            .and_then(|e| reg.entities.get(e))
            .is_some_and(|e| e.kind == crate::mention::EntityKind::Person);
        // a record noun heading the subject before the cue ("Emails obtained
        // by X show …"), in the same sentence
        // (looked for only where it decides: evidence cues)
        let before_cue = || {
            a.cue.is_some_and(|cue| {
                // (the cue is near the claim's tokens: searched from its first)
                let (ci, _) = tok_range(doc, cue, &mut { lo });
                let sent_lo = doc.sents.get(doc.sent_index(ci)).map_or(ci, |&(l, _)| l);
                (sent_lo.max(ci.saturating_sub(12))..ci).any(|k| {
                    ctx.facts
                        .get(doc.word_id(k) as usize)
                        .is_some_and(|x| x.bits & wf::RECORD != 0)
                })
            })
        };
        f.record = f.record || in_src || a.stance == Stance::Evidence && (!person || before_cue());
    }
    f.described_skip = c.speaker;
    for e in &ents {
        if Some(*e) == c.speaker.map(|s| s as usize) {
            continue;
        }
        if let Some((e_attrs, _)) = ctx.entity_attrs.get(*e) {
            attrs.extend_from_slice(e_attrs);
        }
    }
    // "Tulsa police's earlier claim that …": the content is someone else's claim
    if let Some((owner_lo, owner_hi)) = embedded_owner(doc, lx, lo, hi) {
        c.stance = Stance::Assert;
        c.speaker = id32(
            reg.mentions
                .iter()
                .skip(
                    reg.mentions
                        .partition_point(|m| m.span.start < doc.span(owner_lo).start),
                )
                .take_while(|m| m.span.start < doc.span(owner_hi).start)
                .find_map(|m| m.entity),
        );
        f.source_name = Arc::from(
            doc.range(owner_lo, owner_hi.saturating_sub(1))
                .slice(doc.text),
        );
        f.record = false;
    }
    let deny_cue = c.stance == Stance::Deny;
    c.negated = neg ^ antonym ^ deny_cue;
    f.deny_cue = deny_cue;
    c.hedged = hedged;
    // time and quantities: scanners on this short span only
    let text = c.span.slice(doc.text);
    // only where a token could start a match (most claims have neither), and from two
    // tokens before the first such token: a match covers one (pattern::may_start) and
    // starts at most two words before it ("earlier this year")
    // the scanners look only near the tokens where a match may start (pattern::windows)
    // (one list of windows, reused: filled for times, then for quantities)
    let mut win = std::mem::take(&mut sc.windows);
    let windows = |first: Option<usize>, bit: u32, win: &mut Vec<(usize, usize)>| {
        let toks = doc.toks.get(first?.saturating_sub(2).max(lo)..hi)?;
        let span_start = c.span.start;
        crate::pattern::windows_into(
            toks.iter().map(|t| {
                let changed = doc.lower_len_changed && t.byte_len() != doc.form(t.wid).len();
                let fw = ctx.facts.get(t.wid as usize).unwrap_or(&none);
                let at = |x: usize| x.saturating_sub(span_start);
                (
                    (at(t.span().start), at(t.span().end)),
                    fw.bits & bit != 0 || changed,
                )
            }),
            win,
        );
        Some(())
    };
    let times = windows(first_time, wf::TIME, &mut win)
        .map_or_else(Vec::new, |()| crate::pattern::times_in(text, &win));
    let quantities = windows(first_quant, wf::QUANT, &mut win)
        .map_or_else(Vec::new, |()| crate::pattern::quantities_in(text, &win));
    // (each list made at its final size: claims live until the end of the analysis, and all
    // of them together are its high-water mark)
    let time: Box<[Span]> = times
        .iter()
        .map(|&(a, b)| Span::new(c.span.start + a, c.span.start + b))
        .collect();
    let (mut spans, mut quants) = (Vec::new(), Vec::new());
    for (a, b) in quantities {
        let s = Span::new(c.span.start + a, c.span.start + b);
        if time
            .iter()
            .any(|t| t.overlaps(s) && t.contains(Span::new(s.start, s.start + 1)))
        {
            continue;
        }
        let q = quantity(lx, doc.text, s, c.span);
        spans.push(trim_quantity(lx, doc.text, s));
        if let Some(q) = q {
            quants.push(q);
        }
    }
    c.time = time;
    c.quantities = spans.into_boxed_slice();
    f.quants = quants.into_boxed_slice();
    classes.sort_unstable();
    classes.dedup();
    ents.sort_unstable();
    ents.dedup();
    // by symbol (rank: string order), unique; keys keep each symbol's first occurrence (a
    // stable sort: they come in text order)
    attrs.sort_unstable();
    attrs.dedup();
    crate::sort::sort_short_by_key(&mut keys, |k| k.0 as usize);
    keys.dedup_by_key(|k| k.0);
    f.keys = keys
        .iter()
        .map(|&(k, n, class)| {
            if class {
                Key::class(k, n)
            } else {
                Key::new(k, n)
            }
        })
        .collect();
    f.attrs = attrs.as_slice().into();
    // (the ids were `u16`s: narrowed back losslessly)
    f.classes = classes.iter().map(|&k| k as u16).collect();
    c.entities = ents.as_slice().into();
    *ctx.scratch.borrow_mut() = Scratch {
        norm,
        phrase_starts,
        mention_toks,
        keys,
        pair,
        attrs,
        ents,
        classes,
        windows: win,
    };
}

/// `xs.partition_point(before)`, found by stepping forward from `from` when the answer is at
/// or after it (`from` is 0 or `xs[from - 1]` is before) and at most 8 steps away; `None` if
/// not (the caller then searches).
fn forward<T>(xs: &[T], from: usize, before: impl Fn(&T) -> bool) -> Option<usize> {
    if from > xs.len() || from > 0 && !xs.get(from - 1).is_some_and(&before) {
        return None;
    }
    let mut k = from;
    while xs.get(k).is_some_and(&before) {
        k += 1;
        if k - from > 8 {
            return None;
        }
    }
    Some(k)
}

/// `[owner]'s (earlier) claim that …` at the start of tokens `[lo, hi)`:
/// the owner's token range.
fn embedded_owner(doc: &Doc, lx: &ClaimLex, lo: usize, hi: usize) -> Option<(usize, usize)> {
    let poss = (lo..hi.min(lo + 6)).find(|&i| {
        // (a possessive ends in "s": most tokens are ruled out by their last byte)
        let end = doc.span(i).end;
        end > 0 && doc.text.as_bytes().get(end - 1) == Some(&b's') && {
            let s = doc.s(i);
            s.ends_with("'s") || s.ends_with("’s")
        }
    })?;
    // up to two modifiers ("earlier", "early-morning"), then the noun
    let noun_at = (poss + 1..(poss + 4).min(hi)).find(|&k| lx.anaphor(doc.low(k)))?;
    let next = doc.low(noun_at + 1);
    let introduces = next == "that"
        || matches!(
            next,
            "accusing"
                | "claiming"
                | "saying"
                | "alleging"
                | "suggesting"
                | "asserting"
                | "insisting"
        );
    introduces.then_some((lo, poss + 1))
}

/// Drops trailing function words from a matched quantity ("15 people in" → "15 people").
fn trim_quantity(lx: &ClaimLex, text: &str, s: Span) -> Span {
    let t = s.slice(text);
    let mut end = t.len();
    let words: Vec<(usize, &str)> = t
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - t.as_ptr() as usize, w))
        .collect();
    let mut l = String::new();
    for (k, (off, w)) in words.iter().enumerate().rev() {
        if k == 0 {
            break;
        }
        let l = crate::text::lowercase_into(&mut l, w);
        let func = matches!(
            l,
            "of" | "in"
                | "to"
                | "the"
                | "a"
                | "an"
                | "and"
                | "or"
                | "for"
                | "on"
                | "at"
                | "by"
                | "with"
                | "that"
                | "than"
                | "from"
                | "is"
                | "was"
                | "are"
                | "were"
                | "as"
        ) || lx.stop(l)
            && !matches!(
                l,
                "people" | "percent" | "times" | "years" | "days" | "weeks" | "months"
            );
        if func {
            end = *off;
        } else {
            break;
        }
    }
    let trimmed = t.get(..end).unwrap_or(t).trim_end();
    Span::new(s.start, s.start + trimmed.len())
}

fn word_value(w: &str) -> Option<f64> {
    Some(match w.to_lowercase().as_str() {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        _ => return None,
    })
}

/// Parses a quantity and its context (stems of the words around it in the claim).
fn quantity(lx: &ClaimLex, text: &str, s: Span, claim: Span) -> Option<Quant> {
    let t = s.slice(text);
    let numtxt: String = t
        .trim_start_matches('$')
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let value = if numtxt.is_empty() {
        word_value(t.split_whitespace().next().unwrap_or(""))?
    } else {
        numtxt.trim_end_matches('.').parse::<f64>().ok()?
    };
    let lower = t.to_lowercase();
    let percent = lower.contains('%') || lower.contains("percent") || lower.contains("per cent");
    let before = text.get(claim.start..s.start).unwrap_or("");
    let after = text.get(s.end..claim.end).unwrap_or("");
    let prev: Vec<&str> = before.split_whitespace().rev().take(7).collect();
    // (one buffer for the words' lower case: a string is made only for a context word kept)
    let mut buf = String::new();
    let approx = prev.iter().take(3).any(|w| {
        let l = crate::text::lowercase_into(&mut buf, w);
        lx.approx().contains(&l)
            || matches!(l, "than" | "from" | "between" | "ranging" | "and" | "or")
            || l.ends_with("-plus")
    }) || lower.contains("plus");
    let mut context: Vec<String> = Vec::new();
    for w in prev
        .iter()
        .copied()
        .chain(t.split_whitespace().skip(1))
        .chain(after.split_whitespace().take(4))
    {
        let w =
            crate::text::lowercase_into(&mut buf, w.trim_matches(|c: char| !c.is_alphanumeric()));
        let keep = w.len() >= 3
            && w.chars().all(char::is_alphabetic)
            && !lx.stop(w)
            && !matches!(
                w,
                "the"
                    | "and"
                    | "for"
                    | "that"
                    | "with"
                    | "from"
                    | "percent"
                    | "points"
                    | "than"
                    | "who"
                    | "was"
                    | "were"
                    | "are"
                    | "has"
                    | "had"
                    | "have"
            );
        if keep {
            // kept in order, once each: a binary search per word of the few around a figure
            // (no sort of strings, and so no copy of a sort for them)
            let s = stem(w);
            if let Err(at) = context.binary_search(&s) {
                context.insert(at, s);
            }
        }
    }
    let mut joined = String::with_capacity(context.iter().map(|w| w.len() + 1).sum());
    for w in &context {
        joined.push_str(w);
        joined.push(' ');
    }
    Some(Quant {
        value,
        percent,
        approx,
        context: joined.into_boxed_str(),
        span: s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;

    #[test]
    fn a_piece_is_16_bytes() {
        // one per claim while the claims are built: the analysis's high-water mark
        assert_eq!(std::mem::size_of::<Piece>(), 16);
        let p = Piece::new(4, 9, Some(7), PieceRule::Attribution);
        assert_eq!((p.range(), p.attribution()), ((4, 9), Some(7)));
        let n = Piece::new(4, 9, None, PieceRule::Narrator);
        assert_eq!((n.attribution(), n.rule.id()), (None, "claim.narrator"));
    }

    #[test]
    fn a_claim_is_at_most_256_bytes_and_its_ids_are_32_bit() {
        // ≈ 0.9 claims per 100 bytes of text: with the tokens, the claims decide whether the
        // native CLI stays under 10× the input for 10 MB (BENCHMARKS.md, "Eighth round")
        assert!(
            std::mem::size_of::<Claim>() <= 256,
            "{}",
            std::mem::size_of::<Claim>()
        );
        assert_eq!(id32(Some(7)), Some(7));
        assert_eq!(id32(None), None);
        assert_eq!(id32(Some(usize::MAX)), Some(u32::MAX));
        // the stems and the predicate names come from the keys and the class indices
        let c =
            claims("Smith met the Russian ambassador twice, he said. The meetings were in July.");
        let c = c
            .iter()
            .find(|c| c.feat.classes.len() == 1)
            .expect("a claim with a class");
        assert_eq!(c.predicates().count(), 1);
        let stems: Vec<Sym> = c.feat.stems().collect();
        assert!(!stems.is_empty() && stems.windows(2).all(|w| w[0] < w[1]));
        assert!(c.feat.keys.iter().any(|k| k.is_class()));
        assert!(c.feat.keys.iter().filter(|k| !k.is_class()).count() == stems.len());
    }

    #[test]
    fn a_quantity_keeps_its_context_words_in_one_string() {
        let c = claims(
            "A poll found that 52 percent of likely voters approved the governor's budget plan.",
        );
        let q = c
            .iter()
            .flat_map(|c| c.feat.quants.iter())
            .next()
            .expect("a quantity");
        let words: Vec<&str> = q.context_words().collect();
        assert!(words.len() >= 3, "{words:?}");
        assert!(words.windows(2).all(|w| w[0] < w[1]), "{words:?}");
        assert!(words.iter().all(|w| !w.is_empty() && !w.contains(' ')));
        assert_eq!(
            q.context.split(' ').count(),
            words.len() + 1,
            "each word ends with a space"
        );
        assert_eq!(
            serde_json::to_value(q).unwrap()["context"],
            serde_json::json!(words)
        );
    }

    #[test]
    fn a_key_sorts_by_symbol_then_negation() {
        let (a, b) = (Key::new(5, true), Key::class(6, false));
        assert!(a < b && Key::new(5, false) < a);
        assert_eq!((a.sym(), a.negated(), a.is_class()), (5, true, false));
        assert_eq!((b.sym(), b.negated(), b.is_class()), (6, false, true));
    }

    fn claims(text: &str) -> Vec<Claim> {
        Analyzer::new().analyze(text).unwrap().claims
    }

    #[test]
    fn symbol_ranks_follow_byte_order() {
        let words = [
            "abcdefghi",
            "b",
            "",
            "a\u{0}",
            "abcdefgh",
            "a",
            "#contact",
            "abcdefgh\u{0}",
            "ab",
            "é",
            "abcdefgg",
            "zz",
            "abcdefgh",
        ];
        let mut i = Interner::default();
        let ids: Vec<Sym> = words.iter().map(|w| i.id(w)).collect();
        let (syms, rank) = i.finish();
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let got: Vec<&str> = (0..syms.len() as Sym).map(|s| syms.str(s)).collect();
        assert_eq!(got, sorted);
        for (w, id) in words.iter().zip(ids) {
            assert_eq!(syms.str(rank[id as usize]), *w);
        }
    }

    #[test]
    fn a_string_has_one_symbol_either_way() {
        let mut i = Interner {
            grow: true,
            ..Interner::default()
        };
        let a = i.id("ambassador");
        let b = canonical("ambassador", true).map(|rc| i.id_canonical(&rc));
        assert_eq!(Some(a), b);
        assert_eq!(i.id("ambassador"), a);
        assert_ne!(i.id("ambassadors"), a);
        // a large document's interner adds no canonical strings: a new string is interned
        // by content, once; a canonical one still by address
        let mut big = Interner::default();
        let word = "unambassadorial-for-this-test";
        assert!(canonical(word, false).is_none());
        let w = big.id(word);
        assert!(canonical(word, false).is_none(), "the table did not grow");
        assert_eq!(big.id(word), w);
        let c = big.id("ambassador");
        assert_eq!(
            canonical("ambassador", false).map(|rc| big.id_canonical(&rc)),
            Some(c)
        );
        assert_ne!(c, w);
        // nor does a long string
        assert!(canonical(&"x".repeat(CACHE_STR_MAX + 1), true).is_none());
        assert!(canonical(&"x".repeat(CACHE_STR_MAX), true).is_some());
    }

    /// A document over [`CACHE_DOC_MAX`] bytes starts with empty cross-document tables and
    /// leaves them empty; a short one fills them again. (Text written for this test.)
    #[test]
    fn a_large_document_releases_the_caches() {
        let short = "The mayor said the bridge would cost more than the council expected.";
        let sizes = || {
            (
                FORM_CACHE.with(|c| c.borrow().len()),
                CANON.with(|c| c.borrow().len()),
            )
        };
        Analyzer::new().analyze(short).unwrap();
        let (forms, canon) = sizes();
        assert!(forms > 5 && canon > 5, "{forms} {canon}");
        let mut large = String::new();
        while large.len() <= CACHE_DOC_MAX {
            large.push_str("Residents said the ferry was late again. ");
        }
        let a = Analyzer::new().analyze(&large).unwrap();
        assert!(!a.claims.is_empty());
        assert_eq!(sizes(), (0, 0));
        Analyzer::new().analyze(short).unwrap();
        assert_eq!(sizes(), (forms, canon));
    }

    /// `has_phrase` is the padded `contains` it replaced.
    #[test]
    fn phrases_between_spaces() {
        for text in [
            "majority of voters",
            "a majority of",
            "the majority of, them",
            "majority ofthe",
            "amajority of voters",
            "more than half",
            " more than half ",
            "more than  half",
            "",
            "majority of majority of x",
            "xmajority of majority of",
        ] {
            for phrase in ["majority of", "more than half"] {
                let want = format!(" {text} ").contains(&format!(" {phrase} "));
                assert_eq!(has_phrase(text, phrase), want, "{text:?} {phrase:?}");
            }
        }
    }

    #[test]
    fn form_cache_changes_nothing() {
        let a = "“I never met with any Russian officials,” Sessions said on Tuesday, denying 2 reports.";
        let b = "The Post reported that Sessions spoke twice with the ambassador last year.";
        let json = |t: &str| {
            let r = Analyzer::new().analyze(t).unwrap();
            (
                serde_json::to_string(&r).unwrap(),
                format!("{:?}", r.claims),
            )
        };
        FORM_CACHE.with(|c| c.borrow_mut().clear());
        let cold = json(a);
        let _ = json(b);
        assert!(FORM_CACHE.with(|c| c.borrow().len()) > 10);
        assert_eq!(json(a), cold);
    }

    #[test]
    fn stems() {
        assert_eq!(stem("audits"), stem("audited"));
        assert_eq!(stem("type"), stem("typed"));
        assert_eq!(stem("Russians"), "russian");
        assert_eq!(stem("hands"), "hand");
        assert_eq!(stem("taxes"), "tax");
    }

    #[test]
    fn polarity() {
        let c = claims("“I did not have communications with the Russians,” Smith told reporters.");
        assert!(c[0].negated);
        assert_eq!(c[0].predicates().collect::<Vec<_>>(), ["contact"]);
        let c = claims("“There is no doubt that we met,” Smith told reporters.");
        assert!(!c[0].negated);
        let c = claims("Jones denied that the company paid the fine, a spokesman said.");
        assert!(c.iter().any(|c| c.negated));
        let c = claims("“She was asleep when the call came in,” Brown said on Monday.");
        assert!(c[0].negated, "asleep = not awake");
    }

    #[test]
    fn hedging() {
        let c = claims("The senator allegedly met the lobbyist twice, the newspaper reported.");
        assert!(c[0].hedged);
        let c = claims("The senator met the lobbyist twice, the newspaper reported.");
        assert!(!c[0].hedged);
        let c = claims("“The plant may close next year,” the mayor said.");
        assert!(c[0].hedged);
    }

    #[test]
    fn time_and_quantities() {
        let text = "Officials said 15 people were hurt in July and that 44 percent of the $1.2 billion fund was spent last year.";
        let c = claims(text);
        let all_t: Vec<&str> = c
            .iter()
            .flat_map(|c| c.time.iter().map(|s| s.slice(text)))
            .collect();
        let all_q: Vec<&str> = c
            .iter()
            .flat_map(|c| c.quantities.iter().map(|s| s.slice(text)))
            .collect();
        assert!(all_t.contains(&"July"), "{all_t:?}");
        assert!(all_t.contains(&"last year"), "{all_t:?}");
        assert!(all_q.contains(&"15 people"), "{all_q:?}");
        assert!(all_q.contains(&"44 percent"), "{all_q:?}");
        assert!(
            all_q.iter().any(|q| q.starts_with("$1.2 billion")),
            "{all_q:?}"
        );
    }

    #[test]
    fn multi_sentence_quote_splits() {
        let text = "“I never met him. I have no idea what this is about. It is false,” Smith said.";
        let c = claims(text);
        assert_eq!(c.len(), 3, "{c:?}");
        assert!(c[2].feat.refute && c[2].feat.anaphoric);
    }

    #[test]
    fn narrator_claims() {
        let text = "The mayor resigned in 2015 after a long dispute.\n\n“We will rebuild,” the new mayor said.";
        let c = claims(text);
        assert!(c
            .iter()
            .any(|c| c.rule == "claim.narrator" && c.attribution.is_none()));
        assert!(c.iter().any(|c| c.rule == "claim.attribution"));
    }
}

#[cfg(test)]
mod reference {
    //! The claim lexicon as it was built at run time, kept as the reference the static tables
    //! of build.rs are checked against.
    use super::*;
    use std::collections::{HashMap, HashSet};

    struct Reference {
        classes: Vec<&'static str>,
        /// "#" + class name, per class.
        class_keys: Vec<String>,
        class_of: HashMap<&'static str, (u16, bool)>,
        class_of_stem: HashMap<String, (u16, bool)>,
        demonym: HashMap<&'static str, &'static str>,
        refute: HashSet<&'static str>,
        anaphor: HashSet<&'static str>,
        record: HashSet<&'static str>,
        /// Multi-word phrases matched on a claim's words: (words, `phrase::*` kind).
        phrases: Vec<(Vec<&'static str>, u8)>,
        /// Phrase indices by first word.
        phrase_first: HashMap<&'static str, Vec<usize>>,
        approx: Vec<&'static str>,
        stop: HashSet<&'static str>,
        /// Every listed word with the `wf` bits of the lists it is on: one lookup per word
        /// form instead of one per list.
        word_bits: HashMap<&'static str, u32>,
    }

    const PREDICATES: &str = include_str!("lexicon/predicates.txt");

    // Time and quantity patterns: hand-written scanners in src/pattern.rs (tested against the
    // former regexes there).

    fn section_lines(src: &'static str) -> Vec<(&'static str, &'static str)> {
        let mut out = Vec::new();
        let mut section = "";
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(s) = line.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
                section = s;
                continue;
            }
            out.push((section, line));
        }
        out
    }

    impl Reference {
        fn new() -> Reference {
            let mut lex = Reference {
                classes: Vec::new(),
                class_keys: Vec::new(),
                class_of: HashMap::default(),
                class_of_stem: HashMap::default(),
                demonym: HashMap::default(),
                refute: HashSet::default(),
                anaphor: HashSet::default(),
                record: HashSet::default(),
                phrases: Vec::new(),
                phrase_first: HashMap::default(),
                approx: Vec::new(),
                stop: HashSet::default(),
                word_bits: HashMap::default(),
            };
            for (section, line) in section_lines(PREDICATES) {
                match section {
                    "classes" | "negated" => {
                        let Some((class, forms)) = line.split_once(':') else {
                            continue;
                        };
                        let class = class.trim();
                        let idx = match lex.classes.iter().position(|c| *c == class) {
                            Some(i) => i,
                            None => {
                                lex.classes.push(class);
                                lex.classes.len() - 1
                            }
                        };
                        let Ok(idx) = u16::try_from(idx) else {
                            continue;
                        };
                        let neg = section == "negated";
                        // two-word phrases are written "step down"; forms are
                        // separated by single spaces, so pair "step down" up by
                        // the convention that a phrase's second word is a particle
                        let words: Vec<&str> = forms.split_whitespace().collect();
                        let mut k = 0;
                        while k < words.len() {
                            let w = words.get(k).copied().unwrap_or("");
                            let next = words.get(k + 1).copied().unwrap_or("");
                            if matches!(next, "down" | "up" | "out" | "off") {
                                if let Some(p) = forms.find(&format!("{w} {next}")) {
                                    if let Some(phrase) = forms.get(p..p + w.len() + 1 + next.len())
                                    {
                                        lex.class_of.insert(phrase, (idx, neg));
                                    }
                                }
                                k += 2;
                                continue;
                            }
                            lex.class_of.insert(w, (idx, neg));
                            lex.class_of_stem.entry(stem(w)).or_insert((idx, neg));
                            k += 1;
                        }
                    }
                    "demonym" => {
                        if let Some((key, forms)) = line.split_once(':') {
                            let key = key.trim();
                            for f in forms.split_whitespace() {
                                lex.demonym.insert(f, key);
                            }
                        }
                    }
                    "refute" => lex.refute.extend(line.split_whitespace()),
                    "refute_verbs" => lex.add_bits(line, wf::REFUTE_VERB),
                    "anaphor" => lex.anaphor.extend(line.split_whitespace()),
                    "record" => lex.record.extend(line.split_whitespace()),
                    "contrast" => lex.add_phrases(line.split('|'), phrase::CONTRAST),
                    "qualifier" => lex.add_phrases(line.split('|'), phrase::QUALIFIER),
                    "hedge" => lex.add_bits(line, wf::HEDGE),
                    "approx" => lex.approx.extend(line.split_whitespace()),
                    "prescriptive" => lex.add_bits(line, wf::PRESCRIPTIVE),
                    "stop" => lex.stop.extend(line.split_whitespace()),
                    "retraction" => lex.add_bits(line, wf::RETRACTION),
                    _ => {}
                }
            }
            lex.class_keys = lex.classes.iter().map(|c| format!("#{c}")).collect();
            lex.add_phrases(
                [
                    "no evidence",
                    "not aware",
                    "no idea",
                    "too early",
                    "not been determined",
                    "not determined",
                    "not sure",
                    "unclear",
                    "skeptical",
                ],
                phrase::DOUBT,
            );
            lex.add_phrases(["majority of", "more than half"], phrase::MAJORITY);
            // the lists the claim stage also reads on their own go into the table too
            let mut bits = std::mem::take(&mut lex.word_bits);
            let lists: [(&HashSet<&'static str>, u32); 4] = [
                (&lex.refute, wf::REFUTE),
                (&lex.anaphor, wf::ANAPHOR),
                (&lex.record, wf::RECORD),
                (&lex.stop, wf::STOP),
            ];
            for (list, bit) in lists {
                for w in list {
                    *bits.entry(w).or_default() |= bit;
                }
            }
            for w in lex.phrase_first.keys() {
                *bits.entry(w).or_default() |= wf::PHRASE_FIRST;
            }
            lex.word_bits = bits;
            lex
        }

        /// Adds `bit` to each word of a list line.
        fn add_bits(&mut self, line: &'static str, bit: u32) {
            for w in line.split_whitespace() {
                *self.word_bits.entry(w).or_default() |= bit;
            }
        }

        fn add_phrases(&mut self, phrases: impl IntoIterator<Item = &'static str>, kind: u8) {
            for p in phrases {
                let words: Vec<&'static str> = p.split_whitespace().collect();
                let Some(&first) = words.first() else {
                    continue;
                };
                self.phrase_first
                    .entry(first)
                    .or_default()
                    .push(self.phrases.len());
                self.phrases.push((words, kind));
            }
        }
    }

    #[test]
    fn static_tables_match_the_lists() {
        let r = Reference::new();
        let lx = lex();
        assert_eq!(&r.classes[..], &CLAIM_CLASSES[..]);
        assert_eq!(r.class_keys, CLAIM_CLASS_KEYS);
        assert_eq!(&r.approx[..], lx.approx());
        let phrases: Vec<(Vec<&str>, u8)> = CLAIM_PHRASES
            .iter()
            .map(|(w, k)| (w.to_vec(), *k))
            .collect();
        assert_eq!(r.phrases, phrases);
        for (first, list) in &r.phrase_first {
            let mask = lx.phrase_mask(first);
            let from_table: Vec<usize> = (0..32).filter(|i| mask & 1 << i != 0).collect();
            assert_eq!(list, &from_table, "phrases starting {first}");
        }
        for w in CLAIM_WORDS {
            if lx.phrase_mask(w) != 0 {
                assert!(r.phrase_first.contains_key(w), "{w}");
            }
        }
        for (w, c) in &r.class_of {
            assert_eq!(lx.class_of(w), Some(*c), "class of {w}");
        }
        for (st, c) in &r.class_of_stem {
            assert_eq!(lx.class_of_stem(st), Some(*c), "class of stem {st}");
        }
        for (w, g) in &r.demonym {
            assert_eq!(lx.group(w), Some(*g), "group of {w}");
        }
        let groups: HashSet<&str> = r.demonym.values().copied().collect();
        let table_groups: HashSet<&str> = CLAIM_GROUP_KEYS.iter().copied().collect();
        assert_eq!(groups, table_groups);
        for (w, b) in &r.word_bits {
            assert_eq!(lx.word_bits(w), *b, "bits of {w}");
        }
        for w in &r.refute {
            assert!(lx.refute(w), "{w}");
        }
        for w in &r.anaphor {
            assert!(lx.anaphor(w), "{w}");
        }
        for w in &r.record {
            assert!(lx.record(w), "{w}");
        }
        for w in &r.stop {
            assert!(lx.stop(w), "{w}");
        }
        // and nothing more: every key of the table is the reference's
        for (i, w) in CLAIM_WORDS.iter().enumerate() {
            assert_eq!(ClaimLex::entry(w), Some(i), "{w} found");
            assert_eq!(lx.class_of(w), r.class_of.get(w).copied(), "class of {w}");
            assert_eq!(
                lx.class_of_stem(w),
                r.class_of_stem.get(*w).copied(),
                "stem {w}"
            );
            assert_eq!(lx.group(w), r.demonym.get(w).copied(), "group of {w}");
            assert_eq!(
                lx.word_bits(w),
                r.word_bits.get(w).copied().unwrap_or(0),
                "{w}"
            );
            assert_eq!(lx.refute(w), r.refute.contains(w), "{w}");
            assert_eq!(lx.anaphor(w), r.anaphor.contains(w), "{w}");
            assert_eq!(lx.record(w), r.record.contains(w), "{w}");
            assert_eq!(lx.stop(w), r.stop.contains(w), "{w}");
        }
        assert_eq!(ClaimLex::entry("notalistedword"), None);
        assert_eq!(lx.class_of("meet"), Some((0, false)));
        assert_eq!(lx.class_of("step down"), lx.class_of("resign"));
        assert_eq!(lx.group("russians"), Some("russia"));
        assert!(lx.is_group_key("russia") && !lx.is_group_key("russian"));
    }
}
