// Unit specs live beside the code (src/**/*.spec.ts); e2e specs drive the real AppModule (test/e2e).
module.exports = require('../../jest.preset.js')({
  rootDir: __dirname,
  displayName: `api:${process.env.TEST_DB === 'mysql' ? 'mysql' : 'sqlite'}`,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : '50%',
});
