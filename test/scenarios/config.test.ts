import { describe, expect, it } from 'vitest';
import { PAPER_SETTING, validatePaperConfig } from '../../src/scenarios/config.js';
import { sweepConfig } from '../../src/scenarios/widthSweep.js';

describe('PaperConfig', () => {
  it("the paper's setting is Sec. 5's (n = 200, m = 1000, d = 20, eta = 1e-3, sigma = 4) with A4 at its bound", () => {
    expect(validatePaperConfig(PAPER_SETTING)).toBe(PAPER_SETTING);
    expect(PAPER_SETTING.thetaStarNorm).toBeCloseTo(Math.pow(1000, -0.25), 15);
  });
  it('rejects bad input with one error naming it', () => {
    expect(() => validatePaperConfig({ ...PAPER_SETTING, m: 0 })).toThrow(/invalid m/);
    expect(() => validatePaperConfig({ ...PAPER_SETTING, eta: Number.NaN })).toThrow(/invalid eta/);
    expect(() => validatePaperConfig({ ...PAPER_SETTING, eta: -1e-3 })).toThrow(/invalid eta/);
    expect(() => validatePaperConfig({ ...PAPER_SETTING, d: 2.5 })).toThrow(/invalid d/);
    expect(() => validatePaperConfig({ ...PAPER_SETTING, sigma: -4 })).toThrow(/invalid sigma/);
  });
  it('a width sweep keeps eta m fixed when asked, else eta, and ||theta*|| = scale m^(-1/4)', () => {
    const base = { group: 'g', ms: [64, 256], d: 5, n: 50, sigma: 4, thetaScale: 0.5, reps: 1 };
    expect(sweepConfig({ ...base, etaTimesM: 2 }, 64)).toEqual({ m: 64, d: 5, n: 50, eta: 2 / 64, sigma: 4, thetaStarNorm: 0.5 * Math.pow(64, -0.25) });
    expect(sweepConfig({ ...base, eta: 1e-3, etaTimesM: 2 }, 256).eta).toBe(1e-3);
  });
});
