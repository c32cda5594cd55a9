import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

/** The environment of a child audit: none of this test run's AUDIT_* settings, no colour forced either way. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('AUDIT_') || k === 'FORCE_COLOR' || k === 'NO_COLOR' || k.startsWith('VITEST')) delete env[k];
  return { ...env, ...extra };
}

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

/** Runs a CLI script under tsx with stdout and stderr piped (not a terminal). */
export function runCli(script: string, args: string[], env: NodeJS.ProcessEnv = {}, timeout = 300_000): Ran {
  const r = spawnSync(TSX, [script, ...args], { encoding: 'utf8', env: cleanEnv(env), timeout });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
