import { InputError, requireNumber } from '../../errors.js';
import { MAX_BATCH } from '../limits.js';
import type { Rule } from './types.js';

/** Rejects a rule with a NaN, negative or zero step size, a negative sigma, a bad batch, ... naming the field. */
export function validateRule(rule: Rule): Rule {
  if (rule === null || typeof rule !== 'object') throw new InputError('rule', 'expected an object');
  requireNumber('eta', rule.eta, { min: 0, exclusiveMin: true });
  if (rule.kind === 'oscillation') return rule;
  if (rule.kind !== 'sgd' && rule.kind !== 'sam') throw new InputError('rule.kind', `unknown rule ${JSON.stringify((rule as { kind: unknown }).kind)}`);
  requireNumber('sigma', rule.sigma, { min: 0 });
  if (rule.batch !== 'full') requireNumber('batch', rule.batch, { min: 1, max: MAX_BATCH, integer: true });
  if (rule.kind === 'sam') requireNumber('rho', rule.rho, { min: 0 });
  if (rule.kind === 'sgd') {
    if (rule.noise !== undefined && rule.noise !== 'rademacher' && rule.noise !== 'gaussian') {
      throw new InputError('noise', `expected rademacher or gaussian, got ${JSON.stringify(rule.noise)}`);
    }
    if (rule.schedule !== undefined) {
      if (rule.schedule === null || typeof rule.schedule !== 'object') throw new InputError('schedule', `expected {on, off}, got ${rule.schedule === null ? 'null' : typeof rule.schedule}`);
      requireNumber('schedule.on', rule.schedule.on, { min: 1, integer: true });
      requireNumber('schedule.off', rule.schedule.off, { min: 0, integer: true });
    }
  }
  return rule;
}
