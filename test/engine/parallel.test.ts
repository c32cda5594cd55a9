import { describe, expect, it } from 'vitest';
import { ParallelTaskError, parallelMap } from '../../src/engine/parallel.js';
import { failOn, runTask, type RunTask } from './fixtures/parallelTasks.js';
import { bitsEqual } from './helpers.js';

/**
 * src/engine/parallel.ts: results in task order and bit for bit the same with 1 and 2 threads and in
 * process, and a failing task surfaces as one error that names it. The worker module is TypeScript,
 * loaded in each worker through tsx (this also checks that it works from vitest's own workers).
 */

const MODULE = new URL('./fixtures/parallelTasks.ts', import.meta.url);
const TASKS: RunTask[] = [
  { seed: 's0', m: 40, d: 5, steps: 300 },
  { seed: 's1', m: 7, d: 3, steps: 500 },
  { seed: 's2', m: 64, d: 20, steps: 200 },
  { seed: 's3', m: 1, d: 1, steps: 50 },
  { seed: 's4', m: 33, d: 9, steps: 400 },
];

type Out = ReturnType<typeof runTask>;

function same(x: Out, y: Out): boolean {
  return bitsEqual(x.theta, y.theta) && bitsEqual(x.W, y.W) && bitsEqual(x.a, y.a) && x.steps === y.steps;
}

describe('parallelMap over worker threads', () => {
  it('returns the results in task order, bit for bit the same with 1 and 2 threads and as in process', async () => {
    const inProcess = TASKS.map(runTask);
    const one = await parallelMap<RunTask, Out>(TASKS, MODULE, 'runTask', { threads: 1 });
    const two = await parallelMap<RunTask, Out>(TASKS, MODULE, 'runTask', { threads: 2 });
    expect(one).toHaveLength(TASKS.length);
    expect(two).toHaveLength(TASKS.length);
    TASKS.forEach((_, i) => {
      expect(same(one[i] as Out, inProcess[i] as Out)).toBe(true);
      expect(same(two[i] as Out, inProcess[i] as Out)).toBe(true);
    });
    // the tasks differ, so the order is checked too
    expect(new Set(inProcess.map((r) => r.theta[0])).size).toBe(TASKS.length);
    expect(await parallelMap([], MODULE, 'runTask')).toEqual([]);
  });

  it('a task that throws rejects with one error naming the task, the function and the module, with its message', async () => {
    const tasks = [...TASKS.slice(0, 3), { seed: 'bad', m: 2, d: 2, steps: 1 }, TASKS[4] as RunTask];
    expect(() => failOn(tasks[3] as RunTask)).toThrow(RangeError);
    const err = await parallelMap(tasks, MODULE, 'failOn', { threads: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ParallelTaskError);
    const e = err as ParallelTaskError;
    expect(e.taskIndex).toBe(3);
    expect(e.message).toContain('task 3 failed in failOn()');
    expect(e.message).toContain('parallelTasks.ts');
    expect(e.message).toContain('no run for seed bad');
    expect(e.message).toContain('"seed":"bad"');
  });

  it('refuses a missing function, a non-file module and a bad thread count', async () => {
    await expect(parallelMap(TASKS.slice(0, 1), MODULE, 'noSuchFunction', { threads: 1 })).rejects.toThrow(/task 0 failed in noSuchFunction\(\).*exports no function noSuchFunction/s);
    await expect(parallelMap(TASKS, 'https://example.org/x.js', 'runTask')).rejects.toThrow(/file: URL/);
    await expect(parallelMap(TASKS, MODULE, 'runTask', { threads: 0 })).rejects.toThrow(/positive integer/);
  });
});
