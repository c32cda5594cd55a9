/**
 * erf in float64 (JavaScript has none): the Maclaurin series for |x| < 3 (about 1e-14 absolute after
 * the cancellation of its alternating terms) and the continued fraction of erfc beyond (Lentz).
 * Used by the float64 kernel computations; the networks themselves use tf.erf (float32).
 */
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export function erf64(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 3) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * sum;
  }
  if (ax > 6.5) return Math.sign(x);
  // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...)))))
  const tiny = 1e-300;
  let f = ax;
  let C = ax;
  let D = 0;
  for (let k = 1; k < 300; k++) {
    const a = k / 2;
    D = ax + a * D;
    D = Math.abs(D) < tiny ? tiny : D;
    C = ax + a / C;
    C = Math.abs(C) < tiny ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

/** d/dx erf(x) = 2/sqrt(pi) exp(-x^2). */
export function erfPrime64(x: number): number {
  return TWO_OVER_SQRT_PI * Math.exp(-x * x);
}
