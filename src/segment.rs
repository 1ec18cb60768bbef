//! Stage 2 — segment: paragraphs, tokens and sentences.
//!
//! Input: the text (and, for tokens and sentences, the quote marks found by
//! [`crate::quote`]). Output: paragraph spans (blank-line separated; when a text
//! has no blank line at all, each line is a paragraph), tokens (words with their
//! internal apostrophes, hyphens and abbreviation dots; numbers; single
//! punctuation marks; quote marks) and sentence spans.
//!
//! Invariants: paragraphs are disjoint and ascending and cover every non-space
//! character; sentences tile each paragraph's tokens (every token belongs to
//! exactly one sentence, sentences never cross paragraphs); a sentence does not
//! end inside a quotation ("A. B," he said. is one sentence).
//!
//! Sentence splitting survives titles and abbreviations (`Sen.`, `Mr.`, `U.S.`,
//! `Feb. 9`, `No. 10`, `D.C.`, initials).

use crate::text::{is_dash, is_space, Span};

/// Token kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (with inner apostrophes, hyphens, abbreviation dots).
    Word,
    /// Digits (with inner `,` `.` `:`).
    Number,
    /// A quote mark acting as a quote mark.
    Quote,
    /// Any other non-space character.
    Punct,
}

/// One token: 12 bytes on every target (tokens are most of an analysis's memory, ≈ 0.19 a byte).
/// The paragraph is not stored: [`Token::PARA_START`] marks the first token of each, and
/// [`crate::doc::Doc::para`] gives the index.
#[derive(Clone, Copy, Debug)]
pub struct Token {
    /// First byte ([`Token::span`]): 32 bits (the analysis accepts at most `u32::MAX`
    /// bytes).
    start: u32,
    /// Byte length × 512 + kind × 128 + flags (the `Token::` bits).
    meta: u32,
    /// Vocabulary id: tokens with the same lower-case form share it (set by
    /// [`crate::doc::Doc::new`]; 0 before).
    pub wid: u32,
}

impl Token {
    /// Longest token in bytes (2²³ − 1, 8 MiB): the tokenizer cuts a longer run of letters
    /// into tokens of at most this length, at character boundaries.
    pub const MAX_LEN: usize = (1 << 23) - 1;

    /// A token with the given `Token::` bits; a span longer than [`Token::MAX_LEN`] is cut
    /// to that length (the tokenizer never makes one), a backwards one (built by hand) is
    /// kept empty.
    pub fn new(span: Span, kind: TokKind, flags: u8) -> Token {
        // (saturating: `Analyzer` rejects a text longer than `u32::MAX` bytes)
        let len = span.end.saturating_sub(span.start).min(Token::MAX_LEN) as u32;
        Token {
            start: u32::try_from(span.start).unwrap_or(u32::MAX),
            wid: 0,
            meta: len << 9 | (kind as u32) << 7 | u32::from(flags & 0x7f),
        }
    }

    /// Where.
    #[inline]
    pub fn span(&self) -> Span {
        let start = self.start as usize;
        Span {
            start,
            end: start + self.byte_len(),
        }
    }

    /// Its length in bytes.
    #[inline]
    pub fn byte_len(&self) -> usize {
        (self.meta >> 9) as usize
    }

    /// What.
    pub fn kind(&self) -> TokKind {
        match (self.meta >> 7) & 3 {
            0 => TokKind::Word,
            1 => TokKind::Number,
            2 => TokKind::Quote,
            _ => TokKind::Punct,
        }
    }

    /// Sets `flag` (one of the `Token::` bits).
    pub fn set(&mut self, flag: u8) {
        self.meta |= u32::from(flag & 0x7f);
    }

    /// A word starting with an upper-case letter (set by the tokenizer).
    pub const CAP: u8 = 1;
    /// The first token of a sentence, or in another sentence than the token before it.
    pub const SENT_START: u8 = 2;
    /// Inside a quotation.
    pub const QUOTED: u8 = 4;
    /// In a sentence written in title case (a headline).
    pub const TITLE: u8 = 8;
    /// A clause-breaking punctuation token (`, ; : ( ) --` or a dash).
    pub const BREAK: u8 = 16;
    /// A sentence-final mark (`. ? ! …`, punctuation).
    pub const TERMINAL: u8 = 32;
    /// The first token of its paragraph (set by the tokenizer).
    pub const PARA_START: u8 = 64;

    /// True for a word starting with an upper-case letter (worked out when the token
    /// was made).
    pub fn is_cap(&self) -> bool {
        self.has(Token::CAP)
    }

    /// True when `flag` (one of the `Token::` bits) is set.
    pub fn has(&self, flag: u8) -> bool {
        self.meta & u32::from(flag & 0x7f) != 0
    }
}

/// Splits `text` into paragraphs: at blank lines; at every line break when the
/// text has no blank line at all; and at a single line break between a line
/// that ends a sentence and one that starts like a new one (many pasted
/// articles separate paragraphs with one newline).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let has_blank = has_blank_line(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_non_space = 0usize;
    let mut last_char = ' ';
    let mut line_blank = true;
    let mut pending_break = false;
    let mut soft_break = false;
    let bytes = text.as_bytes();
    // line by line (a line ends at '\n' or '\r'): only a line's first and last non-space
    // characters matter, so the characters between them are never decoded
    let mut pos = 0usize;
    // (without a '\r' in the text, a line ends at the next '\n': `str::find` looks for it a
    // word at a time)
    let has_cr = bytes.contains(&b'\r');
    while pos <= text.len() {
        let rest = bytes.get(pos..);
        let end = if has_cr {
            rest.and_then(|r| r.iter().position(|&b| b == b'\n' || b == b'\r'))
        } else {
            text.get(pos..).and_then(|r| r.find('\n'))
        }
        .map_or(text.len(), |k| pos + k);
        let line = text.get(pos..end).unwrap_or("");
        let body = line.trim_start_matches(is_space);
        if let Some(c) = body.chars().next() {
            let i = pos + (line.len() - body.len());
            if soft_break
                && line_blank
                && (c.is_uppercase()
                    || c.is_ascii_digit()
                    || crate::text::is_quote_mark(c)
                    || is_dash(c))
            {
                pending_break = true;
            }
            soft_break = false;
            if pending_break {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_non_space));
                }
                pending_break = false;
            }
            line_blank = false;
            if start.is_none() {
                start = Some(i);
            }
            let kept = body.trim_end_matches(is_space);
            last_non_space = i + kept.len();
            last_char = kept.chars().next_back().unwrap_or(c);
        }
        let Some(&brk) = bytes.get(end) else {
            break;
        };
        // "\r\n" ends the line at its '\n'
        if brk == b'\n' || bytes.get(end + 1) != Some(&b'\n') {
            if line_blank || !has_blank {
                pending_break = true;
            } else if matches!(
                last_char,
                '.' | '?' | '!' | '"' | '”' | '’' | '\'' | ')' | ':' | '…'
            ) {
                soft_break = true;
            }
            line_blank = true;
        }
        pos = end + 1;
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_non_space));
    }
    out
}

/// True when a line after the first holds only spaces (and '\r') and ends with '\n'.
fn has_blank_line(text: &str) -> bool {
    let mut lines = text.split('\n');
    lines.next();
    // (the last piece has no '\n' after it)
    let mut prev: Option<&str> = None;
    for line in lines {
        if prev.is_some_and(|l| l.chars().all(|c| c == '\r' || is_space(c))) {
            return true;
        }
        prev = Some(line);
    }
    false
}

/// `u8::is_ascii_alphanumeric` as a table: one load per byte of a word (the word scan's
/// inner loop).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let (mut rest, mut b): (&mut [bool], u8) = (&mut t, 0);
    while let [first, tail @ ..] = rest {
        *first = b.is_ascii_alphanumeric();
        b = b.wrapping_add(1);
        rest = tail;
    }
    t
};

/// Tokenises each paragraph; `quote_marks` are the sorted byte offsets of
/// marks acting as quotes (everything else is part of a word or punctuation).
pub fn tokens(text: &str, paragraphs: &[Span], quote_marks: &[usize]) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut qi = 0usize;
    let mut qj = 0usize;
    for para in paragraphs {
        let p = para.slice(text);
        let base = para.start;
        let first = out.len();
        // positions are byte offsets into `p` (no per-char table: a 10 MB
        // paragraph must not cost 160 MB)
        let n = p.len();
        let bytes = p.as_bytes();
        // (an ASCII byte is a whole char: no slicing and decoding for it)
        let ch = |b: usize| match bytes.get(b) {
            Some(&x) if x.is_ascii() => Some(char::from(x)),
            Some(_) => p.get(b..).and_then(|s| s.chars().next()),
            None => None,
        };
        let next = |b: usize| match bytes.get(b) {
            Some(x) if x.is_ascii() => b + 1,
            _ => b + ch(b).map_or(1, char::len_utf8),
        };
        let before = |b: usize| {
            if b == 0 {
                None
            } else {
                match bytes.get(b - 1) {
                    Some(&x) if x.is_ascii() => Some(char::from(x)),
                    _ => p.get(..b).and_then(|s| s.chars().next_back()),
                }
            }
        };
        let prev = |b: usize| before(b).map_or(0, |c| b - c.len_utf8());
        let mut k = 0usize;
        while k < n {
            // (an ASCII space or line break: nothing to decode)
            if matches!(bytes.get(k), Some(b' ' | b'\n' | b'\r' | b'\t')) {
                k += 1;
                continue;
            }
            let Some(c) = ch(k) else { break };
            let start = k;
            if is_space(c) {
                k = next(k);
                continue;
            }
            let abs = base + start;
            while quote_marks.get(qi).is_some_and(|&m| m < abs) {
                qi += 1;
            }
            if quote_marks.get(qi) == Some(&abs) {
                k = next(k);
                if c == '\'' && ch(k) == Some('\'') {
                    k = next(k);
                }
                push_tok(&mut out, p, base, start, k, TokKind::Quote, false);
                continue;
            }
            if c.is_alphanumeric()
                || (is_apostrophe(c) && ch(next(k)).is_some_and(char::is_alphanumeric))
            {
                let numeric = c.is_ascii_digit();
                let mut j = next(k);
                while j < n {
                    // (a run of ASCII letters and digits byte by byte: most of a word)
                    let rest = bytes.get(j..).unwrap_or_default();
                    j += rest
                        .iter()
                        .position(|&b| !ASCII_ALNUM.get(usize::from(b)).copied().unwrap_or(false))
                        .unwrap_or(rest.len());
                    // an ASCII byte no word goes on through (not an apostrophe, hyphen,
                    // ampersand, or the comma, period or colon of a number or abbreviation)
                    // ends it: most words end at a space
                    if bytes.get(j).is_some_and(|&b| {
                        b.is_ascii() && !matches!(b, b'\'' | b'-' | b'&' | b',' | b'.' | b':')
                    }) {
                        break;
                    }
                    let Some(cj) = ch(j) else { break };
                    if cj.is_alphanumeric() || is_combining(cj) {
                        j = next(j);
                        continue;
                    }
                    let j1 = next(j);
                    let nxt = ch(j1);
                    let nxt_alnum = nxt.is_some_and(char::is_alphanumeric);
                    let abs_j = base + j;
                    // (positions only grow: a cursor, not a binary search)
                    while quote_marks.get(qj).is_some_and(|&m| m < abs_j) {
                        qj += 1;
                    }
                    let is_qmark = quote_marks.get(qj) == Some(&abs_j);
                    if is_apostrophe(cj) && !is_qmark {
                        // don't, Clinton's, Joneses' (trailing apostrophe after s)
                        if nxt_alnum {
                            j = j1;
                            continue;
                        }
                        let prev_s = before(j).is_some_and(|pc| pc == 's' || pc == 'S');
                        if prev_s {
                            j = j1;
                        }
                        break;
                    }
                    if (cj == '-' || cj == '&') && nxt_alnum && !numeric {
                        j = j1;
                        continue;
                    }
                    if numeric
                        && matches!(cj, ',' | '.' | ':')
                        && nxt.is_some_and(|x| x.is_ascii_digit())
                    {
                        j = j1;
                        continue;
                    }
                    if cj == '.' && !numeric {
                        // U.S., D.C., e.g. — a single letter followed by '.'
                        let p1 = prev(j);
                        let one_letter = p1 >= k
                            && ch(p1).is_some_and(char::is_alphanumeric)
                            && (p1 <= k || !before(p1).is_some_and(char::is_alphanumeric));
                        if one_letter
                            && (nxt.is_some_and(char::is_alphabetic) && ch(next(j1)) == Some('.'))
                        {
                            j = j1;
                            continue;
                        }
                        if one_letter && p1 > k && before(p1) == Some('.') {
                            // final dot of U.S.
                            j = j1;
                        }
                        break;
                    }
                    break;
                }
                let kind = if numeric {
                    TokKind::Number
                } else {
                    TokKind::Word
                };
                let cap = kind == TokKind::Word && c.is_uppercase();
                push_tok(&mut out, p, base, start, j.min(n), kind, cap);
                k = j;
                continue;
            }
            // punctuation: group runs of the same char for "..." and "--"
            let mut j = next(k);
            if c == '.' || c == '-' || is_dash(c) || c == '?' || c == '!' {
                while ch(j) == Some(c) {
                    j = next(j);
                }
            }
            push_tok(&mut out, p, base, start, j.min(n), TokKind::Punct, false);
            k = j;
        }
        if let Some(t) = out.get_mut(first) {
            t.set(Token::PARA_START);
        }
    }
    // the tokens live through the whole analysis: give back the estimate's spare room
    out.shrink_to_fit();
    out
}

/// Pushes the token `s..e` of paragraph text `p` (at `base` in the text); a token longer
/// than [`Token::MAX_LEN`] (a run of letters of over 8 MiB) goes as several.
#[inline(always)]
fn push_tok(
    out: &mut Vec<Token>,
    p: &str,
    base: usize,
    s: usize,
    e: usize,
    kind: TokKind,
    cap: bool,
) {
    let flags = if cap { Token::CAP } else { 0 };
    if e - s <= Token::MAX_LEN {
        out.push(Token::new(Span::new(base + s, base + e), kind, flags));
    } else {
        push_long_tok(out, p, base, s, e, kind, flags);
    }
}

/// [`push_tok`] for a token over [`Token::MAX_LEN`] bytes: cut at character boundaries,
/// the flags on the first part only.
#[cold]
#[inline(never)]
fn push_long_tok(
    out: &mut Vec<Token>,
    p: &str,
    base: usize,
    mut s: usize,
    e: usize,
    kind: TokKind,
    mut flags: u8,
) {
    while e - s > Token::MAX_LEN {
        let mut cut = s + Token::MAX_LEN;
        while cut > s && !p.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push(Token::new(Span::new(base + s, base + cut), kind, flags));
        flags = 0;
        s = cut;
    }
    out.push(Token::new(Span::new(base + s, base + e), kind, flags));
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’' || c == 'ʼ'
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x200D | 0xFE0F)
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "sens", "rep", "reps", "gov", "govs", "gen", "lt", "col",
    "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "st", "jr", "sr", "inc", "co", "corp",
    "ltd", "vs", "v", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "prof", "rev", "hon", "pres", "supt", "det", "insp", "atty", "ft", "mt",
    "gens", "messrs", "mmes", "fig", "approx", "est", "dept", "univ", "assn", "bros", "ave",
    "blvd", "rd", "e.g", "i.e", "etc", "al",
];

/// Abbreviations that are normally followed by a name or number, never ending
/// a sentence.
fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    let mut cs = w.chars();
    if matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase()) {
        return true; // initials
    }
    let mut buf = [0u8; 8];
    if w.len() > buf.len() || !w.is_ascii() {
        return false;
    }
    let Some(lw) = buf.get_mut(..w.len()) else {
        return false;
    };
    lw.copy_from_slice(w.as_bytes());
    lw.make_ascii_lowercase();
    let lw = std::str::from_utf8(lw).unwrap_or("");
    ABBREVIATIONS.contains(&lw)
}

const SENTENCE_STARTERS: &[&str] = &[
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "This", "That",
    "There", "His", "Her", "Their", "Its", "On", "At", "As", "If", "When", "While", "After",
    "Before", "So", "Yet", "Still",
];

/// Splits the tokens of each paragraph into sentences. `quotes` are the outer
/// spans of outermost quotations: no sentence ends inside one.
pub fn sentences(text: &str, toks: &[Token], quotes: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut qi = 0usize;
    let mut sent_start: Option<usize> = None; // token index
    let mut i = 0usize;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        if sent_start.is_none() {
            sent_start = Some(i);
        }
        let next = toks.get(i + 1);
        let para_end = next.is_none_or(|n| n.has(Token::PARA_START));
        let mut end_here = para_end;
        // a single line break ends a sentence when the line ends like one
        // (a name, a number, a closing mark) and the next starts like one
        if !end_here {
            // (bytes: no char-boundary checks on every gap between tokens)
            let line_break = next.is_some_and(|n| {
                text.as_bytes()
                    .get(t.span().end..n.span().start)
                    .is_some_and(|gap| gap.contains(&b'\n'))
            });
            if let Some(n) = next.filter(|_| line_break) {
                let c = n.span().slice(text).chars().next().unwrap_or(' ');
                let last = t.span().slice(text).chars().last().unwrap_or(' ');
                let starts = c.is_uppercase() || c.is_ascii_digit() || n.kind() == TokKind::Quote;
                let ends = t.kind() != TokKind::Word
                    || last.is_uppercase()
                    || t.is_cap()
                    || t.kind() == TokKind::Quote;
                while quotes.get(qi).is_some_and(|q| q.end <= t.span().start) {
                    qi += 1;
                }
                let inside_quote = quotes
                    .get(qi)
                    .is_some_and(|q| q.start < t.span().start && t.span().end < q.end);
                if starts && ends && !inside_quote && t.span().slice(text) != "," {
                    end_here = true;
                }
            }
        }
        // (only punctuation starts with a sentence mark; only a word can end with a period
        // of its own: other tokens are not looked at)
        if !end_here && matches!(t.kind(), TokKind::Punct | TokKind::Word) {
            // (the token's bytes decide; its text is sliced only for a sentence mark)
            let b = text
                .as_bytes()
                .get(t.span().start..t.span().end)
                .unwrap_or_default();
            let terminal = match t.kind() {
                TokKind::Punct => match b.first() {
                    Some(b'.' | b'?' | b'!' | b';') => true,
                    Some(x) if !x.is_ascii() => t.span().slice(text).starts_with('…'),
                    _ => false,
                },
                // U.S. at a sentence end: next word is a typical starter
                _ => {
                    b.last() == Some(&b'.')
                        && b.len() > 2
                        && next.is_some_and(|n| SENTENCE_STARTERS.contains(&n.span().slice(text)))
                }
            };
            let s = if terminal { t.span().slice(text) } else { "" };
            if terminal {
                while quotes.get(qi).is_some_and(|q| q.end <= t.span().start) {
                    qi += 1;
                }
                let inside_quote = quotes
                    .get(qi)
                    .is_some_and(|q| q.start < t.span().start && t.span().end < q.end);
                // abbreviation before the period?
                let abbrev = s == "."
                    && i > 0
                    && toks.get(i - 1).is_some_and(|p| {
                        p.kind() == TokKind::Word
                            && p.span().end == t.span().start
                            && is_abbreviation(p.span().slice(text))
                    });
                // `… of "mutual good." Trump said`: a period that closes the
                // quotation may end the sentence
                let closes_quote = quotes.get(qi).is_some_and(|q| {
                    toks.get(i + 1).is_some_and(|n| {
                        n.kind() == TokKind::Quote
                            && n.span().end == q.end
                            && n.span().start == t.span().end
                    })
                });
                // … but only before an ordinary capitalised word (not a dash
                // signature or another quotation)
                // (counted only for a period that closes the quotation: a count per
                // sentence end inside a long quotation was quadratic in its length)
                let short_quote = || {
                    quotes
                        .get(qi)
                        .is_some_and(|q| q.slice(text).split_whitespace().nth(6).is_none())
                };
                let closes_quote = closes_quote
                    && short_quote()
                    && s.starts_with('.')
                    && toks.get(i + 1).is_some_and(|n| !n.has(Token::PARA_START))
                    && toks.get(i + 2).is_some_and(|n| {
                        n.kind() == TokKind::Word && n.is_cap() && !n.has(Token::PARA_START)
                    });
                if (!inside_quote || closes_quote) && !abbrev {
                    // absorb closing quote marks / brackets
                    let mut j = i + 1;
                    while let Some(n) = toks.get(j) {
                        let ns = n.span().slice(text);
                        // (in `t`'s paragraph: every token from `i + 1` to `n` is)
                        if !n.has(Token::PARA_START)
                            && (n.kind() == TokKind::Quote || ns == ")" || ns == "]")
                            && n.span().start == toks.get(j - 1).map_or(0, |x| x.span().end)
                            && quotes
                                .iter()
                                .skip(qi.saturating_sub(1))
                                .take(3)
                                .any(|q| q.end == n.span().end)
                        {
                            j += 1;
                        } else {
                            break;
                        }
                    }
                    let nxt = toks.get(j);
                    let starts_new = nxt.is_none_or(|n| {
                        n.has(Token::PARA_START) || {
                            let c = n.span().slice(text).chars().next().unwrap_or(' ');
                            c.is_uppercase()
                                || c.is_ascii_digit()
                                || n.kind() == TokKind::Quote
                                || is_dash(c)
                        }
                    });
                    if starts_new || s == ";" {
                        i = j - 1;
                        end_here = true;
                    }
                }
            }
        }
        if end_here {
            if let (Some(s), Some(e)) = (sent_start.and_then(|s| toks.get(s)), toks.get(i)) {
                out.push(Span::new(s.span().start, e.span().end));
            }
            sent_start = None;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tokens_reference {
    //! The tokenizer before its ASCII fast paths (a space skipped without decoding, a word
    //! ended at a plain ASCII byte), kept as the reference a property test compares it with.
    use super::*;
    use proptest::prelude::*;

    pub(super) fn tokens_by_char(
        text: &str,
        paragraphs: &[Span],
        quote_marks: &[usize],
    ) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5 + 1);
        let mut qi = 0usize;
        let mut qj = 0usize;
        for para in paragraphs {
            let p = para.slice(text);
            let base = para.start;
            let first = out.len();
            // positions are byte offsets into `p` (no per-char table: a 10 MB
            // paragraph must not cost 160 MB)
            let n = p.len();
            let bytes = p.as_bytes();
            // (an ASCII byte is a whole char: no slicing and decoding for it)
            let ch = |b: usize| match bytes.get(b) {
                Some(&x) if x.is_ascii() => Some(char::from(x)),
                Some(_) => p.get(b..).and_then(|s| s.chars().next()),
                None => None,
            };
            let next = |b: usize| match bytes.get(b) {
                Some(x) if x.is_ascii() => b + 1,
                _ => b + ch(b).map_or(1, char::len_utf8),
            };
            let before = |b: usize| {
                if b == 0 {
                    None
                } else {
                    match bytes.get(b - 1) {
                        Some(&x) if x.is_ascii() => Some(char::from(x)),
                        _ => p.get(..b).and_then(|s| s.chars().next_back()),
                    }
                }
            };
            let prev = |b: usize| before(b).map_or(0, |c| b - c.len_utf8());
            let mut k = 0usize;
            while k < n {
                let Some(c) = ch(k) else { break };
                let start = k;
                if is_space(c) {
                    k = next(k);
                    continue;
                }
                let abs = base + start;
                while quote_marks.get(qi).is_some_and(|&m| m < abs) {
                    qi += 1;
                }
                if quote_marks.get(qi) == Some(&abs) {
                    k = next(k);
                    if c == '\'' && ch(k) == Some('\'') {
                        k = next(k);
                    }
                    push_tok(&mut out, p, base, start, k, TokKind::Quote, false);
                    continue;
                }
                if c.is_alphanumeric()
                    || (is_apostrophe(c) && ch(next(k)).is_some_and(char::is_alphanumeric))
                {
                    let numeric = c.is_ascii_digit();
                    let mut j = next(k);
                    while j < n {
                        // (a run of ASCII letters and digits byte by byte: most of a word)
                        while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                            j += 1;
                        }
                        let Some(cj) = ch(j) else { break };
                        if cj.is_alphanumeric() || is_combining(cj) {
                            j = next(j);
                            continue;
                        }
                        let j1 = next(j);
                        let nxt = ch(j1);
                        let nxt_alnum = nxt.is_some_and(char::is_alphanumeric);
                        let abs_j = base + j;
                        // (positions only grow: a cursor, not a binary search)
                        while quote_marks.get(qj).is_some_and(|&m| m < abs_j) {
                            qj += 1;
                        }
                        let is_qmark = quote_marks.get(qj) == Some(&abs_j);
                        if is_apostrophe(cj) && !is_qmark {
                            // don't, Clinton's, Joneses' (trailing apostrophe after s)
                            if nxt_alnum {
                                j = j1;
                                continue;
                            }
                            let prev_s = before(j).is_some_and(|pc| pc == 's' || pc == 'S');
                            if prev_s {
                                j = j1;
                            }
                            break;
                        }
                        if (cj == '-' || cj == '&') && nxt_alnum && !numeric {
                            j = j1;
                            continue;
                        }
                        if numeric
                            && matches!(cj, ',' | '.' | ':')
                            && nxt.is_some_and(|x| x.is_ascii_digit())
                        {
                            j = j1;
                            continue;
                        }
                        if cj == '.' && !numeric {
                            // U.S., D.C., e.g. — a single letter followed by '.'
                            let p1 = prev(j);
                            let one_letter = p1 >= k
                                && ch(p1).is_some_and(char::is_alphanumeric)
                                && (p1 <= k || !before(p1).is_some_and(char::is_alphanumeric));
                            if one_letter
                                && (nxt.is_some_and(char::is_alphabetic)
                                    && ch(next(j1)) == Some('.'))
                            {
                                j = j1;
                                continue;
                            }
                            if one_letter && p1 > k && before(p1) == Some('.') {
                                // final dot of U.S.
                                j = j1;
                            }
                            break;
                        }
                        break;
                    }
                    let kind = if numeric {
                        TokKind::Number
                    } else {
                        TokKind::Word
                    };
                    let cap = kind == TokKind::Word && c.is_uppercase();
                    push_tok(&mut out, p, base, start, j.min(n), kind, cap);
                    k = j;
                    continue;
                }
                // punctuation: group runs of the same char for "..." and "--"
                let mut j = next(k);
                if c == '.' || c == '-' || is_dash(c) || c == '?' || c == '!' {
                    while ch(j) == Some(c) {
                        j = next(j);
                    }
                }
                push_tok(&mut out, p, base, start, j.min(n), TokKind::Punct, false);
                k = j;
            }
            if let Some(t) = out.get_mut(first) {
                t.set(Token::PARA_START);
            }
        }
        // the tokens live through the whole analysis: give back the estimate's spare room
        out.shrink_to_fit();
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The tokenizer finds the same tokens as the reference.
        #[test]
        fn same_tokens_as_the_reference(parts in proptest::collection::vec(
            prop::sample::select(vec![
                " ", "  ", "\n", "\r\n", "\t", "\u{a0}", "word", "Word", "é", "É", "a\u{301}", "U.S.",
                "e.g.", ".", ",", ":", ";", "?", "!", "...", "--", "—", "-", "&", "'", "’", "ʼ", "\"",
                "“", "”", "(", ")", "1", "2,016", "3.5", "10:30", "$", "%", "s'", "don't", "x-ray",
                "AT&T", "_", "\u{212a}", "日本",
            ]), 0..24)) {
            let t = parts.concat();
            let para = paragraphs(&t);
            let marks = crate::quote::scan(&t, &para).marks;
            let got: Vec<(Span, TokKind, bool, bool)> = tokens(&t, &para, &marks)
                .iter()
                .map(|x| (x.span(), x.kind(), x.has(Token::PARA_START), x.is_cap()))
                .collect();
            let want: Vec<(Span, TokKind, bool, bool)> = tokens_by_char(&t, &para, &marks)
                .iter()
                .map(|x| (x.span(), x.kind(), x.has(Token::PARA_START), x.is_cap()))
                .collect();
            prop_assert_eq!(got, want, "{:?}", t);
        }
    }
}

#[cfg(test)]
mod paragraph_reference {
    //! The character-by-character paragraph splitter `paragraphs` replaced (line by line
    //! now), kept as the reference a property test compares it with.
    use super::*;
    use proptest::prelude::*;

    fn has_blank_line(text: &str) -> bool {
        let mut line_blank = false;
        let mut seen_line = false;
        for c in text.chars() {
            if c == '\n' {
                if line_blank && seen_line {
                    return true;
                }
                line_blank = true;
                seen_line = true;
            } else if c == '\r' {
            } else if !is_space(c) {
                line_blank = false;
            }
        }
        false
    }

    fn paragraphs_by_char(text: &str) -> Vec<Span> {
        let has_blank = has_blank_line(text);
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut last_non_space = 0usize;
        let mut last_char = ' ';
        let mut line_blank = true;
        let mut pending_break = false;
        let mut soft_break = false;
        for (i, c) in text.char_indices() {
            if c == '\n' || c == '\r' {
                if c == '\n' || !text.get(i + 1..).is_some_and(|r| r.starts_with('\n')) {
                    if line_blank || !has_blank {
                        pending_break = true;
                    } else if matches!(
                        last_char,
                        '.' | '?' | '!' | '"' | '”' | '’' | '\'' | ')' | ':' | '…'
                    ) {
                        soft_break = true;
                    }
                    line_blank = true;
                }
                continue;
            }
            if is_space(c) {
                continue;
            }
            if soft_break
                && line_blank
                && (c.is_uppercase()
                    || c.is_ascii_digit()
                    || crate::text::is_quote_mark(c)
                    || is_dash(c))
            {
                pending_break = true;
            }
            soft_break = false;
            if pending_break {
                if let Some(s) = start.take() {
                    out.push(Span::new(s, last_non_space));
                }
                pending_break = false;
            }
            line_blank = false;
            if start.is_none() {
                start = Some(i);
            }
            last_non_space = i + c.len_utf8();
            last_char = c;
        }
        if let Some(s) = start {
            out.push(Span::new(s, last_non_space));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// The line-by-line splitter finds the same paragraphs as the former one.
        #[test]
        fn same_paragraphs_as_char_by_char(parts in proptest::collection::vec(
            prop::sample::select(vec![
                "\n", "\n\n", "\r", "\r\n", "\r\n\r\n", " ", "\t", "\u{a0}", "\u{2028}", "\u{85}",
                "word", "Word", "é", "É", ".", "?", "”", "“", "’", "'", "\"", ")", ":", "…", "—", "-", "1", "a.",
            ]), 0..24)) {
            let t = parts.concat();
            prop_assert_eq!(paragraphs(&t), paragraphs_by_char(&t));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote;

    #[test]
    fn a_token_is_12_bytes() {
        // tokens are most of an analysis's memory (≈ 0.19 a byte of text): 32-bit offsets,
        // the length and bits in one word and no paragraph index keep them at 12 bytes
        // (BENCHMARKS.md, "Eighth round")
        assert_eq!(std::mem::size_of::<Token>(), 12);
        let t = Token::new(
            Span::new(3, 9),
            TokKind::Word,
            Token::CAP | Token::PARA_START,
        );
        assert_eq!((t.span(), t.byte_len()), (Span::new(3, 9), 6));
        assert!(t.is_cap() && t.has(Token::PARA_START) && t.kind() == TokKind::Word);
        assert!(!t.has(Token::QUOTED));
        let backwards = Token::new(Span { start: 9, end: 3 }, TokKind::Punct, 0);
        assert_eq!(
            (backwards.span(), backwards.byte_len()),
            (Span::new(9, 9), 0)
        );
        let mut long = Token::new(Span::new(5, 5 + Token::MAX_LEN + 10), TokKind::Number, 0);
        assert_eq!(long.span(), Span::new(5, 5 + Token::MAX_LEN));
        long.set(Token::TERMINAL);
        assert_eq!(
            (long.kind(), long.byte_len()),
            (TokKind::Number, Token::MAX_LEN)
        );
    }

    #[test]
    fn a_word_over_the_longest_token_is_cut_at_char_boundaries() {
        // 8 MiB and more of letters, "é" (2 bytes) at the cut: every token at most
        // MAX_LEN bytes, on char boundaries, together the whole run, one `CAP`
        let text = format!(
            "E{}é{} said",
            "a".repeat(Token::MAX_LEN - 2),
            "b".repeat(100)
        );
        let para = paragraphs(&text);
        let toks = tokens(&text, &para, &[]);
        assert_eq!(toks.len(), 3, "{:?}", &toks[..toks.len().min(4)]);
        let (a, b) = (toks[0].span(), toks[1].span());
        assert_eq!(
            (a.start, a.end, b.start),
            (0, Token::MAX_LEN - 1, Token::MAX_LEN - 1)
        );
        assert_eq!(b.end, text.len() - " said".len());
        assert!(text.is_char_boundary(a.end));
        assert!(toks[0].is_cap() && !toks[1].is_cap());
        assert!(toks[0].has(Token::PARA_START) && !toks[1].has(Token::PARA_START));
        assert_eq!(toks[2].span().slice(&text), "said");
    }

    fn split(t: &str) -> Vec<String> {
        let paras = paragraphs(t);
        let qs = quote::scan(t, &paras);
        let toks = tokens(t, &paras, &qs.marks);
        let outer: Vec<Span> = qs
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.span)
            .collect();
        sentences(t, &toks, &outer)
            .iter()
            .map(|s| s.slice(t).to_string())
            .collect()
    }

    fn words(t: &str) -> Vec<String> {
        let paras = paragraphs(t);
        let qs = quote::scan(t, &paras);
        tokens(t, &paras, &qs.marks)
            .iter()
            .map(|s| s.span().slice(t).to_string())
            .collect()
    }

    #[test]
    fn alnum_table_is_ascii_alphanumeric() {
        for b in 0..=255u8 {
            assert_eq!(
                super::ASCII_ALNUM.get(usize::from(b)),
                Some(&b.is_ascii_alphanumeric()),
                "{b}"
            );
        }
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let t = "Head line\n\nFirst para\nstill first.\n\n\n  Second.\r\n\r\nThird.";
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            p,
            vec!["Head line", "First para\nstill first.", "Second.", "Third."]
        );
        let t = "One line.\nTwo line.\nThree.";
        assert_eq!(paragraphs(t).len(), 3);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\n ").is_empty());
    }

    #[test]
    fn tokens_keep_words_together() {
        assert_eq!(
            words("U.S. officials don't, Clinton’s 1,200.5 e-mail"),
            vec![
                "U.S.",
                "officials",
                "don't",
                ",",
                "Clinton’s",
                "1,200.5",
                "e-mail"
            ]
        );
        assert_eq!(
            words("the Joneses' house"),
            vec!["the", "Joneses'", "house"]
        );
        assert_eq!(words("in the '90s"), vec!["in", "the", "'90s"]);
    }

    #[test]
    fn sentences_survive_abbreviations() {
        let cases: &[(&str, usize)] = &[
            ("Sen. Al Franken spoke. He left.", 2),
            (
                "Mr. Smith met Dr. Jones in Washington, D.C., Feb. 9, 2017. Then he left.",
                2,
            ),
            ("It was No. 10 on the list. Next.", 2),
            ("J. R. Smith said so. He did.", 2),
            ("U.S. officials said so. They did.", 2),
            ("“A. B. C,” he said. Next one.", 2),
            ("He asked why? She said no!", 2),
            ("He moved to the U.S. The move was hard.", 2),
        ];
        for (t, n) in cases {
            assert_eq!(split(t).len(), *n, "{t}: {:?}", split(t));
        }
    }
}
