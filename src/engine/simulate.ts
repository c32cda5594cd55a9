import type { Matrix } from 'ml-matrix';
import type { Dataset } from './data.js';
import { InputError, requireNumber } from '../errors.js';
import { requireCallback, requireSeed } from './limits.js';
import { allFinite } from './matrix.js';
import { cloneState, type State } from './network.js';
import { Drawer } from './rules/draw.js';
import { Stepper } from './rules/stepper.js';
import { batchSize, type Draw, type Rule } from './rules/types.js';
import { snapshot, summarize, type LogRow } from './metrics.js';

/** How a run ended. A diverging run is an outcome with its step, never NaN in a report. */
export type Outcome =
  | { kind: 'completed'; steps: number }
  | { kind: 'stopped'; step: number; reason: string }
  | { kind: 'diverged'; step: number; reason: string };

export interface RunOptions {
  steps: number;
  /** log a summary row every `logEvery` steps (0: none) */
  logEvery?: number;
  /** called every `watchEvery` steps after the step; return a reason string to stop */
  watch?: (t: number, sim: Simulation) => string | undefined;
  watchEvery?: number;
  /** |theta_k| above this counts as divergence (default 1e8) */
  divergenceBound?: number;
  /** called every `progressEvery` steps with the number of steps done */
  progress?: (done: number) => void;
  /** called with each step's draw before it is applied (for claims that need the per-step randomness) */
  onDraw?: (t: number, draw: Draw, sim: Simulation) => void;
}

export interface RunResult {
  outcome: Outcome;
  log: LogRow[];
}

/** A run: the state, its data, its rule and its random streams, stepped in place. */
export class Simulation {
  readonly W0: Matrix;
  readonly stepper: Stepper;
  private readonly drawer: Drawer;
  /** draws taken from the streams for a chunk of steps but not applied (the chunk stopped early): used first */
  private readonly pending: Draw[] = [];
  /** how run()'s chunks of steps inside the kernel take their draws and run (chunkRunner) */
  private runner: ChunkRunner | undefined;
  t = 0;

  constructor(
    readonly state: State,
    readonly data: Dataset,
    readonly rule: Rule,
    readonly seed: string | number,
  ) {
    requireSeed('seed', seed);
    this.stepper = new Stepper(state, data, rule);
    this.drawer = new Drawer(rule, data, state.W.rows, seed);
    this.W0 = cloneState(state).W;
  }

  get theta(): Float64Array {
    return this.stepper.theta;
  }

  /** One step; returns its draw (a reused buffer). */
  step(): Draw {
    const draw = this.nextDraw();
    this.stepper.step(draw);
    this.t++;
    return draw;
  }

  /** The draw of step t: a pending one first, else the next from the streams. */
  private nextDraw(): Draw {
    return this.pending.shift() ?? this.drawer.next(this.t);
  }

  /**
   * `count` steps inside the kernel (Stepper.stepMany, or stepManyOscillation), in chunks, with the draws of the same
   * streams in the same order (so the same bits as `count` calls of step()); stops after the first step that leaves
   * theta non-finite or above `bound` (run() then reports it), keeping the draws it took and did not apply for the next steps.
   */
  private stepMany(count: number, bound: number): void {
    const r = (this.runner ??= this.chunkRunner());
    const chunk = this.stepper.chunk;
    while (count > 0) {
      const c = Math.min(count, chunk);
      for (let s = 0; s < c; s++) r.take(s, this.drawer.next(this.t + s));
      const done = r.run(c, bound);
      this.t += done;
      count -= done;
      if (done < c) {
        for (let s = done; s < c; s++) this.pending.push(r.keep(s));
        return;
      }
    }
  }

  /** The chunk buffers of the rule and the kernel call that runs them: batch indices and noises, or the oscillation process's coins (m a step). */
  private chunkRunner(): ChunkRunner {
    const st = this.stepper;
    if (this.rule.kind === 'oscillation') {
      const m = this.state.W.rows;
      const flips = new Int8Array(st.chunk * m);
      return {
        take: (s, d) => flips.set((d.flips as Int8Array).subarray(0, m), s * m),
        run: (c, bound) => st.stepManyOscillation(flips, c, bound),
        keep: (s) => ({ idx: new Int32Array(0), eps: new Float64Array(0), flips: flips.slice(s * m, s * m + m) }),
      };
    }
    const B = batchSize(this.rule as { batch: number | 'full' }, this.data);
    const idx = new Int32Array(st.chunk * B);
    const eps = new Float64Array(st.chunk * B);
    return {
      take: (s, d) => {
        idx.set(d.idx, s * B);
        eps.set(d.eps, s * B);
      },
      run: (c, bound) => st.stepMany(idx, eps, c, bound),
      keep: (s) => ({ idx: idx.slice(s * B, s * B + B), eps: eps.slice(s * B, s * B + B) }),
    };
  }

  row(): LogRow {
    return summarize(snapshot(this.t, this.state, this.W0, this.theta, this.data));
  }

  run(opts: RunOptions): RunResult {
    if (opts === null || typeof opts !== 'object') throw new InputError('run options', 'expected an object with steps');
    requireNumber('steps', opts.steps, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
    const logEvery = opts.logEvery ?? 0;
    const watchEvery = opts.watchEvery ?? 1;
    requireNumber('logEvery', logEvery, { min: 0, integer: true });
    requireNumber('watchEvery', watchEvery, { min: 1, integer: true });
    const bound = opts.divergenceBound ?? 1e8;
    // Infinity means no bound (a run still stops at the first non-finite theta)
    if (bound !== Infinity) requireNumber('divergenceBound', bound, { min: 0, exclusiveMin: true });
    requireCallback('watch', opts.watch);
    requireCallback('progress', opts.progress);
    requireCallback('onDraw', opts.onDraw);
    const log: LogRow[] = [];
    // a logged row with a number float64 cannot hold (an overflowed loss or norm) ends the run as a divergence: never NaN in a log
    const logRow = (): Outcome | undefined => {
      const row = this.row();
      for (const [k, v] of Object.entries(row)) if (!Number.isFinite(v)) return { kind: 'diverged', step: this.t, reason: `${k} = ${v} at step ${this.t}: the state overflows float64` };
      log.push(row);
      return undefined;
    };
    if (logEvery > 0) {
      const bad = logRow();
      if (bad) return { outcome: bad, log };
    }
    const end = this.t + opts.steps;
    // without a per-step callback, the steps up to the next log, progress or watch step run inside the kernel
    const many = !opts.onDraw && this.stepper.canStepMany;
    while (this.t < end) {
      if (many && this.pending.length === 0) {
        let stop = end;
        if (logEvery > 0) stop = Math.min(stop, nextMultiple(this.t, logEvery));
        if (opts.progress) stop = Math.min(stop, nextMultiple(this.t, 10000));
        if (opts.watch) stop = Math.min(stop, nextMultiple(this.t, watchEvery));
        this.stepMany(stop - this.t, bound);
      } else if (opts.onDraw) {
        const draw = this.nextDraw();
        opts.onDraw(this.t, draw, this);
        this.stepper.step(draw);
        this.t++;
      } else this.step();
      // the kernel's certificate may already prove theta within the bound (Stepper.provenWithin): then it is not formed
      if (!this.stepper.provenWithin(bound)) {
        const th = this.theta;
        if (!allFinite(th)) return { outcome: { kind: 'diverged', step: this.t, reason: 'theta is not finite' }, log };
        for (let k = 0; k < th.length; k++) {
          if (Math.abs(th[k] as number) > bound) {
            return { outcome: { kind: 'diverged', step: this.t, reason: `|theta_${k}| > ${bound}` }, log };
          }
        }
      }
      if (logEvery > 0 && this.t % logEvery === 0) {
        const bad = logRow();
        if (bad) return { outcome: bad, log };
      }
      if (opts.progress && this.t % 10000 === 0) opts.progress(this.t);
      if (opts.watch && this.t % watchEvery === 0) {
        const reason = opts.watch(this.t, this);
        if (reason !== undefined) return { outcome: { kind: 'stopped', step: this.t, reason }, log };
      }
    }
    return { outcome: { kind: 'completed', steps: this.t }, log };
  }
}

/** A rule's chunk of draws for the kernel: copy step s's draw in, run c steps, give back step s's draw when unused. */
interface ChunkRunner {
  take(s: number, draw: Draw): void;
  run(c: number, bound: number): number;
  keep(s: number): Draw;
}

/** The first multiple of e above t. */
function nextMultiple(t: number, e: number): number {
  return (Math.floor(t / e) + 1) * e;
}

export function assertSameShape(state: State, data: Dataset): void {
  if (state.W.columns !== data.X.columns) throw new InputError('d', `state has d = ${state.W.columns}, data has d = ${data.X.columns}`);
}
