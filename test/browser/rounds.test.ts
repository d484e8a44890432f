/**
 * Assessment rounds in a real browser: the office opens "Đánh giá", creates a round of the province's
 * communes from the sample commune framework with the six phases' dates typed as dd/mm/yyyy, lands
 * on the round's page (calendar with the phase open today, the eight communes not started), then
 * grants a commune's request for more time until a day; renames a round and moves its calendar (a
 * phase out of order shown beside it, someone else's change in between refused by the version
 * check, the latest taken); the list and the edit form fit a phone. Screenshots in
 * test-results/screenshots (rounds-*.png).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access.js';
import { roundDay } from '../../src/core/assessment.js';
import { getRound, updateRound } from '../../src/modules/rounds.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { addDays, seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let fixture: RoundFixture;
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

const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `rounds-${name}.png`), fullPage });

const vn = (iso: string) => iso.split('-').reverse().join('/');

beforeAll(async () => {
  run = await startAppAndBrowser();
  fixture = await seedRound({ db: run.database.db, clock: () => new Date() });
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  await createAccount(run.database.db, 'canbo.namda', [
    { role: 'assessor', unitId: fixture.communes[0]!.id },
  ]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('assessment rounds in the browser', () => {
  it(
    'the office creates a round from the form and sees its calendar and units; grants a request for more time',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/`, 'quantri');
      await page.getByTestId('nav-rounds').click();
      await page.getByTestId('rounds-table').getByText('Đánh giá Chỉ số CCHC cấp xã năm 2026').waitFor();

      await page.getByTestId('round-create').click();
      const form = page.getByTestId('round-form');
      await form.getByLabel('Tên đợt đánh giá').fill('Đánh giá CCHC xã 2026 — đợt thử');
      await form.getByLabel('Bộ tiêu chí (đã ban hành hoặc đang dùng)').click();
      await page.locator('.ant-select-dropdown .ant-select-item-option').first().click();
      await form.getByLabel('Thuộc đơn vị').click();
      await page
        .locator('.ant-select-tree-node-content-wrapper', { hasText: 'Tỉnh Lâm Đồng' })
        .first()
        .click();

      // self-assessment open from three days ago, each phase a week, publication after
      const today = roundDay(new Date());
      const start = addDays(today, -3);
      const phases = ['self', 'appraisal1', 'explanation', 'appraisal2', 'council'];
      for (const [i, phase] of phases.entries()) {
        const inputs = form.locator(`[data-testid="phase-${phase}"] input`);
        await inputs.nth(0).click();
        await inputs.nth(0).fill(vn(addDays(start, i * 7)));
        await inputs.nth(0).press('Enter');
        await inputs.nth(1).fill(vn(addDays(start, i * 7 + 6)));
        await inputs.nth(1).press('Enter');
      }
      const publication = form.locator('[data-testid="phase-publication"] input');
      await publication.click();
      await publication.fill(vn(addDays(start, 35)));
      await shot(page, 'create-form', false);
      // Enter in the last date submits the form, as the submit button does
      await publication.press('Enter');

      await page
        .getByTestId('round-name')
        .getByText('Đánh giá CCHC xã 2026 — đợt thử')
        .waitFor({ timeout: 30_000 });
      const calendar = page.getByTestId('round-calendar');
      await expect.poll(() => calendar.locator('tr.ant-table-row').count()).toBe(6);
      await expect.poll(() => calendar.locator('tr.ant-table-row').first().innerText()).toContain('Đang mở');
      expect(await calendar.locator('tr.ant-table-row').nth(1).innerText()).toContain('Sắp tới');
      const units = page.getByTestId('round-units');
      await expect.poll(() => units.locator('tr.ant-table-row').count()).toBe(8);
      expect(await units.innerText()).toContain('Chưa bắt đầu');
      expect(await page.getByTestId('round-links').innerText()).toContain('Thẩm định');
      await shot(page, 'round-page');

      // a commune asks for more time (written as the unit's request would be), the office grants it
      const roundId = Number(/\/rounds\/(\d+)/.exec(page.url())![1]);
      const commune = fixture.communes[2]!;
      await run.database.db
        .insertInto('round_extensions')
        .values({
          round_id: roundId,
          unit_id: commune.id,
          phase: 'self',
          reason: 'Cán bộ phụ trách nghỉ ốm hai tuần',
          requested_by: 'xa',
          requested_at: new Date().toISOString(),
          until: null,
          decided_by: null,
          decided_at: null,
        })
        .execute();
      await page.reload();
      const extensions = page.getByTestId('round-extensions');
      await extensions.getByRole('button', { name: 'Chấp thuận' }).click();
      const until = addDays(start, 9);
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Ghi chú').fill('Đồng ý gia hạn');
      const untilInput = dialog.getByLabel('Gia hạn đến hết ngày');
      await untilInput.click();
      await untilInput.fill(vn(until));
      await shot(page, 'grant-dialog', false);
      // Enter in the date confirms the dialog's form, as its OK button does
      await untilInput.press('Enter');
      await expect.poll(() => extensions.innerText(), { timeout: 30_000 }).toContain('Đã chấp thuận');
      const row = units.locator('tr.ant-table-row', { hasText: commune.name });
      expect(await row.innerText()).toContain(`Tự đánh giá đến hết ${vn(until)}`);
      await shot(page, 'round-granted');

      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    "the office renames a round and moves its calendar; problems by phase; someone else's change in between",
    async () => {
      const db = run.database.db;
      const deps = { db, clock: () => new Date() };
      const self = fixture.calendar[0]!;
      const before = await getRound(deps, systemActor('test'), fixture.roundId);
      const page = await newPage(1366, 900);
      // an assessor of a commune sees the round but may not change it
      await signIn(page, `${run.url}/rounds/${fixture.roundId}`, 'canbo.namda');
      await page.getByTestId('round-calendar').waitFor();
      expect(await page.getByTestId('round-edit').count()).toBe(0);
      await page.context().clearCookies();

      await signIn(page, `${run.url}/rounds/${fixture.roundId}`, 'quantri');
      await page.getByTestId('round-edit').click();
      const form = page.getByTestId('round-edit-form');
      const name = form.getByLabel('Tên đợt đánh giá');
      expect(await name.inputValue()).toBe('Đánh giá Chỉ số CCHC cấp xã năm 2026');
      const range = (phase: string) => form.locator(`[data-testid="phase-${phase}"] input`);
      expect(await range('self').nth(0).inputValue()).toBe(vn(self.opensOn));
      expect(await range('self').nth(1).inputValue()).toBe(vn(self.closesOn));
      await name.fill('Đánh giá Chỉ số CCHC cấp xã năm 2026 (lịch điều chỉnh)');

      const setRange = async (phase: string, from: string, to: string) => {
        const inputs = range(phase);
        await inputs.nth(0).click();
        await inputs.nth(0).fill(vn(from));
        await inputs.nth(0).press('Enter');
        await inputs.nth(1).fill(vn(to));
        await inputs.nth(1).press('Enter');
      };
      // appraisal 1 before the self-assessment: the server's problem under that phase, nothing saved
      await setRange('appraisal1', addDays(self.opensOn, -3), addDays(self.opensOn, -1));
      await page.getByTestId('round-edit-save').click();
      const problem = form.locator('[data-testid="phase-appraisal1"] .ant-form-item-explain-error');
      await expect
        .poll(() => problem.innerText(), { timeout: 30_000 })
        .toBe('Giai đoạn «Thẩm định lần 1» bắt đầu trước giai đoạn «Tự đánh giá»');
      expect(await form.locator('.ant-form-item-explain-error').count()).toBe(1);
      await shot(page, 'edit-problem', false);
      expect((await getRound(deps, systemActor('test'), fixture.roundId)).version).toBe(before.version);

      // the self-assessment two days longer, appraisal 1 after it: saved
      await setRange('self', self.opensOn, addDays(self.closesOn, 2));
      await setRange('appraisal1', addDays(self.closesOn, 3), addDays(self.closesOn, 7));
      await page.getByTestId('round-edit-save').click();
      await page
        .getByTestId('round-name')
        .getByText('Đánh giá Chỉ số CCHC cấp xã năm 2026 (lịch điều chỉnh)')
        .waitFor({ timeout: 30_000 });
      expect(await form.count()).toBe(0);
      const rows = page.getByTestId('round-calendar').locator('tr.ant-table-row');
      await expect.poll(() => rows.first().innerText()).toContain(vn(addDays(self.closesOn, 2)));
      expect(await rows.nth(1).innerText()).toContain(vn(addDays(self.closesOn, 3)));
      const trail = await db
        .selectFrom('audit_log')
        .select(['action', 'username', 'old_value', 'new_value'])
        .where('action', 'in', ['round.update', 'round.calendar'])
        .where('entity_id', '=', String(fixture.roundId))
        .execute();
      expect(trail.map((e) => `${e.action} ${e.username}`).sort()).toEqual([
        'round.calendar quantri',
        'round.calendar quantri',
        'round.update quantri',
      ]);
      await shot(page, 'edited');

      // someone else renames the round while the form is open: refused, the latest taken, then saved
      await page.getByTestId('round-edit').click();
      const current = await getRound(deps, systemActor('test'), fixture.roundId);
      await updateRound(deps, systemActor('vanphong2'), fixture.roundId, {
        version: current.version,
        name: 'Đánh giá CCHC cấp xã 2026 — bản của văn phòng',
      });
      await name.fill('Đánh giá CCHC cấp xã 2026 — bản của tôi');
      await page.getByTestId('round-edit-save').click();
      const refused = page.getByTestId('round-edit-error');
      await expect
        .poll(() => refused.innerText(), { timeout: 30_000 })
        .toContain('Dữ liệu đã được người khác thay đổi');
      await shot(page, 'edit-stale', false);
      await page.getByTestId('round-edit-latest').click();
      await expect.poll(() => name.inputValue()).toBe('Đánh giá CCHC cấp xã 2026 — bản của văn phòng');
      expect(await refused.count()).toBe(0);
      await name.fill('Đánh giá CCHC cấp xã 2026 — bản thống nhất');
      await page.getByTestId('round-edit-save').click();
      await page
        .getByTestId('round-name')
        .getByText('Đánh giá CCHC cấp xã 2026 — bản thống nhất')
        .waitFor({ timeout: 30_000 });
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'the list and the edit form fit a phone',
    async () => {
      const page = await newPage(390, 844);
      const overflow = async () =>
        Number(
          await page.evaluate(
            'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
          ),
        );
      await signIn(page, `${run.url}/rounds`, 'quantri');
      await page.getByTestId('rounds-table').getByText('Đánh giá CCHC xã 2026 — đợt thử').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await shot(page, 'list-phone');
      await page.goto(`${run.url}/rounds/${fixture.roundId}`);
      await page.getByTestId('round-edit').click();
      await page.getByTestId('round-edit-form').waitFor();
      expect(await overflow()).toBeLessThanOrEqual(0);
      await page.waitForTimeout(400); // the dialog's opening animation
      await shot(page, 'edit-phone', false);
    },
    SLOW,
  );
});
