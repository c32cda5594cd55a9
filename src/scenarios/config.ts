import { requireNumber } from '../errors.js';

/**
 * One configuration of the paper's synthetic setup (Sec. 3.1; Condition 1): width m, input dimension d, training set
 * size n, step size eta, label-noise scale sigma and the norm of the target thetaStar. Every scenario takes this type;
 * claims' domains list PaperConfigs (or ranges of them) instead of declaring their own shapes.
 */
export interface PaperConfig {
  readonly m: number;
  readonly d: number;
  readonly n: number;
  readonly eta: number;
  readonly sigma: number;
  /** ||thetaStar|| (absolute; A4 asks ||thetaStar|| <= m^(-1/4)) */
  readonly thetaStarNorm: number;
}

/**
 * The paper's own synthetic setting (Sec. "Experiments"): n = 200, m = 1000, d = 20, eta = 1e-3, sigma = 4; the paper
 * does not print ||thetaStar||, so A4 at its bound, m^(-1/4), is used.
 */
export const PAPER_SETTING: PaperConfig = Object.freeze({ m: 1000, d: 20, n: 200, eta: 1e-3, sigma: 4, thetaStarNorm: Math.pow(1000, -0.25) });

/** Validates a configuration at the edge: one error naming the input. */
export function validatePaperConfig(c: PaperConfig): PaperConfig {
  requireNumber('m', c.m, { min: 1, integer: true });
  requireNumber('d', c.d, { min: 1, integer: true });
  requireNumber('n', c.n, { min: 1, integer: true });
  requireNumber('eta', c.eta, { min: 0, exclusiveMin: true });
  requireNumber('sigma', c.sigma, { min: 0 });
  requireNumber('thetaStarNorm', c.thetaStarNorm, { min: 0 });
  return c;
}
