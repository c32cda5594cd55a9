import { calibrate, describeCalibration } from '../verdict/calibration.js';
import { FAMILY_ALPHA, perTestAlpha } from '../stats/multiplicity.js';
import type { Methods, RuleDescription } from '../report/schema.js';

/**
 * The report's Methods, computed here at the edge and handed to the report as data: the family-wise error rate and its
 * split, the calibration of the decisions on constructed truths (seeded: the same text for the same family), and the
 * decision rules, each stated once (`rules`, from src/verdict's rule registry when it is passed).
 */
export function auditMethods(familySize: number, rules: readonly RuleDescription[] = []): Methods {
  const alpha = perTestAlpha(familySize);
  const calibration = describeCalibration(calibrate({ alpha }));
  return {
    familyAlpha: FAMILY_ALPHA,
    familySize,
    perTestAlpha: alpha,
    correction: 'Bonferroni split over the tests declared in theorems/ (fixed before any run, so a verdict does not depend on which claims ran or on sharding)',
    intervals: 'Probabilities: exact Clopper-Pearson bounds (never a normal approximation); exact conditional probabilities (beta and chi-square CDFs) where a closed form exists. Scaling laws: OLS on log-log data with Student-t intervals for the exponent.',
    notes: [
      'Verdicts: holds (tested over the declared domain, nothing contradicts it, and the bound binds somewhere tested), fails (a shrunk, replayable counterexample or a rejected test), erratum (the printed form fails, a stated corrected form holds), vacuous (true where tested only because the bound is trivial there; the size where it binds is given), inconclusive (neither side shown at the reachable size).',
      'Conformance mode (`npm test`) compares each computed verdict with the reviewed expectation in its theorems/ file; the audit (`npm run audit`) reports every verdict as a finding.',
      'All theory checks run in float64; tolerances are stated beside each comparison in its thresholds.',
    ],
    rules: [...rules],
    calibration,
  };
}
