import type { Rng } from './rng.js';

/**
 * Gamma(shape, 1) by Marsaglia and Tsang (2000), exact for shape >= 1; for shape < 1 via
 * Gamma(shape + 1) * U^(1/shape). Used for chi-square draws with very many degrees of freedom.
 */
export function gammaDraw(rng: Rng, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return gammaDraw(rng, shape + 1) * Math.pow(rng.double(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = rng.gaussian();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.double();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** chi-square with k degrees of freedom. */
export function chiSquareDraw(rng: Rng, k: number): number {
  return 2 * gammaDraw(rng, k / 2);
}
