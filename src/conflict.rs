//! Stage 7 — conflicts: pairs of claims that cannot both be true.
//!
//! Input: claims (with their internal features) and the entities. Output:
//! [`Conflict`]s and disagreements (same shape, kind `disagreement`).
//!
//! Candidate pairs come from an inverted index over the claims' keys
//! (predicate classes, content stems, groups/attributes); keys shared by too
//! many claims are not used to pair, so the work stays linear in the
//! number of claims (never all pairs of a long document).
//!
//! Rules (rule ids in the output):
//! - `conflict.negated-predicate` — same predicate (class or word) about
//!   overlapping participants, opposite polarity, different sources. Kind:
//!   `claim_vs_record` when one side is a cited record, `denial_vs_report`
//!   when the positive side is a report, else `assertion_vs_denial`;
//!   the same speaker gives `self_contradiction` (always low).
//! - `conflict.refutes-earlier` — "It is false", "That comment is a lie",
//!   "dismissed those reports": a refutation pointing back at the nearest
//!   earlier claim of another source it plausibly refers to.
//! - `conflict.narrator-fact` — the narrator's "in fact …" against a claim
//!   sharing its subject matter.
//! - `conflict.figures` — two clearly different figures (ratio ≥ 1.5) in
//!   the same context from different sources, neither approximate.
//! - `disagree.positions` — clashing demands, promises, predictions or
//!   support/opposition: reported as disagreements, never as conflicts.
//!
//! Confidence is `high` only for an unqualified, unhedged denial or
//! assertion; qualified denials ("… to discuss the campaign"), doubt ("no
//! evidence", "not aware"), hedges and anaphoric refutations are lower.

use crate::claim::{lex, Claim, Quant, Sym, Symbols};
use crate::lexicon::Stance;
use crate::mention::Entity;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
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
    #[serde(serialize_with = "crate::text::static_str")]
    pub rule: &'static str,
    /// One neutral sentence.
    pub explanation: String,
}

/// Keys shared by more claims than this are too general to pair on.
const MAX_POSTING: usize = 16;

/// How many later claims a claim is paired with under a common key.
const NEAR: usize = 4;

/// How many items two ascending lists share (a merge).
fn shared<T: Ord>(a: impl Iterator<Item = T>, b: impl Iterator<Item = T>) -> usize {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    let mut n = 0;
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                a.next();
            }
            std::cmp::Ordering::Greater => {
                b.next();
            }
            std::cmp::Ordering::Equal => {
                n += 1;
                a.next();
                b.next();
            }
        }
    }
    n
}

/// The context words two quantities share, in order.
fn shared_list<'x>(a: &'x Quant, b: &Quant) -> Vec<&'x str> {
    a.context_words()
        .filter(|x| b.context_words().any(|y| y == *x))
        .collect()
}

fn shared_syms<'x>(a: &'x [Sym], b: &'x [Sym]) -> impl Iterator<Item = Sym> + 'x {
    a.iter()
        .copied()
        .filter(move |x| b.binary_search(x).is_ok())
}

/// Candidate pairs (i < j) sharing at least one specific key, both claims `keep`-ing (the
/// postings, and so how far a common key reaches, count every claim but questions), handed
/// out claim by claim: [`Candidates::partners`] gives the partners `j` of each claim `i` in
/// id order, sorted and deduplicated, so no list of all pairs is ever held.
struct Candidates<'c> {
    keep: &'c [bool],
    nsym: usize,
    /// Start of each key's postings in `flat` (one more entry than keys).
    start: Vec<u32>,
    /// Claim ids per key, ascending.
    flat: Vec<u32>,
    /// The next claim's place in each key's postings (claims come in id order).
    cursor: Vec<u32>,
    /// The last claim counted per key (a claim counts once per key).
    last: Vec<u32>,
}

impl<'c> Candidates<'c> {
    fn new(claims: &'c [Claim], syms: &Symbols, keep: &'c [bool]) -> Candidates<'c> {
        // keys as dense indices: stem s → 2s, attribute s → 2s + 1, class k → 2·|syms| + k
        let nsym = syms.len();
        let nclass = claims
            .iter()
            .flat_map(|c| c.feat.classes.iter())
            .map(|&k| k as usize + 1)
            .max()
            .unwrap_or(0);
        let nkeys = 2 * nsym + nclass;
        let mut me = Candidates {
            keep,
            nsym,
            start: vec![0; nkeys + 1],
            flat: Vec::new(),
            cursor: Vec::new(),
            last: vec![u32::MAX; nkeys],
        };
        // postings in claim order (ids ascending), each claim once per key, in one flat array
        for c in claims.iter().filter(|c| !c.feat.question) {
            let id = c.id as u32;
            for k in Self::keys(c, nsym) {
                if let (Some(l), Some(n)) = (me.last.get_mut(k), me.start.get_mut(k + 1)) {
                    if *l != id {
                        *l = id;
                        *n += 1;
                    }
                }
            }
        }
        for k in 0..nkeys {
            let prev = me.start.get(k).copied().unwrap_or(0);
            if let Some(n) = me.start.get_mut(k + 1) {
                *n += prev;
            }
        }
        let mut fill = me.start.clone();
        me.flat = vec![0; me.start.last().copied().unwrap_or(0) as usize];
        me.last.iter_mut().for_each(|l| *l = u32::MAX);
        for c in claims.iter().filter(|c| !c.feat.question) {
            let id = c.id as u32;
            for k in Self::keys(c, nsym) {
                let (Some(l), Some(at)) = (me.last.get_mut(k), fill.get_mut(k)) else {
                    continue;
                };
                if *l != id {
                    *l = id;
                    if let Some(slot) = me.flat.get_mut(*at as usize) {
                        *slot = id;
                    }
                    *at += 1;
                }
            }
        }
        // a claim's place in a key's postings is the next one: a cursor per key instead of
        // a binary search
        me.cursor = fill;
        me.cursor.copy_from_slice(&me.start);
        me.last.iter_mut().for_each(|l| *l = u32::MAX);
        me
    }

    fn keys(c: &Claim, nsym: usize) -> impl Iterator<Item = usize> + '_ {
        let f = &c.feat;
        f.stems()
            .map(|s| 2 * s as usize)
            .chain(f.attrs.iter().map(|&a| 2 * a as usize + 1))
            .chain(f.classes.iter().map(move |&k| 2 * nsym + k as usize))
    }

    fn kept(&self, id: usize) -> bool {
        self.keep.get(id).copied().unwrap_or(false)
    }

    /// The partners (ascending) of claim `c`, in `out`. Must be called for every claim but
    /// questions, in id order (the cursors move along).
    fn partners(&mut self, c: &Claim, out: &mut Vec<usize>) {
        out.clear();
        let keep_c = self.kept(c.id);
        let id = c.id as u32;
        for k in Self::keys(c, self.nsym) {
            let (Some(l), Some(at)) = (self.last.get_mut(k), self.cursor.get_mut(k)) else {
                continue;
            };
            if *l == id {
                continue;
            }
            *l = id;
            let (a, b) = (
                self.start.get(k).copied().unwrap_or(0) as usize,
                self.start.get(k + 1).copied().unwrap_or(0) as usize,
            );
            let here = *at as usize - a;
            *at += 1;
            if !keep_c {
                continue;
            }
            let ids = self.flat.get(a..b).unwrap_or(&[]);
            if ids.len() < 2 {
                continue;
            }
            // a key shared by many claims only pairs claims near each other
            let reach = if ids.len() > MAX_POSTING {
                NEAR
            } else {
                ids.len()
            };
            let after = here + 1;
            out.extend(
                ids.get(after..)
                    .unwrap_or(&[])
                    .iter()
                    .take(reach)
                    .map(|&y| y as usize),
            );
        }
        if !keep_c {
            out.clear();
            return;
        }
        out.retain(|&y| self.kept(y));
        out.sort_unstable();
        out.dedup();
    }
}

fn snippet(text: &str, c: &Claim) -> String {
    let t = c.span.slice(text).trim();
    let t = t.trim_matches(|ch: char| crate::text::is_quote_mark(ch) || ch == ',' || ch == ' ');
    // (words counted up to the 17th only: a claim can be a long paragraph)
    let mut words = t.split_whitespace();
    let head: Vec<&str> = words.by_ref().take(14).collect();
    if words.nth(2).is_none() {
        // 16 words or fewer
        return t.trim_end_matches([',', '.']).to_string();
    }
    format!("{} …", head.join(" ").trim_end_matches([',', '.']))
}

fn is_position(c: &Claim) -> bool {
    matches!(
        c.stance,
        Stance::Demand
            | Stance::Promise
            | Stance::Predict
            | Stance::Intend
            | Stance::Support
            | Stance::Oppose
            | Stance::Praise
            | Stance::Criticize
            | Stance::Question
    ) || c.feat.modal
}

fn describe(entities: &[Entity], syms: &Symbols, c: &Claim, key: Sym) -> Option<String> {
    // the first entity (by id) whose description gave `key`
    let e = c
        .entities
        .iter()
        .copied()
        .filter(|&e| Some(e) != c.feat.described_skip.map(|d| d as usize))
        .find(|&e| syms.described(e).binary_search(&key).is_ok())?;
    let ent = entities.get(e)?;
    if ent.attributes.is_empty() {
        return None;
    }
    let l = lex();
    let (mut groups, rest): (Vec<String>, Vec<String>) = ent
        .attributes
        .iter()
        .map(|a| cap_first_if_demonym(a))
        .partition(|a| l.is_group_word(a));
    groups.extend(rest);
    Some(format!(
        " — {} is described as {}",
        ent.name,
        article(&groups.join(" "))
    ))
}

fn cap_first_if_demonym(a: &str) -> String {
    let l = lex();
    a.split_whitespace()
        .map(|w| {
            if l.is_group_word(w) {
                let mut ch = w.chars();
                ch.next()
                    .map(|f| f.to_uppercase().collect::<String>() + ch.as_str())
                    .unwrap_or_default()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn article(np: &str) -> String {
    let vowel = np
        .chars()
        .next()
        .is_some_and(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'));
    format!("{} {np}", if vowel { "an" } else { "a" })
}

struct Found {
    a: usize,
    b: usize,
    kind: ConflictKind,
    confidence: Confidence,
    rule: &'static str,
    explanation: String,
    score: usize,
}

/// Narrator claims take part only when they set a fact against a claim
/// ("in fact"), cite a record, or refute.
fn usable(c: &Claim) -> bool {
    !c.feat.headline
        && (c.attribution.is_some()
            || c.feat.contrast
            || c.feat.record
            || c.feat.refute
            || c.feat.editorial
            || c.feat.accusation)
}

fn speaker_differs(x: &Claim, y: &Claim) -> bool {
    match (x.speaker, y.speaker) {
        (Some(a), Some(b)) => a != b,
        // the narrator reporting what someone did ("Trump has tried …,
        // accusing her …") speaks for that someone
        (None, Some(b)) if x.attribution.is_none() && x.feat.accusation => {
            x.feat.subject != Some(b)
        }
        (Some(a), None) if y.attribution.is_none() && y.feat.accusation => {
            y.feat.subject != Some(a)
        }
        _ => x.feat.source_name != y.feat.source_name,
    }
}

/// Finds conflicts and disagreements among `claims`.
pub fn find(
    text: &str,
    claims: &[Claim],
    syms: &Symbols,
    entities: &[Entity],
) -> (Vec<Conflict>, Vec<Conflict>) {
    let class_sym: Vec<bool> = (0..syms.len() as Sym)
        .map(|k| syms.str(k).starts_with('#'))
        .collect();
    let is_class = |k: Sym| class_sym.get(k as usize).copied().unwrap_or(false);
    // the keys of the current first claim: 0 absent, 1 present, 2 present in a
    // negation's scope (pairs come grouped by their first claim)
    let mut mark: Vec<u8> = vec![0; syms.len()];
    let mut marked: Option<usize> = None;
    let mut found: Vec<Found> = Vec::new();
    let mut disagree: Vec<Found> = Vec::new();
    // claims that can take part in a pair: the loop below skips every other one
    let keep: Vec<bool> = claims
        .iter()
        .map(|c| !c.feat.question && !c.feat.retraction && usable(c))
        .collect();
    let mut cands = Candidates::new(claims, syms, &keep);
    let mut partners: Vec<usize> = Vec::new();
    // the shared keys of the pair whose polarity differs (one buffer for all pairs)
    let mut clash: Vec<Sym> = Vec::new();
    // claims in id order, partners ascending: the pairs come sorted
    for c in claims.iter().filter(|c| !c.feat.question) {
        cands.partners(c, &mut partners);
        let i = c.id;
        for &j in &partners {
            let (Some(x), Some(y)) = (claims.get(i), claims.get(j)) else {
                continue;
            };
            let (fx, fy) = (&x.feat, &y.feat);
            if x.span.overlaps(y.span)
                || fx.question
                || fy.question
                || fx.retraction
                || fy.retraction
            {
                continue;
            }
            if !usable(x) || !usable(y) {
                continue;
            }
            let flip_x = fx.deny_cue
                ^ (x.attribution.is_none() && fx.contrast)
                ^ (fx.doubt && !fx.explicit_neg);
            let flip_y = fy.deny_cue
                ^ (y.attribution.is_none() && fy.contrast)
                ^ (fy.doubt && !fy.explicit_neg);
            // shared content keys and whether their polarity differs
            let mut content = 0usize;
            let mut classes = 0usize;
            clash.clear();
            if marked != Some(i) {
                let unmark = marked
                    .and_then(|m| claims.get(m))
                    .map_or(&[][..], |c| &c.feat.keys[..]);
                for k in unmark.iter().map(|key| key.sym()) {
                    if let Some(m) = mark.get_mut(k as usize) {
                        *m = 0;
                    }
                }
                for (k, n) in fx.keys.iter().map(|key| (key.sym(), key.negated())) {
                    if let Some(m) = mark.get_mut(k as usize) {
                        *m = 1 + u8::from(n);
                    }
                }
                marked = Some(i);
            }
            // the shared keys, in ascending order (both lists are sorted)
            for (k, ny) in fy.keys.iter().map(|key| (key.sym(), key.negated())) {
                let nx = match mark.get(k as usize) {
                    Some(1) => false,
                    Some(2) => true,
                    _ => continue,
                };
                content += 1;
                classes += usize::from(is_class(k));
                if (nx ^ flip_x) != (ny ^ flip_y) {
                    clash.push(k);
                }
            }
            // every way of being related below needs a shared content key, and a shared
            // predicate class or (dense) a second key or a record on one side: the
            // participants are counted only then (most pairs share one stem and stop here)
            let small = fx.keys.len().min(fy.keys.len()).max(1);
            let dense = content * 3 >= small;
            let record_pair = fx.record != fy.record;
            if content == 0 || classes == 0 && !(dense && (record_pair || content >= 2)) {
                continue;
            }
            let sa = shared(fx.attrs.iter(), fy.attrs.iter());
            let se = x
                .entities
                .iter()
                .filter(|e| {
                    Some(**e) != x.speaker.map(|s| s as usize)
                        && Some(**e) != y.speaker.map(|s| s as usize)
                })
                .filter(|e| y.entities.binary_search(e).is_ok())
                .count();
            let subject = x
                .speaker
                .is_some_and(|s| y.entities.binary_search(&(s as usize)).is_ok())
                || y.speaker
                    .is_some_and(|s| x.entities.binary_search(&(s as usize)).is_ok());
            let participants = sa + se + usize::from(subject);
            let narrator_contrast = (x.attribution.is_none() && fx.contrast)
                || (y.attribution.is_none() && fy.contrast);
            let related = (classes >= 1 && participants >= 1)
                || (record_pair && content >= 1 && participants >= 1 && dense)
                || ((record_pair || flip_x != flip_y && (fx.contrast || fy.contrast))
                    && content >= 2
                    && dense)
                || (content >= 2 && dense && participants >= 1)
                || (content >= 3 && dense);
            if !related {
                continue;
            }
            // positions (demands, promises, predictions…) → disagreements
            if is_position(x) || is_position(y) {
                let opposed = !clash.is_empty()
                    || matches!(
                        (x.stance, y.stance),
                        (Stance::Support, Stance::Oppose)
                            | (Stance::Oppose, Stance::Support)
                            | (Stance::Praise, Stance::Criticize)
                            | (Stance::Criticize, Stance::Praise)
                    );
                if opposed && speaker_differs(x, y) && x.speaker.is_some() && y.speaker.is_some() {
                    disagree.push(Found {
                        a: i,
                        b: j,
                        kind: ConflictKind::Disagreement,
                        confidence: Confidence::Medium,
                        rule: "disagree.positions",
                        explanation: format!(
                            "{} and {} take different positions on the same matter: “{}” / “{}”.",
                            ucfirst(&fx.source_name),
                            fy.source_name,
                            snippet(text, x),
                            snippet(text, y)
                        ),
                        score: content + participants,
                    });
                }
                continue;
            }
            let class_clash = clash.iter().any(|&k| is_class(k));
            if clash.is_empty() || !class_clash && clash.len() * 2 < content {
                continue;
            }
            let x_neg = clash.iter().any(|k| {
                fx.keys
                    .iter()
                    .find(|q| q.sym() == *k)
                    .is_some_and(|q| q.negated() ^ flip_x)
            });
            let (pos, neg) = if x_neg { (y, x) } else { (x, y) };
            if pos.hedged && pos.attribution.is_none() {
                continue;
            }
            // a hedged denial ("may not have") denies nothing; two hedged claims
            // can both hold
            if neg.feat.modal_hedge && (!neg.feat.qualified || pos.hedged)
                || neg.hedged && pos.hedged
            {
                continue;
            }
            if pos.feat.refute
                || pos.feat.doubt
                || pos.hedged && pos.attribution.is_some() && !pos.feat.record
            {
                continue;
            }
            // two negative or doubtful statements do not contradict each other
            if (pos.negated || pos.feat.doubt)
                && (neg.negated || neg.feat.doubt)
                && !pos.feat.record
            {
                continue;
            }
            // doubt alone ("too early to tell") only answers a plain assertion
            let doubt_only = neg.feat.doubt && !neg.feat.explicit_neg && !neg.feat.deny_cue;
            if doubt_only && (pos.attribution.is_none() || pos.feat.record) {
                continue;
            }
            // related by shared words alone: at least two of them must clash
            if classes == 0
                && participants == 0
                && clash.len() < 2
                && !(record_pair || narrator_contrast)
            {
                continue;
            }
            let same = !speaker_differs(x, y);
            let record = pos.feat.record != neg.feat.record;
            // one speaker's reversals: only a clash on a predicate class about
            // the same third party, in different paragraphs, both attributed
            if same
                && !record
                && !(class_clash
                    && sa + se >= 1
                    && fx.para != fy.para
                    && x.attribution.is_some()
                    && y.attribution.is_some()
                    && x.attribution != y.attribution)
            {
                continue;
            }
            let narrator_fact = neg.attribution.is_none() && neg.feat.contrast;
            let kind = if record {
                ConflictKind::ClaimVsRecord
            } else if same {
                ConflictKind::SelfContradiction
            } else if pos.stance == Stance::Report || pos.stance == Stance::Evidence {
                ConflictKind::DenialVsReport
            } else {
                ConflictKind::AssertionVsDenial
            };
            let mut why_low = None;
            if neg.feat.qualified {
                why_low = Some("the denial is qualified");
            } else if neg.feat.doubt {
                why_low = Some("one side expresses doubt rather than a denial");
            } else if pos.hedged || neg.hedged {
                why_low = Some("one side is hedged");
            } else if same && !record {
                why_low = Some("the statements may be from different times");
            }
            let strong = (classes >= 1 && participants >= 2) || content >= 3;
            let confidence = match (why_low, strong) {
                (Some(_), _) => Confidence::Low,
                (None, true) => Confidence::High,
                (None, false) => Confidence::Medium,
            };
            // the topic: shared predicate classes first, then the clashing words
            let mut what: Vec<String> = fx
                .keys
                .iter()
                .map(|key| key.sym())
                .filter(|&k| is_class(k))
                .filter(|k| fy.keys.binary_search_by(|q| q.sym().cmp(k)).is_ok())
                .map(|k| syms.str(k).trim_start_matches('#').to_string())
                .collect();
            for &k in &clash {
                let stem = syms.str(k).trim_start_matches('#');
                // show a word as written ("releasing"), not the stem ("releas")
                let word = if is_class(k) {
                    stem.to_string()
                } else {
                    [pos, neg]
                        .iter()
                        .flat_map(|c| {
                            c.span
                                .slice(text)
                                .split(|ch: char| !ch.is_alphanumeric() && ch != '\'' && ch != '’')
                        })
                        .map(str::to_lowercase)
                        .find(|w| w.starts_with(stem))
                        .unwrap_or_else(|| stem.to_string())
                };
                if !what.contains(&word) {
                    what.push(word);
                }
            }
            what.truncate(3);
            let detail = shared_syms(&pos.feat.attrs, &neg.feat.attrs)
                .filter(|&k| lex().is_group_key(syms.str(k)))
                .find_map(|k| describe(entities, syms, pos, k))
                .map(|d| d.to_string())
                .unwrap_or_default();
            let pos_label = if pos.feat.record && kind == ConflictKind::ClaimVsRecord {
                "Record"
            } else if kind == ConflictKind::DenialVsReport {
                "Report"
            } else {
                "Claim"
            };
            let neg_label = if neg.feat.record && kind == ConflictKind::ClaimVsRecord {
                "Record"
            } else if narrator_fact {
                "Stated as fact"
            } else if neg.feat.deny_cue || neg.feat.explicit_neg {
                "Denial"
            } else {
                "Counter-claim"
            };
            let mut explanation = format!(
                "{pos_label} ({}): “{}”{}. {neg_label} ({}): “{}”. Both concern {}; as written they cannot both be true.",
                pos.feat.source_name,
                snippet(text, pos),
                detail,
                neg.feat.source_name,
                snippet(text, neg),
                what.join(", ")
            );
            if let Some(r) = why_low {
                explanation.push_str(&format!(" Not clear-cut: {r}."));
            }
            let long = (fx.words as usize + fy.words as usize) / 25;
            found.push(Found {
                a: pos.id,
                b: neg.id,
                kind,
                confidence,
                rule: if narrator_fact {
                    "conflict.narrator-fact"
                } else {
                    "conflict.negated-predicate"
                },
                explanation,
                score: (content * 2 + participants + classes * 2 + 2 * usize::from(subject))
                    .saturating_sub(long),
            });
        }
    }
    refutations(text, claims, syms, &mut found);
    figures(text, claims, &mut found);
    let conflicts = finish(select(claims, dedupe(claims, found)));
    let mut disagreements = finish(dedupe(claims, disagree));
    disagreements.retain(|d| !conflicts.iter().any(|c| (c.a, c.b) == (d.a, d.b)));
    for (k, d) in disagreements.iter_mut().enumerate() {
        d.id = k;
    }
    (conflicts, disagreements)
}

fn ucfirst(s: &str) -> String {
    let mut ch = s.chars();
    ch.next()
        .map(|f| f.to_uppercase().collect::<String>() + ch.as_str())
        .unwrap_or_default()
}

/// "It is false", "That comment is a lie", "dismissed those reports".
fn refutations(text: &str, claims: &[Claim], syms: &Symbols, found: &mut Vec<Found>) {
    let group = |c: &Claim| c.attribution.map_or(usize::MAX - c.id, |a| a as usize);
    // (refuting speaker or attribution, other side's group) already in conflict
    let mut busy: std::collections::BTreeSet<(usize, usize)> = std::collections::BTreeSet::new();
    for x in found.iter() {
        let (Some(a), Some(b)) = (claims.get(x.a), claims.get(x.b)) else {
            continue;
        };
        for (p, q) in [(a, b), (b, a)] {
            busy.insert((p.speaker.map_or(usize::MAX, |s| s as usize), group(q)));
            busy.insert((usize::MAX - 1 - group(p), group(q)));
            busy.insert((usize::MAX - 1 - group(p), usize::MAX));
        }
    }
    for r in claims {
        let f = &r.feat;
        if !(f.refute && f.anaphoric) || f.question || f.headline {
            continue;
        }
        if busy.contains(&(usize::MAX - 1 - group(r), usize::MAX)) {
            continue;
        }
        // the earlier claim of another source it most plausibly refers to:
        // a report or accusation, about the refuter, unhedged, nearest
        let mut best: Option<(usize, &Claim)> = None;
        let mut dist = 0usize;
        for c in claims.iter().take(r.id).rev().take(10) {
            let reach = if f.words <= 6 { 1 } else { 3 };
            if c.feat.para + reach < f.para {
                break;
            }
            if !speaker_differs(c, r) || c.feat.refute || c.feat.question || c.negated {
                continue;
            }
            if c.attribution.is_none() || is_position(c) || c.feat.words < 4 || c.feat.headline {
                continue;
            }
            let about_refuter = r
                .speaker
                .is_some_and(|s| c.entities.binary_search(&(s as usize)).is_ok());
            let noun = &*f.anaphor_noun;
            let fits_noun = match noun {
                "report" | "story" | "stori" | "account" => {
                    c.stance == Stance::Report || c.feat.stems().any(|s| syms.str(s) == "report")
                }
                "charg" | "allegation" | "accusation" | "claim" | "rumor" | "rumour"
                | "suggestion" => {
                    matches!(c.stance, Stance::Report | Stance::Accuse)
                        || c.hedged
                        || c.feat.stems().any(|s| syms.str(s) == noun)
                }
                "" => false,
                _ => c.feat.quoted,
            };
            let score = 3 * usize::from(matches!(c.stance, Stance::Report | Stance::Accuse))
                + 2 * usize::from(about_refuter)
                + 2 * usize::from(fits_noun)
                + usize::from(!c.hedged)
                + usize::from(dist == 0)
                + 2 * usize::from(c.feat.sent == f.sent);
            dist += 1;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, c));
            }
        }
        let Some((score, c)) = best else {
            continue;
        };
        if score < 2 {
            continue;
        }
        let who = r.speaker.map_or(usize::MAX, |s| s as usize);
        if r.speaker.is_some() && busy.contains(&(who, group(c))) {
            continue;
        }
        let kind = if c.stance == Stance::Report || c.feat.record {
            ConflictKind::DenialVsReport
        } else {
            ConflictKind::AssertionVsDenial
        };
        found.push(Found {
            a: c.id,
            b: r.id,
            kind,
            confidence: Confidence::Medium,
            rule: "conflict.refutes-earlier",
            explanation: format!(
                "Claim ({}): “{}”. Rebuttal ({}): “{}”, which appears to answer it. Not clear-cut: the reference is implicit.",
                c.feat.source_name,
                snippet(text, c),
                f.source_name,
                snippet(text, r)
            ),
            score: 4,
        });
    }
}

/// Two clearly different figures for the same thing.
fn figures(text: &str, claims: &[Claim], found: &mut Vec<Found>) {
    // "a majority of voters …" next to a figure under half, in one sentence
    for c in claims
        .iter()
        .filter(|c| (c.feat.majority || c.feat.majority_src) && !c.feat.headline)
    {
        let near = claims
            .iter()
            .skip(c.id.saturating_sub(2))
            .take(5)
            .filter(|d| d.id > c.id && d.feat.sent == c.feat.sent && !d.feat.majority);
        for d in near {
            let Some(q) = d
                .feat
                .quants
                .iter()
                .find(|q| q.percent && !q.approx && q.value < 50.0 && q.value > 0.0)
            else {
                continue;
            };
            found.push(Found {
                a: c.id,
                b: d.id,
                kind: ConflictKind::NumericOrDateMismatch,
                confidence: Confidence::Medium,
                rule: "conflict.majority-figure",
                explanation: format!(
                    "Majority ({}): “{}”. Figure: {}, which is under half.",
                    c.feat.source_name,
                    snippet(text, c),
                    q.span.slice(text)
                ),
                score: 3,
            });
            break;
        }
    }
    // group by context stem: each quantity indexed under its context words (keyed by
    // article text: the seeded hasher; the order of the lists does not matter, the pairs are
    // sorted below). A quantity goes by its number in (claim id, quantity) order, which
    // `quant_at` maps back: claims come in id order (a claim's id is its index, as
    // `claims.get` below relies on), so the pairs of numbers sort as the pairs of
    // (claim id, quantity) did, and as plain triples, with the crate's one copy of their sort
    let mut quant_at: Vec<(usize, usize)> = Vec::new();
    let mut index: crate::text::TextMap<&str, Vec<usize>> = Default::default();
    for c in claims {
        for (qi, q) in c.feat.quants.iter().enumerate() {
            for w in q.context_words() {
                index.entry(w).or_default().push(quant_at.len());
            }
            quant_at.push((c.id, qi));
        }
    }
    let claim_of = |x: usize| quant_at.get(x).map(|&(c, _)| c);
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for list in index.values() {
        if list.len() > MAX_POSTING {
            continue;
        }
        for (k, &x) in list.iter().enumerate() {
            for &y in list.iter().skip(k + 1) {
                if claim_of(x) != claim_of(y) {
                    pairs.push((x.min(y), x.max(y), 0));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (x, y, _) in pairs {
        let (Some(&(ci, qi)), Some(&(cj, qj))) = (quant_at.get(x), quant_at.get(y)) else {
            continue;
        };
        let (Some(x), Some(y)) = (claims.get(ci), claims.get(cj)) else {
            continue;
        };
        let (Some(qx), Some(qy)) = (x.feat.quants.get(qi), y.feat.quants.get(qj)) else {
            continue;
        };
        if x.feat.headline || y.feat.headline || x.feat.sent == y.feat.sent {
            continue;
        }
        if qx.percent != qy.percent || !qx.percent || qx.approx || qy.approx || x.hedged || y.hedged
        {
            continue;
        }
        if shared(qx.context_words(), qy.context_words()) < 3 {
            continue;
        }
        let (lo, hi) = if qx.value < qy.value {
            (qx.value, qy.value)
        } else {
            (qy.value, qx.value)
        };
        if lo <= 0.0 || hi / lo < 1.5 {
            continue;
        }
        let what: Vec<&str> = shared_list(qx, qy);
        found.push(Found {
            a: ci,
            b: cj,
            kind: ConflictKind::NumericOrDateMismatch,
            confidence: Confidence::Medium,
            rule: "conflict.figures",
            explanation: format!(
                "Figures: {} ({}) against {} ({}), apparently for the same quantity ({}). Not clear-cut: they may measure different things.",
                qx.span.slice(text),
                x.feat.source_name,
                qy.span.slice(text),
                y.feat.source_name,
                what.join(", ")
            ),
            score: 2,
        });
    }
}

/// One conflict per pair of claims; one per (claim, other source's
/// attribution); an attribution's sentences count once against a claim.
fn dedupe(claims: &[Claim], mut found: Vec<Found>) -> Vec<Found> {
    // stably by (confidence, score descending, claim pair): two stable sorts, the second
    // by the leading half of the key (Confidence's order is its declaration order)
    crate::sort::sort_by_key(&mut found, |f| (f.a.min(f.b), f.a.max(f.b)));
    crate::sort::sort_by_key(&mut found, |f| {
        (f.confidence as usize, usize::MAX - f.score)
    });
    let group = |id: usize| -> (usize, usize) {
        claims.get(id).map_or((usize::MAX, id), |c| {
            c.attribution.map_or((usize::MAX, id), |a| (a as usize, 0))
        })
    };
    let mut seen: std::collections::BTreeSet<((usize, usize), (usize, usize))> =
        std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for f in found {
        let (ga, gb) = (group(f.a), group(f.b));
        let key = (ga.min(gb), ga.max(gb));
        // same attribution group pair, or same claim pair
        if !seen.insert(key) {
            continue;
        }
        out.push(f);
    }
    out
}

/// Greedy, best first: a claim is the denying side of one conflict at most
/// and the asserting side of three at most.
fn select(claims: &[Claim], mut found: Vec<Found>) -> Vec<Found> {
    // stably by (score descending, confidence, a, b): two stable sorts, as in `dedupe`
    crate::sort::sort_by_key(&mut found, |f| (f.a, f.b));
    crate::sort::sort_by_key(&mut found, |f| {
        (usize::MAX - f.score, f.confidence as usize)
    });
    let mut as_b = vec![0u8; claims.len()];
    let mut as_a = vec![0u8; claims.len()];
    let mut out = Vec::new();
    for f in found {
        let (Some(&na), Some(&nb)) = (as_a.get(f.a), as_b.get(f.b)) else {
            continue;
        };
        let b_as_a = as_a.get(f.b).copied().unwrap_or(0);
        let a_as_b = as_b.get(f.a).copied().unwrap_or(0);
        if nb >= 1 || na >= 3 || b_as_a >= 1 || a_as_b >= 1 {
            continue;
        }
        if let Some(x) = as_a.get_mut(f.a) {
            *x += 1;
        }
        if let Some(x) = as_b.get_mut(f.b) {
            *x += 1;
        }
        out.push(f);
    }
    out
}

fn finish(found: Vec<Found>) -> Vec<Conflict> {
    let mut v: Vec<Conflict> = found
        .into_iter()
        .map(|f| Conflict {
            id: 0,
            a: f.a.min(f.b),
            b: f.a.max(f.b),
            kind: f.kind,
            confidence: f.confidence,
            rule: f.rule,
            explanation: f.explanation,
        })
        .collect();
    crate::sort::sort_by_key(&mut v, |c| (c.a, c.b));
    for (k, c) in v.iter_mut().enumerate() {
        c.id = k;
    }
    v
}
