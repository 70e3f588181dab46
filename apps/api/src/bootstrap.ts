import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { buildValidationPipe } from './common/validation/validation';
import type { AppConfig } from './config/app-config';
import { runMigrations } from './database/run-migrations';
import { installSqliteGate } from './database/sqlite-gate';

/** Builds the whole application; `main.ts` and the e2e tests share it. */
export async function createApp(config: AppConfig, opts: { migrate?: boolean } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: '1mb' });
  app.setGlobalPrefix('api', { exclude: ['health/live', 'health/ready'] });
  app.useGlobalPipes(buildValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

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

  if (config.h5Dir) serveH5(app, config.h5Dir);
  installSqliteGate(app.get(DataSource));
  if (opts.migrate !== false) await runMigrations(app.get(DataSource));
  return app;
}

/** Serves the mini-program's H5 build from the API's own origin, with a history fallback. */
function serveH5(app: INestApplication, dir: string): void {
  const server = app.getHttpAdapter().getInstance() as express.Express;
  server.use(
    express.static(dir, {
      index: 'index.html',
      setHeaders: (res, file) => {
        // Hashed bundles never change: cache them for a year; the page itself is always revalidated.
        if (/\.[0-9a-f]{8,}\.(js|css)$/.test(file)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        else res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  server.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/health') || !req.accepts('html')) {
      return next();
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  });
}
