/**
 * Issue 13 point 2 on both engines: a page of the plans list runs each of its statements in a turn
 * of the event loop of its own (modules/plan-view.ts#planListPage), so that readers asking at once
 * no longer have their whole lists run in one turn (on SQLite a statement holds the thread and
 * Kysely's awaits are microtasks: eight lists at 12,045 plans held it 40–70 ms, BENCHMARKS.md,
 * "stall"). The turn a statement's result comes back in is counted by an immediate that arms itself
 * again; each call is told apart by an AsyncLocalStorage. The pages are the same as one call alone.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/core/access.js';
import type { Database } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { planListPage } from '../src/modules/plan-view.js';
import { loadSamplesIfEmpty } from '../src/modules/samples.js';
import type { PlanListQuery } from '../src/shared/api.js';
import { unitId } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

describe.each(ENGINES)('the plans list hands the thread back between its statements, on %s', (kind) => {
  let test: TestDatabase;
  let database: Database;
  let province: number;
  const clock = () => new Date('2026-11-30T03:00:00Z');

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    database = await test.open();
    await loadSamplesIfEmpty({ db: database.db, clock }, resolve(ROOT, 'samples'));
    province = await unitId(database.db, 'Tỉnh Đắk Nông');
  });

  afterAll(async () => {
    await database?.close();
    await test?.drop();
  });

  it('runs the page, the count and the paths of one list in turns of their own, eight lists asked at once', async () => {
    const subtree: Actor = {
      userId: 1,
      username: 'doc',
      ip: 'test',
      grants: [
        { id: 1, role: 'viewer', permissions: new Set(['plan.read']), unitId: province, scope: 'subtree' },
      ],
    };
    const asks: { actor: Actor; query: PlanListQuery }[] = [
      { actor: systemActor(), query: { limit: 2 } },
      { actor: systemActor(), query: { q: 'dak', limit: 2 } },
      { actor: systemActor(), query: { year: 2023, limit: 2 } },
      { actor: systemActor(), query: { unit: province, limit: 2 } },
      { actor: systemActor(), query: { limit: 2, offset: 1 } },
      { actor: subtree, query: { limit: 2 } },
      { actor: subtree, query: { q: 'dak' } },
      { actor: systemActor(), query: {} },
    ];
    const alone = [];
    for (const { actor, query } of asks) alone.push(await planListPage(database.db, actor, clock, query));

    let turn = 0;
    let counting = true;
    const tick = () => {
      turn++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const call = new AsyncLocalStorage<number>();
    const turnsOf = asks.map(() => [] as number[]);
    const db = database.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        const i = call.getStore();
        if (i !== undefined) turnsOf[i]!.push(turn);
        return Promise.resolve(args.result);
      },
    });
    const together = await Promise.all(
      asks.map(({ actor, query }, i) => call.run(i, () => planListPage(db, actor, clock, query))),
    );
    counting = false;

    expect(together).toEqual(alone);
    expect(alone.every((page) => page.items.length > 0)).toBe(true);
    for (const [i, turns] of turnsOf.entries()) {
      // the page (its rows, then their subjects' names and counts: db/plans-repo.ts#listPlanFigures,
      // one turn on SQLite), its count and its subjects' paths; the reader's own units first
      expect(turns.length, `list ${i}`).toBe(asks[i]!.actor.grants[0]!.unitId === null ? 4 : 5);
      expect(new Set(turns).size, `list ${i}: ${turns.join(', ')}`).toBeGreaterThanOrEqual(turns.length - 1);
    }
  });
});
