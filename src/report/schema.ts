import type { ClaimRun, RuleId, Tier } from '../verdict/types.js';
import type { CoverageRow } from './coverage.js';

/** reports/claims.json, versioned. Bump SCHEMA_VERSION on any incompatible change. */
export const SCHEMA_VERSION = 1;

export interface Provenance {
  commit: string;
  /** true when the working tree had uncommitted changes */
  dirty: boolean;
  date: string;
  tier: Tier;
  seed: number;
  node: string;
  packages: Record<string, string>;
  backend: string;
  /** the claims requested (all when empty) */
  claimsRequested: string[];
}

/** A decision rule as the report's Methods section states it once (arrives as data from src/cli). */
export interface RuleDescription {
  id: RuleId;
  name: string;
  policy: string;
}

export interface Methods {
  familyAlpha: number;
  familySize: number;
  perTestAlpha: number;
  correction: string;
  intervals: string;
  notes: string[];
  /** the decision rules, each stated once (optional in schema version 1) */
  rules?: RuleDescription[];
  /** the calibration of the decisions on constructed truths, in words */
  calibration?: string;
}

/** A claim whose check threw (a defect of the check, not a verdict). */
export interface ClaimError {
  id: string;
  error: string;
}

/** A figure rendered from a claim's Vega-Lite specification (the spec itself, with its data, is in the claim's `figures`). */
export interface FigureFile {
  claim: string;
  /** the spec's id */
  id: string;
  title: string;
  /** relative to the report folder: figures/<name>.svg (absent file when `error` is set) */
  file: string;
  /** why it could not be rendered */
  error?: string;
}

/**
 * Added compatibly in schema version 1 (all optional): `claims[].figures` (Vega-Lite specs with inline data),
 * `figureFiles` (the rendered SVGs) and `reproduce` (the command that re-runs the whole report).
 */
export interface ClaimsReport {
  schemaVersion: number;
  provenance: Provenance;
  methods: Methods;
  claims: ClaimRun[];
  errors: ClaimError[];
  /** every numbered statement of both versions, with the claims that check it */
  coverage: CoverageRow[];
  /** the figures rendered to figures/*.svg beside claims.json, in report order */
  figureFiles?: FigureFile[];
  /** the command that reproduces this report */
  reproduce?: string;
}
