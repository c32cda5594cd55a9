import fc from 'fast-check';
import { T2 } from '../../src/theory/constants.js';
import type { ClaimContext } from '../../src/verdict/context.js';
import type { CaseResult } from '../../src/verdict/search.js';
import type { Phase2Domain } from '../../theorems/lemma-5.alignment.js';
import { runPhase2, stepsOf, type Phase2Case, type Snapshot, type StartKind } from './phase2gd.js';
import { dataSizeAt, exploreOf, fitRate, pointsOf, rateLemma5, runSweep, tableRows, widthAt, type RateFit, type SweepRun } from './phase2gdRates.js';

/**
 * The Lemma 5 (AAAI) = 3.4 = D.1 sweep shared by lemma-5.alignment, lemma-5.t2 and lemma-5.alignment-long:
 * GD from Phase II starts, snapshots at the printed t2 = t1 + ceil(T2) (index 0) and at t1 + ceil(T2/eta) (index 1).
 */
export const PRINTED = 0;
export const CORRECTED = 1;

export function lemma5Checkpoints(eta: number, s: number): number[] {
  return [stepsOf(T2(eta, s)), stepsOf(T2(eta, s) / eta)];
}

export type Stat = keyof Omit<Snapshot, 'step'>;

export interface Lemma5Sweep {
  runs: SweepRun[];
  fit(stat: Stat, at: number, label: string): RateFit | string;
  diverged: number;
  table: Record<string, number | string>[];
}

export function lemma5Sweep(ctx: ClaimContext<Phase2Domain>, floor: number, minLower: number): Lemma5Sweep {
  const dom = ctx.domain;
  const runs = runSweep(ctx, dom, dom.thetaStarNorms, 'phase2', lemma5Checkpoints);
  const at = (r: SweepRun, cp: number, stat: Stat): number | undefined => r.run.snaps[cp]?.[stat];
  const table = tableRows(
    runs,
    {
      worstDeficitPrinted: (r) => at(r, PRINTED, 'worstDeficit'),
      medianDeficitPrinted: (r) => at(r, PRINTED, 'medianDeficit'),
      worstUnnormalizedPrinted: (r) => at(r, PRINTED, 'worstUnnormalized'),
      maxAbsInnerPrinted: (r) => at(r, PRINTED, 'maxAbsInner'),
      worstDeficitCorrected: (r) => at(r, CORRECTED, 'worstDeficit'),
      medianDeficitCorrected: (r) => at(r, CORRECTED, 'medianDeficit'),
      worstDeficitBigCorrected: (r) => at(r, CORRECTED, 'worstDeficitBig'),
      worstUnnormalizedCorrected: (r) => at(r, CORRECTED, 'worstUnnormalized'),
      maxAbsInnerCorrected: (r) => at(r, CORRECTED, 'maxAbsInner'),
      distanceCorrected: (r) => at(r, CORRECTED, 'distance'),
      covDeviation: (r) => r.run.covDeviation,
    },
    (eta, s) => {
      const [p, c] = lemma5Checkpoints(eta, s);
      return {
        rate: rateLemma5(eta),
        stepsPrinted: p!,
        stepsCorrected: c!,
        // the growing eigen-direction of I + eta M is amplified by (1 + eta ||theta*||)^steps; the proof's e M/||theta*|| has e
        amplificationPrinted: Math.pow(1 + eta * s, p!),
        amplificationCorrected: Math.pow(1 + eta * s, c!),
      };
    },
  );
  return {
    runs,
    fit: (stat, cp, label) => fitRate(label, pointsOf(runs, cp, rateLemma5, (r, k) => at(r, k, stat)), ctx.alpha, minLower, floor),
    diverged: runs.filter((r) => r.run.divergence !== undefined).length,
    table,
  };
}

/** A single run of a Lemma 5 exploration: start kind, width and n may break a hypothesis. */
export interface Lemma5ExploreCase {
  seed: number;
  k: number;
  m: number;
  n: number;
  start: StartKind;
}

export function lemma5ExploreArbitrary(dom: Phase2Domain, opts: { m?: 'small'; n?: number; start: StartKind }): fc.Arbitrary<Lemma5ExploreCase> {
  return fc
    .record({
      seed: fc.nat({ max: 1_000_000 }),
      k: fc.constantFrom(...exploreOf(dom).etaExponents),
      mSmall: fc.integer({ min: 1, max: exploreOf(dom).maxWidth }),
    })
    .map(({ seed, k, mSmall }) => {
      const eta = 10 ** -k;
      return { seed, k, m: opts.m === 'small' ? mSmall : widthAt(eta, dom.widthFactor), n: opts.n ?? dataSizeAt(eta), start: opts.start };
    });
}

/** Runs one exploration case to the corrected time and tests `stat` <= C rate(eta). */
export function lemma5ExploreCheck(
  ctx: ClaimContext<Phase2Domain>,
  name: string,
  stat: Stat,
  C: number,
): (c: Lemma5ExploreCase) => CaseResult {
  const dom = ctx.domain;
  const s = dom.thetaStarNorms[0]!;
  return (c) => {
    const eta = 10 ** -c.k;
    const pc: Phase2Case = { m: c.m, d: dom.d, eta, n: c.n, thetaStarNorm: s, start: c.start, scale: dom.startScale, seed: ctx.runSeed('explore', name, c.seed) };
    const cps = lemma5Checkpoints(eta, s);
    const run = runPhase2(pc, cps);
    const snap = run.snaps[CORRECTED];
    if (!snap) return { violated: false, margin: Number.MAX_VALUE, message: `eta = 10^-${c.k}, m = ${c.m}, n = ${c.n}: ${run.divergence ?? 'no snapshot'}` };
    const bound = C * rateLemma5(eta);
    const v = snap[stat];
    return {
      violated: v > bound,
      margin: bound - v,
      message: `eta = 10^-${c.k}, m = ${c.m}, n = ${c.n}, start ${c.start} (max ||w_i(t1)|| = ${run.maxW0.toExponential(2)}, max |a_i(t1)| = ${run.maxA0.toExponential(2)}, sqrt(eta) = ${Math.sqrt(eta).toExponential(2)}): ${stat} at t1 + ${cps[CORRECTED]} = ${v.toExponential(3)} vs ${C} * ln(1/eta) sqrt(eta) = ${bound.toExponential(3)}`,
    };
  };
}
