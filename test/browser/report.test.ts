/**
 * The progress report and the plans list's filters in a real browser: an administrator searches
 * and filters the list, sees the overdue count in the plan header, downloads the progress report
 * from the follow-up tab (today by default, then as of a chosen day) and reads it back; the
 * lead-unit page shows deadlines with the days left or overdue; a lead-unit officer downloads its
 * own unit's report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateVi, vietnamDate } from '../../src/core/dates.js';
import { systemActor } from '../../src/modules/access.js';
import { updateTask } from '../../src/modules/plan-edits.js';
import { planView } from '../../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let page: Page;
let districtId: number;
let noiVuId: number;
const pageErrors: string[] = [];
/** the list asks the server again after each filter: give a loaded machine time */
const SLOW = { timeout: 10_000 };
async function shot(p: Page, name: string): Promise<void> {
  // no table still fading in under its loading veil
  await p.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  await p.screenshot({ path: join(SCREENSHOTS, name) });
}

/** A day counted from today in Vietnam (the app and the browser both run on this machine). */
function dayFromToday(days: number): string {
  const today = vietnamDate(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function docxText(download: Download): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: readFileSync(await download.path()) });
  return value;
}

async function download(p: Page, name: RegExp): Promise<Download> {
  const [file] = await Promise.all([p.waitForEvent('download'), p.getByRole('link', { name }).click()]);
  return file;
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  const clock = () => new Date();
  const loaded = await loadSamplesIfEmpty({ db, clock }, join(ROOT, 'samples'));
  districtId = loaded[1]!.planId;
  const view = await planView(db, districtId);
  noiVuId = view.units.find((u) => u.name === 'Phòng Nội vụ')!.id;
  const noiVuRows = view.rows.filter((r) => r.task?.leadUnits.some((u) => u.id === noiVuId));
  // one task ten days late, one due in five days, one done
  const follow = [
    { status: 'in_progress', progress: 30, deadline: dayFromToday(-10), progressNote: 'Chậm do chờ số liệu' },
    { status: 'not_started', progress: 0, deadline: dayFromToday(5), progressNote: '' },
    { status: 'done', progress: 100, deadline: dayFromToday(-20), progressNote: 'Đã xong' },
  ] as const;
  for (const [i, patch] of follow.entries()) {
    const row = noiVuRows[i]!;
    await updateTask({ db, clock }, systemActor('test'), districtId, row.itemId, {
      version: row.task!.version,
      ...patch,
    });
  }
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);
  await createAccount(db, 'noivu', [{ role: 'lead_unit', unitId: noiVuId }]);
  const context = await run.browser.newContext({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, run.url, 'quantri');
});

afterAll(async () => {
  await run?.stop();
});

describe('progress report and plans list', () => {
  const planRows = () => page.locator('.ant-table-tbody tr.ant-table-row');
  const listed = () => planRows().locator('td:first-child').allInnerTexts();

  it('searches the plans list without diacritics and filters it', async () => {
    await page.goto(run.url);
    await expect.poll(() => planRows().count(), SLOW).toBe(2);
    await expect.poll(() => page.getByTestId(`progress-${districtId}`).innerText(), SLOW).toContain('(1/');
    expect(await page.getByTestId(`progress-${districtId}`).innerText()).toContain('Quá hạn: 1');
    await shot(page, 'plans-list-progress.png');

    await page.getByLabel('Tìm đơn vị, năm').fill('krong no');
    await expect.poll(listed, SLOW).toEqual(['Huyện Krông Nô']);
    expect(page.url()).toContain('q=krong+no');
    await page.getByLabel('Tìm đơn vị, năm').fill('');
    await expect.poll(() => planRows().count(), SLOW).toBe(2);

    await page.getByRole('switch', { name: 'Có việc quá hạn' }).click();
    await expect.poll(listed, SLOW).toEqual(['Huyện Krông Nô']);
    await shot(page, 'plans-list-filtered.png');
    await page.getByRole('switch', { name: 'Có việc quá hạn' }).click();

    await page.getByRole('combobox', { name: 'Năm' }).click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^2022$/ })
      .click();
    await expect.poll(listed, SLOW).toEqual(['Tỉnh Đắk Nông']);
    // the filter is in the address: a reload keeps it
    await page.reload();
    await expect.poll(listed, SLOW).toEqual(['Tỉnh Đắk Nông']);
  });

  it('shows the overdue count and downloads the progress report from the follow-up tab', async () => {
    await page.goto(`${run.url}/plans/${districtId}`);
    await expect.poll(() => page.getByTestId('overdue-count').innerText(), SLOW).toBe('Nhiệm vụ quá hạn: 1');
    await page.getByRole('tab', { name: 'Theo dõi nhiệm vụ' }).click();
    await page.getByTestId('report-download').waitFor();
    await shot(page, 'plan-follow-up-report.png');

    const today = await docxText(await download(page, /Báo cáo tiến độ DOCX/));
    expect(today).toContain(
      `Báo cáo tiến độ thực hiện Kế hoạch cải thiện Chỉ số CCHC năm 2023 của Huyện Krông Nô — tính đến ngày ${formatDateVi(vietnamDate(new Date()))}`,
    );
    expect(today).toContain('Quá hạn 10 ngày');
    expect(today).toContain('Chậm do chờ số liệu');

    // as of a chosen day: ten days later the task due in five days is five days late
    const later = dayFromToday(10);
    const picker = page.getByLabel('Tính đến ngày');
    await picker.click();
    await picker.fill(formatDateVi(later));
    await picker.press('Enter');
    const xlsx = await download(page, /Báo cáo tiến độ XLSX/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Chi tiết nhiệm vụ')!;
    expect(sheet.getCell('A1').text).toContain(`tính đến ngày ${formatDateVi(later)}`);
    const marks: string[] = [];
    sheet.eachRow((row) => {
      const v = row.getCell(9).value;
      if (typeof v === 'string' && /^Quá hạn \d+ ngày$/.test(v)) marks.push(v);
    });
    expect(marks.sort()).toEqual(['Quá hạn 20 ngày', 'Quá hạn 5 ngày']);
  });

  it('shows deadlines with the days left or overdue on the lead-unit page', async () => {
    await page.goto(`${run.url}/plans/${districtId}/units/${noiVuId}`);
    const table = page.locator('.ant-table-tbody');
    await expect.poll(() => table.innerText(), SLOW).toContain('quá hạn 10 ngày');
    expect(await table.innerText()).toContain('còn 5 ngày');
    await page.getByTestId('report-download').waitFor();
    await page.getByText('quá hạn 10 ngày').scrollIntoViewIfNeeded();
    await shot(page, 'lead-unit-deadlines.png');
    const text = await docxText(await download(page, /Báo cáo tiến độ DOCX/));
    expect(text).toContain('Đơn vị: Phòng Nội vụ');
  });

  it("gives a lead-unit officer its own unit's report", async () => {
    const context = await run.browser.newContext({
      viewport: { width: 1366, height: 768 },
      acceptDownloads: true,
    });
    const own = await context.newPage();
    await signIn(own, run.url, 'noivu');
    await own.goto(`${run.url}/plans/${districtId}`);
    await own.getByRole('tab', { name: 'Theo dõi nhiệm vụ' }).click();
    await own.getByTestId('report-download').waitFor();
    // its own unit only: nothing to choose
    expect(await own.getByLabel('Cả kế hoạch hoặc một đơn vị chủ trì').count()).toBe(0);
    const text = await docxText(await download(own, /Báo cáo tiến độ DOCX/));
    expect(text).toContain('Đơn vị: Phòng Nội vụ');
    expect(text).toContain('Quá hạn 10 ngày');
    await shot(own, 'lead-officer-report.png');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
