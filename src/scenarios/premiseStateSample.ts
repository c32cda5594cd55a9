import { maxInputNorm } from '../engine/data.js';
import { stream } from '../engine/rng.js';
import type { PaperConfig } from './config.js';
import { argMax, argMin, quarterPopulationCount, stepLaw } from './deltaWStepLaw.js';
import { constructLazyState, datasetOf, extremeNeuronState, lazyTrajectory, premiseStatus, type NeuronState } from './lazyPremiseStates.js';

/**
 * A sample of states inside the premise of Lemma 3 (Definition 1 and C_j) at one configuration, each state summarized
 * by the extremes over its neurons of the one-step law of Delta W_i (deltaWStepLaw.ts). A unit is one independent state
 * (constructed, extreme) or one label-noise SGD run (its states visited every `every` steps while the premise holds).
 */
export type StateSource =
  /** Eq. (5) with every w_i moved by 1/sqrt(m) (random direction in even units, towards 0 in odd ones), a_i within C_j */
  | 'constructed'
  /** label-noise SGD runs (Algorithm 1, batch 1), visited every `every` steps while the premise holds */
  | 'sgd'
  /** the `neurons` smallest-norm neurons of Eq. (5) at a width too large to hold (exact order statistics) */
  | 'extreme';

export interface StateSetting {
  label: string;
  source: StateSource;
  /** the configuration (eta is used by 'sgd' only) */
  config: PaperConfig;
  units: number;
  maxSteps?: number;
  every?: number;
  neurons?: number;
}

/** One unit's extremes over its states and neurons (independent of any bound, so a twin reuses them). */
export interface UnitSummary {
  setting: string;
  d: number;
  m: number;
  unit: number;
  states: number;
  /** max_i P(Delta W_i > 0 | state): finite training set (exact) and population (exact, sphereBand) */
  worstPosFin: number;
  worstPosPop: number;
  /** min_i P(Delta W_i <= 0 | state), counted directly (finite set) */
  minNonposFin: number;
  /** min_i P(Delta W_i <= -(sigma/4)^2 | state) (finite set), with that neuron's ||w_i|| and the step */
  minQuarterFin: number;
  minQuarterNorm: number;
  minQuarterStep: number;
  /** the population-worst neuron's ||w_i|| and |a_i|/||w_i|| */
  worstPopNorm: number;
  worstPopRatio: number;
  /** sgd: the step at which the premise ended (-1: held to maxSteps) and why; divergence */
  premiseEnd: number;
  premiseEndReason: string;
  diverged?: string;
  /** constructed: a_i draws beyond m^(-1/4) clipped to the edge of C_j */
  clipped: number;
  maxXNorm: number;
}

export interface SettingSample {
  setting: StateSetting;
  units: UnitSummary[];
  /** the neuron with the smallest finite-set P(Delta W_i <= -(sigma/4)^2) over the setting, and a Monte Carlo count of its population version */
  quarterWorst?: { p: number; norm: number; absA: number; mcHits: number; mcDraws: number };
}

/** Samples one setting on the named streams under `seed` (unit u: `${seed}/${label}/${u}`); mcDraws > 0 adds the population count. */
export function sampleSetting(s: StateSetting, seed: string, mcDraws = 0): SettingSample {
  const c = s.config;
  const units: UnitSummary[] = [];
  let worst: { p: number; state: NeuronState; thetaStar: Float64Array; absA: number; norm: number } | undefined;
  for (let u = 0; u < s.units; u++) {
    const us = `${seed}/${s.label}/${u}`;
    const sum: UnitSummary = { setting: s.label, d: c.d, m: c.m, unit: u, states: 0, worstPosFin: 0, worstPosPop: 0, minNonposFin: 1, minQuarterFin: 1, minQuarterNorm: 0, minQuarterStep: 0, worstPopNorm: 0, worstPopRatio: 0, premiseEnd: -1, premiseEndReason: '', clipped: 0, maxXNorm: 0 };
    const visit = (step: number, st: NeuronState, data: ReturnType<typeof datasetOf>): void => {
      const law = stepLaw(st, data, c.sigma);
      sum.states++;
      if (sum.maxXNorm === 0) sum.maxXNorm = maxInputNorm(data.X);
      if (sum.states === 1 || law.popWorst.p > sum.worstPosPop) {
        sum.worstPosPop = law.popWorst.p;
        sum.worstPopNorm = law.norm[law.popWorst.index] as number;
        sum.worstPopRatio = law.ratio[law.popWorst.index] as number;
      }
      sum.worstPosFin = Math.max(sum.worstPosFin, law.posFin[argMax(law.posFin)] as number);
      sum.minNonposFin = Math.min(sum.minNonposFin, law.nonposFin[argMin(law.nonposFin)] as number);
      const iq = argMin(law.quarterFin);
      const pq = law.quarterFin[iq] as number;
      if (pq < sum.minQuarterFin || sum.states === 1) Object.assign(sum, { minQuarterFin: pq, minQuarterNorm: law.norm[iq] as number, minQuarterStep: step });
      if (mcDraws > 0 && (worst === undefined || pq < worst.p)) {
        // keep the neuron (a run's state is transient): w_i, a_i and the network's theta
        const one: NeuronState = { m: st.m, d: st.d, w: [(st.w[iq] as Float64Array).slice()], a: Float64Array.of(st.a[iq] as number), theta: st.theta.slice(), origin: st.origin };
        worst = { p: pq, state: one, thetaStar: data.thetaStar, absA: Math.abs(st.a[iq] as number), norm: law.norm[iq] as number };
      }
    };
    if (s.source === 'constructed') {
      const { state, w0, clipped } = constructLazyState(c.m, c.d, us, { move: u % 2 === 0 ? 'random' : 'shrink', a: 'init' }, stream(us, 'move'));
      const p = premiseStatus(c.m, state.w, w0, state.a);
      if (!p.lazy || !p.cj) throw new Error(`${s.label}/${u}: a constructed state is outside the premise (drift ${p.maxDrift}, max |a| ${p.maxAbsA})`);
      sum.clipped = clipped;
      visit(0, state, datasetOf(c, us));
    } else if (s.source === 'extreme') {
      visit(0, extremeNeuronState(c.m, c.d, s.neurons ?? 64, stream(us, 'extreme')), datasetOf(c, us));
    } else {
      const res = lazyTrajectory(c, s.maxSteps ?? 0, s.every ?? 1, us, visit);
      Object.assign(sum, { premiseEnd: res.premiseEnd, premiseEndReason: res.premiseEndReason }, res.diverged ? { diverged: res.diverged } : {});
    }
    units.push(sum);
  }
  const out: SettingSample = { setting: s, units };
  if (worst) out.quarterWorst = { p: worst.p, norm: worst.norm, absA: worst.absA, mcDraws, mcHits: quarterPopulationCount(worst.state, 0, worst.thetaStar, c.sigma, mcDraws, `${seed}/${s.label}/mc`) };
  return out;
}

/** The premise as checked, in words, for a setting's units. */
export function premiseDetail(x: SettingSample): string {
  const { setting: s, units } = x;
  if (s.source === 'sgd') return `${units.reduce((t, u) => t + u.states, 0)} states visited every ${s.every} steps; premise ${units.map((u) => (u.premiseEnd < 0 ? `held to ${s.maxSteps}` : `ended at ${u.premiseEnd} (${u.premiseEndReason})`)).join('; ')}`;
  const clipped = units.reduce((t, u) => t + u.clipped, 0);
  return `${units.length} states inside the premise by construction${clipped ? ` (${clipped} a_i clipped to m^(-1/4))` : ''}`;
}

/** The tested domain of Lemma 3's per-neuron probability claims (declared in the records). */
export interface PremiseStateDomain {
  settings: StateSetting[];
  /** per d, the widths over which "with probability at least 1 - O(1/m)" is decided (declared before the run) */
  widthRanges: { d: number; range: [number, number] }[];
  /** exact step-0 law of Eq. (5) at this many geometric widths per range (part 1 only) */
  exactPoints: number;
  /** Monte Carlo draws of the population version of the worst neuron (1/4 part) */
  mcDraws: number;
  /** fast-check runs per hypothesis-violation search */
  searchRuns: number;
}
