import fc from 'fast-check';
import { T3 } from '../../src/theory/constants.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { CaseResult } from '../../src/verdict/search.js';
import type { Phase2Domain } from '../../theorems/lemma-5.alignment.js';
import { runPhase2, stepsOf, type Phase2Case, type StartKind } from './phase2gd.js';
import { dataSizeAt, exploreOf, fitRate, pointsOf, rateLemma6, runSweep, tableRows, widthAt, type RateFit, type SweepRun } from './phase2gdRates.js';
import type { Stat } from './phase2gdLemma5.js';

/**
 * The Lemma 6 (AAAI) = 3.5 = D.2 sweep shared by lemma-6.convergence and lemma-6.alignment-long: GD from perfectly
 * aligned starts w_i = gamma_i theta* with max ||w_i|| = max |a_i| = sqrt(eta), snapshots at the printed
 * t3 = t2 + ceil(T3), T3 = ln(1/eta)/(eta ||theta*||^2) (index 0), and at the corrected t2 + ceil(max(T3, ln(1/eta)/(eta ||theta*||)))
 * (index 1; the same step when ||theta*|| <= 1).
 */
export const PRINTED = 0;
export const CORRECTED = 1;

/** max(T3, ln(1/eta)/(eta ||theta*||)): the escape from a sqrt(eta)-scale start runs at rate eta ||theta*|| (the top eigenvalue of eta M), not eta ||theta*||^2. */
export function correctedT3(eta: number, s: number): number {
  return Math.max(T3(eta, s), Math.log(1 / eta) / (eta * s));
}

export function lemma6Checkpoints(eta: number, s: number): number[] {
  return [stepsOf(T3(eta, s)), stepsOf(correctedT3(eta, s))];
}

/** Is the corrected time a separate checkpoint (||theta*|| > 1)? */
export const hasSeparateCorrection = (s: number): boolean => correctedT3(0.01, s) > T3(0.01, s);

export interface Lemma6Sweep {
  runs: SweepRun[];
  fit(stat: Stat, at: number, s: number, label: string): RateFit | string;
  diverged: number;
  table: Record<string, number | string>[];
}

export function lemma6Sweep(ctx: ClaimContext<Phase2Domain>, floor: number, minLower: number): Lemma6Sweep {
  const dom = ctx.domain;
  const runs = runSweep(ctx, dom, dom.thetaStarNorms, 'aligned', lemma6Checkpoints);
  const at = (r: SweepRun, cp: number, stat: Stat): number | undefined => r.run.snaps[cp]?.[stat];
  const table = tableRows(
    runs,
    {
      distancePrinted: (r) => at(r, PRINTED, 'distance'),
      worstDeficitBigPrinted: (r) => at(r, PRINTED, 'worstDeficitBig'),
      worstUnnormalizedBigPrinted: (r) => at(r, PRINTED, 'worstUnnormalizedBig'),
      bigNeuronsPrinted: (r) => at(r, PRINTED, 'bigCount'),
      maxNormPrinted: (r) => at(r, PRINTED, 'maxNorm'),
      distanceCorrected: (r) => at(r, CORRECTED, 'distance'),
      worstDeficitBigCorrected: (r) => at(r, CORRECTED, 'worstDeficitBig'),
      escapeStep: (r) => (r.run.escapeStep >= 0 ? r.run.escapeStep : undefined),
      escapeOverT3: (r) => (r.run.escapeStep >= 0 ? r.run.escapeStep / T3(r.eta, r.thetaStarNorm) : undefined),
      escapeTimesEtaThetaOverLn: (r) => (r.run.escapeStep >= 0 ? (r.run.escapeStep * r.eta * r.thetaStarNorm) / Math.log(1 / r.eta) : undefined),
      startWorstDeficit: (r) => r.run.startWorstDeficit,
      covDeviationOverEta: (r) => r.run.covDeviation / r.eta,
      covDeviationOverEta2: (r) => r.run.covDeviation / (r.eta * r.eta),
    },
    (eta, s) => {
      const [p, c] = lemma6Checkpoints(eta, s);
      return { rate: rateLemma6(eta), stepsPrinted: p!, stepsCorrected: c! };
    },
  );
  return {
    runs,
    fit: (stat, cp, s, label) =>
      fitRate(
        label,
        pointsOf(runs.filter((r) => r.thetaStarNorm === s), cp, rateLemma6, (r, k) => at(r, k, stat)),
        ctx.alpha,
        minLower,
        floor,
      ),
    diverged: runs.filter((r) => r.run.divergence !== undefined).length,
    table,
  };
}

export interface Lemma6ExploreCase {
  seed: number;
  k: number;
  n: number;
  start: StartKind;
}

export function lemma6ExploreArbitrary(dom: Phase2Domain, opts: { n?: number; start: StartKind }): fc.Arbitrary<Lemma6ExploreCase> {
  return fc
    .record({ seed: fc.nat({ max: 1_000_000 }), k: fc.constantFrom(...exploreOf(dom).etaExponents) })
    .map(({ seed, k }) => ({ seed, k, n: opts.n ?? dataSizeAt(10 ** -k), start: opts.start }));
}

/** Runs one exploration case to the printed t3 and tests `stat` <= C eta ln(1/eta). */
export function lemma6ExploreCheck(ctx: ClaimContext<Phase2Domain>, name: string, stat: Stat, C: number): (c: Lemma6ExploreCase) => CaseResult {
  const dom = ctx.domain;
  const s = exploreOf(dom).thetaStarNorm ?? dom.thetaStarNorms[0]!;
  return (c) => {
    const eta = 10 ** -c.k;
    const pc: Phase2Case = { m: widthAt(eta, dom.widthFactor), d: dom.d, eta, n: c.n, thetaStarNorm: s, start: c.start, scale: dom.startScale, seed: ctx.runSeed('explore', name, c.seed) };
    const cps = lemma6Checkpoints(eta, s);
    const run = runPhase2(pc, cps);
    const snap = run.snaps[PRINTED];
    if (!snap) return { violated: false, margin: Number.MAX_VALUE, message: `eta = 10^-${c.k}, n = ${c.n}: ${run.divergence ?? 'no snapshot'}` };
    const bound = C * rateLemma6(eta);
    const v = snap[stat];
    return {
      violated: v > bound,
      margin: bound - v,
      message: `eta = 10^-${c.k}, m = ${pc.m}, n = ${c.n}, ||theta*|| = ${s}, start ${c.start} (worst 1 - |cos| at t2 ${run.startWorstDeficit.toExponential(2)}): ${stat} at t2 + ${cps[PRINTED]} = ${v.toExponential(3)} (${snap.bigCount} neurons with ||w_i|| >= sqrt(eta); ||theta - theta*|| = ${snap.distance.toExponential(2)}) vs ${C} * eta ln(1/eta) = ${bound.toExponential(3)}`,
    };
  };
}
