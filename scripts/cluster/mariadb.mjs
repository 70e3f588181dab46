// A private MariaDB primary and its replica from Debian's mariadb-server: one datadir is installed
// once and copied for the replica (both start empty and identical), the primary writes a binary
// log with GTIDs (server_id 1), the replica (server_id 2, read-only) follows it with
// MASTER_USE_GTID=slave_pos. Never the shared server on 3306.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { startProcess, tail, waitFor } from './processes.mjs';

export const MARIADBD = '/usr/sbin/mariadbd';
const INSTALLERS = ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db', '/usr/scripts/mariadb-install-db'];
const installer = () => INSTALLERS.find((p) => existsSync(p));

export const mariadbAvailable = () => existsSync(MARIADBD) && Boolean(installer());

/** Replication account (loopback only) and the API's account on the replica (reads only). */
export const REPL_USER = 'sbd_repl';
export const READER_USER = 'sbd_reader';

const asRoot = () => (process.getuid?.() === 0 ? ['--user=root'] : []);

/** Installs an empty datadir (system tables, root without password on loopback). ~4 s. */
export function installDatadir(datadir) {
  const res = spawnSync(
    installer(),
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...asRoot(),
    ],
    { encoding: 'utf8' },
  );
  if (res.status !== 0) throw new Error(`${installer()} failed: ${res.stderr || res.stdout}`);
}

export const copyDatadir = (from, to) => cpSync(from, to, { recursive: true });

/** Starts mariadbd on `datadir`; `role` is 'primary' or 'replica'. Resolves once it accepts connections. */
export async function startMariadb({ dir, datadir, port, role, onExit }) {
  const name = `mariadb-${role}`;
  const log = join(dir, `${name}.log`);
  const replication =
    role === 'primary'
      ? ['--server-id=1', `--log-bin=${join(dir, 'primary-bin')}`, '--binlog-format=ROW', '--gtid-strict-mode=1']
      : [
          '--server-id=2',
          '--skip-log-bin',
          `--relay-log=${join(dir, 'replica-relay')}`,
          '--read-only=1',
          '--skip-slave-start',
          '--gtid-strict-mode=1',
        ];
  const child = startProcess(
    name,
    MARIADBD,
    [
      '--no-defaults',
      `--datadir=${datadir}`,
      `--socket=${join(dir, `${name}.sock`)}`,
      `--pid-file=${join(dir, `${name}.pid`)}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--character-set-server=utf8mb4',
      '--collation-server=utf8mb4_unicode_ci',
      '--innodb-buffer-pool-size=64M',
      '--max-connections=300',
      ...replication,
      ...asRoot(),
    ],
    { log, onExit },
  );
  await waitFor(`${name} on port ${port}`, () => ping(port), {
    failed: () => (child.alive() ? null : `exited\n${tail(log)}`),
  });
  return child;
}

async function ping(port, user = 'root') {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user, connectTimeout: 1000 });
  await c.end();
  return true;
}

/** Runs statements as root on a server; answers the last result's rows. */
export async function sql(port, statements) {
  const c = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root', multipleStatements: false });
  try {
    let rows;
    for (const s of statements) [rows] = await c.query(s);
    return rows;
  } finally {
    await c.end();
  }
}

/**
 * On the primary: the database, the replication account and the API's read-only replica account
 * (binary-logged, so the replica gets them too). On the replica: CHANGE MASTER … MASTER_USE_GTID,
 * START SLAVE; resolves once the replica has the database.
 */
export async function setUpReplication({ primaryPort, replicaPort, database }) {
  await sql(primaryPort, [
    `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    `CREATE USER IF NOT EXISTS '${REPL_USER}'@'127.0.0.1'`,
    `GRANT REPLICATION SLAVE ON *.* TO '${REPL_USER}'@'127.0.0.1'`,
    `CREATE USER IF NOT EXISTS '${READER_USER}'@'127.0.0.1'`,
    // SELECT for the reads, SLAVE MONITOR for SHOW SLAVE STATUS (the lag check).
    `GRANT SELECT, SLAVE MONITOR ON *.* TO '${READER_USER}'@'127.0.0.1'`,
  ]);
  await sql(replicaPort, [
    `CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primaryPort}, MASTER_USER='${REPL_USER}', ` +
      `MASTER_PASSWORD='', MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos`,
    'START SLAVE',
  ]);
  await waitFor(
    'the replica to follow the primary',
    async () => {
      const [status] = await sql(replicaPort, ['SHOW SLAVE STATUS']);
      if (status?.Last_IO_Error || status?.Last_SQL_Error)
        throw new Error(status.Last_IO_Error || status.Last_SQL_Error);
      const dbs = await sql(replicaPort, [`SHOW DATABASES LIKE '${database}'`]);
      return status?.Slave_IO_Running === 'Yes' && status?.Slave_SQL_Running === 'Yes' && dbs.length > 0;
    },
    { timeoutMs: 30_000 },
  );
}

/** Resolves once the replica has applied everything the primary has written so far. */
export async function waitForReplicaCatchUp({ primaryPort, replicaPort, timeoutMs = 30_000 }) {
  const [{ pos }] = await sql(primaryPort, ['SELECT @@GLOBAL.gtid_binlog_pos AS pos']);
  if (!pos) return;
  await sql(replicaPort, [`SELECT MASTER_GTID_WAIT('${pos}', ${Math.ceil(timeoutMs / 1000)}) AS r`]);
}
