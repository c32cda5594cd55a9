import { Simulation, initNTK, makeDataset } from '../src/engine/index.js';

/** One label-noise SGD run (m = 1000, d = 20, n = 200), all of it from the task's seed: the work of `npm run bench -- --parallel`. */
export function benchRun(t: { seed: string; steps: number }): number[] {
  const m = 1000;
  const d = 20;
  const data = makeDataset({ n: 200, d, nTest: 0, thetaStarNorm: Math.pow(m, -0.25) }, `${t.seed}/data`);
  const sim = new Simulation(initNTK(m, d, `${t.seed}/init`), data, { kind: 'sgd', eta: 1e-3, batch: 1, sigma: 4 }, t.seed);
  sim.run({ steps: t.steps });
  return [...sim.theta];
}
