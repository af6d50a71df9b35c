import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../platform/pdf';
import { TEST_ADMIN_PASSWORD } from './stack';

/** Debian's Chromium with the flags that draw WebGL headless (STACK.md), as the report renderer launches it. */
export { CHROMIUM_ARGS };

export const screenshotDir = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A page that records console errors and failed requests, so a test can assert the page ran clean. With a server URL,
 * the page's context is signed in there first (as the test stack's admin, unless told otherwise): the session cookie
 * then goes with every request and the socket handshake, as in a real browser.
 */
export async function openPage(
  browser: Browser,
  signInAt: string | null,
  width = 1920,
  height = 1080,
  as: { username: string; password: string } = { username: 'admin', password: TEST_ADMIN_PASSWORD },
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  await page.addInitScript(flagTestHooks);
  if (signInAt) {
    const res = await page.request.post(`${signInAt}/api/v1/auth/login`, { data: as });
    if (!res.ok()) throw new Error(`sign-in as ${as.username} failed: ${res.status()} ${await res.text()}`);
  }
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // a request the page itself gave up (a navigation, a language switch, an AbortController) is not a failure
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    if (why !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${why}`);
  });
  return { page, problems };
}

/** Runs in the page before its scripts: turns the client's test probes on (client/test-hooks.ts). */
export function flagTestHooks(): void {
  (globalThis as unknown as { __iocTestHooks: boolean }).__iocTestHooks = true;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

