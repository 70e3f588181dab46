import autocannon from 'autocannon';
import { mintToken } from './lib.mjs';
const secret = process.env.SECRET;
const run = (path, auth=true) => new Promise((res) => autocannon({ url: 'http://127.0.0.1:3811', connections: 20, duration: 4, requests: Array.from({length: 50}, (_, i) => ({ method: 'GET', path, headers: auth ? { authorization: `Bearer ${mintToken(secret, 1 + i * 97)}` } : {} })) }, (e, r) => res(r)));
for (const [p, a] of [['/health/live', false], ['/api/me', true], ['/api/tasks/feed?limit=20', true]]) {
  const r = await run(p, a);
  console.log(p, 'rps', r.requests.average, 'p50', r.latency.p50, 'non2xx', r.non2xx);
}
