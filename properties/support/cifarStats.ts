import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Deciding a per-seed quantity against a declared threshold over several seeds: a one-sided
 * Student t bound on its mean at the claim's per-test alpha.
 * - `met`: the bound lies on the claimed side of the threshold (the opposite is rejected at alpha)
 *   and every seed is on the claimed side;
 * - `contradicted`: the opposite one-sided bound lies on the other side (the claimed side is
 *   rejected at alpha): a failing test;
 * - `consistent`: every seed is on the claimed side but the few seeds cannot show it at alpha;
 * - `undecided`: seeds on both sides and nothing shown.
 * A claim "holds" when no part is contradicted and every part is met or consistent (the README's
 * "nothing contradicts it at the declared error rate"), and the summary says how many were shown.
 */
export type PartStatus = 'met' | 'consistent' | 'contradicted' | 'undecided';

export interface PartDecision {
  name: string;
  /** what the claim asks: value below (<=) or above (>=) the threshold */
  side: 'below' | 'above';
  threshold: number;
  values: number[];
  mean: number;
  sd: number;
  /** one-sided (1 - alpha) bounds on the mean */
  lower: number;
  upper: number;
  status: PartStatus;
  seedsOnSide: number;
}

export function meanSd(v: readonly number[]): { mean: number; sd: number } {
  const n = v.length;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd };
}

export function decidePart(name: string, values: readonly number[], side: 'below' | 'above', threshold: number, alpha: number): PartDecision {
  const n = values.length;
  const { mean, sd } = meanSd(values);
  let lower = -Infinity;
  let upper = Infinity;
  if (n >= 2) {
    const q = tQuantile(1 - alpha, n - 1);
    const se = sd / Math.sqrt(n);
    lower = mean - q * se;
    upper = mean + q * se;
  }
  const seedsOnSide = values.filter((v) => (side === 'below' ? v <= threshold : v >= threshold)).length;
  let status: PartStatus = seedsOnSide === n ? 'consistent' : 'undecided';
  if (side === 'below') {
    if (upper < threshold && seedsOnSide === n) status = 'met';
    else if (lower > threshold) status = 'contradicted';
  } else {
    if (lower > threshold && seedsOnSide === n) status = 'met';
    else if (upper < threshold) status = 'contradicted';
  }
  return { name, side, threshold, values: [...values], mean, sd, lower: Number.isFinite(lower) ? lower : mean, upper: Number.isFinite(upper) ? upper : mean, status, seedsOnSide };
}

export function partRow(d: PartDecision): Record<string, number | string> {
  return {
    part: d.name,
    claim: `${d.side === 'below' ? '<=' : '>='} ${d.threshold}`,
    seeds: d.values.length,
    mean: finiteOr(d.mean, 'not finite'),
    sd: finiteOr(d.sd, 'not finite'),
    'lower bound (1-alpha)': finiteOr(d.lower, 'not finite'),
    'upper bound (1-alpha)': finiteOr(d.upper, 'not finite'),
    'seeds on the claimed side': d.seedsOnSide,
    status: d.status,
    values: d.values.map((v) => fmt(v)).join(', '),
  };
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e4 || a < 1e-3 ? x.toExponential(3) : Number(x.toPrecision(4)).toString();
}

/** Replaces non-finite numbers (a diverged run) by a string, as checkClaim requires. */
export function finiteOr(x: number, s: string): number | string {
  return Number.isFinite(x) ? x : s;
}

/** The verdict of a claim made of parts: fails on a contradicted part, holds when every part is met or consistent, else inconclusive. */
export function partsVerdict(parts: readonly PartDecision[]): 'holds' | 'fails' | 'inconclusive' {
  if (parts.some((p) => p.status === 'contradicted')) return 'fails';
  if (parts.every((p) => p.status === 'met' || p.status === 'consistent')) return 'holds';
  return 'inconclusive';
}

export function statusCounts(parts: readonly PartDecision[]): string {
  const c = (s: PartStatus): number => parts.filter((p) => p.status === s).length;
  return `${c('met')} met (shown at alpha), ${c('consistent')} consistent (every seed on the claimed side, not shown at alpha), ${c('contradicted')} contradicted, ${c('undecided')} undecided, of ${parts.length}`;
}
