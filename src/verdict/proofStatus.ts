import type { ProofRecord, Verdict } from './types.js';

/**
 * Proof status per statement (issue #11): beside a lemma's statement verdict, what its printed proof is worth where
 * the audit could test it. Pure functions of the run results and the proof catalogue (theorems/proofs).
 *
 * Definitions (the report's methods section states them once):
 * - A step is *checked* when a run with the step's id has a verdict other than `inconclusive`
 *   (holds, vacuous, fails or erratum). An `inconclusive` run, or no run, leaves an evaluable step unchecked.
 * - A checked step *fails* when its verdict is `fails` or `erratum` (the printed step is false where tested;
 *   an erratum step fails as printed even when a stated correction holds). It *holds* when its verdict is `holds`
 *   or `vacuous`: a vacuous step is true where tested, only trivially, so it does not break the chain.
 * - The statement verdict is that of the run whose id is the claim id (and that has no `proofOf`).
 *
 * Status of a statement (over all the proofs that prove it, e.g. Theorem 2 = Appendix C.4's proof + the AAAI sketch):
 * - 'no proof': every proof record of it has no steps (a `note` says why: Lemma 4 = 3.3, Lemmas B.2, B.4-B.6).
 * - 'broken': some checked step fails and the statement verdict is `fails` or `erratum`.
 * - 'gap': some checked step fails and the statement is not shown to fail (holds, vacuous, inconclusive or not run).
 * - 'sound where tested': no checked step fails and at least one step is checked.
 * - 'unchecked': no step is checked.
 * `unevaluable` lists the steps declared not evaluable (with the reason); evaluable steps without a decisive run are
 * stepsDisplayed - stepsChecked - unevaluable.length.
 */
export type ProofStatusName = 'sound where tested' | 'gap' | 'broken' | 'no proof' | 'unchecked';
export interface ProofStatus {
  status: ProofStatusName;
  stepsChecked: number;
  stepsDisplayed: number;
  failing: string[];
  unevaluable: { id: string; reason: string }[];
}

export interface ProofRun {
  id: string;
  verdict: Verdict;
  /** the proof id (e.g. 'proof-c2') when the run is a proof step */
  proofOf?: string;
}

const FAILING: ReadonlySet<Verdict> = new Set<Verdict>(['fails', 'erratum']);
const DECISIVE: ReadonlySet<Verdict> = new Set<Verdict>(['holds', 'vacuous', 'fails', 'erratum']);

/** Thrown on runs that do not match the catalogue (an unknown step, a step run under the wrong proof, two runs of one id). */
export class ProofRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofRunError';
  }
}

function indexRuns(runs: readonly ProofRun[], proofs: readonly ProofRecord[]): { steps: Map<string, Verdict>; claims: Map<string, Verdict> } {
  const stepProof = new Map<string, string>();
  for (const p of proofs) for (const s of p.steps) stepProof.set(s.id, p.id);
  const steps = new Map<string, Verdict>();
  const claims = new Map<string, Verdict>();
  for (const r of runs) {
    if (r.proofOf !== undefined) {
      const owner = stepProof.get(r.id);
      if (owner === undefined) throw new ProofRunError(`run ${r.id} names proof ${r.proofOf}, but no proof in the catalogue has a step ${r.id}`);
      if (owner !== r.proofOf) throw new ProofRunError(`run ${r.id} names proof ${r.proofOf}, but the step belongs to ${owner}`);
      if (steps.has(r.id)) throw new ProofRunError(`two runs of step ${r.id}`);
      steps.set(r.id, r.verdict);
    } else {
      if (stepProof.has(r.id)) throw new ProofRunError(`run ${r.id} is a proof step but carries no proofOf`);
      if (claims.has(r.id)) throw new ProofRunError(`two runs of claim ${r.id}`);
      claims.set(r.id, r.verdict);
    }
  }
  return { steps, claims };
}

/** The proof status of every statement that some proof in `proofs` proves, keyed by claim id. */
export function proofStatuses(runs: readonly ProofRun[], proofs: readonly ProofRecord[]): Record<string, ProofStatus> {
  const { steps: stepVerdicts, claims } = indexRuns(runs, proofs);
  const byClaim = new Map<string, ProofRecord[]>();
  for (const p of proofs) {
    for (const c of p.proves) {
      const list = byClaim.get(c) ?? [];
      list.push(p);
      byClaim.set(c, list);
    }
  }
  const out: Record<string, ProofStatus> = {};
  for (const [claim, ps] of byClaim) {
    const allSteps = ps.flatMap((p) => p.steps);
    const failing: string[] = [];
    const unevaluable: { id: string; reason: string }[] = [];
    let checked = 0;
    for (const s of allSteps) {
      if ('reason' in s.evaluable) unevaluable.push({ id: s.id, reason: s.evaluable.reason });
      const v = stepVerdicts.get(s.id);
      if (v === undefined || !DECISIVE.has(v)) continue;
      checked += 1;
      if (FAILING.has(v)) failing.push(s.id);
    }
    const statement = claims.get(claim);
    let status: ProofStatusName;
    if (allSteps.length === 0) status = 'no proof';
    else if (failing.length > 0) status = statement !== undefined && FAILING.has(statement) ? 'broken' : 'gap';
    else status = checked > 0 ? 'sound where tested' : 'unchecked';
    out[claim] = { status, stepsChecked: checked, stepsDisplayed: allSteps.length, failing, unevaluable };
  }
  return out;
}

/** One edge of the dependency graph the proofs use: `from` rests on `to`. */
export interface ProofEdge {
  from: string;
  to: string;
  /** 'proves': a proof establishes a claim; 'cites': a proof cites a claim; 'uses': a step rests on a step, claim or entry */
  kind: 'proves' | 'cites' | 'uses';
}

/**
 * The dependency graph as the printed proofs use it: claim <- proof (proves), proof -> cited claim (cites), step ->
 * what it rests on (uses). With claims as nodes, following `proves` backwards then `cites` gives e.g.
 * theorem-2.escape-lazy <- proof-c4 -> lemma-3.quarter <- proof-c3 -> lemma-c2.a-bound <- proof-c2 -> lemma-c1.init-norms
 * <- proof-c1 -> lemma-b5.norm-concentration.
 */
export function proofGraph(proofs: readonly ProofRecord[]): ProofEdge[] {
  const edges: ProofEdge[] = [];
  for (const p of proofs) {
    for (const c of p.proves) edges.push({ from: c, to: p.id, kind: 'proves' });
    for (const c of p.cites) edges.push({ from: p.id, to: c, kind: 'cites' });
    for (const s of p.steps) for (const u of s.uses) edges.push({ from: s.id, to: u, kind: 'uses' });
  }
  return edges;
}

/** The claims a claim's proofs rest on, transitively (through proves/cites and the steps' uses of claims). */
export function claimDependencies(claim: string, proofs: readonly ProofRecord[], isClaim: (id: string) => boolean): string[] {
  const seen = new Set<string>();
  const stack = [claim];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    for (const p of proofs) {
      if (!p.proves.includes(c)) continue;
      const direct = [...p.cites, ...p.steps.flatMap((s) => s.uses.filter(isClaim))];
      for (const d of direct) {
        if (d !== claim && !seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      }
    }
  }
  return [...seen].sort();
}
