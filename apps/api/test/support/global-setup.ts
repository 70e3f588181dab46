import { assertTestDatabaseUrl, testDialect } from './test-db';

/** Runs once before any test file: refuse a non-test database before anything touches it. */
export default async function globalSetup(): Promise<void> {
  process.env.NODE_ENV = 'test';
  if (testDialect() === 'mysql') assertTestDatabaseUrl(process.env.TEST_DATABASE_URL);
}
