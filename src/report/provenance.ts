import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { backendFromEnv } from '../cifar/backend.js';
import type { Tier } from '../verdict/types.js';
import type { Provenance } from './schema.js';

const require = createRequire(import.meta.url);

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The installed version of each dependency named in package.json (what actually ran, not the range). */
export function packageVersions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const out: Record<string, string> = {};
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort()) {
    try {
      const p = require.resolve(`${name}/package.json`);
      out[name] = (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

export function provenance(tier: Tier, seed: number, claimsRequested: string[], now: Date = new Date()): Provenance {
  return {
    commit: git(['rev-parse', 'HEAD']) ?? 'unknown (not a git checkout)',
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    date: now.toISOString(),
    tier,
    seed,
    node: process.version,
    packages: packageVersions(),
    backend: `theory and synthetic claims: ml-matrix / Float64Array (CPU, float64); CIFAR-10 claims: TensorFlow.js ${backendFromEnv()} backend (float32; AUDIT_BACKEND)`,
    claimsRequested,
  };
}
