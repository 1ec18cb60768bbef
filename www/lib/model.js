// The view model: the analysis object (DESIGN.md §3.1, UTF-16 offsets) plus
// the analysed text → plain data for the legend, lists, cards and exports.
// Pure functions, no DOM: shared by the page, the extension and the embed,
// and testable in Node.

/** How many speakers get their own colour; the rest fold into "other". */
export const MAX_SPEAKER_SLOTS = 7;

/** Human words for stances / cue kinds / conflict kinds / confidence. */
export const CONFLICT_KIND_LABEL = {
  denial_vs_report: "Denial vs. report",
  assertion_vs_denial: "Assertion vs. denial",
  self_contradiction: "Self-contradiction",
  numeric_or_date_mismatch: "Numbers or dates differ",
  claim_vs_record: "Claim vs. record",
  other: "Conflict",
  disagreement: "Disagreement",
};
export const CONFIDENCE_LABEL = { high: "High", medium: "Medium", low: "Low" };

const slice = (text, span) => (span ? text.slice(span[0], span[1]) : "");
const squash = (s) => s.replace(/\s+/g, " ").trim();

/**
 * Builds the view model.
 * @param {object} analysis the analysis object (unit "utf16")
 * @param {string} text the exact string that was analysed
 */
export function buildModel(analysis, text) {
  const entities = analysis.entities ?? [];
  const attributions = [...(analysis.attributions ?? [])].sort(
    (x, y) => start(x) - start(y) || x.id - y.id,
  );

  // Speakers: every resolved entity that speaks, most quoted first
  // (ties: first appearance); "Unknown speaker" last.
  const bySpeaker = new Map();
  for (const a of attributions) {
    const key = a.speaker ?? null;
    let s = bySpeaker.get(key);
    if (!s) {
      s = { entity: key, name: key === null ? "Unknown speaker" : entities[key]?.name ?? `Speaker ${key}`, count: 0, first: start(a) };
      bySpeaker.set(key, s);
    }
    s.count++;
  }
  const known = [...bySpeaker.values()].filter((s) => s.entity !== null);
  known.sort((x, y) => y.count - x.count || x.first - y.first);
  const speakers = known.map((s, i) => ({
    ...s,
    index: i,
    slot: i < MAX_SPEAKER_SLOTS ? String(i) : "other",
    unknown: false,
  }));
  const unknown = bySpeaker.get(null);
  if (unknown) speakers.push({ ...unknown, index: speakers.length, slot: "other", unknown: true });
  const speakerOf = new Map(speakers.map((s) => [s.entity, s]));

  const mentions = analysis.mentions ?? [];
  const quotes = attributions.map((a) => {
    const sp = speakerOf.get(a.speaker ?? null);
    const sourceSpan = a.source_span ?? (a.source != null ? mentions[a.source]?.span : null);
    return {
      id: a.id,
      kind: a.kind,
      rule: a.rule,
      confidence: a.confidence,
      speaker: sp.name,
      speakerIndex: sp.index,
      slot: sp.slot,
      source: sourceSpan ? squash(slice(text, sourceSpan)) : "",
      cue: a.cue ? squash(slice(text, a.cue)) : "",
      cueSpan: a.cue ?? null,
      fragments: a.content ?? [],
      text: (a.content ?? []).map((f) => slice(text, f)).join(" … "),
      start: start(a),
    };
  });
  const quoteById = new Map(quotes.map((q) => [q.id, q]));

  const claimsIn = analysis.claims ?? [];
  const claims = claimsIn
    .map((c) => {
      const q = c.attribution != null ? quoteById.get(c.attribution) : null;
      const sp = c.speaker != null ? speakerOf.get(c.speaker) : null;
      return {
        id: c.id,
        span: c.span,
        text: squash(slice(text, c.span)),
        speaker: sp ? sp.name : q ? q.speaker : c.attribution == null ? "The article" : "Unknown speaker",
        slot: sp ? sp.slot : q ? q.slot : "other",
        narrator: c.attribution == null,
        cue: q ? q.cue : "",
        stance: c.stance,
        negated: !!c.negated,
        hedged: !!c.hedged,
        rule: c.rule,
      };
    })
    .sort((x, y) => x.span[0] - y.span[0] || x.id - y.id);
  const claimById = new Map(claims.map((c) => [c.id, c]));

  const pair = (c) => ({
    id: c.id,
    kind: c.kind,
    kindLabel: CONFLICT_KIND_LABEL[c.kind] ?? c.kind,
    confidence: c.confidence,
    confidenceLabel: CONFIDENCE_LABEL[c.confidence] ?? c.confidence,
    rule: c.rule,
    explanation: c.explanation,
    a: claimById.get(c.a) ?? null,
    b: claimById.get(c.b) ?? null,
  });
  const conflicts = (analysis.conflicts ?? []).map(pair).filter((c) => c.a && c.b);
  const disagreements = (analysis.disagreements ?? []).map(pair).filter((c) => c.a && c.b);

  return { speakers, quotes, claims, conflicts, disagreements, words: countWords(text) };
}

function start(a) {
  // Text order = where the quoted or reported content starts (the cue when there is none).
  const spans = a.content?.length ? a.content : a.cue ? [a.cue] : [];
  return spans.length ? Math.min(...spans.map((s) => s[0])) : 0;
}

/** Words in `text` (whitespace-separated runs). */
export function countWords(text) {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}
