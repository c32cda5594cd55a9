import type { Snapshot } from '../../src/engine/metrics.js';
import { lazyWindowObservation } from '../../src/scenarios/syntheticTraining.js';
import type { ClaimContext } from '../../src/verdict/context.js';
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
    // "with probability 1 - O(1/m)": no single run contradicts it; the runs are pooled per width over the record's range
    frequency: { width: 'm', rate: { text: '1/m', exponent: -1 }, range: [64, 2048] },
  },
];

/** The producer side: label-noise SGD from the NTK init enters Lemma C.2's premise while lazy and t <= T0, so its logged states go to ctx.observe ('lazy-window'). */
export function lazyWindowObserver(ctx: ClaimContext<unknown>, eta: number, where: string): (sn: Snapshot) => void {
  return (sn) => {
    const o = lazyWindowObservation(sn, eta);
    if (o) ctx.observe('lazy-window', o, `${ctx.record.id} ${where}, step ${sn.step}`, `${ctx.record.id} ${where}`);
  };
}
