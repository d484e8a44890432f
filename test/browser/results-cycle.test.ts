/**
 * Issue 12's acceptance in one browser scenario, as the installation's administrator: the sample
 * plans loaded as a new installation loads them (Đắk Nông's 2022 plan makes the provinces' 2022
 * framework), a per-criterion result of 2022 for six provinces (test/fixtures/results/, long layout,
 * made-up figures) imported through /results/import into the national pool — its parts take the
 * framework's names and max — then the ranking, Đắk Nông's page (fourth, B), "Mô phỏng" (1.2 typed at
 * 0,5: third, passing Núi Xanh; the fewest criteria to A applied: 8.1 alone to its max, 90,29, A), "Lập kế hoạch năm sau"
 * (area 1 a share, area 2 by hand, the rest full), the draft created, the plan page's XLSX and DOCX
 * downloaded and each re-imported through the plans' import page unchanged. Screenshots in
 * test-results/screenshots (results-cycle-*.png).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access.js';
import { SAMPLE_POOL, loadSampleResults, loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { listPools, savePoolBands } from '../../src/modules/results.js';
import { createUnit } from '../../src/modules/units-admin.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let page: Page;
let provinceId: number;
const pageErrors: string[] = [];
const SLOW = 300_000;
const WAIT = { timeout: 20_000 };
const FIXTURE = join(ROOT, 'test/fixtures/results/chi-so-2022-tinh-theo-tieu-chi.csv');
/** the made-up provinces of the fixture beside Đắk Nông */
const OTHERS = ['Tỉnh Biển Đông', 'Tỉnh Sông Lam', 'Tỉnh Núi Xanh', 'Tỉnh Cao Nguyên', 'Tỉnh Đồng Bằng'];

/** Long pages (the draft, the re-import's preview) are shot at the window's height. */
const shot = (name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `results-cycle-${name}.png`), fullPage });
const text = (testId: string) => page.getByTestId(testId).innerText();

beforeAll(async () => {
  run = await startAppAndBrowser();
  const deps = { db: run.database.db, clock: () => new Date() };
  const actor = systemActor('test');
  const [province] = await loadSamplesIfEmpty(deps, join(ROOT, 'samples'));
  await loadSampleResults(deps, join(ROOT, 'samples', 'results'));
  const pool = (await listPools(deps, actor)).find((p) => p.name === SAMPLE_POOL)!;
  await savePoolBands(deps, actor, pool.id, 2022, [
    { label: 'A', minIndex: '90', colour: '' },
    { label: 'B', minIndex: '80', colour: '' },
  ]);
  for (const name of OTHERS) await createUnit(deps, actor, { name, kind: 'province', parentId: null });
  provinceId = (
    await run.database.db
      .selectFrom('plans')
      .select('subject_unit_id')
      .where('id', '=', province!.planId)
      .executeTakeFirstOrThrow()
  ).subject_unit_id;
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  page = await run.browser.newPage({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
}, SLOW);

afterAll(async () => {
  await run?.stop();
});

/** Uploads a file to the plans' import page and waits for its preview. */
async function reimport(name: string, bytes: Buffer): Promise<void> {
  await page.goto(`${run.url}/import`);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  await page.getByTestId('plan-preview').first().waitFor(WAIT);
}

describe('results → what-if → next year’s plan → export → re-import', () => {
  it(
    'goes through the whole cycle in one browser and re-imports the exported appendix unchanged',
    async () => {
      // 1. the result of 2022, per criterion, through the import page
      await signIn(page, `${run.url}/results/import`, 'quantri');
      await page.getByRole('heading', { name: 'Nhập kết quả xếp hạng đã công bố' }).waitFor();
      await page.getByTestId('results-pool').click();
      await page.locator('.ant-select-item-option', { hasText: SAMPLE_POOL }).click();
      await page.getByTestId('results-year').fill('2022');
      await page.locator('input[type=file]').setInputFiles(FIXTURE);
      await page.getByTestId('results-summary').waitFor(WAIT);
      expect(await text('results-summary')).toContain(`6 đơn vị, năm 2022, nhóm “${SAMPLE_POOL}”`);
      const previewRows = await text('results-rows');
      expect(previewRows).toContain('Tỉnh Đắk Nông');
      await shot('1-import');
      await page.getByTestId('results-confirm').click();
      await page.waitForURL(/\/results\/\d+$/);
      const resultId = Number(/\/results\/(\d+)$/.exec(page.url())![1]);
      const stored = await run.database.db
        .selectFrom('results')
        .innerJoin('frameworks', 'frameworks.id', 'results.framework_id')
        .select(['results.year', 'frameworks.name'])
        .where('results.id', '=', resultId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ year: 2022, name: 'Bộ tiêu chí cấp tỉnh năm 2022' });

      // 2. the ranking, then the unit's page
      const table = page.getByTestId('ranking-table');
      await table.waitFor(WAIT);
      const ranking = await table.innerText();
      expect(ranking.indexOf('Tỉnh Biển Đông')).toBeLessThan(ranking.indexOf('Tỉnh Đắk Nông'));
      expect(ranking.indexOf('Tỉnh Núi Xanh')).toBeLessThan(ranking.indexOf('Tỉnh Đắk Nông'));
      expect(ranking.indexOf('Tỉnh Đắk Nông')).toBeLessThan(ranking.indexOf('Tỉnh Cao Nguyên'));
      await shot('2-ranking');
      await page.getByTestId(`unit-${provinceId}`).click();
      await page.getByTestId('unit-title').waitFor(WAIT);
      expect((await text('unit-title')).trim()).toBe('Tỉnh Đắk Nông');
      expect((await text('unit-index')).trim()).toBe('88,89');
      // the parts named and bounded by the framework, not by their bare codes
      await expect
        .poll(() => text('unit-parts'), WAIT)
        .toContain('Sáng kiến hoặc giải pháp mới trong cải cách hành chính');
      await shot('3-unit');

      // 3. "Mô phỏng": type an expected score, then apply the fewest criteria to group A
      await page.getByTestId('unit-what-if').click();
      await page.getByRole('heading', { name: 'Mô phỏng điểm, thứ hạng và nhóm' }).waitFor(WAIT);
      await expect.poll(() => text('wi-rank'), WAIT).toMatch(/^Thứ hạng\s+4/);
      expect(await text('wi-group')).toMatch(/^Nhóm\s+B/);
      expect(await text('wi-smallest')).toContain('Ít tiêu chí nhất để lên nhóm A');
      expect(await text('wi-smallest')).toContain('8.1');
      await page.getByTestId('wi-expected-1.2').fill('0,5');
      await expect.poll(() => text('wi-index'), WAIT).toContain('89,39');
      expect(await text('wi-rank')).toMatch(/^Thứ hạng\s+3/);
      expect(await text('wi-group')).toMatch(/^Nhóm\s+B/);
      expect(await text('wi-passed')).toContain('Tỉnh Núi Xanh');
      await shot('4-what-if-typed');
      await page.getByTestId('wi-apply').click();
      // the set replaces what was typed: 8.1 (1,4 points lost, the biggest stake) at its max alone
      await expect.poll(() => text('wi-index'), WAIT).toContain('90,29');
      // (8.1 is on the table's third page; 1.2, on the first, lost what was typed)
      expect(await page.getByTestId('wi-expected-1.2').inputValue()).toBe('');
      expect(await text('wi-rank')).toMatch(/^Thứ hạng\s+3/);
      expect(await text('wi-group')).toMatch(/^Nhóm\s+A/);
      await shot('5-what-if-group-a');

      // 4. "Lập kế hoạch năm sau": area 1 a share, area 2 by hand, the others in full
      await page.getByTestId('wi-next-plan').click();
      await page.getByRole('heading', { name: 'Lập kế hoạch năm 2023' }).waitFor(WAIT);
      const row = (code: string) =>
        page.locator('tr', { hasText: new RegExp(`^${code.replaceAll('.', '\\.')}\\. `) }).first();
      await expect.poll(() => row('1.5').innerText(), WAIT).toMatch(/2\s+đủ/);
      await page.getByRole('radiogroup', { name: 'Lĩnh vực 1' }).getByText('Một phần').click();
      await expect.poll(() => row('1.1').innerText(), WAIT).toMatch(/1,48\s+một phần/);
      expect(await row('1.2').innerText()).toMatch(/0,3\s+một phần/);
      // half of the point lost on 1.5 (1 of 2), half-up to the precision its max and baseline are written in
      expect(await row('1.5').innerText()).toMatch(/2\s+một phần/);
      expect(await row('1.2').innerText()).toContain('Chuyển tiếp');
      await page.getByRole('radiogroup', { name: 'Lĩnh vực 2' }).getByText('Tự nhập').click();
      await expect
        .poll(() => page.locator('.ant-tag', { hasText: /^tự nhập$/ }).count(), WAIT)
        .toBeGreaterThan(0);
      await shot('6-next-plan', false);
      await page.getByRole('button', { name: 'Tạo dự thảo kế hoạch' }).click();
      await page.waitForURL(/\/plans\/\d+$/, WAIT);
      const planId = Number(/\/plans\/(\d+)$/.exec(page.url())![1]);
      const plan = await run.database.db
        .selectFrom('plans')
        .select(['year', 'subject_unit_id'])
        .where('id', '=', planId)
        .executeTakeFirstOrThrow();
      expect(plan).toEqual({ year: 2023, subject_unit_id: provinceId });
      // the plan page replaces the draft's
      await page.getByRole('button', { name: 'Tạo dự thảo kế hoạch' }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: 'Tải XLSX' }).waitFor(WAIT);
      expect(await page.locator('body').innerText()).toContain('Tỉnh Đắk Nông — Kế hoạch năm 2023');
      await shot('7-plan', false);

      // 5. the plan page's downloads
      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải XLSX' }).click(),
      ]);
      const [docx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Tải DOCX' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(docx.suggestedFilename()).toMatch(/\.docx$/);
      const xlsxBytes = readFileSync(await xlsx.path());
      const docxBytes = readFileSync(await docx.path());

      // 6. each re-imported through the plans' import page: the same content, nothing to change
      const plansBefore = await run.database.db.selectFrom('plans').select('id').execute();
      await reimport(docx.suggestedFilename(), docxBytes);
      expect(await page.getByTestId('plan-preview').first().innerText()).toContain(
        'Kế hoạch này đã có với đúng nội dung; nhập lại không thay đổi gì',
      );
      await shot('8-reimport-docx', false);
      await reimport(xlsx.suggestedFilename(), xlsxBytes);
      const preview = page.getByTestId('plan-preview').first();
      expect(await preview.innerText()).toContain('Tỉnh Đắk Nông — 2023');
      expect(await preview.innerText()).toContain(
        'Kế hoạch này đã có với đúng nội dung; nhập lại không thay đổi gì',
      );
      expect(await page.getByTestId('plan-diff').count()).toBe(0);
      await shot('9-reimport-xlsx', false);
      await page.getByRole('button', { name: 'Tiếp' }).click();
      await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
      await page.getByText('Đã nhập xong').waitFor(WAIT);
      expect(await page.locator('body').innerText()).toContain('Tỉnh Đắk Nông 2023 — không thay đổi');
      await shot('10-reimported');
      expect(await run.database.db.selectFrom('plans').select('id').execute()).toEqual(plansBefore);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
