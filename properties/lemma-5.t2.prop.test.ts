import record from '../theorems/lemma-5.t2.js';
import { timeBoundRule } from '../src/verdict/checks/index.js';
import { exploration } from '../src/verdict/explorations.js';
import { CORRECTED, lemma5Times, PRINTED, runPhase2Sweep, sweepTable, type SweepRun } from '../src/scenarios/phase2Sweep.js';
import { claim } from './claim.js';
import { exploreSearch, phase2Hypotheses, printedOrCorrection } from './lemma-5-6.phase2.js';

const th = record.thresholds;
const alignC = th.alignConstant?.value ?? 0;
const C = th.exploreC?.value ?? 1;

/** The time-bound rule on the median neuron's alignment time against ln(1/eta) / (||theta*|| eta^e). */
function decideTime(runs: readonly SweepRun[], e: number, delta: number, alpha: number) {
  const claimedText = e === 0 ? 'T2 = ln(1/eta)/||theta*||' : `ln(1/eta)/(||theta*|| eta^${e})`;
  const timed = runs.map((r) => ({ size: 1 / r.eta, measured: r.run.alignStep >= 0 ? r.run.alignStep : Math.max(...r.checkpoints), censored: r.run.alignStep < 0, claimed: Math.log(1 / r.eta) / (r.thetaStarNorm * r.eta ** e) }));
  return timeBoundRule({ quantity: `steps until the median neuron has 1 - |cos| <= ${alignC} ln(1/eta) sqrt(eta)`, sizeName: '1/eta', claimedText, runs: timed, delta, alpha });
}

claim(record, {
  measure: (ctx) => {
    const runs = runPhase2Sweep(ctx.domain, ctx.runSeed(), 'phase2', lemma5Times, (eta) => alignC * Math.log(1 / eta) * Math.sqrt(eta));
    const ntk = exploreSearch(ctx, { name: 'phase-2-start', start: 'ntk', stat: 'medianDeficit', lemma: 5, C });
    const a3 = exploreSearch(ctx, { name: 'A3', start: 'phase2', n: (th.a3BrokenN?.value ?? 2) * ctx.domain.d, stat: 'medianDeficit', lemma: 5, C });
    return { runs, ntk, a3 };
  },
  decide: ({ runs }, s, ctx) => {
    const printed = decideTime(runs, s.timeExponent, s.delta, ctx.alpha).decision;
    if (printed.verdict !== 'fails') return printed;
    return printedOrCorrection(printed, decideTime(runs, s.correctedTimeExponent, s.delta, ctx.alpha).decision, `t1 + ln(1/eta)/(||theta*|| eta^${s.correctedTimeExponent})`);
  },
  describe: ({ runs, ntk, a3 }, _d, ctx) => {
    const nA3 = (th.a3BrokenN?.value ?? 2) * ctx.domain.d;
    const at = (r: SweepRun, cp: number): number | undefined => r.run.snaps[cp]?.medianDeficit;
    return {
      evidence: {
        runs: runs.length,
        censoredRuns: runs.filter((r) => r.run.alignStep < 0).length,
        divergedRuns: runs.filter((r) => r.run.divergence).length,
        alignmentTimesPrinted: JSON.stringify(decideTime(runs, record.statement?.timeExponent ?? 0, record.statement?.delta ?? 0, ctx.alpha).perSize),
        proofStep:
          'exp(T2 eta M) with T2 eta = eta ln(1/eta)/||theta*|| -> 0 is I + O(eta ln(1/eta)), not e M/||theta*||; the growing mode is amplified by (1 + eta ||theta*||)^T2 (column amplificationPrinted). The alignment the lemma describes needs ~ln(1/eta)/(eta ||theta*||) steps (T2/eta), where the amplification is ~1/eta.',
      },
      hypotheses: phase2Hypotheses(ctx.domain, runs, 'phase2'),
      cases: runs.length + ntk.cases + a3.cases,
      explorations: [
        exploration('phase-2-start', `NTK-scale start (Eq. (5): ||w_i|| ~ 1, |a_i| ~ 1/sqrt(m)) instead of ||w_i||, |a_i| <= sqrt(eta); median 1 - |cos| at t1 + T2/eta against ${C} ln(1/eta) sqrt(eta)`, ntk),
        exploration('A3', `n = ${nA3} samples (Sigma_hat ~ Wishart_d(${nA3}, I)/${nA3}) instead of n >= 1/eta^2; median 1 - |cos| at t1 + T2/eta against ${C} ln(1/eta) sqrt(eta)`, a3),
      ],
      tables: {
        sweep: sweepTable(runs, {
          alignStep: (r) => (r.run.alignStep >= 0 ? r.run.alignStep : undefined),
          alignStepOverT2: (r) => (r.run.alignStep >= 0 ? (r.run.alignStep * r.thetaStarNorm) / Math.log(1 / r.eta) : undefined),
          alignStepOverT2OverEta: (r) => (r.run.alignStep >= 0 ? (r.run.alignStep * r.thetaStarNorm * r.eta) / Math.log(1 / r.eta) : undefined),
          medianDeficitPrinted: (r) => at(r, PRINTED),
          medianDeficitCorrected: (r) => at(r, CORRECTED),
          amplificationPrinted: (r) => (1 + r.eta * r.thetaStarNorm) ** (r.checkpoints[PRINTED] as number),
          amplificationCorrected: (r) => (1 + r.eta * r.thetaStarNorm) ** (r.checkpoints[CORRECTED] as number),
        }),
      },
    };
  },
});
