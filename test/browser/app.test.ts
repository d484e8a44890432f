/**
 * What a PAR officer does in a day, in a real browser: import the appendices through the wizard,
 * open the province plan, change a target and see the total and the chart follow, get a value
 * above the max refused, find a criterion without typing diacritics, download the XLSX and read it
 * back. The flows share one app and run in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatScore } from '../../src/core/score.js';
import { readPlans } from '../../src/formats/read.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { SEED_PATH } from '../helpers/fixtures.js';

let run: Running;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startAppAndBrowser();
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  context = await run.browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  await signIn(page, run.url, 'quantri');
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('dialog', (d) => {
    pageErrors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
});

afterAll(async () => {
  await context?.close();
  await run?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: false });

async function provincePlanId(): Promise<number> {
  const row = await run.database.db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .select('plans.id')
    .where('units.name', '=', 'Tỉnh Đắk Nông')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function openTree(planId: number) {
  await page.goto(`${run.url}/plans/${planId}`);
  await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
}

async function editScore(label: string, value: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const input = page.getByRole('textbox', { name: label, exact: true });
  await input.fill(value);
  await input.press('Enter');
}

describe('a PAR officer in the browser', () => {
  it('imports the seed appendices through the wizard', async () => {
    await page.goto(`${run.url}/import`);
    await page.locator('input[type=file]').setInputFiles(SEED_PATH);
    await expect.poll(() => page.getByTestId('plan-preview').count(), { timeout: 20_000 }).toBe(2);
    const previews = page.getByTestId('plan-preview');
    await expect.poll(() => previews.nth(0).innerText()).toContain('Tỉnh Đắk Nông — 2022');
    await expect.poll(() => previews.nth(1).innerText()).toContain('Huyện Krông Nô — 2023');
    // the province's real inconsistency is shown before anything is written
    expect(await previews.nth(0).innerText()).toContain('khác 1,21 ghi ở tiêu chí 7.2');
    expect(await run.database.db.selectFrom('plans').select('id').execute()).toHaveLength(0);
    await shot('import-preview.png');

    await page.getByRole('button', { name: 'Tiếp' }).click();
    // every lead unit is new in an empty register: the district's offices are listed once each
    const units = page.getByRole('row').filter({ hasText: 'Văn phòng HĐND&UBND huyện' });
    await expect.poll(() => units.count()).toBe(1);
    expect(await units.innerText()).toContain('Văn phòng HỘND&UBND huyện');
    await page.getByRole('button', { name: 'Xác nhận nhập' }).click();
    await expect.poll(() => page.getByText('Đã nhập xong').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByRole('link', { name: /Tỉnh Đắk Nông 2022/ }).count()).toBe(1);
    expect(await run.database.db.selectFrom('plans').select('id').execute()).toHaveLength(2);
  });

  it('lists both plans with their totals', async () => {
    await page.goto(run.url);
    const province = page.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' });
    await expect.poll(() => province.count()).toBe(1);
    const text = await province.innerText();
    expect(text).toContain('2022');
    expect(text).toContain('89,93');
    expect(text).toContain('3 lỗi');
    expect(await page.getByRole('row').filter({ hasText: 'Huyện Krông Nô' }).innerText()).toContain('95,4');
    await shot('plans-list.png');
  });

  it('opens the province plan: totals, charts, the criteria losing most points', async () => {
    const id = await provincePlanId();
    await page.goto(`${run.url}/plans/${id}`);
    await expect.poll(() => page.getByTestId('total-target').innerText()).toContain('89,93');
    const chart = page.getByTestId('chart-areas');
    await expect.poll(() => chart.locator('svg text').allTextContents()).toContain('13,63');
    expect(await page.getByText('10 tiêu chí mất nhiều điểm nhất').count()).toBe(1);
    expect(
      await page.getByRole('row').filter({ hasText: 'Kết quả Chi số hài lòng (SIPAS)' }).innerText(),
    ).toContain('1,43');
    await shot('plan-summary.png');
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await expect
      .poll(() => page.getByRole('row').filter({ hasText: 'Thực hiện kế hoạch CCHC' }).count())
      .toBe(1);
    await shot('plan-tree.png');
  });

  it('edits a target: the total and the chart change at once', async () => {
    const id = await provincePlanId();
    await page.goto(`${run.url}/plans/${id}`);
    const labels = () => page.getByTestId('chart-areas').locator('svg text').allTextContents();
    const eightAndHalf = async () => (await labels()).filter((t) => t === '8,5').length;
    // area 1: max 8,5, target 8 — one bar labelled 8,5
    await expect.poll(eightAndHalf).toBe(1);
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    const areaOne = () =>
      page.getByRole('row').filter({ hasText: 'CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC' }).innerText();
    await expect.poll(areaOne).toMatch(/8,5\s+7,46\s+8\s/);
    await editScore('Mục tiêu 2022 1.5', '2');
    await expect.poll(() => page.getByTestId('total-target').innerText()).toContain('90,43');
    // area 1's target is the live sum of its children: 8 + 0,5
    await expect.poll(areaOne).toMatch(/8,5\s+7,46\s+8,5/);
    // the target bar of area 1 now reads 8,5 too
    await page.getByRole('tab', { name: 'Tổng quan' }).click();
    await expect.poll(eightAndHalf).toBe(2);
    const stored = await run.database.db
      .selectFrom('plan_items')
      .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
      .select('plan_items.target')
      .where('plan_items.plan_id', '=', id)
      .where('criteria.code', '=', '1.5')
      .executeTakeFirstOrThrow();
    expect(stored.target).toBe('2');
  });

  it('refuses a target above the max score with a clear message', async () => {
    const id = await provincePlanId();
    await openTree(id);
    await editScore('Mục tiêu 2022 1.2', '5');
    await expect
      .poll(() => page.locator('.ant-message').innerText())
      .toContain('Mục tiêu 5 vượt điểm chuẩn 0,5 của tiêu chí 1.2');
    await expect.poll(() => page.getByTestId('total-target').innerText()).toContain('90,43');
    const row = page.getByRole('row').filter({ hasText: 'Thực hiện chế độ báo cáo CCHC định kỳ' });
    expect(await row.innerText()).toMatch(/0,5\s+0\s+0,5/);
  });

  it('finds "thủ tục" when the officer types "thu tuc"', async () => {
    const id = await provincePlanId();
    await openTree(id);
    await page.getByRole('searchbox').fill('thu tuc hanh chinh');
    await expect
      .poll(() =>
        page.getByRole('row').filter({ hasText: 'Kiểm soát quy định thủ tục hành chính (TTHC)' }).count(),
      )
      .toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Thực hiện kế hoạch CCHC' }).count()).toBe(0);
    await shot('plan-search.png');
  });

  it('shows text from documents as text, never as HTML', async () => {
    const id = await provincePlanId();
    await openTree(id);
    const payload = '<img src=x onerror=alert(1)>';
    await page.getByRole('button', { name: 'Nhiệm vụ/giải pháp 1.4', exact: true }).click();
    const box = page.getByRole('textbox', { name: 'Nhiệm vụ/giải pháp 1.4', exact: true });
    await box.fill(payload);
    await box.press('Control+Enter');
    const cell = page.getByRole('button', { name: 'Nhiệm vụ/giải pháp 1.4', exact: true });
    await expect.poll(() => cell.innerText()).toBe(payload);
    expect(await cell.locator('img').count()).toBe(0);
    await page.reload();
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await expect
      .poll(() => page.getByRole('button', { name: 'Nhiệm vụ/giải pháp 1.4', exact: true }).innerText())
      .toBe(payload);
    expect(pageErrors.filter((e) => e.startsWith('dialog'))).toEqual([]);
  });

  it('downloads the XLSX and reads it back as the plan', async () => {
    const id = await provincePlanId();
    await page.goto(`${run.url}/plans/${id}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Tải XLSX/ }).click(),
    ]);
    const path = await download.path();
    const read = await readPlans(new Uint8Array(readFileSync(path)));
    if (!read.ok) throw new Error(`downloaded XLSX not readable: ${read.failure.code}`);
    const plan = read.plans[0]!.plan;
    expect(plan.subject).toBe('Tỉnh Đắk Nông');
    expect(plan.rows).toHaveLength(119);
    const target = plan.rows.find((r) => r.code === '1.5')!.target!;
    expect(formatScore(target)).toBe('2');
  });

  it('shows one lead unit its criteria, most points at stake first', async () => {
    const id = await provincePlanId();
    const unit = await run.database.db
      .selectFrom('units')
      .select('id')
      .where('name', '=', 'Sở Nội vụ')
      .executeTakeFirstOrThrow();
    await page.goto(`${run.url}/plans/${id}/units/${unit.id}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 3 }).innerText())
      .toContain('Sở Nội vụ — Tỉnh Đắk Nông năm 2022');
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    expect(await first.innerText()).toContain('8.1');
    await shot('lead-unit.png');
    expect(pageErrors).toEqual([]);
  });
});
