import record from '../theorems/lemma-5.t2.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { HypothesisReport } from '../src/verdict/types.js';
import { conditionReports, describeFit, exploration, exploreOf, fitEvidence, printedCorrectedVerdict, simulatorCheck, type FitStatus, type RateFit } from './support/phase2gdRates.js';
import { CORRECTED, lemma5ExploreArbitrary, lemma5ExploreCheck, lemma5Sweep, PRINTED } from './support/phase2gdLemma5.js';

const th = record.thresholds;
const status = (f: RateFit | string): FitStatus => (typeof f === 'string' ? 'undecided' : f.status);

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const sim = simulatorCheck(ctx, th.stepperTol!.value);
  const sw = lemma5Sweep(ctx, th.roundoffFloor!.value, th.minLower!.value);
  // deciding fits (record.tests = 2): the median neuron at the printed and at the corrected time
  const printed = sw.fit('medianDeficit', PRINTED, 'median 1-|cos| at t1 + T2 (printed)');
  const corrected = sw.fit('medianDeficit', CORRECTED, 'median 1-|cos| at t1 + T2/eta (corrected)');
  const verdict = sim.ok ? printedCorrectedVerdict(status(printed), status(corrected)) : 'inconclusive';

  const C = th.exploreC!.value;
  const ntk = ctx.search({
    name: 'phase-2-start',
    arbitrary: lemma5ExploreArbitrary(dom, { start: 'ntk' }),
    check: lemma5ExploreCheck(ctx, 'phase-2-start', 'medianDeficit', C),
    numRuns: exploreOf(dom).numRuns,
  });
  const nA3 = th.a3BrokenN!.value * dom.d;
  const a3 = ctx.search({
    name: 'A3',
    arbitrary: lemma5ExploreArbitrary(dom, { start: 'phase2', n: nA3 }),
    check: lemma5ExploreCheck(ctx, 'A3', 'medianDeficit', C),
    numRuns: exploreOf(dom).numRuns,
  });

  const amp = sw.table.map((r) => `eta = ${Number(r.eta).toExponential(1)}: ${Number(r.amplificationPrinted).toFixed(4)} (printed) vs ${Number(r.amplificationCorrected).toPrecision(4)} (corrected)`);
  const phase2: HypothesisReport = { id: 'phase-2-start', status: 'met', detail: `rescaled NTK directions, max_i ||w_i(t1)|| = max_i |a_i(t1)| = ${dom.startScale} sqrt(eta)` };
  const gd: HypothesisReport = { id: 'gradient-descent', status: 'met', detail: `full-batch GD, sigma = 0; ${sim.text}` };
  return {
    verdict,
    summary: sim.ok ? `${verdict}: printed t2: ${describeFit(printed)}; corrected: ${describeFit(corrected)}` : `simulator check failed: ${sim.text}`,
    evidence: {
      ...fitEvidence('printedMedian', printed),
      ...fitEvidence('correctedMedian', corrected),
      runs: sw.runs.length,
      divergedRuns: sw.diverged,
      simulatorGap: sim.gap,
      amplification: amp,
      proofStep:
        'exp(T2 eta M) with T2 eta = eta ln(1/eta)/||theta*|| -> 0 is I + O(eta ln(1/eta)), not e M/||theta*|| (a matrix with eigenvalues +-e, 0, which no power of I + eta M near I equals); the growing mode is amplified by (1 + eta ||theta*||)^T2 (column amplificationPrinted). The alignment the lemma describes needs ln(1/eta)/(eta ||theta*||) steps (T2/eta), where the amplification is ~1/eta.',
      A3: 'met: Sigma_hat ~ Wishart_d(n, I)/n exactly (Bartlett), n = ceil(1/eta^2)',
      A4: `not assumed by Lemma 5; ||theta*|| = ${dom.thetaStarNorms.join(', ')}`,
    },
    hypotheses: [...conditionReports(dom, dom.thetaStarNorms), phase2, gd],
    cases: sw.runs.length + ntk.cases + a3.cases,
    explorations: [
      exploration('phase-2-start', `NTK-scale start (Eq. (5): ||w_i|| ~ 1, |a_i| ~ 1/sqrt(m)) instead of ||w_i||, |a_i| <= sqrt(eta); median 1 - |cos| at t1 + T2/eta against ${C} * ln(1/eta) sqrt(eta)`, ntk),
      exploration('A3', `n = ${nA3} samples (Sigma_hat ~ Wishart_d(${nA3}, I)/${nA3}) instead of n >= 1/eta^2; median 1 - |cos| at t1 + T2/eta against ${C} * ln(1/eta) sqrt(eta)`, a3),
    ],
    tables: { sweep: sw.table },
  };
});
