import type { PremiseMonitor } from '../../src/verdict/monitor.js';

/**
 * 'sgd-neuron-step': one neuron's single-sample label-noise SGD step t -> t+1 (Eqs. (15)-(16), (33)-(34)), reported by
 * any claim that runs such steps (src/scenarios/normBalance.ts neuronStepData). Data keys:
 *   eta, r (= f - y - eps, the paper's "grad l"), xw (= x^T w_i(t)), xwAbs (= sum_k |x_k w_ik(t)|), xNorm2 (= ||x||^2),
 *   aBefore, aAfter (a_i(t), a_i(t+1)), wNorm2Before, wNorm2After (||w_i(t)||^2, ||w_i(t+1)||^2).
 * Both statements are exact; the comparison allows float64 rounding, 1e-10 of the magnitude of the terms
 * (the step's rounding is ~1e-16 of it: six orders of margin; a wrong factor or sign misses by O(1) of eta r x^T w).
 */
const TOL = 1e-10;

export const SGD_NEURON_STEP_MONITORS: readonly PremiseMonitor[] = [
  {
    claim: 'eq-15-16.sgd-step',
    kind: 'sgd-neuron-step',
    premise: 'a single-sample label-noise SGD step of the two-layer network (any state)',
    inPremise: (o) => Number.isFinite(o.aAfter ?? NaN) && Number.isFinite(o.wNorm2After ?? NaN),
    check: (o) => {
      const { eta = 0, r = 0, xw = 0, xwAbs = 0, aBefore = 0, aAfter = 0 } = o;
      // Eq. (16), neuron i: a_i(t+1) = a_i(t) - eta r x^T w_i(t)
      const gap = Math.abs(aAfter - (aBefore - eta * r * xw));
      const scale = Math.abs(aBefore) + Math.abs(aAfter) + eta * Math.abs(r) * xwAbs;
      return { violated: gap > TOL * scale, message: `a_i(t+1) = ${aAfter} but a_i(t) - eta r x^T w_i = ${aBefore - eta * r * xw} (gap ${gap}, scale ${scale})` };
    },
  },
  {
    claim: 'eq-41.norm-identity',
    kind: 'sgd-neuron-step',
    premise: 'a single-sample label-noise SGD step of the two-layer network (Eq. (41) with T = 1)',
    inPremise: (o) => Number.isFinite(o.aAfter ?? NaN) && Number.isFinite(o.wNorm2After ?? NaN),
    check: (o) => {
      const { eta = 0, r = 0, xw = 0, xwAbs = 0, xNorm2 = 0, aBefore = 0, aAfter = 0, wNorm2Before = 0, wNorm2After = 0 } = o;
      // ||w_i(1)||^2 = ||w_i(0)||^2 + eta^2 Delta W_i(0) - a_i(0)^2 + a_i(1)^2, Delta W = -r^2 ((x^T w)^2 - a^2 ||x||^2)
      const rhs = wNorm2Before - eta * eta * r * r * (xw * xw - aBefore * aBefore * xNorm2) - aBefore * aBefore + aAfter * aAfter;
      const scale = wNorm2Before + wNorm2After + aBefore * aBefore + aAfter * aAfter + eta * eta * r * r * (xwAbs * xwAbs + aBefore * aBefore * xNorm2);
      const gap = Math.abs(wNorm2After - rhs);
      return { violated: gap > TOL * scale, message: `||w_i(t+1)||^2 = ${wNorm2After} but Eq. (41) over one step gives ${rhs} (gap ${gap}, scale ${scale})` };
    },
  },
];
