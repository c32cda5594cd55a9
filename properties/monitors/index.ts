import type { PremiseMonitor } from '../../src/verdict/monitor.js';
import { LAZY_WINDOW_MONITORS } from './lazyWindow.js';
import { CIFAR_LINEARIZATION_MONITORS } from './cifarLinearization.js';

/** Every premise monitor of the suite (one file per kind of premise in this folder; see lazyWindow.ts for the pattern). */
export const MONITORS: readonly PremiseMonitor[] = [...LAZY_WINDOW_MONITORS, ...CIFAR_LINEARIZATION_MONITORS];
