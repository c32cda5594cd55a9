/**
 * `npm run bench -- --parallel`: the overhead and the speed-up of src/engine/parallel.ts. Four independent
 * runs (bench/parallelTask.ts, about a second each) are timed in process, one after another, and through
 * parallelMap with 1 and with 2 threads (wall time, best of 3; the results are checked equal bit for bit).
 * The overhead of a map is its 1-thread wall time minus the in-process time: starting the worker, loading
 * tsx and the engine in it, and the messages.
 */
import { cpus, loadavg } from 'node:os';
import { parallelMap } from '../src/engine/parallel.js';
import { benchRun } from './parallelTask.js';

const TASKS = [0, 1, 2, 3].map((k) => ({ seed: `bench-${k}`, steps: 60_000 }));
const MODULE = new URL('./parallelTask.ts', import.meta.url);

async function wall(f: () => unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return (performance.now() - t0) / 1000;
}

export async function parallelMain(): Promise<void> {
  console.log(`parallelMap: ${TASKS.length} runs of m = 1000, d = 20, ${TASKS[0]?.steps} steps; node ${process.version}, load average ${loadavg()[0]?.toFixed(2)} on ${cpus().length} cores; wall seconds, best of 3`);
  const ref = TASKS.map(benchRun);
  const best = { inProcess: Infinity, one: Infinity, two: Infinity, empty: Infinity };
  for (let r = 0; r < 3; r++) {
    best.inProcess = Math.min(best.inProcess, await wall(() => TASKS.map(benchRun)));
    let out: number[][] = [];
    best.one = Math.min(best.one, await wall(async () => (out = await parallelMap(TASKS, MODULE, 'benchRun', { threads: 1 }))));
    if (JSON.stringify(out) !== JSON.stringify(ref)) throw new Error('parallelMap with 1 thread differs from the runs in process');
    best.two = Math.min(best.two, await wall(async () => (out = await parallelMap(TASKS, MODULE, 'benchRun', { threads: 2 }))));
    if (JSON.stringify(out) !== JSON.stringify(ref)) throw new Error('parallelMap with 2 threads differs from the runs in process');
    best.empty = Math.min(best.empty, await wall(() => parallelMap([{ seed: 'x', steps: 0 }], MODULE, 'benchRun', { threads: 1 })));
  }
  console.log(`  in process: ${best.inProcess.toFixed(2)} s; parallelMap 1 thread: ${best.one.toFixed(2)} s; 2 threads: ${best.two.toFixed(2)} s`);
  console.log(`  overhead of a map (1 thread - in process): ${(best.one - best.inProcess).toFixed(2)} s; a map of one empty task: ${best.empty.toFixed(2)} s`);
  console.log(`  speed-up on 2 threads: ${(best.inProcess / best.two).toFixed(2)}x over in process, ${(best.one / best.two).toFixed(2)}x over 1 thread (results equal bit for bit)`);
}
