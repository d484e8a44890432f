/**
 * Issue 8.3: a plan's own export is the same content. Any stored plan — imported, then edited the
 * way officers edit (task texts typed with double spaces, line breaks of any style, "-" items,
 * scores set, cleared and set again) — exported to XLSX or DOCX and imported again is reported
 * unchanged, and the numbers the page shows are the numbers each export prints. On both engines.
 */
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, PlanRow } from '../src/core/plan.js';
import { shownTotal, statedSum } from '../src/core/consistency.js';
import { SCORE_FIELDS } from '../src/core/plan.js';
import { decimalOrNull, storedScore, toDecimalString, trimScale, type Score } from '../src/core/score.js';
import { readPlans } from '../src/formats/read.js';
import type { Database } from '../src/db/database.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { systemActor } from '../src/modules/access.js';
import { importPlans } from '../src/modules/imports.js';
import { updateItemScores, updateTask } from '../src/modules/plan-edits.js';
import { exportPlan } from '../src/modules/plans.js';
import { planView } from '../src/modules/plan-view.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';

const WORDS = [
  'Rà soát',
  'văn bản',
  'thủ tục',
  'hành chính',
  'công khai',
  'Sở Nội vụ',
  'kịp thời',
  '100%',
  'Quý IV',
];
const SPACES = [' ', ' ', '  ', '   ', '\t', ' \u00a0'];
const BREAKS = ['\n', '\r\n', '\r', '\n\n', ' \n ', '\n-', '\n- '];
const UNITS = ['Phòng Nội vụ', 'Phòng Tư pháp', 'Văn phòng HĐND&UBND huyện', 'UBND các xã, thị trấn'];

/** A task text as an officer may type it: odd spaces, any line breaks, list dashes with or without a space. */
const typedText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SPACES, ...BREAKS)), {
    minLength: 1,
    maxLength: 7,
  })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));
/** 0..1 in hundredths or ten-thousandths, or empty. */
const cell = fc.option(
  fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 2, 4)).map(([k, scale]): Score => {
    const step = 10 ** (4 - scale);
    return { units: Math.floor(k / step) * step, scale };
  }),
  { freq: 4 },
);

interface Shape {
  areas: { criteria: { leaves: { baseline: Score | null; target: Score | null; lead: number }[] }[] }[];
}

const shapeArb: fc.Arbitrary<Shape> = fc.record({
  areas: fc.array(
    fc.record({
      criteria: fc.array(
        fc.record({
          leaves: fc.array(
            fc.record({ baseline: cell, target: cell, lead: fc.integer({ min: 0, max: 3 }) }),
            {
              maxLength: 3,
            },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

const ONE: Score = { units: 10_000, scale: 0 };

/** A consistent plan of Huyện Krông Nô for 2031: every leaf's max is 1, parents the sums. */
function documentOf(shape: Shape): PlanDocument {
  const rows: PlanRow[] = [];
  const add = (code: string, name: string, values: Pick<PlanRow, 'max' | 'baseline' | 'target'>, lead = '') =>
    rows.push({
      code,
      rawCode: code,
      name,
      ...values,
      task: lead === '' ? '' : `Thực hiện ${name}`,
      leadUnits: lead,
      supportUnits: '',
      deadline: '',
      location: null,
    });
  const sumOf = (items: readonly Pick<PlanRow, 'max' | 'baseline' | 'target'>[]) => ({
    max: statedSum(items.map((i) => i.max)),
    baseline: statedSum(items.map((i) => i.baseline)),
    target: statedSum(items.map((i) => i.target)),
  });
  const areas = shape.areas.map((area, a) => {
    const at = rows.length;
    const criteria = area.criteria.map((criterion, c) => {
      const code = `${a + 1}.${c + 1}`;
      const leaves = criterion.leaves.map((l) => ({ max: ONE, baseline: l.baseline, target: l.target }));
      const own = leaves.length === 0 ? { max: ONE, baseline: null, target: null } : sumOf(leaves);
      add(code, `Tiêu chí ${code}`, own, UNITS[c % UNITS.length]);
      criterion.leaves.forEach((l, i) =>
        add(`${code}.${i + 1}`, `Tiêu chí thành phần ${code}.${i + 1}`, leaves[i]!, UNITS[l.lead]),
      );
      return own;
    });
    const values = sumOf(criteria);
    rows.splice(at, 0, {
      ...rows[at]!,
      code: `${a + 1}`,
      rawCode: `${a + 1}`,
      name: `Lĩnh vực ${a + 1}`,
      ...values,
      task: '',
      leadUnits: '',
    });
    return values;
  });
  return {
    label: 'PHỤ LỤC',
    title: 'NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN CHỈ SỐ CCHC HUYỆN KRÔNG NÔ NĂM 2031',
    subtitle: null,
    subject: 'Huyện Krông Nô',
    year: 2031,
    baselineYear: 2030,
    rows,
    statedTotals: sumOf(areas),
    totalLocation: null,
    columns: {},
  };
}

const scenarioArb = shapeArb.chain((shape) => {
  const doc = documentOf(shape);
  const codes = doc.rows.map((r) => r.code);
  const leaves = codes.filter((c) => !codes.some((o) => o.startsWith(`${c}.`)));
  return fc.record({
    doc: fc.constant(doc),
    tasks: fc.array(fc.tuple(fc.constantFrom(...leaves), typedText), { maxLength: 4 }),
    scores: fc.array(fc.tuple(fc.constantFrom(...leaves), fc.constantFrom('baseline', 'target'), cell), {
      maxLength: 4,
    }),
  });
});

describe.each(ENGINES)('a stored plan exported and imported again is unchanged, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  const actor = systemActor();
  const clock = () => new Date();

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('through XLSX and DOCX, after any edits', async () => {
    const deps = () => ({ db: database.db, clock });
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ doc, tasks, scores }) => {
        const first = await importPlans(deps(), {
          actor,
          bytes: await writeXlsx([doc]),
          sourceName: 'generated.xlsx',
          replace: true,
        });
        if (!first.ok) throw new Error(JSON.stringify(first.error));
        const planId = first.plans[0]!.planId;
        const itemOf = async (code: string) =>
          (await planView(database.db, planId)).rows.find((r) => r.code === code)!;
        for (const [code, text] of tasks) {
          const item = await itemOf(code);
          await updateTask(deps(), actor, planId, item.itemId, { version: item.task?.version ?? 0, text });
        }
        for (const [code, field, value] of scores) {
          const item = await itemOf(code);
          await updateItemScores(deps(), actor, planId, item.itemId, {
            version: item.version,
            [field]: value === null ? null : toDecimalString(value),
          });
        }
        // the numbers the page shows (stated values, the shown total) are the ones each export prints
        const view = await planView(database.db, planId);
        const scored = view.rows.map((r) => ({
          code: r.code,
          max: storedScore(r.max),
          baseline: storedScore(r.baseline),
          target: storedScore(r.target),
        }));
        const stated = view.statedTotals && {
          max: storedScore(view.statedTotals.max),
          baseline: storedScore(view.statedTotals.baseline),
          target: storedScore(view.statedTotals.target),
        };
        const numbers = (
          rows: readonly Pick<PlanRow, 'code' | 'max' | 'baseline' | 'target'>[],
          totals: typeof stated,
        ) => [
          ...rows.map((r) => [r.code, ...SCORE_FIELDS.map((f) => decimalOrNull(r[f] && trimScale(r[f])))]),
          SCORE_FIELDS.map((f) => decimalOrNull(shownTotal(rows, totals, f))),
        ];
        for (const format of ['xlsx', 'docx'] as const) {
          const bytes = (await exportPlan(database.db, planId, format, actor))?.bytes;
          const read = await readPlans(bytes!);
          if (!read.ok) throw new Error(read.failure.code);
          const printed = read.plans[0]!.plan;
          expect(numbers(printed.rows, printed.statedTotals), format).toEqual(numbers(scored, stated));
          const again = await importPlans(deps(), { actor, bytes: bytes!, sourceName: `again.${format}` });
          if (!again.ok) throw new Error(`${format}: ${JSON.stringify(again.error)}`);
          expect(
            again.plans.map((p) => p.outcome),
            format,
          ).toEqual(['unchanged']);
        }
      }),
      { numRuns: 6 },
    );
  });

  it('generates what the issue saw: a task typed with two spaces', () => {
    const samples = fc.sample(scenarioArb, { numRuns: 40, seed: 3 });
    expect(samples.some((s) => s.tasks.some(([, t]) => t.includes('  ')))).toBe(true);
    expect(samples.some((s) => s.tasks.some(([, t]) => t.includes('\r\n')))).toBe(true);
    expect(samples.some((s) => s.scores.some(([, , v]) => v === null))).toBe(true);
  });
});
