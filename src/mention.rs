//! Stage 4 — mentions and entities, with light coreference.
//!
//! Input: the [`Doc`]. Output: [`Entity`]s and [`Mention`]s. Name mentions are
//! runs of capitalised words (titles split off as attributes: "Attorney
//! General Jeff Sessions" → person "Jeff Sessions", attributes
//! `attorney general`); later short forms ("Sessions", "Mr. Sessions",
//! "The Post") join the entity whose last name word matches (`mention.alias`).
//! Appositions add attributes ("a Russian ambassador, Sergey Kislyak" →
//! Kislyak: `russian`, `ambassador`; `mention.apposition`).
//!
//! Pronoun, relative-pronoun and role sources are resolved by the attribution
//! stage through [`Registry::resolve`]: personal pronouns to the nearest
//! preceding compatible person (`coref.pronoun`), definite roles ("the
//! attorney general", "the former Alabama senator") to the person carrying that
//! title or, failing that, the most mentioned person so far (`coref.role`).
//! "Unknown" (no entity) is preferred to a guess across paragraphs.

use crate::doc::Doc;
use crate::lexicon::flag;
use crate::segment::TokKind;
use crate::text::{Span, WordList};
use crate::text::{TextMap, TextSet};

/// Entity kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, outlet, agency.
    Organization,
    /// A group of people ("Democrats", "U.S. officials").
    Group,
    /// A role with no name ("a spokesman").
    Role,
    /// Anything else (places…).
    Other,
}

/// A discourse entity.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Entity {
    /// Index.
    pub id: usize,
    /// Canonical name as it appears in the text.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Lower-case attributes (titles, apposition words).
    pub attributes: Vec<String>,
    /// Number of mentions.
    pub mentions: usize,
    #[serde(skip)]
    gender: Gender,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Gender {
    #[default]
    Unknown,
    Male,
    Female,
}

/// A mention of an entity.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Mention {
    /// Index.
    pub id: usize,
    /// Where.
    pub span: Span,
    /// The entity, when resolved.
    pub entity: Option<usize>,
    /// Rule id.
    #[serde(serialize_with = "crate::text::static_str")]
    pub rule: &'static str,
}

static ORG_WORDS: WordList = WordList::new(&[
    "post",
    "times",
    "news",
    "journal",
    "tribune",
    "herald",
    "gazette",
    "globe",
    "department",
    "agency",
    "committee",
    "party",
    "campaign",
    "administration",
    "council",
    "court",
    "university",
    "institute",
    "association",
    "inc",
    "corp",
    "company",
    "bureau",
    "commission",
    "fbi",
    "cia",
    "nsa",
    "cnn",
    "nbc",
    "abc",
    "cbs",
    "msnbc",
    "fox",
    "reuters",
    "ap",
    "congress",
    "senate",
    "house",
    "service",
    "government",
    "ministry",
    "police",
    "foundation",
    "center",
    "centre",
    "network",
    "group",
    "office",
    "press",
    "magazine",
    "board",
    "bank",
    "fund",
    "league",
    "union",
    "coalition",
    "caucus",
    "pac",
    "politico",
    "breitbart",
    "huffington",
    "usa",
    "today",
    "associated",
    "kremlin",
    "pentagon",
    "whitehouse",
    "org",
    "organization",
    "organisation",
    "council",
    "federation",
    "trust",
    "school",
    "college",
    "church",
    "army",
    "navy",
    "force",
    "corps",
    "poll",
    "survey",
    "study",
    "report",
    "ledger",
    "courier",
    "chronicle",
    "inquirer",
    "examiner",
    "dispatch",
    "bulletin",
    "register",
    "monitor",
    "telegraph",
    "guardian",
    "daily",
]);

static PLACE_WORDS: WordList = WordList::new(&[
    "street", "avenue", "road", "bridge", "river", "county", "city", "state", "island", "park",
    "square", "valley", "mountain", "lake", "bay", "coast", "beach", "airport", "station", "hall",
    "building", "tower",
]);

static GROUP_WORDS: WordList = WordList::new(&[
    "democrats",
    "republicans",
    "russians",
    "americans",
    "officials",
    "conservatives",
    "liberals",
    "progressives",
    "voters",
    "supporters",
    "critics",
    "leaders",
    "lawmakers",
    "senators",
    "people",
    "evangelicals",
    "independents",
    "delegates",
    "members",
    "analysts",
    "experts",
    "agencies",
    "authorities",
    "investigators",
    "prosecutors",
]);

static NOT_NAMES: WordList = WordList::new(&[
    "i",
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "as",
    "it",
    "he",
    "she",
    "they",
    "we",
    "this",
    "that",
    "these",
    "those",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "if",
    "when",
    "while",
    "after",
    "before",
    "so",
    "yet",
    "for",
    "of",
    "to",
    "by",
    "with",
    "from",
    "still",
    "even",
    "also",
    "then",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "july",
    "september",
    "october",
    "november",
    "december",
    "feb",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "here",
    "what",
    "who",
    "why",
    "how",
    "where",
    "yes",
    "no",
    "not",
    "now",
    "today",
    "yesterday",
    "tomorrow",
]);

/// The registry of entities and mentions built during analysis.
#[derive(Default)]
pub struct Registry {
    /// Entities.
    pub entities: Vec<Entity>,
    /// Mentions, in text order once [`Registry::finish`] ran.
    pub mentions: Vec<Mention>,
    by_key: TextMap<String, usize>,
    mid_caps: TextSet<String>,
    /// (token index of the name's start, entity) for name mentions, ascending.
    name_at: Vec<(usize, usize)>,
    /// The mention id of each `name_at` entry.
    name_mention: Vec<usize>,
    /// Per vocabulary id: [`word_bits`] of the form's name key, once known (0: not yet).
    word_class: Vec<u8>,
    /// Work buffers of [`Registry::add_name_run`] (a name's words in lower case).
    lw_buf: String,
    lw_at: Vec<(usize, usize)>,
}

/// [`Registry::word_bits`]: the bits were worked out; the key is in [`NOT_NAMES`]; in
/// [`ORG_WORDS`].
const KNOWN: u8 = 1;
const NOT_NAME: u8 = 2;
const ORG_WORD: u8 = 4;

/// The key a capitalised word is known by: its text without a possessive ending and final
/// periods, in lower case. For ASCII text (but a possessive "'S") it is cut from the form's
/// lower case: the same string, with no lower-casing and no copy (ASCII lower-casing is byte
/// by byte, and leaves "'", "'s" and "." alone). The second value: the key is the form's own
/// (the same for every token of the form).
fn name_key<'b>(doc: &'b Doc, i: usize, buf: &'b mut String) -> (&'b str, bool) {
    if key_is_the_forms(doc, i) {
        (strip_possessive(doc.low(i)).trim_end_matches('.'), true)
    } else {
        (lower_into(buf, strip_possessive(doc.s(i))), false)
    }
}

/// [`name_key`] cuts token `i`'s key from its form's lower case.
fn key_is_the_forms(doc: &Doc, i: usize) -> bool {
    let b = doc.b(i);
    b.is_ascii() && !b.ends_with(b"'S")
}

fn lower(s: &str) -> String {
    s.trim_end_matches('.').to_lowercase()
}

/// [`lower`] into `buf` (no allocation once `buf` is large enough).
fn lower_into<'b>(buf: &'b mut String, s: &str) -> &'b str {
    crate::text::lowercase_into(buf, s.trim_end_matches('.'))
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("'s")
        .or_else(|| s.strip_suffix("’s"))
        .or_else(|| s.strip_suffix('\''))
        .or_else(|| s.strip_suffix('’'))
        .unwrap_or(s)
}

impl Registry {
    /// Finds every name mention in the document.
    pub fn scan(doc: &Doc) -> Registry {
        let mut reg = Registry::default();
        let n = doc.toks.len();
        // words written capitalised in mid-sentence somewhere (names, not
        // sentence-initial capitals); headlines in title case do not count
        let in_title = |i: usize| doc.sent_title_case(i);
        let mut buf = String::new();
        for i in 1..n {
            let sent_start = doc.starts_sentence(i) || doc.is_qmark(i - 1);
            if doc.is_cap(i) && !sent_start && !in_title(i) {
                let (l, _) = name_key(doc, i, &mut buf);
                if !reg.mid_caps.contains(l) {
                    reg.mid_caps.insert(l.to_string());
                }
            }
        }
        let mut i = 0usize;
        while i < n {
            if in_title(i) || !reg.name_start_ok(doc, i) {
                i += 1;
                continue;
            }
            // collect the run
            let start = i;
            let mut j = i;
            while j < n && (j == start || !doc.starts_para(j)) {
                // (bytes: the tests below are on ASCII words and marks)
                let s = doc.b(j);
                let cap = doc.is_cap(j)
                    || doc.kind(j) == Some(TokKind::Word)
                        && doc.has(j, flag::TITLE)
                        && doc.is_cap(j);
                let glue = (s == b"."
                    && j > start
                    && doc.span(j).start == doc.span(j - 1).end
                    && doc.is_cap(j + 1))
                    || (matches!(
                        s,
                        b"of" | b"for" | b"and" | b"de" | b"van" | b"von" | b"bin" | b"al"
                    ) && j > start
                        && doc.is_cap(j + 1)
                        && !doc.has(j + 1, flag::DET));
                if cap || glue {
                    // stop after a possessive
                    j += 1;
                    if s.ends_with(b"'s") || s.ends_with("’s".as_bytes()) {
                        break;
                    }
                    continue;
                }
                break;
            }
            // trim trailing glue
            while j > start + 1
                && matches!(
                    doc.s(j - 1),
                    "of" | "for" | "and" | "de" | "van" | "von" | "bin" | "al"
                )
            {
                j -= 1;
            }
            // a lone sentence-initial capital is a name only when the word is
            // capitalised elsewhere too, or a cue follows ("Pence said")
            let sent_start = start == 0 || doc.starts_sentence(start) || doc.is_qmark(start - 1);
            let lone_initial = j == start + 1
                && sent_start
                && !doc.is_allcaps(start)
                && !reg.mid_caps.contains(name_key(doc, start, &mut buf).0)
                && !doc.cue(j).is_some_and(|q| {
                    !q.weak
                        && matches!(
                            q.form,
                            crate::lexicon::Form::Past | crate::lexicon::Form::Third
                        )
                });
            // a name that fills a short quotation is a title ("Morning Edition")
            let fills_quote =
                start > 0 && doc.is_qmark(start - 1) && doc.is_qmark(j) && j - start <= 4;
            if j > start && !lone_initial && !fills_quote {
                reg.add_name_run(doc, start, j);
            }
            i = j.max(i + 1);
        }
        let mut extra: Vec<(usize, usize, usize)> = Vec::new();
        for i in 0..n {
            if in_title(i) && doc.is_cap(i) {
                let key = lower(strip_possessive(doc.s(i)));
                if let Some(&e) = reg.by_key.get(&key) {
                    let m = reg.push_mention(doc.span(i), Some(e), "mention.alias");
                    extra.push((i, e, m));
                }
            }
        }
        if !extra.is_empty() {
            let mut all: Vec<(usize, usize, usize)> = reg
                .name_at
                .iter()
                .zip(reg.name_mention.iter())
                .map(|(&(t, e), &m)| (t, e, m))
                .chain(extra)
                .collect();
            all.sort_unstable();
            reg.name_at = all.iter().map(|&(t, e, _)| (t, e)).collect();
            reg.name_mention = all.iter().map(|&(_, _, m)| m).collect();
        }
        reg.apply_appositions(doc);
        reg
    }

    /// [`NOT_NAME`] and [`ORG_WORD`] of token `i`'s [`name_key`] (worked out once per form
    /// when the key is the form's).
    fn word_bits(&mut self, doc: &Doc, i: usize) -> u8 {
        let wid = doc.word_id(i) as usize;
        if let Some(&b) = self.word_class.get(wid).filter(|&&b| b & KNOWN != 0) {
            if key_is_the_forms(doc, i) {
                return b;
            }
        }
        let (key, per_form) = name_key(doc, i, &mut self.lw_buf);
        let b = KNOWN
            | if NOT_NAMES.contains(key) { NOT_NAME } else { 0 }
            | if ORG_WORDS.contains(key) { ORG_WORD } else { 0 };
        if per_form {
            if self.word_class.len() < doc.vocab {
                self.word_class.resize(doc.vocab, 0);
            }
            if let Some(slot) = self.word_class.get_mut(wid) {
                *slot = b;
            }
        }
        b
    }

    fn name_start_ok(&mut self, doc: &Doc, i: usize) -> bool {
        if !doc.is_cap(i) {
            return false;
        }
        if self.word_bits(doc, i) & NOT_NAME != 0 && !doc.has(i, flag::TITLE) {
            return false;
        }
        // sentence-initial common words that are capitalised only by position
        let sent_start = i == 0 || doc.starts_sentence(i) || doc.is_qmark(i - 1);
        if sent_start
            && doc.has(
                i,
                flag::DET
                    | flag::PREP
                    | flag::CONJ
                    | flag::SUBORD
                    | flag::AUX
                    | flag::PRON
                    | flag::CUEADV
                    | flag::CUE,
            )
        {
            return false;
        }
        true
    }

    fn add_name_run(&mut self, doc: &Doc, start: usize, end: usize) {
        // split titles off the front: the last title word (or "former")
        let mut name_start = start;
        let mut attrs: Vec<String> = Vec::new();
        let org_like = (start..end).any(|k| self.word_bits(doc, k) & ORG_WORD != 0);
        if !org_like {
            for k in start..end {
                if doc.has(k, flag::TITLE) && k + 1 < end {
                    name_start = k + 1;
                }
            }
        }
        while name_start < end && doc.is(name_start, ".") {
            name_start += 1;
        }
        if name_start > start {
            let title: Vec<String> = (start..name_start)
                .filter(|&k| doc.kind(k) == Some(TokKind::Word))
                .map(|k| lower(doc.s(k)))
                .collect();
            if !title.is_empty() {
                attrs.push(title.join(" "));
            }
        }
        if name_start >= end {
            return;
        }
        let words = || {
            (name_start..end)
                .filter(|&k| doc.kind(k) == Some(TokKind::Word))
                .map(|k| strip_possessive(doc.s(k)))
        };
        // the words in lower case ([`lower`]), joined by spaces in one reused buffer (no list
        // of words or string per name: a name run is met every few tokens)
        let mut joined = std::mem::take(&mut self.lw_buf);
        joined.clear();
        let mut lw_at = std::mem::take(&mut self.lw_at);
        lw_at.clear();
        for w in words() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            let a = joined.len();
            let w = w.trim_end_matches('.');
            if w.is_ascii() {
                joined.push_str(w);
                if let Some(x) = joined.get_mut(a..) {
                    x.make_ascii_lowercase();
                }
            } else {
                joined.push_str(&w.to_lowercase());
            }
            lw_at.push((a, joined.len()));
        }
        let n_words = lw_at.len();
        if n_words == 0 {
            self.lw_buf = joined;
            self.lw_at = lw_at;
            return;
        }
        let lw = |&(a, b): &(usize, usize)| joined.get(a..b).unwrap_or("");
        let (first_lw, last_lw) = (lw_at.first().map_or("", lw), lw_at.last().map_or("", lw));
        let has_title = name_start > start;
        let is_org = lw_at.iter().any(|x| ORG_WORDS.contains(lw(x)))
            || words().all(|w| {
                (2..=5).contains(&w.len())
                    && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
            });
        let is_group = n_words <= 2 && GROUP_WORDS.contains(last_lw);
        // "U.S.", "D.C.", "U.K.": dotted two-letter codes are places
        let dotted_place =
            n_words == 1 && first_lw.len() <= 4 && first_lw.contains('.') && first_lw != "u.n";
        let is_place = dotted_place || PLACE_WORDS.contains(last_lw);
        // "Obama and Hillary Clinton", "Podesta and Todd Stern": a coordination of names names
        // a group, not its last member ("Procter and Gamble", "the Bill and Melinda Gates
        // Foundation" are organisations and stay one name)
        let coordinated = !is_org && lw_at.iter().any(|x| lw(x) == "and");
        let kind = if coordinated {
            EntityKind::Group
        } else if is_place && !has_title {
            EntityKind::Other
        } else if is_group {
            EntityKind::Group
        } else if is_org && !has_title {
            EntityKind::Organization
        } else if has_title || (2..=4).contains(&n_words) {
            EntityKind::Person
        } else {
            EntityKind::Other
        };
        let gender = if attrs
            .iter()
            .any(|a| a.starts_with("mr") && !a.starts_with("mrs"))
        {
            Gender::Male
        } else if attrs
            .iter()
            .any(|a| a.starts_with("mrs") || a.starts_with("ms") || a.starts_with("miss"))
        {
            Gender::Female
        } else {
            Gender::Unknown
        };
        // a coordination is keyed by all its words: it must not absorb, or be merged into,
        // the entity of its last member
        let key: &str = if coordinated { &joined } else { last_lw };
        let span = Span::new(doc.span(name_start).start, {
            let e = doc.span(end - 1);
            let s = e.slice(doc.text);
            e.end - (s.len() - strip_possessive(s).len())
        });
        let written = span.slice(doc.text);
        // organisations keep their article: "the Washington Post"
        let the = kind == EntityKind::Organization
            && start > 0
            && doc.is_word(start - 1, "the")
            && start == name_start;
        let display = || {
            if the {
                format!("the {written}")
            } else {
                written.to_string()
            }
        };
        let ent = match self.by_key.get(key).copied() {
            Some(e) => {
                if let Some(ent) = self.entities.get_mut(e) {
                    // a fuller name becomes canonical; upgrade kind (a written "the " counts
                    // as lower case)
                    let shouting = !ent.name.chars().any(char::is_lowercase)
                        && (the || written.chars().any(char::is_lowercase));
                    // (fewer words in the name than here: stop counting at this many)
                    let fuller = || ent.name.split_whitespace().nth(n_words - 1).is_none();
                    if kind == ent.kind && fuller() || shouting {
                        ent.name = display();
                    }
                    if ent.kind == EntityKind::Other && kind != EntityKind::Other {
                        ent.kind = kind;
                    }
                    if ent.gender == Gender::Unknown {
                        ent.gender = gender;
                    }
                    for a in attrs {
                        if !ent.attributes.contains(&a) {
                            ent.attributes.push(a);
                        }
                    }
                }
                e
            }
            None => {
                let id = self.entities.len();
                self.entities.push(Entity {
                    id,
                    name: display(),
                    kind,
                    attributes: attrs,
                    mentions: 0,
                    gender,
                });
                self.by_key.insert(key.to_string(), id);
                id
            }
        };
        self.lw_buf = joined;
        self.lw_at = lw_at;
        let seen = self.entities.get(ent).is_some_and(|e| e.mentions > 0);
        let m = self.push_mention(
            span,
            Some(ent),
            if seen {
                "mention.alias"
            } else {
                "mention.name"
            },
        );
        // keep name_at ascending (scan adds in order: the end, checked first; later callers
        // insert)
        let at = if self.name_at.last().is_none_or(|&(t, _)| t <= name_start) {
            self.name_at.len()
        } else {
            self.name_at.partition_point(|&(t, _)| t <= name_start)
        };
        if at == self.name_at.len() {
            self.name_at.push((name_start, ent));
            self.name_mention.push(m);
        } else {
            self.name_at.insert(at, (name_start, ent));
            self.name_mention.insert(at, m);
        }
    }

    fn push_mention(&mut self, span: Span, entity: Option<usize>, rule: &'static str) -> usize {
        if let Some(e) = entity.and_then(|e| self.entities.get_mut(e)) {
            e.mentions += 1;
        }
        let id = self.mentions.len();
        self.mentions.push(Mention {
            id,
            span,
            entity,
            rule,
        });
        id
    }

    /// "a Russian ambassador, Sergey Kislyak" and "Sergey Kislyak, a Russian
    /// ambassador," give the named entity the descriptor's words.
    fn apply_appositions(&mut self, doc: &Doc) {
        let names = self.name_at.clone();
        for (tok, ent) in names {
            // descriptor before: DET adj* noun , NAME
            if tok >= 2 && doc.is(tok - 1, ",") {
                let end = tok - 1;
                let mut k = end;
                let mut words = Vec::new();
                let head_lower = end >= 1 && !doc.is_cap(end - 1);
                while k > 0 && end - k < 6 && head_lower {
                    k -= 1;
                    if doc.kind(k) != Some(TokKind::Word)
                        || doc.has(k, flag::PREP | flag::CONJ | flag::AUX)
                    {
                        break;
                    }
                    if doc.has(k, flag::DET) {
                        let l = lower(doc.s(k));
                        if l == "a" || l == "an" || l == "the" {
                            self.add_attrs(ent, &words);
                        }
                        break;
                    }
                    words.push(lower(doc.s(k)));
                }
            }
            // descriptor after: NAME , DET adj* noun [,.]
            let mut k = tok;
            while k < doc.toks.len() && (doc.is_cap(k) || doc.is(k, ".")) && k - tok < 5 {
                k += 1;
            }
            if doc.is(k, ",")
                && (doc.is_word(k + 1, "a")
                    || doc.is_word(k + 1, "an")
                    || doc.is_word(k + 1, "the"))
            {
                let mut words = Vec::new();
                let mut m = k + 2;
                while m < doc.toks.len()
                    && m - k < 7
                    && doc.kind(m) == Some(TokKind::Word)
                    && !doc.has(m, flag::PREP | flag::RELPRON | flag::AUX | flag::CUE)
                {
                    words.push(lower(doc.s(m)));
                    m += 1;
                }
                if doc.is(m, ",") || doc.is(m, ".") || doc.has(m, flag::PREP) {
                    self.add_attrs(ent, &words);
                }
            }
        }
    }

    fn add_attrs(&mut self, ent: usize, words: &[String]) {
        if let Some(e) = self.entities.get_mut(ent) {
            for w in words {
                if !w.is_empty() && !e.attributes.contains(w) {
                    e.attributes.push(w.clone());
                }
            }
        }
    }

    /// The entity of the name mention starting at token `tok`, if any.
    pub fn name_entity_in(&self, from: usize, to: usize) -> Option<usize> {
        let i = self.name_at.partition_point(|&(t, _)| t < from);
        self.name_at
            .get(i)
            .filter(|&&(t, _)| t < to)
            .map(|&(_, e)| e)
    }

    /// Registers the source mention covering tokens `[from, to)` and resolves
    /// it to an entity. Returns the mention id.
    pub fn resolve(&mut self, doc: &Doc, from: usize, to: usize) -> usize {
        let span = doc.range(from, to.saturating_sub(1).max(from));
        // "the company that" / "Ruiz, who": resolve the antecedent, keep the
        // mention as written
        if to > from + 1 && doc.has(to - 1, flag::RELPRON) && !doc.has(to - 1, flag::PERSPRON) {
            let mut end = to - 1;
            if doc.is(end - 1, ",") {
                end -= 1;
            }
            if end > from {
                let inner = self.resolve(doc, from, end);
                let entity = self.mentions.get(inner).and_then(|m| m.entity);
                return self.push_mention(span, entity, "coref.relative");
            }
        }
        // a name inside the phrase that heads it (or stands before an
        // apposition): "Attorney General Jeff Sessions", "Ruiz, a spokeswoman"
        if let Some(m) = self.head_name_mention(doc, from, to, span) {
            if let Some(e) = self.mentions.get(m).and_then(|x| x.entity) {
                if let Some(en) = self.entities.get_mut(e) {
                    if en.kind == EntityKind::Other {
                        en.kind = EntityKind::Person;
                    }
                }
            }
            return m;
        }
        // an all-capitalised phrase not seen before (a headline or a
        // transcript label): a new name
        if (from..to).all(|k| doc.is_cap(k) || doc.is(k, "."))
            && to > from
            && !doc.has(from, flag::PRON | flag::DET)
        {
            let before = self.mentions.len();
            self.add_name_run(doc, from, to);
            if self.mentions.len() > before {
                if let Some(e) = self.mentions.last().and_then(|m| m.entity) {
                    if let Some(en) = self.entities.get_mut(e) {
                        if en.kind == EntityKind::Other {
                            en.kind = EntityKind::Person;
                        }
                    }
                }
                return self.mentions.len() - 1;
            }
        }
        let head = lower(strip_possessive(doc.s(to.saturating_sub(1))));
        let first = lower(doc.s(from));
        let single = to == from + 1;
        if single && doc.has(from, flag::PERSPRON) {
            let gender = match first.as_str() {
                "he" => Gender::Male,
                "she" => Gender::Female,
                _ => Gender::Unknown,
            };
            let ent = match first.as_str() {
                "he" | "she" => self.nearest_person(from, gender),
                "they" => self.nearest_of(from, &[EntityKind::Group, EntityKind::Organization]),
                "it" => self.nearest_of(from, &[EntityKind::Organization]),
                _ => None,
            };
            if let (Some(e), true) = (ent, gender != Gender::Unknown) {
                if let Some(en) = self.entities.get_mut(e) {
                    if en.gender == Gender::Unknown {
                        en.gender = gender;
                    }
                }
            }
            return self.push_mention(span, ent, "coref.pronoun");
        }
        if single && doc.has(from, flag::RELPRON) {
            let ent = self.name_before(from, 3);
            return self.push_mention(span, ent, "coref.relative");
        }
        // definite role: "the attorney general", "the former Alabama senator"
        if first == "the" && !single {
            let words: Vec<String> = (from + 1..to).map(|k| lower(doc.s(k))).collect();
            let phrase = words.join(" ");
            let cand = self
                .role_candidates(from)
                .into_iter()
                .filter_map(|i| self.entities.get(i))
                .filter(|e| e.kind == EntityKind::Person)
                .filter(|e| {
                    e.attributes
                        .iter()
                        .any(|a| a == &phrase || a.ends_with(&head) || phrase.ends_with(a.as_str()))
                })
                .max_by_key(|e| e.mentions)
                .map(|e| e.id);
            let is_person_role =
                doc.has(to.saturating_sub(1), flag::TITLE) || words.iter().any(|w| w == "former");
            let ent = cand.or_else(|| {
                if is_person_role {
                    self.most_salient_person(from)
                } else {
                    None
                }
            });
            if ent.is_some() {
                return self.push_mention(span, ent, "coref.role");
            }
        }
        // an unnamed role or group: its own entity keyed by its text
        let name = span.slice(doc.text).to_string();
        let key = format!("role:{}", name.to_lowercase());
        let kind = if GROUP_WORDS.contains(&head) || head.ends_with('s') && !head.ends_with("ss") {
            EntityKind::Group
        } else if ORG_WORDS.contains(&head) {
            EntityKind::Organization
        } else {
            EntityKind::Role
        };
        let ent = match self.by_key.get(&key) {
            Some(&e) => e,
            None => {
                let id = self.entities.len();
                self.entities.push(Entity {
                    id,
                    name,
                    kind,
                    attributes: Vec::new(),
                    mentions: 0,
                    gender: Gender::Unknown,
                });
                self.by_key.insert(key, id);
                id
            }
        };
        self.push_mention(span, Some(ent), "mention.role")
    }

    /// The name mention heading tokens `[from, to)` (covering `span`).
    fn head_name_mention(&self, doc: &Doc, from: usize, to: usize, span: Span) -> Option<usize> {
        let first = self.name_at.partition_point(|&(t, _)| t < from);
        let mut found = None;
        for k in first..self.name_at.len() {
            let Some(&(t, e)) = self.name_at.get(k) else {
                break;
            };
            if t >= to {
                break;
            }
            let Some(&m) = self.name_mention.get(k) else {
                break;
            };
            let Some(ms) = self.mentions.get(m).map(|x| x.span) else {
                continue;
            };
            let head = ms.end + 2 >= span.end
                || doc.text.get(ms.end..).is_some_and(|r| r.starts_with(','));
            let person = self
                .entities
                .get(e)
                .is_some_and(|x| x.kind == EntityKind::Person);
            if head || person {
                found = Some(m);
            }
        }
        found
    }

    /// The nearest name mention before token `tok` (within `window` names)
    /// whose entity satisfies `ok`.
    fn nearest(&self, tok: usize, window: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        let i = self.name_at.partition_point(|&(t, _)| t < tok);
        self.name_at
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(window)
            .map(|&(_, e)| e)
            .find(|&e| self.entities.get(e).is_some_and(&ok))
    }

    fn nearest_person(&self, tok: usize, gender: Gender) -> Option<usize> {
        self.nearest(tok, 40, |en| {
            en.kind == EntityKind::Person
                && (en.gender == Gender::Unknown
                    || gender == Gender::Unknown
                    || en.gender == gender)
        })
    }

    fn nearest_of(&self, tok: usize, kinds: &[EntityKind]) -> Option<usize> {
        self.nearest(tok, 20, |en| kinds.contains(&en.kind))
    }

    fn name_before(&self, tok: usize, within: usize) -> Option<usize> {
        let i = self.name_at.partition_point(|&(t, _)| t < tok);
        self.name_at
            .get(..i)
            .and_then(|s| s.last())
            .filter(|&&(t, _)| tok - t <= within + 4)
            .map(|&(_, e)| e)
    }

    /// Entity ids the role and salience fallbacks consider, ascending: all of
    /// them in an ordinary article; in a document with more than
    /// `ROLE_SCAN` entities only those named most recently before token
    /// `tok`, so that each lookup stays bounded (linear overall).
    fn role_candidates(&self, tok: usize) -> Vec<usize> {
        const ROLE_SCAN: usize = 256;
        if self.entities.len() <= ROLE_SCAN {
            return (0..self.entities.len()).collect();
        }
        let i = self.name_at.partition_point(|&(t, _)| t < tok);
        let before = self.name_at.get(..i).unwrap_or(&[]);
        // the entities of the last names, ascending and once each: marked in a bit set over
        // the entities (a long text has thousands; a sort of the 256 cost more)
        let mut marked = vec![0u64; self.entities.len().div_ceil(64)];
        for &(_, e) in before.iter().rev().take(ROLE_SCAN) {
            if let Some(w) = marked.get_mut(e / 64) {
                *w |= 1 << (e % 64);
            }
        }
        let mut ids = Vec::new();
        for (k, &w) in marked.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                ids.push(k * 64 + w.trailing_zeros() as usize);
                w &= w - 1;
            }
        }
        ids
    }

    fn most_salient_person(&self, tok: usize) -> Option<usize> {
        self.role_candidates(tok)
            .into_iter()
            .filter_map(|i| self.entities.get(i))
            .filter(|e| e.kind == EntityKind::Person)
            .max_by_key(|e| (e.mentions, usize::MAX - e.id))
            .map(|e| e.id)
    }

    /// Sorts mentions by span (ids renumbered); returns the old→new id map.
    pub fn finish(&mut self, text: &str) -> Vec<usize> {
        // an entity first seen in capitals ("OKAFOR:") takes its name from a
        // mention written in ordinary case ("Okafor")
        for m in &self.mentions {
            let Some(e) = m.entity.and_then(|e| self.entities.get_mut(e)) else {
                continue;
            };
            let written = m.span.slice(text);
            if !e.name.chars().any(char::is_lowercase)
                && written.chars().any(char::is_lowercase)
                && written.to_lowercase() == e.name.to_lowercase()
            {
                e.name = written.to_string();
            }
        }
        let order = crate::sort::order(&self.mentions, |m| (m.span.start, m.span.end));
        let mut remap = vec![0usize; order.len()];
        let mut sorted = Vec::with_capacity(order.len());
        for (new, &old) in order.iter().enumerate() {
            if let Some(r) = remap.get_mut(old) {
                *r = new;
            }
            if let Some(m) = self.mentions.get(old) {
                let mut m = m.clone();
                m.id = new;
                sorted.push(m);
            }
        }
        self.mentions = sorted;
        // the name indexes serve the scan and the attribution stage only: freed here, as
        // the claims (an analysis's high-water mark) are built after this
        self.by_key = TextMap::default();
        self.mid_caps = TextSet::default();
        self.word_class = Vec::new();
        self.name_at = Vec::new();
        self.name_mention = Vec::new();
        remap
    }
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;

    /// A token's name key cut from its form is the key worked out from its own text, for
    /// every spelling of a form (possessives in any case, periods, non-ASCII, the Kelvin sign).
    #[test]
    fn name_keys_match_the_text() {
        use crate::{doc::Doc, lexicon::Lexicon, quote, segment};
        let text = "Trump's TRUMP'S trump's JONES' Jones' Jones’ U.S. u.s. U.S.'s Ms. MS. \
                    Été's ÉTÉ'S \u{212a}m KM Km's K's k'S 'S ' S's Post POST's Times' the The THE";
        let lex = Lexicon::new();
        let paragraphs = segment::paragraphs(text);
        let q = quote::scan(text, &paragraphs);
        let toks = segment::tokens(text, &paragraphs, &q.marks);
        let sentences = segment::sentences(text, &toks, &[]);
        let doc = Doc::new(text, toks, &paragraphs, &sentences, &q.quotes, &lex);
        let mut buf = String::new();
        let mut fast = 0;
        for i in 0..doc.toks.len() {
            let want = super::strip_possessive(doc.s(i))
                .trim_end_matches('.')
                .to_lowercase();
            let (key, per_form) = super::name_key(&doc, i, &mut buf);
            assert_eq!(key, want, "token {i} {:?}", doc.s(i));
            fast += usize::from(per_form);
        }
        assert!(fast > 10, "the per-form path was taken");
    }

    /// A coordination of names is a group of its own: it neither takes over the entity of
    /// its last member nor lends that entity its name. (Text written for this test.)
    #[test]
    fn coordinated_names_are_a_group() {
        let text = "Mr. Obama and Hillary Clinton never seem to tire of the story.\n\n\
                    “We will win,” Clinton said. “It is close,” Obama said.";
        let a = Analyzer::new().analyze(text).unwrap();
        let name = |i: Option<usize>| {
            i.and_then(|e| a.entities.get(e))
                .map_or(String::new(), |e| e.name.clone())
        };
        let speakers: Vec<String> = a.attributions.iter().map(|x| name(x.speaker)).collect();
        assert!(speakers.contains(&"Clinton".to_string()), "{speakers:?}");
        assert!(speakers.contains(&"Obama".to_string()), "{speakers:?}");
        let group = a
            .entities
            .iter()
            .find(|e| e.name == "Obama and Hillary Clinton")
            .map(|e| e.kind);
        assert_eq!(group, Some(crate::mention::EntityKind::Group));
    }
}
