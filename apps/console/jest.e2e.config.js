// The console in Chromium (test/e2e): the API from apps/api/dist on a fresh demo city, this build.
// Run: npm run e2e (in apps/console), after `npx nx run-many -t build`.
const preset = require('../../jest.preset.js');

module.exports = preset({
  displayName: 'console-e2e',
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.spec.ts'],
  testTimeout: 120_000,
  maxWorkers: 1,
});
