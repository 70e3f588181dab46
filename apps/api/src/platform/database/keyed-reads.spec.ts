import { KeyedReads, MAX_KEYS } from './keyed-reads';

class Thing {
  constructor(
    public id: number,
    public label: string,
  ) {}
}

/** A fake `loadMany` that records each statement's keys. */
function recording(fail = false) {
  const calls: number[][] = [];
  const loadMany = async (keys: number[]): Promise<Map<number, Thing>> => {
    calls.push(keys);
    await new Promise((r) => setTimeout(r, 1));
    if (fail) throw new Error('database gone');
    return new Map(keys.filter((k) => k > 0).map((k) => [k, new Thing(k, `thing ${k}`)]));
  };
  return { calls, loadMany };
}

describe('KeyedReads', () => {
  it('reads the keys asked in one turn in one statement, each key once', async () => {
    const { calls, loadMany } = recording();
    const reads = new KeyedReads(loadMany, true);
    const got = await Promise.all([reads.get(1), reads.get(2), reads.get(1), reads.get(-5)]);
    expect(calls).toEqual([[1, 2, -5]]);
    expect(got.map((x) => x?.label ?? null)).toEqual(['thing 1', 'thing 2', 'thing 1', null]);
  });

  it('gives each caller its own copy, of the same class', async () => {
    const { loadMany } = recording();
    const reads = new KeyedReads(loadMany, true);
    const [a, b] = await Promise.all([reads.get(7), reads.get(7)]);
    expect(a).not.toBe(b);
    expect(a).toBeInstanceOf(Thing);
    a!.label = 'changed by one caller';
    expect(b!.label).toBe('thing 7');
  });

  it('never joins a read already sent: a later caller reads again', async () => {
    const { calls, loadMany } = recording();
    const reads = new KeyedReads(loadMany, true);
    const first = reads.get(3);
    await new Promise((r) => setImmediate(r));
    const second = reads.get(3);
    await Promise.all([first, second]);
    expect(calls).toEqual([[3], [3]]);
  });

  it('sends a full batch at once and starts another', async () => {
    const { calls, loadMany } = recording();
    const reads = new KeyedReads(loadMany, true);
    await Promise.all(Array.from({ length: MAX_KEYS + 3 }, (_, i) => reads.get(i + 1)));
    expect(calls.map((c) => c.length)).toEqual([MAX_KEYS, 3]);
  });

  it('fails every caller of a failing statement with its error', async () => {
    const { loadMany } = recording(true);
    const reads = new KeyedReads(loadMany, true);
    const results = await Promise.allSettled([reads.get(1), reads.get(2)]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'ok'))).toEqual([
      'database gone',
      'database gone',
    ]);
  });

  it('reads each key on its own when off', async () => {
    const { calls, loadMany } = recording();
    const reads = new KeyedReads(loadMany, false);
    await Promise.all([reads.get(1), reads.get(2)]);
    expect(calls).toEqual([[1], [2]]);
  });

  it("reads one caller's keys together when off, at most MAX_KEYS a statement", async () => {
    const { calls, loadMany } = recording();
    const reads = new KeyedReads(loadMany, false);
    const keys = [...Array.from({ length: MAX_KEYS + 2 }, (_, i) => i + 1), 1, -4];
    const got = await reads.getMany(keys);
    expect(calls.map((c) => c.length)).toEqual([MAX_KEYS, 3]);
    expect(got.map((x) => x?.id ?? null)).toEqual(keys.map((k) => (k > 0 ? k : null)));
  });

  it("shares one caller's keys with other callers' when on", async () => {
    const { calls, loadMany } = recording();
    const reads = new KeyedReads(loadMany, true);
    const [many, one] = await Promise.all([reads.getMany([1, 2, 2]), reads.get(3)]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(many.map((x) => x?.label)).toEqual(['thing 1', 'thing 2', 'thing 2']);
    expect(many[1]).not.toBe(many[2]);
    expect(one?.label).toBe('thing 3');
  });
});
