import { describe } from 'vitest';
import gammaln from '@stdlib/math-base-special-gammaln';
import proof from '../../theorems/proofs/proof-b3.js';
import { identityOver, inequalityOver, step, trapezoid, trapezoid2, QUADRATURE_TOLERANCE, FLOAT64_TOLERANCE } from './support.js';

/**
 * Proof of Corollary B.3 (long version, Appendix B.2): every evaluable step, exactly (closed forms, and the printed
 * integrals by trapezoid quadrature, which is spectrally accurate for these Gaussian integrands; tolerance 1e-8 relative).
 */
const SQRT2PI = Math.sqrt(2 * Math.PI);
const phi = (x: number): number => Math.exp(-x * x / 2) / SQRT2PI;
/** lambda where the chi-square MGF exists (< 1/2), the range the proof needs (|lambda| < 1/4) and beyond */
const LAMBDAS_HALF = [-0.45, -0.3, -0.2, -0.1, -0.01, 0.01, 0.1, 0.2, 0.3, 0.45];
/** lambda where the product MGF exists (|lambda| < 1) */
const LAMBDAS_ONE = [-0.9, -0.5, -0.24, -0.1, 0.05, 0.2, 0.24, 0.5, 0.9];
/** the corollary's range |lambda| < 1/4, on a rational grid k/400 */
const LAMBDAS_QUARTER = Array.from({ length: 199 }, (_, i) => (i - 99) / 400);
const NS = [1, 2, 3, 5, 10, 20, 50, 100, 1000, 10_000];

/** E[e^{lambda X Y}] as the double integral of step 3 (trapezoid on [-30, 30]^2, h = 0.1), once per lambda. */
const doubleMgf = new Map(LAMBDAS_ONE.map((l) => [l, trapezoid2((x, y) => Math.exp(l * x * y - (x * x + y * y) / 2) / (2 * Math.PI), 30, 600)]));
const dm = (l: number): number => doubleMgf.get(l) as number;

describe('proof of Corollary B.3 (proof-b3)', () => {
  step(proof, 'proof-b3.step-1', {
    checks: 'The printed integral (1/sqrt(2 pi)) int e^{-lambda (x^2-1) e^{-x^2/2}} dx (trapezoid on [-40, 40]; its integrand tends to 1, so over R it diverges) against the closed form e^{-lambda}/sqrt(1 - 2 lambda) of E[e^{lambda (X^2 - 1)}]; corrected integrand e^{s lambda (x^2-1)} e^{-x^2/2}/sqrt(2 pi) with s = +1.',
    statement: { sign: 1 },
    twins: [{ id: 'sign', change: 'corrected integrand with e^{-lambda (x^2 - 1)}', statement: { sign: -1 } }],
    expected: { verdict: 'erratum', reason: 'the converted integrand puts the Gaussian weight inside the exponent (the integral diverges); with e^{lambda (x^2 - 1)} e^{-x^2/2} it equals the MGF' },
    measure: () => LAMBDAS_HALF.filter((l) => l !== 0),
    decide: (grid, s, ctx) =>
      identityOver(
        ctx,
        grid,
        (l) => ({ lhs: trapezoid((x) => Math.exp(-l * (x * x - 1) * Math.exp(-x * x / 2)), -40, 40, 32_000) / SQRT2PI, rhs: Math.exp(-l) / Math.sqrt(1 - 2 * l), message: `lambda = ${l}` }),
        'the printed MGF integral',
        QUADRATURE_TOLERANCE,
        { f: (l) => ({ lhs: trapezoid((x) => Math.exp(s.sign * l * (x * x - 1) - (x * x) / 2) / SQRT2PI, -40, 40, 32_000), rhs: Math.exp(-l) / Math.sqrt(1 - 2 * l), message: `lambda = ${l}` }), form: 'E[e^{lambda (X^2-1)}] = int e^{lambda (x^2-1)} e^{-x^2/2} dx / sqrt(2 pi)' },
      ),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-2', {
    checks: 'int e^{lambda (x^2-1)} phi(x) dx (trapezoid, [-40, 40], h = 0.0025) against e^{-lambda} (1 - 2 lambda)^p, p = -1/2, for lambda in (-1/2, 1/2).',
    statement: { p: -0.5 },
    twins: [{ id: 'p=-1', change: '(1 - 2 lambda)^{-1} in place of ^{-1/2}', statement: { p: -1 } }],
    expected: { verdict: 'holds', reason: 'the chi-square MGF in closed form' },
    measure: () => LAMBDAS_HALF,
    decide: (grid, s, ctx) => identityOver(ctx, grid, (l) => ({ lhs: trapezoid((x) => Math.exp(l * (x * x - 1) - (x * x) / 2) / SQRT2PI, -40, 40, 32_000), rhs: Math.exp(-l) * Math.pow(1 - 2 * l, s.p), message: `lambda = ${l}` }), 'E[e^{lambda (X^2 - 1)}] = e^{-lambda}/sqrt(1 - 2 lambda)', QUADRATURE_TOLERANCE),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-3', {
    checks: 'The double integral of e^{c lambda x y} phi(x) phi(y) (trapezoid on [-30, 30]^2, h = 0.1), c = 1, against the iterated expectation E_X[E_Y e^{lambda X Y}] = int e^{lambda^2 x^2/2} phi(x) dx (1-D trapezoid, the inner Gaussian MGF in closed form).',
    statement: { c: 1 },
    twins: [{ id: 'c=2', change: 'the integrand with e^{2 lambda x y}', statement: { c: 2 } }],
    expected: { verdict: 'holds', reason: 'the definition of the expectation, evaluated two ways' },
    measure: () => LAMBDAS_ONE,
    decide: (grid, s, ctx) =>
      identityOver(
        ctx,
        grid,
        (l) => ({ lhs: trapezoid((x) => Math.exp(((l * l - 1) * x * x) / 2) / SQRT2PI, -60, 60, 48_000), rhs: s.c === 1 ? dm(l) : trapezoid2((x, y) => Math.exp(s.c * l * x * y - (x * x + y * y) / 2) / (2 * Math.PI), 30, 600), message: `lambda = ${l}` }),
        'E[e^{lambda X Y}] as a double integral',
        QUADRATURE_TOLERANCE,
      ),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-4', {
    checks: 'Pointwise: lambda x y - x^2/2 - y^2/2 = -(x - lambda y)^2/2 - (k - lambda^2) y^2/2 with k = 1, on a 21 x 21 grid of (x, y) in [-5, 5]^2 for each lambda (float64 tolerance).',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: '(2 - lambda^2) in place of (1 - lambda^2)', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'completing the square is exact algebra' },
    measure: () => LAMBDAS_ONE.flatMap((l) => Array.from({ length: 441 }, (_, i) => ({ l, x: -5 + (i % 21) * 0.5, y: -5 + Math.floor(i / 21) * 0.5 }))),
    decide: (grid, s, ctx) => identityOver(ctx, grid, ({ l, x, y }) => ({ lhs: l * x * y - x * x / 2 - y * y / 2, rhs: -((x - l * y) ** 2) / 2 - ((s.k - l * l) * y * y) / 2, message: `lambda = ${l}, x = ${x}, y = ${y}` }), 'the completed square', FLOAT64_TOLERANCE),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-5', {
    checks: 'The double integral of the completed-square integrand (trapezoid, [-30, 30]^2, h = 0.1) against (1 - lambda^2)^p times the double integral of phi(x) phi(y), p = -1/2.',
    statement: { p: -0.5 },
    twins: [{ id: 'p=-1', change: '(1 - lambda^2)^{-1}', statement: { p: -1 } }],
    expected: { verdict: 'holds', reason: 'the change of variables' },
    measure: () => ({ grid: LAMBDAS_ONE, unit: trapezoid2((x, y) => phi(x) * phi(y), 30, 600) }),
    decide: (m, s, ctx) =>
      identityOver(ctx, m.grid, (l) => ({ lhs: trapezoid2((x, y) => Math.exp(-((x - l * y) ** 2) / 2 - ((1 - l * l) * y * y) / 2) / (2 * Math.PI), 30, 600), rhs: Math.pow(1 - l * l, s.p) * m.unit, message: `lambda = ${l}` }), 'the pulled-out factor', QUADRATURE_TOLERANCE),
    cases: (m) => m.grid.length,
  });

  step(proof, 'proof-b3.step-6', {
    checks: 'E[e^{lambda X Y}] (double integral) against (1 - lambda^2)^p, p = -1/2, for |lambda| < 1.',
    statement: { p: -0.5 },
    twins: [{ id: 'p=-1', change: '(1 - lambda^2)^{-1}', statement: { p: -1 } }],
    expected: { verdict: 'holds', reason: 'the product MGF in closed form' },
    measure: () => LAMBDAS_ONE,
    decide: (grid, s, ctx) => identityOver(ctx, grid, (l) => ({ lhs: dm(l), rhs: Math.pow(1 - l * l, s.p), message: `lambda = ${l}` }), 'E[e^{lambda X Y}] = (1 - lambda^2)^{-1/2}', QUADRATURE_TOLERANCE),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-7', {
    checks: '(1 - lambda^2)^p <= e^{-lambda} (1 - 2 lambda)^{-1/2}, p = -1/2, on lambda = k/400, |k| < 100 (the range |lambda| < 1/4 the corollary needs).',
    statement: { p: -0.5 },
    twins: [{ id: 'p=-2', change: '(1 - lambda^2)^{-2} on the left', statement: { p: -2 } }],
    expected: { verdict: 'holds', reason: 'in logs: -(1/2) log(1 - l^2) <= -l - (1/2) log(1 - 2 l) on (-0.5458, 1/2)' },
    measure: () => LAMBDAS_QUARTER,
    decide: (grid, s, ctx) => inequalityOver(ctx, grid, (l) => ({ lhs: s.p * Math.log1p(-l * l), rhs: -l - 0.5 * Math.log1p(-2 * l), message: `lambda = ${l} (logs)` }), 'the termwise MGF domination', 'everywhere (an MGF comparison is never trivial)'),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-8', {
    checks: 'Pointwise: exp(lambda sum_i x_i y_i) = prod_i exp(c lambda x_i y_i), c = 1, at n = 5 with x_i = (i - 2)/2, y_i = (3 - i)/3 and each lambda (float64).',
    statement: { c: 1 },
    twins: [{ id: 'c=2', change: 'prod exp(2 lambda x_i y_i)', statement: { c: 2 } }],
    expected: { verdict: 'holds', reason: 'e^{a+b} = e^a e^b' },
    measure: () => LAMBDAS_ONE,
    decide: (grid, s, ctx) =>
      identityOver(
        ctx,
        grid,
        (l) => {
          const xs = [0, 1, 2, 3, 4].map((i) => (i - 2) / 2);
          const ys = [0, 1, 2, 3, 4].map((i) => (3 - i) / 3);
          return { lhs: Math.exp(l * xs.reduce((a, x, i) => a + x * (ys[i] as number), 0)), rhs: xs.reduce((a, x, i) => a * Math.exp(s.c * l * x * (ys[i] as number)), 1), message: `lambda = ${l}` };
        },
        'exp of a sum is the product of exps',
      ),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-10', {
    checks: 'The product of n one-pair MGFs (step 6\'s double integral to the power n) against the MGF of Z from its chi-square representation Z = (A - B)/2: E[e^{lambda Z}] = ((1 - lambda)(1 + lambda))^{-n/2}, n in {1, 2, 5, 20}; twin: the product of k n factors, k = 2.',
    statement: { k: 1 },
    twins: [{ id: 'k=2', change: 'a product of 2n factors', statement: { k: 2 } }],
    expected: { verdict: 'holds', reason: 'independence of the pairs makes the MGF multiplicative' },
    measure: () => LAMBDAS_ONE.flatMap((l) => [1, 2, 5, 20].map((n) => ({ l, n }))),
    decide: (grid, s, ctx) => identityOver(ctx, grid, ({ l, n }) => ({ lhs: Math.pow(dm(l), s.k * n), rhs: Math.pow((1 - l) * (1 + l), -n / 2), message: `lambda = ${l}, n = ${n}` }), 'prod E[e^{lambda X_i Y_i}] = E[e^{lambda Z}]', QUADRATURE_TOLERANCE),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-11', {
    checks: 'In logs: (n p) log(1 - lambda^2) <= -n lambda - (n/2) log(1 - 2 lambda), p = -1/2, for n in {1..10^4} and |lambda| < 1/4 on the grid k/400.',
    statement: { p: -0.5 },
    twins: [{ id: 'p=-2', change: '(1 - lambda^2)^{-2n}', statement: { p: -2 } }],
    expected: { verdict: 'holds', reason: 'step 7 raised to the n-th power' },
    measure: () => NS.flatMap((n) => LAMBDAS_QUARTER.filter((_, i) => i % 9 === 0).map((l) => ({ n, l }))),
    decide: (grid, s, ctx) => inequalityOver(ctx, grid, ({ n, l }) => ({ lhs: n * s.p * Math.log1p(-l * l), rhs: -n * l - (n / 2) * Math.log1p(-2 * l), message: `n = ${n}, lambda = ${l} (logs)` }), 'the product domination', 'everywhere'),
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-12', {
    checks: 'The product prod_i E[e^{lambda (X_i^2 - 1)}] = e^{-n lambda} (1 - 2 lambda)^{-n/2} against the printed E[e^{lambda X_i^2}] = (1 - 2 lambda)^{-1/2}; corrected: E[e^{lambda (X - n)}], X ~ chi-square_n, by trapezoid quadrature of the chi-square density after x = u^2 (odd n, where the integrand is smooth; shift n + k, k = 0).',
    statement: { k: 0 },
    twins: [{ id: 'k=1', change: 'corrected form centred at n + 1', statement: { k: 1 } }],
    expected: { verdict: 'erratum', reason: 'the printed right side is one uncentred factor; the product is the MGF of the centred chi-square sum' },
    measure: () => [-0.2, -0.1, 0.1, 0.2].flatMap((l) => [1, 3, 5, 21].map((n) => ({ l, n }))),
    decide: (grid, s, ctx) => {
      const lhs = (l: number, n: number): number => Math.exp(-n * l) * Math.pow(1 - 2 * l, -n / 2);
      return identityOver(ctx, grid, ({ l, n }) => ({ lhs: lhs(l, n), rhs: Math.pow(1 - 2 * l, -0.5), message: `lambda = ${l}, n = ${n}` }), 'the printed right side', QUADRATURE_TOLERANCE, {
        f: ({ l, n }) => {
          // substitute x = u^2 to remove the x^{n/2 - 1} singularity at 0 for n = 1
          // x = u^2 over u in R: the integrand |u|^{n-1} e^{-u^2/2 + lambda (u^2 - n - k)} / (2^{n/2} Gamma(n/2)) is smooth for odd n (spectral trapezoid)
          const val = trapezoid((u) => Math.pow(Math.abs(u), n - 1) * Math.exp(-(u * u) / 2 + l * (u * u - n - s.k) - (n / 2) * Math.LN2 - gammaln(n / 2)), -30, 30, 60_000);
          return { lhs: lhs(l, n), rhs: val, message: `lambda = ${l}, n = ${n}` };
        },
        form: 'E[e^{lambda (X - n)}], X = sum_i X_i^2',
      });
    },
    cases: (g) => g.length,
  });

  step(proof, 'proof-b3.step-13', {
    checks: 'In logs: -(n/2) log(1 - lambda^2) <= nu^2 lambda^2 / 2 with nu^2 = v n, v = 4 (SE(2 sqrt n, 4)), for n in {1..10^4} and |lambda| < 1/4.',
    statement: { v: 4 },
    twins: [{ id: 'nu=sqrt(n)/2', change: 'nu^2 = n/4', statement: { v: 0.25 } }],
    expected: { verdict: 'holds', reason: '-(1/2) log(1 - l^2) <= 2 l^2 for |l| < 1/4' },
    measure: () => NS.flatMap((n) => LAMBDAS_QUARTER.filter((_, i) => i % 9 === 0 && i !== 99).map((l) => ({ n, l }))),
    decide: (grid, s, ctx) => inequalityOver(ctx, grid, ({ n, l }) => ({ lhs: -(n / 2) * Math.log1p(-l * l), rhs: (s.v * n * l * l) / 2, message: `n = ${n}, lambda = ${l} (logs)` }), 'Z in SE(2 sqrt n, 4)', 'everywhere'),
    cases: (g) => g.length,
  });
});
