import record from '../theorems/insights-thm2.a-increment.js';
import { neuronStepData } from '../src/scenarios/normBalance.js';
import { describeCase, divergedCount, smallCase, trajectoryMemo, type Trajectory } from '../src/scenarios/smallNetworkTrajectory.js';
import { aIncrementGap } from '../src/scenarios/stepIdentities.js';
import { fmt } from '../src/stats/format.js';
import { identityRule } from '../src/verdict/checks/identity.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const relTol = record.thresholds.relTol!.value;
const floor = record.thresholds.roundoffFloor!.value;

/** eta^p grad l^2 (x^T w_i(j))^2 against (a_i(j+1) - a_i(j))^2, worst step and neuron of the trajectory. */
function check(tr: Trajectory, form: string, etaPower: number): CaseResult {
  const g = aIncrementGap(tr, etaPower, floor);
  const at = g.t >= 0 ? `at step j = ${g.t}, neuron ${g.neuron} (grad l = r = ${fmt(g.r)}, x^T w_i = ${fmt(g.xw)}): eta^${etaPower} grad l^2 (x^T w_i(j))^2 = ${fmt(g.lhs)} vs (a_i(j+1) - a_i(j))^2 = ${fmt(g.rhs)}` : 'no step kept';
  return { violated: !(g.gap <= relTol), margin: (relTol - g.gap) / relTol, message: `${form}, ${describeCase(tr.case, tr)}: relative gap ${fmt(g.gap)} (tolerance ${fmt(relTol)}) ${at}` };
}

claim(record, {
  measure: () => ({ memo: trajectoryMemo() }),
  decide: (m, s, ctx) => {
    const search = (form: 'printed' | 'corrected', p: number) => ctx.search({ name: form, arbitrary: smallCase(ctx.domain), check: (c) => check(m.memo.get(c), form, p), numRuns: ctx.domain.numRuns });
    return identityRule({
      what: '"Insights from Theorem 2": grad l^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2',
      printed: search('printed', s.printedEtaPower),
      corrected: { outcome: search('corrected', s.correctedEtaPower), form: `eta^${s.correctedEtaPower} grad l^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2` },
    });
  },
  describe: (m, _d, ctx) => {
    const st = ctx.record.statement!;
    const trs = [...m.memo.all()].filter((tr) => tr.steps.length > 0);
    const printed = trs.map((tr) => aIncrementGap(tr, st.printedEtaPower, floor).gap);
    const corrected = trs.map((tr) => aIncrementGap(tr, st.correctedEtaPower, floor).gap);
    for (const tr of trs) ctx.observe('sgd-neuron-step', neuronStepData(tr.steps[0]!, tr.eta, 0), describeCase(tr.case, tr));
    return {
      evidence: {
        trajectories: trs.length,
        printedWorstRelativeGap: Math.max(0, ...printed),
        printedSmallestRelativeGap: printed.length ? Math.min(...printed) : 0,
        printedWithinTolerance: printed.filter((g) => g <= relTol).length,
        correctedWorstRelativeGap: Math.max(0, ...corrected),
        divergedTrajectories: divergedCount(m.memo),
        relTol,
        roundoffFloor: floor,
      },
      hypotheses: [{ id: 'none', status: 'met', detail: 'an algebraic identity along the SGD trajectory: no part of Condition 1 is assumed' }],
      cases: trs.length,
    };
  },
});
