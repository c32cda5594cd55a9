import { expect, it } from 'vitest';
import { FAMILY_SIZE_FROM_REGISTRY as FAMILY_SIZE } from './family.js';
import { configFromEnv } from './config.js';
import { makeContext, searchesRun, type ClaimContext } from './context.js';
import { ReplayFinished, replayCommand, type ReplayOutcome } from './search.js';
import type { ClaimOutcome, ClaimRecord, ClaimRun } from './types.js';

/** What a replay left: what the path led to, or that the claim ran no search of that name (and the searches it ran). */
export type ReplayMeta = ReplayOutcome | { claim: string; search: string; path: string; status: 'no-such-search'; searches: string[]; message: string };

declare module '@vitest/runner' {
  interface TaskMeta {
    claimRun?: ClaimRun;
    replay?: ReplayMeta;
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
  return (await checkOrReplay(record, check)).run as ClaimRun;
}

/** As checkClaim; in a replay (`--search NAME --path P`), what the replayed search found instead of a run. */
async function checkOrReplay<D>(record: ClaimRecord<D>, check: (ctx: ClaimContext<D>) => ClaimOutcome | Promise<ClaimOutcome>): Promise<{ run?: ClaimRun; replay?: ReplayMeta }> {
  const config = configFromEnv();
  const ctx = makeContext(record, config, FAMILY_SIZE);
  const t0 = performance.now();
  let outcome: ClaimOutcome;
  try {
    outcome = await check(ctx);
  } catch (e) {
    if (e instanceof ReplayFinished) return { replay: e.outcome };
    throw e;
  }
  if (config.replay !== undefined) {
    const { search, path } = config.replay;
    const searches = [...searchesRun(ctx)];
    return { replay: { claim: record.id, search, path, status: 'no-such-search', searches, message: `${record.id} has no search named ${JSON.stringify(search)}; its searches: ${searches.join(', ') || 'none'}` } };
  }
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
  return { run };
}

/**
 * Registers a claim as a vitest test (fast-check's `assert`). In audit mode the verdict is a finding, not a test
 * failure: the test passes with the ClaimRun in task.meta (the audit's console prints it as a verdict line), and fails
 * only when the check itself crashed. In conformance mode (`npm test`) the verdict must equal the reviewed expectation.
 * A replay leaves what it found in task.meta.replay.
 */
export function claimTest<D>(record: ClaimRecord<D>, check: (ctx: ClaimContext<D>) => ClaimOutcome | Promise<ClaimOutcome>): void {
  const tier = configFromEnv().tier;
  it(record.id, { timeout: TIMEOUT_MS[tier] }, async ({ task }) => {
    const { run, replay } = await checkOrReplay(record, check);
    if (replay) {
      task.meta.replay = replay;
      return;
    }
    const r = run as ClaimRun;
    task.meta.claimRun = r;
    const cfg = configFromEnv();
    if (cfg.mode === 'audit') return;
    const cx = r.counterexample ? `\ncounterexample: ${r.counterexample.message}\nreplay: ${r.counterexample.replay}` : '';
    expect(r.verdict, `${record.id}: ${r.summary}${cx}\nreviewed expectation: ${record.expected.reason}`).toBe(record.expected.verdict);
  });
}
