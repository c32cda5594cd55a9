import { highProbabilityRule } from './checks/highProbability.js';
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
  /** the run it belongs to, when a run reports several observations (frequency monitors count runs, not observations) */
  run?: string;
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
  /**
   * For a statement "with probability at least 1 - O(f(m))": no single run contradicts it. Runs inside the premise are
   * tallied per width (a run fails when any of its observations violates) and, at the end of the audit, the tallies of
   * every other claim are pooled and decided by the high-probability rule over the declared range: a contradiction is
   * recorded only when that rule says fails.
   */
  frequency?: { width: string; rate: { text: string; exponent: number }; range: readonly [number, number] };
}

/** Runs of one claim that entered a frequency monitor's premise, at one width. */
export interface MonitorTally {
  observedIn: string;
  against: string;
  premise: string;
  event: string;
  rate: { text: string; exponent: number };
  range: readonly [number, number];
  m: number;
  failures: number;
  runs: number;
}

/** The most contradictions kept per (monitor, observing claim); the count of the rest is reported. */
export const MAX_CONTRADICTIONS_KEPT = 5;

export function monitorObservations(observedIn: string, observations: readonly Observation[], monitors: readonly PremiseMonitor[]): { contradictions: Contradiction[]; tallies: MonitorTally[]; checked: number } {
  const contradictions: Contradiction[] = [];
  const tallies: MonitorTally[] = [];
  let checked = 0;
  for (const mon of monitors) {
    if (mon.claim === observedIn) continue;
    if (mon.frequency) {
      const freq = mon.frequency;
      // per width: each run's worst observation inside the premise
      const runs = new Map<string, { m: number; failed: boolean; message: string }>();
      for (const o of observations) {
        if (o.kind !== mon.kind || !mon.inPremise(o.data)) continue;
        checked++;
        const key = o.run ?? o.where;
        const m = o.data[freq.width] ?? Number.NaN;
        const r = mon.check(o.data);
        const prev = runs.get(key);
        runs.set(key, { m, failed: (prev?.failed ?? false) || r.violated, message: r.violated && !prev?.failed ? r.message : (prev?.message ?? r.message) });
      }
      const widths = [...new Set([...runs.values()].map((r) => r.m))].filter(Number.isFinite).sort((a, b) => a - b);
      for (const m of widths) {
        const at = [...runs.values()].filter((r) => r.m === m);
        tallies.push({ observedIn, against: mon.claim, premise: mon.premise, event: mon.kind, rate: freq.rate, range: freq.range, m, failures: at.filter((r) => r.failed).length, runs: at.length });
      }
      continue;
    }
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
  return { contradictions, tallies, checked };
}

/**
 * The pooled tallies of every claim against each frequency-monitored claim, decided by the high-probability rule at
 * that claim's alpha: a contradiction when the rule says the failure probability grows faster than the statement allows.
 */
export function decideTallies(tallies: readonly MonitorTally[], alphaOf: (claim: string) => number | undefined): Contradiction[] {
  const out: Contradiction[] = [];
  for (const against of [...new Set(tallies.map((t) => t.against))].sort()) {
    const alpha = alphaOf(against);
    if (alpha === undefined) continue;
    const ts = tallies.filter((t) => t.against === against);
    const first = ts[0] as MonitorTally;
    const widths = [...new Set(ts.map((t) => t.m))].sort((a, b) => a - b).map((m) => {
      const at = ts.filter((t) => t.m === m);
      return { m, failures: at.reduce((s, t) => s + t.failures, 0), runs: at.reduce((s, t) => s + t.runs, 0) };
    });
    const exponent = first.rate.exponent;
    const res = highProbabilityRule({ event: `${first.event} run outside the statement`, rate: { text: first.rate.text, f: (m) => Math.pow(m, exponent), exponent }, widths, range: first.range, alpha });
    if (res.decision.verdict !== 'fails') continue;
    const observers = [...new Set(ts.map((t) => t.observedIn))].sort();
    out.push({ observedIn: observers.join(', '), against, premise: first.premise, observation: widths.map((w) => `m = ${w.m}: ${w.failures}/${w.runs} runs`).join(', '), message: res.decision.because });
  }
  return out;
}
