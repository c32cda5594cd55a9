import { OnlineLabelNoise, type OnlineConfig } from './onlineLabelNoise.js';

/**
 * The sums of Eq. (41) and of the display after Eq. (46) (proof of Theorem C.4) per tracked neuron, along one
 * label-noise SGD run of src/scenarios/onlineLabelNoise.ts (fresh x_j ~ N(0, I_d), eps_j = +-sigma from the engine's
 * Drawer). Step j's Delta W_i(j) = -r_j^2 ((x_j^T w_i(j))^2 - a_i(j)^2 ||x_j||^2) (long version, after Eq. (40)) is
 * taken at the state before step j with that step's own draw; X_j = I[Delta W_i(j) <= -(sigma/4)^2] (the event
 * Omega_i of the proof). Accumulated for the first `k` tracked neurons over the steps j = 0 .. horizon - 1.
 */
export class DeltaWSums {
  readonly k: number;
  /** steps accumulated */
  steps = 0;
  /** the run diverged before its horizon (firstStepSums; a reported outcome: the sums stop there) */
  diverged = false;
  /** sum_j Delta W_i(j), its positive and non-positive parts, and sum_j Delta W_i(j) I[Delta W_i(j) <= -(sigma/4)^2] */
  readonly sum: Float64Array;
  readonly sumPos: Float64Array;
  readonly sumNonpos: Float64Array;
  readonly sumQuarter: Float64Array;
  /** counts over all steps: Delta W > 0; X_j = 1; over the pairs (j, j + 1): X_j = 1, X_j = 1 and X_{j+1} = 1, X_j = 0 and X_{j+1} = 1 */
  readonly nPos: Float64Array;
  readonly nQuarter: Float64Array;
  readonly n1All: Float64Array;
  readonly n11All: Float64Array;
  readonly n01All: Float64Array;
  /**
   * Counts over the steps at which neuron i is inside the premise of Lemma C.3 (its own Definition 1 ball,
   * ||w_i(j) - w_i(0)|| <= 1/sqrt(m), and |a_i(j)| <= m^(-1/4)): premise steps, X_j = 1 there, and the steps at which
   * X_j changes when the sign of eps_j is flipped (x_j and the state kept); over the pairs (j, j + 1) both inside it:
   * pairs, X_j = 1, X_j = 1 and X_{j+1} = 1, X_j = 0 and X_{j+1} = 1.
   */
  readonly nPrem: Float64Array;
  readonly nQuarterPrem: Float64Array;
  readonly nFlipPrem: Float64Array;
  readonly nPairs: Float64Array;
  readonly n1: Float64Array;
  readonly n11: Float64Array;
  readonly n01: Float64Array;
  /** the largest Delta W_i(j) */
  readonly max: Float64Array;
  /** sum_j r^2 (x^T w_i)^2 and sum_j r^2 a_i^2 ||x||^2 (the two terms of Delta W) */
  readonly main: Float64Array;
  readonly side: Float64Array;
  /** sum_j |a_i(j+1)^2 - a_i(j)^2| and sum_j eta^2 |Delta W_i(j)| (the two parts of the per-step change of ||w_i||^2) */
  readonly absDa2: Float64Array;
  readonly absEta2DW: Float64Array;
  /** sum_j (a_i(j+1) - a_i(j))^2 */
  readonly moveA2: Float64Array;
  /** ||w_i(0)||^2, a_i(0), and after the horizon ||w_i(T)||^2, a_i(T) */
  readonly w0Norm2: Float64Array;
  readonly a0: Float64Array;
  readonly wTNorm2: Float64Array;
  readonly aT: Float64Array;
  private readonly prevQ: Uint8Array;
  private readonly prevPrem: Uint8Array;
  private readonly wPrev: Float64Array;
  private readonly aPrev: Float64Array;
  private readonly thetaPrev: Float64Array;

  constructor(
    private readonly run: OnlineLabelNoise,
    k: number,
  ) {
    const { d, K } = run.config;
    this.k = Math.min(k, K);
    const f = () => new Float64Array(this.k);
    [this.sum, this.sumPos, this.sumNonpos, this.sumQuarter, this.nPos, this.nQuarter, this.n1All, this.n11All, this.n01All] = [f(), f(), f(), f(), f(), f(), f(), f(), f()];
    [this.nPrem, this.nQuarterPrem, this.nFlipPrem, this.nPairs, this.n1, this.n11, this.n01] = [f(), f(), f(), f(), f(), f(), f()];
    [this.main, this.side, this.absDa2, this.absEta2DW, this.moveA2, this.w0Norm2, this.a0, this.wTNorm2, this.aT] = [f(), f(), f(), f(), f(), f(), f(), f(), f()];
    this.max = new Float64Array(this.k).fill(-Infinity);
    this.prevQ = new Uint8Array(this.k);
    this.prevPrem = new Uint8Array(this.k);
    this.wPrev = new Float64Array(this.k * d);
    this.aPrev = new Float64Array(this.k);
    this.thetaPrev = new Float64Array(d);
    for (let i = 0; i < this.k; i++) {
      this.w0Norm2[i] = norm2(run.state.w[i] as Float64Array);
      this.a0[i] = run.state.a[i] as number;
    }
    this.finish();
  }

  /** Copies what step j reads (the tracked w_i(j), a_i(j) and theta(j)); call before run.step(). */
  before(): void {
    const s = this.run.state;
    const d = this.run.config.d;
    for (let i = 0; i < this.k; i++) {
      this.wPrev.set(s.w[i] as Float64Array, i * d);
      this.aPrev[i] = s.a[i] as number;
    }
    this.thetaPrev.set(s.theta);
  }

  /** Accumulates step j from its residual r_j (returned by run.step()) and the run's x_j; call after run.step(). */
  after(r: number): void {
    const { d, eta, sigma, thetaStarNorm } = this.run.config;
    const x = this.run.x;
    const xx = this.run.xx;
    let f = 0;
    for (let q = 0; q < d; q++) f += (this.thetaPrev[q] as number) * (x[q] as number);
    // r = f - y - eps, so the same step with -eps has residual r + 2 eps
    const eps = f - thetaStarNorm * (x[0] as number) - r;
    const rFlip = r + 2 * eps;
    const thr = -((sigma / 4) ** 2);
    const first = this.steps === 0;
    const { m } = this.run.config;
    const aBound = Math.pow(m, -0.25);
    for (let i = 0, o = 0; i < this.k; i++, o += d) {
      const w0 = this.run.state.w0[i] as Float64Array;
      let p = 0;
      let drift2 = 0;
      for (let q = 0; q < d; q++) {
        const wq = this.wPrev[o + q] as number;
        p += (x[q] as number) * wq;
        drift2 += (wq - (w0[q] as number)) ** 2;
      }
      const ai = this.aPrev[i] as number;
      const v = p * p - ai * ai * xx;
      const dw = -r * r * v;
      const q = dw <= thr ? 1 : 0;
      const prem = drift2 <= 1 / m && Math.abs(ai) <= aBound ? 1 : 0;
      this.sum[i] = (this.sum[i] as number) + dw;
      if (dw > 0) {
        this.sumPos[i] = (this.sumPos[i] as number) + dw;
        this.nPos[i] = (this.nPos[i] as number) + 1;
      } else this.sumNonpos[i] = (this.sumNonpos[i] as number) + dw;
      if (q) {
        this.sumQuarter[i] = (this.sumQuarter[i] as number) + dw;
        this.nQuarter[i] = (this.nQuarter[i] as number) + 1;
      }
      if (!first) {
        if (this.prevQ[i]) {
          this.n1All[i] = (this.n1All[i] as number) + 1;
          this.n11All[i] = (this.n11All[i] as number) + q;
        } else this.n01All[i] = (this.n01All[i] as number) + q;
      }
      if (prem) {
        this.nPrem[i] = (this.nPrem[i] as number) + 1;
        this.nQuarterPrem[i] = (this.nQuarterPrem[i] as number) + q;
        if ((-rFlip * rFlip * v <= thr ? 1 : 0) !== q) this.nFlipPrem[i] = (this.nFlipPrem[i] as number) + 1;
        if (!first && this.prevPrem[i]) {
          this.nPairs[i] = (this.nPairs[i] as number) + 1;
          if (this.prevQ[i]) {
            this.n1[i] = (this.n1[i] as number) + 1;
            this.n11[i] = (this.n11[i] as number) + q;
          } else this.n01[i] = (this.n01[i] as number) + q;
        }
      }
      this.prevQ[i] = q;
      this.prevPrem[i] = prem;
      if (dw > (this.max[i] as number)) this.max[i] = dw;
      this.main[i] = (this.main[i] as number) + r * r * p * p;
      this.side[i] = (this.side[i] as number) + r * r * ai * ai * xx;
      const aNew = this.run.state.a[i] as number;
      this.absDa2[i] = (this.absDa2[i] as number) + Math.abs(aNew * aNew - ai * ai);
      this.absEta2DW[i] = (this.absEta2DW[i] as number) + eta * eta * Math.abs(dw);
      this.moveA2[i] = (this.moveA2[i] as number) + (aNew - ai) ** 2;
    }
    this.steps++;
  }

  /** Records ||w_i(T)||^2 and a_i(T) at the horizon T (the state after the last accumulated step). */
  finish(): void {
    for (let i = 0; i < this.k; i++) {
      this.wTNorm2[i] = norm2(this.run.state.w[i] as Float64Array);
      this.aT[i] = this.run.state.a[i] as number;
    }
  }

  /** The sums as plain data (no reference to the run): what a scenario returns. */
  snapshot(): StepSums {
    const { run: _run, wPrev: _w, aPrev: _a, thetaPrev: _t, prevQ: _q, prevPrem: _p, ...data } = this as unknown as Record<string, unknown>;
    return data as unknown as StepSums;
  }
}

/** The accumulated sums of a DeltaWSums (its public fields), as plain data. */
export type StepSums = Omit<Readonly<DeltaWSums>, 'before' | 'after' | 'finish' | 'snapshot'>;

function norm2(w: Float64Array): number {
  let s = 0;
  for (let q = 0; q < w.length; q++) s += (w[q] as number) ** 2;
  return s;
}

/**
 * The first `steps` steps of one run from Eq. (5) (drawn exactly at any width), with the sums of its first k tracked
 * neurons; a run whose ||a||^2 or |theta_k| passes `divergenceBound` stops there, marked diverged.
 */
export function firstStepSums(c: OnlineConfig, steps: number, k: number, seed: string, divergenceBound = 1e8): StepSums {
  const run = new OnlineLabelNoise(c, seed);
  const sums = new DeltaWSums(run, k);
  for (let j = 0; j < steps; j++) {
    sums.before();
    const r = run.step();
    if (run.diverged(divergenceBound)) {
      sums.diverged = true;
      break;
    }
    sums.after(r);
  }
  sums.finish();
  return sums.snapshot();
}
