/** What the malformed-body suites of the service loop share: their runs, and the suite of a loop world. */
import type { LoopWorld } from './loop-world';
import type { MalformedSuite } from './malformed-routes';

/** Runs per family of malformed bodies on the loop's routes (FC_RUNS overrides), and of huge bodies. */
export const LOOP_RUNS = { runs: Number(process.env.FC_RUNS ?? 20), hugeRuns: 3 };

export const loopSuite = (w: () => LoopWorld, tags: string[]): MalformedSuite => ({
  app: () => w().t,
  tags,
  ...LOOP_RUNS,
});
