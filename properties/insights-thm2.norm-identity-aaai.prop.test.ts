import record from '../theorems/insights-thm2.norm-identity-aaai.js';
import { deltaWForm, neuronStepData, normIdentityGap } from '../src/scenarios/normBalance.js';
import { describeCase, NO_HYPOTHESIS, printedVsCorrected, smallCase, trajectoryMemo, type Trajectory } from '../src/scenarios/smallNetworkTrajectory.js';
import { fmt } from '../src/stats/format.js';
import { identityRule } from '../src/verdict/checks/identity.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const relTol = record.thresholds.relTol!.value;
const NAME = { aaai: 'AAAI Delta W = -r^2 (x^T w_i)^2 - a_i^2 ||x||^2', long: 'bracketed Delta W = -r^2 ((x^T w_i)^2 - k a_i^2 ||x||^2)' } as const;

/** The neuron-norm identity with a form of Delta W, worst neuron at the end of the trajectory. */
function check(tr: Trajectory, form: 'aaai' | 'long', k: number): CaseResult {
  const g = normIdentityGap(tr, deltaWForm(form, k));
  const message = `${NAME[form]} (k = ${k}), ${describeCase(tr.case, tr)}, neuron ${g.neuron}: ||w_i(T)||^2 = ${fmt(g.lhs)} vs ||w_i(0)||^2 + eta^2 sum Delta W_i - a_i(0)^2 + a_i(T)^2 = ${fmt(g.rhs)}, relative gap ${fmt(g.gap)} (tolerance ${fmt(relTol)})`;
  return { violated: !(g.gap <= relTol), margin: (relTol - g.gap) / relTol, message };
}

claim(record, {
  measure: () => ({ memo: trajectoryMemo() }),
  decide: (m, s, ctx, variant) => {
    const search = (name: string, form: 'aaai' | 'long', k: number) => ctx.search({ name, arbitrary: smallCase(ctx.domain, 'single', variant === 'statement'), check: (c) => check(m.memo.get(c), form, k), numRuns: ctx.domain.numRuns });
    return identityRule({
      what: 'the neuron-norm identity of "Insights from Theorem 2" with the AAAI Delta W',
      printed: search('printed', 'aaai', 1),
      corrected: { outcome: search('corrected', 'long', s.correctedATermFactor), form: `the ${NAME.long} with k = ${s.correctedATermFactor} (long version, Eq. (41))` },
    });
  },
  describe: (m, _d, ctx) => {
    const { trajectories, evidence } = printedVsCorrected(m.memo, (tr) => normIdentityGap(tr, deltaWForm('aaai', 1)).gap, (tr) => normIdentityGap(tr, deltaWForm('long', ctx.record.statement!.correctedATermFactor)).gap, relTol);
    for (const tr of trajectories) ctx.observe('sgd-neuron-step', neuronStepData(tr.steps[0]!, tr.eta, 0), describeCase(tr.case, tr));
    return { evidence: { ...evidence, relTol }, hypotheses: [NO_HYPOTHESIS], cases: trajectories.length };
  },
});
