/**
 * Loading the blueprint schema leaves zod's locale index unloaded (src/blueprint/deferred-zod-locales.ts):
 * refusals are still worded, and z.locales still works when read. In a child process on the build: jest
 * has a module registry of its own, where nothing is deferred.
 */
import * as path from 'node:path';
import { DIST, inNode } from '../helpers/in-node';

describe("zod's locales", () => {
  it('are not loaded with the schema, the English messages are, and z.locales loads them on first use', () => {
    const result = inNode(`
      const { validateBlueprint } = require(${JSON.stringify(path.join(DIST, 'blueprint', 'validate.js'))});
      const locales = () => Object.keys(require.cache).filter((f) => /zod[\\\\/]v4[\\\\/]locales[\\\\/](?!index|en)/.test(f)).length;
      const index = require.resolve('zod/v4/locales');
      const standIn = typeof require.cache[index].exports === 'function';
      const refused = validateBlueprint({ name: 7 }).problems.length > 0;
      const issue = require('zod').z.string().safeParse(7).error.issues[0].message;
      const before = locales();
      const german = typeof require('zod').z.locales.de;
      console.log(JSON.stringify({ standIn, refused, issue, before, german, after: locales() > 0 }));
    `);
    expect(result).toEqual({ standIn: true, refused: true, issue: 'Invalid input: expected string, received number', before: 0, german: 'function', after: true });
  });
});
