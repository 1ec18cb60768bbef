//! The human-readable `--format annotated` rendering: every quote, entity,
//! attribution (with a caret line marking **S**ource, **C**ue and con**T**ent
//! under the text), claim, conflict and warning. Golden tests compare it.

use crate::analysis::Analysis;
use crate::text::Span;
use std::fmt::Write;

const WIDTH: usize = 100;

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn snippet(text: &str, s: Span) -> String {
    one_line(s.slice(text))
}

/// Renders `a` (computed on `text`, byte offsets) as text.
pub fn render(text: &str, a: &Analysis) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "paragraphs {} · sentences {} · quotes {} · entities {} · attributions {} · claims {} · conflicts {} · disagreements {} · warnings {}",
        a.paragraphs.len(),
        a.sentences.len(),
        a.quotes.len(),
        a.entities.len(),
        a.attributions.len(),
        a.claims.len(),
        a.conflicts.len(),
        a.disagreements.len(),
        a.warnings.len()
    );
    let _ = writeln!(o, "\n## Quotes");
    for q in &a.quotes {
        let _ = writeln!(
            o,
            "Q{} {:?} {} depth={} {:?}",
            q.id,
            q.kind,
            q.rule,
            q.depth,
            snippet(text, q.inner)
        );
    }
    let _ = writeln!(o, "\n## Entities");
    for e in &a.entities {
        let _ = writeln!(
            o,
            "E{} {:?} {:?} [{}] mentions={}",
            e.id,
            e.kind,
            e.name,
            e.attributes.join(", "),
            e.mentions
        );
    }
    let _ = writeln!(o, "\n## Attributions");
    for at in &a.attributions {
        let speaker = at
            .speaker
            .and_then(|e| a.entities.get(e))
            .map_or("unknown".to_string(), |e| format!("{} (E{})", e.name, e.id));
        let _ = writeln!(
            o,
            "A{} {:?} {} conf={:.2} stance={:?} speaker: {}",
            at.id, at.kind, at.rule, at.confidence, at.stance, speaker
        );
        if let Some(s) = at.source_span {
            let _ = writeln!(o, "  source : {:?}", snippet(text, s));
        }
        if let Some(c) = at.cue {
            let _ = writeln!(o, "  cue    : {:?}", snippet(text, c));
        }
        for c in &at.content {
            let _ = writeln!(o, "  content: {:?}", snippet(text, *c));
        }
        let mut marks: Vec<(Span, char)> = at.content.iter().map(|c| (*c, 'T')).collect();
        marks.extend(at.source_span.map(|s| (s, 'S')));
        marks.extend(at.cue.map(|s| (s, 'C')));
        carets(&mut o, text, &marks);
    }
    let _ = writeln!(o, "\n## Claims");
    for c in &a.claims {
        let speaker = c
            .speaker
            .and_then(|e| a.entities.get(e as usize))
            .map_or("narrator/unknown", |e| e.name.as_str());
        let _ = writeln!(
            o,
            "K{} {} stance={:?} negated={} hedged={} speaker={} {:?}",
            c.id,
            c.rule,
            c.stance,
            c.negated,
            c.hedged,
            speaker,
            snippet(text, c.span)
        );
        for t in &c.time {
            let _ = writeln!(o, "  time: {:?}", snippet(text, *t));
        }
        for t in &c.quantities {
            let _ = writeln!(o, "  quantity: {:?}", snippet(text, *t));
        }
    }
    for (title, list) in [
        ("Conflicts", &a.conflicts),
        ("Disagreements", &a.disagreements),
    ] {
        let _ = writeln!(o, "\n## {title}");
        for c in list {
            let _ = writeln!(
                o,
                "X{} {:?} {:?} {} K{} ↔ K{}",
                c.id, c.kind, c.confidence, c.rule, c.a, c.b
            );
            let _ = writeln!(o, "  why: {}", c.explanation);
        }
    }
    let _ = writeln!(o, "\n## Warnings");
    for w in &a.warnings {
        let _ = writeln!(
            o,
            "{} {:?} {}",
            w.code,
            w.span.map(|s| (s.start, s.end)),
            w.message
        );
    }
    o
}

/// Prints the text region covering `marks` in lines of WIDTH chars, each
/// followed by a line of mark letters under the marked characters.
fn carets(o: &mut String, text: &str, marks: &[(Span, char)]) {
    let Some(from) = marks.iter().map(|m| m.0.start).min() else {
        return;
    };
    let to = marks.iter().map(|m| m.0.end).max().unwrap_or(from);
    let region = Span::new(from, to);
    let chars: Vec<(usize, char)> = region
        .slice(text)
        .char_indices()
        .map(|(i, c)| (i + from, c))
        .collect();
    for chunk in chars.chunks(WIDTH) {
        let line: String = chunk
            .iter()
            .map(|&(_, c)| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let under: String = chunk
            .iter()
            .map(|&(b, _)| {
                marks
                    .iter()
                    .rev()
                    .find(|(s, _)| s.start <= b && b < s.end)
                    .map_or(' ', |m| m.1)
            })
            .collect();
        let _ = writeln!(o, "  | {}", line.trim_end());
        let _ = writeln!(o, "  | {}", under.trim_end());
    }
}
