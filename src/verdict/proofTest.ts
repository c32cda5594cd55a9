import { expect, it } from 'vitest';
import { configFromEnv, type AuditConfig } from './config.js';
import { makeContext, type ClaimContext } from './context.js';
import { finiteOrThrow } from './defineClaim.js';
import { decisionEvidence, type Decision } from './checks/decision.js';
import type { ReplayMeta } from './replay.js';
import { gridSearch as searchGrid, ReplayFinished, replayCommand, type CaseResult, type ReplayOutcome, type SearchOutcome } from './search.js';
import type { ClaimKind, ClaimRecord, ClaimRun, Counterexample, Evidence, ProofRecord, ProofStepRecord, StatementParams, Threshold, TwinRecord, TwinResult, Verdict } from './types.js';

/**
 * A proof step as a claim of its own (issue #11): the step's record lives in theorems/proofs/, its property in
 * properties/proofs/proof-<label>.prop.test.ts declares how the step is measured and decided by the step's declared
 * rule, with at least one false twin, as defineClaim does for statements. The run carries `proofOf` (the proof id),
 * so src/verdict/proofStatus.ts can fold the steps into the statement's proof status.
 */
export interface ProofStepSpec<S extends StatementParams, M> {
  /** what the property computes, in words (the run's `checks`) */
  checks: string;
  /** the step's parameters as printed (what the twins change) */
  statement: S;
  /** the step with a constant, exponent or direction changed so that it is false where tested; the check must reject each */
  twins: readonly TwinRecord<S>[];
  /** the reviewed verdict (conformance mode), with the reason */
  expected: { verdict: Verdict; reason: string };
  /** every number that decides the verdict (tolerances), with why */
  thresholds?: Readonly<Record<string, Threshold>>;
  measure(ctx: ClaimContext<Record<string, never>>): M;
  decide(m: M, s: S, ctx: ClaimContext<Record<string, never>>): Decision;
  /** the numbers behind the decision (finite numbers and strings only) */
  evidence?(m: M, d: Decision): Evidence;
  /** how many cases were evaluated */
  cases(m: M): number;
}

const KIND: Record<ProofStepRecord['kind'], ClaimKind> = {
  equality: 'identity',
  inequality: 'identity',
  definition: 'identity',
  citation: 'identity',
  'union-bound': 'probabilistic',
  'probability-bound': 'probabilistic',
  independence: 'probabilistic',
  distribution: 'probabilistic',
  order: 'asymptotic',
};

/** The step of `proof` with id `stepId`; throws unless it exists and is declared evaluable. */
export function evaluableStep(proof: ProofRecord, stepId: string): ProofStepRecord & { evaluable: { rule: NonNullable<ClaimRun['rule']> } } {
  const step = proof.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`${proof.id} has no step ${stepId}`);
  if (!('rule' in step.evaluable)) throw new Error(`${stepId} is declared not evaluable (${step.evaluable.reason})`);
  return step as ProofStepRecord & { evaluable: { rule: NonNullable<ClaimRun['rule']> } };
}

/** What a run is computed for: a proof step (with its proof) or a coverage entry (theorems/proofs/coverage-extra.ts). */
export interface EvaluableTarget {
  id: string;
  quote: string;
  asserts: string;
  kind: ClaimKind;
  sources: ProofRecord['sources'];
  uses: readonly string[];
  rule: NonNullable<ClaimRun['rule']>;
  /** the proof id, for a proof step */
  proofOf?: string;
}

function targetRecord<S extends StatementParams>(t: EvaluableTarget, spec: ProofStepSpec<S, unknown>): ClaimRecord<Record<string, never>, S> {
  return {
    id: t.id,
    title: t.asserts,
    quote: t.quote,
    sources: t.sources,
    kind: t.kind,
    hypotheses: [],
    uses: t.uses,
    checks: spec.checks,
    domain: { quick: {}, paper: {} },
    thresholds: spec.thresholds ?? {},
    tests: 0,
    expected: spec.expected,
    statement: spec.statement,
    twins: spec.twins,
  };
}

/** Computes the run of a proof step or a coverage entry (never throws for a failing one). */
export function checkEvaluable<S extends StatementParams, M>(target: EvaluableTarget, spec: ProofStepSpec<S, M>, familySize: number, config: AuditConfig = configFromEnv()): ClaimRun {
  if (spec.twins.length === 0) throw new Error(`${target.id}: at least one false twin is needed`);
  const record = targetRecord(target, spec as ProofStepSpec<S, unknown>);
  const ctx = makeContext<Record<string, never>>(record, config, familySize);
  const t0 = performance.now();
  const m = spec.measure(ctx);
  const decision = spec.decide(m, spec.statement, ctx);
  if (decision.rule !== target.rule) throw new Error(`${target.id}: decided by rule ${decision.rule} but the catalogue declares ${target.rule}`);
  const twins: TwinResult[] = spec.twins.map((t) => {
    const d = spec.decide(m, { ...spec.statement, ...t.statement } as S, ctx);
    return { id: t.id, change: t.change, verdict: d.verdict, because: d.because, rejected: d.verdict === 'fails' };
  });
  const cx: Counterexample | undefined = decision.verdict === 'fails' ? decision.counterexample : decision.verdict === 'erratum' ? decision.printed.counterexample : undefined;
  const evidence: Evidence = { ...decisionEvidence(decision), ...(spec.evidence ? spec.evidence(m, decision) : {}) };
  const run: ClaimRun = {
    verdict: decision.verdict,
    summary: decision.because,
    evidence,
    hypotheses: [],
    cases: spec.cases(m),
    ...(cx ? { counterexample: cx } : {}),
    id: target.id,
    title: record.title,
    sources: target.sources,
    kind: target.kind,
    quote: target.quote,
    checks: spec.checks,
    uses: target.uses,
    thresholds: record.thresholds,
    domain: {},
    tier: ctx.tier,
    seed: ctx.seed,
    alpha: ctx.alpha,
    expected: spec.expected,
    replay: cx?.replay ?? `npm run audit -- --claim ${target.id} --tier ${ctx.tier} --seed ${ctx.seed}`,
    seconds: Math.round((performance.now() - t0) / 10) / 100,
    rule: decision.rule,
    because: decision.because,
    twins,
    ...(target.proofOf ? { proofOf: target.proofOf } : {}),
  };
  finiteOrThrow(run.evidence, target.id);
  return run;
}

/** Computes the run of one proof step (never throws for a failing step). */
export function checkProofStep<S extends StatementParams, M>(proof: ProofRecord, stepId: string, spec: ProofStepSpec<S, M>, familySize: number, config: AuditConfig = configFromEnv()): ClaimRun {
  const step = evaluableStep(proof, stepId);
  return checkEvaluable({ id: step.id, quote: step.quote, asserts: step.asserts, kind: KIND[step.kind], sources: proof.sources, uses: step.uses, rule: step.evaluable.rule, proofOf: proof.id }, spec, familySize, config);
}

/** The grid searches the current step ran, in order (a replay naming another search lists them). Steps run one at a time. */
const searched: string[] = [];

/** What path `path` (a grid index) of a grid search leads to: the counterexample, a case that holds, or no case. */
function replayGrid<T>(stepId: string, config: Pick<AuditConfig, 'tier' | 'seed'>, name: string, grid: readonly T[], check: (c: T) => CaseResult, path: string): ReplayOutcome {
  const base = { claim: stepId, search: name, path };
  const i = /^\d+$/.test(path) ? Number(path) : -1;
  if (i < 0 || i >= grid.length) return { ...base, status: 'no-such-path', message: `path ${path} does not lead to a case of search "${name}" of ${stepId} (a grid of ${grid.length} cases: paths 0 to ${grid.length - 1})` };
  const c = grid[i] as T;
  const r = check(c);
  const json = JSON.parse(JSON.stringify(c)) as unknown;
  if (!r.violated) return { ...base, status: 'not-violated', case: json, margin: r.margin, message: `path ${path} of search "${name}" of ${stepId} leads to a case that does not violate the step (margin ${r.margin}): ${r.message}` };
  const counterexample: Counterexample = { search: name, fcSeed: 0, path, numShrinks: 0, case: json, message: r.message, replay: replayCommand(stepId, config, name, path), margin: r.margin };
  return { ...base, status: 'reproduced', counterexample, message: r.message };
}

/**
 * A proof step's search over a declared grid (every case is checked; the path of a counterexample is its index). In a
 * replay (`--claim <step> --search NAME --path P`) the search named NAME evaluates case P alone and ends the step;
 * the step's other searches check nothing.
 */
export function gridSearch<T>(stepId: string, config: Pick<AuditConfig, 'tier' | 'seed' | 'replay'>, name: string, grid: readonly T[], check: (c: T) => CaseResult): SearchOutcome<T> {
  if (!searched.includes(name)) searched.push(name);
  const replay = config.replay;
  if (replay === undefined) return searchGrid(stepId, config, name, grid, check);
  if (replay.search !== name) return { cases: 0 };
  throw new ReplayFinished(replayGrid(stepId, config, name, grid, check, replay.path));
}

/** The run, or in a replay what the replayed search found (a replay names a search the step must have run). */
function runOrReplay(id: string, run: () => ClaimRun): { run?: ClaimRun; replay?: ReplayMeta } {
  searched.length = 0;
  const replay = configFromEnv().replay;
  try {
    const r = run();
    if (replay === undefined) return { run: r };
    const searches = [...searched];
    return { replay: { claim: id, search: replay.search, path: replay.path, status: 'no-such-search', searches, message: `${id} has no search named ${JSON.stringify(replay.search)}; its searches: ${searches.join(', ') || 'none'}` } };
  } catch (e) {
    if (e instanceof ReplayFinished) return { replay: e.outcome };
    throw e;
  }
}

function register(id: string, run: () => ClaimRun, expected: ProofStepSpec<StatementParams, unknown>['expected']): void {
  it(id, { timeout: 120_000 }, ({ task }) => {
    const out = runOrReplay(id, run);
    if (out.replay) {
      task.meta.replay = out.replay;
      return;
    }
    const r = out.run as ClaimRun;
    task.meta.claimRun = r;
    const cx = r.counterexample ? `\ncounterexample: ${r.counterexample.message}` : '';
    if (configFromEnv().mode === 'audit') {
      expect(r.verdict, `${id}: ${r.summary}${cx}`).toBe('holds');
      return;
    }
    const kept = (r.twins ?? []).filter((t) => !t.rejected);
    expect(kept.map((t) => `${t.id} (${t.change}): ${t.verdict}: ${t.because}`), `${id}: false twins the check did not reject`).toEqual([]);
    expect(r.verdict, `${id}: ${r.summary}${cx}\nreviewed expectation: ${expected.reason}`).toBe(expected.verdict);
  });
}

/**
 * Registers one proof step as a vitest test (one test per step, named by the step id). Conformance mode: the verdict
 * must equal the reviewed expectation and every false twin must be rejected. Audit mode: a step that does not hold
 * fails its test. The run travels to the reporter in task.meta.claimRun, with `proofOf` set.
 */
export function proofStep<S extends StatementParams, M>(proof: ProofRecord, stepId: string, spec: ProofStepSpec<S, M>, familySize: number): void {
  register(stepId, () => checkProofStep(proof, stepId, spec, familySize), spec.expected);
}

/** The same for a coverage entry (theorems/proofs/coverage-extra.ts): a claim of its own, without `proofOf`. */
export function coverageCheck<S extends StatementParams, M>(target: EvaluableTarget, spec: ProofStepSpec<S, M>, familySize: number): void {
  register(target.id, () => checkEvaluable(target, spec, familySize), spec.expected);
}

