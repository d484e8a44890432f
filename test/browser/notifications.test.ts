/**
 * The notification bell in a real browser: a commune's officer, reminded by the office and told of
 * a returned criterion (whose question holds markup, shown as text), sees the unread count on the
 * bell, the list in Vietnamese, marks one read and then all; an account of another commune sees none.
 * The administrator's accounts page shows and edits an account's e-mail address.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access.js';
import { notify, sendReminders } from '../../src/modules/notifications.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let page: Page;
let fixture: RoundFixture;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startAppAndBrowser();
  const deps = { db: run.database.db, clock: () => new Date() };
  fixture = await seedRound(deps, { communes: 3 });
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
  await createAccount(run.database.db, 'canbo.namda', [{ role: 'officer', unitId: fixture.communes[0]!.id }]);
  await createAccount(run.database.db, 'canbo.dakmam', [
    { role: 'officer', unitId: fixture.communes[1]!.id },
  ]);
  await sendReminders(deps, systemActor('vanphong'), fixture.roundId, [fixture.communes[0]!.id]);
  await notify(
    run.database.db,
    [
      {
        unitId: fixture.communes[0]!.id,
        roundId: fixture.roundId,
        message: {
          kind: 'returned',
          params: {
            round: 'Đánh giá Chỉ số CCHC cấp xã năm 2026',
            code: '1.2',
            question: 'Thiếu <img src=x onerror="window.hacked=1"> biên bản?',
          },
        },
      },
    ],
    new Date(Date.now() + 1000).toISOString(),
  );
  const context = await run.browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

afterAll(async () => {
  await run?.stop();
});

describe('the notification bell', () => {
  it("shows a commune's notifications, unread first counted, and marks them read", async () => {
    await signIn(page, run.url, 'canbo.namda');
    const bell = page.getByTestId('notifications-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('2 thông báo chưa đọc');
    await bell.click();
    const items = page.getByTestId('notification');
    await expect.poll(() => items.count()).toBe(2);
    await expect
      .poll(() => items.nth(0).innerText())
      .toContain(
        'tiêu chí 1.2 bị trả lại để giải trình: «Thiếu <img src=x onerror="window.hacked=1"> biên bản?»',
      );
    await expect.poll(() => items.nth(1).innerText()).toContain('Văn phòng nhắc: đợt đánh giá');
    expect(await page.evaluate<unknown>('window.hacked')).toBeUndefined();
    await page.screenshot({ path: join(SCREENSHOTS, 'notifications-bell.png') });

    await items.nth(1).getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('1 thông báo chưa đọc');
    await page.getByTestId('notifications-read-all').click();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Thông báo');
    await expect.poll(() => page.locator('[data-testid="notification"][data-unread="true"]').count()).toBe(0);
    const reads = await run.database.db.selectFrom('notification_reads').selectAll().execute();
    expect(reads).toHaveLength(2);
  });

  it('shows another commune none', async () => {
    await page.context().clearCookies();
    await signIn(page, run.url, 'canbo.dakmam');
    await page.getByTestId('notifications-bell').click();
    await page.getByText('Chưa có thông báo nào.').waitFor();
    expect(await page.getByTestId('notification').count()).toBe(0);
  });

  it("lets the administrator set an account's e-mail address", async () => {
    await page.context().clearCookies();
    await signIn(page, run.url, 'quantri');
    await page.getByRole('menuitem', { name: 'Tài khoản' }).click();
    const row = page.getByRole('row', { name: /canbo\.namda/ });
    await row.getByRole('button', { name: 'Sửa thư điện tử' }).click();
    const box = row.getByRole('textbox');
    await box.fill('canbo@namda.example.vn');
    await box.press('Enter');
    await page.getByText('Đã lưu thư điện tử của canbo.namda').waitFor();
    const user = await run.database.db
      .selectFrom('users')
      .select('email')
      .where('username', '=', 'canbo.namda')
      .executeTakeFirstOrThrow();
    expect(user.email).toBe('canbo@namda.example.vn');
    await page.screenshot({ path: join(SCREENSHOTS, 'accounts-email.png') });
    expect(pageErrors).toEqual([]);
  });
});
