// Jest for the console: the shared SWC preset and jsdom. Run: npm test (in apps/console).
const preset = require('../../jest.preset.js');

const base = preset();

module.exports = preset({
  displayName: 'console',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
  moduleNameMapper: { ...base.moduleNameMapper, '^@/(.*)$': '<rootDir>/src/$1' },
});
