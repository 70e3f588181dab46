// Shared Jest settings: SWC transpiles TypeScript with decorator metadata (NestJS, TypeORM).
const path = require('node:path');

module.exports = (overrides = {}) => ({
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@sbd/contracts$': path.join(__dirname, 'packages/contracts/src/index.ts'),
    '^@sbd/domain$': path.join(__dirname, 'packages/domain/src/index.ts'),
  },
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.spec.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...overrides,
});
