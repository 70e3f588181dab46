// The loop-*.e2e.spec.ts files continue one story (loop-1 … loop-4): run the e2e files by name,
// not by Jest's default order (slowest or failed first).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file Jest loads as is
const Sequencer = require('@jest/test-sequencer').default;

class ByName extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
}

module.exports = ByName;
