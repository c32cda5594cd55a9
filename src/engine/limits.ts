import { InputError, requireNumber } from '../errors.js';

/**
 * The sizes the simulator accepts: large enough for every tier (the paper's m = 1000, d = 20, n = 200
 * and widths of millions), small enough that a typo (m = 1e12, n = 2^31) is refused with an error naming
 * it instead of exhausting memory. Widths beyond these run through the exact reduced simulator.
 */

/** the most float64 entries one matrix of the simulator may hold (2^28: 2 GiB) */
export const MAX_ENTRIES = 2 ** 28;
/** the largest input dimension d */
export const MAX_DIM = 2 ** 20;
/** the largest minibatch */
export const MAX_BATCH = 2 ** 24;

/** A whole number of rows `rows` of a matrix with `cols` columns, within MAX_ENTRIES; returns it or throws naming `name`. */
export function requireRows(name: string, rows: unknown, cols: number, min = 1): number {
  const r = requireNumber(name, rows, { min, integer: true });
  if (r * cols > MAX_ENTRIES) throw new InputError(name, `${r} rows of ${cols} entries exceed the simulator's ${MAX_ENTRIES} entries per matrix`);
  return r;
}

/** A seed: a string, or a finite number (every random stream is named after it). */
export function requireSeed(name: string, seed: unknown): string | number {
  if (typeof seed === 'string') return seed;
  if (typeof seed === 'number' && Number.isFinite(seed)) return seed;
  const shown = typeof seed === 'number' ? String(seed) : typeof seed;
  throw new InputError(name, `expected a string or a finite number, got ${shown}`);
}

/** An options object (undefined or null meaning none); anything else is refused naming `name`. */
export function requireOptions<T extends object>(name: string, v: unknown): Partial<T> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new InputError(name, `expected an object, got ${Array.isArray(v) ? 'an array' : typeof v}`);
  return v as Partial<T>;
}

/** An optional callback: undefined, or a function. */
export function requireCallback(name: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'function') throw new InputError(name, `expected a function, got ${v === null ? 'null' : typeof v}`);
}
