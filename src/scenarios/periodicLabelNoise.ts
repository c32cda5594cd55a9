import { vec } from '../engine/matrix.js';
import { runTraining, spread, type SyntheticSetup, type Trajectory } from './syntheticTraining.js';

/**
 * The authors' sgd_label_noise_periodic notebook on the synthetic setup of Sec. 3.1: label-noise SGD (batch 1,
 * eps = +-sigma, Eqs. (3)-(4)) with the noise on for `on` steps and off for `off` steps, repeating from t = 0 (the engine's
 * noise schedule). Per run: the fall of the mean norm Avg||w_i|| over every noise-on and noise-off window (read at the
 * window boundaries), and the step-to-step movement Avg_i |a_i(t+1) - a_i(t)| sampled every `sampleEvery` steps and
 * attributed to the window of step t (in the off windows also to their second, "settled" half).
 */
export interface PeriodicSetting {
  setup: SyntheticSetup;
  on: number;
  off: number;
  periods: number;
  sampleEvery: number;
  /** neurons whose a_i(t) is traced */
  trackNeurons: number;
}

export interface PeriodicRun {
  tr: Trajectory;
  windows: { start: number; end: number; on: boolean; fall: number }[];
  /** Avg||w_i|| at t = 0, and the total falls over the noise-on and noise-off windows */
  normStart: number;
  onFall: number;
  offFall: number;
  /** mean Avg_i |a_i(t+1) - a_i(t)| over the on windows, the off windows, and the second halves of the off windows */
  aVarOn: number;
  aVarOff: number;
  aVarOffSettled: number;
  /** mean Avg_i |a_i| over the on and off windows */
  meanAbsAOn: number;
  meanAbsAOff: number;
  aTrace: { step: number; neuron: number; a: number }[];
}

export function periodicRun(p: PeriodicSetting, seed: string, progress?: (steps: number) => void): PeriodicRun {
  const P = p.on + p.off;
  const steps = p.periods * P;
  const m = p.setup.config.m;
  const prev = new Float64Array(m);
  const acc = { on: 0, onN: 0, off: 0, offN: 0, offS: 0, offSN: 0, absOn: 0, absOff: 0 };
  const tracked = spread(m, p.trackNeurons);
  const traceEvery = Math.max(p.sampleEvery, Math.floor(steps / 500 / p.sampleEvery) * p.sampleEvery);
  const aTrace: PeriodicRun['aTrace'] = [];
  const tr = runTraining({
    setup: p.setup,
    rule: { kind: 'label-noise', schedule: { on: p.on, off: p.off } },
    seed,
    steps,
    // every window boundary is a logged step
    logEvery: Math.max(1, Math.floor(Math.min(p.on, p.off) / 10)),
    ...(progress ? { progress } : {}),
    observe: (t, sim) => {
      const a = vec(sim.state.a);
      if (t % p.sampleEvery === 0) prev.set(a);
      else if (t % p.sampleEvery === 1 && t > 1) {
        const pos = (t - 1) % P; // the step just taken ran with sigma(t - 1)
        let v = 0;
        let abs = 0;
        for (let i = 0; i < m; i++) {
          v += Math.abs((a[i] as number) - (prev[i] as number)) / m;
          abs += Math.abs(a[i] as number) / m;
        }
        if (pos < p.on) {
          acc.on += v;
          acc.onN++;
          acc.absOn += abs;
        } else {
          acc.off += v;
          acc.offN++;
          acc.absOff += abs;
          if (pos >= p.on + p.off / 2) {
            acc.offS += v;
            acc.offSN++;
          }
        }
      }
      if (t % traceEvery === 0) for (const i of tracked) aTrace.push({ step: t, neuron: i, a: a[i] as number });
    },
  });
  const normAt = new Map(tr.rows.map((r) => [r.step, r.meanNorm]));
  const windows: PeriodicRun['windows'] = [];
  for (let k = 0; k < p.periods; k++) {
    const b = [k * P, k * P + p.on, (k + 1) * P] as const;
    for (let j = 0; j < 2; j++) {
      const n0 = normAt.get(b[j] as number);
      const n1 = normAt.get(b[j + 1] as number);
      if (n0 !== undefined && n1 !== undefined) windows.push({ start: b[j] as number, end: b[j + 1] as number, on: j === 0, fall: n0 - n1 });
    }
  }
  const mean = (s: number, n: number) => (n ? s / n : 0);
  return {
    tr,
    windows,
    normStart: tr.rows[0]!.meanNorm,
    onFall: windows.filter((w) => w.on).reduce((x, w) => x + w.fall, 0),
    offFall: windows.filter((w) => !w.on).reduce((x, w) => x + w.fall, 0),
    aVarOn: mean(acc.on, acc.onN),
    aVarOff: mean(acc.off, acc.offN),
    aVarOffSettled: mean(acc.offS, acc.offSN),
    meanAbsAOn: mean(acc.absOn, acc.onN),
    meanAbsAOff: mean(acc.absOff, acc.offN),
    aTrace,
  };
}
