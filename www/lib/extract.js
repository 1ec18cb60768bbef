// DOM → text, with a map back to the text nodes (DESIGN.md §4).
//
// A TextMap is { text, segments }: each segment is one text node's share of
// `text` — { node, start, end, block, map } where `map` (or null when the node's
// data is copied verbatim) gives, for i in 0..=(end-start), the offset in
// node.data of text[start + i]. Characters between segments were inserted
// (block boundaries become "\n\n", collapsed whitespace becomes one space).
// Segments are in document order and never straddle a block element: `block`
// numbers the block each segment belongs to.

import { Readability } from "../vendor/readability.js";

const BLOCK_TAGS = new Set(
  ("address article aside blockquote body br dd details dialog div dl dt fieldset figcaption figure footer form " +
    "h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul")
    .split(" "),
);
const SKIP_TAGS = new Set("script style noscript template textarea select button svg math iframe object canvas head title".split(" "));

/** True for elements that start a new block of text. */
export function isBlock(el) {
  return BLOCK_TAGS.has(el.localName);
}

/**
 * Extracts the text under `root`.
 * @param {Node} root
 * @param {{ skip?: (el: Element) => boolean }} [opts] extra elements to leave out
 * @returns {{ text: string, segments: Array<{node: Text, start: number, end: number, block: number, map: Int32Array|null}> }}
 */
export function extractText(root, opts = {}) {
  const parts = [];
  const segments = [];
  let len = 0;
  let block = 0;
  let atBlockStart = true; // nothing emitted in this block yet
  let pendingSpace = false;
  const emit = (s) => {
    parts.push(s);
    len += s.length;
  };
  const breakBlock = () => {
    pendingSpace = false;
    if (!atBlockStart) {
      emit("\n\n");
      atBlockStart = true;
    }
    block++;
  };
  const walk = (node) => {
    if (node.nodeType === 3) {
      const data = node.data;
      const chars = [];
      const raw = [];
      for (let i = 0; i < data.length; i++) {
        const c = data[i];
        if (c !== "\u00a0" && /\s/.test(c)) {
          // collapse runs; none at the start of a block
          if (!pendingSpace && (!atBlockStart || chars.length)) pendingSpace = { node, at: i };
          continue;
        }
        if (pendingSpace) {
          if (pendingSpace.node === node) {
            chars.push(" ");
            raw.push(pendingSpace.at);
          } else {
            emit(" "); // whitespace from an earlier node: inserted between segments
          }
          pendingSpace = false;
        }
        chars.push(c);
        raw.push(i);
      }
      if (!chars.length) return;
      const start = len;
      const s = chars.join("");
      emit(s);
      let map = null;
      if (s !== data) {
        map = new Int32Array(raw.length + 1);
        map.set(raw);
        map[raw.length] = raw[raw.length - 1] + 1;
      }
      segments.push({ node, start, end: len, block, map });
      atBlockStart = false;
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const el = node.nodeType === 1 ? node : null;
    if (el && (SKIP_TAGS.has(el.localName) || el.hidden || opts.skip?.(el))) return;
    const blockEl = el && isBlock(el);
    if (blockEl) breakBlock();
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
    if (blockEl) breakBlock();
  };
  walk(root);
  let text = parts.join("");
  // drop the separator after the last block
  const last = segments.length ? segments[segments.length - 1].end : 0;
  if (text.length > last) text = text.slice(0, last);
  return { text, segments };
}

/**
 * Renders plain `text` into `container` as one <p> per paragraph (blank lines
 * separate paragraphs), as text nodes only. Returns a TextMap whose text is
 * exactly `text`, so offsets computed on `text` apply unchanged.
 * Texts of more than `chunk` paragraphs (default 100) are grouped, `chunk` <p>s
 * per <div class="ql-chunk">, so that a page can skip laying out the groups
 * off screen (content-visibility) as whole blocks: a 10 MB text has ~45 K paragraphs.
 */
export function renderPlainText(container, text, { chunk = 100 } = {}) {
  const doc = container.ownerDocument;
  container.replaceChildren();
  const segments = [];
  const sep = /\n[^\S\n]*\n\s*/g;
  const paras = [];
  let at = 0;
  const para = (s, e) => {
    if (e <= s) return;
    const p = doc.createElement("p");
    const node = doc.createTextNode(text.slice(s, e));
    p.append(node);
    paras.push(p);
    segments.push({ node, start: s, end: e, block: segments.length, map: null });
  };
  for (let m; (m = sep.exec(text)); ) {
    para(at, m.index);
    at = m.index + m[0].length;
  }
  para(at, text.length);
  if (paras.length <= chunk) container.append(...paras);
  else {
    for (let i = 0; i < paras.length; i += chunk) {
      const group = doc.createElement("div");
      group.className = "ql-chunk";
      group.append(...paras.slice(i, i + chunk));
      container.append(group);
    }
  }
  return { text, segments };
}

/**
 * An HTML document (string) → { title, text }: parsed inert with DOMParser,
 * reduced to the article with Readability (on a clone), never inserted live.
 */
export function htmlToText(html, { DOMParserImpl = globalThis.DOMParser } = {}) {
  const parser = new DOMParserImpl();
  const doc = parser.parseFromString(html, "text/html");
  let title = doc.title?.trim() || "";
  let root = doc.body ?? doc.documentElement;
  let viaReadability = false;
  try {
    const article = new Readability(doc.cloneNode(true)).parse();
    if (article?.content) {
      const clean = parser.parseFromString(article.content, "text/html");
      if ((clean.body?.textContent ?? "").trim()) {
        root = clean.body;
        viaReadability = true;
        title = article.title?.trim() || title;
      }
    }
  } catch {
    /* fall back to the whole body */
  }
  const { text } = extractText(root);
  return { title, text, viaReadability };
}
