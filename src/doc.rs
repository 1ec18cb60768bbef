//! The per-document view shared by the later stages: tokens with their
//! lexicon information, which outermost quote (if any) each token lies in,
//! and sentences as token ranges.
//!
//! Built once per analysis in one linear pass over the tokens.

use crate::lexicon::{flag, Cue, Info, Lexicon};
use crate::quote::Quote;
use crate::segment::{TokKind, Token};
use crate::text::{is_dash, Span};

/// One analysed document.
pub struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// Tokens.
    pub toks: Vec<Token>,
    /// Lexicon information per vocabulary id (the same for every word token of a form;
    /// see [`Doc::info_at`]).
    vinfo: Vec<Info>,
    /// The distinct lower-case forms, concatenated in id order (see [`Doc::low`]).
    forms: String,
    /// Start of form `id` in `forms` (one more entry than forms).
    form_at: Vec<u32>,
    /// The [`crate::text::TextState`] hash of each form (the claim stage's form cache is keyed
    /// by it).
    form_hash: Vec<u64>,
    /// Number of distinct lower-case forms (ids are `0..vocab`).
    pub vocab: usize,
    /// Some token's lower case has another byte length than its text (the Kelvin sign →
    /// "k"): offsets into a form are then not offsets into the token.
    pub lower_len_changed: bool,
    /// Outermost quotes as token runs `(first, end, quote index)`, in text order: the
    /// tokens wholly inside each (marks included). Tokens carry a [`Token::QUOTED`] bit; the
    /// index is looked up here (instead of a `u32` per token: memory).
    quote_runs: Vec<(u32, u32, u32)>,
    /// Each paragraph's first token index (tokens carry only a [`Token::PARA_START`] bit;
    /// a paragraph without tokens has the next one's): [`Doc::para`] looks tokens up here.
    para_first: Vec<u32>,
    /// The paragraph [`Doc::para`] found last (calls come in runs on nearby tokens).
    para_hint: std::cell::Cell<usize>,
    /// Sentences as token ranges `[start, end)`.
    pub sents: Vec<(usize, usize)>,
    /// Quotes (all depths).
    pub quotes: &'a [Quote],
    /// The lexicon.
    pub lex: &'a Lexicon,
}

/// The lower case of an ASCII token of 1 to 16 bytes (`len` bytes of `text` from `at`),
/// packed into two `u64`s (little-endian: bytes 0–7, then bytes 8–15; zero bytes after the
/// token); `None` for any other token.
fn pack_ascii_lower(text: &[u8], at: usize, len: usize) -> Option<(u64, u64)> {
    let (lo, hi) = match len {
        1..=8 => (load_le(text, at, len), 0),
        9..=16 => (load_le(text, at, 8), load_le(text, at + 8, len - 8)),
        _ => return None,
    };
    if (lo | hi) & (0x80 * ONES) != 0 {
        return None;
    }
    Some((ascii_lower(lo), ascii_lower(hi)))
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The `n` (1 to 8) bytes of `text` from `at`, little-endian, zeros after them: one 8-byte
/// load, masked, where the text goes on for 8 bytes (most tokens), else byte by byte.
#[inline]
fn load_le(text: &[u8], at: usize, n: usize) -> u64 {
    let mask = u64::MAX >> (64 - 8 * n.clamp(1, 8));
    match text.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        Some(w) => u64::from_le_bytes(*w) & mask,
        // (shifts, not a copy into an array: a short `memcpy` is a call in wasm)
        None => text
            .get(at..)
            .unwrap_or_default()
            .iter()
            .take(n.min(8))
            .enumerate()
            .fold(0, |k, (i, &c)| k | u64::from(c) << (8 * i)),
    }
}

/// Eight ASCII bytes (high bits clear) lower-cased at once.
#[inline]
fn ascii_lower(k: u64) -> u64 {
    // bytes in 'A'..='Z' get 0x20: per byte, the high bit of c + 0x3f is c ≥ 'A', that of
    // c + 0x25 is c > 'Z' (ASCII bytes: no carry into the next byte)
    let ge_a = k.wrapping_add(0x3f * ONES);
    let gt_z = k.wrapping_add(0x25 * ONES);
    let upper = ge_a & !gt_z & (0x80 * ONES);
    k | (upper >> 2)
}

impl<'a> Doc<'a> {
    /// Builds the view.
    pub fn new(
        text: &'a str,
        mut toks: Vec<Token>,
        paragraphs: &[Span],
        sentences: &[Span],
        quotes: &'a [Quote],
        lex: &'a Lexicon,
    ) -> Doc<'a> {
        // one lower-casing and one hash lookup per token; the lexicon is asked once per
        // distinct word, and each distinct form is stored once
        let mut forms = String::new();
        let mut form_at: Vec<u32> = vec![0];
        // keyed by article text: the standard, randomly seeded hasher (crafted input
        // cannot force collisions), once per token; the table holds each form's 64-bit
        // hash (first form with it; `same_hash` chains the rest), so no key is allocated
        // (sized for a short article's vocabulary: fewer rehashes while it fills)
        let seeded = crate::text::TextState::default();
        let mut ids: std::collections::HashMap<u64, u32, crate::text::PreHashed> =
            std::collections::HashMap::with_capacity_and_hasher(
                (toks.len() / 3).min(4096),
                crate::text::PreHashed::default(),
            );
        let mut same_hash: Vec<u32> = Vec::new();
        let mut form_hash: Vec<u64> = Vec::new();

        let mut vinfo: Vec<Option<Info>> = Vec::new();
        // forms of 1 to 16 bytes packed into two u64s, in a direct-mapped table in front of the
        // hashed one: an entry counts only when its bytes and length match, so colliding
        // input just misses it (no probing, nothing to attack)
        // (4096 entries; fewer for a short text, whose vocabulary is smaller: zeroing the
        // table is then a visible part of its analysis)
        let short_bits = toks
            .len()
            .next_power_of_two()
            .clamp(64, 16384)
            .trailing_zeros();
        let mut short: Vec<((u64, u64), u8, u32)> = vec![((0, 0), 0, 0); 1 << short_bits];
        // (an ASCII token's lower case, packed straight from the text: no lower-casing and no
        // copy for the tokens the table knows, most of them)
        let slot = |(lo, hi): (u64, u64)| {
            ((lo ^ hi.rotate_left(23)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - short_bits))
                as usize
        };
        let mut l = String::new();
        let mut lower_len_changed = false;
        for t in toks.iter_mut() {
            // (bytes first: the text is sliced as a `str` only for a token the short table
            // does not know, or one starting with a non-ASCII char)
            let b = text
                .as_bytes()
                .get(t.span().start..t.span().end)
                .unwrap_or_default();
            let span = t.span();
            let s = || span.slice(text);
            // (bits the clause and cue scans test on every token; the dashes and "…" are
            // non-ASCII)
            let (brk, terminal) = match b.first() {
                Some(x) if !x.is_ascii() => {
                    let c = s().chars().next();
                    (c.is_some_and(is_dash), c == Some('…'))
                }
                Some(b',' | b';' | b':' | b'(' | b')') => (b.len() == 1, false),
                Some(b'-') => (b == b"--", false),
                Some(b'.' | b'?' | b'!') => (false, true),
                _ => (false, false),
            };
            if brk {
                t.set(Token::BREAK);
            }
            if terminal && t.kind() == TokKind::Punct {
                t.set(Token::TERMINAL);
            }
            let packed =
                pack_ascii_lower(text.as_bytes(), span.start, b.len()).map(|k| (k, slot(k)));
            let short_hit = packed.and_then(|(k, at)| {
                short
                    .get(at)
                    .filter(|e| e.0 == k && usize::from(e.1) == b.len())
                    .map(|e| e.2)
            });
            let lowered = short_hit.is_none();
            let text_of = s;
            let s = if lowered { text_of() } else { "" };
            if lowered {
                crate::text::lowercase_into(&mut l, s);
                lower_len_changed |= l.len() != s.len();
            }
            let id = match short_hit {
                Some(id) => id,
                None => {
                    use std::hash::BuildHasher;
                    let h = seeded.hash_one(l.as_str());
                    let mut cand = ids.get(&h).copied();
                    while let Some(c) = cand {
                        let (Some(&a), Some(&b)) =
                            (form_at.get(c as usize), form_at.get(c as usize + 1))
                        else {
                            cand = None;
                            break;
                        };
                        if forms.get(a as usize..b as usize) == Some(l.as_str()) {
                            break;
                        }
                        cand = same_hash
                            .get(c as usize)
                            .copied()
                            .filter(|&n| n != u32::MAX);
                    }
                    let id = match cand {
                        Some(id) => id,
                        None => {
                            let id = same_hash.len() as u32;
                            // a new form goes first in its hash's chain
                            same_hash.push(ids.insert(h, id).unwrap_or(u32::MAX));
                            vinfo.push(None);
                            forms.push_str(&l);
                            form_at.push(forms.len() as u32);
                            form_hash.push(h);
                            id
                        }
                    };
                    if let Some((k, at)) = packed {
                        if let Some(e) = short.get_mut(at) {
                            *e = (k, l.len() as u8, id);
                        }
                    }
                    id
                }
            };
            t.wid = id;
            // a form is a word everywhere or nowhere (the tokenizer decides by its first char)
            if t.kind() == TokKind::Word {
                if let Some(slot @ None) = vinfo.get_mut(id as usize) {
                    let s = text_of();
                    if !lowered {
                        crate::text::lowercase_into(&mut l, s);
                    }
                    *slot = Some(lex.get_lowered(s, &l));
                }
            }
        }
        let vocab = same_hash.len();
        drop(ids);
        let vinfo: Vec<Info> = vinfo.into_iter().map(Option::unwrap_or_default).collect();

        let mut quote_runs: Vec<(u32, u32, u32)> = Vec::new();
        let outer: Vec<(usize, Span)> = quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.depth == 0)
            .map(|(i, q)| (i, q.span))
            .collect();
        let mut qi = 0usize;
        for (ti, t) in toks.iter().enumerate() {
            while outer.get(qi).is_some_and(|(_, s)| s.end <= t.span().start) {
                qi += 1;
            }
            if let Some((i, s)) = outer.get(qi) {
                if s.start <= t.span().start && t.span().end <= s.end {
                    // the tokens inside a quote are consecutive
                    let (i, ti) = (*i as u32, ti as u32);
                    match quote_runs.last_mut() {
                        Some(run) if run.2 == i && run.1 == ti => run.1 = ti + 1,
                        _ => quote_runs.push((ti, ti + 1, i)),
                    }
                }
            }
        }
        for &(lo, hi, _) in &quote_runs {
            for t in toks.get_mut(lo as usize..hi as usize).unwrap_or(&mut []) {
                t.set(Token::QUOTED);
            }
        }
        // each paragraph's first token (the next paragraph's for one without tokens)
        let mut para_first = Vec::with_capacity(paragraphs.len());
        let mut ti = 0usize;
        for p in paragraphs {
            // (from the last one: a few steps, not a walk over every token)
            ti = crate::text::partition_point_near(&toks, ti, |t| t.span().start < p.start);
            para_first.push(u32::try_from(ti).unwrap_or(u32::MAX));
        }
        let mut sents = Vec::with_capacity(sentences.len());
        let mut ti = 0usize;
        for s in sentences {
            while toks.get(ti).is_some_and(|t| t.span().start < s.start) {
                ti += 1;
            }
            let start = ti;
            while toks.get(ti).is_some_and(|t| t.span().end <= s.end) {
                ti += 1;
            }
            sents.push((start, ti));
        }
        let sent_title = sents
            .iter()
            .map(|&(lo, hi)| {
                let (mut words, mut caps) = (0usize, 0usize);
                for t in toks.get(lo..hi).unwrap_or(&[]) {
                    if t.kind() == TokKind::Word && t.byte_len() > 3 {
                        words += 1;
                        caps += usize::from(t.is_cap());
                    }
                }
                words > 0 && caps * 4 >= words * 3
            })
            .collect::<Vec<bool>>();
        // each token's sentence (0 for a token no sentence holds; ranges come in order)
        let (mut prev, mut k) = (None, 0usize);
        for (ti, t) in toks.iter_mut().enumerate() {
            while sents.get(k).is_some_and(|&(_, hi)| hi <= ti) {
                k += 1;
            }
            let si = sents.get(k).filter(|&&(lo, _)| lo <= ti).map_or(0, |_| k);
            if prev != Some(si) {
                t.set(Token::SENT_START);
            }
            if sent_title.get(si).copied().unwrap_or(false) {
                t.set(Token::TITLE);
            }
            prev = Some(si);
        }
        Doc {
            text,
            toks,
            vinfo,
            forms,
            form_at,
            form_hash,
            vocab,
            lower_len_changed,
            quote_runs,
            para_first,
            para_hint: std::cell::Cell::new(0),
            sents,
            quotes,
            lex,
        }
    }

    /// Token text as bytes (`b""` out of range): for comparisons, without the char-boundary
    /// checks of slicing a `str`.
    pub fn b(&self, i: usize) -> &'a [u8] {
        let text: &'a str = self.text;
        self.toks
            .get(i)
            .and_then(|t| text.as_bytes().get(t.span().start..t.span().end))
            .unwrap_or_default()
    }

    /// Token text.
    pub fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.span().slice(self.text))
    }

    /// Lexicon information of token `i` (the default for a non-word; `None` out of range).
    pub fn info_at(&self, i: usize) -> Option<Info> {
        self.info_ref(i).copied()
    }

    /// [`Doc::info_at`] by reference (no copy: it is asked for on every token, often).
    fn info_ref(&self, i: usize) -> Option<&Info> {
        static NONE: Info = Info {
            flags: 0,
            cue: None,
        };
        let t = self.toks.get(i)?;
        if t.kind() != TokKind::Word {
            return Some(&NONE);
        }
        Some(self.vinfo.get(t.wid as usize).unwrap_or(&NONE))
    }

    /// The lower-case form with vocabulary id `id` ("" for none).
    pub fn form(&self, id: u32) -> &str {
        let (Some(&a), Some(&b)) = (
            self.form_at.get(id as usize),
            self.form_at.get(id as usize + 1),
        ) else {
            return "";
        };
        self.forms.get(a as usize..b as usize).unwrap_or("")
    }

    /// The hash of form `id` under the process's [`crate::text::TextState`] (0 for none).
    pub fn form_hash(&self, id: u32) -> u64 {
        self.form_hash.get(id as usize).copied().unwrap_or(0)
    }

    /// Lexicon information of word token `t` (its form's; the default when it has none).
    pub fn word_info(&self, t: &Token) -> Info {
        self.vinfo.get(t.wid as usize).copied().unwrap_or_default()
    }

    /// Token text in lower case ("" out of range).
    pub fn low(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| self.form(t.wid))
    }

    /// Vocabulary id of token `i` (`u32::MAX` out of range).
    pub fn word_id(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(u32::MAX, |t| t.wid)
    }

    /// Token span (empty span at the end for out-of-range).
    pub fn span(&self, i: usize) -> Span {
        self.toks
            .get(i)
            .map_or(Span::new(self.text.len(), self.text.len()), |t| t.span())
    }

    /// Span from token `a` to token `b` inclusive.
    pub fn range(&self, a: usize, b: usize) -> Span {
        Span::new(self.span(a).start, self.span(b).end)
    }

    /// Flags of token `i`.
    pub fn f(&self, i: usize) -> u32 {
        self.info_ref(i).map_or(0, |x| x.flags)
    }

    /// True when token `i` has any of `bits`.
    pub fn has(&self, i: usize, bits: u32) -> bool {
        self.f(i) & bits != 0
    }

    /// Cue data of token `i`.
    pub fn cue(&self, i: usize) -> Option<Cue> {
        self.info_ref(i).and_then(|x| x.cue)
    }

    /// Token kind.
    pub fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind())
    }

    /// True for a word starting upper-case.
    pub fn is_cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_cap())
    }

    /// True for an all-caps word of 2+ letters (transcript labels).
    pub fn is_allcaps(&self, i: usize) -> bool {
        if self.kind(i) != Some(TokKind::Word) {
            return false;
        }
        // (ASCII by bytes: the same tests)
        let b = self.b(i);
        if b.is_ascii() {
            return b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
                && !b.iter().any(u8::is_ascii_lowercase);
        }
        let s = self.s(i);
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(char::is_lowercase)
    }

    /// Outermost quote containing token `i`.
    pub fn quote_of(&self, i: usize) -> Option<usize> {
        if !self.quoted(i) {
            return None;
        }
        let k = self.quote_runs.partition_point(|r| r.1 as usize <= i);
        self.quote_runs
            .get(k)
            .filter(|r| r.0 as usize <= i)
            .map(|r| r.2 as usize)
    }

    /// True when the sentence of token `i` is written in title case (at least 3/4 of its
    /// words longer than 3 bytes start upper-case): headlines. A bit of the token, set here
    /// (a scan per call made long sentences with many capitalised cues quadratic).
    pub fn sent_title_case(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(Token::TITLE))
    }

    /// True when token `i` is inside a quotation.
    pub fn quoted(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(Token::QUOTED))
    }

    /// Index of the sentence holding token `i` (0 for a token no sentence holds).
    pub fn sent_index(&self, i: usize) -> usize {
        let k = self.sents.partition_point(|&(_, hi)| hi <= i);
        self.sents
            .get(k)
            .filter(|&&(lo, _)| lo <= i)
            .map_or(0, |_| k)
    }

    /// True when token `i` (≥ 1) is in another sentence than token `i - 1` (a token past
    /// the end counts as starting one).
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .map_or(i >= 1 && i - 1 < self.toks.len(), |t| {
                t.has(Token::SENT_START)
            })
    }

    /// True for punctuation `p`.
    pub fn is(&self, i: usize, p: &str) -> bool {
        // (the length first: most tries fail on it; then bytes, without the char-boundary
        // checks of slicing a `str` — equal bytes of a `str` are whole chars anyway)
        self.toks
            .get(i)
            .is_some_and(|t| t.byte_len() == p.len() && self.bytes(t.span()) == Some(p.as_bytes()))
    }

    /// Lower-case equality for words.
    #[inline]
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.byte_len() == w.len()
                && self
                    .bytes(t.span())
                    .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    /// The bytes of `span`.
    fn bytes(&self, span: crate::text::Span) -> Option<&[u8]> {
        self.text.as_bytes().get(span.start..span.end)
    }

    /// True for a clause-breaking punctuation token (`, ; : — ( )`).
    pub fn is_break_punct(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(Token::BREAK))
    }

    /// True for a sentence-final mark token.
    pub fn is_terminal(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(Token::TERMINAL))
    }

    /// Paragraph of token `i` (`u32::MAX` out of range): the last answer's paragraph when it
    /// holds `i`, else a binary search; to test whether a token starts a paragraph,
    /// [`Doc::starts_para`] is cheaper.
    #[inline(never)]
    pub fn para(&self, i: usize) -> u32 {
        if i >= self.toks.len() {
            return u32::MAX;
        }
        // the last paragraph starting at or before `i` (tokens of one paragraph are
        // contiguous; a paragraph without tokens shares its first index with the next): the
        // one found last when `i` is still in it, else a binary search
        let first = |p: usize| self.para_first.get(p).map(|&f| f as usize);
        let h = self.para_hint.get();
        let p = if first(h).is_some_and(|f| f <= i) && first(h + 1).is_none_or(|f| f > i) {
            h
        } else {
            let k = self.para_first.partition_point(|&f| f as usize <= i);
            let p = k.saturating_sub(1);
            self.para_hint.set(p);
            p
        };
        u32::try_from(p).unwrap_or(u32::MAX)
    }

    /// True when token `i` is the first of its paragraph, or out of range (so that
    /// `!starts_para(i + 1)` means token `i + 1` exists and shares `i`'s paragraph).
    pub fn starts_para(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.has(Token::PARA_START))
    }

    /// True when `i` is a quote-mark token.
    pub fn is_qmark(&self, i: usize) -> bool {
        self.kind(i) == Some(TokKind::Quote)
    }

    /// True when token `i` is any of `words` (ASCII case-insensitive).
    pub fn is_any(&self, i: usize, words: &[&str]) -> bool {
        words.iter().any(|w| self.is_word(i, w))
    }

    /// True for a lower-case adverb in -ly that no word list knows
    /// ("recently", "angrily").
    pub fn is_manner_adverb_word(&self, i: usize) -> bool {
        let w = self.b(i);
        w.len() > 4
            && w.ends_with(b"ly")
            && !self.is_cap(i)
            && self
                .info_at(i)
                .is_some_and(|x| x.flags == 0 && x.cue.is_none())
    }

    /// True when token `i` is a word that may be inside a cue's verb group
    /// (auxiliary, negation, cue adverb).
    pub fn is_cue_filler(&self, i: usize) -> bool {
        // "Theresa May said": a capitalised word is a name, not a modal
        if self.is_cap(i) && i > 0 && !self.starts_sentence(i) && !self.is_qmark(i - 1) {
            return false;
        }
        self.has(i, flag::AUX | flag::NEG | flag::CUEADV) && !self.has(i, flag::DET | flag::PRON)
            || ["not", "never", "also"].iter().any(|w| self.is_word(i, w))
    }
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;
    use crate::{quote, segment, Span};

    /// Tokens share a vocabulary id exactly when their lower-case forms are equal (the
    /// short-form table and the hashed table agree).
    #[test]
    fn vocabulary_ids_follow_lower_case_forms() {
        let mut text = String::new();
        for i in 0..3000u32 {
            // many distinct short and long forms, repeated, in mixed case
            let w = format!(
                "w{}x{} Ab{} LONGERWORD{} Sixteen-BYTES{} seventeen-BYTE{} ",
                i % 700,
                i % 7,
                i % 13,
                i % 97,
                i % 10,
                i % 100
            );
            text.push_str(&w);
        }
        text.push_str("A a I i . , “Quote” said SAID Said Été ÉTÉ été \u{212a}m km KM @[`{ Z z");
        let lex = Lexicon::new();
        let paragraphs = segment::paragraphs(&text);
        let q = quote::scan(&text, &paragraphs);
        let toks = segment::tokens(&text, &paragraphs, &q.marks);
        let sentences = segment::sentences(&text, &toks, &[]);
        let doc = super::Doc::new(&text, toks, &paragraphs, &sentences, &q.quotes, &lex);
        let mut by_form: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for i in 0..doc.toks.len() {
            let form = doc.s(i).to_lowercase();
            assert_eq!(doc.low(i), form);
            let id = doc.word_id(i);
            assert_eq!(*by_form.entry(form).or_insert(id), id, "token {i}");
        }
        let mut ids: Vec<u32> = by_form.values().copied().collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), by_form.len(), "distinct forms, distinct ids");
        assert_eq!(doc.vocab, by_form.len());
        // the Kelvin sign's lower case is one byte shorter
        assert!(doc.lower_len_changed);
    }

    /// `Doc::para` is the index of the paragraph holding the token, asked in any order
    /// (its hint), with paragraphs that hold no token among them (the segmenter makes none:
    /// every paragraph has a non-space character; here spans of the blank lines are added
    /// to its list), and `starts_para` marks the first token of each.
    #[test]
    fn paragraph_of_each_token() {
        let text = "One two.\n\nThree, “four.”\n\n\u{200b}\n\nFive\n\nSix seven eight.";
        let lex = Lexicon::new();
        let found = segment::paragraphs(text);
        let q = quote::scan(text, &found);
        let toks = segment::tokens(text, &found, &q.marks);
        let sentences = segment::sentences(text, &toks, &[]);
        // every other gap between paragraphs as a paragraph of its own
        let mut paragraphs = Vec::new();
        for (k, w) in found.windows(2).enumerate() {
            paragraphs.push(w[0]);
            if k % 2 == 0 {
                paragraphs.push(Span::new(w[0].end, w[1].start));
            }
        }
        paragraphs.extend(found.last().copied());
        let doc = super::Doc::new(text, toks, &paragraphs, &sentences, &q.quotes, &lex);
        let want = |i: usize| {
            let at = doc.span(i).start;
            paragraphs
                .iter()
                .position(|p| p.start <= at && at < p.end)
                .map(|p| p as u32)
        };
        let n = doc.toks.len();
        assert!(found.len() == 5 && paragraphs.len() == 7 && n > 10);
        let order: Vec<usize> = (0..n)
            .chain((0..n).rev())
            .chain((0..n).map(|i| i * 7 % n))
            .collect();
        for i in order {
            assert_eq!(Some(doc.para(i)), want(i), "token {i}");
            assert_eq!(
                doc.starts_para(i),
                i == 0 || want(i) != want(i - 1),
                "token {i}"
            );
        }
        assert_eq!((doc.para(0), doc.para(n - 1)), (0, 6));
        assert_eq!(doc.para(n), u32::MAX);
        assert!(doc.starts_para(n));
    }

    /// The packed lower case of an ASCII token is its `to_ascii_lowercase`, byte for byte.
    #[test]
    fn packed_lower_case_is_ascii_lower_case() {
        let pack = |b: &[u8]| {
            let mut w = [0u8; 16];
            for (d, c) in w.iter_mut().zip(b) {
                *d = c.to_ascii_lowercase();
            }
            let (lo, hi) = w.split_at(8);
            let word = |x: &[u8]| u64::from_le_bytes(x.try_into().unwrap_or_default());
            (word(lo), word(hi))
        };
        for c in 0u8..0x80 {
            for d in [b'A', b'z', b'@', b'[', b'`', b'{', 0, 0x7f, c] {
                let b = [c, d, c, b'Z', c, d, d, b'Q', c, b'a', d, c, b'M', d, c, d];
                for n in 1..=16 {
                    // within the text (the bytes after the token are masked off) and at its end
                    let want = Some(pack(&b[..n]));
                    assert_eq!(super::pack_ascii_lower(&b, 0, n), want, "{b:?} {n}");
                    assert_eq!(super::pack_ascii_lower(&b[..n], 0, n), want, "{b:?} {n}");
                    let mut shifted = vec![b'x'; 3];
                    shifted.extend_from_slice(&b[..n]);
                    assert_eq!(super::pack_ascii_lower(&shifted, 3, n), want, "{b:?} {n}");
                }
            }
        }
        let whole = |b: &[u8]| super::pack_ascii_lower(b, 0, b.len());
        assert_eq!(whole(b"ABCDEFGHIJKLMNOP"), Some(pack(b"abcdefghijklmnop")));
        assert_eq!(whole(b""), None);
        assert_eq!(whole(b"ABCDEFGHIJKLMNOPQ"), None);
        assert_eq!(whole("Été".as_bytes()), None);
        assert_eq!(whole("ABCDEFGHIJé".as_bytes()), None);
        // a non-ASCII byte right after the token is not part of it
        assert_eq!(
            super::pack_ascii_lower("ABé".as_bytes(), 0, 2),
            Some(pack(b"ab"))
        );
    }
}
