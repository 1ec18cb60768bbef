//! Stage 3 — quotes: pairs quote marks into quote spans.
//!
//! Input: the text and its paragraphs. Output: [`Quote`]s (outer span with the
//! marks, inner span without), the byte positions of every mark that acts as a
//! quote mark (everything else — `don't`, `'90s`, `the Joneses'` — is an
//! apostrophe and part of a word), and warnings for unbalanced marks.
//!
//! Rules (ids appear in the output):
//! - `quote.pair` — an opening and a closing mark of one family (double,
//!   single, guillemet, corner…) decided by flanking: an opener is followed by
//!   a non-space, a closer preceded by one. Straight and curly marks pair with
//!   any mark of the same family.
//! - `quote.nested` — a pair inside another pair (depth > 0).
//! - `quote.continued` — a paragraph that opens a quote and does not close it
//!   continues in the next paragraph when that one opens with a mark of the
//!   same family; each paragraph's piece is its own quote, linked by
//!   `continues`.
//! - Unbalanced double-family marks produce a `UNBALANCED_QUOTE` warning and
//!   are ignored: they never swallow the rest of the article. Unbalanced single
//!   marks are treated as apostrophes silently.
//!
//! Every step is linear: a per-family counter makes the closer search
//! amortised O(1).

use crate::text::{is_dash, is_space, quote_mark, QuoteFamily, QuoteRole, Span};

/// What a quotation is used for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Reported words of a speaker.
    Speech,
    /// A short quoted term with no speech cue (`a "bombshell" report`).
    Scare,
    /// The name of a work, show or publication (`on "Fox News Sunday"`).
    Title,
}

/// One quotation (one paragraph's piece of a multi-paragraph quotation).
#[derive(Clone, Debug)]
pub struct Quote {
    /// From the opening mark to the closing mark inclusive (or the paragraph
    /// end for a piece that continues).
    pub span: Span,
    /// Between the marks.
    pub inner: Span,
    /// Nesting depth: 0 for outermost.
    pub depth: u32,
    /// The piece this one continues (multi-paragraph quotes), by index.
    pub continues: Option<usize>,
    /// True when the piece runs on into the next paragraph.
    pub open_ended: bool,
    /// Set by later stages.
    pub kind: QuoteKind,
    /// Rule id.
    pub rule: &'static str,
}

/// A warning about strange but accepted text.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Warning {
    /// Stable code, e.g. `UNBALANCED_QUOTE`.
    #[serde(serialize_with = "crate::text::static_str")]
    pub code: &'static str,
    /// Where, when known.
    pub span: Option<Span>,
    /// Human-readable message.
    pub message: String,
}

/// The result of quote detection.
#[derive(Debug, Default)]
pub struct QuoteScan {
    /// Quotes sorted by start (outer before inner).
    pub quotes: Vec<Quote>,
    /// Byte offsets of marks that act as quote marks.
    pub marks: Vec<usize>,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

struct Open {
    pos: usize,
    ch: char,
    len: usize,
    family: QuoteFamily,
    continues: Option<usize>,
}

fn is_opening_punct(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '/' | '<' | '>' | '=') || is_dash(c)
}

fn is_single(f: QuoteFamily) -> bool {
    matches!(f, QuoteFamily::Single)
}

fn family_index(f: QuoteFamily) -> usize {
    match f {
        QuoteFamily::Double => 0,
        QuoteFamily::Single => 1,
        QuoteFamily::Guillemet => 2,
        QuoteFamily::SingleGuillemet => 3,
        QuoteFamily::Corner => 4,
        QuoteFamily::WhiteCorner => 5,
    }
}

/// The length of the run of plain bytes (ASCII, not `"` or `'`) that `b` starts with: eight
/// bytes at a time, then byte by byte.
fn plain_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // the high bit of each zero byte of `v` (exact for the lowest one, which is all that is
    // used: a borrow only runs upwards)
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let mut n = 0usize;
    while let Some(w) = b.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        let w = u64::from_le_bytes(*w);
        let stop =
            (w & HIGH) | zero(w ^ (u64::from(b'"') * ONES)) | zero(w ^ (u64::from(b'\'') * ONES));
        if stop != 0 {
            return n + (stop.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    let rest = b.get(n..).unwrap_or_default();
    n + rest
        .iter()
        .position(|&x| !x.is_ascii() || x == b'"' || x == b'\'')
        .unwrap_or(rest.len())
}

/// Finds quotes in `text`, paragraph by paragraph.
pub fn scan(text: &str, paragraphs: &[Span]) -> QuoteScan {
    let mut out = QuoteScan::default();
    // A continuation carried from the previous paragraph: (piece index, family).
    let mut carry: Option<(usize, QuoteFamily)> = None;
    for (pi, para) in paragraphs.iter().enumerate() {
        let ptext = para.slice(text);
        let mut stack: Vec<Open> = Vec::new();
        let mut counts = [0usize; 6];
        let mut prev: Option<char> = None;
        let bytes = ptext.as_bytes();
        let char_at = |k: usize| match bytes.get(k) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => ptext.get(k..).and_then(|r| r.chars().next()),
            None => None,
        };
        let plain = |b: &u8| b.is_ascii() && *b != b'"' && *b != b'\'';
        let mut k = 0usize;
        let mut first_mark = true;
        while let Some(c) = char_at(k) {
            // a run of ASCII chars that are not quote marks: only the last one and
            // whether any is not a space matter
            if bytes.get(k).is_some_and(plain) {
                let run = bytes.get(k..).unwrap_or_default();
                let n = plain_run(run);
                let run = run.get(..n).unwrap_or_default();
                if first_mark && run.iter().any(|&b| !is_space(char::from(b))) {
                    first_mark = false;
                }
                prev = run.last().map(|&b| char::from(b));
                k += n;
                continue;
            }
            let i = k;
            k += c.len_utf8();
            let mut next = char_at(k);
            let mut mark_len = c.len_utf8();
            let mut mark = quote_mark(c);
            // '' (two apostrophes) is a double quote mark
            if c == '\'' && next == Some('\'') {
                k += 1;
                next = char_at(k);
                mark_len = 2;
                mark = Some((QuoteFamily::Double, QuoteRole::Either));
            }
            let Some((family, role)) = mark else {
                prev = Some(c);
                if !is_space(c) {
                    first_mark = false;
                }
                continue;
            };
            let pos = para.start + i;
            let prev_space = prev.is_none_or(|p| is_space(p) || is_opening_punct(p));
            let prev_quote = prev.is_some_and(|p| quote_mark(p).is_some());
            let next_space = next.is_none_or(is_space);
            let prev_alnum = prev.is_some_and(char::is_alphanumeric);
            let next_alnum = next.is_some_and(char::is_alphanumeric);
            let prev_blank = prev.is_none_or(is_space);
            let at_para_start = first_mark;
            first_mark = false;
            prev = Some(c);
            // Apostrophes: inside a word, or before a digit ('90s).
            if is_single(family) {
                if prev_alnum && next_alnum {
                    continue;
                }
                if !prev_alnum && next.is_some_and(|n| n.is_ascii_digit()) && c != '‘' {
                    continue;
                }
                if (c == '’' || c == '\'') && prev_space && next_alnum {
                    // ’em, 'tis — an opener only if a closer could follow; treat
                    // as an opener candidate below (flanking decides).
                }
            }
            let can_open = !next_space && (prev_space || prev_quote || prev.is_none());
            let can_close = !prev_blank && !next_alnum;
            // brackets-like marks («», 「」) open and close by their shape alone
            let shaped = !matches!(family, QuoteFamily::Double | QuoteFamily::Single);
            let can_open = (can_open || shaped) && role != QuoteRole::Close;
            let can_close = (can_close || shaped) && role != QuoteRole::Open;
            let fi = family_index(family);
            // a closer after a space: `'outreach,' "` — it cannot open, and a
            // quote of its family is open
            let can_close = can_close
                || (!can_open
                    && next_space
                    && !is_single(family)
                    && counts.get(fi).copied().unwrap_or(0) > 0);
            if can_close && counts.get(fi).copied().unwrap_or(0) > 0 {
                // Pop to the nearest opener of this family.
                while let Some(o) = stack.pop() {
                    let ofi = family_index(o.family);
                    if let Some(cnt) = counts.get_mut(ofi) {
                        *cnt = cnt.saturating_sub(1);
                    }
                    if o.family == family {
                        let end = pos + mark_len;
                        out.marks.push(o.pos);
                        out.marks.push(pos);
                        out.quotes.push(Quote {
                            span: Span::new(o.pos, end),
                            inner: Span::new(o.pos + o.len, pos),
                            depth: stack.len() as u32,
                            continues: o.continues,
                            open_ended: false,
                            kind: QuoteKind::Speech,
                            rule: if o.continues.is_some() {
                                "quote.continued"
                            } else if stack.is_empty() {
                                "quote.pair"
                            } else {
                                "quote.nested"
                            },
                        });
                        break;
                    } else if !is_single(o.family) {
                        out.warnings.push(unbalanced(o.pos, o.ch));
                    }
                }
                continue;
            }
            if can_open {
                let continues = match carry {
                    Some((piece, fam)) if at_para_start && fam == family && stack.is_empty() => {
                        carry = None;
                        Some(piece)
                    }
                    _ => None,
                };
                if let Some(cnt) = counts.get_mut(fi) {
                    *cnt += 1;
                }
                stack.push(Open {
                    pos,
                    ch: c,
                    len: mark_len,
                    family,
                    continues,
                });
                continue;
            }
            if can_close && !is_single(family) {
                out.warnings.push(Warning {
                    code: "UNBALANCED_QUOTE",
                    span: Some(Span::new(pos, pos + mark_len)),
                    message: format!("closing {c} without an opening mark; ignored"),
                });
            }
        }
        carry = None;
        // Unclosed openers: the outermost may continue into the next paragraph.
        if let Some(bottom) = stack.first() {
            let next_opens_same = paragraphs.get(pi + 1).is_some_and(|np| {
                np.slice(text)
                    .chars()
                    .find(|c| !is_space(*c))
                    .and_then(quote_mark)
                    .is_some_and(|(f, r)| f == bottom.family && r != QuoteRole::Close)
            });
            if next_opens_same && !is_single(bottom.family) {
                let mut end = para.end;
                while end > bottom.pos && text.get(..end).is_some_and(|p| p.ends_with(is_space)) {
                    end = text
                        .get(..end)
                        .and_then(|p| p.chars().next_back())
                        .map_or(end - 1, |c| end - c.len_utf8());
                }
                out.marks.push(bottom.pos);
                out.quotes.push(Quote {
                    span: Span::new(bottom.pos, end),
                    inner: Span::new(bottom.pos + bottom.len, end),
                    depth: 0,
                    continues: bottom.continues,
                    open_ended: true,
                    kind: QuoteKind::Speech,
                    rule: "quote.continued",
                });
                carry = Some((out.quotes.len() - 1, bottom.family));
                for o in stack.iter().skip(1) {
                    if !is_single(o.family) {
                        out.warnings.push(unbalanced(o.pos, o.ch));
                    }
                }
            } else {
                for o in &stack {
                    if !is_single(o.family) {
                        out.warnings.push(unbalanced(o.pos, o.ch));
                    }
                }
            }
        }
    }
    // Continuation links refer to piece indices before sorting; sort with a
    // remap so ids stay valid.
    let order = crate::sort::order(&out.quotes, |q| (q.span.start, usize::MAX - q.span.end));
    let mut remap = vec![0usize; order.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(r) = remap.get_mut(old) {
            *r = new;
        }
    }
    // in place (no second copy of every quote)
    crate::sort::permute(&mut out.quotes, order);
    for q in &mut out.quotes {
        q.continues = q.continues.and_then(|c| remap.get(c).copied());
    }
    out.marks.sort_unstable();
    out.marks.dedup();
    crate::sort::sort_by_key(&mut out.warnings, |w| (w.span.map_or(0, |s| s.start), 0));
    out
}

fn unbalanced(pos: usize, ch: char) -> Warning {
    Warning {
        code: "UNBALANCED_QUOTE",
        span: Some(Span::new(pos, pos + ch.len_utf8())),
        message: format!("opening {ch} is never closed in its paragraph; ignored"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs;

    fn quotes(t: &str) -> Vec<String> {
        let paras = paragraphs(t);
        scan(t, &paras)
            .quotes
            .iter()
            .map(|q| q.inner.slice(t).to_string())
            .collect()
    }

    /// The 8-byte scan stops where the byte-by-byte one does, for bytes next to and around
    /// the ones it stops at (a zero-byte test can go wrong only above a true stop).
    #[test]
    fn plain_runs_match_the_bytewise_scan() {
        let alphabet = [
            b'a', b' ', b'"', b'\'', 0xc3, 0xa9, 0x80, 0xff, 0, 1, b'!', b'#', b'&', b'(', 0x7f,
        ];
        let mut x = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 24) as usize;
            let b: Vec<u8> = (0..len)
                .map(|i| {
                    let r = (x >> (i % 60)) as usize;
                    // mostly plain bytes, sometimes a stop
                    if r.is_multiple_of(5) {
                        alphabet[(r / 5) % alphabet.len()]
                    } else {
                        b'a' + (r % 26) as u8
                    }
                })
                .collect();
            let want = b
                .iter()
                .position(|&c| !c.is_ascii() || c == b'"' || c == b'\'')
                .unwrap_or(b.len());
            assert_eq!(super::plain_run(&b), want, "{b:?}");
        }
    }

    #[test]
    fn styles() {
        let cases: &[(&str, &[&str])] = &[
            ("He said \"yes it is\" today.", &["yes it is"]),
            ("He said “yes it is” today.", &["yes it is"]),
            ("He said 'yes it is' today.", &["yes it is"]),
            ("He said ‘yes it is’ today.", &["yes it is"]),
            ("Il a dit « oui » hier.", &[" oui "]),
            ("Er sagte „ja“ gestern.", &["ja"]),
            ("Er sagte ‚ja‘ gestern.", &["ja"]),
            ("彼は「はい」と言った。", &["はい"]),
            ("彼は『はい』と言った。", &["はい"]),
        ];
        for (t, want) in cases {
            assert_eq!(&quotes(t), want, "{t}");
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        for t in [
            "I don't know.",
            "In the '90s it was different.",
            "The Joneses' house is big.",
            "Clinton’s team won’t say.",
            "It was the ’90s.",
        ] {
            assert!(quotes(t).is_empty(), "{t}: {:?}", quotes(t));
        }
        assert_eq!(
            quotes("“The Joneses’ house,” she said."),
            vec!["The Joneses’ house,"]
        );
    }

    #[test]
    fn nested() {
        let t = "“He told me ‘never again,’ and left,” she said.";
        assert_eq!(
            quotes(t),
            vec!["He told me ‘never again,’ and left,", "never again,"]
        );
    }

    #[test]
    fn multi_paragraph() {
        let t = "“First part.\n\n“Second part,” he said.\n\nAfter.";
        let paras = paragraphs(t);
        let s = scan(t, &paras);
        assert_eq!(s.quotes.len(), 2);
        assert!(s.quotes[0].open_ended);
        assert_eq!(s.quotes[1].continues, Some(0));
        assert!(s.warnings.is_empty());
    }

    #[test]
    fn unbalanced_warns_and_does_not_swallow() {
        let t = "He said “never. Then more text.\n\nA new “quoted” para.";
        let paras = paragraphs(t);
        let s = scan(t, &paras);
        assert_eq!(s.quotes.len(), 1);
        assert_eq!(s.quotes[0].inner.slice(t), "quoted");
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.warnings[0].code, "UNBALANCED_QUOTE");
    }
}
