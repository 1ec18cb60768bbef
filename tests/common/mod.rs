//! Shared checks for the integration tests: every invariant of DESIGN.md §2
//! that can be checked from the outside.
#![allow(dead_code)]

use quotelens::{Analysis, Analyzer, Span};

/// Every quote mark, dash and space the text stage knows about, plus other
/// characters that have tripped byte-offset code before.
pub const SPECIAL: &[char] = &[
    '"', '\'', '“', '”', '‘', '’', '«', '»', '‹', '›', '„', '‚', '‟', '‛', '「', '」', '『', '』',
    '＂', '—', '–', '-', '―', '‒', '−', '\u{a0}', '\u{feff}', '\n', '\r', '\t', ' ', '.', ',', ':',
    ';', '?', '!', '…', '(', ')', '[', ']', '$', '%', '&', '/', '😀', '👍', '\u{200d}', '\u{fe0f}',
    'e', '\u{301}', '\u{308}', 'é', '漢', 'ש', 'ا', '\u{202e}', '\u{200f}', '\0', '\u{7}', 'ʼ',
    '0', '9', 'A', 'Z', 'ß', 'İ', '\u{2028}', '\u{85}',
];

fn span_ok(text: &str, s: Span, what: &str) -> Result<(), String> {
    if s.start > s.end || s.end > text.len() {
        return Err(format!(
            "{what}: span {s:?} out of bounds (len {})",
            text.len()
        ));
    }
    if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
        return Err(format!("{what}: span {s:?} not on char boundaries"));
    }
    Ok(())
}

/// Checks spans, ids, ordering and nesting; `Err` describes the first problem.
pub fn check(text: &str, a: &Analysis) -> Result<(), String> {
    if a.unit != "utf8" || a.version != 1 {
        return Err("unit/version".into());
    }
    // paragraphs: in bounds, non-empty, ascending, disjoint
    let mut prev_end = 0usize;
    for (i, p) in a.paragraphs.iter().enumerate() {
        span_ok(text, *p, &format!("paragraph {i}"))?;
        if p.is_empty() {
            return Err(format!("paragraph {i} empty"));
        }
        if i > 0 && p.start < prev_end {
            return Err(format!(
                "paragraph {i} {p:?} overlaps previous (end {prev_end})"
            ));
        }
        prev_end = p.end;
    }
    // sentences: in bounds, inside one paragraph, ascending, disjoint
    let mut prev_end = 0usize;
    let mut pi = 0usize;
    for (i, s) in a.sentences.iter().enumerate() {
        span_ok(text, *s, &format!("sentence {i}"))?;
        if i > 0 && s.start < prev_end {
            return Err(format!(
                "sentence {i} {s:?} overlaps previous (end {prev_end})"
            ));
        }
        prev_end = s.end;
        while a.paragraphs.get(pi).is_some_and(|p| p.end <= s.start) {
            pi += 1;
        }
        match a.paragraphs.get(pi) {
            Some(p) if p.contains(*s) => {}
            other => {
                return Err(format!(
                    "sentence {i} {s:?} not inside a paragraph ({other:?})"
                ))
            }
        }
    }
    for (i, q) in a.quotes.iter().enumerate() {
        if q.id != i {
            return Err(format!("quote {i} has id {}", q.id));
        }
        span_ok(text, q.span, &format!("quote {i} span"))?;
        span_ok(text, q.inner, &format!("quote {i} inner"))?;
        if !q.span.contains(q.inner) {
            return Err(format!(
                "quote {i}: inner {:?} outside span {:?}",
                q.inner, q.span
            ));
        }
        if let Some(c) = q.continues {
            if c >= a.quotes.len() {
                return Err(format!("quote {i} continues {c}: no such quote"));
            }
        }
    }
    for w in a.quotes.windows(2) {
        if (w[0].span.start, std::cmp::Reverse(w[0].span.end))
            > (w[1].span.start, std::cmp::Reverse(w[1].span.end))
        {
            return Err(format!(
                "quotes not sorted: {:?} then {:?}",
                w[0].span, w[1].span
            ));
        }
    }
    let ne = a.entities.len();
    for (i, e) in a.entities.iter().enumerate() {
        if e.id != i {
            return Err(format!("entity {i} has id {}", e.id));
        }
    }
    for (i, m) in a.mentions.iter().enumerate() {
        if m.id != i {
            return Err(format!("mention {i} has id {}", m.id));
        }
        span_ok(text, m.span, &format!("mention {i}"))?;
        if let Some(e) = m.entity {
            if e >= ne {
                return Err(format!("mention {i} -> entity {e}: no such entity"));
            }
        }
    }
    for w in a.mentions.windows(2) {
        if w[0].span.start > w[1].span.start {
            return Err(format!(
                "mentions not sorted: {:?} then {:?}",
                w[0].span, w[1].span
            ));
        }
    }
    for (i, x) in a.attributions.iter().enumerate() {
        if x.id != i {
            return Err(format!("attribution {i} has id {}", x.id));
        }
        if let Some(m) = x.source {
            if m >= a.mentions.len() {
                return Err(format!("attribution {i} source {m}: no such mention"));
            }
        }
        if let Some(e) = x.speaker {
            if e >= ne {
                return Err(format!("attribution {i} speaker {e}: no such entity"));
            }
        }
        if let Some(c) = x.cue {
            span_ok(text, c, &format!("attribution {i} cue"))?;
        }
        if let Some(c) = x.source_span {
            span_ok(text, c, &format!("attribution {i} source_span"))?;
        }
        if x.content.is_empty() {
            return Err(format!("attribution {i} has no content"));
        }
        for (k, c) in x.content.iter().enumerate() {
            span_ok(text, *c, &format!("attribution {i} content {k}"))?;
        }
        if !(0.0..=1.0).contains(&x.confidence) {
            return Err(format!("attribution {i} confidence {}", x.confidence));
        }
    }
    for (i, c) in a.claims.iter().enumerate() {
        if c.id != i {
            return Err(format!("claim {i} has id {}", c.id));
        }
        span_ok(text, c.span, &format!("claim {i} span"))?;
        if let Some(x) = c.attribution {
            if x as usize >= a.attributions.len() {
                return Err(format!("claim {i} attribution {x}: no such attribution"));
            }
        }
        if let Some(e) = c.speaker {
            if e as usize >= ne {
                return Err(format!("claim {i} speaker {e}: no such entity"));
            }
        }
        for t in c.time.iter().chain(&c.quantities) {
            span_ok(text, *t, &format!("claim {i} time/quantity"))?;
        }
    }
    for (i, c) in a.conflicts.iter().chain(&a.disagreements).enumerate() {
        if c.a >= a.claims.len() || c.b >= a.claims.len() {
            return Err(format!("conflict {i} refers to a missing claim"));
        }
    }
    for (i, w) in a.warnings.iter().enumerate() {
        if let Some(s) = w.span {
            span_ok(text, s, &format!("warning {i}"))?;
        }
        if w.code.is_empty() {
            return Err(format!("warning {i} has no code"));
        }
    }
    Ok(())
}

/// Analyses `text` with `an`, checks every invariant and that serialising
/// twice (and analysing twice) gives the same JSON; returns the analysis.
pub fn analyze_checked(an: &Analyzer, text: &str) -> Analysis {
    let a = match an.analyze(text) {
        Ok(a) => a,
        Err(e) => panic!("analyze failed on {} bytes: {e}", text.len()),
    };
    if let Err(e) = check(text, &a) {
        let shown: String = text.chars().take(300).collect();
        panic!("{e}\ntext ({} bytes, starts): {shown:?}", text.len());
    }
    a
}

/// Best-of-`runs` wall time of `f`, in seconds.
pub fn best_of<F: FnMut()>(runs: usize, mut f: F) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = std::time::Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
    }
    best
}
