/**
 * The results import page in a real browser: an administrator chooses the pool and the year, uploads
 * a table (one province written without "Tỉnh", one unknown name, one component sum off by 0,01) —
 * the preview shows the computed ranks and groups beside the published ones, the warning with its
 * place, the unknown name with its candidate preselected; confirm → the result's page. The page fits
 * a phone. The provinces and figures are made up. Screenshots in test-results/screenshots
 * (results-import-*.png).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPool, replaceBands } from '../../src/db/results-repo.js';
import { systemActor } from '../../src/modules/access.js';
import { createUnit } from '../../src/modules/units-admin.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';

let run: Running;
let poolId = 0;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const SLOW = 300_000;

async function newPage(width: number, height: number): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SCREENSHOTS, `results-import-${name}.png`), fullPage: true });

const TABLE = [
  'STT,Tỉnh/thành phố,Điểm thẩm định (62),Chỉ số hài lòng SIPAS (10),Khảo sát lãnh đạo cán bộ (20),Tác động KT-XH (8),Chỉ số,Xếp hạng,Nhóm',
  '1,Biển Đông,"58,00","9,00","17,00","7,00","91,00",1,A',
  '2,Sông Lam,"54,00","8,50","16,00","6,50","85,01",2,B',
  '3,Tỉnh Núi Xanh Mới,"52,00","8,00","15,00","6,00","81,00",3,B',
].join('\n');

beforeAll(async () => {
  run = await startAppAndBrowser();
  const deps = { db: run.database.db, clock: () => new Date() };
  for (const name of ['Tỉnh Biển Đông', 'Tỉnh Sông Lam', 'Tỉnh Núi Xanh'])
    await createUnit(deps, systemActor('test'), { name, kind: 'province', parentId: null });
  poolId = await insertPool(run.database.db, {
    name: 'Các tỉnh, thành phố (thử)',
    name_key: 'cac tinh, thanh pho (thu)',
    created_at: new Date().toISOString(),
    created_by: 'test',
  });
  await replaceBands(run.database.db, poolId, 2030, [
    { label: 'A', min_index: '90', colour: '' },
    { label: 'B', min_index: '80', colour: '' },
  ]);
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('the results import page', () => {
  it(
    'previews computed against published ranks, maps an unknown name and stores the result',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/results/import`, 'quantri');
      await page.getByRole('heading', { name: 'Nhập kết quả xếp hạng đã công bố' }).waitFor();
      // the pools' list is H2's route: until it is there, the pool is typed by its id
      const pool = page.getByTestId('results-pool');
      if ((await pool.getAttribute('role')) === 'spinbutton') await pool.fill(String(poolId));
      else {
        await pool.click();
        // the only pool is chosen already: its option in the list, not the field showing it
        await page.locator('.ant-select-item-option[title="Các tỉnh, thành phố (thử)"]').click();
      }
      await page.getByTestId('results-year').fill('2030');
      await shot(page, 'upload');

      await page
        .locator('input[type=file]')
        .setInputFiles({ name: 'ket-qua.csv', mimeType: 'text/csv', buffer: Buffer.from(TABLE, 'utf8') });
      const summary = page.getByTestId('results-summary');
      await summary.waitFor();
      expect(await summary.innerText()).toContain('3 đơn vị, năm 2030, nhóm “Các tỉnh, thành phố (thử)”');
      expect(await page.getByTestId('results-reproduced').innerText()).toContain(
        'trùng với bản công bố ở mọi dòng',
      );
      const findings = await page.getByTestId('results-findings').innerText();
      expect(findings).toContain('Các thành phần của "Sông Lam" cộng lại được 85,00, khác chỉ số 85,01');
      expect(findings).toContain('dòng 3, cột 7');
      const unknown = await page.getByTestId('results-unknown').innerText();
      expect(unknown).toContain('Tỉnh Núi Xanh Mới');
      expect(unknown).toContain('Tỉnh Núi Xanh');
      const rows = await page.getByTestId('results-rows').innerText();
      expect(rows).toContain('Tỉnh Sông Lam');
      expect(rows).toContain('“Sông Lam”');
      await shot(page, 'preview');

      await page.getByTestId('results-confirm').click();
      await page.waitForURL(/\/results\/\d+$/);
      const stored = await run.database.db
        .selectFrom('results')
        .select(['id', 'year'])
        .where('pool_id', '=', poolId)
        .execute();
      expect(stored).toHaveLength(1);
      expect(page.url()).toBe(`${run.url}/results/${stored[0]!.id}`);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'fits a phone',
    async () => {
      const page = await newPage(390, 844);
      await signIn(page, `${run.url}/results/import`, 'quantri');
      await page.getByRole('heading', { name: 'Nhập kết quả xếp hạng đã công bố' }).waitFor();
      await shot(page, 'phone');
      const overflow = await page.evaluate<number>(
        'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
