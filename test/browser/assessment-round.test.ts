/**
 * Issue 11's acceptance, a whole round in a real browser on SQLite: a province with five departments
 * and eight communes (test/helpers/rounds.ts#seedRound). Xã Nam Đà's assessor answers on its page,
 * uploads a PDF as evidence and has an executable renamed .pdf refused in Vietnamese, submits; the
 * self-assessment closes by its date (a commune that did not submit finds its page read-only and is
 * late on the round's page); the appraiser of Sở Nội vụ scores a criterion seeing the evidence and
 * returns another with a question; in the explanation phase the commune answers it with new
 * evidence; round 2 lists it first as changed and scores it; in the council's phase the office
 * imports the survey's scores and the council fixes the commune's final scores; publication opens
 * by its date, the scheduler records it and tells the units, and everything turns read-only.
 * Phases are entered by moving the round's calendar around the real clock
 * (test/helpers/appraisal-fixture.ts#enterPhase), as the other browser tests do. Each actor keeps
 * one page. Screenshots in test-results/screenshots (assessment-round-*.png).
 */
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/access.js';
import { formatScore, fromDecimalString, ZERO } from '../../src/core/score.js';
import { roundResults } from '../../src/modules/round-results.js';
import { runScheduledWork } from '../../src/modules/scheduler.js';
import { getAssessment, saveAnswer } from '../../src/modules/self-assessment.js';
import { createAccount } from '../helpers/accounts.js';
import { bestAnswer, enterPhase, selfAssess } from '../helpers/appraisal-fixture.js';
import { SCREENSHOTS, signIn, startAppAndBrowser, type Running } from '../helpers/browser.js';
import { docx, exe, pdf } from '../helpers/evidence-files.js';
import { COMMUNES, DEPARTMENTS, seedRound, type RoundFixture } from '../helpers/rounds.js';

let run: Running;
let f: RoundFixture;
/** Xã Nam Đà, followed through the whole round; Xã Tân Thành never submits */
let namDa: number;
let tanThanh: number;
const contexts: BrowserContext[] = [];
const pageErrors: string[] = [];
const SLOW = 600_000;
const now = () => new Date();
const deps = () => ({ db: run.database.db, clock: now });
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });

async function newPage(): Promise<Page> {
  const context = await run.browser.newContext({ viewport: { width: 1366, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  return page;
}

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(SCREENSHOTS, `assessment-round-${name}.png`), fullPage });

const file = (name: string, mimeType: string, bytes: Uint8Array) => ({
  name,
  mimeType,
  buffer: Buffer.from(bytes),
});

/** The toast messages shown now. */
const toasts = async (page: Page) => (await page.locator('.ant-message-notice').allInnerTexts()).join('\n');

/** A row of the appraisal table by its criterion's code. */
const rowOf = (table: Locator, code: string) =>
  table.locator('tr.ant-table-row').filter({ has: table.page().locator('strong', { hasText: code }) });

beforeAll(async () => {
  run = await startAppAndBrowser();
  const db = run.database.db;
  f = await seedRound(deps());
  namDa = f.communes.find((c) => c.name === 'Xã Nam Đà')!.id;
  tanThanh = f.communes.find((c) => c.name === 'Xã Tân Thành')!.id;
  await createAccount(db, 'quantri', [{ role: 'admin', unitId: null }]);
  await createAccount(db, 'canbo.namda', [{ role: 'assessor', unitId: namDa }]);
  await createAccount(db, 'canbo.tanthanh', [{ role: 'assessor', unitId: tanThanh }]);
  await createAccount(db, 'thamdinh.noivu', [{ role: 'appraiser', unitId: f.departments.get('Sở Nội vụ')! }]);
  await createAccount(db, 'hoidong', [{ role: 'council', unitId: f.provinceId }]);
}, SLOW);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await run?.stop();
});

describe('a whole assessment round in the browser (issue 11 acceptance)', () => {
  it(
    'self-assessment with evidence, appraisal, explanation, round 2, council, survey, publication and the lock',
    async () => {
      const started = Date.now();
      const db = run.database.db;
      expect(f.departments.size).toBe(DEPARTMENTS.length);
      expect(f.communes.map((c) => c.name)).toEqual([...COMMUNES]);
      const unitUrl = `${run.url}/rounds/${f.roundId}/units/${namDa}`;

      // ——— 1. self-assessment (open today): Xã Nam Đà's assessor on the unit's page ———
      const assessor = await newPage();
      await signIn(assessor, unitUrl, 'canbo.namda');
      await assessor.getByTestId('assessment-page').waitFor();
      expect(await assessor.getByTestId('unit-name').textContent()).toBe('Xã Nam Đà');
      expect(await assessor.getByTestId('unit-state').textContent()).toBe('Chưa bắt đầu');

      // 1.1.1 "Ban hành kế hoạch CCHC năm": the first option, saved and scored
      const c111 = assessor.getByTestId('crit-1.1.1');
      await c111.getByTestId('crit-1.1.1-choice').locator('input[type="radio"]').first().check();
      await poll(() => c111.getByTestId('crit-1.1.1-status').textContent()).toBe('Đã lưu');
      expect(await c111.getByTestId('crit-1.1.1-score').textContent()).toBe('Điểm: 1');
      // its evidence: the plan as a PDF
      await c111
        .locator('input[type=file]')
        .setInputFiles(file('ke-hoach-cchc-2026.pdf', 'application/pdf', pdf('Kế hoạch CCHC năm 2026')));
      await poll(() => toasts(assessor)).toContain('Đã tải lên ke-hoach-cchc-2026.pdf');
      await poll(() => c111.getByTestId('crit-1.1.1-files').innerText()).toContain('ke-hoach-cchc-2026.pdf');
      // an executable renamed .pdf: refused by its content, in Vietnamese, and not listed
      const c112 = assessor.getByTestId('crit-1.1.2');
      await c112.locator('input[type=file]').setInputFiles(file('quyet-dinh.pdf', 'application/pdf', exe()));
      await poll(() => toasts(assessor)).toContain(
        'quyet-dinh.pdf: Loại tệp không được nhận làm minh chứng (nội dung là EXE): chỉ nhận PDF, DOCX, XLSX, JPG hoặc PNG',
      );
      expect(await c112.getByTestId('crit-1.1.2-files').count()).toBe(0);
      await shot(assessor, 'evidence-refused');
      const stored = await db.selectFrom('evidence_files').select('name').execute();
      expect(stored.map((s) => s.name)).toEqual(['ke-hoach-cchc-2026.pdf']);

      // the other criteria answered by a colleague of the unit (the same use-case the page calls)
      const colleague = systemActor('canbo2.namda');
      const view = await getAssessment(deps(), colleague, 'vi', f.roundId, namDa);
      for (const c of view.criteria.filter((x) => x.selfScored && x.answer === null)) {
        await saveAnswer(deps(), colleague, 'vi', f.roundId, namDa, c.id, {
          version: c.version,
          answer: bestAnswer(c.rule!, c.max === null ? ZERO : fromDecimalString(c.max)),
          scoringExplanation: 'Căn cứ báo cáo CCHC năm 2026 của UBND xã',
        });
      }
      await assessor.reload();
      await assessor.getByTestId('assessment-page').waitFor();
      expect(await assessor.getByTestId('missing-count').textContent()).toContain('0');
      await assessor.getByTestId('submit').click();
      await assessor.getByRole('dialog').getByRole('button', { name: 'Gửi bản tự đánh giá' }).click();
      await poll(() => assessor.getByTestId('unit-state').textContent()).toBe('Đã gửi');
      expect(await assessor.getByTestId('read-only').textContent()).toContain('bản tự đánh giá đã gửi');
      await shot(assessor, 'submitted');

      // six other communes submit; Xã Tân Thành never does
      for (const c of f.communes) {
        if (c.id !== namDa && c.id !== tanThanh) await selfAssess(db, f.roundId, c.id, now());
      }

      // ——— 2. the self-assessment's last day passes: appraisal 1 ———
      await enterPhase(db, f.roundId, 'appraisal1', now());
      // the commune that did not submit finds its page locked by the calendar
      const late = await newPage();
      await signIn(late, `${run.url}/rounds/${f.roundId}/units/${tanThanh}`, 'canbo.tanthanh');
      await late.getByTestId('read-only').waitFor();
      expect(await late.getByTestId('read-only').textContent()).toBe(
        'Chỉ xem: giai đoạn tự đánh giá không mở',
      );
      expect(await late.getByTestId('submit').count()).toBe(0);
      await shot(late, 'self-closed');
      // the office sees it late on the round's page, the calendar moved on
      const office = await newPage();
      await signIn(office, `${run.url}/rounds/${f.roundId}`, 'quantri');
      const calendar = office.getByTestId('round-calendar');
      await poll(() => calendar.locator('tr.ant-table-row').nth(1).innerText()).toContain('Đang mở');
      expect(await calendar.locator('tr.ant-table-row').first().innerText()).toContain('Đã kết thúc');
      expect(await office.getByTestId('phase-tag').textContent()).toBe('Thẩm định lần 1');
      const units = office.getByTestId('round-units');
      expect(await units.locator('tr.ant-table-row', { hasText: 'Xã Tân Thành' }).innerText()).toContain(
        'Chưa gửi tự đánh giá khi giai đoạn tự đánh giá đã hết hạn',
      );
      expect(await units.locator('tr.ant-table-row', { hasText: 'Xã Nam Đà' }).innerText()).toContain(
        'Đã gửi',
      );
      expect(await units.getByTestId('late').count()).toBe(1);
      await shot(office, 'round-appraisal1', true);

      // Sở Nội vụ's appraiser: area 1 of Xã Nam Đà
      const appraiser = await newPage();
      await signIn(appraiser, `${run.url}/rounds/${f.roundId}/appraisal`, 'thamdinh.noivu');
      const table = appraiser.getByTestId('appraisal-table');
      await table.waitFor();
      await appraiser
        .locator('.ant-select', { has: appraiser.getByRole('combobox', { name: 'Đơn vị' }) })
        .click();
      await appraiser.locator('.ant-select-item-option[title="Xã Nam Đà"]').click();
      await poll(() => table.locator('tr.ant-table-row').first().innerText()).toContain('1.1.1');
      const progress = appraiser.getByTestId('appraisal-progress');
      const total = Number(/\/(\d+)/.exec(await progress.innerText())![1]);
      // every area-1 leaf of the seven communes that submitted or not (Sở Nội vụ follows area 1 only)
      expect(total).toBeGreaterThan(0);
      // 1.1.1: the unit's PDF beside its score; scored by the rule as the unit answered
      await rowOf(table, '1.1.1').click();
      const drawer = appraiser.getByTestId('appraisal-drawer');
      await drawer.getByTestId('my-side').waitFor();
      expect(await drawer.getByTestId('unit-side').innerText()).toContain('ke-hoach-cchc-2026.pdf');
      expect(await drawer.getByTestId('self-score').innerText()).toContain('Điểm tự chấm');
      await drawer.getByTestId('rule-score').waitFor();
      await shot(appraiser, 'appraisal-drawer');
      await drawer.getByTestId('save-by-rule').click();
      await poll(() => progress.innerText()).toContain(`Đã thẩm định 1/${total}`);
      // 1.1.2: returned with a question
      await rowOf(table, '1.1.2').click();
      await drawer.getByTestId('return-question').fill('Đề nghị bổ sung dự toán kinh phí CCHC năm 2026');
      await drawer.getByTestId('return-button').click();
      await poll(() => rowOf(table, '1.1.2').innerText()).toContain('Đã trả lại');

      // ——— 3. explanation: the commune answers with new evidence ———
      await enterPhase(db, f.roundId, 'explanation', now());
      await assessor.goto(unitUrl);
      await assessor.getByTestId('assessment-page').waitFor();
      // told by the bell, and the question on the criterion
      await poll(() => assessor.getByTestId('notifications-bell').getAttribute('aria-label')).toBe(
        '1 thông báo chưa đọc',
      );
      expect(await assessor.getByTestId('unit-state').textContent()).toBe('Bị trả lại');
      const returned = assessor.getByTestId('crit-1.1.2');
      expect(await returned.innerText()).toContain('Đề nghị bổ sung dự toán kinh phí CCHC năm 2026');
      await returned
        .locator('input[type=file]')
        .setInputFiles(
          file(
            'du-toan-kinh-phi-cchc.docx',
            'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            await docx('Dự toán kinh phí thực hiện nhiệm vụ CCHC năm 2026'),
          ),
        );
      await poll(() => returned.getByTestId('crit-1.1.2-files').innerText()).toContain(
        'du-toan-kinh-phi-cchc.docx',
      );
      await returned.getByTestId('crit-1.1.2-explanation').fill('Đã bổ sung dự toán kinh phí được phê duyệt');
      await returned.getByRole('button', { name: 'Gửi giải trình' }).click();
      await poll(() => toasts(assessor)).toContain('Đã gửi giải trình');
      await shot(assessor, 'explained');

      // ——— 4. appraisal 2: what changed since round 1 comes first ———
      await enterPhase(db, f.roundId, 'appraisal2', now());
      await appraiser.reload();
      await table.waitFor();
      await appraiser.getByTestId('stage-switch').getByText('Thẩm định lần 2').click();
      await appraiser.getByRole('checkbox', { name: 'Chỉ tiêu chí thay đổi sau lần 1' }).check();
      await poll(() => table.locator('tr.ant-table-row').count()).toBe(1);
      const changed = table.locator('tr.ant-table-row').first();
      expect(await changed.innerText()).toContain('Xã Nam Đà');
      expect(await changed.innerText()).toContain('1.1.2');
      expect(await changed.innerText()).toContain('Thay đổi sau lần 1');
      await changed.click();
      await drawer.getByTestId('my-side').waitFor();
      expect(await drawer.getByTestId('unit-side').innerText()).toContain('du-toan-kinh-phi-cchc.docx');
      expect(await drawer.getByTestId('returned-box').innerText()).toContain(
        'Đã bổ sung dự toán kinh phí được phê duyệt',
      );
      await drawer.getByTestId('rule-score').waitFor();
      await shot(appraiser, 'round2-drawer');
      await drawer.getByTestId('save-by-rule').click();
      await poll(() => table.locator('tr.ant-table-row').first().innerText()).toMatch(/\d/);
      await poll(() => table.getByTestId('row-score').count()).toBe(1);

      // ——— 5. the council's phase: survey scores imported, the council fixes Xã Nam Đà ———
      await enterPhase(db, f.roundId, 'council', now());
      await office.goto(`${run.url}/rounds/${f.roundId}/survey`);
      await office.getByRole('heading', { name: 'Nhập điểm điều tra xã hội học' }).waitFor();
      await office
        .locator('input[type=file]')
        .setInputFiles(
          file(
            'dieu-tra-xa-hoi-hoc.csv',
            'text/csv',
            new TextEncoder().encode(
              [
                'Đơn vị,Mã tiêu chí,Điểm',
                'Xã Nam Đà,8.1.1,"3,5"',
                'Nam Đà,8.1.2,4',
                'Xã Đắk Mâm,8.1.1,3',
              ].join('\n'),
            ),
          ),
        );
      const confirm = office.getByTestId('survey-confirm');
      await poll(() => confirm.isDisabled()).toBe(false);
      await confirm.click();
      await office.getByTestId('survey-done').waitFor();
      expect(await office.getByTestId('survey-done').innerText()).toBe('Đã ghi 3 điểm khảo sát');

      const council = await newPage();
      await signIn(council, `${run.url}/rounds/${f.roundId}/council`, 'hoidong');
      const councilTable = council.getByTestId('council-table');
      await councilTable.waitFor();
      await council.getByTestId(`fix-all-${namDa}`).click();
      // every leaf at its proposal but the two the council scores itself: named, to be typed
      await poll(() => toasts(council)).toContain('Chưa có đề xuất, cần nhập điểm: 4.1.2, 6.3.2');
      const fixedRow = councilTable.locator('tr.ant-table-row', { hasText: 'Xã Nam Đà' });
      await fixedRow.locator('.ant-table-row-expand-icon').click();
      const criteria = council.getByTestId(`council-unit-${namDa}`);
      for (const [code, value] of [
        ['4.1.2', '1,75'],
        ['6.3.2', '1,5'],
      ] as const) {
        await criteria.getByTestId(`edit-final-${code}`).click();
        await council.getByTestId('final-score').fill(value);
        await council.getByTestId('final-ok').click();
        await poll(() => toasts(council)).toContain(`Đã lưu điểm chính thức tiêu chí ${code}`);
      }
      await poll(() => council.getByTestId(`fix-all-${namDa}`).count()).toBe(0);
      await poll(() => fixedRow.innerText()).toContain('Đã có kết quả chính thức');
      const [fixed, toFix] = /\b(\d+)\/(\d+)\b/
        .exec(await fixedRow.innerText())!
        .slice(1)
        .map(Number);
      expect(fixed).toBe(toFix);
      expect(await criteria.innerText()).toContain('hoidong');
      await shot(council, 'council', true);

      // ——— 6. publication opens by its date: the scheduler records it, everything is read-only ———
      await enterPhase(db, f.roundId, 'publication', now());
      const report = await runScheduledWork(deps(), { reminderDays: 3 });
      expect(report.done.filter((k) => k.startsWith(`phase-opened:${f.roundId}:publication:`))).toHaveLength(
        1,
      );
      const published = await db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'round.published')
        .execute();
      expect(published).toHaveLength(1);

      await office.goto(`${run.url}/rounds/${f.roundId}/overview`);
      const overview = office.getByTestId('overview-table');
      await overview.waitFor();
      expect(await office.getByText('Đã công bố').count()).toBeGreaterThan(0);
      const results = await roundResults(deps(), systemActor('test'), f.roundId);
      const mine = results.units.find((u) => u.unitId === namDa)!;
      expect(mine.index).not.toBeNull();
      const namDaRow = overview.locator('tr.ant-table-row', { hasText: 'Xã Nam Đà' });
      expect(await namDaRow.innerText()).toContain(formatScore(fromDecimalString(mine.index!), 'vi'));
      await shot(office, 'overview-published', true);

      await office.goto(`${run.url}/rounds/${f.roundId}`);
      await office.getByTestId('round-calendar').waitFor();
      expect(await office.getByTestId('phase-tag').textContent()).toBe('Công bố kết quả');
      expect(await office.getByTestId('round-edit').count()).toBe(0);
      expect(await office.getByRole('button', { name: 'Chấp thuận' }).count()).toBe(0);

      await assessor.goto(unitUrl);
      await assessor.getByTestId('assessment-page').waitFor();
      expect(await assessor.getByTestId('read-only').textContent()).toBe('Chỉ xem: kết quả đã công bố');
      expect(await assessor.getByTestId('unit-state').textContent()).toBe('Đã có kết quả chính thức');
      // no evidence can be added any more (the page took files in the self-assessment and explanation)
      expect(await assessor.locator('input[type=file]').count()).toBe(0);
      await assessor.getByTestId('notifications-bell').click();
      await poll(() => assessor.getByTestId('notifications-panel').innerText()).toContain(
        'đã công bố kết quả',
      );
      await shot(assessor, 'published');

      await appraiser.reload();
      await table.waitFor();
      expect(await appraiser.getByText('Đợt đánh giá đã công bố kết quả: chỉ xem.').count()).toBe(1);

      expect(pageErrors).toEqual([]);
      console.info(`the whole round took ${((Date.now() - started) / 1000).toFixed(1)} s in the browser`);
    },
    SLOW,
  );
});
