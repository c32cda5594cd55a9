import record from '../theorems/insights-thm2.a-increment.js';
import { neuronStepData } from '../src/scenarios/normBalance.js';
import { describeCase, NO_HYPOTHESIS, printedVsCorrected, smallCase, trajectoryMemo, type Trajectory } from '../src/scenarios/smallNetworkTrajectory.js';
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
  decide: (m, s, ctx, variant) => {
    const search = (form: 'printed' | 'corrected', p: number) => ctx.search({ name: form, arbitrary: smallCase(ctx.domain, 'single', variant === 'statement'), check: (c) => check(m.memo.get(c), form, p), numRuns: ctx.domain.numRuns });
    return identityRule({
      what: '"Insights from Theorem 2": grad l^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2',
      printed: search('printed', s.printedEtaPower),
      corrected: { outcome: search('corrected', s.correctedEtaPower), form: `eta^${s.correctedEtaPower} grad l^2 (x^T w_i(j))^2 = (a_i(j+1) - a_i(j))^2` },
    });
  },
  describe: (m, _d, ctx) => {
    const { trajectories, evidence } = printedVsCorrected(m.memo, (tr) => aIncrementGap(tr, ctx.record.statement!.printedEtaPower, floor).gap, (tr) => aIncrementGap(tr, ctx.record.statement!.correctedEtaPower, floor).gap, relTol);
    for (const tr of trajectories) ctx.observe('sgd-neuron-step', neuronStepData(tr.steps[0]!, tr.eta, 0), describeCase(tr.case, tr));
    return { evidence: { ...evidence, relTol, roundoffFloor: floor }, hypotheses: [NO_HYPOTHESIS], cases: trajectories.length };
  },
});
