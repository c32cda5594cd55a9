import type { PremiseMonitor } from '../../src/verdict/monitor.js';

/**
 * The premise monitors: for each claim whose statement can be read off other claims' runs, the kind of observation it
 * reads, its premise, and the statement as a check. Every declared property passes them to defineClaim (claim.ts), so
 * a run of claim A that enters claim B's premise is checked against B (the report lists contradictions in one place).
 * Observation kinds and their data keys:
 *   'lazy-window'  { m, eta, etaM, t, T0, maxAbsAScaled (max_i |a_i(t)| m^(1/4)), maxAScaled (max_i a_i(t) m^(1/4)), driftScaled (max_i ||w_i(t) - w_i(0)|| sqrt(m)) }
 */
export const LAZY_WINDOW_MONITORS: readonly PremiseMonitor[] = [
  {
    claim: 'lemma-c2.a-bound',
    kind: 'lazy-window',
    premise: 'label-noise SGD from the NTK init, still lazy (max_i ||w_i(t) - w_i(0)|| <= 1/sqrt(m)) and t <= T0',
    inPremise: (o) => (o.driftScaled ?? Infinity) <= 1 && (o.t ?? Infinity) <= (o.T0 ?? 0),
    check: (o) => ({ violated: (o.maxAScaled ?? 0) > 1, message: `max_i a_i(t) m^(1/4) = ${o.maxAScaled} > 1 at m = ${o.m}, t = ${o.t} (T0 = ${o.T0})` }),
  },
];
