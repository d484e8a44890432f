/**
 * The frameworks pages in a real browser (issue 10.5's acceptance): import the sample framework
 * document through the wizard (preview with every method recognised, findings), open a leaf scored
 * by bands, change a band's points in the rule editor, type an answer in "Thử tính điểm" and see the
 * score that band now gives, save, publish — the state shows "Đã ban hành". Then a framework in use
 * (a plan's tree) reads as frozen, and the pages fit a phone. Screenshots in test-results/screenshots.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RatioBand, ScoringRule } from '../../src/core/framework.js';
import { formatScore, fromDecimalString, trimScale } from '../../src/core/score.js';
import { loadSamplesIfEmpty } from '../../src/modules/samples.js';
import type { FrameworkView } from '../../src/shared/api.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { ROOT } from '../helpers/fixtures.js';

let run: Running;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
let frameworkId: number;

const SAMPLES = join(ROOT, 'samples', 'frameworks');
const sample = readdirSync(SAMPLES).find((f) => /\.(docx|xlsx|txt|csv)$/i.test(f))!;

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });
/** a shared machine with two cores: each step may take seconds */
const SLOW = 300_000;

async function newPage(width: number, height: number): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

/** The whole page, or (a drawer open) the screen as the officer sees it. */
const shot = (page: Page, name: string, fullPage = true) =>
  page.screenshot({ path: join(SCREENSHOTS, `frameworks-${name}.png`), fullPage });

/** The framework as the API gives it, read with the page's session. */
async function frameworkOf(page: Page, id: number): Promise<FrameworkView> {
  return page.evaluate<FrameworkView>(`fetch('/api/frameworks/${id}').then((r) => r.json())`);
}

/** How far the page scrolls sideways: 0 when it fits the screen. */
async function overflow(page: Page): Promise<number> {
  return Number(
    await page.evaluate(
      'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
    ),
  );
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  // the sample plans: their trees are frameworks in use (max only, scored by hand)
  await loadSamplesIfEmpty({ db: run.database.db, clock: () => new Date() }, join(ROOT, 'samples'));
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

/** A ratio (numerator / 10000) that falls in band `i` and in no band above it, from the rule's own edges. */
function ratioInBand(bands: readonly RatioBand[], i: number): { numerator: number; denominator: number } {
  const band = bands[i]!;
  const denominator = 10_000;
  // the band's edge itself (one hundredth above it when the edge is strict); "the rest": 0
  const numerator = band.edge === null ? 0 : band.edge + (band.strict ? 1 : 0);
  return { numerator, denominator };
}

describe('frameworks in the browser', () => {
  it(
    'imports the sample, changes a band, sees the score in "try it", saves and publishes',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, run.url, 'quantri');

      await page.getByRole('menuitem', { name: 'Bộ tiêu chí' }).first().click();
      await page.getByTestId('frameworks-table').waitFor();
      await shot(page, 'list-before');
      await page.getByTestId('framework-import').click();

      await page.locator('input[type=file]').setInputFiles({
        name: sample,
        mimeType: 'application/octet-stream',
        buffer: readFileSync(join(SAMPLES, sample)),
      });
      const preview = page.getByTestId('framework-preview').first();
      await preview.waitFor({ timeout: 30_000 });
      // every method of the sample is recognised: "Nhận ra cách tính của n/n tiêu chí"
      const recognised = await page.getByTestId('framework-recognised').first().innerText();
      const [, got, of] = /(\d+)\/(\d+)/.exec(recognised)!;
      expect(Number(of)).toBeGreaterThanOrEqual(30);
      expect(got).toBe(of);
      await shot(page, 'import-preview');
      // a group the title does not say is chosen here
      const group = preview.getByRole('combobox', { name: 'Nhóm đơn vị' });
      if (await group.isEnabled()) {
        await group.click();
        await page.getByTitle('UBND xã').click();
      }
      await page.getByTestId('framework-confirm').click();
      await page.getByTestId('framework-imported').first().click();
      await page.getByTestId('framework-tree').waitFor();
      frameworkId = Number(/\/frameworks\/(\d+)/.exec(page.url())![1]);
      expect(await page.getByTestId('framework-state').first().getAttribute('data-state')).toBe('draft');
      await shot(page, 'page');

      // a leaf scored by bands with at least two bands that give points
      const framework = await frameworkOf(page, frameworkId);
      const leaf = framework.criteria.find(
        (c) => c.rule?.kind === 'bands' && c.rule.bands.length >= 2 && c.max !== null,
      )!;
      expect(leaf).toBeDefined();
      const rule = leaf.rule as Extract<ScoringRule, { kind: 'bands' }>;
      const max = fromDecimalString(leaf.max!);
      // the new points of the second band: half the max, or a quarter when that is what it gives already
      const half = trimScale({ units: Math.round(max.units / 2 / 2500) * 2500, scale: 0 });
      const next = half.units === rule.bands[1]!.points.units ? trimScale({ units: 2500, scale: 0 }) : half;
      const nextText = formatScore(next, 'vi');

      await page.getByLabel(`Mở tiêu chí ${leaf.code}`).click();
      const drawer = page.getByTestId('criterion-drawer');
      await drawer.getByTestId('rule-editor').waitFor();
      expect(await drawer.getByTestId('method-text').innerText()).toBe(leaf.method.trim() || '—');
      await page.waitForTimeout(800);
      await shot(page, 'drawer', false);

      const points = drawer.getByTestId('band-points-1');
      await points.fill(nextText);
      // "try it": a ratio in the second band, as numbers done / total
      const { numerator, denominator } = ratioInBand(rule.bands, 1);
      await drawer.getByTestId('try-numerator').fill(String(numerator));
      await drawer.getByTestId('try-denominator').fill(String(denominator));
      await poll(() => drawer.getByTestId('try-result').innerText()).toBe(
        `Điểm: ${nextText} / ${formatScore(max, 'vi')}`,
      );
      // the first band's answer still gives the first band's points
      const top = ratioInBand(rule.bands, 0);
      await drawer.getByTestId('try-numerator').fill(String(top.numerator));
      await poll(() => drawer.getByTestId('try-result').innerText()).toContain(
        `Điểm: ${formatScore(rule.bands[0]!.points, 'vi')} /`,
      );
      await drawer.getByTestId('try-numerator').fill(String(numerator));
      await drawer.getByTestId('try-it').scrollIntoViewIfNeeded();
      await shot(page, 'try-it', false);

      await drawer.getByTestId('save-criterion').click();
      await page.getByText(`Đã lưu tiêu chí ${leaf.code}`).waitFor();
      const saved = await frameworkOf(page, frameworkId);
      const savedRule = saved.criteria.find((c) => c.id === leaf.id)!.rule as typeof rule;
      expect(savedRule.bands[1]!.points.units).toBe(next.units);
      expect(savedRule.bands[0]).toEqual(rule.bands[0]);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      await page.getByTestId('publish').click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Ban hành' }).click();
      await poll(() => page.getByTestId('framework-state').first().getAttribute('data-state')).toBe(
        'published',
      );
      expect(await page.getByTestId('framework-state').first().innerText()).toBe('Đã ban hành');
      expect((await frameworkOf(page, frameworkId)).state).toBe('published');
      await shot(page, 'published');

      await page.goto(`${run.url}/frameworks`);
      await page.getByTestId('frameworks-table').waitFor();
      await poll(() => page.getByTestId('frameworks-table').innerText()).toContain('Đã ban hành');
      await shot(page, 'list');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'shows a framework in use read-only, saying to make a new version',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, run.url, 'quantri');
      await page.goto(`${run.url}/frameworks?state=in-use`);
      await page.getByTestId('frameworks-table').waitFor();
      await page.getByTestId('frameworks-table').locator('a[href^="/frameworks/"]').first().click();
      await page
        .getByTestId('framework-tree')
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      expect(pageErrors).toEqual([]);
      await page.getByTestId('frozen-note').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('frozen-note').innerText()).toContain('tạo phiên bản mới để sửa');
      await page.getByTestId('framework-tree').locator('a').first().click();
      const drawer = page.getByTestId('criterion-drawer');
      await drawer.getByTestId('rule-editor').waitFor();
      expect(await drawer.getByTestId('save-criterion').count()).toBe(0);
      // the rule shows, nothing in it can be typed
      expect(await drawer.getByTestId('rule-editor').locator('input.ant-input').count()).toBeGreaterThan(0);
      expect(await drawer.getByTestId('rule-editor').locator('input.ant-input:not([disabled])').count()).toBe(
        0,
      );
      await shot(page, 'frozen');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'makes a new version of the published sample, changes a criterion, shows the change and the crosswalk',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, run.url, 'quantri');
      await page.goto(`${run.url}/frameworks/${frameworkId}`);
      await page.getByTestId('framework-tree').waitFor();
      await page.getByTestId('new-version').click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: 'Tạo phiên bản mới' }).click();
      await poll(() => /\/frameworks\/(\d+)/.exec(page.url())?.[1]).not.toBe(String(frameworkId));
      const versionId = Number(/\/frameworks\/(\d+)/.exec(page.url())![1]);
      await poll(() => page.getByTestId('framework-state').first().getAttribute('data-state')).toBe('draft');
      await page.getByTestId('framework-tree').waitFor();

      // a leaf scored by bands: its first band's points halved in the new version
      const version = await frameworkOf(page, versionId);
      expect(version.previousId).toBe(frameworkId);
      const leaf = version.criteria.find((c) => c.rule?.kind === 'bands' && c.max !== null)!;
      const rule = leaf.rule as Extract<ScoringRule, { kind: 'bands' }>;
      const points = rule.bands[0]!.points;
      const lower = trimScale({
        units: Math.max(2500, Math.round(points.units / 2 / 2500) * 2500),
        scale: 0,
      });
      await page.getByLabel(`Mở tiêu chí ${leaf.code}`).click();
      const drawer = page.getByTestId('criterion-drawer');
      await drawer.getByTestId('rule-editor').waitFor();
      await drawer.getByTestId('band-points-0').fill(formatScore(lower, 'vi'));
      await drawer.getByTestId('save-criterion').click();
      await page.getByText(`Đã lưu tiêu chí ${leaf.code}`).waitFor();
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });

      await page.getByRole('tab', { name: 'Thay đổi so với phiên bản trước' }).click();
      const changes = page.getByTestId('framework-changes');
      await changes.waitFor();
      const changed = await changes.innerText();
      expect(changed).toContain(leaf.code);
      expect(changed).toContain(leaf.name.slice(0, 20));
      // the one criterion changed, nothing added or removed
      expect(await changes.locator('tbody tr.ant-table-row').count()).toBe(1);
      await shot(page, 'changes');

      await page.getByRole('tab', { name: 'Đối chiếu' }).click();
      const crosswalk = page.getByTestId('crosswalk');
      await crosswalk.waitFor();
      await crosswalk.getByTestId('crosswalk-propose').click();
      // every criterion of the previous version found again by its code
      await poll(async () => crosswalk.locator('tbody tr.ant-table-row').count()).toBe(
        version.criteria.length,
      );
      await poll(() => crosswalk.getByTestId('crosswalk-confirm-all').isEnabled()).toBe(true);
      await shot(page, 'crosswalk');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'fits a phone (390 px): the list, the framework page and its drawer',
    async () => {
      const page = await newPage(390, 844);
      await signIn(page, run.url, 'quantri');
      await page.goto(`${run.url}/frameworks`);
      await page.getByTestId('frameworks-table').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'phone-list');
      await page.goto(`${run.url}/frameworks/${frameworkId}`);
      await page.getByTestId('framework-tree').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await shot(page, 'phone-page');
      await page.getByTestId('framework-tree').locator('a').first().click();
      await page.getByTestId('criterion-drawer').getByTestId('try-it').waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      // the drawer slides in: the picture after it has arrived
      await page.waitForTimeout(800);
      await shot(page, 'phone-drawer', false);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
