/**
 * Units across reorganisations in a real browser: the units page opens Lâm Đồng's lineage (Đắk Nông
 * merged into it on 01/07/2025, from samples/units.json), its "Năm trước" panel shows Đắk Nông's
 * 2022 plan and records the average; the unit's edit form points to the reorganisation form, which
 * is shown with a list with a bad row.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount, unitId } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startAppAndBrowser();
  await loadSamplesIfEmpty({ db: run.database.db, clock: () => new Date() }, join(ROOT, 'samples'));
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await run?.stop();
});

describe('units across reorganisations', () => {
  it("Lâm Đồng's lineage and its last year from Đắk Nông's plan", async () => {
    await signIn(page, `${run.url}/admin/units`, 'quantri');
    await page.getByRole('heading', { name: 'Danh mục đơn vị' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'lineage-units-page.png'), fullPage: true });
    await page.getByRole('button', { name: 'Lịch sử sắp xếp Tỉnh Lâm Đồng' }).click();
    const drawer = page.locator('.ant-drawer');
    await page.getByText('Sáp nhập ngày 01/07/2025 — 202/2025/QH15').waitFor();
    await page.getByRole('spinbutton').fill('2022');
    await page.getByText('Trung bình các đơn vị: 89,93').click();
    await drawer.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi nhận: 89,93/).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'lineage-drawer.png') });
    const lamDong = await unitId(run.database.db, 'Tỉnh Lâm Đồng');
    const row = await run.database.db
      .selectFrom('unit_year_baselines')
      .select(['rule', 'value'])
      .where('unit_id', '=', lamDong)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ rule: 'average', value: '89.93' });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it("the unit's edit form has no lineage fields: it points to the reorganisation form", async () => {
    await page
      // Đắk Nông, merged into Lâm Đồng: its lineage is not edited here
      .getByRole('row', { name: /Tỉnh Đắk Nông/ })
      .first()
      .getByRole('button', { name: /(^| )Sửa$/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Sửa đơn vị' });
    await dialog.getByText(/dùng "Ghi nhận sắp xếp đơn vị" trên trang Đơn vị/).waitFor();
    expect(await dialog.getByLabel('Tên đơn vị').inputValue()).toBe('Tỉnh Đắk Nông');
    expect(await dialog.getByText('Đơn vị kế thừa').count()).toBe(0);
    expect(await dialog.getByText('Sáp nhập, đổi tên, giải thể').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'unit-edit-form.png') });
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('the reorganisation form and a list with a bad row', async () => {
    await page.getByRole('button', { name: 'Ghi nhận sắp xếp đơn vị' }).click();
    await page.getByRole('dialog').getByText('Đơn vị cũ').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'lineage-event-form.png') });
    await page.getByRole('button', { name: 'Hủy' }).click();

    const file = join(SCREENSHOTS, 'sap-xep.csv');
    writeFileSync(
      file,
      'Đơn vị cũ,Đơn vị mới,Sự kiện,Ngày,Quyết định\nXã Không Có,,giải thể,01/01/2026,1/QĐ\n',
    );
    await page.getByRole('button', { name: 'Nhập danh sách sắp xếp' }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByText('Không có đơn vị "Xã Không Có" trong phạm vi quản lý').waitFor();
    await page.getByText('dòng 2, cột 1').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'lineage-list-preview.png') });
    expect(pageErrors).toEqual([]);
  });
});
