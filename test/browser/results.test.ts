/**
 * The results pages in a real browser: a pool of twenty communes with results for 2024 and 2025
 * (seeded through results-repo, test/helpers/results.ts): "Kết quả" in the menu → the pool's years →
 * the 2025 ranking (groups coloured, a published rank that differs, the year before's place, the
 * biggest losses, the bar chart and the heat map, each saved as PNG and SVG) → a commune's page (parts
 * with lost points, the radar, the index across years, the links to the what-if and next year's plan).
 * Screenshots in test-results/screenshots (results-*.png).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { rankingSample } from '../helpers/ranking-sample.js';
import { seedResult, type SeededResult } from '../helpers/results.js';

let run: Running;
let seeded: SeededResult;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const SLOW = 300_000;
const POOL = 'Xã, phường tỉnh Mẫu';

async function newPage(width: number, height: number): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `results-${name}.png`), fullPage });

/** The sample's twenty communes in a year: area scores, criteria 8.1 and 8.2 under area 8. */
async function seedYear(year: number, shift: number): Promise<SeededResult> {
  const sample = rankingSample(20, year);
  return seedResult(run.database.db, {
    pool: POOL,
    year,
    title: `Kết quả Chỉ số CCHC cấp xã năm ${year}`,
    bands: sample.bands.map((b) => ({ label: b.label, minIndex: b.minIndex })),
    parts: [
      ...sample.parts.map((p) => ({ code: p.code, kind: p.kind, name: p.name, max: p.max })),
      { code: '8.1', kind: 'criterion' as const, parentCode: '8', name: 'Chỉ số hài lòng SIPAS', max: '12' },
      {
        code: '8.2',
        kind: 'criterion' as const,
        parentCode: '8',
        name: 'Tác động đến phát triển',
        max: '12',
      },
    ],
    // a year earlier the order turns: the last of 2025 was the 4th of 2024
    units: sample.units.map((u, i) => {
      const at = sample.units[(i + shift) % 20]!;
      const area8 = at.scores['8']!;
      const half = (Number(area8) / 2).toFixed(2);
      return {
        name: u.unit,
        index: at.index,
        rank: year === 2025 && i === 2 ? at.rank! + 1 : at.rank,
        group: at.group,
        scores: { ...at.scores, '8.1': half, '8.2': (Number(area8) - Number(half)).toFixed(2) },
      };
    }),
  });
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  await seedYear(2024, 4);
  seeded = await seedYear(2025, 0);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('the results pages in the browser', () => {
  it(
    'from the menu to the pool’s ranking, its charts saved, to a commune’s page',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/`, 'quantri');
      await page.getByTestId('nav-results').click();
      await page.getByText(POOL).waitFor();
      expect(await page.getByTestId('results-import').isVisible()).toBe(true);
      await shot(page, 'list');

      await page.getByTestId(`result-${seeded.resultId}`).click();
      const table = page.getByTestId('ranking-table');
      await table.waitFor();
      expect((await page.getByTestId('ranking-title').textContent())?.trim()).toBe(`${POOL} — 2025`);
      const rows = table.locator('tbody tr.ant-table-row');
      expect(await rows.count()).toBe(20);
      // first: 100 in group A; the 4th and 5th share a rank
      expect(await rows.nth(0).textContent()).toContain('Xã Số 1');
      expect(await rows.nth(0).textContent()).toContain('100');
      expect((await rows.nth(3).locator('td').first().textContent())?.trim()).toBe('4');
      expect((await rows.nth(4).locator('td').first().textContent())?.trim()).toBe('4');
      // the published rank of the 3rd differs; the losses in words; the place the year before
      const third = seeded.unitIds['Xã Số 3']!;
      expect((await page.getByTestId(`published-${third}`).textContent())?.trim()).toBe('công bố hạng 4');
      expect(await rows.nth(19).textContent()).toContain('mất 11,78 ở 8mất 5,32 ở 7');
      expect(await rows.nth(19).textContent()).toContain('4▼ 16');
      expect(await rows.nth(19).textContent()).toContain('▼ 16');

      const bars = page.getByTestId('ranking-chart');
      // the chart draws its svg before the bands' labels: wait for the label, then count it
      const bandLabel = bars.locator('svg text', { hasText: 'A ≥ 90' });
      await bandLabel.first().waitFor();
      expect(await bandLabel.count()).toBe(1);
      await page.getByTestId('heatmap-chart').locator('svg').first().waitFor();
      await shot(page, 'ranking');

      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('ranking-chart-png').click(),
      ]);
      expect(png.suggestedFilename()).toBe('xep-hang-xa-phuong-tinh-mau-2025.png');
      expect([...readFileSync(await png.path()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('heatmap-chart-svg').click(),
      ]);
      expect(svg.suggestedFilename()).toBe('linh-vuc-xa-phuong-tinh-mau-2025.svg');
      const svgText = readFileSync(await svg.path(), 'utf8');
      expect(svgText.startsWith('<svg')).toBe(true);
      expect(svgText).toContain('Xã Số 20');

      expect(await page.getByTestId(`what-if-${third}`).getAttribute('href')).toBe(
        `/results/${seeded.resultId}/what-if?unit=${third}`,
      );

      const last = seeded.unitIds['Xã Số 20']!;
      await page.getByTestId(`unit-${last}`).click();
      expect((await page.getByTestId('unit-title').textContent())?.trim()).toBe('Xã Số 20');
      expect((await page.getByTestId('unit-index').textContent())?.trim()).toBe('66,94');
      const parts = page.getByTestId('unit-parts');
      expect(await parts.locator('tbody tr.ant-table-row').count()).toBe(10);
      expect(await parts.locator('tbody tr.ant-table-row', { hasText: '8.1' }).textContent()).toContain(
        'Chỉ số hài lòng SIPAS',
      );
      await page.getByTestId('radar-chart').locator('svg').first().waitFor();
      expect(await page.getByTestId('history-chart').locator('svg text', { hasText: '2024' }).count()).toBe(
        1,
      );
      expect(await page.getByTestId('unit-next-plan').getAttribute('href')).toBe(
        `/results/${seeded.resultId}/units/${last}/next-plan`,
      );
      await shot(page, 'unit');

      // on a phone nothing is wider than the screen
      const phone = await newPage(390, 844);
      await signIn(phone, `${run.url}/results/${seeded.resultId}`, 'quantri');
      await phone.getByTestId('ranking-table').waitFor();
      await phone.getByTestId('ranking-chart').locator('svg').first().waitFor();
      const overflow = Number(
        await phone.evaluate(
          'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(phone, 'ranking-phone', false);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
