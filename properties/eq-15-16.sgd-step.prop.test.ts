import record from '../theorems/eq-15-16.sgd-step.js';
import { Drawer, copyDraw } from '../src/engine/rules/draw.js';
import { finiteDifference, stepLoss } from '../src/engine/rules/loss.js';
import { referenceStep } from '../src/engine/rules/reference.js';
import { rows, vec } from '../src/engine/matrix.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { materialize, smallCase, type SmallCase } from './support/smallCases.js';

const relTol = record.thresholds.relTol!.value;

/** Max over all coordinates of |(p - p')/eta - dL/dp| / (1 + |dL/dp|), p' the printed step (Eqs. (15)-(16)). */
function stepVsGradient(c: SmallCase): CaseResult {
  const { state, data, rule } = materialize(c);
  const draw = copyDraw(new Drawer(rule, data, c.m, c.seed).next(0));
  const next = referenceStep(state, data, rule, draw);
  const L = stepLoss(rule, data, draw);
  let worst = 0;
  let where = '';
  const check = (i: number, k: number, before: number, after: number): void => {
    const p = k >= 0 ? (rows(state.W)[i] as Float64Array)[k]! : vec(state.a)[i]!;
    const h = 1e-5 * (1 + Math.abs(p));
    const g = finiteDifference(L, state, i, k, h);
    const err = Math.abs((before - after) / rule.eta - g) / (1 + Math.abs(g));
    if (err > worst) {
      worst = err;
      where = k >= 0 ? `W[${i}][${k}]` : `a[${i}]`;
    }
  };
  const W = rows(state.W);
  const Wn = rows(next.W);
  for (let i = 0; i < c.m; i++) {
    for (let k = 0; k < c.d; k++) check(i, k, W[i]![k]!, Wn[i]![k]!);
    check(i, -1, vec(state.a)[i]!, vec(next.a)[i]!);
  }
  return {
    violated: worst > relTol,
    margin: relTol - worst,
    message: `max relative gap between the printed step / eta and the finite-difference gradient: ${worst.toExponential(3)} at ${where || '-'}`,
  };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const main = ctx.search({ name: 'main', arbitrary: smallCase(dom), check: stepVsGradient, numRuns: dom.numRuns });
  const worstGap = main.closest ? relTol - main.closest.margin : 0;
  const holds = !main.counterexample;
  return {
    verdict: holds ? 'holds' : 'fails',
    summary: holds
      ? `${main.cases} random states and draws: the printed step equals -eta * gradient of Eq. (1) to ${worstGap.toExponential(2)} (tolerance ${relTol.toExponential(0)})`
      : `counterexample: ${main.counterexample!.message}`,
    evidence: { cases: main.cases, worstRelativeGap: worstGap, tolerance: relTol },
    hypotheses: [{ id: 'none', status: 'met', detail: 'an algebraic identity: no part of Condition 1 is assumed' }],
    cases: main.cases,
    ...(main.counterexample ? { counterexample: main.counterexample } : {}),
  };
});
