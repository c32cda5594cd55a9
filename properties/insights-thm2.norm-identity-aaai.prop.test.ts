import record from '../theorems/insights-thm2.norm-identity-aaai.js';
import { deltaWAaai, deltaWLong } from '../src/theory/deltaW.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { CaseResult } from '../src/verdict/search.js';
import { identityVerdict } from '../src/verdict/verdicts.js';
import type { SmallCase } from './support/smallCases.js';
import { normIdentityGap, type DeltaWForm } from './support/identityNorm.js';
import { describeCase, fmt, GapStats, gapResult, runTrajectory, trajectoryCase } from './support/identityTrajectory.js';

const relTol = record.thresholds.relTol!.value;

type Form = 'printed' | 'corrected';
const FORMS: Record<Form, { dW: DeltaWForm; name: string }> = {
  printed: { dW: deltaWAaai, name: 'AAAI Delta W = -r^2 (x^T w_i)^2 - a_i^2 ||x||^2' },
  corrected: { dW: deltaWLong, name: 'bracketed Delta W = -r^2 ((x^T w_i)^2 - a_i^2 ||x||^2)' },
};

function checker(form: Form, stats: Record<Form, GapStats>): (c: SmallCase) => CaseResult {
  return (c) => {
    const tr = runTrajectory(c);
    if (tr.truncatedAt !== null) stats[form].truncated++;
    const g = normIdentityGap(tr, FORMS[form].dW);
    stats[form].add(g.gap);
    let also = '';
    if (form === 'corrected') stats.printed.add(normIdentityGap(tr, FORMS.printed.dW).gap);
    else {
      const alt = normIdentityGap(tr, FORMS.corrected.dW);
      also = `; with the bracketed Delta W the right side is ${fmt(alt.rhs)} (gap ${alt.gap.toExponential(2)})`;
    }
    return gapResult(
      g.gap,
      relTol,
      `${form} (${FORMS[form].name}), ${describeCase(c, tr)}, neuron ${g.neuron}: ||w_i(T)||^2 = ${fmt(g.lhs)} vs ||w_i(0)||^2 + eta^2 sum Delta W_i - a_i(0)^2 + a_i(T)^2 = ${fmt(g.rhs)} (eta^2 sum Delta W_i = ${fmt(g.sumTerm)}), relative gap ${g.gap.toExponential(3)} (tolerance ${relTol.toExponential(0)})${also}`,
    );
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
      ? `the AAAI form held on ${printed.cases} trajectories (worst gap ${pStats.printed.worst.toExponential(2)})`
      : verdict === 'erratum'
        ? `AAAI (unbracketed) form fails (shrunk: ${printed.counterexample!.message}); the bracketed form holds for every neuron on ${corrected.cases} trajectories, worst gap ${cOnC.worst.toExponential(2)} (tolerance ${relTol.toExponential(0)}); on those trajectories the AAAI form misses in ${pOnC.over}/${pOnC.evaluations}, worst gap ${pOnC.worst.toExponential(2)}`
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
      printedCounterexample: printed.counterexample?.message ?? 'none',
      correctedCounterexample: corrected.counterexample?.message ?? 'none',
    },
    hypotheses: [{ id: 'none', status: 'met', detail: 'an algebraic identity along the SGD trajectory: no part of Condition 1 is assumed' }],
    cases: printed.cases + corrected.cases,
    ...(cx ? { counterexample: cx } : {}),
  };
});
