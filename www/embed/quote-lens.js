// The embed's entry: <script type="module" src="/quotelens/quote-lens.js"></script>
// Registers <quote-lens> once. Including the script twice (even from two URLs,
// i.e. two copies of this module) is harmless: the second copy sees the
// element already defined and does nothing. No globals.
import { QuoteLensElement } from "./quote-lens-element.js";

if (typeof customElements !== "undefined" && !customElements.get("quote-lens")) {
  customElements.define("quote-lens", QuoteLensElement);
}

export { QuoteLensElement };
