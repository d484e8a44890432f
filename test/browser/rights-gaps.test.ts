/**
 * Issue 7's rights gaps as an administrator meets them in a real browser: two plans of two
 * "Huyện Krông Nô" told apart by their paths in the plans list; the unit form warning of a name used
 * elsewhere and offering no kind that cannot sit under the chosen parent; the password form showing
 * the policy and refusing digits only.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/modules/access.js';
import { importPlans } from '../../src/modules/imports.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createUnit } from '../../src/modules/units-admin.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';
import { seedPlanText, seedText, toBytes } from '../helpers/seed-edit.js';

let run: Running;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startAppAndBrowser();
  const deps = { db: run.database.db, clock: () => new Date() };
  await loadSamplesIfEmpty(deps, join(ROOT, 'samples'));
  // a second province with its own Huyện Krông Nô, whose administrator files that district's plan
  const daklak = await createUnit(deps, systemActor('test'), {
    name: 'Tỉnh Đắk Lắk',
    kind: 'province',
    parentId: null,
  });
  await createUnit(deps, systemActor('test'), {
    name: 'Huyện Krông Nô',
    kind: 'district',
    parentId: daklak.id,
  });
  const theirAdmin: Actor = {
    ...systemActor('quantri.daklak'),
    grants: [{ ...systemActor().grants[0]!, unitId: daklak.id }],
  };
  const imported = await importPlans(deps, {
    actor: theirAdmin,
    bytes: toBytes(seedPlanText(seedText(), 'district')),
    sourceName: 'krong-no-daklak.txt',
  });
  expect(imported.ok).toBe(true);
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, run.url, 'quantri');
});

afterAll(async () => {
  await run?.stop();
});

describe('rights gaps in the browser', () => {
  it('shows the paths of two plans whose subjects share a name, and not of the others', async () => {
    await page.goto(`${run.url}/`);
    await page.getByText('Tỉnh Đắk Lắk › Huyện Krông Nô').waitFor();
    await expect(page.getByText('Tỉnh Đắk Nông › Huyện Krông Nô').count()).resolves.toBe(1);
    // the province's name is its own: no path under it
    await expect(page.getByText(/› Tỉnh Đắk Nông$/).count()).resolves.toBe(0);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'rights-plans-paths.png'), fullPage: true });
  });

  it('warns of a unit name used elsewhere and offers no kind that cannot sit under the parent', async () => {
    await page.goto(`${run.url}/admin/units`);
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên đơn vị').fill('Huyện Krông Nô');
    await dialog.getByText('Đã có đơn vị cùng tên ở nơi khác').waitFor();
    await dialog.getByText('Tỉnh Đắk Lắk › Huyện Krông Nô').waitFor();
    await dialog.getByText('Tỉnh Đắk Nông › Huyện Krông Nô').waitFor();
    // under a district, a province is not offered; the parent chosen again if a click on a loaded
    // machine landed while the tree's list was still settling (the search typed afresh each time)
    for (let attempt = 1; ; attempt++) {
      await dialog.getByLabel('Trực thuộc').click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Krông');
      try {
        await page
          .locator('.ant-select-tree-node-content-wrapper', { hasText: 'Huyện Krông Nô' })
          .first()
          .click({ timeout: 10_000 });
        await dialog.getByTitle('Huyện Krông Nô').first().waitFor({ timeout: 10_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await dialog.getByLabel('Loại đơn vị').click();
    const province = page.locator('.ant-select-item-option', {
      hasText: 'Tỉnh — không thể trực thuộc đơn vị cấp trên đã chọn',
    });
    await province.waitFor();
    expect(await province.getAttribute('class')).toContain('ant-select-item-option-disabled');
    const commune = page.locator('.ant-select-item-option', { hasText: /^Xã$/ });
    expect(await commune.getAttribute('class')).not.toContain('ant-select-item-option-disabled');
    // the kinds offered, once the list has settled
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'rights-unit-kinds.png') });
    await dialog.getByText('Tạo đơn vị', { exact: true }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, 'rights-unit-same-name.png') });
    expect(pageErrors).toEqual([]);
  });

  it('shows the password policy and refuses digits only before sending', async () => {
    await page.goto(`${run.url}/`);
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
    const form = page.locator('.ant-card, .ant-modal').filter({ hasText: 'Mật khẩu hiện tại' }).first();
    await form.getByText(/không chỉ gồm chữ số, không phải mật khẩu phổ biến/).waitFor();
    await form.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('1234567890');
    await form.getByLabel('Mật khẩu hiện tại').click();
    await form.getByText('Không được chỉ gồm chữ số').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'rights-password-policy.png') });
    expect(pageErrors).toEqual([]);
  });
});
