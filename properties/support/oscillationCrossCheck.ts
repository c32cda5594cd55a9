import { Matrix } from 'ml-matrix';
import { makeDataset } from '../../src/engine/data.js';
import { rows, rowVector, vec } from '../../src/engine/matrix.js';
import { initNTK } from '../../src/engine/network.js';
import { initOscillation } from '../../src/engine/oscillation.js';
import { Stepper } from '../../src/engine/rules/stepper.js';
import { Simulation } from '../../src/engine/simulate.js';
import { OscillationProcess, sigmaHatOf } from './oscillationProcess.js';

export interface CrossCheckSpec {
  m: number;
  d: number;
  n: number;
  eta: number;
  thetaStarNorm: number;
  steps: number;
  seed: string;
}

export interface CrossCheckResult {
  steps: number;
  /** max over steps of max_k |g_engine - g| / max_k |g|, g_engine read off the engine's step of a probe neuron (see engineCrossCheck) */
  gradientGap: number;
  /** max over steps of max |W_engine - W| / max(1, max |W|) */
  stateGap: number;
  /** the chains agree at every step (a_i equal bit for bit) */
  chainsEqual: boolean;
  /** steps at which the gradient was compared */
  gradientSteps: number;
}

/**
 * The engine's Stepper ('oscillation' rule, full-batch gradient from an explicit data set of size n) against the
 * Sigma_hat-driven OscillationProcess with Sigma_hat = (1/n) X^T X and theta* of that same data set, from the same
 * state, with the engine's own coin flips. The engine's gradient at step t is read off a probe: a copy of the state with
 * one extra neuron w_probe = 0, a_probe = 1 (theta unchanged), stepped once by a fresh engine Stepper; its update
 * w_probe(t+1) = -eta g gives g = -w_probe(t+1) / eta to float rounding (no cancellation).
 */
export function engineCrossCheck(c: CrossCheckSpec): CrossCheckResult {
  const data = makeDataset({ n: c.n, d: c.d, nTest: 0, thetaStarNorm: c.thetaStarNorm }, c.seed);
  const state = initOscillation(initNTK(c.m, c.d, c.seed), c.eta, c.seed);
  const sim = new Simulation(state, data, { kind: 'oscillation', eta: c.eta }, c.seed);
  const We = rows(state.W);
  const ae = vec(state.a);
  const W = new Float64Array(c.m * c.d);
  We.forEach((r, i) => W.set(r, i * c.d));
  const proc = new OscillationProcess(W, ae.slice(), sigmaHatOf(rows(data.X)), data.thetaStar.slice(), c.eta, 'chain');
  let gradientGap = 0;
  let stateGap = 0;
  let chainsEqual = true;
  let gradientSteps = 0;
  const rule = { kind: 'oscillation' as const, eta: c.eta };
  const probeFlips = new Int8Array(c.m + 1).fill(1);
  const probeDraw = { idx: new Int32Array(0), eps: new Float64Array(0), flips: probeFlips };
  for (let t = 0; t < c.steps; t++) {
    // the engine's gradient at the current state, read off a probe neuron
    const probeState = { W: new Matrix([...We.map((r) => Array.from(r)), new Array<number>(c.d).fill(0)]), a: rowVector([...ae, 1]) };
    new Stepper(probeState, data, rule).step(probeDraw);
    const wProbe = rows(probeState.W)[c.m]!;
    const draw = sim.step();
    proc.step(null, draw.flips as Int8Array);
    gradientSteps++;
    let gmax = 0;
    let diff = 0;
    for (let k = 0; k < c.d; k++) {
      const ge = -wProbe[k]! / c.eta;
      gmax = Math.max(gmax, Math.abs(proc.g[k]!));
      diff = Math.max(diff, Math.abs(ge - proc.g[k]!));
    }
    gradientGap = Math.max(gradientGap, gmax > 0 ? diff / gmax : diff);
    let wmax = 1;
    let wdiff = 0;
    for (let i = 0; i < c.m; i++) {
      if (ae[i] !== proc.a[i]) chainsEqual = false;
      for (let k = 0; k < c.d; k++) {
        wmax = Math.max(wmax, Math.abs(W[i * c.d + k]!));
        wdiff = Math.max(wdiff, Math.abs(We[i]![k]! - W[i * c.d + k]!));
      }
    }
    stateGap = Math.max(stateGap, wdiff / wmax);
  }
  return { steps: c.steps, gradientGap, stateGap, chainsEqual, gradientSteps };
}
