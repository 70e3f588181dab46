/**
 * The H5 build under the API's security headers, in a real browser: the Content-Security-Policy
 * (own scripts plus the inline script's hash, inline styles, data:/blob: images) lets the app
 * start, log in and render its home page, and the API docs (swagger-ui) render too, with not one
 * CSP violation reported — neither as a `securitypolicyviolation` event nor on the console.
 * Run: npm run e2e (needs apps/api/dist and dist/h5).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertBuilt, launchBrowser, login, phone, startApi, type RunningApi } from './harness';

describe('the H5 app and the API docs under the Content-Security-Policy', () => {
  let api: RunningApi;
  let browser: Browser;
  let context: BrowserContext;
  const violations: string[] = [];

  const watch = async (page: Page): Promise<void> => {
    page.on('console', (m) => {
      if (/Content.Security.Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text()))
        violations.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => {
      if (/Content.Security.Policy/i.test(e.message)) violations.push(`pageerror: ${e.message}`);
    });
    await page.exposeFunction('__reportCspViolation', (v: string) => violations.push(`event: ${v}`));
  };

  beforeAll(async () => {
    assertBuilt();
    api = await startApi();
    browser = await launchBrowser();
    context = await phone(browser);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { __reportCspViolation?: (v: string) => void }).__reportCspViolation;
        report?.(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
      });
    });
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await api?.stop();
  });

  it('serves the H5 page with the CSP and renders the login screen, then the home page, without a violation', async () => {
    const page = await context.newPage();
    await watch(page);
    const res = await page.goto(`${api.baseUrl}/`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-/);
    expect(res?.headers()['x-frame-options']).toBe('DENY');
    await login(page, api.baseUrl, '13800000006');
    await page.waitForTimeout(1000); // late images and styles
    expect(violations).toEqual([]);
  });

  it('renders the API docs (swagger-ui) without a violation', async () => {
    const page = await context.newPage();
    await watch(page);
    const res = await page.goto(`${api.baseUrl}/api/docs/`);
    expect(res?.headers()['content-security-policy']).toBeTruthy();
    await page.getByText('双报到 API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
  });

  it('would notice a violation: an injected inline script is blocked and reported', async () => {
    const page = await context.newPage();
    await watch(page);
    await page.goto(`${api.baseUrl}/`);
    await page.addScriptTag({ content: 'window.__injected = true;' }).catch(() => undefined);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
    expect(violations.some((v) => v.startsWith('event: script-src'))).toBe(true);
    violations.length = 0;
  });
});
