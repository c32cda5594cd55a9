import { loadCifar } from '../cifar/data.js';
import { runRealWorldSeed, type RealWorldConfig, type RealWorldSeedResult } from '../cifar/realworld.js';

/**
 * One seed of Figures 3 and 5 as a parallelMap task (src/engine/parallel.ts): everything the seed needs travels with
 * it (the configuration, the learning-rate target, the seed string from which every stream derives), and the data are
 * read in the worker from the same folder (AUDIT_CIFAR_DIR, inherited, else the shipped subset), so the result is the
 * one the seed gives in the calling thread, bit for bit (test/scenarios/cifarSeedTask.test.ts).
 */
export interface RealWorldSeedTask {
  cfg: RealWorldConfig & { rate?: number };
  seed: string;
}

export async function runSeedTask(task: RealWorldSeedTask): Promise<RealWorldSeedResult> {
  return runRealWorldSeed(task.cfg, loadCifar(task.cfg.nTrain, task.cfg.nTest), task.seed);
}
