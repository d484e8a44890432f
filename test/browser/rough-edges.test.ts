/**
 * The rough edges of issue 8 (item 6) in a real browser: what the server would refuse is not offered
 * (a lead-unit officer has no "Nhập phụ lục"; an administrator cannot lock itself or drop its last
 * administrator role), a refused page says why and leads back, progress moves a task's status and
 * is refused in its field unless a whole number from 0 to 100, a stale edit keeps what was typed to
 * reapply it, a deadline outside the plan's year is confirmed, tasks without a deadline are found,
 * and an administrator archives and deletes a plan.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount, unitId } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let lead: BrowserContext;
let admin: BrowserContext;
let leadPage: Page;
let page: Page;
let provincePlan: number;
let districtPlan: number;
const pageErrors: string[] = [];

/** the machine is small and shared: a page may take a few seconds */
const SOON = { timeout: 20_000 };

const shot = (p: Page, name: string) => p.screenshot({ path: join(SCREENSHOTS, name) });

async function taskOf(code: string) {
  return run.database.db
    .selectFrom('plan_items')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .innerJoin('tasks', 'tasks.plan_item_id', 'plan_items.id')
    .select([
      'plan_items.id as itemId',
      'tasks.version',
      'tasks.status',
      'tasks.progress',
      'tasks.deadline',
      'tasks.progress_note as note',
    ])
    .where('plan_items.plan_id', '=', provincePlan)
    .where('criteria.code', '=', code)
    .executeTakeFirstOrThrow();
}

async function openTasks(planId: number) {
  await page.goto(`${run.url}/plans/${planId}`);
  await page.getByRole('tab', { name: 'Theo dõi nhiệm vụ' }).click();
  await page
    .getByRole('spinbutton', { name: /^Tiến độ / })
    .first()
    .waitFor();
}

/** The table row of a task, found by one of its labelled cells. */
const rowOf = (code: string) =>
  page
    .locator('tr.ant-table-row')
    .filter({ has: page.getByRole('spinbutton', { name: `Tiến độ ${code}`, exact: true }) });

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  await loadSamplesIfEmpty({ db, clock: () => new Date() }, join(ROOT, 'samples'));
  const province = await unitId(db, 'Tỉnh Đắk Nông');
  const plans = await db.selectFrom('plans').select(['id', 'subject_unit_id']).execute();
  provincePlan = plans.find((p) => p.subject_unit_id === province)!.id;
  districtPlan = plans.find((p) => p.subject_unit_id !== province)!.id;
  const soNoiVu = await db
    .selectFrom('units')
    .select('id')
    .where('name', '=', 'Sở Nội vụ')
    .where('parent_id', '=', province)
    .executeTakeFirstOrThrow();
  await createAccount(db, 'sonoivu', [{ role: 'lead_unit', unitId: soNoiVu.id }]);
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);

  lead = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
  leadPage = await lead.newPage();
  leadPage.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(leadPage, run.url, 'sonoivu');

  admin = await run.browser.newContext({ viewport: { width: 1366, height: 768 } });
  page = await admin.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, run.url, 'quantri');
});

afterAll(async () => {
  await lead?.close();
  await admin?.close();
  await run?.stop();
});

describe('what the server would refuse is not offered; a refused page says why', () => {
  it('a lead-unit officer sees no "Nhập phụ lục" anywhere, and /import says it is not theirs', async () => {
    await leadPage.goto(run.url);
    await expect
      .poll(() => leadPage.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' }).count(), SOON)
      .toBe(1);
    expect(await leadPage.getByText('Nhập phụ lục').count()).toBe(0);
    await shot(leadPage, 'rough-lead-plans.png');
    await leadPage.goto(`${run.url}/import`);
    await expect
      .poll(() => leadPage.getByText('Tài khoản của bạn không được dùng trang này').count(), SOON)
      .toBe(1);
    expect(await leadPage.locator('input[type=file]').count()).toBe(0);
  });

  it('a refused plan shows the server’s reason and the way back, not "Thử lại"', async () => {
    await leadPage.goto(`${run.url}/plans/${districtPlan}`);
    await expect
      .poll(() => leadPage.getByText('Tài khoản không có quyền làm việc này').count(), SOON)
      .toBe(1);
    expect(await leadPage.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
    await shot(leadPage, 'rough-refused-plan.png');
    await leadPage.getByRole('button', { name: 'Về danh sách kế hoạch' }).click();
    await expect.poll(() => new URL(leadPage.url()).pathname, SOON).toBe('/');
    await expect
      .poll(() => leadPage.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' }).count(), SOON)
      .toBe(1);

    await leadPage.goto(`${run.url}/plans/999999`);
    await expect.poll(() => leadPage.getByText('Không có kế hoạch #999999').count(), SOON).toBe(1);
    expect(await leadPage.getByRole('button', { name: 'Thử lại' }).count()).toBe(0);
    expect(await leadPage.getByRole('button', { name: 'Về danh sách kế hoạch' }).count()).toBe(1);
  });

  it('an administrator is offered neither locking itself nor removing its only administrator role', async () => {
    await page.goto(`${run.url}/admin/users`);
    const own = page.getByRole('row').filter({ hasText: 'quantri' });
    const other = page.getByRole('row').filter({ hasText: 'sonoivu' });
    await expect.poll(() => own.count(), SOON).toBe(1);
    expect(await own.getByRole('button', { name: 'Khóa' }).count()).toBe(0);
    expect(await own.getByRole('button', { name: 'Thu hồi vai trò' }).count()).toBe(0);
    expect(await other.getByRole('button', { name: 'Khóa' }).count()).toBe(1);
    expect(await other.getByRole('button', { name: 'Thu hồi vai trò' }).count()).toBe(1);
    await shot(page, 'rough-users-self.png');
  });
});

describe('task follow-up', () => {
  it('progress above 0 on a task not started shows and saves it as in progress', async () => {
    const start = await taskOf('1.1');
    expect(start).toMatchObject({ status: 'not_started', progress: 0 });
    await openTasks(provincePlan);
    const row = rowOf('1.1');
    expect(await row.innerText()).toContain('Chưa thực hiện');
    const progress = page.getByRole('spinbutton', { name: 'Tiến độ 1.1', exact: true });
    await progress.fill('30');
    await progress.press('Enter');
    await expect.poll(() => row.innerText(), SOON).toContain('Đang thực hiện');
    await expect.poll(async () => (await taskOf('1.1')).status, SOON).toBe('in_progress');
    expect((await taskOf('1.1')).progress).toBe(30);
    await shot(page, 'rough-progress-status.png');
  });

  it('progress that is not a whole number from 0 to 100 is refused in its field, not sent', async () => {
    const before = await taskOf('1.1');
    await openTasks(provincePlan);
    const patches: string[] = [];
    const listen = (r: { method(): string; url(): string }) => {
      if (r.method() === 'PATCH') patches.push(r.url());
    };
    page.on('request', listen);
    const progress = page.getByRole('spinbutton', { name: 'Tiến độ 1.1', exact: true });
    const message = rowOf('1.1').getByRole('alert');
    for (const typed of ['12,5', '12.5', '150', '-5', 'abc', '']) {
      await progress.fill(typed);
      await progress.press('Enter');
      await expect.poll(() => message.innerText(), SOON).toBe('Tiến độ phải là số nguyên từ 0 đến 100.');
      expect(await progress.getAttribute('aria-invalid')).toBe('true');
      // what was typed stays, to be corrected
      expect(await progress.inputValue()).toBe(typed);
    }
    await shot(page, 'rough-progress-refused.png');
    // Escape puts the saved value back
    await progress.press('Escape');
    expect(await progress.inputValue()).toBe(String(before.progress));
    expect(await message.count()).toBe(0);
    expect(patches).toEqual([]);
    expect(await taskOf('1.1')).toMatchObject({ progress: before.progress, version: before.version });
    // a whole number is sent, "%" allowed after it
    await progress.fill('45%');
    await progress.press('Enter');
    await expect.poll(async () => (await taskOf('1.1')).progress, SOON).toBe(45);
    expect(patches).toHaveLength(1);
    expect(await progress.inputValue()).toBe('45');
    page.off('request', listen);
  });

  it('a stale edit keeps what was typed; after the reload it is reapplied', async () => {
    await openTasks(provincePlan);
    const before = await taskOf('1.1');
    // someone else (another tab) changes the same task's note
    const other = await page.evaluate(
      async ({ url, version }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        const r = await fetch(url, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ version, progressNote: 'Người khác đã ghi' }),
        });
        return r.status;
      },
      { url: `/api/plans/${provincePlan}/items/${before.itemId}/task`, version: before.version },
    );
    expect(other).toBe(200);

    await page.getByRole('button', { name: 'Ghi chú tiến độ 1.1', exact: true }).click();
    const input = page.getByRole('textbox', { name: 'Ghi chú tiến độ 1.1', exact: true });
    await input.fill('Đã ban hành kế hoạch quý I');
    await input.press('Enter');
    const dialog = page.getByRole('dialog').filter({ hasText: 'Dữ liệu đã thay đổi' });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Giá trị bạn đã nhập được giữ lại');
    await dialog.getByRole('button', { name: 'Tải lại' }).click();

    const row = rowOf('1.1');
    await expect.poll(() => row.innerText(), SOON).toContain('Người khác đã ghi');
    const kept = row.getByTestId('kept-value');
    await expect
      .poll(() => kept.innerText(), SOON)
      .toContain('Giá trị bạn đã nhập: Đã ban hành kế hoạch quý I');
    expect((await taskOf('1.1')).note).toBe('Người khác đã ghi');
    await shot(page, 'rough-stale-kept.png');

    await row.getByRole('button', { name: 'Áp dụng lại 1.1' }).click();
    await expect.poll(async () => (await taskOf('1.1')).note, SOON).toBe('Đã ban hành kế hoạch quý I');
    await expect.poll(() => row.getByTestId('kept-value').count(), SOON).toBe(0);
    await expect.poll(() => row.innerText(), SOON).toContain('Đã ban hành kế hoạch quý I');
  });

  it('a deadline outside the plan’s year is saved only after confirming it', async () => {
    await openTasks(provincePlan);
    const picker = rowOf('1.1').locator('.ant-picker input');
    await picker.click();
    await picker.pressSequentially('31/03/2030');
    await picker.press('Enter');
    const ask = page.getByRole('dialog').filter({ hasText: 'Thời hạn ngoài năm kế hoạch' });
    await ask.waitFor();
    expect(await ask.innerText()).toContain('31/03/2030');
    expect(await ask.innerText()).toContain('2022');
    await shot(page, 'rough-deadline-confirm.png');
    expect((await taskOf('1.1')).deadline).toBeNull();
    await ask.getByRole('button', { name: 'Vẫn lưu' }).click();
    await expect.poll(async () => (await taskOf('1.1')).deadline, SOON).toBe('2030-03-31');
  });

  it('tasks without a deadline are marked and can be listed alone', async () => {
    await openTasks(provincePlan);
    const rows = page.locator('tr.ant-table-row').filter({ has: page.getByRole('spinbutton') });
    expect(await rowOf('1.1').count()).toBe(1);
    await page.getByRole('switch', { name: 'Chỉ việc chưa có hạn' }).click();
    // 1.1 has a deadline now (the test before)
    await expect.poll(() => rowOf('1.1').count(), SOON).toBe(0);
    const shown = await rows.count();
    expect(shown).toBeGreaterThan(0);
    expect(await page.getByTestId('no-deadline').count()).toBe(shown);
    await shot(page, 'rough-no-deadline.png');
  });
});

describe('archiving and deleting a plan', () => {
  it('an archived plan is read-only and leaves the list until "show archived" is on', async () => {
    await page.goto(`${run.url}/plans/${districtPlan}`);
    await page.getByRole('button', { name: /(^|\s)Lưu trữ$/ }).click();
    await page.getByTestId('archived-note').waitFor();
    await page.getByRole('tab', { name: 'Theo dõi nhiệm vụ' }).click();
    await expect
      .poll(() => page.getByRole('spinbutton', { name: /^Tiến độ /, disabled: true }).count(), SOON)
      .toBeGreaterThan(0);
    await shot(page, 'rough-archived-plan.png');

    await page.goto(run.url);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' }).count(), SOON).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Huyện Krông Nô' }).count()).toBe(0);
    await page.getByRole('switch', { name: 'Hiện cả mục đã lưu trữ' }).click();
    const archived = page.getByRole('row').filter({ hasText: 'Huyện Krông Nô' });
    await expect.poll(() => archived.count(), SOON).toBe(1);
    expect(await archived.innerText()).toContain('Đã lưu trữ');
    await shot(page, 'rough-show-archived.png');

    await archived.getByRole('link', { name: 'Huyện Krông Nô' }).click();
    await page.getByRole('button', { name: /Bỏ lưu trữ/ }).click();
    await expect.poll(() => page.getByTestId('archived-note').count(), SOON).toBe(0);
    expect(
      (
        await run.database.db
          .selectFrom('plans')
          .select('archived')
          .where('id', '=', districtPlan)
          .executeTakeFirstOrThrow()
      ).archived,
    ).toBe(0);
  });

  it('an archived unit leaves the units list until "show archived" is on', async () => {
    await page.goto(`${run.url}/admin/units`);
    const row = page.getByRole('row').filter({ hasText: 'Phòng Tư pháp' });
    await expect.poll(() => row.count(), SOON).toBe(1);
    await row.getByRole('button', { name: 'Lưu trữ Phòng Tư pháp' }).click();
    await expect.poll(() => row.count(), SOON).toBe(0);
    await page.getByRole('switch', { name: 'Hiện cả mục đã lưu trữ' }).click();
    await expect.poll(() => row.count(), SOON).toBe(1);
    expect(await row.innerText()).toContain('Đã lưu trữ');
    await row.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await shot(page, 'rough-units-archived.png');
    await row.getByRole('button', { name: 'Bỏ lưu trữ Phòng Tư pháp' }).click();
    await expect.poll(() => row.innerText(), SOON).not.toContain('Đã lưu trữ');
    const audit = await run.database.db
      .selectFrom('audit_log')
      .select(['field', 'old_value', 'new_value'])
      .where('action', '=', 'unit.update')
      .orderBy('id')
      .execute();
    expect(audit.slice(-2)).toEqual([
      { field: 'archived', old_value: '0', new_value: '1' },
      { field: 'archived', old_value: '1', new_value: '0' },
    ]);
  });

  it('an administrator deletes a plan after typing its name; the trail keeps its content', async () => {
    await page.goto(`${run.url}/plans/${districtPlan}`);
    await page.getByRole('button', { name: /Xóa kế hoạch/ }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: 'Xóa kế hoạch Huyện Krông Nô 2023?' });
    await dialog.waitFor();
    const confirm = dialog.getByRole('button', { name: /Xóa kế hoạch/ });
    expect(await confirm.isDisabled()).toBe(true);
    const typed = dialog.getByRole('textbox');
    await typed.fill('Huyện Krông Nô');
    expect(await confirm.isDisabled()).toBe(true);
    await typed.fill('Huyện Krông Nô 2023');
    expect(await confirm.isDisabled()).toBe(false);
    await shot(page, 'rough-delete-confirm.png');
    await confirm.click();
    await expect.poll(() => new URL(page.url()).pathname, SOON).toBe('/');
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' }).count(), SOON).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Huyện Krông Nô' }).count()).toBe(0);
    const gone = await run.database.db
      .selectFrom('plans')
      .select('id')
      .where('id', '=', districtPlan)
      .execute();
    expect(gone).toEqual([]);
    const entry = await run.database.db
      .selectFrom('audit_log')
      .select(['username', 'old_value'])
      .where('action', '=', 'plan.delete')
      .executeTakeFirstOrThrow();
    expect(entry.username).toBe('quantri');
    const kept = JSON.parse(entry.old_value!) as { plan: { rows: unknown[]; year: number } };
    expect(kept.plan.year).toBe(2023);
    expect(kept.plan.rows.length).toBeGreaterThan(100);
    expect(pageErrors).toEqual([]);
  });
});
