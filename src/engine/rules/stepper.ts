import type { Dataset } from '../data.js';
import { InputError } from '../../errors.js';
import { PAIRS, SgdKernel, sgdStepsFit } from '../kernels/sgdKernel.js';
import { rows, vec } from '../matrix.js';
import { theta, type State } from '../network.js';
import { outputGradientPass } from './outputGradientPass.js';
import { neuronOutputs, sampleGradient, sampleUpdate } from './singleSamplePass.js';
import { oscillationPass } from './oscillationPass.js';
import { samPass } from './samPass.js';
import { batchSize } from './types.js';
import type { Draw, Rule } from './types.js';
import { validateRule } from './validate.js';
import { profileAdd, profileSlot, type ProfileSlot } from '../profile.js';

/** Which implementation runs the fused pass of the SGD/GD rules and the oscillation process ('auto': WebAssembly SIMD where available). */
export type StepperKernel = 'auto' | 'wasm' | 'js';

export interface StepperOptions {
  kernel?: StepperKernel;
}

/**
 * The fast, in-place step of every update rule. It allocates nothing per step: scratch
 * buffers are made once, and W's rows (ml-matrix Float64Arrays) and a are updated in place.
 *
 * With the WebAssembly kernel (the default where the engine has SIMD), the Stepper moves W's rows and a
 * into one block of WebAssembly memory when it is made: each row of the ml-matrix W (and a's one row)
 * becomes a Float64Array view of that block, with the same values, so the state stays an ordinary
 * ml-matrix state that callers read and write as before, while the fused pass runs over contiguous
 * memory. The kernel performs the same float64 operations in the same order as the JavaScript loops
 * below, so both give bit-identical trajectories (see kernels/sgdKernel.ts). While the Stepper holds
 * the state, the matrices' row arrays are frozen (their rows' values stay writable; a row cannot be
 * replaced or removed); if another Stepper adopts the same state, the next step of this one copies the
 * values back in. Hold rows through rows(state.W) after the Stepper is made, not row objects taken before.
 *
 * Every rule of the paper is a two-layer step driven by an output-space gradient g in R^d:
 * for the loss L(theta) with theta = a^T W, dL/dw_i = a_i g and dL/da_i = <w_i, g>
 * (long version Eqs. (13)-(16), (47)-(50)). One fused pass over the neurons applies
 *   w_i <- w_i - eta a_i g,   a_i <- a_i - eta <w_i, g>     (simultaneously, old values on the right)
 * and accumulates the new theta = sum_i a_i w_i, so theta is always at hand for the next residuals.
 *
 * The oscillation process (Eqs. (6)-(7)) runs in the same kernel where it can be made (kernels/oscKernel.ts: the full-batch
 * gradient and the pass of oscillationPass.ts, with the chain's coins, bit for bit the loops'), one step or a chunk of
 * steps a call (stepManyOscillation); 'js' still forces the loops, which stay the reference.
 *
 * Batch 1 (the paper's label-noise SGD) needs no theta: the step is two passes with 2 + 2 operations per element
 * of W (singleSamplePass.ts: the neurons' outputs z_i = <w_i, x> give f(x) and <w_i, g> = r z_i), and theta is
 * computed from (W, a) when it is read, once per step at most (the same bits as the fused pass's running sum).
 */
export class Stepper {
  private readonly th: Float64Array;
  /** batch-1 SGD: theta is computed when read; stale after a step until then */
  private readonly single: boolean;
  private stale = false;
  /**
   * batch 1 in the kernel: while theta is stale, a bound every |theta_k| of the current state is proven within by the
   * kernel's certificate (sampleKernel.ts steps1: the last stepMany call ended on a certified step); -1 when none
   */
  private proven = -1;
  /** batch 1: the neurons' outputs z_i = <w_i, x> of pass 1 */
  private readonly z: Float64Array;
  private readonly g: Float64Array;
  private readonly thP: Float64Array;
  private readonly g2: Float64Array;
  private readonly u: Float64Array;
  private readonly m: number;
  private readonly d: number;
  /** the implementation running the fused pass */
  readonly kernel: 'wasm' | 'js';
  private readonly wasm: SgdKernel | undefined;
  /** with the kernel: the frozen arrays of views that W's and a's `data` point to */
  private readonly wRows: readonly Float64Array[];
  private readonly aRows: readonly Float64Array[];
  /** steps a stepMany call takes at most */
  readonly chunk: number;
  /** the profile slot of this run (only with ENGINE_PROFILE_DIR set; see ../profile.ts) */
  private readonly prof: ProfileSlot | undefined;

  constructor(
    readonly state: State,
    readonly data: Dataset,
    readonly rule: Rule,
    opts: StepperOptions = {},
  ) {
    validateRule(rule);
    this.m = state.W.rows;
    this.d = state.W.columns;
    if (data.X.columns !== this.d) throw new InputError('data', `d = ${data.X.columns} does not match W's d = ${this.d}`);
    if (state.a.rows !== 1 || state.a.columns !== this.m) throw new InputError('state', `a is ${state.a.rows} x ${state.a.columns}, expected 1 x ${this.m}`);
    const want = opts.kernel ?? 'auto';
    if (want !== 'auto' && want !== 'wasm' && want !== 'js') throw new InputError('kernel', `expected auto, wasm or js, got ${JSON.stringify(want)}`);
    // 'auto' uses the kernel for the rules whose steps it runs (SGD, GD and the oscillation process); SAM runs the loops below
    const useWasm = want === 'wasm' || (want === 'auto' && (rule.kind === 'sgd' || rule.kind === 'oscillation'));
    // room for whole steps inside the kernel (stepMany): the data and a chunk of draws
    const B = rule.kind === 'sgd' ? batchSize(rule, data) : 1;
    const osc = rule.kind === 'oscillation';
    // batch 1: longer chunks spread the kernel's per-call pass 1 and norms (sampleKernel.ts steps1) thinner;
    // the oscillation process: a chunk's coins (m bytes a step) up to 256 KiB
    this.chunk = osc ? Math.max(1, Math.min(256, Math.floor(262144 / this.m))) : Math.max(1, Math.min(B === 1 ? 1024 : 256, Math.floor(16384 / B)));
    const room = { n: rule.kind === 'sgd' || osc ? data.y.length : 0, draws: rule.kind === 'sgd' ? this.chunk * B : 0, flips: osc ? this.chunk * this.m : 0 };
    this.wasm = useWasm && sgdStepsFit(this.m, this.d, room) ? makeKernel(this.m, this.d, room, want === 'wasm') : undefined;
    if (want === 'wasm' && !this.wasm) throw new InputError('kernel', `no WebAssembly SIMD kernel for m = ${this.m}, d = ${this.d} here`);
    this.kernel = this.wasm ? 'wasm' : 'js';
    this.wRows = this.wasm ? Object.freeze(this.wasm.rows.slice()) : [];
    this.aRows = this.wasm ? Object.freeze([this.wasm.a]) : [];
    if (this.wasm) this.adopt();
    this.th = this.wasm ? this.wasm.th : new Float64Array(this.d);
    theta(state, this.th);
    this.single = rule.kind === 'sgd' && B === 1;
    this.z = this.wasm ? this.wasm.z : new Float64Array(this.single ? this.m : 0);
    this.g = this.wasm ? this.wasm.g : new Float64Array(this.d);
    this.thP = new Float64Array(this.d);
    this.g2 = new Float64Array(this.d);
    this.u = new Float64Array(this.m);
    const batch = rule.kind === 'oscillation' ? 'full' : rule.batch;
    this.prof = profileSlot(`${rule.kind} batch ${batch} m=${this.m} d=${this.d} (${this.kernel})`);
  }

  /**
   * Points W's and a's row arrays (ml-matrix's `data`) at the kernel's views, copying in the values of
   * every row that is not already a view: all of them when the Stepper is made, and again if another
   * Stepper adopted the same state meanwhile. The arrays handed to the matrices are frozen, so a row can
   * be written but not replaced or removed while this Stepper holds the state; a state whose shape
   * changed anyway is refused.
   */
  private adopt(): void {
    const k = this.wasm as SgdKernel;
    const { W, a } = this.state;
    const R = rows(W);
    const A = rows(a);
    if (R.length !== this.m || W.rows !== this.m || W.columns !== this.d || A.length !== 1 || a.rows !== 1 || a.columns !== this.m) {
      throw new InputError('state', `its shape changed after the Stepper was made (W ${W.rows} x ${W.columns}, a ${a.rows} x ${a.columns}; expected ${this.m} x ${this.d} and 1 x ${this.m})`);
    }
    for (let i = 0; i < this.m; i++) {
      const r = R[i] as Float64Array;
      const v = k.rows[i] as Float64Array;
      if (r === v) continue;
      if (!(r instanceof Float64Array) || r.length !== this.d) throw new InputError('state', `row ${i} of W is not a Float64Array of length ${this.d}`);
      v.set(r);
    }
    const a0 = A[0] as Float64Array;
    if (a0 !== k.a) {
      if (!(a0 instanceof Float64Array) || a0.length !== this.m) throw new InputError('state', `a is not a Float64Array of length ${this.m}`);
      k.a.set(a0);
    }
    setRows(W, this.wRows);
    setRows(a, this.aRows);
  }

  /** Whether the state's rows are still this Stepper's views (one comparison per matrix, and the shapes). */
  private holds(): boolean {
    const { W, a } = this.state;
    return rows(W) === this.wRows && rows(a) === this.aRows && W.rows === this.m && W.columns === this.d && a.columns === this.m && a.rows === 1;
  }

  /** theta = a^T W of the current state (read-only for callers; after an outside change of the state, resync()). */
  get theta(): Float64Array {
    if (this.stale) this.resync();
    return this.th;
  }

  /** Recompute theta from W and a (after an outside change of the state). */
  resync(): void {
    // with the kernel holding the state, th is its memory's theta: the same sums in the same order, in SIMD lanes
    if (this.wasm && this.holds()) this.wasm.theta();
    else theta(this.state, this.th);
    this.stale = false;
    this.proven = -1;
  }

  /**
   * Whether every theta_k of the current state is known finite with |theta_k| <= bound without computing theta: the
   * steps since theta was last computed ran inside the kernel (stepMany) and its certificate proved each of them
   * within `bound` or a smaller one (Simulation.run's divergence check then needs no O(m d) theta).
   */
  provenWithin(bound: number): boolean {
    return this.stale && this.proven >= 0 && this.proven <= bound;
  }

  /** g = (1/B) sum_b r_b x_b with r_b = <th, x_b> - y_b - eps_b (Eq. (1)): the gradient of the batch loss in theta. */
  private residualGradient(th: Float64Array, draw: Draw, out: Float64Array): void {
    const X = rows(this.data.X);
    const y = this.data.y;
    const d = this.d;
    out.fill(0);
    const B = draw.idx.length;
    for (let b = 0; b < B; b++) {
      const j = draw.idx[b] as number;
      const x = X[j] as Float64Array;
      let f = 0;
      for (let k = 0; k < d; k++) f += (th[k] as number) * (x[k] as number);
      const r = (f - (y[j] as number) - (draw.eps[b] as number)) / B;
      for (let k = 0; k < d; k++) out[k] = (out[k] as number) + r * (x[k] as number);
    }
  }

  /** The fused pass: w_i -= eta * ca_i * g2 ; a_i -= eta * <cw_i, g2>, where (cw, ca) = (w, a) + s * (a_i g1, <w_i, g1>). */
  private apply(eta: number, g: Float64Array): void {
    outputGradientPass(rows(this.state.W), vec(this.state.a), this.theta, eta, g);
  }

  /** Whether whole steps run inside the kernel here: stepMany for the SGD/GD rule, stepManyOscillation for the oscillation process. */
  get canStepMany(): boolean {
    return this.wasm !== undefined && (this.rule.kind === 'sgd' || (this.rule.kind === 'oscillation' && this.data.y.length > 0));
  }

  /**
   * `count` steps at once inside the kernel (at most `chunk`), the same bits as `count` calls of step():
   * step s uses the batch indices idx[s B .. s B + B - 1] and label noises eps[s B ..] (B the rule's batch
   * size; draw them from the Drawer, in order). Stops after the first step that leaves theta non-finite or
   * some |theta_k| above `bound`, and returns the number of steps done (count when none did).
   */
  stepMany(idx: Int32Array, eps: Float64Array, count: number, bound: number): number {
    const k = this.wasm;
    const rule = this.rule;
    if (!k || rule.kind !== 'sgd') throw new InputError('kernel', 'stepMany needs the SGD rule on the WebAssembly kernel (see canStepMany)');
    const B = batchSize(rule, this.data);
    if (!Number.isInteger(count) || count < 0 || count > this.chunk) throw new InputError('count', `expected an integer from 0 to ${this.chunk}, got ${count}`);
    if (idx.length < count * B || eps.length < count * B) throw new InputError('draws', `${count} steps of batch ${B} need ${count * B} indices and noises`);
    const n = this.data.y.length;
    for (let e = 0; e < count * B; e++) {
      const j = idx[e] as number;
      if (!(j >= 0 && j < n)) throw new InputError('draws', `index ${j} outside the ${n} training points`);
    }
    if (count === 0) return 0;
    if (!this.holds()) this.adopt();
    const t0 = this.prof ? performance.now() : 0;
    this.copyDataIn(k);
    k.idx.set(idx.subarray(0, count * B));
    k.eps.set(eps.subarray(0, count * B));
    // |theta_k| <= bound fails for NaN, and, with the bound at the largest double, for the infinities
    const done = this.single ? this.sampleSteps(k, rule.eta, count, Math.min(bound, Number.MAX_VALUE)) : k.steps(rule.eta, B, count, Math.min(bound, Number.MAX_VALUE));
    if (this.prof) profileAdd(this.prof, performance.now() - t0, done);
    return done;
  }

  /**
   * `count` steps of the oscillation process (Eqs. (6)-(7)) at once inside the kernel (at most `chunk`), the same bits as
   * `count` calls of step(): step s uses the coins flips[s m .. s m + m - 1] (draw them from the Drawer, in order). Stops
   * after the first step that leaves theta non-finite or some |theta_k| above `bound`, and returns the number of steps
   * done (count when none did). The gradient is the full-batch one of Eq. (6), computed in the kernel (oscKernel.ts).
   */
  stepManyOscillation(flips: Int8Array, count: number, bound: number): number {
    const k = this.wasm;
    const rule = this.rule;
    if (!k || rule.kind !== 'oscillation' || !this.canStepMany) throw new InputError('kernel', 'stepManyOscillation needs the oscillation rule on the WebAssembly kernel (see canStepMany)');
    if (!Number.isInteger(count) || count < 0 || count > this.chunk) throw new InputError('count', `expected an integer from 0 to ${this.chunk}, got ${count}`);
    if (!(flips instanceof Int8Array) || flips.length < count * this.m) throw new InputError('draws', `${count} steps of m = ${this.m} need ${count * this.m} coins in an Int8Array`);
    if (count === 0) return 0;
    if (!this.holds()) this.adopt();
    if (this.stale) this.resync();
    const t0 = this.prof ? performance.now() : 0;
    // |theta_k| <= bound fails for NaN, and, with the bound at the largest double, for the infinities
    const done = this.oscKernelSteps(k, rule.eta, flips, count, Math.min(bound, Number.MAX_VALUE));
    if (this.prof) profileAdd(this.prof, performance.now() - t0, done);
    return done;
  }

  /** X's rows and y into the kernel's memory, before each call that reads them (the data may have changed since the last). */
  private copyDataIn(k: SgdKernel): void {
    const X = rows(this.data.X);
    for (let j = 0; j < X.length; j++) k.X.set(X[j] as Float64Array, j * this.d);
    k.y.set(this.data.y);
  }

  /** The kernel's oscillation steps (oscKernel.ts oscSteps) with the data copied in (as stepMany does). */
  private oscKernelSteps(k: SgdKernel, eta: number, flips: Int8Array, count: number, bound: number): number {
    this.copyDataIn(k);
    k.fl.set(flips.subarray(0, count * this.m));
    return k.oscSteps(eta, Math.pow(eta, 0.25), count, bound);
  }

  /**
   * Batch 1 inside the kernel: whole steps while its certificate proves every theta within the bound; where it
   * cannot (sampleKernel.ts steps1), theta is computed there and decides: a stop, or the next steps.
   */
  private sampleSteps(k: SgdKernel, eta: number, count: number, bound: number): number {
    let done = 0;
    while (done < count) {
      const res = k.sampleSteps(eta, done, count - done, bound);
      done += res >> 1;
      this.stale = true;
      // not flagged: the certificate proved every step of the call within the bound (a flagged step is decided below)
      this.proven = (res & 1) === 0 ? bound : -1;
      if ((res & 1) === 0) break;
      const th = this.theta;
      for (let q = 0; q < this.d; q++) if (!(Math.abs(th[q] as number) <= bound)) return done;
    }
    return done;
  }

  step(draw: Draw): void {
    if (this.prof) {
      const t0 = performance.now();
      this.stepOnce(draw);
      profileAdd(this.prof, performance.now() - t0);
    } else this.stepOnce(draw);
  }

  private stepOnce(draw: Draw): void {
    const rule = this.rule;
    if (this.wasm && !this.holds()) this.adopt();
    switch (rule.kind) {
      case 'sgd':
        if (this.single) {
          this.sampleStep(rule.eta, draw);
          return;
        }
        this.residualGradient(this.theta, draw, this.g);
        if (this.wasm) this.wasm.apply(rule.eta);
        else this.apply(rule.eta, this.g);
        return;
      case 'sam':
        this.samStep(rule.eta, rule.rho, draw);
        return;
      case 'oscillation':
        this.oscillationStep(rule.eta, draw);
        return;
    }
  }

  /** Batch 1 (singleSamplePass.ts): pass 1 gives z and f(x), r = f - y - eps, g = r x, pass 2; theta goes stale. */
  private sampleStep(eta: number, draw: Draw): void {
    const j = draw.idx[0] as number;
    const x = rows(this.data.X)[j] as Float64Array;
    let f: number;
    if (this.wasm) {
      this.wasm.xs.set(x);
      f = this.wasm.sampleOutputs();
    } else f = neuronOutputs(rows(this.state.W), vec(this.state.a), x, this.z);
    const r = f - (this.data.y[j] as number) - (draw.eps[0] as number);
    sampleGradient(r, x, this.g);
    if (this.wasm) this.wasm.sampleUpdate(eta, r);
    else sampleUpdate(rows(this.state.W), vec(this.state.a), this.z, eta, r, this.g);
    this.stale = true;
    this.proven = -1;
  }

  /** SAM (samPass.ts): the batch gradient at the point and at the perturbed point, then the fused update. */
  private samStep(eta: number, rho: number, draw: Draw): void {
    samPass(rows(this.state.W), vec(this.state.a), this.theta, { g1: this.g, g2: this.g2, thP: this.thP, u: this.u }, eta, rho, (th, out) => this.residualGradient(th, draw, out));
  }

  /**
   * Eqs. (6)-(7) (oscillationPass.ts): GD on W with the chain's a_i(t), the full-batch gradient without noise. With the
   * kernel, one of its whole steps (oscKernel.ts: the gradient and the pass with this loop's bits; no bound to stop at).
   */
  private oscillationStep(eta: number, draw: Draw): void {
    const flips = draw.flips;
    if (!flips) throw new Error('oscillation step needs flips');
    if (this.wasm && this.data.y.length > 0) {
      if (flips.length < this.m) throw new InputError('draws', `an oscillation step of m = ${this.m} needs m coins, got ${flips.length}`);
      this.oscKernelSteps(this.wasm, eta, flips, 1, Infinity);
      return;
    }
    this.residualGradient(this.theta, this.fullBatch(this.data.y.length), this.g);
    oscillationPass(rows(this.state.W), vec(this.state.a), this.theta, eta, this.g, flips);
  }

  private full: Draw | undefined;
  /** all n indices, no label noise: the full-batch loss L_D of the oscillation process */
  private fullBatch(n: number): Draw {
    if (!this.full) this.full = { idx: Int32Array.from({ length: n }, (_, j) => j), eps: new Float64Array(n) };
    return this.full;
  }
}

/** Points a matrix's row array (ml-matrix's `data`, which its types omit) at `r`. */
function setRows(M: State['W'], r: readonly Float64Array[]): void {
  (M as unknown as { data: readonly Float64Array[] }).data = r;
}

/** A kernel for m x d, or undefined where the memory cannot be had (then the JavaScript loops run, unless required). */
function makeKernel(m: number, d: number, room: { n: number; draws: number }, required: boolean): SgdKernel | undefined {
  try {
    return new SgdKernel(m, d, PAIRS, room);
  } catch (e) {
    if (required) throw e;
    return undefined;
  }
}
