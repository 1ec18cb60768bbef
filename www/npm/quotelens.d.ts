// Types of the quotelens package (DESIGN.md §3.1, §3.4).
export type {
  Span, AnalyzeOptions, Quote, Entity, Mention, Attribution, Claim, Conflict, Warning, Analysis, InitInput, SyncInitInput,
} from "./glue.js";
import type { AnalyzeOptions, Analysis, InitInput, SyncInitInput } from "./glue.js";

/**
 * Loads the engine once. Without an argument it loads `quotelens_bg.wasm` next to the module
 * (in Node: read from disk). Later calls return the same promise.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Synchronous init from wasm bytes or a compiled module. */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): void;

/**
 * Analyses `text` (call init first). Synchronous; every offset is in UTF-16 code units of `text`.
 * @throws Error whose message starts with a stable code: "INPUT_TOO_LARGE: …", "INVALID_OPTIONS: …", "NOT_INITIALIZED: …"
 */
export function analyze(text: string, options?: AnalyzeOptions): Analysis;

/** The engine's version, or null before init. */
export function version(): string | null;
