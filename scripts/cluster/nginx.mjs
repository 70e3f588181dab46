// nginx in front of the API processes, as the current user, with everything (config, pid, temp
// files, logs) in the cluster's directory. docker/nginx.conf is the same proxy for the compose file.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { startProcess, tail, waitFor } from './processes.mjs';

export const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
export const nginxAvailable = () => Boolean(NGINX);

/**
 * The proxy: least connections over the API processes with keep-alive upstream connections;
 * passive health (a process that refuses or resets connections is skipped for `fail_timeout`
 * after `max_fails`, and a request that could not reach one is tried on the next — for any
 * method, since nothing was sent); every request gets an X-Request-Id (the client's, or a new
 * one) forwarded to the API and returned to the client. A 503 from the API (a database that is
 * down, a process draining its readiness) is passed through as is: retrying it elsewhere would
 * double the load on the database it comes from, and mark healthy processes as failed.
 */
export function nginxConf({ dir, port, upstreams, workers = 1 }) {
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : '';
  return `# Written by scripts/cluster for this run only.
${user}worker_processes ${workers};
daemon off;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'nginx-error.log')} warn;
events { worker_connections 4096; }
http {
  log_format sbd '$remote_addr [$time_iso8601] "$request" $status $body_bytes_sent $request_time '
                 'upstream=$upstream_addr upstream_status=$upstream_status id=$sbd_request_id';
  access_log ${join(dir, 'nginx-access.log')} sbd;
  client_body_temp_path ${join(dir, 'nginx-tmp', 'body')};
  proxy_temp_path ${join(dir, 'nginx-tmp', 'proxy')};
  fastcgi_temp_path ${join(dir, 'nginx-tmp', 'fastcgi')};
  uwsgi_temp_path ${join(dir, 'nginx-tmp', 'uwsgi')};
  scgi_temp_path ${join(dir, 'nginx-tmp', 'scgi')};
  client_max_body_size 12m;

  upstream api {
    least_conn;
${upstreams.map((u) => `    server ${u} max_fails=2 fail_timeout=5s;`).join('\n')}
    keepalive 64;
    # Below Node's 5 s keep-alive timeout: nginx, not the API, closes an idle connection, so a
    # request is never sent on a connection the API is closing at that moment.
    keepalive_timeout 4s;
  }

  map $http_x_request_id $sbd_request_id {
    default $http_x_request_id;
    '' $request_id;
  }

  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection '';
      proxy_set_header Host $http_host;
      proxy_set_header X-Request-Id $sbd_request_id;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      add_header X-Request-Id $sbd_request_id always;
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
      proxy_read_timeout 120s;
    }
  }
}
`;
}

/** Starts nginx on `port`; resolves once `/health/ready` answers 200 through it. */
export async function startNginx({ dir, port, upstreams, workers, onExit }) {
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
    mkdirSync(join(dir, 'nginx-tmp', sub), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, nginxConf({ dir, port, upstreams, workers }));
  const log = join(dir, 'nginx.log');
  const child = startProcess('nginx', NGINX, ['-p', dir, '-e', join(dir, 'nginx-error.log'), '-c', conf], {
    log,
    onExit,
  });
  await waitFor(
    `nginx on port ${port}`,
    async () => (await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok,
    { failed: () => (child.alive() ? null : `exited\n${tail(log)}${tail(join(dir, 'nginx-error.log'))}`) },
  );
  return child;
}
