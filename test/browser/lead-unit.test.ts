/**
 * A lead-unit officer of Sở Nội vụ in a real browser: signs in, sees only the criteria and tasks
 * Sở Nội vụ leads or supports, updates the progress of one — and a hand-made API call to change
 * another unit's row is refused with 403 and changes nothing.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount, unitId } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
let page: Page;
let planId: number;
const pageErrors: string[] = [];

async function item(code: string) {
  return run.database.db
    .selectFrom('plan_items')
    .innerJoin('criteria', 'criteria.id', 'plan_items.criterion_id')
    .innerJoin('tasks', 'tasks.plan_item_id', 'plan_items.id')
    .select([
      'plan_items.id as itemId',
      'tasks.version',
      'tasks.progress',
      'tasks.status',
      'plan_items.target',
    ])
    .where('plan_items.plan_id', '=', planId)
    .where('criteria.code', '=', code)
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  const clock = () => new Date();
  await loadSamplesIfEmpty({ db: run.database.db, clock }, join(ROOT, 'samples'));
  const province = await unitId(run.database.db, 'Tỉnh Đắk Nông');
  const soNoiVu = await run.database.db
    .selectFrom('units')
    .select('id')
    .where('name', '=', 'Sở Nội vụ')
    .where('parent_id', '=', province)
    .executeTakeFirstOrThrow();
  await createAccount(run.database.db, 'sonoivu', [{ role: 'lead_unit', unitId: soNoiVu.id }]);
  planId = (
    await run.database.db
      .selectFrom('plans')
      .select('id')
      .where('subject_unit_id', '=', province)
      .executeTakeFirstOrThrow()
  ).id;
  const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await signIn(page, run.url, 'sonoivu');
});

afterAll(async () => {
  await run?.stop();
});

describe('a lead-unit officer', () => {
  it('sees only the plan and the rows of their unit', async () => {
    await page.goto(run.url);
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' }).count()).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: 'Huyện Krông Nô' }).count()).toBe(0);
    // no import, no administration for this account
    expect(await page.getByRole('menuitem', { name: 'Nhập phụ lục' }).count()).toBe(0);

    await page.goto(`${run.url}/plans/${planId}`);
    await expect
      .poll(() => page.getByText('Bạn đang xem các tiêu chí, nhiệm vụ do đơn vị mình chủ trì').count())
      .toBe(1);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    const text = await page.locator('.ant-table-tbody').innerText();
    expect(text).toContain('Thực hiện kế hoạch CCHC');
    // 2.1.1 is Sở Tư pháp's, 3.1.1 Văn phòng UBND tỉnh's
    expect(text).not.toContain('Thực hiện các hoạt động về theo dõi thi hành pháp luật');
    expect(text).not.toContain('Thực hiện quy định về ban hành TTHC theo thẩm quyền');
    expect(await page.getByRole('button', { name: /Tải XLSX/ }).isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOTS, 'lead-unit-officer.png') });
  });

  it('updates the progress of one of its tasks', async () => {
    const progress = page.getByRole('spinbutton', { name: 'Tiến độ 1.1' });
    await progress.fill('50');
    await progress.press('Enter');
    await expect.poll(async () => (await item('1.1')).progress).toBe(50);
  });

  it('gets 403 for another unit’s row through the API, and nothing changes', async () => {
    const other = await item('2.1.1');
    const mine = await item('1.1');
    const call = (path: string, body: unknown) =>
      page.evaluate(
        async ({ path, body }) => {
          const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
          const r = await fetch(path, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
            body: JSON.stringify(body),
          });
          return { status: r.status, body: (await r.json()) as { error?: { code: string } } };
        },
        { path, body },
      );
    const task = await call(`/api/plans/${planId}/items/${other.itemId}/task`, {
      version: other.version,
      progress: 90,
    });
    expect(task.status).toBe(403);
    expect(task.body.error?.code).toBe('FORBIDDEN');
    const score = await call(`/api/plans/${planId}/items/${mine.itemId}`, { version: 1, target: '1' });
    expect(score.status).toBe(403);
    expect(await item('2.1.1')).toEqual(other);
    expect((await item('1.1')).target).toBe(mine.target);
    expect(pageErrors).toEqual([]);
  });
});
