import type { HypothesisStatus } from '../theory/condition1.js';
import type { PaperConfig } from './config.js';

/**
 * A sweep over widths of the synthetic setup (Sec. 3.1): the same d, n, sigma at each width m in `ms`, with either a
 * fixed step size or eta = etaTimesM / m (a fixed distance to the one-sample stability edge eta m ||x||^2 / d ~ 2), and
 * ||theta*|| = thetaScale m^(-1/4) (A4 asks thetaScale <= 1); `reps` independent runs per width.
 */
export interface WidthSweep {
  /** label of the sweep ('fixed-eta', 'edge', 'sweep-eta', ...) */
  group: string;
  ms: number[];
  d: number;
  /** training set size (full engine) */
  n: number;
  eta?: number;
  etaTimesM?: number;
  sigma: number;
  thetaScale: number;
  reps: number;
}

/** The sweep's configuration at width m. */
export function sweepConfig(s: WidthSweep, m: number): PaperConfig {
  return { m, d: s.d, n: s.n, eta: s.eta ?? (s.etaTimesM as number) / m, sigma: s.sigma, thetaStarNorm: s.thetaScale * Math.pow(m, -0.25) };
}

/** Condition 1 over a sweep's configurations, one line per hypothesis (the shape of the report's hypothesis rows). */
export interface HypothesisLine {
  id: string;
  status: HypothesisStatus;
  detail: string;
}
