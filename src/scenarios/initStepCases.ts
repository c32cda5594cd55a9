import { maxInputNorm, type Dataset } from '../engine/data.js';
import { norm, rows, vec } from '../engine/matrix.js';
import { initNTK } from '../engine/network.js';
import { fmt } from '../stats/format.js';
import { eq44Probability } from '../theory/condition1.js';
import type { PaperConfig } from './config.js';
import { maxDeltaWOverData, proofBound } from './deltaWAlongSgd.js';
import { argMin, stepLaw } from './deltaWStepLaw.js';
import { datasetOf, thetaOf } from './lazyPremiseStates.js';

/**
 * Small networks at the initialization of Eq. (5), one step of label-noise SGD looked at exactly: the cases the Lemma 3
 * (= C.3) hypothesis searches draw. Each returns the case's verdict shape (violated, margin, message) with its numbers.
 */
export interface InitStepCase {
  violated: boolean;
  margin: number;
  message: string;
}

/** The smaller networks' configuration of these cases: eta = 0.2/m, ||theta*|| = m^(-1/4) (A4 at its bound). */
function smallConfig(m: number, d: number, n: number, sigma: number): PaperConfig {
  return { m, d, n, eta: 0.2 / m, sigma, thetaStarNorm: m ** -0.25 };
}

/**
 * Lemma 3 (iii) at Eq. (5): the worst neuron's exact finite-training-set probability P(Delta W_i <= -(sigma/4)^2)
 * against 1/4 (violated below it), beside Eq. (44)'s probability at d.
 */
export function worstQuarterAtInit(d: number, m: number, n: number, sigma: number, seed: string): InitStepCase {
  const s = initNTK(m, d, seed);
  const w = rows(s.W);
  const a = vec(s.a);
  const law = stepLaw({ m, d, w, a, theta: thetaOf(w, a, d), origin: 'Eq. (5)' }, datasetOf(smallConfig(m, d, n, sigma), seed), sigma);
  const i = argMin(law.quarterFin);
  const p = law.quarterFin[i] as number;
  return { violated: p < 0.25, margin: p - 0.25, message: `d = ${d}, m = ${m}, sigma = ${sigma}: worst neuron (||w_i|| = ${fmt(law.norm[i] as number)}) P(Delta W_i <= -(sigma/4)^2) = ${fmt(p)} (Eq. (44) at d: ${fmt(eq44Probability(d))})` };
}

/**
 * Lemma 3 (iv)'s proof bound at step 0 of a small network with a(0) scaled by k (the event C_j broken) or every
 * |a_i| = m^(-1/4) aligned with <w_i, e_1> ('edge'): the largest Delta W over the data against the proof's bound.
 */
export function stepZeroDeltaW(m: number, d: number, seed: string, a: { scale: number } | 'edge'): InitStepCase {
  const s = initNTK(m, d, seed, a === 'edge' ? {} : { aScale: a.scale });
  const w = rows(s.W);
  const a0 = vec(s.a);
  const data = datasetOf(smallConfig(m, d, 100, 4), seed);
  const { dwBound } = proofBound(m, norm(thetaOf(w, a0, d)), maxInputNorm(data.X), 4);
  const av = a === 'edge' ? Float64Array.from(w, (wi) => ((wi[0] as number) >= 0 ? 1 : -1) * m ** -0.25) : a0;
  const th = thetaOf(w, av, d);
  const mx = maxDeltaWOverData(w, av, th, data, 4);
  return {
    violated: mx > dwBound,
    margin: Math.log10(dwBound) - Math.log10(Math.max(mx, 1e-300)),
    message: `m = ${m}, d = ${d}, ${a === 'edge' ? 'every |a_i| = m^(-1/4) aligned' : `a(0) ~ N(0, ${a.scale}^2/m)`}: ||theta|| = ${fmt(norm(th))}, max_i |a_i| = ${fmt(Math.max(...av.map(Math.abs)))}; max Delta W at step 0 = ${fmt(mx)} vs the proof's bound ${fmt(dwBound)}`,
  };
}

/** max_i ||x_i|| of the training set of a configuration (C_data of A5, as sampled). */
export function sampledInputNorm(c: PaperConfig, seed: string): number {
  return maxInputNorm(datasetOf(c, seed).X);
}

export type { Dataset };
