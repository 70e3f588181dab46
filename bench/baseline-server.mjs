// The baselines: a bare Fastify + mysql2 server with no auth and no DTO assembly.
//   /feed    runs the API's own feed statement (`feedSql`, imported from the API build, so the
//            two cannot drift): the member's street, own community first, by start time.
//   /simple  runs the simplest query that could back a feed: one community's open tasks.
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
app.get('/health', async () => ({ ok: true }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
