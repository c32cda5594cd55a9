import fc from 'fast-check';
import record from '../theorems/lemma-b2.chi-square-se.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { bisect, exploration, fmt, GridTally } from './support/appendixB.js';

const relTol = record.thresholds.relTol!.value;
/** the hypothesis |lambda| < 1/b, named shell-safe (it is the search name in the replay command) */
const HYP = 'abs-lambda-lt-1/b';

/** log E[e^{lambda (X - n)}] = -lambda n - (n/2) log(1 - 2 lambda), X ~ chi-square_n, lambda < 1/2. */
const logMgf = (n: number, lambda: number, l1p: number = Math.log1p(-2 * lambda)): number => -lambda * n - (n / 2) * l1p;
/** log of the SE(2 sqrt n, 4) bound: nu^2 lambda^2 / 2 with nu = 2 sqrt n. */
const logBound = (n: number, lambda: number): number => 2 * n * lambda * lambda;

interface Eval {
  slack: number;
  rel: number;
  violated: boolean;
  lhs: number;
  rhs: number;
}

function evaluate(n: number, lambda: number, l1p: number = Math.log1p(-2 * lambda)): Eval {
  const lhs = logMgf(n, lambda, l1p);
  const rhs = logBound(n, lambda);
  const slack = rhs - lhs;
  const scale = n * (Math.abs(lambda) + 2 * lambda * lambda + Math.abs(l1p) / 2);
  return { slack, rel: rhs > 0 ? slack / rhs : 1, violated: slack < -relTol * scale, lhs, rhs };
}

const line = (n: number, lambda: number, e: Eval): string =>
  `n = ${n}, lambda = ${fmt(lambda)}: log E[e^{lambda(X-n)}] = ${fmt(e.lhs)} vs log e^{nu^2 lambda^2/2} = 2 n lambda^2 = ${fmt(e.rhs)}, slack ${fmt(e.slack)} (relative ${fmt(e.rel)})`;

function check(c: { n: number; k: number; L: number }): CaseResult {
  const lambda = c.k / (4 * c.L);
  const e = evaluate(c.n, lambda);
  return { violated: e.violated, margin: e.rel, message: line(c.n, lambda, e) };
}

/** per-unit slack g(lambda) = 2 lambda^2 + lambda + log(1 - 2 lambda)/2 (slack = n g). */
const g = (lambda: number): number => 2 * lambda * lambda + lambda + Math.log1p(-2 * lambda) / 2;

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  // ---------------------------------------------------------------- exact grid
  const ns = [...Array.from({ length: dom.nMax }, (_, i) => i + 1), ...dom.nExtra];
  const grid = new GridTally();
  let minSlack = Infinity;
  let minSlackAt = '';
  let minRel = Infinity;
  let minRelAt = '';
  let nuSqOverN = 0;
  let nuAt = '';
  const L = dom.gridL;
  for (let k = -(L - 1); k <= L - 1; k++) {
    const lambda = k / (4 * L);
    const l1p = Math.log1p(-2 * lambda);
    for (const n of ns) {
      const e = evaluate(n, lambda, l1p);
      grid.add(e.rel, e.violated, () => line(n, lambda, e));
      if (k !== 0 && e.slack < minSlack) {
        minSlack = e.slack;
        minSlackAt = line(n, lambda, e);
      }
      if (k !== 0 && e.rel < minRel) {
        minRel = e.rel;
        minRelAt = line(n, lambda, e);
      }
      if (k !== 0 && n === 1) {
        const r = (2 * e.lhs) / (lambda * lambda);
        if (r > nuSqOverN) {
          nuSqOverN = r;
          nuAt = `lambda = ${fmt(lambda)}`;
        }
      }
    }
  }
  // ---------------------------------------------------------------- fast-check search on a finer rational grid
  const main = ctx.search({
    name: 'main',
    arbitrary: fc.record({ n: fc.integer({ min: 1, max: dom.searchNMax }), k: fc.integer({ min: -(dom.searchL - 1), max: dom.searchL - 1 }), L: fc.constant(dom.searchL) }),
    check,
    numRuns: dom.numRuns,
  });
  // ---------------------------------------------------------------- boundary |lambda| -> 1/4, and beyond
  const boundary: Record<string, number | string>[] = [];
  let boundaryViolations = 0;
  for (let j = 3; j <= dom.boundaryBits; j++) {
    for (const sgn of [1, -1]) {
      const lambda = sgn * (0.25 - 2 ** -j);
      const e = evaluate(1, lambda);
      if (e.violated) boundaryViolations++;
      if (j % 10 === 0 || j === 3) boundary.push({ lambda: `${sgn > 0 ? '+' : '-'}(1/4 - 2^-${j})`, slackPerN: e.slack, relativeSlack: e.rel });
    }
  }
  const atPlus = evaluate(1, 0.25);
  const atMinus = evaluate(1, -0.25);
  boundary.push({ lambda: '+1/4 (closed form, 1 - 2 lambda = 1/2)', slackPerN: atPlus.slack, relativeSlack: atPlus.rel });
  boundary.push({ lambda: '-1/4 (closed form, 1 - 2 lambda = 3/2)', slackPerN: atMinus.slack, relativeSlack: atMinus.rel });
  // largest lambda > 0 at which the bound still holds (g decreasing on (1/4, 1/2), g(1/4) > 0, g -> -inf at 1/2)
  const lambdaPlus = bisect(g, 0.25, 0.5 - 1e-9);
  let negativeViolations = 0;
  let negativeMin = Infinity;
  for (let j = 1; j <= dom.negativeSteps; j++) {
    const lambda = -0.25 * 2 ** (j / 4);
    const e = evaluate(1, lambda);
    if (e.violated) negativeViolations++;
    negativeMin = Math.min(negativeMin, e.rel);
  }
  // ---------------------------------------------------------------- exploration: break |lambda| < 1/b
  const beyond = ctx.search({
    name: HYP,
    arbitrary: fc.record({
      n: fc.integer({ min: 1, max: 1000 }),
      // j >= 0: k = L + j (lambda in [1/4, 1/2)); j < 0: k = j - L + 1 (lambda in (-1/2, -1/4]); shrinks toward lambda = 1/4
      k: fc.integer({ min: -dom.searchL, max: dom.searchL - 1 }).map((j) => (j >= 0 ? dom.searchL + j : j - dom.searchL + 1)),
      L: fc.constant(dom.searchL),
    }),
    check,
    numRuns: Math.min(dom.numRuns, 2000),
  });

  // lambda = +-(1/4 - 2^-j) lie inside the open interval: a violation there counts (+-1/4 itself is reported only)
  const holds = grid.violations === 0 && !main.counterexample && boundaryViolations === 0;
  const nuMinFactor = Math.sqrt(16 * Math.LN2 - 8);
  const summary = holds
    ? `holds: ${grid.cases} exact grid cases (n in 1..${dom.nMax} and up to ${fmt(Math.max(...dom.nExtra))}, ${2 * L - 1} lambdas in (-1/4, 1/4)) and ${main.cases} searched cases, no violation; slack = n(2 lambda^2 + lambda + log(1-2 lambda)/2) >= 0, 0 only at lambda = 0; smallest relative slack ${fmt(minRel)} as lambda -> 1/4 (the same for every n; ${minRelAt}); the bound also holds at |lambda| = 1/4 and up to lambda = ${fmt(lambdaPlus)} (b >= ${fmt(1 / lambdaPlus)} suffices), for every lambda < 0; tightest nu = ${fmt(nuMinFactor)} sqrt(n) < 2 sqrt(n)`
    : `fails: ${grid.violations} grid violations (first: ${grid.firstViolation || '-'}), ${boundaryViolations} near |lambda| = 1/4; search: ${main.counterexample?.message ?? 'none'}`;
  return {
    verdict: holds ? 'holds' : 'fails',
    summary,
    evidence: {
      gridCases: grid.cases,
      gridViolations: grid.violations,
      searchCases: main.cases,
      searchCounterexample: main.counterexample?.message ?? 'none',
      searchClosest: main.closest?.message ?? '-',
      smallestSlack: minSlack,
      smallestSlackAt: minSlackAt,
      smallestRelativeSlack: minRel,
      smallestRelativeSlackAt: minRelAt,
      slackPerNAtQuarter: atPlus.slack,
      slackPerNAtMinusQuarter: atMinus.slack,
      relativeSlackAtQuarter: atPlus.rel,
      boundaryViolations,
      lambdaPlusLargestHolding: lambdaPlus,
      smallestAdmissibleB: 1 / lambdaPlus,
      negativeSideBeyondQuarterViolations: negativeViolations,
      negativeSideSmallestRelativeSlack: negativeMin,
      tightestNuSquaredOverN_grid: nuSqOverN,
      tightestNuSquaredOverN_grid_at: nuAt,
      tightestNuSquaredOverN_limit: 16 * Math.LN2 - 8,
      tightestNuOverSqrtN: nuMinFactor,
      relTol,
      note: 'd/dlambda of the per-unit slack is 2 lambda (1 - 4 lambda)/(1 - 2 lambda): the slack grows with |lambda| on (-1/4, 1/4), is largest exactly at lambda = 1/4 on the positive side, and the open interval |lambda| < 1/4 could be closed',
    },
    hypotheses: [
      { id: 'X_i ~ N(0,1) iid', status: 'met', detail: 'the moment generating function is the exact chi-square one; nothing is sampled' },
      { id: HYP, status: 'met', detail: `every grid and searched lambda has |lambda| < 1/4 (k/(4L), |k| < L); the exploration breaks it` },
    ],
    cases: grid.cases + main.cases,
    ...(main.counterexample ? { counterexample: main.counterexample } : {}),
    explorations: [
      exploration(
        HYP,
        `lambda = k/(4 * ${dom.searchL}) in [1/4, 1/2) or [-1/2, -1/4], n in 1..1000`,
        beyond,
        `analytically the bound holds for every lambda < 0 and fails exactly for lambda > ${fmt(lambdaPlus)} (root of 2 lambda^2 + lambda + log(1 - 2 lambda)/2)`,
      ),
    ],
    tables: { boundary },
  };
});
