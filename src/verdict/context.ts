import { stream, type Rng } from '../engine/rng.js';
import { perTestAlpha } from '../stats/multiplicity.js';
import type { AuditConfig } from './config.js';
import { runSearch, type SearchOutcome, type SearchSpec } from './search.js';
import type { Observation } from './monitor.js';
import type { ClaimRecord, Tier } from './types.js';

/** What a claim's property is handed: its tier's domain, its streams, its share of alpha, and the search runner. */
export interface ClaimContext<D> {
  readonly record: ClaimRecord<D, any>;
  readonly config: AuditConfig;
  readonly tier: Tier;
  readonly seed: number;
  readonly domain: D;
  /** the claim's per-test significance level: FAMILY_ALPHA / (tests in the whole registry) */
  readonly alpha: number;
  /** a random stream private to this claim: stream(seed, claim id, ...names) */
  rng(...names: (string | number)[]): Rng;
  /** a seed string for the engine (data, init, sampling, noise streams hang below it) */
  runSeed(...names: (string | number)[]): string;
  search<T>(spec: SearchSpec<T>): SearchOutcome<T>;
  /** reports a run that may enter another claim's premise (checked by the premise monitors, properties/monitors/) */
  observe(kind: string, data: Readonly<Record<string, number>>, where: string): void;
  /** what observe() collected */
  readonly observations: readonly Observation[];
}

export function makeContext<D>(record: ClaimRecord<D, any>, config: AuditConfig, familySize: number): ClaimContext<D> {
  const observations: Observation[] = [];
  return {
    record,
    config,
    tier: config.tier,
    seed: config.seed,
    domain: record.domain[config.tier],
    alpha: perTestAlpha(familySize),
    rng: (...names) => stream(config.seed, record.id, ...names),
    runSeed: (...names) => [config.seed, record.id, ...names].join('/'),
    search: (spec) => runSearch(record.id, config, spec),
    observe: (kind, data, where) => void observations.push({ kind, data, where }),
    observations,
  };
}
