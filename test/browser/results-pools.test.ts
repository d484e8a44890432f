/**
 * The ranking pools page in a real browser (/results/pools): the installation's administrator
 * creates a pool with a tie-break order, sets a year's bands (refused first with the band's
 * position named, then saved highest first); a reader sees the same pools and bands read-only.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bandsOf, findPoolByKey } from '../../src/db/results-repo.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { seedResult } from '../helpers/results.js';

let run: Running;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startAppAndBrowser();
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  await seedResult(run.database.db, {
    pool: 'Các tỉnh, thành phố',
    year: 2024,
    tieBreak: ['sipas'],
    bands: [
      { label: 'A', minIndex: '90', colour: '#1b9e77' },
      { label: 'B', minIndex: '80', colour: '#7570b3' },
    ],
    units: [{ name: 'Thành phố Hải Phòng', index: '91.5' }],
  });
  const province = await seedResult(run.database.db, {
    pool: 'Các sở, ban, ngành',
    year: 2025,
    units: [{ name: 'Tỉnh Lâm Đồng', index: '85' }],
  });
  await createAccount(run.database.db, 'xem', [
    { role: 'viewer', unitId: province.unitIds['Tỉnh Lâm Đồng']! },
  ]);
  const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await run?.stop();
});

describe('ranking pools and bands', () => {
  it('the administrator creates a pool with a tie-break and sets its bands of a year', async () => {
    await signIn(page, `${run.url}/results/pools`, 'quantri');
    await page.getByRole('heading', { name: 'Nhóm xếp hạng và mức xếp loại' }).waitFor();
    await page.getByText('Chỉ số hài lòng SIPAS').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'results-pools.png'), fullPage: true });

    await page.getByTestId('pool-create').click();
    await page.getByTestId('pool-name').fill('Các xã, đặc khu');
    await page.getByTestId('pool-tie-break').click();
    await page.getByTitle('Điểm thẩm định / đánh giá').click();
    await page.keyboard.press('Escape');
    await page.getByTestId('pool-save').click();
    await page.getByText('Đã lưu nhóm xếp hạng').waitFor();
    await page.getByText('Mức xếp loại của nhóm "Các xã, đặc khu"').waitFor();

    const editor = page.getByTestId('bands-editor');
    await editor.getByTestId('bands-year').fill('2025');
    await editor.getByTestId('band-add').click();
    await editor.getByTestId('band-add').click();
    await editor.getByTestId('band-label').nth(0).fill('Tốt');
    await editor.getByTestId('band-min').nth(0).fill('85');
    await editor.getByTestId('band-label').nth(1).fill('Khá');
    await editor.getByTestId('band-min').nth(1).fill('85');
    await editor.getByTestId('bands-save').click();
    await page.getByText('mức thứ 2 có cùng chỉ số thấp nhất với mức "Tốt"', { exact: false }).waitFor();
    await editor.getByTestId('band-min').nth(1).fill('70,5');
    await editor.getByTestId('bands-save').click();
    await page.getByText('Đã lưu các mức xếp loại năm 2025').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'results-pools-bands.png'), fullPage: true });

    const pool = await findPoolByKey(run.database.db, 'cac xa, dac khu');
    expect(JSON.parse(pool!.tie_break)).toEqual(['appraised']);
    expect((await bandsOf(run.database.db, pool!.id, 2025)).map((b) => [b.label, b.min_index])).toEqual([
      ['Tốt', '85'],
      ['Khá', '70.5'],
    ]);
  });

  it('a reader sees the pools and bands, nothing to change', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
    const reader = await context.newPage();
    reader.on('pageerror', (e) => pageErrors.push(String(e)));
    await signIn(reader, `${run.url}/results/pools`, 'xem');
    await reader.getByText('Chỉ quản trị viên toàn hệ thống sửa được nhóm và mức xếp loại.').waitFor();
    await reader.getByRole('row', { name: /Các tỉnh, thành phố/ }).click();
    await reader.getByText('≥ 90').waitFor();
    expect(await reader.getByTestId('pool-create').count()).toBe(0);
    expect(await reader.getByTestId('bands-save').count()).toBe(0);
    await reader.screenshot({ path: join(SCREENSHOTS, 'results-pools-reader.png'), fullPage: true });
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
