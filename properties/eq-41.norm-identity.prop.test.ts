import record from '../theorems/eq-41.norm-identity.js';
import { deltaWLong } from '../src/theory/deltaW.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { identityVerdict } from '../src/verdict/verdicts.js';
import type { SmallCase } from './support/smallCases.js';
import { derivationGaps, normIdentityGap } from './support/identityNorm.js';
import { describeCase, fmt, GapStats, gapResult, runTrajectory, trajectoryCase } from './support/identityTrajectory.js';

const relTol = record.thresholds.relTol!.value;

/** Eq. (41) with the long version's Delta W, every neuron, at the end of the trajectory. */
function eq41(stats: GapStats): (c: SmallCase) => CaseResult {
  return (c) => {
    const tr = runTrajectory(c);
    if (tr.truncatedAt !== null) stats.truncated++;
    const g = normIdentityGap(tr, deltaWLong);
    stats.add(g.gap);
    return gapResult(
      g.gap,
      relTol,
      `Eq. (41), ${describeCase(c, tr)}, neuron ${g.neuron}: ||w_i(T)||^2 = ${fmt(g.lhs)} vs ||w_i(0)||^2 + eta^2 sum Delta W_i - a_i(0)^2 + a_i(T)^2 = ${fmt(g.rhs)} (eta^2 sum Delta W_i = ${fmt(g.sumTerm)}), relative gap ${g.gap.toExponential(3)} (tolerance ${relTol.toExponential(0)})`,
    );
  };
}

interface DerivationStats {
  gaps: GapStats;
  /** Eq. (40) as printed, per trajectory (worst neuron), trajectories with at least one step */
  eq40: GapStats;
}

/** Eqs. (35)-(39), (40) read with a_i(j+1), the middle line of (41); Eq. (40) as printed measured on the side. */
function derivation(st: DerivationStats): (c: SmallCase) => CaseResult {
  return (c) => {
    const tr = runTrajectory(c);
    if (tr.truncatedAt !== null) st.gaps.truncated++;
    const g = derivationGaps(tr);
    st.gaps.add(g.gap);
    if (tr.steps.length > 0) st.eq40.add(g.eq40PrintedGap);
    return gapResult(g.gap, relTol, `${g.which}, ${describeCase(c, tr)}, neuron ${g.neuron}: LHS ${fmt(g.lhs)} vs RHS ${fmt(g.rhs)}, relative gap ${g.gap.toExponential(3)} (tolerance ${relTol.toExponential(0)})`);
  };
}

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const stats = new GapStats(relTol);
  const dst: DerivationStats = { gaps: new GapStats(relTol), eq40: new GapStats(relTol) };
  const printed = ctx.search({ name: 'printed', arbitrary: trajectoryCase(dom), check: eq41(stats), numRuns: dom.numRuns });
  const steps = ctx.search({ name: 'eqs-35-40', arbitrary: trajectoryCase(dom), check: derivation(dst), numRuns: dom.numRuns });
  const verdict = identityVerdict(printed);
  const stepsNote = steps.counterexample
    ? `the derivation fails at ${steps.counterexample.message} (replay: ${steps.counterexample.replay})`
    : `Eqs. (35)-(39), (40) read with a_i(j+1) and the middle line of (41) hold on ${steps.cases} trajectories (worst gap ${dst.gaps.worst.toExponential(2)})`;
  const e40 = dst.eq40;
  const summary =
    verdict === 'holds'
      ? `Eq. (41) holds for every neuron on ${printed.cases} trajectories (T <= ${dom.maxSteps}), worst relative gap ${stats.worst.toExponential(2)} (tolerance ${relTol.toExponential(0)}); ${stepsNote}`
      : `counterexample: ${printed.counterexample!.message}; ${stepsNote}`;
  return {
    verdict,
    summary,
    evidence: {
      cases: printed.cases + steps.cases,
      printedCases: printed.cases,
      printedWorstRelativeGap: stats.worst,
      printedViolated: stats.over,
      truncatedTrajectories: stats.truncated,
      derivationCases: steps.cases,
      derivationWorstRelativeGap: dst.gaps.worst,
      derivationViolated: dst.gaps.over,
      derivationCounterexample: steps.counterexample ? `${steps.counterexample.message}; replay: ${steps.counterexample.replay}` : 'none',
      eq40PrintedWorstGap: e40.worst,
      eq40PrintedSmallestGap: e40.bestOrZero,
      eq40PrintedOffByMoreThanTol: e40.over,
      eq40PrintedTrajectories: e40.evaluations,
      eq40Note: `Eq. (40) as printed reads sum_j (a_i(j) - a_i(j))^2 + a_i(0)^2 - a_i(T)^2, whose sum is identically 0: against the left side of (39) it misses by sum_j (a_i(j) - a_i(j+1))^2 (off by more than the tolerance on ${e40.over} of ${e40.evaluations} trajectories, relative gap up to ${e40.worst.toExponential(2)}; the miss is O(eta^2), so it hides below the tolerance only when the increments of a_i are tiny); it is an apparent typo for (a_i(j) - a_i(j+1))^2, with which (40) holds and the derivation of (41) goes through`,
      eq41FirstLineNote:
        'the first line of the display before (41) prints sum_j ||eta w_i(j) grad l x||^2 where (38) has sum_j ||eta a_i(j) grad l x||^2 (= sum_j ||w_i(j) - w_i(j+1)||^2, as its second line uses): a second typo that does not affect (41)',
      relTol,
    },
    hypotheses: [{ id: 'none', status: 'met', detail: 'an algebraic identity along the SGD trajectory: no part of Condition 1 is assumed' }],
    cases: printed.cases + steps.cases,
    ...(printed.counterexample ? { counterexample: printed.counterexample } : {}),
  };
});
