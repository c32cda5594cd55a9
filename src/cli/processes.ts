import { readdirSync, readFileSync } from 'node:fs';

/** The pids of every process below `pid`, read from /proc (empty where there is no /proc). */
export function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const d of entries) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [c, pp] of parent) {
      if (pp === p) {
        out.push(c);
        walk(c);
      }
    }
  };
  walk(pid);
  return out;
}

/** Ends every process below this one (the vitest workers, busy in a claim's loop, would not notice a closed channel). */
export function killDescendants(signal: NodeJS.Signals = 'SIGKILL'): number[] {
  const pids = descendants(process.pid);
  for (const p of pids) {
    try {
      process.kill(p, signal);
    } catch {
      // already gone
    }
  }
  return pids;
}
