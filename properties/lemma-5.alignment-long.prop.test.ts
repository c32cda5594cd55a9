import record from '../theorems/lemma-5.alignment-long.js';
import { claimTest } from '../src/verdict/claimTest.js';
import type { HypothesisReport } from '../src/verdict/types.js';
import { conditionReports, describeFit, exploration, exploreOf, fitEvidence, median, printedCorrectedVerdict, simulatorCheck, type FitStatus, type RateFit } from './support/phase2gdRates.js';
import { CORRECTED, lemma5ExploreArbitrary, lemma5ExploreCheck, lemma5Sweep, PRINTED } from './support/phase2gdLemma5.js';

const th = record.thresholds;
const status = (f: RateFit | string): FitStatus => (typeof f === 'string' ? 'undecided' : f.status);

claimTest(record, (ctx) => {
  const dom = ctx.domain;
  const sim = simulatorCheck(ctx, th.stepperTol!.value);
  const sw = lemma5Sweep(ctx, th.roundoffFloor!.value, th.minLower!.value);
  // deciding fits (record.tests = 2): the printed unnormalized form and the stated correction (AAAI Eq. (9)), both at the printed t2
  const printed = sw.fit('worstUnnormalized', PRINTED, 'worst max(0, 1-|<theta*, w_i>|) at t1 + T2 (printed Eq. (8)/(56))');
  const correction = sw.fit('worstDeficit', PRINTED, 'worst 1-|cos| at t1 + T2 (AAAI Eq. (9))');
  // evidence only: the unnormalized form at the corrected time
  const unnormCorrected = sw.fit('worstUnnormalized', CORRECTED, 'worst max(0, 1-|<theta*, w_i>|) at t1 + T2/eta');
  const verdict = sim.ok ? printedCorrectedVerdict(status(printed), status(correction)) : 'inconclusive';

  const ntk = ctx.search({
    name: 'phase-2-start',
    arbitrary: lemma5ExploreArbitrary(dom, { start: 'ntk' }),
    check: lemma5ExploreCheck(ctx, 'phase-2-start', 'worstUnnormalized', th.exploreC!.value),
    numRuns: exploreOf(dom).numRuns,
  });

  const s = dom.thetaStarNorms[0]!;
  const innerRatio = sw.runs.map((r) => (r.run.snaps[PRINTED]?.maxAbsInner ?? 0) / (s * Math.sqrt(r.eta)));
  const phase2: HypothesisReport = { id: 'phase-2-start', status: 'met', detail: `rescaled NTK directions, max_i ||w_i(t1)|| = max_i |a_i(t1)| = ${dom.startScale} sqrt(eta)` };
  const gd: HypothesisReport = { id: 'gradient-descent', status: 'met', detail: `full-batch GD, sigma = 0; ${sim.text}` };
  return {
    verdict,
    summary: sim.ok ? `${verdict}: printed (unnormalized): ${describeFit(printed)}; correction (AAAI Eq. (9) at t2): ${describeFit(correction)}` : `simulator check failed: ${sim.text}`,
    evidence: {
      ...fitEvidence('printedUnnormalized', printed),
      ...fitEvidence('correctionNormalized', correction),
      ...fitEvidence('unnormalizedAtCorrectedTime', unnormCorrected),
      maxInnerOverThetaSqrtEtaMedian: median(innerRatio),
      maxInnerOverThetaSqrtEtaMax: Math.max(...innerRatio),
      bound:
        '|<theta*, w_i>| <= ||theta*|| ||w_i||; at t1 every ||w_i|| <= sqrt(eta) and in T2 steps the neurons grow by at most (1 + eta ||theta*||)^T2 = 1 + O(eta ln(1/eta)), so |<theta*, w_i(t2)>| = O(||theta*|| sqrt(eta)) and the deficit is 1 - O(sqrt(eta)), not O(ln(1/eta) sqrt(eta)). The proof\'s last display divides by ||theta*|| ||w_i(t2)|| in its second line, i.e. it proves (at best) the normalized AAAI Eq. (9).',
      runs: sw.runs.length,
      divergedRuns: sw.diverged,
      simulatorGap: sim.gap,
      A3: 'met: Sigma_hat ~ Wishart_d(n, I)/n exactly (Bartlett), n = ceil(1/eta^2)',
      A4: `not assumed by Lemma 3.4; ||theta*|| = ${dom.thetaStarNorms.join(', ')}`,
    },
    hypotheses: [...conditionReports(dom, dom.thetaStarNorms), phase2, gd],
    cases: sw.runs.length + ntk.cases,
    explorations: [
      exploration('phase-2-start', `NTK-scale start (Eq. (5): ||w_i|| ~ 1, |a_i| ~ 1/sqrt(m)) instead of ||w_i||, |a_i| <= sqrt(eta); worst max(0, 1 - |<theta*, w_i>|) at t1 + T2/eta against ${th.exploreC!.value} * ln(1/eta) sqrt(eta)`, ntk),
    ],
    tables: { sweep: sw.table },
  };
});
