import type { HypothesisStatus } from '../theory/condition1.js';
import type { MonitorTally } from './monitor.js';
import type { ProofStatus } from './proofStatus.js';

export type { ProofStatus, ProofStatusName } from './proofStatus.js';

/** The five verdicts (docs/ARCHITECTURE.md, "Verdicts"). */
export type Verdict = 'holds' | 'fails' | 'erratum' | 'vacuous' | 'inconclusive';
export const VERDICTS: readonly Verdict[] = ['holds', 'fails', 'erratum', 'vacuous', 'inconclusive'];

export type ClaimKind = 'identity' | 'probabilistic' | 'asymptotic' | 'empirical';
export type Tier = 'quick' | 'paper';
export const TIERS: readonly Tier[] = ['quick', 'paper'];

export interface Threshold {
  value: number;
  why: string;
}

/**
 * A claim of the paper, declared once in theorems/ (one file per claim, named by its id).
 * Declarative only: what the claim says and where, what is tested, what decides it, and the reviewed
 * expectation for conformance mode. Nothing here computes.
 */
/** The parameters of a claim's statement that its decide function reads (constants, exponents, a direction). */
export type StatementParams = Readonly<Record<string, number | string | boolean>>;

/**
 * A false twin: the statement with a constant, exponent or direction changed (or a needed hypothesis broken) so that
 * it is false on the tested domain. The same check runs on it, on the same measurements, and must not hold.
 */
export interface TwinRecord<S extends StatementParams = StatementParams> {
  /** short id, unique within the claim ('c/10', 'exponent+1/4', 'direction') */
  readonly id: string;
  /** what was changed, in words */
  readonly change: string;
  /** the statement parameters it overrides */
  readonly statement: Partial<S>;
}

export interface ClaimRecord<D = Record<string, unknown>, S extends StatementParams = StatementParams> {
  /** stable slug used in anchors, --claim and file names */
  readonly id: string;
  readonly title: string;
  /** the statement verbatim as printed (LaTeX), in the AAAI version unless only the long version has it */
  readonly quote: string;
  /** the long version's text where it is printed differently */
  readonly quoteLong?: string;
  /** every place it is printed */
  readonly sources: { readonly aaai?: readonly string[]; readonly long?: readonly string[] };
  readonly kind: ClaimKind;
  /** parts of Condition 1 (A1..A6) and other premises the statement assumes */
  readonly hypotheses: readonly string[];
  /** claim ids its proof rests on */
  readonly uses: readonly string[];
  /** what the property checks, in words */
  readonly checks: string;
  /** the tested domain per tier: the relaxation of the hypotheses actually used, in numbers */
  readonly domain: Readonly<Record<Tier, D>>;
  /** every number that decides the verdict, with why */
  readonly thresholds: Readonly<Record<string, Threshold>>;
  /** how many statistical tests the claim runs (its share of the family-wise error rate); 0 for exact checks */
  readonly tests: number;
  /** the reviewed verdict for conformance mode (`npm test`), with the reason; compared, never substituted */
  readonly expected: { readonly verdict: Verdict; readonly reason: string };
  /** the decision rule that decides it (src/verdict/checks/); one per kind of claim */
  readonly rule?: RuleId;
  /** the statement's parameters as printed (what the twins change) */
  readonly statement?: S;
  /** the false twins, each rejected by the same check (`npm test` fails otherwise) */
  readonly twins?: readonly TwinRecord<S>[];
  /** declared before the run: the settings tested and how their results combine into the verdict */
  readonly combine?: string;
  /** the fast-check searches the property runs ('main', or the hypothesis a search breaks): what `npm run explore` offers */
  readonly searches?: readonly SearchDeclaration[];
}

/** A search a claim's property runs, declared in its record (explore and replay read these, not the source). */
export interface SearchDeclaration {
  /** 'main', 'printed', 'corrected', or the hypothesis broken ('A6', 'sigma>0') */
  readonly name: string;
  /** the hypothesis it breaks, when it is an exploration */
  readonly breaks?: string;
  /** what it searches for, in words */
  readonly what: string;
}

export interface HypothesisReport {
  id: string;
  status: HypothesisStatus;
  detail: string;
}

/** A shrunk counterexample found by fast-check, with everything needed to replay it. */
export interface Counterexample {
  /** which search of the claim found it ('main' or the hypothesis it violates) */
  search: string;
  fcSeed: number;
  path: string;
  numShrinks: number;
  /** the shrunk case, JSON-serializable */
  case: unknown;
  /** what failed on it, with the numbers */
  message: string;
  replay: string;
  /** how far the case is from the boundary (negative: violated), when the search measured it */
  margin?: number;
}

/** Breaking one hypothesis at a time: what each hypothesis is needed for. */
export interface Exploration {
  hypothesis: string;
  /** how it was broken, in words and numbers */
  violation: string;
  /** true when a counterexample to the claim was found with the hypothesis broken */
  found: boolean;
  counterexample?: Counterexample;
  /** when nothing was found: how many cases were tried and the closest call */
  note: string;
}

export type Evidence = Record<string, number | string | boolean | readonly number[] | readonly string[] | null>;

/**
 * A figure made from a claim's run data: a Vega-Lite specification with its data inline
 * (JSON-serializable). The report renders it to SVG (reports/figures/<id>.svg) and embeds it in index.html.
 */
export interface FigureSpec {
  /** file-name-safe id, unique across the report (e.g. "figure-2.losses") */
  id: string;
  title: string;
  /** a Vega-Lite (v6) top-level specification with inline `data.values` */
  spec: Record<string, unknown>;
}

/** What a claim reports (defineClaim builds it from the decision and the described evidence) before it becomes a ClaimRun. */
export interface ClaimOutcome {
  verdict: Verdict;
  /** one line with the numbers that decided the verdict */
  summary: string;
  evidence: Evidence;
  hypotheses: HypothesisReport[];
  cases: number;
  counterexample?: Counterexample;
  explorations?: Exploration[];
  /** named tables of numbers the report prints (e.g. one row per configuration) */
  tables?: Record<string, Record<string, number | string>[]>;
  /** figures made from the run data (rendered by the report) */
  figures?: FigureSpec[];
}

/** The result of checking one claim: what the report writes. JSON-serializable. */
export interface ClaimRun extends ClaimOutcome {
  id: string;
  title: string;
  sources: ClaimRecord['sources'];
  kind: ClaimKind;
  quote: string;
  checks: string;
  uses: readonly string[];
  thresholds: ClaimRecord['thresholds'];
  domain: unknown;
  tier: Tier;
  seed: number;
  alpha: number;
  expected: ClaimRecord['expected'];
  replay: string;
  /** wall time; excluded from determinism comparisons */
  seconds: number;
  /** the rule that decided, and its deciding sentence */
  rule?: RuleId;
  because?: string;
  twins?: TwinResult[];
  rates?: RateComparison[];
  /** runs of this claim that contradict another claim inside its premise (the reporter moves them to that claim) */
  contradictions?: Contradiction[];
  /** runs of this claim inside frequency-monitored premises of other claims, per width (pooled at the end of the audit) */
  monitorTallies?: MonitorTally[];
  /** how the settings combined (from the record) */
  combine?: string;
  /** for a proof step: the proof it belongs to (e.g. 'proof-c2') */
  proofOf?: string;
  /** for a statement: what its printed proof is worth where tested (src/verdict/proofStatus.ts) */
  proofStatus?: ProofStatus;
}


/** The decision rules (src/verdict/checks/): one per kind of claim; every claim and proof step names the one that decided it. */
export type RuleId = 'identity' | 'inequality' | 'high-probability' | 'rate' | 'time-bound' | 'empirical-effect';
export const RULE_IDS: readonly RuleId[] = ['identity', 'inequality', 'high-probability', 'rate', 'time-bound', 'empirical-effect'];

/** What kind of step a displayed line of a proof is. */
export type ProofStepKind = 'inequality' | 'equality' | 'probability-bound' | 'order' | 'independence' | 'distribution' | 'union-bound' | 'citation' | 'definition';

/**
 * One displayed step of a proof (Appendices B-D, main-text sketches), declared in theorems/proofs/.
 * A step the engine or an exact computation can evaluate is a claim of its own (id, verdict by a declared rule);
 * one that cannot is listed with the reason, so that each proof's coverage (k of n steps checked) is visible.
 */
export interface ProofStepRecord {
  /** stable id, e.g. 'proof-c2.step-3' */
  readonly id: string;
  /** the equation numbers it displays, as printed (long version unless `version` says otherwise), e.g. ['(25)'] */
  readonly equations: readonly string[];
  /** the step verbatim (LaTeX), as converted from the PDF */
  readonly quote: string;
  readonly kind: ProofStepKind;
  /** a short statement of what the step asserts, in words */
  readonly asserts: string;
  /** evaluable: the rule that will decide it; not evaluable: why not (e.g. 'a definition', 'cites an external theorem') */
  readonly evaluable: { readonly rule: RuleId } | { readonly reason: string };
  /** ids of earlier steps or claims this step rests on */
  readonly uses: readonly string[];
}

/** A proof as printed: which statement it proves, where, and its displayed steps in order. */
export interface ProofRecord {
  /** 'proof-c2' */
  readonly id: string;
  /** the claim ids whose statement this proof establishes (e.g. ['lemma-c2.gradient-bound', 'lemma-c2.a-bound']) */
  readonly proves: readonly string[];
  /** where it is printed: { long: ['Appendix C, proof of Lemma C.2'] } */
  readonly sources: { readonly aaai?: readonly string[]; readonly long?: readonly string[] };
  /** the lemmas and theorems the proof cites (claim ids or statement labels such as 'Lemma B.5') */
  readonly cites: readonly string[];
  readonly steps: readonly ProofStepRecord[];
  /** statements with no proof in either version (e.g. Lemma 4 = Lemma 3.3) carry the note instead of steps */
  readonly note?: string;
}

/** A claim's false twin and what the claim's own check said of it (rejected: the check decided "fails"). */
export interface TwinResult {
  id: string;
  change: string;
  verdict: Verdict;
  because: string;
  rejected: boolean;
}

/** For a bound or a rate: how fast the bounded quantity moves in fact, beside the claimed rate. */
export interface RateComparison {
  quantity: string;
  variable: string;
  claimed: string;
  claimedExponent: number;
  measuredExponent: number;
  ci: [number, number];
  looseness: string;
}

/** A run of claim `observedIn` that entered claim `against`'s premise and contradicts its statement. */
export interface Contradiction {
  observedIn: string;
  against: string;
  premise: string;
  observation: string;
  message: string;
}
