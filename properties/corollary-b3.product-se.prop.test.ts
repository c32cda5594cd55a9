import fc from 'fast-check';
import record from '../theorems/corollary-b3.product-se.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { bisect, exploration, fmt, GridTally } from './support/appendixB.js';

const relTol = record.thresholds.relTol!.value;
/** the hypothesis |lambda| < 1/b, named shell-safe (it is the search name in the replay command) */
const HYP = 'abs-lambda-lt-1/b';

interface Eval {
  slack: number;
  rel: number;
  violated: boolean;
  lhs: number;
  rhs: number;
}

/** Statement: log E[e^{lambda Z}] = -(n/2) log(1 - lambda^2) vs log e^{nu^2 lambda^2 / 2} = 2 n lambda^2 (nu = 2 sqrt n). */
function statement(n: number, lambda: number, l1p: number = Math.log1p(-lambda * lambda)): Eval {
  const lhs = -(n / 2) * l1p;
  const rhs = 2 * n * lambda * lambda;
  const slack = rhs - lhs;
  const scale = n * (2 * lambda * lambda + Math.abs(l1p) / 2);
  return { slack, rel: rhs > 0 ? slack / rhs : 1, violated: slack < -relTol * scale, lhs, rhs };
}

/** Proof step: log E[e^{lambda X Y}] = -log(1 - lambda^2)/2 vs log E[e^{lambda (X^2 - 1)}] = -lambda - log(1 - 2 lambda)/2 (lambda < 1/2). */
function intermediate(lambda: number): Eval {
  const lhs = -Math.log1p(-lambda * lambda) / 2;
  const rhs = -lambda - Math.log1p(-2 * lambda) / 2;
  const slack = rhs - lhs;
  const scale = Math.abs(lambda) + Math.abs(Math.log1p(-2 * lambda)) / 2 + Math.abs(lhs);
  return { slack, rel: lhs > 0 ? slack / lhs : 1, violated: slack < -relTol * scale, lhs, rhs };
}

const stLine = (n: number, lambda: number, e: Eval): string =>
  `n = ${n}, lambda = ${fmt(lambda)}: log E[e^{lambda Z}] = -(n/2) log(1 - lambda^2) = ${fmt(e.lhs)} vs 2 n lambda^2 = ${fmt(e.rhs)}, slack ${fmt(e.slack)} (relative ${fmt(e.rel)})`;
const imLine = (lambda: number, e: Eval): string =>
  `lambda = ${fmt(lambda)}: log E[e^{lambda X Y}] = -log(1 - lambda^2)/2 = ${fmt(e.lhs)} vs log E[e^{lambda (X^2 - 1)}] = -lambda - log(1 - 2 lambda)/2 = ${fmt(e.rhs)}, slack ${fmt(e.slack)}`;

function checkStatement(c: { n: number; k: number; L: number }): CaseResult {
  const lambda = c.k / (4 * c.L);
  const e = statement(c.n, lambda);
  return { violated: e.violated, margin: e.rel, message: stLine(c.n, lambda, e) };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const ns = [...Array.from({ length: dom.nMax }, (_, i) => i + 1), ...dom.nExtra];
  const L = dom.gridL;
  // ---------------------------------------------------------------- exact grid: statement and proof step
  const grid = new GridTally();
  const inter = new GridTally();
  let minRel = Infinity;
  let minRelAt = '';
  let nuSq = 0;
  for (let k = -(L - 1); k <= L - 1; k++) {
    const lambda = k / (4 * L);
    const l1p = Math.log1p(-lambda * lambda);
    for (const n of ns) {
      const e = statement(n, lambda, l1p);
      grid.add(e.rel, e.violated, () => stLine(n, lambda, e));
      if (k !== 0 && e.rel < minRel) {
        minRel = e.rel;
        minRelAt = stLine(n, lambda, e);
      }
    }
    if (k !== 0) nuSq = Math.max(nuSq, (2 * statement(1, lambda, l1p).lhs) / (lambda * lambda));
    const im = intermediate(lambda);
    inter.add(im.slack, im.violated, () => imLine(lambda, im));
  }
  // ---------------------------------------------------------------- searches
  const lambdaArb = fc.integer({ min: -(dom.searchL - 1), max: dom.searchL - 1 });
  const main = ctx.search({
    name: 'main',
    arbitrary: fc.record({ n: fc.integer({ min: 1, max: dom.searchNMax }), k: lambdaArb, L: fc.constant(dom.searchL) }),
    check: checkStatement,
    numRuns: dom.numRuns,
  });
  const interSearch = ctx.search({
    name: 'intermediate',
    arbitrary: lambdaArb,
    check: (k: number) => {
      const lambda = k / (4 * dom.searchL);
      const e = intermediate(lambda);
      return { violated: e.violated, margin: e.slack, message: imLine(lambda, e) };
    },
    numRuns: dom.numRuns,
  });
  // where the proof step holds: k(lambda) = slack of the intermediate inequality; k > 0 on (root, 1/2) \ {0}
  const kFun = (lambda: number): number => intermediate(lambda).slack;
  const interRoot = bisect(kFun, -1 + 1e-12, -0.25);
  const interAtMinusQuarter = intermediate(-0.25);
  const interAtQuarter = intermediate(0.25);
  // where the statement holds beyond 1/4: 2 lambda^2 + log(1 - lambda^2)/2 = 0
  const stRoot = bisect((l) => statement(1, l).slack, 0.5, 1 - 1e-15);
  const beyond = ctx.search({
    name: HYP,
    arbitrary: fc.record({ n: fc.integer({ min: 1, max: 1000 }), k: fc.integer({ min: dom.searchL, max: 4 * dom.searchL - 1 }), L: fc.constant(dom.searchL) }),
    check: checkStatement,
    numRuns: Math.min(dom.numRuns, 2000),
  });

  const holds = grid.violations === 0 && !main.counterexample;
  const interHolds = inter.violations === 0 && !interSearch.counterexample;
  const interText = interHolds
    ? `the proof's step 1/sqrt(1 - lambda^2) <= e^{-lambda}/sqrt(1 - 2 lambda) holds on the whole of (-1/4, 1/4) (${inter.cases} grid lambdas, ${interSearch.cases} searched), negative lambda included (slack ${fmt(interAtMinusQuarter.slack)} at -1/4); it holds exactly for lambda in (${fmt(interRoot)}, 1/2) and fails below ${fmt(interRoot)}`
    : `the proof's step 1/sqrt(1 - lambda^2) <= e^{-lambda}/sqrt(1 - 2 lambda) FAILS: ${inter.firstViolation || interSearch.counterexample?.message}`;
  const summary = holds
    ? `holds (X read as Z): ${grid.cases} exact grid cases and ${main.cases} searched, no violation; slack = n (2 lambda^2 + log(1 - lambda^2)/2), smallest relative slack ${fmt(minRel)} at |lambda| -> 1/4; tightest nu = ${fmt(Math.sqrt(nuSq))} sqrt(n) (variance n); the bound holds up to |lambda| = ${fmt(stRoot)}; ${interText}`
    : `fails: ${grid.firstViolation || main.counterexample?.message}; ${interText}`;
  return {
    verdict: holds ? 'holds' : 'fails',
    summary,
    evidence: {
      gridCases: grid.cases,
      gridViolations: grid.violations,
      searchCases: main.cases,
      searchCounterexample: main.counterexample?.message ?? 'none',
      searchClosest: main.closest?.message ?? '-',
      smallestRelativeSlack: minRel,
      smallestRelativeSlackAt: minRelAt,
      relativeSlackAtQuarter: statement(1, 0.25).rel,
      tightestNuSquaredOverN_grid: nuSq,
      tightestNuSquaredOverN_limit: -16 * Math.log1p(-1 / 16),
      statementHoldsUpToAbsLambda: stRoot,
      intermediateHolds: interHolds,
      intermediateGridCases: inter.cases,
      intermediateGridViolations: inter.violations,
      intermediateSearchCases: interSearch.cases,
      intermediateSearchCounterexample: interSearch.counterexample?.message ?? 'none',
      intermediateSmallestSlack: inter.worst,
      intermediateSmallestSlackAt: inter.where,
      intermediateSlackAtMinusQuarter: interAtMinusQuarter.slack,
      intermediateSlackAtQuarter: interAtQuarter.slack,
      intermediateHoldsFromLambda: interRoot,
      intermediateHoldsToLambda: 0.5,
      intermediateNote:
        'slack k(lambda) = -lambda - log(1 - 2 lambda)/2 + log(1 - lambda^2)/2 = lambda^2/2 + (4/3) lambda^3 + ...: zero only at 0 on (-1/4, 1/4); from lambda = 1/2 the chi-square MGF is infinite (the step holds trivially), below the root it fails',
      printedVariable: 'the statement prints "Then X in SE(2 sqrt n, 4)"; Corollary B.3 defines only Z (and X_i): read as Z, as its proof concludes and Lemma C.2 uses it',
      printedTypography:
        'the proof prints E[e^{lambda X_i^2 - 1}] (read lambda (X_i^2 - 1): taken literally, e^{-1}/sqrt(1 - 2 lambda) < 1 = E[e^{0 Z}] at lambda = 0), the integrand e^{-lambda(x^2 - 1) e^{-x^2/2}}, and prod_i E[e^{lambda X_i^2 - 1}] = E[e^{lambda X_i^2}] (read E[e^{lambda (X - n)}], X = sum_i X_i^2)',
      relTol,
    },
    hypotheses: [
      { id: 'X_i, Y_i ~ N(0,1) iid', status: 'met', detail: 'exact moment generating functions; nothing is sampled' },
      { id: HYP, status: 'met', detail: 'every grid and searched lambda has |lambda| < 1/4; the exploration breaks it' },
    ],
    cases: grid.cases + main.cases + inter.cases + interSearch.cases,
    ...(main.counterexample ? { counterexample: main.counterexample } : {}),
    explorations: [exploration(HYP, `lambda = k/(4 * ${dom.searchL}) in [1/4, 1), n in 1..1000`, beyond, `exactly: the bound holds for |lambda| <= ${fmt(stRoot)} and fails beyond (the MGF exists for |lambda| < 1)`)],
  };
});
