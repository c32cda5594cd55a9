import type { ClaimRun, Tier } from '../verdict/types.js';
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

export interface Methods {
  familyAlpha: number;
  familySize: number;
  perTestAlpha: number;
  correction: string;
  intervals: string;
  notes: string[];
}

/** A claim whose check threw (a defect of the check, not a verdict). */
export interface ClaimError {
  id: string;
  error: string;
}

export interface ClaimsReport {
  schemaVersion: number;
  provenance: Provenance;
  methods: Methods;
  claims: ClaimRun[];
  errors: ClaimError[];
  /** every numbered statement of both versions, with the claims that check it */
  coverage: CoverageRow[];
}
