/**
 * Loading the cdk seam leaves archiver, semver, json-stable-stringify and the Reachability Analyzer's provider
 * classes unloaded (src/cdk/deferred-modules.ts),
 * and each still works when cdktf uses it. In a child process on the build: jest
 * has a module registry of its own, where nothing is deferred.
 */
import * as path from 'node:path';
import { DIST, inNode } from '../helpers/in-node';

describe('modules synthesis never uses', () => {
  it('are not loaded with cdktf, and load on first use', () => {
    const result = inNode(`
      require(${JSON.stringify(path.join(DIST, 'cdk', 'core.js'))});
      require(${JSON.stringify(path.join(DIST, 'cdk', 'aws.js'))});
      const loaded = () => Object.keys(require.cache).filter((f) => /[\\\\/](archiver|archiver-utils|lodash|readable-stream|semver|json-stable-stringify|call-bind)[\\\\/]/.test(f) && !/[\\\\/](archiver|semver|json-stable-stringify)[\\\\/](index|package)\\.js(on)?$/.test(f)).length;
      const before = loaded();
      const cdktf = require.resolve('cdktf/package.json');
      const fromCdktf = (request, from) => require(require.resolve(request, { paths: [require('path').join(require('path').dirname(cdktf), from)] }));
      const archive = fromCdktf('archiver', 'lib/private')('zip');
      const semver = fromCdktf('semver', 'lib/validations');
      const stringify = fromCdktf('json-stable-stringify', 'lib/synthesize');
      console.log(JSON.stringify({ before, zip: typeof archive.pipe, satisfies: semver.satisfies('1.11.0', '>=1.5'), sorted: stringify({ b: 1, a: 2 }), after: loaded() > 0 }));
    `);
    expect(result).toEqual({ before: 0, zip: 'function', satisfies: true, sorted: '{"a":2,"b":1}', after: true });
  });

  it('leave the Reachability Analyzer classes unloaded until a stack uses one', () => {
    const result = inNode(`
      const aws = require(${JSON.stringify(path.join(DIST, 'cdk', 'aws.js'))});
      const files = ['ec2-network-insights-analysis', 'ec2-network-insights-path'].map((m) => require.resolve('@cdktf/provider-aws/lib/' + m));
      // A stand-in's exports are a callable proxy; the real module's are a plain object.
      const real = () => files.map((f) => typeof require.cache[f].exports === 'object');
      const before = real();
      const names = [aws.Ec2NetworkInsightsAnalysis.name, aws.Ec2NetworkInsightsPath.name];
      console.log(JSON.stringify({ before, names, after: real() }));
    `);
    expect(result).toEqual({ before: [false, false], names: ['Ec2NetworkInsightsAnalysis', 'Ec2NetworkInsightsPath'], after: [true, true] });
  });
});
