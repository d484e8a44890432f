/**
 * Page weight and delivery of the built app (issue 13.6): what each page loads first, read from the
 * Vite manifest (test/helpers/page-weight.ts), against the 350 KB gzip budget; responses compressed
 * when the client asks (brotli or gzip) and not when it does not, nor for files compressed already;
 * hashed assets cached for good and the page itself revalidated; and, in a real browser, a cold load
 * of a plan's address takes the plan's JSON from the page and asks for the page's code before the
 * session look-up, not after the shell has rendered; the page's first screen (http/first-screen.ts)
 * is drawn before any script, then replaced by the page in the same place, the plan not asked again;
 * a page set to English drops the Vietnamese first screen.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUnit } from '../../src/db/units-repo.js';
import { signIn as openSession } from '../../src/modules/auth.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount, planIdOf, TEST_PASSWORD } from '../helpers/accounts.js';
import { SCREENSHOTS, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';
import { FIRST_LOAD_BUDGET, kb, pageWeights, WEB_DIST } from '../helpers/page-weight.js';

/**
 * Every page within the budget. The shell is ≈240 KB (React 19 + react-dom ≈66 KB, react-router ≈13,
 * TanStack Query ≈11, antd's core with the App's message/notification, the header's Badge, Popover,
 * Segmented, Typography, the shell's texts; its links are plain, without antd's Menu; dialogs,
 * Typography's edit box load when first drawn). A page with antd's Table is at 290–335 (its page-size
 * changer, row selection, virtual body, a Card's tabs load when drawn, web/vite.config.ts); a page's
 * dialogs, drawers, wizard steps after the upload and other tabs load when first used
 * (web/src/features/lazy.tsx).
 */
const nameOf = (page: string) => page.replace(/^src\/features\//, '').replace(/\.tsx$/, '');

describe('first load of each page, from the build manifest', () => {
  const weights = pageWeights();

  it('finds the pages of the app', () => {
    const names = weights.pages.map((p) => nameOf(p.page));
    expect(names).toEqual(expect.arrayContaining(['plans/PlanPage', 'plans/PlansPage', 'auth/LoginPage']));
    expect(names.length).toBeGreaterThan(20);
  });

  it(`keeps every page within ${kb(FIRST_LOAD_BUDGET)} gzip`, () => {
    const over = weights.pages
      .filter((p) => p.bytes > FIRST_LOAD_BUDGET)
      .map((p) => `${nameOf(p.page)} ${kb(p.bytes)}`);
    expect(over).toEqual([]);
  });

  it("does not load ECharts before a page draws a chart: not in the plan page's first load", () => {
    const manifest = JSON.parse(readFileSync(join(WEB_DIST, '.vite/manifest.json'), 'utf8')) as Record<
      string,
      { file: string; imports?: string[]; isEntry?: boolean }
    >;
    const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
    const planPage = Object.keys(manifest).find((k) => k.endsWith('plans/PlanPage.tsx'))!;
    const seen = new Set<string>();
    const visit = (k: string) => {
      if (seen.has(k)) return;
      seen.add(k);
      for (const i of manifest[k]!.imports ?? []) visit(i);
    };
    [entry, planPage].forEach(visit);
    const code = [...seen].map((k) => readFileSync(join(WEB_DIST, manifest[k]!.file), 'utf8')).join('\n');
    // ECharts' own error prefix and its SVG painter's name, both in its code and nowhere else
    expect(code).not.toContain('[ECharts]');
    expect(code).not.toContain('SVGPainter');
    // and yet the build has them, in the chunk the charts load
    const all = Object.values(manifest)
      .filter((c) => c.file.endsWith('.js'))
      .some((c) => readFileSync(join(WEB_DIST, c.file), 'utf8').includes('[ECharts]'));
    expect(all).toBe(true);
  });
});

let run: Running;
let token = '';
let planId = 0;
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

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request as a client sends it, the body as it comes over the wire (not decoded). */
function get(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((ok, fail) => {
    const req = request(
      `${run.url}${path}`,
      { headers: { cookie: `parindex_session=${token}`, ...headers } },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }),
        );
      },
    );
    req.on('error', fail);
    req.end();
  });
}

function scriptOfIndex(html: string): string {
  const src = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
  if (!src) throw new Error('index.html names no module script');
  return src;
}

describe('compression and caching', () => {
  it("compresses the plan's JSON with brotli or gzip as asked, and sends it plain otherwise", async () => {
    const plain = await get(`/api/plans/${planId}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const view = JSON.parse(plain.body.toString('utf8')) as { id: number };
    expect(view.id).toBe(planId);

    const br = await get(`/api/plans/${planId}`, { 'accept-encoding': 'br, gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);

    const gz = await get(`/api/plans/${planId}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
  });

  it('compresses a JavaScript asset and caches it for good; the page itself is revalidated', async () => {
    const index = await get('/', { 'accept-encoding': 'br' });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    const { brotliDecompressSync } = await import('node:zlib');
    const html = (
      index.headers['content-encoding'] === 'br' ? brotliDecompressSync(index.body) : index.body
    ).toString();
    const script = scriptOfIndex(html);
    expect(script).toMatch(/^\/assets\/.+-[\w-]{8}\.js$/);

    const js = await get(script, { 'accept-encoding': 'gzip, br' });
    expect(js.status).toBe(200);
    expect(js.headers['content-encoding']).toBe('br');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(js.body).equals(readFileSync(join(WEB_DIST, script)))).toBe(true);

    // a client route answers the same page, revalidated too; a plan's page to its reader carries
    // the plan (http/first-screen.ts), kept by no cache
    const route = await get('/import');
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.body.toString()).toContain(script);
    const plan = await get(`/plans/${planId}`);
    expect(plan.headers['cache-control']).toBe('private, no-store');
    expect(plan.body.toString()).toContain(script);
  });

  it('sends an XLSX export as it is: the file is a zip already', async () => {
    const xlsx = await get(`/api/plans/${planId}/export/xlsx`, { 'accept-encoding': 'br, gzip' });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    // a zip file's signature, PK\3\4
    expect(xlsx.body.subarray(0, 4).toString('hex')).toBe('504b0304');
  });
});

describe("a cold load of a plan's address", () => {
  it("takes the plan's JSON from the page, asks for the page's code before the session look-up, then shows the plan", async () => {
    const context = await run.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'parindex_session', value: token, url: run.url }]);
    const page = await context.newPage();
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${run.url}/plans/${planId}`);
    await page.locator('[data-testid="total-target"]').waitFor({ timeout: 30_000 });
    // the summary tab, loaded when opened, with its chart drawn by ECharts loaded after it
    await page.locator('[data-testid="area-legend"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="chart-areas"] svg').first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'web-weight-plan.png'), fullPage: false });

    const me = asked.indexOf('/api/auth/me');
    const code = asked.findIndex((p) => /\/assets\/PlanPage-[\w-]+\.js$/.test(p));
    expect(me).toBeGreaterThan(-1);
    expect(code).toBeGreaterThan(-1);
    expect(code).toBeLessThan(me);
    // never asked: the page carried it with its first screen (http/first-screen.ts)
    expect(asked.filter((p) => p === `/api/plans/${planId}`)).toHaveLength(0);
    // the charts' code came only with the summary tab that draws them
    expect(asked.findIndex((p) => /\/assets\/BarChart-/.test(p))).toBeGreaterThan(code);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
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

describe("the header's links, drawn without antd's Menu", () => {
  it('marks the current page, moves between items with the arrow keys, opens "···" from the keyboard', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'parindex_session', value: token, url: run.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${run.url}/frameworks`);
    const bar = page.getByRole('menubar');
    await bar.getByRole('menuitem', { name: 'Bộ tiêu chí' }).waitFor();
    expect(await bar.getByRole('menuitem', { name: 'Bộ tiêu chí' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(await bar.locator('[aria-current="page"]').count()).toBe(1);

    // the administrator's items are more than the bar holds: the last ones under "···"
    const more = page.getByTestId('nav-more');
    await more.waitFor();
    expect(await bar.getByRole('menuitem', { name: 'Sao lưu' }).count()).toBe(0);

    await bar.getByRole('menuitem', { name: 'Kế hoạch' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(':focus').textContent()).toBe('Nhập phụ lục');
    await page.keyboard.press('End');
    expect(await page.locator(':focus').getAttribute('data-testid')).toBe('nav-more');
    await page.keyboard.press('Enter');
    const popup = page.getByRole('menu');
    await popup.getByRole('menuitem', { name: 'Sao lưu' }).waitFor();
    await expect.poll(() => page.locator(':focus').getAttribute('role')).toBe('menuitem');
    await page.keyboard.press('Escape');
    expect(await page.locator(':focus').getAttribute('data-testid')).toBe('nav-more');
    await page.keyboard.press('ArrowDown');
    // how many items the bar leaves to "···" depends on the fonts' widths: the first one has the focus
    const hidden = await popup.getByRole('menuitem').allTextContents();
    await expect.poll(() => page.locator(':focus').textContent()).toBe(hidden[0]);
    const backupAt = hidden.indexOf('Sao lưu');
    expect(backupAt).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < backupAt; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator(':focus').textContent()).toBe('Sao lưu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator(':focus').textContent()).toBe('Sao lưu');
    await page.keyboard.press('End');
    expect(await page.locator(':focus').textContent()).toBe(hidden.at(-1));
    await page.keyboard.press('Home');
    expect(await page.locator(':focus').textContent()).toBe(hidden[0]);
    for (let i = 0; i < backupAt; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/backup$/);
    await expect.poll(() => more.getAttribute('class')).toContain('header-nav-selected');

    // the account's actions, on hover as before
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).waitFor();
    expect(await page.getByRole('menuitem', { name: 'Đăng xuất' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('what loads when first drawn (web/vite.config.ts) works as it did', () => {
  it("the plans list's page-size changer, a confirm dialog of App.useApp and the password dialog", async () => {
    const context = await run.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'parindex_session', value: token, url: run.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // the size changer (antd's Select, loaded when the pagination first draws it) changes the page size
    await page.goto(`${run.url}/`);
    const changer = page.locator('.ant-pagination-options-size-changer');
    await changer.waitFor({ timeout: 30_000 });
    expect(await changer.innerText()).toContain('50 / trang');
    await changer.click();
    await page.locator('.ant-select-item-option').filter({ hasText: '100 / trang' }).click();
    await page.waitForURL(/[?&]pageSize=100/);
    await expect.poll(() => changer.innerText()).toContain('100 / trang');

    // modal.confirm: its dialog opens, and closes on "Hủy" without acting
    await page.goto(`${run.url}/admin/users`);
    const row = page.locator('.ant-table-row').filter({ hasText: 'quantri' });
    await row.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.locator('.ant-modal-confirm-title', { hasText: 'Xác nhận' }).waitFor({ timeout: 30_000 });
    expect(await confirm.innerText()).toContain('quantri');
    await confirm.getByRole('button', { name: 'Hủy' }).click();
    await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);

    // the password dialog: loaded when first opened, opened again after closing
    for (let i = 0; i < 2; i++) {
      await page.getByTestId('user-menu').hover();
      await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Mật khẩu hiện tại').waitFor({ timeout: 30_000 });
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.isVisible()).toBe(false);
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('the units page past 300 units draws its virtual table (loaded when first drawn)', async () => {
    const now = new Date().toISOString();
    await run.database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 310; i++)
        await insertUnit(trx, {
          name: `Huyện Ảo ${i}`,
          name_key: `huyen ao ${i}`,
          kind: 'district',
          parent_id: null,
          created_at: now,
        });
    });
    const context = await run.browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'parindex_session', value: token, url: run.url }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${run.url}/admin/units`);
    const body = page.locator('.ant-table-tbody-virtual');
    await body.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    // a window of the rows drawn, not all 310
    const drawn = await body.locator('.ant-table-row').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    expect(await body.innerText()).toContain('Huyện Ảo');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
