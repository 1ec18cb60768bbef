//! Runs the stages in order and assembles the [`Analysis`] object
//! (DESIGN.md §3.1 — keys are a contract: add, never rename).

use crate::attribution::{self, Attribution};
use crate::claim::{self, Claim};
use crate::conflict::{self, Conflict};
use crate::doc::Doc;
use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::mention::{Entity, Mention, Registry};
use crate::quote::{self, QuoteKind, Warning};
use crate::segment;
use crate::text::Span;

/// Default input limit: 16 MiB.
pub const DEFAULT_LIMIT: usize = 16 * 1024 * 1024;

/// Largest input any limit lets through: `u32::MAX` bytes (4 GiB − 1). Tokens keep their
/// offsets in 32 bits, so a larger text is refused (`INPUT_TOO_LARGE`) whatever
/// [`Options::max_bytes`] says.
pub const MAX_LIMIT: usize = u32::MAX as usize;

/// Analysis options.
#[derive(Clone, Debug)]
pub struct Options {
    /// Largest accepted input, in bytes.
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_bytes: DEFAULT_LIMIT,
        }
    }
}

impl Options {
    /// Sets the input limit; 0 is invalid.
    pub fn with_limit(max_bytes: usize) -> Result<Options, Error> {
        if max_bytes == 0 {
            return Err(Error::invalid_options("max_bytes must be positive"));
        }
        Ok(Options { max_bytes })
    }

    /// The limit applied: [`Options::max_bytes`], at most [`MAX_LIMIT`].
    // (on 32-bit targets `usize::MAX` is `MAX_LIMIT`: the `min` changes nothing there)
    #[allow(clippy::unnecessary_min_or_max)]
    pub fn effective_limit(&self) -> usize {
        self.max_bytes.min(MAX_LIMIT)
    }
}

/// A quotation in the output.
#[derive(Clone, Debug, serde::Serialize)]
pub struct QuoteOut {
    /// Index.
    pub id: usize,
    /// With the marks.
    pub span: Span,
    /// Without the marks.
    pub inner: Span,
    /// speech / scare / title.
    pub kind: QuoteKind,
    /// Rule id.
    #[serde(serialize_with = "crate::text::static_str")]
    pub rule: &'static str,
    /// Nesting depth (0 = outermost).
    pub depth: u32,
    /// The quote this piece continues (multi-paragraph), by id.
    pub continues: Option<usize>,
}

/// The analysis of one text.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Analysis {
    /// Schema version.
    pub version: u32,
    /// What offsets count: `utf8` or `utf16`.
    #[serde(serialize_with = "crate::text::static_str")]
    pub unit: &'static str,
    /// Paragraph spans.
    pub paragraphs: Vec<Span>,
    /// Sentence spans.
    pub sentences: Vec<Span>,
    /// Quotations.
    pub quotes: Vec<QuoteOut>,
    /// Entities.
    pub entities: Vec<Entity>,
    /// Mentions.
    pub mentions: Vec<Mention>,
    /// Attributions.
    pub attributions: Vec<Attribution>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// Conflicts.
    pub conflicts: Vec<Conflict>,
    /// Disagreements (not conflicts).
    pub disagreements: Vec<Conflict>,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

/// Receives the fields of an [`Analysis`] one at a time ([`Analysis::into_parts`]).
pub trait PartSink {
    /// What can go wrong.
    type Error;
    /// One field: its name and value.
    fn part<T: serde::Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Self::Error>;
}

impl Analysis {
    /// Hands the fields to `sink` in serialisation order (the same names and order as the
    /// serialised object), freeing each once handed over: the wasm hand-over writes one field
    /// at a time, so only one field's copy for JS is ever in wasm memory next to the rest.
    pub fn into_parts<S: PartSink>(self, sink: &mut S) -> Result<(), S::Error> {
        // (destructured: a new field fails to compile here until it is handed over too)
        let Analysis {
            version,
            unit,
            paragraphs,
            sentences,
            quotes,
            entities,
            mentions,
            attributions,
            claims,
            conflicts,
            disagreements,
            warnings,
        } = self;
        sink.part("version", &version)?;
        sink.part("unit", unit)?;
        sink.part("paragraphs", &paragraphs)?;
        drop(paragraphs);
        sink.part("sentences", &sentences)?;
        drop(sentences);
        sink.part("quotes", &quotes)?;
        drop(quotes);
        sink.part("entities", &entities)?;
        drop(entities);
        sink.part("mentions", &mentions)?;
        drop(mentions);
        sink.part("attributions", &attributions)?;
        drop(attributions);
        sink.part("claims", &claims)?;
        drop(claims);
        sink.part("conflicts", &conflicts)?;
        sink.part("disagreements", &disagreements)?;
        sink.part("warnings", &warnings)
    }
}

/// Holds the compiled lexicons; build once, analyse many texts.
#[derive(Debug, Default)]
pub struct Analyzer {
    lex: Lexicon,
    options: Options,
}

impl Analyzer {
    /// A new analyzer with default options.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// A new analyzer with `options`.
    pub fn with_options(options: Options) -> Analyzer {
        Analyzer {
            lex: Lexicon::new(),
            options,
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Analyses one article.
    pub fn analyze(&self, text: &str) -> Result<Analysis, Error> {
        let limit = self.options.effective_limit();
        if text.len() > limit {
            return Err(Error::too_large(text.len(), limit));
        }
        if text.len() > claim::CACHE_DOC_MAX {
            // before anything is allocated: the tables' blocks would split the free memory
            claim::release_caches();
        }
        let paragraphs = segment::paragraphs(text);
        let qscan = quote::scan(text, &paragraphs);
        let toks = segment::tokens(text, &paragraphs, &qscan.marks);
        let outer: Vec<Span> = qscan
            .quotes
            .iter()
            .filter(|q| q.depth == 0)
            .map(|q| q.span)
            .collect();
        let sentences = segment::sentences(text, &toks, &outer);
        let mut quotes = qscan.quotes;
        let warnings = qscan.warnings;
        let (attributions, registry, kinds, claims, syms) = {
            let doc = Doc::new(text, toks, &paragraphs, &sentences, &quotes, &self.lex);
            let mut registry = Registry::scan(&doc);
            let mut attributions = attribution::find(&doc, &mut registry);
            let kinds = classify_quotes(&doc, &attributions);
            let remap = registry.finish(text);
            for a in &mut attributions {
                a.source = a.source.and_then(|m| remap.get(m).copied());
            }
            drop(remap);
            let (claims, syms) = claim::build(&doc, &attributions, &registry);
            (attributions, registry, kinds, claims, syms)
        };
        // the tokens are gone by now: conflicts need only the claims and the text
        let (conflicts, disagreements) = conflict::find(text, &claims, &syms, &registry.entities);
        for (q, k) in quotes.iter_mut().zip(kinds) {
            q.kind = k;
        }
        let quotes_out = quotes
            .into_iter()
            .enumerate()
            .map(|(id, q)| QuoteOut {
                id,
                span: q.span,
                inner: q.inner,
                kind: q.kind,
                rule: q.rule,
                depth: q.depth,
                continues: q.continues,
            })
            .collect();
        Ok(Analysis {
            version: 1,
            unit: "utf8",
            paragraphs,
            sentences,
            quotes: quotes_out,
            entities: registry.entities,
            mentions: registry.mentions,
            attributions,
            claims,
            conflicts,
            disagreements,
            warnings,
        })
    }
}

/// speech / scare / title for each quote, once attributions are known.
fn classify_quotes(doc: &Doc, attributions: &[Attribution]) -> Vec<QuoteKind> {
    let mut frag_starts: Vec<usize> = attributions
        .iter()
        .flat_map(|a| a.content.iter().map(|c| c.start))
        .collect();
    frag_starts.sort_unstable();
    doc.quotes
        .iter()
        .map(|q| {
            let is_fragment = frag_starts.binary_search(&q.span.start).is_ok();
            if q.depth > 0 || is_fragment || q.continues.is_some() || q.open_ended {
                return QuoteKind::Speech;
            }
            // after the early return: nested quotes would make this quadratic
            let inner = q.inner.slice(doc.text).trim();
            let words = inner.split_whitespace().take(5).count();
            let ends_sentence = inner.ends_with(['.', ',', '?', '!', '—', '…', ';']);
            if words >= 5 || ends_sentence && words >= 2 {
                return QuoteKind::Speech;
            }
            let title_case = inner
                .split_whitespace()
                .filter(|w| w.len() > 3)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
            let before = doc.text.get(..q.span.start).unwrap_or("").trim_end();
            // the listed words are short: look back over a bounded window only,
            // so a text without spaces stays linear
            let mut from = before.len().saturating_sub(32);
            while !before.is_char_boundary(from) {
                from -= 1;
            }
            let window = before.get(from..).unwrap_or("");
            let prev_word = window
                .rsplit(char::is_whitespace)
                .next()
                .filter(|w| from == 0 || w.len() < window.len())
                .unwrap_or("")
                .to_ascii_lowercase();
            if title_case
                && words >= 2
                && matches!(
                    prev_word.as_str(),
                    "on" | "in"
                        | "titled"
                        | "entitled"
                        | "called"
                        | "of"
                        | "book"
                        | "film"
                        | "show"
                        | "song"
                        | "program"
                        | "series"
                )
            {
                return QuoteKind::Title;
            }
            QuoteKind::Scare
        })
        .collect()
}

impl Analysis {
    /// Applies `f` to every offset (e.g. bytes → UTF-16 code units).
    pub fn map_offsets(&mut self, f: impl Fn(usize) -> usize) {
        let m = |s: &mut Span| {
            s.start = f(s.start);
            s.end = f(s.end);
        };
        self.paragraphs.iter_mut().for_each(m);
        self.sentences.iter_mut().for_each(m);
        for q in &mut self.quotes {
            m(&mut q.span);
            m(&mut q.inner);
        }
        for x in &mut self.mentions {
            m(&mut x.span);
        }
        for a in &mut self.attributions {
            a.cue.iter_mut().for_each(m);
            a.content.iter_mut().for_each(m);
            a.source_span.iter_mut().for_each(m);
        }
        for c in &mut self.claims {
            m(&mut c.span);
            c.time.iter_mut().for_each(m);
            c.quantities.iter_mut().for_each(m);
        }
        for w in &mut self.warnings {
            w.span.iter_mut().for_each(m);
        }
    }
}
