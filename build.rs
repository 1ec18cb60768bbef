//! Compiles the word lists in `src/lexicon/*.txt` into static tables (`$OUT_DIR/lexicon_table.rs`,
//! included by `src/lexicon.rs`): every word form with its class flags and cue data, in an
//! open-addressing table keyed by the same hash the runtime computes (`WordHasher`).
//!
//! Why at build time: built at run time, the lexicon was the first thing every fresh wasm
//! instance did (parse the lists, generate inflections, lower-case and hash ~3000 forms). In a
//! browser that meant compiling that code on first use, running it unoptimised, and V8 then
//! spending ~15 ms of background CPU optimising a function that never runs again (see
//! BENCHMARKS.md, "Cold start"). The rules below are exactly those `Lexicon::new` applied; a test
//! in `src/lexicon.rs` checks the table against that run-time construction, entry by entry.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

const DET: u32 = 1;
const PREP: u32 = 1 << 1;
const CONJ: u32 = 1 << 2;
const SUBORD: u32 = 1 << 3;
const AUX: u32 = 1 << 4;
const NEG: u32 = 1 << 5;
const CUEADV: u32 = 1 << 6;
const PRON: u32 = 1 << 7;
const PERSPRON: u32 = 1 << 8;
const RELPRON: u32 = 1 << 9;
const TIME: u32 = 1 << 10;
const TITLE: u32 = 1 << 11;
const ROLE: u32 = 1 << 12;
const HEDGE: u32 = 1 << 13;
const CUE: u32 = 1 << 14;

#[derive(Clone, Copy)]
struct Cue {
    lemma: u16,
    stance: &'static str,
    form: &'static str,
    tell: bool,
    inv: bool,
    weak: bool,
    particle: Option<u8>,
    raise: bool,
    needpart: bool,
    quoteonly: bool,
}

#[derive(Clone, Copy, Default)]
struct Info {
    flags: u32,
    cue: Option<Cue>,
}

fn stance(s: &str) -> &'static str {
    match s {
        "assert" => "Assert",
        "report" => "Report",
        "deny" => "Deny",
        "accuse" => "Accuse",
        "promise" => "Promise",
        "demand" => "Demand",
        "believe" => "Believe",
        "question" => "Question",
        "support" => "Support",
        "oppose" => "Oppose",
        "predict" => "Predict",
        "evidence" => "Evidence",
        "perceive" => "Perceive",
        "intend" => "Intend",
        "concede" => "Concede",
        "praise" => "Praise",
        "criticize" => "Criticize",
        _ => "Other",
    }
}

fn regular_forms(lemma: &str) -> [(String, &'static str); 3] {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let before = if b.len() >= 2 { b[b.len() - 2] } else { b'a' };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let stem = lemma.get(..lemma.len().saturating_sub(1)).unwrap_or("");
    if last == b'e' {
        [
            (format!("{lemma}s"), "Third"),
            (format!("{lemma}d"), "Past"),
            (format!("{stem}ing"), "Ing"),
        ]
    } else if last == b'y' && !vowel(before) {
        [
            (format!("{stem}ies"), "Third"),
            (format!("{stem}ied"), "Past"),
            (format!("{lemma}ing"), "Ing"),
        ]
    } else if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || last == b'x'
        || last == b'z'
    {
        [
            (format!("{lemma}es"), "Third"),
            (format!("{lemma}ed"), "Past"),
            (format!("{lemma}ing"), "Ing"),
        ]
    } else {
        [
            (format!("{lemma}s"), "Third"),
            (format!("{lemma}ed"), "Past"),
            (format!("{lemma}ing"), "Ing"),
        ]
    }
}

fn guess_form(form: &str, lemma: &str) -> &'static str {
    if form.ends_with("ing") {
        "Ing"
    } else if form == lemma {
        "Base"
    } else if form.ends_with('s') && !form.ends_with("ss") {
        "Third"
    } else {
        "Past"
    }
}

/// The entries of `map` sorted by key (a stable output), and the open-addressing table of their
/// indices ([`slot_table`]).
fn keyed_table<'m, V>(
    map: &'m HashMap<String, V>,
    what: &str,
) -> (Vec<(&'m String, &'m V)>, Vec<u16>) {
    let mut entries: Vec<(&String, &V)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    assert!(
        entries.len() < usize::from(u16::MAX),
        "too many {what} entries for u16 slots"
    );
    let slots = slot_table(entries.iter().map(|(k, _)| k.as_str()));
    (entries, slots)
}

/// An open-addressing table of the indices of `keys` (sorted, fewer than `u16::MAX`): at most
/// half full, `u16::MAX` for an empty slot, linear probing from `word_hash(key) & (len - 1)`.
fn slot_table<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> Vec<u16> {
    let size = (keys.len() * 2).next_power_of_two().max(16);
    let mut slots = vec![u16::MAX; size];
    for (i, k) in keys.enumerate() {
        let mut h = (word_hash(k) as usize) & (size - 1);
        while slots[h] != u16::MAX {
            h = (h + 1) & (size - 1);
        }
        slots[h] = i as u16;
    }
    slots
}

/// `WordHasher` (src/text.rs) over a `str` key as `Hash for str` feeds it: the bytes in 8-byte
/// little-endian chunks, then the 0xff terminator, then `finish`.
fn word_hash(s: &str) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let add = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(SEED);
    let mut h = 0u64;
    for chunk in s.as_bytes().chunks(8) {
        let mut v = 0u64;
        for (i, b) in chunk.iter().enumerate() {
            v |= u64::from(*b) << (8 * i);
        }
        h = add(h, v);
    }
    h = add(h, 0xff);
    h.rotate_left(26)
}

struct Lex {
    map: HashMap<String, Info>,
    lemmas: Vec<String>,
    particles: Vec<String>,
}

impl Lex {
    fn add_flag(&mut self, w: &str, f: u32) {
        let w = w.trim_end_matches('.').to_lowercase();
        self.map.entry(w).or_default().flags |= f;
    }
}

fn compile(function: &str, roles: &str, hedges: &str, cues: &str) -> Lex {
    let mut lex = Lex {
        map: HashMap::new(),
        lemmas: Vec::new(),
        particles: Vec::new(),
    };
    for line in function.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let Some((class, words)) = line.split_once(':') else {
            continue;
        };
        let f = match class {
            "det" => DET,
            "prep" => PREP,
            "conj" => CONJ,
            "subord" => SUBORD,
            "aux" => AUX,
            "neg" => NEG,
            "cueadv" => CUEADV,
            "pron" => PRON,
            "perspron" => PERSPRON,
            "relpron" => RELPRON,
            "time" => TIME,
            _ => 0,
        };
        for w in words.split_whitespace() {
            lex.add_flag(w, f);
        }
    }
    let mut section = "";
    for line in roles.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let f = if section == "[titles]" { TITLE } else { ROLE };
        for w in line.split_whitespace() {
            lex.add_flag(w, f);
        }
    }
    for w in hedges
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(str::split_whitespace)
    {
        lex.add_flag(w, HEDGE);
    }
    for line in cues.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut parts = line.split_whitespace();
        let (Some(lemma), Some(st)) = (parts.next(), parts.next()) else {
            continue;
        };
        if lex.lemmas.iter().any(|l| l == lemma) {
            continue;
        }
        let st = stance(st);
        let (mut tell, mut inv, mut weak, mut raise, mut needpart, mut quoteonly) =
            (false, false, false, false, false, false);
        let mut particle = None;
        let mut forms: Vec<(String, &'static str)> = Vec::new();
        for opt in parts {
            match opt {
                "tell" => tell = true,
                "inv" => inv = true,
                "weak" => weak = true,
                "raise" => raise = true,
                "needpart" => needpart = true,
                "quoteonly" => quoteonly = true,
                _ => {
                    if let Some(fs) = opt.strip_prefix("forms=") {
                        forms = fs
                            .split(',')
                            .map(|f| (f.to_string(), guess_form(f, lemma)))
                            .collect();
                    } else if let Some(p) = opt.strip_prefix("part=") {
                        let idx = match lex.particles.iter().position(|x| x == p) {
                            Some(i) => i,
                            None => {
                                lex.particles.push(p.to_string());
                                lex.particles.len() - 1
                            }
                        };
                        particle = u8::try_from(idx).ok();
                    }
                }
            }
        }
        if forms.is_empty() {
            forms = regular_forms(lemma).to_vec();
        }
        forms.push((lemma.to_string(), "Base"));
        let Ok(li) = u16::try_from(lex.lemmas.len()) else {
            break;
        };
        lex.lemmas.push(lemma.to_string());
        for (f, form) in forms {
            let e = lex.map.entry(f).or_default();
            e.flags |= CUE;
            if e.cue.is_none() {
                e.cue = Some(Cue {
                    lemma: li,
                    stance: st,
                    form,
                    tell,
                    inv,
                    weak,
                    particle,
                    raise,
                    needpart,
                    quoteonly,
                });
            }
        }
    }
    lex
}

fn main() {
    let dir = Path::new("src/lexicon");
    let read = |f: &str| {
        println!("cargo:rerun-if-changed=src/lexicon/{f}");
        std::fs::read_to_string(dir.join(f)).unwrap_or_else(|e| panic!("src/lexicon/{f}: {e}"))
    };
    println!("cargo:rerun-if-changed=build.rs");
    let lex = compile(
        &read("function.txt"),
        &read("roles.txt"),
        &read("hedges.txt"),
        &read("cues.txt"),
    );

    // entries sorted by key (a stable output), then an open-addressing table of their indices,
    // at most half full, linear probing from `word_hash(key) & (len - 1)`
    let (entries, slots) = keyed_table(&lex.map, "lexicon");
    let size = slots.len();

    let mut out = String::new();
    out.push_str("// @generated by build.rs from src/lexicon/*.txt — do not edit.\n");
    let _ = writeln!(
        out,
        "static LEMMAS: [&str; {}] = {:?};",
        lex.lemmas.len(),
        lex.lemmas
    );
    let _ = writeln!(
        out,
        "static PARTICLES: [&str; {}] = {:?};",
        lex.particles.len(),
        lex.particles
    );
    // the forms as one string with end offsets (no pointer per form: smaller and better
    // compressed than an array of &str), their Info in the same order
    let words: String = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert!(
        words.len() <= usize::from(u16::MAX),
        "lexicon forms exceed u16 offsets"
    );
    let mut ends = Vec::with_capacity(entries.len());
    let mut end = 0usize;
    for (k, _) in &entries {
        end += k.len();
        ends.push(end as u16);
    }
    let _ = writeln!(out, "static WORDS: &str = {words:?};");
    let _ = writeln!(out, "static ENDS: [u16; {}] = {ends:?};", ends.len());
    // per form: its flags, and its cue as (lemma + 1) | form << 14 (0: none); the rest of a
    // cue (stance, options, particle) is the lemma's, once per lemma in LEMMA_CUES
    assert!(
        lex.lemmas.len() < (1 << 14) - 1,
        "too many lemmas for the packed cue"
    );
    let mut lemma_cues: Vec<Option<Cue>> = vec![None; lex.lemmas.len()];
    let mut flags = Vec::with_capacity(entries.len());
    let mut cue_of = Vec::with_capacity(entries.len());
    for (_, info) in &entries {
        flags.push(u16::try_from(info.flags).expect("flags fit u16"));
        cue_of.push(match info.cue {
            None => 0u16,
            Some(c) => {
                let slot = &mut lemma_cues[usize::from(c.lemma)];
                let same = |a: &Cue, b: &Cue| {
                    (
                        a.stance,
                        a.tell,
                        a.inv,
                        a.weak,
                        a.particle,
                        a.raise,
                        a.needpart,
                        a.quoteonly,
                    ) == (
                        b.stance,
                        b.tell,
                        b.inv,
                        b.weak,
                        b.particle,
                        b.raise,
                        b.needpart,
                        b.quoteonly,
                    )
                };
                match slot {
                    Some(prev) => assert!(same(prev, &c), "one lemma, two cue settings"),
                    None => *slot = Some(c),
                }
                let form = match c.form {
                    "Base" => 0,
                    "Third" => 1,
                    "Past" => 2,
                    _ => 3,
                };
                (c.lemma + 1) | (form << 14)
            }
        });
    }
    let _ = writeln!(out, "static FLAGS: [u16; {}] = {flags:?};", flags.len());
    let _ = writeln!(out, "static CUE_OF: [u16; {}] = {cue_of:?};", cue_of.len());
    let _ = writeln!(out, "static LEMMA_CUES: [Cue; {}] = [", lemma_cues.len());
    for c in &lemma_cues {
        // a lemma none of whose forms kept its cue (another lemma's form came first) is never read
        let c = c.unwrap_or(Cue {
            lemma: 0,
            stance: "Other",
            form: "Base",
            tell: false,
            inv: false,
            weak: false,
            particle: None,
            raise: false,
            needpart: false,
            quoteonly: false,
        });
        let _ = writeln!(
            out,
            "    Cue {{ lemma: {}, stance: Stance::{}, form: Form::Base, tell: {}, inv: {}, weak: {}, particle: {:?}, raise: {}, needpart: {}, quoteonly: {} }},",
            c.lemma, c.stance, c.tell, c.inv, c.weak, c.particle, c.raise, c.needpart, c.quoteonly
        );
    }
    out.push_str("];\n");
    let _ = writeln!(out, "static SLOTS: [u16; {size}] = {slots:?};");
    let path = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("lexicon_table.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    claim_tables(&read("predicates.txt"));
}

// ---- the claim stage's word lists (src/lexicon/predicates.txt → $OUT_DIR/claim_table.rs) ----
//
// The rules are those `claim::Reference::new` (a test in src/claim.rs) applies at run time;
// the test checks the tables against it, key by key. The `wf` bits of src/claim.rs:
const WF_HEDGE: u32 = 1 << 1;
const WF_PRESCRIPTIVE: u32 = 1 << 3;
const WF_REFUTE: u32 = 1 << 4;
const WF_REFUTE_VERB: u32 = 1 << 5;
const WF_ANAPHOR: u32 = 1 << 6;
const WF_RECORD: u32 = 1 << 7;
const WF_RETRACTION: u32 = 1 << 8;
const WF_PHRASE_FIRST: u32 = 1 << 12;
const WF_STOP: u32 = 1 << 15;
// phrase kinds (`claim::phrase`)
const PHRASE_CONTRAST: u8 = 1;
const PHRASE_QUALIFIER: u8 = 2;
const PHRASE_DOUBT: u8 = 4;
const PHRASE_MAJORITY: u8 = 8;

/// `claim::stem` (the same rules, for the stems of the predicate forms).
fn claim_stem(w: &str) -> String {
    let mut s = w.to_lowercase();
    for suf in ["'s", "’s", "'", "’"] {
        if s.ends_with(suf) {
            s.truncate(s.len() - suf.len());
        }
    }
    let undouble = |s: &mut String| {
        let b = s.as_bytes();
        if b.len() >= 3 {
            let (x, y) = (b.last(), b.get(b.len() - 2));
            if x == y && x.is_some_and(|c| !matches!(c, b'l' | b's' | b'z' | b'e' | b'o')) {
                s.truncate(s.len() - 1);
            }
        }
    };
    let n = s.chars().count();
    if n > 4 && s.ends_with("ies") {
        s.truncate(s.len() - 3);
        s.push('y');
    } else if n > 4 && (s.ends_with("sses") || s.ends_with("xes") || s.ends_with("ches")) {
        s.truncate(s.len() - 2);
    } else if n > 5 && s.ends_with("ing") {
        s.truncate(s.len() - 3);
        undouble(&mut s);
    } else if n > 4 && s.ends_with("ed") {
        s.truncate(s.len() - 2);
        undouble(&mut s);
    } else if n > 3 && s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") {
        s.truncate(s.len() - 1);
    }
    if s.chars().count() > 3 && s.ends_with('e') {
        s.truncate(s.len() - 1);
    }
    s
}

/// What one key (a word, a two-word predicate or a stem) maps to.
#[derive(Default)]
struct ClaimEntry {
    /// Predicate class of the word: (class, negated).
    class_of: Option<(u16, bool)>,
    /// Predicate class of a word whose stem this is (the first listed wins).
    class_of_stem: Option<(u16, bool)>,
    /// Group key of a demonym or country word.
    demonym: Option<String>,
    /// `wf` bits of the lists the word is on.
    bits: u32,
}

fn claim_tables(src: &str) {
    let mut classes: Vec<String> = Vec::new();
    let mut map: HashMap<String, ClaimEntry> = HashMap::new();
    let mut phrases: Vec<(Vec<String>, u8)> = Vec::new();
    let mut approx: Vec<String> = Vec::new();
    let mut lists: Vec<(String, u32)> = Vec::new();
    let add_phrases = |phrases: &mut Vec<(Vec<String>, u8)>, list: Vec<&str>, kind: u8| {
        for p in list {
            let words: Vec<String> = p.split_whitespace().map(str::to_string).collect();
            if !words.is_empty() {
                phrases.push((words, kind));
            }
        }
    };
    let mut section = "";
    for line in src.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = s;
            continue;
        }
        match section {
            "classes" | "negated" => {
                let Some((class, forms)) = line.split_once(':') else {
                    continue;
                };
                let class = class.trim();
                let idx = match classes.iter().position(|c| c == class) {
                    Some(i) => i,
                    None => {
                        classes.push(class.to_string());
                        classes.len() - 1
                    }
                };
                let idx = u16::try_from(idx).expect("classes fit u16");
                let neg = section == "negated";
                let words: Vec<&str> = forms.split_whitespace().collect();
                let mut k = 0;
                while k < words.len() {
                    let w = words[k];
                    let next = words.get(k + 1).copied().unwrap_or("");
                    if matches!(next, "down" | "up" | "out" | "off") {
                        let phrase = format!("{w} {next}");
                        if forms.contains(&phrase) {
                            map.entry(phrase).or_default().class_of = Some((idx, neg));
                        }
                        k += 2;
                        continue;
                    }
                    map.entry(w.to_string()).or_default().class_of = Some((idx, neg));
                    let e = map.entry(claim_stem(w)).or_default();
                    if e.class_of_stem.is_none() {
                        e.class_of_stem = Some((idx, neg));
                    }
                    k += 1;
                }
            }
            "demonym" => {
                if let Some((key, forms)) = line.split_once(':') {
                    for f in forms.split_whitespace() {
                        map.entry(f.to_string()).or_default().demonym =
                            Some(key.trim().to_string());
                    }
                }
            }
            "refute" => lists.extend(line.split_whitespace().map(|w| (w.to_string(), WF_REFUTE))),
            "refute_verbs" => lists.extend(
                line.split_whitespace()
                    .map(|w| (w.to_string(), WF_REFUTE_VERB)),
            ),
            "anaphor" => lists.extend(line.split_whitespace().map(|w| (w.to_string(), WF_ANAPHOR))),
            "record" => lists.extend(line.split_whitespace().map(|w| (w.to_string(), WF_RECORD))),
            "contrast" => add_phrases(&mut phrases, line.split('|').collect(), PHRASE_CONTRAST),
            "qualifier" => add_phrases(&mut phrases, line.split('|').collect(), PHRASE_QUALIFIER),
            "hedge" => lists.extend(line.split_whitespace().map(|w| (w.to_string(), WF_HEDGE))),
            "approx" => approx.extend(line.split_whitespace().map(str::to_string)),
            "prescriptive" => lists.extend(
                line.split_whitespace()
                    .map(|w| (w.to_string(), WF_PRESCRIPTIVE)),
            ),
            "stop" => lists.extend(line.split_whitespace().map(|w| (w.to_string(), WF_STOP))),
            "retraction" => lists.extend(
                line.split_whitespace()
                    .map(|w| (w.to_string(), WF_RETRACTION)),
            ),
            _ => {}
        }
    }
    add_phrases(
        &mut phrases,
        vec![
            "no evidence",
            "not aware",
            "no idea",
            "too early",
            "not been determined",
            "not determined",
            "not sure",
            "unclear",
            "skeptical",
        ],
        PHRASE_DOUBT,
    );
    add_phrases(
        &mut phrases,
        vec!["majority of", "more than half"],
        PHRASE_MAJORITY,
    );
    for (w, bit) in lists {
        map.entry(w).or_default().bits |= bit;
    }
    for (words, _) in &phrases {
        map.entry(words[0].clone()).or_default().bits |= WF_PHRASE_FIRST;
    }

    let mut out = String::from("// generated by build.rs from src/lexicon/predicates.txt\n");
    let _ = writeln!(
        out,
        "static CLAIM_CLASSES: [&str; {}] = {classes:?};",
        classes.len()
    );
    let keys: Vec<String> = classes.iter().map(|c| format!("#{c}")).collect();
    let _ = writeln!(
        out,
        "static CLAIM_CLASS_KEYS: [&str; {}] = {keys:?};",
        keys.len()
    );
    let _ = writeln!(
        out,
        "static CLAIM_APPROX: [&str; {}] = {approx:?};",
        approx.len()
    );
    let _ = writeln!(
        out,
        "static CLAIM_PHRASES: [(&[&str], u8); {}] = [",
        phrases.len()
    );
    for (words, kind) in &phrases {
        let _ = writeln!(out, "    (&{words:?}, {kind}),");
    }
    out.push_str("];\n");
    let mut groups: Vec<&String> = map.values().filter_map(|e| e.demonym.as_ref()).collect();
    groups.sort();
    groups.dedup();
    let _ = writeln!(
        out,
        "static CLAIM_GROUP_KEYS: [&str; {}] = {groups:?};",
        groups.len()
    );
    // entries sorted by key, then an open-addressing table of their indices (as the lexicon's)
    let (entries, slots) = keyed_table(&map, "claim");
    let size = slots.len();
    // a class as (class + 1) << 1 | negated, 0 for none; a group as its index + 1
    let pack =
        |c: Option<(u16, bool)>| c.map_or(0u32, |(i, n)| (u32::from(i) + 1) << 1 | u32::from(n));
    let words: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    let class_of: Vec<u32> = entries.iter().map(|(_, e)| pack(e.class_of)).collect();
    let class_of_stem: Vec<u32> = entries.iter().map(|(_, e)| pack(e.class_of_stem)).collect();
    let demonym: Vec<u16> = entries
        .iter()
        .map(|(_, e)| {
            e.demonym.as_ref().map_or(0, |g| {
                groups.iter().position(|x| *x == g).expect("a listed group") as u16 + 1
            })
        })
        .collect();
    let bits: Vec<u32> = entries.iter().map(|(_, e)| e.bits).collect();
    // per entry, the phrases it is the first word of, as a bit mask (bit i: phrase i)
    assert!(phrases.len() <= 32, "phrase masks are 32 bits");
    let phrase_first: Vec<u32> = entries
        .iter()
        .map(|(k, _)| {
            phrases
                .iter()
                .enumerate()
                .filter(|(_, (w, _))| w[0] == **k)
                .fold(0u32, |m, (i, _)| m | 1 << i)
        })
        .collect();
    let n = entries.len();
    let _ = writeln!(out, "static CLAIM_WORDS: [&str; {n}] = {words:?};");
    let _ = writeln!(out, "static CLAIM_CLASS_OF: [u32; {n}] = {class_of:?};");
    let _ = writeln!(
        out,
        "static CLAIM_CLASS_OF_STEM: [u32; {n}] = {class_of_stem:?};"
    );
    let _ = writeln!(out, "static CLAIM_DEMONYM: [u16; {n}] = {demonym:?};");
    let _ = writeln!(out, "static CLAIM_BITS: [u32; {n}] = {bits:?};");
    let _ = writeln!(
        out,
        "static CLAIM_PHRASE_FIRST: [u32; {n}] = {phrase_first:?};"
    );
    let _ = writeln!(out, "static CLAIM_SLOTS: [u16; {size}] = {slots:?};");
    let path = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("claim_table.rs");
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
