// The real-browser end-to-end tests (test/e2e/*.e2e.spec.ts): Node environment, one worker, long
// timeouts. They start the API from apps/api/dist and drive the H5 build in Chromium. The
// loop-*.e2e.spec.ts files tell one story on one API (started and stopped around the run by
// test/e2e/loop-global.ts), so the files run one after the other, by name.
// Run: npm run e2e (in apps/miniapp), after building the API and both mini-program targets.
const preset = require('../../jest.preset.js');

module.exports = preset({
  displayName: 'miniapp-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
  globalSetup: '<rootDir>/test/e2e/loop-global-setup.ts',
  globalTeardown: '<rootDir>/test/e2e/loop-global-teardown.ts',
  testSequencer: '<rootDir>/test/e2e/loop-sequencer.js',
});
