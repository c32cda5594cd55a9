import type { Dataset } from '../engine/data.js';
import { rows } from '../engine/matrix.js';
import { stream } from '../engine/rng.js';
import { constructLazyState, datasetOf, extremeNeuronState, type NeuronState } from './lazyPremiseStates.js';

/**
 * The events of the proof of Lemma C.3 (long version, Appendix C.2; AAAI Lemma 3) at one step j, case by case. Given
 * a state inside the premise (Definition 1 and C_j), the randomness of step j is the sampled example x = x_{xi_j} and
 * the label noise eps_j = +-sigma: under Algorithm 1 the 2n (example, sign) pairs are equally likely, so every
 * probability of the proof is an exact finite average over these cases. Each case carries what the proof's events
 * read: r = f(theta; x) - y - eps (the proof's "grad l"), x^T w_i, ||x||^2, a_i and ||w_i||.
 */
export interface StepEventCase {
  /** the state's label and the neuron's index in it */
  state: string;
  neuron: number;
  example: number;
  eps: number;
  m: number;
  d: number;
  sigma: number;
  r: number;
  xw: number;
  x2: number;
  a: number;
  wNorm: number;
  /** ||theta|| of the state's network */
  thetaNorm: number;
}

/** A premise state restricted to the neurons examined, with the training set its residuals are read on. */
export interface EventState {
  label: string;
  state: NeuronState;
  data: Dataset;
}

/**
 * How a state is obtained: 'constructed' = Eq. (5) at width m with every w_i moved 1/sqrt(m) (Definition 1's radius;
 * `move` as constructLazyState) and every |a_i| at the edge m^(-1/4) of C_j, examined on its `neurons` / 2 smallest-norm
 * neurons and its first `neurons` / 2; 'extreme' = the `neurons` smallest-norm neurons of Eq. (5) at a width too large
 * to hold (exact order statistics, extremeNeuronState) with |a_i| set to the edge m^(-1/4) (signs kept).
 */
export interface EventStateSetting {
  kind: 'constructed' | 'extreme';
  m: number;
  d: number;
  n: number;
  thetaStarNorm: number;
  neurons: number;
  move?: 'random' | 'shrink';
}

function label(s: EventStateSetting): string {
  return s.kind === 'constructed' ? `constructed m=${s.m} d=${s.d} (${s.move ?? 'random'})` : `extreme m=${s.m.toExponential(0)} d=${s.d}`;
}

/** The states of the settings, every draw from the named streams below `seed`. */
export function eventStates(settings: readonly EventStateSetting[], seed: string): EventState[] {
  return settings.map((s, u) => {
    const name = `${seed}/${u}`;
    const data = datasetOf({ m: s.m, d: s.d, n: s.n, eta: 1, sigma: 0, thetaStarNorm: s.thetaStarNorm }, name);
    const edge = Math.pow(s.m, -0.25);
    if (s.kind === 'extreme') {
      const st = extremeNeuronState(s.m, s.d, s.neurons, stream(name, 'extreme'));
      for (let i = 0; i < st.a.length; i++) st.a[i] = (st.a[i] as number) < 0 ? -edge : edge;
      return { label: label(s), state: st, data };
    }
    const { state } = constructLazyState(s.m, s.d, name, { move: s.move ?? 'random', a: 'edge' }, stream(name, 'move'));
    const norms = state.w.map((w) => Math.hypot(...w));
    const bySize = norms.map((v, i) => ({ v, i })).sort((p, q) => p.v - q.v || p.i - q.i);
    const half = Math.floor(s.neurons / 2);
    const picked = [...new Set([...bySize.slice(0, half).map((p) => p.i), ...Array.from({ length: s.neurons - half }, (_, i) => i)])];
    const kept: NeuronState = { ...state, w: picked.map((i) => state.w[i] as Float64Array), a: Float64Array.from(picked, (i) => state.a[i] as number), origin: `${state.origin}; neurons ${picked.join(', ')}` };
    return { label: label(s), state: kept, data };
  });
}

/** Every (neuron, example, sign) case of a state at label-noise scale sigma. */
export function stepEventCases(es: EventState, sigma: number): StepEventCase[] {
  const { state: st, data } = es;
  const X = rows(data.X);
  const out: StepEventCase[] = [];
  const thetaNorm = Math.hypot(...st.theta);
  st.w.forEach((w, i) => {
    const a = st.a[i] as number;
    const wNorm = Math.hypot(...w);
    X.forEach((x, k) => {
      let f = 0;
      let xw = 0;
      let x2 = 0;
      for (let q = 0; q < st.d; q++) {
        const v = x[q] as number;
        f += (st.theta[q] as number) * v;
        xw += v * (w[q] as number);
        x2 += v * v;
      }
      const g = f - (data.y[k] as number);
      for (const eps of [sigma, -sigma]) out.push({ state: es.label, neuron: i, example: k, eps, m: st.m, d: st.d, sigma, r: g - eps, xw, x2, a, wNorm, thetaNorm });
    });
  });
  return out;
}

/**
 * The cases grouped by (state, neuron, sigma): each group is the exact law of step j for that neuron. stepEventCases
 * emits a neuron's cases contiguously, so a group is a run of consecutive cases. A group serializes as its key (a
 * counterexample in claims.json names the neuron, not its 2n cases).
 */
export function byNeuron(cases: readonly StepEventCase[]): StepEventCase[][] {
  const out: StepEventCase[][] = [];
  let prev: StepEventCase | undefined;
  for (const c of cases) {
    if (!prev || c.state !== prev.state || c.neuron !== prev.neuron || c.sigma !== prev.sigma) {
      const g: StepEventCase[] = [];
      Object.defineProperty(g, 'toJSON', { value: () => ({ state: c.state, neuron: c.neuron, sigma: c.sigma, m: c.m, d: c.d, wNorm: c.wNorm, a: c.a, cases: g.length }), enumerable: false });
      out.push(g);
    }
    (out[out.length - 1] as StepEventCase[]).push(c);
    prev = c;
  }
  return out;
}

/** P(event) under a neuron's finite law (the fraction of its cases). */
export function probability(group: readonly StepEventCase[], event: (c: StepEventCase) => boolean): number {
  let k = 0;
  for (const c of group) if (event(c)) k++;
  return k / group.length;
}

/**
 * The states the proof-c3 step properties read (both tiers: the steps are exact averages over 2n cases, cheap): Eq. (5)
 * moved to Definition 1's radius at m = 1e2 and 1e3 (d = 20; d = 7, the smallest A6 admits), and the smallest-norm
 * neurons of Eq. (5) at m = 1e4 and 1e8 (d = 7, rho/m^{1/8} < 1 from m = 6.3e3) and m = 1e6 (d = 20, from m = 4.2e5),
 * every |a_i| at the edge of C_j.
 */
export const LEMMA_C3_EVENT_STATES: readonly EventStateSetting[] = Object.freeze([
  { kind: 'constructed', m: 100, d: 20, n: 200, thetaStarNorm: Math.pow(100, -0.25), neurons: 8, move: 'random' },
  { kind: 'constructed', m: 1000, d: 20, n: 200, thetaStarNorm: Math.pow(1000, -0.25), neurons: 8, move: 'shrink' },
  { kind: 'constructed', m: 1000, d: 7, n: 200, thetaStarNorm: Math.pow(1000, -0.25), neurons: 8, move: 'random' },
  { kind: 'extreme', m: 1e4, d: 7, n: 200, thetaStarNorm: 0.1, neurons: 8 },
  { kind: 'extreme', m: 1e6, d: 20, n: 200, thetaStarNorm: Math.pow(1e6, -0.25), neurons: 8 },
  { kind: 'extreme', m: 1e8, d: 7, n: 200, thetaStarNorm: 0.01, neurons: 8 },
]);

/** The label-noise scales the steps are read at: the paper's sigma = 4 and sigma = 1. */
export const LEMMA_C3_SIGMAS: readonly number[] = Object.freeze([4, 1]);

/** The whole case table of the proof-c3 steps: every case of LEMMA_C3_EVENT_STATES at each of LEMMA_C3_SIGMAS. */
export function lemmaC3EventCases(seed: string): StepEventCase[] {
  const states = eventStates(LEMMA_C3_EVENT_STATES, seed);
  return LEMMA_C3_SIGMAS.flatMap((sigma) => states.flatMap((es) => stepEventCases(es, sigma)));
}
