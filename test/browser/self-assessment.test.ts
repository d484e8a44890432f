/**
 * A commune's self-assessment in a real browser: an officer answers criteria of several rule kinds
 * (an option, a ratio with its percentage shown, a count, parts), each scored live and autosaved
 * ("Đã lưu"), the totals following; submit is refused with the list of what is missing; the rest
 * answered and explained, submit is accepted and the page turns read-only. Screenshots at desktop
 * and phone widths in test-results/screenshots (look at them).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access.js';
import type { Answer, ScoringRule } from '../../src/core/framework.js';
import { getAssessment, saveAnswer } from '../../src/modules/self-assessment.js';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let round: RoundFixture;
let unit: number;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const SLOW = 300_000;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });

async function newPage(width: number, height: number): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width, height } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(SCREENSHOTS, `self-assessment-${name}.png`), fullPage });

const deps = () => ({ db: run.database.db, clock: () => new Date() });
const view = () => getAssessment(deps(), systemActor('test'), 'vi', round.roundId, unit);

function answerFor(rule: ScoringRule): Answer {
  switch (rule.kind) {
    case 'gate':
      return answerFor(rule.rule);
    case 'choice':
      return { kind: 'choice', option: 0 };
    case 'bands':
    case 'linear':
      return { kind: 'ratio', numerator: 9, denominator: 10 };
    case 'count':
      return { kind: 'count', count: 0 };
    case 'parts':
      return { kind: 'parts', met: [0] };
    case 'all':
      return { kind: 'all', met: rule.conditions.map(() => true) };
    case 'manual':
      return { kind: 'score', score: rule.step };
    case 'bonus':
    case 'penalty':
      return { kind: 'score', score: { units: 0, scale: 0 } };
    case 'survey':
      return { kind: 'score', score: { units: 0, scale: 0 } };
  }
}

beforeAll(async () => {
  run = await startAppAndBrowser();
  round = await seedRound(deps(), { communes: 2 });
  unit = round.communes[0]!.id;
  await createAccount(run.database.db, 'canbo.namda', [{ role: 'officer', unitId: unit }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('self-assessment in the browser', () => {
  it(
    'answers several kinds with autosave, is refused with the missing list, then submits',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/rounds/${round.roundId}/units/${unit}`, 'canbo.namda');
      await page.getByTestId('assessment-page').waitFor();
      expect(await page.getByTestId('unit-name').textContent()).toBe('Xã Nam Đà');
      expect(await page.getByTestId('unit-state').textContent()).toBe('Chưa bắt đầu');
      expect(await page.getByTestId('deadline').textContent()).toContain('còn 4 ngày');
      const before = await view();
      expect(await page.getByTestId('missing-count').textContent()).toContain(String(before.total.missing));
      await shot(page, 'desktop-start');

      // an option: 1.1.1 "Ban hành kịp thời" (1 điểm)
      const c111 = page.getByTestId('crit-1.1.1');
      await c111.getByTestId('crit-1.1.1-choice').locator('input[type="radio"]').first().check();
      await poll(() => c111.getByTestId('crit-1.1.1-status').textContent()).toBe('Đã lưu');
      expect(await c111.getByTestId('crit-1.1.1-score').textContent()).toBe('Điểm: 1');

      // a ratio: 1.1.4 "Trên 90% kế hoạch" — 19 of 20 is 95 %
      const c114 = page.getByTestId('crit-1.1.4');
      await c114.getByTestId('crit-1.1.4-numerator').fill('19');
      await c114.getByTestId('crit-1.1.4-denominator').fill('20');
      expect(await c114.getByTestId('crit-1.1.4-percent').textContent()).toContain('95');
      await poll(() => c114.getByTestId('crit-1.1.4-status').textContent()).toBe('Đã lưu');
      expect(await c114.getByTestId('crit-1.1.4-score').textContent()).toBe('Điểm: 2');

      // a count: 1.2.1, one report late: 1 − 0,25
      const c121 = page.getByTestId('crit-1.2.1');
      await c121.getByTestId('crit-1.2.1-count').fill('1');
      await poll(() => c121.getByTestId('crit-1.2.1-status').textContent()).toBe('Đã lưu');
      expect(await c121.getByTestId('crit-1.2.1-score').textContent()).toBe('Điểm: 0,75');

      // parts: the first parts criterion, its first part ticked
      const parts = before.criteria.find((c) => c.selfScored && c.rule?.kind === 'parts')!;
      const cp = page.getByTestId(`crit-${parts.code}`);
      await cp.getByTestId(`crit-${parts.code}-parts`).locator('input[type="checkbox"]').first().check();
      await poll(() => cp.getByTestId(`crit-${parts.code}-status`).textContent()).toBe('Đã lưu');

      // the server holds what the page shows
      const saved = await view();
      for (const code of ['1.1.1', '1.1.4', '1.2.1', parts.code]) {
        expect(saved.criteria.find((c) => c.code === code)!.version, code).toBe(1);
      }
      expect(saved.unit.state).toBe('in-progress');
      expect(await page.getByTestId('total').textContent()).toContain(saved.total.self.replace('.', ','));
      expect(await c114.getByTestId('crit-1.1.4-how').count()).toBe(1); // score without evidence: explain
      await shot(page, 'desktop-answered');

      // submit: refused with the list
      await page.getByTestId('submit').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
      const refused = page.getByTestId('submit-refused');
      await refused.waitFor();
      expect(await refused.textContent()).toContain('chưa trả lời');
      await shot(page, 'desktop-refused');
      await page.getByRole('button', { name: /OK|Đồng ý/ }).click();

      // the rest answered and explained (as another officer would, through the same use-case)
      const actor = systemActor('canbo2.namda');
      for (const c of (await view()).criteria.filter((x) => x.selfScored)) {
        const answer = c.answer ?? answerFor(c.rule!);
        await saveAnswer(deps(), actor, 'vi', round.roundId, unit, c.id, {
          version: c.version,
          answer,
          scoringExplanation: 'Căn cứ báo cáo CCHC năm của UBND xã',
        });
      }
      await page.reload();
      await page.getByTestId('assessment-page').waitFor();
      expect(await page.getByTestId('missing-count').textContent()).toContain('0');
      await page.getByTestId('submit').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
      await poll(() => page.getByTestId('unit-state').textContent()).toBe('Đã gửi');
      await page.getByTestId('read-only').waitFor();
      expect(await page.getByTestId('withdraw').count()).toBe(1);
      expect((await view()).unit.state).toBe('submitted');
      await shot(page, 'desktop-submitted');
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'fits a phone (390 px)',
    async () => {
      const page = await newPage(390, 844);
      await signIn(page, `${run.url}/rounds/${round.roundId}/units/${unit}`, 'canbo.namda');
      await page.getByTestId('assessment-page').waitFor();
      await shot(page, 'phone');
      const overflow = Number(
        await page.evaluate(
          'Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth',
        ),
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );
});
