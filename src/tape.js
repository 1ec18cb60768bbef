// The JS half of src/tape.rs: builds the plain objects of a value written on a tape. Called by
// the wasm `analyze` (imported through wasm-bindgen; build.sh inlines this file into the glue,
// so the package stays quotelens.js + quotelens_bg.wasm). `words`, `numbers` and `ends` are
// views of wasm memory, valid during this call only; `text` holds the strings one after another
// and `ends[i]` is where string i ends (UTF-16 units).
export function decode_tape(words, numbers, text, ends) {
  const strs = new Array(ends.length);
  const str = (i) => {
    let s = strs[i];
    if (s === undefined) s = strs[i] = text.substring(i === 0 ? 0 : ends[i - 1], ends[i]);
    return s;
  };
  let pos = 0;
  const value = () => {
    const w = words[pos++];
    const p = w >>> 3;
    switch (w & 7) {
      case 0:
        return null;
      case 1:
        return p !== 0;
      case 2:
        return p;
      case 3:
        return numbers[p];
      case 4:
        return str(p);
      case 5: {
        // spans ([start, end]) are most arrays: a literal is faster than a filled `new Array`,
        // and two integers are read in place (no call per number)
        if (p === 2) {
          const a = words[pos];
          const b = words[pos + 1];
          if ((a & 7) === 2 && (b & 7) === 2) {
            pos += 2;
            return [a >>> 3, b >>> 3];
          }
          return [value(), value()];
        }
        const a = new Array(p);
        for (let i = 0; i < p; i++) a[i] = value();
        return a;
      }
      case 6: {
        const o = {};
        for (let i = 0; i < p; i++) {
          const k = str(words[pos++]);
          o[k] = value();
        }
        return o;
      }
      default:
        throw new Error(`INTERNAL: bad tape word ${w} at ${pos - 1}`);
    }
  };
  return value();
}
