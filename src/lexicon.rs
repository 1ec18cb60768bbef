//! Stage — lexicon: compiled word lists.
//!
//! Input: the plain-text lists in `src/lexicon/*.txt` (compiled in with
//! `include_str!`). Output: one [`Lexicon`] mapping every lower-cased word form
//! to its [`Info`] (class flags, and for cue verbs the lemma, stance,
//! inflection and options). Regular inflections (-s, -ed, -ing) are generated;
//! irregular ones are listed in the file.
//!
//! Lookup is one hash probe per token, with lower-casing done in a stack
//! buffer (no allocation per token), so every stage that consults the lexicon
//! is linear in the number of tokens.

use crate::text::WordMap;

/// Class flags of a word form.
pub mod flag {
    /// Determiner.
    pub const DET: u32 = 1;
    /// Preposition.
    pub const PREP: u32 = 1 << 1;
    /// Coordinating conjunction.
    pub const CONJ: u32 = 1 << 2;
    /// Subordinator.
    pub const SUBORD: u32 = 1 << 3;
    /// Auxiliary or modal verb.
    pub const AUX: u32 = 1 << 4;
    /// Negator.
    pub const NEG: u32 = 1 << 5;
    /// Adverb that may sit inside a cue's verb group.
    pub const CUEADV: u32 = 1 << 6;
    /// Pronoun.
    pub const PRON: u32 = 1 << 7;
    /// Personal pronoun (subject).
    pub const PERSPRON: u32 = 1 << 8;
    /// Relative pronoun.
    pub const RELPRON: u32 = 1 << 9;
    /// Time word.
    pub const TIME: u32 = 1 << 10;
    /// Title before a name.
    pub const TITLE: u32 = 1 << 11;
    /// Role noun heading a speaker phrase.
    pub const ROLE: u32 = 1 << 12;
    /// Hedge.
    pub const HEDGE: u32 = 1 << 13;
    /// Cue verb form.
    pub const CUE: u32 = 1 << 14;
}

/// The stance a cue expresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Plain statement.
    Assert,
    /// A report of events (news outlet, investigation).
    Report,
    /// Denial or rejection.
    Deny,
    /// Accusation.
    Accuse,
    /// Promise or vow.
    Promise,
    /// Demand, urging, call for.
    Demand,
    /// Belief, thought, fear, knowledge.
    Believe,
    /// Question.
    Question,
    /// Support or endorsement.
    Support,
    /// Opposition.
    Oppose,
    /// Prediction or warning.
    Predict,
    /// Evidence from an artefact (a poll shows…).
    Evidence,
    /// Perception (saw, heard).
    Perceive,
    /// Intention or desire.
    Intend,
    /// Concession or acknowledgement.
    Concede,
    /// Praise.
    Praise,
    /// Criticism.
    Criticize,
    /// Anything else.
    Other,
}

impl Stance {
    fn parse(s: &str) -> Stance {
        match s {
            "assert" => Stance::Assert,
            "report" => Stance::Report,
            "deny" => Stance::Deny,
            "accuse" => Stance::Accuse,
            "promise" => Stance::Promise,
            "demand" => Stance::Demand,
            "believe" => Stance::Believe,
            "question" => Stance::Question,
            "support" => Stance::Support,
            "oppose" => Stance::Oppose,
            "predict" => Stance::Predict,
            "evidence" => Stance::Evidence,
            "perceive" => Stance::Perceive,
            "intend" => Stance::Intend,
            "concede" => Stance::Concede,
            "praise" => Stance::Praise,
            "criticize" => Stance::Criticize,
            _ => Stance::Other,
        }
    }
}

/// Inflection of a cue form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// say
    Base,
    /// says
    Third,
    /// said
    Past,
    /// saying
    Ing,
}

/// What the lexicon knows about a cue verb form.
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    /// Index of the lemma in [`Lexicon::lemmas`].
    pub lemma: u16,
    /// Stance.
    pub stance: Stance,
    /// Inflection.
    pub form: Form,
    /// Takes a recipient (tell, assure…).
    pub tell: bool,
    /// May stand before its source ("said Smith").
    pub inv: bool,
    /// Needs a clear subject and object.
    pub weak: bool,
    /// Particle that belongs to the cue, index into `Lexicon::particles`.
    pub particle: Option<u8>,
    /// A raising verb ("X appears to Y"): no source, the subject joins the content.
    pub raise: bool,
    /// A cue only when its particle follows.
    pub needpart: bool,
    /// A cue only when its content is a quotation ("the letter reads, "…"").
    pub quoteonly: bool,
}

/// Everything known about one word form.
#[derive(Clone, Copy, Debug, Default)]
pub struct Info {
    /// [`flag`] bits.
    pub flags: u32,
    /// Cue data, for cue verb forms.
    pub cue: Option<Cue>,
}

/// The compiled word lists.
#[derive(Debug)]
pub struct Lexicon {
    map: WordMap<String, Info>,
    /// Cue lemmas, by index.
    pub lemmas: Vec<String>,
    /// Cue particles, by index.
    pub particles: Vec<String>,
}

const CUES: &str = include_str!("lexicon/cues.txt");
const FUNCTION: &str = include_str!("lexicon/function.txt");
const ROLES: &str = include_str!("lexicon/roles.txt");
const HEDGES: &str = include_str!("lexicon/hedges.txt");

fn regular_forms(lemma: &str) -> [(String, Form); 3] {
    let b = lemma.as_bytes();
    let last = b.last().copied().unwrap_or(b'x');
    let before = if b.len() >= 2 {
        b.get(b.len() - 2).copied().unwrap_or(b'a')
    } else {
        b'a'
    };
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let stem = lemma.get(..lemma.len().saturating_sub(1)).unwrap_or("");
    if last == b'e' {
        [
            (format!("{lemma}s"), Form::Third),
            (format!("{lemma}d"), Form::Past),
            (format!("{stem}ing"), Form::Ing),
        ]
    } else if last == b'y' && !vowel(before) {
        [
            (format!("{stem}ies"), Form::Third),
            (format!("{stem}ied"), Form::Past),
            (format!("{lemma}ing"), Form::Ing),
        ]
    } else if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || last == b'x'
        || last == b'z'
    {
        [
            (format!("{lemma}es"), Form::Third),
            (format!("{lemma}ed"), Form::Past),
            (format!("{lemma}ing"), Form::Ing),
        ]
    } else {
        [
            (format!("{lemma}s"), Form::Third),
            (format!("{lemma}ed"), Form::Past),
            (format!("{lemma}ing"), Form::Ing),
        ]
    }
}

fn guess_form(form: &str, lemma: &str) -> Form {
    if form.ends_with("ing") {
        Form::Ing
    } else if form == lemma {
        Form::Base
    } else if form.ends_with('s') && !form.ends_with("ss") {
        Form::Third
    } else {
        Form::Past
    }
}

impl Lexicon {
    /// Compiles the built-in lists.
    pub fn new() -> Lexicon {
        let mut lex = Lexicon {
            map: WordMap::with_capacity_and_hasher(4096, Default::default()),
            lemmas: Vec::new(),
            particles: Vec::new(),
        };
        for line in FUNCTION.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((class, words)) = line.split_once(':') else {
                continue;
            };
            let f = match class {
                "det" => flag::DET,
                "prep" => flag::PREP,
                "conj" => flag::CONJ,
                "subord" => flag::SUBORD,
                "aux" => flag::AUX,
                "neg" => flag::NEG,
                "cueadv" => flag::CUEADV,
                "pron" => flag::PRON,
                "perspron" => flag::PERSPRON,
                "relpron" => flag::RELPRON,
                "time" => flag::TIME,
                _ => 0,
            };
            for w in words.split_whitespace() {
                lex.add_flag(w, f);
            }
        }
        let mut section = "";
        for line in ROLES.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            let f = if section == "[titles]" {
                flag::TITLE
            } else {
                flag::ROLE
            };
            for w in line.split_whitespace() {
                lex.add_flag(w, f);
            }
        }
        for w in HEDGES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
        {
            lex.add_flag(w, flag::HEDGE);
        }
        for line in CUES.lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(lemma), Some(stance)) = (parts.next(), parts.next()) else {
                continue;
            };
            if lex.lemmas.iter().any(|l| l == lemma) {
                continue;
            }
            let stance = Stance::parse(stance);
            let mut tell = false;
            let mut inv = false;
            let mut weak = false;
            let mut raise = false;
            let mut needpart = false;
            let mut quoteonly = false;
            let mut particle = None;
            let mut forms: Vec<(String, Form)> = Vec::new();
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
            forms.push((lemma.to_string(), Form::Base));
            let Ok(li) = u16::try_from(lex.lemmas.len()) else {
                break;
            };
            lex.lemmas.push(lemma.to_string());
            for (f, form) in forms {
                let e = lex.map.entry(f).or_default();
                e.flags |= flag::CUE;
                if e.cue.is_none() {
                    e.cue = Some(Cue {
                        lemma: li,
                        stance,
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

    fn add_flag(&mut self, w: &str, f: u32) {
        let w = w.trim_end_matches('.').to_lowercase();
        self.map.entry(w).or_default().flags |= f;
    }

    /// Looks a word up, case-insensitively (and ignoring a trailing `.`).
    pub fn get(&self, word: &str) -> Info {
        let w = word.trim_end_matches('.');
        let mut buf = [0u8; 48];
        if w.is_ascii() && w.len() <= buf.len() {
            let b = buf.get_mut(..w.len());
            if let Some(b) = b {
                b.copy_from_slice(w.as_bytes());
                b.make_ascii_lowercase();
                if let Ok(s) = std::str::from_utf8(b) {
                    return self.map.get(s).copied().unwrap_or_default();
                }
            }
            return Info::default();
        }
        if w.len() > 64 {
            return Info::default();
        }
        self.map.get(&w.to_lowercase()).copied().unwrap_or_default()
    }

    /// [`Lexicon::get`] for a word whose lower case (`str::to_lowercase`) the caller has
    /// already: the same answer without lower-casing again.
    pub fn get_lowered(&self, word: &str, lower: &str) -> Info {
        if word.trim_end_matches('.').len() > 64 {
            return Info::default();
        }
        self.map
            .get(lower.trim_end_matches('.'))
            .copied()
            .unwrap_or_default()
    }

    /// The lemma of a cue.
    pub fn lemma(&self, cue: &Cue) -> &str {
        self.lemmas
            .get(cue.lemma as usize)
            .map_or("", String::as_str)
    }

    /// The particle of a cue, if any.
    pub fn particle(&self, cue: &Cue) -> Option<&str> {
        cue.particle
            .and_then(|p| self.particles.get(p as usize))
            .map(String::as_str)
    }
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_lowered_agrees_with_get() {
        let lex = Lexicon::new();
        let long = "x".repeat(60);
        let longer = "É".repeat(40);
        for w in [
            "said",
            "Said",
            "SAID",
            "Mr.",
            "mr",
            "according",
            "U.S.",
            "Denied.",
            "Über",
            "İstanbul",
            "\u{212a}ept",
            "",
            ".",
            "...",
            long.as_str(),
            longer.as_str(),
            "Spokeswoman",
            "tells",
        ] {
            let a = lex.get(w);
            let b = lex.get_lowered(w, &w.to_lowercase());
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{w}");
        }
    }

    #[test]
    fn inflections() {
        let lex = Lexicon::new();
        for (w, lemma, form) in [
            ("said", "say", Form::Past),
            ("Says", "say", Form::Third),
            ("denied", "deny", Form::Past),
            ("denies", "deny", Form::Third),
            ("denying", "deny", Form::Ing),
            ("noted", "note", Form::Past),
            ("noting", "note", Form::Ing),
            ("told", "tell", Form::Past),
            ("insisted", "insist", Form::Past),
            ("stresses", "stress", Form::Third),
            ("admitted", "admit", Form::Past),
        ] {
            let info = lex.get(w);
            let cue = info.cue.unwrap_or_else(|| panic!("{w} is not a cue"));
            assert_eq!(lex.lemma(&cue), lemma, "{w}");
            assert_eq!(cue.form, form, "{w}");
        }
        assert!(lex.get("the").flags & flag::DET != 0);
        assert!(lex.get("Sen.").flags & flag::TITLE != 0);
        assert!(lex.get("spokesman").flags & flag::ROLE != 0);
        assert!(lex.get("reportedly").flags & flag::HEDGE != 0);
        assert!(lex.get("table").cue.is_none());
        assert!(lex.get("ÉCOLE").cue.is_none());
    }
}
