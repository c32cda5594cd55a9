import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CLAIMS } from '../../theorems/index.js';
import { ALL_PROOFS, COVERAGE_EXTRA } from '../../theorems/proofs/index.js';
import { RULE_IDS } from '../../src/verdict/types.js';

/**
 * The number of displayed steps of each proof, counted by hand from the paper texts (one per displayed relation or
 * inline assertion the proof makes, in order). A dropped or added step fails here.
 */
const STEPS_PRINTED: Record<string, number> = {
  'proof-b2': 0, // no proof printed
  'proof-b3': 13, // proof of Corollary B.3: 4 displays (2 + 4 + 1 + 3 relations) and 3 inline assertions
  'proof-b4': 0,
  'proof-b5': 0,
  'proof-b6': 0,
  'proof-eq13-16': 4, // Eqs. (13)-(16)
  'proof-c1': 7, // Z's law, (17), (18), (19), (20), (21) twice
  'proof-c2': 58, // base case (i): 18, base case (ii): 6, supermartingale and Azuma: 30, (32) and after: 4
  'proof-eq41': 14, // (33)-(40), the three-line display, Delta W's definition, the dominance remark, (41)
  'proof-c3': 39,
  'proof-c4': 31,
  'proof-sketch-thm2': 10,
  'proof-lemma-3-3': 0, // no proof in either version
  'proof-d1': 28, // (47)-(55) setup: 14, proof: 14
  'proof-d2': 28,
};

const STEP_ID = /^(proof-[a-z0-9]+(?:-[a-z0-9]+)*)\.step-([1-9][0-9]*)$/;
const PROOF_ID = /^proof-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const claimIds = new Set(ALL_CLAIMS.map((c) => c.id));
const extraIds = new Set(COVERAGE_EXTRA.map((e) => e.id));
const steps = ALL_PROOFS.flatMap((p) => p.steps.map((s) => ({ proof: p.id, step: s })));
const stepIds = new Set(steps.map((s) => s.step.id));

const paper = ['aaai2026-main-text.md', 'arxiv-long-version-with-appendix.md']
  .map((f) => readFileSync(new URL(`../../data/paper/${f}`, import.meta.url), 'utf8'))
  .join('\n');
const squash = (s: string): string => s.replace(/\s+/g, '');
const paperSquashed = squash(paper);

describe('the proof catalogue (theorems/proofs)', () => {
  it('has one record per proof, with unique stable ids', () => {
    const ids = ALL_PROOFS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(PROOF_ID);
    expect([...ids].sort()).toEqual(Object.keys(STEPS_PRINTED).sort());
  });

  it('numbers the steps of each proof 1..n in order, with ids unique across all proofs', () => {
    expect(stepIds.size).toBe(steps.length);
    for (const p of ALL_PROOFS) {
      p.steps.forEach((s, k) => {
        const m = STEP_ID.exec(s.id);
        expect(m, s.id).not.toBeNull();
        expect(m![1]).toBe(p.id);
        expect(Number(m![2])).toBe(k + 1);
      });
    }
  });

  it('lists as many steps per proof as counted from the text', () => {
    const counted = Object.fromEntries(ALL_PROOFS.map((p) => [p.id, p.steps.length]));
    expect(counted).toEqual(STEPS_PRINTED);
  });

  it('carries a note exactly when a statement has no printed proof', () => {
    for (const p of ALL_PROOFS) {
      expect(p.note !== undefined, p.id).toBe(p.steps.length === 0);
      if (p.note !== undefined) expect(p.note.length).toBeGreaterThan(40);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(ALL_PROOFS)).toBe(true);
    for (const p of ALL_PROOFS) expect(Object.isFrozen(p), p.id).toBe(true);
  });

  it('proves existing claims, cites existing claims, and every lemma or theorem claim has a proof record', () => {
    for (const p of ALL_PROOFS) {
      expect(p.proves.length, p.id).toBeGreaterThan(0);
      for (const id of p.proves) expect(claimIds.has(id), `${p.id} proves ${id}`).toBe(true);
      for (const id of p.cites) expect(claimIds.has(id), `${p.id} cites ${id}`).toBe(true);
      expect(p.sources.aaai !== undefined || p.sources.long !== undefined).toBe(true);
    }
    const proved = new Set(ALL_PROOFS.flatMap((p) => p.proves));
    const statements = ALL_CLAIMS.filter((c) => /^(lemma|theorem|corollary)-/.test(c.id)).map((c) => c.id);
    expect(statements.filter((id) => !proved.has(id))).toEqual([]);
  });

  it('resolves every `uses` to a step, a claim or a coverage entry, never to itself', () => {
    for (const { step } of steps) {
      for (const u of step.uses) {
        expect(u, step.id).not.toBe(step.id);
        expect(stepIds.has(u) || claimIds.has(u) || extraIds.has(u), `${step.id} uses ${u}`).toBe(true);
      }
    }
    for (const e of COVERAGE_EXTRA) for (const u of e.uses) expect(stepIds.has(u) || claimIds.has(u) || extraIds.has(u), `${e.id} uses ${u}`).toBe(true);
  });

  it('gives every step a quote, a location, what it asserts, and a rule or a reason', () => {
    for (const { step } of steps) {
      expect(step.quote.trim().length, step.id).toBeGreaterThan(5);
      expect(step.equations.length, step.id).toBeGreaterThan(0);
      for (const e of step.equations) expect(e, step.id).toMatch(/^\(\d+\)|unnumbered|inline|display|AAAI|last display|proof display/);
      expect(step.asserts.length, step.id).toBeGreaterThan(10);
      if ('rule' in step.evaluable) expect(RULE_IDS).toContain(step.evaluable.rule);
      else expect(step.evaluable.reason.length, step.id).toBeGreaterThan(10);
    }
  });

  it('quotes the converted paper verbatim (each fragment between \\ldots, up to white space)', () => {
    const missing: string[] = [];
    for (const { step } of steps) {
      for (const fragment of step.quote.split('\\ldots')) {
        const f = squash(fragment);
        if (f.length >= 8 && !paperSquashed.includes(f)) missing.push(`${step.id}: ${fragment.slice(0, 80)}`);
      }
    }
    for (const e of COVERAGE_EXTRA) if (!paperSquashed.includes(squash(e.quote))) missing.push(`${e.id}: ${e.quote.slice(0, 80)}`);
    expect(missing).toEqual([]);
  });

  it('keeps the coverage entries unique, apart from the claim ids, each with a rule or a reason', () => {
    expect(extraIds.size).toBe(COVERAGE_EXTRA.length);
    for (const e of COVERAGE_EXTRA) {
      expect(claimIds.has(e.id), e.id).toBe(false);
      if ('rule' in e.evaluable) expect(RULE_IDS).toContain(e.evaluable.rule);
      else expect(e.evaluable.reason.length).toBeGreaterThan(10);
    }
  });
});
