import { replicaSafe } from './read-routing';
import { isRecentWrite } from './read-routing.service';
import { covers, parseGtidPos, pruneHistory, replicaLagMs, type PrimaryMark } from './replica-lag';

const mark = (at: number, pos: string): PrimaryMark => ({ at, pos: parseGtidPos(pos) });

describe('replica lag from GTIDs', () => {
  it('parses MariaDB positions, keeping the highest sequence of each domain', () => {
    expect([...parseGtidPos('0-1-100,1-2-7')]).toEqual([
      [0, 100n],
      [1, 7n],
    ]);
    expect(parseGtidPos('').size).toBe(0);
    expect(parseGtidPos(null).size).toBe(0);
    expect(parseGtidPos('0-1-18446744073709551615').get(0)).toBe(18446744073709551615n);
  });

  it('says a replica covers the primary only when every domain is applied as far', () => {
    expect(covers(parseGtidPos('0-1-10'), parseGtidPos('0-1-10'))).toBe(true);
    expect(covers(parseGtidPos('0-1-11'), parseGtidPos('0-1-10'))).toBe(true);
    expect(covers(parseGtidPos('0-1-9'), parseGtidPos('0-1-10'))).toBe(false);
    expect(covers(parseGtidPos('0-1-10'), parseGtidPos('0-1-10,1-1-1'))).toBe(false);
    expect(covers(parseGtidPos(''), parseGtidPos(''))).toBe(true);
  });

  const history = [mark(1_000, '0-1-5'), mark(1_500, '0-1-9'), mark(2_000, '0-1-12')];
  const base = { history, secondsBehind: 0, now: 2_010, maxLagMs: 3_000 };

  it('is 0 when the replica has what the primary had at the last measurement', () => {
    expect(replicaLagMs({ ...base, replicaPos: parseGtidPos('0-1-12') })).toBe(0);
  });

  it('is the age of the newest primary position the replica has applied', () => {
    expect(replicaLagMs({ ...base, replicaPos: parseGtidPos('0-1-10') })).toBe(510);
    expect(replicaLagMs({ ...base, replicaPos: parseGtidPos('0-1-5') })).toBe(1_010);
  });

  it('is not fooled by a stopped replication when nothing was written meanwhile', () => {
    expect(replicaLagMs({ ...base, secondsBehind: null, replicaPos: parseGtidPos('0-1-12') })).toBe(0);
  });

  it('falls back on Seconds_Behind_Master, or "unbounded", when no remembered position is applied', () => {
    const replicaPos = parseGtidPos('0-1-2');
    expect(replicaLagMs({ ...base, replicaPos, secondsBehind: 2 })).toBe(2_000);
    expect(replicaLagMs({ ...base, replicaPos, secondsBehind: null })).toBe(Number.POSITIVE_INFINITY);
    // The oldest remembered position is older than the bound: behind by at least that much.
    expect(replicaLagMs({ ...base, replicaPos, secondsBehind: 0, now: 5_000 })).toBe(4_000);
  });

  it('uses Seconds_Behind_Master alone on servers without MariaDB GTIDs', () => {
    expect(replicaLagMs({ ...base, history: [], replicaPos: null, secondsBehind: 1 })).toBe(1_000);
    expect(replicaLagMs({ ...base, history: [], replicaPos: null, secondsBehind: null })).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('keeps the marks younger than the window, and always the newest', () => {
    expect(pruneHistory(history, 2_100, 700).map((m) => m.at)).toEqual([1_500, 2_000]);
    expect(pruneHistory(history, 60_000, 700).map((m) => m.at)).toEqual([2_000]);
  });
});

describe('read routing rules', () => {
  it('sends only plain reads to the replica', () => {
    expect(replicaSafe('SELECT * FROM tasks WHERE id = ?')).toBe(true);
    expect(replicaSafe('  with x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(replicaSafe('(SELECT 1) UNION (SELECT 2)')).toBe(true);
    expect(replicaSafe('SELECT id FROM tasks WHERE id = ? FOR UPDATE')).toBe(false);
    expect(replicaSafe('SELECT id FROM tasks LOCK IN SHARE MODE')).toBe(false);
    expect(replicaSafe('SELECT GET_LOCK(?, 10) AS got')).toBe(false);
    expect(replicaSafe('SELECT LAST_INSERT_ID() AS id')).toBe(false);
    expect(replicaSafe('UPDATE tasks SET status = ?')).toBe(false);
    expect(replicaSafe('INSERT INTO x SELECT * FROM y')).toBe(false);
  });

  it('keeps a session on the primary for the window after its write stamp', () => {
    const now = 1_700_000_000_000;
    expect(isRecentWrite(String(now - 1_000), now, 5_000)).toBe(true);
    expect(isRecentWrite([String(now - 1_000)], now, 5_000)).toBe(true);
    expect(isRecentWrite(String(now - 5_000), now, 5_000)).toBe(false);
    expect(isRecentWrite(undefined, now, 5_000)).toBe(false);
    expect(isRecentWrite('soon', now, 5_000)).toBe(false);
    expect(isRecentWrite(String(now + 60_000), now, 5_000)).toBe(false);
  });
});
