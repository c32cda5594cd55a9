// Transitional re-exports: the numerics moved to src/theory/logTails.ts, bisect to src/stats, fmt/finite to src/stats/format.ts, the tallies to src/verdict/explorations.ts.
export * from '../../src/theory/logTails.js';
export * from '../../src/stats/bisect.js';
export * from '../../src/stats/format.js';
export * from '../../src/verdict/explorations.js';
