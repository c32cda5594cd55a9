/**
 * One family-wise error rate for the whole suite. Each probabilistic claim declares how many
 * statistical tests it runs (`tests` in its record); the family is the sum over all claims of the
 * registry, fixed before any run, so that a claim's threshold does not depend on which other claims
 * ran, in what order, or on how the audit was sharded. The split is Bonferroni (a valid, if
 * conservative, control of the family-wise error rate at alpha; Holm's step-down needs every
 * p-value of the family at once and would make a claim's verdict depend on the others').
 */
export const FAMILY_ALPHA = 0.05;

export function perTestAlpha(familySize: number, alpha = FAMILY_ALPHA): number {
  if (!(familySize >= 1)) throw new RangeError(`family size must be >= 1, got ${familySize}`);
  return alpha / familySize;
}

/** Holm's step-down adjustment of a list of p-values (reported beside Bonferroni in the methods section). */
export function holmAdjust(p: readonly number[]): number[] {
  const order = p.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const adj = new Array<number>(p.length);
  let running = 0;
  order.forEach(([v, i], rank) => {
    running = Math.max(running, Math.min(1, (p.length - rank) * v));
    adj[i] = running;
  });
  return adj;
}
