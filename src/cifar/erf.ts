/**
 * erf in float64 (JavaScript has none): the Maclaurin series for |x| < 3 (about 1e-14 absolute after
 * the cancellation of its alternating terms) and the continued fraction of erfc beyond (Lentz).
 * Used by the float64 kernel computations; the networks themselves use tf.erf (float32).
 */
export const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

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

/*
 * erf by the rational approximations of Moshier's Cephes library (ndtr.c, "Methods and Programs for
 * Mathematical Functions", 1989; public domain; the same approximations scipy's erf evaluates):
 *   |x| <= 1:      erf(x) = x T(x^2) / U(x^2)                     (T degree 4, U monic degree 5)
 *   1 < |x| < 8:   erfc(|x|) = exp(-x^2) P(|x|) / Q(|x|)          (P degree 8, Q monic degree 8)
 *   |x| >= 8:      erfc(|x|) = exp(-x^2) R(|x|) / S(|x|)          (R degree 5, S monic degree 6)
 * About 20 flops and one exp, against 20-40 series terms in erf64: the Gram path evaluates n m
 * of them every step. It shares the exp with erf'(x) = 2/sqrt(pi) exp(-x^2). Held equal to erf64
 * within 1e-15 absolute in test/cifar/gram.test.ts.
 */
const ERF_T = [9.60497373987051638749e0, 9.00260197203842689217e1, 2.23200534594684319226e3, 7.00332514112805075473e3, 5.55923013010394962768e4] as const;
const ERF_U = [3.35617141647503099647e1, 5.21357949780152679795e2, 4.59432382970980127987e3, 2.26290000613890934246e4, 4.92673942608635921086e4] as const;
const ERFC_P = [
  2.46196981473530512524e-10, 5.64189564831068821977e-1, 7.46321056442269912687e0, 4.86371970985681366614e1, 1.96520832956077098242e2, 5.26445194995477358631e2, 9.34528527171957607540e2, 1.02755188689515710272e3,
  5.57535335369399327526e2,
] as const;
const ERFC_Q = [1.32281951154744992508e1, 8.67072140885989742329e1, 3.54937778887819891062e2, 9.75708501743205489753e2, 1.82390916687909736289e3, 2.24633760818710981792e3, 1.65666309194161350182e3, 5.57535340817727675546e2] as const;
const ERFC_R = [5.64189583547755073984e-1, 1.27536670759978104416e0, 5.01905042251180477414e0, 6.16021097993053585195e0, 7.40974269950448939160e0, 2.97886665372100240670e0] as const;
const ERFC_S = [2.26052863220117276590e0, 9.39603524938001434673e0, 1.20489539808096656605e1, 1.70814450747565897222e1, 9.60896809063285878198e0, 3.36907645100081516050e0] as const;

/** c[0] x^deg + ... + c[deg] (Horner). */
function poly(x: number, c: readonly number[]): number {
  let s = c[0] as number;
  for (let i = 1; i < c.length; i++) s = s * x + (c[i] as number);
  return s;
}

/** x^deg + c[0] x^(deg-1) + ... (monic, Horner). */
function poly1(x: number, c: readonly number[]): number {
  let s = x + (c[0] as number);
  for (let i = 1; i < c.length; i++) s = s * x + (c[i] as number);
  return s;
}

/** erf(x) from e = exp(-x^2) (already computed for erf'). */
function erfWithExp(x: number, e: number): number {
  const ax = Math.abs(x);
  if (ax <= 1) {
    const z = x * x;
    return (x * poly(z, ERF_T)) / poly1(z, ERF_U);
  }
  const erfc = ax < 8 ? (e * poly(ax, ERFC_P)) / poly1(ax, ERFC_Q) : (e * poly(ax, ERFC_R)) / poly1(ax, ERFC_S);
  return x < 0 ? erfc - 1 : 1 - erfc;
}

/** erf(x), Cephes' rational approximation (see above). */
export function erfRational64(x: number): number {
  return erfWithExp(x, Math.exp(-x * x));
}

/** The coefficients, for the WebAssembly kernel that evaluates the same polynomials (src/cifar/erfKernel.ts). */
export const ERF_COEFFICIENTS = { T: ERF_T, U: ERF_U, P: ERFC_P, Q: ERFC_Q, R: ERFC_R, S: ERFC_S } as const;

/** A[t] = erf(H[t]) and G[t] = erf'(H[t]) for t < len, in place into A and G: the activation and its derivative. */
export function erfAndPrime(H: Float64Array, A: Float64Array, G: Float64Array, len = H.length): void {
  erfAndPrimeRange(H, A, G, 0, len);
}

/** erfAndPrime for from <= t < to. */
export function erfAndPrimeRange(H: Float64Array, A: Float64Array, G: Float64Array, from: number, to: number): void {
  for (let t = from; t < to; t++) {
    const x = H[t] as number;
    const e = Math.exp(-x * x);
    A[t] = erfWithExp(x, e);
    G[t] = TWO_OVER_SQRT_PI * e;
  }
}
