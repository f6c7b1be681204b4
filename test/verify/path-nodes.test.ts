import { branchNode, endNode, PathAlgebra, stepNode, type PathNode } from '../../src/verify/path';

// The proof reads cached fields of millions of nodes; it relies on every node having one
// shape (path.ts), whatever its kind and whichever optional fields it was given.
describe('path nodes', () => {
  const end = endNode({ hops: ['a'], exit: 3 });
  const failed = endNode({ hops: [], exit: -1, failure: 'no route', exitVia: 'rt [0.0.0.0/0] → IGW' });
  const step = stepNode({ hops: ['TGW'], enters: 'att', next: end });
  const inspected = stepNode({ hops: ['GWLBe'], inspection: { fleet: 'f', endpoint: 'e', az: 'az1' }, nat: 'nat', exitVia: 'x', next: failed });
  const branch = branchNode({ attachment: 2, sticky: true, children: [step, inspected] });
  const all: PathNode[] = [end, failed, step, inspected, branch];

  it('have the same own fields in the same order, whatever their kind and options', () => {
    const shapes = new Set(all.map((node) => Object.keys(node).join(',')));
    expect(shapes.size).toBe(1);
  });

  it('keep the shape once their outcomes are cached', () => {
    const before = Object.keys(branch).join(',');
    const algebra = new PathAlgebra();
    for (const node of all) algebra.outcomes(node);
    expect(all.map((node) => Object.keys(node).join(','))).toEqual(all.map(() => before));
  });

  it('carry what they were given, and nothing of another kind', () => {
    expect(failed).toMatchObject({ kind: 'end', exit: -1, failure: 'no route', exitVia: 'rt [0.0.0.0/0] → IGW', next: undefined, children: undefined });
    expect(inspected).toMatchObject({ kind: 'step', nat: 'nat', next: failed, inspection: { endpoint: 'e' }, children: undefined });
    expect(branch).toMatchObject({ kind: 'branch', attachment: 2, sticky: true, children: [step, inspected], next: undefined });
  });

  it('judge alike whichever constructor built them: entries and outcomes follow the fields', () => {
    const algebra = new PathAlgebra();
    // A step with nothing to add shares its next node's entries; an inspection is prepended.
    expect(algebra.entries(step)).toBe(algebra.entries(end));
    expect(algebra.entries(inspected)[0].summary.inspections.map((i) => i.endpoint)).toEqual(['e']);
    expect(algebra.outcomes(step)).toBe(algebra.outcomes(end));
    expect(algebra.outcomes(inspected)).not.toBe(algebra.outcomes(end));
    expect(step.commonExit).toBe(3);
    expect(algebra.entries(branch)).toHaveLength(2);
  });
});
