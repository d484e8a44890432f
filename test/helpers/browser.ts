/**
 * A real browser on the real app: Debian's Chromium driven by playwright-core against the built web
 * app and the API on a random port, over a fresh SQLite database. Screenshots go to
 * test-results/screenshots/ to be looked at.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { evidenceLimits, FolderEvidenceStore } from '../../src/modules/evidence-store.js';
import { TEST_PASSWORD, TEST_PASSWORD_COST } from './accounts.js';
import { ROOT } from './fixtures.js';

export const SCREENSHOTS = resolve(ROOT, 'test-results/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_ROOT = resolve(ROOT, 'web/dist');

/** Signs in through the sign-in form, as an officer would. */
export async function signIn(
  page: Page,
  url: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  // a wide screen shows the account menu; a phone, the menu button of the drawer
  await page.locator('[data-testid="user-menu"], [data-testid="menu-button"]').first().waitFor();
}

export interface Running {
  url: string;
  database: Database;
  browser: Browser;
  stop(): Promise<void>;
}

/** webRoot: another build of the web app (bench/web.ts compares one against a baseline) */
export async function startAppAndBrowser(webRoot = WEB_ROOT): Promise<Running> {
  if (!existsSync(join(webRoot, 'index.html'))) {
    throw new Error('web/dist is missing: run `npm run build` before the browser tests');
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'parindex-browser-'));
  const database = await openDatabase(join(dir, 'browser.sqlite'));
  const app = await buildApp(
    {
      db: database.db,
      clock: () => new Date(),
      passwordCost: TEST_PASSWORD_COST,
      evidence: { store: new FolderEvidenceStore(join(dir, 'evidence')), limits: evidenceLimits({}) },
    },
    { webRoot },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    browser,
    async stop() {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
