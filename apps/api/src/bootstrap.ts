import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './platform/errors/all-exceptions.filter';
import { buildValidationPipe } from './platform/validation/validation';
import type { AppConfig } from './platform/config/app-config';
import { runMigrations } from './platform/database/run-migrations';
import { installSqliteGate } from './platform/database/sqlite-gate';
import { installDbFaults } from './platform/database/db-faults';
import { installStrictSql } from './platform/database/strict-sql';
import { DEFAULT_RETRY_POLICY, installLockRetry } from './platform/database/transaction-retry';
import { installRequestLifecycle } from './platform/lifecycle/graceful-shutdown';
import { serveWebApp } from './platform/h5/serve-h5';
import { JSON_BODY_LIMIT, verifyJsonShape } from './platform/http/bounded-json';
import { JsonBodyGuard } from './platform/http/json-body.guard';
import { securityHeaders } from './platform/http/security-headers';

/** Builds the whole application; `main.ts` and the e2e tests share it. */
export async function createApp(config: AppConfig, opts: { migrate?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    // JSON only (registered below, with its limits): no urlencoded parser, so a form body is refused with 415.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  // No ETag over API answers: they are per user and not cached, and hashing every body cost a
  // few percent of a feed request. The web builds' files carry their own (serve-h5.ts, send).
  app.set('etag', false);
  installRequestLifecycle(app);
  app.use(securityHeaders(config.h5Dir));
  // Depth and key count are checked on the raw bytes before parsing (see bounded-json.ts).
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT, verify: verifyJsonShape });
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });
  app.useGlobalGuards(new JsonBodyGuard());
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // Signals are handled by main.ts (installGracefulShutdown): drain first, then app.close().

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('双报到 API')
      .setDescription('在职党员双报到：报到、居民点单、社区下单、党员接单、活动评单、报回单位')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });

  // The console first: the H5's history fallback would otherwise answer every /console page.
  if (config.consoleDir) serveWebApp(app, config.consoleDir, '/console');
  if (config.h5Dir) serveWebApp(app, config.h5Dir);
  installSqliteGate(app.get(DataSource));
  // Before the migrations, so that they run strict too.
  installStrictSql(app.get(DataSource), config.strictSql);
  if (opts.migrate !== false) await runMigrations(app.get(DataSource));
  // After the migrations, which may wait long for their lock or run long statements.
  installDbFaults(app.get(DataSource), config.db);
  // Outermost: each attempt checks the client is still there and takes the SQLite gate afresh.
  installLockRetry(app.get(DataSource), { ...DEFAULT_RETRY_POLICY, budgetMs: config.db.queryTimeoutMs });
  return app;
}
