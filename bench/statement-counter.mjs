// Preloaded into a benchmarked server (node --import ./bench/statement-counter.mjs …): counts the
// statements it sends to MySQL (every query and execute of every mysql2 connection, pools and
// transactions' BEGIN/COMMIT included) and answers them with the process's CPU time on
// http://127.0.0.1:$STATEMENT_COUNTER_PORT/, so the claims suite can measure statements and CPU per claim.
import http from 'node:http';
import mysql from 'mysql2';

const { Connection } = mysql;

/** Where query and execute live, for plain and pooled connections alike. */
const base = Object.getPrototypeOf(Connection.prototype);

const counts = { statements: 0 };
for (const method of ['query', 'execute']) {
  const original = base[method];
  base[method] = function counted(...args) {
    counts.statements += 1;
    return original.apply(this, args);
  };
}

const port = Number(process.env.STATEMENT_COUNTER_PORT);
if (port) {
  http
    .createServer((_req, res) => {
      const cpu = process.cpuUsage();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ statements: counts.statements, cpuMicros: cpu.user + cpu.system }));
    })
    .listen(port, '127.0.0.1')
    .unref();
}
