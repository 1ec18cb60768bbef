// UTF-16 offsets (into a TextMap's text, see extract.js) → DOM Ranges.
// One ascending pass over the text nodes; each span yields one Range per
// block it touches (a Range never crosses a block element); each Range's text
// is verified, and when the DOM no longer matches, the span's text is searched
// for near its old position (after hypothesis/client's anchoring).

const norm = (s) => s.replace(/\s+/g, " ").trim();

function rawOffset(seg, offset) {
  const i = Math.max(0, Math.min(offset - seg.start, seg.end - seg.start));
  return seg.map ? seg.map[i] : i;
}

/**
 * Anchors spans. Returns, for each input span (same order), an array of Ranges
 * (empty when the span could not be anchored).
 * @param {{text: string, segments: Array}} textMap
 * @param {Array<[number, number]>} spans
 * @param {{ reextract?: () => {text: string, segments: Array} }} [opts] to re-read the DOM if it changed
 */
export function anchorSpans(textMap, spans, opts = {}) {
  const { segments } = textMap;
  const order = spans.map((_, i) => i).sort((a, b) => spans[a][0] - spans[b][0] || a - b);
  const out = new Array(spans.length);
  let fresh = null; // re-extracted map, lazily
  let k = 0; // first segment that may still overlap
  for (const i of order) {
    const [s, e] = spans[i];
    while (k < segments.length && segments[k].end <= s) k++;
    let ranges = [];
    let ok = true;
    for (let j = k; j < segments.length && segments[j].start < e; ) {
      const block = segments[j].block;
      const first = segments[j];
      let last = first;
      while (j < segments.length && segments[j].start < e && segments[j].block === block) last = segments[j++];
      const a = Math.max(s, first.start);
      const b = Math.min(e, last.end);
      if (b <= a) continue;
      const doc = first.node.ownerDocument;
      const r = doc.createRange();
      try {
        r.setStart(first.node, rawOffset(first, a));
        r.setEnd(last.node, rawOffset(last, b));
      } catch {
        ok = false;
        break;
      }
      // Verify the Range's text. Fast path: one segment copied verbatim from its node (renderPlainText's
      // paragraphs) → compare the node's data directly; otherwise (or on any difference) compare the
      // Range's text with whitespace normalised.
      const want = textMap.text.slice(a, b);
      const verbatim = first === last && !first.map && first.node.data.slice(a - first.start, b - first.start) === want;
      if (!verbatim && norm(r.toString()) !== norm(want)) {
        ok = false;
        break;
      }
      ranges.push(r);
    }
    if ((!ok || !ranges.length) && e > s && opts.reextract) {
      fresh ??= opts.reextract();
      ranges = searchAndAnchor(fresh, textMap.text.slice(s, e), s);
    }
    out[i] = ranges;
  }
  return out;
}

/** Finds `needle` in `map.text` nearest to `near` and anchors it. */
function searchAndAnchor(map, needle, near) {
  const want = norm(needle);
  if (!want) return [];
  let best = -1;
  for (let at = map.text.indexOf(want); at !== -1; at = map.text.indexOf(want, at + 1)) {
    if (best === -1 || Math.abs(at - near) < Math.abs(best - near)) best = at;
    if (at > near) break;
  }
  if (best === -1) return [];
  return anchorSpans(map, [[best, best + want.length]])[0];
}

/**
 * The text offset of a DOM position (node, offset in node) or -1.
 * Used for hover hit-testing (caretPositionFromPoint).
 */
export function textOffsetAt(textMap, node, offset) {
  textMap.byNode ??= new Map(textMap.segments.map((s) => [s.node, s]));
  const seg = textMap.byNode.get(node);
  if (!seg) return -1;
  if (!seg.map) return seg.start + Math.min(offset, seg.end - seg.start);
  // the last mapped character at or before `offset`
  let lo = 0;
  let hi = seg.map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (seg.map[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return seg.start + lo;
}
