/**
 * Issue 8.1 in a real browser: a leaf's target set, cleared and set again keeps its parents and the
 * total right on the page, the print view and the DOCX; the province plan's inconsistencies are
 * resolved from the findings tab ("keep as written" with a note, "use the children's sum" for a
 * row and for the whole plan) down to zero open errors, each action in the audit trail.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decimalOrNull } from '../../src/core/score.js';
import { readPlans } from '../../src/formats/read.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startAppAndBrowser();
  await loadSamplesIfEmpty({ db: run.database.db, clock: () => new Date() }, resolve(ROOT, 'samples'));
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  context = await run.browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, run.url, 'quantri');
});

afterAll(async () => {
  await context?.close();
  await run?.stop();
});

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: false });

async function planId(subject: string): Promise<number> {
  const row = await run.database.db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .select('plans.id')
    .where('units.name', '=', subject)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function editScore(label: string, value: string) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const input = page.getByRole('textbox', { name: label, exact: true });
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => page.getByRole('textbox', { name: label, exact: true }).count()).toBe(0);
}

describe('consistent parents and the findings actions in the browser', () => {
  it('Krông Nô 1.2.2: 0,25 → empty → 0,2 — page, print view and DOCX say 0,95 and 95,35', async () => {
    const id = await planId('Huyện Krông Nô');
    await page.goto(`${run.url}/plans/${id}`);
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await page.getByRole('button', { name: 'Mở hết' }).click();
    // the edits' answers (what changed) are merged into the plan the page holds: no plan read again
    const planReads: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/plans/${id}`) planReads.push(r.url());
    };
    page.on('request', onRequest);
    await editScore('Mục tiêu 2023 1.2.2', '');
    await expect.poll(() => page.getByTestId('total-target').innerText()).toContain('95,15');
    await editScore('Mục tiêu 2023 1.2.2', '0,2');
    await expect.poll(() => page.getByTestId('total-target').innerText()).toContain('95,35');
    page.off('request', onRequest);
    expect(planReads).toEqual([]);
    const rows = page.getByRole('row');
    // what the page shows after merging is what a reload shows
    const merged = {
      rows: await rows.allInnerTexts(),
      total: await page.getByTestId('total-target').innerText(),
    };
    await page.reload();
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await page.getByRole('button', { name: 'Mở hết' }).click();
    await expect.poll(() => page.getByTestId('total-target').innerText()).toBe(merged.total);
    await expect.poll(() => rows.allInnerTexts()).toEqual(merged.rows);
    const lineOf = async (code: string) =>
      (await rows.allInnerTexts()).find((t) => t.trim().split(/\s/)[0] === code);
    await expect.poll(() => lineOf('1.2')).toMatch(/\s0,95\s/);
    expect(await lineOf('1')).toMatch(/\s12,95\s/);
    expect(await page.getByTestId('total-target').innerText()).toContain('95,35');
    expect(await page.getByRole('tab', { name: /Phát hiện/ }).innerText()).not.toContain('lỗi');
    await shot('consistent-parent-tree.png');

    const print = await context.newPage();
    await print.goto(`${run.url}/plans/${id}/print`);
    await expect.poll(() => print.locator('tfoot, tr').last().innerText()).toContain('95,35');
    await print.close();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Tải DOCX/ }).click(),
    ]);
    const read = await readPlans(new Uint8Array(readFileSync(await download.path())));
    if (!read.ok) throw new Error(read.failure.code);
    const doc = read.plans[0]!.plan;
    expect(decimalOrNull(doc.rows.find((r) => r.code === '1.2')!.target)).toBe('0.95');
    expect(decimalOrNull(doc.rows.find((r) => r.code === '1')!.target)).toBe('12.95');
    expect(decimalOrNull(doc.statedTotals!.target)).toBe('95.35');
  });

  it('brings the province plan to zero open errors from the findings tab', async () => {
    const id = await planId('Tỉnh Đắk Nông');
    await page.goto(`${run.url}/plans/${id}`);
    await page.getByRole('tab', { name: /Phát hiện/ }).click();
    const item = (testId: string) => page.getByTestId(testId);
    await expect.poll(() => item('finding-sum-baseline-7.2').count()).toBe(1);
    const errorTags = () => page.locator('.ant-list-item .ant-tag').filter({ hasText: /^Lỗi$/ }).count();
    expect(await errorTags()).toBe(3);
    await shot('findings-before.png');
    // the page words each finding from its rule and parameters, in the reader's language
    const switchTo = (lang: 'EN' | 'VI') =>
      page.getByTestId('language-switch').getByText(lang, { exact: true }).click();
    const sum72 = () => item('finding-sum-baseline-7.2').innerText();
    expect(await sum72()).toMatch(/Tổng điểm đạt được năm trước của các tiêu chí con là [\d,]+, khác [\d,]+/);
    await switchTo('EN');
    await expect
      .poll(sum72)
      .toMatch(/Children's baseline score add up to [\d.]+, not the [\d.]+ written for 7\.2/);
    await shot('findings-english.png');
    await switchTo('VI');
    await expect.poll(sum72).toContain('Tổng điểm đạt được năm trước');

    // 6.1: the document rounded 2,7091 to 2,71 — keep it as written, with a note
    await item('finding-sum-baseline-6.1').getByRole('button', { name: 'Giữ như văn bản' }).click();
    await page.getByTestId('keep-note').fill('Văn bản đã phê duyệt làm tròn đến 2 chữ số');
    await page.getByRole('dialog').getByRole('button', { name: 'Giữ như văn bản' }).click();
    await expect
      .poll(() => item('finding-sum-baseline-6.1').innerText())
      .toContain('Văn bản đã phê duyệt làm tròn đến 2 chữ số');
    expect(await item('finding-sum-baseline-6.1').innerText()).toContain('Đã giữ như văn bản');

    // 7.2: use the children's sum; area 7 then agrees with its children
    await item('finding-sum-baseline-7.2')
      .getByRole('button', { name: 'Dùng tổng các tiêu chí con' })
      .click();
    await expect.poll(() => item('finding-sum-baseline-7.2').count()).toBe(0);
    expect(await item('finding-sum-baseline-7').count()).toBe(0);
    expect(await errorTags()).toBe(1);

    // the whole plan: the total row takes the areas' sum
    await page.getByTestId('adopt-all').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Dùng tổng các tiêu chí con' }).click();
    await expect.poll(errorTags).toBe(0);
    expect(await item('finding-total-baseline-total').count()).toBe(0);
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await shot('findings-after.png');

    const trail = await run.database.db
      .selectFrom('audit_log')
      .select(['action', 'code', 'old_value', 'new_value'])
      .where('plan_id', '=', id)
      .where('action', 'like', 'finding.%')
      .orderBy('id')
      .execute();
    expect(trail).toEqual([
      {
        action: 'finding.acknowledge',
        code: '6.1',
        old_value: '2.71',
        new_value: 'Văn bản đã phê duyệt làm tròn đến 2 chữ số',
      },
      { action: 'finding.adopt_sum', code: '7.2', old_value: '1.21', new_value: '1.5' },
      { action: 'finding.adopt_sum', code: null, old_value: '86.26', new_value: '86.24' },
    ]);
    await page.goto(run.url);
    const listed = page.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' });
    await expect.poll(() => listed.innerText()).not.toMatch(/\d+ lỗi/);
    expect(pageErrors).toEqual([]);
  });
});
