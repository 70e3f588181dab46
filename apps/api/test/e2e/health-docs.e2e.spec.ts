import { ErrorCode } from '@sbd/contracts';
import { createTestApp, type TestApp } from '../support/test-app';

describe('health checks and API documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('health', () => {
    it('answers liveness without a login and outside the /api prefix', async () => {
      const res = await t.http().get('/health/live').expect(200);
      expect(res.body).toEqual({ status: 'ok' });
      const missing = await t.http().get('/api/health/live').expect(404);
      expect(missing.body).toEqual({ code: ErrorCode.NotFound, message: '请求的资源不存在', details: [] });
    });

    it('answers readiness with the database up', async () => {
      const res = await t.http().get('/health/ready').expect(200);
      expect(res.body).toEqual({ status: 'ok', database: 'up' });
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3 document listing the API’s paths', async () => {
      const res = await t.http().get('/api/docs-json').expect(200).expect('Content-Type', /json/);
      const doc = res.body as {
        openapi: string;
        info: { title: string };
        paths: Record<string, Record<string, unknown>>;
      };
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('双报到 API');
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/registrations',
          '/api/auth/login',
          '/api/auth/signup',
          '/api/org/nodes',
          '/api/communities/by-code/{code}',
          '/api/units/{id}/pairings',
          '/api/pairing-items/{id}',
          '/health/ready',
        ]),
      );
      expect(Object.keys(doc.paths['/api/registrations'])).toContain('post');
      expect(Object.keys(doc.paths['/api/auth/login'])).toContain('post');
      expect(Object.keys(doc.paths['/api/pairing-items/{id}'])).toContain('patch');
    });

    it('serves the interactive documentation as HTML without a login', async () => {
      const res = await t.http().get('/api/docs').expect(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toMatch(/<html/i);
      expect(res.text).toMatch(/swagger/i);
    });
  });
});
