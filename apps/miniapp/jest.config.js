// Jest for the mini-program: the shared SWC preset, jsdom, and small test doubles standing in
// for @tarojs/taro and @tarojs/components (see test/doubles). Run: npm test (in apps/miniapp).
const path = require('node:path');
const preset = require('../../jest.preset.js');

const base = preset();

module.exports = preset({
  displayName: 'miniapp',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  moduleNameMapper: {
    ...base.moduleNameMapper,
    '^@tarojs/taro$': path.join(__dirname, 'test/doubles/taro.ts'),
    '^@tarojs/components$': path.join(__dirname, 'test/doubles/components.tsx'),
    '\\.css$': path.join(__dirname, 'test/doubles/style.ts'),
    // The app's own aliases (tsconfig paths, Taro config alias): @/ is src, @test/ is test.
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@test/(.*)$': '<rootDir>/test/$1',
  },
  // test/e2e runs on its own (jest.e2e.config.js, npm run e2e).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/test/e2e/'],
});
