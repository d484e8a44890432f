/**
 * Addresses that name nothing, in a real browser: an id that is not a number, 0, negative or past
 * the largest id the server takes, in any route with ids (web/src/App.tsx), shows "Không có trang
 * này" saying which part is wrong, on a cold load and on a link followed alike, without asking the
 * server for it; in English too. The frameworks list drops the filters it does not take from its
 * address, as the plans list does (plans-pages.test.ts).
 */
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { MAX_ID } from '../../src/shared/limits.js';
import { createAccount, planIdOf } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let page: Page;
let planId = 0;
const pageErrors: string[] = [];
const SOON = { timeout: 20_000 };

/** every request to the API while `body` runs, but the session's and the header's own */
async function apiRequests(body: () => Promise<void>): Promise<string[]> {
  const asked: string[] = [];
  const listen = (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/') && !/^\/api\/(auth|notifications)(\/|$)/.test(url.pathname)) {
      asked.push(url.pathname + url.search);
    }
  };
  page.on('request', listen);
  try {
    await body();
  } finally {
    page.off('request', listen);
  }
  return asked;
}

const notFound = () => page.locator('.ant-result-404');

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  await loadSamplesIfEmpty({ db, clock: () => new Date() }, join(ROOT, 'samples'));
  planId = await planIdOf(db, 'Tỉnh Đắk Nông');
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);
  page = await run.browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page, run.url, 'quantri');
}, 120_000);

afterAll(async () => {
  await run?.stop();
});

describe('an id in the address that names no row', () => {
  const cases: [string, string][] = [
    ['/plans/abc', 'Địa chỉ không hợp lệ: mã “abc” không phải là số.'],
    ['/plans/0', 'Địa chỉ không hợp lệ: mã “0” phải là số nguyên từ 1 đến 2.147.483.647.'],
    ['/plans/99999999999999999999', 'mã “99999999999999999999” phải là số nguyên từ 1 đến 2.147.483.647.'],
    [`/plans/${MAX_ID + 1}`, `mã “${MAX_ID + 1}” phải là số nguyên`],
    ['/plans/abc/print', 'mã “abc” không phải là số.'],
    ['/rounds/x', 'mã “x” không phải là số.'],
    ['/rounds/x/overview', 'mã “x” không phải là số.'],
    ['/rounds/3/units/1.5', 'mã “1.5” phải là số nguyên'],
    ['/results/-1', 'mã “-1” phải là số nguyên'],
    ['/results/2/units/abc/next-plan', 'mã “abc” không phải là số.'],
    ['/frameworks/1e3', 'mã “1e3” không phải là số.'],
  ];

  it.each(cases)('%s: "not found" on a cold load, the server not asked', async (address, message) => {
    const asked = await apiRequests(async () => {
      await page.goto(`${run.url}${address}`);
      await notFound().waitFor(SOON);
    });
    const text = await notFound().innerText();
    expect(text).toContain('Không có trang này');
    expect(text).toContain(message);
    expect(asked).toEqual([]);
  });

  it('the same after a link within the app, and a valid id still opens its page', async () => {
    const rounds = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/rounds');
    await page.goto(`${run.url}/rounds`);
    await rounds;
    const asked = await apiRequests(async () => {
      // a link followed in the app (no new page load)
      await page.evaluate(
        "history.pushState(null, '', '/plans/0'); dispatchEvent(new PopStateEvent('popstate'))",
      );
      await notFound().waitFor(SOON);
    });
    expect(asked).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'addresses-not-found.png'), fullPage: true });
    await page.goto(`${run.url}/plans/${planId}`);
    await page.getByRole('tab', { name: 'Theo dõi nhiệm vụ' }).waitFor(SOON);
    expect(await notFound().count()).toBe(0);
  });

  it('in English', async () => {
    await page.evaluate("localStorage.setItem('parindex.lang', 'en')");
    try {
      await page.goto(`${run.url}/rounds/x`);
      await notFound().waitFor(SOON);
      const text = await notFound().innerText();
      expect(text).toContain('No such page');
      expect(text).toContain('Invalid address: the id “x” is not a number.');
      await page.goto(`${run.url}/plans/0`);
      await expect
        .poll(() => notFound().innerText(), SOON)
        .toContain('the id “0” must be a whole number from 1 to 2,147,483,647.');
    } finally {
      await page.evaluate("localStorage.removeItem('parindex.lang')");
    }
    expect(pageErrors).toEqual([]);
  });
});

describe("the frameworks list's address", () => {
  it('drops the filters the list does not take, in place of the entry', async () => {
    await page.goto(`${run.url}/rounds`);
    const asked = await apiRequests(async () => {
      await page.goto(`${run.url}/frameworks?year=abc&state=nope&group=x`);
      await expect.poll(() => new URL(page.url()).search, SOON).toBe('');
      await page.getByTestId('framework-filters').waitFor(SOON);
    });
    expect(asked.filter((u) => u.startsWith('/api/frameworks?'))).toEqual([]);
    expect(await page.getByText('Không tải được dữ liệu').count()).toBe(0);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname, SOON).toBe('/rounds');
    // what it takes stays
    await page.goto(`${run.url}/frameworks?state=draft&year=2025`);
    await page.getByTestId('framework-filters').waitFor(SOON);
    await page.waitForTimeout(300);
    expect(new URL(page.url()).search).toBe('?state=draft&year=2025');
    expect(pageErrors).toEqual([]);
  });
});
