import record from '../theorems/insights-thm2.a-increment.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { identityVerdict } from '../src/verdict/verdicts.js';
import type { SmallCase } from './support/smallCases.js';
import { absDot, describeCase, dot, fmt, GapStats, gapResult, runTrajectory, trajectoryCase, type Trajectory } from './support/identityTrajectory.js';

const relTol = record.thresholds.relTol!.value;
const floor = record.thresholds.roundoffFloor!.value;

type Form = 'printed' | 'corrected';

interface IncGap {
  gap: number;
  t: number;
  neuron: number;
  /** the printed or corrected left side, grad l^2 (x^T w)^2 or eta^2 grad l^2 (x^T w)^2 */
  lhs: number;
  /** (a_i(j+1) - a_i(j))^2 measured on the states */
  rhs: number;
  r: number;
  xw: number;
}

/** Worst (step, neuron) of |LHS - (a_i(j+1) - a_i(j))^2| / (max(LHS, RHS) + floor (|a_i(j)| + |a_i(j+1)| + eta |r| sum_k |x_k w_ik|) (sqrt LHS + sqrt RHS)). */
function incrementGap(tr: Trajectory, form: Form): IncGap {
  let worst: IncGap = { gap: 0, t: -1, neuron: 0, lhs: 0, rhs: 0, r: 0, xw: 0 };
  const eta = tr.eta;
  tr.steps.forEach((s, t) => {
    for (let i = 0; i < tr.m; i++) {
      const w = s.W[i]!;
      const xw = dot(s.x, w);
      const base = s.r * s.r * xw * xw;
      const lhs = form === 'printed' ? base : eta * eta * base;
      const da = s.an[i]! - s.a[i]!;
      const rhs = da * da;
      const round = floor * (Math.abs(s.a[i]!) + Math.abs(s.an[i]!) + eta * Math.abs(s.r) * absDot(s.x, w)) * (Math.sqrt(lhs) + Math.sqrt(rhs));
      const diff = Math.abs(lhs - rhs);
      const gap = diff === 0 ? 0 : diff / (Math.max(lhs, rhs) + round);
      if (gap > worst.gap || worst.t < 0) worst = { gap, t, neuron: i, lhs, rhs, r: s.r, xw };
    }
  });
  return worst;
}

function checker(form: Form, stats: Record<Form, GapStats>): (c: SmallCase) => CaseResult {
  return (c) => {
    const tr = runTrajectory(c);
    if (tr.truncatedAt !== null) stats[form].truncated++;
    const g = incrementGap(tr, form);
    stats[form].add(g.gap);
    if (form === 'corrected') stats.printed.add(incrementGap(tr, 'printed').gap);
    const lhsName = form === 'printed' ? 'grad l^2 (x^T w_i(j))^2' : 'eta^2 grad l^2 (x^T w_i(j))^2';
    const at =
      g.t >= 0
        ? `at step j=${g.t}, neuron ${g.neuron} (grad l = r = ${fmt(g.r)}, x^T w_i = ${fmt(g.xw)}): ${lhsName} = ${fmt(g.lhs)} vs (a_i(j+1) - a_i(j))^2 = ${fmt(g.rhs)}` +
          (form === 'printed' ? `; eta^2 grad l^2 (x^T w_i)^2 = ${fmt(tr.eta * tr.eta * g.lhs)}` : '')
        : 'no step kept';
    return gapResult(g.gap, relTol, `${form}, ${describeCase(c, tr)}: relative gap ${g.gap.toExponential(3)} (tolerance ${relTol.toExponential(0)}) ${at}`);
  };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const pStats = { printed: new GapStats(relTol), corrected: new GapStats(relTol) };
  const cStats = { printed: new GapStats(relTol), corrected: new GapStats(relTol) };
  const printed = ctx.search({ name: 'printed', arbitrary: trajectoryCase(dom), check: checker('printed', pStats), numRuns: dom.numRuns });
  const corrected = ctx.search({ name: 'corrected', arbitrary: trajectoryCase(dom), check: checker('corrected', cStats), numRuns: dom.numRuns });
  const verdict = identityVerdict(printed, corrected);
  const pOnC = cStats.printed;
  const cOnC = cStats.corrected;
  const cx = printed.counterexample ?? corrected.counterexample;
  const summary =
    verdict === 'holds'
      ? `grad l^2 (x^T w_i)^2 = (a_i(j+1) - a_i(j))^2 held on ${printed.cases} trajectories (worst gap ${pStats.printed.worst.toExponential(2)})`
      : verdict === 'erratum'
        ? `printed form fails (shrunk: ${printed.counterexample!.message}); eta^2 grad l^2 (x^T w_i)^2 = (a_i(j+1) - a_i(j))^2 holds at every step and neuron of ${corrected.cases} trajectories, worst gap ${cOnC.worst.toExponential(2)} (tolerance ${relTol.toExponential(0)}); on those trajectories the printed form misses in ${pOnC.over}/${pOnC.evaluations}, smallest gap ${pOnC.bestOrZero.toExponential(2)}`
        : `both forms fail: printed ${printed.counterexample!.message}; corrected ${corrected.counterexample?.message ?? '-'}`;
  return {
    verdict,
    summary,
    evidence: {
      cases: printed.cases + corrected.cases,
      printedCases: printed.cases,
      correctedCases: corrected.cases,
      printedWorstRelativeGap: Math.max(pStats.printed.worst, pOnC.worst),
      printedSmallestRelativeGap: pOnC.bestOrZero,
      printedViolatedOnCorrectedCases: pOnC.over,
      correctedWorstRelativeGap: cOnC.worst,
      correctedViolated: cOnC.over,
      truncatedTrajectories: cOnC.truncated,
      relTol,
      roundoffFloor: floor,
      printedCounterexample: printed.counterexample?.message ?? 'none',
      correctedCounterexample: corrected.counterexample?.message ?? 'none',
    },
    hypotheses: [{ id: 'none', status: 'met', detail: 'an algebraic identity along the SGD trajectory: no part of Condition 1 is assumed' }],
    cases: printed.cases + corrected.cases,
    ...(cx ? { counterexample: cx } : {}),
  };
});
