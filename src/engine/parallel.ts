import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM API (tsImport), resolved from here: the ESM build beside the CommonJS one that require resolves */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;

/**
 * A small deterministic parallel map over worker threads, for the independent runs of one claim
 * (seeds, widths, cases): `await parallelMap(tasks, new URL('./runs.ts', import.meta.url), 'runOne', { threads: 2 })`.
 *
 * How to adopt it in a claim:
 *  - Put the work of one run in an exported function of its own module, `export function runOne(task: T): R`
 *    (or async). It receives the task by structured clone and returns a structured-cloneable result (plain
 *    objects, arrays, numbers, strings, typed arrays; no class instances, no functions).
 *  - Each task carries everything its run needs, its seed included (a string or number from which the run
 *    derives its streams, e.g. `ctx.runSeed('width', m)`): no RNG is shared between tasks, and no module
 *    state may leak from one task to the next (a worker runs several tasks in turn).
 *  - The results come back in task order, whatever the number of threads and whichever thread ran which
 *    task, so a claim's result does not depend on `threads` (test/engine/parallel.test.ts checks it bit for bit).
 *  - A task that throws rejects the whole map with one error naming the task (its index and a preview of it),
 *    the function and the module, with the worker's message and stack; the other workers are stopped.
 *  - The module is loaded in each worker through tsx's tsImport, so a TypeScript module works from
 *    the CLI, from vitest's workers and from plain node. Starting a worker costs tens to a few hundred
 *    milliseconds (bench: `npm run bench -- --parallel`): give each thread at least a second of work.
 *  - threads defaults to the cores available (os.availableParallelism()), capped at the number of tasks.
 *    Under vitest, each claim file already runs in a worker of its own; on 2 cores, a claim that maps over
 *    2 threads while another file runs shares the cores with it (the result stays the same).
 */

export interface ParallelOptions {
  /** worker threads (default: the available cores), at most the number of tasks */
  threads?: number;
}

/** The error a failed task rejects the map with: which task, and the worker's message. */
export class ParallelTaskError extends Error {
  constructor(
    readonly taskIndex: number,
    readonly fnName: string,
    readonly moduleUrl: string,
    readonly detail: string,
  ) {
    super(`parallelMap: task ${taskIndex} failed in ${fnName}() of ${moduleUrl}: ${detail}`);
    this.name = 'ParallelTaskError';
  }
}

interface Reply {
  index: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

// The worker: imports the module once, then runs one task per message. CommonJS (eval), so it needs no loader;
// the module itself is imported through tsx's ESM API (registered in the worker: hooks do not cross threads).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let mod;
parentPort.on('message', async ({ index, task }) => {
  try {
    mod ??= import(workerData.tsx).then((api) => api.tsImport(workerData.url, workerData.url));
    const fn = (await mod)[workerData.fn];
    if (typeof fn !== 'function') throw new TypeError('the module exports no function ' + workerData.fn);
    const result = await fn(task);
    parentPort.postMessage({ index, ok: true, result });
  } catch (e) {
    let msg = e && e.stack ? String(e.stack) : String(e);
    parentPort.postMessage({ index, ok: false, error: msg });
  }
});
`;

function preview(task: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(task) ?? String(task);
  } catch {
    s = String(task);
  }
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/**
 * Runs `fnName` of the module at `workerModuleUrl` on every task, in worker threads, and returns the results
 * in task order. See the header for the contract (self-contained tasks with their own seeds; cloneable
 * results; one error naming a failed task).
 */
export async function parallelMap<T, R>(tasks: readonly T[], workerModuleUrl: string | URL, fnName: string, opts: ParallelOptions = {}): Promise<R[]> {
  const url = String(workerModuleUrl);
  if (!url.startsWith('file:')) throw new RangeError(`parallelMap: the module must be a file: URL (new URL('./x.ts', import.meta.url)), got ${url}`);
  if (typeof fnName !== 'string' || fnName === '') throw new RangeError('parallelMap: fnName must name an exported function');
  const want = opts.threads ?? availableParallelism();
  if (!Number.isInteger(want) || want < 1) throw new RangeError(`parallelMap: threads must be a positive integer, got ${want}`);
  const n = tasks.length;
  if (n === 0) return [];
  const threads = Math.min(want, n);
  const results = new Array<R>(n);
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (e: Error): void => {
        if (failed) return;
        failed = true;
        reject(e);
      };
      const feed = (w: Worker): void => {
        if (next >= n) return;
        const index = next++;
        w.postMessage({ index, task: tasks[index] });
      };
      for (let k = 0; k < threads; k++) {
        const w = new Worker(WORKER, { eval: true, workerData: { url, fn: fnName, tsx: TSX_API } });
        workers.push(w);
        w.on('message', (m: Reply) => {
          if (!m.ok) {
            fail(new ParallelTaskError(m.index, fnName, url, `${m.error ?? 'unknown error'}\n  task: ${preview(tasks[m.index])}`));
            return;
          }
          results[m.index] = m.result as R;
          done++;
          if (done === n) resolve();
          else feed(w);
        });
        w.on('error', (e) => fail(new Error(`parallelMap: a worker of ${fnName}() of ${url} failed: ${e.message}`)));
        w.on('exit', (code) => {
          if (done < n) fail(new Error(`parallelMap: a worker of ${fnName}() of ${url} exited (code ${code}) with ${n - done} task(s) unfinished`));
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
