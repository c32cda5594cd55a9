import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import type { ClaimsReport } from '../../src/report/schema.js';
import { cleanEnv, TSX, type Ran } from './helpers.js';

/**
 * ONE small audit shared by the end-to-end tests of one `npm test` run (desk, shard, determinism, vitest-audit), instead
 * of one audit each: the first test that asks runs it, the others wait for its result. The folder is made per run by
 * test/cli/referenceAudit.setup.ts (a vitest globalSetup, which also removes it) and reaches the test files through
 * `provide`/`inject`; run alone (`npx vitest run test/cli/desk.test.ts`), a file still gets the audit, run once. A test
 * starts it first (without waiting), runs its own audits, then awaits it, so that no worker idles while it runs.
 *
 * The claims: the fast-check searches with a shrunk counterexample (eq-3.theta-step, an erratum, and eq-15-16.sgd-step,
 * holds), label-noise SGD in the WebAssembly kernel (eq-41.norm-identity: streams data, init, sampling, noise), the
 * reduced simulator beside full SGD at m = 1024 (lemma-c2.a-bound: init/reduced) and full-batch training with an
 * oscillated second layer (experiment.oscillation): about 5 s of claims at the quick tier. Not in it: the lazy premise states
 * of Lemma 3 (15 s a claim) and the CIFAR claims. Sorted as `npx vitest run --project audit` lists file filters.
 */
export const REFERENCE_CLAIMS = ['eq-15-16.sgd-step', 'eq-3.theta-step', 'eq-41.norm-identity', 'experiment.oscillation', 'lemma-c2.a-bound'] as const;

/** Not the default seed, so that a test comparing with the reference shows the seed it was given was read. */
export const REFERENCE_SEED = 11;

/** The arguments every audit of the reference claims shares (the reference itself adds --workers 1 and --strict). */
export const REFERENCE_CLAIM_ARGS = [...REFERENCE_CLAIMS.flatMap((id) => ['--claim', id]), '--seed', String(REFERENCE_SEED)];

/** The reference: one worker (the determinism test's first side), --strict (an erratum among the claims: exit 1), progress on stderr. */
export const REFERENCE_ARGS = [...REFERENCE_CLAIM_ARGS, '--workers', '1', '--strict'];
export const REFERENCE_ENV = { AUDIT_PROGRESS: '1', AUDIT_PROGRESS_QUIET: '0' };
const LIMIT_MS = 480_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** the folder of this run's reference audit (test/cli/referenceAudit.setup.ts) */
    referenceAuditDir: string;
  }
}

export interface Reference extends Ran {
  /** the report folder (claims.json, REPORT.md, claims/, figures/) */
  dir: string;
  args: readonly string[];
}

/** Starts the audit; stdout and stderr go to files (no pipe to drain while the test that started it blocks in spawnSync). */
function start(root: string, outDir: string): void {
  const out = openSync(join(root, 'stdout'), 'w');
  const err = openSync(join(root, 'stderr'), 'w');
  const p = spawn(TSX, ['src/cli/audit.ts', ...REFERENCE_ARGS, '--out', outDir], { env: cleanEnv(REFERENCE_ENV), timeout: LIMIT_MS, stdio: ['ignore', out, err] });
  const finish = (code: number | null, why = ''): void => {
    closeSync(out);
    closeSync(err);
    writeFileSync(join(root, 'code.tmp'), JSON.stringify({ code, why }));
    renameSync(join(root, 'code.tmp'), join(root, 'code.json'));
  };
  p.on('error', (e) => finish(null, String(e)));
  p.on('close', (code, signal) => finish(code, signal ? `killed by ${signal}` : ''));
}

let mine: Promise<Reference> | undefined;

/**
 * The shared audit's result. The first call of the run starts it (a folder made with mkdir is the lock) and every call
 * waits for it: call it early, do the test's own audits, then await it.
 */
export function referenceAudit(): Promise<Reference> {
  mine ??= (async () => {
    const root = inject('referenceAuditDir');
    const dir = join(root, 'report');
    let first = true;
    try {
      mkdirSync(join(root, 'started'));
    } catch {
      first = false;
    }
    if (first) start(root, dir);
    const done = join(root, 'code.json');
    for (let waited = 0; !existsSync(done); waited += 250) {
      if (waited > LIMIT_MS + 10_000) throw new Error(`the reference audit in ${root} gave no result within ${LIMIT_MS / 1000} s (the test that started it failed?)`);
      await sleep(250);
    }
    const { code, why } = JSON.parse(readFileSync(done, 'utf8')) as { code: number | null; why: string };
    const err = readFileSync(join(root, 'stderr'), 'utf8');
    return { code, out: readFileSync(join(root, 'stdout'), 'utf8'), err: why ? `${err}\n${why}` : err, dir, args: REFERENCE_ARGS };
  })();
  return mine;
}

/** A claims.json with its run-dependent fields blanked (provenance.date, each claim's seconds). */
export function withoutRunFields(file: string): ClaimsReport {
  const r = JSON.parse(readFileSync(file, 'utf8')) as ClaimsReport;
  r.provenance.date = '(run-dependent)';
  for (const c of r.claims) c.seconds = 0;
  return r;
}
