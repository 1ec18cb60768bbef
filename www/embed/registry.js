// Several <quote-lens> elements on one page share the page's single
// CSS.highlights registry, whose names (ql-speaker-0, ql-conflict…) are fixed
// by the contract. Each element writes through its own view of the registry;
// a name's Highlight holds the ranges of every element that set it.

const owners = new Map(); // name → Map(owner token → Highlight)

function sync(name) {
  const per = owners.get(name);
  if (!per || !per.size) {
    CSS.highlights.delete(name);
    return;
  }
  const parts = [...per.values()];
  if (parts.length === 1) {
    CSS.highlights.set(name, parts[0]);
    return;
  }
  const merged = new Highlight(...parts.flatMap((h) => [...h]));
  merged.priority = Math.max(...parts.map((h) => h.priority));
  CSS.highlights.set(name, merged);
}

/** A registry-like object (set/delete) for one element; null without the Highlight API. */
export function sharedRegistry() {
  if (typeof CSS === "undefined" || !CSS.highlights || typeof Highlight !== "function") return null;
  const me = {};
  return {
    set(name, highlight) {
      if (!owners.has(name)) owners.set(name, new Map());
      owners.get(name).set(me, highlight);
      sync(name);
      return this;
    },
    delete(name) {
      const had = owners.get(name)?.delete(me) ?? false;
      sync(name);
      return had;
    },
  };
}
