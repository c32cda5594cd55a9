/** The one number formatter for evidence and messages: 6 significant digits, exponent form outside [1e-3, 1e5). */
export const fmt = (x: number): string =>
  !Number.isFinite(x) ? String(x) : x === 0 ? '0' : Math.abs(x) >= 1e5 || Math.abs(x) < 1e-3 ? x.toExponential(4) : x.toPrecision(6);

/** A finite number for evidence: +-Infinity become the given cap (and NaN is an error). */
export function finite(x: number, cap = 1e300): number {
  if (Number.isNaN(x)) throw new Error('finite: NaN');
  return Math.max(-cap, Math.min(cap, x));
}

