//! Stage 7 — conflicts: pairs of claims that cannot both be true.
//!
//! Input: claims. Output: [`Conflict`]s and disagreements (same shape, kind
//! `disagreement`). Detection rules come with the claims-and-conflicts work;
//! until then both lists are empty.

use crate::claim::Claim;
use crate::doc::Doc;

/// Conflict kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A denial of what a report says happened.
    DenialVsReport,
    /// One source asserts, another denies.
    AssertionVsDenial,
    /// The same speaker says incompatible things.
    SelfContradiction,
    /// Two figures or dates for the same thing.
    NumericOrDateMismatch,
    /// A claim against a cited record.
    ClaimVsRecord,
    /// Anything else.
    Other,
    /// A clash of positions (disagreements list only).
    Disagreement,
}

/// Confidence bands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Clear.
    High,
    /// Probably.
    Medium,
    /// Arguable.
    Low,
}

/// A conflicting (or disagreeing) pair of claims.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Conflict {
    /// Index.
    pub id: usize,
    /// First claim id.
    pub a: usize,
    /// Second claim id.
    pub b: usize,
    /// Kind.
    pub kind: ConflictKind,
    /// Confidence band.
    pub confidence: Confidence,
    /// Rule id.
    pub rule: &'static str,
    /// One neutral sentence.
    pub explanation: String,
}

/// Finds conflicts and disagreements among `claims`.
pub fn find(_doc: &Doc, _claims: &[Claim]) -> (Vec<Conflict>, Vec<Conflict>) {
    (Vec::new(), Vec::new())
}
