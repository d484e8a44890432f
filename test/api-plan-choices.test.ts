/**
 * The plans list's unit filter (issue 13 point 2), on both engines: GET /api/plans/choices/units
 * searches the units with a plan the reader may see (folded like the list's search), a page at a
 * time in Vietnamese order, labels two units of one name by their parents, labels one unit by its id
 * (a filter read from the address), keeps to the reader's reach and refuses bounds past its limits;
 * it searches the unit's name, not the year after it in the plans' search key;
 * the list's items say whether their subject's name is shared, from SQL, not from the whole list.
 */
import { resolve } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareVi } from '../src/core/collate.js';
import { unitKey } from '../src/core/units.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { insertUnit } from '../src/db/units-repo.js';
import { buildApp } from '../src/http/app.js';
import { backfillFigures, planView } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import { MAX_ID, PlanListItem, SubjectChoices } from '../src/shared/api.js';
import { SUBJECT_CHOICES_DEFAULT, SUBJECT_CHOICES_MAX } from '../src/shared/limits.js';
import { addUser, planIdOf, TEST_PASSWORD, unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';
import { signIn, withSession, type SignedIn } from './helpers/http.js';

/** Communes of the second province, each with a plan: more than a page. */
const COMMUNES = Array.from({ length: 60 }, (_, i) => `Xã Bình ${i}`);

describe.each(ENGINES)('the plans list unit filter on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let db: Kysely<DB>;
  let app: FastifyInstance;
  const now = new Date('2026-11-30T03:00:00Z');
  const clock = () => now;
  const readers: Record<'admin' | 'province' | 'lead', SignedIn> = {} as never;
  /** the sample district and its namesake in the second province */
  let krongNo: number;
  let krongNo2: number;
  let cuMgar: number;
  let noPlan: number;
  let archivedOnly: number;
  let dakLak: number;
  /** the plans' year, and a unit whose name holds it */
  let year: number;
  let yearNamed: number;

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    db = database.db;
    await loadSamplesIfEmpty({ db, clock }, resolve(ROOT, 'samples'));
    krongNo = await unitId(db, 'Huyện Krông Nô');
    const sourceId = await planIdOf(db, 'Huyện Krông Nô');
    const { id: _id, ...source } = await db
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    const unit = (name: string, parent: number | null) =>
      insertUnit(db, {
        name,
        name_key: unitKey(name, { levelWords: [] }),
        kind: 'district',
        parent_id: parent,
        created_at: now.toISOString(),
      });
    // stored as before migration 0013: the start-up back-fill writes each plan's figures and key
    const plan = (subject: number, archived = 0) =>
      db
        .insertInto('plans')
        .values({ ...source, subject_unit_id: subject, archived, figures_version: null })
        .execute();
    year = source.year;
    dakLak = await unit('Tỉnh Đắk Lắk', null);
    krongNo2 = await unit('Huyện Krông Nô', dakLak);
    cuMgar = await unit("Huyện Cư M'gar", dakLak);
    noPlan = await unit('Huyện Lắk', dakLak);
    archivedOnly = await unit('Huyện Ea Súp', dakLak);
    await plan(krongNo2);
    await plan(cuMgar);
    await plan(archivedOnly, 1);
    yearNamed = await unit(`Khu ${year}`, dakLak);
    await plan(yearNamed);
    for (const name of COMMUNES) await plan(await unit(name, dakLak));
    await backfillFigures(db);

    const leading = (await planView(db, sourceId)).rows.flatMap((r) => r.task?.leadUnits ?? []);
    await addUser({ db, clock }, 'quantri', [{ role: 'admin', unitId: null }]);
    await addUser({ db, clock }, 'tinh', [{ role: 'viewer', unitId: dakLak }]);
    await addUser({ db, clock }, 'chutri', [{ role: 'lead_unit', unitId: leading[0]!.id }]);
    app = await buildApp({ db, clock });
    readers.admin = await signIn(app, 'quantri', TEST_PASSWORD);
    readers.province = await signIn(app, 'tinh', TEST_PASSWORD);
    readers.lead = await signIn(app, 'chutri', TEST_PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    await test?.drop();
  });

  const call = (options: InjectOptions, as: SignedIn = readers.admin) => app.inject(withSession(options, as));
  const choices = async (query: string, as?: SignedIn) => {
    const answer = await call({ method: 'GET', url: `/api/plans/choices/units?${query}` }, as);
    expect(answer.statusCode, answer.body).toBe(200);
    return SubjectChoices.parse(answer.json());
  };
  const labels = async (query: string, as?: SignedIn) => (await choices(query, as)).items.map((u) => u.label);

  it('searches the names without diacritics, in any case, and tells two units of one name apart by their parents', async () => {
    const both = ['Huyện Krông Nô — Tỉnh Đắk Nông', 'Huyện Krông Nô — Tỉnh Đắk Lắk'];
    for (const q of ['krong no', 'KRÔNG  NÔ', ' Krông Nô '])
      expect(await labels(`q=${encodeURIComponent(q)}`), q).toEqual(both);
    // one unit of its name: its name alone, with its parent beside
    expect((await choices(`q=${encodeURIComponent('cu m')}`)).items).toEqual([
      { id: cuMgar, name: "Huyện Cư M'gar", parent: 'Tỉnh Đắk Lắk', label: "Huyện Cư M'gar" },
    ]);
    expect(await choices('q=zzz')).toEqual({ items: [], more: false });
    // a unit without a plan is no choice; one whose plans are archived only when asked for
    expect(await labels('q=lak')).toEqual([]);
    expect(await labels('q=ea%20sup')).toEqual([]);
    expect(await labels('q=ea%20sup&archived=1')).toEqual(['Huyện Ea Súp']);
  });

  it("searches the unit's name only, not the year of its plans", async () => {
    // every plan is of that year: only the unit whose name holds it
    expect(await choices(`q=${year}`)).toMatchObject({ items: [{ id: yearNamed }], more: false });
    // across the name's end into the year: no name holds it
    expect(await labels(`q=${encodeURIComponent(`no ${String(year).slice(0, 2)}`)}`)).toEqual([]);
    expect(await labels(`q=${encodeURIComponent(`khu ${year}`)}`)).toEqual([`Khu ${year}`]);
    // typed without diacritics, a name with them
    expect(await labels(`q=${encodeURIComponent("cu m'gar")}`)).toEqual(["Huyện Cư M'gar"]);
    // a pattern's wildcards are text to find
    for (const q of ['cu m.gar', 'cu m_gar', 'cu m%gar', 'cu m.*', '.'])
      expect(await labels(`q=${encodeURIComponent(q)}`), q).toEqual([]);
  });

  it('answers a page at a time in Vietnamese order (numbers by value), at most the limit', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 25) {
      const page = await choices(`q=xa%20binh&limit=25&offset=${offset}`);
      expect(page.items.length).toBeLessThanOrEqual(25);
      seen.push(...page.items.map((u) => u.name));
      expect(page.more).toBe(offset + 25 < COMMUNES.length);
      if (!page.more) break;
    }
    expect(seen).toEqual([...COMMUNES].sort(compareVi));
    expect(seen.slice(0, 3)).toEqual(['Xã Bình 0', 'Xã Bình 1', 'Xã Bình 2']);
    // no search: every unit with a plan, the default page then the largest
    const first = await choices('');
    expect(first.items).toHaveLength(SUBJECT_CHOICES_DEFAULT);
    expect(first.more).toBe(true);
    const names = (await choices(`limit=${SUBJECT_CHOICES_MAX}`)).items.map((u) => u.name);
    expect(names).toHaveLength(SUBJECT_CHOICES_MAX);
    expect(names).toEqual([...names].sort(compareVi));
    expect(names.slice(0, SUBJECT_CHOICES_DEFAULT)).toEqual(first.items.map((u) => u.name));
    const rest = await choices(`limit=${SUBJECT_CHOICES_MAX}&offset=${SUBJECT_CHOICES_MAX}`);
    // 60 communes, 2 sample subjects, the namesake, Cư M'gar and the unit named by a year
    expect(rest).toMatchObject({ more: false });
    expect(rest.items).toHaveLength(COMMUNES.length + 5 - SUBJECT_CHOICES_MAX);
  });

  it("labels one unit by its id (a filter from the address), only among the reader's choices", async () => {
    expect((await choices(`id=${krongNo2}`)).items).toEqual([
      {
        id: krongNo2,
        name: 'Huyện Krông Nô',
        parent: 'Tỉnh Đắk Lắk',
        label: 'Huyện Krông Nô — Tỉnh Đắk Lắk',
      },
    ]);
    expect(await choices(`id=${noPlan}`)).toEqual({ items: [], more: false });
    expect(await labels(`id=${archivedOnly}`)).toEqual([]);
    expect(await labels(`id=${archivedOnly}&archived=1`)).toEqual(['Huyện Ea Súp']);
    expect(await choices(`id=${MAX_ID}`)).toEqual({ items: [], more: false });
  });

  it("keeps to the reader's reach: a province's subtree, a lead unit's parent", async () => {
    const province = readers.province;
    const all = [];
    for (let offset = 0; ; offset += SUBJECT_CHOICES_MAX) {
      const page = await choices(`limit=${SUBJECT_CHOICES_MAX}&offset=${offset}`, province);
      all.push(...page.items);
      if (!page.more) break;
    }
    expect(all.map((u) => u.parent)).toEqual(all.map(() => 'Tỉnh Đắk Lắk'));
    expect(all).toHaveLength(COMMUNES.length + 3);
    // the namesake out of reach still makes the name shared: the label names the parent
    expect(await labels('q=krong', province)).toEqual(['Huyện Krông Nô — Tỉnh Đắk Lắk']);
    expect(await labels(`id=${krongNo}`, province)).toEqual([]);
    // a lead unit sees the plan of its unit's parent only
    expect((await choices('', readers.lead)).items.map((u) => u.id)).toEqual([krongNo]);
    expect(await labels(`id=${krongNo2}`, readers.lead)).toEqual([]);
  });

  it('refuses a limit, an offset or an id past its bounds', async () => {
    for (const query of [
      'limit=0',
      `limit=${SUBJECT_CHOICES_MAX + 1}`,
      'offset=-1',
      `offset=${MAX_ID - SUBJECT_CHOICES_MAX + 1}`,
      'id=0',
      `id=${MAX_ID + 1}`,
      'id=x',
      `q=${'a'.repeat(201)}`,
      'archived=maybe',
    ]) {
      const answer = await call({ method: 'GET', url: `/api/plans/choices/units?${query}` });
      expect(answer.statusCode, query).toBe(400);
      expect(answer.json<{ error: { code: string } }>().error.code, query).toBe('VALIDATION_FAILED');
    }
    // the largest offset answers (an empty page), on PostgreSQL too
    expect(await choices(`offset=${MAX_ID - SUBJECT_CHOICES_MAX}&limit=${SUBJECT_CHOICES_MAX}`)).toEqual({
      items: [],
      more: false,
    });
  });

  it("says in the list's items which subjects' names another unit with a plan shares", async () => {
    const answer = await call({ method: 'GET', url: '/api/plans?limit=1000' });
    expect(answer.statusCode, answer.body).toBe(200);
    const items = PlanListItem.array().parse(answer.json());
    const shared = (id: number) => items.find((p) => p.subjectId === id)!.subjectShared;
    expect([shared(krongNo), shared(krongNo2), shared(cuMgar)]).toEqual([true, true, false]);
    expect(items.filter((p) => p.subjectShared).map((p) => p.subject)).toEqual([
      'Huyện Krông Nô',
      'Huyện Krông Nô',
    ]);
  });
});
