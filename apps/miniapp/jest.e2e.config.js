// The real-browser end-to-end test of the service loop (test/e2e/*.e2e.spec.ts): Node environment,
// one worker, long timeouts. It starts the API from apps/api/dist and drives the H5 build in
// Chromium. Run: npm run e2e (in apps/miniapp), after building the API and both mini-program targets.
const preset = require('../../jest.preset.js');

module.exports = preset({
  displayName: 'miniapp-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
});
