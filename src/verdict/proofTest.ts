import { expect, it } from 'vitest';
import { configFromEnv, type AuditConfig } from './config.js';
import { makeContext, type ClaimContext } from './context.js';
import { finiteOrThrow } from './defineClaim.js';
import { decisionEvidence, type Decision } from './checks/decision.js';
import { replayCommand, type CaseResult, type SearchOutcome } from './search.js';
export { gridSearch } from './search.js';
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
    title: `${t.id}: ${t.asserts}`,
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

function register(id: string, run: () => ClaimRun, expected: ProofStepSpec<StatementParams, unknown>['expected']): void {
  it(id, { timeout: 120_000 }, ({ task }) => {
    const r = run();
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

