import { stream, type Rng } from '../engine/rng.js';
import { perTestAlpha } from '../stats/multiplicity.js';
import type { AuditConfig } from './config.js';
import { progressEnabled, startProgress, type Progress } from './progress.js';
import { gridSearch, ReplayFinished, replaySearch, runSearch, type CaseResult, type SearchOutcome, type SearchSpec } from './search.js';
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
  /** an exhaustive search over an explicit grid (every case evaluated; the first violation in grid order, else the closest call) */
  gridSearch<T>(name: string, grid: readonly T[], check: (c: T) => CaseResult): SearchOutcome<T>;
  /** reports a run that may enter another claim's premise (checked by the premise monitors, properties/monitors/) */
  observe(kind: string, data: Readonly<Record<string, number>>, where: string, run?: string): void;
  /** what observe() collected */
  readonly observations: readonly Observation[];
  /**
   * Progress of a long loop on stderr (done, rate, time left; shown with AUDIT_PROGRESS=1, on a terminal, or at the
   * paper tier, once the loop passes ~10 s): `const p = ctx.progress(configs.length, 'configurations'); ... p.tick(); ... p.done();`
   */
  progress(total: number, unit?: string): Progress;
}

/** The names of the searches a context ran (asked for), in order: what a replay names when its search is not among them. */
const SEARCHES = new WeakMap<object, string[]>();
export function searchesRun(ctx: object): readonly string[] {
  return SEARCHES.get(ctx) ?? [];
}

export function makeContext<D>(record: ClaimRecord<D, any>, config: AuditConfig, familySize: number): ClaimContext<D> {
  const names: string[] = [];
  const observations: Observation[] = [];
  const ctx = {
    record,
    config,
    tier: config.tier,
    seed: config.seed,
    domain: record.domain[config.tier],
    alpha: perTestAlpha(familySize),
    rng: (...n: (string | number)[]) => stream(config.seed, record.id, ...n),
    runSeed: (...n: (string | number)[]) => [config.seed, record.id, ...n].join('/'),
    search: <T>(spec: SearchSpec<T>): SearchOutcome<T> => {
      if (!names.includes(spec.name)) names.push(spec.name);
      if (config.replay === undefined) return runSearch(record.id, config, spec);
      // a replay runs its search alone: the others return no cases at once, the replayed one ends the claim
      if (config.replay.search !== spec.name) return { cases: 0 };
      throw new ReplayFinished(replaySearch(record.id, config, spec, config.replay.path));
    },
    progress: (total: number, unit = 'steps'): Progress => startProgress(record.id, total, unit, { enabled: config.replay === undefined && progressEnabled(config.tier) }),
    gridSearch: <T>(name: string, grid: readonly T[], check: (c: T) => CaseResult): SearchOutcome<T> => {
      if (!names.includes(name)) names.push(name);
      return gridSearch(record.id, config, name, grid, check);
    },
    observe: (kind: string, data: Readonly<Record<string, number>>, where: string, run?: string): void => void observations.push(run === undefined ? { kind, data, where } : { kind, data, where, run }),
    observations,
  };
  SEARCHES.set(ctx, names);
  return ctx;
}
