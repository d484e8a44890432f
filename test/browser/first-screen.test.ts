/**
 * A plan's page with its first screen (http/first-screen.ts) in Chromium: the page paints the plan's
 * top before any script (scripts off), the app replaces it with the page itself — the heading and the
 * figures where the first screen had them — without asking for the plan, and works (a tab opens);
 * a page set to English drops the Vietnamese first screen and shows the app in English.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn as openSession } from '../../src/modules/auth.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount, planIdOf, TEST_PASSWORD } from '../helpers/accounts.js';
import { SCREENSHOTS, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let token: string;
let planId: number;
const SLOW = { timeout: 30_000 };

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  const clock = () => new Date();
  await loadSamplesIfEmpty({ db, clock }, join(ROOT, 'samples'));
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);
  ({ token } = await openSession(
    { db, clock },
    { username: 'quantri', password: TEST_PASSWORD, ip: '127.0.0.1', userAgent: 'test' },
  ));
  planId = await planIdOf(db, 'Tỉnh Đắk Nông');
}, 120_000);

afterAll(async () => {
  await run?.stop();
});

async function open(browser: Browser, options: { scripts?: boolean; lang?: string } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    javaScriptEnabled: options.scripts ?? true,
  });
  await context.addCookies([{ name: 'parindex_session', value: token, url: run.url }]);
  if (options.lang) await context.addInitScript(`localStorage.setItem('parindex.lang', '${options.lang}')`);
  return { context, page: await context.newPage() };
}

/** Where an element is drawn: its box, rounded to the pixel. */
async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not drawn`);
  return [found.x, found.y, found.width, found.height].map(Math.round);
}

describe("a plan's first screen", () => {
  it('is drawn before any script, then replaced by the page in the same place, the plan not asked again', async () => {
    const still = await open(run.browser, { scripts: false });
    await still.page.goto(`${run.url}/plans/${planId}`);
    const first = still.page.locator('#first-screen');
    await expect.poll(() => first.locator('h3').innerText()).toBe('Tỉnh Đắk Nông — Kế hoạch năm 2022');
    expect(await first.locator('.fs-card').count()).toBe(6);
    await still.page.screenshot({ path: join(SCREENSHOTS, 'first-screen-alone.png') });
    const heading = await box(still.page, '#first-screen h3');
    const target = await box(still.page, '#first-screen .fs-card:nth-child(3)');
    const tabs = await box(still.page, '#first-screen .fs-tabs');
    await still.context.close();

    const { context, page } = await open(run.browser);
    // what the root held between the first screen and the page: nothing else (no spinner)
    await page.addInitScript({
      content: `window.__between = [];
        let seen = false;
        new MutationObserver(() => {
          const root = document.getElementById('root');
          if (!root) return;
          if (document.getElementById('first-screen')) { seen = true; return; }
          if (seen && !document.querySelector('[data-testid="total-target"]')) {
            window.__between.push((document.querySelector('.page-content') || root).innerHTML.slice(0, 300));
          }
        }).observe(document, { childList: true, subtree: true });`,
    });
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${run.url}/plans/${planId}`);
    await page.locator('[data-testid="total-target"]').waitFor(SLOW);
    expect(await page.locator('#first-screen').count()).toBe(0);
    expect(await page.locator('#plan-data').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'first-screen-replaced.png') });
    // the app's heading, target card and tabs where the first screen drew them (within a pixel)
    const near = (a: number[], b: number[]) =>
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(1));
    // (the app's heading is as wide as its text, the first screen's as its box: x, y and height)
    near(
      (await box(page, 'h3')).filter((_v, i) => i !== 2),
      heading.filter((_v, i) => i !== 2),
    );
    near(await box(page, '[data-testid="total-target"]'), target);
    near(await box(page, '.ant-tabs-nav'), tabs);
    expect(await page.locator('[data-testid="total-target"]').innerText()).toContain('89,93');
    expect(asked).not.toContain(`/api/plans/${planId}`);
    expect(await page.evaluate('window.__between')).toEqual([]);
    // the page works as ever: another tab opens with the plan's criteria
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await page.getByText('Thực hiện kế hoạch CCHC').first().waitFor(SLOW);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('is left out of a page set to English, which shows the app in English', async () => {
    const { context, page } = await open(run.browser, { lang: 'en' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${run.url}/plans/${planId}`);
    await page.locator('[data-testid="total-target"]').waitFor(SLOW);
    expect(await page.locator('h3').first().innerText()).toBe('Tỉnh Đắk Nông — 2022 plan');
    expect(await page.locator('#first-screen').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
