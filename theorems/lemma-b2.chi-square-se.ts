import type { ClaimRecord } from '../src/verdict/types.js';

/** The statement's parameters: nu^2 / n (nu = 2 sqrt n: 4) and b (4), of SE(nu, b). */
export type SeParams = { nuSqPerN: number; b: number };


export interface ChiSquareSeDomain {
  /** exact grid: every n in 1..nMax, and the sizes in nExtra */
  nMax: number;
  nExtra: number[];
  /** exact grid of lambda = k / (4 gridL), |k| < gridL: the open interval (-1/4, 1/4) on a rational grid */
  gridL: number;
  /** fast-check search: n in 1..searchNMax, lambda = k / (4 searchL), |k| < searchL */
  searchNMax: number;
  searchL: number;
  numRuns: number;
  /** boundary: lambda = +-(1/4 - 2^-j), j = 3..boundaryBits */
  boundaryBits: number;
  /** the negative side beyond -1/4: lambda = -1/4 * 2^(j/4), j = 1..negativeSteps */
  negativeSteps: number;
}

/** Definition B.1 and Lemma B.2 (long version, Appendix B): the chi-square sum is sub-exponential with (nu, b) = (2 sqrt n, 4). */
export const record: ClaimRecord<ChiSquareSeDomain, SeParams> = {
  id: 'lemma-b2.chi-square-se',
  title: 'Lemma B.2: X = sum_{i<=n} X_i^2 (X_i iid N(0,1)) is SE(2 sqrt n, 4): e^{-lambda n}(1 - 2 lambda)^{-n/2} <= e^{2 n lambda^2} for |lambda| < 1/4',
  quote: String.raw`\textbf{Definition B.1. (sub-exponential)} A random variable X with mean $\mu = \mathbb{E}[X]$ is sub-exponential if there are non-negative parameters $(\nu, b)$ such that $$\mathbb{E}[e^{\lambda(X-\mu)}] \le e^{\frac{\nu^2 \lambda^2}{2}} \quad \text{for all} \quad |\lambda| < \frac{1}{b}.$$ We denote $X \in SE(\nu, b)$. \ldots \textbf{Lemma B.2.} Let $X = \sum_{i=1}^{n} X_i^2$ where $X_i \sim N(0, 1)$ and i.i.d. Then $X \in SE(2\sqrt{n}, 4)$.`,
  sources: { long: ['Definition B.1', 'Lemma B.2', 'used in: proof of Corollary B.3; proof of Lemma C.2 (via Corollary B.3 and Lemma B.4)'] },
  kind: 'identity',
  hypotheses: ['X_i ~ N(0,1) iid', 'abs-lambda-lt-1/b: |lambda| < 1/b = 1/4'],
  uses: [],
  checks:
    'The moment generating function is exact: E[e^{lambda (X - n)}] = e^{-lambda n} (1 - 2 lambda)^{-n/2} (lambda < 1/2). In logs, slack = log RHS - log LHS = 2 n lambda^2 + lambda n + (n/2) log(1 - 2 lambda), evaluated in float64 with log1p on an exact grid (every n in 1..nMax and large n; lambda = k/(4L), |k| < L) and by a fast-check search over (n, k) on a finer rational grid; a case violates when slack < -relTol * n (|lambda| + 2 lambda^2 + |log(1 - 2 lambda)|/2). ' +
    'Reported: the smallest slack and the smallest relative slack (slack / log RHS) with where they occur, the tightest admissible nu (sup over |lambda| < 1/4 of 2 log LHS / lambda^2), the behaviour at lambda -> +-1/4 (the bound holds at |lambda| = 1/4 itself), the largest lambda > 0 for which the bound still holds (the smallest admissible b), and the negative side beyond -1/4. Exploration "abs-lambda-lt-1/b" (|lambda| < 1/b broken): lambda in [1/4, 1/2) and in [-1/2, -1/4].',
  domain: {
    quick: { nMax: 100, nExtra: [1000, 10_000, 100_000, 1_000_000], gridL: 1000, searchNMax: 1_000_000, searchL: 1_000_000, numRuns: 1000, boundaryBits: 40, negativeSteps: 40 },
    paper: { nMax: 2000, nExtra: [10_000, 100_000, 1_000_000, 1e7, 1e8, 1e9], gridL: 20_000, searchNMax: 1_000_000_000, searchL: 100_000_000, numRuns: 20_000, boundaryBits: 50, negativeSteps: 80 },
  },
  thresholds: {
    relTol: {
      value: 1e-12,
      why: 'float64 rounding of lambda n + (n/2) log1p(-2 lambda) + 2 n lambda^2 is at most a few ulps (~1e-15) of the magnitude of its terms n (|lambda| + 2 lambda^2 + |log1p(-2 lambda)|/2); 1e-12 of that magnitude leaves three orders of margin and is far below the smallest true slack on the grid (n lambda^2 ~ 1e-7 relative at the smallest |lambda|)',
    },
    lambdaOpenBound: { value: 0.25, why: '1/b with b = 4: the grid and the search keep |lambda| < 1/4 strictly (k/(4L), |k| < L)' },
  },
  tests: 0,
  rule: 'inequality',
  statement: { nuSqPerN: 4, b: 4 },
  twins: [
    { id: 'nu^2/10', change: 'nu^2 = 0.4 n instead of 4 n', statement: { nuSqPerN: 0.4 } },
    { id: 'b/2', change: 'b = 2: |lambda| < 1/2 instead of 1/4 (the bound fails for lambda > 0.342)', statement: { b: 2 } },
  ],
  combine: 'one domain: the exact grid (every n listed, lambda = k/(bL), |k| < L) and the search; any violation fails',
  searches: [
    { name: 'main', what: '(n, lambda) with |lambda| < 1/b where the chi-square MGF exceeds e^{nu^2 lambda^2/2}' },
    { name: 'main-grid', what: 'the violating exact grid points, replayed through fast-check' },
    { name: 'abs-lambda-lt-1/b', breaks: '|lambda| < 1/b', what: 'lambda in [1/4, 1/2) or [-1/2, -1/4]' },
  ],
  expected: {
    verdict: 'holds',
    reason: 'Decided by the inequality rule (unchanged: holds; the bound binds at every lambda != 0). slack = n (2 lambda^2 + lambda + log(1 - 2 lambda)/2) is >= 0 on (-1/4, 1/4) (zero only at lambda = 0, increasing in |lambda| up to lambda = 1/4 where it is 0.0284 n), so no grid point or searched case violates; the bound fails only for lambda > 0.3419.',
  },
};
export default record;
