/**
 * Loading the cdk seam leaves archiver and semver unloaded (src/cdk/deferred-modules.ts),
 * and each still works when cdktf uses it. In a child process on the build: jest
 * has a module registry of its own, where nothing is deferred.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

const DIST = path.join(__dirname, '..', '..', 'dist');

function inNode(script: string): unknown {
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', cwd: path.join(DIST, '..') }));
}

describe('modules synthesis never uses', () => {
  it('are not loaded with cdktf, and load on first use', () => {
    const result = inNode(`
      require(${JSON.stringify(path.join(DIST, 'cdk', 'core.js'))});
      require(${JSON.stringify(path.join(DIST, 'cdk', 'aws.js'))});
      const loaded = () => Object.keys(require.cache).filter((f) => /[\\\\/](archiver|archiver-utils|lodash|readable-stream|semver)[\\\\/]/.test(f) && !/[\\\\/](archiver|semver)[\\\\/](index|package)\\.js(on)?$/.test(f)).length;
      const before = loaded();
      const cdktf = require.resolve('cdktf/package.json');
      const fromCdktf = (request, from) => require(require.resolve(request, { paths: [require('path').join(require('path').dirname(cdktf), from)] }));
      const archive = fromCdktf('archiver', 'lib/private')('zip');
      const semver = fromCdktf('semver', 'lib/validations');
      console.log(JSON.stringify({ before, zip: typeof archive.pipe, satisfies: semver.satisfies('1.11.0', '>=1.5'), after: loaded() > 0 }));
    `);
    expect(result).toEqual({ before: 0, zip: 'function', satisfies: true, after: true });
  });
});
