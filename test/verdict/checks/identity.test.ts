import { describe, expect, it } from 'vitest';
import { compareSides, FLOAT64_TOLERANCE, identityRule } from '../../../src/verdict/checks/identity.js';
import { inequalityRule } from '../../../src/verdict/checks/inequality.js';
import { failing, passing } from './support.js';

describe('identity rule', () => {
  it('holds when the printed search finds nothing, with the closest call as margin', () => {
    const d = identityRule({ printed: passing(100, 0.25), what: 'Eq. (X)' });
    expect(d.verdict).toBe('holds');
    if (d.verdict === 'holds') expect(d.margin.value).toBe(0.25);
    expect(d.rule).toBe('identity');
  });
  it('erratum when the printed form fails and the corrected holds; both carried', () => {
    const d = identityRule({ printed: failing(3, 'lhs 1 rhs 2'), corrected: { outcome: passing(100, 0.9), form: 'rhs + 1' }, what: 'Eq. (X)' });
    expect(d.verdict).toBe('erratum');
    if (d.verdict === 'erratum') {
      expect(d.printed.counterexample?.message).toBe('lhs 1 rhs 2');
      expect(d.corrected.verdict).toBe('holds');
      expect(d.correctedForm).toBe('rhs + 1');
    }
  });
  it('fails with the printed counterexample when no corrected form is stated, or when it fails too', () => {
    expect(identityRule({ printed: failing(3, 'p'), what: 'x' }).verdict).toBe('fails');
    const both = identityRule({ printed: failing(3, 'p'), corrected: { outcome: failing(2, 'c'), form: 'f' }, what: 'x' });
    expect(both.verdict).toBe('fails');
    if (both.verdict === 'fails') expect(both.counterexample?.message).toBe('p');
  });
  it('compares sides within abs + rel * scale, and treats a non-finite side as a violation', () => {
    expect(compareSides(1, 1 + 1e-12, FLOAT64_TOLERANCE, 'c').violated).toBe(false);
    expect(compareSides(1, 1 + 1e-8, FLOAT64_TOLERANCE, 'c').violated).toBe(true);
    expect(compareSides(0, 5e-13, FLOAT64_TOLERANCE, 'c').violated).toBe(false);
    expect(compareSides(1e6, 1e6 + 1e-5, FLOAT64_TOLERANCE, 'c').violated).toBe(false);
    expect(compareSides(Number.NaN, 1, FLOAT64_TOLERANCE, 'c').violated).toBe(true);
    const r = compareSides(2, 2, FLOAT64_TOLERANCE, 'c');
    expect(r.margin).toBe(1);
  });
});

describe('inequality rule', () => {
  it('holds when no case violates and the bound binds somewhere tested', () => {
    const d = inequalityRule({ printed: passing(50, 0.1), what: 'bound', binding: { cases: 3, of: 50, bindsAt: 'm >= 10' } });
    expect(d.verdict).toBe('holds');
    expect(d.because).toContain('binds at 3 of 50');
  });
  it('is vacuous, with the size where it binds, when the bound is trivial at every tested case', () => {
    const d = inequalityRule({ printed: passing(50, 0.1), what: 'bound', binding: { cases: 0, of: 50, bindsAt: 'from m = 4.2e5', bindsAtValue: 4.2e5 } });
    expect(d.verdict).toBe('vacuous');
    if (d.verdict === 'vacuous') expect(d.bindsAt.value).toBe(4.2e5);
  });
  it('fails on a violation even where the bound is trivial elsewhere, and is an erratum with a holding corrected form', () => {
    expect(inequalityRule({ printed: failing(5, 'v'), what: 'b', binding: { cases: 0, of: 5, bindsAt: '-' } }).verdict).toBe('fails');
    expect(inequalityRule({ printed: failing(5, 'v'), corrected: { outcome: passing(5, 1), form: 'c' }, what: 'b', binding: { cases: 5, of: 5, bindsAt: '-' } }).verdict).toBe('erratum');
  });
});
