// Unit specs live beside the code (src/**/*.spec.ts); e2e specs drive the real AppModule (test/e2e).
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  displayName: `api:${process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite'}`,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Every response a spec receives is searched for full phone and ID numbers (test/support/pii-scan.ts).
  setupFilesAfterEnv: ['<rootDir>/test/support/pii-scan.setup.ts'],
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : '50%',
});
