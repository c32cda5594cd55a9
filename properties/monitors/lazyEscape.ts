import type { PremiseMonitor } from '../../src/verdict/monitor.js';

/**
 * Theorem 2 as a premise monitor. Observation kind 'lazy-escape', reported by any run of label-noise SGD from the NTK
 * init that is looked at at some step t: { m, eta, sigma, t, T1 (384 sqrt(log m) / (sigma^2 eta^2 sqrt m)), insideFraction
 * (the fraction of neurons with ||w_i(t) - w_i(0)|| <= 1/sqrt(m) at t) }. Inside the premise (sigma > 0, t >= floor(T1)),
 * a neuron still in the lazy ball contradicts "all the neurons escape from the lazy regime at time T1".
 */
export const LAZY_ESCAPE_MONITORS: readonly PremiseMonitor[] = [
  {
    claim: 'theorem-2.escape-lazy',
    kind: 'lazy-escape',
    premise: 'label-noise SGD (sigma > 0) from the NTK init, looked at at a step t >= floor(T1)',
    inPremise: (o) => (o.sigma ?? 0) > 0 && (o.t ?? -Infinity) >= Math.floor(o.T1 ?? Infinity),
    check: (o) => ({ violated: (o.insideFraction ?? 0) > 0, message: `${o.insideFraction} of the neurons still inside the lazy ball at t = ${o.t} >= floor(T1) = ${Math.floor(o.T1 ?? 0)} (m = ${o.m}, eta = ${o.eta}, sigma = ${o.sigma})` }),
  },
];
