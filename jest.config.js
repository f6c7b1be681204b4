/** Tests run TypeScript straight from src/ through SWC (no type-check; `npm run build` type-checks). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Two workers even on 2 cores (jest's default there is one): the heavy suites spend much of their time waiting on
  // terraform, npm and tmux child processes, which the other worker overlaps. Measured from a fresh clone on 2 cores:
  // jest 324 s with one worker, 219 s with two.
  maxWorkers: 2,
  // A guard against a hang, not a speed check: with two workers sharing two cores a test may take twice as long.
  testTimeout: 60000,
};
