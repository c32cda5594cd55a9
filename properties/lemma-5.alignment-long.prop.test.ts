import record from '../theorems/lemma-5.alignment-long.js';
import { fmt } from '../src/stats/format.js';
import { exploration } from '../src/verdict/explorations.js';
import { CORRECTED, lemma5Times, PRINTED, runPhase2Sweep, sweepTable, type SweepRun } from '../src/scenarios/phase2Sweep.js';
import { claim } from './claim.js';
import { exploreSearch, phase2Hypotheses, printedOrCorrection, rateDecision } from './lemma-5-6.phase2.js';

const th = record.thresholds;
const floor = th.roundoffFloor?.value ?? 0;
const C = th.exploreC?.value ?? 1;
const at = (r: SweepRun, cp: number, stat: 'worstUnnormalized' | 'worstDeficit' | 'maxAbsInner'): number | undefined => r.run.snaps[cp]?.[stat];

claim(record, {
  measure: (ctx) => {
    const runs = runPhase2Sweep(ctx.domain, ctx.runSeed(), 'phase2', lemma5Times);
    const ntk = exploreSearch(ctx, { name: 'phase-2-start', start: 'ntk', stat: 'worstUnnormalized', lemma: 5, C });
    return { runs, ntk };
  },
  decide: ({ runs }, s, ctx) => {
    const printed = rateDecision(runs, 'worstUnnormalized', PRINTED, s, 'worst max(0, 1 - |<theta*, w_i>|) at t1 + T2', ctx.alpha, floor);
    if (printed.verdict !== 'fails') return printed;
    return printedOrCorrection(printed, rateDecision(runs, 'worstDeficit', PRINTED, s, 'worst 1 - |cos(w_i, theta*)| at t1 + T2', ctx.alpha, floor), 'AAAI Eq. (9): |<theta*, w_i>| / (||theta*|| ||w_i||) >= 1 - O(ln(1/eta) sqrt(eta)) at the same t2');
  },
  describe: ({ runs, ntk }, _d, ctx) => {
    const ratio = runs.map((r) => (at(r, PRINTED, 'maxAbsInner') ?? 0) / (r.thetaStarNorm * Math.sqrt(r.eta)));
    return {
      evidence: {
        maxInnerOverThetaSqrtEta: `max_i |<theta*, w_i(t2)>| / (||theta*|| sqrt(eta)) is at most ${fmt(Math.max(...ratio))} over ${runs.length} runs`,
        unnormalizedAtCorrectedTime: rateDecision(runs, 'worstUnnormalized', CORRECTED, ctx.record.statement as { exponent: number; delta: number }, 'worst max(0, 1 - |<theta*, w_i>|) at t1 + T2/eta', ctx.alpha, floor).because,
        bound:
          '|<theta*, w_i>| <= ||theta*|| ||w_i||; at t1 every ||w_i|| <= sqrt(eta) and in T2 steps the neurons grow by at most (1 + eta ||theta*||)^T2 = 1 + O(eta ln(1/eta)), so the deficit is 1 - O(sqrt(eta)). The proof\'s last display divides by ||theta*|| ||w_i(t2)||: it proves (at best) the normalized AAAI Eq. (9).',
        divergedRuns: runs.filter((r) => r.run.divergence).length,
      },
      hypotheses: phase2Hypotheses(ctx.domain, runs, 'phase2'),
      cases: runs.length + ntk.cases,
      explorations: [exploration('phase-2-start', `NTK-scale start (Eq. (5): ||w_i|| ~ 1, |a_i| ~ 1/sqrt(m)) instead of ||w_i||, |a_i| <= sqrt(eta); worst max(0, 1 - |<theta*, w_i>|) at t1 + T2/eta against ${C} ln(1/eta) sqrt(eta)`, ntk)],
      tables: {
        sweep: sweepTable(runs, {
          worstUnnormalizedPrinted: (r) => at(r, PRINTED, 'worstUnnormalized'),
          worstDeficitPrinted: (r) => at(r, PRINTED, 'worstDeficit'),
          maxAbsInnerPrinted: (r) => at(r, PRINTED, 'maxAbsInner'),
          worstUnnormalizedCorrected: (r) => at(r, CORRECTED, 'worstUnnormalized'),
          maxAbsInnerCorrected: (r) => at(r, CORRECTED, 'maxAbsInner'),
        }),
      },
    };
  },
});
