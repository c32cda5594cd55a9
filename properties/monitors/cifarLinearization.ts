import type { PremiseMonitor } from '../../src/verdict/monitor.js';

/**
 * Premise monitors for the real-world figures' statements (figure-3.label-noise-rich, figure-5.sam-rich), read off the
 * runs of the authors' real-world setup (src/scenarios/cifarLinearization.ts) in the standard parameterization:
 * full-batch GD on the clean labels tracks its linearization at initialization within a factor 1.25 on the loss curves
 * (train and test), and full-batch GD with label noise departs from it by a factor >= 2. Figure 5's GD runs enter
 * Figure 3's clean-run premise and Figure 3's clean runs enter Figure 5's GD premise. As the claims decide over seeds,
 * an observation is one run over the seeds with its one-sided (1 - alpha) t bounds, and a contradiction is what the
 * seeds show at alpha (the lower bound above ln 1.25; the upper bound below ln 2), not one seed's excursion.
 * The thresholds are the records' (ln 1.25, ln 2), restated because a monitor may not import a record's values.
 * Observation kind and its data keys:
 *   'cifar-linearization'  { ntk (0/1: NTK parameterization), noisy (0/1: label noise), sam (0/1), rho, width, steps, eta,
 *                            seeds, meanLogDist, lowerLogDist, upperLogDist (log-scale loss-curve distance to the exact
 *                            linearization, max of train and test: mean and one-sided (1 - alpha) bounds over the seeds) }
 */
const TRACK = Math.log(1.25);
const DEPART = Math.log(2);
type Data = Readonly<Record<string, number>>;
const cleanGd = (o: Data): boolean => o.noisy === 0 && o.sam === 0 && o.ntk === 0;
const where = (o: Data): string => `width ${o.width}, ${o.steps} steps at eta ${o.eta}, ${o.seeds} seeds`;
const tracks = (o: Data) => ({ violated: (o.lowerLogDist ?? 0) > TRACK, message: `clean full-batch GD (${where(o)}): log-distance to its linearization shown above ln 1.25 = ${TRACK.toFixed(4)} (mean ${o.meanLogDist}, lower bound ${o.lowerLogDist})` });

export const CIFAR_LINEARIZATION_MONITORS: readonly PremiseMonitor[] = [
  { claim: 'figure-3.label-noise-rich', kind: 'cifar-linearization', premise: "clean full-batch GD in the authors' real-world setup (standard parameterization)", inPremise: cleanGd, check: tracks },
  {
    claim: 'figure-3.label-noise-rich',
    kind: 'cifar-linearization',
    premise: "full-batch GD with label noise in the authors' real-world setup (standard parameterization)",
    inPremise: (o) => o.noisy === 1 && o.sam === 0 && o.ntk === 0,
    check: (o) => ({ violated: (o.upperLogDist ?? Infinity) < DEPART, message: `label-noise GD (${where(o)}): log-distance to the linearization shown below ln 2 (mean ${o.meanLogDist}, upper bound ${o.upperLogDist})` }),
  },
  { claim: 'figure-5.sam-rich', kind: 'cifar-linearization', premise: "full-batch GD in the authors' real-world setup (standard parameterization)", inPremise: cleanGd, check: tracks },
];
