import { describe, expect, it } from 'vitest';
import { loadCifar } from '../../src/cifar/data.js';
import { runRealWorldSeed, type RealWorldSeedResult } from '../../src/cifar/realworld.js';
import { CLEAN, fcFor, runSeeds, type RealWorldSetup } from '../../src/scenarios/cifarLinearization.js';

// runSeeds on the Gram path spreads the seeds over worker threads (cifarSeedTask.ts): the results equal, bit for bit,
// those of each seed run in this thread, whatever the number of threads (only the timings differ).
const scale = { nTrain: 8, nTest: 8, width: 16, eta: 5e-2, steps: 60, logEvery: 20 };
const runs = [
  { name: CLEAN, noise: { kind: 'none' as const }, update: { kind: 'gd' as const } },
  { name: 'noise', noise: { kind: 'resample' as const, p: 0.5 }, update: { kind: 'gd' as const } },
];
const strip = (r: RealWorldSeedResult): Omit<RealWorldSeedResult, 'seconds'> => {
  const { seconds: _s, ...rest } = r;
  return rest;
};

describe('runSeeds in worker threads = in this thread', () => {
  it('3 seeds on 2 threads, equal to the in-thread runs bit for bit', async () => {
    const data = loadCifar(scale.nTrain, scale.nTest);
    const setup = { info: { requested: 'wasm', active: 'none', description: 'not used on the Gram path' }, data } as RealWorldSetup;
    const name = (i: number): string => `cifar-seed-task/${i}`;
    const serial: RealWorldSeedResult[] = [];
    for (let i = 0; i < 3; i++) serial.push(await runRealWorldSeed({ ...scale, fc: fcFor(16, 'standard'), runs, engine: 'gram' }, data, name(i)));
    for (const threads of [2]) {
      const par = await runSeeds(setup, scale, 3, 'standard', runs, name, { engine: 'gram', threads });
      expect(par.map(strip)).toEqual(serial.map(strip));
    }
    // the runs moved (a comparison of untouched initial states would say nothing)
    const s = serial[0]!.runs.noise!.snapshots;
    expect(s.at(-1)!.trainLoss).not.toBe(s[0]!.trainLoss);
  }, 120_000);
});
