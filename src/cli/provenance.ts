import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendFromEnv } from '../cifar/backend.js';
import { describeFcEngine, fcEngineFromEnv } from '../cifar/fcEngine.js';
import type { Provenance } from '../report/schema.js';
import type { Tier } from '../verdict/types.js';

/** The repository root (this file is src/cli/provenance.ts). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function git(args: string[], cwd = ROOT, trim = true): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return trim ? out.trim() : out;
  } catch {
    return undefined;
  }
}

/**
 * The installed version of each dependency named in package.json (what actually ran, not the range), read from
 * node_modules/<name>/package.json on disk: `require.resolve('<name>/package.json')` fails for packages whose
 * `exports` do not list it (commander, ml-matrix, vega, vega-lite).
 */
export function packageVersions(root = ROOT): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const out: Record<string, string> = {};
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).sort()) {
    try {
      const v = (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version?: unknown }).version;
      out[name] = typeof v === 'string' ? v : 'not installed';
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

/**
 * The paths with uncommitted changes that make a report uncitable: every change to a tracked file and every untracked
 * file git does not ignore, except under reports/ (the report being regenerated).
 */
export function uncommittedChanges(root = ROOT): string[] | undefined {
  const out = git(['status', '--porcelain', '-z', '--untracked-files=all', '--', '.', ':(exclude)reports'], root, false);
  if (out === undefined) return undefined;
  return out
    .split('\0')
    .filter((l) => /^[ MADRCU?!]{2} /.test(l))
    .map((l) => l.slice(3));
}

/** What computed the numbers: the synthetic engine, the FC network of Figures 3 and 5 (AUDIT_CIFAR_ENGINE), the CNN of Figure 1 (AUDIT_BACKEND). */
export function backendLine(env: NodeJS.ProcessEnv = process.env): string {
  const tf = backendFromEnv(env);
  return `theory and synthetic claims: ml-matrix / Float64Array (CPU, float64); CIFAR-10 Figures 3 and 5: ${describeFcEngine(fcEngineFromEnv(env), tf)} (AUDIT_CIFAR_ENGINE); Figure 1 (CNN): TensorFlow.js ${tf} backend (float32; AUDIT_BACKEND)`;
}

export function provenance(tier: Tier, seed: number, claimsRequested: string[], now: Date = new Date()): Provenance {
  return {
    commit: git(['rev-parse', 'HEAD']) ?? 'unknown (not a git checkout)',
    dirty: (uncommittedChanges() ?? []).length > 0,
    date: now.toISOString(),
    tier,
    seed,
    node: process.version,
    packages: packageVersions(),
    backend: backendLine(),
    claimsRequested,
  };
}
