import type { Contradiction } from './types.js';

/**
 * Cross-claim consistency: a run that enters another claim's premise is checked against that claim's statement.
 * Scenarios' runs are reported by the properties as observations (`ctx.observe(kind, data, where)`); a premise
 * monitor, declared once per (claim, kind of observation) in properties/monitors/, says whether an observation
 * lies inside the claim's premise and whether it contradicts the statement there.
 */
export interface Observation {
  kind: string;
  data: Readonly<Record<string, number>>;
  /** the run, in words: configuration, seed name, step */
  where: string;
}

export interface PremiseMonitor {
  /** the claim whose statement is monitored */
  claim: string;
  /** the kind of observation it reads */
  kind: string;
  /** the premise, in words */
  premise: string;
  inPremise(data: Readonly<Record<string, number>>): boolean;
  /** violated: the observation contradicts the statement; message with the numbers */
  check(data: Readonly<Record<string, number>>): { violated: boolean; message: string };
}

/** The most contradictions kept per (monitor, observing claim); the count of the rest is reported. */
export const MAX_CONTRADICTIONS_KEPT = 5;

export function monitorObservations(observedIn: string, observations: readonly Observation[], monitors: readonly PremiseMonitor[]): { contradictions: Contradiction[]; checked: number } {
  const contradictions: Contradiction[] = [];
  let checked = 0;
  for (const mon of monitors) {
    if (mon.claim === observedIn) continue;
    let found = 0;
    for (const o of observations) {
      if (o.kind !== mon.kind || !mon.inPremise(o.data)) continue;
      checked++;
      const r = mon.check(o.data);
      if (!r.violated) continue;
      found++;
      if (found <= MAX_CONTRADICTIONS_KEPT) contradictions.push({ observedIn, against: mon.claim, premise: mon.premise, observation: o.where, message: r.message });
    }
    if (found > MAX_CONTRADICTIONS_KEPT) {
      const last = contradictions[contradictions.length - 1] as Contradiction;
      last.message += ` (and ${found - MAX_CONTRADICTIONS_KEPT} more such runs)`;
    }
  }
  return { contradictions, checked };
}
