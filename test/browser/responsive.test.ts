/**
 * Every page at a laptop's size (1366×768) and a phone's (390×844): a screenshot of each in
 * test-results/screenshots/, and on the phone no page wider than the screen (a table may scroll in
 * its own box, the page never sideways), with a menu drawer holding the navigation, the language and
 * the account. Then the words and formats an officer reads: dd/mm/yyyy and 0,95 in the history,
 * English labels and plurals, "3 lỗi · 1 cảnh báo", the sign-in page's language switch, a wrong
 * current password named as such, a way out of the forced password change.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVi } from '../../src/core/collate.js';
import { unitKey } from '../../src/core/units.js';
import { insertUnit } from '../../src/db/units-repo.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import { createAccount, unitId } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let provincePlan: number;
let districtPlan: number;
let soNoiVu: number;

/** a shared, slow machine: give the page time */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });

const SIZES = {
  wide: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const;
type Size = keyof typeof SIZES;

async function newPage(size: Size): Promise<Page> {
  const context = await run.browser.newContext({ viewport: SIZES[size], acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

/** The screen as the reader sees it; on a phone also the whole length of the page. */
async function shot(page: Page, name: string, size: Size) {
  await page.screenshot({ path: join(SCREENSHOTS, `${size}-${name}.png`) });
  if (size === 'phone')
    await page.screenshot({ path: join(SCREENSHOTS, `${size}-${name}-full.png`), fullPage: true });
}

/** How far the page itself scrolls sideways: 0 when it fits the screen. */
async function overflow(page: Page): Promise<number> {
  // a string: the test's own TypeScript knows no DOM
  return Number(
    await page.evaluate(
      'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
    ),
  );
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  const clock = () => new Date();
  await loadSamplesIfEmpty({ db, clock }, join(ROOT, 'samples'));
  const province = await unitId(db, 'Tỉnh Đắk Nông');
  // a second district with its own "Phòng Nội vụ": two units of one name
  const now = new Date().toISOString();
  const cuJut = await insertUnit(db, {
    name: 'Huyện Cư Jút',
    name_key: unitKey('Huyện Cư Jút', { levelWords: [] }),
    kind: 'district',
    parent_id: province,
    created_at: now,
  });
  await insertUnit(db, {
    name: 'Phòng Nội vụ',
    name_key: unitKey('Phòng Nội vụ', { levelWords: [] }),
    kind: 'office',
    parent_id: cuJut,
    created_at: now,
  });
  soNoiVu = (
    await db
      .selectFrom('units')
      .select('id')
      .where('name', '=', 'Sở Nội vụ')
      .where('parent_id', '=', province)
      .executeTakeFirstOrThrow()
  ).id;
  const plans = await db
    .selectFrom('plans')
    .innerJoin('units', 'units.id', 'plans.subject_unit_id')
    .select(['plans.id', 'units.name'])
    .execute();
  provincePlan = plans.find((p) => p.name === 'Tỉnh Đắk Nông')!.id;
  districtPlan = plans.find((p) => p.name === 'Huyện Krông Nô')!.id;
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);
  await createAccount(db, 'moi', [{ role: 'viewer', unitId: province }], { mustChangePassword: true });
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe.each(['wide', 'phone'] as const)('every page at the %s size', (size) => {
  let page: Page;
  const wide: Record<string, number> = {};

  beforeAll(async () => {
    page = await newPage(size);
  });

  async function visit(name: string, path: string | null, ready: () => Promise<unknown>) {
    if (path !== null) await page.goto(`${run.url}${path}`);
    await ready();
    await settle(page);
    await shot(page, name, size);
    const over = await overflow(page);
    if (over > 0) wide[name] = over;
  }

  it('signs in from a page that fits, with the language switch', async () => {
    await page.goto(run.url);
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(await page.getByTestId('language-switch').count()).toBe(1);
    await visit('sign-in', null, async () => {});
    await signIn(page, run.url, 'quantri');
  });

  it('walks every page', async () => {
    await visit('plans', '/', () => page.getByRole('link', { name: 'Tỉnh Đắk Nông' }).waitFor());
    await visit('plan-summary', `/plans/${provincePlan}`, () =>
      page.getByTestId('chart-areas').locator('svg').waitFor(),
    );
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await visit('plan-tree', null, () =>
      page.getByRole('row').filter({ hasText: 'Thực hiện kế hoạch CCHC' }).waitFor(),
    );
    await page.getByRole('button', { name: 'Lịch sử thay đổi 1.2', exact: true }).click();
    await visit('plan-history', null, async () => {
      await page.getByRole('dialog').waitFor();
      // the drawer slides in
      await page.waitForTimeout(600);
    });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Theo dõi nhiệm vụ' }).click();
    await visit('plan-tasks', null, () =>
      page.getByRole('tab', { name: 'Theo dõi nhiệm vụ', selected: true }).waitFor(),
    );
    await page.getByRole('tab', { name: /Phát hiện/ }).click();
    await visit('plan-findings', null, () => page.waitForTimeout(300));
    await page.getByText('Đến dòng 7.2').first().click();
    await visit('plan-jump', null, async () => {
      await page.locator('tr.row-focus').waitFor();
      await page.waitForTimeout(400);
    });
    await visit('plan-district', `/plans/${districtPlan}`, () =>
      page.getByTestId('chart-areas').locator('svg').waitFor(),
    );
    await visit('lead-unit', `/plans/${provincePlan}/units/${soNoiVu}`, () =>
      page.getByText('Sở Nội vụ').first().waitFor(),
    );
    await visit('print', `/plans/${provincePlan}/print`, () =>
      page.getByText('Tỉnh Đắk Nông').first().waitFor(),
    );
    await visit('import', '/import', () => page.locator('input[type=file]').waitFor({ state: 'attached' }));
    await visit('users', '/admin/users', () => page.getByText('quantri').first().waitFor());
    await visit('units', '/admin/units', () => page.getByText('Tỉnh Đắk Nông').first().waitFor());
    await visit('audit', '/audit', () => page.getByText('Đăng nhập').first().waitFor());
    await visit('not-found', '/khong-co', () => page.getByText('Không có trang này').waitFor());
    expect(wide).toEqual({});
    // seventeen pages, each loaded and measured: 55 s of the default 60 alone on a loaded machine
  }, 120_000);

  it('draws value labels only where the bars can carry them, and names the areas', async () => {
    await page.goto(`${run.url}/plans/${provincePlan}`);
    const chart = page.getByTestId('chart-areas');
    await chart.locator('svg').waitFor();
    const texts = await chart.locator('svg text').allTextContents();
    if (size === 'wide') {
      expect(await chart.getAttribute('data-values')).toBe('shown');
      expect(texts).toContain('13,63');
      // the axis names the areas, not only their codes
      expect(texts.some((t) => t.startsWith('3. Cải cách thủ tục'))).toBe(true);
    } else {
      expect(await chart.getAttribute('data-values')).toBe('hidden');
      expect(texts).not.toContain('13,63');
    }
    // hovering a group of bars names its area in the tooltip (on a phone the chart is below the fold)
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + 5, box.y + 5);
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.6, { steps: 8 });
    // the area's full title, as the document writes it
    await poll(async () => (await chart.textContent()) ?? '').toMatch(/\d\. \p{Lu}{2,} \p{Lu}{2,}/u);
    await shot(page, 'chart-hover', size);
    // the legend table names every area, whatever the size
    const legend = page.getByTestId('area-legend');
    expect(await legend.innerText()).toContain('Cải cách thủ tục hành chính');
    expect(await legend.innerText()).toContain('13,63');
  });
});

describe('on a phone', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage('phone');
    await signIn(page, run.url, 'quantri');
  });

  it('opens a drawer with the navigation, the language and the account', async () => {
    await page.goto(run.url);
    await page.getByTestId('menu-button').click();
    const drawer = page.getByRole('dialog');
    await drawer.waitFor();
    for (const item of ['Kế hoạch', 'Nhập phụ lục', 'Tài khoản', 'Đơn vị', 'Nhật ký']) {
      expect(await drawer.getByRole('menuitem', { name: item }).count(), item).toBe(1);
    }
    expect(await drawer.getByTestId('language-switch').isVisible()).toBe(true);
    expect(await drawer.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
    // inside the drawer and the screen, not off to the right
    await page.waitForTimeout(500);
    const panel = (await page.locator('.ant-drawer-section').boundingBox())!;
    const box = (await drawer.getByRole('button', { name: 'Đăng xuất' }).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(Math.min(panel.x + panel.width, 390));
    await shot(page, 'menu-drawer', 'phone');

    // a link closes the drawer and goes
    await drawer.getByRole('menuitem', { name: 'Đơn vị' }).click();
    await page.waitForURL(/\/admin\/units$/);
    await poll(() => page.getByRole('dialog').isVisible()).toBe(false);

    // the language switch works from the drawer
    await page.getByTestId('menu-button').click();
    await page.getByRole('dialog').getByText('EN', { exact: true }).click();
    await poll(() => page.getByRole('dialog').innerText()).toContain('Sign out');
    await page.getByRole('dialog').getByText('VI', { exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByLabel('Tên đăng nhập').waitFor();
  });
});

describe('one number and date format, words instead of codes', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage('wide');
    await signIn(page, run.url, 'quantri');
  });

  it('shows the history in 0,95 and dd/mm/yyyy', async () => {
    await page.goto(`${run.url}/plans/${provincePlan}`);
    await page.getByRole('tab', { name: 'Cây tiêu chí' }).click();
    await page.getByRole('button', { name: 'Mục tiêu 2022 1.5', exact: true }).click();
    const input = page.getByRole('textbox', { name: 'Mục tiêu 2022 1.5', exact: true });
    await input.fill('1,75');
    await input.press('Enter');
    await poll(() => page.getByTestId('total-target').innerText()).toContain('90,18');
    await page.getByRole('button', { name: 'Lịch sử thay đổi 1', exact: true }).click();
    const drawer = page.getByRole('dialog');
    await poll(() => drawer.innerText()).toContain('Tổng tiêu chí cha theo tiêu chí con');
    const text = await drawer.innerText();
    expect(text).toMatch(/\b8\b[\s\S]*8,25/);
    expect(text).not.toMatch(/\d\.\d/);
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    await shot(page, 'history-formats', 'wide');
    await page.keyboard.press('Escape');
  });

  it('reads the findings card as counts, not as a date', async () => {
    await page.goto(`${run.url}/plans/${provincePlan}`);
    await poll(() => page.getByTestId('findings-count').innerText()).toMatch(/3 lỗi · 1 cảnh báo/);
  });

  it('speaks English with English labels and plurals', async () => {
    await page.goto(`${run.url}/`);
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    const province = page.getByRole('row').filter({ hasText: 'Tỉnh Đắk Nông' });
    await poll(() => province.innerText()).toContain('3 errors');
    const tags = await province.locator('.ant-tag').allInnerTexts();
    for (const tag of tags) expect(tag).toMatch(/^(1 (error|warning)|\d+ (errors|warnings)|[A-Za-z ]+)$/);
    await page.goto(`${run.url}/audit`);
    await settle(page);
    await shot(page, 'audit-english', 'wide');
    const rows = page.locator('.ant-table-row');
    await expect
      .poll(() => rows.allInnerTexts())
      .toContainEqual(expect.stringContaining('Criterion score edited'));
    const all = (await rows.allInnerTexts()).join('\n');
    expect(all).toContain('Criterion 1.5 — ');
    expect(all).not.toMatch(/item\.update|auth\.login|#\d/);
    await shot(page, 'audit-english', 'wide');
    await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
    await expect
      .poll(() => rows.allInnerTexts())
      .toContainEqual(expect.stringContaining('Sửa điểm tiêu chí'));
  });

  it('sorts units in Vietnamese order and tells apart two of one name', async () => {
    const units = await page.evaluate(async () => {
      const res = await fetch('/api/units');
      return (await res.json()) as { name: string }[];
    });
    const names = units.map((u) => u.name);
    expect(names).toEqual([...names].sort(compareVi));
    await page.goto(`${run.url}/audit`);
    await settle(page);
    await page.getByLabel('Đơn vị', { exact: true }).first().click();
    await page.keyboard.type('phong noi vu');
    const options = page.locator('.ant-select-tree-title');
    await poll(() => options.allInnerTexts()).toContain('Phòng Nội vụ — Huyện Cư Jút');
    expect(await options.allInnerTexts()).toContain('Phòng Nội vụ — Huyện Krông Nô');
    await page.keyboard.press('Escape');
  });

  it('names a wrong current password as such, and keeps the session', async () => {
    await page.goto(`${run.url}/`);
    await page.getByTestId('user-menu').hover();
    await page.getByText('Đổi mật khẩu').click();
    const modal = page.getByRole('dialog');
    await modal.getByLabel('Mật khẩu hiện tại').fill('khong-phai-mat-khau');
    await modal.getByLabel('Mật khẩu mới (ít nhất 10 ký tự)').fill('mat-khau-moi-2026');
    await modal.getByLabel('Nhập lại mật khẩu mới').fill('mat-khau-moi-2026');
    await modal.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await poll(() => modal.innerText()).toContain('Mật khẩu hiện tại không đúng');
    await shot(page, 'wrong-current-password', 'wide');
    expect(await page.getByTestId('user-menu').count()).toBe(1);
  });
});

describe('the sign-in page and the forced password change', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newPage('phone');
  });

  it('switches the sign-in page to English and back', async () => {
    await page.goto(run.url);
    await page.getByTestId('language-switch').getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, 'sign-in-english', 'phone');
    await page.getByTestId('language-switch').getByText('VI', { exact: true }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  });

  it('offers a way out of the forced password change', async () => {
    await page.getByLabel('Tên đăng nhập').fill('moi');
    await page.getByLabel('Mật khẩu').fill('mat-khau-thu-2024');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const out = page.getByRole('button', { name: 'Đăng xuất' });
    await out.waitFor();
    await shot(page, 'forced-password-change', 'phone');
    expect(await overflow(page)).toBe(0);
    await out.click();
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
