/**
 * The sample round of a new installation (modules/samples.ts#loadSampleRound), on both engines: the
 * samples loaded as server.ts loads them, then the round — its units under Tỉnh Lâm Đồng, the
 * framework in use, the calendar around the first day, communes in every state, answers of every
 * rule kind with evidence, the accounts — and the sample evidence files accepted by content.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPhase, isPhaseOpen } from '../src/core/assessment.js';
import type { Database } from '../src/db/database.js';
import { evidenceType } from '../src/formats/evidence-type.js';
import { evidenceLimits, FolderEvidenceStore } from '../src/modules/evidence-store.js';
import { calendarOf } from '../src/modules/round-context.js';
import {
  loadSampleFrameworks,
  loadSampleRound,
  loadSamplesIfEmpty,
  SAMPLE_COMMUNES,
  SAMPLE_DEPARTMENTS,
  type SampleRound,
} from '../src/modules/samples.js';
import { createInitialAdmin } from '../src/modules/users-admin.js';
import { TEST_PASSWORD_COST } from './helpers/accounts.js';
import { createTestDatabase, ENGINES, type TestDatabase } from './helpers/databases.js';
import { ROOT } from './helpers/fixtures.js';

const SAMPLES = resolve(ROOT, 'samples');
const FIRST_DAY = new Date('2026-12-01T02:00:00Z');

describe('the sample evidence files', () => {
  it.each([
    ['ke-hoach-cchc-2026.pdf', 'pdf'],
    ['bo-phan-mot-cua.png', 'png'],
  ])('%s is accepted by its content as %s', async (name, type) => {
    const bytes = new Uint8Array(readFileSync(resolve(SAMPLES, 'evidence', name)));
    expect(await evidenceType(bytes, name, 10_000_000)).toMatchObject({ ok: true, type });
  });
});

describe.each(ENGINES)('the sample round (%s)', (engine) => {
  let test: TestDatabase;
  let database: Database;
  let sample: SampleRound | null;
  let folder: string;
  const clock = () => FIRST_DAY;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    database = await test.open();
    folder = mkdtempSync(join(tmpdir(), 'parindex-sample-evidence-'));
    const evidence = { store: new FolderEvidenceStore(folder), limits: evidenceLimits({}) };
    const deps = { db: database.db, clock, passwordCost: TEST_PASSWORD_COST, evidence };
    await loadSamplesIfEmpty(deps, SAMPLES);
    await loadSampleFrameworks(deps, resolve(SAMPLES, 'frameworks'));
    await createInitialAdmin(deps);
    sample = await loadSampleRound(deps, SAMPLES);
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    await test?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('is a round of eight communes of Tỉnh Lâm Đồng, the five departments following its areas', async () => {
    expect(sample).not.toBeNull();
    const db = database.db;
    const units = await db
      .selectFrom('round_units')
      .innerJoin('units', 'units.id', 'round_units.unit_id')
      .innerJoin('units as parent', 'parent.id', 'units.parent_id')
      .select(['units.name', 'units.kind', 'parent.name as parent', 'round_units.state'])
      .where('round_units.round_id', '=', sample!.roundId)
      .execute();
    expect(units.map((u) => u.name).sort()).toEqual(SAMPLE_COMMUNES.map((c) => c.name).sort());
    expect(new Set(units.map((u) => u.parent))).toEqual(new Set(['Tỉnh Lâm Đồng']));
    const followers = await db
      .selectFrom('criteria')
      .innerJoin('units', 'units.id', 'criteria.followed_by')
      .innerJoin('frameworks', 'frameworks.id', 'criteria.framework_id')
      .innerJoin('assessment_rounds', 'assessment_rounds.framework_id', 'frameworks.id')
      .select(['units.name', 'frameworks.state'])
      .where('assessment_rounds.id', '=', sample!.roundId)
      .distinct()
      .execute();
    expect(followers.map((f) => f.name).sort()).toEqual(SAMPLE_DEPARTMENTS.map((d) => d.name).sort());
    expect(new Set(followers.map((f) => f.state))).toEqual(new Set(['in-use']));
  });

  it('opens appraisal round 1 on the first day; the communes that did not finish have the self-assessment open', async () => {
    const db = database.db;
    const calendar = calendarOf(
      await db.selectFrom('round_phases').selectAll().where('round_id', '=', sample!.roundId).execute(),
    );
    expect(currentPhase(calendar, '2026-12-01')).toBe('appraisal1');
    const granted = await db
      .selectFrom('round_extensions')
      .innerJoin('units', 'units.id', 'round_extensions.unit_id')
      .select(['units.name', 'round_extensions.until', 'round_extensions.state'])
      .where('round_id', '=', sample!.roundId)
      .execute();
    const late = SAMPLE_COMMUNES.filter((c) => c.state === 'in-progress' || c.state === 'not-started');
    expect(granted.map((g) => g.name).sort()).toEqual(late.map((c) => c.name).sort());
    for (const g of granted) {
      expect(g.state).toBe('granted');
      expect(isPhaseOpen(calendar, 'self', '2026-12-01', g.until)).toBe(true);
    }
  });

  it('has an account per commune, department and the council, each to change its password', async () => {
    const names = sample!.accounts.map((a) => a.username);
    expect(names).toHaveLength(SAMPLE_COMMUNES.length + SAMPLE_DEPARTMENTS.length + 1);
    const users = await database.db
      .selectFrom('users')
      .select(['username', 'must_change_password'])
      .where('username', 'in', names)
      .execute();
    expect(users).toHaveLength(names.length);
    expect(users.every((u) => u.must_change_password === 1)).toBe(true);
    expect(new Set(sample!.accounts.map((a) => a.password)).size).toBe(names.length);
  });

  it('has communes in every state, as the sample says', async () => {
    const rows = await database.db
      .selectFrom('round_units')
      .innerJoin('units', 'units.id', 'round_units.unit_id')
      .select(['units.name', 'round_units.state'])
      .where('round_id', '=', sample!.roundId)
      .execute();
    const states = Object.fromEntries(rows.map((r) => [r.name, r.state]));
    expect(states).toEqual(Object.fromEntries(SAMPLE_COMMUNES.map((c) => [c.name, c.state])));
  });

  it('holds answers of every rule kind, a returned question and appraisal scores', async () => {
    const db = database.db;
    const answers = await db
      .selectFrom('assessment_answers')
      .innerJoin('criteria', 'criteria.id', 'assessment_answers.criterion_id')
      .select(['criteria.rule', 'assessment_answers.answer'])
      .where('round_id', '=', sample!.roundId)
      .execute();
    const kinds = new Set(answers.map((a) => (JSON.parse(a.rule!) as { kind: string }).kind));
    for (const kind of ['choice', 'bands', 'linear', 'count', 'parts', 'all', 'gate', 'bonus', 'penalty']) {
      expect(kinds, kind).toContain(kind);
    }
    const returns = await db
      .selectFrom('criterion_returns')
      .selectAll()
      .where('round_id', '=', sample!.roundId)
      .execute();
    expect(returns).toHaveLength(1);
    const evidence = await db
      .selectFrom('evidence_files')
      .select(['unit_id', 'type'])
      .where('round_id', '=', sample!.roundId)
      .execute();
    // the plan and the photo, for each of the five communes that submitted
    expect(evidence).toHaveLength(10);
    expect(new Set(evidence.map((e) => e.type))).toEqual(new Set(['pdf', 'png']));
    const scores = await db
      .selectFrom('assessment_scores')
      .select(['stage'])
      .where('round_id', '=', sample!.roundId)
      .execute();
    expect(scores.length).toBeGreaterThan(40);
    expect(new Set(scores.map((s) => s.stage))).toEqual(new Set(['appraisal1']));
  });
});
