//! Stage 5 — attributions: who said (or thinks, or reports) what.
//!
//! Input: the [`Doc`] (tokens with lexicon info, sentences, quotes) and the
//! entity [`Registry`]. Output: [`Attribution`]s — source mention, resolved
//! speaker, cue span and content fragments — in text order.
//!
//! Rules, tried in this order for each paragraph and sentence (rule ids in
//! the output):
//! - `attr.colon-label` — a paragraph (or headline) opening with a short name
//!   or an ALL-CAPS label and a colon: `PENCE: …`, `Pence: Flowers won't…`.
//! - `attr.content-first` — `"…," X said.` / `…, X said Thursday.` /
//!   `"…," said X.` (`inv` cues) / `…, according to X.`; a quotation after the
//!   cue becomes a second fragment (`"A," she said, "B."`), a participle cue
//!   after it a chained attribution with the same source (`…, adding that …`),
//!   and `A, he said, B` gives two fragments.
//! - `attr.according-to` — `According to X, …`.
//! - `attr.said-that` — `X said (that) …`, `X told Y that …`, `X believes …`,
//!   `X: "…"` after a cue; the recipient, time and "in a statement" phrases are
//!   skipped; the content runs to the sentence end.
//! - `attr.passive` — `It was reported that …`, `X is expected to …` (no
//!   source unless `by X`; the subject joins the content).
//! - `attr.raising` — `X appears to …`, `X seems …` (no source).
//! - `attr.evidential` — `X reportedly …` (no source).
//! - `attr.statement-participle` — `X released a statement denying that …`.
//! - continuation — a quotation with no cue of its own continues the
//!   previous attribution (same paragraph, or the next paragraph) as another
//!   content fragment.
//! - `attr.next-paragraph` — `X reports:` followed by a quoted paragraph.
//! - `attr.dash-signature`, `attr.inverted-initial`, `attr.colon-quote`,
//!   `attr.asked`, `attr.coordinated`, `attr.relative-clause`,
//!   `attr.participle`, `attr.poll`, `attr.statement-by` — see `DESIGN.md` §3
//!   for each.
//!
//! Only the outermost attribution is reported: cues inside a quotation or
//! inside another attribution's content are not attributions of their own.

use crate::doc::Doc;
use crate::lexicon::{flag, Form, Stance};
use crate::mention::Registry;
use crate::segment::TokKind;
use crate::text::Span;

/// Direct (all quoted), mixed (partly quoted) or indirect (paraphrase).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AttrKind {
    /// Every word of the content is inside quotation marks.
    Direct,
    /// Some words are quoted.
    Mixed,
    /// None are.
    Indirect,
}

/// An `f32` as the `f64` of its shortest decimal form (0.6, not 0.6000000238418579, also
/// where the serializer widens it).
fn short_f32<S: serde::Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((f64::from(*x) * 1e4).round() / 1e4)
}

/// One attribution.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Attribution {
    /// Index.
    pub id: usize,
    /// The source mention as written (mention id).
    pub source: Option<usize>,
    /// The resolved speaker (entity id).
    pub speaker: Option<usize>,
    /// The cue span.
    pub cue: Option<Span>,
    /// Content fragments.
    pub content: Vec<Span>,
    /// Kind.
    pub kind: AttrKind,
    /// Rule id.
    #[serde(serialize_with = "crate::text::static_str")]
    pub rule: &'static str,
    /// Confidence in `0..=1`.
    #[serde(serialize_with = "short_f32")]
    pub confidence: f32,
    /// The cue's stance.
    pub stance: Stance,
    /// The cue's lemma ("say", "deny"…); empty for a colon or no cue.
    #[serde(serialize_with = "crate::text::static_str")]
    pub cue_lemma: &'static str,
    /// The source phrase as written (also in `mentions[source]`).
    pub source_span: Option<Span>,
}

/// A candidate before resolution: token ranges.
#[derive(Clone, Debug)]
struct Raw {
    src: Option<(usize, usize)>,
    cue: Option<Span>,
    content: Vec<Span>,
    rule: &'static str,
    stance: Stance,
    lemma: &'static str,
    confidence: f32,
    para: u32,
    /// A second clause of the sentence with its own subject and cue starts
    /// here ("…, but she noted that …").
    next: Option<usize>,
}

const LABEL_BLOCKLIST: &[&str] = &[
    "update",
    "updated",
    "opinion",
    "analysis",
    "watch",
    "video",
    "photos",
    "photo",
    "exclusive",
    "breaking",
    "note",
    "editor's note",
    "read",
    "related",
    "correction",
    "source",
    "sources",
    "credit",
    "warning",
    "spoiler",
    "listen",
    "subscribe",
    "advertisement",
    "see",
    "also",
    "more",
    "live",
    "report",
    "poll",
    "transcript",
];

const STATEMENT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "letter",
    "memo",
    "tweet",
    "tweets",
    "post",
    "email",
    "e-mail",
    "release",
    "op-ed",
    "video",
    "message",
    "report",
    "filing",
    "brief",
    "note",
];

const STATEMENT_VERBS: &[&str] = &[
    "released",
    "issued",
    "sent",
    "posted",
    "published",
    "put",
    "wrote",
    "made",
    "gave",
    "filed",
    "delivered",
    "releasing",
    "issuing",
    "sending",
    "posting",
    "publishing",
];

const MEDIUM_NOUNS: &[&str] = &[
    "statement",
    "interview",
    "tweet",
    "post",
    "letter",
    "email",
    "e-mail",
    "speech",
    "op-ed",
    "briefing",
    "conference",
    "call",
    "memo",
    "release",
    "appearance",
    "radio",
    "television",
    "broadcast",
    "podcast",
    "video",
    "message",
    "filing",
    "testimony",
    "hearing",
    "remarks",
    "address",
    "rally",
    "debate",
    "event",
    "meeting",
];

/// Finds attributions.
pub fn find(doc: &Doc, reg: &mut Registry) -> Vec<Attribution> {
    let mut f = Finder {
        doc,
        out: Vec::new(),
        covered: Vec::new(),
    };
    f.run();
    let raws = std::mem::take(&mut f.out);
    raws.into_iter()
        .enumerate()
        .map(|(id, r)| {
            let source = r.src.map(|(a, b)| reg.resolve(doc, a, b));
            let speaker = source
                .and_then(|m| reg.mentions.get(m))
                .and_then(|m| m.entity);
            let source_span = r.src.map(|(a, b)| doc.range(a, b.saturating_sub(1).max(a)));
            let kind = kind_of(doc, &r.content);
            Attribution {
                id,
                source,
                speaker,
                cue: r.cue,
                content: r.content,
                kind,
                rule: r.rule,
                confidence: r.confidence,
                stance: r.stance,
                cue_lemma: r.lemma,
                source_span,
            }
        })
        .collect()
}

fn kind_of(doc: &Doc, content: &[Span]) -> AttrKind {
    let mut quoted = 0usize;
    let mut plain = 0usize;
    for sp in content {
        let a = doc.toks.partition_point(|t| t.span().start < sp.start);
        let mut i = a;
        while let Some(t) = doc.toks.get(i) {
            if t.span().start >= sp.end {
                break;
            }
            if t.kind() == TokKind::Word || t.kind() == TokKind::Number {
                if doc.quoted(i) {
                    quoted += 1;
                } else {
                    plain += 1;
                }
            }
            i += 1;
        }
    }
    match (quoted, plain) {
        (_, 0) => AttrKind::Direct,
        (0, _) => AttrKind::Indirect,
        _ => AttrKind::Mixed,
    }
}

struct Finder<'d, 'a> {
    doc: &'d Doc<'a>,
    out: Vec<Raw>,
    /// Content spans accepted so far, ascending by start.
    covered: Vec<Span>,
}

impl Finder<'_, '_> {
    fn run(&mut self) {
        let doc = self.doc;
        let nsent = doc.sents.len();
        let mut si = 0usize;
        while si < nsent {
            let Some(&(lo, hi)) = doc.sents.get(si) else {
                break;
            };
            let para = doc.para(lo);
            let para_start = si == 0
                || doc
                    .sents
                    .get(si - 1)
                    .is_some_and(|&(l, _)| doc.para(l) != para);
            let labelled = para_start && self.colon_label(lo);
            if lo < hi && !labelled && !self.is_covered(doc.span(lo)) {
                let before = self.out.len();
                self.sentence(lo, hi);
                if self.out.len() == before {
                    self.continuation(lo, hi);
                }
            }
            si += 1;
        }
    }

    fn is_covered(&self, sp: Span) -> bool {
        let i = self.covered.partition_point(|c| c.end <= sp.start);
        self.covered
            .get(i)
            .is_some_and(|c| c.start <= sp.start && sp.end <= c.end.max(sp.end) && c.start < sp.end)
    }

    fn tok_covered(&self, i: usize) -> bool {
        self.is_covered(self.doc.span(i))
    }

    fn push(&mut self, raw: Raw) {
        for c in &raw.content {
            let i = self.covered.partition_point(|x| x.start <= c.start);
            self.covered.insert(i, *c);
        }
        self.out.push(raw);
    }

    /// `LABEL: …` at the start of a paragraph.
    fn colon_label(&mut self, lo: usize) -> bool {
        let doc = self.doc;
        let para = doc.para(lo);
        let mut a = lo;
        if doc.is_qmark(a) {
            a += 1;
        }
        let mut k = a;
        while k < a + 9
            && doc.para(k) == para
            && (doc.kind(k) == Some(TokKind::Word) || doc.is(k, ".") || doc.is(k, "-"))
        {
            k += 1;
        }
        if k == a || !doc.is(k, ":") || doc.para(k + 1) != para {
            return false;
        }
        let n_words = (a..k)
            .filter(|&i| doc.kind(i) == Some(TokKind::Word))
            .count();
        let all_caps = (a..k)
            .filter(|&i| doc.kind(i) == Some(TokKind::Word))
            .all(|i| doc.is_allcaps(i) || doc.s(i).len() == 1 && doc.is_cap(i));
        let all_cap_words = (a..k)
            .filter(|&i| doc.kind(i) == Some(TokKind::Word))
            .all(|i| doc.is_cap(i));
        let headline = doc.para(lo) == 0;
        let label = Span::new(doc.span(a).start, doc.span(k - 1).end)
            .slice(doc.text)
            .to_ascii_lowercase();
        if LABEL_BLOCKLIST.contains(&label.as_str()) || !all_cap_words {
            return false;
        }
        let quote_follows = doc.is_qmark(k + 1);
        if !(all_caps && n_words <= 4
            || (headline && (n_words <= 4 || quote_follows && n_words <= 8))
            || n_words <= 2 && doc.quoted(a))
        {
            return false;
        }
        // content: to the end of the paragraph
        // (token `k + 1` is in `para`, tested above)
        let mut e = k + 2;
        while !doc.starts_para(e) {
            e += 1;
        }
        let mut last = e - 1;
        while last > k + 1 && (doc.is_terminal(last) || doc.is_qmark(last)) {
            last -= 1;
        }
        if last <= k {
            return false;
        }
        self.push(Raw {
            src: Some((a, k)),
            cue: Some(doc.span(k)),
            content: vec![doc.range(k + 1, last)],
            rule: "attr.colon-label",
            stance: Stance::Assert,
            lemma: "",
            confidence: if all_caps { 0.8 } else { 0.6 },
            para,
            next: None,
        });
        true
    }

    /// Cue token candidates of a sentence, left to right.
    fn cues(&self, lo: usize, hi: usize) -> Vec<usize> {
        let doc = self.doc;
        let toks = doc.toks.get(lo..hi).unwrap_or_default();
        (lo..)
            .zip(toks)
            // (cheap tests first, on the token itself: most tokens are neither
            // "according" nor a cue)
            .filter(|&(_, t)| {
                t.kind() == TokKind::Word
                    && (doc.word_info(t).cue.is_some() || t.byte_len() == "according".len())
            })
            .map(|(i, _)| i)
            .filter(|&i| doc.cue(i).is_some() || doc.is_word(i, "according"))
            .filter(|&i| !doc.quoted(i) && !self.tok_covered(i))
            .filter(|&i| {
                doc.is_word(i, "according") && doc.is_word(i + 1, "to")
                    || doc.cue(i).is_some_and(|q| {
                        let particle_ok = !q.needpart
                            || doc.lex.particle(&q).is_some_and(|p| doc.is_word(i + 1, p));
                        let capital_ok = !doc.is_cap(i)
                            || i <= lo
                            || doc.is_allcaps(i)
                            || doc.sent_title_case(i)
                                && (!q.weak || doc.is_qmark(i + 1))
                                && (q.inv || matches!(q.form, Form::Third | Form::Past));
                        // a noun, not a verb: "the report", "reports say", "report has"
                        let next_verb = (doc.has(i + 1, flag::AUX)
                            && !doc.has(i + 1, flag::DET | flag::PRON))
                            || doc
                                .cue(i + 1)
                                .is_some_and(|n| n.form != Form::Ing && !doc.quoted(i + 1));
                        let prev_det = i > lo
                            && doc.has(i - 1, flag::DET)
                            && !doc.has(i - 1, flag::RELPRON)
                            && !doc.is_cap(i - 1);
                        // "Mr. Trump's comments", "Clinton’s claims": a possessive makes a noun
                        // ("He’s claiming" is a contraction, not a possessive)
                        let prev_poss = i > lo && !doc.quoted(i - 1) && {
                            let p = doc.s(i - 1);
                            let stem = p.trim_end_matches("'s").trim_end_matches("’s");
                            // (compared ignoring ASCII case: no lower-case copy per cue)
                            let contraction = [
                                "he", "she", "it", "that", "who", "there", "what", "here", "where",
                                "this",
                            ]
                            .iter()
                            .any(|w| stem.eq_ignore_ascii_case(w));
                            !contraction
                                && (p.ends_with("'s")
                                    || p.ends_with("’s")
                                    || p.ends_with("s'")
                                    || p.ends_with("s’"))
                        };
                        let shouting = doc.is_allcaps(i) && doc.s(i).len() > 2;
                        particle_ok
                            && capital_ok
                            && !shouting
                            && !(q.form != Form::Past && (next_verb || prev_det || prev_poss))
                    })
            })
            .collect()
    }

    fn sentence(&mut self, lo: usize, hi: usize) {
        let doc = self.doc;
        let mut ce = hi;
        while ce > lo && doc.is_terminal(ce - 1) && !doc.quoted(ce - 1) {
            ce -= 1;
        }
        if ce <= lo {
            return;
        }
        if let Some(r) = self.dash_signature(lo, ce) {
            self.push(r);
            return;
        }
        if let Some((r, rest)) = self.asked_clause(lo, ce) {
            self.push(r);
            if rest < hi {
                self.sentence(rest, hi);
            }
            return;
        }
        let cands = self.cues(lo, hi);
        if cands.is_empty() {
            if let Some(r) = self
                .colon_quote(lo, ce)
                .or_else(|| self.statement_by(lo, hi))
            {
                self.push(r);
                return;
            }
            self.evidential(lo, ce);
            return;
        }
        // A. content first, rightmost cue first
        for &c in cands.iter().rev() {
            if let Some(raws) = self.content_first(lo, ce, c) {
                for r in raws {
                    self.push(r);
                }
                return;
            }
        }
        // B. According to X, …
        for &c in &cands {
            if doc.is_word(c, "according") {
                if let Some(r) = self.according_before(lo, ce, c) {
                    self.push(r);
                    return;
                }
            }
        }
        // C. X said (that) … — cues inside a comma-bounded relative clause
        // ("X, who spoke on condition of anonymity, said") come last
        let in_rel = |c: usize| {
            let mut k = c;
            while k > lo && c - k < 20 {
                k -= 1;
                if doc.is(k, ",") {
                    return doc.has(k + 1, flag::RELPRON) && !doc.has(k + 1, flag::PERSPRON);
                }
            }
            false
        };
        // … and so do cues inside the apposition of a later cue's subject
        // ("Trump, … star of the reality TV show "The Apprentice," said")
        let mut in_appos: Vec<(usize, usize)> = Vec::new();
        for &c2 in &cands {
            let cs2 = self.cue_start(lo, c2);
            let comma = cs2 > lo + 1
                && (doc.is(cs2 - 1, ",") || self.is_closing_quote(cs2 - 1) && doc.is(cs2 - 2, ","));
            if comma {
                if let Some((h, _, _)) = self.subject(lo, cs2) {
                    in_appos.push((h, cs2));
                }
            }
        }
        let late = |c: usize| in_rel(c) || in_appos.iter().any(|&(h, e)| h < c && c < e);
        let mut ordered: Vec<usize> = cands.iter().copied().filter(|&c| !late(c)).collect();
        ordered.extend(cands.iter().copied().filter(|&c| late(c)));
        for &c in &ordered {
            if doc.is_word(c, "according") {
                continue;
            }
            if let Some(raws) = self.said_that(lo, ce, c) {
                let next = raws.first().and_then(|r| r.next);
                for r in raws {
                    self.push(r);
                }
                if let Some(n) = next.filter(|&n| n > lo && n < hi) {
                    self.sentence(n, hi);
                }
                return;
            }
        }
        if let Some(r) = self.colon_quote(lo, ce) {
            self.push(r);
            return;
        }
        if let Some(r) = self
            .statement_by(lo, hi)
            .or_else(|| self.lone_participle(lo, ce))
            .or_else(|| self.poll_source(lo, ce))
        {
            self.push(r);
            return;
        }
        self.evidential(lo, ce);
    }

    /// `Bradley apologized for the columns, saying they were old …`: a
    /// participle cue after a comma whose main verb is no cue; the source is
    /// the sentence's subject.
    fn lone_participle(&self, lo: usize, ce: usize) -> Option<Raw> {
        let doc = self.doc;
        let p = (lo + 2..ce).find(|&i| {
            doc.is(i - 1, ",")
                && !doc.quoted(i)
                && !self.tok_covered(i)
                && doc
                    .cue(i)
                    .is_some_and(|q| q.form == Form::Ing && !q.weak && q.stance != Stance::Evidence)
        })?;
        let (s0, s1) = self.sentence_subject(lo, p - 1)?;
        let e = self.cue_end(p);
        let k = if doc.is(e, ",") || doc.is(e, ":") {
            e + 1
        } else {
            e
        };
        let (end, _) = self.content_end(k, ce);
        if end <= k + 1 {
            return None;
        }
        let (stance, lemma) = self.lemma(p);
        Some(Raw {
            src: Some((s0, s1)),
            cue: Some(doc.range(p, e - 1)),
            content: vec![doc.range(k, end - 1)],
            rule: "attr.participle",
            stance,
            lemma,
            confidence: 0.6,
            para: doc.para(lo),
            next: None,
        })
    }

    /// `… how the website rated this statement by Trump on June 11:` followed
    /// by a quoted paragraph: a speech noun with its author ("statement by X",
    /// "X's remarks") introduces the quotation.
    fn statement_by(&self, lo: usize, hi: usize) -> Option<Raw> {
        let doc = self.doc;
        const NOUNS: &[&str] = &[
            "statement",
            "statements",
            "comment",
            "comments",
            "remark",
            "remarks",
            "tweet",
            "tweets",
            "words",
            "quote",
            "claim",
            "message",
            "post",
        ];
        let colon = hi.checked_sub(1)?;
        if !doc.is(colon, ":")
            || doc.para(colon + 1) != doc.para(colon) + 1
            || !doc.is_qmark(colon + 1)
        {
            return None;
        }
        let q = doc.quote_of(colon + 1).and_then(|q| doc.quotes.get(q))?;
        let n = (lo..colon)
            .rev()
            .find(|&i| NOUNS.iter().any(|w| doc.is_word(i, w)) && !doc.quoted(i))?;
        // the author: "by/from NAME" after the noun, or "NAME's" before it
        let (s0, s1) = if doc.is_word(n + 1, "by") || doc.is_word(n + 1, "from") {
            let s0 = n + 2;
            let mut s1 = s0;
            while s1 < colon && (doc.is_cap(s1) || doc.is(s1, ".") && s1 > s0) {
                s1 += 1;
            }
            (s0, s1)
        } else if n > lo
            && (doc.s(n - 1).ends_with("'s") || doc.s(n - 1).ends_with("’s"))
            && doc.is_cap(n - 1)
        {
            (n - 1, n)
        } else {
            return None;
        };
        if s1 <= s0 || !doc.is_cap(s0) {
            return None;
        }
        Some(Raw {
            src: Some((s0, s1)),
            cue: Some(doc.span(n)),
            content: vec![q.span],
            rule: "attr.statement-by",
            stance: Stance::Assert,
            lemma: "",
            confidence: 0.6,
            para: doc.para(colon + 1),
            next: None,
        })
    }

    /// The subject at the start of a sentence: a name, a pronoun, or a
    /// determiner phrase (with an apposition between commas skipped).
    fn sentence_subject(&self, lo: usize, limit: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        let mut k = lo;
        // a leading adverbial ("A month later,", "Speaking at a rally,", "In a
        // statement released Thursday,") is not the subject: start after it
        let adverbial = doc.has(k, flag::PREP | flag::TIME)
            || doc.cue(k).is_some_and(|q| q.form == Form::Ing)
            || doc.s(k).ends_with("ing") && doc.is_cap(k);
        if adverbial {
            if let Some(comma) =
                (k + 1..limit.min(k + 16)).find(|&i| doc.is(i, ",") && !doc.quoted(i))
            {
                k = comma + 1;
            }
        }
        while k < limit
            && (doc.has(k, flag::CONJ) || doc.is_cue_filler(k) && !doc.has(k, flag::PRON))
        {
            k += 1;
        }
        let start = k;
        if doc.has(k, flag::PERSPRON) && doc.kind(k) == Some(TokKind::Word) {
            return Some((k, k + 1));
        }
        if doc.is_cap(k) && !doc.has(k, flag::DET | flag::PREP | flag::SUBORD | flag::CONJ) {
            while k < limit && (doc.is_cap(k) || doc.is(k, ".") && k > start) {
                k += 1;
            }
            return (k > start).then_some((start, k));
        }
        if doc.has(k, flag::DET) && !doc.has(k, flag::PRON) {
            k += 1;
            while k < limit && k - start < 6 {
                let verbish = !doc.is_cap(k)
                    && (doc.s(k).ends_with("ed") || doc.has(k, flag::AUX | flag::PREP | flag::CUE));
                if verbish || doc.kind(k) != Some(TokKind::Word) {
                    break;
                }
                k += 1;
            }
            return (k > start + 1).then_some((start, k));
        }
        None
    }

    /// `In a new poll, most voters …` / `… leads in the latest polls`: a poll
    /// or survey as the source, `in` as the cue.
    fn poll_source(&self, lo: usize, ce: usize) -> Option<Raw> {
        let doc = self.doc;
        const POLL: &[&str] = &["poll", "polls", "survey", "surveys", "study", "census"];
        let is_poll = |i: usize| POLL.iter().any(|w| doc.is_word(i, w));
        let raw = |src: (usize, usize), cue: usize, content: Span| Raw {
            src: Some(src),
            cue: Some(doc.span(cue)),
            content: vec![content],
            rule: "attr.poll",
            stance: Stance::Evidence,
            lemma: "in",
            confidence: 0.5,
            para: doc.para(lo),
            next: None,
        };
        // sentence-initial: In a … poll, content
        if doc.is_word(lo, "in") {
            let comma = (lo + 1..ce.min(lo + 14)).find(|&i| doc.is(i, ",") && !doc.quoted(i))?;
            return ((lo + 1..comma).any(is_poll) && comma + 1 < ce)
                .then(|| raw((lo + 1, comma), lo, doc.range(comma + 1, ce - 1)));
        }
        // sentence-final: content in the … poll(s)
        let last = ce.checked_sub(1)?;
        if !is_poll(last) {
            return None;
        }
        let i = (last.saturating_sub(7)..last)
            .rev()
            .find(|&i| doc.is_word(i, "in"))?;
        if i <= lo + 2 || !doc.has(i + 1, flag::DET) {
            return None;
        }
        let end = if doc.is(i - 1, ",") { i - 1 } else { i };
        Some(raw((i + 1, ce), i, doc.range(lo, end - 1)))
    }

    /// `X was blunt: "…"` — a clause ending in a colon that introduces a
    /// quotation running to the sentence end; the source is the clause's
    /// subject.
    fn colon_quote(&self, lo: usize, ce: usize) -> Option<Raw> {
        let doc = self.doc;
        let k = (lo..ce).find(|&i| doc.is(i, ":") && !doc.quoted(i))?;
        if !doc.is_qmark(k + 1)
            || !doc.quoted(ce - 1)
            || doc.quote_of(k + 1) != doc.quote_of(ce - 1)
        {
            return None;
        }
        let s1 = self.np_right(lo, k)?;
        if !(doc.is_cap(lo) || doc.has(lo, flag::PERSPRON | flag::DET)) {
            return None;
        }
        let mut s1 = s1;
        // an apposition after the subject: "The chair, Priya Natarajan, was …"
        if doc.is(s1, ",") {
            if let Some(e) = self.np_right(s1 + 1, k) {
                if doc.is(e, ",") {
                    s1 = e;
                }
            }
        }
        Some(Raw {
            src: Some((lo, s1)),
            cue: Some(doc.span(k)),
            content: vec![doc.range(k + 1, ce - 1)],
            rule: "attr.colon-quote",
            stance: Stance::Assert,
            lemma: "",
            confidence: 0.6,
            para: doc.para(lo),
            next: None,
        })
    }

    /// Walks left from `end` (exclusive) over a noun phrase; returns its
    /// start. `lo` bounds the walk.
    fn np_left(&self, lo: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        if end <= lo {
            return None;
        }
        let last = end - 1;
        if doc.has(last, flag::RELPRON)
            && !doc.has(last, flag::PERSPRON)
            && doc.kind(last) == Some(TokKind::Word)
        {
            // a relative pronoun: the source phrase runs from its antecedent
            // ("the company that", "Ruiz, who") — both conventions overlap it
            let before = if doc.is(last - 1, ",") && last > lo + 1 {
                last - 1
            } else {
                last
            };
            if before > lo && !doc.quoted(before - 1) {
                if let Some(a) = self.np_left_plain(lo, before) {
                    return Some(a);
                }
            }
            return Some(last);
        }
        if doc.has(last, flag::PERSPRON) && doc.kind(last) == Some(TokKind::Word) {
            return Some(last);
        }
        self.np_left_plain(lo, end)
    }

    /// [`Finder::np_left`] without the pronoun shortcuts.
    fn np_left_plain(&self, lo: usize, end: usize) -> Option<usize> {
        let doc = self.doc;
        if end <= lo {
            return None;
        }
        let last = end - 1;
        if doc.has(last, flag::PERSPRON | flag::RELPRON) {
            return None;
        }
        let mut k = end;
        let mut n = 0usize;
        while k > lo && n < 12 {
            let i = k - 1;
            if doc.quoted(i) {
                break;
            }
            // (bytes: the tests below are on ASCII words and marks)
            let s = doc.b(i);
            match doc.kind(i) {
                Some(TokKind::Word) if doc.is_word(i, "that") => break,
                Some(TokKind::Word) => {
                    let cap = doc.is_cap(i);
                    let f = doc.f(i);
                    if f & flag::CONJ != 0 && !cap {
                        // Ortiz and Lee
                        let ok = doc.is_word(i, "and")
                            && i > lo
                            && doc.is_cap(i - 1)
                            && doc.is_cap(i + 1);
                        if !ok {
                            break;
                        }
                    } else if (f & (flag::AUX | flag::SUBORD | flag::RELPRON | flag::CUE) != 0
                        && !cap
                        && f & flag::DET == 0
                        // a cue word as a noun inside the phrase: "the White
                        // House press secretary", "the IMF report"
                        && !(f & flag::CUE != 0
                            && i > lo
                            && doc
                                .cue(i)
                                .is_some_and(|q| matches!(q.form, Form::Base | Form::Third))
                            && (doc.has(i - 1, flag::DET) || doc.is_cap(i - 1))))
                        || (f & flag::PERSPRON != 0 && !cap)
                    {
                        break;
                    } else if f & flag::PREP != 0 && !cap {
                        // inside an NP only: "a spokeswoman for the county"
                        let inner = matches!(
                            s,
                            b"of" | b"for" | b"at" | b"with" | b"from" | b"in" | b"on"
                        );
                        if !inner || k == end || i == lo {
                            break;
                        }
                    } else if !cap && f & (flag::DET | flag::ROLE | flag::TITLE) == 0 {
                        let l = s.len();
                        let clause_start =
                            i == lo || doc.is_break_punct(i - 1) || self.is_closing_quote(i - 1);
                        if l > 3
                            && (s.ends_with(b"ed") || s.ends_with(b"ing") || s.ends_with(b"ly"))
                            && !(clause_start && s.ends_with(b"ed") && k < end)
                        {
                            break;
                        }
                        if doc.cue(i).is_some() {
                            break;
                        }
                    } else if cap
                        && f & (flag::SUBORD | flag::CONJ) != 0
                        && f & flag::DET == 0
                        && !doc.has(i, flag::TITLE)
                    {
                        // sentence-initial But/When
                        break;
                    }
                }
                Some(TokKind::Number) => {}
                Some(TokKind::Punct) => {
                    let attached = i > 0 && doc.span(i - 1).end == doc.span(i).start;
                    let attached_after = doc.span(i).end == doc.span(i + 1).start
                        && doc.kind(i + 1) == Some(TokKind::Word);
                    let glue = ((matches!(s, b"." | b"-" | b"&" | b"'s" | b"%")
                        || s == "’s".as_bytes())
                        && attached)
                        || (attached && attached_after && !s.is_ascii());
                    if glue {
                    } else if s == b")" {
                        // skip a short parenthetical: (R-IN)
                        let mut m = i;
                        while m > lo && i - m < 6 && !doc.is(m, "(") {
                            m -= 1;
                        }
                        if doc.is(m, "(") && m > lo {
                            n += i - m;
                            k = m;
                            continue;
                        }
                        break;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
            k = i;
            n += 1;
        }
        // no leading conjunction; a phrase led by a preposition is its object,
        // not a subject ("With leaders worried", "Following initial reports")
        while k < end && doc.has(k, flag::CONJ) && !doc.is_cap(k) {
            k += 1;
        }
        if k < end && doc.has(k, flag::PREP) && !doc.has(k, flag::DET | flag::PRON) {
            // "After the debate Trump said": the trailing name is the subject
            let mut m = end;
            while m > k + 2
                && (doc.is_cap(m - 1) || doc.is(m - 1, "."))
                && !doc.has(m - 1, flag::PREP | flag::DET)
            {
                m -= 1;
            }
            return (m < end && m > k + 2 && doc.is_cap(m)).then_some(m);
        }
        if k > lo
            && k < end
            && doc.has(k - 1, flag::PREP)
            && !doc.is_word(k - 1, "to")
            && !doc.has(k - 1, flag::DET | flag::PRON | flag::SUBORD)
        {
            return None;
        }
        while k < end && doc.kind(k) == Some(TokKind::Punct) {
            k += 1;
        }
        if k >= end {
            return None;
        }
        // the head must not be a determiner or preposition
        if doc.has(last, flag::DET | flag::PREP) && !doc.has(last, flag::PRON) {
            return None;
        }
        if doc.kind(last) == Some(TokKind::Punct) && !doc.is(last, ")") && !doc.is(last, ".") {
            return None;
        }
        Some(k)
    }

    /// The subject before the cue group starting at `cs`: returns
    /// (source start, source end, boundary token before the source, clean).
    fn subject(&self, lo: usize, cs: usize) -> Option<(usize, usize, Option<usize>)> {
        let doc = self.doc;
        if cs == 0 || cs <= lo {
            return None;
        }
        // `…, said` or `… “sociopath,” said`: a comma (possibly inside a
        // closing quotation) ends an apposition or incidental clause
        let comma_before = doc.is(cs - 1, ",")
            || (cs >= lo + 2 && self.is_closing_quote(cs - 1) && doc.is(cs - 2, ","));
        if comma_before {
            // apposition or incidental clause: NAME , … , said
            let mut k = cs - 1;
            let mut steps = 0;
            while k > lo && steps < 26 {
                k -= 1;
                steps += 1;
                if doc.is(k, ",") && !doc.quoted(k) {
                    break;
                }
            }
            if !doc.is(k, ",") || k <= lo {
                // "Sen. Jack Reed (D-R.I.), said": no apposition, just a comma
                if doc.is(cs - 1, ",") && doc.is(cs - 2, ")") {
                    let s = self.np_left(lo, cs - 1)?;
                    return Some((s, cs - 1, if s > lo { Some(s - 1) } else { None }));
                }
                return None;
            }
            let mut head = self.np_left(lo, k)?;
            let relative = doc.has(k + 1, flag::RELPRON);
            let end = if relative { k } else { cs - 1 };
            // a second apposition: "Scott Pruitt, the attorney general of
            // Oklahoma, one of the states suing, said" — climb to a name
            for _ in 0..2 {
                if head <= lo + 1 || !doc.is(head - 1, ",") || doc.is_cap(head) {
                    break;
                }
                let k2 = head - 1;
                match self.np_left(lo, k2) {
                    Some(h2) if doc.is_cap(h2) && k2 - h2 <= 5 => head = h2,
                    _ => break,
                }
            }
            let b = if head > lo { Some(head - 1) } else { None };
            return Some((head, end, b));
        }
        let s = self.np_left(lo, cs)?;
        Some((s, cs, if s > lo { Some(s - 1) } else { None }))
    }

    /// Subject-verb agreement for a bare present-tense cue: "officials
    /// says" or "the bombshell report" (singular + base form) is a noun use.
    fn agrees(&self, c: usize, cs: usize, s0: usize, subj_last: usize) -> bool {
        let doc = self.doc;
        let Some(q) = doc.cue(c) else { return true };
        if cs < c {
            return true;
        }
        let w = doc.s(subj_last);
        let plural_pron = ["i", "we", "you", "they"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p));
        let sing_pron = ["he", "she", "it", "who", "which", "that"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p));
        let plural_noun =
            !doc.is_cap(subj_last) && w.ends_with('s') && !w.ends_with("ss") && !sing_pron;
        match q.form {
            // "the bombshell report" — a singular noun phrase before a bare form
            Form::Base => {
                let collective = ["police", "people", "staff", "media", "public"]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p))
                    || (s0..subj_last).any(|k| doc.is_word(k, "and"));
                let sing_np = !doc.is_cap(subj_last)
                    && !w.ends_with('s')
                    && subj_last > 0
                    && (doc.is_word(subj_last - 1, "a") || doc.is_word(subj_last - 1, "an"))
                    // "the New Democrat Network think tank": a singular name
                    // before a bare form is a compound, not a subject
                    || doc.is_cap(subj_last) && !w.ends_with('s') && !collective && !doc.is_allcaps(subj_last);
                !(sing_pron && !doc.has(subj_last, flag::RELPRON) || sing_np)
            }
            // "conference calls", "legitimate questions": a bare lowercase
            // singular word is a modifier, not a subject (singular count nouns
            // need a determiner); mass nouns ("research shows") are the exception
            Form::Third => {
                let bare_modifier = subj_last > 0
                    && !doc.is_cap(subj_last)
                    && !sing_pron
                    && !doc.has(subj_last, flag::ROLE | flag::PRON)
                    && !doc.has(subj_last - 1, flag::DET)
                    && !doc.is_cap(subj_last - 1)
                    && !doc.s(subj_last - 1).ends_with("'s")
                    && !doc.s(subj_last - 1).ends_with("’s")
                    && ![
                        "research",
                        "evidence",
                        "history",
                        "science",
                        "polling",
                        "experience",
                        "data",
                        "everyone",
                        "nobody",
                        "everybody",
                        "someone",
                        "somebody",
                        "anyone",
                    ]
                    .iter()
                    .any(|p| w.eq_ignore_ascii_case(p));
                !plural_pron && !plural_noun && !bare_modifier
            }
            _ => true,
        }
    }

    /// `Cruz exhorted Republicans … and said …`: a verb group after `and`/`but`
    /// shares the subject at the start of the sentence (a name, a pronoun or a
    /// short determiner phrase).
    fn shared_subject(&self, lo: usize, cs: usize) -> Option<(usize, usize, Option<usize>)> {
        let doc = self.doc;
        if cs <= lo + 1 || !(doc.is_word(cs - 1, "and") || doc.is_word(cs - 1, "but")) {
            return None;
        }
        self.sentence_subject(lo, cs - 1)
            .map(|(s0, s1)| (s0, s1, None))
    }

    /// "had last month charged": a time word between an auxiliary and the verb.
    fn time_inside_verb_group(&self, lo: usize, i: usize) -> bool {
        let doc = self.doc;
        if !doc.has(i, flag::TIME) || doc.has(i, flag::PRON | flag::DET) && !doc.is_word(i, "last")
        {
            return false;
        }
        let mut k = i;
        while k > lo && doc.has(k - 1, flag::TIME) {
            k -= 1;
        }
        k > lo && doc.has(k - 1, flag::AUX) && !doc.is_cap(k - 1)
    }

    /// Walks left from cue token `c` over auxiliaries, negation and adverbs.
    fn cue_start(&self, lo: usize, c: usize) -> usize {
        let doc = self.doc;
        let mut cs = c;
        while cs > lo
            && !doc.quoted(cs - 1)
            && (doc.is_cue_filler(cs - 1)
                || doc.is_manner_adverb_word(cs - 1)
                || self.time_inside_verb_group(lo, cs - 1))
            && doc.kind(cs - 1) == Some(TokKind::Word)
        {
            cs -= 1;
        }
        cs
    }

    /// The end (exclusive) of the cue group: particle and attached colon.
    fn cue_end(&self, c: usize) -> usize {
        let doc = self.doc;
        let mut e = c + 1;
        if let Some(cue) = doc.cue(c) {
            if let Some(p) = doc.lex.particle(&cue) {
                if doc.is_word(e, p) {
                    e += 1;
                }
            }
        }
        if doc.is_word(c, "according") {
            e = c + 2;
        }
        e
    }

    fn lemma(&self, c: usize) -> (Stance, &'static str) {
        let doc = self.doc;
        match doc.cue(c) {
            // a demand verb without its particle characterises: "called the
            // charges unsubstantiated" asserts, "called for a vote" demands
            Some(cue)
                if cue.stance == Stance::Demand
                    && cue.particle.is_some()
                    && !doc
                        .lex
                        .particle(&cue)
                        .is_some_and(|p| doc.is_word(c + 1, p)) =>
            {
                (Stance::Assert, doc.lex.lemma(&cue))
            }
            Some(cue) => (cue.stance, doc.lex.lemma(&cue)),
            None if doc.is_word(c, "according") => (Stance::Report, "according to"),
            None => (Stance::Assert, ""),
        }
    }

    fn is_closing_quote(&self, i: usize) -> bool {
        let doc = self.doc;
        doc.is_qmark(i)
            && doc
                .quote_of(i)
                .and_then(|q| doc.quotes.get(q))
                .is_some_and(|q| q.span.end == doc.span(i).end)
    }

    /// Skips time and medium phrases after a cue: "Thursday", "on Monday",
    /// "in a statement", "in an interview with NBC", "last week".
    fn skip_modifiers(&self, mut k: usize, ce: usize) -> usize {
        let doc = self.doc;
        loop {
            if k >= ce {
                return k;
            }
            if doc.has(k, flag::TIME) && !doc.has(k, flag::PRON | flag::DET)
                || doc.has(k, flag::TIME) && doc.has(k + 1, flag::TIME)
            {
                k += 1;
                continue;
            }
            if (doc.is_any(k, &["on", "last", "this", "early", "late"]))
                && doc.has(k + 1, flag::TIME)
            {
                k += 2;
                continue;
            }
            if doc.has(k, flag::PREP)
                && !doc.is_word(k, "to")
                && !doc.is_word(k, "of")
                && !doc.is_word(k, "about")
                && !doc.is_word(k, "for")
            {
                // in a statement / on Twitter / at a news conference … up to a content introducer
                let mut m = k + 1;
                let mut medium = false;
                while m < ce
                    && m - k < 9
                    && !doc.is(m, ",")
                    && !doc.is(m, ":")
                    && !doc.is_word(m, "that")
                    && !doc.is_qmark(m)
                {
                    if MEDIUM_NOUNS.iter().any(|w| doc.is_word(m, w)) || doc.is_cap(m) {
                        medium = true;
                    }
                    m += 1;
                }
                if medium
                    && m < ce
                    && (doc.is(m, ",")
                        || doc.is(m, ":")
                        || doc.is_word(m, "that")
                        || doc.is_qmark(m))
                {
                    k = m;
                    continue;
                }
                return k;
            }
            if doc.is(k, ",")
                && k + 1 < ce
                && (doc.has(k + 1, flag::TIME)
                    || doc.has(k + 1, flag::PREP) && !doc.is_word(k + 1, "to"))
            {
                // ", in a statement," — only if the phrase closes with a comma
                let m = self.skip_modifiers(k + 1, ce);
                if m > k + 1 && (doc.is(m, ",") || doc.is(m, ":")) {
                    k = m;
                    continue;
                }
            }
            return k;
        }
    }

    /// Skips the recipient of a tell-class cue ("told reporters", "told CNN").
    fn skip_recipient(&self, k: usize, ce: usize) -> usize {
        let doc = self.doc;
        let mut m = k;
        while m < ce && m - k < 8 {
            if doc.is_qmark(m)
                || doc.kind(m) == Some(TokKind::Punct) && !doc.is(m, ".") && !doc.is(m, "'s")
            {
                break;
            }
            if doc.is_any(
                m,
                &[
                    "that", "to", "about", "whether", "if", "how", "why", "what", "when",
                ],
            ) {
                break;
            }
            if m > k
                && doc.has(m, flag::PERSPRON)
                && !doc.is_word(m, "it")
                && !doc.is_word(m, "her")
            {
                break;
            }
            if m > k && (doc.has(m, flag::AUX | flag::CUE) || doc.has(m, flag::TIME)) {
                break;
            }
            m += 1;
        }
        if m >= ce || m - k >= 8 {
            return k;
        }
        m
    }

    /// Content start after a cue group ending at `e` (exclusive).
    fn content_start(&self, c: usize, e: usize, ce: usize) -> (usize, usize) {
        let doc = self.doc;
        let mut k = e;
        let mut cue_end = e;
        if doc.is(k, ":") {
            cue_end = k + 1;
            return (cue_end, k + 1);
        }
        k = self.skip_modifiers(k, ce);
        if doc.cue(c).is_some_and(|q| q.tell) {
            k = self.skip_recipient(k, ce);
            k = self.skip_modifiers(k, ce);
        }
        if doc.is(k, ":") {
            cue_end = cue_end.max(k + 1);
            k += 1;
        } else if doc.is(k, ",") {
            k += 1;
        }
        (cue_end, k)
    }

    /// The end of a content that starts at `k`: the sentence end, cut before
    /// `, according to` and before a chained participle.
    fn content_end(&self, k: usize, ce: usize) -> (usize, Option<(usize, usize)>) {
        let doc = self.doc;
        let mut m = k;
        while m < ce {
            if doc.quoted(m) {
                m += 1;
                continue;
            }
            if doc.is(m, ",") {
                if doc.is_word(m + 1, "according") && doc.is_word(m + 2, "to") {
                    return (m, None);
                }
                // ", adding that …", ", even suggesting …"
                let mut p = m + 1;
                while p < ce && p < m + 4 && doc.is_cue_filler(p) && !doc.quoted(p) {
                    p += 1;
                }
                if let Some(q) = doc.cue(p) {
                    if q.form == Form::Ing
                        && !q.weak
                        && !doc.quoted(p)
                        && q.stance != Stance::Evidence
                    {
                        return (m, Some((m + 1, p)));
                    }
                }
            }
            // "… and warned that …": a second finite cue with the same subject
            if (doc.is_word(m, "and") || doc.is_word(m, "but")) && m > k + 2 {
                let mut p = m + 1;
                while p < ce && p < m + 4 && doc.is_cue_filler(p) {
                    p += 1;
                }
                if let Some(q) = doc.cue(p) {
                    // speech verbs take any clause ("and says it does not plan")
                    let next_ok = doc.is_word(p + 1, "that")
                        || doc.is(p + 1, ",")
                        || doc.is(p + 1, ":")
                        || doc.is_qmark(p + 1)
                        || q.inv && doc.kind(p + 1) == Some(TokKind::Word);
                    if matches!(q.form, Form::Past | Form::Third)
                        && !q.weak
                        && !doc.quoted(p)
                        && next_ok
                    {
                        let end = if doc.is(m - 1, ",") { m - 1 } else { m };
                        return (end, Some((m + 1, p)));
                    }
                }
            }
            m += 1;
        }
        (ce, None)
    }

    /// A second clause with its own subject and finite cue inside a content:
    /// `…, but she noted that …`, `… and Democrats accused …`. Returns (end of
    /// the first content, start of the second clause).
    fn next_clause(&self, k: usize, ce: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        let mut m = k + 1;
        while m < ce {
            if doc.quoted(m) {
                m += 1;
                continue;
            }
            let mut j = if doc.is(m, ",") || doc.is(m, ";") {
                m + 1
            } else if (doc.is_word(m, "and") || doc.is_word(m, "but")) && m > k + 2 {
                m
            } else {
                m += 1;
                continue;
            };
            if doc.is_any(j, &["and", "but", "while", "whereas", "yet"]) {
                j += 1;
            }
            let start = j;
            let mut e = j;
            if doc.has(j, flag::PERSPRON)
                && doc.kind(j) == Some(TokKind::Word)
                && !doc.is_word(j, "it")
            {
                e = j + 1;
            } else if doc.is_cap(j)
                && !doc.has(j, flag::DET | flag::PREP | flag::SUBORD | flag::CONJ)
            {
                while e < ce && e < j + 5 && (doc.is_cap(e) || doc.is(e, ".")) {
                    e += 1;
                }
            } else if doc.has(j, flag::DET) && !doc.has(j, flag::PRON) {
                e = j + 1;
                while e < ce
                    && e < j + 4
                    && doc.kind(e) == Some(TokKind::Word)
                    && !doc.has(e, flag::AUX | flag::PREP | flag::CUE)
                    && !doc.s(e).ends_with("ed")
                {
                    e += 1;
                }
                if e == j + 1 {
                    m += 1;
                    continue;
                }
            } else {
                m += 1;
                continue;
            }
            let mut p = e;
            while p < ce && p < e + 3 && doc.is_cue_filler(p) {
                p += 1;
            }
            if let Some(q) = doc.cue(p) {
                let finite = matches!(q.form, Form::Past | Form::Third) || p > e;
                let noun = doc.has(p + 1, flag::AUX) && !doc.has(p + 1, flag::DET | flag::PRON);
                if finite && !q.weak && !q.raise && !doc.quoted(p) && !noun {
                    let end = if doc.is(m, ",") || doc.is(m, ";") {
                        m
                    } else if doc.is(m - 1, ",") {
                        m - 1
                    } else {
                        m
                    };
                    return (end > k).then_some((end, start));
                }
            }
            m += 1;
        }
        None
    }

    fn chained(
        &self,
        src: Option<(usize, usize)>,
        (cs, p): (usize, usize),
        ce: usize,
        para: u32,
    ) -> Option<Raw> {
        let doc = self.doc;
        let e = self.cue_end(p);
        let k = if doc.is(e, ":") || doc.is(e, ",") {
            e + 1
        } else {
            e
        };
        let (end, _) = self.content_end(k, ce);
        if end <= k {
            return None;
        }
        let (stance, lemma) = self.lemma(p);
        Some(Raw {
            src,
            cue: Some(doc.range(cs, e - 1)),
            content: vec![doc.range(k, end - 1)],
            rule: if doc.cue(p).is_some_and(|q| q.form == Form::Ing) {
                "attr.participle-chain"
            } else {
                "attr.coordinated"
            },
            stance,
            lemma,
            confidence: 0.7,
            para: doc.para(p),
            next: None,
        })
        .filter(|_| para == doc.para(p))
    }

    /// `"…," X said.` and friends.
    fn content_first(&self, lo: usize, ce: usize, c: usize) -> Option<Vec<Raw>> {
        let doc = self.doc;
        let para = doc.para(lo);
        let according = doc.is_word(c, "according");
        let cue_ok = according || doc.cue(c).is_some_and(|q| !q.weak && !q.raise);
        if !cue_ok {
            return None;
        }
        let cs = self.cue_start(lo, c);
        let ce_cue = self.cue_end(c);
        // the source before the cue ("…," X said) or, for inverted cues and
        // "according to", after it ("…," said X)
        let break_ok = |b: usize| {
            doc.is(b, ",")
                || self.is_closing_quote(b)
                || doc.s(b).starts_with('—')
                || doc.is(b, "--")
        };
        let normal = if according {
            None
        } else {
            self.subject(lo, cs).and_then(|(s0, s1, b)| {
                let b = b?;
                (break_ok(b) && s1 - s0 <= 14 && self.agrees(c, cs, s0, s1 - 1))
                    .then_some((s0, s1, b))
            })
        };
        let inverted_ok = cs > lo
            && (doc.is(cs - 1, ",")
                || (according
                    && cs > lo + 2
                    && doc.kind(cs - 1) != Some(TokKind::Punct)
                    && !doc.quoted(cs - 1))
                || (according && (doc.s(cs - 1).starts_with(['—', '–']) || doc.is(cs - 1, "--")))
                || (!according && self.is_closing_quote(cs - 1)));
        let (src, brk, after_src) = match normal {
            Some((s0, s1, b)) => (Some((s0, s1)), b, ce_cue),
            None if inverted_ok && (according || doc.cue(c).is_some_and(|q| q.inv)) => {
                let s1 = self.np_right(ce_cue, ce)?;
                (Some((ce_cue, s1)), cs - 1, s1)
            }
            None => return None,
        };
        if brk <= lo {
            return None;
        }
        let pre_end = if doc.is(brk, ",") || doc.s(brk).starts_with(['—', '–']) || doc.is(brk, "--")
        {
            brk
        } else {
            brk + 1
        };
        if pre_end <= lo {
            return None;
        }
        // a lead-in before a final quotation ("As for X, "…," said Y") is
        // not content: start at the quotation
        let mut lo = lo;
        if !doc.quoted(lo) && self.is_closing_quote(pre_end - 1) {
            if let Some(q) = doc.quote_of(pre_end - 1).and_then(|q| doc.quotes.get(q)) {
                let qs = doc.toks.partition_point(|t| t.span().start < q.span.start);
                if qs > lo && (doc.is(qs - 1, ",") || doc.is(qs - 1, ":")) {
                    lo = qs;
                }
            }
        }
        let pre = doc.range(lo, pre_end - 1);
        let pre_quote = doc.is_qmark(lo)
            && doc.quoted(pre_end - 1)
            && doc.quote_of(lo) == doc.quote_of(pre_end - 1);
        let pre_quote = pre_quote
            || (doc.is_qmark(lo + 1)
                && doc.kind(lo) == Some(TokKind::Punct)
                && doc.quote_of(lo + 1) == doc.quote_of(pre_end - 1)
                && doc.quoted(pre_end - 1));
        // tail after the cue group (and source, when inverted)
        let mut t = if according || src.is_some_and(|(a, _)| a >= ce_cue) {
            after_src
        } else {
            ce_cue
        };
        let mut cue_last = ce_cue - 1;
        if doc.is(t, ":") && t < ce {
            cue_last = t;
            t += 1;
        }
        let t_mod = self.skip_modifiers(t, ce);
        let t_mod = if doc.cue(c).is_some_and(|q| q.tell) {
            self.skip_modifiers(self.skip_recipient(t_mod, ce), ce)
        } else {
            t_mod
        };
        if doc.cue(c).is_some_and(|q| q.quoteonly) && !pre_quote {
            return None;
        }
        let (stance, lemma) = self.lemma(c);
        let cue = Some(doc.range(cs, cue_last));
        let mut raw = Raw {
            src,
            cue,
            content: vec![pre],
            rule: if according {
                "attr.according-to"
            } else {
                "attr.content-first"
            },
            stance,
            lemma,
            confidence: if pre_quote { 0.9 } else { 0.75 },
            para,
            next: None,
        };
        let mut extra = Vec::new();
        if t_mod >= ce {
            return Some(vec![raw]);
        }
        // ", "B."" — a second quoted fragment
        let mut q = t_mod;
        if doc.is(q, ",") || doc.is(q, ":") {
            q += 1;
        }
        if q > t_mod && doc.is_qmark(q) && doc.quoted(q) {
            if !pre_quote {
                // "When asked, X said, "…"": the quotation is the content
                return None;
            }
            raw.content.push(doc.range(q, ce - 1));
            return Some(vec![raw]);
        }
        if doc.is(t_mod, ",") {
            if let Some(qc) = doc.cue(t_mod + 1) {
                if qc.form == Form::Ing && !doc.quoted(t_mod + 1) {
                    if let Some(r) = self.chained(src, (t_mod + 1, t_mod + 1), ce, para) {
                        extra.push(r);
                    }
                    let mut v = vec![raw];
                    v.extend(extra);
                    return Some(v);
                }
            }
            if !pre_quote && !doc.has(lo, flag::SUBORD) && ce - (t_mod + 1) >= 2 {
                // A, he said, B — a parenthetical cue
                let (end, chain) = self.content_end(t_mod + 1, ce);
                if end > t_mod + 1 {
                    raw.content.push(doc.range(t_mod + 1, end - 1));
                    raw.rule = "attr.parenthetical";
                    let mut v = vec![raw];
                    if let Some(p) = chain {
                        v.extend(self.chained(src, p, ce, para));
                    }
                    return Some(v);
                }
            }
        }
        let clause_after = (t_mod..ce).any(|i| {
            doc.is_word(i, "that")
                || doc.is_qmark(i)
                || doc.cue(i).is_some_and(|q| {
                    q.form != Form::Base && !doc.has(i.saturating_sub(1), flag::DET)
                })
        });
        // "…," said Beck, who said there were …: the relative clause is an
        // attribution of its own
        if pre_quote
            && doc.is(t_mod, ",")
            && doc.has(t_mod + 1, flag::RELPRON)
            && !doc.has(t_mod + 1, flag::PERSPRON)
        {
            let mut p = t_mod + 2;
            while p < ce && p < t_mod + 5 && doc.is_cue_filler(p) {
                p += 1;
            }
            if doc
                .cue(p)
                .is_some_and(|q| matches!(q.form, Form::Past | Form::Third) && !q.weak)
            {
                let (stance2, lemma2) = self.lemma(p);
                let e2 = self.cue_end(p);
                let k2 = if doc.is(e2, ",") || doc.is(e2, ":") {
                    e2 + 1
                } else {
                    e2
                };
                let (end2, _) = self.content_end(k2, ce);
                if end2 > k2 {
                    let rel = Raw {
                        src: Some((t_mod + 1, t_mod + 2)),
                        cue: Some(doc.range(t_mod + 2, e2 - 1)),
                        content: vec![doc.range(k2, end2 - 1)],
                        rule: "attr.relative-clause",
                        stance: stance2,
                        lemma: lemma2,
                        confidence: 0.6,
                        para,
                        next: None,
                    };
                    return Some(vec![raw, rel]);
                }
            }
        }
        if pre_quote || ce - t_mod <= 3 && !doc.is_word(t_mod, "that") || according && !clause_after
        {
            return Some(vec![raw]);
        }
        None
    }

    /// A noun phrase to the right (inverted sources, according to X).
    fn np_right(&self, s: usize, ce: usize) -> Option<usize> {
        let doc = self.doc;
        let mut k = s;
        while k < ce && k - s < 12 {
            if doc.quoted(k) {
                break;
            }
            match doc.kind(k) {
                Some(TokKind::Word) => {
                    let f = doc.f(k);
                    if f & (flag::AUX | flag::SUBORD | flag::CONJ) != 0
                        && f & flag::DET == 0
                        && !doc.is_cap(k)
                    {
                        break;
                    }
                    if f & flag::PREP != 0 && !doc.is_cap(k) {
                        let inner = matches!(
                            doc.s(k),
                            "of" | "for" | "at" | "with" | "from" | "in" | "on" | "by"
                        );
                        if !inner || k == s {
                            break;
                        }
                        // "on Thursday" ends the NP
                        if doc.has(k + 1, flag::TIME) {
                            break;
                        }
                    }
                    if f & flag::TIME != 0 && k > s && !doc.has(k, flag::DET) {
                        break;
                    }
                    let noun_use = doc
                        .cue(k)
                        .is_some_and(|q| matches!(q.form, Form::Base | Form::Third))
                        && (doc.has(k - 1, flag::DET) || doc.is_cap(k - 1));
                    if doc.cue(k).is_some() && k > s && !doc.is_cap(k) && !noun_use {
                        break;
                    }
                }
                Some(TokKind::Number) => {}
                Some(TokKind::Punct) => {
                    let attached = k > 0 && doc.span(k - 1).end == doc.span(k).start;
                    let attached_after = doc.span(k).end == doc.span(k + 1).start
                        && doc.kind(k + 1) == Some(TokKind::Word);
                    let foreign = attached && attached_after && !doc.s(k).is_ascii();
                    if !((doc.is(k, ".") || doc.is(k, "-") || doc.is(k, "&")) && attached
                        || foreign)
                    {
                        break;
                    }
                }
                _ => break,
            }
            k += 1;
        }
        while k > s && doc.has(k - 1, flag::PREP | flag::DET) && !doc.is_cap(k - 1) {
            k -= 1;
        }
        (k > s).then_some(k)
    }

    /// `According to X, …` (or after an opening conjunction).
    fn according_before(&self, lo: usize, ce: usize, c: usize) -> Option<Raw> {
        let doc = self.doc;
        if !(c == lo || c == lo + 1 && doc.has(lo, flag::CONJ)) {
            return None;
        }
        let s0 = c + 2;
        let mut s1 = self.np_right(s0, ce)?;
        // a long source phrase ("early results of exit polls conducted for …"):
        // it runs to the first comma
        if !doc.is(s1, ",") {
            if let Some(m) = (s1..ce.min(s0 + 30)).find(|&m| doc.is(m, ",") && !doc.quoted(m)) {
                s1 = m;
            }
        }
        let mut k = s1;
        // apposition: "according to Dana Ruiz, a spokeswoman for the county,"
        if doc.is(k, ",") {
            let mut m = k + 1;
            while m < ce && m - k < 12 && !doc.is(m, ",") {
                m += 1;
            }
            if doc.is(m, ",") && doc.has(k + 1, flag::DET) {
                k = m;
            }
        }
        if !doc.is(k, ",") {
            return None;
        }
        let (end, _) = self.content_end(k + 1, ce);
        if end <= k + 1 {
            return None;
        }
        Some(Raw {
            src: Some((s0, s1)),
            cue: Some(doc.range(c, c + 1)),
            content: vec![doc.range(k + 1, end - 1)],
            rule: "attr.according-to",
            stance: Stance::Report,
            lemma: "according to",
            confidence: 0.85,
            para: doc.para(lo),
            next: None,
        })
    }

    /// `Asked about the vote, he said …` / `When asked whether …, she …`: a
    /// sourceless question (the asker is not named) ending at the first comma;
    /// the rest of the sentence is analysed on its own.
    fn asked_clause(&self, lo: usize, ce: usize) -> Option<(Raw, usize)> {
        let doc = self.doc;
        let mut c = lo;
        if doc.is_any(c, &["when", "if", "but", "and"]) {
            c += 1;
        }
        if !doc.is_word(c, "asked") || doc.quoted(c) {
            return None;
        }
        // the question opens right after "asked" or after a short place/time
        // phrase ("Asked in Iowa recently whether …")
        const OPENERS: &[&str] = &[
            "about", "whether", "if", "why", "what", "how", "when", "where", "who", "which", "to",
            "by", "for",
        ];
        let k = (c + 1..ce.min(c + 6))
            .take_while(|&i| !doc.is(i, ",") && !doc.quoted(i))
            .find(|&i| OPENERS.iter().any(|w| doc.is_word(i, w)))?;
        if k > c + 1
            && !(doc.has(c + 1, flag::PREP | flag::TIME) || doc.is_manner_adverb_word(c + 1))
        {
            return None;
        }
        let comma = (k..ce).find(|&i| doc.is(i, ",") && !doc.quoted(i))?;
        if comma <= k + 1 || comma - k > 30 {
            return None;
        }
        let raw = Raw {
            src: None,
            cue: Some(doc.range(lo, c)),
            content: vec![doc.range(k, comma - 1)],
            rule: "attr.asked",
            stance: Stance::Question,
            lemma: "ask",
            confidence: 0.6,
            para: doc.para(lo),
            next: None,
        };
        Some((raw, comma + 1))
    }

    /// `"…" ― Jo Park`: a quotation signed with a dash.
    fn dash_signature(&self, lo: usize, ce: usize) -> Option<Raw> {
        let doc = self.doc;
        let d = (ce.saturating_sub(8)..ce).rev().find(|&i| {
            // (every such token is a break mark: the bit first, the text only then)
            !doc.quoted(i)
                && doc.is_break_punct(i)
                && (doc.s(i).starts_with(['—', '―', '–']) || doc.is(i, "--"))
        })?;
        if d <= lo || !self.is_closing_quote(d - 1) || d + 1 >= ce {
            return None;
        }
        let name_ok = (d + 1..ce).all(|i| {
            doc.is_cap(i)
                || doc.is(i, ".")
                || doc.is(i, "(")
                || doc.is(i, ")")
                || doc.s(i).starts_with('@')
                || doc.kind(i) == Some(TokKind::Word) && doc.has(i, flag::PREP)
        }) && doc.is_cap(d + 1);
        if !name_ok {
            return None;
        }
        let q0 = doc.quote_of(d - 1)?;
        let qspan = doc.quotes.get(q0)?.span;
        let start = doc
            .toks
            .partition_point(|t| t.span().start < qspan.start)
            .max(lo);
        Some(Raw {
            src: Some((d + 1, ce)),
            cue: Some(doc.span(d)),
            content: vec![doc.range(start, d - 1)],
            rule: "attr.dash-signature",
            stance: Stance::Assert,
            lemma: "",
            confidence: 0.8,
            para: doc.para(lo),
            next: None,
        })
    }

    /// `Said Ellis: "…"` — a sentence-initial inverted cue.
    fn inverted_initial(&self, lo: usize, ce: usize, c: usize) -> Option<Vec<Raw>> {
        let doc = self.doc;
        let s1 = self.np_right(c + 1, ce)?;
        if !(doc.is(s1, ":") || doc.is(s1, ",")) || s1 + 1 >= ce {
            return None;
        }
        let (stance, lemma) = self.lemma(c);
        Some(vec![Raw {
            src: Some((c + 1, s1)),
            cue: Some(doc.range(c, if doc.is(s1, ":") { s1 } else { c })),
            content: vec![doc.range(s1 + 1, ce - 1)],
            rule: "attr.inverted-initial",
            stance,
            lemma,
            confidence: 0.8,
            para: doc.para(lo),
            next: None,
        }])
    }

    /// `X said (that) …`, passives, raising verbs.
    fn said_that(&self, lo: usize, ce: usize, c: usize) -> Option<Vec<Raw>> {
        let doc = self.doc;
        let cue = doc.cue(c)?;
        let para = doc.para(lo);
        if c == lo && cue.inv && doc.is_cap(c) {
            if let Some(v) = self.inverted_initial(lo, ce, c) {
                return Some(v);
            }
        }
        let cs = self.cue_start(lo, c);
        let e = self.cue_end(c);
        let (stance, lemma) = self.lemma(c);
        // passive: a be-form right before a past participle
        let passive = cue.form == Form::Past
            && c > lo
            && (cs..c).any(|i| {
                ["is", "was", "were", "are", "be", "been", "being"]
                    .iter()
                    .any(|w| doc.is_word(i, w))
            })
            && (!doc.is_word(c, "said") || doc.is_word(c + 1, "to") || doc.is_word(c + 1, "that"));
        // "the bill, known as JASTA": a participle naming, with no source
        let passive = passive || doc.is_word(c, "known") && doc.is_word(c + 1, "as");
        if cue.raise || passive {
            let (cue_end, k) = self.content_start(c, e, ce);
            if k >= ce {
                return None;
            }
            // by X
            let mut src = None;
            let mut k2 = k;
            if passive && doc.is_word(k, "by") {
                let s1 = self.np_right(k + 1, ce)?;
                src = Some((k + 1, s1));
                k2 = s1;
                if doc.is(k2, ",") {
                    k2 += 1;
                }
            }
            // raising verbs need "to", "that" or a predicate ("appears likely"),
            // not a place or manner ("appear in person", "appeared on TV")
            let raise_ok = cue.raise
                && !doc.has(k2, flag::PREP | flag::DET | flag::CONJ)
                && doc.kind(k2) == Some(TokKind::Word)
                || doc.is_word(k2, "to");
            let known_as = doc.is_word(c, "known") && doc.is_word(k2, "as");
            // "he was asked about the protests", "was pressed on why …"
            let asked = (doc.is_word(c, "asked") || doc.is_word(c, "pressed"))
                && [
                    "about", "whether", "if", "why", "what", "how", "on", "who", "which",
                ]
                .iter()
                .any(|w| doc.is_word(k2, w));
            let k2 = if known_as { k2 + 1 } else { k2 };
            let introducer =
                doc.is_word(k2, "that") || doc.is_word(k2, "to") || raise_ok || known_as || asked;
            if !introducer || k2 >= ce {
                return None;
            }
            let (end, _) = self.content_end(k2, ce);
            if end <= k2 {
                return None;
            }
            let mut content = Vec::new();
            let subj = self.np_left(lo, cs).filter(|&s| {
                s == lo || doc.is(s - 1, ",") || doc.has(s - 1, flag::SUBORD | flag::CONJ)
            });
            if let Some(s) = subj {
                let expletive = cs == s + 1 && (doc.is_word(s, "it") || doc.is_word(s, "there"));
                // the one asked is the addressee, not part of the question
                if !expletive && !asked {
                    content.push(doc.range(s, cs - 1));
                }
            } else if cue.raise {
                return None;
            }
            content.push(doc.range(k2, end - 1));
            return Some(vec![Raw {
                src,
                cue: Some(doc.range(cs, cue_end - 1)),
                content,
                rule: if cue.raise {
                    "attr.raising"
                } else {
                    "attr.passive"
                },
                stance,
                lemma,
                confidence: 0.5,
                para,
                next: None,
            }]);
        }
        // statement + participle: X released a statement denying …
        let (subj, cue_from) = match self.subject(lo, cs) {
            Some(sj) => (Some(sj), cs),
            None => (None, cs),
        };
        let (subj, cue_from) = match subj {
            Some((s0, _, _))
                if cue.form == Form::Ing
                    && s0 + 1 < cs
                    && STATEMENT_NOUNS.iter().any(|w| doc.is_word(cs - 1, w)) =>
            {
                // find the light verb before the noun phrase
                let v = (s0.saturating_sub(1)..cs)
                    .rev()
                    .find(|&i| STATEMENT_VERBS.iter().any(|w| doc.is_word(i, w)));
                match v {
                    Some(v) => {
                        let vs = self.cue_start(lo, v);
                        (self.subject(lo, vs), vs)
                    }
                    None => (Some((s0, cs, None)), cue_from),
                }
            }
            Some(sj)
                if cue.form == Form::Ing
                    && sj.2.is_some_and(|b| {
                        !doc.is(b, ",") && !doc.has(b, flag::SUBORD | flag::CONJ)
                    }) =>
            {
                (None, cue_from)
            }
            other => (other, cue_from),
        };
        let subj = subj.or_else(|| self.shared_subject(lo, cs));
        let (s0, s1, b) = subj?;
        if cue_from == cs && !self.agrees(c, cs, s0, s1 - 1) {
            return None;
        }
        // the source must begin a clause
        let clean = b.is_none_or(|b| {
            doc.is_break_punct(b)
                || doc.has(b, flag::SUBORD | flag::CONJ)
                || self.is_closing_quote(b)
                || doc.is_word(b, "as")
        });
        if !clean && (cue.weak || cue.form == Form::Ing) {
            return None;
        }
        if cue.form == Form::Ing && s1 == s0 + 1 && doc.has(s0, flag::RELPRON) {
            return None;
        }
        // ing-forms need the source right before the verb group, and a
        // participle after a non-statement noun is not a cue ("people saying")
        if cue.form == Form::Ing
            && cue_from == cs
            && !(b.is_none_or(|b| doc.is(b, ",")) && s1 == cs)
        {
            return None;
        }
        let (cue_end, k) = self.content_start(c, e, ce);
        if k >= ce {
            // X reports: + a quoted next paragraph
            if doc.is(cue_end - 1, ":") {
                return self.next_paragraph(s0, s1, cue_from, cue_end, stance, lemma);
            }
            return None;
        }
        let clause = self.next_clause(k, ce);
        let limit = clause.map_or(ce, |(e, _)| e);
        let (end, chain) = self.content_end(k, limit);
        if end <= k || cue.quoteonly && !doc.is_qmark(k) {
            return None;
        }
        if cue.weak && (end - k < 2 || doc.is_terminal(k) || doc.is(k, ",")) {
            return None;
        }
        if doc.kind(k) == Some(TokKind::Punct) && !doc.is_qmark(k) && !doc.is(k, "$") {
            return None;
        }
        let mut v = vec![Raw {
            src: Some((s0, s1)),
            cue: Some(doc.range(cue_from, cue_end - 1)),
            content: vec![doc.range(k, end - 1)],
            rule: if cue_from < cs {
                "attr.statement-participle"
            } else {
                "attr.said-that"
            },
            stance,
            lemma,
            confidence: if cue.weak { 0.5 } else { 0.7 },
            para,
            next: None,
        }];
        if let Some(p) = chain {
            v.extend(self.chained(Some((s0, s1)), p, limit, para));
        }
        if let (Some((_, next)), Some(first)) = (clause, v.first_mut()) {
            first.next = Some(next);
        }
        Some(v)
    }

    fn next_paragraph(
        &self,
        s0: usize,
        s1: usize,
        cs: usize,
        cue_end: usize,
        stance: Stance,
        lemma: &'static str,
    ) -> Option<Vec<Raw>> {
        let doc = self.doc;
        let para = doc.para(cs);
        let n = cue_end;
        if doc.para(n) != para + 1 {
            return None;
        }
        let span = if doc.is_qmark(n) {
            doc.quote_of(n).and_then(|q| doc.quotes.get(q))?.span
        } else {
            // a block quotation: the whole next paragraph
            // (token `n` is in paragraph `para + 1`, tested above)
            let mut e = n;
            while !doc.starts_para(e + 1) {
                e += 1;
            }
            doc.range(n, e)
        };
        Some(vec![Raw {
            src: Some((s0, s1)),
            cue: Some(doc.range(cs, cue_end - 1)),
            content: vec![span],
            rule: "attr.next-paragraph",
            stance,
            lemma,
            confidence: 0.7,
            para: para + 1,
            next: None,
        }])
    }

    /// `X reportedly …` with no other cue.
    fn evidential(&mut self, lo: usize, ce: usize) {
        let doc = self.doc;
        const EVIDENTIAL: [&str; 3] = ["reportedly", "allegedly", "purportedly"];
        let Some((c, lemma)) = (lo..ce).find_map(|i| {
            let w = EVIDENTIAL.into_iter().find(|w| doc.is_word(i, w))?;
            (!doc.quoted(i)).then_some((i, w))
        }) else {
            return;
        };
        if self.tok_covered(c) || c == lo || c + 1 >= ce {
            return;
        }
        let raw = Raw {
            src: None,
            cue: Some(doc.span(c)),
            content: vec![doc.range(lo, c - 1), doc.range(c + 1, ce - 1)],
            rule: "attr.evidential",
            stance: Stance::Report,
            lemma,
            confidence: 0.5,
            para: doc.para(lo),
            next: None,
        };
        self.push(raw);
    }

    /// A sentence that opens with a quotation and has no cue of its own
    /// continues the previous attribution (`"A," she said. "B."`, or a quote
    /// paragraph after a quoted paragraph).
    fn continuation(&mut self, lo: usize, hi: usize) {
        let doc = self.doc;
        let para = doc.para(lo);
        let Some(prev) = self.out.last() else { return };
        if prev.para + 1 < para || !doc.is_qmark(lo) {
            return;
        }
        let Some(qi) = doc.quote_of(lo) else { return };
        let Some(q) = doc.quotes.get(qi) else { return };
        if q.span.start != doc.span(lo).start
            || self.covered.last().is_some_and(|c| c.overlaps(q.span))
        {
            return;
        }
        let inner = q.inner.slice(doc.text);
        let words = inner.split_whitespace().count();
        let title_case = words <= 8
            && inner
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let continued = q.continues.is_some();
        let same_para = prev.para == para;
        if !(continued || (words >= 4 || same_para && words >= 1) && !title_case) {
            return;
        }
        let prev_direct = prev.content.iter().any(|c| {
            let t = doc.toks.partition_point(|x| x.span().start < c.start);
            (t..doc.toks.len())
                .take_while(|&i| doc.span(i).start < c.end)
                .any(|i| doc.quoted(i))
        });
        if !(same_para || prev_direct || continued) {
            return;
        }
        // the rest of the sentence when it stays inside the quote
        let mut span = q.span;
        let last = hi.saturating_sub(1);
        if doc.quote_of(last) == Some(qi) {
            span = span.cover(doc.span(last));
        }
        if let Some(p) = self.out.last_mut() {
            p.content.push(span);
            p.para = para;
        }
        self.covered.push(span);
    }
}
