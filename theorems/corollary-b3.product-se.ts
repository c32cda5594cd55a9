import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameters: nu^2 / n (nu = 2 sqrt n: 4) and b (4), of SE(nu, b). */
export type SeParams = { nuSqPerN: number; b: number };


export interface ProductSeDomain {
  /** exact grid: every n in 1..nMax, and the sizes in nExtra */
  nMax: number;
  nExtra: number[];
  /** exact grid of lambda = k / (4 gridL), |k| < gridL */
  gridL: number;
  /** fast-check searches: n in 1..searchNMax, lambda = k / (4 searchL), |k| < searchL */
  searchNMax: number;
  searchL: number;
  numRuns: number;
}

/** Corollary B.3 (long version, Appendix B) with the inequality its proof rests on. */
export const record: ClaimRecord<ProductSeDomain, SeParams> = {
  id: 'corollary-b3.product-se',
  title: 'Corollary B.3: Z = sum_{i<=n} X_i Y_i is SE(2 sqrt n, 4): (1 - lambda^2)^{-n/2} <= e^{2 n lambda^2} for |lambda| < 1/4 (printed "Then X in SE(2 sqrt n, 4)")',
  quote: String.raw`\textbf{Corollary B.3.} Let $Z = \sum_{i=1}^{n} X_i \cdot Y_i$ where $X_i, Y_i \sim N(0, 1)$ and i.i.d. Then $X \in SE(2\sqrt{n}, 4)$. \ldots \textbf{Proof of Corollary B.3}. \ldots $$\mathbb{E}[e^{\lambda X_i^2 - 1}] = \ldots = \frac{e^{-\lambda}}{\sqrt{1 - 2\lambda}} \ldots \mathbb{E}[e^{\lambda X_i Y_i}] = \ldots = \frac{1}{\sqrt{1-\lambda^2}} \leq \mathbb{E}[e^{\lambda X^2 - 1}] \ldots \prod_{i=1}^{n} \mathbb{E}\left[e^{\lambda X_{i} \cdot Y_{i}}\right] \leq \prod_{i=1}^{n} \mathbb{E}\left[e^{\lambda X_{i}^{2}-1}\right] = \mathbb{E}\left[e^{\lambda X_{i}^{2}}\right]$$ By lemma B.2, we have $X = \sum_{i=1}^{n} X_i^2 \in SE(2\sqrt{n}, 4)$. Therefore, we retain $Z = \sum_{i=1}^{n} X_i \cdot Y_i \in SE(2\sqrt{n}, 4)$.`,
  sources: { long: ['Corollary B.3', 'Proof of Corollary B.3', 'used in: proof of Lemma C.2 (Z_j = sum_i X_ij Y_i in SE[2 sqrt m, 4], then Lemma B.4)'] },
  kind: 'identity',
  hypotheses: ['X_i, Y_i ~ N(0,1) iid', 'abs-lambda-lt-1/b: |lambda| < 1/b = 1/4'],
  uses: ['lemma-b2.chi-square-se'],
  checks:
    'Read with Z for the printed X (the corollary defines only Z; its proof concludes "Z in SE(2 sqrt n, 4)" and Lemma C.2 uses it for Z_j). Exact MGF: E[e^{lambda Z}] = (1 - lambda^2)^{-n/2} (|lambda| < 1), mean 0. In logs, slack = 2 n lambda^2 + (n/2) log(1 - lambda^2) on an exact grid (every n in 1..nMax and large n; lambda = k/(4L), |k| < L) and by a fast-check search (main). ' +
    'The proof\'s own inequality, a claim of its own: 1/sqrt(1 - lambda^2) = E[e^{lambda X_i Y_i}] <= E[e^{lambda (X_i^2 - 1)}] = e^{-lambda}/sqrt(1 - 2 lambda), checked on the same lambda grid and by a search ("intermediate"), and located exactly: the lambda range where it holds (a root below -1/4 by bisection; infinite right-hand side from lambda = 1/2). ' +
    'The verdict is the statement\'s; the proof step\'s own result is reported beside it (evidence intermediate*). Exploration "abs-lambda-lt-1/b": lambda in [1/4, 1) for the statement; the largest |lambda| for which it still holds is reported.',
  domain: {
    quick: { nMax: 100, nExtra: [1000, 10_000, 100_000, 1_000_000], gridL: 1000, searchNMax: 1_000_000, searchL: 1_000_000, numRuns: 1000 },
    paper: { nMax: 2000, nExtra: [10_000, 100_000, 1_000_000, 1e7, 1e8, 1e9], gridL: 20_000, searchNMax: 1_000_000_000, searchL: 100_000_000, numRuns: 20_000 },
  },
  thresholds: {
    relTol: {
      value: 1e-12,
      why: 'float64 rounding of 2 n lambda^2 + (n/2) log1p(-lambda^2) (and of -lambda - log1p(-2 lambda)/2 + log1p(-lambda^2)/2) is a few ulps of the magnitude of its terms; a case violates when the slack is below -1e-12 of that magnitude (three orders above rounding, far below the smallest true slack on the grid)',
    },
    lambdaOpenBound: { value: 0.25, why: '1/b with b = 4: grid and searches keep |lambda| < 1/4 strictly' },
  },
  tests: 0,
  rule: 'inequality',
  statement: { nuSqPerN: 4, b: 4 },
  twins: [
    { id: 'nu^2/10', change: 'nu^2 = 0.4 n instead of 4 n', statement: { nuSqPerN: 0.4 } },
    { id: 'b/4', change: 'b = 1: |lambda| < 1 instead of 1/4 (the MGF blows up as |lambda| -> 1)', statement: { b: 1 } },
  ],
  combine: 'one domain: the exact grid (every n listed, lambda = k/(bL), |k| < L) and the search; any violation fails',
  searches: [
    { name: 'main', what: '(n, lambda) with |lambda| < 1/b where E e^{lambda Z} exceeds e^{nu^2 lambda^2/2}' },
    { name: 'main-grid', what: 'the violating exact grid points, replayed through fast-check' },
    { name: 'intermediate', what: 'lambda in (-1/4, 1/4) where the proof step E e^{lambda X Y} <= E e^{lambda (X^2 - 1)} fails (reported)' },
    { name: 'intermediate-grid', what: 'the violating grid points of the proof step, replayed' },
    { name: 'abs-lambda-lt-1/b', breaks: '|lambda| < 1/b', what: 'lambda in [1/4, 1)' },
  ],
  expected: {
    verdict: 'holds',
    reason: 'Decided by the inequality rule (unchanged: holds; the bound binds at every lambda != 0). slack = n (2 lambda^2 + log(1 - lambda^2)/2) >= 1.48 n lambda^2 > 0 on (-1/4, 1/4) \\ {0}, so no grid point or searched case violates (the printed variable X is read as Z); the proof\'s intermediate inequality also holds there (exactly on (-0.5458, 1/2)).',
  },
};
export default record;
