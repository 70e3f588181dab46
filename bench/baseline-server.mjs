// The baseline: a bare Fastify + mysql2 handler running the same feed query as the API
// (open tasks of one community, ordered by start time), with no auth and no DTO assembly.
import Fastify from 'fastify';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: Number(process.env.DB_POOL_SIZE ?? 20), timezone: 'Z' });
const app = Fastify({ logger: false });
const toDbDate = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

app.get('/feed', async (req) => {
  const communityId = Number(req.query.communityId);
  const [rows] = await pool.query(
    `SELECT * FROM tasks t
      WHERE t.status IN ('published', 'in_progress') AND t.ends_at > ? AND t.community_id = ?
      ORDER BY t.starts_at ASC, t.id ASC LIMIT 21`,
    [toDbDate(new Date()), communityId],
  );
  return { items: rows.slice(0, 20), nextCursor: rows.length > 20 ? String(rows[19].id) : null };
});
app.get('/health', async () => ({ ok: true }));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
