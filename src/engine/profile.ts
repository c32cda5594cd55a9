import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * An opt-in profile of where a process spends its simulation time, for `npm run bench -- --profile`.
 *
 * With ENGINE_PROFILE_DIR set, the Stepper and the reduced simulator time each step and add it to a
 * slot named after the run (rule, width m, dimension d, batch); the slots are written as JSON to
 * `<dir>/<pid>-<thread>.json` every second of recorded time and at exit, so a run stopped by a time cap
 * still leaves its profile. Without the variable nothing is timed (one `undefined` check per step).
 * Timing never enters a computed value: the profile only reads the clock.
 */

export interface ProfileSlot {
  steps: number;
  ms: number;
}

const dir = typeof process !== 'undefined' ? process.env['ENGINE_PROFILE_DIR'] : undefined;
/** whether this process profiles (ENGINE_PROFILE_DIR set) */
export const PROFILING = dir !== undefined && dir !== '';
const slots = new Map<string, ProfileSlot>();
let flushedMs = 0;
let totalMs = 0;

function flush(): void {
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    // written whole, then renamed: a reader never sees half a file
    const file = join(dir, `${process.pid}-${threadId}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(slots)));
    renameSync(`${file}.tmp`, file);
  } catch {
    // a profile that cannot be written is lost; the run goes on
  }
  flushedMs = totalMs;
}

if (PROFILING) process.on('exit', flush);

/** The slot named `key` when profiling (ENGINE_PROFILE_DIR set), else undefined. */
export function profileSlot(key: string): ProfileSlot | undefined {
  if (!PROFILING) return undefined;
  let s = slots.get(key);
  if (!s) {
    s = { steps: 0, ms: 0 };
    slots.set(key, s);
  }
  return s;
}

/** Adds `steps` steps (default one) of `ms` milliseconds to the slot (flushing to disk after each second of recorded time). */
export function profileAdd(slot: ProfileSlot, ms: number, steps = 1): void {
  slot.steps += steps;
  slot.ms += ms;
  totalMs += ms;
  if (totalMs - flushedMs > 1000) flush();
}
