/**
 * The import wizard on a plan that officers already follow up, in a real browser: the district's own
 * XLSX with one task reworded, a target changed and one task removed shows the differences row by
 * row (old → new) and the one follow-up entry replacing would lose, asks for confirmation, and keeps
 * every other follow-up. A plan for a unit dissolved before its year is refused naming the
 * successor; a new district asks which province it belongs to.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/modules/access.js';
import { exportPlan } from '../../src/modules/plans.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let context: BrowserContext;
let page: Page;
let districtId: number;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

async function tasksOf(planId: number) {
  const rows = await run.database.db
    .selectFrom('tasks')
    .innerJoin('plan_items', 'plan_items.id', 'tasks.plan_item_id')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .select(['criteria.code as code', 'tasks.id as id', 'tasks.text as text', 'tasks.status as status'])
    .select(['tasks.progress as progress', 'tasks.progress_note as note', 'tasks.deadline as deadline'])
    .where('plan_items.plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.code, { ...r, progress: Number(r.progress) }]));
}

const SMALL_PLAN = (title: string, year: number) =>
  [
    `PHỤ LỤC**NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC ${title} NĂM ${year}**`,
    '',
    `STT\tLĩnh vực/ tiêu chí/ tiêu chí thành phần\tĐiểm chuẩn\tĐiểm năm ${year - 1} đạt được\tMục tiêu năm ${year}\tNhiệm vụ/ giải pháp/ kết quả đầu ra\tĐơn vị chủ trì`,
    '1\tCÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC\t100\t90\t95\t\t',
    '1.1\tKế hoạch CCHC năm\t60\t50\t55\tXây dựng kế hoạch\tPhòng Nội vụ',
    '1.2\tThực hiện chế độ báo cáo CCHC định kỳ\t40\t40\t40\tBáo cáo đầy đủ, đúng hạn\tPhòng Tư pháp',
    'TỔNG ĐIỂM\t\t100\t90\t95\t\t',
  ].join('\n');

async function upload(name: string, buffer: Buffer) {
  await page.goto(`${run.url}/import`);
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  await page.getByTestId('plan-preview').first().waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  const loaded = await loadSamplesIfEmpty(
    { db: run.database.db, clock: () => new Date() },
    join(ROOT, 'samples'),
  );
  districtId = loaded.find((p) => p.subject === 'Huyện Krông Nô')!.planId;
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  context = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, run.url, 'quantri');
});

afterAll(async () => {
  await context?.close();
  await run?.stop();
});

describe('re-importing a followed-up plan through the wizard', () => {
  it('shows old → new row by row and the follow-up lost, asks to confirm, keeps the rest', async () => {
    const db = run.database.db;
    const before = await tasksOf(districtId);
    for (const [i, code] of ['1.1.1', '1.1.2', '1.4.1'].entries()) {
      await db
        .updateTable('tasks')
        .set({
          status: 'in_progress',
          progress: 25 * (i + 1),
          deadline: '2023-09-30',
          progress_note: `Đã làm ${code}`,
        })
        .where('id', '=', before.get(code)!.id)
        .execute();
    }
    const followed = await tasksOf(districtId);

    const xlsx = (await exportPlan(db, districtId, 'xlsx', systemActor()))?.bytes;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx!) as unknown as ArrayBuffer);
    wb.worksheets[0]!.eachRow((row) => {
      const code = row.getCell(1).text.trim();
      if (code === '1.1.2') row.getCell(6).value = 'Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung, đúng hạn';
      if (code === '1.2.1') row.getCell(5).value = 0.25;
      if (code === '1.4.1') {
        row.getCell(6).value = '';
        row.getCell(7).value = '';
      }
    });
    await upload('krong-no-2023-sua.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));

    const diff = page.getByTestId('plan-diff');
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toContain('3 tiêu chí sửa, 0 thêm, 0 bỏ');
    expect(text).toContain(before.get('1.1.2')!.text);
    expect(text).toContain('Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung, đúng hạn');
    expect(text).toMatch(/Mục tiêu:\s*0,5\s*→\s*0,25/);
    expect(text).toContain('mất theo dõi');
    expect(await page.getByTestId('diff-lost').innerText()).toContain('của 1 nhiệm vụ bị bỏ');
    await shot('import-reimport-diff.png');
    // the same in English
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => diff.innerText()).toContain('Differences from the stored plan');
    expect(await diff.innerText()).toMatch(/Target:\s*0\.5\s*→\s*0\.25/);
    expect(await page.getByTestId('diff-lost').innerText()).toContain('of 1 removed task(s)');
    await shot('import-reimport-diff-en.png');
    await page.getByText('VI', { exact: true }).click();
    await expect.poll(() => diff.innerText()).toContain('Khác với kế hoạch đã có');

    await page.getByRole('button', { name: 'Tiếp' }).click();
    await expect
      .poll(() => page.getByTestId('units-card').first().innerText())
      .toContain('Huyện Krông Nô — 2023');
    const confirm = page.getByRole('button', { name: 'Xác nhận nhập' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Thay nội dung kế hoạch đã có' }).check();
    await confirm.click();
    const pop = page.locator('.ant-popconfirm');
    await pop.waitFor();
    expect(await pop.innerText()).toContain('1 mục theo dõi sẽ bị mất');
    await shot('import-reimport-confirm.png');
    // nothing is written before the confirmation
    expect(await tasksOf(districtId)).toEqual(followed);
    await pop.getByRole('button', { name: 'Thay thế' }).click();
    await page.getByText('Đã nhập xong').waitFor();

    const after = await tasksOf(districtId);
    expect(after.has('1.4.1')).toBe(false);
    expect(after.get('1.1.1')).toEqual(followed.get('1.1.1'));
    expect(after.get('1.1.2')).toEqual({
      ...followed.get('1.1.2')!,
      text: 'Xây dựng Kế hoạch CCHC năm 2023 đủ nội dung, đúng hạn',
    });
    expect(pageErrors).toEqual([]);
  });

  it('refuses a plan for a province merged before its year, naming the successor', async () => {
    await upload('dak-nong-2026.txt', Buffer.from(SMALL_PLAN('TỈNH ĐẮK NÔNG', 2026), 'utf8'));
    const ended = page.getByTestId('subject-ended');
    await ended.waitFor();
    expect(await ended.innerText()).toContain('đơn vị kế thừa là Tỉnh Lâm Đồng');
    expect(await page.getByRole('button', { name: 'Tiếp' }).isDisabled()).toBe(true);
    await shot('import-dissolved.png');
  });

  it('asks which province a new district belongs to', async () => {
    await upload('cu-jut-2024.txt', Buffer.from(SMALL_PLAN('HUYỆN CƯ JÚT', 2024), 'utf8'));
    await page.getByRole('button', { name: 'Tiếp' }).click();
    const card = page.getByTestId('units-card');
    await expect.poll(() => card.innerText()).toContain('Huyện Cư Jút — 2024');
    expect(await card.innerText()).toContain('Huyện Cư Jút là đơn vị mới: chọn đơn vị cấp trên');
    const confirm = page.getByRole('button', { name: 'Xác nhận nhập' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole('combobox', { name: 'Chọn đơn vị cấp trên' }).click();
    const options = page.locator('.ant-select-dropdown .ant-select-item-option');
    await expect.poll(() => options.allInnerTexts()).toEqual(['Tỉnh Đắk Nông', 'Tỉnh Lâm Đồng']);
    await options.filter({ hasText: 'Tỉnh Đắk Nông' }).click();
    await shot('import-new-district-parent.png');
    await confirm.click();
    await page.getByText('Đã nhập xong').waitFor();
    const unit = await run.database.db
      .selectFrom('units as u')
      .innerJoin('units as p', 'p.id', 'u.parent_id')
      .select('p.name as parent')
      .where('u.name', '=', 'Huyện Cư Jút')
      .executeTakeFirstOrThrow();
    expect(unit.parent).toBe('Tỉnh Đắk Nông');
    expect(pageErrors).toEqual([]);
  });
});
