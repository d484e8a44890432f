/**
 * A new installation starts with the sample commune framework beside the sample plans
 * (http/server.ts calls loadSampleFrameworks when it loaded the plans): one draft framework for
 * communes in 2026 with every rule read from its document.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { systemActor } from '../src/modules/access.js';
import { getFramework, listFrameworks } from '../src/modules/frameworks.js';
import { loadSampleFrameworks, loadSamplesIfEmpty } from '../src/modules/samples.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

describe.each(ENGINES)('sample framework of a new installation on %s', (kind) => {
  let testDb: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    database = await testDb.open();
  });

  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });

  it('loads the commune framework as a draft with a rule on every leaf', async () => {
    const deps = { db: database.db, clock: () => new Date('2026-01-05T02:00:00.000Z') };
    const plans = await loadSamplesIfEmpty(deps, resolve(ROOT, 'samples'));
    expect(plans.length).toBe(2);
    const names = await loadSampleFrameworks(deps, resolve(ROOT, 'samples/frameworks'));
    expect(names).toHaveLength(1);

    const actor = systemActor('test');
    const drafts = await listFrameworks(deps, actor, { state: 'draft' });
    expect(drafts).toHaveLength(1);
    const [sample] = drafts;
    expect(sample!.unitGroup).toBe('commune');
    expect(sample!.year).toBe(2026);

    const view = await getFramework(deps, actor, sample!.id);
    const leaves = view.criteria.filter((c) => c.rule !== null);
    expect(leaves.length).toBeGreaterThanOrEqual(30);
    expect(new Set(leaves.map((c) => c.rule!.kind)).size).toBe(11);
  });
});
