import 'reflect-metadata';
import { createApp } from './bootstrap';
import { ConfigError, validateConfig } from './platform/config/validate-config';
import { installGracefulShutdown } from './platform/lifecycle/graceful-shutdown';

async function main(): Promise<void> {
  let config;
  try {
    config = validateConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error: ${err.message}`);
      process.exit(78);
    }
    throw err;
  }
  const app = await createApp(config);
  await app.listen(config.port, '0.0.0.0');
  installGracefulShutdown(app, config);
  const url = await app.getUrl();
  console.log(
    JSON.stringify({ level: 30, msg: `API listening on ${url}`, database: config.databaseUrl ? 'mysql' : 'sqlite' }),
  );
}

void main();
