import record from '../theorems/lemma-6.convergence.js';
import { combineAll } from '../src/verdict/checks/index.js';
import { exploration } from '../src/verdict/explorations.js';
import { CORRECTED, lemma6Times, PRINTED, runPhase2Sweep, sweepTable, type SweepRun } from '../src/scenarios/phase2Sweep.js';
import { claim } from './claim.js';
import { exploreSearch, phase2Hypotheses, printedOrCorrection, rateDecision, type RateStatement } from './lemma-5-6.phase2.js';

const th = record.thresholds;
const floor = th.roundoffFloor?.value ?? 0;
const C = th.exploreC?.value ?? 1;
const at = (r: SweepRun, cp: number, stat: 'distance' | 'worstDeficitBig' | 'bigCount'): number | undefined => r.run.snaps[cp]?.[stat];

/** Both bounds of Lemma 6 at every ||theta*|| at one checkpoint, combined by all. */
function decideAt(runs: readonly SweepRun[], norms: readonly number[], cp: number, s: RateStatement, alpha: number) {
  const when = cp === PRINTED ? 't2 + T3' : 't2 + max(T3, ln(1/eta)/(eta ||theta*||))';
  return combineAll(
    norms.flatMap((n) => {
      const mine = runs.filter((r) => r.thetaStarNorm === n);
      return [
        { setting: `||theta*|| = ${n}, ||theta - theta*||`, decision: rateDecision(mine, 'distance', cp, s, `||theta - theta*|| at ${when}`, alpha, floor) },
        { setting: `||theta*|| = ${n}, worst 1 - |cos|`, decision: rateDecision(mine, 'worstDeficitBig', cp, s, `worst 1 - |cos(w_i, theta*)| (||w_i|| >= sqrt(eta)) at ${when}`, alpha, floor) },
      ];
    }),
  );
}

claim(record, {
  measure: (ctx) => {
    const runs = runPhase2Sweep(ctx.domain, ctx.runSeed(), 'aligned', lemma6Times);
    const unaligned = exploreSearch(ctx, { name: 'aligned-start', start: 'phase2', stat: 'worstDeficitBig', lemma: 6, C });
    const a3 = exploreSearch(ctx, { name: 'A3', start: 'aligned', n: (th.a3BrokenN?.value ?? 2) * ctx.domain.d, stat: 'worstDeficitBig', lemma: 6, C });
    return { runs, unaligned, a3 };
  },
  decide: ({ runs }, s, ctx) => {
    const printed = decideAt(runs, ctx.domain.thetaStarNorms, PRINTED, s, ctx.alpha);
    if (printed.verdict !== 'fails') return printed;
    return printedOrCorrection(printed, decideAt(runs, ctx.domain.thetaStarNorms, CORRECTED, s, ctx.alpha), 't3 = t2 + ln(1/eta)/(eta ||theta*|| min(1, ||theta*||))');
  },
  describe: ({ runs, unaligned, a3 }, _d, ctx) => {
    const nA3 = (th.a3BrokenN?.value ?? 2) * ctx.domain.d;
    const s = ctx.domain.explore?.thetaStarNorm ?? ctx.domain.thetaStarNorms[0];
    return {
      evidence: {
        runs: runs.length,
        divergedRuns: runs.filter((r) => r.run.divergence).length,
        eq61: 'Eq. (61): (1/n) sum x_j x_j^T = I + O(1/sqrt(n)) = I + O(eta^2) by A3; with n = 1/eta^2, O(1/sqrt(n)) = O(eta), not O(eta^2) (table: covDeviationOverEta stays ~constant). The proof carries the term as O(eta/sqrt(n)) per step, so this slip alone does not change its final rate.',
        eq68: 'Eqs. (65)-(68): the contraction factor is 1 - eta (sum a_i^2 + sum gamma_i^2 ||theta*||^2); at the aligned start it is 1 - O(m eta^2), so ||theta - theta*|| does not contract at rate eta ||theta*||^2 at first: the network escapes the small start at rate eta ||theta*|| (table: escapeTimesEtaThetaOverLn). For ||theta*|| > 1 the printed T3 is too short.',
        interpolation: 'Finite-n GD converges to the least-squares solution; it equals theta* only because y = <theta*, x> exactly (footnote 2) and n >= d makes Sigma_hat invertible.',
      },
      hypotheses: phase2Hypotheses(ctx.domain, runs, 'aligned'),
      cases: runs.length + unaligned.cases + a3.cases,
      explorations: [
        exploration('aligned-start', `Lemma 5's Phase II start (not aligned, max ||w_i|| = max |a_i| = sqrt(eta)), ||theta*|| = ${s}; worst 1 - |cos| (||w_i|| >= sqrt(eta)) at the printed t3 against ${C} eta ln(1/eta)`, unaligned),
        exploration('A3', `n = ${nA3} samples instead of n >= 1/eta^2, aligned start; worst 1 - |cos| (||w_i|| >= sqrt(eta)) at the printed t3 against ${C} eta ln(1/eta)`, a3),
      ],
      tables: {
        sweep: sweepTable(runs, {
          distancePrinted: (r) => at(r, PRINTED, 'distance'),
          worstDeficitBigPrinted: (r) => at(r, PRINTED, 'worstDeficitBig'),
          bigNeuronsPrinted: (r) => at(r, PRINTED, 'bigCount'),
          distanceCorrected: (r) => at(r, CORRECTED, 'distance'),
          worstDeficitBigCorrected: (r) => at(r, CORRECTED, 'worstDeficitBig'),
          escapeTimesEtaThetaOverLn: (r) => (r.run.escapeStep >= 0 ? (r.run.escapeStep * r.eta * r.thetaStarNorm) / Math.log(1 / r.eta) : undefined),
          covDeviationOverEta: (r) => r.run.covDeviation / r.eta,
        }),
      },
    };
  },
});
