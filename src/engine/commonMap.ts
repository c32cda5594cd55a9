import type { Matrix } from 'ml-matrix';
import type { Dataset } from './data.js';
import { InputError, requireNumber } from '../errors.js';
import { requireCallback, requireSeed } from './limits.js';
import { rows, vec } from './matrix.js';
import { cloneState, type State } from './network.js';
import { Drawer } from './rules/draw.js';
import { NeuronPropagator } from './propagator.js';
import type { MinibatchRule, Rule, SamRule } from './rules/types.js';
import type { Outcome } from './simulate.js';

/**
 * The exact "common map" form of the SGD and SAM rules (long version Eqs. (15)-(16); the SAM update of Sec. 5).
 * Write neuron i as z_i = (w_i, a_i) in R^(d+1). For an output-space gradient g (g = (1/B) sum_b r_b x_b, r_b =
 * <theta, x_b> - y_b - eps_b), every rule moves every neuron by the same linear map:
 *   SGD:  w_i <- w_i - eta a_i g,  a_i <- a_i - eta <w_i, g>          (z_i <- (I - eta B_g) z_i)
 *   SAM:  z_i' = (I + c B_g) z_i with c = rho / ||grad||, ||grad||^2 = alpha ||g||^2 + g^T S g, then
 *         z_i <- z_i - eta B_g' z_i' with g' the output gradient at theta' = theta + c (S + alpha I) g + c^2 <theta, g> g,
 * where B_g z = (z_a g, <g, z_w>). Every neuron at step t is z_i(t) = P_t z_i(0) with P_t the product of the maps, and
 * the step's scalars depend on the state only through G(t) = sum_i z_i z_i^T = P_t G0 P_t^T (theta = its (w, a) block,
 * S = W^T W, alpha = ||a||^2, as in src/engine/reduced.ts): theta = P_w G0 P_a^T, alpha = P_a G0 P_a^T, S g =
 * P_w G0 P_w^T g, read from P and the constant G0. So a step costs O(d^2) whatever m is (P <- M P and theta from P;
 * carrying G <- M G M^T instead cost 1.5 times as much), and W, a are materialized from
 * P and the initial state only where a caller looks (watch). Equal to the full Simulation up to rounding (same draws
 * from the same streams; test/engine/commonMap.test.ts: 1e-9 relative over thousands of steps), not bit for bit.
 */
export type CommonMapRule = MinibatchRule | SamRule;

export interface CommonMapRunOptions {
  steps: number;
  watch?: (t: number, sim: CommonMapSimulation) => string | undefined;
  watchEvery?: number;
  divergenceBound?: number;
  progress?: (done: number) => void;
}

export class CommonMapSimulation extends NeuronPropagator {
  readonly W0: Matrix;
  private readonly drawer: Drawer;
  private readonly X: Float64Array[];
  private readonly g: Float64Array;
  private readonly g2: Float64Array;
  private readonly h1: Float64Array;
  private readonly h2: Float64Array;
  private readonly tp: Float64Array;

  constructor(
    readonly state: State,
    readonly data: Dataset,
    readonly rule: Rule,
    seed: string | number,
  ) {
    requireSeed('seed', seed);
    if (rule.kind === 'oscillation') throw new InputError('rule', 'the common-map simulator runs the SGD and SAM rules (the oscillation chain moves each neuron by its own a_i)');
    if (data.X.columns !== state.W.columns) throw new InputError('d', `state has d = ${state.W.columns}, data has d = ${data.X.columns}`);
    super(rows(state.W), vec(state.a));
    const d = this.d;
    this.drawer = new Drawer(rule, data, state.W.rows, seed);
    this.X = rows(data.X);
    this.W0 = cloneState(state).W;
    this.g = new Float64Array(d);
    this.g2 = new Float64Array(d);
    this.h1 = new Float64Array(d);
    this.h2 = new Float64Array(d);
    this.tp = new Float64Array(d);
  }

  /** g = (1/B) sum_b (<t, x_b> - y_b - eps_b) x_b into out */
  private outputGradient(t: Float64Array, idx: Int32Array, eps: Float64Array, out: Float64Array): void {
    out.fill(0);
    const B = idx.length;
    for (let b = 0; b < B; b++) {
      const j = idx[b] as number;
      const x = this.X[j] as Float64Array;
      let f = 0;
      for (let k = 0; k < this.d; k++) f += (t[k] as number) * (x[k] as number);
      const r = (f - (this.data.y[j] as number) - (eps[b] as number)) / B;
      for (let k = 0; k < this.d; k++) out[k] = (out[k] as number) + r * (x[k] as number);
    }
  }

  /** One step: the draw from the run's streams, the map, P <- M P, theta from P. */
  step(): void {
    const rule = this.rule as CommonMapRule;
    const { d, g, h2 } = this;
    const draw = this.drawer.next(this.t);
    this.outputGradient(this.th, draw.idx, draw.eps, g);
    let g1 = g;
    let h1: Float64Array | undefined;
    let c2 = 0;
    if (rule.kind === 'sam') {
      // ||grad||^2 = alpha ||g||^2 + g^T S g; theta' = theta + c (S g + alpha g) + c^2 <theta, g> g
      const Sg = this.h1;
      const alpha = this.alphaAndSg(g, Sg);
      let gg = 0;
      let gSg = 0;
      let tg = 0;
      for (let k = 0; k < d; k++) {
        gg += (g[k] as number) ** 2;
        gSg += (g[k] as number) * (Sg[k] as number);
        tg += (this.th[k] as number) * (g[k] as number);
      }
      const norm = Math.sqrt(alpha * gg + gSg);
      const c = norm > 0 ? rule.rho / norm : 0;
      const tp = this.tp;
      for (let k = 0; k < d; k++) tp[k] = (this.th[k] as number) + c * ((Sg[k] as number) + alpha * (g[k] as number)) + c * c * tg * (g[k] as number);
      this.outputGradient(tp, draw.idx, draw.eps, this.g2);
      const gp = this.g2;
      // z <- z - eta B_g' (z + c B_g z): z_w -= eta g' (z_a + c <g, z_w>), z_a -= eta <g', z_w> + eta c <g', g> z_a
      let gpg = 0;
      for (let k = 0; k < d; k++) {
        gpg += (gp[k] as number) * (g[k] as number);
        this.h1[k] = -rule.eta * c * (g[k] as number);
        h2[k] = -rule.eta * (gp[k] as number);
      }
      h1 = this.h1;
      c2 = -rule.eta * c * gpg;
      g1 = gp;
    } else for (let k = 0; k < d; k++) h2[k] = -rule.eta * (g[k] as number);
    this.apply(this.P, 'col', g1, -rule.eta, h1, c2, h2);
    this.readTheta();
    this.t++;
  }

  /** W and a of the state at step t (z_i = P z_i(0)), written into `state` in place. */
  materialize(): void {
    this.materializeInto(rows(this.state.W), vec(this.state.a));
  }

  /** As Simulation.run for steps, watch, progress and divergence; the state is materialized before each watch and at the end. */
  run(opts: CommonMapRunOptions): { outcome: Outcome } {
    requireNumber('steps', opts.steps, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
    const watchEvery = opts.watchEvery ?? 1;
    requireNumber('watchEvery', watchEvery, { min: 1, integer: true });
    const bound = opts.divergenceBound ?? 1e8;
    if (bound !== Infinity) requireNumber('divergenceBound', bound, { min: 0, exclusiveMin: true });
    requireCallback('watch', opts.watch);
    requireCallback('progress', opts.progress);
    const end = this.t + opts.steps;
    const finish = (outcome: Outcome) => {
      this.materialize();
      return { outcome };
    };
    while (this.t < end) {
      this.step();
      for (let k = 0; k < this.d; k++) {
        const v = this.th[k] as number;
        if (!Number.isFinite(v)) return finish({ kind: 'diverged', step: this.t, reason: 'theta is not finite' });
        if (Math.abs(v) > bound) return finish({ kind: 'diverged', step: this.t, reason: `|theta_${k}| > ${bound}` });
      }
      if (opts.progress && this.t % 10000 === 0) opts.progress(this.t);
      if (opts.watch && this.t % watchEvery === 0) {
        this.materialize();
        const reason = opts.watch(this.t, this);
        if (reason !== undefined) return finish({ kind: 'stopped', step: this.t, reason });
      }
    }
    return finish({ kind: 'completed', steps: this.t });
  }
}
