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
use crate::text::Span;
use std::collections::HashMap;

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
    pub rule: &'static str,
}

const ORG_WORDS: &[&str] = &[
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
];

const GROUP_WORDS: &[&str] = &[
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
];

const NOT_NAMES: &[&str] = &[
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
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
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
];

/// The registry of entities and mentions built during analysis.
#[derive(Default)]
pub struct Registry {
    /// Entities.
    pub entities: Vec<Entity>,
    /// Mentions, in text order once [`Registry::finish`] ran.
    pub mentions: Vec<Mention>,
    by_key: HashMap<String, usize>,
    /// (token index of the name's start, entity) for name mentions, ascending.
    name_at: Vec<(usize, usize)>,
}

fn lower(s: &str) -> String {
    s.trim_end_matches('.').to_lowercase()
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
        let mut i = 0usize;
        while i < n {
            if !reg.name_start_ok(doc, i) {
                i += 1;
                continue;
            }
            // collect the run
            let start = i;
            let mut j = i;
            while j < n && doc.para(j) == doc.para(start) {
                let s = doc.s(j);
                let cap = doc.is_cap(j)
                    || doc.kind(j) == Some(TokKind::Word)
                        && doc.has(j, flag::TITLE)
                        && doc.is_cap(j);
                let glue = (s == "." && j > start && doc.span(j).start == doc.span(j - 1).end)
                    || ((s == "of"
                        || s == "for"
                        || s == "and"
                        || s == "de"
                        || s == "van"
                        || s == "von"
                        || s == "bin"
                        || s == "al")
                        && j > start
                        && doc.is_cap(j + 1)
                        && !doc.has(j + 1, flag::DET));
                if cap || glue {
                    // stop after a possessive
                    j += 1;
                    if s.ends_with("'s") || s.ends_with("’s") {
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
            if j > start {
                reg.add_name_run(doc, start, j);
            }
            i = j.max(i + 1);
        }
        reg.apply_appositions(doc);
        reg
    }

    fn name_start_ok(&self, doc: &Doc, i: usize) -> bool {
        if !doc.is_cap(i) {
            return false;
        }
        let l = lower(strip_possessive(doc.s(i)));
        if NOT_NAMES.contains(&l.as_str()) && !doc.has(i, flag::TITLE) {
            return false;
        }
        // sentence-initial common words that are capitalised only by position
        let sent_start =
            i == 0 || doc.sent_of.get(i) != doc.sent_of.get(i - 1) || doc.is_qmark(i - 1);
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
        let org_like =
            (start..end).any(|k| ORG_WORDS.contains(&lower(strip_possessive(doc.s(k))).as_str()));
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
        let words: Vec<&str> = (name_start..end)
            .filter(|&k| doc.kind(k) == Some(TokKind::Word))
            .map(|k| strip_possessive(doc.s(k)))
            .collect();
        if words.is_empty() {
            return;
        }
        let lw: Vec<String> = words.iter().map(|w| lower(w)).collect();
        let has_title = name_start > start;
        let is_org = lw.iter().any(|w| ORG_WORDS.contains(&w.as_str()))
            || words.iter().all(|w| {
                w.len() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '.' || c == '&')
            });
        let is_group =
            words.len() <= 2 && lw.last().is_some_and(|w| GROUP_WORDS.contains(&w.as_str()));
        let kind = if is_group {
            EntityKind::Group
        } else if is_org && !has_title {
            EntityKind::Organization
        } else if has_title || (2..=4).contains(&words.len()) {
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
        let key = lw.last().cloned().unwrap_or_default();
        let span = Span::new(doc.span(name_start).start, {
            let e = doc.span(end - 1);
            let s = e.slice(doc.text);
            e.end - (s.len() - strip_possessive(s).len())
        });
        let display = span.slice(doc.text).to_string();
        let ent = match self.by_key.get(&key).copied() {
            Some(e) => {
                if let Some(ent) = self.entities.get_mut(e) {
                    // a fuller name becomes canonical; upgrade kind
                    if words.len() > ent.name.split_whitespace().count() && kind == ent.kind {
                        ent.name = display;
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
                    name: display,
                    kind,
                    attributes: attrs,
                    mentions: 0,
                    gender,
                });
                self.by_key.insert(key, id);
                id
            }
        };
        self.push_mention(
            span,
            Some(ent),
            if self.name_at.iter().any(|&(_, e)| e == ent) {
                "mention.alias"
            } else {
                "mention.name"
            },
        );
        self.name_at.push((name_start, ent));
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
        // a name inside the phrase
        if let Some(e) = self.name_entity_in(from, to).filter(|&e| {
            let head_named = self.mentions.iter().rev().take(64).any(|m| {
                m.entity == Some(e)
                    && m.span.start >= span.start
                    && (m.span.end + 2 >= span.end
                        || doc
                            .text
                            .get(m.span.end..)
                            .is_some_and(|r| r.starts_with(',')))
            });
            head_named
                || self
                    .entities
                    .get(e)
                    .is_some_and(|x| x.kind == EntityKind::Person)
        }) {
            if let Some(m) = self.mentions.iter().rposition(|m| {
                m.span.start >= span.start && m.span.end <= span.end && m.entity == Some(e)
            }) {
                return m;
            }
            return self.push_mention(span, Some(e), "mention.name");
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
                .entities
                .iter()
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
                    self.most_salient_person()
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
        let kind = if GROUP_WORDS.contains(&head.as_str())
            || head.ends_with('s') && !head.ends_with("ss")
        {
            EntityKind::Group
        } else if ORG_WORDS.contains(&head.as_str()) {
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

    fn nearest_person(&self, tok: usize, gender: Gender) -> Option<usize> {
        let i = self.name_at.partition_point(|&(t, _)| t < tok);
        self.name_at
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(40)
            .map(|&(_, e)| e)
            .find(|&e| {
                self.entities.get(e).is_some_and(|en| {
                    en.kind == EntityKind::Person
                        && (en.gender == Gender::Unknown
                            || gender == Gender::Unknown
                            || en.gender == gender)
                })
            })
    }

    fn nearest_of(&self, tok: usize, kinds: &[EntityKind]) -> Option<usize> {
        let i = self.name_at.partition_point(|&(t, _)| t < tok);
        self.name_at
            .get(..i)
            .unwrap_or(&[])
            .iter()
            .rev()
            .take(20)
            .map(|&(_, e)| e)
            .find(|&e| {
                self.entities
                    .get(e)
                    .is_some_and(|en| kinds.contains(&en.kind))
            })
    }

    fn name_before(&self, tok: usize, within: usize) -> Option<usize> {
        let i = self.name_at.partition_point(|&(t, _)| t < tok);
        self.name_at
            .get(..i)
            .and_then(|s| s.last())
            .filter(|&&(t, _)| tok - t <= within + 4)
            .map(|&(_, e)| e)
    }

    fn most_salient_person(&self) -> Option<usize> {
        self.entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .max_by_key(|e| (e.mentions, usize::MAX - e.id))
            .map(|e| e.id)
    }

    /// Sorts mentions by span (ids renumbered); returns the old→new id map.
    pub fn finish(&mut self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.mentions.len()).collect();
        order.sort_by_key(|&i| self.mentions.get(i).map(|m| (m.span.start, m.span.end, i)));
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
        remap
    }
}
