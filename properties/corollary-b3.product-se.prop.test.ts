import fc from 'fast-check';
import record from '../theorems/corollary-b3.product-se.js';
import { bisect } from '../src/stats/bisect.js';
import { fmt } from '../src/stats/format.js';
import { logMgfProduct, productStepSlack, lambdaGrid, seInequalityAt } from '../src/theory/subExponential.js';
import { inequalityRule } from '../src/verdict/checks/inequality.js';
import { exploration } from '../src/verdict/explorations.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';
import { gridAndSearch } from './gridSearch.js';

const relTol = record.thresholds.relTol!.value;
const HYP = 'abs-lambda-lt-1/b';
interface Case { n: number; k: number; L: number; b: number }

function check(c: Case, nuSqPerN: number): CaseResult {
  const e = seInequalityAt(logMgfProduct, c, nuSqPerN, relTol);
  return { ...e, message: `n = ${c.n}, lambda = ${fmt(e.lambda)}: log E[e^{lambda Z}] = ${fmt(e.lhs)} vs nu^2 lambda^2/2 = ${fmt(e.rhs)} (nu^2 = ${nuSqPerN} n), slack ${fmt(e.slack)}` };
}

/** The proof's step E e^{lambda X Y} <= E e^{lambda (X^2 - 1)} at lambda = k / (4L) (reported beside the verdict). */
function stepCheck(k: number, L: number): CaseResult {
  const lambda = k / (4 * L);
  const e = productStepSlack(lambda);
  return { violated: !(e.slack >= -relTol * e.scale), margin: e.slack, message: `lambda = ${fmt(lambda)}: -log(1 - lambda^2)/2 = ${fmt(e.lhs)} vs -lambda - log(1 - 2 lambda)/2 = ${fmt(e.rhs)}, slack ${fmt(e.slack)}` };
}

claim(record, {
  measure: (ctx) => {
    const dom = ctx.domain;
    const ks = Array.from({ length: 2 * dom.gridL - 1 }, (_, i) => i - dom.gridL + 1);
    const lambdaArb = fc.integer({ min: -(dom.searchL - 1), max: dom.searchL - 1 });
    const step = gridAndSearch(ctx, { name: 'intermediate', points: ks, check: (k) => stepCheck(k, dom.gridL), search: { arbitrary: lambdaArb, check: (k) => stepCheck(k, dom.searchL), numRuns: dom.numRuns } });
    const arbitrary = fc.record({ n: fc.integer({ min: 1, max: 1000 }), k: fc.integer({ min: dom.searchL, max: 4 * dom.searchL - 1 }), L: fc.constant(dom.searchL), b: fc.constant(4) });
    const beyond = ctx.search({ name: HYP, arbitrary, check: (c) => check(c, 4), numRuns: Math.min(dom.numRuns, 2000) });
    return { step, beyond };
  },
  decide: (_m, s, ctx) => {
    const dom = ctx.domain;
    const ns = [...Array.from({ length: dom.nMax }, (_, i) => i + 1), ...dom.nExtra];
    const size = (2 * dom.gridL - 1) * ns.length;
    const arbitrary = fc.record({ n: fc.integer({ min: 1, max: dom.searchNMax }), k: fc.integer({ min: -(dom.searchL - 1), max: dom.searchL - 1 }), L: fc.constant(dom.searchL), b: fc.constant(s.b) });
    const printed = gridAndSearch(ctx, { name: 'main', points: lambdaGrid(ns, dom.gridL, s.b), check: (c) => check(c, s.nuSqPerN), scan: (c) => seInequalityAt(logMgfProduct, c, s.nuSqPerN, relTol), search: { arbitrary, check: (c: Case) => check(c, s.nuSqPerN), numRuns: dom.numRuns } });
    return inequalityRule({ what: `E e^{lambda Z} <= e^{nu^2 lambda^2/2} (Z read for the printed X; nu^2 = ${s.nuSqPerN} n, |lambda| < 1/${s.b})`, printed, binding: { cases: size - ns.length, of: size, bindsAt: 'at every lambda != 0' } });
  },
  describe: (m) => {
    const stepRoot = bisect((l) => productStepSlack(l).slack, -1 + 1e-12, -0.25);
    const statementRoot = bisect((l) => -check({ n: 1, k: l, L: 1, b: 1 }, 4).margin, 0.5, 1 - 1e-15);
    const stepText = m.step.counterexample ? `FAILS: ${m.step.counterexample.message}` : `holds on (-1/4, 1/4) (${m.step.cases} cases; closest ${m.step.closest?.message ?? '-'}); exactly on (${fmt(stepRoot)}, 1/2)`;
    return {
      evidence: {
        statementHoldsUpToAbsLambda: statementRoot,
        tightestNuSquaredOverN_limit: -16 * Math.log1p(-1 / 16),
        intermediate: `the proof's step 1/sqrt(1 - lambda^2) <= e^{-lambda}/sqrt(1 - 2 lambda) ${stepText}`,
        intermediateHolds: !m.step.counterexample,
        intermediateHoldsFromLambda: stepRoot,
        intermediateCounterexample: m.step.counterexample ? `${m.step.counterexample.message}; replay: ${m.step.counterexample.replay}` : 'none',
        printedVariable: 'the statement prints "Then X in SE(2 sqrt n, 4)"; Corollary B.3 defines only Z (and X_i): read as Z, as its proof concludes and Lemma C.2 uses it',
        printedTypography: 'the proof prints E[e^{lambda X_i^2 - 1}] (read lambda (X_i^2 - 1)) and prod_i E[e^{lambda X_i^2 - 1}] = E[e^{lambda X_i^2}] (read E[e^{lambda (X - n)}], X = sum_i X_i^2)',
        relTol,
      },
      hypotheses: [
        { id: 'X_i, Y_i ~ N(0,1) iid', status: 'met', detail: 'exact moment generating functions; nothing is sampled' },
        { id: HYP, status: 'met', detail: 'every grid and searched lambda has |lambda| < 1/b; the exploration breaks it' },
      ],
      cases: m.step.cases + m.beyond.cases,
      explorations: [exploration(HYP, 'lambda = k/(4L) in [1/4, 1), n in 1..1000', m.beyond, `exactly: the bound holds for |lambda| <= ${fmt(statementRoot)} and fails beyond`)],
    };
  },
});
