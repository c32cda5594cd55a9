/**
 * One error type for every rejected input: the message names the input and what
 * was expected, so the CLI can print it on one line.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly problem: string,
  ) {
    super(`invalid ${input}: ${problem}`);
    this.name = 'InputError';
  }
}

function describe(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  return typeof v;
}

/** A finite number, with optional bounds; returns it or throws an InputError naming `name`. */
export function requireNumber(
  name: string,
  v: unknown,
  opts: { min?: number; max?: number; exclusiveMin?: boolean; integer?: boolean } = {},
): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new InputError(name, `expected a finite number, got ${describe(v)}`);
  }
  if (opts.integer && !Number.isInteger(v)) throw new InputError(name, `expected an integer, got ${v}`);
  if (opts.min !== undefined) {
    if (opts.exclusiveMin ? v <= opts.min : v < opts.min) {
      throw new InputError(name, `expected ${opts.exclusiveMin ? '>' : '>='} ${opts.min}, got ${v}`);
    }
  }
  if (opts.max !== undefined && v > opts.max) throw new InputError(name, `expected <= ${opts.max}, got ${v}`);
  return v;
}
