import { expectProblem, problemsOf, reference, ruleById, theProblem } from '../../helpers/blueprints';

const RULE = 'tags';

function withTags(tags: Record<string, string>) {
  const bp = reference();
  bp.tags = tags;
  return bp;
}

describe(RULE, () => {
  it('accepts the reference blueprint', () => {
    expect(ruleById(RULE).check(reference())).toEqual([]);
  });

  it('refuses the aws: prefix, in any case', () => {
    expectProblem(theProblem(withTags({ 'aws:cost': 'x' }), RULE), { path: '$.tags["aws:cost"]', shows: ['"aws:cost"', 'reserved by AWS'] });
    expectProblem(theProblem(withTags({ 'AWS:Cost': 'x' }), RULE), { path: '$.tags["AWS:Cost"]', shows: ['"AWS:Cost"'] });
  });

  it('refuses Name, which the tool sets itself', () => {
    expectProblem(theProblem(withTags({ Name: 'acme' }), RULE), { path: '$.tags.Name', shows: ['"Name"'] });
  });

  it('refuses an empty key and a key over 128 characters', () => {
    expectProblem(theProblem(withTags({ '': 'x' }), RULE), { path: '$.tags[""]', shows: ['= "":', '1 to 128'] });
    const key = 'k'.repeat(129);
    // long values are shortened in messages: the first 79 characters and an ellipsis
    expectProblem(theProblem(withTags({ [key]: 'x' }), RULE), { path: `$.tags.${key}`, shows: [`"${'k'.repeat(78)}…`] });
  });

  it('refuses a value over 256 characters', () => {
    expectProblem(theProblem(withTags({ Owner: 'v'.repeat(257) }), RULE), { path: '$.tags.Owner', shows: [`"${'v'.repeat(78)}…`, 'at most 256'] });
  });

  it('accepts keys of 128 and values of 256 characters', () => {
    expect(problemsOf(withTags({ ['k'.repeat(128)]: 'v'.repeat(256), 'cost-centre': '' }), RULE)).toEqual([]);
  });
});
