import record from '../theorems/lemma-6.alignment-long.js';
import { combineAll } from '../src/verdict/checks/index.js';
import { lemma6Times, PRINTED, runPhase2Sweep, sweepTable, type SweepRun } from '../src/scenarios/phase2Sweep.js';
import type { SnapshotStat } from '../src/scenarios/phase2Descent.js';
import { claim } from './claim.js';
import { phase2Hypotheses, printedOrCorrection, rateDecision, type RateStatement } from './lemma-5-6.phase2.js';

const floor = record.thresholds.roundoffFloor?.value ?? 0;
const at = (r: SweepRun, stat: SnapshotStat): number | undefined => r.run.snaps[PRINTED]?.[stat];

/** One form at the printed t3 for every ||theta*||, combined by all. */
function decideForm(runs: readonly SweepRun[], norms: readonly number[], stat: SnapshotStat, what: string, s: RateStatement, alpha: number) {
  return combineAll(norms.map((n) => ({ setting: `||theta*|| = ${n}`, decision: rateDecision(runs.filter((r) => r.thetaStarNorm === n), stat, PRINTED, s, `${what} at t2 + T3`, alpha, floor) })));
}

claim(record, {
  measure: (ctx) => {
    const runs = runPhase2Sweep(ctx.domain, ctx.runSeed(), 'aligned', lemma6Times);
    return { runs };
  },
  decide: ({ runs }, s, ctx) => {
    const norms = ctx.domain.thetaStarNorms;
    const printed = decideForm(runs, norms, 'worstUnnormalizedBig', 'worst max(0, 1 - |<theta*, w_i>|) over ||w_i|| >= sqrt(eta)', s, ctx.alpha);
    if (printed.verdict !== 'fails') return printed;
    return printedOrCorrection(printed, decideForm(runs, norms, 'worstDeficitBig', 'worst 1 - |cos(w_i, theta*)| over ||w_i|| >= sqrt(eta)', s, ctx.alpha), 'AAAI Eq. (10): |<theta*, w_i>| / (||theta*|| ||w_i||) >= 1 - O(eta ln(1/eta)) at the same t3');
  },
  describe: ({ runs }, _d, ctx) => ({
    evidence: {
      runs: runs.length,
      divergedRuns: runs.filter((r) => r.run.divergence).length,
      bound:
        '|<theta*, w_i>| <= ||theta*|| ||w_i||: a neuron with ||w_i(t3)|| just above sqrt(eta) has |<theta*, w_i>| ~ ||theta*|| sqrt(eta) and a deficit ~1; and since sum_i a_i w_i -> theta* with the a_i, ||w_i|| balanced, sum_i ||w_i||^2 ~ ||theta*||, so for m neurons the typical |<theta*, w_i>| ~ ||theta*||^1.5 / sqrt(m) < 1. The proof\'s last display divides by gamma_i(t3) ||theta*||^2, i.e. it is (at best) the normalized Eq. (10).',
    },
    hypotheses: phase2Hypotheses(ctx.domain, runs, 'aligned'),
    cases: runs.length,
    tables: { sweep: sweepTable(runs, { worstUnnormalizedBig: (r) => at(r, 'worstUnnormalizedBig'), worstDeficitBig: (r) => at(r, 'worstDeficitBig'), bigNeurons: (r) => at(r, 'bigCount'), maxNorm: (r) => at(r, 'maxNorm') }) },
  }),
});
