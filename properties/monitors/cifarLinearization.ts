import type { PremiseMonitor } from '../../src/verdict/monitor.js';

/**
 * Premise monitors for the real-world figures' statements (figure-3.label-noise-rich, figure-5.sam-rich), read off every
 * run of the authors' real-world setup (src/scenarios/cifarLinearization.ts): full-batch GD on the clean labels from the
 * standard initialization tracks its linearization at initialization within a factor exp(track) on the loss curves, and
 * a run with label noise departs from it by a factor >= 2. Figure 5's GD runs enter Figure 3's clean-run premise and
 * Figure 3's clean runs enter Figure 5's GD premise. The thresholds are the records' (ln 1.25, ln 2), restated here
 * because a monitor may not import a record's values.
 * Observation kind and its data keys:
 *   'cifar-linearization'  { ntk (0/1: NTK parameterization), noisy (0/1: label noise), sam (0/1), rho, width, steps, eta, logDistTrain, logDistTest,
 *                            logDistMax (log-scale loss-curve distances to the exact linearization), sameRuleDistMax
 *                            (to the linearized model trained the same way; -1 for clean GD), normFall }
 */
const TRACK = Math.log(1.25);
const DEPART = Math.log(2);
const cleanGd = (o: Readonly<Record<string, number>>): boolean => o.noisy === 0 && o.sam === 0 && o.ntk === 0;
const tracks = (o: Readonly<Record<string, number>>) => ({ violated: (o.logDistMax ?? 0) > TRACK, message: `clean full-batch GD at width ${o.width}, ${o.steps} steps at eta ${o.eta}: log-distance to its linearization ${o.logDistMax} > ln 1.25` });

export const CIFAR_LINEARIZATION_MONITORS: readonly PremiseMonitor[] = [
  { claim: 'figure-3.label-noise-rich', kind: 'cifar-linearization', premise: "clean full-batch GD in the authors' real-world setup (standard parameterization)", inPremise: cleanGd, check: tracks },
  {
    claim: 'figure-3.label-noise-rich',
    kind: 'cifar-linearization',
    premise: "full-batch GD with label noise in the authors' real-world setup (standard parameterization)",
    inPremise: (o) => o.noisy === 1 && o.sam === 0 && o.ntk === 0,
    check: (o) => ({ violated: (o.logDistMax ?? Infinity) < DEPART, message: `label-noise GD at width ${o.width}: log-distance to the linearization ${o.logDistMax} < ln 2` }),
  },
  { claim: 'figure-5.sam-rich', kind: 'cifar-linearization', premise: "full-batch GD in the authors' real-world setup (standard parameterization)", inPremise: cleanGd, check: tracks },
];
