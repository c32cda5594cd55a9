import record from '../theorems/eq-41.norm-identity.js';
import { deltaWForm, derivationGaps, neuronStepData, normIdentityGap } from '../src/scenarios/normBalance.js';
import { CaseMemo, describeCase, NO_HYPOTHESIS, divergedCount, smallCase, trajectoryMemo, type Trajectory } from '../src/scenarios/smallNetworkTrajectory.js';
import { fmt } from '../src/stats/format.js';
import { identityRule } from '../src/verdict/checks/identity.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const relTol = record.thresholds.relTol!.value;

/** Eq. (41) with the long version's Delta W (its a-term times aTermFactor), worst neuron at the end of the trajectory. */
function eq41(tr: Trajectory, aTermFactor: number): CaseResult {
  const g = normIdentityGap(tr, deltaWForm('long', aTermFactor));
  const message = `Eq. (41), ${describeCase(tr.case, tr)}, neuron ${g.neuron}: ||w_i(T)||^2 = ${fmt(g.lhs)} vs ||w_i(0)||^2 + eta^2 sum Delta W_i - a_i(0)^2 + a_i(T)^2 = ${fmt(g.rhs)}, relative gap ${fmt(g.gap)} (tolerance ${fmt(relTol)})`;
  return { violated: !(g.gap <= relTol), margin: (relTol - g.gap) / relTol, message };
}

claim(record, {
  measure: (ctx) => {
    const memo = trajectoryMemo();
    const derivation = new CaseMemo((c) => derivationGaps(memo.get(c)));
    // the derivation (35)-(40) does not depend on the statement's parameter: searched once, reported beside the verdict
    const steps = ctx.search({
      name: 'eqs-35-40',
      arbitrary: smallCase(ctx.domain),
      check: (c): CaseResult => {
        const tr = memo.get(c);
        const g = derivation.get(c);
        return { violated: !(g.gap <= relTol), margin: (relTol - g.gap) / relTol, message: `${g.which}, ${describeCase(c, tr)}, neuron ${g.neuron}: LHS ${fmt(g.lhs)} vs RHS ${fmt(g.rhs)}, relative gap ${fmt(g.gap)}` };
      },
      numRuns: ctx.domain.numRuns,
    });
    return { memo, derivation, steps };
  },
  decide: (m, s, ctx, variant) =>
    identityRule({ what: 'Eq. (41)', printed: ctx.search({ name: 'printed', arbitrary: smallCase(ctx.domain, 'single', variant === 'statement'), check: (c) => eq41(m.memo.get(c), s.aTermFactor), numRuns: ctx.domain.numRuns }) }),
  describe: (m, _d, ctx) => {
    const trs = [...m.memo.all()];
    const gaps = trs.map((tr) => normIdentityGap(tr, deltaWForm('long', 1)).gap);
    const der = [...m.derivation.all()];
    const e40 = der.map((g) => g.eq40PrintedGap);
    for (const tr of trs) if (tr.steps.length > 0) ctx.observe('sgd-neuron-step', neuronStepData(tr.steps[0]!, tr.eta, 0), describeCase(tr.case, tr));
    return {
      evidence: {
        trajectories: trs.length,
        worstRelativeGap: Math.max(0, ...gaps),
        divergedTrajectories: divergedCount(m.memo),
        derivationCases: m.steps.cases,
        derivationWorstRelativeGap: Math.max(0, ...der.map((g) => g.gap)),
        derivationCounterexample: m.steps.counterexample ? `${m.steps.counterexample.message}; replay: ${m.steps.counterexample.replay}` : 'none',
        eq40PrintedWorstGap: Math.max(0, ...e40),
        eq40PrintedOffByMoreThanTol: e40.filter((g) => g > relTol).length,
        eq40PrintedTrajectories: e40.length,
        eq40Note: 'Eq. (40) as printed reads sum_j (a_i(j) - a_i(j))^2, identically 0: against the left side of (39) it misses by sum_j (a_i(j) - a_i(j+1))^2, an apparent typo for (a_i(j) - a_i(j+1))^2, with which (40) holds and the derivation of (41) goes through',
        eq41FirstLineNote: 'the first line of the display before (41) prints sum_j ||eta w_i(j) grad l x||^2 where (38) has sum_j ||eta a_i(j) grad l x||^2: a second typo that does not affect (41)',
        relTol,
      },
      hypotheses: [NO_HYPOTHESIS],
      cases: trs.length + m.steps.cases,
    };
  },
});
