/**
 * The next year's plan page in a real browser: the sample province plan (2022) and a result written
 * from it (helpers/next-plan-result.ts: 1.1 at 1,46 of 1,5, 1.2 at 0 of 0,5) — the draft previewed
 * with full recovery, area 1 switched to a 50 % share (1.1 → 1,48, 1.2 → 0,25 → 0,3), tasks carried
 * with last year's status; "Tạo dự thảo kế hoạch" opens the new plan's page. Also at a phone's width.
 * Screenshots in test-results/screenshots (next-plan-*.png).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount } from '../helpers/accounts.js';
import { SAMPLES } from '../helpers/api-harness.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { resultOfPlan, type PlanResult } from '../helpers/next-plan-result.js';

let run: Running;
let result: PlanResult;
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
  page.screenshot({ path: join(SCREENSHOTS, `next-plan-${name}.png`) });

beforeAll(async () => {
  run = await startAppAndBrowser();
  const deps = { db: run.database.db, clock: () => new Date() };
  const [province] = await loadSamplesIfEmpty(deps, SAMPLES);
  result = await resultOfPlan(run.database.db, new Date(), province!.planId, 2022, {
    '1.1': '1.46',
    '1.2': '0',
  });
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('the next year plan page', () => {
  it(
    'previews the draft, recovers a share of area 1 and creates the plan',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/results/${result.resultId}/units/${result.unitId}/next-plan`, 'quantri');
      await page.getByRole('heading', { name: 'Lập kế hoạch năm 2023' }).waitFor();
      const row = (code: string) =>
        page.locator('tr', { hasText: new RegExp(`^${code.replace('.', '\\.')}\\. `) });
      await expect.poll(() => row('1.1').first().innerText()).toContain('1,46');
      expect(await row('1.1').first().innerText()).toContain('Chuyển tiếp');
      expect(await row('1.1').first().innerText()).toContain('năm trước: Chưa thực hiện');
      expect(await row('1.1').first().innerText()).toMatch(/1,5\s+đủ/);
      await shot(page, 'full');

      await page.getByRole('radiogroup', { name: 'Lĩnh vực 1' }).getByText('Một phần').click();
      await expect.poll(() => row('1.1').first().innerText()).toMatch(/1,48\s+một phần/);
      expect(await row('1.2').first().innerText()).toMatch(/0,3\s+một phần/);
      const manualTags = () => page.locator('.ant-tag', { hasText: /^tự nhập$/ }).count();
      expect(await manualTags()).toBe(0);
      await page.getByRole('radiogroup', { name: 'Lĩnh vực 2' }).getByText('Tự nhập').click();
      await expect.poll(manualTags).toBeGreaterThan(0);
      await shot(page, 'share');

      await page.getByRole('button', { name: 'Tạo dự thảo kế hoạch' }).click();
      await page.waitForURL(/\/plans\/\d+$/);
      const planId = Number(/\/plans\/(\d+)$/.exec(page.url())![1]);
      const stored = await run.database.db
        .selectFrom('plans')
        .select(['year', 'subject_unit_id'])
        .where('id', '=', planId)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ year: 2023, subject_unit_id: result.unitId });
      // the plan page replaces this one
      await page.getByRole('button', { name: 'Tạo dự thảo kế hoạch' }).waitFor({ state: 'detached' });
      await page.getByText('Tỉnh Đắk Nông').first().waitFor();
      await shot(page, 'created');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'fits a phone, and says the plan exists once it does',
    async () => {
      const page = await newPage(390, 844);
      await signIn(page, `${run.url}/results/${result.resultId}/units/${result.unitId}/next-plan`, 'quantri');
      await page.getByText('Đơn vị đã có kế hoạch năm 2023.').waitFor();
      expect(await page.getByRole('button', { name: 'Tạo dự thảo kế hoạch' }).isDisabled()).toBe(true);
      const overflow = await page.evaluate<number>(
        'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shot(page, 'phone');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
