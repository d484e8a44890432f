/**
 * The round overview in a real browser: a round of eight communes against the sample commune
 * framework with self-scores and appraisal scores written into the tables (a late unit, gaps); the
 * office's administrator opens /rounds/:id/overview and sees units × areas with the exact totals,
 * index and rank, the biggest gaps, the late unit, the appraisal progress and the index chart; the
 * XLSX and a unit's DOCX download. Screenshots in test-results/screenshots (wide and phone).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { addDays, calendarFrom, seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let round: RoundFixture;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const SLOW = 300_000;

async function newPage(width: number, height: number): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `overview-${name}.png`), fullPage: true });

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  const clock = () => new Date();
  const today = clock().toISOString().slice(0, 10);
  // the self-assessment closed two days ago; appraisal 1 is open
  round = await seedRound({ db, clock }, { calendar: calendarFrom(addDays(today, -6), 5) });
  const rows = await db
    .selectFrom('criteria')
    .select(['id', 'code', 'scorer'])
    .where('framework_id', '=', round.frameworkId)
    .execute();
  const codes = rows.map((r) => r.code);
  const leaves = rows.filter(
    (r) => r.scorer === 'self' && !codes.some((c) => c.startsWith(`${r.code}.`)) && !r.code.startsWith('9'),
  );
  const at = clock().toISOString();
  for (const [n, commune] of round.communes.entries()) {
    if (n === 7) continue; // the last commune has not started: late
    // each commune answers a share of the leaves, full marks on most, half on some
    const answered = leaves.filter((_l, i) => (i + n) % 4 !== 0);
    await db
      .insertInto('assessment_answers')
      .values(
        answered.map((l, i) => ({
          round_id: round.roundId,
          unit_id: commune.id,
          criterion_id: l.id,
          answer: JSON.stringify({ kind: 'choice', option: 0 }),
          score: (i + n) % 3 === 0 ? '0.5' : '1',
          not_applicable_reason: null,
          updated_at: at,
          updated_by: 'test',
        })),
      )
      .execute();
    await db
      .updateTable('round_units')
      .set({ state: 'submitted' })
      .where('unit_id', '=', commune.id)
      .execute();
    // the appraisers took half a point off a few of them
    await db
      .insertInto('assessment_scores')
      .values(
        answered.slice(0, 10 + n).map((l, i) => ({
          round_id: round.roundId,
          unit_id: commune.id,
          criterion_id: l.id,
          stage: 'appraisal1',
          answer: null,
          score: (i + n) % 5 === 0 ? '0' : (i + n) % 3 === 0 ? '0.5' : '1',
          username: 'thamdinh',
          at,
        })),
      )
      .execute();
  }
  await createAccount(db, 'vanphong', [{ role: 'admin', unitId: null }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('round overview page', () => {
  it(
    'shows units × areas, gaps, the late unit, progress and the chart; exports download',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, run.url, 'vanphong');
      await page.goto(`${run.url}/rounds/${round.roundId}/overview`);
      const table = page.getByTestId('overview-table');
      await table.waitFor({ timeout: 60_000 });
      await page.getByTestId('chart-index').locator('svg').first().waitFor({ timeout: 30_000 });
      const api = await page.evaluate<{
        units: { unitName: string; rank: number | null; final: { index: string } }[];
      }>(`fetch('/api/rounds/${round.roundId}/overview').then((r) => r.json())`);
      const first = api.units[0]!;
      const firstRow = table.locator('tbody tr.ant-table-row').first();
      await expect.poll(() => firstRow.innerText(), { timeout: 30_000 }).toContain(first.unitName);
      expect(first.rank).toBe(1);
      await expect(page.getByTestId('overview-late').innerText()).resolves.toContain(round.communes[7]!.name);
      await expect(page.getByTestId('overview-gaps').innerText()).resolves.toMatch(/→/);
      await expect(page.getByTestId('overview-progress').innerText()).resolves.toContain('Thẩm định lần 1');
      await shot(page, 'wide');

      const xlsx = await page.evaluate<number>(
        `fetch('/api/rounds/${round.roundId}/export.xlsx').then((r) => r.arrayBuffer()).then((b) => b.byteLength)`,
      );
      expect(xlsx).toBeGreaterThan(5_000);
      const download = page.waitForEvent('download');
      await page.getByTestId(`report-${round.communes[0]!.id}`).click();
      expect((await download).suggestedFilename()).toBe(
        `bao-cao-tu-danh-gia-${round.roundId}-${round.communes[0]!.id}.docx`,
      );

      const phone = await newPage(390, 844);
      await signIn(phone, run.url, 'vanphong');
      await phone.goto(`${run.url}/rounds/${round.roundId}/overview`);
      await phone.getByTestId('overview-table').waitFor({ timeout: 60_000 });
      await shot(phone, 'phone');
      // a phone keeps the one scrolling table: nothing pinned to its right
      expect(await phone.getByTestId('overview-table').locator('.ant-table-cell-fix-right').count()).toBe(0);
      const overflow = Number(
        await phone.evaluate(
          'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'keeps the total, index and rank in view on a wide screen while the areas scroll under them',
    async () => {
      // 1280 px asked, and the narrowest width that pins them (antd's lg)
      for (const width of [1280, 992]) {
        const page = await newPage(width, 800);
        await signIn(page, run.url, 'vanphong');
        await page.goto(`${run.url}/rounds/${round.roundId}/overview`);
        const table = page.getByTestId('overview-table');
        await table.locator('tbody tr.ant-table-row').first().waitFor({ timeout: 60_000 });
        const inView = async (name: string) => {
          const box = (await table.getByRole('columnheader', { name, exact: true }).first().boundingBox())!;
          return box.x >= 0 && box.x + box.width <= width;
        };
        // the areas are wider than the screen: the table scrolls
        const scroller = `document.querySelector('[data-testid="overview-table"] .ant-table-content')`;
        const [scrollWidth, clientWidth] = await page.evaluate<[number, number]>(
          `((e) => [e.scrollWidth, e.clientWidth])(${scroller})`,
        );
        expect(scrollWidth).toBeGreaterThan(clientWidth);
        for (const name of ['Tổng điểm', 'Chỉ số (%)', 'Hạng']) expect(await inView(name), name).toBe(true);
        await shot(page, `wide-${width}`);
        // and stay there with the areas scrolled halfway
        await page.evaluate(
          `((e) => e.scrollTo({ left: (e.scrollWidth - e.clientWidth) / 2 }))(${scroller})`,
        );
        for (const name of ['Tổng điểm', 'Chỉ số (%)', 'Hạng']) expect(await inView(name), name).toBe(true);
        await shot(page, `wide-${width}-scrolled`);
      }
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
