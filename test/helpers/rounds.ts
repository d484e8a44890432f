/**
 * A round to test the assessment against, written straight into the tables (the round's own
 * use-cases are tested on their own): the sample commune framework (samples/frameworks/) imported,
 * a province with the five departments that follow its areas and some communes, the criteria's
 * "followed by" linked to those departments, the framework in use, and a round of the communes on a
 * calendar around a given day (each phase a few days, in order).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Kysely } from 'kysely';
import { systemActor } from '../../src/core/access.js';
import { PHASES, type PhaseDates, type RoundCalendar } from '../../src/core/assessment.js';
import type { DB } from '../../src/db/schema.js';
import { insertUnit } from '../../src/db/units-repo.js';
import { unitKey } from '../../src/core/units.js';
import { vietnamDate } from '../../src/core/dates.js';
import { importFrameworkFile, setFrameworkInUse } from '../../src/modules/frameworks.js';
import { ROOT } from './fixtures.js';

export const SAMPLE_FRAMEWORK = resolve(ROOT, 'samples/frameworks/bo-tieu-chi-cap-xa-2026.txt');
export const ROUND_PROVINCE = 'Tỉnh Lâm Đồng';
/** the five departments the sample framework names as following its areas */
export const DEPARTMENTS = [
  'Sở Nội vụ',
  'Sở Khoa học và Công nghệ',
  'Sở Tài chính',
  'Sở Tư pháp',
  'Văn phòng UBND tỉnh',
] as const;
export const COMMUNES = [
  'Xã Nam Đà',
  'Xã Đắk Mâm',
  'Xã Quảng Phú',
  'Xã Đức Xuyên',
  'Xã Nâm Nung',
  'Xã Buôn Choah',
  'Xã Đắk Drô',
  'Xã Tân Thành',
] as const;

/** yyyy-mm-dd plus some days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Six phases of `length` days each, one after another, the first opening on `firstDay`. */
export function calendarFrom(firstDay: string, length = 5): RoundCalendar {
  return PHASES.map((phase, i): PhaseDates => ({
    phase,
    opensOn: addDays(firstDay, i * length),
    closesOn: addDays(firstDay, i * length + length - 1),
  }));
}

export interface RoundFixture {
  roundId: number;
  frameworkId: number;
  provinceId: number;
  /** department name → unit id */
  departments: Map<string, number>;
  /** the communes assessed, in COMMUNES order */
  communes: { id: number; name: string }[];
  calendar: RoundCalendar;
}

/** The unit of that name under that parent, made when missing (the samples already hold Tỉnh Lâm Đồng). */
async function addUnit(db: Kysely<DB>, name: string, kind: string, parentId: number | null, at: string) {
  const nameKey = unitKey(name, { levelWords: [] });
  let q = db.selectFrom('units').select('id').where('name_key', '=', nameKey);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  const found = await q.executeTakeFirst();
  if (found) return found.id;
  return insertUnit(db, { name, name_key: nameKey, kind, parent_id: parentId, created_at: at });
}

export async function seedRound(
  deps: { db: Kysely<DB>; clock: () => Date },
  options: { calendar?: RoundCalendar; communes?: number; name?: string } = {},
): Promise<RoundFixture> {
  const { db } = deps;
  const at = deps.clock().toISOString();
  const imported = await importFrameworkFile(deps, systemActor('test'), {
    fileName: 'bo-tieu-chi-cap-xa-2026.txt',
    bytes: new Uint8Array(readFileSync(SAMPLE_FRAMEWORK)),
  });
  const frameworkId = imported.frameworks[0]!.id;
  // the sample units (samples/units.json, loaded by the API harness) already hold the province
  const existing = await db
    .selectFrom('units')
    .select('id')
    .where('name', '=', ROUND_PROVINCE)
    .where('parent_id', 'is', null)
    .executeTakeFirst();
  const provinceId = existing?.id ?? (await addUnit(db, ROUND_PROVINCE, 'province', null, at));
  const departments = new Map<string, number>();
  for (const name of DEPARTMENTS)
    departments.set(name, await addUnit(db, name, 'department', provinceId, at));
  for (const [name, id] of departments) {
    await db
      .updateTable('criteria')
      .set({ followed_by: id })
      .where('framework_id', '=', frameworkId)
      .where('followed_by_text', '=', name)
      .execute();
  }
  await setFrameworkInUse(db, frameworkId, systemActor('test'), at);
  const communes: { id: number; name: string }[] = [];
  for (const name of COMMUNES.slice(0, options.communes ?? COMMUNES.length)) {
    communes.push({ id: await addUnit(db, name, 'commune', provinceId, at), name });
  }
  // the calendar starts on the round's day, which is Vietnam's (core/dates.ts#vietnamDate), not UTC's
  const calendar = options.calendar ?? calendarFrom(vietnamDate(deps.clock()));
  const round = await db
    .insertInto('assessment_rounds')
    .values({
      name: options.name ?? 'Đánh giá Chỉ số CCHC cấp xã năm 2026',
      year: 2026,
      framework_id: frameworkId,
      created_at: at,
      created_by: 'test',
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('round_phases')
    .values(
      calendar.map((p) => ({
        round_id: round.id,
        phase: p.phase,
        opens_on: p.opensOn,
        closes_on: p.closesOn,
      })),
    )
    .execute();
  await db
    .insertInto('round_units')
    .values(
      communes.map((c) => ({ round_id: round.id, unit_id: c.id, submitted_at: null, submitted_by: null })),
    )
    .execute();
  return { roundId: round.id, frameworkId, provinceId, departments, communes, calendar };
}

/**
 * A change written straight into a round's tables (its calendar) moves the round's version as the
 * use-cases' changes do, so what the app keeps per round version (round-context.ts) follows it.
 */
export async function roundChanged(db: Kysely<DB>, roundId: number): Promise<void> {
  await db
    .updateTable('assessment_rounds')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', roundId)
    .execute();
}

/**
 * The same for criteria changed straight in the tables while rounds use their framework (the app
 * refuses it: a framework in use is frozen): every round of that framework moves its version.
 */
export async function frameworkChanged(db: Kysely<DB>, frameworkId: number): Promise<void> {
  await db
    .updateTable('assessment_rounds')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('framework_id', '=', frameworkId)
    .execute();
}
