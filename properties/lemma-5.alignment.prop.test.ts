import record from '../theorems/lemma-5.alignment.js';
import { exploration } from '../src/verdict/explorations.js';
import { CORRECTED, lemma5Times, PRINTED, runPhase2Sweep, sweepTable, type SweepRun } from '../src/scenarios/phase2Sweep.js';
import { claim } from './claim.js';
import { exploreSearch, phase2Hypotheses, printedOrCorrection, rateDecision } from './lemma-5-6.phase2.js';

const th = record.thresholds;
const floor = th.roundoffFloor?.value ?? 0;
const at = (r: SweepRun, cp: number, stat: 'worstDeficit' | 'medianDeficit' | 'worstDeficitBig' | 'distance'): number | undefined => r.run.snaps[cp]?.[stat];

claim(record, {
  measure: (ctx) => {
    const runs = runPhase2Sweep(ctx.domain, ctx.runSeed(), 'phase2', lemma5Times);
    const a1 = exploreSearch(ctx, { name: 'A1', start: 'phase2', smallWidth: true, stat: 'worstDeficit', lemma: 5, C: th.exploreC?.value ?? 1 });
    return { runs, a1 };
  },
  decide: ({ runs }, s, ctx) => {
    const printed = rateDecision(runs, 'worstDeficit', PRINTED, s, 'worst 1 - |cos(w_i, theta*)| at t1 + T2', ctx.alpha, floor);
    if (printed.verdict !== 'fails') return printed;
    return printedOrCorrection(printed, rateDecision(runs, 'worstDeficit', CORRECTED, s, 'worst 1 - |cos(w_i, theta*)| at t1 + T2/eta', ctx.alpha, floor), 'at t1 + ln(1/eta)/(eta ||theta*||)');
  },
  describe: ({ runs, a1 }, _d, ctx) => {
    const dom = ctx.domain;
    const ex = dom.explore;
    return {
      evidence: {
        runs: runs.length,
        divergedRuns: runs.filter((r) => r.run.divergence).length,
        medianNeuronCorrected: rateDecision(runs, 'medianDeficit', CORRECTED, ctx.record.statement as { exponent: number; delta: number }, 'median 1 - |cos| at t1 + T2/eta', ctx.alpha, floor).because,
        bigNeuronsCorrected: rateDecision(runs, 'worstDeficitBig', CORRECTED, ctx.record.statement as { exponent: number; delta: number }, 'worst 1 - |cos| over ||w_i|| >= sqrt(eta) at t1 + T2/eta', ctx.alpha, floor).because,
        proofStep:
          'Proof of Lemma D.1: (I + eta M)^T2 is replaced by exp(T2 eta M) and then by e M/||theta*||; but T2 eta ||theta*|| = eta ln(1/eta), so the growing eigenvalue (1 + eta ||theta*||)^T2 = 1 + O(eta ln(1/eta)) (table column amplificationPrinted), not e. exp(T2 eta M) reaches 1/eta on the growing mode only after T2/eta steps.',
        worstNeuronMechanism:
          'The growing mode of (w_i, a_i) is (theta*/||theta*||, 1)/sqrt(2); a neuron whose start has <w_i, theta*>/||theta*|| + a_i ~ 0 does not grow and keeps its O(sqrt(eta)) orthogonal part, so its 1 - |cos| stays O(1). The proof\'s last step divides by e a_i(t1), which needs a lower bound on |a_i(t1)| that the premise does not give.',
      },
      hypotheses: phase2Hypotheses(dom, runs, 'phase2'),
      cases: runs.length + a1.cases,
      explorations: [exploration('A1', `m = 1..${ex?.maxWidth} < 1/sqrt(eta) at eta = 10^-{${ex?.etaExponents.join(', ')}}, Phase II start; worst 1 - |cos| at t1 + T2/eta against ${th.exploreC?.value} ln(1/eta) sqrt(eta)`, a1)],
      tables: {
        sweep: sweepTable(runs, {
          worstDeficitPrinted: (r) => at(r, PRINTED, 'worstDeficit'),
          worstDeficitCorrected: (r) => at(r, CORRECTED, 'worstDeficit'),
          medianDeficitCorrected: (r) => at(r, CORRECTED, 'medianDeficit'),
          worstDeficitBigCorrected: (r) => at(r, CORRECTED, 'worstDeficitBig'),
          distanceCorrected: (r) => at(r, CORRECTED, 'distance'),
          amplificationPrinted: (r) => (1 + r.eta * r.thetaStarNorm) ** (r.checkpoints[PRINTED] as number),
          amplificationCorrected: (r) => (1 + r.eta * r.thetaStarNorm) ** (r.checkpoints[CORRECTED] as number),
          ratePrinted: (r) => Math.log(1 / r.eta) * Math.sqrt(r.eta),
        }),
      },
    };
  },
});
