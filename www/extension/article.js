// Chooses the article root on a live page without modifying it.
// Readability runs on a CLONE of the document (it mutates what it is given);
// its paragraphs are matched back to the live DOM, and the article root is the
// lowest common ancestor of the matched elements. Boilerplate boxes inside
// that root (nav, aside, footer, share bars…) that hold none of the matched
// paragraphs are skipped during extraction. Fallbacks: article,
// [itemprop=articleBody], main, the densest cluster of paragraphs.

import { Readability } from "../vendor/readability.js";

const norm = (s) => s.replace(/\s+/g, " ").trim();
const MIN_PARAGRAPH = 25; // characters; shorter blocks are too ambiguous to match
const MIN_ARTICLE = 140; // characters of article text, below which a page has "no article"
const BOILERPLATE_TAGS = new Set(["nav", "aside", "footer", "header", "form", "menu", "dialog"]);
const BOILERPLATE_ROLES = /^(navigation|complementary|contentinfo|banner|search|menu|menubar|dialog)$/;
const BOILERPLATE_NAMES = /(^|[-_ ])(nav|menu|sidebar|side-bar|share|sharing|social|related|recommended|comments?|promo|advert|ads?|newsletter|subscribe|footer|masthead|breadcrumbs?|cookie)([-_ ]|$)/i;
const BLOCKS = "p, li, blockquote, pre, h1, h2, h3, h4, h5, h6, dd, figcaption, td, div";

/** True for a box that is page furniture rather than article text. */
export function isBoilerplate(el) {
  if (BOILERPLATE_TAGS.has(el.localName)) return true;
  const role = el.getAttribute("role");
  if (role && BOILERPLATE_ROLES.test(role)) return true;
  const names = `${el.id} ${typeof el.className === "string" ? el.className : ""}`;
  return BOILERPLATE_NAMES.test(names) && !/article|story|content|body|post/i.test(names);
}

function commonAncestor(nodes) {
  if (!nodes.length) return null;
  const chain = [];
  for (let n = nodes[0]; n; n = n.parentElement) chain.push(n);
  let best = 0;
  for (const node of nodes.slice(1)) {
    while (best < chain.length && !chain[best].contains(node)) best++;
  }
  return chain[best] ?? null;
}

/** Live elements whose text equals one of Readability's paragraphs. */
function matchReadability(doc) {
  let parsed = null;
  try {
    parsed = new Readability(doc.cloneNode(true), { charThreshold: 200 }).parse();
  } catch {
    return null;
  }
  if (!parsed?.content) return null;
  const inert = new DOMParser().parseFromString(parsed.content, "text/html");
  const wanted = new Set();
  for (const el of inert.body.querySelectorAll("p, li, blockquote, pre, h2, h3, h4, dd, td")) {
    const t = norm(el.textContent);
    if (t.length >= MIN_PARAGRAPH) wanted.add(t);
  }
  if (!wanted.size) return null;
  const matched = [];
  for (const el of doc.body.querySelectorAll(BLOCKS)) {
    if (el.localName === "div" && el.querySelector("p, div, li, blockquote")) continue;
    const t = norm(el.textContent);
    if (t.length >= MIN_PARAGRAPH && wanted.has(t) && ![...ancestors(el)].some(isBoilerplate)) matched.push(el);
  }
  const chars = matched.reduce((n, el) => n + norm(el.textContent).length, 0);
  return chars >= MIN_ARTICLE ? { matched, title: parsed.title ?? "" } : null;
}

/** The element whose direct <p> children hold the most text. */
function densestCluster(doc) {
  const score = new Map();
  for (const p of doc.body.querySelectorAll("p")) {
    const parent = p.parentElement;
    if (!parent || [...ancestors(p)].some(isBoilerplate)) continue;
    score.set(parent, (score.get(parent) ?? 0) + norm(p.textContent).length);
  }
  let best = null;
  let max = 0;
  for (const [el, s] of score) if (s > max) [best, max] = [el, s];
  return max >= MIN_ARTICLE ? best : null;
}

function* ancestors(el) {
  for (let n = el; n; n = n.parentElement) yield n;
}

const LONG_PARAGRAPH = 80;
const longParagraphs = (el) => [...el.querySelectorAll("p")].filter((p) => norm(p.textContent).length >= LONG_PARAGRAPH && ![...ancestors(p)].some(isBoilerplate));

/**
 * Readability sometimes keeps only one of several sibling containers of an
 * article: widen to the enclosing article / articleBody, then climb while the
 * parent adds at least two long paragraphs outside page furniture.
 */
function widen(root) {
  let el = root.closest("article, [itemprop=articleBody]") ?? root;
  let have = longParagraphs(el).length;
  for (let up = el.parentElement; up && up !== el.ownerDocument.body && up !== el.ownerDocument.documentElement; up = up.parentElement) {
    if (isBoilerplate(up)) break;
    const n = longParagraphs(up).length;
    if (n - have < 2) break;
    el = up;
    have = n;
  }
  return el;
}

/**
 * @param {Document} doc
 * @returns {{ root: Element, skip: (el: Element) => boolean, how: string, title: string } | null}
 */
export function findArticleRoot(doc) {
  if (!doc.body) return null;
  const title = norm(doc.title ?? "");
  const r = matchReadability(doc);
  if (r) {
    const root = widen(commonAncestor(r.matched));
    const keep = new Set();
    for (const m of r.matched) for (const a of ancestors(m)) keep.add(a);
    const skip = (el) => !keep.has(el) && isBoilerplate(el);
    return { root, skip, how: "readability", title: norm(r.title) || title };
  }
  const skip = (el) => isBoilerplate(el);
  for (const sel of ["article", "[itemprop=articleBody]", "main", "[role=main]"]) {
    const el = doc.querySelector(sel);
    if (el && norm(el.textContent).length >= MIN_ARTICLE) return { root: el, skip, how: sel, title };
  }
  const dense = densestCluster(doc);
  return dense ? { root: dense, skip, how: "densest", title } : null;
}
