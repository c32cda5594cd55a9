import { expect, it } from 'vitest';
import { FAMILY_SIZE_FROM_REGISTRY as FAMILY_SIZE } from './family.js';
import { configFromEnv } from './config.js';
import { makeContext, type ClaimContext } from './context.js';
import { replayCommand } from './search.js';
import type { ClaimOutcome, ClaimRecord, ClaimRun } from './types.js';

declare module '@vitest/runner' {
  interface TaskMeta {
    claimRun?: ClaimRun;
  }
}

const TIMEOUT_MS = { quick: 300_000, paper: 3_600_000 } as const;

/** Every number in the evidence must be finite: a NaN in a report is a defect (divergence is reported as an outcome). */
function assertFinite(value: unknown, where: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${where} is ${value}: report a divergence or an undefined value as a string, never as NaN/Infinity`);
  if (Array.isArray(value)) value.forEach((v, i) => assertFinite(v, `${where}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertFinite(v, `${where}.${k}`);
}

/** Computes a claim's verdict and evidence (fast-check's `check`: never throws for a failing claim). */
export async function checkClaim<D>(record: ClaimRecord<D>, check: (ctx: ClaimContext<D>) => ClaimOutcome | Promise<ClaimOutcome>): Promise<ClaimRun> {
  const config = configFromEnv();
  const ctx = makeContext(record, config, FAMILY_SIZE);
  const t0 = performance.now();
  const outcome = await check(ctx);
  const run: ClaimRun = {
    ...outcome,
    id: record.id,
    title: record.title,
    sources: record.sources,
    kind: record.kind,
    quote: record.quote,
    checks: record.checks,
    uses: record.uses,
    thresholds: record.thresholds,
    domain: ctx.domain,
    tier: ctx.tier,
    seed: ctx.seed,
    alpha: ctx.alpha,
    expected: record.expected,
    replay: outcome.counterexample?.replay ?? replayCommand(record.id, config, 'main', '0').replace(/ --search main --path 0$/, ''),
    seconds: Math.round((performance.now() - t0) / 10) / 100,
  };
  assertFinite({ evidence: run.evidence, tables: run.tables ?? {} }, record.id);
  return run;
}

/**
 * Registers a claim as a vitest test (fast-check's `assert`): in audit mode a verdict other than
 * "holds" fails the test; in conformance mode (`npm test`) the verdict must equal the reviewed expectation.
 * The ClaimRun travels to the reporter in task.meta.
 */
export function claimTest<D>(record: ClaimRecord<D>, check: (ctx: ClaimContext<D>) => ClaimOutcome | Promise<ClaimOutcome>): void {
  const tier = configFromEnv().tier;
  it(record.id, { timeout: TIMEOUT_MS[tier] }, async ({ task }) => {
    const run = await checkClaim(record, check);
    task.meta.claimRun = run;
    const cfg = configFromEnv();
    const cx = run.counterexample ? `\ncounterexample: ${run.counterexample.message}\nreplay: ${run.counterexample.replay}` : '';
    if (cfg.mode === 'audit') expect(run.verdict, `${record.id}: ${run.summary}${cx}`).toBe('holds');
    else expect(run.verdict, `${record.id}: ${run.summary}${cx}\nreviewed expectation: ${record.expected.reason}`).toBe(record.expected.verdict);
  });
}
