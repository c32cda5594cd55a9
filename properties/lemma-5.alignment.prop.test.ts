import record from '../theorems/lemma-5.alignment.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { HypothesisReport } from '../src/verdict/types.js';
import { conditionReports, describeFit, exploration, exploreOf, fitEvidence, printedCorrectedVerdict, simulatorCheck, type RateFit } from './support/phase2gdRates.js';
import { CORRECTED, lemma5ExploreArbitrary, lemma5ExploreCheck, lemma5Sweep, PRINTED } from './support/phase2gdLemma5.js';

const th = record.thresholds;
const status = (f: RateFit | string): 'consistent' | 'inconsistent' | 'undecided' => (typeof f === 'string' ? 'undecided' : f.status);

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const sim = simulatorCheck(ctx, th.stepperTol!.value);
  const sw = lemma5Sweep(ctx, th.roundoffFloor!.value, th.minLower!.value);
  // deciding fits (record.tests = 2): the worst neuron ("for any neuron") at the printed and at the corrected time
  const printed = sw.fit('worstDeficit', PRINTED, 'worst 1-|cos| at t1 + T2 (printed)');
  const corrected = sw.fit('worstDeficit', CORRECTED, 'worst 1-|cos| at t1 + T2/eta (corrected time)');
  // evidence only
  const medianC = sw.fit('medianDeficit', CORRECTED, 'median neuron 1-|cos| at t1 + T2/eta');
  const bigC = sw.fit('worstDeficitBig', CORRECTED, 'worst 1-|cos| over ||w_i|| >= sqrt(eta) at t1 + T2/eta');

  const verdict = sim.ok ? printedCorrectedVerdict(status(printed), status(corrected)) : 'inconclusive';

  const a1 = ctx.search({
    name: 'A1',
    arbitrary: lemma5ExploreArbitrary(dom, { m: 'small', start: 'phase2' }),
    check: lemma5ExploreCheck(ctx, 'A1', 'worstDeficit', th.exploreC!.value),
    numRuns: exploreOf(dom).numRuns,
  });

  const phase2: HypothesisReport = {
    id: 'phase-2-start',
    status: 'met',
    detail: `every start is rescaled NTK directions with max_i ||w_i(t1)|| = max_i |a_i(t1)| = ${dom.startScale} sqrt(eta) (largest measured ratio max(||w||, |a|)/sqrt(eta) = ${Math.max(...sw.runs.map((r) => Math.max(r.run.maxW0, r.run.maxA0) / Math.sqrt(r.eta))).toFixed(6)})`,
  };
  const gd: HypothesisReport = { id: 'gradient-descent', status: 'met', detail: `full-batch GD, sigma = 0; ${sim.text}` };

  const summaryTime = (label: string, f: RateFit | string): string => `${label}: ${describeFit(f)}`;
  const summary = !sim.ok
    ? `simulator check failed: ${sim.text}`
    : `${verdict}: ${summaryTime('printed t2', printed)}; ${summaryTime('corrected', corrected)}; evidence: ${describeFit(medianC)}`;

  return {
    verdict,
    summary,
    evidence: {
      ...fitEvidence('printedWorst', printed),
      ...fitEvidence('correctedWorst', corrected),
      ...fitEvidence('correctedMedian', medianC),
      ...fitEvidence('correctedWorstBig', bigC),
      runs: sw.runs.length,
      divergedRuns: sw.diverged,
      simulatorGap: sim.gap,
      A3: 'met: Sigma_hat ~ Wishart_d(n, I)/n exactly (Bartlett), n = ceil(1/eta^2)',
      A4: `not assumed by Lemma 5; ||theta*|| = ${dom.thetaStarNorms.join(', ')}`,
      proofStep:
        'Proof of Lemma D.1: (I + eta M)^T2 is replaced by exp(T2 eta M) and then by e M/||theta*||; but T2 eta ||theta*|| = eta ln(1/eta), so the growing eigenvalue (1 + eta ||theta*||)^T2 = 1 + O(eta ln(1/eta)) (table column amplificationPrinted), not e: in T2 steps the neurons barely move. exp(T2 eta M) reaches e^{ln(1/eta)} = 1/eta on the growing mode only after T2/eta steps (amplificationCorrected ~ 1/eta).',
      worstNeuronMechanism:
        'The growing mode of (w_i, a_i) is (theta*/||theta*||, 1)/sqrt(2); a neuron whose start has (<w_i, theta*>/||theta*|| + a_i) ~ 0 does not grow and keeps its O(sqrt(eta)) component orthogonal to theta*, so 1 - |cos| stays O(1) for it; with m >= 1/sqrt(eta) neurons some start is close enough to that line at every tested eta. The proof\'s last step divides by e a_i(t1), which needs a lower bound on |a_i(t1)| that the premise does not give.',
    },
    hypotheses: [...conditionReports(dom, dom.thetaStarNorms), phase2, gd],
    cases: sw.runs.length + a1.cases,
    explorations: [exploration('A1', `m = 1..${exploreOf(dom).maxWidth} < 1/sqrt(eta) at eta = 10^-{${exploreOf(dom).etaExponents.join(', ')}}, Phase II start, worst 1 - |cos| at t1 + T2/eta against ${th.exploreC!.value} * ln(1/eta) sqrt(eta)`, a1)],
    tables: { sweep: sw.table },
  };
});
