import record from '../theorems/eq-3.theta-step.js';
import { neuronStepData } from '../src/scenarios/normBalance.js';
import { describeCase, NO_HYPOTHESIS, printedVsCorrected, smallCase, trajectoryMemo, type Trajectory } from '../src/scenarios/smallNetworkTrajectory.js';
import { thetaStepGap, type ThetaStepGap } from '../src/scenarios/stepIdentities.js';
import { fmt } from '../src/stats/format.js';
import { identityRule } from '../src/verdict/checks/identity.js';
import type { CaseResult } from '../src/verdict/search.js';
import { claim } from './claim.js';

const relTol = record.thresholds.relTol!.value;
const floor = record.thresholds.roundoffFloor!.value;
type Form = 'printed' | 'corrected';
const READING =
  'theta = a^T W as the text defines it: the two-layer step of Eqs. (15)-(16) moves theta by -eta r (||a||^2 I + W^T W) x + eta^2 r^2 f x; Eq. (3) holds as the gradient step only with theta read as all parameters (W, a) (claim eq-15-16.sgd-step)';
const RHS: Record<Form, string> = { printed: '-eta r x', corrected: '-eta r (||a||^2 I + W^T W) x + c eta^2 r^2 f x' };

/** The worst step of a trajectory for one form of Eq. (3) read with theta = a^T W. */
function worstStep(tr: Trajectory, form: Form, secondOrder: number): { g: ThetaStepGap; t: number } {
  let worst = { g: { gap: 0, k: 0, lhs: 0, rhs: 0 }, t: -1 };
  tr.steps.forEach((s, t) => {
    const g = thetaStepGap(s, tr.eta, form, secondOrder, floor);
    if (g.gap > worst.g.gap || worst.t < 0) worst = { g, t };
  });
  return worst;
}

function check(tr: Trajectory, form: Form, secondOrder: number): CaseResult {
  const { g, t } = worstStep(tr, form, secondOrder);
  const at = t >= 0 ? `at step ${t} (r = ${fmt(tr.steps[t]!.r)}), coordinate ${g.k}: theta(t+1) - theta(t) = ${fmt(g.lhs)} vs ${RHS[form]} = ${fmt(g.rhs)} (c = ${secondOrder})` : 'no step kept';
  return { violated: !(g.gap <= relTol), margin: (relTol - g.gap) / relTol, message: `${form} Eq. (3) step, ${describeCase(tr.case, tr)}: relative gap ${fmt(g.gap)} (tolerance ${fmt(relTol)}) ${at}` };
}

claim(record, {
  measure: () => ({ memo: trajectoryMemo() }),
  decide: (m, s, ctx, variant) => {
    const search = (form: Form) => ctx.search({ name: form, arbitrary: smallCase(ctx.domain, 'single', variant === 'statement'), check: (c) => check(m.memo.get(c), form, s.secondOrder), numRuns: ctx.domain.numRuns });
    return identityRule({ what: 'Eq. (3) read with theta = a^T W', printed: search('printed'), corrected: { outcome: search('corrected'), form: `theta(t+1) - theta(t) = ${RHS.corrected} with c = ${s.secondOrder}` } });
  },
  describe: (m, _d, ctx) => {
    const { trajectories, evidence } = printedVsCorrected(m.memo, (tr) => worstStep(tr, 'printed', 1).g.gap, (tr) => worstStep(tr, 'corrected', ctx.record.statement!.secondOrder).g.gap, relTol);
    for (const tr of trajectories) ctx.observe('sgd-neuron-step', neuronStepData(tr.steps[0]!, tr.eta, 0), describeCase(tr.case, tr));
    return { evidence: { ...evidence, relTol, roundoffFloor: floor, reading: READING }, hypotheses: [NO_HYPOTHESIS], cases: trajectories.length };
  },
});
