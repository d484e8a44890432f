/**
 * The appraisal pages in a real browser: an appraiser of Sở Tư pháp scores a criterion by the rule,
 * overrides another with a comment, returns a third with a question; then the council fixes a
 * unit's final scores at their proposals. The round is test/helpers/rounds.ts's, two communes
 * self-assessed; the phases are set by moving the round's calendar. Screenshots in
 * test-results/screenshots (appraisal-*.png).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.js';
import { enterPhase, selfAssess } from '../helpers/appraisal-fixture.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let f: RoundFixture;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const SLOW = 300_000;
const now = () => new Date();

async function newPage(width: number, height: number): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `appraisal-${name}.png`), fullPage });

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  f = await seedRound({ db, clock: now }, { communes: 2 });
  for (const c of f.communes) await selfAssess(db, f.roundId, c.id, now());
  await createAccount(db, 'thamdinh.tuphap', [
    { role: 'appraiser', unitId: f.departments.get('Sở Tư pháp')! },
  ]);
  await createAccount(db, 'hoidong', [{ role: 'council', unitId: f.provinceId }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('appraisal in the browser', () => {
  it(
    'an appraiser scores by the rule, overrides with a comment, returns a criterion',
    async () => {
      await enterPhase(run.database.db, f.roundId, 'appraisal1', now());
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/rounds/${f.roundId}/appraisal`, 'thamdinh.tuphap');
      const table = page.getByTestId('appraisal-table');
      await table.waitFor();
      const progress = page.getByTestId('appraisal-progress');
      const total = Number(/\/(\d+)/.exec(await progress.innerText())![1]);
      expect(total).toBeGreaterThan(0);
      expect(await progress.innerText()).toContain(`Đã thẩm định 0/${total}`);
      await shot(page, 'list');

      // 1. the first row: the unit's answer on the left, mine on the right; a choice other than the unit's
      await table.locator('tbody tr.ant-table-row').first().click();
      const drawer = page.getByTestId('appraisal-drawer');
      await drawer.getByTestId('my-side').waitFor();
      expect(await drawer.getByTestId('self-score').innerText()).toContain('Điểm tự chấm');
      const radios = drawer.getByTestId('my-answer').locator('input[type=radio]');
      if ((await radios.count()) > 1) await radios.nth(1).check();
      await drawer.getByTestId('rule-score').waitFor();
      await page.waitForTimeout(500);
      await shot(page, 'drawer', false);
      await drawer.getByTestId('save-by-rule').click();
      await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toContain(`Đã thẩm định 1/${total}`);

      // 2. the second row: an override needs a comment before it can be saved
      await table.locator('tbody tr.ant-table-row').nth(1).click();
      await drawer.getByTestId('override-switch').click();
      await drawer.getByTestId('override-score').fill('0,25');
      expect(await drawer.getByTestId('save-override').isDisabled()).toBe(true);
      await drawer.getByTestId('appraisal-comment').fill('Hồ sơ thiếu chữ ký của lãnh đạo');
      await page.waitForTimeout(300);
      await shot(page, 'override', false);
      await drawer.getByTestId('save-override').click();
      await expect.poll(() => progress.innerText(), { timeout: 30_000 }).toContain(`Đã thẩm định 2/${total}`);
      expect(await table.innerText()).toContain('Chấm đè');

      // 3. the third row: returned with a question
      await table.locator('tbody tr.ant-table-row').nth(2).click();
      await drawer.getByTestId('return-question').fill('Đề nghị cung cấp hồ sơ xây dựng văn bản');
      await drawer.getByTestId('return-button').click();
      await expect.poll(() => table.innerText(), { timeout: 30_000 }).toContain('Đã trả lại');
      await shot(page, 'after');
      // the unit of the table's first rows (units in Vietnamese order, then criteria) is returned
      const states = await run.database.db
        .selectFrom('round_units')
        .select('state')
        .where('round_id', '=', f.roundId)
        .execute();
      expect(states.map((s) => s.state).sort()).toEqual(['returned', 'submitted']);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'the council fixes a unit at its proposals',
    async () => {
      await enterPhase(run.database.db, f.roundId, 'council', now());
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/rounds/${f.roundId}/council`, 'hoidong');
      await page.getByTestId('council-table').waitFor();
      const unit = f.communes[1]!.id;
      await shot(page, 'council');
      await page.getByTestId(`fix-all-${unit}`).click();
      await expect
        .poll(async () => (await page.getByTestId('council-table').innerText()).includes('Chốt tất cả'), {
          timeout: 30_000,
        })
        .toBe(true);
      // expand the unit: its criteria with the final scores fixed by the council
      await page
        .locator('tr.ant-table-row', { hasText: f.communes[1]!.name })
        .locator('.ant-table-row-expand-icon')
        .click();
      const criteria = page.getByTestId(`council-unit-${unit}`);
      await criteria.waitFor();
      expect(await criteria.innerText()).toContain('hoidong');
      await page.waitForTimeout(300);
      await shot(page, 'council-fixed');
      const fixed = await run.database.db
        .selectFrom('assessment_scores')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('round_id', '=', f.roundId)
        .where('unit_id', '=', unit)
        .where('stage', '=', 'council')
        .executeTakeFirstOrThrow();
      expect(Number(fixed.n)).toBeGreaterThan(40);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
