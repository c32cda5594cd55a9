import { describe, expect, it } from 'vitest';
import { costOrder, fileCosts } from '../../src/cli/sequencer.js';

const files = ['/r/properties/a.x.prop.test.ts', '/r/properties/b.y.prop.test.ts', '/r/properties/proofs/proof-c2.prop.test.ts', '/r/properties/new.claim.prop.test.ts'];
const claims = [
  { id: 'a.x', seconds: 5 },
  { id: 'b.y', seconds: 40 },
  { id: 'proof-c2.step-1', seconds: 3 },
  { id: 'proof-c2.step-2', seconds: 4 },
  { id: 'proof-c2.step-3', seconds: 100 },
];

// the proof file registers its steps by quoting their ids; another proof file's steps are not its cost
const read = (f: string): string => (f.endsWith('proof-c2.prop.test.ts') ? "proofStep('proof-c2.step-1'); proofStep(\"proof-c2.step-2\")" : '');

describe('the audit starts the most expensive claim files first', () => {
  it('costs a record file by its claim and a proof file by the sum of its steps; a file with no cost is unknown', () => {
    const c = fileCosts(files, claims, read);
    expect(c.get(files[0] as string)).toBe(5);
    expect(c.get(files[1] as string)).toBe(40);
    expect(c.get(files[2] as string)).toBe(7);
    expect(c.has(files[3] as string)).toBe(false);
  });
  it('orders by cost, unknown files as the most expensive known, ties by path', () => {
    const order = costOrder(files, (f) => f, fileCosts(files, claims, read));
    expect(order).toEqual([files[1], files[3], files[2], files[0]]);
    // with no report at all, the order is the paths' order (a fixed order, not the file system's)
    expect(costOrder([...files].reverse(), (f) => f, new Map())).toEqual([...files].sort());
  });
});
