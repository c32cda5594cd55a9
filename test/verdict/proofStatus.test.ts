import { describe, expect, it } from 'vitest';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { ALL_PROOFS } from '../../theorems/proofs/index.js';
import { claimDependencies, proofGraph, proofStatuses, ProofRunError, type ProofRun } from '../../src/verdict/proofStatus.js';
import type { ProofRecord, ProofStepRecord } from '../../src/verdict/types.js';

const step = (id: string, evaluable: ProofStepRecord['evaluable'] = { rule: 'inequality' }): ProofStepRecord => ({
  id,
  equations: ['(1)'],
  quote: 'x <= y',
  kind: 'inequality',
  asserts: 'x is at most y',
  evaluable,
  uses: [],
});

/** A toy catalogue: claim a (3 steps, one not evaluable), claim b (no proof), claims c1 and c2 proved by one proof, claim d by two. */
const proofs: ProofRecord[] = [
  { id: 'proof-a', proves: ['a'], sources: { long: ['A'] }, cites: ['b'], steps: [step('proof-a.step-1'), step('proof-a.step-2'), step('proof-a.step-3', { reason: 'a definition' })] },
  { id: 'proof-b', proves: ['b'], sources: { long: ['B'] }, cites: [], steps: [], note: 'not printed' },
  { id: 'proof-c', proves: ['c1', 'c2'], sources: { long: ['C'] }, cites: ['a'], steps: [step('proof-c.step-1')] },
  { id: 'proof-d', proves: ['d'], sources: { long: ['D'] }, cites: [], steps: [step('proof-d.step-1')] },
  { id: 'proof-d-sketch', proves: ['d'], sources: { aaai: ['D sketch'] }, cites: [], steps: [step('proof-d-sketch.step-1')] },
];
const s = (id: string, verdict: ProofRun['verdict']): ProofRun => ({ id, verdict, proofOf: id.split('.')[0] as string });

describe('proofStatuses', () => {
  it('"sound where tested": every checked step holds (vacuous counts as holding), with the unevaluable steps listed', () => {
    const st = proofStatuses([s('proof-a.step-1', 'holds'), s('proof-a.step-2', 'vacuous'), { id: 'a', verdict: 'holds' }], proofs);
    expect(st['a']).toEqual({
      status: 'sound where tested',
      stepsChecked: 2,
      stepsDisplayed: 3,
      failing: [],
      unevaluable: [{ id: 'proof-a.step-3', reason: 'a definition' }],
    });
  });

  it('"gap": a step fails (fails or erratum) and the statement holds, or is not shown to fail', () => {
    const holds = proofStatuses([s('proof-a.step-1', 'erratum'), s('proof-a.step-2', 'holds'), { id: 'a', verdict: 'holds' }], proofs);
    expect(holds['a']?.status).toBe('gap');
    expect(holds['a']?.failing).toEqual(['proof-a.step-1']);
    const noRun = proofStatuses([s('proof-a.step-2', 'fails')], proofs);
    expect(noRun['a']?.status).toBe('gap');
    const inconclusive = proofStatuses([s('proof-a.step-2', 'fails'), { id: 'a', verdict: 'inconclusive' }], proofs);
    expect(inconclusive['a']?.status).toBe('gap');
  });

  it('"broken": a step fails and the statement fails (fails or erratum)', () => {
    for (const v of ['fails', 'erratum'] as const) {
      const st = proofStatuses([s('proof-a.step-1', 'fails'), { id: 'a', verdict: v }], proofs);
      expect(st['a']?.status).toBe('broken');
    }
  });

  it('"unchecked": no step has a decisive run (none, or inconclusive only), whatever the statement says', () => {
    expect(proofStatuses([], proofs)['a']).toMatchObject({ status: 'unchecked', stepsChecked: 0, stepsDisplayed: 3 });
    const st = proofStatuses([s('proof-a.step-1', 'inconclusive'), { id: 'a', verdict: 'fails' }], proofs);
    expect(st['a']).toMatchObject({ status: 'unchecked', stepsChecked: 0 });
  });

  it('"no proof": a statement whose proof records carry no steps', () => {
    expect(proofStatuses([{ id: 'b', verdict: 'holds' }], proofs)['b']).toEqual({ status: 'no proof', stepsChecked: 0, stepsDisplayed: 0, failing: [], unevaluable: [] });
  });

  it('gives one proof to each statement it proves, and merges two proofs of one statement', () => {
    const st = proofStatuses([s('proof-c.step-1', 'holds'), s('proof-d.step-1', 'holds'), s('proof-d-sketch.step-1', 'erratum'), { id: 'd', verdict: 'holds' }], proofs);
    expect(st['c1']?.status).toBe('sound where tested');
    expect(st['c2']?.status).toBe('sound where tested');
    expect(st['d']).toMatchObject({ status: 'gap', stepsChecked: 2, stepsDisplayed: 2, failing: ['proof-d-sketch.step-1'] });
    expect(Object.keys(st).sort()).toEqual(['a', 'b', 'c1', 'c2', 'd']);
  });

  it('rejects runs that do not match the catalogue', () => {
    expect(() => proofStatuses([s('proof-a.step-9', 'holds')], proofs)).toThrow(ProofRunError);
    expect(() => proofStatuses([{ id: 'proof-a.step-1', verdict: 'holds', proofOf: 'proof-c' }], proofs)).toThrow(/belongs to proof-a/);
    expect(() => proofStatuses([{ id: 'proof-a.step-1', verdict: 'holds' }], proofs)).toThrow(/no proofOf/);
    expect(() => proofStatuses([s('proof-a.step-1', 'holds'), s('proof-a.step-1', 'fails')], proofs)).toThrow(/two runs/);
  });

  it('on the real catalogue, with no runs: Lemma 4 and Lemmas B.2, B.4-B.6 have no proof, every other statement is unchecked', () => {
    const st = proofStatuses([], ALL_PROOFS);
    expect(st['lemma-4.oscillation-diminishing']?.status).toBe('no proof');
    for (const id of ['lemma-b2.chi-square-se', 'lemma-b4.se-tail', 'lemma-b5.norm-concentration', 'lemma-b6.chernoff']) expect(st[id]?.status).toBe('no proof');
    expect(st['theorem-2.escape-lazy']).toMatchObject({ status: 'unchecked', stepsDisplayed: 31 + 10 });
  });
});

describe('proofGraph', () => {
  const isClaim = (id: string): boolean => ALL_CLAIMS.some((c) => c.id === id);

  it('links Lemma B.5 -> C.1 -> C.2 -> C.3 -> C.4 -> Theorem 2 as the proofs cite them', () => {
    const edges = proofGraph(ALL_PROOFS);
    const has = (from: string, to: string, kind: string): boolean => edges.some((e) => e.from === from && e.to === to && e.kind === kind);
    expect(has('theorem-2.escape-lazy', 'proof-c4', 'proves')).toBe(true);
    expect(has('proof-c4', 'lemma-3.quarter', 'cites')).toBe(true);
    expect(has('lemma-3.quarter', 'proof-c3', 'proves')).toBe(true);
    expect(has('proof-c3', 'lemma-c2.a-bound', 'cites')).toBe(true);
    expect(has('lemma-c2.a-bound', 'proof-c2', 'proves')).toBe(true);
    expect(has('proof-c2', 'lemma-c1.init-norms', 'cites')).toBe(true);
    expect(has('lemma-c1.init-norms', 'proof-c1', 'proves')).toBe(true);
    expect(has('proof-c1', 'lemma-b5.norm-concentration', 'cites')).toBe(true);
    expect(has('proof-c2.step-40', 'proof-c2.step-32', 'uses')).toBe(true);
    const deps = claimDependencies('theorem-2.escape-lazy', ALL_PROOFS, isClaim);
    for (const id of ['lemma-3.quarter', 'lemma-c2.a-bound', 'lemma-c1.init-norms', 'lemma-b5.norm-concentration', 'corollary-b3.product-se', 'lemma-b2.chi-square-se']) expect(deps).toContain(id);
    expect(deps).not.toContain('theorem-2.escape-lazy');
  });

  it('keeps Phase II apart: Lemma D.2 rests on D.1, and neither on Appendix C', () => {
    const deps = claimDependencies('lemma-6.convergence', ALL_PROOFS, isClaim);
    expect(deps).toContain('lemma-5.alignment');
    expect(deps.some((d) => d.startsWith('lemma-c') || d.startsWith('lemma-3.'))).toBe(false);
  });
});
