/**
 * The administrator of the whole installation in a real browser: the Sao lưu page shows the audit
 * anchor and downloads a copy of the database that is an SQLite file; an administrator of a unit
 * has no such menu entry and the page says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead } from '../../src/modules/audit-verify.js';
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
  const province = await unitId(run.database.db, 'Tỉnh Đắk Nông');
  await createAccount(run.database.db, 'quantri.tinh', [{ role: 'admin', unitId: province }]);
  const context = await run.browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await run?.stop();
});

describe('the backup page', () => {
  it('shows the anchor and downloads a copy of the database', async () => {
    await signIn(page, run.url, 'quantri');
    // the administrator's menu is longer than the bar: the last items sit under "···"
    const item = page.getByRole('menuitem', { name: 'Sao lưu' });
    if (!(await item.isVisible())) await page.getByTestId('nav-more').hover();
    await item.click();
    await page.getByRole('heading', { name: 'Sao lưu dữ liệu' }).waitFor();
    const head = await auditHead(run.database.db);
    await expect
      .poll(() => page.getByTestId('backup-anchor').innerText())
      .toContain(`${head.id}:${head.hash}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'backup-page.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('backup-download').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^parindex-\d{8}-\d{6}\.sqlite$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    await page.getByText(`Đã tải ${download.suggestedFilename()}`).waitFor();
    const recorded = await run.database.db
      .selectFrom('audit_log')
      .select(['action', 'username'])
      .where('action', '=', 'backup.create')
      .execute();
    expect(recorded).toEqual([{ action: 'backup.create', username: 'quantri' }]);
    expect(pageErrors).toEqual([]);
  });

  it('is not offered to an administrator of a unit', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const other = await context.newPage();
    await signIn(other, run.url, 'quantri.tinh');
    expect(await other.getByRole('menuitem', { name: 'Sao lưu' }).count()).toBe(0);
    await other.goto(`${run.url}/admin/backup`);
    await other.getByText('Tài khoản của bạn không được dùng trang này').waitFor();
    await context.close();
  });
});
