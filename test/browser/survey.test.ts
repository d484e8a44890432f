/**
 * The survey import page in a real browser: the office uploads a survey's scores for the seeded round
 * (one commune written without its "Xã", one unknown name, one score above the max) — the preview
 * lists the finding with its line and refuses to confirm; then the good file: the unknown name mapped
 * with the Select (its suggestion chosen at once), confirm, the scores stored. The page fits a phone.
 * Screenshots in test-results/screenshots (survey-*.png).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../helpers/accounts.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let round: RoundFixture;
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
  page.screenshot({ path: join(SCREENSHOTS, `survey-${name}.png`), fullPage: true });

const file = (name: string, text: string) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

beforeAll(async () => {
  run = await startAppAndBrowser();
  round = await seedRound({ db: run.database.db, clock: () => new Date() }, { communes: 4 });
  await createAccount(run.database.db, 'quantri', [{ role: 'admin', unitId: null }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('the survey import page', () => {
  it(
    'previews, shows what is wrong, maps an unknown name and writes the scores',
    async () => {
      const page = await newPage(1366, 900);
      await signIn(page, `${run.url}/rounds/${round.roundId}/survey`, 'quantri');
      await page.getByRole('heading', { name: 'Nhập điểm điều tra xã hội học' }).waitFor();
      await shot(page, 'upload');

      // a score above the max: the finding with its line, no confirmation
      await page
        .locator('input[type=file]')
        .setInputFiles(
          file('khao-sat-loi.csv', 'Đơn vị,Mã tiêu chí,Điểm\nXã Nam Đà,8.1.1,"4,5"\nXã Nam Đà,1.1.1,1\n'),
        );
      const findings = page.getByTestId('survey-findings');
      await findings.waitFor();
      await expect.poll(() => findings.innerText()).toContain('nằm ngoài khoảng từ 0 đến điểm tối đa 4');
      expect(await findings.innerText()).toContain('dòng 2, cột 3');
      expect(await findings.innerText()).toContain('Tiêu chí 1.1.1 không chấm bằng điều tra xã hội học');
      expect(await page.getByTestId('survey-confirm').isDisabled()).toBe(true);
      await shot(page, 'errors');

      await page.getByRole('button', { name: 'Quay lại' }).click();
      await page
        .locator('input[type=file]')
        .setInputFiles(
          file(
            'khao-sat.csv',
            [
              'Tên đơn vị,Mã tiêu chí,Điểm khảo sát',
              'Xã Nam Đà,8.1.1,"3,5"',
              'Đắk Mâm,8.1.2,4',
              'UBND xã Quảng Phú (cũ),8.1.3,"2,75"',
              'Xã Không Rõ,8.1.1,3',
            ].join('\n'),
          ),
        );
      await page.getByTestId('survey-unknown').waitFor();
      const summary = await page.getByTestId('survey-summary').innerText();
      expect(summary).toContain('4 điểm');
      // the suggestion (Xã Quảng Phú) is chosen; the other name waits for a choice
      const confirm = page.getByTestId('survey-confirm');
      expect(await confirm.isDisabled()).toBe(true);
      expect(await page.getByText('Còn 1 tên đơn vị chưa chọn').count()).toBe(1);
      await shot(page, 'preview');
      await page.locator('.ant-select', { has: page.getByRole('combobox', { name: 'Xã Không Rõ' }) }).click();
      await page.locator('.ant-select-item-option[title="Xã Đức Xuyên"]').click();
      await expect.poll(() => confirm.isDisabled()).toBe(false);
      await shot(page, 'mapped');
      await confirm.click();
      await page.getByTestId('survey-done').waitFor();
      expect(await page.getByTestId('survey-done').innerText()).toBe('Đã ghi 4 điểm khảo sát');
      await shot(page, 'done');

      const stored = await run.database.db
        .selectFrom('assessment_scores')
        .innerJoin('units', 'units.id', 'assessment_scores.unit_id')
        .innerJoin('criteria', 'criteria.id', 'assessment_scores.criterion_id')
        .select(['units.name as unit', 'criteria.code as code', 'assessment_scores.score'])
        .where('stage', '=', 'survey')
        .execute();
      expect(stored.map((s) => `${s.unit} ${s.code} ${s.score}`).sort()).toEqual([
        'Xã Nam Đà 8.1.1 3.5',
        'Xã Quảng Phú 8.1.3 2.75',
        'Xã Đắk Mâm 8.1.2 4',
        'Xã Đức Xuyên 8.1.1 3',
      ]);
      expect(pageErrors).toEqual([]);
    },
    SLOW,
  );

  it(
    'fits a phone',
    async () => {
      const page = await newPage(390, 844);
      await signIn(page, `${run.url}/rounds/${round.roundId}/survey`, 'quantri');
      await page
        .locator('input[type=file]')
        .setInputFiles(file('ks.csv', 'Đơn vị,8.1.1,8.1.2\nXã Nam Đà,3,4\nXã Lạ,2,2\n'));
      await page.getByTestId('survey-rows').waitFor();
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
