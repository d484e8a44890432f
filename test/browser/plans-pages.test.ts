/**
 * The plans list in pages, in a real browser: 62 plans (the two samples and 60 copies) show 50 to a
 * page with the count of all; the next page is asked of the server and kept in the address; a
 * search goes back to the first page of what matches; the page size can change. An address with a
 * page past the end moves to the last page, filters the list does not take are dropped from it (in
 * place: Back leads where it did), and neither is refused by the server as a broken page.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';
import { copyPlans } from '../helpers/plan-copies.js';
import { backfillFigures } from '../../src/modules/plan-view.js';

let run: Running;
let page: Page;
const pageErrors: string[] = [];
const SLOW = { timeout: 10_000 };

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  const clock = () => new Date();
  await loadSamplesIfEmpty({ db, clock }, join(ROOT, 'samples'));
  await copyPlans(db, 60, clock().toISOString());
  // as the server does at start-up
  await backfillFigures(db);
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);
  page = await run.browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signIn(page, `${run.url}/`, 'quantri');
}, 120_000);

afterAll(async () => {
  await run?.stop();
});

const bodyRows = () => page.locator('.ant-table-tbody tr.ant-table-row');

describe('the plans list in pages', () => {
  it('shows 50 plans of 62, then the next 12, with the page in the address', async () => {
    await page.goto(`${run.url}/`);
    await expect.poll(() => bodyRows().count(), SLOW).toBe(50);
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), SLOW).toBe('62 kế hoạch');
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SCREENSHOTS, 'plans-pages-first.png'), fullPage: true });
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(() => bodyRows().count(), SLOW).toBe(12);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SCREENSHOTS, 'plans-pages-second.png'), fullPage: true });
  });

  it('a search goes back to the first page of what matches', async () => {
    await page.getByLabel('Tìm đơn vị, năm (không cần gõ dấu)').fill('ban sao 1');
    // "Bản sao 1", "Bản sao 10" … "Bản sao 19"
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), SLOW).toBe('11 kế hoạch');
    await expect.poll(() => bodyRows().count(), SLOW).toBe(11);
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    expect(await bodyRows().first().innerText()).toContain('Huyện Bản sao 1');
    await page.getByLabel('Tìm đơn vị, năm (không cần gõ dấu)').fill('');
    await expect.poll(() => bodyRows().count(), SLOW).toBe(50);
  });

  it('takes the filter choices from the server and never asks for the whole list', async () => {
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith('/api/plans')) asked.push(url.pathname + url.search);
    });
    await page.goto(`${run.url}/`);
    await expect.poll(() => bodyRows().count(), SLOW).toBe(50);
    await page.getByRole('combobox', { name: 'Đơn vị' }).click();
    // the 60 copies' units and the two sample subjects, in Vietnamese order
    await expect
      .poll(() => page.locator('.ant-select-item-option').first().innerText(), SLOW)
      .toBe('Huyện Bản sao 0');
    await page.screenshot({ path: join(SCREENSHOTS, 'plans-pages-choices.png'), fullPage: true });
    await page.keyboard.press('Escape');
    expect(
      asked.filter((u) => u.startsWith('/api/plans/choices?') || u === '/api/plans/choices'),
    ).not.toEqual([]);
    // the unit filter asks for a page of units, not for every unit with a plan
    const units = asked.filter((u) => u.startsWith('/api/plans/choices/units'));
    expect(units).not.toEqual([]);
    // every request for the list itself asks for one page
    const lists = asked.filter((u) => u === '/api/plans' || u.startsWith('/api/plans?'));
    expect(lists).not.toEqual([]);
    expect(lists.filter((u) => !/[?&]limit=\d+/.test(u))).toEqual([]);
  });

  it('picks a unit by typing its name, lists its plans, and keeps its label on reload', async () => {
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/plans/choices/units') asked.push(url.search);
    });
    await page.goto(`${run.url}/`);
    await expect.poll(() => bodyRows().count(), SLOW).toBe(50);
    const filter = page.getByRole('combobox', { name: 'Đơn vị' });
    await filter.click();
    // without diacritics, as typed: the server searches, the page filters nothing itself
    await filter.pressSequentially('ban sao 42');
    await expect
      .poll(() => page.locator('.ant-select-item-option').allInnerTexts(), SLOW)
      .toEqual(['Huyện Bản sao 42']);
    expect(asked.some((q) => new URLSearchParams(q).get('q') === 'ban sao 42')).toBe(true);
    await page.locator('.ant-select-item-option').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('unit'), SLOW).not.toBeNull();
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), SLOW).toBe('1 kế hoạch');
    expect(await bodyRows().first().innerText()).toContain('Huyện Bản sao 42');
    const unit = new URL(page.url()).searchParams.get('unit')!;
    // reloaded (or a link shared): the filter asks the unit's label by its id
    asked.length = 0;
    await page.reload();
    await expect.poll(() => bodyRows().count(), SLOW).toBe(1);
    await expect.poll(() => page.getByTestId('plan-filters').innerText(), SLOW).toContain('Huyện Bản sao 42');
    expect(asked.map((q) => new URLSearchParams(q).get('id'))).toContain(unit);
    await page.screenshot({ path: join(SCREENSHOTS, 'plans-pages-unit-filter.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows 100 to a page when asked', async () => {
    await page.goto(`${run.url}/?pageSize=100`);
    await expect.poll(() => bodyRows().count(), SLOW).toBe(62);
    expect(pageErrors).toEqual([]);
  });

  /** The list's requests and the address, from a page opened after /rounds (to see where Back leads). */
  async function openFrom(address: string) {
    const asked: string[] = [];
    const listen = (r: { url(): string }) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/plans') asked.push(url.search);
    };
    await page.goto(`${run.url}/rounds`);
    page.on('request', listen);
    await page.goto(`${run.url}${address}`);
    return { asked, stop: () => page.off('request', listen) };
  }

  it('moves an address past the last page to the last page, in place of it', async () => {
    const { asked, stop } = await openFrom('/?page=99');
    await expect.poll(() => new URL(page.url()).search, SLOW).toBe('?page=2');
    await expect.poll(() => bodyRows().count(), SLOW).toBe(12);
    expect(await page.locator('.ant-pagination-item-active').innerText()).toBe('2');
    expect(asked.at(-1)).toBe('?limit=50&offset=50');
    stop();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe('/rounds');
    // 100 to a page: one page, and no page in the address
    await page.goto(`${run.url}/?pageSize=100&page=5`);
    await expect.poll(() => new URL(page.url()).search, SLOW).toBe('?pageSize=100');
    await expect.poll(() => bodyRows().count(), SLOW).toBe(62);
    expect(pageErrors).toEqual([]);
  });

  it('drops from the address the filters the list does not take, without asking the server with them', async () => {
    const { asked, stop } = await openFrom(
      '/?page=abc&year=abc&unit=x&hasErrors=yes&overdue=&pageSize=7&archived=2&q=ban%20sao%204',
    );
    await expect.poll(() => new URL(page.url()).search, SLOW).toBe('?q=ban+sao+4');
    // "Bản sao 4", "Bản sao 40" … "Bản sao 49"
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText(), SLOW).toBe('11 kế hoạch');
    expect(await page.getByText('Không tải được dữ liệu').count()).toBe(0);
    expect(asked).not.toEqual([]);
    expect(asked.filter((q) => q !== '?q=ban+sao+4&limit=50&offset=0')).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'plans-pages-bad-filters.png'), fullPage: true });
    stop();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname, SLOW).toBe('/rounds');
    // a year out of the list's bounds, a page 0, a unit past the largest id
    await page.goto(`${run.url}/?year=1800&page=0&unit=99999999999`);
    await expect.poll(() => new URL(page.url()).search, SLOW).toBe('');
    await expect.poll(() => bodyRows().count(), SLOW).toBe(50);
    expect(pageErrors).toEqual([]);
  });
});
