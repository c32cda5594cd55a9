import type { PremiseMonitor } from '../../src/verdict/monitor.js';

/**
 * Premise monitors on Phase II gradient-descent runs (Lemmas 5-6). Observation kind and its data keys:
 *   'phase-2-gd'  { eta, thetaStarNorm, m, n, startScaled (max_i max(||w_i||, |a_i|) / sqrt(eta) at the start),
 *                   aligned (1: the start is w_i = gamma_i theta*), startDeficit (worst 1 - |cos(w_i, theta*)| at the start),
 *                   steps (GD steps since the start), distance (||theta - theta*||), worstDeficit (max_i 1 - |cos|),
 *                   worstDeficitBig (the same over ||w_i|| >= sqrt(eta); 0 when none) }
 * Emitted by the Lemma 5-6 properties (properties/lemma-5-6.phase2.ts, observeRuns) for every checkpoint of every run.
 * The statements are O(.) bounds; a single run is checked against them with the hidden constant read as 1, as
 * Condition 1's are (records' exploreC).
 */
const premise = (o: Readonly<Record<string, number>>): boolean => (o.startScaled ?? Infinity) <= 1 + 1e-12 && (o.m ?? 0) >= 1 / Math.sqrt(o.eta ?? 0) - 1e-9 && (o.n ?? 0) >= 1 / (o.eta ?? 1) ** 2 - 1e-6;
const ln = (o: Readonly<Record<string, number>>): number => Math.log(1 / (o.eta ?? 1));

export const PHASE2_GD_MONITORS: readonly PremiseMonitor[] = [
  {
    claim: 'lemma-5.alignment',
    kind: 'phase-2-gd',
    premise: 'full-batch GD from a Phase II start (max_i ||w_i||, |a_i| <= sqrt(eta)), m >= 1/sqrt(eta), n >= 1/eta^2, at or after t1 + T2',
    inPremise: (o) => premise(o) && (o.steps ?? 0) >= ln(o) / (o.thetaStarNorm ?? Infinity),
    check: (o) => {
      const bound = ln(o) * Math.sqrt(o.eta ?? 0);
      return { violated: (o.worstDeficit ?? 0) > bound, message: `worst 1 - |cos(w_i, theta*)| = ${o.worstDeficit} > ln(1/eta) sqrt(eta) = ${bound} at eta = ${o.eta}, m = ${o.m}, ${o.steps} steps after t1 (T2 = ${ln(o) / (o.thetaStarNorm ?? 1)})` };
    },
  },
  {
    claim: 'lemma-6.convergence',
    kind: 'phase-2-gd',
    premise: 'full-batch GD from a perfectly aligned start (w_i = gamma_i theta*, max_i ||w_i||, |a_i| <= sqrt(eta)), m >= 1/sqrt(eta), n >= 1/eta^2, at or after t2 + T3',
    inPremise: (o) => premise(o) && o.aligned === 1 && (o.startDeficit ?? 1) <= 1e-12 && (o.steps ?? 0) >= ln(o) / ((o.eta ?? 1) * (o.thetaStarNorm ?? 1) ** 2),
    check: (o) => {
      const bound = (o.eta ?? 0) * ln(o);
      return { violated: (o.distance ?? 0) > bound || (o.worstDeficitBig ?? 0) > bound, message: `||theta - theta*|| = ${o.distance}, worst 1 - |cos| over ||w_i|| >= sqrt(eta) = ${o.worstDeficitBig}, vs eta ln(1/eta) = ${bound} at eta = ${o.eta}, ||theta*|| = ${o.thetaStarNorm}, ${o.steps} steps after t2` };
    },
  },
];
