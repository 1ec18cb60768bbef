//! Claims, conflicts and disagreements: golden articles in
//! `tests/golden/conflicts/` (the seed plus short articles written for
//! QuoteLens tests — see PROVENANCE.md there) and a smoke test on the dev
//! conflict set, which is skipped with a message when `../shared` is absent.

use quotelens::conflict::{Confidence, ConflictKind};
use quotelens::{Analysis, Analyzer};
use std::path::{Path, PathBuf};

fn golden(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/conflicts")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn analyze(text: &str) -> Analysis {
    Analyzer::new().analyze(text).expect("analysis")
}

fn span_text(text: &str, s: quotelens::Span) -> &str {
    &text[s.start..s.end]
}

/// The conflicts as (kind, confidence, text of side a, text of side b).
fn conflicts(text: &str, a: &Analysis) -> Vec<(ConflictKind, Confidence, String, String)> {
    a.conflicts
        .iter()
        .map(|c| {
            (
                c.kind,
                c.confidence,
                span_text(text, a.claims[c.a].span).to_string(),
                span_text(text, a.claims[c.b].span).to_string(),
            )
        })
        .collect()
}

fn has_pair(
    list: &[(ConflictKind, Confidence, String, String)],
    x: &str,
    y: &str,
) -> Option<(ConflictKind, Confidence)> {
    list.iter()
        .find(|(_, _, a, b)| (a.contains(x) && b.contains(y)) || (a.contains(y) && b.contains(x)))
        .map(|(k, c, _, _)| (*k, *c))
}

fn check_neutral(a: &Analysis) {
    for c in a.conflicts.iter().chain(&a.disagreements) {
        let e = c.explanation.to_lowercase();
        assert!(!e.is_empty());
        for bad in [" lie", "lied", "liar", " false"] {
            // a quoted side may contain the word; the explanation's own words
            // must not: strip the quoted parts
            let own: String = e
                .split('“')
                .map(|part| part.split_once('”').map_or(part, |(_, rest)| rest))
                .collect();
            assert!(
                !own.contains(bad),
                "explanation uses {bad:?}: {}",
                c.explanation
            );
        }
    }
}

#[test]
fn seed_sessions() {
    let text = golden("sessions.txt");
    let a = analyze(&text);
    let list = conflicts(&text, &a);
    // the sworn denial against the Post's report: high confidence
    let sworn = has_pair(
        &list,
        "Sessions spoke with Kislyak",
        "I did not have communications with the Russians",
    );
    assert_eq!(
        sworn,
        Some((ConflictKind::DenialVsReport, Confidence::High)),
        "{list:#?}"
    );
    // the two qualified denials: found, lower confidence
    for q in [
        "I have not met with any Russians at any time",
        "I never met with any Russian officials",
    ] {
        let found = has_pair(&list, "Sessions spoke with Kislyak", q);
        let (kind, conf) = found.unwrap_or_else(|| panic!("missing {q:?}: {list:#?}"));
        assert_eq!(kind, ConflictKind::DenialVsReport);
        assert_ne!(conf, Confidence::High, "{q:?} is qualified");
    }
    assert_eq!(list.len(), 3, "{list:#?}");
    // the explanation names both sides and the apposition that links them
    let x = a
        .conflicts
        .iter()
        .find(|c| c.confidence == Confidence::High)
        .unwrap();
    assert!(
        x.explanation.contains("Washington Post"),
        "{}",
        x.explanation
    );
    assert!(x.explanation.contains("Jeff Sessions"), "{}", x.explanation);
    assert!(
        x.explanation
            .contains("Kislyak is described as a Russian ambassador"),
        "{}",
        x.explanation
    );
    assert_eq!(x.rule, "conflict.negated-predicate");
    // the demands to step down are positions, not conflicts
    assert!(a
        .conflicts
        .iter()
        .all(
            |c| !span_text(&text, a.claims[c.a].span).contains("step down")
                && !span_text(&text, a.claims[c.b].span).contains("step down")
        ));
    check_neutral(&a);
}

#[test]
fn seed_claims() {
    let text = golden("sessions.txt");
    let a = analyze(&text);
    let claim = |needle: &str| {
        a.claims
            .iter()
            .find(|c| span_text(&text, c.span).contains(needle))
            .unwrap_or_else(|| panic!("no claim with {needle:?}"))
    };
    // a multi-sentence quote gives one claim per sentence
    let c = claim("I never met with any Russian officials");
    assert!(!span_text(&text, c.span).contains("It is false"));
    assert!(c.negated);
    assert_eq!(c.predicates().collect::<Vec<_>>(), ["contact"]);
    let c = claim("It is false");
    assert!(span_text(&text, c.span).len() < 20);
    // the report: time expressions and its source
    let c = claim("Sessions spoke with Kislyak");
    assert!(!c.negated && !c.hedged);
    let times: Vec<&str> = c.time.iter().map(|s| span_text(&text, *s)).collect();
    assert!(times.contains(&"last year"), "{times:?}");
    assert!(times.contains(&"July"), "{times:?}");
    assert!(times.contains(&"September"), "{times:?}");
    let post = c.speaker.map(|e| a.entities[e as usize].name.as_str());
    assert_eq!(post, Some("the Washington Post"));
    // narrator claims: the article's own voice
    assert!(a
        .claims
        .iter()
        .any(|c| c.rule == "claim.narrator" && c.attribution.is_none()));
    // claims are sentence-sized
    for c in &a.claims {
        let s = c.span;
        assert!(
            a.sentences
                .iter()
                .any(|x| x.start <= s.start && s.end <= x.end),
            "claim {} crosses sentences",
            c.id
        );
    }
}

#[test]
fn denial_vs_report() {
    let text = golden("denial_vs_report.txt");
    let a = analyze(&text);
    let list = conflicts(&text, &a);
    assert_eq!(
        has_pair(
            &list,
            "Ann Cole met with developer Raj Patel",
            "I have never met with Raj Patel"
        ),
        Some((ConflictKind::DenialVsReport, Confidence::High)),
        "{list:#?}"
    );
    assert_eq!(list.len(), 1, "{list:#?}");
    let e = &a.conflicts[0].explanation;
    assert!(e.contains("Report (the Riverside Ledger)"), "{e}");
    assert!(e.contains("Denial (Ann Cole)"), "{e}");
    check_neutral(&a);
}

#[test]
fn assertion_vs_denial() {
    let text = golden("assertion_vs_denial.txt");
    let a = analyze(&text);
    let list = conflicts(&text, &a);
    let k = has_pair(
        &list,
        "Acme Corp paid no taxes",
        "Acme Corp paid its taxes in full",
    );
    assert_eq!(
        k.map(|x| x.0),
        Some(ConflictKind::AssertionVsDenial),
        "{list:#?}"
    );
    assert_eq!(list.len(), 1, "{list:#?}");
    assert!(a.conflicts[0].explanation.contains("pay"));
    check_neutral(&a);
}

#[test]
fn claim_vs_record() {
    let text = golden("claim_vs_record.txt");
    let a = analyze(&text);
    let list = conflicts(&text, &a);
    let k = has_pair(&list, "I never met Leo Park", "Ruiz met Leo Park");
    assert_eq!(
        k.map(|x| x.0),
        Some(ConflictKind::ClaimVsRecord),
        "{list:#?}"
    );
    assert!(a.conflicts[0].explanation.contains("Record ("));
    check_neutral(&a);
}

#[test]
fn numeric_mismatch() {
    let text = golden("numeric_mismatch.txt");
    let a = analyze(&text);
    let list = conflicts(&text, &a);
    let k = has_pair(&list, "15 percent", "40 percent");
    assert_eq!(
        k.map(|x| x.0),
        Some(ConflictKind::NumericOrDateMismatch),
        "{list:#?}"
    );
    let e = &a.conflicts[0].explanation;
    assert!(e.contains("15 percent") && e.contains("40 percent"), "{e}");
    check_neutral(&a);
}

#[test]
fn self_contradiction() {
    let text = golden("self_contradiction.txt");
    let a = analyze(&text);
    let list = conflicts(&text, &a);
    let k = has_pair(
        &list,
        "never met the lobbyist Victor Hale",
        "she met Victor Hale twice",
    );
    assert_eq!(
        k,
        Some((ConflictKind::SelfContradiction, Confidence::Low)),
        "{list:#?}"
    );
    check_neutral(&a);
}

#[test]
fn disagreement_is_not_a_conflict() {
    let text = golden("disagreement.txt");
    let a = analyze(&text);
    assert!(a.conflicts.is_empty(), "{:#?}", conflicts(&text, &a));
    assert_eq!(a.disagreements.len(), 1, "{:#?}", a.disagreements);
    let d = &a.disagreements[0];
    assert_eq!(d.kind, ConflictKind::Disagreement);
    assert!(span_text(&text, a.claims[d.a].span).contains("resign"));
    assert!(span_text(&text, a.claims[d.b].span).contains("resign"));
    check_neutral(&a);
}

#[test]
fn not_conflicts() {
    for name in [
        "hedged_restatement.txt",
        "different_polls.txt",
        "retraction.txt",
    ] {
        let text = golden(name);
        let a = analyze(&text);
        assert!(
            a.conflicts.is_empty(),
            "{name}: {:#?}",
            conflicts(&text, &a)
        );
    }
}

#[test]
fn json_keys_and_determinism() {
    let text = golden("sessions.txt");
    let a = analyze(&text);
    let v = serde_json::to_value(&a).unwrap();
    for c in v["claims"].as_array().unwrap() {
        for k in [
            "id",
            "span",
            "attribution",
            "speaker",
            "stance",
            "negated",
            "hedged",
            "time",
            "quantities",
            "rule",
        ] {
            assert!(c.get(k).is_some(), "claim lacks {k}");
        }
        assert!(c.get("feat").is_none(), "internal features leak into JSON");
    }
    for c in v["conflicts"].as_array().unwrap() {
        for k in ["id", "a", "b", "kind", "confidence", "rule", "explanation"] {
            assert!(c.get(k).is_some(), "conflict lacks {k}");
        }
    }
    let again = serde_json::to_string(&analyze(&text)).unwrap();
    assert_eq!(serde_json::to_string(&a).unwrap(), again);
}

#[test]
fn long_text_stays_linear() {
    // many repeated denials and reports: candidate pairing is bounded
    let unit = "\"I never met with Raj Patel,\" Cole said. The Ledger reported that Cole met with Raj Patel in March.\n\n";
    let text = unit.repeat(400);
    let t0 = std::time::Instant::now();
    let a = analyze(&text);
    let t = t0.elapsed();
    assert!(a.claims.len() >= 400);
    // generous: a quadratic comparison of 800 claims would still pass on
    // time alone, so check the output is bounded too
    assert!(a.conflicts.len() <= a.claims.len());
    assert!(t.as_secs() < 20, "{t:?}");
}

fn shared_dir() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    (p.join("polnear/dev.jsonl").is_file() && p.join("conflicts/dev_conflicts.jsonl").is_file())
        .then_some(p)
}

/// Recall on clear pairs and precision on the dev conflict set, with a
/// floor a few points under what the rules reach (see the report in git
/// history). Mirrors `score_conflicts.py`'s overlap matching, one-to-one.
#[test]
fn dev_smoke() {
    let Some(dir) = shared_dir() else {
        println!("SKIPPED dev_smoke: ../shared/polnear/dev.jsonl or ../shared/conflicts/dev_conflicts.jsonl not found");
        return;
    };
    let texts: std::collections::HashMap<String, String> =
        std::fs::read_to_string(dir.join("polnear/dev.jsonl"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                (
                    v["id"].as_str().unwrap().to_string(),
                    v["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
    let an = Analyzer::new();
    let (mut clear, mut clear_hit, mut predicted, mut tp, mut neg_flagged) = (0, 0, 0, 0, 0);
    for line in std::fs::read_to_string(dir.join("conflicts/dev_conflicts.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let g: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = g["id"].as_str().unwrap();
        let text = g["text"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| texts[id].clone());
        let a = an.analyze(&text).unwrap();
        // byte → char offsets
        let to_char = |b: usize| text[..b].chars().count();
        let preds: Vec<((usize, usize), (usize, usize))> = a
            .conflicts
            .iter()
            .map(|c| {
                let (x, y) = (a.claims[c.a].span, a.claims[c.b].span);
                (
                    (to_char(x.start), to_char(x.end)),
                    (to_char(y.start), to_char(y.end)),
                )
            })
            .collect();
        predicted += preds.len();
        if g["negative"].as_bool() == Some(true) && !preds.is_empty() {
            neg_flagged += 1;
        }
        let spans = |v: &serde_json::Value, side: &str| -> Vec<(usize, usize)> {
            let mut out = vec![(
                v[side][0].as_u64().unwrap() as usize,
                v[side][1].as_u64().unwrap() as usize,
            )];
            if let Some(alts) = v[format!("{side}_alt")].as_array() {
                for s in alts {
                    out.push((
                        s[0].as_u64().unwrap() as usize,
                        s[1].as_u64().unwrap() as usize,
                    ));
                }
            }
            out
        };
        let ov = |p: (usize, usize), q: &[(usize, usize)]| q.iter().any(|s| p.0 < s.1 && s.0 < p.1);
        let mut used = vec![false; preds.len()];
        let mut gold: Vec<&serde_json::Value> = g["conflicts"].as_array().unwrap().iter().collect();
        gold.sort_by_key(|c| c["confidence"].as_str() != Some("clear"));
        for c in gold {
            let (ga, gb) = (spans(c, "a"), spans(c, "b"));
            let is_clear = c["confidence"].as_str() == Some("clear");
            clear += usize::from(is_clear);
            if let Some(k) = (0..preds.len()).find(|&k| {
                !used[k] && {
                    let (p, q) = preds[k];
                    (ov(p, &ga) && ov(q, &gb)) || (ov(q, &ga) && ov(p, &gb))
                }
            }) {
                used[k] = true;
                tp += 1;
                clear_hit += usize::from(is_clear);
            }
        }
    }
    let recall_clear = clear_hit as f64 / clear.max(1) as f64;
    let precision = tp as f64 / predicted.max(1) as f64;
    println!(
        "dev: clear recall {recall_clear:.3} ({clear_hit}/{clear}), precision {precision:.3} ({tp}/{predicted}), negatives flagged {neg_flagged}"
    );
    // measured at the last change: clear recall 0.75, precision 0.69,
    // no negative article flagged
    assert!(recall_clear >= 0.70, "clear recall {recall_clear:.3}");
    assert!(precision >= 0.62, "precision {precision:.3}");
    assert!(neg_flagged <= 2, "negatives flagged {neg_flagged}");
}
