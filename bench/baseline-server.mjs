// The baselines: a bare Fastify + mysql2 server with no auth and no DTO assembly.
//   /feed    runs the API's own feed statement (`feedSql`, imported from the API build, so the
//            two cannot drift): the member's street, own community first, by start time.
//   /simple  runs the simplest query that could back a feed: one community's open tasks.
//   /claim   the least a correct claim must do: one transaction with the conditional slot update
//            and the claim row (claimed, or waitlisted when full); no auth, repeats, overlaps.
import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { API_DIST, toDbDate } from './lib.mjs';

const { feedSql } = createRequire(import.meta.url)(join(API_DIST, 'loop', 'tasks', 'feed-page.js'));
const pool = mysql.createPool({
  uri: process.env.DATABASE_URL,
  connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20),
  timezone: 'Z',
});
const app = Fastify({ logger: false });

app.get('/feed', async (req) => {
  const home = { communityId: Number(req.query.communityId), streetId: Number(req.query.streetId) };
  const { sql, params } = feedSql(home, {}, new Date(), 20);
  const [rows] = await pool.query(sql, params);
  return { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? String(rows[19].id) : null };
});
app.get('/simple', async (req) => {
  const [rows] = await pool.query(
    `SELECT * FROM tasks t
      WHERE t.status IN ('published', 'in_progress') AND t.ends_at > ? AND t.community_id = ?
      ORDER BY t.starts_at ASC, t.id ASC LIMIT 21`,
    [toDbDate(new Date()), Number(req.query.communityId)],
  );
  return { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? String(rows[19].id) : null };
});
app.post('/claim', async (req) => {
  const { taskId, userId } = req.body;
  const conn = await pool.getConnection();
  try {
    await conn.query('START TRANSACTION');
    const now = toDbDate(new Date());
    const [slot] = await conn.query(
      `UPDATE tasks SET claimed_count = claimed_count + 1, updated_at = ?
        WHERE id = ? AND status IN ('published', 'in_progress') AND claimed_count < capacity`,
      [now, taskId],
    );
    const status = slot.affectedRows === 1 ? 'claimed' : 'waitlisted';
    await conn.query(
      `INSERT INTO claims (task_id, member_user_id, registration_id, claimed_by_id, status, starts_at, ends_at, credit_half_hours, claimed_at, updated_at)
       SELECT id, ?, ?, ?, ?, starts_at, ends_at, 0, ?, ? FROM tasks WHERE id = ?`,
      [userId, userId, userId, status, now, now, taskId],
    );
    await conn.query('COMMIT');
    return { status };
  } catch (err) {
    await conn.query('ROLLBACK');
    throw err;
  } finally {
    conn.release();
  }
});
app.get('/health', async () => ({ ok: true }));
// What nginx in front of it waits for (the cluster suite puts the baseline behind its own nginx).
app.get('/health/ready', async () => ({ ok: true }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
