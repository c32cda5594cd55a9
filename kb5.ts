import record from './theorems/lemma-3.nonpositive.js';
import { sampleSetting } from './src/scenarios/premiseStateSample.js';
import { constructLazyState, datasetOf } from './src/scenarios/lazyPremiseStates.js';
import { stepLaw } from './src/scenarios/deltaWStepLaw.js';
import { stream } from './src/engine/rng.js';
const dom = (record as any).domain.quick;
for (const s of dom.settings) {
  const t0 = process.cpuUsage();
  sampleSetting(s, 'x');
  const u = process.cpuUsage(t0);
  console.log(s.label, ((u.user + u.system) / 1e6).toFixed(2), 's');
}
const s = dom.settings[0];
let t0 = process.cpuUsage();
const { state } = constructLazyState(s.config.m, s.config.d, 'x', { move: 'random', a: 'init' }, stream('x', 'move'));
let u = process.cpuUsage(t0); console.log('construct', ((u.user + u.system) / 1e6).toFixed(2));
const data = datasetOf(s.config, 'x');
t0 = process.cpuUsage(); stepLaw(state, data, s.config.sigma); u = process.cpuUsage(t0); console.log('stepLaw', ((u.user + u.system) / 1e6).toFixed(2));
