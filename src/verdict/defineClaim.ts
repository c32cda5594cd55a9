import { expect, it } from 'vitest';
import { configFromEnv } from './config.js';
import type { ReplayMeta } from './replay.js';
import { makeContext, searchesRun, type ClaimContext } from './context.js';
import { decisionEvidence, type Decision } from './checks/decision.js';
import { monitorObservations, type PremiseMonitor } from './monitor.js';
import { ReplayFinished, replayCommand } from './search.js';
import type { ClaimRecord, ClaimRun, Counterexample, Evidence, Exploration, FigureSpec, HypothesisReport, RateComparison, StatementParams, TwinResult } from './types.js';

/**
 * A claim's property as a declaration (docs/ARCHITECTURE.md, "Adding a claim"): measure once with a scenario, decide
 * with a declared rule on the statement's parameters, describe the evidence. The same decide runs on each false twin
 * (record.twins) over the same measurements, so falsifiability costs no extra simulation.
 */
export interface ClaimSpec<D, S extends StatementParams, M> {
  /** runs the scenario(s): every random draw through ctx.rng / ctx.runSeed; runs that enter other claims' premises go to ctx.observe */
  measure(ctx: ClaimContext<D>): M | Promise<M>;
  /**
   * the verdict by the claim's declared rule, for the statement parameters s (the record's, or a twin's); `variant` is
   * 'statement' or the twin's id (name a twin's searches after it, so that a replay of the statement's search is never
   * taken for a twin's)
   */
  decide(m: M, s: S, ctx: ClaimContext<D>, variant: string): Decision;
  /** the evidence behind the decision */
  describe(m: M, decision: Decision, ctx: ClaimContext<D>): ClaimReport;
}

/** What a claim reports beside its decision. */
export interface ClaimReport {
  evidence: Evidence;
  hypotheses: HypothesisReport[];
  cases: number;
  /** one line; defaults to the decision's deciding sentence */
  summary?: string;
  explorations?: Exploration[];
  tables?: Record<string, Record<string, number | string>[]>;
  figures?: FigureSpec[];
  /** measured vs claimed rate of every bound (the decision's own rate is added) */
  rates?: RateComparison[];
}

/** The glue a property folder provides: the suite's family size and the premise monitors. */
export interface ClaimSuite {
  familySize: number;
  monitors: readonly PremiseMonitor[];
}

/** Every number a run reports must be finite: a NaN in a report is a defect (a divergence is reported as a string). */
export function finiteOrThrow(value: unknown, where: string): void {
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${where} is ${value}: report a divergence or an undefined value as a string, never as NaN/Infinity`);
  if (Array.isArray(value)) value.forEach((v, i) => finiteOrThrow(v, `${where}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) finiteOrThrow(v, `${where}.${k}`);
}

function counterexampleOf(d: Decision): Counterexample | undefined {
  if (d.verdict === 'fails') return d.counterexample;
  if (d.verdict === 'erratum') return d.printed.counterexample;
  return undefined;
}

function rateOf(d: Decision): RateComparison | undefined {
  return d.verdict === 'holds' || d.verdict === 'fails' || d.verdict === 'inconclusive' ? d.rate : undefined;
}

/** Computes a declared claim's run (fast-check's `check`: never throws for a failing claim). */
export async function checkDefinedClaim<D, S extends StatementParams, M>(record: ClaimRecord<D, S>, spec: ClaimSpec<D, S, M>, suite: ClaimSuite): Promise<ClaimRun> {
  const r = await checkOrReplayDefined(record, spec, suite);
  if (!r.run) throw new Error(`${record.id}: a replay (${r.replay?.message ?? ''}) gives no claim run`);
  return r.run;
}

/** As checkDefinedClaim; in a replay (`--search NAME --path P`), what the replayed search found instead of a run. */
export async function checkOrReplayDefined<D, S extends StatementParams, M>(record: ClaimRecord<D, S>, spec: ClaimSpec<D, S, M>, suite: ClaimSuite): Promise<{ run?: ClaimRun; replay?: ReplayMeta }> {
  try {
    return { run: await runDefined(record, spec, suite) };
  } catch (e) {
    if (e instanceof ReplayFinished) return { replay: e.outcome };
    if (e instanceof NoSuchSearch) return { replay: e.meta };
    throw e;
  }
}

class NoSuchSearch extends Error {
  constructor(readonly meta: ReplayMeta) {
    super(meta.message);
  }
}

async function runDefined<D, S extends StatementParams, M>(record: ClaimRecord<D, S>, spec: ClaimSpec<D, S, M>, suite: ClaimSuite): Promise<ClaimRun> {
  if (!record.statement || !record.rule || !record.twins || record.twins.length === 0) throw new Error(`${record.id}: a declared claim needs rule, statement and at least one false twin in its record`);
  const config = configFromEnv();
  const ctx = makeContext<D>(record, config, suite.familySize);
  const t0 = performance.now();
  const m = await spec.measure(ctx);
  const decision = spec.decide(m, record.statement, ctx, 'statement');
  if (config.replay !== undefined) {
    // the replayed search ends the claim by throwing ReplayFinished; reaching here means no search had that name
    const { search, path } = config.replay;
    const searches = [...searchesRun(ctx)];
    throw new NoSuchSearch({ claim: record.id, search, path, status: 'no-such-search', searches, message: `${record.id} has no search named ${JSON.stringify(search)}; its searches: ${searches.join(', ') || 'none'}` });
  }
  if (decision.rule !== record.rule) throw new Error(`${record.id}: decided by rule ${decision.rule} but the record declares ${record.rule}`);
  const twins: TwinResult[] = record.twins.map((t) => {
    const d = spec.decide(m, { ...record.statement, ...t.statement } as S, ctx, t.id);
    return { id: t.id, change: t.change, verdict: d.verdict, because: d.because, rejected: d.verdict === 'fails' };
  });
  const rep = spec.describe(m, decision, ctx);
  const { contradictions, tallies } = monitorObservations(record.id, ctx.observations, suite.monitors);
  const own = rateOf(decision);
  const rates = [...(own ? [own] : []), ...(rep.rates ?? [])];
  const cx = counterexampleOf(decision);
  const run: ClaimRun = {
    verdict: decision.verdict,
    summary: rep.summary ?? decision.because,
    evidence: { ...decisionEvidence(decision), ...rep.evidence },
    hypotheses: rep.hypotheses,
    cases: rep.cases,
    ...(cx ? { counterexample: cx } : {}),
    ...(rep.explorations ? { explorations: rep.explorations } : {}),
    ...(rep.tables ? { tables: rep.tables } : {}),
    ...(rep.figures ? { figures: rep.figures } : {}),
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
    replay: cx?.replay ?? replayCommand(record.id, config, 'main', '0').replace(/ --search main --path 0$/, ''),
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    rule: decision.rule,
    because: decision.because,
    twins,
    rates,
    contradictions,
    ...(tallies.length > 0 ? { monitorTallies: tallies } : {}),
    ...(record.combine ? { combine: record.combine } : {}),
  };
  finiteOrThrow({ evidence: run.evidence, tables: run.tables ?? {}, rates: run.rates ?? [] }, record.id);
  return run;
}

const TIMEOUT_MS = { quick: 300_000, paper: 3_600_000 } as const;

/**
 * Registers a declared claim as a vitest test. Conformance mode (`npm test`): the verdict must equal the reviewed
 * expectation AND every false twin must be rejected (a check that cannot reject its twin cannot support its holds).
 * Audit mode: the verdict is a finding; the run travels to the reporter in task.meta (a replay leaves task.meta.replay).
 */
export function defineClaim<D, S extends StatementParams, M>(record: ClaimRecord<D, S>, spec: ClaimSpec<D, S, M>, suite: ClaimSuite): void {
  const tier = configFromEnv().tier;
  it(record.id, { timeout: TIMEOUT_MS[tier] }, async ({ task }) => {
    const { run: r, replay } = await checkOrReplayDefined(record, spec, suite);
    if (replay) {
      task.meta.replay = replay;
      return;
    }
    const run = r as ClaimRun;
    task.meta.claimRun = run;
    const cfg = configFromEnv();
    // audit mode: the verdict is a finding, not a test failure (the console prints it); only a crash fails the test
    if (cfg.mode === 'audit') return;
    const cx = run.counterexample ? `\ncounterexample: ${run.counterexample.message}\nreplay: ${run.counterexample.replay}` : '';
    const kept = (run.twins ?? []).filter((t) => !t.rejected);
    expect(kept.map((t) => `${t.id} (${t.change}): ${t.verdict}: ${t.because}`), `${record.id}: false twins the check did not reject`).toEqual([]);
    expect(run.verdict, `${record.id}: ${run.summary}${cx}\nreviewed expectation: ${record.expected.reason}`).toBe(record.expected.verdict);
  });
}
