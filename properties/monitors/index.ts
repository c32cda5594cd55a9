import type { PremiseMonitor } from '../../src/verdict/monitor.js';
import { CIFAR_LINEARIZATION_MONITORS } from './cifarLinearization.js';
import { LAZY_ESCAPE_MONITORS } from './lazyEscape.js';
import { LAZY_WINDOW_MONITORS } from './lazyWindow.js';
import { SGD_NEURON_STEP_MONITORS } from './sgdNeuronStep.js';

/** Every premise monitor of the suite (one file per kind of premise in this folder; see lazyWindow.ts for the pattern). */
export const MONITORS: readonly PremiseMonitor[] = [...LAZY_WINDOW_MONITORS, ...LAZY_ESCAPE_MONITORS, ...SGD_NEURON_STEP_MONITORS, ...CIFAR_LINEARIZATION_MONITORS];
