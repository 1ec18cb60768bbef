// Exports of an analysis: JSON (versioned, spans in UTF-16 plus the quoted
// text), CSV (one row per attribution, formula-escaped) and Markdown.
// Pure functions, no DOM.

import { buildModel } from "./model.js";

/** Schema id of the JSON export. */
export const EXPORT_SCHEMA = "quotelens-export/1";

/** The JSON export as an object. */
export function toExportObject(analysis, text, meta = {}) {
  const m = buildModel(analysis, text);
  const claimOut = (c) => ({ id: c.id, span: c.span, text: c.text, speaker: c.speaker, stance: c.stance, negated: c.negated, hedged: c.hedged });
  const conflictOut = (c) => ({
    id: c.id, kind: c.kind, confidence: c.confidence, rule: c.rule, explanation: c.explanation,
    a: claimOut(c.a), b: claimOut(c.b),
  });
  return {
    schema: EXPORT_SCHEMA,
    unit: "utf16",
    generator: meta.generator ?? "QuoteLens",
    title: meta.title ?? null,
    words: m.words,
    speakers: m.speakers.map((s) => ({ name: s.name, quotes: s.count, unknown: s.unknown })),
    attributions: m.quotes.map((q) => ({
      id: q.id, kind: q.kind, speaker: q.speaker, source: q.source, cue: q.cue, cue_span: q.cueSpan,
      content: q.fragments.map((f) => ({ span: f, text: text.slice(f[0], f[1]) })),
      rule: q.rule, confidence: q.confidence,
    })),
    claims: m.claims.map(claimOut),
    conflicts: m.conflicts.map(conflictOut),
    disagreements: m.disagreements.map(conflictOut),
    analysis,
  };
}

/** The JSON export as text. */
export function toJSON(analysis, text, meta) {
  return JSON.stringify(toExportObject(analysis, text, meta), null, 2) + "\n";
}

/**
 * One CSV cell: quoted when needed; a cell starting with = + - @ TAB or CR
 * gets a leading apostrophe so spreadsheets show it as text, not a formula.
 */
export function csvCell(value) {
  let s = value == null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  if (/[",\r\n']/.test(s) || s !== s.trim()) s = '"' + s.replace(/"/g, '""') + '"';
  return s;
}

export const CSV_COLUMNS = ["id", "kind", "speaker", "source", "cue", "text", "start", "end", "rule", "confidence"];

/** CSV: one row per attribution (CRLF line ends, RFC 4180). */
export function toCSV(analysis, text) {
  const m = buildModel(analysis, text);
  const rows = [CSV_COLUMNS];
  for (const q of m.quotes) {
    const first = q.fragments[0] ?? q.cueSpan ?? [0, 0];
    const last = q.fragments[q.fragments.length - 1] ?? first;
    rows.push([q.id, q.kind, q.speaker, q.source, q.cue, q.text, first[0], last[1], q.rule, q.confidence]);
  }
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

const mdEscape = (s) => String(s).replace(/([\\`*_[\]<>|#])/g, "\\$1").replace(/\s+/g, " ").trim();

/** Markdown summary: speakers, conflicts, quotes. */
export function toMarkdown(analysis, text, meta = {}) {
  const m = buildModel(analysis, text);
  const out = [`# QuoteLens: ${mdEscape(meta.title ?? "who said what")}`, ""];
  out.push(`${m.words} words, ${m.quotes.length} attributions, ${m.speakers.length} speakers, ${m.conflicts.length} conflicts.`, "");
  out.push("## Speakers", "");
  for (const s of m.speakers) out.push(`- ${mdEscape(s.name)} (${s.count})`);
  out.push("", "## Conflicts", "");
  if (!m.conflicts.length) out.push("No conflicting statements found.");
  for (const c of m.conflicts) {
    out.push(`- **${c.kindLabel}** (confidence: ${c.confidenceLabel}): ${mdEscape(c.explanation)}`);
    out.push(`  - ${mdEscape(c.a.speaker)}${c.a.cue ? ` (${mdEscape(c.a.cue)})` : ""}: ${mdEscape(c.a.text)}`);
    out.push(`  - ${mdEscape(c.b.speaker)}${c.b.cue ? ` (${mdEscape(c.b.cue)})` : ""}: ${mdEscape(c.b.text)}`);
  }
  if (m.disagreements.length) {
    out.push("", "## Disagreements", "");
    for (const c of m.disagreements) out.push(`- ${mdEscape(c.a.speaker)} vs. ${mdEscape(c.b.speaker)}: ${mdEscape(c.explanation)}`);
  }
  out.push("", "## Quotes", "");
  for (const q of m.quotes) out.push(`- **${mdEscape(q.speaker)}**${q.cue ? ` _${mdEscape(q.cue)}_` : ""} (${q.kind}): ${mdEscape(q.text)}`);
  return out.join("\n") + "\n";
}
